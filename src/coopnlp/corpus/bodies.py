"""The same body across documents: agencies rows resolved into bodies.

`agencies.name` is already canonical across documents (the registry's names),
so a body is a folded name and a state; its id is a hash of the two.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from coopnlp.corpus.persons import make_id

# Aliases kept per body in the bodies table (the most used first).
MAX_ALIASES = 20


@lru_cache(maxsize=65536)
def body_key(name: str) -> str:
    """A body name folded: ASCII lower case, no punctuation, no "the"."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = re.sub(r"[^a-z0-9]+", " ", "".join(ch for ch in text if ord(ch) < 128))
    return " ".join(w for w in text.split() if w != "the")


@lru_cache(maxsize=65536)
def body_id(name: str, country: str | None) -> str:
    return make_id("B", body_key(name), country)


@dataclass
class BodyRows:
    """What the agencies rows of one body say over the documents."""

    names: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)

    def add(self, doc_id: str, name: str, kind: str, aliases: list[str]) -> None:
        self.names[name] += 1
        self.kinds[kind] += 1
        self.aliases.update(aliases)
        self.docs.add(doc_id)

    def record(self, body: str, country: str | None) -> dict:
        """The bodies row: the most used name and kind (ties alphabetical)."""
        name = min(self.names, key=lambda n: (-self.names[n], n))
        kind = min(self.kinds, key=lambda k: (-self.kinds[k], k))
        others = (a for a in self.aliases if a != name)
        aliases = sorted(others, key=lambda a: (-self.aliases[a], a))
        return {
            "body_id": body,
            "name": name,
            "aliases": aliases[:MAX_ALIASES],
            "kind": kind,
            "country": country,
            "documents": len(self.docs),
        }

"""The registry of known bodies and the generic body types (functions).

`agencies.jsonl` lists real bodies with their canonical name, kind, country,
parent and aliases; `agency_functions.csv` lists generic body types ("Ministry
of Internal Affairs", "Border Service") with the cue phrases that name them;
`title_bodies.csv` rewrites a position into the body it heads ("Interior
Minister" -> "Interior Ministry"); `body_words.txt` adds words of body names.
Together they turn any surface form into one canonical body:
- a known alias ("MIA of Russia", "Rosgvardia") -> its registry entry;
- a function plus a country ("Azerbaijani Interior Ministry") -> the registry
  entry of that function in that country, or a name built as
  "<type name> of <official country name>", the type named in the text's own
  wording when it is a name ("Minister of Interior" -> "Ministry of Interior of ...").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import ClassVar

from coopnlp.knowledge import header, read_csv, write_csv, write_jsonl
from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.sources import step
from coopnlp.knowledge.user import USER_PREFIX
from coopnlp.resources import read_jsonl, resource_path, split_list, text_lines

ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def key(text: str) -> str:
    """Lookup key of a surface form: no leading article, one space, lower case."""
    text = re.sub(r"[\u2019`]", "'", text)
    return ARTICLE.sub("", " ".join(text.split())).lower()


@dataclass(frozen=True)
class Body:
    """A resolved body: what one agencies row describes."""

    name: str
    kind: str
    country: str | None = None
    parent: str | None = None
    function: str | None = None
    source: str = "registry"


@dataclass(frozen=True)
class Function:
    id: str
    name: str
    kind: str
    cues: tuple[str, ...] = field(default_factory=tuple)
    # Types a generic word may stand for: "Indonesian police" is its National Police.
    generic_for: tuple[str, ...] = field(default_factory=tuple)
    # A state has one body of this type, so a position naming the type ("Federal Police
    # commissioner") identifies it; a "Police Chief" could head any of several forces.
    one_per_state: bool = False


class Registry:
    """Lookups over the shipped (or given) registry and function table."""

    SHIPPED: ClassVar[dict[str, str]] = {
        "bodies": "agencies/agencies.jsonl",
        "functions": "agencies/agency_functions.csv",
        "title_bodies": "agencies/title_bodies.csv",
        "words": "agencies/body_words.txt",
    }
    SAVED: ClassVar[dict[str, str]] = SHIPPED

    def __init__(
        self,
        bodies: list[dict],
        functions: list[dict[str, str]],
        gazetteer: Gazetteer | None = None,
        title_bodies: list[dict[str, str]] | None = None,
        words: list[str] | None = None,
    ) -> None:
        self.body_rows, self.function_rows = bodies, functions
        self.title_body_rows = [
            r for r in title_bodies or [] if not r.get("pattern", "").startswith("#")
        ]
        self.word_rows = list(words or [])
        # (pattern, body word) rewrites that turn a position into the body it heads.
        self.title_bodies = [
            (re.compile(r["pattern"], re.IGNORECASE), r["body"]) for r in self.title_body_rows
        ]
        # Names bodies built from a type and a state ("Border Service of <state>").
        self.gazetteer = gazetteer or Gazetteer.shipped()
        self.functions = [
            Function(
                f["id"],
                f["name"],
                f["kind"],
                tuple(split_list(f.get("cues"))),
                tuple(split_list(f.get("generic_for"))),
                (f.get("one_per_state") or "").strip().lower() in ("1", "yes", "true"),
            )
            for f in functions
        ]
        # Longest cue first, so "Ministry of Internal Affairs" beats "Ministry".
        self.cues = sorted(
            ((key(c), f) for f in self.functions for c in (f.name, *f.cues)),
            key=lambda kf: -len(kf[0]),
        )
        # Each cue's (rank in `cues`, function): a phrase's n-grams are looked up, not
        # every cue searched for in every phrase.
        self._cue_at: dict[str, list[tuple[int, Function]]] = {}
        for rank, (cue, fn) in enumerate(self.cues):
            self._cue_at.setdefault(cue, []).append((rank, fn))
        self._cue_words = max((len(cue.split()) for cue, _ in self.cues), default=0)
        by_id = {b["id"]: b for b in bodies}
        self.bodies: dict[str, Body] = {}
        for b in bodies:
            parent = by_id.get(b.get("parent") or "", {}).get("name")
            fn = self.head_function(b["name"])
            self.bodies[b["id"]] = Body(
                b["name"],
                b["kind"],
                b.get("country"),
                parent,
                fn.id if fn else None,
                source=step("registry", b["id"]),
            )
        self.aliases: dict[str, Body] = {}
        self.names: dict[str, tuple[str, ...]] = {}  # body name -> its lookup keys
        for b in bodies:
            forms = tuple(key(alias) for alias in (b["name"], *b.get("aliases", [])))
            self.names[b["name"]] = forms
            for form in forms:
                self.aliases.setdefault(form, self.bodies[b["id"]])
        self.by_function: dict[tuple[str, str | None], Body] = {}
        self.typed: Counter[tuple[str, str | None]] = Counter()  # bodies per (type, state)
        # A state's own body of a type first; a unit only where the state's body of that
        # type sits inside a ministry (Laos' General Police Department is part of its MPS).
        # A user's body is known by its names, not as its state's body of its type: that
        # stays the shipped one (a body learned from one article must not become what
        # every other article's "Ministry of ..." of that state resolves to).
        # A body of no type ("other": "Bureau of Police Research") only names its type.
        kinds = {f.id: f.kind for f in self.functions}
        for body in sorted(self.bodies.values(), key=lambda b: b.kind == "unit"):
            if body.kind == "other" and kinds.get(body.function or "") != "other":
                continue
            if body.function and not body.source.startswith(step("registry", USER_PREFIX)):
                self.by_function.setdefault((body.function, body.country), body)
                self.typed[(body.function, body.country)] += 1

    @classmethod
    def from_paths(cls, paths: dict[str, Path], gazetteer: Gazetteer | None = None) -> Registry:
        """From files by their `SHIPPED` keys; a missing title or word file is empty."""
        rewrites, words = paths["title_bodies"], paths["words"]
        return cls(
            read_jsonl(paths["bodies"]),
            read_csv(paths["functions"]),
            gazetteer,
            read_csv(rewrites) if rewrites.exists() else [],
            text_lines(words.read_text(encoding="utf-8")) if words.exists() else [],
        )

    @classmethod
    def from_dir(cls, path: Path, gazetteer: Gazetteer | None = None) -> Registry:
        return cls.from_paths({k: path / v for k, v in cls.SAVED.items()}, gazetteer)

    def to_dir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        write_jsonl(path / self.SAVED["bodies"], self.body_rows)
        fields = header(
            self.function_rows, "id", "name", "kind", "cues", "generic_for", "one_per_state"
        )
        write_csv(path / self.SAVED["functions"], self.function_rows, fields)
        write_csv(path / self.SAVED["title_bodies"], self.title_body_rows, ["pattern", "body"])
        words = path / self.SAVED["words"]
        words.write_text("".join(f"{w}\n" for w in self.word_rows), encoding="utf-8")

    @staticmethod
    @cache
    def shipped() -> Registry:
        return Registry.from_paths({k: resource_path(v) for k, v in Registry.SHIPPED.items()})

    def layered(self, rows: list[dict]) -> Registry:
        """This registry with user bodies (`knowledge/user.py`) on top: listed first, so
        their names and aliases win. A missing kind is "international" without a state,
        else read from the name's body type ("other" when it has none); a parent may be
        a name."""
        if not rows:
            return self
        filled = []
        for row in rows:
            fn = self.head_function(row["name"])
            kind = row.get("kind") or (
                "international" if not row.get("country") else fn.kind if fn else "other"
            )
            parent = row.get("parent")
            if parent and parent not in self.bodies and (known := self.by_alias(parent)):
                parent = known.source.split(":", 1)[1]
            filled.append({**row, "kind": kind, "parent": parent})
        return Registry(
            [*filled, *self.body_rows],
            self.function_rows,
            self.gazetteer,
            self.title_body_rows,
            self.word_rows,
        )

    def by_id(self, body_id: str) -> Body | None:
        return self.bodies.get(body_id)

    def by_alias(self, text: str) -> Body | None:
        return self.aliases.get(key(text))

    def _first_cue(self, phrases: Iterable[str], kind: str | None = None) -> Function | None:
        """The function of the longest cue (the first in `cues`) among `phrases`."""
        hits = [
            hit
            for phrase in phrases
            for hit in self._cue_at.get(phrase, ())
            if kind is None or hit[1].kind == kind
        ]
        return min(hits, key=lambda hit: hit[0])[1] if hits else None

    def _ngrams(self, text: str) -> tuple[list[str], range]:
        words = key(text).split()
        return words, range(1, min(self._cue_words, len(words)) + 1)

    def function_in(self, text: str) -> Function | None:
        """The body type a phrase names, by its longest cue (word-bounded)."""
        words, sizes = self._ngrams(text)
        return self._first_cue(
            " ".join(words[i : i + n]) for n in sizes for i in range(len(words) - n + 1)
        )

    def unit_at_end(self, text: str) -> Function | None:
        """A unit type the phrase ends with ("Internal Affairs Ministry press service"):
        in English the last noun is the head, whatever longer cue the modifier holds."""
        words, sizes = self._ngrams(text)
        return self._first_cue((" ".join(words[-n:]) for n in sizes), kind="unit")

    def head_function(self, name: str) -> Function | None:
        """The type of a body by the words its name starts with ("Press Service of the
        Ministry of ..." is a press service, "Border Service of the National Security
        Committee" a border service), else by its longest cue. A body "under" another
        ("Center on Drug Control under the Cabinet of Ministers") is not of its type."""
        name = name.split(" under ")[0]
        words, sizes = self._ngrams(name)
        return self._first_cue(" ".join(words[:n]) for n in sizes) or self.function_in(name)

    def called(self, text: str, function: str, countries: list[str]) -> Body | None:
        """The one known body of type `function` among `countries` whose name or an alias
        contains `text` ("National Police Agency" in a Japan-Philippines story -> the
        National Police Agency of Japan, not the Philippine National Police)."""
        words = f" {key(text)} "
        found = {
            body.name: body
            for country in countries
            if (body := self.by_function.get((function, country))) is not None
            and any(words in f" {form} " for form in self.names.get(body.name, ()))
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def cue_start(self, text: str, fn: Function) -> int | None:
        """The word index where the longest cue of type `fn` starts in `text`, if any."""
        words, sizes = self._ngrams(text)
        cues = {key(c) for c in (fn.name, *fn.cues)}
        for n in reversed(sizes):
            for i in range(len(words) - n + 1):
                if " ".join(words[i : i + n]) in cues:
                    return i
        return None

    def type_name(self, fn: Function, wording: str | None = None) -> str:
        """The name of a body of type `fn` as the text words it, when its words are a
        name: "Minister of Interior" -> "Ministry of Interior", "Interior Ministry" ->
        "Ministry of Interior" (its "of" form among the type's cues), "Border Guard";
        else the type's own name. Abbreviations and one-word cues name nothing."""
        names = {key(c): c for c in (fn.name, *fn.cues) if c[:1].isupper() and c.lower() != c}
        names = {k: c for k, c in names.items() if not c.isupper() and " " in c}
        words, sizes = self._ngrams(body_wording_of(self.title_bodies, wording or ""))
        for n in reversed(sizes):
            for i in range(len(words) - n + 1):
                cue = names.get(" ".join(words[i : i + n]))
                if cue is None:
                    continue
                *modifier, head = cue.split()
                if " of " in f" {cue} " or " for " in f" {cue} " or head != "Ministry":
                    return cue
                # "Interior Ministry" -> "Ministry of Interior" (or "of Home Affairs").
                for form in (
                    f"Ministry of {' '.join(modifier)}",
                    f"Ministry of {' '.join(modifier)} Affairs",
                ):
                    if key(form) in names:
                        return names[key(form)]
                return fn.name
        return fn.name

    def national(self, fn: Function, country: str, wording: str | None = None) -> Body:
        """The body of type `fn` in `country`: known (for a generic type, the state's known
        body of a type it stands for), or named from its parts (the type in the text's
        `wording` when it is a name)."""
        for function in (fn.id, *fn.generic_for):
            known = self.by_function.get((function, country))
            if known is not None:
                return known
        return Body(
            f"{self.type_name(fn, wording)} of {self.gazetteer.official_name(country)}",
            fn.kind,
            country,
            None,
            fn.id,
            source=step("function", fn.id),
        )

    def sole(self, fn: Function, country: str) -> bool:
        """Whether the state has exactly one known body of type `fn` (or of the types it
        stands for): "the police" of a state with one force, not of one with many."""
        return sum(self.typed[(f, country)] for f in (fn.id, *fn.generic_for)) == 1

    def body_wording(self, title: str) -> str:
        """Rewrite a position as its body: "Interior Minister" -> "Interior Ministry"."""
        return body_wording_of(self.title_bodies, title)

    @cached_property
    def body_words(self) -> frozenset[str]:
        """Lower-case words that occur in body names: registry, body types, extras.

        Used to tell where the name of a body ends and a person's name begins when
        both are written as one capitalised run ("Minister of Public Security Bui Van Nam").
        """
        phrases = [*self.aliases, *(cue for cue, _ in self.cues)]
        words = {w for phrase in phrases for w in re.findall(r"[a-z]+", phrase.lower())}
        return frozenset(words | {w.lower() for w in self.word_rows})


def body_wording_of(rewrites: list[tuple[re.Pattern[str], str]], title: str) -> str:
    """`title` with each (pattern, body word) rewrite applied in order."""
    for pattern, body in rewrites:
        title = pattern.sub(body, title)
    return title

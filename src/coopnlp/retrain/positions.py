"""Whether a phrase names a position ("Interior Minister", "Ambassador to X") rather than a body.

Shared by `learn` (a missed AGENCY span that reads as a position is not learned)
and `annotate from-gold` (an agency alias that reads as a position stays a
position). The title heads are the shipped `titles/title_heads.csv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.registry import key
from coopnlp.resources import csv_rows

# "Ambassador to", "Minister of", "Adviser for": a title head followed by these names a position.
POSITION_LINKS = frozenset({"to", "of", "for"})


@cache
def position_heads() -> tuple[tuple[str, ...], frozenset[str]]:
    """Title heads ("deputy minister"), and the one-word ones a position can end with."""
    heads = tuple(key(row["head"]) for row in csv_rows("titles/title_heads.csv"))
    return heads, frozenset(h for h in heads if " " not in h)


def position_words(words: Sequence[str]) -> bool:
    """Lower-case words (leading country words and "the" removed) that read as a position.

    A title head at the start ("minister of ..."), a one-word head at the end
    ("interior minister"), or a one-word head before to/of/for.
    """
    if not words:
        return False
    heads, single = position_heads()
    rest = " ".join(words)
    return (
        any(rest.startswith(f"{h} ") or rest == h for h in heads)
        or words[-1] in single
        or any(w in single and nxt in POSITION_LINKS for w, nxt in pairwise(words))
    )


def reads_as_position(text: str) -> bool:
    """`position_words` of a phrase, its leading country names and "the" set aside."""
    words = key(text).split()
    gazetteer = Gazetteer.shipped()
    while words and (words[0] == "the" or gazetteer.lookup(words[0]) is not None):
        words = words[1:]
    return position_words(words)

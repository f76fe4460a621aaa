"""What the pattern builders share: reading a resources folder, expanding cells, writing.

The builders read their vocabulary from data files under one resources folder
(the package's by default, a small invented one in tests), named by their path
relative to it ("ranks/ranks.csv"):

* named word lists as ``list,word`` CSV rows (``@name`` in a cell refers to one),
* multi-word forms written as ``|``-separated phrases whose words are separated
  by spaces, ``-`` standing for an optional hyphen ("Director - General").

A pattern file is one JSON object per line (``label``, ``id``, ``pattern``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from coopnlp.resources import read_csv, split_list

# The shipped data: src/coopnlp/resources/ of this checkout (never an installed copy).
RESOURCES = Path(__file__).resolve().parents[2] / "src" / "coopnlp" / "resources"

Token = dict[str, Any]
Pattern = list[Token]
Form = tuple[str, ...]
Entry = dict[str, Any]  # one line of a pattern file

HYPHEN_WORD = "-"  # in a form: an optional hyphen, "Director - General"
HYPHENS = ["-", "\u2013"]


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file, cells stripped (a missing cell reads as empty)."""
    return [{k: (v or "").strip() for k, v in row.items()} for row in read_csv(path)]


def read_word_lists(path: Path) -> dict[str, list[str]]:
    """Named word lists from ``list,word`` rows, each in file order."""
    lists: dict[str, list[str]] = defaultdict(list)
    for row in read_rows(path):
        lists[row["list"]].append(row["word"])
    return dict(lists)


def expand(cell: str, lists: dict[str, list[str]]) -> list[str]:
    """A ``|``-separated cell with ``@name`` items replaced by that word list."""
    out: list[str] = []
    for item in split_list(cell):
        if not item.startswith("@"):
            out.append(item)
        elif item[1:] in lists:
            out += lists[item[1:]]
        else:
            raise ValueError(f"unknown word list {item!r}")
    return out


def forms(cell: str) -> tuple[Form, ...]:
    """The phrases of a ``|``-separated cell, each split into words."""
    return tuple(tuple(phrase.split()) for phrase in split_list(cell))


def flag(row: dict[str, str], column: str) -> bool:
    value = row[column]
    if value not in ("yes", "no"):
        raise ValueError(f"{row.get('id', row)}: {column} must be yes or no, not {value!r}")
    return value == "yes"


def optional_hyphen() -> Token:
    return {"ORTH": {"IN": list(HYPHENS)}, "OP": "?"}


def collect(label: str, pairs: Iterable[tuple[str, Pattern | str]]) -> list[Entry]:
    """Span-ruler entries for (id, pattern) pairs, in order, each pair once."""
    out: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    for pattern_id, pattern in pairs:
        key = (pattern_id, json.dumps(pattern, sort_keys=True))
        if key not in seen:
            seen.add(key)
            out.append({"label": label, "id": pattern_id, "pattern": pattern})
    return out


def render(patterns: Sequence[Entry]) -> str:
    """The text of a pattern file: one JSON object per line."""
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in patterns)

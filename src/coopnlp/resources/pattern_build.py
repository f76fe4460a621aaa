"""Pieces shared by the token-pattern builders (``build_rank_patterns``, ``build_title_patterns``).

Both read their vocabulary from data files in one resources folder, so a test
can build from a modified copy of that folder:

* named word lists as ``list,word`` CSV rows (``@name`` in a cell refers to one),
* multi-word forms written as ``|``-separated phrases whose words are separated
  by spaces, ``-`` standing for an optional hyphen ("Director - General"),

and write ``patterns/<label>.jsonl`` with the country builder's ``write_patterns``.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from coopnlp.resources import split_list
from coopnlp.resources.build_country_patterns import write_patterns

RESOURCES = Path(__file__).resolve().parent

Token = dict[str, Any]
Pattern = list[Token]
Form = tuple[str, ...]

HYPHEN_WORD = "-"  # in a form: an optional hyphen, "Director - General"
HYPHENS = ["-", "\u2013"]


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file, cells stripped (a missing cell reads as empty)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


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


def collect(label: str, pairs: Iterable[tuple[str, Pattern]]) -> list[dict[str, Any]]:
    """Span-ruler entries for (id, pattern) pairs, in order, each pair once."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for pattern_id, pattern in pairs:
        key = (pattern_id, json.dumps(pattern, sort_keys=True))
        if key not in seen:
            seen.add(key)
            out.append({"label": label, "id": pattern_id, "pattern": pattern})
    return out


def run(
    argv: Sequence[str] | None,
    doc: str | None,
    build: Callable[[Path], list[dict[str, Any]]],
    output_name: str,
) -> int:
    """Command line of a builder (``doc``, its module docstring, is the help): read
    ``--resources``, write ``--out``."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--resources", type=Path, default=RESOURCES, help="folder of data files")
    default = f"RESOURCES/patterns/{output_name}"
    parser.add_argument("--out", type=Path, help=f"output file (default: {default})")
    args = parser.parse_args(argv)
    out = args.out or args.resources / "patterns" / output_name
    patterns = build(args.resources)
    write_patterns(patterns, out)
    print(f"wrote {len(patterns)} patterns to {out}")
    return 0

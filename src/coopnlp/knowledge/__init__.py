"""Pure lookups over data files: the registry of bodies, the country gazetteer, the rank
table and known people.

Each is a class built from rows (tests pass small ones), loadable from a folder
(`from_dir`) and writable to one (`to_dir`, used by the components' `to_disk`), with a
cached loader of the shipped data (`shipped()`); the shipped files are named once, in
each class's `SHIPPED`. Nothing here is a spaCy component.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from coopnlp.resources import read_csv

__all__ = ["header", "read_csv", "write_csv", "write_jsonl"]


def write_csv(path: Path, rows: Iterable[Mapping[str, Any]], fields: Iterable[str]) -> None:
    """Write rows as CSV with the given header (missing cells empty)."""
    path.parent.mkdir(parents=True, exist_ok=True)  # saved names keep their folder
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write objects as JSON Lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def header(rows: list[dict[str, str]], *required: str) -> list[str]:
    """The columns of `rows` (the required ones even when there are no rows)."""
    fields = list(required)
    for row in rows:
        fields += [k for k in row if k not in fields]
    return fields

"""Package data: patterns, gazetteers and word lists, and small readers for them.

Everything that is a word list lives here as a data file (JSONL, CSV, TXT), in
one folder per pipeline component (``persons/``, ``agencies/``, ``countries/``,
``ranks/``, ``titles/``, ``agreements/``, ``officials/``, ``cleaning/``,
``tokenizer/``; the span ruler's ``patterns/``), so that users can edit it.
Resources are named by their path relative to this folder
("persons/honorifics.txt"). The named readers are cached because the pipeline
asks for the same files from several components; the ``read_*`` ones take any
path (the pattern builders in ``scripts/patterns/`` read a folder of data files
with them). This package holds no code besides these readers.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

PACKAGE = "coopnlp.resources"


def resource_path(name: str) -> Path:
    """Path of a resource file shipped with the package ("agencies/agencies.jsonl")."""
    return Path(str(resources.files(PACKAGE).joinpath(name)))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSON Lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts keyed by its header."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def csv_text_rows(text: str) -> list[dict[str, str]]:
    """Rows of CSV text as dicts keyed by its header."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_lines(path: Path) -> list[str]:
    """Non-empty, non-comment (``#``) lines of a text file, stripped."""
    return text_lines(path.read_text(encoding="utf-8"))


def text_lines(text: str) -> list[str]:
    """Non-empty, non-comment (``#``) lines of a text, stripped."""
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


@cache
def jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """A shipped JSONL resource (cached, read-only)."""
    return tuple(read_jsonl(resource_path(name)))


@cache
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a shipped CSV resource as dicts (cached, read-only)."""
    return tuple(read_csv(resource_path(name)))


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a shipped text resource (none when it is missing)."""
    path = resource_path(name)
    return tuple(read_lines(path)) if path.exists() else ()


def split_list(value: str | None, sep: str = "|") -> list[str]:
    """A '|'-separated CSV cell as a list of stripped, non-empty items."""
    return [v.strip() for v in (value or "").split(sep) if v.strip()]

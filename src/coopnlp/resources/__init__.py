"""Package data: patterns, gazetteers and word lists, and small readers for them.

Everything that is a word list lives here as a data file (JSONL, CSV, TXT) so
that users can edit it; the readers below are cached because the pipeline asks
for the same files from several components.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

PACKAGE = "coopnlp.resources"


def resource_path(name: str) -> Path:
    """Path of a resource file shipped with the package."""
    return Path(str(resources.files(PACKAGE).joinpath(name)))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSON Lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@cache
def jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """A shipped JSONL resource (cached, read-only)."""
    return tuple(read_jsonl(resource_path(name)))


@cache
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a shipped CSV resource as dicts (cached, read-only)."""
    with resource_path(name).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a shipped text resource."""
    path = resource_path(name)
    if not path.exists():
        return ()
    with path.open(encoding="utf-8") as fh:
        return tuple(s for s in (line.strip() for line in fh) if s and not s.startswith("#"))


def split_list(value: str | None, sep: str = "|") -> list[str]:
    """A '|'-separated CSV cell as a list of stripped, non-empty items."""
    return [v.strip() for v in (value or "").split(sep) if v.strip()]

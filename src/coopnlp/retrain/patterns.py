"""User pattern folders: list, show, add and remove span-ruler patterns as data.

A user folder holds `<label>.jsonl` files in the shipped format (see
docs/resources.md) and is layered over the shipped patterns with
`coopnlp extract --patterns DIR`. The shipped folder is package data and is
only ever read.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, get_args

from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.ranks import RankTable
from coopnlp.knowledge.registry import Registry
from coopnlp.pipeline.rulers import PATTERN_LABELS, pattern_files
from coopnlp.records.models import AgreementKind
from coopnlp.resources import csv_rows, read_jsonl, resource_path

DEFAULT_DIR = Path("patterns")
# Ids of patterns this package writes for bodies the registry does not know:
# the "grammar:" prefix makes the agency resolver name the body from its words.
LEARNED_AGENCY_ID = "grammar:learned"
LEARNED_ID = "learned"


class PatternError(ValueError):
    """A pattern that cannot be added, or a folder that must not be written."""


def shipped_dir() -> Path:
    return resource_path("patterns")


def label_file(directory: Path, label: str) -> Path:
    label = label.lower()
    if label not in PATTERN_LABELS:
        raise PatternError(f"unknown label {label.upper()}; one of {', '.join(PATTERN_LABELS)}")
    return directory / f"{label}.jsonl"


def writable(directory: Path) -> Path:
    """The folder, refused when it is (or lies inside) the shipped package data."""
    resolved = directory.resolve()
    shipped = shipped_dir().resolve().parent
    if resolved == shipped or shipped in resolved.parents:
        raise PatternError(f"{directory} is package data; write to a user folder instead")
    return directory


def read_dir(directory: Path) -> list[dict[str, Any]]:
    """Every pattern of a folder, in label order (empty when the folder is missing)."""
    if not directory.is_dir():
        return []
    return [p for path in pattern_files(directory) for p in read_jsonl(path)]


def is_phrase(pattern: dict[str, Any]) -> bool:
    return isinstance(pattern["pattern"], str)


@dataclass(frozen=True)
class LabelCount:
    label: str
    phrase: int
    token: int


def counts(directory: Path) -> list[LabelCount]:
    """Phrase and token pattern counts per label of a folder."""
    by_label: Counter[tuple[str, bool]] = Counter(
        (p["label"], is_phrase(p)) for p in read_dir(directory)
    )
    labels = sorted({label for label, _ in by_label}, key=lambda x: x.lower())
    return [LabelCount(lab, by_label[(lab, True)], by_label[(lab, False)]) for lab in labels]


def _csv_id(name: str, column: str, text: str) -> str | None:
    lowered = " ".join(text.lower().split())
    return next((r["id"] for r in csv_rows(name) if r[column].lower() == lowered), None)


def default_id(label: str, text: str) -> str:
    """The id a pattern for `text` needs so that the pipeline links its spans.

    COUNTRY: the ISO3 code; AGENCY: the registry id of a known body, else a
    grammar id (the body is named from its words); AGREEMENT: the kind; RANK and
    TITLE: the base rank / title head when the text is one.
    """
    label = label.upper()
    if label == "COUNTRY":
        code = Gazetteer.shipped().lookup(text)
        if code is None:
            raise PatternError(f"no ISO3 code known for {text!r}: pass --id ISO3")
        return code
    if label == "AGENCY":
        body = Registry.shipped().by_alias(text)
        if body is not None and body.source.startswith("registry:"):
            return body.source.split(":", 1)[1]
        return LEARNED_AGENCY_ID
    if label == "AGREEMENT":
        kinds = set(get_args(AgreementKind))
        words = [w.strip(".,;:").lower() for w in text.split()]
        return next((w for w in reversed(words) if w in kinds), "other")
    if label == "RANK":
        return RankTable.shipped().id_of(text) or LEARNED_ID
    if label == "TITLE":
        return _csv_id("titles/title_heads.csv", "head", text) or LEARNED_ID
    return LEARNED_ID


def add_patterns(directory: Path, patterns: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Append patterns to a user folder, skipping any it already holds; returns those added."""
    writable(directory)
    existing = {(p["label"], json.dumps(p["pattern"], sort_keys=True)) for p in read_dir(directory)}
    added: list[dict[str, Any]] = []
    for pattern in patterns:
        signature = (pattern["label"], json.dumps(pattern["pattern"], sort_keys=True))
        if signature in existing:
            continue
        existing.add(signature)
        path = label_file(directory, pattern["label"])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(pattern, ensure_ascii=False) + "\n")
        added.append(pattern)
    return added


def add_phrase(directory: Path, label: str, phrase: str, key: str | None = None) -> bool:
    """Add one phrase pattern; False when the folder already has it."""
    label = label.upper()
    label_file(directory, label)
    if not phrase.strip():
        raise PatternError("empty phrase")
    pattern = {
        "label": label,
        "id": key or default_id(label, phrase),
        "pattern": phrase,
        "provenance": {"source": "cli", "added": date.today().isoformat()},
    }
    return bool(add_patterns(directory, [pattern]))


def remove(directory: Path, key: str, label: str | None = None, phrase: str | None = None) -> int:
    """Remove a user folder's patterns with this id (optionally one label / phrase)."""
    writable(directory)
    removed = 0
    for path in pattern_files(directory):
        patterns = read_jsonl(path)
        kept = [
            p
            for p in patterns
            if not (
                p.get("id") == key
                and (label is None or p["label"] == label.upper())
                and (phrase is None or p["pattern"] == phrase)
            )
        ]
        if len(kept) != len(patterns):
            removed += len(patterns) - len(kept)
            with path.open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in kept)
    return removed

"""Span annotations from gold records: where the gold's names stand in the text.

A gold file (records.md section 3) says what a document names, not where.
This finds each gold surface form in the document's cleaned text (word-bounded,
case-sensitive): agency names and aliases (AGENCY, with the registry id when
the registry knows the body), the names by which the gold countries are known
(COUNTRY, id = ISO3), officials' names, ranks and titles as written (PERSON,
RANK, TITLE) and agreement titles (AGREEMENT, id = kind). Forms the text does
not contain verbatim are skipped and reported as *unplaced*; an agency alias
that reads as a position ("Interior Minister", listed in the gold because the
article names the ministry by its minister) stays a position: it is not an
AGENCY span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from coopnlp.evaluate import load_gold
from coopnlp.knowledge.registry import Registry
from coopnlp.pipeline.rulers import load_patterns
from coopnlp.retrain.export import cleaned_documents
from coopnlp.retrain.formats import Annotated, Mark
from coopnlp.retrain.safeguards import phrase, reads_as_position


@dataclass
class Placed:
    """One document's spans from its gold record, and the gold names not found in it."""

    annotated: Annotated
    # (label, name) of each gold thing none of whose forms the text contains verbatim.
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    # Agency aliases left out because they read as positions.
    positions: list[str] = field(default_factory=list)


@cache
def country_forms() -> dict[str, tuple[str, ...]]:
    """ISO3 -> the phrases of the shipped COUNTRY patterns with that code."""
    forms: dict[str, list[str]] = {}
    for p in load_patterns():
        if p["label"] == "COUNTRY" and isinstance(p["pattern"], str):
            forms.setdefault(p["id"], []).append(p["pattern"])
    return {k: tuple(v) for k, v in forms.items()}


def find_all(text: str, form: str) -> Iterator[tuple[int, int]]:
    """Word-bounded occurrences of `form` in `text`."""
    if not form.strip():
        return
    for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
        yield m.start(), m.end()


def _agency_id(name: str) -> str | None:
    body = Registry.shipped().by_alias(name)
    if body is not None and body.source.startswith("registry:"):
        return body.source.split(":", 1)[1]
    return None


# One gold thing: its label, the name to report, and the (form, id) pairs that place it.
Thing = tuple[str, str, list[tuple[str, str | None]]]


def _things(record: dict[str, Any], positions: list[str]) -> Iterator[Thing]:
    """Everything a gold record names, with the surface forms that may stand for it."""
    for agency in record.get("agencies") or []:
        key = _agency_id(agency["name"])
        forms = []
        for form in sorted({agency["name"], *(agency.get("aliases") or [])}):
            if form != agency["name"] and reads_as_position(phrase(form)):
                positions.append(form)
                continue
            forms.append((form, key))
        yield "AGENCY", agency["name"], forms
    for iso3 in record.get("countries") or []:
        yield "COUNTRY", iso3, [(form, iso3) for form in country_forms().get(iso3, ())]
    for official in record.get("officials") or []:
        for label, name in (("PERSON", "name"), ("RANK", "rank"), ("TITLE", "title")):
            if official.get(name):
                yield label, official[name], [(official[name], None)]
    for agreement in record.get("agreements") or []:
        if agreement.get("title"):
            yield "AGREEMENT", agreement["title"], [(agreement["title"], agreement.get("kind"))]


def place(text: str, doc_id: str, record: dict[str, Any]) -> Placed:
    """The spans of one document that its gold record names, and what it could not place."""
    marks: set[Mark] = set()
    unplaced: list[tuple[str, str]] = []
    positions: list[str] = []
    for label, name, forms in _things(record, positions):
        found = {Mark(s, e, label, key) for form, key in forms for s, e in find_all(text, form)}
        if not found and (label, name) not in unplaced:
            unplaced.append((label, name))
        marks |= found
    spans = sorted(marks, key=lambda m: (m.start, -m.end, m.label))
    return Placed(Annotated(text, doc_id, spans, record), unplaced, sorted(set(positions)))


def annotate(text: str, doc_id: str, record: dict[str, Any]) -> Annotated:
    """The spans of one document that its gold record names."""
    return place(text, doc_id, record).annotated


def from_gold(gold_path: str | Path, docs: Iterable[tuple[str, str]]) -> Iterator[Placed]:
    """Placed gold of the (doc_id, cleaned text) pairs the gold file covers."""
    gold = load_gold(Path(gold_path))
    for doc_id, text in docs:
        if doc_id in gold:
            yield place(text, doc_id, gold[doc_id])


def from_gold_files(gold_path: str | Path, docs_dir: str | Path) -> Iterator[Placed]:
    """`from_gold` over the documents of a folder, cleaned as `extract` cleans them."""
    return from_gold(gold_path, cleaned_documents(docs_dir))

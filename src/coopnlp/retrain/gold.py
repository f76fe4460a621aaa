"""Span annotations from gold records: where the gold's names stand in the text.

A gold file (records.md section 3) says what a document names, not where.
This finds each gold surface form in the document's cleaned text (word-bounded,
case-sensitive): agency names and aliases (AGENCY, with the registry id when
the registry knows the body), the names by which the gold countries are known
(COUNTRY, id = ISO3), officials' names, ranks and titles as written (PERSON,
RANK, TITLE) and agreement titles (AGREEMENT, id = kind). Forms the text does
not contain verbatim are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from coopnlp.evaluate import load_gold
from coopnlp.knowledge.registry import Registry
from coopnlp.pipeline.rulers import load_patterns
from coopnlp.retrain.export import cleaned_documents
from coopnlp.retrain.formats import Annotated, Mark


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


def _forms(record: dict[str, Any]) -> Iterator[tuple[str, str, str | None]]:
    """(label, surface form, id) for everything a gold record names."""
    for agency in record.get("agencies") or []:
        key = _agency_id(agency["name"])
        for form in {agency["name"], *(agency.get("aliases") or [])}:
            yield "AGENCY", form, key
    for iso3 in record.get("countries") or []:
        for form in country_forms().get(iso3, ()):
            yield "COUNTRY", form, iso3
    for official in record.get("officials") or []:
        for label, field in (("PERSON", "name"), ("RANK", "rank"), ("TITLE", "title")):
            if official.get(field):
                yield label, official[field], None
    for agreement in record.get("agreements") or []:
        if agreement.get("title"):
            yield "AGREEMENT", agreement["title"], agreement.get("kind")


def annotate(text: str, doc_id: str, record: dict[str, Any]) -> Annotated:
    """The spans of one document that its gold record names."""
    marks = {
        Mark(start, end, label, key)
        for label, form, key in _forms(record)
        for start, end in find_all(text, form)
    }
    return Annotated(text, doc_id, sorted(marks, key=lambda m: (m.start, -m.end, m.label)))


def from_gold(gold_path: str | Path, docs: Iterable[tuple[str, str]]) -> Iterator[Annotated]:
    """Annotated documents for the (doc_id, cleaned text) pairs the gold file covers."""
    gold = load_gold(Path(gold_path))
    for doc_id, text in docs:
        if doc_id in gold:
            yield annotate(text, doc_id, gold[doc_id])


def from_gold_files(gold_path: str | Path, docs_dir: str | Path) -> Iterator[Annotated]:
    """`from_gold` over the documents of a folder, cleaned as `extract` cleans them."""
    return from_gold(gold_path, cleaned_documents(docs_dir))

"""Annotated documents in the formats annotation tools read and write.

The exchange format is the spaCy/Prodigy span format, one document per line:

    {"text": "...", "meta": {"doc_id": "003"},
     "spans": [{"start": 0, "end": 6, "label": "COUNTRY", "id": "RUS"}]}

(`id` is optional: the pattern id / canonical key a span links to; `meta.record`,
optional, is the document's corrected record as in a gold file, which
`annotate from-gold` writes and `patterns learn` learns bodies and people from). On the way
back in, Doccano JSONL (`{"text", "label": [[start, end, "LABEL"]]}`, or the
newer `entities` list) and Label Studio's JSON export (a list of tasks with
`data.text` and `annotations[].result[].value`) are read as well.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# What the coop span group holds; the NER and the patterns learn these.
LABELS = ("PERSON", "RANK", "TITLE", "AGENCY", "COUNTRY", "AGREEMENT")
# Prodigy marks examples the annotator threw away with these answers.
_REJECTED = frozenset({"reject", "ignore"})


@dataclass(frozen=True)
class Mark:
    """One labelled character span of an annotated text."""

    start: int
    end: int
    label: str
    id: str | None = None


@dataclass
class Annotated:
    """One document with its labelled spans (overlaps allowed)."""

    text: str
    doc_id: str
    spans: list[Mark] = field(default_factory=list)
    # The document's corrected record (records.md section 3), when the annotations carry one.
    record: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        spans = []
        for m in sorted(self.spans, key=lambda m: (m.start, -m.end, m.label)):
            item: dict[str, Any] = {"start": m.start, "end": m.end, "label": m.label}
            if m.id:
                item["id"] = m.id
            spans.append(item)
        meta: dict[str, Any] = {"doc_id": self.doc_id}
        if self.record is not None:
            meta["record"] = self.record
        return {"text": self.text, "meta": meta, "spans": spans}


class FormatError(ValueError):
    """An annotation file that none of the known formats describes."""


def _valid(text: str, marks: Iterable[Mark], where: str) -> list[Mark]:
    kept = []
    for m in marks:
        if not (0 <= m.start < m.end <= len(text)):
            raise FormatError(f"{where}: span {m.start}-{m.end} outside the text")
        kept.append(Mark(m.start, m.end, m.label.upper(), m.id or None))
    return kept


def _doc_id(obj: dict[str, Any], fallback: str) -> str:
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    data = obj.get("data") if isinstance(obj.get("data"), dict) else {}
    for value in (meta.get("doc_id"), obj.get("doc_id"), data.get("doc_id"), obj.get("id")):
        if value not in (None, ""):
            return str(value)
    return fallback


def _label_studio(obj: dict[str, Any], where: str) -> Annotated | None:
    """A Label Studio task: its latest kept annotation, else its predictions."""
    text = obj["data"].get("text")
    if not isinstance(text, str):
        raise FormatError(f"{where}: Label Studio task without data.text")
    kept = [a for a in obj.get("annotations") or [] if not a.get("was_cancelled")]
    source = kept[-1:] or (obj.get("predictions") or [])[:1]
    if not source:
        return None
    marks = []
    for result in source[0].get("result") or []:
        value = result.get("value") or {}
        for label in value.get("labels") or []:
            marks.append(Mark(int(value["start"]), int(value["end"]), label))
    return Annotated(text, _doc_id(obj, where), _valid(text, marks, where))


def parse_record(obj: dict[str, Any], where: str) -> Annotated | None:
    """One annotated document from any supported format (None: rejected or unannotated)."""
    if isinstance(obj.get("data"), dict):
        return _label_studio(obj, where)
    text = obj.get("text")
    if not isinstance(text, str):
        raise FormatError(f"{where}: no 'text'")
    if "spans" in obj:
        if obj.get("answer") in _REJECTED:
            return None
        marks = [
            Mark(int(s["start"]), int(s["end"]), s["label"], s.get("id")) for s in obj["spans"]
        ]
    elif isinstance(obj.get("label"), list) or isinstance(obj.get("labels"), list):
        triples = obj.get("label") if isinstance(obj.get("label"), list) else obj["labels"]
        marks = [Mark(int(s), int(e), str(lab)) for s, e, lab in triples]
    elif isinstance(obj.get("entities"), list):
        marks = [
            Mark(int(e["start_offset"]), int(e["end_offset"]), e["label"]) for e in obj["entities"]
        ]
    else:
        raise FormatError(f"{where}: neither 'spans', 'label' nor 'entities'")
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    record = meta.get("record") if isinstance(meta.get("record"), dict) else None
    return Annotated(text, _doc_id(obj, where), _valid(text, marks, where), record)


def read_annotations(path: str | Path) -> list[Annotated]:
    """Annotated documents of a span-format / Doccano JSONL file or a Label Studio export."""
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    stripped = raw.lstrip()
    objects: list[tuple[str, Any]]
    if stripped.startswith("["):
        objects = [(f"{path.name}[{i}]", o) for i, o in enumerate(json.loads(raw), 1)]
    else:
        objects = [
            (f"{path.name}:{i}", json.loads(line))
            for i, line in enumerate(raw.splitlines(), 1)
            if line.strip()
        ]
    docs = []
    for where, obj in objects:
        if not isinstance(obj, dict):
            raise FormatError(f"{where}: not a JSON object")
        doc = parse_record(obj, where)
        if doc is not None:
            docs.append(doc)
    return docs


def write_annotations(path: str | Path, docs: Iterable[Annotated]) -> int:
    """Write documents in the span format; returns how many were written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n

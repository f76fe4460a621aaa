"""Doc -> records: the one place where table rows are made.

Components leave resolved entities as plain dicts in `doc._.coop` and labelled
spans in `doc.spans["coop"]`; this module turns them into validated pydantic
records, one list per table, and makes every document's `documents` row. It
sits in the engine, above the pipeline, because it reads the pipeline's span
conventions (`pipeline.spans`); the models it fills live in `records`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import get_args

from spacy.tokens import Doc

from coopnlp.matching.sentences import sentence_texts
from coopnlp.pipeline.spans import SPANS_KEY, score_of, source_of
from coopnlp.records.document import RawDocument
from coopnlp.records.meetings import meeting_records
from coopnlp.records.models import (
    Agency,
    Agreement,
    Country,
    Document,
    Mention,
    MentionLabel,
    Official,
    Record,
)

MENTION_LABELS = set(get_args(MentionLabel))
# Agreements at these stages happened at the time of the article.
DATED_STATUSES = {"signed", "agreed"}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_record(
    raw: RawDocument,
    text: str = "",
    language: str | None = None,
    status: str | None = None,
    error: str | None = None,
    date: dt.date | None = None,
    source: str | None = None,
    digest: str | None = None,
) -> Document:
    """The documents row of one input, whatever became of it (`digest`: the
    text's `content_hash`, when the caller has it already)."""
    return Document(
        doc_id=raw.doc_id,
        path=raw.path,
        date=raw.date or date,
        title=raw.title,
        url=raw.url,
        source=raw.source or source,
        language=language,
        n_chars=len(text),
        status=status or raw.status,
        error=error if error is not None else raw.error,
        content_hash=digest or (content_hash(text) if text else None),
        text=text,
    )


def doc_records(doc: Doc, doc_id: str, date: dt.date | None = None) -> dict[str, list[Record]]:
    """Validated records of every entity table for one processed Doc."""
    store = doc._.coop or {}
    out: dict[str, list[Record]] = {
        # The document's own values are kept beside those the corpus pass may mend.
        "officials": [
            Official(
                doc_id=doc_id,
                **o,
                doc_country=o.get("country"),
                doc_agency=o.get("agency"),
                doc_score=o.get("score"),
            )
            for o in store.get("officials", [])
        ],
        "agencies": [
            Agency(doc_id=doc_id, **a, doc_country=a.get("country"), doc_score=a.get("score"))
            for a in store.get("agencies", [])
        ],
        "countries": [Country(doc_id=doc_id, **c) for c in store.get("countries", [])],
        "agreements": [
            Agreement(doc_id=doc_id, date=date if a["status"] in DATED_STATUSES else None, **a)
            for a in store.get("agreements", [])
        ],
    }
    out["meetings"] = list(meeting_records(store.get("meetings", []), doc_id, date))
    spans = doc.spans.get(SPANS_KEY, [])
    sentence = sentence_texts(doc)
    out["mentions"] = [
        Mention(
            doc_id=doc_id,
            label=span.label_,
            text=span.text,
            start_char=span.start_char,
            end_char=span.end_char,
            key=span.kb_id_ or None,
            sentence=sentence(span),
            score=score_of(span),
            source=source_of(span),
        )
        for span in spans
        if span.label_ in MENTION_LABELS
    ]
    return out

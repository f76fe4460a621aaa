"""Run extraction on this machine: read -> clean -> pipeline -> records -> tables.

Documents stream through `nlp.pipe` in batches; records are flushed to the
table sink every batch, so memory does not grow with the corpus. Every input
ends as exactly one `documents` row, in input order.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from coopnlp.io.clean import Cleaned, clean
from coopnlp.io.document import RawDocument
from coopnlp.io.language import detect_language
from coopnlp.io.readers import iter_documents
from coopnlp.io.writers import TableSink
from coopnlp.records.build import doc_records, document_record
from coopnlp.records.models import Document, Record

ENGLISH = "en"
# Below this many characters of cleaned text there is no article to read.
MIN_CHARS = 40


@dataclass
class Prepared:
    """A document ready for the pipeline, or already settled (`row` set)."""

    raw: RawDocument
    cleaned: Cleaned | None = None
    language: str | None = None
    row: Document | None = None


@dataclass
class RunSummary:
    outdir: Path
    statuses: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0


def prepare(raw: RawDocument) -> Prepared:
    """Clean a raw document and decide whether it goes through the pipeline."""
    if raw.text is None:
        return Prepared(raw, row=document_record(raw))
    cleaned = clean(raw.text)
    text = cleaned.text
    if not text.strip():
        return Prepared(
            raw,
            cleaned,
            row=document_record(
                raw,
                text,
                status="skipped",
                error="empty after cleaning",
                date=cleaned.date,
                source=cleaned.source,
            ),
        )
    language, _ = detect_language(text)
    if len(text.strip()) < MIN_CHARS:
        error = f"too short to hold an article ({len(text.strip())} chars)"
    elif language != ENGLISH:
        error = f"not English (detected {language or 'nothing'})"
    else:
        return Prepared(raw, cleaned, language)
    return Prepared(
        raw,
        cleaned,
        language,
        row=document_record(
            raw,
            text,
            language,
            status="skipped",
            error=error,
            date=cleaned.date,
            source=cleaned.source,
        ),
    )


def process(
    nlp: Language, prepared: Iterable[Prepared], batch_size: int = 32, n_process: int = 1
) -> Iterator[dict[str, list[Record]]]:
    """Records per document, in input order (settled documents pass straight through)."""
    stream = ((p.cleaned.text if p.row is None and p.cleaned else "", p) for p in prepared)
    for doc, p in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process):
        if p.row is not None:
            yield {"documents": [p.row]}
            continue
        assert p.cleaned is not None
        raw, cleaned = p.raw, p.cleaned
        date = raw.date or cleaned.date
        error = doc.user_data.get("coop_error")
        if not error:
            try:
                tables = doc_records(doc, raw.doc_id, date)
            except Exception as exc:
                error = f"records: {type(exc).__name__}: {exc}".splitlines()[0]
        row = document_record(
            raw,
            cleaned.text,
            p.language,
            status="error" if error else "ok",
            error=error,
            date=cleaned.date,
            source=cleaned.source,
        )
        yield {"documents": [row]} if error else {"documents": [row], **tables}


def extract(
    input_path: Path,
    outdir: Path,
    nlp: Language,
    fmt: str = "parquet",
    batch_size: int = 32,
    n_process: int = 1,
    max_chars: int = 2_000_000,
    on_document: Callable[[Document], None] | None = None,
) -> RunSummary:
    """Extract every document under `input_path` into tables in `outdir`."""
    started = time.perf_counter()
    summary = RunSummary(outdir=Path(outdir))
    prepared = (prepare(raw) for raw in iter_documents(input_path, max_chars=max_chars))
    with TableSink(Path(outdir), fmt) as sink:
        for tables in process(nlp, prepared, batch_size, n_process):
            for name, rows in tables.items():
                sink.write(name, rows)
            row = tables["documents"][0]
            summary.statuses[row.status] += 1
            if on_document is not None:
                on_document(row)
    summary.rows = dict(sink.counts)
    summary.paths = {name: sink.path(name) for name in sink.counts}
    summary.seconds = time.perf_counter() - started
    return summary

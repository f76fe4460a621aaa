"""One stream of documents through the pipeline: prepare, settle, process.

`prepare` cleans a raw document and judges it; `settle` decides the documents
the pipeline must not see (too long, duplicates); `process` runs the rest
through `nlp.pipe` and turns every document, settled or not, into its rows.
This is the one place a batch becomes rows: the local, parallel and Dask
runners all hand their batches to `process`. Every input ends as exactly one
`documents` row, in input order, whatever goes wrong with it: a failure in
cleaning, in a pipeline component or in record building becomes that
document's `error` row and the run goes on.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa
from spacy.language import Language
from spacy.tokens import Doc

from coopnlp.engine.chunks import CHUNK_CHARS, ComponentError, chunked_records, run_components
from coopnlp.engine.rows import content_hash, doc_records, document_record
from coopnlp.io.clean import Cleaned, clean
from coopnlp.io.language import detect_language
from coopnlp.io.paged import clean_page_starts, with_pages
from coopnlp.io.raw import scrub, where
from coopnlp.records.document import RawDocument
from coopnlp.records.models import Document, Record

ENGLISH = "en"
# Below this many characters of cleaned text there is no article to read.
MIN_CHARS = 40
# Longer documents run alone, outside nlp.pipe's batches: the pipeline needs
# about 3 GB per million characters, so a batch must not hold many of them.
LONG_CHARS = CHUNK_CHARS
# Settled and carried documents skip nlp.pipe (an empty Doc still costs every
# component's call); one in this many travels through it as an empty placeholder,
# so at most this many times a batch wait, however long the stretch of them.
HOLD = 16
# Error cells stay readable however long an exception message is.
MAX_ERROR_CHARS = 500

# Rows per table of one document: records, or (carried from an earlier run) the
# stored Arrow rows of a table other than `documents`.
Tables = dict[str, list[Record] | pa.Table]


@dataclass
class Prepared:
    """A document ready for the pipeline, or already settled (`row` set)."""

    raw: RawDocument
    cleaned: Cleaned | None = None
    language: str | None = None
    row: Document | None = None
    # Content hash of a document whose rows an earlier run already holds.
    carried: str | None = None
    # Content hash of the cleaned text, once `settle` has hashed it.
    digest: str | None = None


@contextmanager
def frozen_before_run() -> Iterator[None]:
    """Keep the objects made before a run (the loaded pipeline and its data: most of
    the process) out of the garbage collector's way during the run. Each full pass
    walks them all (about 2 % of a run's time), and in a forked worker walking them
    copies their memory pages. The collector is left as it was found."""
    if gc.get_freeze_count():  # frozen by the caller already
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def one_line(message: str) -> str:
    """An error message as one short line, fit for a table cell."""
    text = " ".join(message.split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


def prepare(raw: RawDocument) -> Prepared:
    """Clean a raw document and decide whether it goes through the pipeline."""
    if raw.text is None:
        return Prepared(raw, row=document_record(raw))
    # In-memory texts do not pass the readers, which scrub what they read.
    raw = dataclasses.replace(raw, doc_id=scrub(raw.doc_id), text=scrub(raw.text))
    try:
        return _judge(raw)
    except Exception as exc:  # cleaning or language detection failing on odd text
        error = one_line(f"cleaning failed in {where(raw.path)}: {type(exc).__name__}: {exc}")
        return Prepared(raw, row=document_record(raw, status="error", error=error))


def _judge(raw: RawDocument) -> Prepared:
    assert raw.text is not None
    cleaned = clean(raw.text)
    text = cleaned.text

    def skipped(error: str, language: str | None = None) -> Prepared:
        row = document_record(
            raw,
            text,
            language,
            status="skipped",
            error=f"{error}: {where(raw.path)}",
            date=cleaned.date,
            source=cleaned.source,
        )
        return Prepared(raw, cleaned, language, row=row)

    if not text.strip():
        return skipped("empty after cleaning")
    language, _ = detect_language(text)
    if len(text.strip()) < MIN_CHARS:
        return skipped(f"too short to hold an article ({len(text.strip())} chars)", language)
    if language != ENGLISH:
        return skipped(f"not English (detected {language or 'nothing'})", language)
    return Prepared(raw, cleaned, language)


def settle(prepared: Iterable[Prepared], max_length: int) -> Iterator[Prepared]:
    """Settle the documents the pipeline must not see: too long, or seen before.

    A text over `max_length` would make spaCy raise; a text with the content
    hash of an earlier one is a duplicate of it (only hashes are kept). A
    carried document that turns out to be a duplicate now is prepared afresh.
    """
    first_of: dict[str, str] = {}
    for p in prepared:
        if p.carried is not None:
            if first_of.setdefault(p.carried, p.raw.doc_id) == p.raw.doc_id:
                yield p
                continue
            p = prepare(p.raw)
        if p.row is None and p.cleaned is not None:
            text, error = p.cleaned.text, None
            if len(text) > max_length:
                error = f"too large for the pipeline: {len(text)} chars > {max_length}"
            else:
                p.digest = content_hash(text)
                first = first_of.setdefault(p.digest, p.raw.doc_id)
                if first != p.raw.doc_id:
                    error = f"duplicate of {first}"
            if error:
                p.row = document_record(
                    p.raw,
                    text,
                    p.language,
                    status="skipped",
                    error=f"{error}: {where(p.raw.path)}",
                    date=p.cleaned.date,
                    source=p.cleaned.source,
                    digest=p.digest,
                )
        yield p


def _tables(
    p: Prepared, doc: Doc | None, error: str | None = None, records: Tables | None = None
) -> Tables:
    """The rows of one document that went through the pipeline (or failed in it);
    `records` when they were built already (a long document's chunks)."""
    assert p.cleaned is not None
    raw, cleaned = p.raw, p.cleaned
    tables: Tables = records or {}
    if error is None and doc is not None:
        error = doc.user_data.get("coop_error")
        if not error:
            try:
                tables = doc_records(doc, raw.doc_id, raw.date or cleaned.date)
            except Exception as exc:
                error = f"records: {type(exc).__name__}: {exc}"
    if raw.page_starts and raw.text is not None and "mentions" in tables:
        starts = clean_page_starts(raw.text, raw.page_starts, cleaned.text)
        tables["mentions"] = with_pages(tables["mentions"], starts)
    row = document_record(
        raw,
        cleaned.text,
        p.language,
        status="error" if error else "ok",
        error=one_line(f"pipeline failed in {where(raw.path)}: {error}") if error else None,
        date=cleaned.date,
        source=cleaned.source,
        digest=p.digest,
    )
    return {"documents": [row]} if error else {"documents": [row], **tables}


def failed_tables(p: Prepared, error: str) -> Tables:
    """The rows of a document the pipeline failed on: its `error` documents row."""
    return _tables(p, None, error)


def _run_alone(nlp: Language, p: Prepared) -> Tables:
    """One document through the pipeline by itself; a raising component fails only it.
    A text over CHUNK_CHARS goes chunk by chunk (`chunks`: time linear, memory flat)."""
    assert p.cleaned is not None
    text = p.cleaned.text
    try:
        if len(text) <= CHUNK_CHARS:
            return _tables(p, run_components(nlp, text))
        date = p.raw.date or p.cleaned.date
        records, error = chunked_records(nlp, text, p.raw.doc_id, date)
    except ComponentError as exc:
        return failed_tables(p, str(exc))
    except Exception as exc:  # building or merging a chunk's records
        return failed_tables(p, f"records: {type(exc).__name__}: {exc}")
    return _tables(p, None, error, records)


def needs_pipeline(p: Prepared) -> bool:
    """Whether a document goes through the pipeline (not settled, not carried)."""
    return p.carried is None and p.row is None


def settled_tables(p: Prepared, carry: Callable[[str], Tables] | None = None) -> Tables:
    """The rows of a document that does not go through the pipeline: its settled
    `documents` row, or a carried document's rows from `carry` (empty without it)."""
    if p.carried is not None:
        return carry(p.raw.doc_id) if carry is not None else {}
    assert p.row is not None
    return {"documents": [p.row]}


def process(
    nlp: Language,
    prepared: Iterable[Prepared],
    batch_size: int = 32,
    n_process: int = 1,
    carry: Callable[[str], Tables] | None = None,
) -> Iterator[Tables]:
    """Records per document, in input order (settled documents pass straight through).

    Documents travel through `nlp.pipe` tagged with their sequence number;
    long ones travel as empty placeholders to keep their place, settled ones wait
    for the next document out (one in HOLD travels as a placeholder).
    When `nlp.pipe` raises, the documents it held run alone (`_run_alone`), so
    one bad document costs only itself, not its batch or the run. Carried
    documents get their rows from `carry` (empty without it).
    """
    pending: dict[int, Prepared] = {}  # fed to nlp.pipe, not yet out, in order
    alone: set[int] = set()
    fed = [0]

    def feed() -> Iterator[tuple[str, int]]:
        held = 0  # documents kept back since the last one fed
        for i, p in enumerate(settle(prepared, nlp.max_length)):
            pending[i] = p
            fed[0] = i + 1
            if not needs_pipeline(p):
                # A settled document waits in `pending` for the next one out of
                # nlp.pipe; only every HOLD-th travels (as a placeholder) so that
                # a stretch of them comes out without holding many in memory.
                held += 1
                if held < HOLD:
                    continue
            held = 0
            text = p.cleaned.text if needs_pipeline(p) and p.cleaned is not None else ""
            if len(text) > LONG_CHARS:
                alone.add(i)
                text = ""
            yield text, i

    def finish(i: int, doc: Doc | None) -> Tables:
        p = pending.pop(i)
        if not needs_pipeline(p):
            return settled_tables(p, carry)
        if doc is None or i in alone:  # long, or dropped by a failing component
            alone.discard(i)
            return _run_alone(nlp, p)
        return _tables(p, doc)

    feeding = feed()
    while True:
        before = fed[0]
        try:
            stream = nlp.pipe(feeding, as_tuples=True, batch_size=batch_size, n_process=n_process)
            for doc, i in stream:
                # Documents an error handler left out of the stream come first.
                while (first := next(iter(pending))) < i:
                    yield finish(first, None)
                yield finish(i, doc)
            break
        except Exception:
            if fed[0] == before:
                raise  # nothing was read: the pipeline itself is broken
            # A component raised and took its batch down with it: rerun those
            # documents one at a time, then carry on with a fresh nlp.pipe.
            while pending:
                yield finish(next(iter(pending)), None)
    while pending:
        yield finish(next(iter(pending)), None)

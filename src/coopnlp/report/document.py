"""One document and the records extracted from it: what `coopnlp inspect` shows.

A view comes either from an output folder (the rows already written for a
doc_id) or from running the pipeline on one file in memory; both give the same
tables, so the page and the terminal view are built from tables only. The text
is drawn by displaCy's "span" style from the `mentions` rows, which keeps the
nested spans (a COUNTRY inside an AGENCY inside a TITLE) visible.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import spacy
from spacy import displacy
from spacy.language import Language

from coopnlp.corpus.resolve import resolve_tables
from coopnlp.engine.stream import prepare, process
from coopnlp.io.readers import DEFAULT_MAX_CHARS, iter_documents
from coopnlp.records.load import load_tables, to_pandas
from coopnlp.records.models import TABLES
from coopnlp.records.tables import to_arrow
from coopnlp.report.page import page, table_context

SPANS_KEY = "coop"
# One colour per mention label, shared by the HTML page and the terminal view.
LABEL_COLORS = {
    "PERSON": "#f4a3a8",
    "RANK": "#c8b6e2",
    "TITLE": "#f9d87a",
    "AGENCY": "#8fc1e3",
    "COUNTRY": "#9ed89a",
    "AGREEMENT": "#f6b26b",
}
# Columns shown per table: the value, then why it is there (score, source, evidence).
RECORD_COLUMNS = {
    "officials": ["name", "rank", "title", "agency", "country", "mentions", "score", "source",
                  "evidence", "person_id"],
    "agencies": ["name", "kind", "country", "parent", "aliases", "mentions", "score", "source",
                 "body_id"],
    "countries": ["iso3", "name", "mentions", "score", "source"],
    "agreements": ["kind", "title", "status", "parties", "date", "score", "source", "evidence"],
    "meetings": ["kind", "status", "date", "place", "place_country", "participants",
                 "countries", "agreements", "score", "source", "evidence"],
    "mentions": ["label", "text", "start_char", "key", "score", "source"],
}  # fmt: skip
DOCUMENT_FACTS = ("doc_id", "path", "date", "title", "url", "source", "language", "n_chars",
                  "status", "error")  # fmt: skip
_PARAGRAPH = re.compile(r"[^\n]+")


class DocumentNotFoundError(LookupError):
    """No document with that id in the output folder."""


class ManyDocumentsError(ValueError):
    """The file holds several documents (JSONL, CSV, Parquet rows)."""


@dataclass
class DocumentView:
    """The documents row of one document and its rows in every other table."""

    document: dict[str, Any]
    tables: dict[str, pd.DataFrame]

    @property
    def text(self) -> str:
        return self.document.get("text") or ""


def _view(tables: dict[str, pd.DataFrame], doc_id: str) -> DocumentView:
    docs = tables["documents"]
    rows = docs[docs["doc_id"] == doc_id]
    if rows.empty:
        raise DocumentNotFoundError(doc_id)
    document = {k: (None if _missing(v) else v) for k, v in rows.iloc[0].to_dict().items()}
    others = {
        name: frame[frame["doc_id"] == doc_id].reset_index(drop=True)
        for name, frame in tables.items()
        if name != "documents" and "doc_id" in frame.columns
    }
    # The persons and bodies the document names (the run's identity tables).
    for name, table, column in (
        ("persons", "officials", "person_id"),
        ("bodies", "agencies", "body_id"),
    ):
        if name in tables and table in others:
            ids = set(others[table][column].dropna())
            others[name] = tables[name][tables[name][column].isin(ids)].reset_index(drop=True)
    return DocumentView(document, others)


def view_from_outdir(outdir: Path, doc_id: str) -> DocumentView:
    """The rows an earlier `extract` wrote for `doc_id` into `outdir`."""
    tables = load_tables(Path(outdir), doc_ids=[doc_id])
    if "documents" not in tables:
        raise FileNotFoundError(f"there are no coopnlp tables in {outdir}")
    try:
        return _view(tables, doc_id)
    except DocumentNotFoundError:
        raise DocumentNotFoundError(f"there is no document {doc_id!r} in {outdir}") from None


def view_from_file(path: Path, nlp: Language, max_chars: int = DEFAULT_MAX_CHARS) -> DocumentView:
    """Run the pipeline on the one document in `path`, as `extract` would."""
    raws = list(iter_documents(path, max_chars=max_chars))
    if len(raws) != 1:
        raise ManyDocumentsError(
            f"{path} holds {len(raws)} documents; extract it and inspect one by its doc_id "
            "with --outdir"
        )
    # `process` yields one dict of records per document, so exactly one here.
    (records,) = process(nlp, [prepare(raws[0])])
    tables = resolve_tables({name: to_arrow(name, records.get(name, [])) for name in TABLES})
    frames = {name: to_pandas(name, table) for name, table in tables.items()}
    return _view(frames, raws[0].doc_id)


def paragraphs(view: DocumentView) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line of the document text."""
    return [(m.start(), m.group()) for m in _PARAGRAPH.finditer(view.text) if m.group().strip()]


def text_html(view: DocumentView) -> list[str]:
    """The text as displaCy span markup, one fragment per paragraph."""
    make_doc = spacy.blank("en").make_doc
    mentions = view.tables.get("mentions", pd.DataFrame(columns=["start_char", "end_char"]))
    fragments = []
    for offset, text in paragraphs(view):
        end = offset + len(text)
        inside = mentions[(mentions["start_char"] >= offset) & (mentions["end_char"] <= end)]
        doc = make_doc(text)
        spans = [
            doc.char_span(
                int(m.start_char) - offset,
                int(m.end_char) - offset,
                label=str(m.label),
                alignment_mode="expand",
            )
            for m in inside.itertuples()
        ]
        doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
        if not doc.spans[SPANS_KEY]:  # displaCy warns on a paragraph without spans
            fragments.append(f"<p>{html.escape(text)}</p>")
            continue
        options = {"spans_key": SPANS_KEY, "colors": LABEL_COLORS}
        fragments.append(displacy.render(doc, style="span", options=options, page=False))
    return fragments


def record_frames(view: DocumentView) -> dict[str, pd.DataFrame]:
    """The columns worth showing of each record table of the view."""
    return {
        name: view.tables[name][columns]
        for name, columns in RECORD_COLUMNS.items()
        if name in view.tables
    }


def facts(view: DocumentView) -> dict[str, Any]:
    """The document's own fields worth a line each (missing ones left out)."""
    out = {}
    for key in DOCUMENT_FACTS:
        value = view.document.get(key)
        if value is None:
            continue
        out[key] = value.date().isoformat() if isinstance(value, pd.Timestamp) else value
    return out


def document_html(view: DocumentView) -> str:
    """The inspect page: the text with its entities, then the records with their evidence."""
    frames = record_frames(view)
    captions = {
        "officials": "Officials",
        "agencies": "Agencies",
        "countries": "Countries",
        "agreements": "Agreements",
        "meetings": "Meetings",
        "mentions": "Mentions",
    }
    sections = [
        table_context(f"table-{name}", captions[name], frame) for name, frame in frames.items()
    ]
    return page(
        "document.html.j2",
        title=f"coopnlp inspect: {view.document['doc_id']}",
        tables=sections,
        document=view.document,
        facts=facts(view),
        colors=LABEL_COLORS,
        paragraphs=text_html(view),
    )


def _missing(value: Any) -> bool:
    return not isinstance(value, list | str) and bool(pd.isna(value))

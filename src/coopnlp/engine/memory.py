"""Extraction over strings in memory (notebooks, tests), same tables as `extract`."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count

import pandas as pd
from spacy.language import Language

from coopnlp.corpus.resolve import resolve_tables
from coopnlp.engine.stream import prepare, process
from coopnlp.records.document import RawDocument
from coopnlp.records.load import to_pandas
from coopnlp.records.models import TABLES, Record
from coopnlp.records.tables import to_arrow


def extract_texts(
    texts: Iterable[str], ids: Iterable[str] | None = None, nlp: Language | None = None
) -> dict[str, pd.DataFrame]:
    """Tables for in-memory texts; ids default to "text-1", "text-2", ..."""
    if nlp is None:
        from coopnlp.pipeline.build import load_pipeline

        nlp = load_pipeline()
    id_iter = iter(ids) if ids is not None else (f"text-{i}" for i in count(1))
    raws = (RawDocument(doc_id=next(id_iter), path="<memory>", text=t) for t in texts)
    rows: dict[str, list[Record]] = {name: [] for name in TABLES}
    for tables in process(nlp, (prepare(raw) for raw in raws)):
        for name, records in tables.items():
            rows[name].extend(records)
    tables = resolve_tables({name: to_arrow(name, records) for name, records in rows.items()})
    return {name: to_pandas(name, table) for name, table in tables.items()}

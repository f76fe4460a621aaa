"""Run extraction on this machine: read -> clean -> pipeline -> records -> tables.

Documents stream through `stream.process` (or, with several processes,
`parallel.parallel_process`) in batches; records are flushed to the table
sink every batch, so memory does not grow with the corpus. Before the sink
renames its files into place it runs the corpus step over them
(`corpus.resolve.finalise_files`, handed over as the sink's `finalise`:
io never imports corpus).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from coopnlp.corpus.resolve import finalise_files
from coopnlp.engine.incremental import Previous, fingerprint
from coopnlp.engine.parallel import parallel_process
from coopnlp.engine.stream import frozen_before_run, process
from coopnlp.io.readers import DEFAULT_MAX_CHARS, iter_documents
from coopnlp.io.writers import TableSink
from coopnlp.records.models import TABLES, Document


@dataclass
class RunSummary:
    outdir: Path
    statuses: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    # What went wrong beside the documents, for the user (the run still completed).
    warnings: list[str] = field(default_factory=list)


def not_inputs(input_path: Path, outdir: Path) -> list[Path]:
    """The run's own output, which a rerun must not read back as input."""
    paths = [outdir / f"{name}.{ext}" for name in TABLES for ext in ("parquet", "csv")]
    if outdir.resolve() != input_path.resolve():
        paths.append(outdir)
    return paths


def extract(
    input_path: Path,
    outdir: Path,
    nlp: Language,
    fmt: str = "parquet",
    batch_size: int = 32,
    n_process: int = 1,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_document: Callable[[Document], None] | None = None,
    full: bool = False,
) -> RunSummary:
    """Extract every document under `input_path` into tables in `outdir`.

    Documents over `max_chars` characters are skipped; spaCy's `max_length`
    is raised to `max_chars` for the run so it never rejects one below it.
    Unless `full`, the rows of documents unchanged since the last Parquet run
    into `outdir` are carried over instead of recomputed (`incremental`), and
    when every document is carried, so are the `persons` and `bodies` tables.
    With `n_process` > 1 the pipeline runs in that many worker processes.
    """
    started = time.perf_counter()
    input_path, outdir = Path(input_path), Path(outdir)
    summary = RunSummary(outdir=outdir)
    raws = iter_documents(input_path, max_chars=max_chars, skip=not_inputs(input_path, outdir))
    if fmt == "parquet" and any((outdir / f"{name}.parquet").is_dir() for name in TABLES):
        # A table file cannot replace a Dask run's dataset folder at the commit.
        raise ValueError(f"{outdir} holds the tables of a Dask run: choose another output")
    outdir.mkdir(parents=True, exist_ok=True)
    previous = Previous(outdir, fingerprint(nlp, max_chars), reuse=not full and fmt == "parquet")
    prepared = (previous.prepare(raw) for raw in raws)
    ok: dict[str, str] = {}  # doc_id -> content hash, for the next run's manifest
    max_length = nlp.max_length
    nlp.max_length = max(max_length, max_chars)

    def finalise(paths: dict[str, Path], fmt: str) -> dict[str, int]:
        # A rerun over unchanged documents carries the corpus step's tables too.
        if previous.unchanged(summary.statuses["ok"]):
            return previous.carry_corpus(paths)
        return finalise_files(paths, fmt)

    try:
        with frozen_before_run(), TableSink(outdir, fmt, finalise=finalise) as sink:
            if n_process > 1:
                stream = parallel_process(nlp, prepared, batch_size, n_process, previous.carry)
            else:
                stream = process(nlp, prepared, batch_size, carry=previous.carry)
            for tables in stream:
                for name, rows in tables.items():
                    sink.write(name, rows)
                row = tables["documents"][0]
                summary.statuses[row.status] += 1
                if row.status == "ok" and row.content_hash:
                    ok[row.doc_id] = row.content_hash
                if on_document is not None:
                    on_document(row)
    finally:
        nlp.max_length = max_length
    if fmt == "parquet":
        previous.save(ok)
    if previous.warning is not None:
        summary.warnings.append(previous.warning)
    summary.rows = dict(sink.counts)
    summary.paths = {name: sink.path(name) for name in sink.counts}
    summary.seconds = time.perf_counter() - started
    return summary

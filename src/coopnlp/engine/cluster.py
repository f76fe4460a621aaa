"""Run extraction on a Dask distributed cluster (`extract --engine dask`).

The client reads, cleans and settles documents (as on one machine) and sends
batches to the workers; each worker loads the pipeline once, runs the same
per-batch `process` and writes the batch's rows as one part file per table,
`<table>.parquet/part-<batch>.parquet` (`persons` and `bodies`, which belong
to no document, are written once by the reduce, `finalise_dataset`). Each
table is then a partitioned Parquet dataset that pandas, pyarrow, DuckDB and
`coopnlp.load` read as one table, rows in input order (parts sort by batch
number).

Workers write straight into the output folder, so on a real cluster it must
be a path every worker sees (a shared file system). Parts go to a hidden
staging folder first and are moved into place when every batch is done.
"""

from __future__ import annotations

import gc
import os
import secrets
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from spacy.language import Language

from coopnlp.corpus.resolve import finalise_dataset
from coopnlp.engine.incremental import manifest_path
from coopnlp.engine.local import RunSummary, not_inputs
from coopnlp.engine.parallel import IN_FLIGHT
from coopnlp.engine.stream import Prepared, prepare, process, settle
from coopnlp.io.outdir import remove_other_tables, write_marker
from coopnlp.io.readers import DEFAULT_MAX_CHARS, iter_documents
from coopnlp.records.models import DOCUMENT_TABLES, TABLES, Document
from coopnlp.records.tables import to_arrow

# Pipelines loaded on this worker, by (model, patterns dirs).
_PIPELINES: dict[tuple[str | None, tuple[str, ...]], Language] = {}


@dataclass(frozen=True)
class BatchJob:
    """What a worker needs besides the documents."""

    staging: str
    model: str | None
    patterns: tuple[str, ...]
    max_chars: int
    batch_size: int


def _pipeline(job: BatchJob) -> Language:
    key = (job.model, job.patterns)
    if key not in _PIPELINES:
        from coopnlp.pipeline.build import load_pipeline

        nlp = load_pipeline(job.model, job.patterns)
        nlp.max_length = max(nlp.max_length, job.max_chars)
        _PIPELINES[key] = nlp
        gc.freeze()  # the pipeline stays for the worker's life: no collector pass walks it
    return _PIPELINES[key]


def run_batch(index: int, batch: list[Prepared], job: BatchJob) -> tuple[list[Document], dict]:
    """On a worker: one batch through the pipeline into one part file per table.

    Returns the batch's documents rows without their text, and rows per table.
    Only the tables of documents: `persons` and `bodies` come from the reduce.
    """
    rows: dict[str, list[Any]] = {name: [] for name in DOCUMENT_TABLES}
    for tables in process(_pipeline(job), batch, job.batch_size):
        for name, records in tables.items():
            rows[name].extend(records)
    counts = write_parts(Path(job.staging), index, rows)
    return [row.model_copy(update={"text": ""}) for row in rows["documents"]], counts


def write_parts(staging: Path, index: int, rows: dict[str, list[Any]]) -> dict[str, int]:
    """Part `index` of every table in `rows` (empty ones too: each part carries the
    schema)."""
    counts = {}
    for name, records in rows.items():
        folder = staging / f"{name}.parquet"
        folder.mkdir(parents=True, exist_ok=True)
        table = to_arrow(name, records)
        pq.write_table(table, folder / f"part-{index:08d}.parquet")
        counts[name] = table.num_rows
    return counts


def _batches(prepared: Iterator[Prepared], size: int) -> Iterator[list[Prepared]]:
    batch: list[Prepared] = []
    for p in prepared:
        batch.append(p)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _commit(staging: Path, outdir: Path) -> dict[str, Path]:
    """Move every table's dataset into place, `documents` last."""
    paths = {}
    remove_other_tables(outdir, "parquet")
    for name in sorted(TABLES, key=lambda n: n == "documents"):
        final = outdir / f"{name}.parquet"
        old = outdir / f".{name}.old-{secrets.token_hex(4)}"
        if final.exists():
            os.replace(final, old)
        os.replace(staging / f"{name}.parquet", final)
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink(missing_ok=True)
        paths[name] = final
    shutil.rmtree(staging)
    write_marker(outdir, "parquet")
    return paths


def extract_dask(
    input_path: Path,
    outdir: Path,
    model: str | None = None,
    patterns: tuple[str, ...] = (),
    scheduler: str | None = None,
    n_workers: int | None = None,
    batch_size: int = 32,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_document: Callable[[Document], None] | None = None,
) -> RunSummary:
    """`extract` on a Dask cluster at `scheduler`, or on a LocalCluster of
    `n_workers` processes (default: all cores) when no address is given."""
    import time

    from dask.distributed import Client, LocalCluster

    started = time.perf_counter()
    input_path, outdir = Path(input_path), Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    staging = outdir / f".dask-{secrets.token_hex(6)}"
    job = BatchJob(str(staging), model, tuple(map(str, patterns)), max_chars, batch_size)
    summary = RunSummary(outdir=outdir)
    try:
        manifest_path(outdir).unlink(missing_ok=True)  # these tables are not incremental
    except OSError as exc:  # a local run never reuses a Dask run's tables anyway
        summary.warnings.append(f"cannot remove the incremental state of {outdir}: {exc}")
    raws = iter_documents(input_path, max_chars=max_chars, skip=not_inputs(input_path, outdir))
    settled = settle((prepare(raw) for raw in raws), max_chars)
    cluster = None
    if scheduler is None:
        workers = n_workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    try:
        with Client(scheduler or cluster) as client:
            window = IN_FLIGHT * max(1, len(client.scheduler_info()["workers"]))
            queue: deque = deque()

            def collect() -> None:
                rows, counts = queue.popleft().result()
                for name, n in counts.items():
                    summary.rows[name] = summary.rows.get(name, 0) + n
                for row in rows:
                    summary.statuses[row.status] += 1
                    if on_document is not None:
                        on_document(row)

            for index, batch in enumerate(_batches(settled, batch_size)):
                queue.append(client.submit(run_batch, index, batch, job, pure=False))
                if len(queue) >= window:
                    collect()
            while queue:
                collect()
            if not summary.rows:  # no input at all: empty tables all the same
                summary.rows = write_parts(staging, 0, {name: [] for name in DOCUMENT_TABLES})
            # The reduce: identity and the corpus pass over every partition's rows.
            step = client.submit(finalise_dataset, str(staging), pure=False)
            summary.rows.update(step.result())
        summary.paths = _commit(staging, outdir)
    finally:
        if cluster is not None:
            cluster.close()
        shutil.rmtree(staging, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary

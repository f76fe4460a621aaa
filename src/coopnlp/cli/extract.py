"""`coopnlp extract INPUT -o OUTDIR`: articles in, tables out."""

from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from coopnlp.cli.options import InputPath, ModelOption, PatternsOption
from coopnlp.engine.local import extract as run_extract
from coopnlp.engine.local import not_inputs
from coopnlp.io.readers import DEFAULT_MAX_CHARS, count_documents
from coopnlp.io.writers import FORMATS
from coopnlp.pipeline.build import load_pipeline
from coopnlp.records.models import Document

err = Console(stderr=True)
DEFAULT_OUT = Path("data/processed")
ENGINES = ("local", "dask")
# With --strict, this many bad documents are named on stderr.
_STRICT_LISTED = 20


class _RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


def extract(
    input_path: InputPath,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")] = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Table format: parquet or csv.")] = (
        "parquet"
    ),
    model: ModelOption = None,
    patterns: PatternsOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per nlp.pipe batch.")
    ] = 32,
    n_process: Annotated[
        int, typer.Option("--n-process", min=1, help="Worker processes (default: all cores).")
    ] = os.cpu_count() or 1,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Skip documents longer than this.")
    ] = DEFAULT_MAX_CHARS,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any document is skipped or failed.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Redo every document, even those unchanged.")
    ] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (default: a LocalCluster)."),
    ] = None,
) -> None:
    """Extract officials, agencies, countries and agreements from articles.

    Example: coopnlp extract data/raw -o data/processed
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if output.exists() and not output.is_dir():
        raise typer.BadParameter(f"{output} exists and is not a folder", param_hint="--output")
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    if engine == "dask" and fmt != "parquet":
        raise typer.BadParameter("the dask engine writes parquet", param_hint="--format")
    nlp = None
    if engine == "local":
        with err.status("loading the pipeline", spinner="dots") if not quiet else nullcontext():
            nlp = load_pipeline(model, patterns or [])
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
        transient=True,
    ) as progress:
        total = None if quiet else count_documents(input_path, not_inputs(input_path, output))
        task = progress.add_task("extracting", total=total)
        bad: list[str] = []  # the first bad documents, for --strict

        def on_document(row: Document) -> None:
            progress.advance(task)
            if row.status != "ok" and len(bad) < _STRICT_LISTED:
                bad.append(f"{row.status}: {row.doc_id}: {row.error}")

        if nlp is None:
            from coopnlp.engine.cluster import extract_dask

            summary = extract_dask(
                input_path,
                output,
                model=str(model) if model else None,
                patterns=tuple(map(str, patterns or [])),
                scheduler=scheduler,
                n_workers=n_process,
                batch_size=batch_size,
                max_chars=max_chars,
                on_document=on_document,
            )
        else:
            summary = run_extract(
                input_path,
                output,
                nlp,
                fmt=fmt,
                batch_size=batch_size,
                n_process=n_process,
                max_chars=max_chars,
                on_document=on_document,
                full=full,
            )
    for warning in summary.warnings:
        err.print(f"coopnlp: warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    if not quiet:
        table = Table(title=f"coopnlp extract -> {output}")
        table.add_column("what")
        table.add_column("count", justify="right")
        for status in ("ok", "skipped", "error"):
            table.add_row(f"documents {status}", str(summary.statuses.get(status, 0)))
        for name, rows in summary.rows.items():
            if name != "documents":
                table.add_row(f"{name} rows", str(rows))
        table.add_row("seconds", f"{summary.seconds:.1f}")
        err.print(table)
    # Exit status: 0 when the run completed, even with bad documents; 1 when
    # nothing could be processed, or with --strict when any document was bad;
    # 2 (from Typer) on a usage error.
    if summary.statuses.get("ok", 0) == 0:
        found = sum(summary.statuses.values())
        err.print("no document could be processed" if found else "no input documents found")
        raise typer.Exit(1)
    n_bad = summary.statuses.get("skipped", 0) + summary.statuses.get("error", 0)
    if strict and n_bad:
        for line in bad:
            err.print(line, markup=False, highlight=False, soft_wrap=True)
        err.print(f"--strict: {n_bad} documents skipped or failed (first {len(bad)} above)")
        raise typer.Exit(1)

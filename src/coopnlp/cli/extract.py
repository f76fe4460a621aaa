"""`coopnlp extract INPUT -o OUTDIR`: articles in, tables out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from coopnlp.engine.local import extract as run_extract
from coopnlp.io.writers import FORMATS
from coopnlp.pipeline.build import load_pipeline

err = Console(stderr=True)
DEFAULT_OUT = Path("data/processed")


def extract(
    input_path: Annotated[
        Path, typer.Argument(exists=True, help="A folder (read recursively) or one file.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder.")] = DEFAULT_OUT,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Table format: parquet or csv.")] = (
        "parquet"
    ),
    model: Annotated[
        Path | None, typer.Option("--model", help="A saved coopnlp pipeline directory.")
    ] = None,
    patterns: Annotated[
        list[Path] | None,
        typer.Option("--patterns", help="User pattern folder over the shipped ones (repeatable)."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per nlp.pipe batch.")
    ] = 32,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Worker processes.")] = 1,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Skip documents longer than this.")
    ] = 2_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Extract officials, agencies, countries and agreements from articles.

    Example: coopnlp extract data/raw -o data/processed
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    nlp = load_pipeline(model, patterns or [])
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("extracting", total=None)
        summary = run_extract(
            input_path,
            output,
            nlp,
            fmt=fmt,
            batch_size=batch_size,
            n_process=n_process,
            max_chars=max_chars,
            on_document=lambda _row: progress.advance(task),
        )
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
    if sum(summary.statuses.values()) and summary.statuses.get("ok", 0) == 0:
        err.print("no document could be processed")
        raise typer.Exit(1)

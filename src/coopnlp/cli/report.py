"""`coopnlp report OUTDIR -o report.html`: one HTML page over the output tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from coopnlp.report.build import write_report
from coopnlp.report.page import MAX_ROWS

err = Console(stderr=True)


def report(
    outdir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="Output folder of extract.")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Rows shown per table in the page.")
    ] = MAX_ROWS,
) -> None:
    """Write one self-contained HTML report (charts, sortable tables) over OUTDIR.

    The page embeds everything it needs, so it opens offline in any browser.

    Example: coopnlp report data/processed -o report.html
    """
    written = write_report(outdir, output, max_rows=max_rows)
    err.print(f"wrote {written}")

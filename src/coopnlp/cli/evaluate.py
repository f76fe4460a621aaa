"""`coopnlp evaluate GOLD OUTDIR`: score output tables against a gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from coopnlp.evaluate import evaluate as run_evaluate
from coopnlp.evaluate import render


def evaluate(
    gold: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Gold records (JSONL).")
    ],
    outdir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="Output folder of extract.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    persons: Annotated[
        Path | None,
        typer.Option(
            "--persons",
            exists=True,
            dir_okay=False,
            help="Gold person clusters (JSONL): also score identity across documents.",
        ),
    ] = None,
) -> None:
    """Precision, recall, F1 and attribute accuracies by the spec's rules; with
    --persons, pairwise identity of persons and bodies (section 6).

    Example: coopnlp evaluate dev/gold.jsonl eval/dev --persons persons.jsonl
    """
    scores = run_evaluate(gold, outdir, persons)
    if as_json:
        typer.echo(json.dumps(scores.model_dump(), indent=2))
    else:
        Console().print(render(scores, title=f"{gold} vs {outdir}"))

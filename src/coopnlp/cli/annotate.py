"""`coopnlp annotate`: annotation tasks out (export), span annotations from gold (from-gold)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from coopnlp.cli.options import InputPath, ModelOption, PatternsOption
from coopnlp.pipeline.build import load_pipeline
from coopnlp.retrain.export import export_tasks
from coopnlp.retrain.formats import write_annotations
from coopnlp.retrain.gold import from_gold_files

err = Console(stderr=True)

app = typer.Typer(
    help="Annotation tasks for correcting the pipeline's spans.\n\n"
    "Example: coopnlp annotate export data/raw -o tasks.jsonl",
    no_args_is_help=True,
)


@app.command("export")
def export(
    input_path: InputPath,
    output: Annotated[Path, typer.Option("-o", "--output", help="Tasks file (JSONL).")] = Path(
        "tasks.jsonl"
    ),
    model: ModelOption = None,
    patterns: PatternsOption = None,
) -> None:
    """Write the pipeline's spans for each document, pre-annotated, in the span format.

    One line per document: {"text", "meta": {"doc_id"}, "spans": [{"start", "end",
    "label"}]}, offsets into the cleaned text (documents.text). Correct it in an
    annotation tool; `patterns learn` and `train` read it back (also as Doccano
    JSONL or a Label Studio JSON export).

    Example: coopnlp annotate export data/raw -o tasks.jsonl
    """
    nlp = load_pipeline(model, patterns or [])
    n = write_annotations(output, export_tasks(input_path, nlp))
    err.print(f"{n} documents -> {output}")


@app.command("from-gold")
def from_gold(
    gold: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Gold records (JSONL).")
    ],
    docs: Annotated[Path, typer.Argument(exists=True, help="The documents the gold describes.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Annotations file (JSONL).")
    ] = Path("annotations.jsonl"),
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List the unplaced names per document.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the placement report as JSON on stdout.")
    ] = False,
) -> None:
    """Turn gold records into span annotations by finding their names in the cleaned text.

    Agency names and aliases, the gold countries' names, officials' names,
    ranks and titles and agreement titles become spans wherever they occur
    verbatim. Gold names the text does not contain are reported as unplaced
    (per document with --verbose or --json); agency aliases that read as
    positions ("Interior Minister") stay positions and are not AGENCY spans.

    Example: coopnlp annotate from-gold ../shared/corpus/dev/gold.jsonl
    ../shared/corpus/dev/docs -o dev_annotations.jsonl
    """
    placed = list(from_gold_files(gold, docs))
    n = write_annotations(output, (p.annotated for p in placed))
    unplaced = sum(len(p.unplaced) for p in placed)
    positions = sum(len(p.positions) for p in placed)
    if as_json:
        report = {
            "documents": n,
            "output": str(output),
            "unplaced": unplaced,
            "positions_kept": positions,
            "per_document": [
                {
                    "doc_id": p.annotated.doc_id,
                    "spans": len(p.annotated.spans),
                    "unplaced": [{"label": lab, "name": name} for lab, name in p.unplaced],
                    "positions_kept": p.positions,
                }
                for p in placed
            ],
        }
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    elif verbose:
        for p in placed:
            for label, name in p.unplaced:
                typer.echo(f"{p.annotated.doc_id}\tunplaced\t{label}\t{name}")
            for alias in p.positions:
                typer.echo(f"{p.annotated.doc_id}\tposition kept\tAGENCY alias\t{alias}")
    typer.echo(
        f"{n} documents -> {output}; {unplaced} gold name(s) not found verbatim"
        + ("" if verbose or as_json else " (--verbose lists them)")
        + f", {positions} agency alias(es) kept as positions",
        err=True,
    )

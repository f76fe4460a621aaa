"""`coopnlp inspect FILE_OR_DOC_ID`: one document, its entities and its records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from spacy.language import Language

from coopnlp.cli.extract import DEFAULT_OUT
from coopnlp.cli.options import ModelOption, PatternsOption
from coopnlp.engine.stream import prepare
from coopnlp.io.atomic import write_text_atomic
from coopnlp.io.outdir import inside_tables
from coopnlp.io.readers import iter_documents
from coopnlp.pipeline.build import load_pipeline
from coopnlp.pipeline.persons import REJECTED_KEY
from coopnlp.report.build import OutputIsInputError
from coopnlp.report.document import (
    LABEL_COLORS,
    DocumentNotFoundError,
    DocumentView,
    document_html,
    facts,
    record_frames,
    view_from_file,
    view_from_outdir,
)
from coopnlp.report.page import cell
from coopnlp.report.terminal import safe_text

err = Console(stderr=True)


def inspect(
    target: Annotated[
        str,
        typer.Argument(
            metavar="FILE_OR_DOC_ID",
            help="An input file (run through the pipeline now) or a doc_id of --outdir.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write an HTML page here instead of printing."),
    ] = None,
    outdir: Annotated[
        Path, typer.Option("--outdir", help="Output folder of extract where doc_ids are looked up.")
    ] = DEFAULT_OUT,
    model: ModelOption = None,
    patterns: PatternsOption = None,
) -> None:
    """Show one document's entities and the records extracted from it, with evidence.

    The text comes with its entities coloured by label, then every record with
    its score, source and evidence sentence: in the terminal, or as an HTML page
    with -o.

    Example: coopnlp inspect data/raw/003_9121bbf3e5f59db6.txt -o inspect.html
    (or, after extract: coopnlp inspect 003_9121bbf3e5f59db6 --outdir data/processed)
    """
    path = Path(target)
    if output is not None and (
        inside_tables(output, outdir) or (path.is_file() and output.resolve() == path.resolve())
    ):
        raise OutputIsInputError(f"{output} is an input of this page: choose another -o")
    rejected: list[tuple[str, int, str]] = []
    if path.is_file():
        with err.status("loading the pipeline"):
            nlp = load_pipeline(model, patterns or [])
        view = view_from_file(path, nlp)
        rejected = rejected_candidates(path, nlp)
    else:
        try:
            view = view_from_outdir(outdir, target)
        except (FileNotFoundError, DocumentNotFoundError) as exc:
            raise DocumentNotFoundError(f"{target} is not a file, and {exc}") from None
    if output is None:
        print_view(view, Console())
        print_rejected(rejected, Console())
        return
    write_text_atomic(output, document_html(view))
    err.print(f"wrote {output}")


def print_view(view: DocumentView, console: Console) -> None:
    """The terminal view: facts, highlighted text, legend, then each record as a block
    of `field value` lines (tables of long sentences do not fit a terminal)."""
    console.print(_fields(facts(view)))
    if view.text:
        console.print()
        console.print(highlighted(view))
        legend = Text("  ").join(
            Text(f" {label} ", style=f"black on {color}") for label, color in LABEL_COLORS.items()
        )
        console.print(legend)
    for name, frame in record_frames(view).items():
        if name == "mentions":
            by_label = frame["label"].astype(str).value_counts()
            counted = ", ".join(f"{label} {n}" for label, n in by_label.items())
            console.print(f"\n[bold]mentions[/bold] ({len(frame)}): {counted}")
            continue
        console.print(f"\n[bold]{name}[/bold] ({len(frame)})")
        for i, record in enumerate(frame.to_dict("records"), start=1):
            head, *rest = record.items()
            console.print(safe_text(f"{i}. {cell(head[1])}", style="bold"))
            console.print(_fields(dict(rest)), style=None)


def rejected_candidates(path: Path, nlp: Language) -> list[tuple[str, int, str]]:
    """(text, start_char, reason) of each candidate the pipeline dropped with a reason
    (`doc.spans["coop_rejected"]`: persons that are places, plural nouns, ...); the
    tables keep no trace of them, so the one document runs through the pipeline again."""
    raws = list(iter_documents(path))
    prepared = prepare(raws[0]) if len(raws) == 1 else None
    if prepared is None or prepared.cleaned is None or prepared.row is not None:
        return []
    doc = nlp(prepared.cleaned.text)
    spans = doc.spans.get(REJECTED_KEY, [])
    return [(s.text, s.start_char, str(s._.coop_source)) for s in spans]


def print_rejected(rejected: list[tuple[str, int, str]], console: Console) -> None:
    """The rejected candidates, one line each: text, where, why."""
    if not rejected:
        return
    console.print(f"\n[bold]rejected candidates[/bold] ({len(rejected)})")
    grid = Table.grid(padding=(0, 2))
    for column in ("text", "start_char", "reason"):
        grid.add_column(overflow="fold", style="dim" if column != "text" else None)
    for text, start, reason in rejected:
        grid.add_row(safe_text(f"   {text}"), str(start), safe_text(reason))
    console.print(grid)


def _fields(values: dict[str, object]) -> Table:
    """`key value` lines, indented, empty values left out."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in values.items():
        shown = cell(value)
        if shown:
            grid.add_row(f"   {key}", safe_text(shown))  # article text: no markup
    return grid


def highlighted(view: DocumentView) -> Text:
    """The document text with each mention's background coloured by label; inner
    spans are painted last so they stay visible inside longer ones."""
    text = safe_text(view.text)  # same length: the offsets still fit
    mentions = view.tables.get("mentions")
    if mentions is None or mentions.empty:
        return text
    by_length = mentions.assign(length=mentions["end_char"] - mentions["start_char"])
    for m in by_length.sort_values("length", ascending=False).itertuples():
        color = LABEL_COLORS.get(str(m.label), "white")
        text.stylize(f"black on {color}", int(m.start_char), int(m.end_char))
    return text

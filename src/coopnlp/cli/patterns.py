"""`coopnlp patterns`: the span-ruler pattern files, as data, and learning new ones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from coopnlp.knowledge.user import UserPerson
from coopnlp.pipeline.build import load_pipeline
from coopnlp.retrain import patterns as store
from coopnlp.retrain import safeguards
from coopnlp.retrain.formats import read_annotations
from coopnlp.retrain.learn import Candidate, read_rejected, remember_rejected
from coopnlp.retrain.learn import learn as run_learn
from coopnlp.retrain.records import (
    NO_EFFECT,
    Item,
    RecordReport,
    learn_records,
    read_records,
    records_from_spans,
)

out = Console()
err = Console(stderr=True)

app = typer.Typer(
    help="List, show, add, remove and learn span-ruler patterns in a user pattern folder "
    "(layered over the shipped ones with `extract --patterns DIR`).\n\n"
    'Example: coopnlp patterns add AGENCY "Minsk City Police Department"',
    no_args_is_help=True,
)

# Columns of `learn`'s report (a table on a terminal, tab-separated lines otherwise).
LEARN_COLUMNS = (
    "added",
    "label",
    "kind",
    "pattern / examples",
    "id",
    "matches",
    "precision",
    "extracted",
)

KNOWLEDGE_COLUMNS = ("added", "kind", "name", "state", "body / kind", "documents")

DirOption = Annotated[
    Path, typer.Option("--dir", "-d", help="User pattern folder (never the package data).")
]


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)  # one line, never wrapped
    raise typer.Exit(2)


@app.command("list")
def list_patterns(directory: DirOption = store.DEFAULT_DIR) -> None:
    """Pattern counts per label: shipped and in the user folder.

    Example: coopnlp patterns list --dir patterns
    """
    if not directory.is_dir():
        _fail(FileNotFoundError(f"no pattern folder {directory}"))
    table = Table(title="span-ruler patterns")
    for column in ("label", "shipped phrase", "shipped token", "user phrase", "user token"):
        table.add_column(column, justify="left" if column == "label" else "right")
    shipped = {c.label: c for c in store.counts(store.shipped_dir())}
    user = {c.label: c for c in store.counts(directory)}
    for label in sorted({*shipped, *user}):
        s, u = shipped.get(label), user.get(label)
        table.add_row(
            label,
            str(s.phrase if s else 0),
            str(s.token if s else 0),
            str(u.phrase if u else 0),
            str(u.token if u else 0),
        )
    out.print(table)
    out.print(f"user folder: {directory}")


@app.command("show")
def show(
    label: Annotated[str, typer.Argument(help="RANK, TITLE, AGENCY, COUNTRY or AGREEMENT.")],
    directory: DirOption = store.DEFAULT_DIR,
    shipped: Annotated[
        bool, typer.Option("--shipped", help="Show the shipped patterns instead.")
    ] = False,
) -> None:
    """Print one label's patterns (JSONL) from the user folder, or the shipped ones.

    Example: coopnlp patterns show AGENCY --dir patterns
    """
    try:
        path = store.label_file(store.shipped_dir() if shipped else directory, label)
    except store.PatternError as exc:
        _fail(exc)
    if not path.exists():
        err.print(f"no {label.upper()} patterns in {path.parent}")
        return
    for pattern in store.read_dir(path.parent):
        if pattern["label"] == label.upper():
            typer.echo(json.dumps(pattern, ensure_ascii=False))


@app.command("add")
def add(
    label: Annotated[str, typer.Argument(help="RANK, TITLE, AGENCY, COUNTRY or AGREEMENT.")],
    phrase: Annotated[str, typer.Argument(help="The exact phrase (case-sensitive).")],
    key: Annotated[
        str | None,
        typer.Option(
            "--id",
            help="Pattern id (ISO3 for COUNTRY, registry id for AGENCY, kind for "
            "AGREEMENT); derived from the phrase when omitted.",
        ),
    ] = None,
    directory: DirOption = store.DEFAULT_DIR,
    force: Annotated[
        bool, typer.Option("--force", help="Add it even when a safeguard refuses it.")
    ] = False,
) -> None:
    """Add a phrase pattern to the user folder, with the safeguards of `learn`.

    A phrase another shipped label already has, a part of a longer shipped
    name, and (AGENCY) a generic reference, a body type without its country or
    a position are refused unless --force.

    Example: coopnlp patterns add AGENCY "Minsk City Police Department" --dir patterns
    """
    reasons = [] if force else _refusals(label.upper(), phrase)
    if reasons:
        _fail(ValueError("not added (--force adds it anyway): " + "; ".join(reasons)))
    try:
        added = store.add_phrase(directory, label, phrase, key)
    except store.PatternError as exc:
        _fail(exc)
    err.print(("added to " if added else "already in ") + str(directory))


def _refusals(label: str, phrase: str) -> list[str]:
    """Why a hand-added phrase would mislabel other texts (the safeguards of `learn`)."""
    if label == "AGENCY":
        return safeguards.name_objections([phrase], label)
    other = safeguards.shipped_label(phrase)
    if other is not None and other != label:
        return [f"{phrase!r}: the shipped patterns call it {other}"]
    longer = safeguards.splits_shipped(phrase)
    if label in ("TITLE", "RANK") and longer is not None:
        return [f"{phrase!r}: part of the longer shipped name {longer!r}"]
    return []


@app.command("remove")
def remove(
    key: Annotated[str, typer.Argument(help="The id of the patterns to remove.")],
    label: Annotated[str | None, typer.Option("--label", help="Only this label.")] = None,
    phrase: Annotated[str | None, typer.Option("--phrase", help="Only this phrase.")] = None,
    directory: DirOption = store.DEFAULT_DIR,
) -> None:
    """Remove the user folder's patterns with this id (shipped patterns stay).

    Example: coopnlp patterns remove grammar:learned --phrase "Minsk City Police Department"
    """
    try:
        n = store.remove(directory, key, label, phrase)
    except store.PatternError as exc:
        _fail(exc)
    err.print(f"removed {n} pattern(s) from {directory}")
    if n == 0:
        raise typer.Exit(1)


@app.command("learn")
def learn(
    annotations: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="Corrected spans: span JSONL, Doccano or Label Studio.",
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="User pattern folder to add to.")
    ] = store.DEFAULT_DIR,
    records: Annotated[
        Path | None,
        typer.Option(
            "--records",
            exists=True,
            help="Corrected records: a gold JSONL file, or a folder of corrected "
            "officials/agencies tables (CSV). Default: those the annotations carry.",
        ),
    ] = None,
    min_precision: Annotated[
        float, typer.Option("--min-precision", min=0.0, max=1.0, help="Keep patterns above this.")
    ] = 0.75,
    min_support: Annotated[
        int, typer.Option("--min-support", min=2, help="Surface forms a shape needs to generalise.")
    ] = 2,
    model: Annotated[
        Path | None, typer.Option("--model", help="A saved coopnlp pipeline directory.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report only; write nothing.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON on stdout.")
    ] = False,
) -> None:
    """Learn patterns from corrected spans, and bodies and people from corrected records.

    Spans the pipeline (shipped patterns plus the user folder OUTPUT) misses
    become phrase patterns; shapes shared by several of them become token
    patterns. Each is scored on the annotations (matches, precision), then
    tried: the annotated texts run again with the candidates, and only those
    whose spans now come out, without splitting a longer match, are added
    (with their provenance: documents, matches, precision).

    Corrected records (the gold lines `annotate from-gold` puts in the
    annotations, or --records) add user bodies (name, aliases, kind, state)
    and people (state, body, title) to OUTPUT/bodies.jsonl and people.jsonl,
    when the documents extracted again with them give the corrected record and
    none gets further from its corrections; per document before -> after.

    Candidates without effect are remembered in OUTPUT and not proposed again.
    The report is a table on a terminal, tab-separated lines otherwise, JSON
    with --json.

    Example: coopnlp patterns learn tasks.jsonl -o patterns
    """
    try:
        store.writable(output)
    except store.PatternError as exc:
        _fail(exc)
    docs = read_annotations(annotations)
    dirs = [output] if output.is_dir() else []
    nlp = load_pipeline(model, dirs)
    target = None if dry_run else output
    report = run_learn(nlp, docs, dirs, target, min_precision, min_support, memory=output)
    corrected = (
        read_records(records)
        if records is not None
        else {d.doc_id: d.record for d in docs if d.record is not None}
        or records_from_spans(nlp, docs)
    )
    knowledge = RecordReport()
    if corrected:
        after_dirs = [output] if output.is_dir() else []
        knowledge = learn_records(docs, corrected, after_dirs, target, read_rejected(output), model)
        if target is not None:
            remember_rejected(
                output,
                [(i.label, i.name, i.reason) for i in knowledge.items if i.reason == NO_EFFECT],
            )
    ordered = sorted(report.candidates, key=lambda c: (not c.added, c.label, -c.right))
    summary = (
        f"{report.documents} documents, {report.spans} spans: {report.known} found already, "
        f"{report.missed} missed, {report.misaligned} off token boundaries; "
        f"{len(report.added)} of {len(report.candidates)} candidate patterns take effect"
        + (
            f"; {len(knowledge.added)} of {len(knowledge.items)} bodies/people take effect"
            if corrected
            else ""
        )
        + (
            f"; {report.skipped + knowledge.skipped} left out (no effect before)"
            if report.skipped + knowledge.skipped
            else ""
        )
        + (" (dry run)" if dry_run else f"; added to {output}")
    )
    if as_json:
        payload = {
            "annotations": str(annotations),
            "output": None if dry_run else str(output),
            "documents": report.documents,
            "spans": report.spans,
            "known": report.known,
            "missed": report.missed,
            "misaligned": report.misaligned,
            "skipped": report.skipped + knowledge.skipped,
            "added": len(report.added),
            "candidates": [c.to_json() for c in ordered],
            "knowledge_added": len(knowledge.added),
            "knowledge": [i.to_json() for i in knowledge.items],
            "per_document": [
                {"doc_id": d.doc_id, "before": d.before, "after": d.after}
                for d in knowledge.documents
            ],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif out.is_terminal:
        table = Table(title=f"patterns learned from {annotations}")
        for column in LEARN_COLUMNS:
            table.add_column(column)
        for c in ordered:
            table.add_row(*_cells(c))
        out.print(table)
        if knowledge.items:
            table = Table(title="bodies and people learned from the corrected records")
            for column in KNOWLEDGE_COLUMNS:
                table.add_column(column)
            for item in knowledge.items:
                table.add_row(*_item_cells(item))
            out.print(table)
            table = Table(title="closeness to the corrections per document (right - wrong)")
            for column in ("document", "before", "after"):
                table.add_column(column)
            for d in knowledge.documents:
                table.add_row(d.doc_id, str(d.before), str(d.after))
            out.print(table)
    else:
        typer.echo("\t".join(LEARN_COLUMNS))
        for c in ordered:
            typer.echo("\t".join(_cells(c)))
        if knowledge.items:
            typer.echo("\t".join(KNOWLEDGE_COLUMNS))
            for item in knowledge.items:
                typer.echo("\t".join(_item_cells(item)))
            typer.echo("\t".join(("document", "before", "after")))
            for d in knowledge.documents:
                typer.echo(f"{d.doc_id}\t{d.before}\t{d.after}")
    typer.echo(summary, err=True)


def _cells(c: Candidate) -> tuple[str, ...]:
    return (
        "yes" if c.added else f"no: {c.reason}",
        c.label,
        c.kind,
        c.describe(),
        c.id,
        str(c.matches),
        f"{c.precision:.2f}",
        str(c.extracted),
    )


def _item_cells(item: Item) -> tuple[str, ...]:
    row = item.row
    if isinstance(row, UserPerson):
        body = row.agency if row.official else "(not an official)"
    else:
        body = row.kind
    return (
        "yes" if item.added else f"no: {item.reason}",
        item.kind,
        item.name,
        row.country or "",
        body or "",
        ", ".join(sorted(item.documents)),
    )

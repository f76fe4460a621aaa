"""`coopnlp bodies`: the user's bodies (`bodies.jsonl` of a user folder), as data."""

from __future__ import annotations

from typing import Annotated, get_args

import typer

from coopnlp.cli import user_rows as rows
from coopnlp.cli.user_rows import DEFAULT_DIR, DirOption, DocumentOption, ForceOption, JsonOption
from coopnlp.knowledge import user
from coopnlp.records.models import AgencyKind
from coopnlp.retrain.safeguards import body_checks

app = typer.Typer(
    help="Add, list and remove the bodies of a user folder: names the pipeline then finds "
    "and resolves to the body, its kind and state (`extract --patterns DIR`).\n\n"
    'Example: coopnlp bodies add "Kestrel Directorate" --country ARM --dir patterns',
    no_args_is_help=True,
)

KINDS = ", ".join(get_args(AgencyKind))


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The body's full name.")],
    alias: Annotated[
        list[str] | None, typer.Option("--alias", "-a", help="Another name (repeatable).")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="Its state: ISO3 or a country name.")
    ] = None,
    international: Annotated[
        bool, typer.Option("--international", help="A body of no one state (kind international).")
    ] = False,
    kind: Annotated[
        str | None, typer.Option("--kind", help=f"One of {KINDS}; read from the name if omitted.")
    ] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="The body it belongs to (id or name).")
    ] = None,
    document: DocumentOption = None,
    force: ForceOption = False,
    directory: DirOption = DEFAULT_DIR,
) -> None:
    """Add a body (or replace the one of the same id) with the safeguards of `patterns learn`.

    Refused unless --force: a generic reference, a body type without its state (unless
    international), a name that reads as a position, one the shipped patterns give
    another label or that is only part of a longer shipped name, a national body
    without its state.

    Example: coopnlp bodies add "Kestrel Directorate" -a KD --country ARM --dir patterns
    """
    rows.add_row(
        directory,
        lambda: user.UserBody(
            name=name,
            aliases=alias or [],
            kind="international" if international else kind,
            country=user.country_code(country),
            parent=parent,
            provenance=user.Provenance(source="cli", documents=document or []),
        ),
        body_checks,
        user.add_body,
        force,
    )


@app.command("list")
def list_bodies(directory: DirOption = DEFAULT_DIR, as_json: JsonOption = False) -> None:
    """List the bodies of a user folder.

    Example: coopnlp bodies list --dir patterns
    """
    found = user.read_bodies(directory) if directory.is_dir() else []
    columns = {
        "id": lambda b: b.id,
        "name": lambda b: b.name,
        "kind": lambda b: b.kind or "",
        "country": lambda b: b.country or "",
        "aliases": lambda b: "; ".join(b.aliases),
        "source": lambda b: b.provenance.source,
        "added": lambda b: b.provenance.added,
    }
    rows.show(directory, found, columns, as_json, "bodies")


@app.command("remove")
def remove(
    body: Annotated[str, typer.Argument(help="The id, name or an alias of the body.")],
    directory: DirOption = DEFAULT_DIR,
) -> None:
    """Remove a body from a user folder (shipped bodies stay).

    Example: coopnlp bodies remove user_kestrel_directorate --dir patterns
    """
    rows.remove_rows(directory, user.remove_body, body, "body(ies)")

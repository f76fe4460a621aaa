"""`coopnlp people`: the user's people (`people.jsonl` of a user folder), as data."""

from __future__ import annotations

from typing import Annotated

import typer

from coopnlp.cli import user_rows as rows
from coopnlp.cli.user_rows import DEFAULT_DIR, DirOption, DocumentOption, ForceOption, JsonOption
from coopnlp.knowledge import user
from coopnlp.retrain.safeguards import person_checks

app = typer.Typer(
    help="Add, list and remove the people of a user folder: names the pipeline then "
    "finds, with the state, body and position given here when the text does not say "
    "(`extract --patterns DIR`).\n\n"
    'Example: coopnlp people add "Tamsin Orloveck" --country GEO --dir patterns',
    no_args_is_help=True,
)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The person's full name.")],
    alias: Annotated[
        list[str] | None, typer.Option("--alias", "-a", help="Another spelling (repeatable).")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="Their state: ISO3 or a country name.")
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", help="The body they work for (a shipped or user body)."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Their position.")] = None,
    document: DocumentOption = None,
    force: ForceOption = False,
    directory: DirOption = DEFAULT_DIR,
) -> None:
    """Add a person (or replace the one of the same name), with safeguards.

    Refused unless --force: a one-word name, a name that reads as a position or that the
    shipped patterns give a label, a body no registry knows, a state other than the
    body's.

    Example: coopnlp people add "Tamsin Orloveck" --agency "Kestrel Directorate" --dir patterns
    """
    rows.add_row(
        directory,
        lambda: user.UserPerson(
            name=name,
            aliases=alias or [],
            country=user.country_code(country),
            agency=agency,
            title=title,
            provenance=user.Provenance(source="cli", documents=document or []),
        ),
        lambda person: person_checks(person, directory),
        user.add_person,
        force,
    )


@app.command("list")
def list_people(directory: DirOption = DEFAULT_DIR, as_json: JsonOption = False) -> None:
    """List the people of a user folder.

    Example: coopnlp people list --dir patterns
    """
    found = user.read_people(directory) if directory.is_dir() else []
    columns = {
        "name": lambda p: p.name,
        "country": lambda p: p.country or "",
        "agency": lambda p: p.agency or "",
        "title": lambda p: p.title or "",
        "aliases": lambda p: "; ".join(p.aliases),
        "source": lambda p: p.provenance.source,
        "added": lambda p: p.provenance.added,
    }
    rows.show(directory, found, columns, as_json, "people")


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="The name or an alias of the person.")],
    directory: DirOption = DEFAULT_DIR,
) -> None:
    """Remove a person from a user folder.

    Example: coopnlp people remove "Tamsin Orloveck" --dir patterns
    """
    rows.remove_rows(directory, user.remove_person, name, "person(s)")

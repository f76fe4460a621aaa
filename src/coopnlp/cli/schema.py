"""`coopnlp schema`: the JSON Schema of every output table."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from coopnlp.records.tables import json_schema, markdown


def schema(
    table: Annotated[str | None, typer.Argument(help="One table (default: all).")] = None,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the tables as Markdown.")
    ] = False,
) -> None:
    """Print the JSON Schema of the output tables (derived from the pydantic models).

    Example: coopnlp schema officials
    """
    if as_markdown:
        typer.echo(markdown())
        return
    full = json_schema()
    if table is not None:
        if table not in full["tables"]:
            raise typer.BadParameter(f"unknown table {table!r}; one of {', '.join(full['tables'])}")
        typer.echo(json.dumps(full["tables"][table], indent=2))
    else:
        typer.echo(json.dumps(full, indent=2))

"""The `coopnlp` command: a Typer app with one module per command."""

from __future__ import annotations

import typer

from coopnlp import __version__
from coopnlp.cli import evaluate, extract, schema

app = typer.Typer(
    name="coopnlp",
    help="Turn law-enforcement cooperation articles into tables of officials, agencies, "
    "countries and agreements.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coopnlp {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """coopnlp: law-enforcement cooperation news -> clean tables."""


app.command("extract")(extract.extract)
app.command("evaluate")(evaluate.evaluate)
app.command("schema")(schema.schema)


def main() -> None:
    app()

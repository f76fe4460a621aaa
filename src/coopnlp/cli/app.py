"""The `coopnlp` command: a Typer app with one module per command."""

from __future__ import annotations

import typer

from coopnlp import __version__
from coopnlp.cli import (
    annotate,
    bodies,
    evaluate,
    extract,
    inspect,
    network,
    patterns,
    people,
    report,
    schema,
    train,
)

app = typer.Typer(
    name="coopnlp",
    help="Turn law-enforcement cooperation articles into tables of officials, agencies, "
    "countries and agreements.",
    epilog="Example: coopnlp extract data/raw -o data/processed && "
    "coopnlp report data/processed -o report.html",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# Set by --debug; main() reads it when a command fails.
_debug = {"on": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coopnlp {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback when a command fails."),
) -> None:
    """coopnlp: law-enforcement cooperation news -> clean tables."""
    _debug["on"] = debug


app.command("extract")(extract.extract)
app.command("evaluate")(evaluate.evaluate)
app.command("schema")(schema.schema)
app.command("inspect")(inspect.inspect)
app.command("report")(report.report)
app.command("network")(network.network)
app.add_typer(annotate.app, name="annotate")
app.add_typer(patterns.app, name="patterns")
app.add_typer(bodies.app, name="bodies")
app.add_typer(people.app, name="people")
app.command("train")(train.train)


def main() -> None:
    """Run the CLI; a failing command prints one line and exits 1 (traceback with --debug)."""
    try:
        app()
    except Exception as exc:
        if _debug["on"]:
            raise
        message = " ".join(str(exc).split())
        # Our own errors and OS errors say what went wrong; others need their type too.
        if not (type(exc).__module__.startswith("coopnlp") or isinstance(exc, OSError)):
            message = f"{type(exc).__name__}: {message}"
        typer.echo(f"coopnlp: error: {message}", err=True)
        raise SystemExit(1) from None

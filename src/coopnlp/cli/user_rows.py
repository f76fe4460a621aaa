"""What `coopnlp bodies` and `coopnlp people` share: the folder option, the safeguard
gate of `add`, and listing rows as a table (a terminal) or tab-separated lines (a pipe)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from coopnlp.knowledge.user import KnowledgeError, UserBody, UserPerson
from coopnlp.retrain.patterns import DEFAULT_DIR, PatternError, writable


def say(message: str) -> None:
    """One line on stderr, never wrapped (it may be piped)."""
    typer.echo(message, err=True)


DirOption = Annotated[
    Path,
    typer.Option(
        "--dir", "-d", help="User folder (the one `extract --patterns` names; never package data)."
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Add even when a safeguard refuses (each overridden reason is printed)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]
DocumentOption = Annotated[
    list[str] | None,
    typer.Option("--document", help="A document the fact comes from (provenance; repeatable)."),
]

__all__ = ["DEFAULT_DIR", "DirOption", "DocumentOption", "ForceOption", "JsonOption"]


def fail(message: str, code: int = 2) -> None:
    say(f"error: {message}")
    raise typer.Exit(code)


def target(directory: Path) -> Path:
    """The folder to write, refused when it is package data."""
    try:
        return writable(directory)
    except PatternError as exc:
        fail(str(exc))
    return directory


def gate(reasons: Sequence[str], force: bool) -> None:
    """Refuse (exit 2) with every reason, or with --force say what is overridden."""
    if not reasons:
        return
    for reason in reasons:
        prefix = "overridden by --force: " if force else "refused: "
        say(prefix + reason)
    if not force:
        fail("nothing added (--force adds anyway)")


def show(
    directory: Path,
    rows: Sequence[UserBody] | Sequence[UserPerson],
    columns: dict[str, Callable[[Any], str]],
    as_json: bool,
    what: str,
) -> None:
    """List a folder's rows; a missing folder is an error (exit 1)."""
    if not directory.is_dir():
        fail(f"no such folder: {directory}", 1)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row.row(), ensure_ascii=False))
        return
    if not sys.stdout.isatty():  # piped: whole cells, one row a line
        typer.echo("\t".join(columns))
        for row in rows:
            typer.echo("\t".join(cell(row) for cell in columns.values()))
    else:
        table = Table(title=f"{what} in {directory}")
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(cell(row) for cell in columns.values()))
        Console().print(table)
    say(f"{len(rows)} {what} in {directory}")


def add_row(
    directory: Path,
    make: Callable[[], Any],
    checks: Callable[[Any], Sequence[str]],
    add: Callable[[Path, Any], bool],
    force: bool,
) -> None:
    """Build a row (a bad value exits 2), pass it through the safeguards, write it."""
    target(directory)
    try:
        row = make()
    except (KnowledgeError, ValidationError) as exc:
        fail(" ".join(str(exc).split()))
    gate(checks(row), force)
    new = add(directory, row)
    say(f"{'added' if new else 'replaced'} {getattr(row, 'id', None) or row.name} in {directory}")


def remove_rows(directory: Path, remove: Callable[[Path, str], int], key: str, what: str) -> None:
    """Remove rows by `key`; none removed exits 1."""
    target(directory)
    removed = remove(directory, key)
    say(f"removed {removed} {what} from {directory}")
    if removed == 0:
        raise typer.Exit(1)

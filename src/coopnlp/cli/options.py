"""Option and argument types shared by several commands (one definition each)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

InputPath = Annotated[
    Path, typer.Argument(exists=True, help="A folder (read recursively) or one file.")
]
ModelOption = Annotated[
    Path | None, typer.Option("--model", help="A saved coopnlp pipeline directory.")
]
PatternsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--patterns",
        help="User folder over the shipped data (repeatable): its pattern files, "
        "bodies.jsonl and people.jsonl.",
    ),
]

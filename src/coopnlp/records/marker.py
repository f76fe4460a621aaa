"""The marker a run leaves in its output folder, and what it says.

`.coopnlp-output.json` names the format of the tables the last run into a
folder committed (`io/outdir.py` writes it). Readers of the tables
(`coopnlp.load`, `report`, `inspect`) read that format when both are there.
"""

from __future__ import annotations

import json
from pathlib import Path

MARKER = ".coopnlp-output.json"
# The table formats a run writes.
FORMATS = ("parquet", "csv")


def current_format(outdir: Path) -> str | None:
    """The format the last run into `outdir` wrote, when its marker says so."""
    try:
        data = json.loads((Path(outdir) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fmt = data.get("format") if isinstance(data, dict) else None
    return fmt if fmt in FORMATS else None

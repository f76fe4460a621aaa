"""A run owns its output folder: one format of tables, and a marker saying so.

Every run leaves `.coopnlp-output.json` in its output folder, naming the
format of the tables it committed. It is what makes an output folder
recognisable: a folder holding the marker inside INPUT is coopnlp's own
output, never articles (`readers` walk past it), and readers of the tables
(`coopnlp.load`, `report`, `inspect`) read the format the last run wrote.

At commit a run first removes the tables of the other format (a Parquet run
after a CSV run into the same folder, or the reverse, would otherwise leave
stale tables beside the new ones), then puts its own tables in place, then
writes the marker.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from coopnlp.io.atomic import write_text_atomic
from coopnlp.records.marker import FORMATS, MARKER
from coopnlp.records.models import TABLES

# The part files of a Dask run's dataset folder `<table>.parquet/`.
_PART_RE = re.compile(r"^part-\d+\.parquet$")


def is_output_folder(folder: Path | str) -> bool:
    """Whether `folder` holds coopnlp's marker, i.e. is a run's output folder."""
    return os.path.isfile(os.path.join(folder, MARKER))


def table_paths(outdir: Path) -> set[str]:
    """The real paths every coopnlp table of `outdir` has or could have."""
    return {os.path.realpath(outdir / f"{name}.{fmt}") for name in TABLES for fmt in FORMATS}


def inside_tables(path: Path | str, outdir: Path | str) -> bool:
    """Whether `path` is one of `outdir`'s tables (or its marker), or lies inside
    one (a Dask dataset folder): no other output may be written there."""
    real = os.path.realpath(path)
    owned = table_paths(Path(outdir)) | {os.path.realpath(Path(outdir) / MARKER)}
    return any(real == p or real.startswith(p + os.sep) for p in owned)


def remove_other_tables(outdir: Path, fmt: str) -> None:
    """Delete the tables of the format this run does not write."""
    for other in FORMATS:
        if other == fmt:
            continue
        for name in TABLES:
            path = outdir / f"{name}.{other}"
            if path.is_dir() and not path.is_symlink():
                # A Dask dataset: removed only when it holds nothing but its parts.
                if all(_PART_RE.match(p.name) for p in path.iterdir()):
                    shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()


def write_marker(outdir: Path, fmt: str) -> None:
    """Record (atomically) that `outdir` holds the `fmt` tables of a coopnlp run."""
    data = {"written_by": "coopnlp", "format": fmt, "tables": list(TABLES)}
    write_text_atomic(outdir / MARKER, json.dumps(data) + "\n")

"""Write tables to Parquet or CSV: streamed in batches, committed atomically.

`TableSink` opens one temporary file per table beside the final one, appends
record batches as documents finish (so memory stays flat however large the
corpus) and, on `commit()`, syncs and renames every file into place. A run
that dies before the commit leaves the previous complete tables untouched;
its temporary files are removed on `abort()`, or, when the process was
killed, by the next sink opened on the folder (they carry the writer's pid).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from coopnlp.io.outdir import remove_other_tables, write_marker
from coopnlp.records.csv_cells import neutralise
from coopnlp.records.marker import FORMATS
from coopnlp.records.models import TABLES
from coopnlp.records.tables import LIST_SEPARATOR, arrow_schema, csv_schema, to_arrow

# `.<table>.<pid>.<random>.<format>.tmp`: a table being written.
_TMP_RE = re.compile(r"^\.(?P<table>\w+)\.(?P<pid>\d+)\.[0-9a-f]+\.(?:parquet|csv)\.tmp$")


def flatten_lists(table: pa.Table) -> pa.Table:
    """Join the list cells of a table with '; ' for CSV."""
    for i, field in enumerate(table.schema):
        if pa.types.is_list(field.type):
            joined = pc.binary_join(table.column(i), LIST_SEPARATOR)
            table = table.set_column(i, pa.field(field.name, pa.string()), joined)
    return table


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _remove_stale_tmp(outdir: Path) -> None:
    """Delete the temporary tables of killed runs (never those of a live writer)."""
    for path in outdir.iterdir():
        m = _TMP_RE.match(path.name)
        if m and m["table"] in TABLES and not _alive(int(m["pid"])):
            path.unlink(missing_ok=True)


# A step over the whole run's table files before they are renamed into place: it
# gets the temporary paths and the format, rewrites files in place and returns
# the row counts of the tables it wrote.
Finalise = Callable[[dict[str, Path], str], dict[str, int]]


class TableSink:
    """Streamed, atomic writer of every table of `models.TABLES` into `outdir`."""

    def __init__(
        self,
        outdir: Path,
        fmt: str = "parquet",
        flush_rows: int = 2000,
        finalise: Finalise | None = None,
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.outdir = Path(outdir)
        self.fmt = fmt
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.counts = dict.fromkeys(TABLES, 0)
        self.flush_rows = flush_rows
        self.finalise = finalise
        self._buffers: dict[str, list[Any]] = {name: [] for name in TABLES}
        # Rows ready as Arrow (converted records, carried rows), in order, and
        # how many rows wait in all, converted or not.
        self._chunks: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        self._waiting = dict.fromkeys(TABLES, 0)
        self._tmp: dict[str, Path] = {}
        self._writers: dict[str, Any] = {}
        _remove_stale_tmp(self.outdir)
        token = secrets.token_hex(6)
        for name, model in TABLES.items():
            # Created by the writer, not mkstemp, so the tables get the usual
            # permissions (umask), not 0600.
            tmp = self.outdir / f".{name}.{os.getpid()}.{token}.{fmt}.tmp"
            self._tmp[name] = tmp
            schema = arrow_schema(model)
            if fmt == "parquet":
                self._writers[name] = pq.ParquetWriter(tmp, schema)
            else:
                self._writers[name] = pacsv.CSVWriter(tmp, csv_schema(schema))

    def path(self, name: str) -> Path:
        return self.outdir / f"{name}.{self.fmt}"

    def write(self, name: str, records: Iterable[Any] | pa.Table) -> None:
        """Buffer rows of one table: records (validated here) or Arrow rows of the
        table's schema (written as they are). Full buffers go to disk as one row group."""
        if isinstance(records, pa.Table):
            self._convert(name)  # the records before these rows, in order
            schema = arrow_schema(TABLES[name])
            self._chunks[name].append(records if records.schema == schema else records.cast(schema))
            self._waiting[name] += records.num_rows
        else:
            buffer = self._buffers[name]
            before = len(buffer)
            buffer.extend(records)
            self._waiting[name] += len(buffer) - before
        if self._waiting[name] >= self.flush_rows:
            self._flush(name)

    def _convert(self, name: str) -> None:
        if self._buffers[name]:
            self._chunks[name].append(to_arrow(name, self._buffers[name]))
            self._buffers[name] = []

    def _flush(self, name: str) -> None:
        self._convert(name)
        chunks, self._chunks[name], self._waiting[name] = self._chunks[name], [], 0
        if not chunks:
            return
        # One row group of contiguous columns, not thousands of one-document chunks.
        table = pa.concat_tables(chunks).combine_chunks() if len(chunks) > 1 else chunks[0]
        if table.num_rows == 0:
            return
        self.counts[name] += table.num_rows
        if self.fmt == "csv":
            table = neutralise(flatten_lists(table))  # no cell a spreadsheet runs as a formula
        self._writers[name].write_table(table)

    def commit(self) -> dict[str, Path]:
        """Flush, close every file and rename it into place; returns the final paths."""
        for name in self._buffers:
            self._flush(name)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        if self.finalise is not None:
            self.counts.update(self.finalise(dict(self._tmp), self.fmt))
        for tmp in self._tmp.values():
            _fsync(tmp)  # the data is on disk before a rename makes it the table
        paths = {}
        remove_other_tables(self.outdir, self.fmt)  # the folder holds one run's tables
        # `documents` goes last: when it is new, every other table is too.
        for name in sorted(self._tmp, key=lambda n: n == "documents"):
            os.replace(self._tmp[name], self.path(name))
            paths[name] = self.path(name)
        self._tmp.clear()
        write_marker(self.outdir, self.fmt)
        _fsync(self.outdir)
        return paths

    def abort(self) -> None:
        """Drop the temporary files; the previous tables stay as they were."""
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)
        self._writers.clear()
        self._tmp.clear()

    def __enter__(self) -> TableSink:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()

"""Table sink: streamed writes, atomic commit, CSV lists, loading back."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import coopnlp
from coopnlp.io.outdir import MARKER
from coopnlp.io.writers import TableSink
from coopnlp.records.models import TABLES, Agency, Document
from coopnlp.records.tables import to_arrow


def _agency(i: int) -> Agency:
    return Agency(
        doc_id=f"d{i}",
        name=f"Body {i}",
        kind="ministry",
        country="RUS",
        aliases=["MIA", "MVD"],
        mentions=1,
        start_char=0,
        score=0.9,
        source="t",
    )


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_sink_writes_every_table_and_loads_back(tmp_path, fmt):
    with TableSink(tmp_path, fmt, flush_rows=2) as sink:
        sink.write("agencies", [_agency(i) for i in range(5)])
        sink.write("documents", [Document(doc_id="d0", path="p", n_chars=0, status="ok")])
    assert {p.name for p in tmp_path.iterdir()} == {f"{t}.{fmt}" for t in TABLES} | {MARKER}
    tables = coopnlp.load(tmp_path)
    agencies = tables["agencies"]
    assert list(agencies["name"]) == [f"Body {i}" for i in range(5)]
    assert list(agencies["aliases"][0]) == ["MIA", "MVD"]
    assert isinstance(agencies["kind"].dtype, pd.CategoricalDtype)
    assert tables["officials"].empty and "rank" in tables["officials"].columns


def test_records_and_arrow_rows_keep_their_order(tmp_path):
    # Carried rows arrive as Arrow (of the table's schema) between new records.
    carried = to_arrow("agencies", [_agency(i) for i in (1, 2)])
    with TableSink(tmp_path, flush_rows=3) as sink:
        sink.write("agencies", [_agency(0)])
        sink.write("agencies", carried)
        sink.write("agencies", [_agency(3), _agency(4)])
        sink.write("agencies", carried.slice(1))
    agencies = coopnlp.load(tmp_path)["agencies"]
    assert list(agencies["name"]) == [f"Body {i}" for i in (0, 1, 2, 3, 4, 2)]
    assert list(agencies["aliases"][1]) == ["MIA", "MVD"]
    assert sink.counts["agencies"] == 6


def test_failed_run_leaves_previous_tables(tmp_path):
    with TableSink(tmp_path) as sink:
        sink.write("agencies", [_agency(1)])
    before = (tmp_path / "agencies.parquet").read_bytes()
    with pytest.raises(RuntimeError), TableSink(tmp_path) as sink:
        sink.write("agencies", [_agency(i) for i in range(3000)])
        raise RuntimeError("killed")
    assert (tmp_path / "agencies.parquet").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and p.name != MARKER]


def _dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(proc.stdout)


def test_temp_files_of_killed_runs_are_removed_live_ones_kept(tmp_path):
    dead = tmp_path / f".agencies.{_dead_pid()}.0a1b2c.parquet.tmp"
    live = tmp_path / f".agencies.{os.getppid()}.0a1b2c.parquet.tmp"
    other = tmp_path / ".notes.123.tmp"
    for path in (dead, live, other):
        path.write_bytes(b"partial")
    with TableSink(tmp_path) as sink:
        sink.write("agencies", [_agency(1)])
    assert not dead.exists()
    assert live.exists() and other.exists()  # a running writer's, and not ours


def test_tables_get_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        with TableSink(tmp_path, "csv"):
            pass
    finally:
        os.umask(umask)
    assert {oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()} == {"0o644"}


def test_documents_table_is_renamed_last(tmp_path, monkeypatch):
    renamed = []
    real_replace = os.replace

    def replace(src, dst):
        renamed.append(os.path.basename(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with TableSink(tmp_path):
        pass
    # The tables, `documents` last, then the marker naming the run's format.
    assert len(renamed) == len(TABLES) + 1 and renamed[-2:] == ["documents.parquet", MARKER]

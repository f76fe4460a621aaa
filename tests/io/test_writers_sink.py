"""Table sink: streamed writes, atomic commit, CSV lists, loading back."""

from __future__ import annotations

import pandas as pd
import pytest

import coopnlp
from coopnlp.io.writers import TableSink
from coopnlp.records.models import TABLES, Agency, Document


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
    assert {p.name for p in tmp_path.iterdir()} == {f"{t}.{fmt}" for t in TABLES}
    tables = coopnlp.load(tmp_path)
    agencies = tables["agencies"]
    assert list(agencies["name"]) == [f"Body {i}" for i in range(5)]
    assert list(agencies["aliases"][0]) == ["MIA", "MVD"]
    assert isinstance(agencies["kind"].dtype, pd.CategoricalDtype)
    assert tables["officials"].empty and "rank" in tables["officials"].columns


def test_failed_run_leaves_previous_tables(tmp_path):
    with TableSink(tmp_path) as sink:
        sink.write("agencies", [_agency(1)])
    before = (tmp_path / "agencies.parquet").read_bytes()
    with pytest.raises(RuntimeError), TableSink(tmp_path) as sink:
        sink.write("agencies", [_agency(i) for i in range(3000)])
        raise RuntimeError("killed")
    assert (tmp_path / "agencies.parquet").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]

"""`--engine dask` on a two-worker LocalCluster gives the tables of a local run."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

import coopnlp
from coopnlp.engine.cluster import extract_dask
from coopnlp.engine.local import extract
from coopnlp.io.outdir import MARKER
from coopnlp.records.models import TABLES

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def _duckdb_rows(glob: Path) -> list[dict]:
    """The rows DuckDB reads from a Parquet file or a glob of part files, in order."""
    return duckdb.sql(f"SELECT * FROM read_parquet('{glob}')").to_arrow_table().to_pylist()


@pytest.mark.slow
def test_dask_tables_equal_local_run(nlp, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    corpus = shutil.copytree(RAW, tmp_path / "in")
    (corpus / "0_short.txt").write_text("Too short.", encoding="utf-8")
    shutil.copy(RAW / "002_89b171658d67022e.txt", corpus / "009_copy.txt")  # a duplicate
    local, dask_out = tmp_path / "local", tmp_path / "dask"
    extract(corpus, local, nlp, n_process=1)
    (dask_out / "documents.parquet").parent.mkdir()
    (dask_out / "documents.parquet").write_bytes(b"an earlier single-file table")
    # Batches of two: four batches spread over the two workers.
    summary = extract_dask(corpus, dask_out, n_workers=2, batch_size=2)
    assert summary.statuses == {"ok": 5, "skipped": 2}
    tables = sorted(f"{n}.parquet" for n in TABLES)
    assert sorted(p.name for p in dask_out.iterdir()) == sorted([*tables, MARKER])
    parts = sorted(p.name for p in (dask_out / "documents.parquet").iterdir())
    assert parts == [f"part-{i:08d}.parquet" for i in range(4)]
    expected, got = coopnlp.load(local), coopnlp.load(dask_out)
    for name in TABLES:
        assert got[name].equals(expected[name]), name
        assert summary.rows[name] == len(expected[name])
    # Every table is covered, the meetings (lists, dates) too.
    assert "meetings" in TABLES and len(got["meetings"]) >= 5
    # Identity is the reduce over every partition: the persons of all batches, and
    # Kolokoltsev (two seed articles, two batches) is one person.
    officials = got["officials"]
    assert officials["person_id"].notna().all() and len(got["persons"]) > 0
    kolokoltsev = officials[officials["name"].str.endswith("Kolokoltsev")]
    assert kolokoltsev["doc_id"].nunique() >= 2 and kolokoltsev["person_id"].nunique() == 1
    # One table to pandas and pyarrow as well, rows in input order.
    doc_ids = expected["documents"]["doc_id"].tolist()
    assert pd.read_parquet(dask_out / "documents.parquet")["doc_id"].tolist() == doc_ids
    table = pq.read_table(dask_out / "mentions.parquet")
    assert table.num_rows == len(expected["mentions"]) > 0
    # And to DuckDB: each table's part files are one table, equal to the local run's.
    for name in TABLES:
        parts = _duckdb_rows(dask_out / f"{name}.parquet" / "*.parquet")
        assert len(parts) == summary.rows[name], name
        assert parts == _duckdb_rows(local / f"{name}.parquet"), name
    # A local run cannot replace those folders by files at its commit: it refuses to start.
    with pytest.raises(ValueError, match="Dask run"):
        extract(corpus, dask_out, nlp)

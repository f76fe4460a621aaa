"""A run owns its output folder: one format of tables, and a marker that keeps
coopnlp's own output from being read back as articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import coopnlp
from coopnlp.engine.local import extract
from coopnlp.io.readers import iter_documents
from coopnlp.io.writers import TableSink
from coopnlp.records.marker import MARKER, current_format
from coopnlp.records.models import TABLES, Document

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SEEDS = sorted(RAW.glob("*.txt"))


def _documents(outdir: Path, ids: list[str], fmt: str) -> None:
    with TableSink(outdir, fmt) as sink:
        sink.write("documents", [Document(doc_id=i, path=i, n_chars=0, status="ok") for i in ids])


def test_csv_run_after_parquet_run_replaces_its_tables(tmp_path: Path) -> None:
    _documents(tmp_path, ["old"], "parquet")
    _documents(tmp_path, ["new"], "csv")
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {f"{t}.csv" for t in TABLES} | {MARKER}
    assert current_format(tmp_path) == "csv"
    assert coopnlp.load(tmp_path)["documents"]["doc_id"].tolist() == ["new"]
    _documents(tmp_path, ["newer"], "parquet")
    assert {p.name for p in tmp_path.iterdir()} == {f"{t}.parquet" for t in TABLES} | {MARKER}
    assert coopnlp.load(tmp_path)["documents"]["doc_id"].tolist() == ["newer"]


def test_readers_follow_the_marker_over_stale_tables(tmp_path: Path) -> None:
    # Tables left by hand (or by an older coopnlp) beside the current ones.
    _documents(tmp_path, ["stale"], "parquet")
    keep = tmp_path / "keep"
    shutil.copytree(tmp_path, keep)
    _documents(tmp_path, ["current"], "csv")
    shutil.copy(keep / "documents.parquet", tmp_path / "documents.parquet")
    assert coopnlp.load(tmp_path)["documents"]["doc_id"].tolist() == ["current"]


def test_output_folders_inside_input_are_not_articles(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS[0], src / "a.txt")
    # An earlier CSV run's tables inside INPUT: documents.csv has a `text` column.
    _documents(src / "results", ["x"], "csv")
    shutil.copy(SEEDS[1], src / "results" / "notes.txt")
    assert [d.doc_id for d in iter_documents(src)] == ["a"]
    # INPUT itself an output folder: its own files are read, its tables are not.
    _documents(src, ["y"], "csv")
    assert [d.doc_id for d in iter_documents(src)] == ["a"]


def test_extract_csv_then_parquet_into_one_folder(nlp, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS[0], src / "a.txt")
    out = src / "out"  # the output inside INPUT, read by the second run's walk
    extract(src, out, nlp, fmt="csv")
    shutil.copy(SEEDS[1], src / "b.txt")
    extract(src, out, nlp, fmt="parquet")
    assert not list(out.glob("*.csv"))
    documents = coopnlp.load(out)["documents"]
    assert documents["doc_id"].tolist() == ["a", "b"]
    assert documents["status"].tolist() == ["ok", "ok"]

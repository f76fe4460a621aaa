"""Incremental runs: unchanged documents are carried over, the tables stay those
of a full run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import coopnlp
from coopnlp.engine import incremental
from coopnlp.engine.local import extract

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(autouse=True)
def _cache(monkeypatch, tmp_path) -> None:
    """Manifests go to a cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The doc_ids that were cleaned and prepared for the pipeline (not carried)."""
    seen: list[str] = []
    real = incremental.prepare

    def prepare(raw):
        seen.append(raw.doc_id)
        return real(raw)

    monkeypatch.setattr(incremental, "prepare", prepare)
    return seen


def _assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = coopnlp.load(a), coopnlp.load(b)
    for name in ta:
        assert ta[name].equals(tb[name]), name


def test_rerun_carries_everything(nlp, tmp_path, counted) -> None:
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out = tmp_path / "out"
    extract(corpus, out, nlp)
    first = coopnlp.load(out)
    assert len(counted) == 5
    counted.clear()
    summary = extract(corpus, out, nlp)
    assert counted == []
    assert summary.statuses["ok"] == 5
    again = coopnlp.load(out)
    for name in first:
        assert again[name].equals(first[name]), name
    assert len(again["mentions"]) > 0
    assert len(again["meetings"]) >= 5  # carried like every other table


def test_changed_added_and_duplicated_documents(nlp, tmp_path, counted) -> None:
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out, reference = tmp_path / "out", tmp_path / "reference"
    extract(corpus, out, nlp)
    counted.clear()
    changed = corpus / "002_89b171658d67022e.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new closing line.\n")
    (corpus / "005_new.txt").write_text((RAW / "001_a329563865bc35fc.txt").read_text() + "\nNew.")
    # Sorts first with the text of a carried document, which becomes its duplicate.
    shutil.copy(RAW / "003_9121bbf3e5f59db6.txt", corpus / "000_0_copy.txt")
    (corpus / "004_334f85df2d40dda5.txt").unlink()
    extract(corpus, out, nlp)
    # 003 is carried, then found a duplicate of 000_0_copy and settled as one.
    assert sorted(counted) == ["000_0_copy", "002_89b171658d67022e", "005_new"]
    extract(corpus, reference, nlp, full=True)
    _assert_same_tables(out, reference)
    documents = coopnlp.load(out)["documents"].set_index("doc_id")
    assert documents.loc["003_9121bbf3e5f59db6", "error"].startswith("duplicate of 000_0_copy")
    assert "004_334f85df2d40dda5" not in documents.index
    meetings = coopnlp.load(out)["meetings"]
    # The redone documents' meetings are there (the duplicates have none).
    assert {"000_0_copy", "002_89b171658d67022e"} <= set(meetings["doc_id"])
    assert not {"003_9121bbf3e5f59db6", "005_new"} & set(meetings["doc_id"])


def test_full_and_another_pipeline_redo_everything(nlp, tmp_path, counted) -> None:
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out = tmp_path / "out"
    extract(corpus, out, nlp)
    counted.clear()
    extract(corpus, out, nlp, full=True)
    assert len(counted) == 5
    counted.clear()
    manifest = incremental.manifest_path(out)
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "version": "another pipeline"}))
    extract(corpus, out, nlp)
    assert len(counted) == 5
    counted.clear()
    extract(corpus, out, nlp, fmt="csv")  # CSV runs are always full and leave no manifest
    assert len(counted) == 5
    assert not manifest.exists()


def test_tables_of_another_schema_are_not_carried(nlp, tmp_path, counted) -> None:
    # Rows are copied as stored: a table whose columns differ from today's (an
    # edited file, an older release) makes the run full.
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out = tmp_path / "out"
    extract(corpus, out, nlp)
    reference = pq.read_table(out / "countries.parquet")
    pq.write_table(reference.drop_columns(["mentions"]), out / "countries.parquet")
    counted.clear()
    extract(corpus, out, nlp)
    assert len(counted) == 5
    assert pq.read_table(out / "countries.parquet").equals(reference)


def test_parallel_rerun_matches(nlp, tmp_path, counted) -> None:
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out, reference = tmp_path / "out", tmp_path / "reference"
    extract(corpus, reference, nlp, n_process=1)
    extract(corpus, out, nlp, n_process=2)
    _assert_same_tables(out, reference)
    (corpus / "002_89b171658d67022e.txt").write_text("Too short.")
    counted.clear()
    extract(corpus, out, nlp, n_process=2)
    assert counted == ["002_89b171658d67022e"]
    extract(corpus, reference, nlp, n_process=1, full=True)
    _assert_same_tables(out, reference)


def test_fingerprint_follows_data_not_the_commands(nlp, tmp_path, monkeypatch) -> None:
    package = shutil.copytree(
        incremental.PACKAGE, tmp_path / "coopnlp", ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(incremental, "PACKAGE", package)
    before = incremental.fingerprint(nlp, 1000)
    assert incremental.fingerprint(nlp, 1000) == before
    extract_cli = package / "cli" / "extract.py"
    extract_cli.write_text(
        extract_cli.read_text(encoding="utf-8").replace("Output folder.", "Where tables go."),
        encoding="utf-8",
    )
    (package / "report" / "templates" / "style.css").write_text("body {}", encoding="utf-8")
    assert incremental.fingerprint(nlp, 1000) == before  # help strings and looks keep the cache
    assert incremental.fingerprint(nlp, 2000) != before  # --max-chars does not
    honorifics = package / "resources" / "persons" / "honorifics.txt"
    honorifics.write_text(honorifics.read_text(encoding="utf-8") + "Excellency\n", "utf-8")
    changed = incremental.fingerprint(nlp, 1000)
    assert changed != before  # a resource file decides rows
    nested = package / "resources" / "new_group" / "words.txt"  # any layout of resources
    nested.parent.mkdir()
    nested.write_text("word\n", encoding="utf-8")
    assert incremental.fingerprint(nlp, 1000) != changed


def test_unusable_cache_folder_warns_and_runs_full(nlp, tmp_path, monkeypatch, counted) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out = tmp_path / "out"
    summary = extract(corpus, out, nlp)
    assert summary.statuses["ok"] == 5
    assert len(summary.warnings) == 1 and "incremental state not kept" in summary.warnings[0]
    assert str(blocker) in summary.warnings[0]
    assert len(coopnlp.load(out)["documents"]) == 5
    counted.clear()
    assert extract(corpus, out, nlp).statuses["ok"] == 5
    assert len(counted) == 5  # nothing carried: no state was kept


@pytest.fixture
def corpus_steps(monkeypatch) -> list[int]:
    """One entry per run of the corpus step (persons and bodies resolution)."""
    from coopnlp.engine import local

    runs: list[int] = []
    real = local.finalise_files

    def finalise(paths, fmt):
        runs.append(1)
        return real(paths, fmt)

    monkeypatch.setattr(local, "finalise_files", finalise)
    return runs


def test_unchanged_rerun_carries_persons_and_bodies(nlp, tmp_path, corpus_steps) -> None:
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out, reference = tmp_path / "out", tmp_path / "reference"
    extract(corpus, out, nlp)
    assert len(corpus_steps) == 1
    summary = extract(corpus, out, nlp)
    assert len(corpus_steps) == 1  # every document carried: so are persons and bodies
    extract(corpus, reference, nlp, full=True)
    _assert_same_tables(out, reference)
    tables = coopnlp.load(out)
    assert len(tables["persons"]) > 0 and len(tables["bodies"]) > 0
    assert summary.rows["persons"] == len(tables["persons"])
    assert summary.rows["bodies"] == len(tables["bodies"])


@pytest.mark.parametrize("change", ["edited", "removed", "added"])
def test_any_changed_document_runs_the_corpus_step(nlp, tmp_path, corpus_steps, change) -> None:
    corpus = shutil.copytree(RAW, tmp_path / "in")
    out, reference = tmp_path / "out", tmp_path / "reference"
    extract(corpus, out, nlp)
    document = corpus / "002_89b171658d67022e.txt"
    if change == "edited":
        document.write_text(document.read_text(encoding="utf-8") + "\nA new closing line.\n")
    elif change == "removed":
        document.unlink()
    else:
        (corpus / "005_new.txt").write_text(
            "Interior Minister Jan Kowalski met his counterpart in Warsaw to sign an agreement.",
            encoding="utf-8",
        )
    extract(corpus, out, nlp)
    assert len(corpus_steps) == 2
    extract(corpus, reference, nlp, full=True)
    _assert_same_tables(out, reference)


def test_source_hashes_are_cached_by_size_and_time(tmp_path, monkeypatch) -> None:
    package = tmp_path / "coopnlp"
    (package / "resources").mkdir(parents=True)
    words = package / "resources" / "words.txt"
    words.write_text("one\n", encoding="utf-8")
    monkeypatch.setattr(incremental, "PACKAGE", package)
    first = incremental.source_hashes([words])
    [cache] = (tmp_path / "cache" / "coopnlp" / "sources").iterdir()
    # An unchanged file (same size and time) is not read again: its cached hash stands.
    stored = json.loads(cache.read_text())
    stored["resources/words.txt"][2] = "cached"
    cache.write_text(json.dumps(stored))
    assert incremental.source_hashes([words]) == {"resources/words.txt": "cached"}
    later = words.stat().st_mtime_ns + 1_000_000_000
    words.write_text("two\n", encoding="utf-8")  # same size, a later time
    os.utime(words, ns=(later, later))  # (the clock may not have moved yet)
    fresh = incremental.source_hashes([words])["resources/words.txt"]
    assert fresh not in ("cached", first["resources/words.txt"])

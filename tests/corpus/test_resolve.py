"""The corpus step over whole runs: the same ids and tables however the run is made
(in memory, Parquet or CSV files, partitions, incremental, more documents)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import coopnlp
from coopnlp.corpus.resolve import finalise_dataset, resolve_tables
from coopnlp.engine.local import extract
from coopnlp.records.load import load_tables
from coopnlp.records.models import DOCUMENT_TABLES, TABLES

# Invented people in real states: one minister under two spellings, and once with
# no state of his own (the corpus pass gives it), two others.
ARTICLES = {
    "a1": "Interior Minister of Kazakhstan Yerzhan Kulbayev met Interior Minister of "
    "Uzbekistan Bakhtiyor Nurmatov in Tashkent on Monday. The ministers signed a protocol "
    "on cooperation between the ministries.",
    "a2": "Kazakh Interior Minister Erjan Kulbaev held talks in Astana with the delegation "
    "of the Ministry of Internal Affairs of Kyrgyzstan on border security and drug "
    "trafficking.",
    "a3": "Yerzhan Kulbayev and the Kyrgyz Interior Minister Talant Osmonov discussed border "
    "security and the fight against drug trafficking at the meeting in Bishkek on Tuesday.",
}
MORE = {
    "a4": "Deputy Minister of Internal Affairs of Armenia Hovik Sargsyan visited Yerevan "
    "police headquarters with Russian Interior Minister Oleg Varnavin on Friday.",
}


@pytest.fixture(autouse=True)
def _cache(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in articles.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


def _assert_same(a: dict, b: dict) -> None:
    assert set(a) == set(b)
    for name in a:
        assert a[name].equals(b[name]), name


@pytest.fixture(scope="module")
def memory(nlp) -> dict:
    return coopnlp.extract_texts(list(ARTICLES.values()), ids=list(ARTICLES), nlp=nlp)


def test_one_person_under_two_spellings_and_a_mended_state(memory) -> None:
    officials = memory["officials"].set_index(["doc_id", "name"])
    kulbayev = officials.loc[("a1", "Yerzhan Kulbayev")]
    assert officials.loc[("a2", "Erjan Kulbaev"), "person_id"] == kulbayev["person_id"]
    mended = officials.loc[("a3", "Yerzhan Kulbayev")]
    assert mended["person_id"] == kulbayev["person_id"]
    # a3 gives him no state: the two other documents agree on it.
    assert pd.isna(mended["doc_country"]) and mended["country"] == "KAZ"
    assert mended["source"].endswith(">corpus:2 documents")
    assert mended["score"] > mended["doc_score"]
    assert officials.loc[("a3", "Talant Osmonov"), "person_id"] != kulbayev["person_id"]
    persons = memory["persons"].set_index("person_id")
    assert persons.loc[kulbayev["person_id"], "documents"] == 3
    assert persons.loc[kulbayev["person_id"], "country"] == "KAZ"
    assert len(persons) == memory["officials"]["person_id"].nunique() == 3
    bodies = memory["bodies"]
    assert set(memory["agencies"]["body_id"]) == set(bodies["body_id"])


@pytest.mark.slow
def test_files_partitions_and_memory_agree(nlp, tmp_path, memory) -> None:
    corpus = _corpus(tmp_path / "in", ARTICLES)
    parquet, csv = tmp_path / "parquet", tmp_path / "csv"
    extract(corpus, parquet, nlp)
    extract(corpus, csv, nlp, fmt="csv")
    from_parquet, from_csv = coopnlp.load(parquet), coopnlp.load(csv)
    for name in ("officials", "agencies", "persons", "bodies"):
        assert from_parquet[name].equals(from_csv[name]), name
        assert from_parquet[name].equals(memory[name].reset_index(drop=True)), name
    # The same rows cut into partitions (as a Dask run writes them: the tables of
    # documents; persons and bodies come from the step), step run again: the step
    # reads only each row's own values, so nothing changes.
    parts = tmp_path / "parts"
    for name in DOCUMENT_TABLES:
        table = pq.read_table(parquet / f"{name}.parquet")
        folder = parts / f"{name}.parquet"
        folder.mkdir(parents=True)
        half = table.num_rows // 2
        pq.write_table(table.slice(0, half), folder / "part-00000000.parquet")
        pq.write_table(table.slice(half), folder / "part-00000001.parquet")
    finalise_dataset(parts)
    _assert_same(load_tables(parts), from_parquet)


@pytest.mark.slow
def test_incremental_and_larger_runs_keep_the_ids(nlp, tmp_path) -> None:
    corpus = _corpus(tmp_path / "in", ARTICLES)
    out = tmp_path / "out"
    extract(corpus, out, nlp)
    first = coopnlp.load(out)
    # Another document about other people: carried rows + new rows, same ids.
    _corpus(corpus, MORE)
    extract(corpus, out, nlp)
    incremental = coopnlp.load(out)
    reference = tmp_path / "reference"
    extract(corpus, reference, nlp, full=True)
    _assert_same(incremental, coopnlp.load(reference))
    before = first["officials"].set_index(["doc_id", "name"])["person_id"]
    after = incremental["officials"].set_index(["doc_id", "name"])["person_id"]
    assert after.loc[before.index].equals(before)
    # A changed document that no longer names Kulbayev's state: the corpus pass
    # still gives it, and the tables are those of a full run.
    (corpus / "a2.txt").write_text(ARTICLES["a2"].replace("Kazakh ", ""), encoding="utf-8")
    extract(corpus, out, nlp)
    extract(corpus, reference, nlp, full=True)
    _assert_same(coopnlp.load(out), coopnlp.load(reference))


def test_the_step_on_its_own_output_changes_nothing(nlp, tmp_path) -> None:
    # What incremental runs rely on: mended rows resolve from their own values.
    out = tmp_path / "out"
    extract(_corpus(tmp_path / "in", ARTICLES), out, nlp)
    tables = {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}
    assert "corpus:" in " ".join(tables["officials"].column("source").to_pylist())
    again = resolve_tables(tables)
    for name in TABLES:
        assert again[name].equals(tables[name]), name


def test_an_empty_run_has_empty_identity_tables(nlp) -> None:
    tables = coopnlp.extract_texts([], nlp=nlp)
    assert len(tables["persons"]) == len(tables["bodies"]) == 0


def test_copy_of_a_folder_keeps_ids(tmp_path, nlp) -> None:
    # Two runs over the same corpus (another folder, another order of writing).
    a = _corpus(tmp_path / "a", ARTICLES)
    b = shutil.copytree(a, tmp_path / "b")
    extract(a, tmp_path / "out-a", nlp)
    extract(b, tmp_path / "out-b", nlp, n_process=1, batch_size=1)
    ta, tb = coopnlp.load(tmp_path / "out-a"), coopnlp.load(tmp_path / "out-b")
    for name in ("officials", "agencies", "persons", "bodies"):
        assert ta[name].equals(tb[name]), name

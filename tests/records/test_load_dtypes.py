"""`coopnlp.load` gives the dtypes documented in records/load.py and the README,
from Parquet and CSV alike, and `extract_texts` gives the same."""

from __future__ import annotations

import typing
from pathlib import Path

import pandas as pd
import pytest

import coopnlp
from coopnlp.engine.local import extract
from coopnlp.records.models import (
    AgencyKind,
    AgreementKind,
    AgreementStatus,
    DatePrecision,
    MeetingKind,
    MeetingStatus,
    MentionLabel,
    Status,
)

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
CATEGORIES = {
    ("documents", "status"): Status,
    ("agencies", "kind"): AgencyKind,
    ("agreements", "kind"): AgreementKind,
    ("agreements", "status"): AgreementStatus,
    ("mentions", "label"): MentionLabel,
    ("meetings", "kind"): MeetingKind,
    ("meetings", "status"): MeetingStatus,
    ("meetings", "date_precision"): DatePrecision,
}
DATES = {("documents", "date"), ("agreements", "date"), ("meetings", "date")}
LISTS = {
    ("agencies", "aliases"),
    ("agreements", "parties"),
    ("meetings", "participants"),
    ("meetings", "countries"),
    ("meetings", "agreements"),
}
NULLABLE_INTS = {("officials", "rank_grade")}
INTS = {
    ("documents", "n_chars"),
    ("officials", "mentions"),
    ("officials", "start_char"),
    ("mentions", "start_char"),
    ("mentions", "end_char"),
    ("meetings", "start_char"),
}


@pytest.fixture(scope="module")
def csv_tables(nlp, tmp_path_factory) -> dict[str, pd.DataFrame]:
    outdir = tmp_path_factory.mktemp("seeds_csv")
    extract(RAW, outdir, nlp, fmt="csv")
    return coopnlp.load(outdir)


def check_dtypes(tables: dict[str, pd.DataFrame]) -> None:
    for (table, column), literal in CATEGORIES.items():
        dtype = tables[table][column].dtype
        assert isinstance(dtype, pd.CategoricalDtype), (table, column, dtype)
        assert list(dtype.categories) == list(typing.get_args(literal))
    for table, column in DATES:
        assert tables[table][column].dtype == "datetime64[ns]", (table, column)
    for table, column in LISTS:
        cells = tables[table][column]
        assert all(isinstance(v, list) for v in cells), (table, column)
    for table, column in NULLABLE_INTS:
        assert tables[table][column].dtype == "Int64"
    for table, column in INTS:
        assert tables[table][column].dtype == "int64", (table, column)
    for name, frame in tables.items():
        if "score" in frame:
            assert frame["score"].dtype == "float64", name


def test_parquet_tables_have_the_documented_dtypes(seeds_tables) -> None:
    check_dtypes(seeds_tables)
    docs = seeds_tables["documents"].set_index("doc_id")
    assert docs.loc["003_9121bbf3e5f59db6", "date"] == pd.Timestamp("2018-10-24")
    aliases = seeds_tables["agencies"]["aliases"]
    assert any(len(v) >= 2 and all(isinstance(a, str) for a in v) for v in aliases)
    grades = seeds_tables["officials"]["rank_grade"]
    assert grades.notna().any() and grades.isna().any()  # ranked and unranked officials


def test_csv_tables_load_like_parquet(seeds_tables, csv_tables) -> None:
    check_dtypes(csv_tables)
    for name, frame in seeds_tables.items():
        other = csv_tables[name]
        assert list(other.dtypes.astype(str)) == list(frame.dtypes.astype(str)), name
        assert len(other) == len(frame), name
    # Lists survive the '; '-joined CSV cells.
    pd.testing.assert_series_equal(
        csv_tables["agencies"]["aliases"], seeds_tables["agencies"]["aliases"]
    )
    # The meetings table round-trips through CSV cell for cell (lists, dates, categories).
    meetings = seeds_tables["meetings"]
    assert len(meetings) >= 5
    assert any(len(p) >= 2 for p in meetings["participants"])
    pd.testing.assert_frame_equal(csv_tables["meetings"], meetings)


def test_extract_texts_gives_the_same_dtypes(nlp, seeds_tables) -> None:
    text = (RAW / "003_9121bbf3e5f59db6.txt").read_text(encoding="utf-8")
    tables = coopnlp.extract_texts([text], ids=["seed"], nlp=nlp)
    check_dtypes(tables)
    for name, frame in seeds_tables.items():
        assert list(tables[name].dtypes.astype(str)) == list(frame.dtypes.astype(str)), name
    # Empty tables keep their dtypes too.
    check_dtypes(coopnlp.extract_texts([], nlp=nlp))


def test_load_can_restrict_to_some_documents(seeds_out) -> None:
    from coopnlp.records.load import load_tables

    tables = load_tables(seeds_out, doc_ids=["003_9121bbf3e5f59db6"])
    assert set(tables["documents"]["doc_id"]) == {"003_9121bbf3e5f59db6"}
    assert set(tables["officials"]["doc_id"]) == {"003_9121bbf3e5f59db6"}
    check_dtypes(tables)

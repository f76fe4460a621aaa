"""Report data prep on small hand-made tables: every number checked by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coopnlp.records.load import to_pandas
from coopnlp.records.models import Agency, Agreement, Country, Document, Meeting, Official
from coopnlp.records.tables import to_arrow
from coopnlp.report import data


def _frame(name: str, records: list) -> pd.DataFrame:
    return to_pandas(name, to_arrow(name, records))


def _doc(doc_id: str, date: dt.date | None, status: str = "ok") -> Document:
    return Document(doc_id=doc_id, path=f"{doc_id}.txt", date=date, n_chars=10, status=status)


def _official(
    doc_id: str,
    name: str,
    country: str | None,
    rank: str | None = None,
    grade: int | None = None,
    service: str | None = None,
) -> Official:
    return Official(
        doc_id=doc_id,
        name=name,
        country=country,
        rank=rank,
        rank_grade=grade,
        rank_service=service,
        agency="Ministry A" if country == "RUS" else None,
        mentions=1,
        start_char=0,
        evidence="x",
        score=0.9,
        source="t",
    )


def _country(doc_id: str, iso3: str, mentions: int = 1) -> Country:
    return Country(
        doc_id=doc_id,
        iso3=iso3,
        name=iso3.title(),
        mentions=mentions,
        start_char=0,
        score=0.9,
        source="t",
    )


def _meeting(
    doc_id: str, countries: list[str], date: dt.date | None = None, place: str | None = None
) -> Meeting:
    return Meeting(
        doc_id=doc_id,
        kind="meeting",
        status="held",
        date=date,
        place=place,
        countries=countries,
        start_char=0,
        evidence="x",
        score=0.8,
        source="t",
    )


def _tables() -> dict[str, pd.DataFrame]:
    documents = [
        _doc("a", dt.date(2020, 1, 5)),
        _doc("b", dt.date(2020, 1, 20)),
        _doc("c", dt.date(2020, 3, 1)),
        _doc("d", None),
        _doc("e", None, status="skipped"),
    ]
    officials = [
        _official("a", "Ivanov", "RUS", "Colonel of Police", 7, "police"),
        _official("a", "Aliyev", "AZE", "General", 10, "military"),
        _official("b", "Ivanov", "RUS", "Colonel of Police", 7, "police"),
        _official("c", "Petrov", "RUS", "Colonel of Police", 7, "police"),
        _official("c", "Smirnov", "RUS"),
    ]
    countries = [
        _country("a", "RUS", 3),
        _country("a", "AZE"),
        _country("b", "RUS"),
        _country("b", "AZE"),
        _country("c", "RUS"),
        _country("c", "VNM"),
        _country("d", "VNM"),
    ]
    agencies = [
        Agency(
            doc_id=d,
            name="Ministry A",
            kind=k,
            country="RUS",
            mentions=1,
            start_char=0,
            score=0.9,
            source="t",
        )
        for d, k in (("a", "ministry"), ("b", "ministry"), ("c", "other"))
    ]
    agreements = [
        Agreement(
            doc_id=d,
            kind=k,
            status=s,
            mentions=1,
            start_char=0,
            evidence="x",
            score=0.9,
            source="t",
        )
        for d, k, s in (
            ("a", "protocol", "signed"),
            ("b", "protocol", "signed"),
            ("c", "protocol", "draft"),
            ("c", "plan", "signed"),
        )
    ]
    meetings = [
        # Its own date puts it in February, not in its article's January.
        _meeting("a", ["RUS", "AZE"], dt.date(2020, 2, 3), "Baku"),
        # No date of its own: the month of article b.
        _meeting("b", ["AZE", "RUS"]),
        _meeting("c", ["RUS", "VNM"], dt.date(2020, 3, 1), "Hanoi"),
    ]
    return {
        "meetings": _frame("meetings", meetings),
        "documents": _frame("documents", documents),
        "officials": _frame("officials", officials),
        "countries": _frame("countries", countries),
        "agencies": _frame("agencies", agencies),
        "agreements": _frame("agreements", agreements),
    }


def test_timeline_counts_documents_and_meetings_per_month_including_empty_months() -> None:
    tables = _tables()
    frame, undated = data.timeline(tables["documents"], tables["meetings"])
    assert list(frame["month"].dt.strftime("%Y-%m")) == ["2020-01", "2020-02", "2020-03"]
    assert list(frame["documents"]) == [2, 0, 1]
    # a's meeting in its own month (February), b's in its article's (January).
    assert list(frame["meetings"]) == [1, 1, 1]
    assert undated == 1  # d is ok without a date; the skipped e does not count


def test_country_pairs_are_weighted_by_shared_documents() -> None:
    pairs = data.country_pairs(_tables()["countries"])
    assert pairs.to_dict("records") == [
        {"a": "AZE", "b": "RUS", "documents": 2},
        {"a": "RUS", "b": "VNM", "documents": 1},
    ]


def test_top_countries_and_agencies_rank_by_documents() -> None:
    tables = _tables()
    countries = data.top_countries(tables["countries"])
    assert list(countries["iso3"]) == ["RUS", "AZE", "VNM"]
    assert countries.set_index("iso3").loc["RUS", ["documents", "mentions"]].tolist() == [3, 5]
    agencies = data.top_agencies(tables["agencies"], tables["officials"])
    row = agencies.iloc[0]
    # Ivanov, Petrov and Smirnov work for it; kind is the most frequent one.
    assert (row["name"], row["kind"], row["documents"], row["officials"]) == (
        "Ministry A",
        "ministry",
        3,
        3,
    )


def test_ranks_count_distinct_names_junior_first() -> None:
    ranks = data.ranks(_tables()["officials"])
    assert ranks[["rank", "officials"]].values.tolist() == [
        ["Colonel of Police", 2],
        ["General", 1],
    ]


def test_agreements_by_kind_and_status_and_headline_counts() -> None:
    tables = _tables()
    by_kind = data.agreements_by_kind(tables["agreements"])
    assert sorted(map(tuple, by_kind.values.tolist())) == [
        ("plan", "signed", 1),
        ("protocol", "draft", 1),
        ("protocol", "signed", 2),
    ]
    counts = data.counts(data.complete(tables))
    assert counts["documents"] == 5
    assert counts["documents ok"] == 4
    assert counts["documents skipped"] == 1
    assert counts["distinct officials"] == 4
    assert counts["meetings"] == 3


def test_who_met_whom_counts_meetings_per_pair_with_dates_and_places() -> None:
    met = data.build_report_data(_tables()).met
    assert met[["a", "b", "meetings"]].values.tolist() == [["AZE", "RUS", 2], ["RUS", "VNM", 1]]
    first = met.iloc[0]
    assert first["dates"] == ["2020-02-03"] and first["places"] == ["Baku"]


def test_build_report_data_copes_with_an_output_without_entities() -> None:
    tables = {"documents": _tables()["documents"]}
    report = data.build_report_data(tables)
    assert report.counts["officials"] == 0
    assert report.pairs.empty and report.ranks.empty and report.agreements.empty
    assert list(report.timeline["documents"]) == [2, 0, 1]

"""Report data: the output tables summed up into the frames the charts and tables show.

Nothing here draws or formats; every function takes the DataFrames that
`coopnlp.load` returns and gives back plain DataFrames or numbers.

Meetings are rows of the `meetings` table (`report.meetings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from coopnlp.records.models import TABLES
from coopnlp.report import meetings as meeting_data
from coopnlp.report import people

ENTITY_TABLES = ("officials", "agencies", "countries", "agreements", "mentions")


@dataclass
class ReportData:
    """Everything the report shows, computed once from the tables."""

    counts: dict[str, int]
    undated: int
    timeline: pd.DataFrame
    countries: pd.DataFrame
    agencies: pd.DataFrame
    pairs: pd.DataFrame
    ranks: pd.DataFrame
    agreements: pd.DataFrame
    met: pd.DataFrame = field(default_factory=pd.DataFrame)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def complete(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every table of the schema, empty (with its columns) when missing from `tables`."""
    return {
        name: tables[name] if name in tables else pd.DataFrame(columns=list(model.model_fields))
        for name, model in TABLES.items()
    }


def counts(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Headline numbers: documents by status, rows per table, distinct names."""
    docs = tables["documents"]
    status = docs["status"].astype(str).value_counts() if len(docs) else pd.Series(dtype=int)
    out = {"documents": len(docs)}
    out.update({f"documents {s}": int(status.get(s, 0)) for s in ("ok", "skipped", "error")})
    out.update({name: len(tables[name]) for name in ENTITY_TABLES if name != "mentions"})
    out["distinct officials"] = int(tables["officials"]["name"].nunique())
    out["distinct agencies"] = int(tables["agencies"]["name"].nunique())
    out["distinct countries"] = int(tables["countries"]["iso3"].nunique())
    out["meetings"] = len(tables["meetings"])
    return out


def timeline(documents: pd.DataFrame, meetings: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Documents and meetings (rows of the meetings table, by their month) per calendar
    month (months without any included), and the number of documents without a date."""
    docs = documents[documents["status"].astype(str) == "ok"]
    dated = docs.dropna(subset=["date"])
    undated = len(docs) - len(dated)
    columns = ["month", "documents", "meetings"]
    met = meeting_data.meeting_months(meetings, documents).dropna().dt.to_period("M")
    if dated.empty and met.empty:
        return pd.DataFrame(columns=columns), undated
    month = pd.to_datetime(dated["date"]).dt.to_period("M")
    per_month = pd.concat(
        [
            pd.DataFrame({"month": month, "documents": 1, "meetings": 0}),
            pd.DataFrame({"month": met, "documents": 0, "meetings": 1}),
        ]
    )
    summed = per_month.groupby("month")[["documents", "meetings"]].sum()
    every = pd.period_range(per_month["month"].min(), per_month["month"].max(), freq="M")
    summed = summed.reindex(every, fill_value=0)
    frame = summed.rename_axis("month").reset_index()
    frame["month"] = frame["month"].dt.to_timestamp()
    return frame[columns], undated


def top_countries(countries: pd.DataFrame) -> pd.DataFrame:
    """Countries by the number of documents naming them, most first."""
    grouped = countries.groupby("iso3", observed=True).agg(
        name=("name", "first"), documents=("doc_id", "nunique"), mentions=("mentions", "sum")
    )
    return _by_documents(grouped.reset_index(), "iso3")


def top_agencies(agencies: pd.DataFrame, officials: pd.DataFrame) -> pd.DataFrame:
    """Agencies by the number of documents naming them, with their usual kind and country."""
    if agencies.empty:
        return pd.DataFrame(
            columns=["name", "kind", "country", "documents", "mentions", "officials"]
        )
    grouped = agencies.groupby("name").agg(
        kind=("kind", _mode),
        country=("country", _mode),
        documents=("doc_id", "nunique"),
        mentions=("mentions", "sum"),
    )
    staff = officials.dropna(subset=["agency"]).groupby("agency")["name"].nunique()
    grouped["officials"] = staff.reindex(grouped.index, fill_value=0).astype(int)
    return _by_documents(grouped.reset_index(), "name")


def country_pairs(countries: pd.DataFrame) -> pd.DataFrame:
    """Pairs of countries named in the same document, weighted by such documents."""
    weights: dict[tuple[str, str], int] = {}
    for codes in countries.groupby("doc_id")["iso3"].agg(lambda s: sorted(set(s))):
        for pair in combinations(codes, 2):
            weights[pair] = weights.get(pair, 0) + 1
    frame = pd.DataFrame(
        [(a, b, n) for (a, b), n in weights.items()], columns=["a", "b", "documents"]
    )
    return frame.sort_values(
        ["documents", "a", "b"], ascending=[False, True, True], ignore_index=True
    )


def ranks(officials: pd.DataFrame) -> pd.DataFrame:
    """Distinct officials' names per rank, junior ranks first."""
    ranked = officials.dropna(subset=["rank"])
    columns = ["rank", "rank_service", "rank_grade", "officials"]
    if ranked.empty:
        return pd.DataFrame(columns=columns)
    grouped = ranked.groupby("rank").agg(
        rank_service=("rank_service", _mode),
        rank_grade=("rank_grade", "max"),
        officials=("name", "nunique"),
    )
    frame = grouped.reset_index()
    return frame.sort_values(["rank_grade", "rank"], na_position="first", ignore_index=True)[
        columns
    ]


def agreements_by_kind(agreements: pd.DataFrame) -> pd.DataFrame:
    """Number of agreements per kind and status (only combinations that occur)."""
    if agreements.empty:
        return pd.DataFrame(columns=["kind", "status", "agreements"])
    grouped = agreements.groupby(["kind", "status"], observed=True).size()
    frame = grouped.rename("agreements").reset_index()
    frame["kind"] = frame["kind"].astype(str)
    frame["status"] = frame["status"].astype(str)
    return frame


def documents_overview(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per document with its records counted per table."""
    docs = tables["documents"][["doc_id", "date", "source", "status", "n_chars", "error"]].copy()
    for name in ("officials", "agencies", "countries", "agreements"):
        per_doc = tables[name].groupby("doc_id").size()
        docs[name] = docs["doc_id"].map(per_doc).fillna(0).astype(int)
    return docs


def build_report_data(tables: dict[str, pd.DataFrame]) -> ReportData:
    """All report data from the tables of one output folder."""
    tables = complete(tables)
    officials = tables["officials"]
    months, undated = timeline(tables["documents"], tables["meetings"])
    persons = tables["persons"]
    # The people table once: the timelines follow its order.
    people_table = people.people(persons)
    most_named = people_table["person_id"].head(people.TIMELINE_PEOPLE).tolist()
    return ReportData(
        counts=counts(tables),
        undated=undated,
        timeline=months,
        countries=top_countries(tables["countries"]),
        agencies=top_agencies(tables["agencies"], officials),
        pairs=country_pairs(tables["countries"]),
        ranks=ranks(officials),
        agreements=agreements_by_kind(tables["agreements"]),
        met=meeting_data.pairs(tables["meetings"]),
        tables={
            "documents": documents_overview(tables),
            "officials": officials[
                ["doc_id", "name", "rank", "title", "agency", "country", "mentions", "score"]
            ],
            "agreements": tables["agreements"][
                ["doc_id", "kind", "title", "status", "parties", "date", "evidence", "score"]
            ],
            "meetings": meeting_data.table(tables["meetings"]),
            "people": people_table,
            "timelines": people.timeline(officials, tables["documents"], persons, most_named),
        },
    )


def _mode(values: pd.Series) -> object:
    """The most frequent non-null value (first in order on ties), else None."""
    counted = values.dropna().astype(str).value_counts(sort=True)
    return counted.index[0] if len(counted) else None


def _by_documents(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    return frame.sort_values(
        ["documents", "mentions", key], ascending=[False, False, True]
    ).reset_index(drop=True)

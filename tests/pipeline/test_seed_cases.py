"""Hard cases from the seed articles, pinned (issue: extraction quality)."""

from __future__ import annotations

import pandas as pd
import pytest

from coopnlp.evaluate import canonical_rank


def _rows(tables, table: str, doc_prefix: str) -> pd.DataFrame:
    frame = tables[table]
    return frame[frame["doc_id"].str.startswith(doc_prefix)]


def _official(tables, doc_prefix: str, surname: str) -> pd.Series:
    officials = _rows(tables, "officials", doc_prefix)
    found = officials[officials["name"].str.endswith(surname)]
    assert len(found) == 1, f"{surname} in {doc_prefix}: {list(officials['name'])}"
    return found.iloc[0]


def test_bachurin_rank_is_colonel_general_of_police(seeds_tables):
    bachurin = _official(seeds_tables, "002", "Bachurin")
    assert bachurin["name"] == "Sergey Bachurin"
    assert canonical_rank(bachurin["rank"]) == canonical_rank("Colonel-General of Police")
    assert bachurin["rank_service"] == "Police"
    assert bachurin["agency"].startswith("Main Administration")
    assert "North Caucasus Federal District" in bachurin["agency"]


def test_azimov_works_for_the_azerbaijani_interior_ministry(seeds_tables):
    azimov = _official(seeds_tables, "002", "Azimov")
    assert azimov["agency"] == "Ministry of Internal Affairs of the Republic of Azerbaijan"
    assert azimov["country"] == "AZE"
    assert azimov["title"].startswith("First Deputy Minister of Internal Affairs")
    assert canonical_rank(azimov["rank"]) == canonical_rank("Major General of Police")


def test_chan_quoc_to_is_a_vietnamese_official(seeds_tables):
    chan = _official(seeds_tables, "004", "Chan Quoc To")
    assert chan["name"] == "Chan Quoc To"
    assert chan["country"] == "VNM"
    assert chan["agency"] == "Ministry of Public Security of the Socialist Republic of Vietnam"


def test_turkey_from_republic_of_turkey(seeds_tables):
    countries = _rows(seeds_tables, "countries", "004")
    assert set(countries["iso3"]) == {"RUS", "VNM", "TUR"}


def test_joint_action_program_is_a_draft_program(seeds_tables):
    agreements = _rows(seeds_tables, "agreements", "004")
    assert len(agreements) == 1
    program = agreements.iloc[0]
    assert program["kind"] == "program"
    assert program["status"] == "draft"
    assert program["title"] == "Joint Action Program for 2022-2024"


def test_nothing_comes_from_the_donation_appeal(seeds_tables):
    doc = seeds_tables["documents"]
    text = doc[doc["doc_id"].str.startswith("001")].iloc[0]["text"]
    assert "Dear readers" not in text and "Remind me later" not in text
    agencies = set(_rows(seeds_tables, "agencies", "001")["name"])
    assert not any("Prosecutor" in name or "Moscow Times" in name for name in agencies)
    mentions = _rows(seeds_tables, "mentions", "001")
    assert not (mentions["sentence"].str.contains("undesirable")).any()


def test_kolokoltsev_short_mentions_merge(seeds_tables):
    kolokoltsev = _official(seeds_tables, "003", "Kolokoltsev")
    assert kolokoltsev["name"] == "Vladimir Kolokoltsev"
    assert kolokoltsev["mentions"] >= 2
    assert kolokoltsev["rank"] == "General of Police"
    assert kolokoltsev["title"] == "Interior Minister"
    usubov = _official(seeds_tables, "003", "Usubov")
    assert usubov["name"] == "Ramil Usubov" and usubov["mentions"] >= 3
    assert usubov["country"] == "AZE"


@pytest.mark.parametrize(
    ("doc_prefix", "kind", "status"),
    [("002", "protocol", "signed"), ("002", "plan", "signed"), ("003", "protocol", "signed")],
)
def test_signed_instruments(seeds_tables, doc_prefix, kind, status):
    agreements = _rows(seeds_tables, "agreements", doc_prefix)
    match = agreements[agreements["kind"] == kind]
    assert len(match) == 1 and match.iloc[0]["status"] == status


def test_offsets_slice_the_stored_text(seeds_tables):
    texts = dict(
        zip(seeds_tables["documents"]["doc_id"], seeds_tables["documents"]["text"], strict=True)
    )
    mentions = seeds_tables["mentions"]
    assert len(mentions) > 50
    for row in mentions.itertuples():
        assert texts[row.doc_id][row.start_char : row.end_char] == row.text
    for row in seeds_tables["officials"].itertuples():
        assert texts[row.doc_id][row.start_char :].startswith(row.name.split()[0])


def test_every_record_says_where_it_came_from(seeds_tables):
    for table in ("officials", "agencies", "countries", "agreements", "mentions"):
        frame = seeds_tables[table]
        assert frame["score"].between(0, 1).all(), table
        assert frame["source"].str.len().gt(0).all(), table

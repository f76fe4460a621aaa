"""The meetings scorer (records.md section 5) on hand-made records: every figure
checked by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopnlp.evaluate import evaluate, load_predictions, score
from coopnlp.records.models import Document, Meeting
from coopnlp.records.tables import to_arrow


def _gold_meeting(kind, status, date, place_country, participants, countries) -> dict:
    return {
        "kind": kind,
        "status": status,
        "date": date,
        "place": None,
        "place_country": place_country,
        "participants": participants,
        "countries": countries,
    }


GOLD = {
    "d1": {
        "doc_id": "d1",
        "meetings": [
            _gold_meeting("meeting", "held", "2018-10-24", "AZE",
                          ["Vladimir Kolokoltsev", "Ramil Usubov"], ["RUS", "AZE"]),
            _gold_meeting("call", "held", "2018-11", None,
                          ["Vladimir Putin", "Ilham Aliyev"], ["RUS", "AZE"]),
            _gold_meeting("conference", "planned", None, None, [], ["RUS", "AZE", "KAZ"]),
        ],
    }
}  # fmt: skip
PRED = {
    "d1": {
        "meetings": [
            # Matches the first (two shared participants, one extra).
            _gold_meeting("meeting", "held", "2018-10-24", "AZE",
                          ["Kolokoltsev", "Ramil Usubov", "Irina Volk"], ["AZE", "RUS"]),
            # No participants and another kind than the conference: no match.
            _gold_meeting("meeting", "held", "2018-12-01", None, [], ["RUS", "AZE", "KAZ"]),
            # Shares Putin with the call: a match with a wrong status and countries.
            _gold_meeting("call", "planned", "2018-11-05", None, ["Putin"], ["RUS"]),
        ]
    }
}  # fmt: skip


def test_meetings_precision_recall_and_attributes() -> None:
    m = score(GOLD, PRED).meetings
    assert (m.tp, m.fp, m.fn) == (2, 1, 1)
    assert m.precision == pytest.approx(2 / 3) and m.recall == pytest.approx(2 / 3)
    assert (m.kind.correct, m.kind.total) == (2, 2)
    assert (m.status.correct, m.status.total) == (1, 2)
    # The call has no place country on either side: not counted.
    assert (m.place_country.correct, m.place_country.total) == (1, 1)
    # Months: 2018-10 = 2018-10, 2018-11 (gold month only) = 2018-11.
    assert (m.month.correct, m.month.total) == (2, 2)
    assert (m.countries.correct, m.countries.total) == (1, 2)
    # Participants over matched pairs: 2 + 1 shared, Irina Volk extra, Aliyev missed.
    p = m.participants
    assert (p.tp, p.fp, p.fn) == (3, 1, 1)


def test_without_participants_kind_and_two_countries_match() -> None:
    gold = {"d": {"doc_id": "d", "meetings": [GOLD["d1"]["meetings"][2]]}}
    same_kind = _gold_meeting("conference", "planned", None, None, ["Someone"], ["KAZ", "RUS"])
    one_country = _gold_meeting("conference", "planned", None, None, [], ["KAZ"])
    assert score(gold, {"d": {"meetings": [same_kind]}}).meetings.tp == 1
    assert score(gold, {"d": {"meetings": [one_country]}}).meetings.tp == 0
    # Two states in common but another kind: no match.
    other = _gold_meeting("meeting", "planned", None, None, [], ["KAZ", "RUS"])
    assert score(gold, {"d": {"meetings": [other]}}).meetings.tp == 0


def test_largest_participant_overlap_is_matched_first() -> None:
    gold = {
        "d": {
            "doc_id": "d",
            "meetings": [
                _gold_meeting("meeting", "held", None, None, ["A Ivanov", "B Petrov"], []),
                _gold_meeting("meeting", "held", None, None, ["A Ivanov", "C Sidorov"], []),
            ],
        }
    }
    pred = {
        "d": {
            "meetings": [
                _gold_meeting("meeting", "held", None, None, ["Ivanov"], []),
                _gold_meeting("meeting", "held", None, None, ["Ivanov", "Petrov"], []),
            ]
        }
    }
    m = score(gold, pred).meetings
    # Pred 2 takes gold 1 (two shared), pred 1 then takes gold 2 (Ivanov).
    assert (m.tp, m.fp, m.fn) == (2, 0, 0)
    assert (m.participants.tp, m.participants.fp, m.participants.fn) == (3, 0, 1)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_meetings_are_read_from_extract_tables(tmp_path: Path, fmt: str) -> None:
    from coopnlp.io.writers import TableSink

    meeting = Meeting(
        doc_id="d1",
        kind="meeting",
        status="held",
        date=dt.date(2018, 10, 24),
        date_precision="day",
        place="Baku",
        place_country="AZE",
        participants=["Kolokoltsev", "Ramil Usubov"],
        countries=["RUS", "AZE"],
        start_char=0,
        evidence="They met.",
        score=0.8,
        source="t",
    )
    document = Document(doc_id="d1", path="d1.txt", n_chars=10, status="ok")
    with TableSink(tmp_path, fmt) as sink:
        sink.write("documents", [document])
        sink.write("meetings", [meeting])
    assert to_arrow("meetings", [meeting]).num_rows == 1
    (read,) = load_predictions(tmp_path)["d1"]["meetings"]
    assert read["date"].startswith("2018-10-24")
    assert read["participants"] == ["Kolokoltsev", "Ramil Usubov"]
    assert read["countries"] == ["RUS", "AZE"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"doc_id": "d1", "meetings": [{"kind": "meeting", "status": "held", '
        '"date": "2018-10", "place": "Baku", "place_country": "AZE", '
        '"participants": ["Ramil Usubov"], "countries": ["AZE", "RUS"]}]}\n',
        encoding="utf-8",
    )
    m = evaluate(gold, tmp_path).meetings
    assert (m.tp, m.fp, m.fn) == (1, 0, 0)
    assert m.month.accuracy == m.countries.accuracy == m.place_country.accuracy == 1.0

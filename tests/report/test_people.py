"""The report's people table and timelines, on hand-made tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from coopnlp.records.load import to_pandas
from coopnlp.records.models import Document, Official, Person
from coopnlp.records.tables import to_arrow
from coopnlp.report import people


def _frame(name: str, records: list) -> pd.DataFrame:
    return to_pandas(name, to_arrow(name, records))


def _official(doc_id: str, name: str, person_id: str, title: str) -> Official:
    return Official(doc_id=doc_id, name=name, title=title, mentions=1, start_char=0,
                    evidence="", score=0.9, source="test", person_id=person_id)  # fmt: skip


def test_people_and_timeline() -> None:
    documents = _frame(
        "documents",
        [
            Document(doc_id=d, path=f"{d}.txt", n_chars=1, status="ok", date=date)
            for d, date in [("d1", dt.date(2021, 5, 1)), ("d2", dt.date(2020, 1, 2)), ("d3", None)]
        ],
    )
    officials = _frame(
        "officials",
        [
            _official("d1", "Oleg Varnavin", "P1", "Interior Minister"),
            _official("d2", "O. Varnavin", "P1", "Deputy Interior Minister"),
            _official("d3", "Varnavin", "P1", "Interior Minister"),
            _official("d1", "Ilya Bortnikov", "P2", "Director"),
        ],
    )
    persons = _frame(
        "persons",
        [
            Person(person_id="P1", name="Oleg Varnavin", country="RUS", documents=3),
            Person(person_id="P2", name="Ilya Bortnikov", country="RUS", documents=1),
        ],
    )
    table = people.people(persons)
    assert table["name"].tolist() == ["Oleg Varnavin", "Ilya Bortnikov"]
    line = people.timeline(officials, documents, persons, ["P1"])
    # Date order, the undated document last.
    assert line["doc_id"].tolist() == ["d2", "d1", "d3"]
    assert line["title"].tolist()[:2] == ["Deputy Interior Minister", "Interior Minister"]
    assert set(line["person"]) == {"Oleg Varnavin"}
    assert len(people.timeline(officials, documents, persons)) == 4
    empty = _frame("persons", [])
    assert people.people(empty).empty and people.timeline(officials, documents, empty).empty

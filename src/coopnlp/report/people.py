"""Report data on people: the persons table and each person's timeline.

Works on the frames `coopnlp.load` returns (`persons`, `officials`,
`documents`); tables of a run without identity columns give empty frames.
"""

from __future__ import annotations

import pandas as pd

PEOPLE_COLUMNS = ["name", "country", "documents", "first_date", "last_date", "titles",
                  "agencies", "aliases", "person_id"]  # fmt: skip
TIMELINE_COLUMNS = ["person", "date", "doc_id", "title", "agency", "country", "source"]
# People whose timelines the report shows (the most named first).
TIMELINE_PEOPLE = 10


def people(persons: pd.DataFrame) -> pd.DataFrame:
    """One row per person, the most named first (ties by name)."""
    if persons.empty or "person_id" not in persons.columns:
        return pd.DataFrame(columns=PEOPLE_COLUMNS)
    frame = persons.sort_values(["documents", "name"], ascending=[False, True])
    return frame[PEOPLE_COLUMNS].reset_index(drop=True)


def timeline(
    officials: pd.DataFrame,
    documents: pd.DataFrame,
    persons: pd.DataFrame,
    person_ids: list[str] | None = None,
) -> pd.DataFrame:
    """Where and as what each person appears, document by document, in date order
    (undated documents last): the given people, else the `TIMELINE_PEOPLE` most named."""
    if persons.empty or "person_id" not in officials.columns:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    if person_ids is None:
        person_ids = people(persons)["person_id"].head(TIMELINE_PEOPLE).tolist()
    names = persons.set_index("person_id")["name"]
    rows = officials[officials["person_id"].isin(person_ids)]
    rows = rows.merge(documents[["doc_id", "date"]], on="doc_id", how="left")
    rows = rows.assign(
        person=rows["person_id"].map(names),
        order=rows["person_id"].map({pid: i for i, pid in enumerate(person_ids)}),
    )
    rows = rows.sort_values(["order", "date", "doc_id"], na_position="last", kind="stable")
    return rows[TIMELINE_COLUMNS].reset_index(drop=True)

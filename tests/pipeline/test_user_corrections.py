"""Corrections of the user layer that win over what the text suggests (invented articles):
a person's body when the document names it, their rank, their position as corrected when
the document writes it, and names that are nobody's official."""

from __future__ import annotations

from pathlib import Path

import pytest

import coopnlp
from coopnlp.knowledge import user
from coopnlp.pipeline.build import load_pipeline
from coopnlp.pipeline.rulers import load_patterns

# The body read next to the name (the association he chairs) is not the one he works for.
HARBOUR = (
    "RIGA, Latvia, May 4. The Chief Warden of the Corvid Coast Guard of Latvia and Chairman of "
    "the Baltic Harbour Wardens Association, Arvids Kelmeris, met Inspector Dace Ozolniece of "
    "the Latvian State Police to discuss smuggling in the port. Pastor Janis Leitis of the "
    "harbour chapel welcomed the guests."
)
# Another article: neither the learned title nor the learned rank is written in it.
OTHER = (
    "TALLINN, Estonia, June 9. The Chairman of the Baltic Harbour Wardens Association, Arvids "
    "Kelmeris, visited the Estonian Police and Border Guard Board for talks on fishing fraud."
)


def corrections(folder: Path) -> Path:
    user.add_body(
        folder, user.UserBody(name="Corvid Coast Guard of Latvia", kind="border", country="LVA")
    )
    user.add_body(
        folder, user.UserBody(name="Baltic Harbour Wardens Association", kind="international")
    )
    user.add_person(
        folder,
        user.UserPerson(
            name="Arvids Kelmeris",
            country="LVA",
            agency="Corvid Coast Guard of Latvia",
            rank="Commodore",
            title="Chief Warden of the Corvid Coast Guard of Latvia",
        ),
    )
    user.add_person(folder, user.UserPerson(name="Janis Leitis", official=False))
    return folder


@pytest.fixture(scope="module")
def officials(tmp_path_factory):
    folder = corrections(tmp_path_factory.mktemp("corrections") / "patterns")
    nlp = load_pipeline(None, [folder])
    tables = coopnlp.extract_texts([HARBOUR, OTHER], ids=["riga", "tallinn"], nlp=nlp)
    return tables["officials"]


def _row(officials, doc_id: str, surname: str):
    rows = officials[(officials["doc_id"] == doc_id) & officials["name"].str.endswith(surname)]
    assert len(rows) == 1, officials[["doc_id", "name"]]
    return rows.iloc[0]


@pytest.mark.slow
def test_the_learned_body_named_in_the_document_wins(officials) -> None:
    row = _row(officials, "riga", "Kelmeris")
    assert (row["agency"], row["country"]) == ("Corvid Coast Guard of Latvia", "LVA")


@pytest.mark.slow
def test_the_position_as_corrected_when_the_document_writes_it(officials) -> None:
    row = _row(officials, "riga", "Kelmeris")
    assert row["title"] == "Chief Warden of the Corvid Coast Guard of Latvia"
    assert row["rank"] == "Commodore"


@pytest.mark.slow
def test_elsewhere_only_the_rank_comes_from_the_layer(officials) -> None:
    row = _row(officials, "tallinn", "Kelmeris")
    assert row["rank"] == "Commodore"
    # The learned title is worded as the other article wrote it: not taken here.
    assert row["title"] != "Chief Warden of the Corvid Coast Guard of Latvia"


@pytest.mark.slow
def test_a_name_that_is_nobodys_official_gives_no_row(officials) -> None:
    names = set(officials[officials["doc_id"] == "riga"]["name"])
    assert not any(name.endswith("Leitis") for name in names)
    assert any(name.endswith("Ozolniece") for name in names)


def test_a_user_body_form_replaces_a_grammar_pattern(tmp_path) -> None:
    folder = tmp_path / "patterns"
    folder.mkdir()
    (folder / "agency.jsonl").write_text(
        '{"label": "AGENCY", "id": "grammar:learned", "pattern": "Corvid Watch"}\n',
        encoding="utf-8",
    )
    user.add_body(
        folder, user.UserBody(name="Corvid Watch Office", aliases=["Corvid Watch"], country="LVA")
    )
    found = [p for p in load_patterns([folder]) if p["pattern"] == "Corvid Watch"]
    assert [p["id"] for p in found] == [user.body_id("Corvid Watch Office")]

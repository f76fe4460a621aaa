"""The person-name validator of coop_persons and the rank/title fixes it leans on, on
invented sentences through the full pipeline."""

from __future__ import annotations

import pytest

from coopnlp.pipeline.persons import REJECTED_KEY, REJECTED_LABEL


def _persons(doc) -> list[str]:
    return [s.text for s in doc.spans["coop"] if s.label_ == "PERSON"]


def _rejected(doc) -> dict[str, str]:
    return {s.text: s._.coop_source for s in doc.spans[REJECTED_KEY]}


@pytest.mark.parametrize(
    ("text", "place", "reason"),
    [
        (
            "Minister Zoran Vukic met his counterpart in the eastern town of Beli Manastir.",
            "Beli Manastir",
            "rejected:person:place: after 'town of'",
        ),
        (
            "Officials of Tuyen Lam province met officials of Cao Loc province.",
            "Tuyen Lam",
            "rejected:person:place: before 'province'",
        ),
    ],
)
def test_a_place_is_no_person_and_says_why(nlp, text, place, reason):
    doc = nlp(text)
    assert place not in _persons(doc)
    assert _rejected(doc)[place] == reason
    assert {s.label_ for s in doc.spans[REJECTED_KEY]} == {REJECTED_LABEL}


def test_a_city_of_the_gazetteer_is_no_person(nlp):
    doc = nlp("Delegates travelled from Da Nang and Rijeka, said Minister Petar Kalinic.")
    persons = _persons(doc)
    assert "Petar Kalinic" in persons
    assert "Da Nang" not in persons and "Rijeka" not in persons


def test_a_verb_glued_to_a_name_is_trimmed(nlp):
    doc = nlp("Echoing Farida Haidari said the border plan was sound.")
    assert _persons(doc) == ["Farida Haidari"]


def test_names_the_tagger_takes_for_verbs_stay_whole(nlp):
    doc = nlp("Said Hamdi met Will Carter in Rabat.")
    assert _persons(doc) == ["Said Hamdi", "Will Carter"]
    assert _rejected(doc) == {"Rabat": "rejected:person:place: a city"}


def test_a_plural_noun_after_a_position_is_no_person(nlp):
    doc = nlp("He spoke as Chairman of the Southern Police Chiefs, said Colonel Amos Tembo.")
    assert "Chiefs" not in _persons(doc)
    assert "Amos Tembo" in _persons(doc)


def _official(nlp, text: str, name: str) -> dict:
    doc = nlp(text)
    (official,) = [o for o in doc._.coop["officials"] if o["name"] == name]
    return official


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("The Comptroller-General of Customs, Bala Inuwa, visited Accra.", "Bala Inuwa",
         "Comptroller-General of Customs"),
        ("Solicitor General Ann Redding met the delegation.", "Ann Redding", "Solicitor General"),
        ("Attorney General Tom Makori met the delegation.", "Tom Makori", "Attorney General"),
        ("Chief Constable Sarah Pendle met the delegation.", "Sarah Pendle", "Chief Constable"),
        ("DIG Harish Chandran briefed the delegation.", "Harish Chandran", "DIG"),
    ],
)  # fmt: skip
def test_general_inside_a_position_is_no_rank(nlp, text, name, title):
    official = _official(nlp, text, name)
    assert official["title"] == title
    assert official["rank"] is None


def test_a_rank_before_a_position_stays_a_rank(nlp):
    text = "Brigadier General Kofi Asante, Commissioner-General of the Revenue Authority, spoke."
    official = _official(nlp, text, "Kofi Asante")
    assert official["rank"] == "Brigadier General"


def test_a_byline_names_no_official(nlp):
    text = (
        "Police chiefs meet in Accra\nBy Kwame Boateng\n"
        "Inspector General Musa Bello met Minister Ali Dede.\n"
        "Posted by : Rita Mensah Posted on : 24-Mar-2022\n"
    )
    doc = nlp(text)
    assert {o["name"] for o in doc._.coop["officials"]} == {"Musa Bello", "Ali Dede"}
    rejected = _rejected(doc)
    assert rejected["Kwame Boateng"] == rejected["Rita Mensah"] == "rejected:person:byline"

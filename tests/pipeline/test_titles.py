"""coop_titles on spacy.blank("en"): positions take their "of <body>" tails."""

from __future__ import annotations

import spacy

import coopnlp.pipeline.build  # noqa: F401  (registers the factories)


def test_title_takes_its_body_tail_and_stops_before_the_name(coop_doc, run_all):
    nlp = spacy.blank("en")
    nlp.add_pipe("coop_titles")
    text = "Deputy Minister of Internal Affairs of Aaland Ivan Petrov arrived."
    spans = [
        ("Deputy Minister", "TITLE", "deputy_minister"),
        ("Internal Affairs", "AGENCY", None),
        ("Aaland", "COUNTRY", "XAA"),
    ]
    doc = run_all(nlp, coop_doc(nlp, text, spans))
    (title,) = [s for s in doc.spans["coop"] if s.label_ == "TITLE"]
    assert title.text == "Deputy Minister of Internal Affairs of Aaland"


def test_a_tail_ending_in_a_body_head_is_the_bodys_name(nlp):
    doc = nlp(
        "The talks were led by the Chairman of the West Savanna Sheriffs Liaison Association, "
        "General Abel Tsegaye, and the Head of the Coastal Drug Enforcement Unit Mark Otieno."
    )
    officials = {o["name"]: o for o in doc._.coop["officials"]}
    assert officials["Abel Tsegaye"]["rank"] == "General"
    assert officials["Abel Tsegaye"]["title"] == (
        "Chairman of the West Savanna Sheriffs Liaison Association"
    )
    assert officials["Mark Otieno"]["title"] == "Head of the Coastal Drug Enforcement Unit"


def test_the_first_of_two_joined_positions_gives_the_body(nlp):
    doc = nlp(
        "The Commissioner of the Ghana Police Service and Chairman of the Kenya Police "
        "Service Board, Major General Kofi Boateng, arrived."
    )
    (official,) = doc._.coop["officials"]
    assert official["agency"] == "Ghana Police Service"
    assert official["country"] == "GHA"


def test_a_common_noun_no_name_has_stays_in_the_tail(nlp):
    doc = nlp(
        "The Director of Communications Grace Wambui met the Head of Special Operations "
        "Mr. Peter Bako."
    )
    officials = {o["name"]: o for o in doc._.coop["officials"]}
    assert officials["Grace Wambui"]["title"] == "Director of Communications"
    assert officials["Peter Bako"]["title"] == "Head of Special Operations"


def test_a_rank_word_inside_a_bodys_name_does_not_end_the_tail(nlp):
    doc = nlp(
        "The visitors met the chairman of the General Assembly of Afripol, Colonel Amina Diallo."
    )
    (official,) = doc._.coop["officials"]
    assert official["rank"] == "Colonel"
    assert official["title"] == "chairman of the General Assembly of Afripol"


def test_two_positions_joined_by_and_after_their_tails_are_one(nlp):
    doc = nlp(
        "The guests met the Inspector General of the Ghana Police Service and president of the "
        "General Assembly of Afripol, General Kwesi Mensah."
    )
    (official,) = doc._.coop["officials"]
    assert official["title"] == (
        "Inspector General of the Ghana Police Service and president of the General Assembly "
        "of Afripol"
    )
    assert official["agency"] == "Ghana Police Service"
    assert official["country"] == "GHA"

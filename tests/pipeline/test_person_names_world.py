"""Person names of world-wide styles on invented sentences through the full pipeline:
honorifics of Gulf and Commonwealth usage, surnames with an inner capital, regnal
numbers, a name after "counterpart", a lone byline line, patronymic names."""

from __future__ import annotations

from coopnlp.pipeline.persons import REJECTED_KEY


def _persons(doc) -> list[str]:
    return [s.text for s in doc.spans["coop"] if s.label_ == "PERSON"]


def _officials(doc) -> dict[str, dict]:
    return {o["name"]: o for o in doc._.coop["officials"]}


def test_honorifics_of_rulers_and_members_are_no_part_of_the_name(nlp):
    doc = nlp(
        "His Highness Sheikh Khalid Al Mansouri received the Hon. Peter Walsh and "
        "H.H. Sheikh Rashid Al Suwaidi in Doha."
    )
    assert _persons(doc) == ["Khalid Al Mansouri", "Peter Walsh", "Rashid Al Suwaidi"]


def test_a_surname_with_an_inner_capital_stays_whole(nlp):
    doc = nlp("The minister was joined by Ms. Fiona McAllister and Mr. Liam MacGregor.")
    assert {"Fiona McAllister", "Liam MacGregor"} <= set(_persons(doc))


def test_monarchs_keep_their_number_and_stay_apart(nlp):
    doc = nlp(
        "The ties between His Majesty King Hassan IV and His Majesty King Carlos VII "
        "were recalled by both ministers."
    )
    officials = _officials(doc)
    assert {"Hassan IV", "Carlos VII"} <= set(officials)
    assert officials["Carlos VII"]["title"] == "King"


def test_a_name_after_counterpart_is_a_person(nlp):
    doc = nlp(
        "Minister of Internal Affairs Oleg Berezin spoke by phone with his Peruvian "
        "counterpart, Rosa Quispe Mamani."
    )
    assert "Rosa Quispe Mamani" in _officials(doc)


def test_a_name_alone_on_a_dated_line_is_a_byline(nlp):
    doc = nlp(
        "date 2022-03-14 John Carter\n"
        "Interior Minister Arman Seitkali met the Ambassador of Latvia in Astana."
    )
    assert "John Carter" not in _officials(doc)
    rejected = {s.text: s._.coop_source for s in doc.spans[REJECTED_KEY]}
    assert rejected["John Carter"] == "rejected:person:byline"
    assert "Arman Seitkali" in _officials(doc)


def test_a_fathers_name_is_no_surname_and_a_short_form_joins_the_full_name(nlp):
    doc = nlp(
        "Interior Minister Lieutenant General Sheikh Hamad bin Khalifa Al Rumaithi met "
        "King Faisal and Crown Prince Turki bin Faisal in Manama. "
        "Hamad Bin Khalifa thanked the hosts."
    )
    officials = _officials(doc)
    assert {"Hamad bin Khalifa Al Rumaithi", "Faisal", "Turki bin Faisal"} <= set(officials)
    assert "Hamad Bin Khalifa" not in officials
    assert officials["Faisal"]["title"] == "King"
    assert officials["Turki bin Faisal"]["title"] == "Crown Prince"


def test_a_word_with_a_common_noun_ending_is_no_name(nlp):
    doc = nlp("The statement was signed by Ambassador Relations.")
    assert _persons(doc) == []
    rejected = {s.text: s._.coop_source for s in doc.spans[REJECTED_KEY]}
    assert rejected["Relations"] == "rejected:person:a common noun: 'Relations'"


def test_suspects_convicts_and_victims_are_no_officials(nlp):
    doc = nlp(
        "The treaty allows the deportation of jailed rebel 'general secretary' Paresh Borah "
        "and other wanted criminals, said Home Minister Rajesh Kumar. The family of slain "
        "journalist Ivan Sokol was received. Police arrested suspect John Kamau Mwangi, said "
        "Inspector General Japhet Mutua. In late May Interior Minister Olga Brenner visited Riga."
    )
    officials = _officials(doc)
    assert {"Rajesh Kumar", "Japhet Mutua", "Olga Brenner"} <= set(officials)
    assert not {"Paresh Borah", "Ivan Sokol", "John Kamau Mwangi"} & set(officials)

"""Names of Malaysian, South Asian, West African, Gulf and European styles on invented
sentences through the full pipeline: honours of several words before the name, courtesy
words, particles inside long names, and a bare word that is both a rank and a position."""

from __future__ import annotations

import pytest


def _officials(nlp, text: str) -> dict[str, dict]:
    return {o["name"]: o for o in nlp(text)._.coop["officials"]}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Tan Sri Zulkifli Hassan, the Inspector-General of Police, opened the forum.",
         "Zulkifli Hassan", "Inspector-General of Police"),
        ("Datuk Seri Rosli Ismail, the Inspector-General of Police, opened the forum.",
         "Rosli Ismail", "Inspector-General of Police"),
        ("Dato' Sri Azman Yusof Karim, Director of the Narcotics Department, spoke.",
         "Azman Yusof Karim", "Director of the Narcotics Department"),
        ("Home Minister Shri Vikram Mehta chaired the review.", "Vikram Mehta", "Home Minister"),
        ("Smt. Lakshmi Rao, Joint Secretary in the ministry, led the team.", "Lakshmi Rao",
         "Joint Secretary"),
        ("Alhaji Musa Danladi, the Minister of Interior, received the envoy.", "Musa Danladi",
         "Minister of Interior"),
    ],
)  # fmt: skip
def test_honours_are_no_part_of_the_name(nlp, text, name, title):
    officials = _officials(nlp, text)
    assert set(officials) == {name}
    assert officials[name]["title"] == title


def test_no_honour_alone_is_a_person(nlp):
    officials = _officials(nlp, "Datuk Seri Farid Osman Latif met the delegation in Putrajaya.")
    assert list(officials) == ["Farid Osman Latif"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Colonel Faisal bin Nasser Al Mahrouqi of the coast guard met the team.",
         "Faisal bin Nasser Al Mahrouqi"),
        ("Dr Aisyah binti Kamal, Director General of the Anti-Drugs Agency, spoke.",
         "Aisyah binti Kamal"),
        ("Hamad bin Rashid Al-Kaabi, Secretary General of the council, visited Muscat.",
         "Hamad bin Rashid Al-Kaabi"),
        ("Minister of Justice Pieter van der Linden signed the memorandum.",
         "Pieter van der Linden"),
    ],
)  # fmt: skip
def test_particles_and_hyphens_do_not_cut_a_long_name(nlp, text, name):
    assert name in _officials(nlp, text)


def test_a_name_never_ends_on_a_particle(nlp):
    names = _officials(nlp, "General Tariq bin Said Al Busaidi spoke at the forum.")
    assert not any(n.split()[-1].lower() in {"al", "bin"} for n in names)


def test_an_acronym_that_is_also_an_honorific_is_the_position(nlp):
    officials = _officials(nlp, "IGP Bello Garba Sani received the delegation in Abuja.")
    assert officials["Bello Garba Sani"]["title"] == "IGP"


@pytest.mark.parametrize(
    ("text", "name", "rank"),
    [
        ("The patrol will be led by Commander Fiona Barrow.", "Fiona Barrow", "Commander"),
        ("Superintendent Otieno Wafula met the delegation.", "Otieno Wafula", "Superintendent"),
    ],
)
def test_a_bare_word_that_is_a_rank_and_a_position_is_the_rank(nlp, text, name, rank):
    official = _officials(nlp, text)[name]
    assert official["rank"] == rank
    assert official["title"] is None


def test_a_director_general_of_a_named_police_body_is_a_position(nlp):
    officials = _officials(
        nlp, "Director General Park Seung-hoon of the Korean National Police Agency spoke."
    )
    assert officials["Park Seung-hoon"]["rank"] is None
    assert officials["Park Seung-hoon"]["title"] == "Director General"


def test_a_position_read_through_an_honour_of_several_words(nlp):
    officials = _officials(nlp, "Police chief Datuk Seri Hafiz Omar said the raid succeeded.")
    assert officials["Hafiz Omar"]["title"] == "Police chief"


def test_a_surname_in_capitals_stays_in_the_name(nlp):
    officials = _officials(
        nlp, "Mr. PARK Min-jae, Director of the Korean National Police Agency, attended."
    )
    assert list(officials) == ["PARK Min-jae"]


def test_a_capitalised_short_surname_is_no_sentence_start(nlp):
    officials = _officials(
        nlp, "Also present were Lieutenant General Pham Duc To and Colonel Vu Van Hai."
    )
    assert {"Pham Duc To", "Vu Van Hai"} <= set(officials)


def test_credits_on_one_line_are_bylines(nlp):
    doc = nlp(
        "The ministers met in Lusaka on Monday to sign the pact.\n"
        "Reporting by Daniel Mwale; Editing by Clara Hughes"
    )
    assert doc._.coop["officials"] == []


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Coordinating Minister for Political, Legal and Security Affairs Agus Santoso met "
         "the delegation.", "Agus Santoso",
         "Minister for Political, Legal and Security Affairs"),
        ("Chief Justice Grace Wanjala swore in the officers.", "Grace Wanjala", "Chief Justice"),
        ("Fiscal General Ana Quispe announced the charges.", "Ana Quispe", "Fiscal General"),
    ],
)  # fmt: skip
def test_world_positions(nlp, text, name, title):
    officials = _officials(nlp, text)
    assert set(officials) == {name}
    assert officials[name]["title"] == title
    assert officials[name]["rank"] is None


def test_a_position_list_ends_before_a_rank(nlp):
    officials = _officials(
        nlp, "Minister of Internal Affairs, General Ivan Petrov and Colonel Oleg Sidorov met."
    )
    assert officials["Ivan Petrov"]["title"] == "Minister of Internal Affairs"
    assert officials["Ivan Petrov"]["rank"] == "General"


@pytest.mark.parametrize(
    ("text", "name", "rank"),
    [
        ("Group Captain Salim Qureshi of the air force met the team.", "Salim Qureshi",
         "Group Captain"),
        ("Wing Commander Nikhil Rao briefed the press.", "Nikhil Rao", "Wing Commander"),
        ("Squadron Leader Bola Adeyemi spoke to the delegates.", "Bola Adeyemi",
         "Squadron Leader"),
        ("Flight Lieutenant Omar Haddad was decorated.", "Omar Haddad", "Flight Lieutenant"),
        ("Sub-Inspector Mohan Lal arrested the courier.", "Mohan Lal", "Sub-Inspector"),
        ("Senior Inspector Chan Ka-ming of the Hong Kong Police spoke.", "Chan Ka-ming",
         "Senior Inspector"),
        ("Lance Corporal David Kiprono was injured.", "David Kiprono", "Lance Corporal"),
        ("Head Constable Suresh Pal found the parcel.", "Suresh Pal", "Head Constable"),
    ],
)  # fmt: skip
def test_air_force_and_police_ranks_of_commonwealth_forces(nlp, text, name, rank):
    official = _officials(nlp, text)[name]
    assert official["rank"] == rank
    assert official["title"] is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Home Affairs Minister Siobhan O'Brien met her Fijian counterpart.", "Siobhan O'Brien"),
        ("Police chief Anita D'Souza met the delegation.", "Anita D'Souza"),
        ("Minister of Justice Ts. Enkhbold met the delegation.", "Ts. Enkhbold"),
    ],
)
def test_apostrophe_surnames_and_two_letter_initials(nlp, text, name):
    assert name in _officials(nlp, text)


@pytest.mark.parametrize(
    ("text", "name", "rank", "title"),
    [
        ("DIG Operations Imran Qadir said the crackdown continued.", "Imran Qadir", None,
         "DIG"),
        ("SSP Investigation Kashif Raza briefed the minister.", "Kashif Raza",
         "Senior Superintendent of Police", None),
    ],
)  # fmt: skip
def test_a_field_word_after_an_acronym_position(nlp, text, name, rank, title):
    official = _officials(nlp, text)[name]
    assert (official["rank"], official["title"]) == (rank, title)

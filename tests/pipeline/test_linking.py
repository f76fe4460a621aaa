"""Linking officials, agencies and countries on short texts written like the news."""

from __future__ import annotations

import pytest


def _officials(nlp, text: str) -> dict[str, dict]:
    doc = nlp(text)
    return {o["name"]: o for o in doc._.coop["officials"]}


def test_title_tail_stops_before_the_name(nlp):
    people = _officials(
        nlp,
        "Vietnamese Deputy Minister of Public Security Bui Van Nam and "
        "Russian First Deputy Minister of Internal Affairs Aleksandr Gorovoy "
        "signed the programme.",
    )
    assert people["Bui Van Nam"]["title"] == "Deputy Minister of Public Security"
    assert people["Bui Van Nam"]["country"] == "VNM"
    gorovoy = people["Aleksandr Gorovoy"]
    assert gorovoy["agency"] == "Ministry of Internal Affairs of the Russian Federation"


def test_apposition_and_implied_agency(nlp):
    people = _officials(
        nlp,
        "Süleyman Soylu, Turkish Interior Minister, met his Kyrgyz "
        "counterpart Ulan Niyazbekov in Istanbul.",
    )
    assert people["Süleyman Soylu"]["country"] == "TUR"
    assert people["Süleyman Soylu"]["title"] == "Interior Minister"
    # "counterpart" takes the position of the person met, in the adjective's state.
    niyazbekov = people["Ulan Niyazbekov"]
    assert niyazbekov["country"] == "KGZ"
    assert niyazbekov["agency"] == "Ministry of Internal Affairs of the Kyrgyz Republic"


def test_ambassador_serves_his_state_not_the_host(nlp):
    people = _officials(
        nlp, "Members of the delegation met with the Turkish Ambassador to Azerbaijan Cahit Bagci."
    )
    assert people["Cahit Bagci"]["country"] == "TUR"


@pytest.mark.parametrize(
    "text",
    [
        "Today, the Minister of Internal Affairs of the Russian Federation, General of the Police "
        "of the Russian Federation Vladimir Kolokoltsev, opened the meeting.",
        "Russian Interior Minister General of Police Vladimir Kolokoltsev opened the meeting.",
    ],
)
def test_rank_and_title_around_the_name(nlp, text):
    kolokoltsev = _officials(nlp, text)["Vladimir Kolokoltsev"]
    assert kolokoltsev["rank"] == "General of Police"
    assert kolokoltsev["agency"] == "Ministry of Internal Affairs of the Russian Federation"
    assert kolokoltsev["country"] == "RUS"


def test_police_rank_written_as_position(nlp):
    people = _officials(
        nlp,
        "In a statement, PNP chief Director General Nicanor Bartolome said "
        "the accord marks a new beginning.",
    )
    assert people["Nicanor Bartolome"]["rank"] == "Director General"
    assert people["Nicanor Bartolome"]["agency"] == "Philippine National Police"


def test_police_rank_before_the_name_leaves_the_position_to_the_apposition(nlp):
    people = _officials(
        nlp,
        "Director Jose Santos, public information chief of the Philippine National Police, "
        "said the two forces will exchange liaison officers.",
    )
    santos = people["Jose Santos"]
    assert santos["rank"] == "Director"
    assert santos["title"] == "public information chief of the Philippine National Police"
    assert santos["agency"] == "Philippine National Police"
    assert santos["country"] == "PHL"


def test_agency_aliases_share_one_canonical_name(nlp):
    doc = nlp(
        "The MIA of Russia and the Russian Interior Ministry are one body; "
        "the Ministry of Internal Affairs of Russia said so."
    )
    names = {a["name"] for a in doc._.coop["agencies"]}
    assert names == {"Ministry of Internal Affairs of the Russian Federation"}
    (entry,) = doc._.coop["agencies"]
    assert entry["mentions"] == 3 and entry["kind"] == "ministry" and entry["country"] == "RUS"


def test_unit_gets_its_parent(nlp):
    doc = nlp(
        "The event was attended by Chief of the MIA of Russia Administration for "
        "International Cooperation Petr Popov."
    )
    agencies = {a["name"]: a for a in doc._.coop["agencies"]}
    unit = next(a for a in agencies.values() if a["kind"] == "unit")
    assert unit["name"].startswith("Administration for International Cooperation of the")
    assert unit["parent"] == "Ministry of Internal Affairs of the Russian Federation"
    popov = {o["name"]: o for o in doc._.coop["officials"]}["Petr Popov"]
    assert popov["agency"] == unit["name"]


def test_coordinated_ministries_split_by_state(nlp):
    doc = nlp(
        "Kolokoltsev chaired the Joint Board of the Ministries of Internal Affairs of "
        "Russia and Armenia."
    )
    countries = {a["country"] for a in doc._.coop["agencies"] if a["kind"] == "ministry"}
    assert countries == {"RUS", "ARM"}


def test_outlets_are_not_people_or_agencies(nlp):
    doc = nlp("Interior Minister Ramil Usubov met the delegation, AZERTAC reports.")
    assert "AZERTAC" not in {o["name"] for o in doc._.coop["officials"]}
    assert "AZERTAC" not in {a["name"] for a in doc._.coop["agencies"]}


def test_press_service_is_a_unit_of_the_ministry(nlp):
    doc = nlp(
        "The press service of the Kazakh MIA reported it. "
        "The Interior Ministry’s press service said so."
    )
    agencies = {a["name"]: a for a in doc._.coop["agencies"]}
    unit = agencies[
        "Press Service of the Ministry of Internal Affairs of the Republic of Kazakhstan"
    ]
    assert unit["kind"] == "unit" and unit["mentions"] == 2
    assert unit["parent"] == "Ministry of Internal Affairs of the Republic of Kazakhstan"


def test_heads_of_state_get_their_state_from_the_gazetteer(nlp):
    people = _officials(
        nlp, "Cooperation follows the political will of presidents Ilham Aliyev and Vladimir Putin."
    )
    assert people["Ilham Aliyev"]["country"] == "AZE"
    assert people["Vladimir Putin"]["country"] == "RUS"
    assert people["Vladimir Putin"]["title"] == "presidents"


def test_a_list_item_after_comma_and_keeps_its_own_description(nlp):
    people = _officials(
        nlp,
        "The memorandum was signed by Major General Rashid Al Mansoori, Director-General of "
        "Dubai Police, and Major General Tarek Fathy, Assistant Minister of Interior of Egypt.",
    )
    fathy = people["Tarek Fathy"]
    assert fathy["country"] == "EGY"
    assert fathy["title"].startswith("Assistant Minister of Interior")
    assert people["Rashid Al Mansoori"]["agency"] == "Dubai Police"


def test_a_rank_word_opening_a_body_name_is_not_a_rank(nlp):
    text = (
        "The agreement was reached between the Chief of the General Police Department of "
        "Mongolia, Gen. Batbayar Ganzorig, and Canadian Ambassador Mark Tremblay."
    )
    doc = nlp(text)
    ranks = [s.text for s in doc.spans["coop"] if s.label_ == "RANK"]
    assert ranks == ["Gen."]
    people = {o["name"]: o for o in doc._.coop["officials"]}
    assert people["Batbayar Ganzorig"]["agency"] == "General Police Department of Mongolia"
    assert people["Batbayar Ganzorig"]["country"] == "MNG"


def test_positions_joined_by_a_dash_are_one_title(nlp):
    people = _officials(
        nlp,
        "Talks in Tashkent were held with Deputy Minister of Internal Affairs of the Republic "
        "of Belarus - Chief of the criminal militia, Police Major General Ivan Petrovsky.",
    )
    petrovsky = people["Ivan Petrovsky"]
    assert petrovsky["title"] == (
        "Deputy Minister of Internal Affairs of the Republic of Belarus - "
        "Chief of the criminal militia"
    )
    assert petrovsky["country"] == "BLR"


@pytest.mark.parametrize(
    "text",
    [
        "A meeting between the Georgian and Ukrainian interior ministers, Levan Beridze and "
        "Oleh Kovalenko, took place in Kyiv.",
        "The Interior Ministers of Georgia and Ukraine, Levan Beridze and Oleh Kovalenko, "
        "signed the plan.",
    ],
)
def test_a_plural_position_is_shared_out_in_order(nlp, text):
    people = _officials(nlp, text)
    assert people["Levan Beridze"]["country"] == "GEO"
    assert people["Oleh Kovalenko"]["country"] == "UKR"
    assert people["Oleh Kovalenko"]["agency"] == "Ministry of Internal Affairs of Ukraine"


def test_a_generic_body_name_goes_to_the_state_whose_known_body_is_called_so(nlp):
    people = _officials(
        nlp,
        "General Carlos Mendoza, head of the Philippine National Police, visited Japan. "
        "He met Commissioner General Hiroshi Tanaka of the National Police Agency in Tokyo.",
    )
    tanaka = people["Hiroshi Tanaka"]
    assert tanaka["agency"] == "National Police Agency of Japan"
    assert tanaka["country"] == "JPN"
    assert people["Carlos Mendoza"]["agency"] == "Philippine National Police"


def test_a_police_chief_heads_the_known_police_of_his_state(nlp):
    people = _officials(
        nlp, "Indonesian Police Chief Gen. Budi Santoso met his Malaysian counterpart."
    )
    assert people["Budi Santoso"]["agency"] == "Indonesian National Police"


def test_a_unit_written_after_its_ministry_is_that_ministrys_unit(nlp):
    doc = nlp(
        "Belarusian Internal Affairs Minister Ivan Kubrakov met the ambassador, the "
        "Internal Affairs Ministry press service said."
    )
    names = {a["name"] for a in doc._.coop["agencies"]}
    assert "Press Service of the Ministry of Internal Affairs of the Republic of Belarus" in names


def test_the_police_of_a_state_is_its_known_police_force(nlp):
    doc = nlp("Filipino police will exchange liaison officers with the Australians.")
    names = {a["name"] for a in doc._.coop["agencies"]}
    assert names == {"Philippine National Police"}


def test_a_plural_body_type_over_a_list_of_states_gives_one_body_each(nlp):
    doc = nlp(
        "Experts of the Ministries of Internal Affairs of the Republic of Belarus, the "
        "Republic of Kazakhstan, the Kyrgyz Republic, the Republic of Moldova took part."
    )
    bodies = {a["country"]: a["name"] for a in doc._.coop["agencies"]}
    assert bodies == {
        "BLR": "Ministry of Internal Affairs of the Republic of Belarus",
        "KAZ": "Ministry of Internal Affairs of the Republic of Kazakhstan",
        "KGZ": "Ministry of Internal Affairs of the Kyrgyz Republic",
        "MDA": "Ministry of Internal Affairs of the Republic of Moldova",
    }
    # The country words keep their COUNTRY spans; the bodies get AGENCY copies.
    labels = {(s.text, s.label_) for s in doc.spans["coop"]}
    assert ("Kyrgyz Republic", "COUNTRY") in labels
    assert ("Kyrgyz Republic", "AGENCY") in labels
    assert all(s.kb_id_.isupper() for s in doc.spans["coop"] if s.label_ == "COUNTRY")


def test_a_name_after_a_rank_that_holds_its_state(nlp):
    people = _officials(
        nlp,
        "The talks were opened by the First Deputy Minister of Internal Affairs of the "
        "Russian Federation, Police Colonel-General of the Russian Federation Pyotr Lebedev.",
    )
    lebedev = people["Pyotr Lebedev"]
    assert lebedev["rank"] == "Colonel General of Police"
    assert lebedev["country"] == "RUS"

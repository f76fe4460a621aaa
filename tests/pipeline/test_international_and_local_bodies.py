"""International organisations' staff and offices, regional police forces, and units
written after their owner's possessive: invented sentences of the kinds seen in
world-wide articles."""

from __future__ import annotations

import pytest

from coopnlp.knowledge.places import region_countries


def _tables(nlp, text: str) -> tuple[dict[str, dict], dict[str, dict]]:
    doc = nlp(text)
    officials = {o["name"]: o for o in doc._.coop["officials"]}
    return officials, {a["name"]: a for a in doc._.coop["agencies"]}


def test_the_head_of_an_organisations_office_in_a_city_works_for_that_office(nlp):
    people, bodies = _tables(
        nlp,
        "The head of the UNODC Programme Office in Tashkent, Lena Marsh, opened the "
        "training for Uzbek customs officers.",
    )
    office = "UNODC Programme Office in Tashkent"
    assert (bodies[office]["kind"], bodies[office]["country"]) == ("international", None)
    assert (people["Lena Marsh"]["agency"], people["Lena Marsh"]["country"]) == (office, None)


def test_a_regional_office_for_a_region_keeps_its_region(nlp):
    _, bodies = _tables(
        nlp,
        "Experts of the OSCE Regional Office for Central Asia visited the border post "
        "with Kazakh officers.",
    )
    office = bodies["OSCE Regional Office for Central Asia"]
    assert (office["kind"], office["country"]) == ("international", None)


def test_an_organisations_bare_office_is_the_organisation(nlp):
    _, bodies = _tables(nlp, "The UNODC Office welcomed the Kenyan delegation on Friday.")
    assert "UNODC Office" not in bodies
    assert bodies["United Nations Office on Drugs and Crime"]["country"] is None


@pytest.mark.parametrize(
    ("text", "name", "body"),
    [
        (
            "Lars Holm, President of the International Association of Chiefs of Police, "
            "spoke to Peruvian commanders in Lima.",
            "Lars Holm",
            "International Association of Chiefs of Police",
        ),
        (
            "EAPCCO Secretary General Paul Otieno praised the Ugandan police in Kampala.",
            "Paul Otieno",
            "Eastern Africa Police Chiefs Cooperation Organization",
        ),
    ],
)
def test_staff_of_an_international_police_body_serve_no_state(nlp, text, name, body):
    people, bodies = _tables(nlp, text)
    assert (people[name]["agency"], people[name]["country"]) == (body, None)
    assert bodies[body]["kind"] == "international"


def test_a_province_has_its_own_police_in_its_state(nlp):
    _, bodies = _tables(
        nlp,
        "LAHORE, Pakistan - Officers of the Sindh Police and the Punjab Police met the "
        "National Police of Spain on drug routes.",
    )
    assert bodies["Sindh Police"]["country"] == "PAK"
    # Punjab is a region of India and of Pakistan: the state the text names.
    assert bodies["Punjab Police"]["country"] == "PAK"
    assert bodies["Sindh Police"]["kind"] == "police"


def test_a_city_police_district_keeps_its_own_name(nlp):
    _, bodies = _tables(
        nlp, "The Davao City Police District and the Philippine National Police seized drugs."
    )
    assert bodies["Davao City Police District"]["country"] == "PHL"
    assert bodies["Philippine National Police"]["country"] == "PHL"


def test_a_states_own_name_before_police_is_no_region():
    # Mexico is a state of Mexico too; the agency resolver asks the gazetteer first.
    assert region_countries("Mexico") == {"MEX"}
    assert region_countries("Mahārāshtra") == region_countries("Maharashtra") == {"IND"}
    assert region_countries("Punjab") == {"IND", "PAK"}


def test_a_unit_after_its_owners_possessive_is_that_units_row(nlp):
    _, bodies = _tables(
        nlp,
        "ASUNCION, Paraguay - The Ministry of Interior's Office for Strategic Planning "
        "hosted the meeting.",
    )
    assert "Interior's Office for Strategic Planning" not in bodies
    unit = next(b for n, b in bodies.items() if n.startswith("Office for Strategic Planning"))
    assert (unit["kind"], unit["country"]) == ("unit", "PRY")
    assert unit["name"].endswith("of the Ministry of Interior of the Republic of Paraguay")


def test_a_possessive_inside_a_name_stays(nlp):
    _, bodies = _tables(
        nlp,
        "Chief Commander of Latvia's State Border Guard Ivars Berzins met the head of "
        "the European Union Prosecutor's Office.",
    )
    assert "European Public Prosecutor's Office" in bodies
    assert any(b["country"] == "LVA" and b["kind"] == "border" for b in bodies.values())

"""Each safeguard shared by `patterns learn` and `bodies|people add`, on invented names."""

from __future__ import annotations

import pytest

from coopnlp.knowledge import user
from coopnlp.retrain import safeguards


def reasons(name: str, **fields) -> list[str]:
    fields.setdefault("country", "ARM")
    return safeguards.body_checks(user.UserBody(name=name, **fields))


@pytest.mark.parametrize(
    ("name", "fields", "reason"),
    [
        ("Police", {}, "one word of body names"),
        ("the harbour inquiry unit", {}, "nothing capitalised"),
        ("Border Service", {}, "a body type without its country"),
        ("Regional Police Department", {}, "a body type without its country"),
        ("Deputy Inspector of the Harbour", {}, "reads as a position"),
        ("Interior Minister", {}, "reads as a position"),
        # A whole shipped phrase of another label.
        ("Republic of Armenia", {}, "the shipped patterns call it COUNTRY"),
        # Only part of a longer shipped body name: a pattern would cut it short.
        ("Public Security of the People's Republic", {}, "part of the longer shipped name"),
        ("Kestrel Directorate", {"country": None}, "needs its state"),
        ("Kestrel Directorate", {"country": "XQZ"}, "not a country the gazetteer knows"),
        ("Ospray Network", {"kind": "international"}, "has no state"),
    ],
)
def test_each_body_safeguard(name: str, fields: dict, reason: str) -> None:
    found = reasons(name, **fields)
    assert any(reason in r for r in found), found


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("Kestrel Directorate", {}),
        ("QBMI", {"country": "GEO"}),
        ("Armenian Border Service", {}),  # a body type with its state
        # A body type is fine for a body of no state, marked international.
        ("International Police Organization", {"kind": "international", "country": None}),
        (
            "International Association of Harbour Police Chiefs",
            {"kind": "international", "country": None},
        ),
    ],
)
def test_good_bodies_pass(name: str, fields: dict) -> None:
    assert reasons(name, **fields) == []


def test_international_lifts_only_the_body_type_check() -> None:
    phrase = safeguards.phrase("International Police Organization")
    assert safeguards.body_objection(phrase) == safeguards.BODY_TYPE
    assert safeguards.body_objection(phrase, international=True) is None


def test_country_words_come_from_the_gazetteer() -> None:
    phrase = safeguards.phrase("Border Service of the Republic of Armenia")
    assert phrase.has_country
    assert safeguards.body_objection(phrase) is None


def test_person_safeguards(tmp_path) -> None:
    user.add_body(tmp_path, user.UserBody(name="Kestrel Directorate", country="ARM"))

    def person(name: str, **fields) -> list[str]:
        return safeguards.person_checks(user.UserPerson(name=name, **fields), tmp_path)

    assert person("Tamsin Orloveck", agency="Kestrel Directorate", country="ARM") == []
    assert person("Tamsin Orloveck", agency="FSB") == []  # a shipped body
    assert "one word would match every namesake" in person("Orloveck")[0]
    assert "reads as a position" in person("Deputy Minister Orloveck")[0]
    assert "unknown body" in person("Tamsin Orloveck", agency="Ospray Bureau")[0]
    assert (
        "a body of ARM, not GEO"
        in person("Tamsin Orloveck", agency="Kestrel Directorate", country="GEO")[0]
    )

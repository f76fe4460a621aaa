"""Which side a person is on when only a delegation says so."""

from __future__ import annotations

import pytest


def _countries(nlp, text: str) -> dict[str, str | None]:
    return {o["name"]: o["country"] for o in nlp(text)._.coop["officials"]}


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        (
            "At the talks with Australia in Canberra, Director General Aditya Wirawan "
            "led the Indonesian delegation.",
            "Aditya Wirawan",
            "IDN",
        ),
        (
            "The Kazakh police held talks in Astana with a delegation of the Ministry of "
            "Internal Affairs of Kyrgyzstan led by its Deputy Minister Bakyt Osmonov.",
            "Bakyt Osmonov",
            "KGZ",
        ),
        (
            "At the talks with Kazakhstan, the Polish delegation included Colonel "
            "Marek Nowicki and two advisers.",
            "Marek Nowicki",
            "POL",
        ),
        (
            "At the talks with India, the Nepali side was led by Home Secretary Ram Bahadur Thapa.",
            "Ram Bahadur Thapa",
            "NPL",
        ),
    ],
)
def test_a_person_leading_or_in_a_delegation_gets_its_state(nlp, text, name, iso3):
    countries = _countries(nlp, text)
    assert countries[name] == iso3


def test_a_person_visited_by_a_delegation_is_on_the_other_side(nlp):
    text = (
        "Officials of India and Bangladesh met in Dhaka. The head of the Indian delegation "
        "also paid a courtesy call on Home Minister Kamal Hossain."
    )
    assert _countries(nlp, text)["Kamal Hossain"] == "BGD"

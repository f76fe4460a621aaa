"""coop_officials on spacy.blank("en") with the small tables: no parser, no model."""

from __future__ import annotations


def _officials(blank_linking, coop_doc, run_all, meeting):
    doc = run_all(blank_linking, coop_doc(blank_linking, *meeting))
    return {o["name"]: o for o in doc._.coop["officials"]}, doc


def test_rank_title_agency_and_state(blank_linking, coop_doc, run_all, aaland_meeting):
    people, _ = _officials(blank_linking, coop_doc, run_all, aaland_meeting)
    petrov = people["Ivan Petrov"]
    assert petrov["rank"] == "Colonel"
    assert petrov["rank_grade"] == 60
    assert petrov["title"] == "Interior Minister"
    # The position implies the state's interior ministry, a body of the small registry.
    assert petrov["agency"] == "Ministry of Internal Affairs of Aaland"
    assert petrov["country"] == "XAA"
    # The state comes from the position ("own_title"), an untagged strategy.
    assert petrov["source"] == "model:ner>rank:left,title:left"


def test_known_person_fallback_is_named_in_the_source(
    blank_linking, coop_doc, run_all, aaland_meeting
):
    people, _ = _officials(blank_linking, coop_doc, run_all, aaland_meeting)
    bebrov = people["Ivo Bebrov"]
    assert bebrov["country"] == "XBB"
    assert bebrov["source"].endswith(">country:known_people")


def test_implied_agency_is_added_with_its_source(blank_linking, coop_doc, run_all, aaland_meeting):
    _, doc = _officials(blank_linking, coop_doc, run_all, aaland_meeting)
    agencies = {a["name"]: a for a in doc._.coop["agencies"]}
    ministry = agencies["Ministry of Internal Affairs of Aaland"]
    assert ministry["source"] == "pattern:title:minister>implied:internal_affairs"
    assert ministry["score"] == 0.95 * 0.9

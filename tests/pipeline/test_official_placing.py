"""Placing strategies: named, ordered, and a new rule is a new strategy in the tuple."""

from __future__ import annotations

from coopnlp.pipeline.official_placing import STRATEGIES, Placed, Strategy

TEXT = "Ivan Petrov met Ivo Bebrov in Bebria."
SPANS = [
    ("Ivan Petrov", "PERSON", None),
    ("Ivo Bebrov", "PERSON", None),
    ("Bebria", "COUNTRY", "XBB"),
]


def test_the_chain_in_its_order():
    assert [s.name for s in STRATEGIES] == [
        "own_words",
        "own_title",
        "respective",
        "own_agency",
        "delegation",
        "known_people",
        "same_office",
        "same_list",
        "companion",
        "document_body",
        "other_side",
    ]
    assert [s.name for s in STRATEGIES if s.fallback] == [
        "delegation",
        "known_people",
        "same_office",
        "same_list",
        "companion",
        "document_body",
        "other_side",
    ]


def _officials(nlp, coop_doc, run_all):
    doc = run_all(nlp, coop_doc(nlp, TEXT, SPANS))
    return {o["name"]: o for o in doc._.coop["officials"]}


def test_fallbacks_known_person_then_other_side(blank_linking, coop_doc, run_all):
    # Nothing in the text places either. Fallbacks run in text order: Petrov first,
    # when nobody in his sentence is placed yet, so the state his sentence names is the
    # other side's; Bebrov is a known person.
    people = _officials(blank_linking, coop_doc, run_all)
    assert people["Ivo Bebrov"]["country"] == "XBB"
    assert people["Ivo Bebrov"]["source"] == "model:ner>country:known_people"
    assert people["Ivan Petrov"]["country"] == "XBB"
    assert people["Ivan Petrov"]["source"] == "model:ner>country:other_side"


def test_a_new_rule_is_a_new_strategy(blank_linking, coop_doc, run_all):
    def everyone_from_aaland(person, scene):
        return Placed("XAA")

    linker = blank_linking.get_pipe("coop_officials")
    linker.strategies = (*STRATEGIES[:4], Strategy("test_rule", True, everyone_from_aaland))
    try:
        people = _officials(blank_linking, coop_doc, run_all)
    finally:
        linker.strategies = STRATEGIES
    assert people["Ivan Petrov"]["country"] == "XAA"
    assert people["Ivan Petrov"]["source"] == "model:ner>country:test_rule"

"""Grouping person mentions (no parser needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from coopnlp.pipeline.official_people import group_people


def test_short_mentions_join_the_person_by_surname_or_word():
    doc = spacy.blank("en")(
        "Ivan Petrov met Anna Sergeyeva. Minister Petrov and Anna left. Petrova stayed."
    )
    spans = [Span(doc, 0, 2, "PERSON"), Span(doc, 3, 5, "PERSON"), Span(doc, 7, 8, "PERSON")]
    spans += [Span(doc, 9, 10, "PERSON"), Span(doc, 12, 13, "PERSON")]
    people = group_people(spans)
    assert [[m.text for m in p.mentions] for p in people] == [
        ["Ivan Petrov", "Petrov"],
        ["Anna Sergeyeva", "Anna"],
        ["Petrova"],
    ]
    assert people[0].fullest.text == "Ivan Petrov"


def test_a_fathers_name_is_no_surname_and_a_name_start_joins_the_full_name():
    doc = spacy.blank("en")(
        "Nasser bin Hamad Al Kaabi met Hamad and Ali bin Nasser. Nasser Bin Hamad left."
    )
    spans = [Span(doc, 0, 5, "PERSON"), Span(doc, 6, 7, "PERSON"), Span(doc, 8, 11, "PERSON")]
    spans += [Span(doc, 12, 15, "PERSON")]
    people = group_people(spans, frozenset({"bin"}))
    assert [[m.text for m in p.mentions] for p in people] == [
        ["Nasser bin Hamad Al Kaabi", "Nasser Bin Hamad"],
        ["Hamad"],
        ["Ali bin Nasser"],
    ]

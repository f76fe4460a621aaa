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

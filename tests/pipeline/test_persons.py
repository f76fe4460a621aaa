"""coop_persons on spacy.blank("en"): names after ranks, titles and honorifics."""

from __future__ import annotations

import spacy

import coopnlp.pipeline.build  # noqa: F401  (registers the factories)


def test_names_after_a_rank_and_an_honorific(coop_doc, run_all):
    nlp = spacy.blank("en")
    nlp.add_pipe("coop_persons")
    text = "Colonel Ivan Petrov met Mr. Anna Kova in the capital."
    doc = coop_doc(nlp, text, [("Colonel", "RANK", "colonel")])
    for token in doc:  # what the tagger says of the names (no tagger on spacy.blank)
        token.pos_ = "PROPN" if token.text in {"Ivan", "Petrov", "Anna", "Kova"} else "X"
    doc = run_all(nlp, doc)
    persons = {s.text: s for s in doc.spans["coop"] if s.label_ == "PERSON"}
    assert set(persons) == {"Ivan Petrov", "Anna Kova"}
    assert persons["Ivan Petrov"]._.coop_source == "rule:person:after_rank"
    assert persons["Anna Kova"]._.coop_source == "rule:person:after_honorific"
    assert persons["Ivan Petrov"]._.coop_score == 0.8

"""coop_model_spans (now in pipeline/): NER entities of coop labels into the span group."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

import coopnlp.pipeline.build  # noqa: F401  (registers the factories)


def test_entities_become_coop_spans_with_linker_keys():
    nlp = spacy.blank("en")
    nlp.add_pipe("coop_model_spans")
    doc = nlp.make_doc("The Azerbaijani side signed the memorandum in Narnia.")
    doc[5].lemma_ = "memorandum"  # the lemmatizer's word (no lemmatizer on spacy.blank)
    doc.ents = [
        Span(doc, 1, 2, "COUNTRY"),
        Span(doc, 5, 6, "AGREEMENT"),
        Span(doc, 7, 8, "COUNTRY"),  # unknown to the gazetteer: dropped
    ]
    doc = nlp.get_pipe("coop_model_spans")(doc)
    spans = [(s.text, s.label_, s.id_, s._.coop_source) for s in doc.spans["coop"]]
    assert spans == [
        ("Azerbaijani", "COUNTRY", "AZE", "model:ner"),
        ("memorandum", "AGREEMENT", "memorandum", "model:ner"),
    ]

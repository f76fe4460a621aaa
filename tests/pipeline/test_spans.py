"""The Doc contract helpers: source writing, scores, the span index."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from coopnlp.knowledge.sources import source, step
from coopnlp.pipeline.spans import SCORES, SpanIndex


def test_source_grammar():
    assert step("pattern", "agency", "rus_mia") == "pattern:agency:rus_mia"
    assert source("model:ner") == "model:ner"
    assert source(
        ["model:ner", "rule:person:after_rank"], ["title:left", "country:delegation"]
    ) == ("model:ner+rule:person:after_rank>title:left,country:delegation")


def test_scores_come_from_the_data_file():
    assert SCORES["phrase"] == 0.95
    assert SCORES["implied_agency"] == 0.9
    assert SCORES["counterpart_agency"] == 0.6
    assert SCORES["described_bonus"] == 0.1


def test_span_index_answers_in_list_order():
    doc = spacy.blank("en")("the Ministry of Internal Affairs of Aaland and Bebria")
    spans = [Span(doc, 1, 7, "AGENCY"), Span(doc, 6, 7, "COUNTRY"), Span(doc, 1, 2, "AGENCY")]
    spans.append(Span(doc, 8, 9, "COUNTRY"))
    index = SpanIndex(spans)
    assert [s.text for s in index.within(doc[1:7])] == [
        "Ministry of Internal Affairs of Aaland",
        "Aaland",
        "Ministry",
    ]
    assert index.first_ending(7).text == "Ministry of Internal Affairs of Aaland"
    assert index.first_ending(9, 2).text == "Ministry"
    assert index.first_ending(5) is None

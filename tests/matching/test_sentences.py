"""Sentence bounds and texts by bisection agree with spaCy's `.sent`."""

from __future__ import annotations

from pathlib import Path

import spacy

from coopnlp.matching.sentences import Sentences, sentence_texts

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"

TEXT = (
    "Lieut. Gen. Khamking met the minister. The talks in Baku went on. "
    "A protocol was signed by both sides, and a plan was drafted."
)


def test_bounds_match_span_sent(nlp):
    doc = nlp(TEXT)
    sentences = Sentences(doc)
    assert len(sentences.starts) == len(list(doc.sents)) > 1
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 12) + 1):
            span = doc[start:end]
            assert sentences.bounds(span) == (span.sent.start, span.sent.end)
            assert sentences.sent(span) == span.sent


def test_without_boundaries_the_doc_is_one_sentence():
    doc = spacy.blank("en")("Two sentences. Not split without a parser.")
    assert Sentences(doc).bounds(doc[4:6]) == (0, len(doc))


def test_sentence_texts_as_span_sent(nlp) -> None:
    """Mentions' sentences, each made once, are what `span.sent` gives."""
    for path in sorted(RAW.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        sentence = sentence_texts(doc)
        # Every ruler span, and spans across sentence ends: `.sent` is the first one.
        spans = [*doc.spans["coop"], *(doc[i : i + 12] for i in range(0, len(doc) - 12, 5))]
        assert spans
        assert [sentence(s) for s in spans] == [s.sent.text.strip() for s in spans]

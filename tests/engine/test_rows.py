"""Mentions' sentences, made once per sentence, are what `span.sent` gives."""

from __future__ import annotations

from pathlib import Path

from coopnlp.engine.rows import sentence_texts

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


def test_same_sentences_as_span_sent(nlp) -> None:
    for path in sorted(RAW.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        sentence = sentence_texts(doc)
        # Every ruler span, and spans across sentence ends: `.sent` is the first one.
        spans = [*doc.spans["coop"], *(doc[i : i + 12] for i in range(0, len(doc) - 12, 5))]
        assert spans
        assert [sentence(s) for s in spans] == [s.sent.text.strip() for s in spans]

"""Sentence boundaries read from a Doc's arrays (no Span per sentence)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start, as `.sent` sees them: the first token,
    then every token marked as a start ([0] when the Doc has no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    flags = doc.to_array(SENT_START).tolist()
    return [0, *(i for i in range(1, len(flags)) if flags[i] == 1)]


class Sentences:
    """The sentence bounds `.sent` gives, answered by bisection over the sentence starts
    found once per Doc (`.sent` walks the tokens: once per span of a long sentence is
    quadratic). Without sentence boundaries the whole Doc is one sentence."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = sentence_starts(doc)
        self._texts: dict[int, str] = {}  # sentence start -> its text, stripped

    def start_of(self, i: int) -> int:
        """Start of the sentence holding token i."""
        return self.starts[bisect_right(self.starts, i) - 1]

    def bounds(self, span: Span) -> tuple[int, int]:
        """(start, end) of `span.sent`: the sentence of the span's first token."""
        k = bisect_right(self.starts, span.start)
        end = self.starts[k] if k < len(self.starts) else len(self.doc)
        return self.starts[k - 1], end

    def sent(self, span: Span) -> Span:
        """`span.sent`, as a Span."""
        start, end = self.bounds(span)
        return self.doc[start:end]

    def text(self, span: Span) -> str:
        """`span.sent.text.strip()`, each sentence's text made once."""
        start, end = self.bounds(span)
        text = self._texts.get(start)
        if text is None:
            text = self._texts[start] = self.doc[start:end].text.strip()
        return text


def sentence_texts(doc: Doc) -> Callable[[Span], str]:
    """`span.sent.text.strip()` for the spans of `doc` (`Sentences.text`), or
    spaCy's own answer when the Doc has sentence hooks or no boundaries (which
    raises E030 only if asked about a span)."""
    if (
        "sent" in doc.user_span_hooks
        or "sents" in doc.user_hooks
        or not doc.has_annotation("SENT_START")
    ):
        return lambda span: span.sent.text.strip()
    return Sentences(doc).text

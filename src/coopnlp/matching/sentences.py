"""Sentence boundaries read from a Doc's arrays (no Span per sentence)."""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.tokens import Doc


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start, as `.sent` sees them: the first token,
    then every token marked as a start ([0] when the Doc has no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    flags = doc.to_array(SENT_START).tolist()
    return [0, *(i for i in range(1, len(flags)) if flags[i] == 1)]

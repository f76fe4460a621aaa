"""`coop_ranks`: the longest RANK spans, each linked to its canonical rank.

The rank table (`knowledge.ranks`) turns a pattern id and the words of the span
into the canonical phrase, service and grade; the canonical phrase becomes the
span's kb_id.
"""

from __future__ import annotations

from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopnlp.knowledge.ranks import RankTable
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge, load
from coopnlp.pipeline.spans import (
    filter_longest,
    guarded,
    mark,
    replace_label,
    score_of,
    source_of,
    spans_of,
    starts_of,
)


def rank_end(span: Span, country_starts: dict[int, Span]) -> int:
    """Where a rank phrase ends: "General of Police of the Russian Federation" holds
    its state."""
    doc = span.doc
    i = span.end + 1
    if i < len(doc) and doc[span.end].lower_ == "of":
        i += doc[i].lower_ == "the"
        country = country_starts.get(i)
        if country is not None:
            return country.end
    return span.end


def rank_spans(doc: Doc) -> list[Span]:
    """RANK spans, except a rank word that opens a body's name or a position ("the General
    Police Department", "General Director of the FSB"), stands inside one ("Attorney
    General", "Inspector General of Police") or is glued by a hyphen to a word before it
    ("Comptroller-General of Customs": a position, not the rank General)."""
    opener_end: dict[int, int] = {}  # the furthest end of a body or position at each start
    inside: set[int] = set()  # tokens inside a body or position, after its first word
    for s in spans_of(doc, "AGENCY", "TITLE"):
        opener_end[s.start] = max(opener_end.get(s.start, s.end), s.end)
        inside.update(range(s.start + 1, s.end))
    return [
        span
        for span in spans_of(doc, "RANK")
        if opener_end.get(span.start, 0) <= span.end
        and span.start not in inside
        and not _glued_after_word(span)
    ]


def _glued_after_word(span: Span) -> bool:
    """Whether the span follows a word and a hyphen with no space ("Comptroller-General")."""
    doc, i = span.doc, span.start
    return (
        i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].is_alpha
    )


class RankResolver(DataComponent):
    """Keep the longest RANK spans and link each to its canonical phrase."""

    @cached_property
    def table(self) -> RankTable:
        return load(RankTable, self.data, "ranks")

    def knowledge(self) -> dict[str, Knowledge]:
        return {"ranks": self.table}

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        ranks: list[Span] = []
        country_starts = starts_of(doc, "COUNTRY")
        for span in filter_longest(rank_spans(doc)):
            rank = self.table.normalise(span.text, span.id_)
            end = rank_end(span, country_starts)
            if end != span.end:
                span = Span(doc, span.start, end, label="RANK", span_id=span.id)
            ranks.append(mark(span, source_of(span), score_of(span), kb_id=rank.canonical))
        replace_label(doc, "RANK", ranks)
        return doc


@Language.factory(
    "coop_ranks",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"data": SHIPPED},
)
def make_ranks(nlp: Language, name: str, data: str) -> RankResolver:
    return RankResolver(data)

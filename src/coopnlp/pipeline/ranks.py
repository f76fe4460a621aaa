"""Ranks: canonical phrases, service and grade for RANK spans.

A RANK pattern's id names the base rank (`ranks.csv`: canonical phrase, grade,
branch); the service comes from cue words inside the span (`rank_services.csv`),
so "Police Colonel", "Colonel of Police" and "Colonel of the Police" all become
"Colonel of Police", and "Major General of the Internal Service" keeps its
service.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

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
from coopnlp.resources import csv_rows


@dataclass(frozen=True)
class Rank:
    canonical: str
    service: str | None
    grade: int | None
    branch: str | None


@cache
def _bases() -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv_rows("ranks/ranks.csv")}


@cache
def _services() -> list[tuple[str, str]]:
    rows = [(row["cue"].lower(), row["service"]) for row in csv_rows("ranks/rank_services.csv")]
    return sorted(rows, key=lambda r: -len(r[0]))


def normalise_rank(span_text: str, rank_id: str) -> Rank:
    """The canonical rank of a matched phrase with the given base id."""
    base = _bases().get(rank_id, {})
    canonical = base.get("canonical") or span_text
    lowered = f" {span_text.lower().replace('-', ' ')} "
    service = next((s for cue, s in _services() if f" {cue} " in lowered), None)
    if service and " of " not in canonical:
        canonical = f"{canonical} of {service}"
    grade = base.get("grade")
    return Rank(canonical, service, int(grade) if grade else None, base.get("branch") or None)


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
    Police Department", "General Director of the FSB")."""
    openers = {(s.start, s.end) for s in spans_of(doc, "AGENCY", "TITLE")}
    return [
        span
        for span in spans_of(doc, "RANK")
        if not any(start == span.start and end > span.end for start, end in openers)
    ]


class RankResolver:
    """Keep the longest RANK spans and link each to its canonical phrase."""

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        ranks: list[Span] = []
        country_starts = starts_of(doc, "COUNTRY")
        for span in filter_longest(rank_spans(doc)):
            rank = normalise_rank(span.text, span.id_)
            end = rank_end(span, country_starts)
            if end != span.end:
                span = Span(doc, span.start, end, label="RANK", span_id=span.id)
            ranks.append(mark(span, source_of(span), score_of(span), kb_id=rank.canonical))
        replace_label(doc, "RANK", ranks)
        return doc


@Language.factory("coop_ranks")
def make_ranks(nlp: Language, name: str) -> RankResolver:
    return RankResolver()

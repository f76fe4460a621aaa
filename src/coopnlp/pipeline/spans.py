"""How components talk to each other through the Doc.

All labelled spans live in one span group, `doc.spans["coop"]`, overlaps
allowed (an AGENCY inside a TITLE, a COUNTRY inside an AGENCY). Each span
carries where it came from (`span._.coop_source`) and a confidence
(`span._.coop_score`); `span.kb_id_` holds the canonical key it was linked to.
Resolved entities (officials, agencies, ...) are plain dicts in
`doc._.coop[table]` (typed below: one TypedDict per table's entry, the hand-off
to `engine/rows.py`), so Docs stay serialisable across processes.

Every `source` value is written by `source()` and `step()` (`knowledge.sources`;
grammar in docs/tables.md); every score comes from `SCORES` (`resources/scores/scores.csv`).
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any, TypedDict

from spacy.tokens import Doc, Span, SpanGroup

from coopnlp.knowledge.sources import step
from coopnlp.resources import csv_rows

SPANS_KEY = "coop"

# Every confidence the components give, by name (`resources/scores/scores.csv`: users may tune).
SCORES: dict[str, float] = {
    row["name"]: float(row["score"]) for row in csv_rows("scores/scores.csv")
}


class CountryEntry(TypedDict):
    iso3: str
    name: str
    mentions: int
    start_char: int
    score: float
    source: str


class AgencyEntry(TypedDict):
    name: str
    kind: str
    country: str | None
    parent: str | None
    aliases: list[str]
    mentions: int
    start_char: int
    score: float
    source: str


class OfficialEntry(TypedDict):
    name: str
    rank: str | None
    rank_service: str | None
    rank_grade: int | None
    title: str | None
    agency: str | None
    country: str | None
    mentions: int
    start_char: int
    evidence: str
    score: float
    source: str


class AgreementEntry(TypedDict):
    kind: str
    title: str | None
    status: str
    parties: list[str]
    mentions: int
    start_char: int
    evidence: str
    score: float
    source: str


class MeetingEntry(TypedDict):
    kind: str
    status: str
    date_cue: dict[str, int | None] | None  # resolved against the article's date later
    dateline_cue: dict[str, int | None] | None
    # The article's first full date: the year of a month cue when its date is unknown.
    written_cue: dict[str, int | None] | None
    place: str | None
    place_country: str | None
    participants: list[str]
    countries: list[str]
    agreements: list[str]
    start_char: int
    evidence: str
    score: float
    source: str


class Store(TypedDict, total=False):
    """`doc._.coop`: the entries each component leaves for the next ones and the records."""

    countries: list[CountryEntry]
    agencies: list[AgencyEntry]
    agreements: list[AgreementEntry]
    officials: list[OfficialEntry]
    meetings: list[MeetingEntry]


if not Span.has_extension("coop_source"):
    Span.set_extension("coop_source", default=None)
    Span.set_extension("coop_score", default=None)
if not Doc.has_extension("coop"):
    Doc.set_extension("coop", default=None)


# The group last read and its spans. Components read the group dozens of times
# per document and each read of a SpanGroup builds a new Span per member; the
# group is replaced, never edited, between reads (a Span's extension values
# live on the Doc, so a kept Span reads the same values as a new one).
_last: tuple[SpanGroup, int, tuple[Span, ...]] | None = None


def group(doc: Doc) -> list[Span]:
    """The coop span group as a list (created empty when missing)."""
    global _last
    if SPANS_KEY not in doc.spans:
        doc.spans[SPANS_KEY] = []
    members = doc.spans[SPANS_KEY]
    last = _last
    if last is None or last[0] is not members or last[1] != len(members):
        last = _last = (members, len(members), tuple(members))
    return list(last[2])


def spans_of(doc: Doc, *labels: str) -> list[Span]:
    """Spans of the given labels, in text order, longest first at equal starts."""
    found = [s for s in group(doc) if s.label_ in labels]
    return sorted(found, key=lambda s: (s.start, -len(s)))


def starts_of(doc: Doc, label: str) -> dict[int, Span]:
    """The longest span of a label at each start token."""
    starts: dict[int, Span] = {}
    for span in spans_of(doc, label):  # longest first at each start
        starts.setdefault(span.start, span)
    return starts


def replace_label(doc: Doc, label: str, spans: Iterable[Span]) -> None:
    """Replace every span of `label` in the group by `spans`."""
    kept = [s for s in group(doc) if s.label_ != label]
    doc.spans[SPANS_KEY] = sorted([*kept, *spans], key=lambda s: (s.start, s.end))


def source_of(span: Span) -> str:
    """Where a span came from: its recorded source, else the pattern id, else the model."""
    if span._.coop_source:
        return span._.coop_source
    if span.id_:
        return step("pattern", span.label_.lower(), span.id_)
    return step("model", "ner")


def score_of(span: Span) -> float:
    """Confidence of a span: its recorded score, else one by kind of source."""
    if span._.coop_score is not None:
        return float(span._.coop_score)
    source = source_of(span)
    if source.startswith("model:"):
        return SCORES["model"]
    if ":grammar:" in source:
        return SCORES["grammar"]
    return SCORES["phrase"]


def mark(span: Span, source: str, score: float, kb_id: str | None = None) -> Span:
    """Record source, score and (optionally) canonical key on a span; returns it."""
    if kb_id is not None:
        span = Span(span.doc, span.start, span.end, label=span.label, kb_id=kb_id, span_id=span.id)
    span._.coop_source = source
    span._.coop_score = score
    return span


def filter_longest(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans, longest first then earliest (like spacy.util.filter_spans)."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-len(s), s.start)):
        if not taken.intersection(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def inside(inner: Span, outer: Span) -> bool:
    """True when `inner` lies within `outer`."""
    return outer.start <= inner.start and inner.end <= outer.end


def store_entries(doc: Doc) -> Store:
    """The resolved-entity store of a Doc (created on first use)."""
    if doc._.coop is None:
        doc._.coop = {}
    return doc._.coop


def guarded(call: Callable[[Any, Doc], Doc]) -> Callable[[Any, Doc], Doc]:
    """Make a component's __call__ record its failure on the Doc instead of raising.

    One odd document must not stop a run: the error lands in
    `doc.user_data["coop_error"]` and the document becomes an `error` row.
    """

    @functools.wraps(call)
    def wrapper(self: Any, doc: Doc) -> Doc:
        if doc.user_data.get("coop_error"):
            return doc
        try:
            return call(self, doc)
        except Exception as exc:
            name = type(self).__name__
            doc.user_data["coop_error"] = f"{name}: {type(exc).__name__}: {exc}"
            return doc

    return wrapper


class SpanIndex:
    """A list of spans indexed by start and by end, answers in list order (the order
    the list-walking code it replaces would find them in), so lookups per span stay
    cheap in long documents."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._order = sorted(range(len(spans)), key=lambda k: spans[k].start)
        self._starts = [spans[k].start for k in self._order]
        self._first_ending: dict[int, int] = {}
        for k, span in enumerate(spans):
            self._first_ending.setdefault(span.end, k)

    def within(self, outer: Span) -> list[Span]:
        """The spans inside `outer`, in list order."""
        found = self._order[
            bisect_left(self._starts, outer.start) : bisect_left(self._starts, outer.end)
        ]
        return [self.spans[k] for k in sorted(found) if inside(self.spans[k], outer)]

    def first_ending(self, *ends: int) -> Span | None:
        """The first span in list order that ends at one of `ends`."""
        found = [k for end in ends if (k := self._first_ending.get(end)) is not None]
        return self.spans[min(found)] if found else None

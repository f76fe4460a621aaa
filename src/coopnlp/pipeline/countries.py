"""`coop_countries`: final COUNTRY spans and one entry per country.

The COUNTRY patterns carry the ISO3 code as their id. This component drops
matches inside stop phrases, inside a longer country name of another state
("Guinea" in "Papua New Guinea") and inside a city name of another state
("Spain" in "Port of Spain", from the place lookup `knowledge.places`), adds
NER GPE/NORP spans the patterns missed when the gazetteer
(`knowledge.countries`) knows them, and aggregates one entry per country in
`doc._.coop["countries"]`.
"""

from __future__ import annotations

from functools import cached_property

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.places import Places
from coopnlp.knowledge.sources import source, step
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge, load
from coopnlp.pipeline.spans import (
    SCORES,
    CountryEntry,
    guarded,
    inside,
    mark,
    replace_label,
    score_of,
    source_of,
    spans_of,
    store_entries,
)

# How many tokens a city name may extend a country name by on each side ("Port of Spain").
CITY_REACH = 3


def _in_longer_country(span: Span, spans: list[Span]) -> bool:
    """Inside a longer country name of another state: "Guinea" in "Papua New Guinea"."""
    return any(
        inside(span, other) and len(other) > len(span) and other.id_ != span.id_ for other in spans
    )


def _in_foreign_city(span: Span, places: Places) -> bool:
    """Inside a city name of another state: "Spain" in "Port of Spain"."""
    doc = span.doc
    low, high = max(span.start - CITY_REACH, 0), min(span.end + CITY_REACH, len(doc))
    # The window's text once, each candidate a slice of it (as `doc[start:end].text`).
    window = doc[low:high]
    text, base = window.text, window.start_char
    starts = {t.i: t.idx - base for t in window}
    ends = {t.i + 1: t.idx + len(t) - base for t in window}
    for start in range(low, span.start + 1):
        for end in range(span.end, high + 1):
            if (start, end) == (span.start, span.end):
                continue
            code = places.city_country(text[starts[start] : ends[end]])
            if code is not None and code != span.id_:
                return True
    return False


class CountryResolver(DataComponent):
    """Final COUNTRY spans (kb_id = ISO3) and the per-document country entries."""

    WORD_LISTS = ("countries/country_stoplist.txt",)

    def __init__(self, nlp: Language, use_ner: bool = True, data: str = SHIPPED) -> None:
        super().__init__(data)
        self.nlp = nlp
        self.use_ner = use_ner

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return load(Gazetteer, self.data, "gazetteer")

    @cached_property
    def stop_matcher(self) -> PhraseMatcher:
        matcher = PhraseMatcher(self.nlp.vocab)
        stoplist = self.words.lines("countries/country_stoplist.txt")
        matcher.add("STOP", [self.nlp.make_doc(p) for p in stoplist])
        return matcher

    @cached_property
    def places(self) -> Places:
        return load(Places, self.data, "places")

    def knowledge(self) -> dict[str, Knowledge]:
        return {"gazetteer": self.gazetteer, "places": self.places}

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        stops = [doc[s:e] for _, s, e in self.stop_matcher(doc)]
        found = spans_of(doc, "COUNTRY")
        kept = [
            mark(s, source_of(s), score_of(s), kb_id=s.id_)
            for s in found
            if not any(inside(s, stop) for stop in stops)
            and not _in_longer_country(s, found)
            and not _in_foreign_city(s, self.places)
        ]
        if self.use_ner:
            covered = {i for s in kept for i in range(s.start, s.end)}
            for ent in doc.ents:
                if ent.label_ in ("GPE", "NORP") and not covered.intersection(
                    range(ent.start, ent.end)
                ):
                    iso3 = self.gazetteer.lookup(ent.text)
                    if iso3:
                        span = Span(doc, ent.start, ent.end, label="COUNTRY")
                        kept.append(
                            mark(
                                span,
                                source([step("model", "ner"), "gazetteer"]),
                                SCORES["model"],
                                iso3,
                            )
                        )
        replace_label(doc, "COUNTRY", kept)
        entries: dict[str, CountryEntry] = {}
        for span in sorted(kept, key=lambda s: s.start):
            entry = entries.setdefault(
                span.kb_id_,
                {
                    "iso3": span.kb_id_,
                    "name": self.gazetteer.display_name(span.kb_id_),
                    "mentions": 0,
                    "start_char": span.start_char,
                    "score": 0.0,
                    "source": source_of(span),
                },
            )
            entry["mentions"] += 1
            entry["score"] = max(entry["score"], score_of(span))
        store_entries(doc)["countries"] = list(entries.values())
        return doc


@Language.factory(
    "coop_countries",
    assigns=["doc.spans", "doc._.coop"],
    requires=["doc.spans"],
    default_config={"use_ner": True, "data": SHIPPED},
)
def make_countries(nlp: Language, name: str, use_ner: bool, data: str) -> CountryResolver:
    return CountryResolver(nlp, use_ner=use_ner, data=data)

"""Countries: ISO 3166 alpha-3 codes for country names, adjectives and demonyms.

The COUNTRY patterns (built from pycountry plus `countries.csv`) carry the
ISO3 code as their id. This component drops matches inside stop phrases,
adds NER GPE/NORP spans the patterns missed when the gazetteer knows them, and
aggregates one entry per country in `doc._.coop["countries"]`.
"""

from __future__ import annotations

from functools import cache

import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from coopnlp.pipeline.spans import (
    SCORES,
    guarded,
    inside,
    mark,
    records,
    replace_label,
    score_of,
    source_of,
    spans_of,
)
from coopnlp.resources import csv_rows, jsonl, lines, split_list


@cache
def _csv_by_iso3() -> dict[str, dict[str, str]]:
    return {row["iso3"]: row for row in csv_rows("countries/countries.csv")}


@cache
def display_name(iso3: str) -> str:
    """The common English name ("Russia", "Vietnam"), for the countries table."""
    names = split_list(_csv_by_iso3().get(iso3, {}).get("names"))
    if names:
        return names[0]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name


@cache
def official_name(iso3: str) -> str:
    """The formal name used to build body names ("the Republic of Azerbaijan"):
    the `official` column of countries.csv, else the common name."""
    return _csv_by_iso3().get(iso3, {}).get("official") or display_name(iso3)


@cache
def gazetteer() -> dict[str, str]:
    """Lower-cased surface form -> ISO3, from the COUNTRY phrase patterns."""
    index: dict[str, str] = {}
    for pattern in jsonl("patterns/country.jsonl"):
        if isinstance(pattern["pattern"], str):
            index.setdefault(pattern["pattern"].lower(), pattern["id"])
    return index


def lookup(text: str) -> str | None:
    """ISO3 code of a country name or adjective, or None."""
    text = text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return gazetteer().get(text.lower())


class CountryResolver:
    """Final COUNTRY spans (kb_id = ISO3) and the per-document country entries."""

    def __init__(self, nlp: Language, use_ner: bool = True) -> None:
        self.use_ner = use_ner
        self.stop_matcher = PhraseMatcher(nlp.vocab)
        self.stop_matcher.add(
            "STOP", [nlp.make_doc(p) for p in lines("countries/country_stoplist.txt")]
        )

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        stops = [doc[s:e] for _, s, e in self.stop_matcher(doc)]
        kept = [
            mark(s, source_of(s), score_of(s), kb_id=s.id_)
            for s in spans_of(doc, "COUNTRY")
            if not any(inside(s, stop) for stop in stops)
        ]
        if self.use_ner:
            covered = {i for s in kept for i in range(s.start, s.end)}
            for ent in doc.ents:
                if ent.label_ in ("GPE", "NORP") and not covered.intersection(
                    range(ent.start, ent.end)
                ):
                    iso3 = lookup(ent.text)
                    if iso3:
                        span = Span(doc, ent.start, ent.end, label="COUNTRY")
                        kept.append(mark(span, "model:ner+gazetteer", SCORES["model"], iso3))
        replace_label(doc, "COUNTRY", kept)
        entries: dict[str, dict] = {}
        for span in sorted(kept, key=lambda s: s.start):
            entry = entries.setdefault(
                span.kb_id_,
                {
                    "iso3": span.kb_id_,
                    "name": display_name(span.kb_id_),
                    "mentions": 0,
                    "start_char": span.start_char,
                    "score": 0.0,
                    "source": source_of(span),
                },
            )
            entry["mentions"] += 1
            entry["score"] = max(entry["score"], score_of(span))
        records(doc)["countries"] = list(entries.values())
        return doc


@Language.factory("coop_countries", default_config={"use_ner": True})
def make_countries(nlp: Language, name: str, use_ner: bool) -> CountryResolver:
    return CountryResolver(nlp, use_ner=use_ner)

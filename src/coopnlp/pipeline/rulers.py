"""The entity rulers: spaCy's SpanRuler fed from the shipped pattern files.

`coop_ruler` writes every match (overlaps allowed) to `doc.spans["coop"]`;
`coop_preset` then copies the longest non-overlapping ones to `doc.ents` so the
statistical `ner` that runs next predicts around them instead of inventing a
PERSON inside an agency name or a rank, and `coop_preset_labels` gives them their
labels back after `ner`.

While `ner` runs, every preset entity carries one label `ner` was trained on
(`STAND_IN`): `ner` adds four moves and widens its output layer for each label
of a preset entity it does not know, for every later document too (RANK,
TITLE, AGENCY, COUNTRY and AGREEMENT took it from 74 to 94 moves: a sixth
more `ner` time, 6 % of a run's). The label changes nothing else: inside a
preset entity `ner` has one valid move whatever the label, and its features
are token positions, never labels, so it predicts the same entities around it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from coopnlp.knowledge.registry import Registry
from coopnlp.knowledge.user import UserKnowledge, body_patterns, person_patterns
from coopnlp.matching.gated import GatedMatcher
from coopnlp.pipeline.agencies import load_registry, registry_parts
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge
from coopnlp.pipeline.spans import SPANS_KEY, group, inside
from coopnlp.resources import read_jsonl, resource_path

# The label of the preset entities while `ner` runs (one every English NER knows).
STAND_IN = "PERSON"
# Where `coop_preset` leaves the preset entities' (start, end, label) for `coop_preset_labels`.
PRESET_KEY = "coop_preset"

# A capitalised tail after these is the body's place ("Embassy in Dushanbe").
PLACE_PREPOSITIONS = {"in", "at"}
PATTERN_LABELS = ("rank", "title", "agency", "country", "agreement", "person")


def pattern_files(directory: Path) -> list[Path]:
    """The `<label>.jsonl` pattern files of a directory, in label order."""
    return [
        directory / f"{label}.jsonl"
        for label in PATTERN_LABELS
        if (directory / f"{label}.jsonl").exists()
    ]


def load_patterns(
    extra_dirs: Iterable[str | Path] = (), shipped: bool = True
) -> list[dict[str, Any]]:
    """Shipped patterns, then those of each extra (user) directory layered on top, then
    one per name and alias of the user folders' bodies and people (`knowledge/user.py`)
    that no pattern file already holds."""
    patterns: list[dict[str, Any]] = []
    extra = list(map(Path, extra_dirs))
    if shipped:
        for path in pattern_files(resource_path("patterns")):
            patterns.extend(read_jsonl(path))
    if extra:
        user = UserKnowledge.from_dirs(extra)
        generated = [*body_patterns(user.bodies), *person_patterns(user.people)]
        # A learned grammar pattern names its body from its words; a user body of that
        # name or alias says which body it is (and its state): the body's pattern replaces it.
        forms = {(p["label"], p["pattern"]) for p in generated}
        for directory in extra:
            for path in pattern_files(directory):
                patterns.extend(
                    p
                    for p in read_jsonl(path)
                    if not (str(p.get("id", "")).startswith("grammar:") and _phrase_key(p) in forms)
                )
        held = {_phrase_key(p) for p in patterns}
        patterns += [p for p in generated if (p["label"], p["pattern"]) not in held]
    return patterns


def _phrase_key(pattern: dict[str, Any]) -> tuple[str, str] | None:
    """(label, phrase) of a phrase pattern; None for a token pattern."""
    phrase = pattern["pattern"]
    return (pattern["label"], phrase) if isinstance(phrase, str) else None


class GatedSpanRuler(SpanRuler):
    """SpanRuler whose token patterns run only where their words occur (same spans)."""

    _digest: str | None = None

    def clear(self) -> None:
        super().clear()
        self._digest = None
        options = {"validate": self.validate, "fuzzy_compare": self.matcher_fuzzy_compare}
        self.matcher = GatedMatcher(self.nlp.vocab, **options)  # type: ignore[assignment]

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        self._digest = None

    def remove(self, label: str) -> None:
        super().remove(label)
        self._digest = None

    def remove_by_id(self, pattern_id: str) -> None:
        super().remove_by_id(pattern_id)
        self._digest = None

    def patterns_digest(self) -> str:
        """A hash of the patterns (about 11 MB as JSON), made once until they change:
        the incremental fingerprint asks for it on every run."""
        if self._digest is None:
            text = json.dumps(self.patterns, sort_keys=True, default=str)
            self._digest = hashlib.sha256(text.encode()).hexdigest()
        return self._digest


@Language.factory(
    "coop_ruler",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY, "patterns_dirs": []},
)
def make_coop_ruler(
    nlp: Language, name: str, spans_key: str, patterns_dirs: list[str]
) -> SpanRuler:
    """A SpanRuler with the package's patterns plus any user pattern directories.

    The patterns are stored by `to_disk`, so a saved pipeline keeps the patterns
    it was built with even if the package data changes later.
    """
    ruler = GatedSpanRuler(nlp, name, spans_key=spans_key, annotate_ents=False, overwrite=True)
    # Phrase patterns match on ORTH, so only the tokenizer has to see them;
    # without this, add_patterns runs every other component over ~20k patterns.
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(load_patterns(patterns_dirs))
    return ruler


def trim_name_tail(
    span: Span, countries: dict[int, list[Span]], vocabulary: frozenset[str]
) -> Span | None:
    """A grammar match without the capitalised words after the body's own vocabulary
    ("Administration for International Cooperation Petr Popov" -> without the name).
    `countries`: the COUNTRY spans covering each token; `vocabulary`: the registry's
    `body_words`."""
    if not span.id_.startswith("grammar:"):
        return span

    def in_country(i: int) -> bool:
        return any(inside(c, span) for c in countries.get(i, ()))

    end = span.end
    while (
        end > span.start + 1
        and not in_country(end - 1)
        and (span.doc[end - 1].lower_ not in vocabulary and span.doc[end - 1].is_title)
    ):
        end -= 1
    if end == span.end or span.doc[end - 1].lower_ in PLACE_PREPOSITIONS:
        return span  # "Embassy in Dushanbe": a place, not a person, follows "in"
    return Span(span.doc, span.start, end, label=span.label, span_id=span.id)


class PresetEntities(DataComponent):
    """Copy the longest ruler spans of some labels into `doc.ents` before `ner`, all
    labelled `stand_in` (their labels wait in `doc.user_data` for
    `coop_preset_labels`), after cutting person names off the end of grammar-built
    agency matches (by the words of body names in the registry of its data)."""

    def __init__(self, labels: list[str], data: str = SHIPPED, stand_in: str = STAND_IN) -> None:
        super().__init__(data)
        self.labels = set(labels)
        self.stand_in = stand_in

    @cached_property
    def registry(self) -> Registry:
        return load_registry(self.data)

    def knowledge(self) -> dict[str, Knowledge]:
        return registry_parts(self.registry)

    def __call__(self, doc: Doc) -> Doc:
        countries: dict[int, list[Span]] = {}
        for country in (s for s in group(doc) if s.label_ == "COUNTRY"):
            for i in range(country.start, country.end):
                countries.setdefault(i, []).append(country)
        vocabulary = self.registry.body_words
        cleaned = [
            trim_name_tail(s, countries, vocabulary) if s.label_ == "AGENCY" else s
            for s in group(doc)
        ]
        doc.spans[SPANS_KEY] = cleaned
        spans = [s for s in cleaned if s.label_ in self.labels]
        preset = filter_spans([*spans, *doc.ents])
        doc.user_data[PRESET_KEY] = [(s.start, s.end, s.label_) for s in preset]
        doc.ents = [
            Span(doc, s.start, s.end, label=self.stand_in, kb_id=s.kb_id, span_id=s.id)
            for s in preset
        ]
        return doc


@Language.component("coop_preset_labels", assigns=["doc.ents"], requires=["doc.ents"])
def restore_labels(doc: Doc) -> Doc:
    """Give the entities `coop_preset` set before `ner` their own labels again (`ner`
    keeps a preset entity's bounds and knowledge base id; its `id` too, if any)."""
    labels = {(start, end): label for start, end, label in doc.user_data.pop(PRESET_KEY, [])}
    if labels:
        doc.ents = [
            Span(doc, e.start, e.end, label=labels[e.start, e.end], kb_id=e.kb_id, span_id=e.id)
            if (e.start, e.end) in labels
            else e
            for e in doc.ents
        ]
    return doc


@Language.factory(
    "coop_preset",
    assigns=["doc.spans", "doc.ents"],
    requires=["doc.spans"],
    default_config={
        "labels": ["RANK", "TITLE", "AGENCY", "COUNTRY", "AGREEMENT", "PERSON"],
        "data": SHIPPED,
        "stand_in": STAND_IN,
    },
)
def make_preset(
    nlp: Language, name: str, labels: list[str], data: str, stand_in: str
) -> PresetEntities:
    return PresetEntities(labels, data, stand_in)

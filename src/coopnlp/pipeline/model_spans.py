"""`coop_model_spans`: a trained NER's coop-label entities into the coop span group.

A pipeline trained by `coopnlp train` predicts RANK, TITLE, AGENCY, COUNTRY and
AGREEMENT as `doc.ents`, but coopnlp's linking components read
`doc.spans["coop"]` (PERSON entities they already read from `doc.ents`). This
component, placed right after `ner`, adds the entities the rulers did not
already give, with the keys the linkers need: the ISO3 code for a COUNTRY
(dropped when the gazetteer does not know the name), the kind for an
AGREEMENT. It is registered as a spaCy entry point, so a trained pipeline
loads with plain `spacy.load` too.
"""

from __future__ import annotations

from typing import get_args

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.sources import step
from coopnlp.pipeline.spans import SCORES, SPANS_KEY, group, guarded, mark
from coopnlp.records.models import AgreementKind

BRIDGED = ("RANK", "TITLE", "AGENCY", "COUNTRY", "AGREEMENT")


def _key(ent: Span) -> str | None:
    """The pattern-style id a linker expects, or None to drop the entity."""
    if ent.label_ == "COUNTRY":
        return Gazetteer.shipped().lookup(ent.text)
    if ent.label_ == "AGREEMENT":
        kinds = set(get_args(AgreementKind))
        return next((t.lemma_.lower() for t in reversed(ent) if t.lemma_.lower() in kinds), "other")
    return ""


class ModelSpans:
    """Copy coop-label entities that no ruler span covers exactly into the span group."""

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        spans = group(doc)
        present = {(s.start, s.end, s.label_) for s in spans}
        for ent in doc.ents:
            if ent.label_ not in BRIDGED or (ent.start, ent.end, ent.label_) in present:
                continue
            key = _key(ent)
            if key is None:
                continue
            span = Span(doc, ent.start, ent.end, label=ent.label_, span_id=key)
            spans.append(mark(span, step("model", "ner"), SCORES["model"]))
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc


@Language.factory("coop_model_spans", assigns=["doc.spans"], requires=["doc.ents"])
def make_model_spans(nlp: Language, name: str) -> ModelSpans:
    return ModelSpans()

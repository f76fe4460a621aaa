"""Learn span-ruler patterns from corrected annotations.

1. Run the pipeline (shipped plus user patterns) over each annotated text; an
   annotated span that its final span group does not hold exactly is *missed*.
2. Every missed surface form is a phrase-pattern candidate, unless the
   pipeline gives that very span another label, the annotations link the form
   to different ids in different documents, or (AGENCY) it is a generic
   reference (one word of body names, nothing capitalised, a bare body type or
   unit without its country) or reads as a position (it starts or ends with a
   title head): patterns for those would mislabel other texts
   (`retrain/safeguards.py`, shared with `coopnlp bodies|people add`).
3. Missed spans are also reduced to a shape: the content words of the shipped
   COUNTRY and RANK matches inside them become slots ("Ministry of Internal
   Affairs of the <C> of <C>", "<R> <R> of the Civil Defence"). A shape shared
   by at least `min_support` different surface forms becomes a token pattern
   whose slots accept any word of that label's patterns.
4. Each candidate runs over all annotated texts: its matches (longest per
   place) that equal an annotated span of its label are right; those strictly
   inside a longer annotated span of the label are neither right nor wrong;
   the rest are wrong. Candidates under `min_precision`, and phrases that the
   shipped patterns already give another label, are reported and not added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from coopnlp.pipeline.rulers import load_patterns
from coopnlp.pipeline.spans import filter_longest, group, inside
from coopnlp.retrain import safeguards
from coopnlp.retrain.formats import Annotated
from coopnlp.retrain.patterns import LEARNED_AGENCY_ID, add_patterns, default_id

# PERSON spans come from the statistical NER and person rules, not patterns: `train` learns them.
LEARNABLE = ("RANK", "TITLE", "AGENCY", "COUNTRY", "AGREEMENT")
# Labels whose matches inside a missed span become slots of a generalised shape.
SLOT_LABELS = ("COUNTRY", "RANK")
# Words kept literal inside slots: they shape the phrase rather than name the thing.
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "-", "'s", "’s"})

Item = tuple[str, str]  # ("lit", lower word) or ("slot", label)


@dataclass
class Candidate:
    """A pattern proposed from the annotations, with how it fares on them."""

    label: str
    id: str
    patterns: list[Any]
    kind: str  # "phrase" or "token"
    examples: list[str] = field(default_factory=list)
    matches: int = 0
    right: int = 0
    neutral: int = 0
    reason: str | None = None
    added: bool = False

    @property
    def precision(self) -> float:
        judged = self.matches - self.neutral
        return self.right / judged if judged else 0.0

    def describe(self) -> str:
        if self.kind == "phrase":
            return str(self.patterns[0])
        return " | ".join(str(e) for e in self.examples[:3])

    def ruler_patterns(self) -> list[dict[str, Any]]:
        return [{"label": self.label, "id": self.id, "pattern": p} for p in self.patterns]


@dataclass
class LearnReport:
    documents: int = 0
    spans: int = 0
    known: int = 0
    missed: int = 0
    misaligned: int = 0
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def added(self) -> list[Candidate]:
        return [c for c in self.candidates if c.added]


@cache
def _vocab(label: str, patterns_key: tuple[str, ...]) -> tuple[str, ...]:
    """Lower-case content words of a label's patterns (phrases and token values)."""
    words: set[str] = set()
    for p in load_patterns(patterns_key):
        if p["label"] != label:
            continue
        if isinstance(p["pattern"], str):
            words.update(w.lower() for w in p["pattern"].split())
            continue
        for token in p["pattern"]:
            for attr in ("LOWER", "ORTH", "TEXT"):
                value = token.get(attr)
                values = value.get("IN", []) if isinstance(value, dict) else [value]
                words.update(v.lower() for v in values if isinstance(v, str))
    return tuple(sorted(w for w in words - FUNCTION_WORDS if w.replace("-", "").isalpha()))


def _shape(span: Span, ruler_spans: Sequence[Span]) -> tuple[Item, ...] | None:
    """The span with the content words of inner COUNTRY/RANK matches as slots."""
    inner = filter_longest(
        s for s in ruler_spans if s.label_ in SLOT_LABELS and inside(s, span) and len(s) < len(span)
    )
    slot_label = {i: s.label_ for s in inner for i in range(s.start, s.end)}
    items: list[Item] = []
    for token in span:
        label = slot_label.get(token.i)
        if label is not None and token.lower_ not in FUNCTION_WORDS:
            items.append(("slot", label))
        else:
            items.append(("lit", token.lower_))
    return tuple(items) if any(kind == "slot" for kind, _ in items) else None


def _token_pattern(shape: tuple[Item, ...], dirs: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"LOWER": value} if kind == "lit" else {"LOWER": {"IN": list(_vocab(value, dirs))}}
        for kind, value in shape
    ]


def _common_id(ids: Iterable[str], label: str) -> str:
    """The most frequent id of a group; AGENCY shapes name bodies from their words."""
    ids = list(ids)
    if label == "AGENCY":
        return LEARNED_AGENCY_ID
    return max(set(ids), key=ids.count)


def _objection(span: Span, label: str, found: Sequence[Span]) -> str | None:
    """Why a phrase pattern for this missed span would mislabel other texts, if it would."""
    other = next((s.label_ for s in found if (s.start, s.end) == (span.start, span.end)), None)
    if other is not None and other != label:
        return f"the pipeline calls it {other}"
    if label != "AGENCY":
        return None
    in_country = {i for s in found if s.label_ == "COUNTRY" for i in range(s.start, s.end)}
    words = safeguards.Phrase(tuple(t.text for t in span), tuple(t.i in in_country for t in span))
    return safeguards.body_objection(words)


def propose(
    nlp: Language,
    docs: Sequence[Annotated],
    patterns_dirs: Sequence[str | Path] = (),
    min_support: int = 2,
    batch_size: int = 16,
) -> tuple[LearnReport, list[Doc], list[dict[tuple[int, int], str]]]:
    """Candidates from the missed spans; also the parsed Docs and gold token spans."""
    report = LearnReport(documents=len(docs))
    dirs = tuple(str(d) for d in patterns_dirs)
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=batch_size))
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    golds: list[dict[tuple[int, int], str]] = []
    phrases: dict[tuple[str, str], Candidate] = {}
    shapes: dict[tuple[str, tuple[Item, ...]], list[tuple[str, str]]] = defaultdict(list)
    for ann, doc in zip(docs, parsed, strict=True):
        found = group(doc)
        matched = {(s.start, s.end, s.label_) for s in found}
        gold: dict[tuple[int, int], str] = {}
        for mark in ann.spans:
            if mark.label not in LEARNABLE:
                continue
            report.spans += 1
            span = doc.char_span(mark.start, mark.end, label=mark.label)
            if span is None:
                report.misaligned += 1
                continue
            gold[(span.start, span.end)] = mark.label
            if (span.start, span.end, mark.label) in matched:
                report.known += 1
                continue
            report.missed += 1
            key = mark.id or default_id(mark.label, span.text)
            candidate = phrases.setdefault(
                (mark.label, span.text),
                Candidate(mark.label, key, [span.text], "phrase", [span.text]),
            )
            ids[(mark.label, span.text)].add(key)
            candidate.reason = candidate.reason or _objection(span, mark.label, found)
            shape = _shape(span, found)
            if shape is not None:
                shapes[(mark.label, shape)].append((span.text, key))
        golds.append(gold)
    for (label, text), keys in ids.items():
        if len(keys) > 1:
            phrases[(label, text)].reason = f"names different bodies: {', '.join(sorted(keys))}"
    report.candidates = list(phrases.values())
    for (label, shape), members in shapes.items():
        forms = sorted({text for text, _ in members})
        if len(forms) >= min_support:
            key = _common_id((k for _, k in members), label)
            report.candidates.append(
                Candidate(label, key, [_token_pattern(shape, dirs)], "token", forms)
            )
    return report, parsed, golds


def measure(
    nlp: Language,
    candidates: Sequence[Candidate],
    parsed: Sequence[Doc],
    golds: Sequence[dict[tuple[int, int], str]],
) -> None:
    """Count each candidate's matches on the annotated texts, right and wrong."""
    if not candidates:
        return
    ruler = SpanRuler(nlp, "coop_learn", spans_key=None)
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(
            [
                {"label": c.label, "id": str(i), "pattern": p}
                for i, c in enumerate(candidates)
                for p in c.patterns
            ]
        )
    for doc, gold in zip(parsed, golds, strict=True):
        by_candidate: dict[int, list[Span]] = defaultdict(list)
        for span in ruler.match(doc):
            by_candidate[int(span.id_)].append(span)
        for i, spans in by_candidate.items():
            c = candidates[i]
            for span in filter_longest(spans):
                c.matches += 1
                if gold.get((span.start, span.end)) == c.label:
                    c.right += 1
                elif any(
                    label == c.label and start <= span.start and span.end <= end
                    for (start, end), label in gold.items()
                ):
                    c.neutral += 1


def learn(
    nlp: Language,
    docs: Sequence[Annotated],
    patterns_dirs: Sequence[str | Path] = (),
    output: Path | None = None,
    min_precision: float = 0.75,
    min_support: int = 2,
) -> LearnReport:
    """Propose, measure and (when `output` is given) write the patterns that pass."""
    report, parsed, golds = propose(nlp, docs, patterns_dirs, min_support)
    measure(nlp, report.candidates, parsed, golds)
    for c in report.candidates:
        if c.reason is None and c.precision < min_precision:
            c.reason = f"precision {c.precision:.2f} < {min_precision:.2f}"
        c.added = c.reason is None
    if output is not None:
        add_patterns(output, [p for c in report.added for p in c.ruler_patterns()])
    return report

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

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from coopnlp.pipeline.rulers import load_patterns
from coopnlp.pipeline.spans import SPANS_KEY, filter_longest, group, inside
from coopnlp.resources import read_jsonl
from coopnlp.retrain import safeguards
from coopnlp.retrain.formats import Annotated
from coopnlp.retrain.patterns import LEARNED_AGENCY_ID, add_patterns, default_id

# PERSON spans come from the statistical NER and person rules, not patterns: `train` learns them.
LEARNABLE = ("RANK", "TITLE", "AGENCY", "COUNTRY", "AGREEMENT")
# Labels whose matches inside a missed span become slots of a generalised shape.
SLOT_LABELS = ("COUNTRY", "RANK")
# Words kept literal inside slots: they shape the phrase rather than name the thing.
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "-", "'s", "’s"})

# First words of bodies above the states: such a body needs no country.
SUPRANATIONAL = frozenset({"international", "interstate", "intergovernmental"})

Item = tuple[str, str]  # ("lit", lower word) or ("slot", label)

# The ruler that holds the candidates while `learn` tries them.
TRIAL_RULER = "coop_learn_trial"
NO_EFFECT = "no effect: the spans it was learned from still do not come out"
# Candidates without effect, kept in the user folder so that the next `learn` does not propose them.
REJECTED_FILE = "learn_rejected.jsonl"


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
    # Documents whose missed spans proposed it (its provenance).
    documents: set[str] = field(default_factory=set)
    # Its matches on the annotated texts: (document index, start token, end token).
    places: list[tuple[int, int, int]] = field(default_factory=list)
    # Annotated spans missed before that the pipeline gives once it is added.
    extracted: int = 0

    @property
    def precision(self) -> float:
        judged = self.matches - self.neutral
        return self.right / judged if judged else 0.0

    def describe(self) -> str:
        if self.kind == "phrase":
            return str(self.patterns[0])
        return " | ".join(str(e) for e in self.examples[:3])

    def ruler_patterns(self, provenance: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        extra = {"provenance": provenance} if provenance is not None else {}
        return [{"label": self.label, "id": self.id, "pattern": p, **extra} for p in self.patterns]

    def provenance(self, day: str) -> dict[str, Any]:
        """Where a learned pattern comes from and how it fared on the annotations."""
        return {
            "source": "learn",
            "documents": sorted(self.documents),
            "matches": self.matches,
            "precision": round(self.precision, 3),
            "extracted": self.extracted,
            "added": day,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "reason": self.reason,
            "label": self.label,
            "kind": self.kind,
            "pattern": self.patterns[0] if self.kind == "phrase" else self.patterns,
            "examples": self.examples,
            "id": self.id,
            "matches": self.matches,
            "precision": round(self.precision, 3),
            "extracted": self.extracted,
            "documents": sorted(self.documents),
        }


@dataclass
class LearnReport:
    documents: int = 0
    spans: int = 0
    known: int = 0
    missed: int = 0
    misaligned: int = 0
    # Candidates left out because an earlier `learn` found they change nothing.
    skipped: int = 0
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
    international = bool(span) and span[0].lower_ in SUPRANATIONAL
    return safeguards.body_objection(words, international)


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
    shapes: dict[tuple[str, tuple[Item, ...]], list[tuple[str, str, str]]] = defaultdict(list)
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
            candidate.documents.add(ann.doc_id)
            ids[(mark.label, span.text)].add(key)
            candidate.reason = candidate.reason or _objection(span, mark.label, found)
            shape = _shape(span, found)
            if shape is not None:
                shapes[(mark.label, shape)].append((span.text, key, ann.doc_id))
        golds.append(gold)
    for (label, text), keys in ids.items():
        if len(keys) > 1:
            phrases[(label, text)].reason = f"names different bodies: {', '.join(sorted(keys))}"
    report.candidates = list(phrases.values())
    for (label, shape), members in shapes.items():
        forms = sorted({text for text, _, _ in members})
        if len(forms) >= min_support:
            key = _common_id((k for _, k, _ in members), label)
            candidate = Candidate(label, key, [_token_pattern(shape, dirs)], "token", forms)
            candidate.documents = {doc_id for _, _, doc_id in members}
            report.candidates.append(candidate)
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
    for n, (doc, gold) in enumerate(zip(parsed, golds, strict=True)):
        by_candidate: dict[int, list[Span]] = defaultdict(list)
        for span in ruler.match(doc):
            by_candidate[int(span.id_)].append(span)
        for i, spans in by_candidate.items():
            c = candidates[i]
            for span in filter_longest(spans):
                c.matches += 1
                c.places.append((n, span.start, span.end))
                if gold.get((span.start, span.end)) == c.label:
                    c.right += 1
                elif any(
                    label == c.label and start <= span.start and span.end <= end
                    for (start, end), label in gold.items()
                ):
                    c.neutral += 1


def _with_candidates(nlp: Language, candidates: Sequence[Candidate]) -> None:
    """Add the candidates' patterns as a ruler beside the shipped one (undone by removing it)."""
    ruler = nlp.add_pipe(
        "span_ruler",
        name=TRIAL_RULER,
        after="coop_ruler",
        config={"spans_key": SPANS_KEY, "annotate_ents": False, "overwrite": False},
    )
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns([p for c in candidates for p in c.ruler_patterns()])


def _probes(candidates: Sequence[Candidate]) -> list[tuple[int, str, tuple[int, int]]]:
    """Texts where a TITLE candidate stands inside a longer shipped position.

    A phrase starting with a title head's last word ("Minister of ...") is put
    after each longer head ending with it ("Deputy Minister of ..."): the
    shipped rules read that as one position, which the candidate must not split.
    Returns (candidate index, text, character span of the longer position).
    """
    heads, _ = safeguards.position_heads()
    probes = []
    for i, c in enumerate(candidates):
        if c.label != "TITLE" or c.kind != "phrase":
            continue
        phrase = str(c.patterns[0])
        first = phrase.split()[0].lower()
        for head in heads:
            words = head.split()
            if len(words) > 1 and words[-1] == first:
                position = " ".join(w.capitalize() for w in words[:-1]) + " " + phrase
                text = f"The {position} Ivan Petrov met reporters on Monday."
                probes.append((i, text, (4, 4 + len(position))))
    return probes


def _split_by(before: Sequence[Span], place: tuple[int, int], label: str) -> Span | None:
    """A longer span of `label` the pipeline gave that a match at `place` overlaps."""
    start, end = place
    return next(
        (
            b
            for b in before
            if b.label_ == label
            and len(b) > end - start
            and b.start < end
            and start < b.end
            and (b.start, b.end) != place
        ),
        None,
    )


def check_effect(
    nlp: Language,
    candidates: Sequence[Candidate],
    docs: Sequence[Annotated],
    parsed: Sequence[Doc],
    golds: Sequence[dict[tuple[int, int], str]],
    batch_size: int = 16,
) -> None:
    """Re-run the pipeline with the candidates and keep those that change its output for the better.

    A candidate is refused when it splits or shortens a longer span the
    pipeline gave (on the annotated texts, unless the annotations say the
    longer span is wrong, and on probe positions for titles), or when none of
    the missed spans it was learned from comes out of the pipeline with it.
    """
    if not candidates:
        return
    probes = _probes(candidates)
    before_probes = list(nlp.pipe(text for _, text, _ in probes))
    _with_candidates(nlp, candidates)
    try:
        after = list(nlp.pipe((d.text for d in docs), batch_size=batch_size))
        after_probes = list(nlp.pipe(text for _, text, _ in probes))
    finally:
        nlp.remove_pipe(TRIAL_RULER)
    found_before = [{(s.start, s.end, s.label_) for s in group(d)} for d in parsed]
    found_after = [{(s.start, s.end, s.label_) for s in group(d)} for d in after]
    for c in candidates:
        for n, start, end in c.places:
            gold = golds[n]
            if (start, end, c.label) in found_after[n] - found_before[n]:
                c.extracted += gold.get((start, end)) == c.label
            longer = _split_by(group(parsed[n]), (start, end), c.label)
            if longer is None or (longer.start, longer.end, c.label) in found_after[n]:
                continue
            if gold.get((longer.start, longer.end)) == c.label or gold.get((start, end)) != c.label:
                c.reason = c.reason or f"splits the longer {c.label} {longer.text!r}"
    for (i, _, (start, end)), doc_before, doc_after in zip(
        probes, before_probes, after_probes, strict=True
    ):
        c = candidates[i]
        whole = doc_before.char_span(start, end)
        spans = {(s.start_char, s.end_char) for s in group(doc_before) if s.label_ == c.label}
        kept = {(s.start_char, s.end_char) for s in group(doc_after) if s.label_ == c.label}
        if whole is not None and (start, end) in spans - kept:
            c.reason = c.reason or f"splits the longer {c.label} {whole.text!r}"
    for c in candidates:
        if c.reason is None and c.extracted == 0:
            c.reason = NO_EFFECT


def rejected_file(directory: Path) -> Path:
    return directory / REJECTED_FILE


def signature(label: str, pattern: Any) -> str:
    return json.dumps([label, pattern], sort_keys=True, ensure_ascii=False)


def read_rejected(directory: Path | None) -> set[str]:
    """Signatures of the candidates an earlier `learn` into this folder found without effect."""
    if directory is None or not rejected_file(directory).exists():
        return set()
    return {signature(r["label"], r["pattern"]) for r in read_jsonl(rejected_file(directory))}


def remember_rejected(directory: Path, rejected: Sequence[tuple[str, Any, str | None]]) -> None:
    """Remember (label, pattern or name, reason) of candidates without effect in the folder."""
    known = read_rejected(directory)
    day = date.today().isoformat()
    lines = [
        {"label": label, "pattern": pattern, "reason": reason, "added": day}
        for label, patterns, reason in rejected
        for pattern in (patterns if isinstance(patterns, list) else [patterns])
        if signature(label, pattern) not in known
    ]
    if lines:
        directory.mkdir(parents=True, exist_ok=True)
        with rejected_file(directory).open("a", encoding="utf-8") as fh:
            fh.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def learn(
    nlp: Language,
    docs: Sequence[Annotated],
    patterns_dirs: Sequence[str | Path] = (),
    output: Path | None = None,
    min_precision: float = 0.75,
    min_support: int = 2,
    memory: Path | None = None,
) -> LearnReport:
    """Propose, measure, try and (when `output` is given) write the patterns that take effect.

    `memory` is the folder whose record of candidates without effect is read
    (default `output`): those are not proposed again.
    """
    memory = memory if memory is not None else output
    report, parsed, golds = propose(nlp, docs, patterns_dirs, min_support)
    skip = read_rejected(memory)
    kept = [
        c for c in report.candidates if not all(signature(c.label, p) in skip for p in c.patterns)
    ]
    report.skipped = len(report.candidates) - len(kept)
    report.candidates = kept
    measure(nlp, report.candidates, parsed, golds)
    for c in report.candidates:
        if c.reason is None and c.precision < min_precision:
            c.reason = f"precision {c.precision:.2f} < {min_precision:.2f}"
    check_effect(nlp, [c for c in report.candidates if c.reason is None], docs, parsed, golds)
    for c in report.candidates:
        c.added = c.reason is None
    if output is not None:
        day = date.today().isoformat()
        add_patterns(output, [p for c in report.added for p in c.ruler_patterns(c.provenance(day))])
        remember_rejected(
            output,
            [
                (c.label, p, c.reason)
                for c in report.candidates
                if c.reason == NO_EFFECT
                for p in c.patterns
            ],
        )
    return report

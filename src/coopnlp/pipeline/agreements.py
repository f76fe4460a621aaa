"""Agreements: kind, title, status and parties for AGREEMENT spans.

The pattern id is the instrument's kind. A title is kept when the mention
carries its own name (a tail such as "for 2022-2024" or "on cooperation in
..."), not for a bare "protocol". The status comes from cue words in the
mention's sentence (`agreement_status.csv`); when several apply, the latest
stage wins. Mentions of the same kind with compatible titles are one
instrument.
"""

from __future__ import annotations

from functools import cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from coopnlp.pipeline.spans import (
    filter_longest,
    guarded,
    mark,
    records,
    replace_label,
    score_of,
    source_of,
    spans_of,
)
from coopnlp.resources import csv_rows, lines

DEFAULT_STATUS = "discussed"


@cache
def status_cues() -> list[tuple[str, str, int]]:
    """(cue, status, priority), longest cue first so phrases beat single words."""
    rows = [
        (r["cue"].lower(), r["status"], int(r["priority"]))
        for r in csv_rows("agreement_status.csv")
    ]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def title_words() -> tuple[set[str], set[str]]:
    """Words dropped from the front of a title, and words that open a title tail."""
    return set(lines("agreement_title_drop.txt")), set(lines("agreement_title_tails.txt"))


def title_of(span: Span) -> str | None:
    """The instrument's own name, if the mention gives one."""
    drop, tails = title_words()
    tokens = list(span)
    while tokens and tokens[0].lower_ in drop:
        tokens = tokens[1:]
    if not tokens or not any(t.lower_ in tails for t in tokens[1:]):
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1].text


def status_of(span: Span) -> tuple[str, str]:
    """(status, cue) from the sentence around a mention: the latest stage reported."""
    words = f" {' '.join(t.lower_ for t in span.sent)} "
    lemmas = f" {' '.join(t.lemma_.lower() for t in span.sent)} "
    best: tuple[int, str, str] | None = None
    for cue, status, priority in status_cues():
        found = f" {cue} " in words or f" {cue} " in lemmas
        if found and (best is None or priority > best[0]):
            best = (priority, status, cue)
    return (best[1], best[2]) if best else (DEFAULT_STATUS, "")


def _same(a: dict, kind: str, title: str | None) -> bool:
    if a["kind"] != kind:
        return False
    if a["title"] is None or title is None:
        return True
    return fuzz.token_set_ratio(a["title"].lower(), title.lower()) >= 80


class AgreementResolver:
    """One entry per distinct instrument in `doc._.coop["agreements"]`."""

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        priority = {s: p for _, s, p in status_cues()}
        entries: list[dict] = []
        kept: list[Span] = []
        for span in filter_longest(spans_of(doc, "AGREEMENT")):
            kind = span.id_.split(":")[0] or "other"
            title = title_of(span)
            status, cue = status_of(span)
            parties = sorted(
                {a.kb_id_ for a in spans_of(doc, "AGENCY") if a.sent == span.sent and a.kb_id_}
            )
            if not parties:
                parties = sorted(
                    {c.kb_id_ for c in spans_of(doc, "COUNTRY") if c.sent == span.sent}
                )
            source = f"{source_of(span)}>status:{cue or 'default'}"
            kept.append(mark(span, source_of(span), score_of(span), kb_id=kind))
            entry = next((e for e in entries if _same(e, kind, title)), None)
            if entry is None:
                entries.append(
                    {
                        "kind": kind,
                        "title": title,
                        "status": status,
                        "parties": parties,
                        "mentions": 1,
                        "start_char": span.start_char,
                        "evidence": span.sent.text.strip(),
                        "score": score_of(span),
                        "source": source,
                    }
                )
                continue
            entry["mentions"] += 1
            entry["title"] = entry["title"] or title
            entry["parties"] = sorted({*entry["parties"], *parties})
            if priority.get(status, 0) > priority.get(entry["status"], 0):
                entry["status"], entry["evidence"] = status, span.sent.text.strip()
        replace_label(doc, "AGREEMENT", kept)
        records(doc)["agreements"] = entries
        return doc


@Language.factory("coop_agreements")
def make_agreements(nlp: Language, name: str) -> AgreementResolver:
    return AgreementResolver()

"""The corpus pass: what other documents say firmly mends what one leaves open.

Where a document gives a person no state, or only guesses it (the "other side"
fallback), and the other documents that name the same person state it firmly
and agree, the row takes that state; its source gains '>corpus:N documents'
and its score rises with N. A person's agency is filled the same way where
the document names none, or where the state it was derived from was the
guess that was just corrected. Bodies: an agencies row without a state takes
the one state the other documents give the same body.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# How much one agreeing document adds to a mended row's score, and the cap.
PER_DOCUMENT = 0.1
MAX_SCORE = 0.99


@dataclass(frozen=True, slots=True)
class Mended:
    """A row's values after the corpus pass (the same as its own where unmended)."""

    country: str | None
    agency: str | None
    score: float
    source: str


def corpus_score(own: float, documents: int) -> float:
    """A mended value's score: the row's own score raised by the agreeing documents."""
    return round(min(MAX_SCORE, own + PER_DOCUMENT * documents), 3)


def corpus_source(own: str, documents: int) -> str:
    return f"{own}>corpus:{documents} document{'s' if documents != 1 else ''}"


def _agreed(statements: dict[str, set[str]], doc_id: str) -> tuple[str, int] | None:
    """The one value the other documents state, and in how many documents (no set is
    copied: a person named in thousands of documents costs as little as another)."""
    others = [(value, len(docs) - (doc_id in docs)) for value, docs in statements.items()]
    others = [(value, n) for value, n in others if n > 0]
    return others[0] if len(others) == 1 else None


@dataclass(frozen=True, slots=True)
class OfficialRow:
    """An officials row as the corpus pass reads it (the document's own values)."""

    doc_id: str
    person_id: str | None
    country: str | None
    weak: bool  # the country is the document's guess
    agency: str | None
    agency_country: str | None  # the state of that agency row, if it has one
    score: float
    source: str


def mend_officials(rows: Sequence[OfficialRow]) -> list[Mended]:
    """The corpus pass over officials rows (in any order; the result is per row)."""
    countries: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    agencies: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        if r.person_id is None:
            continue
        if r.country and not r.weak:
            countries[r.person_id][r.country].add(r.doc_id)
        if r.agency and not r.weak:
            agencies[r.person_id][r.agency].add(r.doc_id)
    out = []
    for r in rows:
        country, agency, n = r.country, r.agency, 0
        if r.person_id is not None and (r.country is None or r.weak):
            agreed = _agreed(countries.get(r.person_id, {}), r.doc_id)
            if agreed is not None and agreed[0] != r.country:
                country, n = agreed
        # An agency derived from a state the corpus corrected is as doubtful as it was.
        derived = r.agency is not None and country != r.country and r.agency_country != country
        if r.person_id is not None and (r.agency is None or derived):
            agreed = _agreed(agencies.get(r.person_id, {}), r.doc_id)
            if agreed is not None and agreed[0] != r.agency:
                agency, n = agreed[0], max(n, agreed[1])
        if n:
            score, source = corpus_score(r.score, n), corpus_source(r.source, n)
            out.append(Mended(country, agency, score, source))
        else:
            out.append(Mended(r.country, r.agency, r.score, r.source))
    return out


@dataclass(frozen=True, slots=True)
class AgencyRow:
    """An agencies row as the corpus pass reads it (the document's own values)."""

    doc_id: str
    name: str
    country: str | None
    score: float
    source: str


def mend_agencies(rows: Sequence[AgencyRow], key: Callable[[str], str]) -> list[Mended]:
    """Bodies without a state take the one state the other documents give them;
    `key` folds a body name (the same body under trivially different names)."""
    states: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        if r.country:
            states[key(r.name)][r.country].add(r.doc_id)
    out = []
    for r in rows:
        agreed = None if r.country else _agreed(states.get(key(r.name), {}), r.doc_id)
        if agreed is None:
            out.append(Mended(r.country, None, r.score, r.source))
        else:
            state, n = agreed
            out.append(Mended(state, None, corpus_score(r.score, n), corpus_source(r.source, n)))
    return out

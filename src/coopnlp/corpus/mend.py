"""The corpus pass: what other documents say firmly mends what one leaves open.

Where a document gives a person no state, or only guesses it (the "other side"
fallback), and the other documents that name the same person state it firmly
and agree, the row takes that state (a guess only for a state its document
names); its source gains '>corpus:N documents'
and its score rises with N. A person's agency is filled the same way where
the document names none, or where the state it was derived from was the
guess that was just corrected. Bodies: an agencies row without a state takes
the one state the other documents give the same body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from coopnlp.knowledge.sources import source, step
from coopnlp.pipeline.spans import SCORES

# How much one agreeing document adds to a mended row's score, and the cap
# (`resources/scores/scores.csv`, with every other score).
PER_DOCUMENT = SCORES["corpus_per_document"]
MAX_SCORE = SCORES["cap"]


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


# The step the corpus pass adds to a mended row's own source (after another ">").
CORPUS_STEP = "corpus"
# Where a row's own source ends and the corpus pass's step begins.
CORPUS_MARK = f">{CORPUS_STEP}:"


def corpus_source(own: str, documents: int) -> str:
    """A mended row's source: its own, then `>corpus:N documents`."""
    return source(own, [step(CORPUS_STEP, f"{documents} document{'s' if documents != 1 else ''}")])


def _agreed(statements: dict[str, set[str]], doc_id: str) -> tuple[str, int] | None:
    """The one value the other documents state, and in how many documents (no set is
    copied: a person named in thousands of documents costs as little as another)."""
    others = [(value, len(docs) - (doc_id in docs)) for value, docs in statements.items()]
    others = [(value, n) for value, n in others if n > 0]
    return others[0] if len(others) == 1 else None


class OfficialRow(NamedTuple):
    """An officials row as the corpus pass reads it (the document's own values)."""

    doc_id: str
    person_id: str | None
    country: str | None
    weak: bool  # the country is the document's guess
    agency: str | None
    agency_country: str | None  # the state of that agency row, if it has one
    score: float
    source: str


# Value -> the documents that state it firmly, per person (or body).
Statements = dict[str, dict[str, set[str]]]


def add_statement(statements: dict[str, set[str]], value: str | None, doc_id: str) -> None:
    """Count what one row states firmly (nothing when `value` is empty): the one
    helper by which the corpus step and its tests gather statements."""
    if value:
        statements.setdefault(value, set()).add(doc_id)


def add_official(
    states: dict[str, set[str]],
    agencies: dict[str, set[str]],
    doc_id: str,
    country: str | None,
    agency: str | None,
    weak: bool,
) -> None:
    """What one officials row states firmly about its person (a guessed state,
    `weak`, states nothing)."""
    if not weak:
        add_statement(states, country, doc_id)
        add_statement(agencies, agency, doc_id)


def settled(country: str | None, weak: bool, agency: str | None) -> bool:
    """A row with a firm state and an agency: nothing for the corpus pass to mend."""
    return bool(country) and not weak and bool(agency)


def _open_to(r: OfficialRow, state: str, named: Callable[[str, str], bool] | None) -> bool:
    """Whether a row's state may become `state`: it has none, or only guessed one and
    its document names `state`."""
    return r.country is None or (r.weak and (named is None or named(r.doc_id, state)))


def mend_official(
    r: OfficialRow,
    states: Statements,
    agencies: Statements,
    named: Callable[[str, str], bool] | None = None,
) -> Mended:
    """One officials row after the corpus pass; `named(doc_id, iso3)`: whether a
    document names a state (None: not known, any state may overrule a guess)."""
    if settled(r.country, r.weak, r.agency):
        return Mended(r.country, r.agency, r.score, r.source)
    if r.person_id is None:
        return Mended(r.country, r.agency, r.score, r.source)
    country, agency, n = r.country, r.agency, 0
    stated = _agreed(states.get(r.person_id, {}), r.doc_id)
    # A guess is overruled only by a state its own document names: the person is one
    # of the sides it reports (another article's state alone was as often that
    # article's mistake).
    if stated is not None and stated[0] != r.country and _open_to(r, stated[0], named):
        country, n = stated
    # An agency derived from a state the corpus corrected is as doubtful as it was.
    derived = r.agency is not None and country != r.country and r.agency_country != country
    # The other documents' body belongs to the state they give, not to another one.
    same_side = stated is None or stated[0] == country
    if (r.agency is None or derived) and same_side:
        agreed = _agreed(agencies.get(r.person_id, {}), r.doc_id)
        if agreed is not None and agreed[0] != r.agency:
            agency, n = agreed[0], max(n, agreed[1])
    if not n:
        return Mended(r.country, r.agency, r.score, r.source)
    return Mended(country, agency, corpus_score(r.score, n), corpus_source(r.source, n))


class AgencyRow(NamedTuple):
    """An agencies row as the corpus pass reads it (the document's own values)."""

    doc_id: str
    name: str
    country: str | None
    score: float
    source: str


def add_body(states: Statements, key: Callable[[str], str], r: AgencyRow) -> None:
    """What one agencies row states firmly about its body (by `key`, the folded name)."""
    if r.country:
        add_statement(states.setdefault(key(r.name), {}), r.country, r.doc_id)


def mend_agency(r: AgencyRow, states: Statements, key: Callable[[str], str]) -> Mended:
    """One agencies row after the corpus pass: a body without a state takes the one
    state the other documents give it."""
    agreed = None if r.country else _agreed(states.get(key(r.name), {}), r.doc_id)
    if agreed is None:
        return Mended(r.country, None, r.score, r.source)
    state, n = agreed
    return Mended(state, None, corpus_score(r.score, n), corpus_source(r.source, n))

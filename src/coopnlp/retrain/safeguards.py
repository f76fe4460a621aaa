"""Checks that keep a learned or added name from mislabelling other texts.

Shared by `patterns learn` (a missed span as a pattern candidate) and `coopnlp bodies
add` / `coopnlp people add` (a name typed by a user: `body_checks`, `person_checks`).
Each check reads a name as its words plus which of them belong to a country name (the
learn step takes those from the pipeline's COUNTRY spans, the add commands from the
gazetteer) and returns the reason it refuses, or None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.registry import Registry, key
from coopnlp.knowledge.user import UserBody, UserPerson, body_rows, read_bodies
from coopnlp.pipeline.agencies import unit_heads
from coopnlp.pipeline.rulers import load_patterns
from coopnlp.resources import csv_rows, lines

# "Ambassador to", "Minister of", "Adviser for": a title head followed by these names a position.
POSITION_LINKS = frozenset({"to", "of", "for"})
# Words that join the parts of a name without naming anything.
JOINERS = frozenset({"of", "the", "and", "for", "on", "in", "'s", "’s", "-", "&"})
# Longest country name looked up in a typed name, in words ("the Democratic Republic of ...").
MAX_COUNTRY_WORDS = 6

GENERIC = "a generic reference"
BODY_TYPE = "a body type without its country: resolved from context"
POSITION = "reads as a position (a title head at its start or end, or before to/of/for)"


@dataclass(frozen=True)
class Phrase:
    """A name as words, and which of them are part of a country name."""

    words: tuple[str, ...]
    in_country: tuple[bool, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def has_country(self) -> bool:
        return any(self.in_country)


def tokens(text: str) -> list[str]:
    """Words and punctuation of a typed name (a possessive "'s" on its own)."""
    return re.findall(r"['’]s\b|\w+(?:[-.'’]\w+)*\.?|[^\w\s]", text)


def phrase(text: str, gazetteer: Gazetteer | None = None) -> Phrase:
    """A typed name with its country words found by the gazetteer (longest first)."""
    gazetteer = gazetteer or Gazetteer.shipped()
    words = tokens(text)
    flags = [False] * len(words)
    i = 0
    while i < len(words):
        for n in range(min(MAX_COUNTRY_WORDS, len(words) - i), 0, -1):
            if gazetteer.lookup(" ".join(words[i : i + n]).removesuffix(" 's")):
                flags[i : i + n] = [True] * n
                i += n
                break
        else:
            i += 1
    return Phrase(tuple(words), tuple(flags))


@cache
def position_heads() -> tuple[tuple[str, ...], frozenset[str]]:
    """Title heads ("deputy minister"), and the one-word ones a position can end with."""
    heads = tuple(key(row["head"]) for row in csv_rows("titles/title_heads.csv"))
    # "Serbian counterpart": a word naming a person by someone else's position.
    others = frozenset(key(w) for w in lines("officials/counterpart_words.txt"))
    return heads, frozenset(h for h in heads if " " not in h) | others


@cache
def _unit_heads() -> tuple[str, ...]:
    return tuple(head for head, _, _ in unit_heads(csv_rows("agencies/unit_heads.csv")))


def body_type(text: str) -> bool:
    """True when a phrase holds a kind of body (a ministry type, a unit head)."""
    lowered = key(text)
    if Registry.shipped().function_in(lowered) is not None:
        return True
    return any(
        lowered == head or lowered.startswith(f"{head} ") or lowered.endswith(f" {head}")
        for head in _unit_heads()
    )


@cache
def type_words() -> frozenset[str]:
    """Words that say what kind of body something is, not which one: the words of the
    body types' cues, the unit heads and the extra body vocabulary (`body_words.txt`)."""
    registry = Registry.shipped()
    phrases = [cue for cue, _ in registry.cues] + list(_unit_heads())
    phrases += [w.lower() for w in lines("agencies/body_words.txt")]
    return frozenset(w for p in phrases for w in re.findall(r"[a-z]+", p.lower()))


def bare_body_type(name: Phrase) -> bool:
    """A body type and nothing that tells which body ("Border Service", "the Regional
    Police Department"): no country word and no word outside the body-type vocabulary."""
    if name.has_country or not body_type(name.text):
        return False
    vocabulary = type_words() | JOINERS
    return all(w.lower() in vocabulary or not w[:1].isalnum() for w in name.words)


def generic(name: Phrase) -> str | None:
    """A reference that names no one body: one word of body names, nothing capitalised."""
    if len(name.words) == 1 and name.words[0].lower() in Registry.shipped().body_words:
        return f"one word of body names: {GENERIC}"
    if not any(w[:1].isupper() for w in name.words):
        return f"nothing capitalised: {GENERIC}"
    return None


def reads_as_position(name: Phrase) -> bool:
    """A title head after any country words, at the end, or before to/of/for."""
    heads, single = position_heads()
    start = 0
    while start < len(name.words) and (name.in_country[start] or name.words[start] == "the"):
        start += 1
    rest = key(" ".join(name.words[start:]))
    words = [w.lower() for w in name.words]
    return bool(words) and (
        any(rest.startswith(f"{h} ") for h in heads)
        or words[-1] in single
        or any(w in single and nxt in POSITION_LINKS for w, nxt in pairwise(words))
    )


def body_objection(name: Phrase, international: bool = False) -> str | None:
    """Why a body name would mislabel other texts as a pattern, if it would. A body
    marked international may be a body type without a country (it has none)."""
    reason = generic(name)
    if reason is not None:
        return reason
    if not international and bare_body_type(name):
        return BODY_TYPE
    if reads_as_position(name):
        return POSITION
    return None


@cache
def _shipped_phrases() -> tuple[dict[str, str], dict[str, str]]:
    """The shipped phrase patterns by lower-cased text (-> label), and every shorter
    run of words inside one (-> the longer phrase)."""
    whole: dict[str, str] = {}
    inner: dict[str, str] = {}
    for pattern in load_patterns():
        text = pattern["pattern"]
        if not isinstance(text, str):
            continue
        lowered = " ".join(text.lower().split())
        whole.setdefault(lowered, pattern["label"])
        words = lowered.split()
        for n in range(1, len(words)):
            for i in range(len(words) - n + 1):
                inner.setdefault(" ".join(words[i : i + n]), text)
    return whole, inner


def shipped_label(text: str) -> str | None:
    """The label of a shipped phrase pattern that is exactly this text."""
    return _shipped_phrases()[0].get(" ".join(text.lower().split()))


def splits_shipped(text: str) -> str | None:
    """The longer shipped phrase that this text is only a part of, if any: a pattern for
    it would cut that match short where the longer one is not matched whole."""
    lowered = " ".join(text.lower().split())
    whole, inner = _shipped_phrases()
    if lowered in whole:
        return None
    return inner.get(lowered)


def name_objections(
    names: Sequence[str], label: str, gazetteer: Gazetteer | None = None, **checks: bool
) -> list[str]:
    """The reasons (one line each, naming the name) to refuse user names of a label:
    another shipped label, a part of a longer shipped match, and for AGENCY the body
    checks (`international` lifts the body-type one)."""
    reasons = []
    for text in names:
        words = phrase(text, gazetteer)
        reason = (
            body_objection(words, checks.get("international", False))
            if label == "AGENCY"
            else (POSITION if reads_as_position(words) else None)
        )
        other = shipped_label(text)
        if reason is None and other is not None and other != label:
            reason = f"the shipped patterns call it {other}"
        longer = splits_shipped(text)
        if reason is None and longer is not None:
            reason = f"part of the longer shipped name {longer!r}"
        if reason is not None:
            reasons.append(f"{text!r}: {reason}")
    return reasons


def known_registry(directory: Path) -> Registry:
    """The shipped registry with a user folder's bodies on top."""
    return Registry.shipped().layered(body_rows(read_bodies(directory)))


def unknown_country(code: str | None) -> list[str]:
    """A code the gazetteer has no name for (its display name is the code itself)."""
    if code is None or Gazetteer.shipped().display_name(code) != code:
        return []
    return [f"{code} is not a country the gazetteer knows"]


def body_checks(body: UserBody) -> list[str]:
    """Why adding this body would mislabel other texts or say too little, one line each."""
    international = body.kind == "international"
    reasons = name_objections(body.forms(), "AGENCY", international=international)
    if international and body.country is not None:
        reasons.append(f"an international body has no state, but {body.country} is given")
    if not international and body.country is None:
        reasons.append("a national body needs its state (--country), else mark it international")
    reasons += unknown_country(body.country)
    return reasons


def person_checks(person: UserPerson, directory: Path) -> list[str]:
    """Why adding this person would mislabel other texts or contradict what is known."""
    reasons = []
    for text in person.forms():
        words = phrase(text)
        if len(words.words) < 2:
            reasons.append(f"{text!r}: one word would match every namesake")
        elif reads_as_position(words):
            reasons.append(f"{text!r}: {POSITION}")
        elif (other := shipped_label(text)) is not None:
            reasons.append(f"{text!r}: the shipped patterns call it {other}")
    if person.agency:
        registry = known_registry(directory)
        body = registry.by_alias(person.agency) or registry.by_id(person.agency)
        if body is None:
            reasons.append(f"unknown body {person.agency!r}: add it with `coopnlp bodies add`")
        elif person.country and body.country and body.country != person.country:
            reasons.append(f"{body.name} is a body of {body.country}, not {person.country}")
    reasons += unknown_country(person.country)
    return reasons

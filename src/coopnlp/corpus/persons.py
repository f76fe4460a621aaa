"""Who is who across documents: officials rows resolved into persons.

Rows with the same written name and the same firm state are one *group*.
Groups are compared only within blocks (the skeleton of the surname, and of
the first word for names written in the other order), so the cost grows with
the corpus, not with its square. A pair of groups is scored from the name
(surname, first names or initials) and the context (state, agency, title);
pairs over `MERGE_AT` are merged best first, unless the merged person would
hold two firm states, two different first names or two patronymics (never
merged, whatever the score).

A person's id is a hash of its canonical name and state, so it does not
depend on row order, on how the rows were split into partitions, or on
documents about other people.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

from rapidfuzz import fuzz

from coopnlp.corpus.names import (
    ParsedName,
    compare,
    parse,
    skeleton,
    surname_first_states,
)

# Pair score needed to call two groups one person (see `score_pair`).
MERGE_AT = 0.7
# Weights of the evidence (a full name in one state reaches 1.0).
SURNAME_WEIGHT = 0.5
GIVEN_WEIGHT = 0.3
STATE_WEIGHT = 0.2
CONTEXT_WEIGHT = 0.1
# Titles at least this similar (token_set_ratio) count as the same position.
SAME_TITLE = 80.0
# Source marks of a state the document only guessed (not a firm statement).
WEAK_STATE_MARKS = ("country:other_side",)


def is_weak(source: str | None) -> bool:
    """True when an officials row's country is only a guess of its document."""
    return bool(source) and any(mark in source for mark in WEAK_STATE_MARKS)


@dataclass(frozen=True, slots=True)
class Mention:
    """What resolution reads from one officials row (the document's own values)."""

    doc_id: str
    name: str
    country: str | None
    weak: bool  # the country is only the document's guess
    agency: str | None = None
    title: str | None = None


@dataclass
class Group:
    """Rows with one written name and one firm state."""

    name: str
    state: str | None
    parsed: ParsedName
    rows: int = 0
    docs: set[str] = field(default_factory=set)
    guesses: Counter[str] = field(default_factory=Counter)  # weak states
    agencies: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)

    @property
    def guess(self) -> str | None:
        """The state most often guessed for these rows."""
        return min(self.guesses, key=lambda c: (-self.guesses[c], c)) if self.guesses else None

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.state or "")


def group_key(m: Mention) -> tuple[str, str | None]:
    state = None if m.weak else m.country
    return (" ".join(m.name.split()), state)


def build_groups(mentions: Iterable[Mention]) -> dict[tuple[str, str | None], Group]:
    groups: dict[tuple[str, str | None], Group] = {}
    for m in mentions:
        key = group_key(m)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key[0], key[1], parse(key[0], key[1]))
        g.rows += 1
        g.docs.add(m.doc_id)
        if m.weak and m.country:
            g.guesses[m.country] += 1
        if m.agency:
            g.agencies[m.agency] += 1
        if m.title:
            g.titles[m.title] += 1
    # A weak guess decides a surname-first order when nothing firmer does.
    for g in groups.values():
        if g.state is None and g.guesses:
            g.parsed = parse(g.name, g.guess)
    return groups


def candidate_pairs(groups: Sequence[Group]) -> Iterable[tuple[int, int]]:
    """Index pairs of groups that share a block: the same surname skeleton, or one's
    first word with the other's surname (names written in the other order)."""
    by_surname: dict[str, list[int]] = defaultdict(list)
    by_first: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if not g.parsed.words:
            continue
        by_surname[skeleton(g.parsed.surname)].append(i)
        if len(g.parsed.words) >= 2:
            by_first[skeleton(g.parsed.words[0])].append(i)
    seen: set[tuple[int, int]] = set()
    for key, members in by_surname.items():
        for pair in combinations(members, 2):
            seen.add(pair)
        for i in by_first.get(key, ()):
            for j in members:
                if i != j:
                    seen.add((min(i, j), max(i, j)))
    return sorted(seen)


def _context(a: Group, b: Group) -> float:
    """Agencies or positions the two groups share."""
    out = 0.0
    if set(a.agencies) & set(b.agencies):
        out += CONTEXT_WEIGHT
    if any(
        fuzz.token_set_ratio(x.lower(), y.lower()) >= SAME_TITLE
        for x in list(a.titles)[:3]
        for y in list(b.titles)[:3]
    ):
        out += CONTEXT_WEIGHT
    return out


def score_pair(a: Group, b: Group) -> float | None:
    """How surely two groups are one person (0..1.2), or None when they must not merge."""
    if a.state and b.state and a.state != b.state:
        return None
    states = {a.state or a.guess, b.state or b.guess}
    match = compare(a.parsed, b.parsed, states <= surname_first_states())
    if match.surname == 0.0 or match.conflict:
        return None
    score = SURNAME_WEIGHT * match.surname + GIVEN_WEIGHT * match.given
    if a.state and a.state == b.state:
        score += STATE_WEIGHT
    elif (a.state and a.state in b.guesses) or (b.state and b.state in a.guesses):
        score += CONTEXT_WEIGHT
    return score + _context(a, b)


@dataclass
class Cluster:
    """Groups merged so far: what a merge must not contradict."""

    members: list[int]
    states: set[str]

    def compatible(self, other: Cluster, groups: Sequence[Group]) -> bool:
        """No two firm states, and no two names whose first names, initials or
        patronymics disagree (the name order of each pair is matched anew)."""
        if len(self.states | other.states) > 1:
            return False
        return not any(
            _conflict(groups[i].parsed, groups[j].parsed)
            for i in self.members
            for j in other.members
        )


@cache
def _conflict(a: ParsedName, b: ParsedName) -> bool:
    return compare(a, b).conflict


def cluster_groups(groups: Sequence[Group]) -> list[list[int]]:
    """Groups merged into persons: best pairs first, never against a conflict."""
    scored = []
    for i, j in candidate_pairs(groups):
        s = score_pair(groups[i], groups[j])
        if s is not None and s >= MERGE_AT:
            scored.append((-s, groups[i].key, groups[j].key, i, j))
    scored.sort()
    owner = list(range(len(groups)))
    clusters = {i: Cluster([i], {g.state} if g.state else set()) for i, g in enumerate(groups)}
    for *_, i, j in scored:
        a, b = owner[i], owner[j]
        if a == b or not clusters[a].compatible(clusters[b], groups):
            continue
        big, small = (a, b) if len(clusters[a].members) >= len(clusters[b].members) else (b, a)
        merged, gone = clusters[big], clusters.pop(small)
        for k in gone.members:
            owner[k] = big
        merged.members += gone.members
        merged.states |= gone.states
    return [sorted(c.members) for c in clusters.values()]


def canonical_name(groups: Sequence[Group]) -> str:
    """The fullest common form: with a first name, in most documents, longest."""
    return min(
        groups,
        key=lambda g: (
            not g.parsed.given,
            bool(g.parsed.initials) and not g.parsed.given,
            -len(g.docs),
            -len(g.parsed.words),
            g.name,
        ),
    ).name


def person_state(groups: Sequence[Group]) -> str | None:
    """The firm state of a person, else their most guessed one."""
    firm = {g.state for g in groups if g.state}
    if firm:
        return min(firm)
    guesses: Counter[str] = Counter()
    for g in groups:
        guesses.update(g.guesses)
    return min(guesses, key=lambda c: (-guesses[c], c)) if guesses else None


def make_id(prefix: str, *parts: str | None) -> str:
    digest = hashlib.blake2b("|".join(p or "" for p in parts).encode(), digest_size=6)
    return f"{prefix}{digest.hexdigest()}"


@dataclass
class Person:
    """One resolved person: their groups, canonical name, state and id."""

    person_id: str
    name: str
    country: str | None
    groups: list[Group]


def resolve(mentions: Sequence[Mention]) -> tuple[list[str | None], list[Person]]:
    """Person id of every mention (None for a name with no word to compare) and
    the persons, sorted by id."""
    table = build_groups(mentions)
    keys = sorted(table, key=lambda k: (k[0], k[1] or ""))
    groups = [table[k] for k in keys]
    persons: list[Person] = []
    taken: set[str] = set()
    for members in sorted(cluster_groups(groups), key=lambda m: groups[m[0]].key):
        parts = [groups[i] for i in members]
        name, state = canonical_name(parts), person_state(parts)
        person_id = make_id("P", name, state)
        if person_id in taken:  # two people of one name and state the rules kept apart
            person_id = make_id("P", name, state, parts[0].name, parts[0].state)
        taken.add(person_id)
        persons.append(Person(person_id, name, state, parts))
    id_of = {g.key: p.person_id for p in persons for g in p.groups}
    ids = [id_of[(k[0], k[1] or "")] for k in map(group_key, mentions)]
    return ids, sorted(persons, key=lambda p: p.person_id)

"""Who is who across documents: officials rows resolved into persons.

Rows with the same written name and the same firm state are one *group*.
Groups are compared only within blocks (the skeleton of the surname, and of
the first word for names written in the other order), so the cost grows with
the corpus, not with its square. A pair of groups is scored from the name
(surname, first names or initials) and the context (state, agency, title);
pairs over `MERGE_AT` are merged best first, unless the merged person would
hold two firm states, two different first (or second) given names, two
patronymics, or a father's name alone beside "X bin <it>" (never merged,
whatever the score).

A person's id is a hash of its canonical name and state, so it does not
depend on row order, on how the rows were split into partitions, or on
documents about other people.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, product
from typing import NamedTuple

from rapidfuzz import fuzz

from coopnlp.corpus.mend import add_official
from coopnlp.corpus.names import (
    ParsedName,
    compare,
    fold_word,
    parse,
    same_surname,
    skeleton,
    surname_first_states,
)
from coopnlp.knowledge.sources import step

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
WEAK_STATE_MARKS = (step("country", "other_side"),)


@lru_cache(maxsize=65536)  # sources repeat row after row
def is_weak(source: str | None) -> bool:
    """True when an officials row's country is only a guess of its document."""
    return bool(source) and any(mark in source for mark in WEAK_STATE_MARKS)


class Mention(NamedTuple):  # a tuple: built for every row twice, cheaper than a dataclass
    """What resolution reads from one officials row (the document's own values)."""

    doc_id: str
    name: str
    country: str | None
    weak: bool  # the country is only the document's guess
    agency: str | None = None
    title: str | None = None


@dataclass(slots=True)
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
    # What the rows state firmly, with the documents stating it (for the corpus pass).
    stated_states: dict[str, set[str]] = field(default_factory=dict)
    stated_agencies: dict[str, set[str]] = field(default_factory=dict)

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


Groups = dict[tuple[str, str | None], Group]


def add_mention(groups: Groups, m: Mention) -> None:
    """Count one officials row into its group."""
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
    add_official(g.stated_states, g.stated_agencies, m.doc_id, m.country, m.agency, m.weak)


def build_groups(mentions: Iterable[Mention]) -> Groups:
    groups: Groups = {}
    for m in mentions:
        add_mention(groups, m)
    return groups


# Distinct surnames of one skeleton compared with each other for spelling variants;
# a larger block (short, common skeletons) is only matched on exact surnames.
MAX_VARIANTS = 400


def _letters(parsed: ParsedName) -> frozenset[str]:
    """First letters a group's given names or first initial may match (as written and
    folded; every given name: the other name may lack the first, "Ali Reza Karimi" /
    "Reza Karimi"); empty for a bare surname, which may match any."""
    if parsed.given:
        n = len(parsed.given)
        return frozenset({w[0] for w in parsed.given} | set(parsed.letters[:n]))
    if parsed.initials:
        return frozenset({parsed.initials[0], fold_word(parsed.initials[0])[:1] or "-"})
    return frozenset()


def _pairs(left: list[int], right: list[int] | None, letters: list[frozenset[str]]):
    """Pairs within one block (`right` None) or across two, only between groups whose
    first names may agree: a bare surname meets all, the others those of their letter."""
    if right is None:
        bare = [i for i in left if not letters[i]]
        named: dict[str, list[int]] = defaultdict(list)
        for i in left:
            for letter in letters[i]:
                named[letter].append(i)
        yield from combinations(bare, 2)
        yield from product(bare, (i for i in left if letters[i]))
        for members in named.values():
            yield from combinations(members, 2)
        return
    for i in left:
        for j in right:
            if not letters[i] or not letters[j] or letters[i] & letters[j]:
                yield (i, j)


def candidate_pairs(groups: Sequence[Group]) -> Iterator[tuple[int, int]]:
    """Index pairs of groups to compare, by blocks (never all pairs): the same
    folded surname; surnames spelled alike (same skeleton, `same_surname`); one's
    first word the other's surname (names written in the other order). Within a
    block only groups whose first names or initials may agree meet."""
    by_surname: dict[str, list[int]] = defaultdict(list)
    by_first: dict[str, list[int]] = defaultdict(list)
    letters = [_letters(g.parsed) for g in groups]
    for i, g in enumerate(groups):
        if not g.parsed.words:
            continue
        by_surname[g.parsed.surname].append(i)
        if len(g.parsed.words) >= 2:
            by_first[g.parsed.words[0]].append(i)
    for members in by_surname.values():
        yield from _pairs(members, None, letters)
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for surname in by_surname:
        by_skeleton[skeleton(surname)].append(surname)
    for surnames in by_skeleton.values():
        if len(surnames) > MAX_VARIANTS:
            continue
        for a, b in combinations(sorted(surnames), 2):
            if same_surname(a, b):
                yield from _pairs(by_surname[a], by_surname[b], letters)
    for first, members in by_first.items():
        if first not in by_surname:
            continue  # most first words are nobody's surname
        # The other order: i's surname is then the first name of j.
        surnames = [frozenset(w[0] for w in groups[i].parsed.words[1:]) for i in members]
        for i, own in zip(members, surnames, strict=True):
            for j in by_surname.get(first, ()):
                if i != j and (not letters[j] or own & letters[j]):
                    yield (i, j)


def _context(a: Group, b: Group) -> float:
    """Agencies or positions the two groups share."""
    out = 0.0
    if set(a.agencies) & set(b.agencies):
        out += CONTEXT_WEIGHT
    if any(_same_title(x, y) for x in list(a.titles)[:3] for y in list(b.titles)[:3]):
        out += CONTEXT_WEIGHT
    return out


@lru_cache(maxsize=65536)  # a corpus holds few distinct titles
def _same_title(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a.lower(), b.lower()) >= SAME_TITLE


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


@lru_cache(maxsize=65536)
def _conflict(a: ParsedName, b: ParsedName) -> bool:
    return compare(a, b).conflict


def cluster_groups(groups: Sequence[Group]) -> list[list[int]]:
    """Groups merged into persons: best pairs first, never against a conflict."""
    scored = []  # a pair met twice (two blocks) is scored twice: no harm, no pair set
    for i, j in candidate_pairs(groups):
        if i > j:
            i, j = j, i
        a, b = groups[i], groups[j]
        if a.state and b.state and a.state != b.state:
            continue  # never one person (checked here too: half the pairs, no call)
        s = score_pair(a, b)
        if s is not None and s >= MERGE_AT:
            scored.append((-s, a.key, b.key, i, j))
    scored.sort()
    owner = list(range(len(groups)))
    # Clusters of more than one group (a group alone is its own, made when first merged).
    clusters: dict[int, Cluster] = {}

    def cluster(k: int) -> Cluster:
        found = clusters.get(k)
        if found is None:
            state = groups[k].state
            found = clusters[k] = Cluster([k], {state} if state else set())
        return found

    for *_, i, j in scored:
        a, b = owner[i], owner[j]
        if a == b:
            continue
        # Two groups alone were just scored: their states and names agree.
        alone = a == i and b == j and a not in clusters and b not in clusters
        if not alone and not cluster(a).compatible(cluster(b), groups):
            continue
        big, small = (a, b) if len(cluster(a).members) >= len(cluster(b).members) else (b, a)
        merged, gone = clusters[big], clusters.pop(small)
        for k in gone.members:
            owner[k] = big
        merged.members += gone.members
        merged.states |= gone.states
    alone = [[k] for k in range(len(groups)) if owner[k] == k and k not in clusters]
    return [*(sorted(c.members) for c in clusters.values()), *alone]


def canonical_name(groups: Sequence[Group]) -> str:
    """The fullest common form: with a first name, in most documents, longest."""
    docs: dict[str, set[str]] = defaultdict(set)
    parsed: dict[str, ParsedName] = {}
    for g in groups:
        docs[g.name] |= g.docs
        parsed[g.name] = g.parsed
    return min(
        docs,
        key=lambda name: (
            not parsed[name].given,
            -len(docs[name]),
            -len(parsed[name].words),
            name,
        ),
    )


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


def resolve_groups(table: Groups) -> list[Person]:
    """The persons of a corpus's groups, sorted by id."""
    # A weak guess decides a surname-first order when nothing firmer does.
    for g in table.values():
        if g.state is None and g.guesses:
            g.parsed = parse(g.name, g.guess)
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
    return sorted(persons, key=lambda p: p.person_id)


def person_ids(persons: Iterable[Person]) -> dict[tuple[str, str | None], str]:
    """Group key (`group_key`) -> person id."""
    return {(g.name, g.state): p.person_id for p in persons for g in p.groups}


def resolve(mentions: Sequence[Mention]) -> tuple[list[str], list[Person]]:
    """Person id of every mention, and the persons sorted by id."""
    persons = resolve_groups(build_groups(mentions))
    id_of = person_ids(persons)
    return [id_of[group_key(m)] for m in mentions], persons

"""Delegations: the state a person is on the side of, when the text says so only
through a delegation ("X led the Indian delegation", "the delegation of the
Security Council of Russia led by its Secretary X", "The India delegation
included X", "the Indian side was led by X").

Read from the dependency parse: the person is the subject of a leading verb
whose object is the group, the agent ("by X") of a leading verb attached to
the group, or the object of a membership verb whose subject is the group. The
group's state is a country written before the group word or in its "of" phrase.
Word lists: `delegation_words.csv` (role group / lead / member).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

# Dependencies that keep us inside the person's own description while climbing.
OWN_DESCRIPTION = {"compound", "appos", "conj", "flat", "npadvmod"}


@dataclass(frozen=True)
class DelegationWords:
    """The words of `delegation_words.csv`, lower-cased, by role."""

    group: frozenset[str]
    lead: frozenset[str]
    member: frozenset[str]

    @classmethod
    def of(cls, rows: Iterable[dict[str, str]]) -> DelegationWords:
        by_role: dict[str, set[str]] = {"group": set(), "lead": set(), "member": set()}
        for row in rows:
            by_role.setdefault(row["role"], set()).add(row["word"].lower())
        return cls(*(frozenset(by_role[role]) for role in ("group", "lead", "member")))


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _group_of(person: Token, words: DelegationWords) -> Token | None:
    """The group word the parse puts the person at the head of or inside, if any."""
    token = person
    for _ in range(4):
        if token.dep_ not in OWN_DESCRIPTION or token.head == token:
            break
        token = token.head
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in words.lead:
        verb = head.head
        # "a delegation led by X" (the verb modifies the group) or "the delegation was led by X"
        return verb.head if verb.dep_ == "acl" else _child(verb, "nsubjpass", "nsubj")
    if token.dep_ == "nsubj" and head.lemma_.lower() in words.lead:
        return _child(head, "dobj")
    if token.dep_ == "dobj" and head.lemma_.lower() in words.member:
        return _child(head, "nsubj")
    return None


def _group_words(group: Token) -> set[int]:
    """The group's own words: what stands before it, and its "of" phrase."""
    words = set(range(group.left_edge.i, group.i + 1))
    for child in group.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            words.update(t.i for t in child.subtree)
    return words


def delegation_country(mention: Span, countries: list[Span], words: DelegationWords) -> str | None:
    """ISO3 of the delegation the parse puts this person in, or None."""
    group = _group_of(mention.root, words)
    if group is None or group.lower_ not in words.group:
        return None
    own = _group_words(group)
    for country in countries:
        if country.start in own and country.end - 1 in own:
            return country.kb_id_
    return None


def delegations_in(sentence: Span, countries: list[Span], words: DelegationWords) -> set[str]:
    """ISO3 codes of the delegations a sentence names ("the leader of the Indian
    delegation paid a call on X": X, not in it, is likely from the other side)."""
    found = set()
    for token in sentence:
        if token.lower_ in words.group:
            own = _group_words(token)
            found.update(c.kb_id_ for c in countries if c.start in own and c.end - 1 in own)
    return found


def delegations_led(sentence: Span, words: DelegationWords) -> bool:
    """Whether a sentence says who led or headed a delegation ("The Russian delegation
    was headed by X, the Mongolian delegation - by Y") or who was in it ("The Indian
    delegation included X and Y")."""
    if not any(t.lower_ in words.group for t in sentence):
        return False
    for t in sentence:
        if t.pos_ != "VERB":
            continue
        lemma = t.lemma_.lower()
        if lemma in words.lead:
            return True
        subject = _child(t, "nsubj")
        if lemma in words.member and subject is not None and subject.lower_ in words.group:
            return True
    return False

"""People: the mentions of one person grouped together.

Short later mentions ("Minister Kolokoltsev", "Usubov") join the person whose
name holds their surname; a one-word mention joins the first person with that word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from coopnlp.pipeline.official_context import Context


@dataclass
class Person:
    mentions: list[Span] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    merged: Context = field(default_factory=Context)
    titled: Span | None = None  # the mention whose description gives the position
    country: str | None = None
    agency: dict | None = None
    via: list[str] = field(default_factory=list)  # the steps of the official's source

    @property
    def fullest(self) -> Span:
        return max(self.mentions, key=lambda s: (len(s), -s.start))


def group_people(mentions: list[Span]) -> list[Person]:
    """People in order of their first mention. Longest mentions are placed first, so a
    person's first mention is its fullest and its surname never changes; indexes by
    surname and by word keep grouping linear in the number of mentions."""
    people: list[Person] = []
    by_surname: dict[str, Person] = {}
    by_word: dict[str, Person] = {}  # a word -> the first person whose mentions hold it
    created: dict[int, int] = {}  # id of a person -> its place in `people`
    for mention in sorted(mentions, key=lambda s: (-len(s), s.start)):
        words = [t.lower_ for t in mention if t.is_alpha]
        if not words:
            continue
        match = by_surname.get(words[-1])
        if match is None and len(words) == 1:
            match = by_word.get(words[0])
        if match is None:
            match = Person()
            created[id(match)] = len(people)
            people.append(match)
            by_surname.setdefault(words[-1], match)
        match.mentions.append(mention)
        for word in words:
            known = by_word.get(word)
            if known is None or created[id(known)] > created[id(match)]:
                by_word[word] = match
    for person in people:
        person.mentions.sort(key=lambda s: s.start)
    return sorted(people, key=lambda p: p.mentions[0].start)

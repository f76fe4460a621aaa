"""People: the mentions of one person grouped together.

Short later mentions ("Minister Kolokoltsev", "Usubov") join the person whose
name holds their surname; a one-word mention joins the first person with that word;
a mention that is the start of a longer name ("Saif Bin Zayed" of "Saif bin Zayed Al
Nahyan") joins that name's person. A word after a patronymic particle ("bin", "ibn")
is a father's name, not a surname: "King Salman" is not "Mohammed bin Salman".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from coopnlp.pipeline.official_context import Context
from coopnlp.pipeline.persons import REGNAL


@dataclass
class Person:
    mentions: list[Span] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    merged: Context = field(default_factory=Context)
    titled: Span | None = None  # the mention whose description gives the position
    country: str | None = None
    agency: dict | None = None
    via: list[str] = field(default_factory=list)  # the steps of the official's source
    function: str | None = None  # the body type (registry function id) the position names
    state_score: float | None = None  # the trained linker's probability, when it placed

    @property
    def fullest(self) -> Span:
        return max(self.mentions, key=lambda s: (len(s), -s.start))


def _surname(words: list[str], regnal: bool) -> str:
    """The word a short mention of this name repeats: the last one, or a monarch's name
    with its number ("Felipe VI" -> "felipe vi": not "Mohammed VI")."""
    if regnal and len(words) >= 2:
        return " ".join(words[-2:])
    return words[-1]


def _fathers(words: list[str], patronymics: frozenset[str]) -> set[str]:
    """The words of a name after a patronymic particle ("Salman" of "Mohammed bin
    Salman"): a one-word mention of one of them names the father, not this person."""
    return {w for k, w in enumerate(words) if k > 0 and words[k - 1] in patronymics}


def group_people(mentions: list[Span], patronymics: frozenset[str] = frozenset()) -> list[Person]:
    """People in order of their first mention. Longest mentions are placed first, so a
    person's first mention is its fullest and its surname never changes; indexes by
    surname, by word and by name start keep grouping linear in the number of mentions."""
    people: list[Person] = []
    by_surname: dict[str, Person] = {}
    by_word: dict[str, Person] = {}  # a word -> the first person whose mentions hold it
    by_start: dict[tuple[str, ...], Person] = {}  # the first words of a longer name
    fathers: dict[int, set[str]] = {}  # id of a person -> the fathers' names in its name
    created: dict[int, int] = {}  # id of a person -> its place in `people`
    for mention in sorted(mentions, key=lambda s: (-len(s), s.start)):
        words = [t.lower_ for t in mention if t.is_alpha]
        if not words:
            continue
        surname = _surname(words, REGNAL.match(mention[-1].text) is not None)
        match = by_start.get(tuple(words)) or by_surname.get(surname)
        if match is not None and len(words) == 1 and words[0] in fathers[id(match)]:
            match = None  # "King Salman" beside "Mohammed bin Salman"
        if match is None and len(words) == 1:
            match = by_word.get(words[0])
        if match is None:
            match = Person()
            created[id(match)] = len(people)
            fathers[id(match)] = _fathers(words, patronymics)
            people.append(match)
            by_surname.setdefault(surname, match)
            for n in range(2, len(words)):
                by_start.setdefault(tuple(words[:n]), match)
        match.mentions.append(mention)
        for word in words:
            if word in fathers[id(match)]:
                continue
            known = by_word.get(word)
            if known is None or created[id(known)] > created[id(match)]:
                by_word[word] = match
    for person in people:
        person.mentions.sort(key=lambda s: s.start)
    return sorted(people, key=lambda p: p.mentions[0].start)

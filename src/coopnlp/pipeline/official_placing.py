"""Placing an official in a state: an ordered tuple of named strategies.

Each strategy looks at one person (and the document) and either places the person
(`Placed`) or passes. The person's own strategies run first, in order, each over the
last: the words next to the name, the state its position is "of", a plural position
shared out in order, the body it works for. Fallbacks run afterwards, for a national
official still without a state, and stop at the first that places: the delegation
the person is in, a known person, the state the text gives the head's office, the
state of the names listed with it, of its companions ("accompanied by"), of the
document's bodies of the type its position names, the other side of the story
(nearest sentences first; never a state the person travels to). A placement by a
tagged strategy adds `country:<name>` to the official's source.

A new linking rule is a new strategy in `STRATEGIES`, at its place in the order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from coopnlp.knowledge.people import KnownPeople
from coopnlp.knowledge.sources import step
from coopnlp.pipeline.delegations import delegation_country
from coopnlp.pipeline.official_context import DocView, after_host_preposition
from coopnlp.pipeline.official_people import Person

# How many sentences away the other side's state may be named.
NEAR_SENTENCES = 1
# A list shares a side from three items on ("A, B and C"; not "A and B").
MIN_LIST = 3


@dataclass(frozen=True)
class Placed:
    country: str | None
    tagged: bool = True  # the placement is named in the source


@dataclass
class Scene:
    """What placing reads besides the person: the document and everyone in it."""

    view: DocView
    people: list[Person]
    known: KnownPeople
    respective: dict[int, str]  # start of a name -> the state a plural position gives it
    ranked: list[str]  # the document's states, most mentioned first
    # Body type (registry function id) -> the states of the document's bodies of it.
    bodies: dict[str, set[str]] = field(default_factory=dict)
    travel: frozenset[str] = frozenset()  # prepositions of a journey ("to", "for")
    together: frozenset[str] = frozenset()  # verbs of going together ("accompany")
    # Title ids of a state's head ("president", "prime_minister"), and of a word that
    # refers to any of them ("leader").
    offices: frozenset[str] = frozenset()
    references: frozenset[str] = frozenset()
    # Sentence start -> how many placed people mentioned in it are of each state.
    placed: dict[int, Counter[str]] = field(default_factory=dict)
    _mentions: dict[int, Person] = field(default_factory=dict)  # mention start -> person
    _indexed: int = 0  # how many people `_mentions` holds

    def sentences_of(self, person: Person) -> set[int]:
        return {self.view.sentences.start_of(m.start) for m in person.mentions}

    def person_at(self, start: int) -> Person | None:
        """The person one of whose mentions starts at token `start`."""
        if self._indexed != len(self.people):  # people were added since the last look-up
            self._mentions = {m.start: p for p in self.people for m in p.mentions}
            self._indexed = len(self.people)
        return self._mentions.get(start)

    def nearby(self, sentences: set[int]) -> list[int]:
        """Starts of the sentences naming a state, at most `NEAR_SENTENCES` from one of
        `sentences` (given by their starts), nearest first, the earlier at a tie."""
        starts = self.view.sentences.starts
        own = [bisect_right(starts, s) - 1 for s in sentences]
        near = []
        for start in self.view.sentence_countries:
            k = bisect_right(starts, start) - 1
            distance = min(abs(k - o) for o in own)
            if distance <= NEAR_SENTENCES:
                near.append((distance, start))
        return [start for _, start in sorted(near)]

    def visited(self, person: Person) -> set[str]:
        """The states the person's sentences send them to ("X leaves for A")."""
        return {c for m in person.mentions for c in travelled_to(self.view, m, self.travel)}

    def list_mates(self, person: Person) -> list[Person]:
        """The people listed with the person in a list of `MIN_LIST` items or more."""
        found: list[Person] = []
        for mention in person.mentions:
            items, mates = self.view.list_mates(mention)
            if items >= MIN_LIST:
                found += [p for m in mates if (p := self.person_at(m.start)) and p not in found]
        return found

    def companions(self, person: Person) -> list[Person]:
        """The people a verb of going together puts on the person's side."""
        found: list[Person] = []
        for mention in person.mentions:
            for span in companions(self.view, mention, self.together):
                other = self.person_at(span.start)
                if other is not None and other is not person and other not in found:
                    found.append(other)
        return found

    def count(self, person: Person) -> None:
        """Record a placed person's state in its sentences (the other side reads it)."""
        if person.country:
            for start in self.sentences_of(person):
                self.placed.setdefault(start, Counter())[person.country] += 1


Find = Callable[[Person, Scene], Placed | None]


@dataclass(frozen=True)
class Strategy:
    name: str
    fallback: bool  # runs only for a national official no own strategy placed
    find: Find


def travelled_to(view: DocView, mention: Span, prepositions: frozenset[str]) -> set[str]:
    """The states a mention's sentence sends the person to: a state after a journey's
    preposition ("leaves for A", "a visit to A") whose clause has the person in its
    subject ("X, Y and other officials joined a visit to A")."""
    doc = view.doc
    start, end = view.sent(mention)
    found: set[str] = set()
    for country in view.in_range(view.country_starts, view.countries, start, end):
        before = country.start - 1
        if before > start and doc[before].lower_ == "the":
            before -= 1
        if before < start or doc[before].lower_ not in prepositions:
            continue
        verb = doc[before]
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
        if any(_covers(s, mention) for s in subjects):
            found.add(country.kb_id_)
    return found


def companions(view: DocView, mention: Span, verbs: frozenset[str]) -> list[Span]:
    """The names a verb of going together puts on the mention's side: its agent or
    object when the mention is in its subject, its subject when the mention is in its
    agent or object ("X will be accompanied by A, B and C": A, B, C for X; X for A)."""
    start, end = view.sent(mention)
    found: list[Span] = []
    for verb in view.doc[start:end]:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        others = [c for c in verb.children if c.dep_ in ("agent", "dobj")]
        for mine, theirs in ((subjects, others), (others, subjects)):
            if any(_covers(t, mention) for t in mine):
                found += [
                    p
                    for p in view.persons
                    if p.start != mention.start and any(_covers(t, p) for t in theirs)
                ]
    return found


def _covers(token: Token, span: Span) -> bool:
    """True when the span lies in the token's subtree."""
    return token.left_edge.i <= span.start and span.end <= token.right_edge.i + 1


def counterparts_of(view: DocView, mention: Span) -> set[str]:
    """The states a mention's sentence gives someone's counterparts ("met his Togolese
    counterpart", "his counterparts from Benin"): the other side's."""
    doc, words = view.doc, view.words.counterpart
    start, end = view.sent(mention)
    found: set[str] = set()
    for country in view.in_range(view.country_starts, view.countries, start, end):
        after = doc[country.end] if country.end < end else None
        before = doc[country.start - 2 : country.start] if country.start - 2 >= start else []
        if (after is not None and after.lower_ in words) or (
            len(before) == 2 and before[0].lower_ in words and before[1].lower_ in ("from", "of")
        ):
            found.add(country.kb_id_)
    return found


def hosted(view: DocView, country_start: int, title_start: int) -> bool:
    """True when a country in a position follows "to"/"in" ("Ambassador to Kazakhstan")."""
    return after_host_preposition(view.doc, country_start, title_start)


def own_words(person: Person, scene: Scene) -> Placed | None:
    """A state written in or next to the person's description (tagged by the context)."""
    return Placed(person.merged.country, tagged=False)


def own_title(person: Person, scene: Scene) -> Placed | None:
    """The state a position is "of" beats an adjective next to the name; the position
    the description gives first, else one another mention gives ("Minister Hoxha" ...
    "Hoxha, the interior minister of Albania")."""
    titles = [person.merged.title, *(c.title for c in person.contexts)]
    for title in filter(None, titles):
        own = next(
            (
                c.kb_id_
                for c in scene.view.countries_in(title)
                if not hosted(scene.view, c.start, title.start)
            ),
            None,
        )
        if own:
            return Placed(own, tagged=False)
    return None


def respective(person: Person, scene: Scene) -> Placed | None:
    """A plural position shared out in order names each state once."""
    found = next(
        (scene.respective[m.start] for m in person.mentions if m.start in scene.respective), None
    )
    return Placed(found) if found is not None else None


def own_agency(person: Person, scene: Scene) -> Placed | None:
    """The state of the body the person works for; none for an international body."""
    agency = person.agency
    if agency and agency["kind"] == "international":
        return Placed(None, tagged=False)
    if agency and agency["country"]:
        return Placed(agency["country"], tagged=False)
    return None


def delegation(person: Person, scene: Scene) -> Placed | None:
    """The delegation the parse puts the person in ("a delegation led by X")."""
    countries, words = scene.view.countries, scene.view.words.delegation
    found = next(
        filter(None, (delegation_country(m, countries, words) for m in person.mentions)), None
    )
    return Placed(found) if found is not None else None


def known_person(person: Person, scene: Scene) -> Placed | None:
    """A well-known head of state or government."""
    found = scene.known.country(person.fullest.text)
    return Placed(found) if found is not None else None


def office_state(view: DocView, title: Span) -> str | None:
    """The state a position is of: a country inside it ("Prime Minister of Fiji", not
    "Ambassador to Fiji") or just before it ("the Fijian leader", "Fiji's President")."""
    own = [c for c in view.countries_in(title) if not hosted(view, c.start, title.start)]
    if own:
        return own[0].kb_id_
    before = title.start - 1
    if before >= 0 and view.doc[before].text in ("'s", "’s"):
        before -= 1
    return next((c.kb_id_ for c in view.countries if c.end == before + 1), None)


def same_office(person: Person, scene: Scene) -> Placed | None:
    """A head of state or government ("Prime Minister X") whose state the text gives
    the office elsewhere, held by no other name ("The Prime Minister of Fiji opened ...",
    "the Fijian leader said"): that state, when the text gives one only."""
    title = person.merged.title
    if title is None or title.id_ not in scene.offices:
        return None
    others = [p for p in scene.people if p is not person]
    theirs = {c.title.start for p in others for c in p.contexts if c.title is not None}
    # A state whose head another name is placed in is not this person's.
    held = {
        p.country for p in others for c in p.contexts if c.title and c.title.id_ in scene.offices
    }
    states = set()
    for office in scene.view.titles:
        if office.start in theirs or office.id_ not in scene.offices | scene.references:
            continue
        if office.id_ in scene.offices and office.id_ != title.id_:
            continue  # another office: the Prime Minister is not the President
        state = office_state(scene.view, office)
        if state is not None and state not in held:
            states.add(state)
    return Placed(states.pop()) if len(states) == 1 else None


def same_list(person: Person, scene: Scene) -> Placed | None:
    """People listed together ("accompanied by A, B, and C") are of one side: the state
    their list mates were placed in by the text, when they agree. A pair ("A and B") is
    as often both sides of a meeting, so it takes three names."""
    guessed = step("country", "other_side")
    states = {mate.country for mate in scene.list_mates(person) if guessed not in mate.via} - {None}
    return Placed(states.pop()) if len(states) == 1 else None


def companion(person: Person, scene: Scene) -> Placed | None:
    """People going together ("X will be accompanied by A and B", "X was joined by A")
    are of one side: the state their companions are placed in, when they agree."""
    states = {other.country for other in scene.companions(person)} - {None}
    return Placed(states.pop()) if len(states) == 1 else None


def document_body(person: Person, scene: Scene) -> Placed | None:
    """A position or rank naming a body type ("Deputy Commissioner of Police") serves the
    document's bodies of that type when they are all of one state."""
    states = scene.bodies.get(person.function, set()) if person.function else set()
    states = states - scene.visited(person)  # the host's bodies when the person travels
    return Placed(next(iter(states))) if len(states) == 1 else None


def other_side(person: Person, scene: Scene) -> Placed | None:
    """The most mentioned state that no other person in the same sentences is explicitly
    from ("signed by Home Minister X and China's Minister Y" -> X is not Chinese)."""
    sentences = scene.sentences_of(person)
    counts: Counter[str] = Counter()
    for start in sentences:
        counts.update(scene.placed.get(start, Counter()))
    # A list mate's state is the person's side, not taken by the other side ("met
    # President X, Prime Minister Y and other officials": Y shares X's state).
    for mate in scene.list_mates(person) + scene.companions(person):
        if mate.country:
            counts[mate.country] -= len(sentences & scene.sentences_of(mate))
    taken = {c for c, n in counts.items() if n > 0}
    # A delegation the person is not in (delegation found none) is the other side; with
    # two delegations in a sentence the parse missed which one is theirs.
    for mention in person.mentions:
        named = scene.view.delegations(mention)
        taken |= named if len(named) == 1 else set()
        taken |= counterparts_of(scene.view, mention)
    taken |= scene.visited(person)  # the host's state when the person travels
    # A state named in the person's own sentence first, then in the nearest sentences
    # around it, then the document's most named.
    for start in scene.nearby(sentences):
        # In a sentence around the person's, the states of the people placed there are theirs.
        theirs = {c for c, n in scene.placed.get(start, Counter()).items() if n}
        for iso3 in scene.view.sentence_countries.get(start, ()):
            if iso3 not in taken and (start in sentences or iso3 not in theirs):
                return Placed(iso3)
    found = next((iso3 for iso3 in scene.ranked if iso3 not in taken), None)
    return Placed(found) if found is not None else None


STRATEGIES: tuple[Strategy, ...] = (
    Strategy("own_words", False, own_words),
    Strategy("own_title", False, own_title),
    Strategy("respective", False, respective),
    Strategy("own_agency", False, own_agency),
    Strategy("delegation", True, delegation),
    Strategy("known_people", True, known_person),
    Strategy("same_office", True, same_office),
    Strategy("same_list", True, same_list),
    Strategy("companion", True, companion),
    Strategy("document_body", True, document_body),
    Strategy("other_side", True, other_side),
)


def _apply(strategy: Strategy, person: Person, scene: Scene) -> bool:
    placed = strategy.find(person, scene)
    if placed is None:
        return False
    person.country = placed.country
    if placed.tagged:
        person.via.append(step("country", strategy.name))
    return True


def place_own(person: Person, scene: Scene, strategies: tuple[Strategy, ...]) -> None:
    """Run the person's own strategies, each over the last."""
    for strategy in strategies:
        if not strategy.fallback:
            _apply(strategy, person, scene)


def place_fallback(person: Person, scene: Scene, strategies: tuple[Strategy, ...]) -> None:
    """For a national official without a state: the first fallback that places."""
    if person.country is not None or (person.agency and person.agency["kind"] == "international"):
        return
    for strategy in strategies:
        if strategy.fallback and _apply(strategy, person, scene):
            scene.count(person)
            return

"""A trained person -> state linker: a logistic model over the document's states.

For each official the candidates are the states the document names (and the state of
the body the person works for), plus "none". Each candidate is described by what
the placing rules and the parse say about it (`features`): the rules' choice and the
strategy that made it, distance to the person's mentions, a state inside the
person's position or delegation, the dependency link between the state word and the
name, how much and how early the document names the state. A logistic model scores
each candidate; its weights are a small JSON file (`officials/state_linker.json`)
learned by `scripts/train_state_linker.py` from the gold of seeds, dev and the open
fold of dev2, read here with numpy alone.

The model only speaks where the rules are weak: an official placed by a
document-level guess (the strategies named in the file's `weak`) or by none, whose
body gives no state. There the most probable candidate replaces the rules' choice
when its probability reaches the file's `threshold`, and the official's source gets
`country:state_linker`.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span

from coopnlp.knowledge.sources import step
from coopnlp.pipeline.delegations import delegation_country
from coopnlp.pipeline.official_people import Person
from coopnlp.pipeline.official_placing import Scene, hosted

NAME = "state_linker"
# The placing strategies a tagged source names; "own" is an untagged own strategy.
STRATEGY_NAMES = ("own", "respective", "delegation", "known_people", "same_list", "other_side")
# How many dependency steps from a state word to a name count as a link.
PARSE_REACH = 4
# Dependency labels of a state word that attach it to a noun ("China's", "Chinese
# police", "the minister of China").
MODIFIER_DEPS = {"poss": "poss", "compound": "compound", "amod": "amod", "pobj": "pobj"}

FEATURES: tuple[str, ...] = (
    "none",
    "rule_none",
    "none_no_title",
    "none_no_state",
    "rule",
    *(f"rule_{name}" for name in STRATEGY_NAMES),
    "in_title",
    "hosted_in_title",
    "near_3",
    "near_10",
    "same_sentence",
    "next_sentence",
    "log_distance",
    "before_name",
    "parse_link",
    "parse_poss",
    "parse_compound",
    "parse_amod",
    "parse_pobj",
    "own_delegation",
    "sentence_delegation",
    "agency_state",
    "known_person",
    "taken",
    "share",
    "most_named",
    "first_named",
    "only_state",
)


def rule_strategy(person: Person) -> str | None:
    """The placing strategy that gave the person's state: a tagged one by its name,
    "own" for the person's own words, None for no state."""
    tagged = [s.split(":", 1)[1] for s in person.via if s.startswith("country:")]
    if tagged and tagged[-1] in STRATEGY_NAMES:
        return tagged[-1]
    # Untagged, or tagged by where the words were read ("country:left"): its own words.
    return "own" if person.country is not None else None


def candidates(person: Person, scene: Scene) -> list[str | None]:
    """The states the document names, the state of the person's body, and none."""
    states = [c.kb_id_ for c in scene.view.countries]
    agency = person.agency
    if agency and agency["country"]:
        states.append(agency["country"])
    if person.country:
        states.append(person.country)
    return [*dict.fromkeys(states), None]


def _parse_link(state: Span, mention: Span) -> tuple[bool, str | None]:
    """Whether the state word's head chain reaches the name (or the name's reaches the
    state) within `PARSE_REACH` steps, and the state word's own dependency label."""
    targets = {t.i for t in mention}
    token = state.root
    for _ in range(PARSE_REACH):
        if token.i in targets:
            return True, MODIFIER_DEPS.get(state.root.dep_)
        if token.head == token:
            break
        token = token.head
    token = mention.root
    for _ in range(PARSE_REACH):
        if state.start <= token.i < state.end:
            return True, MODIFIER_DEPS.get(state.root.dep_)
        if token.head == token:
            break
        token = token.head
    return token.i in targets, None


def features(person: Person, scene: Scene) -> list[tuple[str | None, list[float]]]:
    """Each candidate state of the person with its feature vector (order of `FEATURES`)."""
    view = scene.view
    strategy = rule_strategy(person)
    titles = [t for t in (person.merged.title, *(c.title for c in person.contexts)) if t]
    in_title: set[str] = set()
    hosted_in: set[str] = set()
    for title in titles:
        for c in view.countries_in(title):
            (hosted_in if hosted(view, c.start, title.start) else in_title).add(c.kb_id_)
    counts = Counter(c.kb_id_ for c in view.countries)
    total = sum(counts.values()) or 1
    most = counts.most_common(1)[0][0] if counts else None
    first = view.countries[0].kb_id_ if view.countries else None
    own_sentences = scene.sentences_of(person)
    own_delegation = {
        found
        for m in person.mentions
        if (found := delegation_country(m, view.countries, view.words.delegation))
    }
    sentence_delegations = {c for m in person.mentions for c in view.delegations(m)}
    taken = {c for s in own_sentences for c, n in scene.placed.get(s, Counter()).items() if n}
    if person.country:
        taken.discard(person.country)  # the person's own count is in `placed` too
    known = scene.known.country(person.fullest.text)
    agency_state = person.agency["country"] if person.agency else None
    rows: list[tuple[str | None, list[float]]] = []
    for state in candidates(person, scene):
        values = dict.fromkeys(FEATURES, 0.0)
        if state is None:
            values["none"] = 1.0
            values["rule_none"] = float(person.country is None)
            values["none_no_title"] = float(not titles)
            values["none_no_state"] = float(not in_title and not own_delegation)
        else:
            chosen = person.country == state
            values["rule"] = float(chosen)
            if chosen and strategy is not None:
                values[f"rule_{strategy}"] = 1.0
            values["in_title"] = float(state in in_title)
            values["hosted_in_title"] = float(state in hosted_in)
            spans = [c for c in view.countries if c.kb_id_ == state]
            distance, before, link, deps = _nearest(scene, person, spans)
            values["near_3"] = float(distance <= 3)
            values["near_10"] = float(distance <= 10)
            values["log_distance"] = math.log1p(distance) / 5
            values["before_name"] = float(before)
            values["parse_link"] = float(link)
            for dep in deps:
                values[f"parse_{dep}"] = 1.0
            state_sentences = {view.sentences.start_of(c.start) for c in spans}
            values["same_sentence"] = float(bool(state_sentences & own_sentences))
            values["next_sentence"] = float(
                bool(state_sentences) and _sentence_gap(scene, own_sentences, state_sentences) <= 1
            )
            values["own_delegation"] = float(state in own_delegation)
            values["sentence_delegation"] = float(
                state in sentence_delegations and state not in own_delegation
            )
            values["agency_state"] = float(state == agency_state)
            values["known_person"] = float(state == known)
            values["taken"] = float(state in taken)
            values["share"] = counts[state] / total
            values["most_named"] = float(state == most)
            values["first_named"] = float(state == first)
            values["only_state"] = float(len(counts) == 1 and state in counts)
        rows.append((state, [values[name] for name in FEATURES]))
    return rows


def _sentence_gap(scene: Scene, own: set[int], others: set[int]) -> int:
    """How many sentences apart the nearest of two sets of sentences (by start) are."""
    starts = scene.view.sentences.starts
    index = {s: k for k, s in enumerate(starts)}
    return min(abs(index[a] - index[b]) for a in own for b in others)


def _nearest(scene: Scene, person: Person, spans: list[Span]) -> tuple[int, bool, bool, set[str]]:
    """Token distance from the person's mentions to the nearest span of a state (a large
    number when the state is only the body's), whether one is just before a name (within
    3 tokens), whether the parse links one to a name, and those spans' labels."""
    distance, before, link = 1000, False, False
    deps: set[str] = set()
    for mention in person.mentions:
        for span in spans:
            gap = max(mention.start - span.end, span.start - mention.end, 0)
            distance = min(distance, gap)
            before = before or 0 <= mention.start - span.end <= 3
            if scene.view.sent(span) == scene.view.sent(mention):
                linked, dep = _parse_link(span, mention)
                if linked:
                    link = True
                    if dep:
                        deps.add(dep)
    return distance, before, link, deps


@dataclass(frozen=True)
class StateModel:
    """Learned weights over `FEATURES`, and when they may replace the rules' state."""

    weights: np.ndarray
    bias: float
    threshold: float
    weak: frozenset[str]  # rule strategies the model may overrule ("none": no state)

    @classmethod
    def from_text(cls, text: str) -> StateModel | None:
        """The model of a weights file's text; None for an empty or absent file."""
        if not text.strip():
            return None
        data = json.loads(text)
        named = dict(zip(data["features"], data["weights"], strict=True))
        weights = np.array([named.get(name, 0.0) for name in FEATURES], dtype=float)
        return cls(weights, float(data["bias"]), float(data["threshold"]), frozenset(data["weak"]))

    def probabilities(self, rows: list[tuple[str | None, list[float]]]) -> np.ndarray:
        """The probability of each candidate being the person's state."""
        x = np.array([values for _, values in rows], dtype=float)
        return 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))

    def weak_placing(self, person: Person) -> bool:
        """Whether the rules placed the person by a guess the model may overrule ("*":
        every person, the linker alone)."""
        if "*" in self.weak:
            return True
        if person.agency and (person.agency["country"] or person.agency["kind"] == "international"):
            return False  # the body's state (or statelessness) decides the row
        return (rule_strategy(person) or "none") in self.weak

    def relink(self, person: Person, scene: Scene) -> float | None:
        """Replace a weak placement with the model's confident choice; its probability."""
        if not self.weak_placing(person):
            return None
        rows = features(person, scene)
        probs = self.probabilities(rows)
        best = int(np.argmax(probs))
        state, prob = rows[best][0], float(probs[best])
        if prob < self.threshold or state == person.country:
            return None
        person.country = state
        person.via = [s for s in person.via if not s.startswith("country:")]
        person.via.append(step("country", NAME))
        return prob

"""`coop_officials`: one officials entry per person, with rank, title, agency and state.

Three steps, each in its own module:
- context (`official_context`): what the text around each mention says (rank,
  position, body, state words), read from the spans of a `DocView` of the document;
- people (`official_people`): mentions grouped into persons;
- placing (`official_placing`): the person's state by an ordered tuple of named
  strategies (`STRATEGIES`), each tagging the source when it places.
The agency is the most specific body named in the position or next to the name,
else the body the position implies ("Interior Minister" of a country -> that
country's interior ministry), else for a generic position the body named just
before it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopnlp.knowledge.people import KnownPeople
from coopnlp.knowledge.ranks import RankTable
from coopnlp.knowledge.registry import Body, Function, Registry
from coopnlp.knowledge.sources import source, step
from coopnlp.knowledge.user import USER_PREFIX
from coopnlp.pipeline.agencies import add_agency, load_registry, registry_parts
from coopnlp.pipeline.coordination import respective_states
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge, load
from coopnlp.pipeline.delegations import DelegationWords
from coopnlp.pipeline.official_context import Context, DocView, Words, merge, read_context
from coopnlp.pipeline.official_people import Person, group_people
from coopnlp.pipeline.official_placing import (
    STRATEGIES,
    Scene,
    Strategy,
    hosted,
    place_fallback,
    place_own,
)
from coopnlp.pipeline.spans import (
    SCORES,
    AgencyEntry,
    OfficialEntry,
    guarded,
    inside,
    score_of,
    source_of,
    store_entries,
)
from coopnlp.pipeline.state_linker import StateModel
from coopnlp.pipeline.titles import TAIL_PREPOSITIONS

# How far before a position a body it overlaps may start, in tokens.
OVERLAP_REACH = 8
# Missions accredited to an organisation, not hosted by a state.
TO_ORGANISATIONS = {"permanent_mission"}
# How far before a name a suspect's or victim's cue is read ("jailed ULFA 'general
# secretary' X").
NOT_OFFICIAL_WINDOW = 6
CLAUSE_BREAKS = {",", ";", ":", "(", ")", "—", "–"}


class OfficialLinker(DataComponent):
    """Build `doc._.coop["officials"]` (and implied agencies) from PERSON spans."""

    WORD_LISTS = (
        "persons/honorifics.txt",
        "persons/patronymic_particles.txt",
        "officials/counterpart_words.txt",
        "officials/not_official_cues.txt",
        "officials/police_context_ranks.txt",
        "officials/delegation_words.csv",
        "officials/position_modifiers.txt",
        "officials/force_positions.txt",
        "officials/travel_prepositions.txt",
        "officials/companion_verbs.txt",
        "officials/state_head_references.txt",
        "titles/title_heads.csv",
        "titles/title_pattern_words.csv",
        "officials/state_linker.json",
    )

    def __init__(self, data: str = SHIPPED, strategies: tuple[Strategy, ...] = STRATEGIES) -> None:
        super().__init__(data)
        self.strategies = strategies

    @cached_property
    def registry(self) -> Registry:
        return self.user_registry(load_registry(self.data))

    @cached_property
    def ranks(self) -> RankTable:
        return load(RankTable, self.data, "ranks")

    @cached_property
    def people(self) -> KnownPeople:
        return self.user_people(load(KnownPeople, self.data, "people"))

    @cached_property
    def context_words(self) -> Words:
        return Words(
            # every word of an honour of several words ("Police chief Datuk Seri X")
            frozenset(
                w.strip("'’")
                for line in self.words.lines("persons/honorifics.txt")
                for w in line.split()
            ),
            frozenset(self.words.lines("officials/counterpart_words.txt")),
            frozenset(w.lower() for w in self.words.lines("officials/police_context_ranks.txt")),
            DelegationWords.of(self.words.rows("officials/delegation_words.csv")),
            frozenset(
                w.lower() for w in self.words.listed("titles/title_pattern_words.csv", "domain")
            ),
        )

    @cached_property
    def state_model(self) -> StateModel | None:
        return StateModel.from_text(self.words.text("officials/state_linker.json"))

    @cached_property
    def position_modifiers(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("officials/position_modifiers.txt"))

    @cached_property
    def force_positions(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("officials/force_positions.txt"))

    def _state_force(
        self, store: list[AgencyEntry], title: str | None, country: str | None
    ) -> AgencyEntry | None:
        """ "Commissioner X" of a state: the one police force of that state the document
        names (none when it names two, or none)."""
        if title is None or country is None or title.lower() not in self.force_positions:
            return None
        forces = [e for e in store if e["kind"] == "police" and e["country"] == country]
        return forces[0] if len(forces) == 1 else None

    @cached_property
    def not_official_cues(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("officials/not_official_cues.txt"))

    @cached_property
    def patronymics(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("persons/patronymic_particles.txt"))

    def knowledge(self) -> dict[str, Knowledge]:
        return {**registry_parts(self.registry), "ranks": self.ranks, "people": self.people}

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        store = store_entries(doc).setdefault("agencies", [])
        view = DocView(doc, self.context_words)
        paired = respective_states(doc, view.titles, view.countries, view.persons)
        ranked = sorted(
            store_entries(doc).get("countries", []), key=lambda c: (-c["mentions"], c["start_char"])
        )
        scene = Scene(view, [], self.people, paired, [c["iso3"] for c in ranked])
        scene.bodies = self._bodies_by_type(store)
        scene.travel = self.travel_prepositions
        scene.together = self.companion_verbs
        scene.offices, scene.references = self.state_offices
        for person in group_people(view.persons, self.patronymics):
            if self.people.detail(person.fullest.text, "official") == "no":
                continue  # the user layer says this name is nobody's official
            person.contexts = [read_context(view, m, self.context_words) for m in person.mentions]
            person.merged = merged = merge(person.contexts)
            lone = len(person.fullest) == 1 and len(person.mentions) < 2
            if lone and not (merged.rank or merged.title or merged.counterpart):
                continue  # a surname named once with nothing official about it
            if merged.rank is None and all(self._not_official(view, m) for m in person.mentions):
                continue  # "the jailed rebel leader X", "slain X"
            person.titled = next(
                (m for m, c in zip(person.mentions, person.contexts, strict=True) if c.title),
                person.mentions[0],
            )
            person.via = list(merged.via)
            person.agency = (
                self._learned_agency(person, store)
                or self._named_agency(view, merged.title, merged.agency, store)
                or self._known_agency(person, store)
            )
            person.function = self._position_function(merged)
            place_own(person, scene, self.strategies)
            scene.people.append(person)
        for person in scene.people:
            scene.count(person)
        for person in scene.people:
            place_fallback(person, scene, self.strategies)
        if self.state_model is not None:
            # The trained linker may overrule a weak placement (`state_linker`).
            for person in scene.people:
                person.state_score = self.state_model.relink(person, scene)
        officials: list[OfficialEntry] = []
        for person in scene.people:
            officials.append(self._entry_of(view, person, store, officials, scene.ranked))
        store_entries(doc)["officials"] = officials
        return doc

    @cached_property
    def travel_prepositions(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("officials/travel_prepositions.txt"))

    @cached_property
    def companion_verbs(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("officials/companion_verbs.txt"))

    @cached_property
    def state_offices(self) -> tuple[frozenset[str], frozenset[str]]:
        """Title ids of a state's head, and of the words that refer to one."""
        heads = self.words.rows("titles/title_heads.csv")
        return (
            frozenset(row["id"] for row in heads if row["kind"] == "state"),
            frozenset(self.words.lines("officials/state_head_references.txt")),
        )

    def _bodies_by_type(self, store: list[AgencyEntry]) -> dict[str, set[str]]:
        """Body type -> the states of the document's bodies of that type."""
        bodies: dict[str, set[str]] = {}
        for entry in store:
            fn = self._function_id(entry["name"])
            if fn and entry["country"] and entry["kind"] != "international":
                bodies.setdefault(fn, set()).add(entry["country"])
        return bodies

    def _position_function(self, merged: Context) -> str | None:
        """The body type a person's position names ("Interior Minister"), else a police
        rank's ("Deputy Commissioner of Police")."""
        if merged.title is not None:
            return self._function_id(self.registry.body_wording(merged.title.text))
        fn = self.registry.function_in(merged.rank.text) if merged.rank is not None else None
        return fn.id if fn is not None and fn.kind == "police" else None

    def _not_official(self, view: DocView, mention: Span) -> bool:
        """A suspect's, convict's or victim's cue a few words before the
        name, in its phrase: after any other name, comma or verb."""
        doc = view.doc
        floor = max(view.sent(mention)[0], mention.start - NOT_OFFICIAL_WINDOW)
        for i in range(mention.start - 1, floor - 1, -1):
            if i in view.person_tokens:
                return False
            if doc[i].lower_ in self.not_official_cues:
                return True
            if doc[i].text in CLAUSE_BREAKS or doc[i].pos_ in ("VERB", "AUX"):
                return False  # "wanted criminals, said Minister X": another phrase's word
        return False

    # -- the agency ------------------------------------------------------------
    @staticmethod
    def _entry(store: list[AgencyEntry], span: Span) -> AgencyEntry | None:
        return next((e for e in store if e["name"] == span.kb_id_), None)

    def _function_id(self, name: str) -> str | None:
        fn = self.registry.function_in(name)
        return fn.id if fn else None

    def _named_agency(
        self, view: DocView, title: Span | None, agency: Span | None, store: list[AgencyEntry]
    ) -> AgencyEntry | None:
        """A body named in the person's position or right next to the name."""
        if title is not None:
            inner = [
                a
                for a in view.in_range(view.agency_starts, view.agencies, title.start, title.end)
                if inside(a, title)
            ]
            entries = [(a, e) for a in inner if (e := self._entry(store, a)) is not None]
            # A national official chairing an international body ("Chief of the Ethiopian
            # Federal Police and Chairman of the East African Police Chiefs ...") works for
            # the national one.
            national = [(a, e) for a, e in entries if e["kind"] != "international"]
            if inner:
                # The most specific body: a unit over its parent ministry; of two as long,
                # the first position's ("Chief of A and Chairman of B": A).
                if national:
                    return max(national, key=lambda ae: (len(ae[0]), -ae[0].start))[1]
                return self._entry(store, max(inner, key=lambda a: (len(a), -a.start)))
            # "Dubai Police Commander-in-Chief": a body whose last words the position took.
            start = max(0, title.start - OVERLAP_REACH)
            overlapping = [
                a
                for a in view.in_range(view.agency_starts, view.agencies, start, title.start)
                if title.start < a.end <= title.end
            ]
            if overlapping:
                return self._entry(store, overlapping[-1])
        if agency is not None:
            return self._entry(store, agency)
        return None

    def _learned_agency(self, person: Person, store: list[AgencyEntry]) -> AgencyEntry | None:
        """The body the user layer says a person works for, when the document names it:
        it wins over the body read next to the name (the user corrected that link)."""
        named = self.people.detail(person.fullest.text, "agency")
        body = named and (self.registry.by_alias(named) or self.registry.by_id(named))
        if not body:
            return None
        return next((e for e in store if e["name"] == body.name), None)

    def _known_agency(self, person: Person, store: list[AgencyEntry]) -> AgencyEntry | None:
        """The body the user knowledge layer says a person works for, when the text names
        none next to them (`knowledge/user.py`): the document's entry, else a new one."""
        named = self.people.detail(person.fullest.text, "agency")
        body = named and (self.registry.by_alias(named) or self.registry.by_id(named))
        said = person.merged.country
        if not body or (said and body.country and body.country != said):
            return None  # unknown, or the text puts the person in another state
        mention = person.mentions[0]
        return next((e for e in store if e["name"] == body.name), None) or add_agency(
            store,
            body,
            body.name,
            mention.start_char,
            score_of(mention) * SCORES["implied_agency"],
            source(source_of(mention), [step("known", "person")]),
        )

    def _implied(
        self,
        view: DocView,
        store: list[AgencyEntry],
        title: Span,
        country: str | None,
        ranked: list[str],
    ) -> AgencyEntry | None:
        """The body a position names by its type ("Interior Minister" -> interior ministry)."""
        fn = self.registry.function_in(self.registry.body_wording(title.text))
        if country is not None and (fn is None or not fn.name.startswith("Ministry")):
            # "Security Minister", "Minister for Police and Correctional Services": a
            # ministry of that portfolio, whatever body type its words name.
            portfolio = self._portfolio(view, title)
            if portfolio:
                state = self.registry.gazetteer.official_name(country)
                name = f"Ministry of {portfolio} of {state}"
                return add_agency(
                    store,
                    Body(name, "ministry", country, source=step("portfolio", "ministry")),
                    title.text,
                    title.start_char,
                    score_of(title) * SCORES["implied_agency"],
                    source(source_of(title), [step("implied", "portfolio")]),
                )
        if fn is None:
            return None
        if country is None:
            # Without a country, only a body of that type already in the document will do.
            same = [e for e in store if self._function_id(e["name"]) == fn.id]
            return same[0] if len(same) == 1 else None
        body = self.registry.national(fn, country, title.text)
        if body.source.startswith("function:") and not fn.one_per_state:
            return None  # "Police Chief" does not tell which police force: no invented name
        host = next(
            (c.kb_id_ for c in view.countries_in(title) if hosted(view, c.start, title.start)),
            None,
        )
        if body.kind == "mission" and host is None and fn.id not in TO_ORGANISATIONS:
            # An embassy is in the other state of the story: the most named one.
            host = next((c for c in ranked if c != country), None)
        if body.kind == "mission" and host and host != country:
            # "Turkish Ambassador to Azerbaijan" -> the embassy in that state.
            state = self.registry.gazetteer.official_name(host)
            body = replace(body, name=f"{body.name} in {state}")
        return add_agency(
            store,
            body,
            title.text,
            title.start_char,
            score_of(title) * SCORES["implied_agency"],
            source(source_of(title), [step("implied", fn.id)]),
        )

    def _nearest(
        self, view: DocView, store: list[AgencyEntry], mention: Span, country: str | None
    ) -> AgencyEntry | None:
        """For a generic position ("Minister", "Chief"): the closest body before the name
        in its sentence (a body named after the person usually belongs to someone else)."""
        sentence = view.sent(mention)
        # Bodies ending at or before the name, nearest first; the earlier listed at a tie.
        ends = view.agency_ends
        for k in view.agencies_by_end[: bisect_right(ends, mention.start)][::-1]:
            span = view.agencies[k]
            if span.end <= sentence[0]:
                break
            entry = self._entry(store, span)
            if view.sent(span) != sentence or entry is None or entry["kind"] == "government":
                continue
            if country is not None and entry["country"] not in (None, country):
                continue
            return entry
        return None

    def _counterpart_of(
        self, view: DocView, mention: Span, officials: list[OfficialEntry]
    ) -> tuple[str | None, Function | None]:
        """The position (and its body type) of the person a "counterpart" is matched with:
        the closest position named earlier in the sentence, else the document's first
        official."""
        doc = view.doc
        sentence = view.sent(mention)
        earlier = [
            t
            for t in view.in_range(view.title_starts, view.titles, sentence[0], mention.start)
            if view.sent(t) == sentence and t.end <= mention.start
        ]
        if earlier:
            title = earlier[-1]
            head = title.text
            for k in range(title.start + 1, title.end):
                if doc[k].lower_ in TAIL_PREPOSITIONS:
                    head = doc[title.start : k].text
                    break
            return head, self.registry.function_in(self.registry.body_wording(title.text))
        if officials:
            lead = officials[0]
            return lead["title"], self.registry.function_in(lead["agency"] or "")
        return None, None

    def _portfolio(self, view: DocView, title: Span) -> str | None:
        """The portfolio a minister's position names ("Security" of "Security Minister",
        "Police and Prisons" of "Minister for Police and Prisons"), without the state and
        the words that qualify the position ("Deputy", "Prime", "of State")."""
        countries = {i for c in view.countries_in(title) for i in range(c.start, c.end)}
        tokens = [t for t in title if t.i not in countries]
        heads = [k for k, t in enumerate(tokens) if t.lower_ == "minister"]
        if len(heads) != 1:
            return None
        head = heads[0]
        words: list[str] = []
        if head + 1 < len(tokens) and tokens[head + 1].lower_ in ("of", "for"):
            for t in tokens[head + 2 :]:
                if t.is_title or t.is_upper or (words and t.lower_ in (",", "and")):
                    words.append(t.text_with_ws)
                elif not words and t.lower_ == "the":
                    continue
                else:
                    break
        else:
            for t in reversed(tokens[:head]):
                if not t.is_title or t.lower_ in self.position_modifiers:
                    break
                words.insert(0, t.text_with_ws)
        portfolio = "".join(words).strip().rstrip(",").strip()
        for tail in (" and", " of"):
            portfolio = portfolio.removesuffix(tail)
        first = portfolio.split(" ", 1)[0].lower()
        if not portfolio or first in self.position_modifiers:
            return None
        return portfolio

    def _learned_position(self, doc: Doc, person: Person) -> tuple[str | None, str | None]:
        """The rank and title the user layer gives a person ("" for none), each None where
        the text's own stays. When the document writes the learned rank or title, the
        position as the user corrected it wins whole; otherwise only a learned rank does (a
        rank is the person's, a title is worded differently by each article)."""
        name = person.fullest.text
        rank, title = self.people.detail(name, "rank"), self.people.detail(name, "title")
        if not (rank or title):
            return None, None  # nothing learned: no Doc.text rebuilt for every person
        text = doc.text.lower()
        if any(value and value.lower() in text for value in (rank, title)):
            return rank or "", title or ""
        return rank, None

    # -- the entry -------------------------------------------------------------
    def _entry_of(
        self,
        view: DocView,
        person: Person,
        store: list[AgencyEntry],
        officials: list[OfficialEntry],
        ranked: list[str],
    ) -> OfficialEntry:
        """The officials entry of one person."""
        merged, titled = person.merged, person.titled
        assert titled is not None
        agency = person.agency
        if agency is None and merged.title is not None:
            # The first position that implies a body: "Minister Hoxha" ... "Hoxha, the
            # interior minister of Albania" heads the interior ministry.
            titles = [merged.title, *(c.title for c in person.contexts if c.title is not None)]
            agency = next(
                filter(
                    None, (self._implied(view, store, t, person.country, ranked) for t in titles)
                ),
                None,
            )
            wording = self.registry.body_wording(merged.title.text)
            if agency is None and not self.registry.function_in(wording):
                # A generic position ("Minister", "Chief"): the body named just before it.
                agency = self._nearest(view, store, titled, person.country)
        if agency is None and merged.title is None and merged.rank is not None:
            # "Deputy Commissioner of Police X of Ghana": a police rank with no position
            # names the state's force when it has one known force (no invented name).
            fn = self.registry.function_in(merged.rank.text)
            if (
                fn is not None
                and fn.kind == "police"
                and person.country is not None
                and self.registry.sole(fn, person.country)
            ):
                agency = self._implied(view, store, merged.rank, person.country, ranked)
        title_text = _title_text(view, merged.title) or self.people.detail(
            person.fullest.text, "title"
        )
        if agency is None:
            agency = self._state_force(store, title_text, person.country)
        if merged.counterpart and agency is None:
            # "his Kyrgyz counterpart X": the position of the person met, in X's country.
            lead_title, lead_fn = self._counterpart_of(view, titled, officials)
            title_text = title_text or lead_title
            if lead_fn is not None and person.country is not None:
                body = self.registry.national(lead_fn, person.country, lead_title)
                agency = add_agency(
                    store,
                    body,
                    titled.text,
                    titled.start_char,
                    SCORES["counterpart_agency"],
                    step("counterpart", lead_fn.id),
                )
        country = agency["country"] if agency and agency["country"] else person.country
        # An international body's staff have no state; a user's body of that kind (learned
        # from an article where a state's official chaired it) leaves the state the text
        # gives the person in their own words.
        user_body = agency is not None and step("registry", USER_PREFIX) in agency["source"]
        if agency and agency["kind"] == "international" and not (user_body and person.country):
            country = None
        rank = merged.rank
        rank_info = self.ranks.normalise(rank.text, rank.id_) if rank is not None else None
        learned_rank, learned_title = self._learned_position(view.doc, person)
        if learned_title is not None:
            title_text = learned_title or None
        if learned_rank is not None:
            rank_info = self.ranks.normalise(learned_rank, "") if learned_rank else None
        fullest = person.fullest
        score = max(score_of(m) for m in person.mentions)
        if merged.rank or merged.title:
            score = min(SCORES["cap"], score + SCORES["described_bonus"])
        if person.state_score is not None:
            score = person.state_score  # the state is the trained linker's guess
        return {
            "name": fullest.text.removesuffix("'s").removesuffix("’s"),
            "rank": rank_info.canonical if rank_info else None,
            "rank_service": (rank_info.service or rank_info.branch) if rank_info else None,
            "rank_grade": rank_info.grade if rank_info else None,
            "title": title_text,
            "agency": agency["name"] if agency else None,
            "country": country,
            "mentions": len(person.mentions),
            "start_char": person.mentions[0].start_char,
            "evidence": view.sentence_text(fullest),
            "score": round(score, 3),
            "source": source(sorted({source_of(m) for m in person.mentions}), person.via),
        }


def _title_text(view: DocView, title: Span | None) -> str | None:
    """The title as written, without a leading country adjective."""
    if title is None:
        return None
    start = title.start
    for country in view.in_range(view.country_starts, view.countries, title.start, title.end):
        if country.start == start and country.end < title.end:
            start = country.end
    return title.doc[start : title.end].text.strip(" ,")


@Language.factory(
    "coop_officials",
    assigns=["doc._.coop"],
    requires=["doc.spans", "doc._.coop"],
    default_config={"data": SHIPPED},
)
def make_officials(nlp: Language, name: str, data: str) -> OfficialLinker:
    return OfficialLinker(data)

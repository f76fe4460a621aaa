"""Officials: group person mentions and link each person to rank, title, agency, country.

Linking reads the spans around a mention, not character windows:
- the chain just before the name, walking left over commas: "Azerbaijani
  (COUNTRY) Interior Minister (TITLE) Colonel General (RANK) Ramil Usubov",
  "First Deputy Minister of ... Azerbaijan (TITLE), Major General of Police
  (RANK) Seyfulla Azimov";
- an apposition after it: "Sergey Bachurin, Chief of the MIA of Russia GA ...";
- the dependency parse: a TITLE whose head is the name, or the name's head
  inside a TITLE ("Kolokoltsev, the minister").
Short later mentions ("Minister Kolokoltsev", "Usubov") join the person whose
name holds their surname. The agency is the most specific body named in the
title or next to the name, else the body the title implies ("Interior
Minister" of a country -> that country's interior ministry).
The state: the body's, else one written in or next to the description, a
plural position shared out in order (`coordination.py`), the delegation the
person leads or belongs to (`delegations.py`), a known head of state, and last
the other side of the story.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopnlp.knowledge.people import KnownPeople
from coopnlp.knowledge.ranks import RankTable
from coopnlp.knowledge.registry import Function, body_wording
from coopnlp.pipeline.agencies import add_agency, load_registry, save_registry
from coopnlp.pipeline.coordination import is_plural, respective_states
from coopnlp.pipeline.data import SHIPPED, load, save
from coopnlp.pipeline.delegations import delegation_country, delegations_in
from coopnlp.pipeline.spans import guarded, inside, records, score_of, source_of, spans_of
from coopnlp.pipeline.titles import TAIL_PREPOSITIONS
from coopnlp.resources import lines

CHAIN_LABELS = ("RANK", "TITLE", "AGENCY", "COUNTRY")


def _attached(title: Span, mention: Span) -> bool:
    """True when the parse makes a position describe the name: the name is a compound
    or apposition of the position, or the position hangs off the name through
    appositions and coordinations ("Wang, a member of ... and Minister of ...")."""
    root = mention.root
    if root.head.i in range(title.start, title.end) and root.dep_ in ("appos", "compound"):
        return True
    token = title.root
    deps = []
    for _ in range(4):
        if token.dep_ not in ("appos", "conj") or token.head == token:
            return False
        deps.append(token.dep_)
        token = token.head
        if token.i in range(mention.start, mention.end):
            # "X and the President of Y" is a coordination, not a description of X.
            return "appos" in deps
    return False


def chain_start(mention: Span) -> int:
    """Where the words describing a mention may start: its sentence, or the one before
    when the parser split at an abbreviation ("Lieut. Gen. Khamking ...")."""
    doc = mention.doc
    start = mention.sent.start
    for _ in range(3):
        if start == 0 or doc[start - 1].text in SENTENCE_ENDS:
            break
        start = doc[start - 1].sent.start
    return start


SKIPPABLE = {",", "the", "'s", "’s", "and"}
# Inside an apposition a coordinated "and" starts another person's description.
APPOSITION_GLUE = {"the", "'s", "’s"}
# A country after these words in a position is the host, not the official's state.
HOST_PREPOSITIONS = {"to", "in", "at"}
# Body types whose national body a position alone identifies ("Interior Minister" of a
# state is its interior ministry); a "Police Chief" could head any of several forces.
IMPLIED_KINDS = {
    "ministry",
    "mission",
    "prosecution",
    "investigation",
    "guard",
    "border",
    "customs",
    "security",
    "government",
}
SENTENCE_ENDS = {".", "!", "?", "\n", "\n\n"}


@dataclass
class Context:
    """What the text around one mention says about the person."""

    rank: Span | None = None
    title: Span | None = None
    agency: Span | None = None
    country: str | None = None
    counterpart: bool = False
    via: list[str] = field(default_factory=list)
    left: int = 0  # where the words describing the mention start


@dataclass
class Person:
    mentions: list[Span] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    merged: Context = field(default_factory=Context)
    titled: Span | None = None
    country: str | None = None
    agency: dict | None = None
    via_fallback: bool = False
    via_known: bool = False

    @property
    def fullest(self) -> Span:
        return max(self.mentions, key=lambda s: (len(s), -s.start))

    def tokens(self) -> set[str]:
        return {t.lower_ for m in self.mentions for t in m if t.is_alpha}

    def surname(self) -> str:
        return self.fullest[-1].lower_


class OfficialLinker:
    """Build `doc._.coop["officials"]` (and implied agencies) from PERSON spans."""

    def __init__(self, data: str = SHIPPED) -> None:
        self.registry = load_registry(data)
        self.ranks = load(RankTable, data, "ranks")
        self.people = load(KnownPeople, data, "people")
        self.honorifics = set(lines("honorifics.txt"))
        self.counterpart_words = set(lines("counterpart_words.txt"))
        self.police_ranks = {w.lower() for w in lines("police_context_ranks.txt")}

    # -- grouping ------------------------------------------------------------
    @staticmethod
    def _group(mentions: list[Span]) -> list[Person]:
        people: list[Person] = []
        for mention in sorted(mentions, key=lambda s: (-len(s), s.start)):
            words = [t.lower_ for t in mention if t.is_alpha]
            if not words:
                continue
            match = next((p for p in people if p.surname() == words[-1]), None)
            if match is None and len(words) == 1:
                match = next((p for p in people if words[0] in p.tokens()), None)
            if match is None:
                match = Person()
                people.append(match)
            match.mentions.append(mention)
        for person in people:
            person.mentions.sort(key=lambda s: s.start)
        return sorted(people, key=lambda p: p.mentions[0].start)

    # -- context of one mention -----------------------------------------------
    def _context(
        self,
        doc: Doc,
        mention: Span,
        by_end: dict[int, list[Span]],
        by_start: dict[int, list[Span]],
        titles: list[Span],
        person_starts: set[int],
    ) -> Context:
        ctx = Context()
        i = mention.start
        sent_start = chain_start(mention)
        steps = 0
        coordinated = False
        while i > sent_start and steps < 8:
            steps += 1
            prev = doc[i - 1]
            if prev.lower_ == "and" and i >= 2 and doc[i - 2].text == ",":
                break  # ", and" closes the previous item of a list: its words are not ours
            if prev.text in self.honorifics or prev.lower_ in SKIPPABLE:
                i -= 1
                continue
            if prev.lower_ in self.counterpart_words:
                ctx.counterpart = True
                ctx.via.append("counterpart")
                i -= 1
                continue
            if prev.text == ")":
                # "Inspector-General of Police (I-G), Olukayode Egbetokun"
                opening = next(
                    (k for k in range(i - 2, max(sent_start, i - 6) - 1, -1) if doc[k].text == "("),
                    None,
                )
                if opening is None:
                    break
                i = opening
                continue
            ending = sorted(by_end.get(i, []), key=lambda s: -len(s))
            if not ending:
                break
            span = ending[0]
            if span.label_ == "PERSON":
                if doc[span.end].lower_ != "and":
                    break
                # "presidents Ilham Aliyev and Vladimir Putin": only a plural position
                # before the first name is shared with the next one.
                coordinated = True
                i = span.start
                continue
            if not coordinated or (span.label_ == "TITLE" and is_plural(span.root)):
                self._take(ctx, span, "left")
            i = span.start
        ctx.left = i
        # Before the right side is read, so an apposition can still give the position.
        self._police_rank(doc, ctx, mention)
        j = mention.end
        if j + 1 < mention.sent.end and doc[j].lower_ == "of":
            k = j + 1 + (doc[j + 1].lower_ == "the")
            for span in sorted(by_start.get(k, []), key=lambda s: -len(s)):
                if span.label_ in ("COUNTRY", "AGENCY"):
                    self._take(ctx, span, "right")
                    break
        if j < len(doc) and doc[j].text == ",":
            # Apposition: "Sergey Bachurin, Chief of the MIA ...", "X, Turkish Interior Minister".
            j += 1
            chain: list[Span] = []
            while j < mention.sent.end:
                if doc[j].lower_ in APPOSITION_GLUE:
                    j += 1
                    continue
                starting = sorted(by_start.get(j, []), key=lambda s: -len(s))
                if not starting:
                    break
                chain.append(starting[0])
                j = starting[0].end
                if j < mention.sent.end and doc[j].text == "," and by_start.get(j + 1):
                    j += 1
            # Only a description with a position or rank is this person's apposition,
            # and not one that introduces the next name ("Patrushev, the First Deputy
            # Chairman of ..., Alexei Zhuravlev").
            while j < mention.sent.end and doc[j].text == ",":
                j += 1
            if j not in person_starts and any(span.label_ in ("TITLE", "RANK") for span in chain):
                for span in chain:
                    self._take(ctx, span, "apposition")
        if ctx.title is None:
            for title in titles:
                k = title.end + (title.end < len(doc) and doc[title.end].text == ",")
                if k in person_starts:
                    continue  # the position introduces the next name
                if title.sent == mention.sent and _attached(title, mention):
                    self._take(ctx, title, "parse")
                    break
        return ctx

    def _police_rank(self, doc: Doc, ctx: Context, mention: Span) -> None:
        """ "PNP chief Director General X": a police force's rank written like a position."""
        title = ctx.title
        if ctx.rank is not None or title is None or title.end != mention.start:
            return
        if title.text.lower() not in self.police_ranks:
            return
        described = doc[min(ctx.left, title.start) : mention.end + 12]
        agencies = [s.kb_id_ for s in spans_of(doc, "AGENCY") if inside(s, described)]
        if any(t.lower_ == "police" for t in described) or any("Police" in a for a in agencies):
            ctx.rank, ctx.title = title, None
            ctx.via.append("rank:police_context")
            # The position, if any, is the one written before the rank ("PNP chief").
            for span in spans_of(doc, "TITLE"):
                if span.end <= title.start and span.start >= ctx.left:
                    ctx.title = span

    @staticmethod
    def _take(ctx: Context, span: Span, how: str) -> None:
        label = span.label_
        if label == "RANK" and ctx.rank is None:
            ctx.rank = span
        elif label == "TITLE" and ctx.title is None:
            ctx.title = span
        elif label == "AGENCY" and ctx.agency is None:
            ctx.agency = span
        elif label == "COUNTRY" and ctx.country is None:
            ctx.country = span.kb_id_
        else:
            return
        ctx.via.append(f"{label.lower()}:{how}")

    # -- attributes ------------------------------------------------------------
    @staticmethod
    def _entry(store: list[dict], span: Span) -> dict | None:
        return next((e for e in store if e["name"] == span.kb_id_), None)

    def _function_id(self, name: str) -> str | None:
        fn = self.registry.function_in(name)
        return fn.id if fn else None

    def _implied(
        self, store: list[dict], title: Span, country: str | None, countries: list[Span]
    ) -> dict | None:
        """The body a position names by its type ("Interior Minister" -> interior ministry)."""
        fn = self.registry.function_in(body_wording(title.text))
        if fn is None:
            return None
        if country is None:
            # Without a country, only a body of that type already in the document will do.
            same = [e for e in store if self._function_id(e["name"]) == fn.id]
            return same[0] if len(same) == 1 else None
        body = self.registry.national(fn, country)
        if body.source.startswith("function:") and fn.kind not in IMPLIED_KINDS:
            return None  # "Police Chief" does not tell which police force: no invented name
        host = self._host_country(title, countries)
        if body.kind == "mission" and host and host != country:
            # "Turkish Ambassador to Azerbaijan" -> the embassy in that state.
            body = replace(
                body, name=f"{body.name} in {self.registry.gazetteer.official_name(host)}"
            )
        return add_agency(
            store,
            body,
            title.text,
            title.start_char,
            score_of(title) * 0.9,
            f"{source_of(title)}>implied:{fn.id}",
        )

    def _nearest(
        self, store: list[dict], mention: Span, agencies: list[Span], country: str | None
    ) -> dict | None:
        """For a generic position ("Minister", "Chief"): the closest body in its sentence."""
        candidates = []
        for span in agencies:
            entry = self._entry(store, span)
            if span.sent != mention.sent or entry is None or entry["kind"] == "government":
                continue
            if country is not None and entry["country"] not in (None, country):
                continue
            if span.end > mention.start:
                continue  # a body named after the person usually belongs to someone else
            distance = mention.start - span.end
            candidates.append((distance, entry))
        return min(candidates, key=lambda c: c[0])[1] if candidates else None

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        store = records(doc).setdefault("agencies", [])
        by_end: dict[int, list[Span]] = {}
        by_start: dict[int, list[Span]] = {}
        for span in spans_of(doc, *CHAIN_LABELS):
            by_end.setdefault(span.end, []).append(span)
            by_start.setdefault(span.start, []).append(span)
        persons = spans_of(doc, "PERSON")
        person_starts = {p.start for p in persons}
        for span in persons:  # for coordinated names only
            by_end.setdefault(span.end, []).append(span)
        titles = spans_of(doc, "TITLE")
        agencies = spans_of(doc, "AGENCY")
        countries = spans_of(doc, "COUNTRY")
        paired = respective_states(doc, titles, countries, persons)
        people = []
        for person in self._group(persons):
            person.contexts = [
                self._context(doc, m, by_end, by_start, titles, person_starts)
                for m in person.mentions
            ]
            person.merged = self._merge(person.contexts)
            merged = person.merged
            lone = len(person.fullest) == 1 and len(person.mentions) < 2
            if lone and not (merged.rank or merged.title or merged.counterpart):
                continue  # a surname named once with nothing official about it
            person.titled = next(
                (m for m, c in zip(person.mentions, person.contexts, strict=True) if c.title),
                person.mentions[0],
            )
            person.country = merged.country
            if merged.title is not None:
                # The state a position is "of" beats an adjective next to the name.
                person.country = self._title_country(merged.title, countries) or person.country
            respective = next((paired[m.start] for m in person.mentions if m.start in paired), None)
            if respective is not None:
                # ...but a plural position shared out in order names each state once.
                person.country = respective
                merged.via.append("country:respective")
            person.agency = self._named_agency(merged, agencies, store)
            if person.agency and person.agency["kind"] == "international":
                person.country = None
            elif person.agency and person.agency["country"]:
                person.country = person.agency["country"]
            people.append(person)
        for person in people:
            merged = person.merged
            national = not person.agency or person.agency["kind"] != "international"
            if person.country is None and national:
                person.country = next(
                    filter(None, (delegation_country(m, countries) for m in person.mentions)),
                    None,
                )
                if person.country is not None:
                    merged.via.append("country:delegation")
            if person.country is None and national:
                person.country = self.people.country(person.fullest.text)
                person.via_known = person.country is not None
            if person.country is None and national:
                person.country = self._other_side(doc, person, people, countries)
                person.via_fallback = person.country is not None
        officials: list[dict] = []
        for person in people:
            officials.append(self._record(person, agencies, countries, store, officials))
        records(doc)["officials"] = officials
        return doc

    def _record(
        self,
        person: Person,
        agencies: list[Span],
        countries: list[Span],
        store: list[dict],
        officials: list[dict],
    ) -> dict:
        """The officials row of one person."""
        merged, titled = person.merged, person.titled
        agency = person.agency
        if agency is None and merged.title is not None:
            agency = self._implied(store, merged.title, person.country, countries)
            if agency is None and not self.registry.function_in(body_wording(merged.title.text)):
                # A generic position ("Minister", "Chief"): the body named just before it.
                agency = self._nearest(store, titled, agencies, person.country)
        title_text = self._title_text(merged.title, countries)
        if merged.counterpart and agency is None:
            # "his Kyrgyz counterpart X": the position of the person met, in X's country.
            lead_title, lead_fn = self._counterpart_of(titled, officials)
            title_text = title_text or lead_title
            if lead_fn is not None and person.country is not None:
                body = self.registry.national(lead_fn, person.country)
                agency = add_agency(
                    store, body, titled.text, titled.start_char, 0.6, f"counterpart:{lead_fn.id}"
                )
        country = agency["country"] if agency and agency["country"] else person.country
        if agency and agency["kind"] == "international":
            country = None
        rank = merged.rank
        rank_info = self.ranks.normalise(rank.text, rank.id_) if rank is not None else None
        fullest = person.fullest
        score = max(score_of(m) for m in person.mentions)
        if merged.rank or merged.title:
            score = min(0.99, score + 0.1)
        via = [
            *merged.via,
            *(["country:other_side"] if person.via_fallback else []),
            *(["country:known_people"] if person.via_known else []),
        ]
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
            "evidence": fullest.sent.text.strip(),
            "score": round(score, 3),
            "source": "+".join(sorted({source_of(m) for m in person.mentions}))
            + (">" + ",".join(via) if via else ""),
        }

    def _counterpart_of(
        self, mention: Span, officials: list[dict]
    ) -> tuple[str | None, Function | None]:
        """The position (and its body type) of the person a "counterpart" is matched with:
        the closest position named earlier in the sentence, else the document's first official."""
        doc = mention.doc
        earlier = [
            t for t in spans_of(doc, "TITLE") if t.sent == mention.sent and t.end <= mention.start
        ]
        if earlier:
            title = earlier[-1]
            head = title.text
            for k in range(title.start + 1, title.end):
                if doc[k].lower_ in TAIL_PREPOSITIONS:
                    head = doc[title.start : k].text
                    break
            return head, self.registry.function_in(body_wording(title.text))
        if officials:
            lead = officials[0]
            return lead["title"], self.registry.function_in(lead["agency"] or "")
        return None, None

    @staticmethod
    def _merge(contexts: list[Context]) -> Context:
        """One description from all mentions: the first value each attribute gets."""
        return Context(
            rank=next((c.rank for c in contexts if c.rank is not None), None),
            title=next((c.title for c in contexts if c.title is not None), None),
            agency=next((c.agency for c in contexts if c.agency is not None), None),
            country=next((c.country for c in contexts if c.country), None),
            counterpart=any(c.counterpart for c in contexts),
            via=sorted({v for c in contexts for v in c.via}),
        )

    @staticmethod
    def _hosted(country: Span, title: Span) -> bool:
        """True when a country in a position follows "to"/"in" ("Ambassador to Kazakhstan")."""
        doc = title.doc
        before = country.start - 1
        if before >= title.start and doc[before].lower_ == "the":
            before -= 1
        return before >= title.start and doc[before].lower_ in HOST_PREPOSITIONS

    def _title_country(self, title: Span, countries: list[Span]) -> str | None:
        """The state a position belongs to: a country in it, unless it is the host."""
        return next(
            (c.kb_id_ for c in countries if inside(c, title) and not self._hosted(c, title)),
            None,
        )

    def _host_country(self, title: Span, countries: list[Span]) -> str | None:
        """The state a position is posted to ("Ambassador to Azerbaijan"), if any."""
        return next(
            (c.kb_id_ for c in countries if inside(c, title) and self._hosted(c, title)), None
        )

    def _named_agency(self, ctx: Context, agencies: list[Span], store: list[dict]) -> dict | None:
        """A body named in the person's position or right next to the name."""
        if ctx.title is not None:
            inner = [a for a in agencies if inside(a, ctx.title)]
            if inner:
                # The most specific body: a unit over its parent ministry.
                return self._entry(store, max(inner, key=lambda a: (len(a), a.start)))
        if ctx.agency is not None:
            return self._entry(store, ctx.agency)
        return None

    def _other_side(
        self, doc: Doc, person: Person, people: list[Person], countries: list[Span]
    ) -> str | None:
        """A country for an official whose text names none: the most mentioned state of
        the document that no other person in the same sentences is explicitly from
        ("signed by Home Minister X and China's Minister Y" -> X is not Chinese)."""
        sentences = {m.sent.start for m in person.mentions}
        taken = {
            other.country
            for other in people
            if other is not person
            and other.country
            and any(m.sent.start in sentences for m in other.mentions)
        }
        # A delegation the person is not in (delegation_country found none) is the other
        # side; with two delegations in a sentence the parse missed which one is theirs.
        for mention in person.mentions:
            named = delegations_in(mention.sent, countries)
            taken |= named if len(named) == 1 else set()
        # A state named in the person's own sentence first, then the document's most named.
        nearby = [c.kb_id_ for c in countries if c.sent.start in sentences]
        for iso3 in nearby:
            if iso3 not in taken:
                return iso3
        entries = sorted(
            records(doc).get("countries", []), key=lambda c: (-c["mentions"], c["start_char"])
        )
        return next((c["iso3"] for c in entries if c["iso3"] not in taken), None)

    @staticmethod
    def _title_text(title: Span | None, countries: list[Span]) -> str | None:
        """The title as written, without a leading country adjective."""
        if title is None:
            return None
        start = title.start
        for country in countries:
            if country.start == start and country.end < title.end:
                start = country.end
        return title.doc[start : title.end].text.strip(" ,")

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        save_registry(path, self.registry)
        save(path, {"ranks": self.ranks, "people": self.people})

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> OfficialLinker:
        self.registry = load_registry(path)
        self.ranks = load(RankTable, path, "ranks")
        self.people = load(KnownPeople, path, "people")
        return self


@Language.factory(
    "coop_officials",
    assigns=["doc._.coop"],
    requires=["doc.spans", "doc._.coop"],
    default_config={"data": SHIPPED},
)
def make_officials(nlp: Language, name: str, data: str) -> OfficialLinker:
    return OfficialLinker(data)

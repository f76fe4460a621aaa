"""Agencies: one canonical body per AGENCY mention, aggregated per document.

Resolution order for a mention (longest non-overlapping AGENCY spans):
1. a registry alias or pattern id ("MIA of Russia", "Rosgvardia");
2. a unit ("Department / Administration / GA ... of <body>") named from its
   own words and its parent body, which is resolved the same way;
3. a body type plus a country found inside or just before the mention
   ("Azerbaijani Interior Ministry", "Ministry of Internal Affairs of the
   Republic of Uzbekistan");
4. a generic reference ("the Interior Ministry", "the MVD") resolved from the
   document: the body of the same type mentioned before (or after), else the
   document's most mentioned country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.places import Places, region_countries
from coopnlp.knowledge.registry import ARTICLE, Body, Function, Registry
from coopnlp.knowledge.sources import source, step
from coopnlp.knowledge.user import USER_PREFIX
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge, load
from coopnlp.pipeline.spans import (
    AgencyEntry,
    SpanIndex,
    filter_longest,
    guarded,
    inside,
    mark,
    replace_label,
    score_of,
    source_of,
    spans_of,
    store_entries,
)


def unit_heads(rows: Iterable[dict[str, str]]) -> list[tuple[str, str, str]]:
    """(head words, kind, expansion) for unit and school heads (rows of
    `unit_heads.csv`), longest first."""
    heads = [(r["head"], r["kind"], r.get("expansion") or "") for r in rows]
    return sorted(heads, key=lambda r: -len(r[0]))


def surface(span: Span) -> str:
    """A mention as written, without a leading article."""
    return ARTICLE.sub("", span.text)


COORDINATED = "grammar:ministries_coord"


def _elsewhere(body: Body, words: str, countries: list[Span]) -> bool:
    """A user body's alias ("Mounted Branch" of a state's police) in a document that
    does not name the body's state: another state's body of that name, not this one."""
    return (
        body.source.startswith(step("registry", USER_PREFIX))
        and body.country is not None
        and words != body.name
        and all(c.kb_id_ != body.country for c in countries)
    )


def _after_of(doc: Doc, i: int) -> bool:
    """True when token i follows "of" or "of the"."""
    if i >= 1 and doc[i - 1].lower_ == "of":
        return True
    return i >= 2 and doc[i - 1].lower_ == "the" and doc[i - 2].lower_ == "of"


def _bare_head(span: Span, countries: list[Span]) -> bool:
    """A mention that is only a country word and a generic head ("Kazakh Ministry")."""
    # Token indices, not one-token spans per country: long documents have many countries.
    in_country = {
        i
        for c in countries
        if c.start < span.end and span.start < c.end
        for i in range(c.start, c.end)
    }
    words = [t for t in span if t.i not in in_country]
    return len(words) == 1 or (len(words) == 2 and words[0].lower_ == "the")


# A name never ends with these, nor starts with a possessive: such a span is a piece
# of a name cut short ("Center of", "'s Office for Studies and Research").
OPEN_ENDS = {"of", "for", "the", "and", "to", "on", "'s", "’s"}


POSSESSIVE = ("'s", "’s")


def _fragment(span: Span) -> bool:
    return span[-1].lower_ in OPEN_ENDS or span[0].lower_ in POSSESSIVE


def _owner_cut(span: Span, owner_ends: dict[int, int]) -> bool:
    """A mention that starts inside its owner's name and runs on past the owner's
    possessive ("[Ministry of] Interior's Office for Studies"): the owner is its own
    mention, the words after the possessive a unit of it. `owner_ends`: the first
    token of each other mention by the index of the possessive right after it."""
    return any(
        t.lower_ in POSSESSIVE and owner_ends.get(t.i, span.start) < span.start for t in span[1:]
    )


def _country_near(doc: Doc, span: Span, countries: SpanIndex) -> str | None:
    """ISO3 of the first country inside the mention, or of an adjective just before it."""
    within = countries.within(span)
    if within:
        return within[0].kb_id_
    the = span.start >= 1 and doc[span.start - 1].lower_ == "the"
    before = countries.first_ending(span.start, *([span.start - 1] if the else []))
    return before.kb_id_ if before is not None else None


# How long a short name defined in brackets may be ("(AFP)", "(C-PACT)").
SHORT_NAME_LENGTH = range(2, 9)


def defined_short_names(doc: Doc, agencies: list[Span]) -> dict[str, Span]:
    """Short names the text defines in brackets right after a body ("the Australian
    Federal Police (AFP)"): the short name -> the body's mention, the first definition."""
    defined: dict[str, Span] = {}
    for span in agencies:
        k = span.end
        if k + 2 >= len(doc) or doc[k].text != "(" or doc[k + 2].text != ")":
            continue
        short = doc[k + 1].text
        letters = [ch for ch in short if ch.isalpha()]
        if len(short) in SHORT_NAME_LENGTH and letters and short.upper() == short:
            defined.setdefault(short, span)
    return defined


def short_name_mentions(doc: Doc, defined: dict[str, Span], taken: list[Span]) -> list[Span]:
    """One-token AGENCY mentions of the defined short names not yet mentions of their
    own (inside a longer name they can be its parent: "Customs Division of GRA")."""
    alone = {s.start for s in taken if len(s) == 1}
    return [
        Span(doc, t.i, t.i + 1, label="AGENCY")
        for t in doc
        if t.text in defined and t.i not in alone
    ]


LIST_GLUE = {",", "and", "the"}
# The grammar's units named by their own words: a unit of a state's body.
UNIT_GRAMMAR = {"grammar:unit_of", "grammar:unit_named"}
# Types a city has its own body of ("Moscow Police Department", "Xiamen Customs").
LOCAL_KINDS = {"police", "customs"}
# Types a state has many bodies of: an unknown one is named as the text writes it.
OWN_NAME_KINDS = {"education"}


def listed_bodies(doc: Doc, countries: list[Span], heads: Iterable[str]) -> list[Span]:
    """ "the Ministries of Internal Affairs of Belarus, Kazakhstan, Moldova, ...", "the
    governments of the United States and South Africa": a plural body type (`heads`,
    lower case) over a list of states, with or without a final "and" (the grammar's
    coordinated patterns need one). One span from the type to the last state."""
    # Positions from the array: no Token object per word of the document.
    hashes = {hash_string(h) for h in heads}
    at = [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in hashes]
    if not at:
        return []  # most documents
    by_start = {c.start: c for c in filter_longest(countries)}

    def after_of(k: int) -> int:
        """The token after "of" / "of the" at k."""
        return k + 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")

    found = []
    for i in at:
        start = i  # "Internal Affairs Ministries of ...": the type's words lead
        while start > 0 and doc[start - 1].is_title and start > i - 4:
            start -= 1
        k = i + 1
        if (
            start == i
            and k < len(doc)
            and doc[k].lower_ in ("of", "for")
            and after_of(k) not in by_start
        ):
            k += 1  # "Ministries of Internal Affairs of ..."
            while k < len(doc) and doc[k].is_title and k < i + 6:
                k += 1
        if k >= len(doc) or doc[k].lower_ not in ("of", "for"):
            continue
        k = after_of(k)
        states = []
        while k in by_start:
            states.append(by_start[k])
            k = by_start[k].end
            while k + 1 < len(doc) and doc[k].lower_ in LIST_GLUE:
                k += 1
        if len(states) >= 2:
            found.append(Span(doc, start, states[-1].end, label="AGENCY", span_id=COORDINATED))
    return found


def state_mentions(doc: Doc) -> Counter[str]:
    """Mentions per state, in the entries' order (the first of equal counts wins)."""
    return Counter(
        {c["iso3"]: c["mentions"] for c in store_entries(doc).get("countries", []) if c["mentions"]}
    )


class AgencyResolver(DataComponent):
    """Resolve AGENCY spans to bodies and write `doc._.coop["agencies"]`."""

    WORD_LISTS = (
        "agencies/outlets.txt",
        "agencies/unit_heads.csv",
        "agencies/plural_heads.txt",
        "agencies/local_words.txt",
    )

    def __init__(self, data: str = SHIPPED) -> None:
        super().__init__(data)
        self._indexes: dict[int, tuple[list[Span], SpanIndex]] = {}
        self._short_names: dict[str, Span] = {}  # of the document being resolved

    @cached_property
    def registry(self) -> Registry:
        return self.user_registry(load_registry(self.data))

    @cached_property
    def outlets(self) -> set[str]:
        return {w.lower() for w in self.words.lines("agencies/outlets.txt")}

    @cached_property
    def plural_heads(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("agencies/plural_heads.txt"))

    @cached_property
    def unit_heads(self) -> list[tuple[str, str, str]]:
        return unit_heads(self.words.rows("agencies/unit_heads.csv"))

    @cached_property
    def places(self) -> Places:
        return load(Places, self.data, "places")

    @cached_property
    def local_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("agencies/local_words.txt"))

    def knowledge(self) -> dict[str, Knowledge]:
        return {**registry_parts(self.registry), "places": self.places}

    def _placed(self, doc: Doc, span: Span, body: Body) -> Body:
        """A mission with its host written after "in" ("US Embassy in Dushanbe") is
        that state's mission there: "<mission> in <host>"."""
        if body.kind != "mission":
            return body
        at = next((t.i for t in span if t.lower_ == "in"), None)
        if at is None or at + 1 >= span.end:
            return body
        host = doc[at + 1 : span.end]
        for country in self._index(spans_of(doc, "COUNTRY")).within(host):
            if (country.start, country.end) == (host.start, host.end):
                if country.kb_id_ == body.country:
                    return body
                return replace(
                    body,
                    name=f"{body.name} in {self.registry.gazetteer.official_name(country.kb_id_)}",
                )
        return replace(body, name=f"{body.name} in {host.text}")

    def _local(self, doc: Doc, span: Span, fn: Function) -> Body | None:
        """A city's or region's own force ("Minsk City Police Department", "Punjab
        Police"): the words before the type are a city or a first-level region, perhaps
        with a level word ("City", "State"). Its own row, named as written, in the
        place's state."""
        if fn.kind not in LOCAL_KINDS:
            return None
        words = [t for t in span if t.lower_ != "the"]
        cue = self.registry.cue_start(" ".join(t.text for t in words), fn)
        if cue is None or cue == 0:
            return None
        place = words[:cue]
        if not place or not all(t.is_title for t in place):
            return None
        # The place as written, then without its level words ("Quezon City", "Minsk").
        while place:
            country = self._place_country(doc, " ".join(t.text for t in place))
            if country is not None:
                return Body(
                    surface(span), fn.kind, country, None, fn.id, source=step("local", fn.id)
                )
            if place[-1].lower_ not in self.local_words:
                return None
            place = place[:-1]
        return None

    def _place_country(self, doc: Doc, place: str) -> str | None:
        """The state of a city, else of a first-level region ("Punjab", "Sindh"); a
        region name several states share goes to the one the document names most."""
        city = self.places.city_country(place)
        if city is not None or self.registry.gazetteer.lookup(place) is not None:
            # A state's own name ("Mexico Police") is its national body, not a region's.
            return city
        states = region_countries(place)
        named = state_mentions(doc)
        among = [c for c in states if named[c]]
        if among:
            return max(sorted(among), key=lambda c: named[c])
        return next(iter(states)) if len(states) == 1 else None

    def _index(self, spans: list[Span]) -> SpanIndex:
        """The index of one of the lists a call works over (made once per list)."""
        made = self._indexes.get(id(spans))
        if made is None or made[0] is not spans or len(made[1].spans) != len(spans):
            made = self._indexes[id(spans)] = (spans, SpanIndex(list(spans)))
        return made[1]

    def _unit(self, doc: Doc, span: Span, parent: Body, parent_span: Span) -> Body | None:
        """A unit named "<unit words> of <parent>" from a mention containing its parent."""
        lowered = surface(span).lower()
        after = lowered[len(surface(parent_span)) :].strip()
        before = doc[span.start : parent_span.start].text.rstrip()
        before = before.removesuffix(" of the").removesuffix(" of").strip().lower()
        for head, kind, expansion in self.unit_heads:
            # "Division of ...", or a head after its own words ("Customs Division of GRA").
            at_start = lowered.startswith(head + " ") or (
                before != head and before.endswith(" " + head) and parent_span.start > span.start
            )
            after_parent = after.startswith(head + " ")
            if not (at_start or (parent_span.start == span.start and after_parent)):
                continue
            if at_start:
                own = doc[span.start : parent_span.start].text.rstrip()
                own = own.removesuffix(" of the").removesuffix(" of").strip()
                rest = doc[parent_span.end : span.end].text.strip()
            else:
                own = doc[parent_span.end : span.end].text.strip()
                rest = ""
            if not own.strip(" ,-"):
                continue  # the "parent" is the unit's own name cut short: no unit words left
            if expansion and own.lower().startswith(head):
                own = expansion + own[len(head) :]
            name = f"{own} of the {parent.name}" + (f" {rest}" if rest else "")
            return Body(name, kind, parent.country, parent.name, None, source=step("unit", head))
        return None

    def resolve(
        self,
        doc: Doc,
        span: Span,
        agencies: list[Span],
        countries: list[Span],
        earlier: list[tuple[Span, Body]],
    ) -> Body | None:
        """The body a mention names, or None when the mention is generic and unresolved."""
        words = surface(span)
        defining = self._short_names.get(words)
        if defining is not None and defining.start != span.start:
            # A short name the text defined: the body it was defined for.
            return self.resolve(doc, defining, agencies, countries, earlier)
        known = self.registry.by_alias(words)
        if known is None and span.id_ and not span.id_.startswith("grammar:"):
            known = self.registry.by_id(span.id_)
        if known is not None and not _elsewhere(known, words, countries):
            return known
        # A parent is named at the start ("MIA of Russia Administration ...") or after "of".
        # A parent after "of" must not be cut inside a capitalised name ("of the Ministry
        # of Internal | Affairs").
        inner = [
            a
            for a in self._index(agencies).within(span)
            if len(a) < len(span)
            and (
                a.start == span.start
                or (_after_of(doc, a.start) and (a.end == span.end or not doc[a.end].is_title))
            )
        ]
        for parent_span in sorted(inner, key=lambda a: -len(a)):
            parent = self.resolve(doc, parent_span, agencies, countries, earlier)
            if parent is not None:
                unit = self._unit(doc, span, parent, parent_span)
                if unit is not None:
                    return unit
                named = self.registry.by_alias(surface(parent_span))
                if (
                    parent.kind == "international"
                    and parent_span.start == span.start
                    and named is not None
                    and named.name == parent.name
                ):
                    # "European Union Prosecutor's Office", "African Union Police": the
                    # organisation (named, not a generic word) has a body of no state.
                    fn = self.registry.function_in(words)
                    return Body(
                        words,
                        "international",
                        None,
                        parent.name,
                        fn.id if fn else None,
                        source=step("international", "named"),
                    )
        owned = self._owned_unit(doc, span, agencies, countries, earlier)
        if owned is not None:
            return owned
        fn = self.registry.unit_at_end(words) or self.registry.function_in(words)
        country = _country_near(doc, span, self._index(countries))
        if fn is not None and span.id_ == COORDINATED:
            # "Ministries of Internal Affairs of Russia and Armenia": one body per state.
            return None
        if fn is not None and fn.kind == "unit":
            unit = self._generic_unit(doc, span, fn, country, earlier)
            if unit is not None:
                return unit
        local = self._local(doc, span, fn) if fn is not None else None
        if local is not None:
            return local
        if fn is not None and country is not None:
            body = self._placed(doc, span, self.registry.national(fn, country, words))
            # A state has many schools: "Egyptian Police Academy" is named as written.
            if (
                body.source.startswith("function:")
                and fn.kind in OWN_NAME_KINDS
                and span[-1].is_title
            ):
                return Body(words, fn.kind, country, None, fn.id, source=step("named", fn.id))
            return body
        if fn is None and _bare_head(span, countries):
            # "the Kazakh Ministry": the ministry of that state already named, if any.
            return next(
                (b for _, b in reversed(earlier) if b.kind == "ministry" and b.country == country),
                None,
            )
        if fn is not None:
            return self._from_context(doc, fn.id, earlier, words)
        if country is not None or span.id_.startswith("grammar:"):
            kind = next(
                (k for h, k, _ in self.unit_heads if f"{h} " in f"{words.lower()} "), "other"
            )
            if country is None and self._stateless_unit(span, agencies):
                country = self._unit_state(doc, earlier)
            return Body(words, kind, country, None, None, source="grammar")
        return None

    def _owned_unit(
        self,
        doc: Doc,
        span: Span,
        agencies: list[Span],
        countries: list[Span],
        earlier: list[tuple[Span, Body]],
    ) -> Body | None:
        """A unit written after its owner's possessive ("the Ministry of Interior's
        Office for Studies and Research"): that unit of the owner's body."""
        if (
            span.id_ not in UNIT_GRAMMAR
            or span.start < 2
            or doc[span.start - 1].lower_ not in POSSESSIVE
        ):
            return None
        owners = [a for a in agencies if a.end == span.start - 1]
        if not owners:
            return None
        owner = self.resolve(doc, max(owners, key=len), agencies, countries, earlier)
        if owner is None:
            return None
        return Body(
            f"{surface(span)} of the {owner.name}",
            "unit",
            owner.country,
            owner.name,
            None,
            source=step("unit", "possessive"),
        )

    def _stateless_unit(self, span: Span, agencies: list[Span]) -> bool:
        """A unit named by its own words alone ("Forensic Investigation Office",
        "Department of Civil Service and Personnel"): no state and no parent body in it."""
        if span.id_ not in UNIT_GRAMMAR:
            return False
        # An acronym after "of" is a parent body too, known or not ("... of the AU").
        if any(t.text.isupper() and len(t) > 1 and _after_of(span.doc, t.i) for t in span):
            return False
        # A parent is named after "of", or leads the name as a known body ("MIA Department").
        return not any(
            len(a) < len(span)
            and (
                _after_of(span.doc, a.start)
                or (a.start == span.start and self.registry.by_alias(surface(a)) is not None)
            )
            for a in self._index(agencies).within(span)
        )

    def _unit_state(self, doc: Doc, earlier: list[tuple[Span, Body]]) -> str | None:
        """The state of a unit named without one: that of the state's body named last
        before it, else the document's most mentioned state."""
        for _, body in reversed(earlier):
            if body.country is not None and body.kind != "international":
                return body.country
        counts = state_mentions(doc)
        return counts.most_common(1)[0][0] if counts else None

    def _generic_unit(
        self,
        doc: Doc,
        span: Span,
        fn: Function,
        country: str | None,
        earlier: list[tuple[Span, Body]],
    ) -> Body | None:
        """ "the Interior Ministry's press service": a unit of the body the rest names."""
        rest = f" {surface(span).lower()} "
        for cue in (fn.name, *fn.cues):
            rest = rest.replace(f" {cue.lower()} ", " ")
        parent_fn = self.registry.function_in(rest.replace("'s", " ").replace("’s", " "))
        if parent_fn is None or parent_fn.kind == "unit":
            return None
        if country is not None:
            parent = self.registry.national(parent_fn, country)
        else:
            parent = self._from_context(doc, parent_fn.id, earlier, None)
        if parent is None:
            return None
        return Body(
            f"{fn.name} of the {parent.name}",
            "unit",
            parent.country,
            parent.name,
            fn.id,
            source=step("unit", fn.id),
        )

    def _coordinated(self, doc: Doc, span: Span, countries: list[Span]) -> list[tuple[Span, Body]]:
        """One body per state of a coordinated plural, each linked to its country's words."""
        fn = self.registry.function_in(self.registry.body_wording(surface(span)))
        if fn is None:
            return []
        return [
            (country, self.registry.national(fn, country.kb_id_, surface(span)))
            for country in filter_longest(c for c in countries if inside(c, span))
        ]

    def _from_context(
        self, doc: Doc, function: str, earlier: list[tuple[Span, Body]], text: str | None
    ) -> Body | None:
        """A generic reference: the one known body of the document's states called so,
        else the last body of the same type, else the main country's."""
        counts = state_mentions(doc)
        if text is not None:
            called = self.registry.called(text, function, list(counts))
            if called is not None:
                return called
        for _, body in reversed(earlier):
            if body.function == function:
                return body
        if not counts:
            return None
        fn = next(f for f in self.registry.functions if f.id == function)
        return self.registry.national(fn, counts.most_common(1)[0][0], text)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        self._indexes = {}
        countries = spans_of(doc, "COUNTRY")
        # A rank's own words ("General of Police of the Russian Federation") name no body.
        in_ranks = {i for r in spans_of(doc, "RANK") for i in range(r.start, r.end)}
        agencies = [
            s
            for s in spans_of(doc, "AGENCY")
            if surface(s).lower() not in self.outlets
            and not in_ranks.intersection(range(s.start, s.end))
            and not _fragment(s)
        ]
        owner_ends: dict[int, int] = {}
        for s in agencies:
            owner_ends[s.end] = min(owner_ends.get(s.end, s.start), s.start)
        agencies = [s for s in agencies if not _owner_cut(s, owner_ends)]
        agencies += listed_bodies(doc, countries, self.plural_heads)
        # A short name the text defines for a body is that body wherever it is used, even
        # where it is also an outlet's name elsewhere ("Australian Federal Police (AFP)").
        self._short_names = defined_short_names(doc, agencies)
        agencies += short_name_mentions(doc, self._short_names, agencies)
        resolved: list[tuple[Span, Body]] = []
        deferred: list[Span] = []
        for span in filter_longest(agencies):
            if span.id_ == COORDINATED:
                resolved.extend(self._coordinated(doc, span, countries))
                continue
            body = self.resolve(doc, span, agencies, countries, resolved)
            if body is None:
                deferred.append(span)
            else:
                resolved.append((span, body))
        # Generic references before the first specific one: resolve with the whole document.
        for span in deferred:
            body = self.resolve(doc, span, agencies, countries, resolved)
            if body is not None:
                resolved.append((span, body))
        # A parent named inside a unit's name is mentioned too.
        for span, body in list(resolved):
            if body.parent:
                for inner in self._index(agencies).within(span):
                    if len(inner) < len(span):
                        parent = self.resolve(doc, inner, agencies, countries, resolved)
                        if parent is not None and parent.name == body.parent:
                            resolved.append((inner, parent))
                            break
        resolved.sort(key=lambda sb: sb[0].start)
        # Made before the spans are relabelled: marking them sets the source that
        # `source_of` would read back, and the body's step would be added twice.
        sources = [source(source_of(s), [b.source]) for s, b in resolved]
        # A coordinated plural's bodies are anchored on their country words: relabel those
        # copies AGENCY so the country spans themselves stay as they were.
        replace_label(
            doc,
            "AGENCY",
            [
                mark(
                    Span(doc, s.start, s.end, label="AGENCY", span_id=s.id),
                    origin,
                    score_of(s),
                    kb_id=b.name,
                )
                for (s, b), origin in zip(resolved, sources, strict=True)
            ],
        )
        store = store_entries(doc).setdefault("agencies", [])
        for (span, body), origin in zip(resolved, sources, strict=True):
            add_agency(store, body, surface(span), span.start_char, score_of(span), origin)
        return doc


def add_agency(
    store: list[AgencyEntry], body: Body, alias: str, start_char: int, score: float, source: str
) -> AgencyEntry:
    """Add a mention of `body` to the document's agency entries; return its entry."""
    for entry in store:
        if entry["name"] == body.name:
            entry["mentions"] += 1
            if alias not in entry["aliases"]:
                entry["aliases"].append(alias)
            entry["start_char"] = min(entry["start_char"], start_char)
            entry["score"] = max(entry["score"], score)
            return entry
    entry: AgencyEntry = {
        "name": body.name,
        "kind": body.kind,
        "country": body.country,
        "parent": body.parent,
        "aliases": [alias],
        "mentions": 1,
        "start_char": start_char,
        "score": score,
        "source": source,
    }
    store.append(entry)
    return entry


def load_registry(data: str | Path) -> Registry:
    """The registry (and the gazetteer it names states with) of a component's data."""
    if str(data) == SHIPPED:
        return Registry.shipped()
    return Registry.from_dir(Path(data) / "registry", load(Gazetteer, data, "gazetteer"))


def registry_parts(registry: Registry) -> dict[str, Knowledge]:
    """The registry and its gazetteer, by the subfolders `load_registry` reads."""
    return {"registry": registry, "gazetteer": registry.gazetteer}


@Language.factory(
    "coop_agencies",
    assigns=["doc.spans", "doc._.coop"],
    requires=["doc.spans", "doc._.coop"],
    default_config={"data": SHIPPED},
)
def make_agencies(nlp: Language, name: str, data: str) -> AgencyResolver:
    return AgencyResolver(data)

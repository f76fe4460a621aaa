"""Meetings: one row per occasion on which the sides of two or more states (or a state
and an international body) met, conferred or called.

Composed from what the other components left on the Doc, not from phrase lists:
- an *event frame* per sentence from the parse: an event verb ("met", "received",
  "visited", "chaired", "took part in") or event noun ("talks", "meeting",
  "visit", "conference", "phone conversation") with what it requires (the person
  received, the "part" taken, the phone of a call); `meetings/events.csv`;
- the *participants*: the `officials` rows whose mentions stand in a frame's
  sentence, minus those who only report it ("said Irina Volk");
- kind from the frame word (conference words, call words), status from the
  parse (a "will"/"shall" auxiliary, a planned cue: "the next meeting");
- the place: a city of the place lookup (`knowledge.places`) or a venue after
  "in"/"at", else a country the event is "in"/"to"; the date as a cue that
  `records.meetings` resolves against the document's date.
Frames that share participants (or name none: "During the talks ...") join the
occasion before them; a frame with a new counterpart from a side already
present, another kind, another status or another month ("negotiated it during
May, 1998") opens a new occasion; people who only join ("The meeting was also
attended by X", "X was also present") join the occasion before. A state of an
occasion with none of its people among the participants, or an international body
its sentences name, takes its first official named after the event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from coopnlp.io.dates import (
    MONTH_NAMES,
    full_date,
    month_alternation,
    month_numbers,
    shipped_months,
)
from coopnlp.knowledge.places import Places
from coopnlp.knowledge.sources import source, step
from coopnlp.matching.sentences import sentence_starts
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge, WordLists, load
from coopnlp.pipeline.delegations import DelegationWords, delegations_in, delegations_led
from coopnlp.pipeline.spans import SCORES, MeetingEntry, guarded, spans_of, store_entries
from coopnlp.resources import split_list

PLACE_PREPOSITIONS = ("in", "at", "to")
# The parts of speech of event words, as `meetings/events.csv` names them ("was also
# present": an adjective).
EVENT_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
YEAR = r"(?:19|20)\d\d"


EVENTS_CSV = "meetings/events.csv"
HOST_VERBS_CSV = "meetings/host_verbs.csv"
WORD_SETS = {
    "bilateral": "meetings/bilateral_words.txt",
    "call": "meetings/call_words.txt",
    "conference_modifiers": "meetings/conference_modifiers.txt",
    "context_heads": "meetings/context_heads.txt",
    "envoy_titles": "meetings/envoy_titles.txt",
    "guest": "meetings/guest_words.txt",
    "habitual": "meetings/habitual_words.txt",
    "multilateral": "meetings/multilateral_words.txt",
    "multilateral_heads": "meetings/multilateral_heads.txt",
    "person_objects": "meetings/person_objects.txt",
    "plural_events": "meetings/plural_events.txt",
    "planned": "meetings/planned_words.txt",
    "reporter_titles": "meetings/reporter_titles.txt",
    "speech_verbs": "meetings/speech_verbs.txt",
    "visit_nouns": "meetings/visit_nouns.txt",
}


def _date_re(numbers: dict[str, int]) -> re.Pattern[str]:
    months = month_alternation(numbers)
    month = rf"(?P<month>{months})\.?"
    # "23-25 November", "November 23-25, 2021": the first day counts.
    span = r"(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"
    day = rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{span}"
    return re.compile(
        rf"\b(?:{day}\s+(?:of\s+)?{month}(?:,?\s+(?P<year>{YEAR}))?"
        rf"|(?P<month2>{months})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?{span}\b(?:,?\s+(?P<year2>{YEAR}))?"
        rf"|(?P<month3>{months})\.?(?:,?\s+(?P<year3>{YEAR}))"
        rf"|(?:in|during|since|by)\s+(?:early\s+|late\s+|mid-?)?(?P<month4>{months})\b(?:,?\s+(?P<year4>{YEAR}))?"
        rf"|(?P<iso>{YEAR}-[01]\d-[0-3]\d)"
        rf"|(?P<weekday>{'|'.join(WEEKDAYS)})"
        rf"|(?P<relative>{'|'.join(RELATIVE_DAYS)}))\b",
        re.IGNORECASE,
    )


@dataclass(frozen=True)
class MeetingWords:
    """What `coop_meetings` reads from its word lists (see `MeetingFinder.WORD_LISTS`)."""

    bilateral: frozenset[str]
    call: frozenset[str]
    conference_modifiers: frozenset[str]
    context_heads: frozenset[str]
    envoy_titles: frozenset[str]
    guest: frozenset[str]
    habitual: frozenset[str]
    multilateral: frozenset[str]
    multilateral_heads: frozenset[str]
    person_objects: frozenset[str]
    plural_events: frozenset[str]
    planned: frozenset[str]
    reporter_titles: frozenset[str]
    speech_verbs: frozenset[str]
    visit_nouns: frozenset[str]
    # (lemma, POS) -> (kind, required words, role): `open` a new occasion, `join` the
    # occasion before (opening one only when there is none: "X attended ..."), or
    # only `refer` to one ("the event").
    events: dict[tuple[str, str], tuple[str, tuple[str, ...], str]]
    hosts: dict[str, str]  # verb lemma -> how its host is found (`meetings/host_verbs.csv`)
    month_numbers: dict[str, int]
    date_re: re.Pattern[str]

    @classmethod
    def of(cls, words: WordLists) -> MeetingWords:
        months = month_numbers(words.lines(MONTH_NAMES))
        return cls(
            **{
                key: frozenset(w.lower() for w in words.lines(name))
                for key, name in WORD_SETS.items()
            },
            events={
                (r["lemma"], r["pos"]): (r["kind"], tuple(split_list(r["requires"])), r["role"])
                for r in words.rows(EVENTS_CSV)
            },
            hosts={r["lemma"]: r["host"] for r in words.rows(HOST_VERBS_CSV)},
            month_numbers=months,
            date_re=_date_re(months),
        )


def date_cue(text: str, words: MeetingWords) -> dict | None:
    """The first date expression in a text, as a cue to resolve against the article's date:
    {"year", "month", "day"} (any may be None), {"weekday": 0..6} or {"offset": days}.
    A weekday with its date beside it ("on Wednesday (February 28, 2024)") is that date."""
    matches = list(words.date_re.finditer(text))
    for k, m in enumerate(matches):
        cue = _cue(m, words.month_numbers)
        if cue is None:
            continue
        if "weekday" in cue and k + 1 < len(matches):
            after = matches[k + 1]
            dated = _cue(after, words.month_numbers)
            if (
                dated
                and dated.get("day")
                and WEEKDAY_DATE_GAP.fullmatch(text[m.end() : after.start()])
            ):
                return dated
        return cue
    return None


# What may stand between a weekday and its date: "Monday, 12 May", "Monday (June 19)".
WEEKDAY_DATE_GAP = re.compile(r"[\s,(]*(?:the\s+)?")


def _cue(m: re.Match[str], numbers: dict[str, int]) -> dict | None:
    """One date expression of `date_re` as a cue (None: not a date after all)."""
    g = m.groupdict()
    if g["iso"]:
        y, mo, d = (int(x) for x in g["iso"].split("-"))
        return {"year": y, "month": mo, "day": d}
    if g["weekday"]:
        return {"weekday": WEEKDAYS.index(g["weekday"].lower())}
    if g["relative"]:
        return {"offset": RELATIVE_DAYS[g["relative"].lower()]}
    month = g["month"] or g["month2"] or g["month3"] or g["month4"]
    if month is None or month.lower().rstrip(".") not in numbers:
        return None
    day = g["day"] or g["day2"]
    year = g["year"] or g["year2"] or g["year3"] or g["year4"]
    if day is not None and not 1 <= int(day) <= 31:
        return None
    return {
        "year": int(year) if year else None,
        "month": numbers[month.lower().rstrip(".")],
        "day": int(day) if day else None,
    }


@dataclass
class Frame:
    """One sentence reporting an event."""

    sent: Span
    trigger: Token
    kind: str
    status: str
    strong: bool  # a verb or a noun with its own participants, not "during the talks"
    refer: bool = False  # only refers back to an occasion ("the event", "the signing")
    delegations: set[str] = field(default_factory=set)  # states of delegations it names
    join: bool = False  # adds people to the occasion before ("X also attended")
    participants: list[int] = field(default_factory=list)  # officials indices
    countries: list[str] = field(default_factory=list)
    # International bodies the sentence names ("a meeting with the head of UNODC").
    bodies: set[str] = field(default_factory=set)
    cue: dict | None = None  # the sentence's first date cue (see `date_cue`)


@dataclass(frozen=True)
class DocSpans:
    """The span lists of one document the helpers filter by sentence, built once."""

    country: list[Span]
    agency: list[Span]
    agency_title: list[Span]
    country_agency: list[Span]

    @classmethod
    def of(cls, doc: Doc) -> DocSpans:
        return cls(
            country=spans_of(doc, "COUNTRY"),
            agency=spans_of(doc, "AGENCY"),
            agency_title=spans_of(doc, "AGENCY", "TITLE"),
            country_agency=spans_of(doc, "COUNTRY", "AGENCY"),
        )


@dataclass
class Occasion:
    frames: list[Frame]
    kind: str
    status: str
    participants: list[int] = field(default_factory=list)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _requires_met(
    token: Token,
    needs: tuple[str, ...],
    calls: bool,
    persons: set[int],
    sides: set[str],
    words: MeetingWords,
) -> bool:
    """Whether the frame's required words are there (`@person`: an object that is a person
    or a delegation; `@call`: a call word in the sentence; else a word among the
    trigger's dependents)."""
    if not needs:
        return True
    for need in needs:
        if need == "@call":
            if calls:
                return True
        elif need == "@sides":
            # "X and his Spanish counterpart Y signed ...", "the CBI and Europol signed":
            # people or bodies of two sides.
            if len(sides) >= 2:
                return True
        elif need == "@person":
            for child in token.children:
                if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr"):
                    if any(t.i in persons for t in child.subtree):
                        return True
                    if child.lower_ in words.person_objects:
                        return True
        else:
            near = {_lemma(t) for t in token.subtree} | {t.lower_ for t in token.children}
            if need in near:
                return True
    return False


def _is_planned(trigger: Token, sent: Span, words: MeetingWords) -> bool:
    """A future event: a modal "will"/"shall"/"'ll" on the event verb (or the verb the
    noun hangs off), "to be held", or a planned cue next to the event word."""
    planned = words.planned
    verb = _clause(trigger)
    for t in (verb, *verb.children, *trigger.children):
        if t.lower_ in planned:
            return True
    # "is planned to be held", "is scheduled for"
    head = verb.head
    return verb.dep_ in ("xcomp", "ccomp") and (head.lower_ in planned or _lemma(head) in planned)


def _is_habitual(trigger: Token, words: MeetingWords) -> bool:
    """ "regular meetings are held", "such meetings", "they meet regularly": not one
    occasion ("a regular meeting ... was held today" is one)."""
    habitual = words.habitual
    if trigger.pos_ == "VERB":
        return any(c.lower_ in habitual for c in trigger.children if c.dep_ == "advmod")
    plural = trigger.tag_ in ("NNS", "NNPS") and trigger.lower_ not in words.plural_events
    if not plural:
        return False
    specific = any(
        c.dep_ in ("det", "nummod", "poss") and c.lower_ not in habitual for c in trigger.children
    )
    return not specific or any(c.lower_ in habitual for c in trigger.children)


def _reporters(sent: Span, words: MeetingWords) -> set[int]:
    """Tokens of subjects of speech verbs ("said Irina Volk", "Volk told reporters")."""
    out: set[int] = set()
    speech = words.speech_verbs
    for token in sent:
        if token.pos_ == "VERB" and _lemma(token) in speech:
            for child in token.children:
                if child.dep_ in ("nsubj", "agent"):
                    out.update(t.i for t in child.subtree)
    return out


class MeetingFinder(DataComponent):
    """Build `doc._.coop["meetings"]` from event frames and the officials rows; places
    from the place lookup (`knowledge.places`) its data config names."""

    WORD_LISTS = (
        "officials/delegation_words.csv",
        *WORD_SETS.values(),
        EVENTS_CSV,
        HOST_VERBS_CSV,
        MONTH_NAMES,
    )

    @cached_property
    def places(self) -> Places:
        return load(Places, self.data, "places")

    @cached_property
    def delegation_words(self) -> DelegationWords:
        return DelegationWords.of(self.words.rows("officials/delegation_words.csv"))

    @cached_property
    def meeting_words(self) -> MeetingWords:
        return MeetingWords.of(self.words)

    def knowledge(self) -> dict[str, Knowledge]:
        return {"places": self.places}

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        store = store_entries(doc)
        officials = store.get("officials", [])
        agencies = {a["name"]: a for a in store.get("agencies", [])}
        words = self.meeting_words
        owner = _mention_owners(doc, officials)
        spans = DocSpans.of(doc)
        countries = spans.country
        reporter_rows = {
            k for k, o in enumerate(officials) if _is_reporter_title(o["title"], words)
        }
        frames = [
            f
            for sent in _sentences(doc)
            for f in self._frames(sent, owner, officials, countries, agencies, spans, reporter_rows)
        ]
        dateline = _dateline_cue(doc)
        occasions = _group(frames, officials, dateline)
        side_of = _sides(owner, officials, agencies, spans)
        ranked = _ranked_countries(countries)
        meetings: list[MeetingEntry] = []
        starts = sorted(o.frames[0].sent.start for o in occasions)
        windows: list[range] = []
        bodies: list[set[str]] = []
        for occasion in occasions:
            row = self._row(doc, occasion, officials, agencies, spans, side_of, dateline, ranked)
            if row is None:
                continue
            start = occasion.frames[0].sent.start
            windows.append(range(start, next((s for s in starts if s > start), len(doc))))
            bodies.append(_bodies(occasion))
            if row["place_country"] is None and meetings and row["kind"] != "call":
                # Talks later on the same trip: where the trip was.
                row["place_country"] = meetings[-1]["place_country"]
            meetings.append(row)
        for row, window, named in zip(meetings, windows, bodies, strict=True):
            taken = {n for other in meetings if other is not row for n in other["participants"]}
            _fill_sides(
                row, named, window, owner, officials, reporter_rows | _rows_named(taken, officials)
            )
        if not meetings:
            meetings = _fallback(officials, dateline)
        # The whole text is read for a first full date only where a row can use it.
        written = _written_date_cue(doc) if meetings else None
        for row in meetings:
            row["written_cue"] = dict(written) if written else None
        _attach_agreements(meetings, store.get("agreements", []))
        store["meetings"] = meetings
        return doc

    def _frames(
        self,
        sent: Span,
        owner: dict[int, int],
        officials: list[dict],
        countries: list[Span],
        agencies: dict[str, dict],
        spans: DocSpans,
        reporter_rows: set[int],
    ) -> list[Frame]:
        """The events a sentence reports: its main frame (the first event verb, else the
        first event noun, else a word that only refers back: "the event"), and a
        conference it names beside it ("On the sidelines of the summit, X met Y")."""
        words = self.meeting_words
        persons = {i for i in range(sent.start, sent.end) if i in owner}
        reporters = _reporters(sent, words) | {i for i in persons if owner[i] in reporter_rows}
        inside = _inside_names(sent, spans.agency_title)
        calls = any(t.lower_ in words.call for t in sent)
        # What depends on the sentence only, not on the trigger.
        body_sides = _body_sides(sent, agencies, spans.agency)
        bodies = {b for b in body_sides if agencies.get(b, {}).get("kind") == "international"}
        sent_countries = [
            c.kb_id_ for c in countries if sent.start <= c.start < sent.end and c.kb_id_
        ]
        delegations = delegations_in(sent, countries, self.delegation_words)
        found: list[Frame] = []
        events = words.events
        for token in sent:
            if token.pos_ not in EVENT_POS or (token.i in inside and token.pos_ != "VERB"):
                # "ASEAN Inter-Parliamentary Assembly": a body's name, no event (a verb a
                # title took in by mistake still is one: "Minister of Affairs met").
                continue
            if token.pos_ in ("VERB", "ADJ") and token.dep_ == "amod":
                continue  # "the visiting minister", "the present situation": no event here
            entry = events.get((_lemma(token), EVENT_POS[token.pos_]))
            if entry is None:
                continue
            kind, needs, role = entry
            participants = _participants(token, sent, owner, persons, reporters, words)
            sides = {officials[k]["country"] or officials[k]["agency"] for k in participants}
            sides |= body_sides
            sides.discard(None)
            if role != "refer" and not _requires_met(token, needs, calls, persons, sides, words):
                continue
            if _is_habitual(token, words):
                continue
            if kind == "meeting" and (
                _multilateral(token, agencies, spans.agency, words)
                or any(c.lower_ in words.conference_modifiers for c in token.children)
            ):
                kind = "conference"
            if calls:
                kind = "call"
            elif kind == "call":
                kind = "meeting"  # no phone or video: "paid a courtesy call on the minister"
            found.append(
                Frame(
                    sent=sent,
                    trigger=token,
                    join=role == "join",
                    kind=kind,
                    status="planned" if _is_planned(token, sent, words) else "held",
                    strong=role == "open" and (token.pos_ == "VERB" or len(participants) >= 2),
                    refer=role == "refer",
                    participants=participants,
                    countries=list(sent_countries),
                    delegations=set(delegations),
                    bodies=bodies,
                )
            )
        # The sentence's date, read only where it reports an event (most do not).
        cue = date_cue(sent.text, words) if found else None
        for frame in found:
            frame.cue = cue
        main = next(
            (f for f in found if f.trigger.pos_ == "VERB" and not f.join),  # "was received"
            _attended(found) or next((f for f in found if not f.refer), next(iter(found), None)),
        )
        if main is None:
            if delegations_led(sent, self.delegation_words):
                # "The Azerbaijani delegation was led by X": X joins the occasion before.
                return [
                    Frame(
                        sent=sent,
                        trigger=sent[0],
                        kind="*",
                        status="held",
                        strong=False,
                        refer=True,
                        participants=_participants(
                            sent.root, sent, owner, persons, reporters, words
                        ),
                        cue=date_cue(sent.text, words),
                    )
                ]
            return []
        if main.kind == "conference":
            return [main]
        beside = next((f for f in found if f.kind == "conference" and not f.refer), None)
        if beside is None:
            return [main]
        beside.strong = True
        beside.join = False
        if main.join and beside.trigger in main.trigger.subtree:
            # "X took part in the regional conference": X is at the conference.
            beside.participants = main.participants
            return [beside]
        # A conference beside the main event ("attend the 7th international meeting"):
        # the people named are at the main event.
        beside.participants = []
        return [main, beside] if main.trigger.i < beside.trigger.i or not main.join else [beside]

    def _row(
        self,
        doc: Doc,
        occasion: Occasion,
        officials: list[dict],
        agencies: dict[str, dict],
        spans: DocSpans,
        side_of: dict[int, str | None],
        dateline: dict | None,
        ranked: list[str],
    ) -> MeetingEntry | None:
        words = self.meeting_words
        people = [officials[i] for i in occasion.participants]
        states = list(dict.fromkeys(p["country"] for p in people if p["country"]))
        international = (
            any(
                p["country"] is None
                and p["agency"]
                and agencies.get(p["agency"], {}).get("kind") == "international"
                for p in people
            )
            or (
                occasion.kind == "conference"
                and _multilateral(occasion.frames[0].trigger, agencies, spans.agency, words)
            )
            or bool(_bodies(occasion))
        )
        first = occasion.frames[0]
        place, place_country = _place(
            doc, occasion, spans, side_of, officials, agencies, self.places, words
        )
        listed = _listed_states(occasion, spans.country)
        for code in listed:
            if code not in states:
                states.append(code)  # "met with colleagues from A, B and C"
        if international and not states and place_country:
            states.append(place_country)  # a UN chief's visit to a centre in Russia
        if len(states) < 2 and not international:
            # The sides the reporting sentence names, then the host of the place.
            extra = [*first.countries, *([place_country] if place_country else [])]
            for code in extra:
                if code not in states and len(states) < 2:
                    states.append(code)
        if len(states) < 2 and not international and _bilateral(occasion, words):
            # "talks between the officials of the two countries": the article's two states.
            for code in ranked:
                if code not in states and len(states) < 2:
                    states.append(code)
        if len(states) < 2 and not international:
            return None
        kind = occasion.kind
        if kind == "meeting" and (listed or _framed_states(occasion, officials) >= 3):
            kind = "conference"  # a gathering of three or more states (section 5)
        ordered = sorted(occasion.frames, key=lambda f: not f.strong)
        cue = next((c for f in ordered if (c := date_cue(f.sent.text, words))), None)
        if occasion.status == "planned" and cue is None and place is None:
            return None  # "the upcoming meeting", "will meet": no specific occasion
        if kind == "call":
            place, place_country = None, None  # each side stays where it is
        return {
            "kind": kind,
            "status": occasion.status,
            "date_cue": cue,
            "dateline_cue": dict(dateline) if dateline else None,
            "written_cue": None,
            "place": place,
            "place_country": place_country,
            "participants": [p["name"] for p in people],
            "countries": states,
            "agreements": [],
            "start_char": first.sent.start_char,
            "evidence": first.sent.text.strip(),
            "score": SCORES["meeting"] if first.strong else SCORES["meeting_weak"],
            "source": source(step("rule", "meeting", _lemma(first.trigger))),
        }


def _fill_sides(
    row: MeetingEntry,
    bodies: set[str],
    window: range,
    owner: dict[int, int],
    officials: list[dict],
    reporter_rows: set[int],
) -> None:
    """A side of the meeting with none of its people among the participants (a state of
    it, or an international body its sentences name): the first official of that side
    named from the meeting's sentence up to the next occasion ("The respective sides
    were represented by X and Y", "For his part, X noted ...", "a meeting with the head
    of the UN Office ... Ms. X"). Not for a conference, whose people the sentences name
    one by one."""
    if row["kind"] == "conference":
        return
    people = [o for o in officials if o["name"] in row["participants"]]
    covered = {o["country"] for o in people} | {o["agency"] for o in people if not o["country"]}
    for i in window:
        k = owner.get(i)
        if k is None or k in reporter_rows:
            continue
        official = officials[k]
        side = official["country"] or official["agency"]
        if side in covered:
            continue
        if side in row["countries"] or (official["country"] is None and side in bodies):
            row["participants"].append(official["name"])
            covered.add(side)


def _attended(found: list[Frame]) -> Frame | None:
    """A joining verb whose subject is another event word ("The meeting was also attended
    by X and Y", "The talks were joined by ..."): its people join the occasion before."""
    triggers = {f.trigger.i for f in found}
    return next(
        (
            f
            for f in found
            if f.join
            and f.trigger.pos_ == "VERB"
            and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.i in triggers for c in f.trigger.children
            )
        ),
        None,
    )


def _bodies(occasion: Occasion) -> set[str]:
    """The international bodies the sentences of an occasion's events name."""
    return {b for f in occasion.frames if not f.refer for b in f.bodies}


def _rows_named(names: set[str], officials: list[dict]) -> set[int]:
    return {k for k, o in enumerate(officials) if o["name"] in names}


# The dependents of an event word that name who took part: its subject ("Representatives
# of A and B took part"), its object, and its "of", "from", "with", "between" phrases.
PARTY_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")
PARTY_PREPOSITIONS = ("of", "from", "with", "between")
# A gathering of this many states is a conference (section 5).
MULTILATERAL_STATES = 3


def _listed_states(occasion: Occasion, countries: list[Span]) -> list[str]:
    """The states an event's own phrases list, three or more of them ("the Conference of
    the Ministers of A, B, C and D", "met with colleagues from A, B and C"): all of
    them are represented, whoever of them is named, and it is a conference. Not a
    clause hanging off it ("to discuss cooperation with C"), nor one or two states
    ("the Ambassador of C", "cooperation between A and B")."""
    out: list[str] = []
    for frame in occasion.frames:
        if frame.refer:
            continue
        for child in frame.trigger.children:
            if child.dep_ == "prep" and child.lower_ not in PARTY_PREPOSITIONS:
                continue
            if child.dep_ != "prep" and child.dep_ not in PARTY_DEPS:
                continue
            phrase = {t.i for t in _phrase(child)}
            named = [c.kb_id_ for c in countries if c.start in phrase and c.kb_id_]
            named = list(dict.fromkeys(named))
            if len(named) >= MULTILATERAL_STATES:
                out.extend(c for c in named if c not in out)
    return out


def _framed_states(occasion: Occasion, officials: list[dict]) -> int:
    """The most states whose people one sentence of the occasion names as taking part
    ("X met with Y and Z"): people named in different sentences may be only mentioned."""
    return max(
        (len({officials[p]["country"] for p in f.participants} - {None}) for f in occasion.frames),
        default=0,
    )


def _phrase(token: Token) -> Iterable[Token]:
    """A token's subtree without the clauses inside it (relative, participle, infinitive)."""
    yield token
    for child in token.children:
        if child.dep_ not in ("relcl", "acl", "advcl", "xcomp", "ccomp"):
            yield from _phrase(child)


def _bilateral(occasion: Occasion, words: MeetingWords) -> bool:
    return any(t.lower_ in words.bilateral for f in occasion.frames for t in f.sent)


def _ranked_countries(countries: list[Span]) -> list[str]:
    """The document's states, most named first."""
    counts: dict[str, int] = {}
    for span in countries:
        if span.kb_id_:
            counts[span.kb_id_] = counts.get(span.kb_id_, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def _is_reporter_title(title: str | None, words: MeetingWords) -> bool:
    text = (title or "").lower()
    return any(w in text for w in words.reporter_titles)


def _sides(
    owner: dict[int, int], officials: list[dict], agencies: dict[str, dict], spans: DocSpans
) -> dict[int, str | None]:
    """Token index -> the state of the official, body or country written there."""
    side_of: dict[int, str | None] = {i: officials[k]["country"] for i, k in owner.items()}
    for span in spans.country_agency:
        code = (
            span.kb_id_
            if span.label_ == "COUNTRY"
            else agencies.get(span.kb_id_, {}).get("country")
        )
        for i in range(span.start, span.end):
            side_of.setdefault(i, code)
    return side_of


def _inside_names(sent: Span, names: list[Span]) -> set[int]:
    """Tokens inside the `names` (spans of the document) that start in the sentence."""
    return {
        i
        for span in names
        if sent.start <= span.start < sent.end
        for i in range(span.start, span.end)
    }


def _body_sides(sent: Span, agencies: dict[str, dict], bodies: list[Span]) -> set[str]:
    """The states (or international bodies) of the bodies a sentence names."""
    out = set()
    for span in bodies:
        body = agencies.get(span.kb_id_)
        if body is not None and sent.start <= span.start < sent.end:
            out.add(body["country"] or body["name"])
    return out


def _clause(trigger: Token) -> Token:
    """The verb whose clause reports the event: the trigger itself, or the verb a
    noun trigger hangs off."""
    token = trigger
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            break
        token = token.head
    return token


def _participants(
    trigger: Token,
    sent: Span,
    owner: dict[int, int],
    persons: set[int],
    reporters: set[int],
    words: MeetingWords,
) -> list[int]:
    """Officials named in the event's clause (without subordinate clauses: "The day
    before Radan arrived, Putin spoke by phone with Raisi"), else in its sentence;
    those who only report it are left out unless nobody else is named."""
    clause = _clause(trigger)
    skip = {
        t.i
        for c in clause.children
        if c.dep_ == "advcl"
        and trigger not in c.subtree
        and any(m.dep_ == "mark" for m in c.children)
        for t in c.subtree
    }
    # "within the framework of the visit by Prime Minister X": behind it, not at it.
    context = words.context_heads
    behind = {t.i for h in sent if h.lower_ in context for t in h.subtree if t is not h}
    scope = {t.i for t in sent} - skip - behind
    for candidates in (
        [i for i in sorted(persons) if i in scope and i not in reporters],
        [i for i in sorted(persons) if i not in reporters and i not in behind],
        [i for i in sorted(persons) if i not in behind],
    ):
        if candidates:
            return list(dict.fromkeys(owner[i] for i in candidates))
    return []


def _sentences(doc: Doc) -> list[Span]:
    starts = sentence_starts(doc)
    return [doc[s:e] for s, e in zip(starts, [*starts[1:], len(doc)], strict=True) if e > s]


def _multilateral(
    trigger: Token, agencies: dict[str, dict], bodies: list[Span], words: MeetingWords
) -> bool:
    """ "the meeting of the Council of Ministers of ... CIS member states", "the meeting of
    the BSEC Working Group": a session of an international body, a conference. The "of"
    of a visit names who travelled ("the visit of Europol's Director"), not a session."""
    if _lemma(trigger) in words.visit_nouns:
        return False
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            named = {t.lower_ for t in child.subtree}
            if named & words.multilateral and named & words.multilateral_heads:
                return True
            span = child.doc[child.i : child.right_edge.i + 1]
            for body in bodies:
                international = agencies.get(body.kb_id_, {}).get("kind") == "international"
                if international and span.start <= body.start < span.end:
                    return True
    return False


def _mention_owners(doc: Doc, officials: list[dict]) -> dict[int, int]:
    """Token index -> officials row, for every PERSON mention whose surname is a row's
    (the rule `coop_officials` groups mentions by)."""
    names = [_name_words(o["name"]) for o in officials]
    owner: dict[int, int] = {}
    for span in spans_of(doc, "PERSON"):
        words = _name_words(span.text)
        if not words:
            continue
        for k, name in enumerate(names):
            if name and (name[-1] in words or words[-1] in name):
                for i in range(span.start, span.end):
                    owner.setdefault(i, k)
                break
    # Surnames the NER left unlabelled ("co-chaired the meeting with To Lam"): the
    # capitalised last name of a row, outside the names of bodies and positions.
    named = {i for s in spans_of(doc, "AGENCY", "TITLE", "COUNTRY") for i in range(s.start, s.end)}
    surnames = {
        o["name"].split()[-1]: k for k, o in enumerate(officials) if len(o["name"].split()) > 1
    }
    for token in doc:
        k = surnames.get(token.text)
        free = k is not None and token.i not in owner and token.i not in named
        if free and len(token.text) > 2 and token.text[:1].isupper():
            owner[token.i] = k
    return owner


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"\w+", name.lower()) if w != "s"]


def _group(
    frames: list[Frame], officials: list[dict], dateline: dict | None = None
) -> list[Occasion]:
    """Frames into occasions, in text order (see the module docstring)."""
    occasions: list[Occasion] = []
    for frame in frames:
        # An earlier or later occasion referred to by its own month ("In November last
        # year, a meeting was held ...") is not the one reported before.
        fits = [o for o in occasions if not _other_date(frame, o, dateline)]
        target = _strong_target(frame, fits, officials) if frame.strong else None
        if not frame.strong:
            target = _weak_target(frame, fits)
            opens = not (frame.join or frame.refer)
            if target is not None and opens and _new_counterpart(frame, target, officials, True):
                target = None  # "the leader of the delegation also paid a call on X"
        if target is None:
            if frame.refer or frame.kind == "*":
                continue  # "During the talks ..." with nothing it can refer to
            target = Occasion(frames=[], kind=frame.kind, status=frame.status)
            if frame.delegations:
                # "the delegation of the MIA of Russia was received by ...": the members
                # of that side at the last occasion it was at.
                target.participants = next(
                    (
                        members
                        for o in reversed(occasions)
                        if (members := _members(o, frame.delegations, officials))
                    ),
                    [],
                )
            occasions.append(target)
        target.frames.append(frame)
        for p in frame.participants:
            if p not in target.participants:
                target.participants.append(p)
    return occasions


def _members(occasion: Occasion, states: set[str], officials: list[dict]) -> list[int]:
    """The participants of an occasion from the given states."""
    return [p for p in occasion.participants if officials[p]["country"] in states]


def _month_of(cue: dict | None) -> tuple[int | None, int] | None:
    """(year or None, month) of a cue that names a month, else None."""
    if cue is None or not cue.get("month"):
        return None
    return cue.get("year"), cue["month"]


def _other_date(frame: Frame, occasion: Occasion, dateline: dict | None) -> bool:
    """Whether a frame names a month other than its occasion's (the month its first
    frame names, else the dateline's): another occasion, not the same one retold. When
    the occasion names none (it is the article's own: "today", "on Monday"), a month
    with its year ("during May, 1998") is another. A frame that shares a participant
    with the occasion stays in it."""
    own = _month_of(frame.cue)
    if own is None or set(frame.participants) & set(occasion.participants):
        return False
    known = _month_of(occasion.frames[0].cue) or _month_of(dateline)
    if known is None:
        return own[0] is not None
    years = own[0] is not None and known[0] is not None
    return own[1] != known[1] or (years and own[0] != known[0])


def _weak_target(frame: Frame, occasions: list[Occasion]) -> Occasion | None:
    """The occasion a frame without its own event refers to: the last one of its kind
    and status, else the last one of its status ("This event is planned to be held in
    October" after "the next meeting of the Council"), except for a conference, which is
    a gathering of its own ("on the sidelines of the session of the Interpol General
    Assembly"); None opens a new one."""
    if frame.kind == "*":
        return occasions[-1] if occasions else None
    same = [o for o in occasions if o.status == frame.status]
    target = next((o for o in reversed(same) if o.kind == frame.kind), None)
    if target is None and same and frame.kind != "conference":
        target = same[-1]
    return target


def _strong_target(
    frame: Frame, occasions: list[Occasion], officials: list[dict]
) -> Occasion | None:
    """The occasion a full frame continues: the last one of its kind and status, unless
    it names a new counterpart once both sides are there ("then held talks with the
    Slovak minister", "was then received by the Minister"): another meeting."""
    for occasion in reversed(occasions):
        if occasion.status != frame.status or occasion.kind != frame.kind:
            continue
        if _new_counterpart(frame, occasion, officials):
            continue
        return occasion
    return None


def _new_counterpart(
    frame: Frame, occasion: Occasion, officials: list[dict], delegations: bool = False
) -> bool:
    """Whether a frame names people new to an occasion that already has two sides (or,
    with `delegations`, names the delegation of another side: "the leader of the Indian
    delegation also paid a call on X"), none of them from the side of a person it
    shares with it."""
    new = [p for p in frame.participants if p not in occasion.participants]
    new_sides = {officials[p]["country"] for p in new}
    old_sides = {officials[p]["country"] for p in frame.participants if p in occasion.participants}
    sides = {officials[p]["country"] for p in occasion.participants}
    # An occasion nobody is named at yet ("a two-day meeting between the officials of
    # the two countries") has no counterpart to replace.
    visitors = delegations and bool(sides) and bool(frame.delegations - new_sides) and not old_sides
    return bool(new) and (len(sides) >= 2 or visitors) and not old_sides & new_sides


def _place(
    doc: Doc,
    occasion: Occasion,
    spans: DocSpans,
    side_of: dict[int, str | None],
    officials: list[dict],
    agencies: dict[str, dict],
    places: Places,
    words: MeetingWords,
) -> tuple[str | None, str | None]:
    """The city or venue of the occasion and its country: a city or venue its sentences
    name, a state it is "in" or "to", the host the parse or the guests' embassies
    imply, else the dateline's city. A venue whose state its name does not give
    ("at Bogor Palace") takes the state found the other ways."""
    venue: str | None = None
    for frame in occasion.frames:
        filed = _filed_at(frame.sent, places)
        for name in _place_names(frame.sent, spans):
            code = places.city_country(name.text)
            if code is not None and name.start_char >= filed:
                return name.text, code
        for token in frame.sent:
            if token.lower_ in ("at", "in") and token.dep_ == "prep":
                obj = next((c for c in token.children if c.dep_ == "pobj"), None)
                if obj is not None and places.is_venue(obj.text) and obj.pos_ == "PROPN":
                    words_of = [t for t in obj.subtree if t.dep_ != "det"]
                    span = doc[words_of[0].i : words_of[-1].i + 1]
                    code = _venue_country(span, spans, agencies)
                    if code is not None:
                        return span.text, code
                    venue = venue or span.text
    for frame in occasion.frames:
        for token in frame.sent:
            if token.lower_ in ("in", "to") and token.dep_ in ("prep", "dative"):
                obj = next((c for c in token.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                for country in spans.country:
                    if country.start <= obj.i < country.end and country.kb_id_:
                        return venue, country.kb_id_
                # "a working visit to the Ministry of Internal Affairs of Yakutia"; not an
                # embassy, which stands in the other state, nor the "in" of a body's own
                # name ("US Embassy in Dushanbe").
                for body in spans.agency:
                    found = agencies.get(body.kb_id_, {})
                    state = found.get("country") if found.get("kind") != "mission" else None
                    if token.i < body.start <= obj.i < body.end and state:
                        return venue, state
    host = _host(occasion, side_of, words) or _envoys_host(occasion, officials, agencies, words)
    if host is not None:
        return venue, host
    dateline = _dateline_city(doc, places)
    if dateline is not None:
        return (venue, dateline[1]) if venue else dateline
    return venue, None


def _filed_at(sent: Span, places: Places) -> int:
    """Where a sentence's dateline ends ("Islamabad: the minister visited ..."), else its
    start: the city the news was filed in is not where the event it reports took place."""
    m = DATELINE.match(sent.text)
    if m is None or places.city_country(m.group(1)) is None:
        return sent.start_char
    return sent.start_char + m.end(1)


def _venue_country(venue: Span, spans: DocSpans, agencies: dict[str, dict]) -> str | None:
    """The state of a venue: of the body it is ("at the Ministry of the Interior of
    Peru"), else of a state its name holds ("at the headquarters of Chile's police")."""
    inside = [s for s in spans.country_agency if venue.start <= s.start < venue.end]
    for span in inside:
        if span.label_ == "AGENCY" and (body := agencies.get(span.kb_id_)) and body["country"]:
            return body["country"]
    return next((s.kb_id_ for s in inside if s.label_ == "COUNTRY" and s.kb_id_), None)


def _place_names(sent: Span, spans: DocSpans) -> list[Span]:
    """Names that may be a city: place entities, and proper nouns after "in", "at" or
    "to" (the parser's NER takes "in Yerevan" for a person at times)."""
    names = [e for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")]
    for token in sent:
        if (
            token.pos_ == "PROPN"
            and token.dep_ == "pobj"
            and token.head.lower_ in PLACE_PREPOSITIONS
        ):
            start = min(
                (c.i for c in token.children if c.dep_ in ("compound", "flat")), default=token.i
            )
            names.append(sent.doc[start : token.i + 1])
    # Not words of a state's or a body's name ("a visit to the Republic of Bulgaria"),
    # but a city named after its state ("in Guatemala City") is more than the state.
    named = _inside_names(sent, spans.country_agency)
    return [n for n in names if not all(i in named for i in range(n.start, n.end))]


def _envoys_host(
    occasion: Occasion, officials: list[dict], agencies: dict[str, dict], words: MeetingWords
) -> str | None:
    """An ambassador meets the state he is posted to: the other participant's state. An
    envoy works for a mission, or has an envoy's title ("Canadian Ambassador")."""
    people = [officials[k] for k in occasion.participants]
    envoys = {
        p["country"]
        for p in people
        if agencies.get(p["agency"] or "", {}).get("kind") == "mission"
        or words.envoy_titles & set((p["title"] or "").lower().split())
    }
    if not envoys:
        return None
    return next((p["country"] for p in people if p["country"] and p["country"] not in envoys), None)


def _side(tokens: Iterable[Token], side_of: dict[int, str | None]) -> str | None:
    return next((side_of[t.i] for t in tokens if side_of.get(t.i)), None)


def _host(occasion: Occasion, side_of: dict[int, str | None], words: MeetingWords) -> str | None:
    """The state that hosted: the subject of "received"/"hosted", of "met" or "held talks
    with" a visiting delegation or an envoy (the other side when the subject is the
    visitor: "the visiting minister met ..."), or the object of "visited"."""
    hosts = words.hosts
    guests = words.guest
    for frame in occasion.frames:
        # The event verb, or the verb an event noun hangs off ("held talks").
        verb = frame.trigger if frame.trigger.pos_ == "VERB" else _clause(frame.trigger)
        how = hosts.get(_lemma(verb)) if verb.pos_ == "VERB" else None
        if how is None:
            continue
        subject = [t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree]
        objects = [t for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree]
        if how == "object":
            found = _side(objects, side_of)
        elif how == "subject_if_guest":
            if any(t.lower_ in guests for t in objects):
                found = _side(subject, side_of)
            elif any(t.lower_ in guests for t in subject):
                found = _side(objects, side_of)
            else:
                found = None
        else:
            found = _side(subject, side_of)
        if found is not None:
            return found
    return None


DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'\- ]{2,30}?)\s*(?:,|\.|:|\s[-–—:])\s")


@cache
def _dated_place_re() -> re.Pattern[str]:
    """A place with the day after it, anywhere in a line ("(KUNA) DOHA, Nov 20 (KUNA) --")."""
    months = month_alternation(shipped_months())
    return re.compile(
        rf"\b([A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){{0,2}}),\s*(?:{months})\.?\s+[0-3]?\d\b",
        re.IGNORECASE,
    )


def _opening(doc: Doc, n_chars: int) -> str:
    """`doc.text[:n_chars]`, joining only the tokens it needs (`Doc.text` joins all)."""
    parts = []
    for token in doc:
        if token.idx >= n_chars:
            break
        parts.append(token.text_with_ws)
    return "".join(parts)[:n_chars]


def _dateline_city(doc: Doc, places: Places) -> tuple[str, str] | None:
    """The city of a dateline opening one of the first lines ("BAKU, Azerbaijan,
    May 26", "Cairo - ...", "Islamabad: ..."), or standing with its day after a news
    agency's tag ("(Kuwait News Agency) DOHA, Nov 20 --")."""
    for line in _opening(doc, 600).split("\n")[:6]:
        found = [m.group(1) for m in (DATELINE.match(line),) if m is not None]
        found += [m.group(1) for m in _dated_place_re().finditer(line)]
        for name in found:
            code = places.city_country(name)
            if code is not None:
                return name.strip(), code
    return None


def _dateline_cue(doc: Doc) -> dict | None:
    """A full date in the opening lines ("Belgrade, 8 April 2010 -", "Monday
    19-06-2017"): the article's date when the input gave none."""
    found = full_date(_opening(doc, 200))
    return {"year": found.year, "month": found.month, "day": found.day} if found else None


def _written_date_cue(doc: Doc) -> dict | None:
    """The first full date written anywhere in the article: what a month without its year
    ("on 12-14 July") is read against when the article's own date is unknown."""
    found = full_date(doc.text)
    return {"year": found.year, "month": found.month, "day": found.day} if found else None


def _fallback(officials: list[dict], dateline: dict | None) -> list[MeetingEntry]:
    """An article naming officials of two or more states in which no event frame was
    found (the parse missed it): one held meeting of all of them, at a low score."""
    states = list(dict.fromkeys(o["country"] for o in officials if o["country"]))
    if len(states) < 2:
        return []
    first = min(officials, key=lambda o: o["start_char"])
    return [
        {
            "kind": "meeting",
            "status": "held",
            "date_cue": None,
            "dateline_cue": dict(dateline) if dateline else None,
            "written_cue": None,
            "place": None,
            "place_country": None,
            "participants": [o["name"] for o in officials],
            "countries": states,
            "agreements": [],
            "start_char": first["start_char"],
            "evidence": first["evidence"],
            "score": SCORES["meeting_fallback"],
            "source": source(step("rule", "meeting", "officials_of_two_states")),
        }
    ]


def _attach_agreements(meetings: list[MeetingEntry], agreements: list[dict]) -> None:
    """Agreements signed or agreed in a sentence of a held occasion, else at the only one."""
    held = [m for m in meetings if m["status"] == "held"]
    for agreement in agreements:
        if agreement["status"] not in ("signed", "agreed"):
            continue
        label = agreement["title"] or agreement["kind"]
        target = next(
            (m for m in held if agreement["evidence"] and agreement["evidence"] in m["evidence"]),
            held[0] if len(held) == 1 else None,
        )
        if target is not None and label not in target["agreements"]:
            target["agreements"].append(label)


@Language.factory(
    "coop_meetings",
    assigns=["doc._.coop"],
    requires=["doc.spans", "doc._.coop"],
    default_config={"data": SHIPPED},
)
def make_meetings(nlp: Language, name: str, data: str) -> MeetingFinder:
    return MeetingFinder(data=data)

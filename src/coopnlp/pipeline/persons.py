"""Person names: the statistical NER's PERSONs, cleaned, plus names it misses.

`ner` misses names after a rank or title in this domain (Vietnamese, Central
Asian, initials like "S. Baatarjav") and invents persons out of outlets, ranks
and site furniture. This component writes the final PERSON spans into the
coop span group:
- NER PERSONs trimmed of honorifics, ranks and titles, kept when they look
  like a name and do not overlap an agency, country or agreement;
- names right after a RANK or TITLE span or an honorific ("Colonel General
  Ramil Usubov", "Minister Usubov", "Deputy Minister ... Chan Quoc To").

Every candidate goes through one validator (`_rejection`): its length, its words
(capitalised name words, not institution or calendar words, not an outlet), no
overlap with a body, state or agreement, not a place (a city of the places
gazetteer, or a name before "province" / after "the town of"), not a plural
noun ("Chiefs", "People"), not a byline ("By Jane Doe", "Posted by : Jane Doe").
A verb glued in front ("Echoing Ahmed Khan said") is trimmed off. Each rejected
candidate is kept in `doc.spans["coop_rejected"]` (label `NOT_PERSON`) with its
reason in `span._.coop_source` ("rejected:person:place: a city", ...), which
`coopnlp inspect FILE` lists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from coopnlp.knowledge.places import Places
from coopnlp.knowledge.sources import source, step
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge, load
from coopnlp.pipeline.ranks import rank_end
from coopnlp.pipeline.spans import (
    SCORES,
    filter_longest,
    guarded,
    mark,
    replace_label,
    source_of,
    spans_of,
    starts_of,
)

# "S.", "V.I." and the two-letter initials of Mongolian and Central Asian names
# transliterated from Cyrillic ("Kh. Nyambaatar", "Ts. Enkhbat").
INITIAL = re.compile(r"^(?:(?:[A-Z]|Kh|Ts|Ch|Sh|Zh)\.)+$")
# A surname with a capital inside after a short prefix: "McIntosh", "MacDonald", "DeSantis".
INNER_CAPITAL = re.compile(r"^[A-Z][a-z]{1,2}[A-Z][a-z]+$")
# A regnal number after a monarch's name: "Mohammed VI", "Charles III" (not "I": a pronoun).
REGNAL = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
# Initials glued to the surname: "D.Sandag-Ochir", "V.Eyvazov".
GLUED_INITIALS = re.compile(r"^(?:[A-Z]\.)+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*$")
BLOCKING_LABELS = ("AGENCY", "COUNTRY", "AGREEMENT")
# Name words, not counting particles and hyphens ("Mohamed bin Abdullah Al-Sharif": 4).
MAX_NAME_TOKENS = 5
# An honorific written with a space or an apostrophe is more than one token.
MULTI_TOKEN = re.compile(r"[\s'’]").search
# What starts a byline: a new line, or a credit after another on the same line.
CREDIT_SEPARATORS = ("\n", ";", "|", "•")
FIRST_WORD = re.compile(r"[^\s'’]+")
REJECTED_KEY = "coop_rejected"
REJECTED_LABEL = "NOT_PERSON"
PLURAL_TAGS = ("NNS", "NNPS")


def _folded(text: str) -> str:
    """Lower case without accents: "Hà Giang" -> "ha giang"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _sentence_break(token: Token) -> bool:
    """Whether a sentence may end after `token`: punctuation, a line break."""
    return token.is_punct or token.is_space or "\n" in token.whitespace_


def _glued_verb(token: Token) -> bool:
    """A gerund opening a sentence and glued to the name after it ("Echoing Ahmed Khan
    said"); names the tagger takes for verbs ("Said", "Will") are no gerunds."""
    return (
        token.is_sent_start
        and token.tag_ == "VBG"
        and token.lower_.endswith("ing")
        and token.lemma_.lower() != token.lower_
    )


class PersonFinder(DataComponent):
    """Clean NER persons and add names found after ranks, titles and honorifics."""

    WORD_LISTS = (
        "persons/honorifics.txt",
        "persons/name_particles.txt",
        "persons/not_name_words.txt",
        "persons/place_words.txt",
        "persons/byline_cues.txt",
        "persons/dateline_words.txt",
        "persons/not_name_suffixes.txt",
        "officials/counterpart_words.txt",
        "agencies/outlets.txt",
        "titles/title_pattern_words.csv",
    )

    def __init__(self, max_after_cue: int = 4, data: str = SHIPPED) -> None:
        super().__init__(data)
        self.max_after_cue = max_after_cue

    @cached_property
    def honorifics(self) -> set[str]:
        """One-token honorifics ("Dr", "Shri"), matched as written."""
        return {h for h in self.words.lines("persons/honorifics.txt") if not MULTI_TOKEN(h)}

    @cached_property
    def honorific_phrases(self) -> dict[str, tuple[str, ...]]:
        """Honorifics the tokenizer splits ("Tan Sri", "Dato' Sri") by their first word."""
        phrases: dict[str, list[str]] = {}
        for h in self.words.lines("persons/honorifics.txt"):
            if MULTI_TOKEN(h):
                phrases.setdefault(FIRST_WORD.match(h)[0], []).append(h)
        # longest first: "Dato' Sri" before "Dato'"
        return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()}

    @cached_property
    def _honorific_ids(self) -> set[int]:
        return {hash_string(h) for h in self.honorifics | set(self.honorific_phrases)}

    def _honorific_end(self, doc: Doc, index: int) -> int:
        """The end of the honorifics written from `index` ("His Highness Sheikh", "Tan Sri
        Datuk"), `index` itself when there is none."""
        while index < len(doc):
            token = doc[index]
            # a phrase first: "Datuk Seri" before the word "Datuk"
            end = next(
                (
                    j
                    for phrase in self.honorific_phrases.get(token.text, ())
                    for j in range(index + 1, min(len(doc), index + 5) + 1)
                    if doc[index:j].text == phrase
                ),
                index + (token.text in self.honorifics),
            )
            if end == index:
                return index
            index = end
        return index

    @cached_property
    def field_words(self) -> frozenset[str]:
        """A position's fields ("Operations"), written after its acronym: "DIG Operations X"."""
        domain = self.words.listed("titles/title_pattern_words.csv", "domain")
        return frozenset(w.lower() for w in domain)

    @cached_property
    def particles(self) -> set[str]:
        return set(self.words.lines("persons/name_particles.txt"))

    @cached_property
    def not_name(self) -> set[str]:
        return {w.lower() for w in self.words.lines("persons/not_name_words.txt")}

    @cached_property
    def outlets(self) -> set[str]:
        return {w.lower() for w in self.words.lines("agencies/outlets.txt")}

    @cached_property
    def place_words(self) -> set[str]:
        return {w.lower() for w in self.words.lines("persons/place_words.txt")}

    @cached_property
    def byline_cues(self) -> set[str]:
        return {" ".join(w.lower().split()) for w in self.words.lines("persons/byline_cues.txt")}

    @cached_property
    def not_name_suffixes(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.words.lines("persons/not_name_suffixes.txt"))

    @cached_property
    def dateline_words(self) -> set[str]:
        return {w.lower() for w in self.words.lines("persons/dateline_words.txt")}

    @cached_property
    def _counterpart_ids(self) -> set[int]:
        return {hash_string(w) for w in self.words.lines("officials/counterpart_words.txt")}

    @cached_property
    def places(self) -> Places:
        # like a missing word list, a data folder without places holds none (small test data)
        if self.data != SHIPPED and not (Path(self.data) / "places").is_dir():
            return Places([], [])
        return load(Places, self.data, "places")

    @cached_property
    def _city_keys(self) -> frozenset[str]:
        """City names without accents, lower case ("ha giang" for "Hà Giang")."""
        return frozenset(_folded(name) for name in self.places.cities)

    def knowledge(self) -> dict[str, Knowledge]:
        return {"places": self.places}

    # -- token tests ---------------------------------------------------------
    def _name_token(self, token: Token) -> bool:
        """Could this token stand in a person's name?"""
        text = token.text
        if token.lower_ in self.not_name or token.like_num:
            return False
        if INITIAL.match(text) or GLUED_INITIALS.match(text) or INNER_CAPITAL.match(text):
            return True
        if token.is_title and token.is_alpha:
            return True
        # Hyphenated or apostrophe names ("Ki-moon" is split: "Ki", "-", "moon"; "O'Neil").
        return bool(re.match(r"^[A-Z](?:[a-z]+|(?=['’]))(?:[-'’][A-Za-z]+)*$", text))

    def _in_name(self, token: Token) -> bool:
        """A name word, the lower-case half of a hyphenated name ("Ki-moon") or a regnal
        number after a name word ("Felipe VI")."""
        if self._name_token(token):
            return True
        prev = token.doc[token.i - 1] if token.i > 0 else None
        if prev is None:
            return False
        if REGNAL.match(token.text):
            return self._name_token(prev)
        return token.is_alpha and token.is_lower and prev.text == "-"

    def _rejection(self, span: Span, blocked: set[int], after_cue: bool, text: str) -> str | None:
        """Why `span` is no person's name, or None when it may be one (`text`: the
        Doc's text, read once per Doc: `Doc.text` joins every token anew)."""
        if not 1 <= self._word_count(span) <= MAX_NAME_TOKENS:
            return "length"
        if span.text.lower() in self.outlets:
            return "outlet"
        if blocked.intersection(range(span.start, span.end)):
            return "overlaps a body, state, agreement, rank or title"
        if not (self._name_token(span[0]) or self._capitals_surname(span, 0)):
            return f"not a name word: {span[0].text!r}"
        odd = [
            t
            for k, t in enumerate(span)
            if not (
                self._in_name(t)
                or t.lower_ in self.particles
                or t.text in "-'’"
                or self._initial_dot(t)
                or self._capitals_surname(span, k)
            )
        ]
        if odd or not self._in_name(span[-1]):
            return f"not a name word: {(odd or [span[-1]])[0].text!r}"
        noun = next((t for t in span if t.lower_.endswith(self.not_name_suffixes)), None)
        if noun is not None:
            return f"a common noun: {noun.text!r}"
        if self._plural_noun(span):
            return "plural noun"
        if self._byline(span, text):
            return "byline"
        return self._place(span, after_cue)

    def _capitals_surname(self, span: Span, k: int) -> bool:
        """A surname in capitals at either end of a name, next to a written name word
        ("KIM Jong-ho", "Jean DUPONT"): the style of East Asian and French sources."""
        token = span[k]
        if not (token.is_upper and token.is_alpha and len(token) >= 2):
            return False
        if token.lower_ in self.not_name or token.lower_ in self.outlets:
            return False
        neighbour = k + 1 if k == 0 else k - 1
        return k in (0, len(span) - 1) and len(span) >= 2 and span[neighbour].is_title

    def _initial_dot(self, token: Token) -> bool:
        """The period the tokenizer split off a two-letter initial before a name word
        ("Kh. Nyambaatar": "Kh", ".")."""
        doc, i = token.doc, token.i
        return (
            token.text == "."
            and 0 < i < len(doc) - 1
            and not doc[i - 1].whitespace_
            and INITIAL.match(doc[i - 1].text + ".") is not None
            and self._name_token(doc[i + 1])
        )

    def _is_joiner(self, token: Token) -> bool:
        """A particle or a hyphen or apostrophe inside a name: no word of its own."""
        return token.lower_ in self.particles or token.text in "-'’"

    def _word_count(self, tokens: Span) -> int:
        return sum(not self._is_joiner(t) for t in tokens)

    def _byline(self, span: Span, text: str) -> bool:
        """A name after a byline cue at the start of its line ("Posted by : Jane Doe"), or
        alone on its line after nothing but a date stamp ("date 2021-08-11 Jane Doe");
        `text`: the Doc's text."""

        def words_from(start: int) -> list[str]:
            before = text[start : span.start_char]
            return "".join(c if c.isalnum() else " " for c in before).lower().split()

        # a credit line holds several ("Reporting by A; Editing by B"): each starts anew
        credit_start = max(text.rfind(c, 0, span.start_char) for c in CREDIT_SEPARATORS) + 1
        if " ".join(words_from(credit_start)) in self.byline_cues:
            return True
        words = words_from(text.rfind("\n", 0, span.start_char) + 1)
        line_end = text.find("\n", span.end_char)
        after = text[span.end_char : len(text) if line_end < 0 else line_end]
        return not any(c.isalnum() for c in after) and all(
            w.isdigit() or w in self.dateline_words for w in words
        )

    def _plural_noun(self, span: Span) -> bool:
        """A common noun in the plural ("Chiefs", "Ministers"), not a surname in -s
        ("Williams"): a plural the tagger says is common, or one of a word that is no name."""
        token = span[0]
        if len(span) > 1 or token.ent_type_ == "PERSON" or token.tag_ not in PLURAL_TAGS:
            return False
        return token.tag_ == "NNS" or token.lower_.removesuffix("s") in self.not_name

    def _place(self, span: Span, after_cue: bool) -> str | None:
        """A place taken for a person: a name before "province", after "the town of", or
        (not after a rank or title: "Minister Lincoln") a city of the places gazetteer."""
        doc = span.doc
        if span.end < len(doc) and doc[span.end].lower_ in self.place_words:
            return f"place: before {doc[span.end].text!r}"
        before = doc[max(0, span.start - 2) : span.start]
        if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in self.place_words:
            return f"place: after {before.text!r}"
        # a city name that acts (the subject of a verb: "Hai Duong said") is a person's
        if (
            not after_cue
            and span.root.dep_ not in ("nsubj", "nsubjpass")
            and _folded(span.text) in self._city_keys
        ):
            return "place: a city"
        return None

    # -- candidates ----------------------------------------------------------
    def _trim(self, span: Span, cue_tokens: set[int]) -> Span | None:
        """Drop honorifics, rank/title words and punctuation around a NER person."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end:
            if (honorific_end := self._honorific_end(doc, start)) > start:
                start = honorific_end
            elif (
                start in cue_tokens
                or doc[start].is_punct
                or doc[start].lower_ in self.not_name
                or _glued_verb(doc[start])
            ):
                start += 1
            else:
                break
        start = min(start, end)
        # "Abdullah bin": a name does not end on a particle; the rest is read after a cue.
        while end > start and (
            doc[end - 1].is_punct
            or doc[end - 1].text in ("'s", "’s")
            or doc[end - 1].lower_ in self.particles
        ):
            end -= 1
        if start >= end:
            return None
        # "S. Baatarjav": the model often leaves the initial out.
        if start > 0 and INITIAL.match(doc[start - 1].text) and start - 1 not in cue_tokens:
            start -= 1
        return doc[start:end]

    def _after(self, doc: Doc, index: int, blocked: set[int]) -> Span | None:
        """The name run starting at `index` (after an optional comma and honorifics:
        "His Highness Sheikh Tamim"), if any."""
        if index < len(doc) and doc[index].text == ",":
            index += 1
        index = self._honorific_end(doc, index)
        end, words = index, 0
        # at most `max_after_cue` name words; particles and hyphens are free
        while (
            end < len(doc)
            and (words < self.max_after_cue or self._is_joiner(doc[end]))
            and end not in blocked
            and (
                self._name_token(doc[end])
                or (end > index and doc[end].lower_ in self.particles)
                or (end > index and REGNAL.match(doc[end].text) is not None)
                or (end > index and doc[end].text == "-" and end + 1 < len(doc))
                or (end > index and self._initial_dot(doc[end]))
            )
        ):
            # a sentence starts only after punctuation or a line break ("Tran Quoc To
            # and": the parser may start one at "To")
            if (
                doc[end].is_sent_start
                and end > index
                and _sentence_break(doc[end - 1])
                and not self._initial_dot(doc[end - 1])
            ):
                break
            words += not self._is_joiner(doc[end])
            end += 1
        while end > index and (
            not self._in_name(doc[end - 1]) or doc[end - 1].lower_ in self.particles
        ):
            end -= 1
        if end == index:
            return None
        span = doc[index:end]
        if not any(t.pos_ == "PROPN" for t in span) and not any(
            t.ent_type_ == "PERSON" for t in span
        ):
            return None
        return span

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        blocked = {i for s in spans_of(doc, *BLOCKING_LABELS) for i in range(s.start, s.end)}
        cues = spans_of(doc, "RANK", "TITLE")
        cue_tokens = {i for s in cues for i in range(s.start, s.end)}
        not_cue = blocked | cue_tokens
        text = doc.text
        found: list[Span] = []
        rejected: list[Span] = []

        def judge(span: Span | None, origin: str, score: float, after_cue: bool) -> None:
            if span is None:
                return
            reason = self._rejection(span, not_cue, after_cue, text)
            if reason is None:
                found.append(mark(Span(doc, span.start, span.end, "PERSON"), origin, score))
            else:
                origin = step("rejected", "person", reason)
                rejected.append(mark(Span(doc, span.start, span.end, REJECTED_LABEL), origin, 0.0))

        for ent in doc.ents:
            if ent.label_ == "PERSON":
                span = self._trim(ent, cue_tokens)
                judge(span, step("model", "ner"), SCORES["model"], after_cue=False)
        country_starts = starts_of(doc, "COUNTRY")
        for cue in cues:
            end = rank_end(cue, country_starts) if cue.label_ == "RANK" else cue.end
            if (
                len(cue) == 1
                and cue[0].is_upper
                and end < len(doc)
                and doc[end].is_title
                and doc[end].lower_ in self.field_words
            ):
                end += 1
            origin = step("rule", "person", f"after_{cue.label_.lower()}")
            judge(self._after(doc, end, not_cue), origin, SCORES["rule"], after_cue=True)
        # Honorifics by their ids in the Doc's array: no Token object per word.
        orths = doc.to_array(ORTH).tolist()
        for i in (i for i, orth in enumerate(orths[:-1]) if orth in self._honorific_ids):
            end = self._honorific_end(doc, i)
            if end > i:
                origin = step("rule", "person", "after_honorific")
                judge(self._after(doc, end, not_cue), origin, SCORES["rule"], after_cue=True)
        # "his Iranian counterpart, Ebrahim Raisi": the name the counterpart word introduces.
        for i in (i for i, orth in enumerate(orths[:-1]) if orth in self._counterpart_ids):
            origin = step("rule", "person", "after_counterpart")
            judge(self._after(doc, i + 1, not_cue), origin, SCORES["rule"], after_cue=True)
        chosen = self._merge(self._user_names_first(doc, found))
        replace_label(doc, "PERSON", chosen)
        # A candidate rejected where another one is a person (a trimmed or longer form) is
        # no rejection worth showing.
        taken = {i for s in chosen for i in range(s.start, s.end)}
        doc.spans[REJECTED_KEY] = filter_longest(
            [s for s in rejected if not taken.intersection(range(s.start, s.end))]
        )
        return doc

    @staticmethod
    def _user_names_first(doc: Doc, found: list[Span]) -> list[Span]:
        """The names of the user's people (`knowledge/user.py`, the ruler's PERSON
        patterns) as written, over any other name found across them ("Chief Inquirer
        Tamsin Orloveck": not "Inquirer Tamsin Orloveck")."""
        users = [
            mark(Span(doc, s.start, s.end, "PERSON"), source_of(s), SCORES["rule"])
            for s in spans_of(doc, "PERSON")
            if s.id_
        ]
        if not users:
            return found
        taken = {i for s in users for i in range(s.start, s.end)}
        return users + [s for s in found if taken.isdisjoint(range(s.start, s.end))]

    @staticmethod
    def _merge(found: list[Span]) -> list[Span]:
        """One span per name: the longest; agreeing sources raise the score."""
        chosen = filter_longest(found)
        # The sources of the spans covering each token: overlap found per token, not
        # per pair of spans (a long run of names holds many).
        at: dict[int, set[str]] = {}
        for s in found:
            for i in range(s.start, s.end):
                at.setdefault(i, set()).add(s._.coop_source)
        for span in chosen:
            sources = sorted({src for i in range(span.start, span.end) for src in at.get(i, ())})
            span._.coop_source = source(sources)
            span._.coop_score = min(
                SCORES["cap"],
                max(SCORES["model"], SCORES["person_base"] + SCORES["person_step"] * len(sources)),
            )
        return chosen


@Language.factory(
    "coop_persons",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.ents"],
    default_config={"max_after_cue": 4, "data": SHIPPED},
)
def make_persons(nlp: Language, name: str, max_after_cue: int, data: str) -> PersonFinder:
    return PersonFinder(max_after_cue=max_after_cue, data=data)

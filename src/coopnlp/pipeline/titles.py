"""Titles: extend a position head over its "of <body>" tail.

The TITLE patterns match the position itself ("First Deputy Minister",
"Chief", "Adviser"); the body it belongs to follows as "of/for/to/on ..." and
is usually an AGENCY or COUNTRY span, or a run of capitalised words
("for the North Caucasus Federal District"). `coop_titles` rewrites each TITLE
span to cover that tail, so the linker reads the whole position.
"""

from __future__ import annotations

from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from coopnlp.knowledge.registry import Registry
from coopnlp.matching.sentences import Sentences
from coopnlp.pipeline.agencies import load_registry, registry_parts
from coopnlp.pipeline.data import SHIPPED, DataComponent, Knowledge
from coopnlp.pipeline.ranks import rank_spans
from coopnlp.pipeline.spans import (
    filter_longest,
    guarded,
    mark,
    replace_label,
    score_of,
    source_of,
    spans_of,
)

TAIL_PREPOSITIONS = {"of", "for", "to", "on"}
# Join two positions held together: "State Secretary – Deputy Minister".
DASHES = {"–", "-", "—"}
TITLE_JOINERS = DASHES | {"and"}
# Stand inside a capitalised body name without ending it.
NAME_GLUE = {"of", "the", "and", "for", "'s", "’s", "-", "–"}


def _is_name_word(token: Token) -> bool:
    return token.is_title or (token.is_upper and token.is_alpha)


def extend_title(
    doc: Doc,
    title: Span,
    bodies: dict[int, Span],
    stop_tokens: set[int],
    sent_end: int,
    vocabulary: frozenset[str],
    heads: frozenset[str] = frozenset(),
    noun_endings: tuple[str, ...] = (),
) -> Span:
    """The title span extended over its prepositional tails, up to `sent_end`.

    `bodies` are the AGENCY/COUNTRY spans a tail may consist of, the first at each
    start; `stop_tokens` are the tokens the tail never enters (PERSON ents, RANK
    spans): a title ends where a name or a rank begins. A capitalised tail keeps only
    words that occur in body names (`vocabulary`, the registry's `body_words`), so a
    name written straight after it is left out; a capitalised run ending in a body's
    head noun (`heads`) is a body's name whatever its other words, and a word with the
    ending of a common noun no name has (`noun_endings`: "of Communications") is the
    tail's, not a name's.
    """
    end = title.end
    while end + 1 < sent_end and doc[end].lower_ in TAIL_PREPOSITIONS:
        j = end + 1
        if doc[j].lower_ == "the" and j + 1 < sent_end:
            j += 1
        body = bodies.get(j)
        if (
            body is not None
            and body.end > j
            and not stop_tokens.intersection(range(body.start, body.end))
        ):
            # "of the East African Police Chiefs Cooperation Organization": a known body
            # opening a longer name ends neither the name nor the tail.
            end = max(body.end, _headed_run_end(doc, j, stop_tokens, sent_end, heads))
            continue
        k = j
        while (
            k < sent_end
            and k not in stop_tokens
            and (
                (
                    (_is_name_word(doc[k]) or doc[k].is_lower)
                    and (
                        doc[k].lower_ in vocabulary
                        or (doc[k].lower_ in NAME_GLUE and k > j)
                        or (bool(noun_endings) and doc[k].lower_.endswith(noun_endings))
                    )
                )
                or (k > j and _listing_comma(doc, k, sent_end, vocabulary))
            )
        ):
            k += 1
        while k > j and (doc[k - 1].lower_ in NAME_GLUE or doc[k - 1].text == ","):
            k -= 1
        k = max(k, _headed_run_end(doc, j, stop_tokens, sent_end, heads))
        if k == j:
            break
        end = k
    return doc[title.start : end]


def _listing_comma(doc: Doc, k: int, sent_end: int, vocabulary: frozenset[str]) -> bool:
    """A comma inside a list of a body's fields ("for Political, Legal and Security
    Affairs"): a field word follows it and an "and" closes the list a few words on."""
    return (
        doc[k].text == ","
        and k + 2 < sent_end
        and _is_name_word(doc[k + 1])
        and doc[k + 1].lower_ in vocabulary
        and any(t.lower_ == "and" for t in doc[k + 2 : min(sent_end, k + 5)])
    )


def _headed_run_end(
    doc: Doc, start: int, stop_tokens: set[int], sent_end: int, heads: frozenset[str]
) -> int:
    """The end of the capitalised run from `start` cut after its last body head noun
    ("East African Police Chiefs Cooperation Organization"), or `start` if it has none."""
    end, k = start, start
    while k < sent_end and k not in stop_tokens:
        token = doc[k]
        if not (_is_name_word(token) or (token.lower_ in NAME_GLUE and k > start)):
            break
        if _is_name_word(token) and token.lower_ in heads:
            end = k + 1
        k += 1
    return end


def _names_a_body(doc: Doc, rank: Span, heads: frozenset[str]) -> bool:
    """A rank word inside a body's name: after "the", before a head noun ("president of
    the General Assembly", "Chief of the General Staff")."""
    return (
        rank.start > 0
        and doc[rank.start - 1].lower_ == "the"
        and rank.end < len(doc)
        and doc[rank.end].lower_ in heads
    )


class TitleExtender(DataComponent):
    """Rewrite TITLE spans to include their "of <body>" tails."""

    WORD_LISTS = ("titles/body_heads.txt", "persons/not_name_suffixes.txt")

    @cached_property
    def heads(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words.lines("titles/body_heads.txt"))

    @cached_property
    def noun_endings(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.words.lines("persons/not_name_suffixes.txt"))

    @cached_property
    def registry(self) -> Registry:
        return load_registry(self.data)

    def knowledge(self) -> dict[str, Knowledge]:
        return registry_parts(self.registry)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        # Made once per Doc: a long document has many positions.
        bodies: dict[int, Span] = {}
        for body in spans_of(doc, "AGENCY", "COUNTRY"):
            bodies.setdefault(body.start, body)
        ranks = [r for r in rank_spans(doc) if not _names_a_body(doc, r, self.heads)]
        stops = [e for e in doc.ents if e.label_ == "PERSON"] + ranks
        stop_tokens = {i for s in stops for i in range(s.start, s.end)}
        sentences = Sentences(doc)
        titles = []
        for title in self._joined(doc, filter_longest(spans_of(doc, "TITLE")), TITLE_JOINERS):
            sent_end = sentences.bounds(title)[1]
            extended = extend_title(
                doc,
                title,
                bodies,
                stop_tokens,
                sent_end,
                self.registry.body_words,
                self.heads,
                self.noun_endings,
            )
            titles.append(
                mark(
                    Span(doc, extended.start, extended.end, label="TITLE", span_id=title.id),
                    source_of(title),
                    score_of(title),
                )
            )
        # A dash or "and" also joins a position to the one before once its tail is read:
        # "Deputy Minister of Internal Affairs of Belarus - Chief of the criminal militia",
        # "Inspector General of the X Police and president of the Y, General Z".
        replace_label(doc, "TITLE", self._joined(doc, titles, TITLE_JOINERS))
        return doc

    @staticmethod
    def _joined(doc: Doc, titles: list[Span], joiners: set[str]) -> list[Span]:
        """Merge titles separated by a single joiner token into one position."""
        merged: list[Span] = []
        for title in titles:
            prev = merged[-1] if merged else None
            if prev is not None and title.start == prev.end + 1 and doc[prev.end].text in joiners:
                joined = Span(doc, prev.start, title.end, label="TITLE", span_id=prev.id)
                merged[-1] = mark(joined, source_of(prev), score_of(prev))
            else:
                merged.append(title)
        return merged


@Language.factory(
    "coop_titles",
    assigns=["doc.spans"],
    requires=["doc.spans", "doc.ents"],
    default_config={"data": SHIPPED},
)
def make_titles(nlp: Language, name: str, data: str) -> TitleExtender:
    return TitleExtender(data)

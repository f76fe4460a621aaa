"""Agreements: kind, title, status and parties for AGREEMENT spans.

The pattern id is the instrument's kind. A title is kept when the mention
carries its own name (a tail such as "for 2022-2024" or "on cooperation in
...", a year, or proper-noun words before a capitalised head: "Palermo
Convention"), trimmed of leading articles and of any dangling last word. On a
headline line, where every word is capitalised, the words before the head are
a name only when they are instrument modifiers ("Sign Police Cooperation
Agreement" is the "Police Cooperation Agreement").
The status comes from the wording around each mention (`agreement_status`);
an instrument gets the latest stage any of its mentions reports, and "existing"
from a mention that only refers to it ("under the agreement", "the
implementation of the MoU") only when no mention reports a stage. An
instrument with no wording of any stage around it is one the article refers
to: existing.

An instrument word inside an AGENCY span is part of a body's name, not an
instrument, and an understanding ("reached agreement on a memorandum") is no
instrument another one could belong to. A named instrument inside another's tail
is a mention of its own ("the protocols of the Police Cooperation Convention for
Southeast Europe" names a protocol and the Convention).

Mentions become instruments in three steps:

* an "agreement" in the sense of an understanding ("the agreement reached at
  the meeting", "mutual agreement on ...") is dropped;
* a plural mention followed by a list ("agreements on A, B, and C") is one
  instrument per item, and a counted one ("signed two agreements") is that
  many (`agreement_numbers.csv`); two mentions joined by "and" are two
  instruments ("an extradition treaty and a mutual legal assistance treaty");
* a generic word without a name ("the agreement", "this document", a bare
  "accord" in a headline) refers back to the nearest instrument mentioned
  before it (same kind first, else any; a plural to all of its kind). Before
  any instrument, a bare one points forward, and so does a definite one that
  reports the same stage as the next instrument. The others are one
  instrument per kind and compatible title (titles with different years
  never are; abbreviations are spelled out first, `agreement_abbreviations.csv`:
  "MoU on X" is the "Memorandum of Understanding on X"), except that an
  untitled indefinite mention reporting another stage than an earlier
  instrument is a new one ("discussed an agreement on training", then "plan to
  forge an agreement"). An instrument known by its own name
  (`named_instruments.csv`) is titled with that name whichever form the text
  uses ("UNCAC", "Budapest Convention").

Word lists: `agreement_title_drop.txt`, `agreement_title_tails.txt`, and the
roles of `agreement_words.csv`: `generic` (words that may refer back),
`antecedent_only` (those dropped when nothing is referred to: "this
document"), `definite` (determiners of a reference), `indefinite` (those of an
untitled mention that retells the headline's instrument: "Sign MoU" over
"signed an agreement"), `understanding_head`,
`understanding_verb` and `understanding_modifier` (an agreement reached,
mutual agreement), `modal` (future and modal auxiliaries).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from coopnlp.knowledge.sources import source, step
from coopnlp.pipeline.agreement_status import (
    AgreementWords,
    StatusReading,
    line_of,
    status_of,
)
from coopnlp.pipeline.data import SHIPPED, DataComponent
from coopnlp.pipeline.spans import (
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

# With no wording of any stage around it, an instrument is one the article refers to
# (annotation.md: "earlier concluded and referred to" is `existing`).
DEFAULT_STATUS = "existing"
TITLE_RATIO = 80
# A generic "pact on X" is another instrument's mention when their topics share
# this many content words, and this share of the shorter topic.
TOPIC_MIN_SHARED = 3
TOPIC_MIN_RATIO = 0.8
# A title ends on a noun, a number or a closing bracket ("... (MoU)").
TITLE_END_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD", "-RRB-"})
# Words a list item after "agreements on A, B, and C" may contain.
ITEM_TAGS = frozenset(
    {"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "IN", "DT", "CD", "VBG", "VBN", "POS", "HYPH"}
)
ITEM_END = frozenset({".", ";", ":"})
CONJUNCTIONS = frozenset({"and", "or"})
YEAR = re.compile(r"\b\d{4}\b")
# A plural counts at most this many instruments ("signed 40 agreements" is no list).
MAX_COUNT = 10
# A line is a headline when this share of its words of 4+ letters is capitalised.
HEADLINE_SHARE = 0.8
HEADLINE_MIN_WORDS = 3


def is_headline(span: Span) -> bool:
    """Whether the mention's line is written in title case ("Ministers Sign New Accord")."""
    words = [t for t in line_of(span) if t.is_alpha and len(t) >= 4]
    capitalised = sum(not t.is_lower for t in words)
    return len(words) >= HEADLINE_MIN_WORDS and capitalised >= HEADLINE_SHARE * len(words)


def trim_headline(span: Span, w: AgreementWords) -> Span:
    """On a headline line, the mention from its first instrument modifier or its head."""
    if not is_headline(span):
        return span
    head = w.head_of(span)
    start = span.start
    while start < head.i and span.doc[start].lower_ not in w.modifiers:
        start += 1
    if start == span.start:
        return span
    return Span(span.doc, start, span.end, label=span.label, span_id=span.id)


def named_inside(spans: list[Span], kept: list[Span], w: AgreementWords) -> list[Span]:
    """The longest named instruments (capitalised head) inside the tail of a kept mention."""
    inner = [
        s
        for s in spans
        if w.head_of(s).is_title and any(inside(s, k) and s.start > w.head_of(k).i for k in kept)
    ]
    return filter_longest(inner)


def _named(before: list[Token], head: Token) -> bool:
    """Capitalised words before a capitalised head: "Liaison Officer Agreement"."""
    capitalised = head.is_title or (head.is_upper and len(head) > 3)
    return capitalised and all(not t.is_lower for t in before if t.is_alpha)


def _title_tokens(span: Span, w: AgreementWords) -> list[Token]:
    """The mention without leading articles and descriptors, ending on a noun or number."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in w.title_drop:
        tokens = tokens[1:]
    # lower-case descriptors before a capitalised name are not part of it:
    # "new interdepartmental Joint Action Program for 2022-2024"
    head = w.head_of(span)
    if any(t.is_alpha and not t.is_lower for t in tokens if t.i <= head.i):
        while tokens and tokens[0].is_lower:
            tokens = tokens[1:]
    while tokens and tokens[-1].tag_ not in TITLE_END_TAGS:
        tokens = tokens[:-1]
    return tokens


def title_of(span: Span, w: AgreementWords) -> str | None:
    """The instrument's own name, if the mention gives one."""
    tokens = _title_tokens(span, w)
    known = w.known_title(span.doc[tokens[0].i : tokens[-1].i + 1].text) if tokens else None
    if known is not None:
        return known
    head = w.head_of(span)
    before = [t for t in tokens if t.i < head.i]
    named = (
        any(t.lower_ in w.title_tails for t in tokens[1:])
        or any(YEAR.fullmatch(t.text) for t in tokens)
        or (bool(before) and _named(before, head) and not is_headline(span))
    )
    if not tokens or not named:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1].text


def list_titles(span: Span, w: AgreementWords) -> list[str]:
    """One title per item when a plural mention opens a list: "agreements on A, B, and C"."""
    root, doc = w.head_of(span), span.doc
    prep = next((t for t in span if t.i > root.i and t.lower_ in w.title_tails), None)
    if not w.is_plural(root) or prep is None:
        return []
    if span.end >= span.sent.end or doc[span.end].text != ",":
        return []
    items: list[list[Token]] = [[]]
    for token in doc[span.end + 1 : span.sent.end]:
        if token.text in ITEM_END or "\n" in token.text:
            break
        if token.text == ",":
            items.append([])
        elif token.tag_ in ITEM_TAGS or token.lower_ in CONJUNCTIONS:
            items[-1].append(token)
        else:
            return []  # not a plain list of topics
    items = [item for item in items if item]
    if not items:
        return []
    if not any(item[0].lower_ in CONJUNCTIONS for item in items):
        # "A, B and C": the last conjunction separates the last two items
        last = items.pop()
        cut = max((k for k, t in enumerate(last) if t.lower_ in CONJUNCTIONS), default=None)
        if cut is None:
            return []
        items += [last[:cut], last[cut:]]
    items = [item[1:] if item[0].lower_ in CONJUNCTIONS else item for item in items]
    if not all(item and any(t.pos_ in ("NOUN", "PROPN") for t in item) for item in items):
        return []
    first = doc[prep.i : _title_tokens(span, w)[-1].i + 1].text
    head = f"{root.lemma_} {prep.lower_}"
    return [f"{root.lemma_} {first}", *(f"{head} {doc[i[0].i : i[-1].i + 1].text}" for i in items)]


def is_understanding(span: Span, w: AgreementWords) -> bool:
    """An agreement in the sense of a consensus: "reached an agreement", "mutual agreement"."""
    root = w.head_of(span)
    if root.lower_ not in w.words("understanding_head"):
        return False
    modifiers = w.words("understanding_modifier")
    # right before the word: "mutual agreement", not "mutual legal assistance agreement"
    if any(c.dep_ == "amod" and c.lower_ in modifiers and c.i == root.i - 1 for c in root.children):
        return True
    verbs = w.words("understanding_verb")
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in verbs:
        return True
    return any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in verbs for c in root.children)


def is_reference(span: Span, title: str | None, w: AgreementWords) -> tuple[bool, bool]:
    """(refers to another mention, is bare) for a generic word without a name.

    "the agreement", "this document", "their accord" refer to an instrument;
    so does a bare singular ("forge anti-terrorism agreement" in a headline).
    """
    root = w.head_of(span)
    if title is not None or root.lower_ not in w.words("generic"):
        return False, False
    dets = [c for c in root.children if c.dep_ in ("det", "poss")]
    if any(c.dep_ == "poss" or c.lower_ in w.words("definite") for c in dets):
        return True, False
    bare = not dets and root.tag_ in ("NN", "NNP")
    return bare, bare


@dataclass
class AgreementMention:
    """One AGREEMENT span read as a mention of an instrument (not records' Mention)."""

    span: Span
    kind: str
    title: str | None
    status: StatusReading | None
    reference: bool = False
    bare: bool = False


@dataclass
class Instrument:
    kind: str
    title: str | None
    mentions: list[AgreementMention] = field(default_factory=list)

    def compatible(self, kind: str, title: str | None, w: AgreementWords) -> bool:
        if self.kind != kind:
            return False
        if self.title is None or title is None:
            return True
        years_a, years_b = set(YEAR.findall(self.title)), set(YEAR.findall(title))
        if years_a and years_b and not years_a & years_b:
            return False
        ratio = fuzz.token_set_ratio(w.spelled_out(self.title), w.spelled_out(title))
        return ratio >= TITLE_RATIO

    def add(self, mention: AgreementMention) -> None:
        self.mentions.append(mention)
        self.title = self.title or (None if mention.reference else mention.title)


def _antecedents(
    mention: AgreementMention, instruments: list[Instrument], w: AgreementWords
) -> list[Instrument]:
    """What a reference points to: the nearest instrument before it (same kind first).

    A plural ("the cooperation agreements") points to every instrument of its
    kind before it; a reference before any instrument points to the first after.
    """

    def last_before(inst: Instrument) -> int:
        starts = [m.span.start for m in inst.mentions if m.span.start < mention.span.start]
        return max(starts, default=-1)

    before = [i for i in instruments if last_before(i) >= 0]
    same = [i for i in before if i.kind == mention.kind]
    if same and w.is_plural(w.head_of(mention.span)):
        return same
    for pool in (same, before):
        if pool:
            return [max(pool, key=last_before)]
    if not instruments:
        return []
    # before any instrument: the first one after, if a headline word or the same event
    first = min(instruments, key=lambda i: min(m.span.start for m in i.mentions))
    return [first] if mention.bare or _same_event(mention, first) else []


def _same_event(mention: AgreementMention, inst: Instrument) -> bool:
    statuses = {m.status.status for m in inst.mentions if m.status is not None}
    return mention.status is None or not statuses or mention.status.status in statuses


def count_of(span: Span, w: AgreementWords) -> int:
    """How many instruments a plural mention counts ("two agreements", "3 MoUs"), else 1."""
    head = w.head_of(span)
    if not w.is_plural(head):
        return 1
    for child in head.children:
        if child.dep_ == "nummod":
            text = child.lower_
            return (
                int(text) if text.isdigit() and int(text) <= MAX_COUNT else w.numbers.get(text, 1)
            )
    return 1


def _coordinated(a: Span, b: Span, w: AgreementWords) -> bool:
    """Two mentions joined by "and" are two instruments ("an extradition treaty and a
    mutual legal assistance treaty")."""
    x, y = w.head_of(a), w.head_of(b)
    return (x.dep_ == "conj" and x.head.i == y.i) or (y.dep_ == "conj" and y.head.i == x.i)


def _headline_instrument(
    mention: AgreementMention, instruments: list[Instrument], w: AgreementWords
) -> Instrument | None:
    """The headline's instrument that an untitled "an agreement" of the same stage retells.

    ("Countries Sign MoU On Trade" over "the countries have signed an agreement to ...")
    """
    head = w.head_of(mention.span)
    indefinite = any(c.dep_ == "det" and c.lower_ in w.words("indefinite") for c in head.children)
    if mention.title is not None or head.lower_ not in w.words("generic") or not indefinite:
        return None
    stage = mention.status.status if mention.status else None
    return next(
        (
            i
            for i in instruments
            if all(is_headline(m.span) for m in i.mentions)
            and all(m.status is not None and m.status.status == stage for m in i.mentions)
        ),
        None,
    )


def _on_headline(span: Span) -> bool:
    """Whether a mention stands on a title-case line or on the document's first line."""
    first = span.doc[0 : span.end].text.lstrip()
    return is_headline(span) or "\n" not in first


def _another_stage(mention: AgreementMention, inst: Instrument, w: AgreementWords) -> bool:
    """Whether an indefinite mention ("an agreement") reports another stage than every
    mention of an earlier instrument: a new instrument ("discussed an agreement on
    training" and later "plan to forge an agreement"). Titles on both sides decide
    alone, and a headline's instrument is the one the text then tells of ("MoU to be
    signed" over "agreed to sign a memorandum")."""
    if mention.title is not None and inst.title is not None:
        return False
    head = w.head_of(mention.span)
    indefinite = any(c.dep_ == "det" and c.lower_ in w.words("indefinite") for c in head.children)
    if not indefinite or mention.status is None or mention.status.weak:
        return False
    stages = {m.status.status for m in inst.mentions if m.status is not None and not m.status.weak}
    if not stages or mention.status.status in stages:
        return False
    return not all(_on_headline(m.span) for m in inst.mentions)


def group_mentions(mentions: list[AgreementMention], w: AgreementWords) -> list[Instrument]:
    """Distinct instruments from mentions in text order."""
    instruments: list[Instrument] = []
    for mention in (m for m in mentions if not m.reference):
        found = next(
            (
                i
                for i in instruments
                if i.compatible(mention.kind, mention.title, w)
                and all(m.span.start != mention.span.start for m in i.mentions)  # list items
                and not any(_coordinated(m.span, mention.span, w) for m in i.mentions)
                and not _another_stage(mention, i, w)
            ),
            None,
        )
        if found is None:
            found = _headline_instrument(mention, instruments, w)
        if found is None:
            # "will sign two agreements": one instrument each
            for _ in range(count_of(mention.span, w)):
                found = Instrument(mention.kind, mention.title)
                found.add(mention)
                instruments.append(found)
            continue
        found.add(mention)
    orphans: list[AgreementMention] = []
    for mention in (m for m in mentions if m.reference):
        targets = _antecedents(mention, instruments, w)
        for target in targets:
            target.add(mention)
        if not targets:
            orphans.append(mention)
    for mention in orphans:
        if w.head_of(mention.span).lower_ in w.words("antecedent_only"):
            continue
        found = next((i for i in instruments if i.compatible(mention.kind, None, w)), None)
        if found is None:
            found = Instrument(mention.kind, None)
            instruments.append(found)
        found.add(mention)
    return sorted(
        _merge_generic(instruments, w), key=lambda i: min(m.span.start for m in i.mentions)
    )


def _topic(title: str | None, heads: frozenset[str]) -> set[str]:
    """Content words of a title after its instrument word (`heads`)."""
    found = [w for w in re.findall(r"[a-z0-9]+", (title or "").lower()) if w not in STOP_WORDS]
    while found and found[0] not in heads:
        found = found[1:]
    return {w for w in found if w not in heads}


def _merge_generic(instruments: list[Instrument], w: AgreementWords) -> list[Instrument]:
    """A titled "pact"/"agreement" with the topic of an instrument of another kind is that one.

    ("will sign a pact for technical cooperation in police training" and "a MoU
    ... for technical cooperation in police training").
    """
    kept = list(instruments)
    for inst in instruments:
        if not all(w.head_of(m.span).lower_ in w.words("generic") for m in inst.mentions):
            continue
        topic = _topic(inst.title, w.heads)
        for other in kept:
            shared = topic & _topic(other.title, w.heads)
            if other is inst or other.kind == inst.kind or len(shared) < TOPIC_MIN_SHARED:
                continue
            if len(shared) >= TOPIC_MIN_RATIO * min(len(topic), len(_topic(other.title, w.heads))):
                other.mentions += inst.mentions
                kept.remove(inst)
                break
    return kept


def _parties(span: Span, agencies: list[Span], countries: list[Span]) -> list[str]:
    sent = span.sent

    def same_sentence(other: Span) -> bool:
        # Bounds first: `.sent` of every span of a long document is quadratic.
        return sent.start <= other.start and other.end <= sent.end and other.sent == sent

    found = {a.kb_id_ for a in agencies if a.kb_id_ and same_sentence(a)}
    if found:
        return sorted(found)
    return sorted({c.kb_id_ for c in countries if same_sentence(c)})


def record(inst: Instrument, agencies: list[Span], countries: list[Span]) -> dict[str, Any]:
    """The agreements row of one instrument (the doc's AGENCY and COUNTRY spans give parties)."""
    first = min(inst.mentions, key=lambda m: m.span.start)
    with_status = [m for m in inst.mentions if m.status is not None]
    # a stage a mention reports wins over a mention that only refers to the instrument
    decisive = (
        max(with_status, key=lambda m: (not m.status.weak, m.status.priority))
        if with_status
        else first
    )
    status = decisive.status.status if decisive.status else DEFAULT_STATUS
    cue = decisive.status.cue if decisive.status else "default"
    parties = sorted({p for m in inst.mentions for p in _parties(m.span, agencies, countries)})
    return {
        "kind": inst.kind,
        "title": inst.title,
        "status": status,
        "parties": parties,
        "mentions": len({m.span.start for m in inst.mentions}),
        "start_char": first.span.start_char,
        "evidence": decisive.span.sent.text.strip(),
        "score": max(score_of(m.span) for m in inst.mentions),
        "source": source(source_of(decisive.span), [step("status", cue)]),
    }


class AgreementResolver(DataComponent):
    """One entry per distinct instrument in `doc._.coop["agreements"]`."""

    WORD_LISTS = (
        "agreements/agreement_status.csv",
        "agreements/agreement_words.csv",
        "agreements/agreement_heads.csv",
        "agreements/agreement_title_drop.txt",
        "agreements/agreement_title_tails.txt",
        "agreements/agreement_pattern_words.csv",
        "agreements/agreement_abbreviations.csv",
        "agreements/agreement_numbers.csv",
        "agreements/named_instruments.csv",
    )

    @cached_property
    def agreement_words(self) -> AgreementWords:
        return AgreementWords(self.words)

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        w = self.agreement_words
        # an instrument word inside a body's name is no instrument ("Collective Security
        # Treaty Organization", "United Nations Development Programme")
        bodies = {i for a in spans_of(doc, "AGENCY") for i in range(a.start, a.end)}
        found = [s for s in spans_of(doc, "AGREEMENT") if w.head_of(s).i not in bodies]
        spans = filter_longest(found)
        spans = sorted([*spans, *named_inside(found, spans, w)], key=lambda s: s.start)
        kept: list[Span] = []
        mentions: list[AgreementMention] = []
        # an understanding ("reached agreement on a memorandum") is no instrument: nothing
        # hangs from it and its words are no other instrument's
        read = [(s, trim_headline(s, w)) for s in spans]
        read = [(s, trimmed) for s, trimmed in read if not is_understanding(trimmed, w)]
        instrument_tokens = frozenset(i for s, _ in read for i in range(s.start, s.end))
        for _, span in read:
            kind = span.id_.split(":")[0] or "other"
            others = instrument_tokens - set(range(span.start, span.end))
            status = status_of(span, w, others)
            titles = list_titles(span, w) or [title_of(span, w)]
            reference, bare = is_reference(span, titles[0], w)
            mentions += [AgreementMention(span, kind, t, status, reference, bare) for t in titles]
        instruments = group_mentions(mentions, w)
        used = {m.span.start for i in instruments for m in i.mentions}
        for mention in mentions:
            span = mention.span
            if span.start in used:
                used.discard(span.start)
                kept.append(mark(span, source_of(span), score_of(span), kb_id=mention.kind))
        replace_label(doc, "AGREEMENT", kept)
        agencies, countries = spans_of(doc, "AGENCY"), spans_of(doc, "COUNTRY")
        store_entries(doc)["agreements"] = [record(i, agencies, countries) for i in instruments]
        return doc


@Language.factory(
    "coop_agreements",
    assigns=["doc.spans", "doc._.coop"],
    requires=["doc.spans", "token.dep"],
    default_config={"data": SHIPPED},
)
def make_agreements(nlp: Language, name: str, data: str) -> AgreementResolver:
    return AgreementResolver(data)

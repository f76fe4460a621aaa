"""What the text around one person mention says: rank, position, body, state.

`DocView` is what the document offers the officials linker, indexed once per Doc
(spans by start and end, by sentence, by the words the parse hangs off them), so
reading one mention's description costs its own neighbourhood, not the document:
a long run of capitalised names stays linear.

Reading a mention's description (`read_context`) goes over spans, not character
windows:
- the chain just before the name, walking left over commas: "Azerbaijani
  (COUNTRY) Interior Minister (TITLE) Colonel General (RANK) Ramil Usubov";
- an "of" phrase after it and an apposition: "Sergey Bachurin, Chief of the MIA ...";
- the dependency parse: a TITLE whose head is the name, or the name's head
  inside a TITLE ("Kolokoltsev, the minister").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from coopnlp.knowledge.sources import step
from coopnlp.matching.sentences import Sentences
from coopnlp.pipeline.coordination import is_plural
from coopnlp.pipeline.delegations import DelegationWords, delegations_in
from coopnlp.pipeline.spans import inside, spans_of

CHAIN_LABELS = ("RANK", "TITLE", "AGENCY", "COUNTRY")
SKIPPABLE = {",", "the", "'s", "’s", "and"}
# Inside an apposition a coordinated "and" starts another person's description.
APPOSITION_GLUE = {"the", "'s", "’s"}
SENTENCE_ENDS = {".", "!", "?", "\n", "\n\n"}
# How far the parse links a position to a name through appositions and coordinations.
PARSE_HOPS = 4
# Before a country, the words of a place visited ("a visit to Albania").
HOST_PREPOSITIONS = {"to", "in", "at"}


@dataclass(frozen=True)
class Words:
    """The word lists reading a description needs (resources: honorifics,
    counterpart words, ranks written like positions in a police context, the words
    of a delegation)."""

    honorifics: frozenset[str]
    counterpart: frozenset[str]
    police_ranks: frozenset[str]
    delegation: DelegationWords
    # a position's field written after its acronym: "DIG Operations", "SSP Investigation"
    acronym_tails: frozenset[str] = frozenset()


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


class DocView:
    """The spans the officials linker reads, indexed once per Doc."""

    def __init__(self, doc: Doc, words: Words) -> None:
        self.doc = doc
        self.words = words
        self.sentences = Sentences(doc)
        self.by_end: dict[int, list[Span]] = {}
        self.by_start: dict[int, list[Span]] = {}
        for span in spans_of(doc, *CHAIN_LABELS):
            self.by_end.setdefault(span.end, []).append(span)
            self.by_start.setdefault(span.start, []).append(span)
        self.persons = spans_of(doc, "PERSON")
        self.persons_at = {p.start: p for p in self.persons}
        self.person_tokens = {i for p in self.persons for i in range(p.start, p.end)}
        for span in self.persons:  # for coordinated names only
            self.by_end.setdefault(span.end, []).append(span)
        self.titles = spans_of(doc, "TITLE")
        self.agencies = spans_of(doc, "AGENCY")
        self.countries = spans_of(doc, "COUNTRY")
        self.title_starts = [t.start for t in self.titles]
        self.agency_starts = [a.start for a in self.agencies]
        self.country_starts = [c.start for c in self.countries]
        # AGENCY spans by end (list order at equal ends), for the nearest body before a name.
        self.agencies_by_end = sorted(
            range(len(self.agencies)), key=lambda k: (self.agencies[k].end, -k)
        )
        self.agency_ends = [self.agencies[k].end for k in self.agencies_by_end]
        # Titles the parse may attach to a name at a token: the titles covering it, and
        # the titles whose chain of appositions and coordinations reaches it.
        self.titles_at: dict[int, list[int]] = {}
        for k, title in enumerate(self.titles):
            for i in range(title.start, title.end):
                self.titles_at.setdefault(i, []).append(k)
            for i in _parse_chain(title):
                self.titles_at.setdefault(i, []).append(k)
        # Sentence start -> the states named in it, each once, in text order.
        self.sentence_countries: dict[int, list[str]] = {}
        for country in self.countries:
            named = self.sentence_countries.setdefault(self.sentences.start_of(country.start), [])
            if country.kb_id_ not in named:
                named.append(country.kb_id_)
        self._delegations: dict[tuple[int, int], set[str]] = {}
        self._described: set[int] | None = None  # tokens inside a rank, position, body, state

    def sent(self, span: Span) -> tuple[int, int]:
        return self.sentences.bounds(span)

    def sentence_text(self, span: Span) -> str:
        """`span.sent.text.strip()`, each sentence's text made once."""
        return self.sentences.text(span)

    def in_range(self, starts: list[int], spans: list[Span], start: int, end: int) -> list[Span]:
        """The spans of a sorted list that start in [start, end)."""
        return spans[bisect_left(starts, start) : bisect_left(starts, end)]

    def countries_in(self, span: Span) -> list[Span]:
        """COUNTRY spans inside `span`, in text order."""
        found = self.in_range(self.country_starts, self.countries, span.start, span.end)
        return [c for c in found if inside(c, span)]

    def list_mates(self, mention: Span) -> tuple[int, list[Span]]:
        """How many items the parse coordinates with this name in one list ("A, B, and
        C", its chain of "conj" links), and the other names among them."""
        top = mention.root
        for _ in range(len(self.doc)):
            if top.dep_ != "conj" or top.head == top:
                break
            top = top.head
        members, todo = {top.i}, [top]
        while todo:
            for child in todo.pop().children:
                if child.dep_ == "conj" and child.i not in members:
                    members.add(child.i)
                    todo.append(child)
        mates = [p for p in self.persons if p.root.i in members and p.start != mention.start]
        # A position parsed as a list item is the apposition of a name ("Biruta and Egypt's
        # Minister of Interior, General Tawfik" is two items).
        if self._described is None:
            self._described = {
                i for s in spans_of(self.doc, *CHAIN_LABELS) for i in range(s.start, s.end)
            }
        return len(members - self._described), mates

    def delegations(self, mention: Span) -> set[str]:
        """The delegations named in a mention's sentence (once per sentence)."""
        bounds = self.sent(mention)
        if bounds not in self._delegations:
            sentence = self.doc[bounds[0] : bounds[1]]
            self._delegations[bounds] = delegations_in(
                sentence, self.countries, self.words.delegation
            )
        return self._delegations[bounds]


def _parse_chain(title: Span) -> list[int]:
    """Tokens the title's root reaches up its appositions and coordinations."""
    token, reached = title.root, []
    for _ in range(PARSE_HOPS):
        if token.dep_ not in ("appos", "conj") or token.head == token:
            break
        token = token.head
        reached.append(token.i)
    return reached


def attached(title: Span, mention: Span) -> bool:
    """True when the parse makes a position describe the name: the name is a compound
    or apposition of the position, or the position hangs off the name through
    appositions and coordinations ("Wang, a member of ... and Minister of ...")."""
    root = mention.root
    if root.head.i in range(title.start, title.end) and root.dep_ in ("appos", "compound"):
        return True
    token = title.root
    deps = []
    for _ in range(PARSE_HOPS):
        if token.dep_ not in ("appos", "conj") or token.head == token:
            return False
        deps.append(token.dep_)
        token = token.head
        if token.i in range(mention.start, mention.end):
            # "X and the President of Y" is a coordination, not a description of X.
            return "appos" in deps
    return False


def chain_start(view: DocView, mention: Span) -> int:
    """Where the words describing a mention may start: its sentence, or the one before
    when the parser split at an abbreviation ("Lieut. Gen. Khamking ...")."""
    doc = view.doc
    start = view.sentences.start_of(mention.start)
    for _ in range(3):
        if start == 0 or doc[start - 1].text in SENTENCE_ENDS:
            break
        start = view.sentences.start_of(start - 1)
    return start


def take(ctx: Context, span: Span, how: str) -> None:
    """Give the context the span's attribute, unless an earlier span gave it."""
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
    ctx.via.append(step(label.lower(), how))


def after_host_preposition(doc: Doc, start: int, floor: int) -> bool:
    """True when the words before `start` (down to `floor`) are "to"/"in"/"at" and an
    optional "the": the country there is a place visited, not a person's own state."""
    before = start - 1
    if before >= floor and doc[before].lower_ == "the":
        before -= 1
    return before >= floor and doc[before].lower_ in HOST_PREPOSITIONS


def _acronym_ends(view: DocView, end: int) -> bool:
    """Whether a position or rank written as one acronym ends at `end` ("DIG", "SSP")."""
    return any(
        s.label_ in ("TITLE", "RANK") and len(s) == 1 and s[0].is_upper
        for s in view.by_end.get(end, ())
    )


def _person_ends(view: DocView, end: int) -> bool:
    return any(s.label_ == "PERSON" for s in view.by_end.get(end, ()))


def _has_apposition(view: DocView, mention: Span) -> bool:
    """True when a description follows the name after a comma ("Y, Director of B")."""
    doc, j = view.doc, mention.end
    if j >= len(doc) or doc[j].text != ",":
        return False
    j += 1
    while j < len(doc) and doc[j].lower_ in APPOSITION_GLUE:
        j += 1
    return any(s.label_ in CHAIN_LABELS for s in view.by_start.get(j, ()))


def read_context(view: DocView, mention: Span, words: Words) -> Context:
    """The description of one mention: left chain, "of" phrase, apposition, parse."""
    doc = view.doc
    ctx = Context()
    i = mention.start
    sent_start = chain_start(view, mention)
    steps = 0
    coordinated = False
    found: list[Span] = []  # the chain's spans, nearest first
    separators: list[int] = []  # the "," and "and" the walk crossed
    while i > sent_start and steps < 8:
        steps += 1
        prev = doc[i - 1]
        if prev.lower_ == "and" and i >= 2 and doc[i - 2].text == ",":
            break  # ", and" closes the previous item of a list: its words are not ours
        if prev.lower_ == "and" and not found and not separators and not _person_ends(view, i - 1):
            break  # "the Prosecutor General of A and X": a position before "and" is not X's
        # "IGP X": an honorific that is also a position is read as the position.
        honorific = prev.text in words.honorifics and not any(
            s.label_ in ("TITLE", "RANK") for s in view.by_end.get(i, ())
        )
        if honorific or prev.lower_ in SKIPPABLE:
            if prev.lower_ in (",", "and"):
                separators.append(i - 1)
            i -= 1
            continue
        if prev.is_title and prev.lower_ in words.acronym_tails and _acronym_ends(view, i - 1):
            i -= 1  # "DIG Operations X": the field word is the position's, read "DIG"
            continue
        if prev.lower_ in words.counterpart:
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
            # "Director of the Office on Drugs and Crime (UNODC), X": the body's short name.
            inner = view.in_range(view.agency_starts, view.agencies, opening + 1, i - 1)
            found.extend(a for a in inner if a.end <= i - 1)
            i = opening
            continue
        ending = sorted(view.by_end.get(i, []), key=lambda s: -len(s))
        if not ending:
            break
        span = ending[0]
        # "Commander Alan Scott": a bare word that is a rank and a position is the rank.
        span = next(
            (s for s in ending if s.label_ == "RANK" and s.start == span.start),
            span,
        )
        if span.label_ == "PERSON":
            if doc[span.end].lower_ != "and":
                if doc[span.end].text == "," and _has_apposition(view, mention):
                    # "X, Customs Chief for A, General Y, Director of B": the words up
                    # to the first comma or "and" after X's apposition are X's, not Y's
                    # (without Y's own apposition they introduce Y: "X, the Deputy
                    # Chairman, Y").
                    after = [k for k in separators if k > span.end]
                    if after:
                        found = [s for s in found if s.start > min(after)]
                break
            # "presidents Ilham Aliyev and Vladimir Putin": only a plural position
            # before the first name is shared with the next one.
            coordinated = True
            i = span.start
            continue
        if (
            span.label_ == "COUNTRY"
            and separators
            and after_host_preposition(doc, span.start, sent_start)
        ):
            # "on a visit to Albania, Interior Minister X": a place, not X's state (but
            # "a call to Lao Deputy Prime Minister X").
            break
        if not coordinated or (span.label_ == "TITLE" and is_plural(span.root)):
            found.append(span)
        i = span.start
    for span in found:
        take(ctx, span, "left")
    ctx.left = i
    # Before the right side is read, so an apposition can still give the position.
    _police_rank(view, ctx, mention, words)
    sent_end = view.sent(mention)[1]
    j = mention.end
    if j + 1 < sent_end and doc[j].lower_ == "of":
        k = j + 1 + (doc[j + 1].lower_ == "the")
        for span in sorted(view.by_start.get(k, []), key=lambda s: -len(s)):
            if span.label_ in ("COUNTRY", "AGENCY"):
                take(ctx, span, "right")
                break
    if j < len(doc) and doc[j].text == ",":
        _apposition(view, ctx, j + 1, sent_end)
    if ctx.title is None:
        _parsed_title(view, ctx, mention)
    return ctx


def _apposition(view: DocView, ctx: Context, j: int, sent_end: int) -> None:
    """ "Sergey Bachurin, Chief of the MIA ...", "X, Turkish Interior Minister"."""
    doc = view.doc
    chain: list[Span] = []
    own: int | None = None  # the chain up to its last comma
    while j < sent_end:
        if doc[j].lower_ in APPOSITION_GLUE:
            j += 1
            continue
        starting = sorted(view.by_start.get(j, []), key=lambda s: -len(s))
        if not starting:
            break
        chain.append(starting[0])
        j = starting[0].end
        if j < sent_end and doc[j].text == "," and view.by_start.get(j + 1):
            j += 1
            own = len(chain)  # what follows the comma may describe the next name
    # Only a description with a position or rank is this person's apposition, and not
    # one that introduces the next name ("Patrushev, the First Deputy Chairman of ...,
    # Alexei Zhuravlev") unless that name has its own ("A, Customs Chief for X, B,
    # Director of Customs of Y").
    while j < sent_end and doc[j].text == ",":
        j += 1
    following = view.persons_at.get(j)
    introduces = following is not None and not _has_apposition(view, following)
    if following is not None and own is not None:
        chain = chain[:own]  # "A, Chief for X, General B": "General" is B's
    if not introduces and any(span.label_ in ("TITLE", "RANK") for span in chain):
        for span in chain:
            take(ctx, span, "apposition")


def _parsed_title(view: DocView, ctx: Context, mention: Span) -> None:
    """The first position the parse attaches to the name, in its sentence."""
    doc = view.doc
    root = mention.root
    candidates = set(view.titles_at.get(root.head.i, ()))
    for i in range(mention.start, mention.end):
        candidates.update(view.titles_at.get(i, ()))
    sentence = view.sent(mention)
    for k in sorted(candidates):
        title = view.titles[k]
        after = title.end + (title.end < len(doc) and doc[title.end].text == ",")
        if after in view.persons_at:
            continue  # the position introduces the next name
        if view.sent(title) == sentence and attached(title, mention):
            take(ctx, title, "parse")
            return


def _police_rank(view: DocView, ctx: Context, mention: Span, words: Words) -> None:
    """ "PNP chief Director General X": a police force's rank written like a position."""
    doc = view.doc
    title = ctx.title
    if ctx.rank is not None or title is None or title.end != mention.start:
        return
    if title.text.lower() not in words.police_ranks:
        return
    # "Director General X of the Y Police": a position with its body named after the
    # name is a title, not a force's rank.
    if mention.end < len(doc) and doc[mention.end].lower_ in ("of", "from"):
        return
    described = doc[min(ctx.left, title.start) : mention.end + 12]
    near = view.in_range(view.agency_starts, view.agencies, described.start, described.end)
    agencies = [s.kb_id_ for s in near if inside(s, described)]
    if any(t.lower_ == "police" for t in described) or any("Police" in a for a in agencies):
        ctx.rank, ctx.title = title, None
        ctx.via.append(step("rank", "police_context"))
        # The position, if any, is the one written before the rank ("PNP chief").
        for span in view.in_range(view.title_starts, view.titles, ctx.left, title.start):
            if span.end <= title.start:
                ctx.title = span


def merge(contexts: list[Context]) -> Context:
    """One description from all mentions: the first value each attribute gets."""
    return Context(
        rank=next((c.rank for c in contexts if c.rank is not None), None),
        title=next((c.title for c in contexts if c.title is not None), None),
        agency=next((c.agency for c in contexts if c.agency is not None), None),
        country=next((c.country for c in contexts if c.country), None),
        counterpart=any(c.counterpart for c in contexts),
        via=sorted({v for c in contexts for v in c.via}),
    )

"""The status of one agreement mention, from the wording around it.

Cue phrases (`agreement_status.csv`) are found left to right, the longest at
each place first, and a phrase consumes its words: "will sign" is one cue
(proposed), and the bare "sign" inside it is not seen again. Cues are looked
for on the mention's line of its sentence only (a headline glued to the lead
by the sentence splitter is another line).

The cues that count are those the dependency parse ties to the mention, in the
nearest clause that has any: a modifier inside the mention ("draft memorandum"),
a verb describing it ("the MoU signed in May", "the plan agreed upon", also when
the parse hangs it on the mention's last words: "the memorandum of understanding
that will be signed"), the words it hangs from ("signed a protocol", "the
signing of the agreement", "coordination of the draft of the Program") and verbs
that share their arguments ("was agreed upon and signed"). Among those, the
latest stage wins. A cue above a clause boundary ("agreed that the plan would be
signed") counts only when the mention's own clause has none; a cue elsewhere in
the line only when the parse ties none to the mention, and never a cue of scope
`parse` (words that refer to an instrument as existing only when it hangs from
them: "deployed under the agreement", "a party to the Convention", "the current
arrangement"; any stage another mention of the instrument reports wins over
them). The condition stated next to the mention counts as its own wording ("the
treaty, in force since 2001", "the treaty, which is now in force"), and so do
the modifiers of its modifiers ("the draft cooperation programme"). A cue
elsewhere in the line that the parse ties to another instrument is that one's
("helping implement the treaty"). An instrument that the parse hangs from
another one ("the protocols of the Convention", "a protocol amending the
treaty") is referred to as existing, unless another mention reports a stage.

Wording then moves a signing or approval into the future (`proposed`): a
modal or future auxiliary ("will be signed", "would sign"), an infinitive
("are to sign", "expected to approve"; "agreed to sign" takes its status from
"agreed"), and a cue above an infinitive that is no cue ("agreed to develop
a strategy": the strategy is only proposed). A signing or an approval dated by
a bare year ("the agreement signed in 1998", "the signing of the MoU in 2016",
"the plan adopted in 2021", or by a month of a year: "signed in March 2019") is
an earlier one the article refers to (`existing`): news of a signing gives its
day, or says "today".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.tokens import Span, Token

from coopnlp.pipeline.data import WordLists

# Stages that future or intended wording turns into `proposed`; a draft,
# an instrument in force or one being discussed stays what it is.
EVENT_STATUSES = frozenset({"signed", "agreed"})
VERBAL_POS = frozenset({"VERB", "AUX"})
# Children of a governing word that belong to its wording ("had been signed",
# "previously signed", "not signed").
WORDING_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "npadvmod", "prt"})
# Children of the mention that describe it ("the draft protocol", "the MoU
# signed in May", "the plan, which was approved").
DESCRIBING_DEPS = frozenset({"amod", "acl", "relcl", "compound", "nmod"})
DESCRIBING_CLAUSE_DEPS = frozenset({"acl", "relcl"})
# A conjunct verb with one of these has its own arguments ("considered a draft
# and agreed to finalize it"); without, it shares its first conjunct's.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "xcomp", "ccomp"})
# Dependencies that open a clause of their own: a cue above one governs that
# clause, not the mention ("agreed that the plan would be signed").
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj"})
# Children of the mention (or of a clause describing it) that state its condition:
# "in force", "under consideration".
PREDICATE_DEPS = frozenset({"prep", "acomp"})
# The dependency path from an instrument up to another one it belongs to: "the
# protocols of the Convention", "a protocol amending the treaty".
NESTING_DEPS = frozenset({"pobj", "prep", "pcomp", "dobj", "acl", "compound", "nmod"})
# Relations between two instruments at the same level ("an agreement and a protocol").
SIBLING_DEPS = frozenset({"conj", "appos"})
YEAR = re.compile(r"(19|20)\d\d")
# Children of a year that are no part of its date: "in 2006, which provides ...".
DATE_ASIDE_DEPS = frozenset({"punct", "relcl", "acl", "appos"})
# A form written in the text that scores this high against a known name is that name.
SAME_NAME = 80


@dataclass(frozen=True)
class StatusCue:
    words: tuple[str, ...]
    status: str
    priority: int
    # scope `parse`: a word that only refers to the instrument as one that exists ("under
    # the agreement", "the extension of the programme"): it counts only when the parse ties
    # it to the mention, and any stage another mention reports wins over it
    weak: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Found:
    """A cue found at doc tokens [start, end)."""

    start: int
    end: int
    cue: StatusCue


@dataclass(frozen=True)
class StatusReading:
    """The status an agreement mention is read as, and the cue wording that gave it."""

    status: str
    cue: str
    priority: int
    weak: bool = False


class AgreementWords:
    """The word lists reading agreements needs, from the `coop_agreements` component's
    lists: status cues, word roles, instrument heads and title words."""

    def __init__(self, lists: WordLists) -> None:
        index: dict[str, list[StatusCue]] = {}
        for row in lists.rows("agreements/agreement_status.csv"):
            cue = StatusCue(
                tuple(row["cue"].lower().split()),
                row["status"],
                int(row["priority"]),
                row.get("scope") == "parse",
            )
            index.setdefault(cue.words[0], []).append(cue)
        # Cues by their first word, longest first.
        self.cues = {w: tuple(sorted(cs, key=lambda c: -len(c.words))) for w, cs in index.items()}
        self.priorities = {c.status: c.priority for cs in self.cues.values() for c in cs}
        roles: dict[str, set[str]] = {}
        for row in lists.rows("agreements/agreement_words.csv"):
            roles.setdefault(row["role"], set()).add(row["word"])
        self.roles = {role: frozenset(found) for role, found in roles.items()}
        # The instrument words (last word of every head).
        self.heads = frozenset(
            head.split()[-1]
            for row in lists.rows("agreements/agreement_heads.csv")
            for head in (*row["singular"].split("|"), *row["plural"].split("|"))
            if head.strip()
        )
        # The plural instrument words ("memoranda" is often tagged as a singular noun): the
        # words of plural heads that no singular head has ("memoranda of agreement").
        phrases = {
            number: {
                word for row in rows for head in row[number].split("|") for word in head.split()
            }
            for rows in [list(lists.rows("agreements/agreement_heads.csv"))]
            for number in ("singular", "plural")
        }
        self.plurals = frozenset(phrases["plural"] - phrases["singular"])
        # Words dropped from the front of a title, and words that open a title tail.
        self.title_drop = set(lists.lines("agreements/agreement_title_drop.txt"))
        self.title_tails = set(lists.lines("agreements/agreement_title_tails.txt"))
        # Abbreviated instrument names ("mou") and what they stand for.
        self.abbreviations = {
            row["abbreviation"]: row["expansion"]
            for row in lists.rows("agreements/agreement_abbreviations.csv")
        }
        # Instruments known by their own name: every name and alias (lower case) -> the name.
        self.named: dict[str, str] = {}
        for row in lists.rows("agreements/named_instruments.csv"):
            for form in (row["name"], *row["aliases"].split("|")):
                if form.strip():
                    self.named[form.strip().lower()] = row["name"]
        # Number words that count instruments ("two agreements").
        self.numbers = {
            row["word"]: int(row["value"]) for row in lists.rows("agreements/agreement_numbers.csv")
        }
        # Words that may precede an instrument word ("joint", "police", "cooperation").
        self.modifiers = lists.listed("agreements/agreement_pattern_words.csv", "modifier")

    def spelled_out(self, title: str) -> str:
        """A title in lower case with abbreviations spelled out ("MoU on X" -> "memorandum
        of understanding on x")."""
        words = re.findall(r"[\w'’-]+", title.lower())
        return " ".join(self.abbreviations.get(word, word) for word in words)

    def known_title(self, text: str) -> str | None:
        """The title of an instrument known by name, from the words the text uses: its
        name, with the form written when that is another ("Convention on Cybercrime
        (Budapest Convention)", "... Organized Crime (UNTOC)"), else None."""
        name = self.named.get(" ".join(text.split()).lower())
        # a short name or spelling of the name itself adds nothing ("Rome Statute")
        if name is None or fuzz.token_set_ratio(name.lower(), text.lower()) >= SAME_NAME:
            return name
        return f"{name} ({text})"

    def words(self, role: str) -> frozenset[str]:
        """Words of one role in `agreement_words.csv` (modal, generic, definite...)."""
        return self.roles.get(role, frozenset())

    def is_plural(self, token: Token) -> bool:
        """Whether an instrument word is plural ("agreements", "memoranda")."""
        return token.tag_ in ("NNS", "NNPS") or token.lower_ in self.plurals

    def head_of(self, span: Span) -> Token:
        """The instrument word of a mention ("Plan" in "Joint Action Plan for 2021-2023").

        `span.root` is not it when the parser hangs the tail elsewhere.
        """
        return next((t for t in span if t.lower_ in self.heads), span.root)


def _forms(token: Token) -> tuple[str, str]:
    return token.lower_, token.lemma_.lower()


def find_cues(
    tokens: Sequence[Token], w: AgreementWords, blocked: frozenset[int] = frozenset()
) -> list[Found]:
    """Cue phrases left to right; the longest at each place wins and consumes its words."""
    index = w.cues
    found: list[Found] = []
    i = 0
    while i < len(tokens):
        candidates = {c for form in _forms(tokens[i]) for c in index.get(form, ())}
        match = next(
            (
                c
                for c in sorted(candidates, key=lambda c: (-len(c.words), c.text))
                if i + len(c.words) <= len(tokens)
                and all(
                    tokens[i + k].i not in blocked and word in _forms(tokens[i + k])
                    for k, word in enumerate(c.words)
                )
            ),
            None,
        )
        if match is None:
            i += 1
            continue
        found.append(Found(tokens[i].i, tokens[i].i + len(match.words), match))
        i += len(match.words)
    return found


def line_of(span: Span) -> list[Token]:
    """The tokens of the mention's sentence on the mention's own line."""
    sent = span.sent
    start, end = span.start, span.end
    while start > sent.start and "\n" not in span.doc[start - 1].text:
        start -= 1
    while end < sent.end and "\n" not in span.doc[end].text:
        end += 1
    return list(span.doc[start:end])


def _cue_words(found: Sequence[Found]) -> set[int]:
    return {i for f in found for i in range(f.start, f.end)}


def _is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def reach(
    span: Span, line: set[int], cue_tokens: set[int], w: AgreementWords
) -> tuple[dict[int, int], set[int]]:
    """The words around a mention in the parse, by clause, and those above a bare infinitive.

    Level 0 is the mention's own clause: its modifiers ("draft"), the words
    describing it ("signed in May"), and the words it hangs from ("signed a
    protocol", "the signing of the agreement", "the implementation of the
    MoU"), with their auxiliaries and adverbs. Each clause boundary crossed on
    the way up ("agreed that the plan would be signed") adds one. The second
    set holds the words reached through an infinitive that is no cue itself
    ("agreed to develop a strategy").
    """
    root = w.head_of(span)
    level: dict[int, int] = {t.i: 0 for t in span if t.i < root.i}
    above_infinitive: set[int] = set()

    def add(token: Token, lv: int) -> None:
        for t in (token, *(c for c in token.children if c.dep_ in WORDING_DEPS)):
            if t.i in line and not span.start <= t.i < span.end:
                level.setdefault(t.i, lv)

    def add_clause(clause: Token) -> None:
        # "the treaty, which is now in force": the predicate of a clause describing it
        add(clause, 0)
        for t in clause.children:
            if t.dep_ in PREDICATE_DEPS:
                add(t, 0)

    for child in root.children:
        if child.dep_ in DESCRIBING_DEPS:
            add(child, 0)
            # "the draft cooperation programme": a modifier of a modifier describes it too
            for t in child.subtree if child.i < root.i else ():
                if t.i in line:
                    level.setdefault(t.i, 0)
            if child.dep_ in DESCRIBING_CLAUSE_DEPS:
                add_clause(child)
        elif child.dep_ in PREDICATE_DEPS and not span.start <= child.i < span.end:
            # "the treaty, in force since 2001", "the agreement under consideration"
            add(child, 0)
    # a clause the parse hangs on the last words of the mention describes it too: "the
    # memorandum of understanding that will be signed", "the agreement on civil matters
    # signed in 1998"
    for token in span[root.i - span.start + 1 :]:
        for child in token.children:
            if child.dep_ in DESCRIBING_CLAUSE_DEPS and not span.start <= child.i < span.end:
                add_clause(child)
    token, lv, infinitive = root, 0, False
    while token.head.i != token.i and token.head.i in line:
        # the first of two conjuncts is a sibling, not a governor ("signed X and discussed Y")
        sibling = token.dep_ == "conj"
        lv += token.dep_ in CLAUSE_DEPS
        token = token.head
        if sibling:
            continue
        before = set(level)
        add(token, lv)
        for verb in _sharing_conjuncts(token):
            add(verb, lv)
        if infinitive:
            above_infinitive.update(set(level) - before)
        if token.pos_ in VERBAL_POS and _is_infinitive(token) and token.i not in cue_tokens:
            infinitive = True
    return level, above_infinitive


def _sharing_conjuncts(verb: Token) -> list[Token]:
    """Coordinated verbs that share this one's arguments: "was agreed upon and signed"."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ in VERBAL_POS
        and not any(g.dep_ in ARGUMENT_DEPS for g in c.children)
    ]


def _matrix_status(verb: Token, w: AgreementWords) -> StatusCue | None:
    """The cue of the word an infinitive depends on ("agreed", "plan to", "ready to")."""
    index = w.cues
    for form in _forms(verb):
        for cue in index.get(form, ()):
            if cue.words in ((form,), (form, "to")):
                return cue
    return None


def _governing_verb(token: Token) -> Token:
    """The verb whose wording applies to a cue: itself, its clause verb, or the first conjunct."""
    verb = token
    # a nominal cue ("the signing of", "approval for") takes its clause's wording
    while verb.pos_ not in VERBAL_POS and verb.head.i != verb.i:
        verb = verb.head
    # "expected to sign X and approve Y": a bare conjunct shares the first one's wording;
    # a finite one ("agreed to enhance ... and signed") has its own
    while verb.dep_ == "conj" and verb.head.pos_ in VERBAL_POS and _shares_wording(verb):
        verb = verb.head
    return verb


def _shares_wording(verb: Token) -> bool:
    own_aux = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.tag_ == "VB" or (verb.tag_ == "VBN" and not own_aux)


def worded(
    found: Found, span: Span, above_infinitive: set[int], w: AgreementWords
) -> StatusReading:
    """The cue's status once future, modal or intended wording is taken into account."""
    cue = found.cue
    base = StatusReading(cue.status, cue.text, cue.priority, cue.weak)
    event = cue.status in EVENT_STATUSES
    if not event and cue.status != "proposed":
        return base
    proposed = w.priorities.get("proposed", 0)
    if event and any(i in above_infinitive for i in range(found.start, found.end)):
        return StatusReading("proposed", f"{cue.text}+to", proposed)
    doc = span.doc
    head = next(
        (t for t in doc[found.start : found.end] if not found.start <= t.head.i < found.end),
        doc[found.start],
    )
    verb = _governing_verb(head)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if event and any(c.lower_ in w.words("modal") for c in auxes):
        return StatusReading("proposed", f"{cue.text}+modal", proposed)
    infinitive = any(c.tag_ == "TO" for c in auxes) and cue.words[-1] != "to"
    if infinitive or verb.dep_ == "xcomp":
        matrix = _matrix_status(verb.head, w) if verb.head.i != verb.i else None
        if matrix is not None:
            # "agreed (in principle) to sign" is agreed; "plan to sign", "proposed concluding"
            # are proposed
            return StatusReading(matrix.status, f"{matrix.text}+{cue.text}", matrix.priority)
        if infinitive and event:
            return StatusReading("proposed", f"to+{cue.text}", proposed)
    if event and _dated_by_year(head, span):
        return StatusReading("existing", f"{cue.text}+in year", w.priorities.get("existing", 0))
    return base


def _dated_by_year(cue: Token, span: Span) -> bool:
    """A bare year (or month of a year) dates the signing: "signed in 1998", "the signing
    of the MoU in 2016", "signed in March 2019".

    The year hangs from "in" in the cue's phrase or in the mention itself.
    """
    near = [*cue.subtree] if cue.i < span.start or cue.i >= span.end else []
    for token in (*near, *span):
        if token.lower_ == "in" and token.dep_ == "prep":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if len(objects) == 1 and _year_or_month_of_year(objects[0]):
                return True
    return False


def _year_or_month_of_year(token: Token) -> bool:
    """A bare year ("1998") or a month with its year and no day ("March 2019").

    A clause or apposition hung on the year is no part of the date ("in 2006, which ...").
    """
    children = [c for c in token.children if c.dep_ not in DATE_ASIDE_DEPS]
    if YEAR.fullmatch(token.text):
        return not children
    return (
        token.ent_type_ == "DATE"
        and token.is_title
        and len(children) == 1
        and YEAR.fullmatch(children[0].text) is not None
    )


def status_of(
    span: Span, w: AgreementWords, exclude: frozenset[int] = frozenset()
) -> StatusReading | None:
    """The status the wording around a mention gives it, or None without a cue.

    `exclude` holds token indices that are no cue for this mention (its own
    title, other instruments).
    """
    tokens = line_of(span)
    line = {t.i for t in tokens}
    doc = span.doc
    other_heads = {i for i in exclude if doc[i].lower_ in w.heads}
    if _nested(w.head_of(span), other_heads):
        # an instrument another one belongs to exists: "the protocols of the Convention"
        return StatusReading("existing", "within instrument", w.priorities["existing"], True)
    title = frozenset(range(w.head_of(span).i, span.end))
    found = find_cues(tokens, w, exclude | title)
    if not found:
        return None
    level, above_infinitive = reach(span, line, _cue_words(found), w)
    near = {
        f: min(level[i] for i in range(f.start, f.end) if i in level)
        for f in found
        if any(i in level for i in range(f.start, f.end))
    }
    if near:
        # the cues of the nearest clause that has any: the latest stage they report
        lowest = min(near.values())
        statuses = [worded(f, span, above_infinitive, w) for f, lv in near.items() if lv == lowest]
        return max(statuses, key=lambda s: (not s.weak, s.priority))
    # no cue in the parse around it: the nearest one in the line
    # a cue the parse ties to another instrument is that one's ("helping implement the treaty")
    loose = [
        f
        for f in found
        if not f.cue.weak
        and not any(_ties(doc[i], exclude, other_heads) for i in range(f.start, f.end))
    ]
    if not loose:
        return None
    best = min(
        loose,
        key=lambda f: (
            f.start - span.end if f.start >= span.end else span.start - f.end,
            -f.cue.priority,
        ),
    )
    return worded(best, span, above_infinitive, w)


def _nested(head: Token, other_heads: set[int]) -> bool:
    """Whether the parse hangs the instrument word from another instrument's word.

    Coordinated or apposed instruments are siblings ("an agreement and a protocol"):
    the walk goes on above them, and stops at any other word joined so.
    """
    token = head
    while token.head.i != token.i:
        dep = token.dep_
        if dep not in NESTING_DEPS and dep not in SIBLING_DEPS:
            return False
        token = token.head
        if token.i in other_heads and dep not in SIBLING_DEPS:
            return True
        if dep in SIBLING_DEPS and token.i not in other_heads:
            # "an agreement on the transfer of persons and a treaty": the parse may join
            # a sibling to a word of the other's tail
            return False
    return False


def _ties(cue: Token, others: frozenset[int], other_heads: set[int]) -> bool:
    """Whether a cue word describes another instrument or governs its word ("the treaty
    on civil matters signed in 1998", "implement the treaty", "the signing of the treaty")."""
    return cue.head.i in others or any(
        h == c.i or (c.dep_ == "prep" and any(g.i == h for g in c.children))
        for c in cue.children
        for h in other_heads
    )

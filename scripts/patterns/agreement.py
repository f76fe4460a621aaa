"""``patterns/agreement.jsonl`` (label ``AGREEMENT``) from the data files of ``agreements/``:

* ``agreement_heads.csv``: one row per family of instrument words, with the
  ``kind`` that becomes the pattern ``id``; ``singular`` and ``plural`` heads
  (``|``-separated, words separated by spaces, ``-`` for an optional hyphen);
  ``bare`` (a singular head may stand with modifiers only), ``not_compound``
  (the head must not be a noun modifier: "protocol service" is no protocol),
  ``pos`` (the head must be tagged as a noun); ``key_mods`` (the head needs
  one of these words right before it: "action plan", not "plan"), unless it
  has a tail starting with ``tail_first`` and ``tail_second`` ("plan of joint
  actions"); ``extra`` (named grammar below).
  ``@name`` in a cell refers to a list of ``agreement_pattern_words.csv``.
* ``agreement_pattern_words.csv``: named word lists (``list,word``):
  ``modifier`` (words that may precede a head), ``weak_modifier`` (those that
  do not make a bare plural an instrument: "new agreements"), ``plan_key``,
  ``plan_tail``, ``tail_start`` (prepositions opening a title tail),
  ``tail_time``/``tail_stop``/``tail_stop_head`` (words that end a tail; month
  names come from ``cleaning/month_names.txt``), ``memorandum_of`` (what follows
  "memorandum of" before "(MoU)"), ``operation_word``, ``joint_body`` and
  ``determiner`` (for heads whose ``extra`` is ``after_determiner``: only
  "this document" is a mention, one that refers back to an instrument).

``named_instruments.csv`` lists instruments known by their own name (``name``,
``kind``, ``|``-separated ``aliases``: short names and acronyms such as
"UNTOC", "Rome Statute"): each form is a phrase pattern, as written, with
the kind as its id; the resolver gives such a mention the instrument's name.

A family whose ``extra`` has ``named`` also gets capitalised names: up to
four proper-noun words, then the head capitalised, then an optional tail
("Palermo Convention", "UN Global Counter-Terrorism Strategy", "UNODC
Programme for Central Asia"); the resolver trims them on a headline line.

Every family gets modifiers + head, and modifiers + head + tail; a plural
without key modifiers also gets a number word of ``agreement_numbers.csv``
before it ("two agreements"). A tail is a
preposition, then nouns, adjectives, numbers, determiners, prepositions and
conjunctions, and must end on a noun or a number, so a mention never ends on
a dangling "memorandum to" or "agreement on" before a date. Lower-case
instrument words end a tail ("a memorandum and an agreement"); capitalised
ones are names inside it ("additional protocol to the Memorandum").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coopnlp.resources import read_lines

from .common import (
    HYPHENS,
    Entry,
    Pattern,
    Token,
    collect,
    expand,
    read_rows,
    read_word_lists,
)

LABEL = "AGREEMENT"
OUTPUT = "patterns/agreement.jsonl"
HEADS = "agreements/agreement_heads.csv"
PATTERN_WORDS = "agreements/agreement_pattern_words.csv"
MONTHS = "cleaning/month_names.txt"
NUMBERS = "agreements/agreement_numbers.csv"
NAMED = "agreements/named_instruments.csv"
INPUTS = (HEADS, PATTERN_WORDS, MONTHS, NUMBERS, NAMED)

NOUN_POS = ["NOUN", "PROPN"]
# Tags a tail may run through, and those it may end on.
TAIL_TAGS = ["NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "IN", "DT", "PDT", "CC", "CD"]
TAIL_TAGS += ["VBG", "POS", "HYPH", "SYM", "``"]  # an opening quote: 'MoU on "drug ...'"
TAIL_END_TAGS = ["NN", "NNS", "NNP", "NNPS", "CD"]


@dataclass(frozen=True)
class Family:
    """One row of ``agreement_heads.csv``."""

    kind: str
    singular: tuple[tuple[str, ...], ...]
    plural: tuple[tuple[str, ...], ...]
    bare: bool
    not_compound: bool
    pos: bool
    key_mods: tuple[str, ...]
    tail_first: tuple[str, ...]
    tail_second: tuple[str, ...]
    extra: tuple[str, ...]


def load_words(data: Path) -> dict[str, list[str]]:
    """The named word lists, plus ``month`` from ``month_names.txt`` and ``number`` from
    ``agreement_numbers.csv``."""
    numbers = [row["word"] for row in read_rows(data / NUMBERS)]
    return {
        **read_word_lists(data / PATTERN_WORDS),
        "month": read_lines(data / MONTHS),
        "number": numbers,
    }


def load_families(lists: dict[str, list[str]], path: Path) -> list[Family]:
    def phrases(cell: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(h.split()) for h in expand(cell, lists))

    return [
        Family(
            kind=row["kind"],
            singular=phrases(row["singular"]),
            plural=phrases(row["plural"]),
            bare=row["bare"] == "yes",
            not_compound=row["not_compound"] == "yes",
            pos=row["pos"] == "yes",
            key_mods=tuple(expand(row["key_mods"], lists)),
            tail_first=tuple(expand(row["tail_first"], lists)),
            tail_second=tuple(expand(row["tail_second"], lists)),
            extra=tuple(expand(row.get("extra", ""), lists)),
        )
        for row in read_rows(path)
    ]


def alts(words: Iterable[str]) -> Token:
    return {"LOWER": {"IN": sorted(set(words))}}


def optional(token: Token) -> Token:
    return {**token, "OP": "?"}


def hyphen() -> Token:
    # no space after it: "Russian-Vietnamese", not "Secretary – Deputy"
    return {"ORTH": {"IN": HYPHENS}, "SPACY": False, "OP": "?"}


class Grammar:
    """Pattern pieces built from the word lists."""

    def __init__(self, lists: dict[str, list[str]], families: Sequence[Family]) -> None:
        self.lists = lists
        self.families = families
        self.modifier = alts(lists["modifier"])
        weak = set(lists["weak_modifier"])
        self.plural_key = [w for w in lists["modifier"] if w not in weak]
        heads = [h[-1] for f in families for h in (*f.singular, *f.plural) if h[-1] != "-"]
        stop = [*heads, *lists["tail_stop_head"]]
        names = [*lists["month"], *lists["tail_time"], *lists["tail_stop"]]
        stop += [f(w) for w in names for f in (str.lower, str.title)]
        excluded = {"ORTH": {"NOT_IN": list(dict.fromkeys(stop))}}
        self.word: Token = {"TAG": {"IN": TAIL_TAGS}, **excluded}
        self.last: Token = {"TAG": {"IN": TAIL_END_TAGS}, **excluded}

    def premods(self, required_last: Sequence[str] | None = None) -> Pattern:
        """Optional years and up to four modifiers; with `required_last`, one of them last."""
        year = {"SHAPE": "dddd", "OP": "?"}
        mod = optional(self.modifier)
        seq = [year, hyphen(), year, mod, hyphen(), mod, hyphen(), mod]
        return [*seq, alts(required_last) if required_last else mod]

    def tail(self, first: Sequence[str], second: Sequence[str] = ()) -> list[Pattern]:
        """A preposition, an optional run of tail words, and a noun or number to end on."""
        run = {**self.word, "OP": "*"}
        if second:
            # "plan of cooperation", "plan for the next sitting of the joint collegium"
            ends = {**alts(second), "TAG": {"IN": TAIL_END_TAGS}}
            return [[alts(first), ends], [alts(first), alts(second), run, self.last]]
        return [[alts(first), run, self.last]]

    def head(self, words: Sequence[str], family: Family) -> Pattern:
        toks: Pattern = []
        for i, word in enumerate(words):
            if word == "-":
                toks.append({"ORTH": {"IN": HYPHENS}, "OP": "?"})
                continue
            tok: Token = {"LOWER": word}
            if i == len(words) - 1:
                if family.pos:
                    tok["POS"] = {"IN": NOUN_POS}
                if family.not_compound:
                    tok["DEP"] = {"NOT_IN": ["compound"]}
            toks.append(tok)
        return toks


def family_patterns(g: Grammar, f: Family) -> Iterable[Pattern]:
    """Modifiers + head, and modifiers + head + tail, for every head of a family."""
    all_tails = g.tail(g.lists["tail_start"])
    for words in (*f.singular, *f.plural):
        is_plural = words in f.plural
        head = g.head(words, f)
        if "after_determiner" in f.extra:
            # only "this document", "the documents": a word that can just refer back
            yield [alts(g.lists["determiner"]), *head]
            continue
        if is_plural and not f.key_mods:
            # a counted plural is instruments without a modifier: "signed two agreements"
            yield [alts(g.lists["number"]), *g.premods(), *head]
        if f.key_mods:
            yield g.premods(f.key_mods) + head
        elif (f.bare and not is_plural) or len(words) > 1:
            yield g.premods() + head
        else:
            yield g.premods(g.plural_key) + head
        if f.tail_first:
            for tail in g.tail(f.tail_first, f.tail_second):
                yield g.premods() + head + tail
        if f.key_mods:
            for tail in all_tails:
                yield g.premods(f.key_mods) + head + tail
        elif not f.tail_first:
            for tail in all_tails:
                yield g.premods() + head + tail
        yield from extra_patterns(g, f, words, head, is_plural)


def extra_patterns(
    g: Grammar, f: Family, words: Sequence[str], head: Pattern, is_plural: bool
) -> Iterable[Pattern]:
    """The named grammar of a family's `extra` cell."""
    all_tails = g.tail(g.lists["tail_start"])
    for name in f.extra:
        if name == "abbreviation" and words == f.singular[0]:
            # "Memorandum of Understanding (MoU) on ..."
            abbr = [{"ORTH": "("}, alts(w for h in f.singular[1:] for w in h), {"ORTH": ")"}]
            for phrase in g.lists["memorandum_of"]:
                base = [{"LOWER": w} for w in [*words, "of"]]
                base += [hyphen() if w == "-" else {"LOWER": w} for w in phrase.split()]
                yield g.premods() + base + abbr
                for tail in all_tails:
                    yield g.premods() + base + abbr + tail
        elif name == "capitalised" and words == f.singular[0]:
            # a capitalised "Convention" is a name even without a tail
            cap = [w.title() for w in words] + [w.upper() for w in words]
            yield [{"ORTH": {"IN": cap}, "DEP": {"NOT_IN": ["compound"]}}]
        elif name == "named" and len(words) == 1:
            # "Palermo Convention", "Liaison Officer Agreement", "UNODC Programme for ..."
            name_word = {"TAG": {"IN": ["NNP", "NNPS"]}, "IS_LOWER": False, "IS_PUNCT": False}
            name = [name_word, *([hyphen(), optional(name_word)] * 3)]
            cap = {"ORTH": {"IN": [words[0].title(), words[0].upper()]}}
            yield [*name, cap]
            for tail in all_tails:
                yield [*name, cap, *tail]
        elif name == "for_year" and not is_plural:
            # "programme for 2019-2021", "plan for the Border-Barrier operation"
            year = [{"LOWER": "for"}, {"LOWER": "the", "OP": "?"}, {"SHAPE": "dddd"}]
            yield g.premods() + head + year
            yield g.premods() + head + year + [{**g.word, "OP": "*"}, g.last]
            named = [{"LOWER": "for"}, {"LOWER": "the"}, {"IS_TITLE": True}, hyphen()]
            named += [{"IS_TITLE": True, "OP": "?"}, alts(g.lists["operation_word"])]
            yield g.premods() + head + named
        elif name == "of_joint_body" and words == f.plural[0]:
            # "decisions of the joint collegium"
            yield [
                alts([words[-1], *(w for h in f.singular for w in h[-1:])]),
                {"LOWER": "of"},
                {"LOWER": "the"},
                {"LOWER": "joint"},
                alts(g.lists["joint_body"]),
            ]


def named_patterns(path: Path) -> Iterable[tuple[str, str]]:
    """(id, phrase) for every name and alias of ``named_instruments.csv``, as written."""
    for row in read_rows(path):
        for form in (row["name"], *row["aliases"].split("|")):
            if form.strip():
                yield row["kind"], form.strip()


def build(data: Path) -> list[Entry]:
    """Every agreement pattern of the resources folder ``data`` once, in family order,
    then the phrases of the instruments known by name."""
    lists = load_words(data)
    families = load_families(lists, data / HEADS)
    g = Grammar(lists, families)
    grammar = ((f.kind, p) for f in families for p in family_patterns(g, f))
    named = named_patterns(data / NAMED) if (data / NAMED).exists() else ()
    return collect(LABEL, [*grammar, *named])

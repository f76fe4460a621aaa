"""``patterns/title.jsonl`` (label ``TITLE``) from the data files of ``titles/``:

* ``title_heads.csv``: one row per position; ``id`` becomes the pattern id and
  ``head`` (the canonical wording) is its first capitalised form. ``also``
  holds the other capitalised forms, ``lowercase`` the lower-case ones
  (``|``-separated, words separated by spaces, ``-`` for an optional hyphen);
  ``deputy`` names the row (``kind`` = ``deputy``) of the "Deputy ..." / "Vice
  ..." variant, whose own ``also`` holds only its abbreviations ("DIG" for a
  Deputy Inspector General, as written); ``deputy_only`` forms exist
  only in that variant ("Deputy PM"). ``domain`` lists the words that may
  name the field before the head ("Interior Minister", ``@name`` = a list of
  ``title_pattern_words.csv``; a single list keeps its order, several are
  merged and sorted; empty: none), ``domain_required`` whether the head needs
  one ("duty officer", not "officer"); ``modifiers`` whether "First", "Acting"
  ... may precede it; ``acronym`` whether an organisation's acronym may stand
  for the domain ("PNP chief", "UN Secretary-General").
* ``title_pattern_words.csv``: named lists: ``modifier`` (matched in lower
  case, capitalised and upper case) and ``capitalised_modifier`` ("Chief" as a
  modifier, while "chief" is a head), ``deputy_word`` ("deputy", "vice",
  in the same three cases), ``domain`` and the lists ``domain`` cells name,
  ``glue`` (words matched as they are inside a form: "Chief of Staff") and
  ``not_acronym`` (upper-case words that are no organisation).
* ``countries/countries.csv``: upper-case country names ("UAE") are no acronym either.

Without a domain word, a one-word lower-case head must be a noun ("head" the
verb is no title).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .common import (
    HYPHEN_WORD,
    Entry,
    Form,
    Pattern,
    Token,
    collect,
    expand,
    flag,
    forms,
    optional_hyphen,
    read_rows,
    read_word_lists,
)
from .country import COUNTRIES, load_country_rows

LABEL = "TITLE"
OUTPUT = "patterns/title.jsonl"
HEADS = "titles/title_heads.csv"
PATTERN_WORDS = "titles/title_pattern_words.csv"
INPUTS = (HEADS, PATTERN_WORDS, COUNTRIES)
DEPUTY_KIND = "deputy"
NOUN_POS = ["NOUN", "PROPN"]
ACRONYM_LENGTH = {">=": 2, "<=": 6}


@dataclass(frozen=True)
class Head:
    """One non-deputy row of ``title_heads.csv``."""

    id: str
    capitalised: tuple[Form, ...]
    lowercase: tuple[Form, ...]
    deputy: str
    deputy_only: tuple[Form, ...]
    domain: tuple[str, ...]
    domain_required: bool
    modifiers: bool
    acronym: bool
    deputy_abbreviations: tuple[Form, ...]


def cased(words: Iterable[str]) -> list[str]:
    """Each word in lower case, capitalised and upper case."""
    out: list[str] = []
    for w in words:
        out += [w.lower(), w if w[0].isupper() else w.capitalize(), w.upper()]
    return list(dict.fromkeys(out))


def domain_words(cell: str, lists: dict[str, list[str]]) -> tuple[str, ...]:
    words = expand(cell, lists)
    return tuple(sorted(set(words)) if cell.count("|") else dict.fromkeys(words))


def load_heads(lists: dict[str, list[str]], path: Path) -> list[Head]:
    """The heads of ``title_heads.csv``; each deputy row must belong to one head."""
    rows = read_rows(path)
    deputy_also = {row["id"]: forms(row["also"]) for row in rows if row["kind"] == DEPUTY_KIND}
    heads = [
        Head(
            id=row["id"],
            capitalised=(tuple(row["head"].split()), *forms(row["also"])),
            lowercase=forms(row["lowercase"]),
            deputy=row["deputy"],
            deputy_only=forms(row["deputy_only"]),
            domain=domain_words(row["domain"], lists),
            domain_required=bool(row["domain"]) and flag(row, "domain_required"),
            modifiers=flag(row, "modifiers"),
            acronym=flag(row, "acronym"),
            deputy_abbreviations=deputy_also.get(row["deputy"], ()),
        )
        for row in rows
        if row["kind"] != DEPUTY_KIND
    ]
    deputies = [row["id"] for row in rows if row["kind"] == DEPUTY_KIND]
    named = [h.deputy for h in heads if h.deputy]
    if sorted(deputies) != sorted(named):
        raise ValueError(f"deputy rows and deputy columns differ: {set(deputies) ^ set(named)}")
    return heads


class Grammar:
    """Pattern pieces built from the word lists and the country names."""

    def __init__(self, lists: dict[str, list[str]], country_acronyms: Iterable[str]) -> None:
        self.glue = set(lists["glue"])
        capitalised = [f for w in lists["capitalised_modifier"] for f in (w, w.upper())]
        self.modifier_forms = cased(lists["modifier"]) + capitalised
        not_acronym = set(country_acronyms) | set(lists["not_acronym"])
        # an organisation's acronym ("PNP", "UN"); optional where it is used
        self.acronym: Token = {
            "IS_UPPER": True,
            "IS_ALPHA": True,
            "LENGTH": ACRONYM_LENGTH,
            "ORTH": {"NOT_IN": sorted(not_acronym)},
        }
        self.deputy: Pattern = [{"ORTH": {"IN": cased(lists["deputy_word"])}}, self.joiner()]

    @staticmethod
    def joiner() -> Token:
        # attached hyphen only: "Vice-President", "Interior-Ministry", not "Secretary – Deputy"
        return {"ORTH": "-", "SPACY": False, "OP": "?"}

    def modifiers(self, head: Head, most: int) -> Pattern:
        if not head.modifiers:
            return []
        return [{"ORTH": {"IN": self.modifier_forms}, "OP": f"{{0,{most}}}"}]

    def form(self, form: Form, lower: bool) -> Pattern:
        toks: Pattern = []
        for w in form:
            if w == HYPHEN_WORD:
                toks.append(optional_hyphen())
            elif w in self.glue:
                toks.append({"LOWER": w})
            elif lower:
                toks.append({"ORTH": w})
            else:
                toks.append({"ORTH": {"IN": [w] if w.isupper() else [w, w.upper()]}})
        return toks

    def domains(self, head: Head) -> list[tuple[Pattern, bool]]:
        """Prefixes before the head, each with whether a lower-case one-word head needs POS."""
        if not head.domain:
            return [([], True)]
        word: Token = {"LOWER": {"IN": list(head.domain)}}
        maybe = {**word, "OP": "?"}
        # up to three more domain words: "Interior Ministry", "Public Security-Police"
        rest = [self.joiner(), dict(maybe), self.joiner(), dict(maybe), dict(maybe)]
        variants = [([word, *rest], False)]
        if head.acronym:
            variants.append(([dict(self.acronym), dict(maybe), *rest], False))
        if not head.domain_required:
            variants.append(([], True))
        return variants

    def bases(self, head: Head, needs_pos: bool) -> list[Pattern]:
        """The head words: one-word forms in one token, then each longer form."""
        cap_singles = {f for (w, *more) in head.capitalised if not more for f in (w, w.upper())}
        low_singles = {w for (w, *more) in head.lowercase if not more}
        bases: list[Pattern] = []
        if needs_pos:
            if cap_singles:
                bases.append([{"ORTH": {"IN": sorted(cap_singles)}}])
            if low_singles:
                bases.append([{"ORTH": {"IN": sorted(low_singles)}, "POS": {"IN": NOUN_POS}}])
        elif cap_singles | low_singles:
            bases.append([{"ORTH": {"IN": sorted(cap_singles | low_singles)}}])
        bases += [self.form(f, False) for f in head.capitalised if len(f) > 1]
        bases += [self.form(f, True) for f in head.lowercase if len(f) > 1]
        return bases


def head_patterns(g: Grammar, head: Head) -> Iterable[tuple[str, Pattern]]:
    """(id, pattern) for a head and its deputy variant."""
    mods, mod = g.modifiers(head, 2), g.modifiers(head, 1)
    for pre, needs_pos in g.domains(head):
        for base in g.bases(head, needs_pos):
            yield head.id, mods + pre + mod + base
            if head.deputy:
                yield head.deputy, mods + g.deputy + mod + pre + base
                if pre:  # "Interior Deputy Minister"
                    yield head.deputy, pre + mod + g.deputy + mod + base
        if head.deputy:
            for form in head.deputy_only:
                yield head.deputy, mods + g.deputy + mod + pre + g.form(form, False)
    for form in head.deputy_abbreviations:  # "DIG": the whole deputy title in one word
        yield head.deputy, g.form(form, False)


def country_acronyms(path: Path) -> set[str]:
    """Upper-case country names ("UAE", "U.S."), which are not organisations."""
    return {n for row in load_country_rows(path) for n in row.names if n.replace(".", "").isupper()}


def build(data: Path) -> list[Entry]:
    """Every title pattern of the resources folder ``data`` once, in ``title_heads.csv`` order."""
    lists = read_word_lists(data / PATTERN_WORDS)
    g = Grammar(lists, country_acronyms(data / COUNTRIES))
    heads = load_heads(lists, data / HEADS)
    return collect(LABEL, (pair for head in heads for pair in head_patterns(g, head)))

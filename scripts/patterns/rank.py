"""``patterns/rank.jsonl`` (label ``RANK``) from the data files of ``ranks/``:

* ``ranks.csv``: one row per rank; the ``id`` becomes the pattern id. ``forms``
  are the word sequences of the rank (``|``-separated; empty: the canonical
  name), ``aliases`` one-token abbreviations of the whole rank ("Lt.-Gen"),
  ``lowercase`` whether a lower-case form may stand without a service word,
  ``service_word`` whether the rank needs one: ``optional``, ``required``
  ("Police Inspector", "Inspector of Police"; aliases such as "ACP" name the
  service themselves) or ``after`` (only "State Councillor of Justice").
* ``rank_words.csv``: the spellings of each word of a form: ``capitalised``,
  ``abbreviations`` (a period may follow) and ``lowercase`` forms. A word
  without capitalised forms ("private") only has its abbreviations.
* ``rank_services.csv``: the service cues the pipeline reads inside a span;
  those not in the ``abbreviated_service`` list may follow a rank as "of (the)
  Police", "of the Internal Service".
* ``rank_pattern_words.csv``: named lists: ``glue`` (words matched as they are:
  "General of the Army"), ``service_prefix`` and ``service_prefix_lower`` (what
  may precede a rank: "Police Colonel", "police colonel"), ``common_lowercase``
  (words too common in lower case to be a rank alone: "general", "major"),
  ``abbreviated_service``.

Each form is written in two styles. Capitalised: every word in its capitalised
or abbreviated spellings (lower-case ones after the first word: "Major
general"), words joined by an optional hyphen. Lower case: the lower-case
spellings only. A one-word capitalised rank standing alone must be a proper
noun ("Major Ivanov", not "Major crimes").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coopnlp.resources import split_list

from .common import (
    Entry,
    Form,
    Pattern,
    Token,
    collect,
    flag,
    forms,
    optional_hyphen,
    read_rows,
    read_word_lists,
)

LABEL = "RANK"
OUTPUT = "patterns/rank.jsonl"
RANKS = "ranks/ranks.csv"
WORDS = "ranks/rank_words.csv"
SERVICES = "ranks/rank_services.csv"
PATTERN_WORDS = "ranks/rank_pattern_words.csv"
INPUTS = (RANKS, WORDS, SERVICES, PATTERN_WORDS)
SERVICE_WORD = ("optional", "required", "after")


def dot() -> Token:
    # the period of an abbreviation the tokenizer split off ("Gen .")
    return {"ORTH": ".", "OP": "?"}


@dataclass(frozen=True)
class Spellings:
    """One row of ``rank_words.csv``."""

    capitalised: tuple[str, ...]
    abbreviations: tuple[str, ...]
    lowercase: tuple[str, ...]


@dataclass(frozen=True)
class Rank:
    """The pattern columns of one row of ``ranks.csv``."""

    id: str
    forms: tuple[Form, ...]
    aliases: tuple[str, ...]
    lowercase: bool
    service_word: str


@dataclass(frozen=True)
class RankData:
    """Everything the rank grammar reads from one resources folder."""

    ranks: tuple[Rank, ...]
    words: dict[str, Spellings]
    lists: dict[str, list[str]]
    service_cues: tuple[str, ...]

    @property
    def glue(self) -> list[str]:
        return self.lists["glue"]


def load(data: Path) -> RankData:
    """Read and cross-check the four rank files of the resources folder ``data``."""
    lists = read_word_lists(data / PATTERN_WORDS)
    words = {
        row["word"]: Spellings(
            tuple(split_list(row["capitalised"])),
            tuple(split_list(row["abbreviations"])),
            tuple(split_list(row["lowercase"])),
        )
        for row in read_rows(data / WORDS)
    }
    ranks = []
    for row in read_rows(data / RANKS):
        rank = Rank(
            id=row["id"],
            forms=forms(row["forms"]) or forms(row["canonical"].lower()),
            aliases=tuple(split_list(row["aliases"])),
            lowercase=flag(row, "lowercase"),
            service_word=row["service_word"],
        )
        if rank.service_word not in SERVICE_WORD:
            raise ValueError(f"{rank.id}: service_word must be one of {SERVICE_WORD}")
        unknown = {w for f in rank.forms for w in f} - set(words) - set(lists["glue"])
        if unknown:
            raise ValueError(f"{rank.id}: no row in rank_words.csv for {sorted(unknown)}")
        ranks.append(rank)
    cues = tuple(row["cue"] for row in read_rows(data / SERVICES))
    # a prefix the pipeline cannot read a service from would give a rank without one
    prefixes = {w.lower() for w in lists["service_prefix"] + lists["service_prefix_lower"]}
    if prefixes - set(cues):
        raise ValueError(f"service prefixes not in rank_services.csv: {prefixes - set(cues)}")
    return RankData(tuple(ranks), words, lists, cues)


def word_tokens(data: RankData, word: str, lower: bool, position: int) -> Pattern | None:
    """One word of a form; None when it has no spelling in this style."""
    if word in data.glue:
        return [{"LOWER": word}]
    spell = data.words[word]
    if lower:
        spellings = list(spell.lowercase)
    else:
        # after the first word a lower-case spelling is fine too: "Major general"
        later = spell.lowercase if position > 0 else ()
        spellings = list(dict.fromkeys([*spell.capitalised, *spell.abbreviations, *later]))
    if not spellings:
        return None
    tok: Token = {"ORTH": {"IN": spellings}} if len(spellings) > 1 else {"ORTH": spellings[0]}
    return [tok, dot()] if not lower and spell.abbreviations else [tok]


def form_tokens(data: RankData, form: Form, lower: bool) -> Pattern | None:
    """A whole form; content words are joined by an optional hyphen ("Colonel-General")."""
    toks: Pattern = []
    for i, word in enumerate(form):
        if i > 0 and word not in data.glue and form[i - 1] not in data.glue:
            toks.append(optional_hyphen())
        word_toks = word_tokens(data, word, lower, i)
        if word_toks is None:
            return None
        toks += word_toks
    return toks


def service_prefix(data: RankData, lower: bool) -> Pattern:
    if lower:
        return [{"ORTH": {"IN": data.lists["service_prefix_lower"]}}]
    return [{"ORTH": {"IN": data.lists["service_prefix"]}}, dot()]


def service_suffixes(data: RankData) -> list[Pattern]:
    """ "of (the) <service>": for each cue length, one set of words per position."""
    skip = set(data.lists["abbreviated_service"])
    cues = [c.split() for c in data.service_cues if c not in skip]
    suffixes = []
    for n in sorted({len(c) for c in cues}):
        same = [c for c in cues if len(c) == n]
        words = [{"LOWER": {"IN": sorted({c[i] for c in same})}} for i in range(n)]
        suffixes.append([{"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, *words])
    return suffixes


def rank_patterns(data: RankData, rank: Rank) -> Iterable[Pattern]:
    """Capitalised forms, then aliases, then lower-case forms of one rank."""
    common = set(data.lists["common_lowercase"])
    may_precede = rank.service_word in ("optional", "required")
    for lower in (False, True):
        for form in rank.forms:
            base = form_tokens(data, form, lower)
            if base is None:
                continue
            content = [w for w in form if w not in data.glue]
            common_alone = len(content) == 1 and form[0] in common
            if rank.service_word == "optional" and (
                not lower or (rank.lowercase and not common_alone)
            ):
                if len(content) == 1 and not lower:
                    yield [{**base[0], "POS": "PROPN"}, *base[1:]]
                else:
                    yield base
            # a form with its own preposition ("General of the Army") takes no service word
            if len(content) < len(form):
                continue
            if may_precede and not (lower and common_alone):
                yield service_prefix(data, lower) + base
            for suffix in service_suffixes(data):
                yield base + suffix
        if not lower and may_precede:
            for alias in rank.aliases:
                yield [{"ORTH": alias}, dot()]
                # a short all-caps alias (ACP, DSP) already names the service
                if len(alias) > 3 or not alias.isupper():
                    yield [*service_prefix(data, lower), {"ORTH": alias}, dot()]


def build(data: Path) -> list[Entry]:
    """Every rank pattern of the resources folder ``data`` once, in ``ranks.csv`` order."""
    ranks = load(data)
    return collect(LABEL, ((r.id, p) for r in ranks.ranks for p in rank_patterns(ranks, r)))

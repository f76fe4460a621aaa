"""Personal names for identity: folding spelling variants, parsing, comparing.

A name is folded word by word: accents and special letters to ASCII, then the
transliteration rules of `resources/identity/translit.csv` (kh/h, ya/ia, ts/c,
y/i, ...), so "Yerlan Turgumbayev" and "Erlan Turgumbaev" fold alike. A word's
*skeleton* (its folded consonants) is the blocking key: variants that fold
differently ("Eyvazov" / "Aivazov") still share it.

Parsing finds the surname: the first word for the states in
`identity/surname_first.txt` ("Guo Shengkun") and for "Surname Given Patronymic"
orders ("Patrushev Nikolay Platonovich"), else the last word; particles
(`bin`, `al-`) and honorifics (the pipeline's `persons/` lists and the extra
words of `identity/`) are dropped, patronymics and initials kept apart, and a
surname right after a nasab particle with no family name after it ("Khalid
bin Salem") is marked as a father's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from coopnlp.resources import csv_rows, lines, split_list

VOWELS = frozenset("aeiou")
# Folded words at least this similar (0..100) are spellings of one surname when
# their skeletons agree; other pairs need `FUZZY_SURNAME`.
VARIANT_SURNAME = 75.0
FUZZY_SURNAME = 88.0
# Two full given names at least this similar are one name ("Aleksandr" / "Alexander").
SAME_GIVEN = 80.0


@cache
def _letters() -> dict[str, str]:
    return {row["letter"]: row["ascii"] for row in csv_rows("identity/letters.csv")}


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(row["pattern"]), row["replacement"])
        for row in csv_rows("identity/translit.csv")
    )


@cache
def _words(name: str) -> frozenset[str]:
    """The lines of an identity word list (`name` as "identity/<file>.txt")."""
    return frozenset(lines(name))


@cache
def _given_variants() -> dict[str, str]:
    """Folded given-name variant -> the folded first variant of its row."""
    out: dict[str, str] = {}
    for row in csv_rows("identity/given_names.csv"):
        variants = [fold_word(v) for v in split_list(row["variants"])]
        for v in variants:
            out[v] = variants[0]
    return out


def surname_first_states() -> frozenset[str]:
    return _words("identity/surname_first.txt")


@lru_cache(maxsize=262144)
def ascii_word(word: str) -> str:
    """Lower case ASCII letters of a word: accents and special letters folded."""
    letters = _letters()
    text = "".join(letters.get(ch, ch) for ch in word.lower())
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if "a" <= ch <= "z")


@lru_cache(maxsize=262144)
def fold_word(word: str) -> str:
    """A word with its transliteration variants folded ("Kolokoltsev" -> "kolokolcev")."""
    text = ascii_word(word)
    for pattern, replacement in _rules():
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=262144)
def skeleton(folded: str) -> str:
    """The consonants of a folded word (the blocking key), or the word when it has
    fewer than two ("Li", "Ali": a skeleton of one letter would block too much)."""
    consonants = re.sub(r"(.)\1+", r"\1", "".join(ch for ch in folded if ch not in VOWELS))
    return consonants if len(consonants) >= 2 else folded


@cache
def _patronymic_endings() -> tuple[str, ...]:
    return tuple(_words("identity/patronymics.txt"))


def is_patronymic(folded: str) -> bool:
    return len(folded) > 5 and folded.endswith(_patronymic_endings())


@dataclass(frozen=True)
class ParsedName:
    """A name split into its parts, every part folded."""

    surname: str
    given: tuple[str, ...]  # full given names, in order
    initials: tuple[str, ...]  # letters of initials ("V." -> "v")
    patronymic: str | None
    words: tuple[str, ...]  # the folded full words: given names, then the surname
    # First letter of each word of `words` as written in ASCII, before folding
    # ("Yerlan" folds to "erlan" but an initial "Y." still agrees with it).
    letters: tuple[str, ...] = ()
    # The surname slot holds a father's name ("Khalid bin Salem": no family name
    # follows the nasab), so the same word alone names another man, the father.
    nasab: bool = False

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None

    def letters_of(self, word: str) -> set[str]:
        """First letters by which an initial may stand for `word`."""
        out = {word[0]}
        if word in self.words:
            out.add(self.letters[self.words.index(word)])
        return out


@cache
def _particles() -> frozenset[str]:
    """Particles, lower case: the pipeline's (`persons/name_particles.txt`) and the
    extra ones of `identity/particles.txt`."""
    words = (*lines("persons/name_particles.txt"), *lines("identity/particles.txt"))
    return frozenset(w.lower() for w in words)


@cache
def _honorifics() -> tuple[frozenset[str], frozenset[str]]:
    """Honorifics without dots: (matched as written, matched in any case). Of the
    pipeline's (`persons/honorifics.txt`) an all-capitals one is an acronym matched
    only as written ("HE" is one, "He" a surname); the others, and the extra ones of
    `identity/honorifics.txt`, in any case."""
    exact: set[str] = set()
    folded = {w.lower() for w in lines("identity/honorifics.txt")}
    for word in lines("persons/honorifics.txt"):
        word = word.rstrip(".")
        if word.isupper():
            exact.add(word)
        else:
            folded.add(word.lower())
    return frozenset(exact), frozenset(folded)


# Short dotted pieces glued to the word after them: an honorific or initials
# written without a space ("H.E.Ruslan", "V.Petrov", "Dr.Ali").
_GLUED = re.compile(r"\b((?:[A-Za-z]{1,3}\.)+)([A-Z][^\s.]+)(?=\s|$)")


@cache
def _nasab() -> frozenset[str]:
    """Particles meaning "son / daughter of" (`identity/nasab.txt`), lower case."""
    return frozenset(w.lower() for w in _words("identity/nasab.txt"))


def _split(name: str) -> tuple[list[str], bool]:
    """Words of a name (dots kept: they mark initials), particles and honorifics
    dropped ("Al-Khaili" -> "Khaili"); and whether the last word follows a nasab
    particle ("bin Salem": a father's name, not a family name)."""
    particles = _particles()
    exact, honorifics = _honorifics()
    out: list[str] = []
    after_nasab = nasab = False
    name = name.replace("’s", "")
    if "." in name:
        name = _GLUED.sub(r"\1 \2", name)
    for raw in name.split():
        word = raw.strip(",;:()\"'")
        head, dash, tail = word.partition("-")
        if dash and tail and head.lower() in particles:
            after_nasab = head.lower() in _nasab()
            word = tail  # "al-Khaili", "bin-Zayed"
        low = word.lower().rstrip(".")
        if low in _nasab():
            after_nasab = bool(out)  # "Ben Wallace": a given name, not a nasab
        elif (
            low and low not in particles and low not in honorifics and word.rstrip(".") not in exact
        ):
            out.append(word)
            nasab, after_nasab = after_nasab, False
        elif low:
            after_nasab = False  # another particle ("bin Zayed Al Nahyan")
    return out, nasab


def parse(name: str, country: str | None = None) -> ParsedName:
    """The parts of one written name; `country` decides a surname-first order."""
    # Only whether the state writes the surname first matters: one cache entry per name.
    return _parse(name, country in surname_first_states())


@lru_cache(maxsize=262144)
def _parse(name: str, surname_first: bool) -> ParsedName:
    initials: list[str] = []
    full: list[tuple[str, str]] = []  # (folded, first ASCII letter)
    words, nasab = _split(name)
    for word in words:
        letters = ascii_word(word)
        if not letters:
            continue
        if len(letters) == 1 or (word.endswith(".") and len(letters) <= 2):
            initials.extend(letters)  # "V.", "S", "V.V."
            continue
        folded = fold_word(word)
        if folded:
            full.append((folded, letters[0]))
    patronymic = None
    if len(full) >= 3 and is_patronymic(full[1][0]):
        patronymic = full.pop(1)[0]  # Given Patronymic Surname
    elif len(full) >= 2 and is_patronymic(full[-1][0]):
        patronymic = full.pop()[0]  # Surname Given Patronymic
        full = [*full[1:], full[0]]
    elif len(full) >= 2 and surname_first:
        full = [*full[1:], full[0]]
    if not full:
        return ParsedName("", (), tuple(initials), patronymic, ())
    folded = tuple(w for w, _ in full)
    return ParsedName(
        folded[-1],
        folded[:-1],
        tuple(initials),
        patronymic,
        folded,
        tuple(c for _, c in full),
        nasab and not surname_first and patronymic is None,
    )


def same_surname(a: str, b: str) -> float:
    """How surely two folded words are one surname: 1.0 equal, 0.8 a spelling
    variant (same skeleton, similar), 0.6 a near miss (typo), else 0."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = fuzz.ratio(a, b)
    if skeleton(a) == skeleton(b) and ratio >= VARIANT_SURNAME:
        return 0.8
    if ratio >= FUZZY_SURNAME and a[0] == b[0]:
        return 0.6
    return 0.0


def same_given(a: str, b: str) -> bool:
    """Two folded full given names are one name (spelling variants, short forms)."""
    if a == b:
        return True
    variants = _given_variants()
    if variants.get(a, a) == variants.get(b, b):
        return True
    if fuzz.ratio(a, b) >= SAME_GIVEN:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)  # "Alex" / "Aleksandr"


class NameMatch(NamedTuple):  # a tuple: made for every candidate pair
    """What two names say about being one person."""

    surname: float  # 0..1, see `same_surname`
    given: float  # +: first names agree (1 full, 0.5 by an initial), 0 unknown
    conflict: bool  # first names, initials or patronymics disagree


NO_MATCH = NameMatch(0.0, 0.0, False)


def _surname_in(a: ParsedName, b: ParsedName) -> tuple[float, tuple[str, ...]]:
    """How well `a`'s surname matches a word of `b`, and `b`'s other words."""
    best, rest = 0.0, b.words
    for i, word in enumerate(b.words):
        s = same_surname(a.surname, word)
        if s > best:
            best, rest = s, b.words[:i] + b.words[i + 1 :]
    return best, rest


def _father_alone(a: ParsedName, b: ParsedName) -> bool:
    """`a` is a bare word that is `b`'s father's name ("Salem" / "Khalid bin Salem")."""
    return (
        b.nasab
        and len(b.words) >= 2
        and len(a.words) == 1
        and not a.initials
        and a.surname == b.surname
    )


def _compare_given(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, bool]:
    """(evidence, conflict) of two lists of full given names, each in order."""
    if same_given(a[0], b[0]):
        # A second given name each must agree too: a common first name ("Md",
        # "Jose") says little, "Md Rafiqul" and "Md Nurul" are two people.
        if len(a) >= 2 and len(b) >= 2 and not same_given(a[1], b[1]):
            return 0.0, True
        return 1.0, False
    # Words only one name has before the others (a second given name the other
    # omits, or a title taken with the name): the shorter list ends the longer.
    short, long_ = sorted((a, b), key=len)
    tail = long_[len(long_) - len(short) :]
    if len(short) < len(long_) and all(map(same_given, short, tail)):
        return 0.5, False
    return 0.0, True


def compare(a: ParsedName, b: ParsedName, surname_first: bool = False) -> NameMatch:
    """Compare two parsed names: surnames (in either order), then first names;
    `surname_first`: both are of a state that writes the surname first."""
    if not a.words or not b.words:
        return NO_MATCH
    surname = same_surname(a.surname, b.surname)
    a_rest, b_rest = a.given, b.given
    if surname == 0.0 and len(a.words) >= 2 and len(b.words) >= 2:
        # Another order ("Rahimzoda Ramazon" / "Ramazon Rahimzoda"): one's surname
        # among the other's words, the rest compared as first names.
        surname, b_rest = _surname_in(a, b)
        if surname == 0.0:
            surname, a_rest = _surname_in(b, a)
            b_rest = b.given
    elif surname == 0.0 and surname_first:
        # Surname-first names are also cut to the given name ("Minister Lam" for To Lam).
        short, full = sorted((a, b), key=lambda n: len(n.words))
        if len(short.words) == 1 and not short.initials and short.surname in full.given:
            return NameMatch(1.0, 0.0, False)
    if surname == 0.0:
        return NO_MATCH
    if (a.nasab or b.nasab) and (_father_alone(a, b) or _father_alone(b, a)):
        return NameMatch(surname, 0.0, True)
    given, conflict = 0.0, False
    if a_rest and b_rest:
        given, conflict = _compare_given(a_rest, b_rest)
    else:
        # An initial against a first name or another initial.
        a_first = a.letters_of(a_rest[0]) if a_rest else set(a.initials[:1])
        b_first = b.letters_of(b_rest[0]) if b_rest else set(b.initials[:1])
        if a_first and b_first:
            if a_first & b_first:
                given = 0.5
            else:
                conflict = True
    if a.patronymic and b.patronymic and not same_given(a.patronymic, b.patronymic):
        conflict = True
    return NameMatch(surname, given, conflict)

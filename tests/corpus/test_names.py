"""Folding, parsing and comparing names: each kind of variant, on invented names."""

from __future__ import annotations

import pytest

from coopnlp.corpus.names import compare, fold_word, parse, same_surname, skeleton


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zhamilov", "Jamilov"),  # zh / j
        ("Dzhumakov", "Jumakov"),  # dzh / j
        ("Khabirov", "Habirov"),  # kh / h
        ("Yakovenko", "Iakovenko"),  # ya / ia
        ("Yurtsev", "Iurcev"),  # yu / iu, ts / c
        ("Turbayev", "Turbaev"),  # y between vowels
        ("Sergeyev", "Sergeev"),  # ye / e
        ("Aleksandr", "Alexandr"),  # ks / x
        ("Dmitriy", "Dmitry"),  # -iy / -y
        ("Dmitrii", "Dmitry"),  # -ii / -y
        ("Andrej", "Andrey"),  # j / y
        ("Mukhammed", "Muhamed"),  # kh / h and double letters
        ("Şükrüoğlu", "Sukruoglu"),  # accents
        ("Əhmədov", "Ahmadov"),  # Azerbaijani schwa
    ],
)
def test_transliteration_variants_fold_alike(a: str, b: str) -> None:
    assert fold_word(a) == fold_word(b)


def test_a_vowel_variant_shares_the_skeleton_and_counts_as_a_spelling() -> None:
    a, b = fold_word("Eyvarov"), fold_word("Aivarov")
    assert a != b and skeleton(a) == skeleton(b)
    assert same_surname(a, b) == 0.8
    assert same_surname(fold_word("Petrenko"), fold_word("Pavlenko")) == 0.0


def test_surname_first_states_and_patronymic_orders() -> None:
    assert parse("Zhou Minghao", "CHN").surname == fold_word("Zhou")
    assert parse("Zhou Minghao", None).surname == fold_word("Minghao")
    assert parse("Tran Quoc Vinh", "VNM").surname == "tran"
    assert parse("Park Jin-sol", "KOR").surname == "park"
    russian = parse("Bortnikov Ilya Semyonovich", "RUS")
    assert (russian.surname, russian.given, russian.patronymic) == (
        "bortnikov",
        (fold_word("Ilya"),),
        fold_word("Semyonovich"),
    )
    middle = parse("Ilya Semyonovich Bortnikov", "RUS")
    assert (middle.surname, middle.patronymic) == ("bortnikov", fold_word("Semyonovich"))


def test_arabic_particles_and_honorifics_are_dropped() -> None:
    assert parse("Rashid Al-Fahimi").surname == parse("Rashid al Fahimi").surname == "fahimi"
    assert parse("Sheikh Rashid bin Hamad Al Fahimi").words == ("rashid", "hamad", "fahimi")
    assert parse("Dr. Rashid Fahimi").given == ("rashid",)
    assert parse("Khalil Al-Nuaimi").surname == parse("Halil al Nuaimi").surname
    # Spellings of one honorific.
    for honorific in ("Shaikh", "Shaykh", "Sheik"):
        assert parse(f"{honorific} Faris bin Hamad Al Qasimi").words == ("faris", "hamad", "kasimi")


def test_a_nasab_without_family_name_marks_a_fathers_name() -> None:
    assert parse("Khalid bin Salem").nasab and parse("Khalid Bin-Salem").nasab
    assert not parse("Khalid bin Salem Al Harbi").nasab  # the family name follows
    assert not parse("Ben Harbi").nasab  # a given name, nothing before it


@pytest.mark.parametrize(
    ("a", "b", "surname", "given"),
    [
        ("Oleg Varnavin", "Varnavin", 1.0, 0.0),  # surname only
        ("Oleg Varnavin", "O. Varnavin", 1.0, 0.5),  # initial
        ("Oleg Varnavin", "Varnavin Oleg Petrovich", 1.0, 1.0),  # surname first + patronymic
        ("Bakhtiyor Nurmatzoda", "Nurmatzoda Bakhtiyor", 1.0, 1.0),  # reversed order
        ("Aleksandr Gromykin", "Alexander Gromykin", 1.0, 1.0),  # given-name spelling
        ("Alex Gromykin", "Aleksandr Gromykin", 1.0, 1.0),  # short form
        ("Yerzhan Kulbayev", "Erjan Kulbaev", 1.0, 1.0),  # ye/e, zh/j, ay/a
        ("Karim Walid Farouk", "Walid Farouk", 1.0, 0.5),  # a given name omitted
        ("Liaison Officer Tomas Brandl", "Tomas Brandl", 1.0, 0.5),  # a title taken along
        ("Jose Luis Maranon", "Jose Maranon", 1.0, 1.0),  # a second given name omitted
        ("Khalid bin Salem Al Harbi", "Harbi", 1.0, 0.0),  # a family name after the nasab
    ],
)
def test_compatible_names(a: str, b: str, surname: float, given: float) -> None:
    match = compare(parse(a), parse(b))
    assert (match.surname, match.given, match.conflict) == (surname, given, False)
    back = compare(parse(b), parse(a))
    assert (back.surname, back.conflict) == (surname, False)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Oleg Varnavin", "Pavel Varnavin"),  # two first names
        ("Oleg Varnavin", "P. Varnavin"),  # an initial of another name
        ("Oleg Petrovich Varnavin", "Oleg Ivanovich Varnavin"),  # two patronymics
        ("Md Rafiqul Haque", "Md Nurul Haque"),  # a common first name, two second ones
        ("Jose Luis Maranon", "Jose Ramon Maranon"),
        ("Karim Walid Farouk", "Samir Farouk"),  # no order of the given names agrees
        ("Khalid bin Salem", "Salem"),  # the father's name alone: the father
        ("Salem", "Khalid ibn Salem"),
    ],
)
def test_conflicting_names(a: str, b: str) -> None:
    assert compare(parse(a), parse(b)).conflict


def test_a_surname_first_name_cut_to_the_given_name() -> None:
    full, short = parse("Dinh Van Khoa", "VNM"), parse("Khoa", "VNM")
    assert compare(full, short, surname_first=True).surname == 1.0
    assert compare(full, short).surname == 0.0  # only in surname-first states


def test_a_lone_first_name_is_no_surname() -> None:
    assert compare(parse("Oleg"), parse("Oleg Varnavin")).surname == 0.0


def test_common_surnames_are_neither_particles_nor_honorifics() -> None:
    # "Le" (Vietnamese) and "Tan" (Chinese) are surnames, not a particle and a title.
    le = parse("Le Van Thanh", "VNM")
    assert le.surname == fold_word("Le") and skeleton(le.surname) == "le"
    assert parse("Le Van Thanh", "VNM").surname != parse("Tran Van Thanh", "VNM").surname
    tan = parse("Tan Wei Ming", "SGP")
    assert tan.words[0] == fold_word("Tan") and tan.letters[0] == "t"
    assert tan != parse("Wei Ming", "SGP")


def test_honorifics_and_particles_of_both_lists_are_dropped() -> None:
    # persons/ lists (the pipeline's) and identity/ extras; an all-capitals honorific
    # ("HE") only as written, so the surname "He" stays.
    assert parse("HE Dr. Ali Al-Khaili").words == parse("Ali Khaili").words
    assert parse("Datuk Haji Omar bin Yusof").words == parse("Omar Yusof").words
    assert parse("He Lifeng", "CHN").surname == "he"


def test_an_honorific_or_initials_glued_to_the_name() -> None:
    assert parse("H.E.Zhou Minghao", "CHN") == parse("Zhou Minghao", "CHN")
    assert parse("Dr.Rashid Fahimi").words == ("rashid", "fahimi")
    glued = parse("V.Petrenko")
    assert (glued.surname, glued.initials) == ("petrenko", ("v",))
    assert parse("I.N.Petrenko").initials == ("i", "n")

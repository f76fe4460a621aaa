"""Resolution of officials rows into persons, on invented names."""

from __future__ import annotations

import random

from coopnlp.corpus.persons import Mention, candidate_pairs, resolve


def m(doc: str, name: str, country: str | None = None, **kw) -> Mention:
    return Mention(doc, name, country, kw.pop("weak", False), **kw)


def ids_of(mentions: list[Mention]) -> list[str]:
    ids, _ = resolve(mentions)
    return ids


def test_spellings_of_one_person_share_an_id() -> None:
    rows = [
        m("d1", "Oleg Varnavin", "RUS"),
        m("d2", "O. Varnavin", "RUS"),
        m("d3", "Varnavin Oleg Petrovich", "RUS"),
        m("d4", "Varnavin", "RUS"),
        m("d5", "Oleg Varnavin"),  # no state given: compatible
        m("d6", "Oleg Varnavin", "KAZ", weak=True),  # only a guessed state
    ]
    assert len(set(ids_of(rows))) == 1


def test_transliterations_and_orders_merge() -> None:
    rows = [
        m("d1", "Yerzhan Kulbayev", "KAZ"),
        m("d2", "Erjan Kulbaev", "KAZ"),
        m("d3", "Bakhtiyor Nurmatzoda", "TJK"),
        m("d4", "Nurmatzoda Bakhtiyor", "TJK"),
        m("d5", "Zhou Minghao", "CHN"),
        m("d6", "Zhou Minghao"),
        m("d7", "Rashid Al-Fahimi", "ARE"),
        m("d8", "Rashid bin Hamad Al Fahimi", "ARE"),
    ]
    ids = ids_of(rows)
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[4] == ids[5] and ids[6] == ids[7]
    assert len(set(ids)) == 4


def test_never_merged_people() -> None:
    rows = [
        m("d1", "Oleg Varnavin", "RUS"),
        m("d2", "Oleg Varnavin", "BLR"),  # two firm states
        m("d3", "Pavel Varnavin", "RUS"),  # another first name
        m("d4", "P. Varnavin", "RUS"),  # ... and his initial
        m("d5", "Oleg Petrovich Varnavin", "RUS"),
        m("d6", "Oleg Ivanovich Varnavin", "RUS"),  # two patronymics
    ]
    ids = ids_of(rows)
    assert ids[0] != ids[1]
    assert ids[2] == ids[3] != ids[0]
    assert ids[4] != ids[5]


def test_fathers_and_namesakes_stay_apart() -> None:
    rows = [
        m("d1", "Faisal bin Turki", "SAU"),
        m("d2", "Turki", "SAU"),  # the father, named alone
        m("d3", "Shaykh Nasser bin Khalid Al Thani", "QAT"),
        m("d4", "Sheikh Hamad bin Khalid Al Thani", "QAT"),  # a brother
        m("d5", "Md Rafiqul Haque", "BGD"),
        m("d6", "Md Nurul Haque", "BGD"),
    ]
    assert len(set(ids_of(rows))) == 6


def test_a_name_with_words_the_other_omits_merges() -> None:
    # Blocking meets them by the second given name's letter too.
    rows = [
        m("d1", "Karim Walid Farouk", "EGY"),
        m("d2", "Walid Farouk", "EGY"),
        m("d3", "Liaison Officer Tomas Brandl", "AUT"),
        m("d4", "Tomas Brandl", "AUT"),
    ]
    ids = ids_of(rows)
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]


def test_a_bare_surname_joins_at_most_one_person() -> None:
    # "Varnavin" with no state could be either: the one of his agency and
    # position takes him, and the two stay apart.
    ministry, title = "Ministry of Internal Affairs", "Interior Minister"
    rows = [
        m("d1", "Oleg Varnavin", "RUS", agency=ministry, title=title),
        m("d2", "Pavel Varnavin", "BLR"),
        m("d3", "Varnavin", None, agency=ministry, title=title),
    ]
    ids = ids_of(rows)
    assert ids[0] != ids[1] and ids[2] == ids[0]


def test_a_bare_surname_without_context_stays_alone() -> None:
    ids = ids_of([m("d1", "Oleg Varnavin", "RUS"), m("d2", "Varnavin")])
    assert ids[0] != ids[1]


def test_ids_do_not_depend_on_row_order_or_other_people() -> None:
    rows = [
        m("d1", "Oleg Varnavin", "RUS"),
        m("d2", "O. Varnavin", "RUS"),
        m("d3", "Pavel Varnavin", "RUS"),
        m("d4", "Yerzhan Kulbayev", "KAZ"),
        m("d5", "Erjan Kulbaev", "KAZ"),
    ]
    ids = dict(zip(rows, ids_of(rows), strict=True))
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert dict(zip(shuffled, ids_of(shuffled), strict=True)) == ids
    more = [*rows, m("d6", "Ilya Bortnikov", "RUS"), m("d7", "Lin Qiao", "CHN")]
    again = dict(zip(more, ids_of(more), strict=True))
    assert all(again[r] == ids[r] for r in rows)


def test_persons_carry_canonical_name_and_state() -> None:
    rows = [m("d1", "O. Varnavin", "RUS"), m("d2", "Oleg Varnavin", "RUS")]
    _, persons = resolve(rows)
    (person,) = persons
    assert (person.name, person.country) == ("Oleg Varnavin", "RUS")


def test_blocking_compares_only_names_that_share_a_key() -> None:
    from coopnlp.corpus.persons import build_groups

    names = ["Oleg Varnavin", "Pavel Varnavin", "O. Varnavin", "Varnavin", "Ilya Bortnikov",
             "Bortnikov Ilya", "Pyotr Barnikov"]  # fmt: skip
    groups = list(build_groups([m(f"d{i}", n) for i, n in enumerate(names)]).values())
    pairs = {frozenset((groups[i].name, groups[j].name)) for i, j in candidate_pairs(groups)}
    # Same surname, and first names or initials that may agree (a bare surname meets
    # all); the other order; never Oleg with Pavel, nor Bortnikov with Barnikov.
    assert pairs == {
        frozenset(p)
        for p in [
            ("Oleg Varnavin", "O. Varnavin"),
            ("Oleg Varnavin", "Varnavin"),
            ("Pavel Varnavin", "Varnavin"),
            ("O. Varnavin", "Varnavin"),
            ("Ilya Bortnikov", "Bortnikov Ilya"),
        ]
    }

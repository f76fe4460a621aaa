"""The country gazetteer: ISO 3166 alpha-3 codes for country names, adjectives and
demonyms, and each country's common and formal English names.

Surface forms come from the COUNTRY phrase patterns (built from pycountry plus
`countries.csv`), names from `countries.csv`, pycountry filling the gaps.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import ClassVar

import pycountry

from coopnlp.knowledge import header, read_csv, write_csv, write_jsonl
from coopnlp.resources import read_jsonl, resource_path, split_list


class Gazetteer:
    """Country lookups over a names table and (surface form, ISO3) pairs."""

    # Shipped data and the file names a saved pipeline uses.
    SHIPPED: ClassVar[dict[str, str]] = {
        "names": "countries/countries.csv",
        "forms": "patterns/country.jsonl",
    }
    SAVED: ClassVar[dict[str, str]] = {
        "names": "countries/countries.csv",
        "forms": "country_forms.jsonl",
    }

    def __init__(self, names: list[dict[str, str]], forms: list[dict]) -> None:
        self.rows = names
        self.by_iso3 = {row["iso3"]: row for row in names}
        # Lower-cased surface form -> ISO3, the first form wins; token patterns skipped.
        self.forms: dict[str, str] = {}
        for form in forms:
            if isinstance(form["pattern"], str):
                self.forms.setdefault(form["pattern"].lower(), form["id"])
        self._display: dict[str, str] = {}

    @classmethod
    def from_paths(cls, names: Path, forms: Path) -> Gazetteer:
        return cls(read_csv(names), read_jsonl(forms))

    @classmethod
    def from_dir(cls, path: Path) -> Gazetteer:
        return cls.from_paths(path / cls.SAVED["names"], path / cls.SAVED["forms"])

    def to_dir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        write_csv(path / self.SAVED["names"], self.rows, header(self.rows, "iso3"))
        write_jsonl(
            path / self.SAVED["forms"], ({"pattern": f, "id": i} for f, i in self.forms.items())
        )

    @staticmethod
    @cache
    def shipped() -> Gazetteer:
        paths = {k: resource_path(v) for k, v in Gazetteer.SHIPPED.items()}
        return Gazetteer.from_paths(paths["names"], paths["forms"])

    def lookup(self, text: str) -> str | None:
        """ISO3 code of a country name or adjective, or None."""
        text = text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        return self.forms.get(text.lower())

    def display_name(self, iso3: str) -> str:
        """The common English name ("Russia", "Vietnam"), for the countries table."""
        if iso3 not in self._display:
            self._display[iso3] = self._common_name(iso3)
        return self._display[iso3]

    def _common_name(self, iso3: str) -> str:
        names = split_list(self.by_iso3.get(iso3, {}).get("names"))
        if names:
            return names[0]
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:
            return iso3
        return getattr(country, "common_name", None) or country.name

    def official_name(self, iso3: str) -> str:
        """The formal name used to build body names ("the Republic of Azerbaijan"):
        the `official` column of the names table, else the common name."""
        return self.by_iso3.get(iso3, {}).get("official") or self.display_name(iso3)

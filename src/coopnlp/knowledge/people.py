"""Known people: the state of a well-known head of state or government, by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import ClassVar

from coopnlp.knowledge import header, read_csv, write_csv
from coopnlp.resources import resource_path, split_list


class KnownPeople:
    """Names and aliases (`name`, `aliases` '|'-separated, `country` ISO3) -> ISO3."""

    SHIPPED: ClassVar[dict[str, str]] = {"people": "officials/known_people.csv"}
    SAVED: ClassVar[dict[str, str]] = SHIPPED

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.rows = [row for row in rows if not row["name"].startswith("#")]
        self.index: dict[str, str] = {}  # lower-cased name or alias -> ISO3
        for row in self.rows:
            for name in (row["name"], *split_list(row.get("aliases"))):
                self.index[name.lower()] = row["country"]

    @classmethod
    def from_dir(cls, path: Path) -> KnownPeople:
        return cls(read_csv(path / cls.SAVED["people"]))

    def to_dir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        fields = header(self.rows, "name", "aliases", "country")
        write_csv(path / self.SAVED["people"], self.rows, fields)

    @staticmethod
    @cache
    def shipped() -> KnownPeople:
        return KnownPeople(read_csv(resource_path(KnownPeople.SHIPPED["people"])))

    def country(self, name: str) -> str | None:
        """The state of a known person, by name or alias (a possessive "'s" ignored)."""
        words = name.lower().removesuffix("'s").removesuffix("’s").split()
        if words:
            # "H.E.Xi Jinping": a title glued to the name by its full stop.
            words[0] = words[0].rsplit(".", 1)[-1]
        # The name as written, else without the words before it ("Sheikh Fahad Yusuf").
        for k in range(max(1, len(words) - 1)):
            found = self.index.get(" ".join(w for w in words[k:] if w))
            if found:
                return found
        return None

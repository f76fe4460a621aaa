"""Known people: the state of a well-known head of state or government, by name; with
the user layer (`knowledge/user.py`), also the body and position of a person a user
added."""

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
        # Lower-cased name or alias -> the row (user rows: agency, rank, title, official).
        self.details: dict[str, dict[str, str]] = {}
        for row in self.rows:  # a later row (the user layer's) wins
            for name in (row["name"], *split_list(row.get("aliases"))):
                self.details[name.lower()] = row

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

    def layered(self, rows: list[dict[str, str]]) -> KnownPeople:
        """These people with the user layer's rows (`user.person_rows`) on top."""
        return KnownPeople([*self.rows, *rows]) if rows else self

    @staticmethod
    def _key(name: str) -> str:
        return name.lower().removesuffix("'s").removesuffix("’s")

    def _row(self, name: str) -> dict[str, str] | None:
        """The row of a known person, by name or alias (a possessive "'s" ignored)."""
        words = self._key(name).split()
        if words:
            # "H.E.Xi Jinping": a title glued to the name by its full stop.
            # An initial ("T. Orloveck") has nothing after its stop and stays.
            glued = words[0].rpartition(".")[2]
            words[0] = glued or words[0]
        # The name as written, else without the words before it ("Sheikh Fahad Yusuf").
        for k in range(max(1, len(words) - 1)):
            found = self.details.get(" ".join(w for w in words[k:] if w))
            if found:
                return found
        return None

    def country(self, name: str) -> str | None:
        """The state of a known person, by name or alias."""
        row = self._row(name)
        return (row["country"] or None) if row else None

    def detail(self, name: str, field: str) -> str | None:
        """Another fact of a known person ("agency", "title"), when the data gives it."""
        row = self._row(name)
        return (row.get(field) or None) if row else None

"""The rank table: canonical phrase, service, grade and branch of a matched rank.

A RANK pattern's id names the base rank (`ranks.csv`: canonical phrase, grade,
branch); the service comes from cue words inside the phrase (`rank_services.csv`),
so "Police Colonel", "Colonel of Police" and "Colonel of the Police" all become
"Colonel of Police", and "Major General of the Internal Service" keeps its service.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import ClassVar

from coopnlp.knowledge import header, read_csv, write_csv
from coopnlp.resources import resource_path


@dataclass(frozen=True)
class Rank:
    canonical: str
    service: str | None
    grade: int | None
    branch: str | None


class RankTable:
    """Base ranks by pattern id and service cues."""

    SHIPPED: ClassVar[dict[str, str]] = {
        "ranks": "ranks/ranks.csv",
        "services": "ranks/rank_services.csv",
    }
    SAVED: ClassVar[dict[str, str]] = SHIPPED

    def __init__(self, ranks: list[dict[str, str]], services: list[dict[str, str]]) -> None:
        self.rank_rows, self.service_rows = ranks, services
        self.bases = {row["id"]: row for row in ranks}
        cues = [(row["cue"].lower(), row["service"]) for row in services]
        self.services = sorted(cues, key=lambda r: -len(r[0]))  # longest cue first

    @classmethod
    def from_paths(cls, ranks: Path, services: Path) -> RankTable:
        return cls(read_csv(ranks), read_csv(services))

    @classmethod
    def from_dir(cls, path: Path) -> RankTable:
        return cls.from_paths(path / cls.SAVED["ranks"], path / cls.SAVED["services"])

    def to_dir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        write_csv(path / self.SAVED["ranks"], self.rank_rows, header(self.rank_rows, "id"))
        rows = self.service_rows
        write_csv(path / self.SAVED["services"], rows, header(rows, "cue", "service"))

    @staticmethod
    @cache
    def shipped() -> RankTable:
        paths = {k: resource_path(v) for k, v in RankTable.SHIPPED.items()}
        return RankTable.from_paths(paths["ranks"], paths["services"])

    def id_of(self, canonical: str) -> str | None:
        """The id of the base rank with this canonical phrase (any case and spacing)."""
        lowered = " ".join(canonical.lower().split())
        return next((r["id"] for r in self.rank_rows if r["canonical"].lower() == lowered), None)

    def normalise(self, span_text: str, rank_id: str) -> Rank:
        """The canonical rank of a matched phrase with the given base id."""
        base = self.bases.get(rank_id, {})
        canonical = base.get("canonical") or span_text
        lowered = f" {span_text.lower().replace('-', ' ')} "
        service = next((s for cue, s in self.services if f" {cue} " in lowered), None)
        if service and " of " not in canonical:
            canonical = f"{canonical} of {service}"
        grade = base.get("grade")
        return Rank(canonical, service, int(grade) if grade else None, base.get("branch") or None)

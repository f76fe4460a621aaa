"""The user knowledge layer: bodies and people an analyst adds, as data files.

A user folder (the one `--patterns DIR` names) may hold, next to its `<label>.jsonl`
pattern files:
- `bodies.jsonl`: one body a line, the keys of the shipped `agencies.jsonl` (`id`,
  `name`, `aliases`, `kind`, `country`, `parent`) plus `provenance`;
- `people.jsonl`: one person a line (`name`, `aliases`, `country`, `agency`, `rank`,
  `title`, `official`, `provenance`); `official` false marks a name that is no
  official at all (a suspect, a journalist, a word read as a name): it gives no row.

The layer sits over the shipped knowledge the way user patterns sit over the shipped
patterns: the registry and the known people gain its rows (a user name or alias wins
over a shipped one), and the span ruler gains a phrase pattern per body name and alias
(`body_patterns`), so a body added here needs no pattern of its own. Several folders
layer in order, a later one's row replacing an earlier one's of the same id (bodies) or
name (people). Files are written atomically; the shipped data is never written.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from coopnlp.io.atomic import write_text_atomic
from coopnlp.knowledge.countries import Gazetteer
from coopnlp.records.models import AgencyKind

BODIES_FILE = "bodies.jsonl"
PEOPLE_FILE = "people.jsonl"
USER_PREFIX = "user_"


class KnowledgeError(ValueError):
    """A user knowledge file or row that cannot be read or written."""


class Provenance(BaseModel):
    """Where a user row comes from: typed by hand (`cli`), learned, or read from gold."""

    model_config = ConfigDict(extra="forbid")

    source: Literal["cli", "learn", "gold"] = "cli"
    documents: list[str] = Field(default_factory=list)
    matches: int | None = None
    precision: float | None = None
    added: str = Field(default_factory=lambda: date.today().isoformat())


def _clean(text: str) -> str:
    return " ".join(text.split())


def _iso3(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code")
    return code


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    provenance: Provenance = Field(default_factory=Provenance)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = _clean(value)
        if not value:
            raise ValueError("empty name")
        return value

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, values: list[str]) -> list[str]:
        cleaned = [_clean(v) for v in values]
        return list(dict.fromkeys(v for v in cleaned if v))

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return _iso3(value)

    KEYS: ClassVar[tuple[str, ...]] = ()

    def row(self) -> dict[str, Any]:
        """The JSON object of a line, its keys in the documented order."""
        dumped = self.model_dump(mode="json")
        return {k: dumped[k] for k in self.KEYS}

    def forms(self) -> list[str]:
        """The name and its aliases, each once."""
        return list(dict.fromkeys([self.name, *self.aliases]))


class UserBody(_Row):
    """A body: `country` null for an international one (then `kind` "international")."""

    KEYS: ClassVar[tuple[str, ...]] = (
        "id",
        "name",
        "aliases",
        "kind",
        "country",
        "parent",
        "provenance",
    )

    id: str = ""
    kind: AgencyKind | None = None
    parent: str | None = None

    def model_post_init(self, context: Any) -> None:
        if not self.id:
            self.id = body_id(self.name)


class UserPerson(_Row):
    """A person, with the body (a name or id) they work for and their position; or, with
    `official` false, a name that is nobody's official (no officials row)."""

    KEYS: ClassVar[tuple[str, ...]] = (
        "name",
        "aliases",
        "country",
        "agency",
        "rank",
        "title",
        "official",
        "provenance",
    )

    agency: str | None = None
    rank: str | None = None
    title: str | None = None
    official: bool = True


def country_code(text: str | None, gazetteer: Gazetteer | None = None) -> str | None:
    """An ISO3 code from a code or a country name or adjective ("Georgia", "GEO")."""
    if text is None or not text.strip():
        return None
    found = (gazetteer or Gazetteer.shipped()).lookup(text)
    if found is not None:
        return found
    if re.fullmatch(r"[A-Za-z]{3}", text.strip()):
        return text.strip().upper()
    raise KnowledgeError(f"no ISO3 code known for {text!r}")


def body_id(name: str) -> str:
    """`user_<slug>` of a name: ASCII words joined by `_` (a short hash when none)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = "_".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))[:60]
    return USER_PREFIX + (slug or hashlib.sha256(name.encode()).hexdigest()[:12])


Row = TypeVar("Row", UserBody, UserPerson)


def _read(path: Path, model: type[Row]) -> list[Row]:
    """The rows of one file (none when it is missing); a bad line names its place."""
    if not path.exists():
        return []
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as error:
            first = str(error).splitlines()[0]
            raise KnowledgeError(f"{path}, line {number}: {first}") from None
    return rows


def _write(path: Path, rows: Iterable[UserBody] | Iterable[UserPerson]) -> None:
    text = "".join(json.dumps(row.row(), ensure_ascii=False) + "\n" for row in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)


def read_bodies(directory: Path) -> list[UserBody]:
    return _read(Path(directory) / BODIES_FILE, UserBody)


def read_people(directory: Path) -> list[UserPerson]:
    return _read(Path(directory) / PEOPLE_FILE, UserPerson)


def write_bodies(directory: Path, bodies: Iterable[UserBody]) -> None:
    _write(Path(directory) / BODIES_FILE, bodies)


def write_people(directory: Path, people: Iterable[UserPerson]) -> None:
    _write(Path(directory) / PEOPLE_FILE, people)


def _fold(text: str) -> str:
    return _clean(text).lower()


def add_body(directory: Path, body: UserBody) -> bool:
    """Add a body, or replace the row of the same id; True when it is new."""
    rows = read_bodies(directory)
    new = all(row.id != body.id for row in rows)
    write_bodies(directory, [*(r for r in rows if r.id != body.id), body])
    return new


def add_person(directory: Path, person: UserPerson) -> bool:
    """Add a person, or replace the row of the same name; True when it is new."""
    rows = read_people(directory)
    key = _fold(person.name)
    new = all(_fold(row.name) != key for row in rows)
    write_people(directory, [*(r for r in rows if _fold(r.name) != key), person])
    return new


def remove_body(directory: Path, name_or_id: str) -> int:
    """Remove the bodies with this id, name or alias; how many were removed."""
    key = _fold(name_or_id)
    rows = read_bodies(directory)
    kept = [r for r in rows if r.id != name_or_id and key not in map(_fold, r.forms())]
    if len(kept) != len(rows):
        write_bodies(directory, kept)
    return len(rows) - len(kept)


def remove_person(directory: Path, name: str) -> int:
    """Remove the people with this name or alias; how many were removed."""
    key = _fold(name)
    rows = read_people(directory)
    kept = [r for r in rows if key not in map(_fold, r.forms())]
    if len(kept) != len(rows):
        write_people(directory, kept)
    return len(rows) - len(kept)


@dataclass(frozen=True)
class UserKnowledge:
    """The bodies and people of one or more user folders, layered in order."""

    bodies: tuple[UserBody, ...] = ()
    people: tuple[UserPerson, ...] = ()
    dirs: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_dirs(cls, dirs: Sequence[str | Path]) -> UserKnowledge:
        bodies: dict[str, UserBody] = {}
        people: dict[str, UserPerson] = {}
        for directory in map(Path, dirs):
            bodies.update((b.id, b) for b in read_bodies(directory))
            people.update((_fold(p.name), p) for p in read_people(directory))
        return cls(tuple(bodies.values()), tuple(people.values()), tuple(map(str, dirs)))

    def __bool__(self) -> bool:
        return bool(self.bodies or self.people)

    def signature(self) -> str:
        """A stable text of the layer's content (what the incremental fingerprint hashes)."""
        rows = [b.row() for b in self.bodies] + [p.row() for p in self.people]
        return json.dumps(rows, sort_keys=True, ensure_ascii=False)


def body_rows(bodies: Iterable[UserBody]) -> list[dict[str, Any]]:
    """User bodies as registry rows (the `agencies.jsonl` keys plus `provenance`)."""
    return [b.row() for b in bodies]


def body_patterns(bodies: Iterable[UserBody]) -> list[dict[str, Any]]:
    """One AGENCY phrase pattern per name and alias, its id the body's (the agency step
    resolves the span to that body)."""
    return [
        {"label": "AGENCY", "id": body.id, "pattern": form}
        for body in bodies
        for form in body.forms()
    ]


def person_patterns(people: Iterable[UserPerson]) -> list[dict[str, Any]]:
    """One PERSON phrase pattern per name and alias of a user person (the statistical NER
    misses many names; the persons step keeps these spans)."""
    return [
        {"label": "PERSON", "id": USER_PREFIX + "person", "pattern": form}
        for person in people
        if person.official
        for form in person.forms()
    ]


def person_rows(people: Iterable[UserPerson]) -> list[dict[str, str]]:
    """User people as rows of the known-people table (aliases `|`-joined, blanks empty)."""
    return [
        {
            "name": p.name,
            "aliases": "|".join(p.aliases),
            "country": p.country or "",
            "agency": p.agency or "",
            "rank": p.rank or "",
            "title": p.title or "",
            "official": "" if p.official else "no",
            "provenance": json.dumps(p.provenance.model_dump(mode="json")),
        }
        for p in people
    ]

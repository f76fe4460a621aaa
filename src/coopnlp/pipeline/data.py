"""Where a component's knowledge comes from, and how it is saved with the pipeline.

A data-holding component's config names its data: `"shipped"` (the package's data
files) or a folder laid out as its `to_disk` writes it, one subfolder per knowledge
object (`registry/`, `gazetteer/`, ...) and its word lists under their resource names
(`persons/honorifics.txt`, ...). `to_disk` writes the knowledge and word lists the
component holds, so a saved pipeline is self-contained and `spacy.load` reads it back.

The user knowledge layer (`knowledge/user.py`: bodies and people of the `--patterns`
folders) is handed to every data component by `use_user`; the registry and the known
people it builds are layered with it, and `to_disk` saves them layered.

Components read their data when first used, not when made: `spacy.load` makes each
component from its config and then `from_disk` replaces the data, so the shipped
files are never read for a saved pipeline (they may have changed or be absent).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Protocol, TypeVar

from coopnlp.knowledge.people import KnownPeople
from coopnlp.knowledge.registry import Registry
from coopnlp.knowledge.user import UserKnowledge, body_rows, person_rows
from coopnlp.resources import csv_text_rows, resource_path, text_lines

SHIPPED = "shipped"


class Knowledge(Protocol):
    def to_dir(self, path: Path) -> None: ...


K = TypeVar("K")


class Loader(Protocol[K]):  # type: ignore[misc]
    def shipped(self) -> K: ...
    def from_dir(self, path: Path) -> K: ...


def load(kind: Loader[K], data: str | Path, sub: str) -> K:
    """The shipped knowledge, or the one saved in `data/sub`."""
    if str(data) == SHIPPED:
        return kind.shipped()
    return kind.from_dir(Path(data) / sub)


def save(path: str | Path, parts: dict[str, Knowledge]) -> None:
    """Write each knowledge object into its subfolder of `path`."""
    for sub, part in parts.items():
        part.to_dir(Path(path) / sub)


class WordLists:
    """The word-list files a component reads, by resource name ("persons/honorifics.txt"):
    from the shipped resources or from the same names in a folder, each read once when
    first asked for. A file the folder lacks is an empty list (small test data)."""

    def __init__(self, data: str | Path, names: Iterable[str]) -> None:
        self.data = str(data)
        self.names = tuple(names)
        self._texts: dict[str, str] = {}

    def text(self, name: str) -> str:
        if name not in self.names:
            raise KeyError(f"{name} is not among this component's word lists")
        if name not in self._texts:
            path = resource_path(name) if self.data == SHIPPED else Path(self.data) / name
            self._texts[name] = path.read_text(encoding="utf-8") if path.exists() else ""
        return self._texts[name]

    def lines(self, name: str) -> list[str]:
        """Non-empty, non-comment lines of a text list."""
        return text_lines(self.text(name))

    def rows(self, name: str) -> list[dict[str, str]]:
        """Rows of a CSV list as dicts keyed by its header."""
        return csv_text_rows(self.text(name))

    def listed(self, name: str, list_name: str) -> frozenset[str]:
        """The words of one named list of a "word,list" CSV, as written."""
        return frozenset(row["word"] for row in self.rows(name) if row["list"] == list_name)

    def to_dir(self, path: str | Path) -> None:
        """Write every list under its name in `path`."""
        for name in self.names:
            target = Path(path) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.text(name), encoding="utf-8")

    @classmethod
    def read(cls, path: str | Path, names: Iterable[str]) -> WordLists:
        """The lists saved in `path`, read now (the folder may be temporary)."""
        words = cls(path, names)
        for name in words.names:
            words.text(name)
        return words


class DataComponent:
    """Base of the components that hold data: word lists (`WORD_LISTS`, resource names)
    and knowledge objects (`knowledge()`), both read from `self.data` when first used.

    What a component builds from its data is a `cached_property`, so `from_disk` only
    has to forget those and read the saved data.
    """

    WORD_LISTS: tuple[str, ...] = ()

    def __init__(self, data: str | Path = SHIPPED) -> None:
        self.data = str(data)
        self.words = WordLists(data, self.WORD_LISTS)
        self.user = UserKnowledge()

    def _forget(self) -> None:
        """Drop what was built from the data (the `cached_property` values)."""
        for name, attribute in vars(type(self)).items():
            if isinstance(attribute, cached_property):
                vars(self).pop(name, None)

    def use_user(self, user: UserKnowledge) -> None:
        """Layer user bodies and people over the component's knowledge."""
        self.user = user
        self._forget()

    def read_all(self) -> None:
        """Build now everything built from the data on first use (every `cached_property`),
        so that a run reads no data file: `build.warm_up`."""
        for klass in type(self).__mro__:
            for name, attribute in vars(klass).items():
                if isinstance(attribute, cached_property):
                    getattr(self, name)

    def user_registry(self, registry: Registry) -> Registry:
        """The registry with the user layer's bodies on top."""
        return registry.layered(body_rows(self.user.bodies))

    def user_people(self, people: KnownPeople) -> KnownPeople:
        """The known people with the user layer's people on top."""
        return people.layered(person_rows(self.user.people))

    def knowledge(self) -> dict[str, Knowledge]:
        """The knowledge objects the component holds, by the subfolder they are saved in."""
        return {}

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        save(path, self.knowledge())
        self.words.to_dir(path)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> DataComponent:
        self.data = str(path)
        self.user = UserKnowledge()  # a saved pipeline's knowledge is saved layered
        self._forget()
        # Read now: the folder may be temporary.
        self.words = WordLists.read(path, self.WORD_LISTS)
        self.knowledge()
        return self

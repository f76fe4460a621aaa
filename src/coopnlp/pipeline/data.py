"""Where a component's knowledge comes from, and how it is saved with the pipeline.

A data-holding component's config names its data: `"shipped"` (the package's data
files) or a folder laid out as its `to_disk` writes it, one subfolder per knowledge
object (`registry/`, `gazetteer/`, ...). `to_disk` writes the knowledge the component
holds, so a saved pipeline is self-contained and `spacy.load` reads it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, TypeVar

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

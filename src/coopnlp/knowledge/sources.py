"""The one writer of `source` values: where a record or span came from.

Grammar (also in docs/tables.md, from `records.tables`):
    source  := origins (">" steps)*        a later stage adds its steps after another ">"
    origins := origin ("+" origin)*        the evidence: patterns, the model, rules
    steps   := step ("," step)*            what linking did with it, in order
    origin, step := kind ":" value [":" value]
"""

from __future__ import annotations

from collections.abc import Iterable


def step(kind: str, *values: str) -> str:
    """One origin or step of a source: `kind:value[:value...]` ("registry:rus_mia")."""
    return ":".join((kind, *values))


def source(origins: str | Iterable[str], steps: Iterable[str] = ()) -> str:
    """A `source` value: its origins joined by "+", then ">" and the steps that led from
    them to the value, joined by "," (grammar in docs/tables.md)."""
    head = origins if isinstance(origins, str) else "+".join(origins)
    tail = ",".join(steps)
    return f"{head}>{tail}" if tail else head

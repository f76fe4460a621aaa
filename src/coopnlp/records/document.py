"""The unit that flows from readers through cleaning into the pipeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class RawDocument:
    """One input article as read from disk, before cleaning.

    A reader that cannot produce text (unreadable file, malformed line, missing
    text cell, binary content) still yields a RawDocument, with `text=None`,
    `status` set to "error" or "skipped" and a one-line `error` saying what and
    where, so every input ends as exactly one `documents` row.
    """

    doc_id: str
    path: str
    text: str | None
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    status: str = "ok"
    error: str | None = None
    # Where each page starts in `text` (PDF input), else None.
    page_starts: tuple[int, ...] | None = None

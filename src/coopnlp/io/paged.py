"""Text of office documents (PDF, Word) and the page each character is on.

Readers of binary document formats return an `Extracted` text (pages joined
by blank lines, with the offset where each page starts) or raise
`Unreadable` with the row's status ("skipped" for a PDF without a text
layer, "error" for an encrypted or broken file). Cleaning removes whole lines,
so the page starts are carried into the cleaned text by walking both texts'
lines in order (`clean_page_starts`), and each mention gets the page of its
first character (`with_pages`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from coopnlp.records.models import Mention, Record

PAGE_BREAK = "\n\n"
# How many raw lines a cleaned line is looked for ahead of the last match
# (cleaning drops furniture lines, rarely many in a row).
_LOOKAHEAD_LINES = 2000


@dataclass
class Extracted:
    """A document's text; `page_starts[i]` is where page i + 1 begins in it."""

    text: str
    page_starts: tuple[int, ...] | None = None
    title: str | None = None


class Unreadable(Exception):
    """The file gives no text: `status` is "skipped" or "error"."""

    def __init__(self, message: str, status: str = "error") -> None:
        super().__init__(message)
        self.status = status


def join_pages(pages: Sequence[str]) -> Extracted:
    """Pages' texts joined by a blank line, with each page's start offset."""
    starts, parts, at = [], [], 0
    for page in pages:
        starts.append(at)
        parts.append(page)
        at += len(page) + len(PAGE_BREAK)
    return Extracted(PAGE_BREAK.join(parts), tuple(starts))


def _squash(line: str) -> str:
    return " ".join(line.split())


def clean_page_starts(raw: str, raw_starts: Sequence[int], cleaned: str) -> tuple[int, ...]:
    """Where each page begins in the cleaned text, from where it began in `raw`.

    Cleaning keeps lines whole and in order (it may strip a prefix or squash
    odd spaces), so each cleaned line is found in the first raw line at or
    after the previous match that contains it; a page with no kept line
    starts where the next kept text does.
    """
    raw_lines: list[tuple[str, int]] = []  # (squashed line, page index)
    offset = 0
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        raw_lines.append((_squash(line), bisect_right(raw_starts, offset) - 1))
        offset += len(line) + 1
    n_pages = len(raw_starts)
    first: list[int | None] = [None] * n_pages
    first[0] = 0
    at, page, offset = 0, 0, 0
    for line in cleaned.split("\n"):
        key = _squash(line)
        if key:
            for j in range(at, min(len(raw_lines), at + _LOOKAHEAD_LINES)):
                if key in raw_lines[j][0]:
                    at, page = j + 1, max(page, raw_lines[j][1])
                    break
            if first[page] is None:
                first[page] = offset
        offset += len(line) + 1
    starts: list[int] = [0] * n_pages
    following = len(cleaned)
    for i in range(n_pages - 1, 0, -1):
        found = first[i]
        following = found if found is not None else following
        starts[i] = following
    return tuple(starts)


def with_pages(mentions: list[Record], starts: Sequence[int]) -> list[Record]:
    """Mention rows with the (1-based) page their first character is on."""
    return [
        m.model_copy(update={"page": bisect_right(starts, m.start_char)})
        if isinstance(m, Mention)
        else m
        for m in mentions
    ]

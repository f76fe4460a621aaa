"""Building RawDocuments: unique doc_ids, scrubbed strings, one-line errors.

Every reader makes its documents here, so the rules hold for every format:
ids are unique across the run (`~2`, `~3`... appended), strings that cannot
be written as UTF-8 (lone surrogates from JSON escapes, file names in a
foreign byte encoding) are scrubbed to U+FFFD, errors fit one table cell.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from coopnlp.records.document import RawDocument

_SURROGATES_RE = re.compile("[\ud800-\udfff]")
# Row files name their units by line (JSONL) or data row (CSV, Parquet).
ROW_UNIT = {".jsonl": "line", ".csv": "row", ".parquet": "row"}


class IdRegistry:
    """Hands out unique doc_ids for one run (only ids are kept, not texts)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        # Last suffix used per id, so many rows with one id stay linear.
        self._last: dict[str, int] = {}

    def claim(self, doc_id: str) -> str:
        candidate, k = doc_id, self._last.get(doc_id, 1)
        while candidate in self._seen:
            k += 1
            candidate = f"{doc_id}~{k}"
        self._last[doc_id] = k
        self._seen.add(candidate)
        return candidate


def scrub(text: str) -> str:
    """`text` with lone surrogates (unwritable as UTF-8) replaced by U+FFFD."""
    return _SURROGATES_RE.sub("\ufffd", text)


def where(path: str) -> str:
    """A document's path for messages: `a.jsonl#3` reads `a.jsonl line 3`."""
    base, sep, n = path.rpartition("#")
    unit = ROW_UNIT.get(Path(base).suffix.lower()) if sep and n.isdigit() else None
    return f"{base} {unit} {n}" if unit else path


def error_doc(doc_id: str, path: str, message: str, status: str = "error") -> RawDocument:
    # Errors are one line so that they fit one table cell.
    return RawDocument(
        doc_id=doc_id,
        path=scrub(path),
        text=None,
        status=status,
        error=scrub(" ".join(message.split())),
    )


def text_doc(
    doc_id: str,
    path: str,
    text: str,
    max_chars: int,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
    page_starts: tuple[int, ...] | None = None,
) -> RawDocument:
    if len(text) > max_chars:
        return error_doc(
            doc_id,
            path,
            f"too large: {where(path)} has {len(text)} chars, over the limit of {max_chars}",
            "skipped",
        )
    return RawDocument(
        doc_id=doc_id,
        path=scrub(path),
        text=scrub(text),
        date=date,
        title=title and scrub(title),
        url=url and scrub(url),
        source=source and scrub(source),
        page_starts=page_starts,
    )

"""PDF files: the text layer, page by page (pypdf; no OCR).

Each page's lines are joined back into paragraphs: a line that fills most of
the page's width and does not end a sentence was wrapped by the layout, so
the next line continues it (names broken over two lines stay one name). A
PDF whose pages hold no text (a scan) is skipped; an encrypted PDF that
opens with no password is read, one that needs a password is an error, and
so is a broken one.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from coopnlp.io.paged import Extracted, Unreadable, join_pages

# A line at least this share of the page's longest line is a full, wrapped line.
_FULL_LINE = 0.7
# ... unless it ends a sentence or a clause.
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]$")
# Fewer letters than this in the whole file: no text layer.
_MIN_LETTERS = 20


def unwrap(page: str) -> str:
    """A page's extracted lines with layout wraps joined into paragraphs."""
    lines = [" ".join(line.split()) for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and line:
            out[-1] = f"{out[-1]}{'' if out[-1].endswith('-') else ' '}{line}"
        else:
            out.append(line)
        last = out[-1]
        joining = bool(line) and len(line) >= _FULL_LINE * width and not _ENDS_SENTENCE.search(last)
    return "\n".join(out).strip()


def read_pdf(path: Path) -> Extracted:
    """The text of a PDF's pages; raises Unreadable when there is none to read."""
    from pypdf import PdfReader

    # pypdf logs every oddity of a file on stderr; the row says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(f"encrypted PDF (a password is needed): {path}")
        pages = [unwrap(page.extract_text() or "") for page in reader.pages]
        title = _title(reader)
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise Unreadable(f"unreadable PDF {path}: {type(exc).__name__}: {exc}") from exc
    letters = sum(1 for page in pages for ch in page if ch.isalpha())
    if letters < _MIN_LETTERS:
        raise Unreadable(
            f"no text layer in PDF ({len(pages)} pages; a scan? OCR is not done): {path}",
            "skipped",
        )
    extracted = join_pages(pages)
    extracted.title = title
    return extracted


def _title(reader: object) -> str | None:
    try:
        title = reader.metadata.title  # type: ignore[attr-defined]
    except Exception:  # metadata is optional: a quirky one must not cost the text
        return None
    title = " ".join(str(title).split()) if title else ""
    return title or None

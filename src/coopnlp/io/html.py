"""HTML pages to text: main text (trafilatura, else a tag strip), title, date."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

from coopnlp.io.dates import parse_date


class _TagStripper(HTMLParser):
    """Plain text of an HTML body: the fallback when trafilatura finds none."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n\n".join(line for line in lines if line)


def _strip_tags(markup: str) -> str:
    parser = _TagStripper()
    parser.feed(markup)
    parser.close()
    return parser.text()


def html_to_text(markup: str) -> tuple[str, str | None, dt.date | None]:
    """Main text (trafilatura, else a tag strip), title and date of a page."""
    import trafilatura  # heavy import: only when HTML is read

    text = trafilatura.extract(markup, include_comments=False, include_tables=False) or ""
    title: str | None = None
    date: dt.date | None = None
    try:
        from trafilatura.metadata import extract_metadata

        meta = extract_metadata(markup)
        title = getattr(meta, "title", None) or None
        date = parse_date(getattr(meta, "date", None))
    except Exception:  # metadata is optional; a quirky page must not fail
        title, date = None, None
    if not text.strip():
        text = _strip_tags(markup)
    if title is None:
        m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
        if m:
            title = " ".join(html.unescape(m.group(1)).split()) or None
    return text, title, date

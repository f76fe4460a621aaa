"""HTML pages (io.html): main text, tag-strip fallback, title."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import ReadDocs


def test_html_main_text_without_navigation(tmp_path: Path, read_docs: ReadDocs) -> None:
    para = (
        "Interior Minister Vladimir Kolokoltsev met his Azerbaijani counterpart in Baku "
        "to discuss cooperation against drug trafficking and organised crime. "
    )
    page = f"""<html><head><title>Ministers meet in Baku</title></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/news">All news</a></li></ul></nav>
    <article><h1>Ministers meet in Baku</h1>
    <p>{para * 3}</p><p>{para * 2}</p></article>
    <footer>Copyright 2024 Example News. All rights reserved.</footer>
    <script>var x = "not text";</script></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [doc] = read_docs(tmp_path)
    assert doc.status == "ok" and doc.doc_id == "page"
    assert doc.text is not None and "Kolokoltsev met his Azerbaijani" in doc.text
    assert "All news" not in doc.text and "not text" not in doc.text
    assert doc.title == "Ministers meet in Baku"


def test_html_falls_back_to_tag_strip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_docs: ReadDocs
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    page = (
        "<html><body><script>bad()</script>"
        "<p>Short note.</p><p>Second &amp; last.</p></body></html>"
    )
    (tmp_path / "tiny.htm").write_text(page, encoding="utf-8")
    [doc] = read_docs(tmp_path)
    assert doc.text == "Short note.\n\nSecond & last."

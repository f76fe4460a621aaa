"""Word files (.docx): paragraphs and table cells in body order (python-docx).

Word files have no fixed pages (the layout decides them), so mentions from
them carry no page number. A file that is not a valid .docx is an error row.
"""

from __future__ import annotations

from pathlib import Path

from coopnlp.io.paged import Extracted, Unreadable


def read_docx(path: Path) -> Extracted:
    """The text of a Word file, one line per paragraph; raises Unreadable."""
    import docx  # python-docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [" ".join(c.text.split()) for c in row.cells]
                    lines.append(" | ".join(c for c in cells if c))
            else:
                lines.append(block.text)
        title = document.core_properties.title or None
    except Exception as exc:  # python-docx raises zip, XML and key errors on damaged files
        raise Unreadable(f"unreadable Word file {path}: {type(exc).__name__}: {exc}") from exc
    return Extracted("\n".join(lines), None, " ".join(title.split()) if title else None)

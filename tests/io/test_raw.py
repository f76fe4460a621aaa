"""RawDocuments (io.raw): unique ids, scrubbed strings, messages naming the row."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from coopnlp.io import raw

if TYPE_CHECKING:
    from conftest import ReadDocs


def test_unwritable_strings_are_scrubbed(tmp_path: Path, read_docs: ReadDocs) -> None:
    # JSON may escape lone surrogates; Arrow, Parquet and hashing cannot take them.
    (tmp_path / "rows.jsonl").write_text(
        '{"id": "a\\ud800", "text": "x\\udc00y", "title": "t\\ud83d"}\n', encoding="utf-8"
    )
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")  # a Latin-1 file name
    with open(odd, "wb") as fh:
        fh.write(b"text")
    docs = read_docs(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [("caf\ufffd", "text"), ("a\ufffd", "x\ufffdy")]
    assert docs[0].path == str(tmp_path / "caf\ufffd.txt")
    assert docs[1].title == "t\ufffd"
    for d in docs:
        for value in (d.doc_id, d.path, d.text, d.title):
            (value or "").encode("utf-8")


def test_many_rows_with_one_id_get_numbered_suffixes(tmp_path: Path, read_docs: ReadDocs) -> None:
    rows = "".join(json.dumps({"id": "same", "text": "t"}) + "\n" for _ in range(4))
    (tmp_path / "a.jsonl").write_text(rows, encoding="utf-8")
    assert [d.doc_id for d in read_docs(tmp_path)] == ["same", "same~2", "same~3", "same~4"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/in/a.jsonl#3", "/in/a.jsonl line 3"),
        ("/in/a.csv#2", "/in/a.csv row 2"),
        ("/in/a.parquet#7", "/in/a.parquet row 7"),
        ("/in/notes#1.txt", "/in/notes#1.txt"),
        ("<memory>", "<memory>"),
    ],
)
def test_where_names_the_line_or_row(path: str, expected: str) -> None:
    assert raw.where(path) == expected

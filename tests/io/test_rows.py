"""Row files (io.rows): JSONL, CSV and Parquet rows, ids, bad rows."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from coopnlp.io import rows
from coopnlp.records.document import RawDocument

if TYPE_CHECKING:
    from conftest import ById, ReadDocs


def test_jsonl_rows_ids_fields_and_bad_lines(
    tmp_path: Path, article: str, read_docs: ReadDocs
) -> None:
    rows = [
        json.dumps({"id": "art-1", "text": article, "date": "2019-12-13", "title": "T"}),
        json.dumps({"text": "no id here", "date": "13 December 2019", "url": "http://x"}),
        "{not json",
        "",
        json.dumps({"id": "", "text": "  "}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "text": "numeric id", "source": "TASS"}),
    ]
    f = tmp_path / "sub" / "batch.jsonl"
    f.parent.mkdir()
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = read_docs(tmp_path)
    assert [d.doc_id for d in docs] == [
        "art-1",
        "sub/batch-2",
        "sub/batch-3",
        "sub/batch-5",
        "sub/batch-6",
        "7",
    ]
    first, second, bad, empty, notobj, last = docs
    assert first.text == article and first.date == dt.date(2019, 12, 13) and first.title == "T"
    assert first.path == f"{f}#1"
    assert second.date == dt.date(2019, 12, 13) and second.url == "http://x"
    assert bad.status == "error" and bad.text is None
    assert str(f) in (bad.error or "") and "line 3" in (bad.error or "")
    assert empty.status == "error" and "line 5" in (empty.error or "")
    assert notobj.status == "error" and "not an object" in (notobj.error or "")
    assert last.text == "numeric id" and last.source == "TASS" and last.status == "ok"


def test_jsonl_with_bom_and_long_row(tmp_path: Path, read_docs: ReadDocs) -> None:
    body = json.dumps({"text": "x" * 50}) + "\n" + json.dumps({"text": "ok"}) + "\n"
    (tmp_path / "a.jsonl").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    docs = read_docs(tmp_path, max_chars=10)
    assert docs[0].status == "skipped"
    assert (
        docs[0].error
        == f"too large: {tmp_path / 'a.jsonl'} line 1 has 50 chars, over the limit of 10"
    )
    assert docs[1].status == "ok" and docs[1].doc_id == "a-2"


def test_csv_rows_with_missing_text(tmp_path: Path, read_docs: ReadDocs) -> None:
    f = tmp_path / "arts.csv"
    f.write_text(
        "id,text,date,title\n"
        'x1,"Multi-line\narticle, with comma",2020-01-01,First\n'
        ",,2020-01-02,Empty text\n"
        ",Third text,,\n",
        encoding="utf-8",
    )
    docs = read_docs(tmp_path)
    assert [d.doc_id for d in docs] == ["x1", "arts-2", "arts-3"]
    assert docs[0].text == "Multi-line\narticle, with comma"
    assert docs[0].date == dt.date(2020, 1, 1) and docs[0].title == "First"
    assert docs[1].status == "error" and "row 2" in (docs[1].error or "")
    assert str(f) in (docs[1].error or "")
    assert docs[2].text == "Third text" and docs[2].date is None and docs[2].title is None
    assert docs[2].path == f"{f}#3"


def test_csv_without_text_column(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "bad.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    [doc] = read_docs(tmp_path)
    assert doc.status == "error" and "no 'text' column" in (doc.error or "")


def test_csv_cp1251(tmp_path: Path, russian: str, read_docs: ReadDocs) -> None:
    text = russian + " Стороны обсудили вопросы сотрудничества."
    (tmp_path / "ru.csv").write_bytes(f"text\n{text}\n".encode("cp1251"))
    [doc] = read_docs(tmp_path)
    assert doc.text == text


def test_parquet_rows_in_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_docs: ReadDocs
) -> None:
    monkeypatch.setattr(rows, "_PARQUET_BATCH_ROWS", 2)
    table = pa.table(
        {
            "id": ["p1", None, "", "p4", "p5"],
            "text": ["one", "two", None, "four", "five"],
            "date": [dt.date(2021, 1, 1), None, None, dt.date(2021, 4, 2), None],
            "source": ["MVD", None, None, None, None],
        }
    )
    pq.write_table(table, tmp_path / "rows.parquet")
    docs = read_docs(tmp_path)
    assert [d.doc_id for d in docs] == ["p1", "rows-2", "rows-3", "p4", "p5"]
    assert docs[0].date == dt.date(2021, 1, 1) and docs[0].source == "MVD"
    assert docs[2].status == "error" and "row 3" in (docs[2].error or "")
    assert docs[3].text == "four" and docs[3].date == dt.date(2021, 4, 2)
    assert docs[1].path == f"{tmp_path / 'rows.parquet'}#2"


def test_parquet_corrupt_and_without_text(tmp_path: Path, read_docs: ReadDocs, by_id: ById) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not really parquet")
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "notext.parquet")
    docs = by_id(read_docs(tmp_path))
    assert docs["broken"].status == "error" and "broken.parquet" in (docs["broken"].error or "")
    assert docs["notext"].status == "error" and "no 'text' column" in (docs["notext"].error or "")


def test_utf16_jsonl_without_bom(tmp_path: Path, russian: str, read_docs: ReadDocs) -> None:
    line = json.dumps({"id": "a", "text": russian}, ensure_ascii=False) + "\n"
    (tmp_path / "rows.jsonl").write_bytes(line.encode("utf-16-le"))
    [doc] = read_docs(tmp_path)
    assert doc.text == russian


def test_overlong_jsonl_line_is_skipped_unread(tmp_path: Path, read_docs: ReadDocs) -> None:
    rows = [json.dumps({"text": "x" * 5000}), json.dumps({"text": "fine"})]
    (tmp_path / "a.jsonl").write_text("\n".join(rows), encoding="utf-8")
    docs = read_docs(tmp_path, max_chars=10)
    assert [(d.doc_id, d.status) for d in docs] == [("a-1", "skipped"), ("a-2", "ok")]
    assert "a.jsonl line 1 is over" in (docs[0].error or "")


def test_non_string_text_cell_is_an_error(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": {"nested": 1}}\n', encoding="utf-8")
    [doc] = read_docs(tmp_path)
    assert doc.status == "error" and "text is not a string" in (doc.error or "")


def test_an_oversized_csv_field_costs_only_its_row(tmp_path: Path, read_docs: ReadDocs) -> None:
    # Over 6 million characters in one quoted cell, with quotes, commas and line
    # breaks inside, then one unquoted: each is one skipped row, the rest is read.
    quoted = '"' + 'word, ""quoted""\nnext line ' * 250_000 + '"'
    unquoted = "y" * 6_000_000
    f = tmp_path / "big.csv"
    f.write_text(
        "id,text\n"
        "a,first text\n"
        f"b,{quoted}\n"
        'c,"third, with ""quotes"""\n'
        f"d,{unquoted}\n"
        'e,"multi\nline"\n',
        encoding="utf-8",
    )
    docs = read_docs(tmp_path, max_chars=1000)
    assert [(d.doc_id, d.status) for d in docs] == [
        ("a", "ok"),
        ("big-2", "skipped"),
        ("c", "ok"),
        ("big-4", "skipped"),
        ("e", "ok"),
    ]
    assert [d.text for d in docs if d.text] == ["first text", 'third, with "quotes"', "multi\nline"]
    assert docs[1].error == f"too large: {f} row 2 is over 8096 chars"


def test_a_parquet_bomb_is_not_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_docs: ReadDocs
) -> None:
    monkeypatch.setattr(rows, "_PARQUET_MAX_GROUP_BYTES", 1_000_000)
    made: list[int] = []  # the length of every text that became a Python row
    real = rows._row_doc

    def spy(row: dict, *args: object) -> RawDocument:
        made.append(len(str(row.get("text") or "")))
        return real(row, *args)

    monkeypatch.setattr(rows, "_row_doc", spy)
    # 20 MB of one letter packs into a few KB: its row group is never unpacked.
    # 50 KB is unpacked (the group is small) but never becomes a Python string.
    texts = ["first text", "x" * 20_000_000, "third text", "y" * 50_000]
    table = pa.table({"id": ["a", "b", "c", "d"], "text": texts})
    f = tmp_path / "bomb.parquet"
    pq.write_table(table, f, row_group_size=1, compression="zstd")
    assert f.stat().st_size < 100_000
    docs = read_docs(tmp_path, max_chars=1000)
    assert [(d.doc_id, d.status) for d in docs] == [
        ("a", "ok"),
        ("bomb-2", "skipped"),
        ("c", "ok"),
        ("bomb-4", "skipped"),
    ]
    assert "row group holds 2000" in (docs[1].error or "")
    error = docs[3].error or ""
    assert error.startswith(f"too large: {f} row 4 has 500") and error.endswith("bytes, over 8096")
    assert max(made) == len("first text")

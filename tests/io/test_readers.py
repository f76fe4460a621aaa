"""Tests for coopnlp.io.readers: formats, doc_id rules, encodings, errors."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from coopnlp.io import readers
from coopnlp.io.document import RawDocument
from coopnlp.io.readers import iter_documents

RU = "Министр внутренних дел Российской Федерации Владимир Колокольцев встретился с коллегой."
ARTICLE = (
    "BAKU, Azerbaijan, May 26. Interior Minister Vilayat Eyvazov met a delegation of the "
    "Ministry of Internal Affairs of the Russian Federation."
)


def _docs(path: Path, **kwargs: int) -> list[RawDocument]:
    return list(iter_documents(path, **kwargs))


def _by_id(docs: list[RawDocument]) -> dict[str, RawDocument]:
    return {d.doc_id: d for d in docs}


# ---------------------------------------------------------------- text files


def test_folder_doc_ids_are_relative_stems_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("second", encoding="utf-8")
    (tmp_path / "a.md").write_text("first", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("nested", encoding="utf-8")
    (tmp_path / "003_x.txt").write_text(ARTICLE, encoding="utf-8")
    docs = _docs(tmp_path)
    assert [d.doc_id for d in docs] == ["003_x", "a", "b", "sub/a"]
    assert [d.text for d in docs] == [ARTICLE, "first", "second", "nested"]
    assert all(d.status == "ok" and d.error is None for d in docs)
    assert docs[3].path == str(tmp_path / "sub" / "a.txt")


def test_relative_input_keeps_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "003_x.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [doc] = _docs(Path("data/raw"))
    assert doc.doc_id == "003_x"
    assert doc.path == "data/raw/003_x.txt"


def test_single_file_input_uses_its_stem(tmp_path: Path) -> None:
    f = tmp_path / "003_9121bbf3e5f59db6.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    [doc] = _docs(f)
    assert doc.doc_id == "003_9121bbf3e5f59db6"
    assert doc.path == str(f)
    assert doc.text == ARTICLE


def test_hidden_and_unsupported_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.odt").write_text("x", encoding="utf-8")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    (tmp_path / "ok.TXT").write_text("kept", encoding="utf-8")
    docs = _docs(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [("ok", "kept")]


def test_single_unsupported_file_is_reported_as_skipped(tmp_path: Path) -> None:
    f = tmp_path / "a.odt"
    f.write_text("x", encoding="utf-8")
    [doc] = _docs(f)
    assert doc.status == "skipped" and "unsupported" in (doc.error or "")


def test_missing_input_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        _docs(tmp_path / "nope")


def test_colliding_doc_ids_are_made_unique(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "a.md").write_text("two", encoding="utf-8")
    ids = [d.doc_id for d in _docs(tmp_path)]
    assert ids == ["a", "a~2"]


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"text {i}", encoding="utf-8")
    it = iter_documents(tmp_path)
    assert next(it).doc_id == "0"  # files are read one at a time


# ---------------------------------------------------------------- encodings


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + ARTICLE.encode("utf-8"))
    (tmp_path / "plain.txt").write_bytes(RU.encode("utf-8"))
    docs = _by_id(_docs(tmp_path))
    assert docs["bom"].text == ARTICLE  # the BOM is not part of the text
    assert docs["plain"].text == RU


def test_utf16_with_bom(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes(RU.encode("utf-16"))  # Python writes a BOM
    [doc] = _docs(tmp_path)
    assert doc.status == "ok" and doc.text == RU


def test_cp1251_russian_is_detected(tmp_path: Path) -> None:
    text = RU + " " + "Стороны обсудили вопросы сотрудничества в борьбе с преступностью." * 3
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    [doc] = _docs(tmp_path)
    assert doc.status == "ok"
    assert doc.text == text


def test_latin1_is_detected(tmp_path: Path) -> None:
    text = (
        "Le ministre de l'Intérieur a rencontré son homologue à Bogotá. Coopération réussie. " * 3
    )
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    [doc] = _docs(tmp_path)
    assert doc.text == text


# ---------------------------------------------------------------- binary, size, errors


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        (b"%PDF-1.7\n%binary", "PDF"),
        (b"PK\x03\x04" + b"rest", "zip"),
        (b"abc\x00def", "NUL"),
        (bytes(range(1, 32)) * 10, "non-text"),
    ],
)
def test_binary_files_are_skipped(tmp_path: Path, payload: bytes, reason: str) -> None:
    (tmp_path / "x.txt").write_bytes(payload)
    [doc] = _docs(tmp_path)
    assert doc.status == "skipped" and doc.text is None
    assert (doc.error or "").startswith("binary file") and reason in (doc.error or "")


def test_too_large_text_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("a" * 150, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("a" * 1000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("a" * 50, encoding="utf-8")
    docs = _by_id(_docs(tmp_path, max_chars=100))
    assert docs["big"].status == "skipped"
    big = tmp_path / "big.txt"
    assert docs["big"].error == f"too large: {big} has 150 chars, over the limit of 100"
    assert docs["huge"].status == "skipped" and "too large" in (docs["huge"].error or "")
    assert docs["small"].status == "ok"


def test_oversized_file_is_not_read_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "huge.txt").write_bytes(b"a" * 401)

    def refuse(path: Path) -> bytes:
        raise AssertionError("an oversized file was read into memory")

    monkeypatch.setattr(readers, "_read_bytes", refuse)
    [doc] = _docs(tmp_path, max_chars=100)
    assert doc.status == "skipped"
    assert (
        doc.error
        == f"too large: {tmp_path / 'huge.txt'} has 401 bytes, over the limit of 100 chars"
    )


def test_unreadable_file_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("x", encoding="utf-8")

    def deny(path: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(readers, "_read_bytes", deny)
    [doc] = _docs(tmp_path)
    assert doc.status == "error" and doc.text is None
    assert "locked.txt" in (doc.error or "") and "Permission denied" in (doc.error or "")
    assert "\n" not in (doc.error or "")


def test_directory_named_like_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").mkdir()
    [doc] = _docs(tmp_path)
    assert doc.doc_id == "odd" and doc.status == "error"
    assert "is a directory" in (doc.error or "") and "odd.txt" in (doc.error or "")


def test_dangling_symlink_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    [doc] = _docs(tmp_path)
    assert doc.status == "error" and "dangling symlink" in (doc.error or "")


def test_symlink_outside_input_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "link.txt").symlink_to(outside)
    (inp / "real.txt").write_text("kept", encoding="utf-8")
    (inp / "inner.txt").symlink_to(inp / "real.txt")
    docs = _by_id(_docs(inp))
    assert docs["link"].status == "error" and docs["link"].text is None
    assert "outside the input folder" in (docs["link"].error or "")
    assert docs["inner"].text == "kept"  # a link inside the folder is fine
    assert docs["real"].text == "kept"


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub")
    ids = [d.doc_id for d in _docs(tmp_path)]
    assert ids[0] == "sub/a"
    assert len(ids) <= 2


# ---------------------------------------------------------------- HTML


def test_html_main_text_without_navigation(tmp_path: Path) -> None:
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
    [doc] = _docs(tmp_path)
    assert doc.status == "ok" and doc.doc_id == "page"
    assert doc.text is not None and "Kolokoltsev met his Azerbaijani" in doc.text
    assert "All news" not in doc.text and "not text" not in doc.text
    assert doc.title == "Ministers meet in Baku"


def test_html_falls_back_to_tag_strip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    page = (
        "<html><body><script>bad()</script>"
        "<p>Short note.</p><p>Second &amp; last.</p></body></html>"
    )
    (tmp_path / "tiny.htm").write_text(page, encoding="utf-8")
    [doc] = _docs(tmp_path)
    assert doc.text == "Short note.\n\nSecond & last."


# ---------------------------------------------------------------- JSONL


def test_jsonl_rows_ids_fields_and_bad_lines(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "art-1", "text": ARTICLE, "date": "2019-12-13", "title": "T"}),
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
    docs = _docs(tmp_path)
    assert [d.doc_id for d in docs] == [
        "art-1",
        "sub/batch-2",
        "sub/batch-3",
        "sub/batch-5",
        "sub/batch-6",
        "7",
    ]
    first, second, bad, empty, notobj, last = docs
    assert first.text == ARTICLE and first.date == dt.date(2019, 12, 13) and first.title == "T"
    assert first.path == f"{f}#1"
    assert second.date == dt.date(2019, 12, 13) and second.url == "http://x"
    assert bad.status == "error" and bad.text is None
    assert str(f) in (bad.error or "") and "line 3" in (bad.error or "")
    assert empty.status == "error" and "line 5" in (empty.error or "")
    assert notobj.status == "error" and "not an object" in (notobj.error or "")
    assert last.text == "numeric id" and last.source == "TASS" and last.status == "ok"


def test_jsonl_with_bom_and_long_row(tmp_path: Path) -> None:
    body = json.dumps({"text": "x" * 50}) + "\n" + json.dumps({"text": "ok"}) + "\n"
    (tmp_path / "a.jsonl").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    docs = _docs(tmp_path, max_chars=10)
    assert docs[0].status == "skipped"
    assert (
        docs[0].error
        == f"too large: {tmp_path / 'a.jsonl'} line 1 has 50 chars, over the limit of 10"
    )
    assert docs[1].status == "ok" and docs[1].doc_id == "a-2"


# ---------------------------------------------------------------- CSV


def test_csv_rows_with_missing_text(tmp_path: Path) -> None:
    f = tmp_path / "arts.csv"
    f.write_text(
        "id,text,date,title\n"
        'x1,"Multi-line\narticle, with comma",2020-01-01,First\n'
        ",,2020-01-02,Empty text\n"
        ",Third text,,\n",
        encoding="utf-8",
    )
    docs = _docs(tmp_path)
    assert [d.doc_id for d in docs] == ["x1", "arts-2", "arts-3"]
    assert docs[0].text == "Multi-line\narticle, with comma"
    assert docs[0].date == dt.date(2020, 1, 1) and docs[0].title == "First"
    assert docs[1].status == "error" and "row 2" in (docs[1].error or "")
    assert str(f) in (docs[1].error or "")
    assert docs[2].text == "Third text" and docs[2].date is None and docs[2].title is None
    assert docs[2].path == f"{f}#3"


def test_csv_without_text_column(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    [doc] = _docs(tmp_path)
    assert doc.status == "error" and "no 'text' column" in (doc.error or "")


def test_csv_cp1251(tmp_path: Path) -> None:
    text = RU + " Стороны обсудили вопросы сотрудничества."
    (tmp_path / "ru.csv").write_bytes(f"text\n{text}\n".encode("cp1251"))
    [doc] = _docs(tmp_path)
    assert doc.text == text


# ---------------------------------------------------------------- Parquet


def test_parquet_rows_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "_PARQUET_BATCH_ROWS", 2)
    table = pa.table(
        {
            "id": ["p1", None, "", "p4", "p5"],
            "text": ["one", "two", None, "four", "five"],
            "date": [dt.date(2021, 1, 1), None, None, dt.date(2021, 4, 2), None],
            "source": ["MVD", None, None, None, None],
        }
    )
    pq.write_table(table, tmp_path / "rows.parquet")
    docs = _docs(tmp_path)
    assert [d.doc_id for d in docs] == ["p1", "rows-2", "rows-3", "p4", "p5"]
    assert docs[0].date == dt.date(2021, 1, 1) and docs[0].source == "MVD"
    assert docs[2].status == "error" and "row 3" in (docs[2].error or "")
    assert docs[3].text == "four" and docs[3].date == dt.date(2021, 4, 2)
    assert docs[1].path == f"{tmp_path / 'rows.parquet'}#2"


def test_parquet_corrupt_and_without_text(tmp_path: Path) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not really parquet")
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "notext.parquet")
    docs = _by_id(_docs(tmp_path))
    assert docs["broken"].status == "error" and "broken.parquet" in (docs["broken"].error or "")
    assert docs["notext"].status == "error" and "no 'text' column" in (docs["notext"].error or "")


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-12-13", dt.date(2019, 12, 13)),
        ("2019-12-13T10:00:00Z", dt.date(2019, 12, 13)),
        ("13 December 2019", dt.date(2019, 12, 13)),
        ("Sept. 5, 2018", dt.date(2018, 9, 5)),
        (dt.datetime(2020, 2, 3, 4, 5), dt.date(2020, 2, 3)),
        ("", None),
        (None, None),
        ("not a date", None),
        ("2019-13-45", None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert readers._parse_date(value) == expected


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ARTICLE, RU])
def test_utf16_without_bom(tmp_path: Path, encoding: str, text: str) -> None:
    (tmp_path / "u16.txt").write_bytes(text.encode(encoding))
    [doc] = _docs(tmp_path)
    assert doc.status == "ok" and doc.text == text


def test_utf16_jsonl_without_bom(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "text": RU}, ensure_ascii=False) + "\n"
    (tmp_path / "rows.jsonl").write_bytes(line.encode("utf-16-le"))
    [doc] = _docs(tmp_path)
    assert doc.text == RU


def test_nul_heavy_binary_is_not_taken_for_utf16(tmp_path: Path) -> None:
    data = b"".join(i.to_bytes(4, "little") for i in range(2000))  # an int32 array
    (tmp_path / "ints.txt").write_bytes(data)
    [doc] = _docs(tmp_path)
    assert doc.status == "skipped" and "binary file" in (doc.error or "")


def test_utf8_with_a_stray_byte_keeps_its_utf8_reading(tmp_path: Path) -> None:
    text = "Minister’s visit — “cooperation” in Bogotá. "
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8") + b"\xff" + text.encode("utf-8"))
    [doc] = _docs(tmp_path)
    assert doc.status == "ok"
    assert doc.text == f"{text}\ufffd{text}"


def test_undecodable_text_is_an_error_saying_where(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"first line\n" + bytes(range(0x80, 0x100)) * 8)
    [doc] = _docs(tmp_path)
    assert doc.status == "error" and doc.text is None
    assert doc.error == (
        f"undecodable text in {tmp_path / 'x.txt'}: not UTF-8 (first bad byte on line 2) "
        "and no other encoding fits"
    )


def test_latin1_with_few_accents_is_not_a_dos_code_page(tmp_path: Path) -> None:
    text = f"{ARTICLE} They met again in Bogotá, Perú."
    (tmp_path / "a.txt").write_bytes(text.encode("latin-1"))
    [doc] = _docs(tmp_path)
    assert doc.text == text


def test_unwritable_strings_are_scrubbed(tmp_path: Path) -> None:
    # JSON may escape lone surrogates; Arrow, Parquet and hashing cannot take them.
    (tmp_path / "rows.jsonl").write_text(
        '{"id": "a\\ud800", "text": "x\\udc00y", "title": "t\\ud83d"}\n', encoding="utf-8"
    )
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")  # a Latin-1 file name
    with open(odd, "wb") as fh:
        fh.write(b"text")
    docs = _docs(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [("caf\ufffd", "text"), ("a\ufffd", "x\ufffdy")]
    assert docs[0].path == str(tmp_path / "caf\ufffd.txt")
    assert docs[1].title == "t\ufffd"
    for d in docs:
        for value in (d.doc_id, d.path, d.text, d.title):
            (value or "").encode("utf-8")


def test_fifo_is_reported_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    [doc] = _docs(tmp_path)
    assert doc.status == "error" and doc.error == f"not a regular file: {tmp_path / 'pipe.txt'}"


def test_skip_leaves_out_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("kept", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "documents.csv").write_text("text\nold\n", encoding="utf-8")
    (tmp_path / "documents.csv").write_text("text\nold\n", encoding="utf-8")
    docs = _docs(tmp_path)
    assert len(docs) == 3
    skip = [tmp_path / "out", tmp_path / "documents.csv"]
    assert [d.doc_id for d in iter_documents(tmp_path, skip=skip)] == ["a"]


def test_overlong_jsonl_line_is_skipped_unread(tmp_path: Path) -> None:
    rows = [json.dumps({"text": "x" * 5000}), json.dumps({"text": "fine"})]
    (tmp_path / "a.jsonl").write_text("\n".join(rows), encoding="utf-8")
    docs = _docs(tmp_path, max_chars=10)
    assert [(d.doc_id, d.status) for d in docs] == [("a-1", "skipped"), ("a-2", "ok")]
    assert "a.jsonl line 1 is over" in (docs[0].error or "")


def test_non_string_text_cell_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": {"nested": 1}}\n', encoding="utf-8")
    [doc] = _docs(tmp_path)
    assert doc.status == "error" and "text is not a string" in (doc.error or "")


def test_unexpected_failure_in_a_reader_costs_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("parser crashed")

    monkeypatch.setattr(trafilatura, "extract", boom)
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("fine", encoding="utf-8")
    docs = _docs(tmp_path)
    assert [(d.doc_id, d.status) for d in docs] == [("a", "error"), ("b", "ok")]
    assert docs[0].error == f"cannot read {tmp_path / 'a.html'}: RuntimeError: parser crashed"


def test_many_rows_with_one_id_get_numbered_suffixes(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": "same", "text": "t"}) + "\n" for _ in range(4))
    (tmp_path / "a.jsonl").write_text(rows, encoding="utf-8")
    assert [d.doc_id for d in _docs(tmp_path)] == ["same", "same~2", "same~3", "same~4"]


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
    assert readers.where(path) == expected

"""Walking and dispatch (io.readers): doc_ids, order, limits, unreadable entries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from coopnlp.io import readers
from coopnlp.io.readers import count_documents, iter_documents

if TYPE_CHECKING:
    from conftest import ById, ReadDocs


def test_folder_doc_ids_are_relative_stems_in_sorted_order(
    tmp_path: Path, article: str, read_docs: ReadDocs
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("second", encoding="utf-8")
    (tmp_path / "a.md").write_text("first", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("nested", encoding="utf-8")
    (tmp_path / "003_x.txt").write_text(article, encoding="utf-8")
    docs = read_docs(tmp_path)
    assert [d.doc_id for d in docs] == ["003_x", "a", "b", "sub/a"]
    assert [d.text for d in docs] == [article, "first", "second", "nested"]
    assert all(d.status == "ok" and d.error is None for d in docs)
    assert docs[3].path == str(tmp_path / "sub" / "a.txt")


def test_relative_input_keeps_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article: str, read_docs: ReadDocs
) -> None:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "003_x.txt").write_text(article, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [doc] = read_docs(Path("data/raw"))
    assert doc.doc_id == "003_x"
    assert doc.path == "data/raw/003_x.txt"


def test_single_file_input_uses_its_stem(tmp_path: Path, article: str, read_docs: ReadDocs) -> None:
    f = tmp_path / "003_9121bbf3e5f59db6.txt"
    f.write_text(article, encoding="utf-8")
    [doc] = read_docs(f)
    assert doc.doc_id == "003_9121bbf3e5f59db6"
    assert doc.path == str(f)
    assert doc.text == article


def test_hidden_and_unsupported_files_are_ignored(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.odt").write_text("x", encoding="utf-8")
    (tmp_path / "README").write_text("x", encoding="utf-8")
    (tmp_path / "ok.TXT").write_text("kept", encoding="utf-8")
    docs = read_docs(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [("ok", "kept")]


def test_single_unsupported_file_is_reported_as_skipped(
    tmp_path: Path, read_docs: ReadDocs
) -> None:
    f = tmp_path / "a.odt"
    f.write_text("x", encoding="utf-8")
    [doc] = read_docs(f)
    assert doc.status == "skipped" and "unsupported" in (doc.error or "")


def test_missing_input_raises(tmp_path: Path, read_docs: ReadDocs) -> None:
    with pytest.raises(FileNotFoundError):
        read_docs(tmp_path / "nope")


def test_colliding_doc_ids_are_made_unique(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "a.md").write_text("two", encoding="utf-8")
    ids = [d.doc_id for d in read_docs(tmp_path)]
    assert ids == ["a", "a~2"]


def test_iter_documents_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"text {i}", encoding="utf-8")
    it = iter_documents(tmp_path)
    assert next(it).doc_id == "0"  # files are read one at a time


def test_too_large_text_is_skipped(tmp_path: Path, read_docs: ReadDocs, by_id: ById) -> None:
    (tmp_path / "big.txt").write_text("a" * 150, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("a" * 1000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("a" * 50, encoding="utf-8")
    docs = by_id(read_docs(tmp_path, max_chars=100))
    assert docs["big"].status == "skipped"
    big = tmp_path / "big.txt"
    assert docs["big"].error == f"too large: {big} has 150 chars, over the limit of 100"
    assert docs["huge"].status == "skipped" and "too large" in (docs["huge"].error or "")
    assert docs["small"].status == "ok"


def test_oversized_file_is_not_read_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_docs: ReadDocs
) -> None:
    (tmp_path / "huge.txt").write_bytes(b"a" * 401)

    def refuse(path: Path) -> bytes:
        raise AssertionError("an oversized file was read into memory")

    monkeypatch.setattr(readers, "_read_bytes", refuse)
    [doc] = read_docs(tmp_path, max_chars=100)
    assert doc.status == "skipped"
    assert (
        doc.error
        == f"too large: {tmp_path / 'huge.txt'} has 401 bytes, over the limit of 100 chars"
    )


def test_unreadable_file_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_docs: ReadDocs
) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("x", encoding="utf-8")

    def deny(path: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(readers, "_read_bytes", deny)
    [doc] = read_docs(tmp_path)
    assert doc.status == "error" and doc.text is None
    assert "locked.txt" in (doc.error or "") and "Permission denied" in (doc.error or "")
    assert "\n" not in (doc.error or "")


def test_directory_named_like_a_file_is_an_error(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "odd.txt").mkdir()
    [doc] = read_docs(tmp_path)
    assert doc.doc_id == "odd" and doc.status == "error"
    assert "is a directory" in (doc.error or "") and "odd.txt" in (doc.error or "")


def test_dangling_symlink_is_an_error(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    [doc] = read_docs(tmp_path)
    assert doc.status == "error" and "dangling symlink" in (doc.error or "")


def test_symlink_outside_input_is_not_followed(
    tmp_path: Path, read_docs: ReadDocs, by_id: ById
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "link.txt").symlink_to(outside)
    (inp / "real.txt").write_text("kept", encoding="utf-8")
    (inp / "inner.txt").symlink_to(inp / "real.txt")
    docs = by_id(read_docs(inp))
    assert docs["link"].status == "error" and docs["link"].text is None
    assert "outside the input folder" in (docs["link"].error or "")
    assert docs["inner"].text == "kept"  # a link inside the folder is fine
    assert docs["real"].text == "kept"


def test_symlink_loop_terminates(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub")
    ids = [d.doc_id for d in read_docs(tmp_path)]
    assert ids[0] == "sub/a"
    assert len(ids) <= 2


def test_fifo_is_reported_not_read(tmp_path: Path, read_docs: ReadDocs) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    [doc] = read_docs(tmp_path)
    assert doc.status == "error" and doc.error == f"not a regular file: {tmp_path / 'pipe.txt'}"


def test_skip_leaves_out_files_and_folders(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "a.txt").write_text("kept", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "documents.csv").write_text("text\nold\n", encoding="utf-8")
    (tmp_path / "documents.csv").write_text("text\nold\n", encoding="utf-8")
    docs = read_docs(tmp_path)
    assert len(docs) == 3
    skip = [tmp_path / "out", tmp_path / "documents.csv"]
    assert [d.doc_id for d in iter_documents(tmp_path, skip=skip)] == ["a"]


def test_unexpected_failure_in_a_reader_costs_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_docs: ReadDocs
) -> None:
    import trafilatura

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("parser crashed")

    monkeypatch.setattr(trafilatura, "extract", boom)
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("fine", encoding="utf-8")
    docs = read_docs(tmp_path)
    assert [(d.doc_id, d.status) for d in docs] == [("a", "error"), ("b", "ok")]
    assert docs[0].error == f"cannot read {tmp_path / 'a.html'}: RuntimeError: parser crashed"


def test_count_documents_follows_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>two</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.odt").write_text("x", encoding="utf-8")
    (tmp_path / "c.md").mkdir()  # a folder named like a file: one error document
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "d.txt").write_text("output", encoding="utf-8")
    os.symlink(tmp_path / "gone.txt", tmp_path / "e.txt")  # dangling: one error document
    skip = [tmp_path / "out"]
    assert count_documents(tmp_path, skip) == len(list(iter_documents(tmp_path, skip=skip))) == 4
    assert count_documents(tmp_path) == 5
    (tmp_path / "rows.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert count_documents(tmp_path) is None  # rows are only known by reading
    assert count_documents(tmp_path / "a.txt") == 1
    assert count_documents(tmp_path / "rows.jsonl") is None

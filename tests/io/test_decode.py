"""Decoding (io.decode): BOMs, UTF-16/32, legacy encodings, binary sniffing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import ById, ReadDocs


def test_utf8_with_and_without_bom(
    tmp_path: Path, russian: str, article: str, read_docs: ReadDocs, by_id: ById
) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + article.encode("utf-8"))
    (tmp_path / "plain.txt").write_bytes(russian.encode("utf-8"))
    docs = by_id(read_docs(tmp_path))
    assert docs["bom"].text == article  # the BOM is not part of the text
    assert docs["plain"].text == russian


def test_utf16_with_bom(tmp_path: Path, russian: str, read_docs: ReadDocs) -> None:
    (tmp_path / "u16.txt").write_bytes(russian.encode("utf-16"))  # Python writes a BOM
    [doc] = read_docs(tmp_path)
    assert doc.status == "ok" and doc.text == russian


def test_cp1251_russian_is_detected(tmp_path: Path, russian: str, read_docs: ReadDocs) -> None:
    text = russian + " " + "Стороны обсудили вопросы сотрудничества в борьбе с преступностью." * 3
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    [doc] = read_docs(tmp_path)
    assert doc.status == "ok"
    assert doc.text == text


def test_latin1_is_detected(tmp_path: Path, read_docs: ReadDocs) -> None:
    text = (
        "Le ministre de l'Intérieur a rencontré son homologue à Bogotá. Coopération réussie. " * 3
    )
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    [doc] = read_docs(tmp_path)
    assert doc.text == text


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
def test_binary_files_are_skipped(
    tmp_path: Path, payload: bytes, reason: str, read_docs: ReadDocs
) -> None:
    (tmp_path / "x.txt").write_bytes(payload)
    [doc] = read_docs(tmp_path)
    assert doc.status == "skipped" and doc.text is None
    assert (doc.error or "").startswith("binary file") and reason in (doc.error or "")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sample", ["article", "russian"])
def test_utf16_without_bom(
    tmp_path: Path, encoding: str, sample: str, read_docs: ReadDocs, request: pytest.FixtureRequest
) -> None:
    text = request.getfixturevalue(sample)
    (tmp_path / "u16.txt").write_bytes(text.encode(encoding))
    [doc] = read_docs(tmp_path)
    assert doc.status == "ok" and doc.text == text


def test_nul_heavy_binary_is_not_taken_for_utf16(tmp_path: Path, read_docs: ReadDocs) -> None:
    data = b"".join(i.to_bytes(4, "little") for i in range(2000))  # an int32 array
    (tmp_path / "ints.txt").write_bytes(data)
    [doc] = read_docs(tmp_path)
    assert doc.status == "skipped" and "binary file" in (doc.error or "")


def test_utf8_with_a_stray_byte_keeps_its_utf8_reading(tmp_path: Path, read_docs: ReadDocs) -> None:
    text = "Minister’s visit — “cooperation” in Bogotá. "
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8") + b"\xff" + text.encode("utf-8"))
    [doc] = read_docs(tmp_path)
    assert doc.status == "ok"
    assert doc.text == f"{text}\ufffd{text}"


def test_undecodable_text_is_an_error_saying_where(tmp_path: Path, read_docs: ReadDocs) -> None:
    (tmp_path / "x.txt").write_bytes(b"first line\n" + bytes(range(0x80, 0x100)) * 8)
    [doc] = read_docs(tmp_path)
    assert doc.status == "error" and doc.text is None
    assert doc.error == (
        f"undecodable text in {tmp_path / 'x.txt'}: not UTF-8 (first bad byte on line 2) "
        "and no other encoding fits"
    )


def test_latin1_with_few_accents_is_not_a_dos_code_page(
    tmp_path: Path, article: str, read_docs: ReadDocs
) -> None:
    text = f"{article} They met again in Bogotá, Perú."
    (tmp_path / "a.txt").write_bytes(text.encode("latin-1"))
    [doc] = read_docs(tmp_path)
    assert doc.text == text

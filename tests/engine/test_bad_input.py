"""A generated corpus of bad input: one run completes and accounts for every input.

Each seed article of `data/raw` appears once in a good but awkward form
(UTF-16, a JSONL row, a CSV row, a stray invalid byte), so the records of the
good documents can be compared with the session's extraction of the seeds.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pandas as pd
import pytest

import coopnlp
from coopnlp.engine.local import extract
from coopnlp.io.outdir import MARKER
from coopnlp.records.models import TABLES

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SEEDS = sorted(p.stem for p in RAW.glob("*.txt"))
ENGLISH = (
    "Azerbaijani Interior Minister Vilayat Eyvazov met a delegation of the Ministry of Internal "
    "Affairs of the Russian Federation in Baku. The sides discussed cooperation against drug "
    "trafficking, cybercrime and illegal migration, and agreed to exchange information. "
)
RUSSIAN = (
    "Министр внутренних дел Российской Федерации Владимир Колокольцев встретился с "
    "коллегой из Азербайджана. Стороны обсудили вопросы сотрудничества в борьбе с "
    "преступностью и подписали протокол. "
)
FIELDS = ["name", "rank", "title", "agency", "country"]


def _seed(i: int) -> str:
    return (RAW / f"{SEEDS[i]}.txt").read_text(encoding="utf-8")


def _variant(n: int) -> str:
    # Distinct texts, so that they are not duplicates of one another.
    return f"{ENGLISH}The meeting was number {n} this year."


def build_corpus(root: Path) -> dict[str, tuple[str, str | None]]:
    """Write the bad-input corpus; returns doc_id -> (status, part of the error)."""
    root.mkdir()
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("  \n\t\n   \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(random.Random(6).randbytes(4096))
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17) + b"IDAT" + bytes(64)
    (root / "image.txt").write_bytes(png)
    (root / "undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 16)
    (root / "short.txt").write_text("Minister met.", encoding="utf-8")
    # The seeds in good but awkward forms.
    (root / f"{SEEDS[0]}.txt").write_text(_seed(0), encoding="utf-8")
    (root / f"{SEEDS[1]}.txt").write_bytes(_seed(1).encode("utf-16"))  # with BOM
    (root / f"{SEEDS[4]}.txt").write_bytes(_seed(4).encode("utf-8") + b"\n\xff\n")
    rows = [
        json.dumps({"id": SEEDS[2], "text": _seed(2)}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"text": _variant(1), "date": "2021-03-04"}),
    ]
    (root / "wire.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    pd.DataFrame({"id": [SEEDS[3], "no-text"], "text": [_seed(3), None]}).to_csv(
        root / "sheet.csv", index=False
    )
    # Other encodings.
    (root / "utf16le.txt").write_bytes(_variant(2).encode("utf-16-le"))  # no BOM
    (root / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + _variant(3).encode("utf-8"))
    (root / "latin1.txt").write_bytes((_variant(4) + " Bogotá, Perú.").encode("latin-1"))
    (root / "russian.txt").write_bytes((RUSSIAN * 3).encode("cp1251"))
    # Too large: 11 MB of text, over the default limit of 10M characters.
    (root / "big.txt").write_bytes(_variant(5).encode("utf-8") * (11_000_000 // 300))
    # Not files, or not inside the input folder.
    (root / "folder.txt").mkdir()
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    outside = root.parent / "outside.txt"
    outside.write_text(_variant(6), encoding="utf-8")
    (root / "escape.txt").symlink_to(outside)
    os.mkfifo(root / "pipe.txt")
    # Odd names and a duplicate.
    (root / "-leading dash.txt").write_text(_variant(7), encoding="utf-8")
    (root / " spaced name .txt").write_text(_variant(8), encoding="utf-8")
    (root / "статья.txt").write_text(_variant(9), encoding="utf-8")
    (root / "copy.txt").write_text(_seed(0), encoding="utf-8")
    odd = os.path.join(os.fsencode(root), b"caf\xe9.txt")  # a Latin-1 file name
    with open(odd, "wb") as fh:
        fh.write(_variant(10).encode("utf-8"))
    return {
        "empty": ("skipped", "empty after cleaning"),
        "blank": ("skipped", "empty after cleaning"),
        "binary": ("skipped", "binary file (contains NUL bytes)"),
        "image": ("skipped", "binary file (PNG image)"),
        "undecodable": ("error", "undecodable text"),
        "short": ("skipped", "too short to hold an article"),
        SEEDS[0]: ("ok", None),
        SEEDS[1]: ("ok", None),
        SEEDS[4]: ("ok", None),
        SEEDS[2]: ("ok", None),
        "wire-2": ("error", "malformed JSON"),
        "wire-3": ("ok", None),
        SEEDS[3]: ("ok", None),
        "no-text": ("error", "missing or empty text"),
        "utf16le": ("ok", None),
        "bom8": ("ok", None),
        "latin1": ("ok", None),
        "russian": ("skipped", "not English (detected ru)"),
        "big": ("skipped", "too large"),
        "folder": ("error", "is a directory"),
        "dangling": ("error", "dangling symlink"),
        "escape": ("error", "symlink points outside the input folder"),
        "pipe": ("error", "not a regular file"),
        "-leading dash": ("ok", None),
        " spaced name ": ("ok", None),
        "статья": ("ok", None),
        "copy": ("skipped", f"duplicate of {SEEDS[0]}"),
        "caf\ufffd": ("ok", None),
    }


@pytest.fixture(scope="module")
def bad_run(nlp, tmp_path_factory) -> tuple[dict[str, tuple[str, str | None]], Path, Path]:
    base = tmp_path_factory.mktemp("bad")
    expected = build_corpus(base / "in")
    out = base / "out"
    summary = extract(base / "in", out, nlp)
    assert sum(summary.statuses.values()) == len(expected)
    return expected, base / "in", out


@pytest.mark.slow
def test_every_input_has_one_documents_row_with_its_status(bad_run) -> None:
    expected, _, out = bad_run
    docs = coopnlp.load(out)["documents"]
    assert sorted(docs["doc_id"]) == sorted(expected)
    for row in docs.itertuples():
        status, error = expected[row.doc_id]
        assert row.status == status, (row.doc_id, row.error)
        if error is None:
            assert pd.isna(row.error)
            continue
        assert error in row.error, (row.doc_id, row.error)
        assert "\n" not in row.error
        # Every message says where: the file (and the line or row of a row file).
        assert Path(row.path.split("#")[0]).name.replace("\udce9", "\ufffd") in row.error
    by_id = docs.set_index("doc_id")
    assert "line 2" in by_id.loc["wire-2", "error"]
    assert "row 2" in by_id.loc["no-text", "error"]
    assert by_id.loc["copy", "content_hash"] == by_id.loc[SEEDS[0], "content_hash"]


@pytest.mark.slow
def test_encodings_are_decoded_to_the_same_text(bad_run) -> None:
    _, _, out = bad_run
    docs = coopnlp.load(out)["documents"].set_index("doc_id")
    assert docs.loc["utf16le", "text"].startswith(ENGLISH.strip())
    assert docs.loc["bom8", "text"].startswith(ENGLISH.strip())
    assert "Bogotá, Perú." in docs.loc["latin1", "text"]
    assert "Министр внутренних дел" in docs.loc["russian", "text"]
    # The stray byte became one U+FFFD; the article around it is intact.
    assert docs.loc[SEEDS[4], "text"].count("\ufffd") == 1
    assert docs.loc["wire-3", "date"] == pd.Timestamp("2021-03-04")


@pytest.mark.slow
def test_good_documents_keep_all_their_records(bad_run, seeds_tables) -> None:
    _, _, out = bad_run
    tables = coopnlp.load(out)
    for name, columns in (
        ("officials", FIELDS),
        ("agencies", ["name", "kind", "country"]),
        ("countries", ["iso3"]),
        ("agreements", ["kind", "status"]),
    ):
        got = tables[name][tables[name]["doc_id"].isin(SEEDS)]
        want = seeds_tables[name]
        key = ["doc_id", *columns]
        assert sorted(map(tuple, got[key].astype(str).values)) == sorted(
            map(tuple, want[key].astype(str).values)
        ), name
    countries = tables["countries"]
    for doc_id in ("utf16le", "bom8", "latin1", "wire-3", "-leading dash", "статья"):
        assert {"AZE", "RUS"} <= set(countries.loc[countries["doc_id"] == doc_id, "iso3"])
    # Nothing but ok documents has records.
    ok = set(tables["documents"].loc[lambda d: d["status"] == "ok", "doc_id"])
    for name in ("officials", "agencies", "countries", "agreements", "mentions"):
        assert set(tables[name]["doc_id"]) <= ok


@pytest.mark.slow
def test_output_stays_in_its_folder(bad_run) -> None:
    _, root, out = bad_run
    tables = sorted(f"{name}.parquet" for name in TABLES)
    assert sorted(p.name for p in out.iterdir()) == sorted([*tables, MARKER])
    assert not (root / "out").exists()


def test_output_inside_input_is_not_read_back(nlp, tmp_path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(_variant(1), encoding="utf-8")
    for _ in range(2):  # the second run must not read the first one's CSV tables
        summary = extract(root, root / "out", nlp, fmt="csv")
        assert summary.rows["documents"] == 1
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "a.txt").write_text(_variant(1), encoding="utf-8")
    for _ in range(2):  # tables written into the input folder itself
        summary = extract(flat, flat, nlp, fmt="csv")
        assert summary.rows["documents"] == 1


def test_row_ids_cannot_steer_the_output(nlp, tmp_path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    rows = [{"id": "../../escaped", "text": _variant(1)}, {"id": "/etc/x", "text": _variant(2)}]
    (root / "rows.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    extract(root, tmp_path / "out", nlp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    docs = coopnlp.load(tmp_path / "out")["documents"]
    assert list(docs["doc_id"]) == ["../../escaped", "/etc/x"]

"""`--format csv`: no cell a spreadsheet would run as a formula; `load` gives the text back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pytest

import coopnlp
from coopnlp.engine.local import extract
from coopnlp.io.writers import TableSink
from coopnlp.records.csv_cells import neutralise, restore
from coopnlp.records.models import Agency, Document

RISKY = ('=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd")
# Already apostrophe-led text must survive the round trip too.
TRICKY = ("'=not a formula", "''+x", "'plain", "plain", "a=b", None)
ARTICLE = Path(__file__).resolve().parents[2] / "data" / "raw" / "000_7622f6010375c9fc.txt"


def _raw_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [cell for row in list(csv.reader(fh))[1:] for cell in row]


def _formula(cell: str) -> bool:
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_neutralise_and_restore_round_trip() -> None:
    values = [*RISKY, *TRICKY]
    table = pa.table({"a": pa.array(values, pa.string()), "n": list(range(len(values)))})
    safe = neutralise(table)
    assert not any(_formula(v) for v in safe.column("a").to_pylist() if v)
    assert safe.column("a").to_pylist()[0] == '\'=HYPERLINK("http://x")'
    assert safe.column("n").to_pylist() == list(range(len(values)))
    assert restore(safe).equals(table)


def test_sink_csv_has_no_formula_cells_and_loads_back(tmp_path: Path) -> None:
    documents = [
        Document(doc_id=v, path=f"p{i}", title=v, url=v, source=v, n_chars=0, status="ok")
        for i, v in enumerate(RISKY)
    ]
    agency = Agency(
        doc_id="-d", name="@Body", kind="ministry", aliases=["=A", "B"],
        mentions=1, start_char=0, score=0.5, source="+rule",
    )  # fmt: skip
    with TableSink(tmp_path, "csv") as sink:
        sink.write("documents", documents)
        sink.write("agencies", [agency])
    for name in ("documents", "agencies"):
        cells = _raw_cells(tmp_path / f"{name}.csv")
        assert cells and not any(_formula(c) for c in cells), name
    tables = coopnlp.load(tmp_path)
    docs = tables["documents"]
    for column in ("doc_id", "title", "url", "source"):
        assert docs[column].tolist() == list(RISKY)
    row = tables["agencies"].iloc[0]
    assert (row["doc_id"], row["name"], row["source"]) == ("-d", "@Body", "+rule")
    assert list(row["aliases"]) == ["=A", "B"]


@pytest.mark.slow
def test_extract_csv_neutralises_ids_titles_urls_sources(nlp, tmp_path: Path) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    row = {"id": "=1+2", "title": "=HYPERLINK(\"http://evil\",\"x\")", "url": "+url",
           "source": "@source", "text": text}  # fmt: skip
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    extract(src, out, nlp, fmt="csv")
    for path in sorted(out.glob("*.csv")):
        assert not any(_formula(c) for c in _raw_cells(path)), path.name
    tables = coopnlp.load(out)
    doc = tables["documents"].iloc[0]
    assert doc["status"] == "ok"
    assert (doc["doc_id"], doc["title"], doc["url"], doc["source"]) == (
        row["id"], row["title"], row["url"], row["source"]
    )  # fmt: skip
    assert set(tables["officials"]["doc_id"]) == {"=1+2"}

"""Property-based tests: arbitrary input never breaks a run or its records."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coopnlp.engine.stream import prepare, process
from coopnlp.io import decode
from coopnlp.io.readers import iter_documents
from coopnlp.records.document import RawDocument
from coopnlp.records.tables import to_arrow

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
# Real sentences give the pipeline entities to find, so offsets get tested.
SENTENCES = sorted(
    {
        s.strip()
        for p in RAW.glob("*.txt")
        for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8"))
        if s.strip()
    }
)
SEPARATORS = [" ", "\n", "\n\n", "\t", "", "\u00a0", "\u200b", "\u2028", "\r\n", " \u0301 "]

article_like = st.lists(
    st.one_of(st.sampled_from(SENTENCES), st.text(max_size=40)), min_size=1, max_size=12
).flatmap(
    lambda parts: st.lists(
        st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)
    ).map(lambda seps: "".join(p + s for p, s in zip(parts, seps, strict=True)))
)
any_text = st.one_of(st.text(max_size=300), article_like)


def _check_records(text_in: str, tables: dict[str, list]) -> None:
    [row] = tables["documents"]
    assert row.status in ("ok", "skipped"), row.error  # "error": a component raised
    if row.status == "skipped":
        assert set(tables) == {"documents"}
    text = row.text
    for name, records in tables.items():
        for record in records:
            type(record).model_validate(record.model_dump())
        to_arrow(name, records).validate(full=True)  # writable as a table
    for m in tables.get("mentions", []):
        assert text[m.start_char : m.end_char] == m.text
        assert m.sentence.strip() and m.sentence.strip() in text
    for name in ("officials", "agencies"):
        for record in tables.get(name, []):
            assert 0 <= record.start_char < len(text)
    for official in tables.get("officials", []):
        assert official.evidence is None or official.evidence in text


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(text=any_text)
def test_any_text_through_the_pipeline_gives_valid_records(nlp, text: str) -> None:
    raw = RawDocument(doc_id="h", path="<memory>", text=text)
    [tables] = list(process(nlp, [prepare(raw)]))
    _check_records(text, tables)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000), ext=st.sampled_from([".txt", ".html", ".jsonl", ".csv"]))
def test_any_bytes_in_any_file_never_break_the_reader(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"f{ext}").write_bytes(data)
        docs = list(iter_documents(tmp))
    if ext in (".txt", ".html"):
        assert len(docs) == 1
    for doc in docs:
        assert doc.status in ("ok", "skipped", "error")
        assert (doc.text is None) == (doc.status != "ok")
        assert doc.status == "ok" or (doc.error and "\n" not in doc.error)
        for value in (doc.doc_id, doc.path, doc.text, doc.error, doc.title):
            (value or "").encode("utf-8")  # no lone surrogates reach the tables


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\n\t")),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]),
)
def test_unicode_text_files_read_back_exactly(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    assume(not any(data.startswith(magic) for magic, _ in decode.MAGIC))
    assume(not (encoding == "utf-8" and text.startswith("\ufeff")))  # read as a BOM
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_bytes(data)
        [doc] = iter_documents(tmp)
    assert doc.status == "ok", doc.error
    assert doc.text == text

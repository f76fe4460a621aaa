"""Long documents run in chunks: the records of one document, offsets into the
whole text, persons and bodies merged across chunks."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from coopnlp.engine import chunks, stream
from coopnlp.engine.chunks import chunk_bounds, merge
from coopnlp.engine.stream import prepare, process
from coopnlp.records.document import RawDocument
from coopnlp.records.models import Agency, Meeting, Official

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SEED = RAW / "003_9121bbf3e5f59db6.txt"


def test_chunks_cover_the_text_and_end_on_paragraphs() -> None:
    paragraphs = [f"Paragraph {i} says something. " * (i % 7 + 3) for i in range(60)]
    text = "\n\n".join(paragraphs)
    bounds = chunk_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))
    assert all(0 < end - start <= 1000 for start, end in bounds)
    assert all(text[start - 2 : start] == "\n\n" for start, _ in bounds[1:])


def test_chunks_fall_back_to_sentences_then_spaces_then_a_cut() -> None:
    one_paragraph = "The minister met his counterpart in Baku. " * 100
    for start, _ in chunk_bounds(one_paragraph, 500)[1:]:
        assert one_paragraph[start - 2 : start] == ". "
    words = "word " * 300
    assert all(words[s - 1] == " " for s, _ in chunk_bounds(words, 500)[1:])
    solid = "x" * 1200
    assert chunk_bounds(solid, 500) == [(0, 500), (500, 1000), (1000, 1200)]


def _official(name: str, start: int, **fields) -> Official:
    return Official(doc_id="d", name=name, mentions=1, start_char=start, evidence=f"{name}.",
                    score=0.8, source="t", **fields)  # fmt: skip


def test_officials_merge_across_chunks_by_name() -> None:
    parts = [
        {"officials": [_official("Vladimir Kolokoltsev", 10, rank="General of Police")]},
        {"officials": [_official("Kolokoltsev", 900, title="Interior Minister")]},
        {"officials": [_official("Ivan Petrov", 1500), _official("Sergey Petrov", 1600)]},
        {"officials": [_official("Petrov", 2500)]},  # two Petrovs: stays apart
    ]
    officials = merge(parts)["officials"]
    names = [o.name for o in officials]
    assert names == ["Vladimir Kolokoltsev", "Ivan Petrov", "Sergey Petrov", "Petrov"]
    first = officials[0]
    assert (first.mentions, first.start_char) == (2, 10)
    assert (first.rank, first.title) == ("General of Police", "Interior Minister")


def test_meetings_of_every_chunk_are_kept_and_scores_stay_the_rows_own() -> None:
    meeting = {"doc_id": "d", "kind": "meeting", "status": "held", "evidence": "They met."}
    parts = [
        {"meetings": [Meeting(**meeting, start_char=10, score=0.8, source="rule:meeting:meet")]},
        {"meetings": [Meeting(**meeting, start_char=900, score=0.6, source="rule:meeting:talk")]},
        {"agencies": [_agency(0.5)]},
        {"agencies": [_agency(0.9)]},
    ]
    tables = merge(parts)
    assert [m.start_char for m in tables["meetings"]] == [10, 900]
    (agency,) = tables["agencies"]
    assert (agency.mentions, agency.score, agency.doc_score) == (2, 0.9, 0.9)


def _agency(score: float) -> Agency:
    return Agency(
        doc_id="d", name="Ministry of Internal Affairs of Kestrelia", kind="ministry",
        mentions=1, start_char=0, score=score, source="rule:agency", doc_score=score,
    )  # fmt: skip


def _tables(nlp, text: str) -> dict:
    (tables,) = process(nlp, [prepare(RawDocument(doc_id="d", path="<memory>", text=text))])
    return tables


def test_chunked_records_match_the_whole_document(nlp, monkeypatch) -> None:
    text = SEED.read_text(encoding="utf-8")
    whole = _tables(nlp, text)
    # Chunks of at most 800 characters: the seed runs in several pieces.
    for module in (chunks, stream):
        monkeypatch.setattr(module, "CHUNK_CHARS", 800)
    monkeypatch.setattr(stream, "LONG_CHARS", 800)
    parts = _tables(nlp, text)
    cleaned = parts["documents"][0].text
    assert len(chunk_bounds(cleaned, 800)) > 2
    assert parts["documents"][0].status == "ok"
    for m in parts["mentions"]:
        assert cleaned[m.start_char : m.end_char] == m.text
    for name, key in (("officials", "name"), ("agencies", "name"), ("countries", "iso3")):
        assert sorted(getattr(r, key) for r in parts[name]) == sorted(
            getattr(r, key) for r in whole[name]
        ), name
    by_name = {o.name: o for o in parts["officials"]}
    for o in whole["officials"]:
        ours = by_name[o.name]
        assert (ours.rank, ours.title, ours.country, ours.mentions, ours.start_char) == (
            o.rank, o.title, o.country, o.mentions, o.start_char
        )  # fmt: skip


@pytest.mark.slow
def test_a_long_document_runs_in_chunks(nlp) -> None:
    article = SEED.read_text(encoding="utf-8").split("\n", 1)[1]  # no date header
    filler = "\n\n".join(
        "The delegations discussed training programmes and the exchange of experience. " * 8
        for _ in range(90)
    )
    text = "\n\n".join([article, filler, article])
    assert len(text) > chunks.CHUNK_CHARS
    tables = _tables(nlp, text)
    doc = tables["documents"][0]
    assert doc.status == "ok" and doc.n_chars > chunks.CHUNK_CHARS
    for m in tables["mentions"]:
        assert doc.text[m.start_char : m.end_char] == m.text
    assert max(m.start_char for m in tables["mentions"]) > chunks.CHUNK_CHARS
    officials = [o for o in tables["officials"] if o.name == "Vladimir Kolokoltsev"]
    assert len(officials) == 1  # one person, named in both copies of the article
    assert officials[0].mentions == 2 * next(
        o.mentions for o in _tables(nlp, article)["officials"] if o.name == "Vladimir Kolokoltsev"
    )
    countries = [c.iso3 for c in tables["countries"]]
    assert len(countries) == len(set(countries))

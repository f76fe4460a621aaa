"""stream.process(): one failing document costs only itself; order, limits, duplicates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coopnlp.engine import stream
from coopnlp.engine.local import extract
from coopnlp.engine.memory import extract_texts
from coopnlp.engine.stream import prepare, process
from coopnlp.records.document import RawDocument
from coopnlp.records.models import TABLES

TEXT = (
    "Interior Minister Vilayat Eyvazov met a delegation of the Ministry of Internal Affairs "
    "of the Russian Federation in Baku to discuss cooperation. Text number {n}."
)


@Language.component("test_boom")
def _boom(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise RuntimeError("boom")
    return doc


class _BatchBoom:
    """Fails a whole batch when one of its documents is bad, as trainable pipes do."""

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 2) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == batch_size:
                yield from self._check(batch)
                batch = []
        yield from self._check(batch)

    @staticmethod
    def _check(batch: list[Doc]) -> list[Doc]:
        if any("BOOM" in d.text for d in batch):
            raise ValueError("batch failed")
        return batch


@Language.factory("test_batch_boom")
def _make_batch_boom(nlp: Language, name: str) -> _BatchBoom:
    return _BatchBoom()


@Language.component("test_bad_records")
def _bad_records(doc: Doc) -> Doc:
    if "BADREC" in doc.text:
        doc._.coop = {"officials": [{"unknown_field": 1}]}
    return doc


def _blank(*components: str) -> Language:
    nlp = spacy.blank("en")
    for name in components:
        nlp.add_pipe(name)
    return nlp


def _run(nlp: Language, texts: list[str], **kwargs: int) -> list[tuple[str, str, str | None]]:
    raws = [RawDocument(doc_id=f"d{i}", path=f"/in/d{i}.txt", text=t) for i, t in enumerate(texts)]
    out = list(process(nlp, (prepare(r) for r in raws), **kwargs))
    rows = [t["documents"][0] for t in out]
    assert all(len(t["documents"]) == 1 for t in out)
    return [(r.doc_id, r.status, r.error) for r in rows]


def _texts(n: int, bad: set[int], word: str = "BOOM") -> list[str]:
    return [TEXT.format(n=i) + (f" {word}" if i in bad else "") for i in range(n)]


@pytest.mark.parametrize("component", ["test_boom", "test_batch_boom"])
def test_a_raising_component_fails_only_its_document(component: str) -> None:
    rows = _run(_blank(component), _texts(7, {3}), batch_size=2)
    assert [(doc_id, status) for doc_id, status, _ in rows] == [
        (f"d{i}", "error" if i == 3 else "ok") for i in range(7)
    ]
    error = rows[3][2]
    assert error is not None and error.startswith("pipeline failed in /in/d3.txt: ")
    assert error.endswith(
        ("test_boom: RuntimeError: boom", "test_batch_boom: ValueError: batch failed")
    )


def test_failures_in_worker_processes_are_isolated_too() -> None:
    rows = _run(_blank("test_batch_boom"), _texts(8, {1, 6}), batch_size=2, n_process=2)
    assert [status for _, status, _ in rows] == ["error" if i in (1, 6) else "ok" for i in range(8)]


def test_invalid_records_fail_only_their_document() -> None:
    rows = _run(_blank("test_bad_records"), _texts(3, {1}, "BADREC"))
    assert [status for _, status, _ in rows] == ["ok", "error", "ok"]
    assert "records: ValidationError" in (rows[1][2] or "")


def test_cleaning_failure_is_an_error_row(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> None:
        raise UnicodeError("odd text")

    monkeypatch.setattr(stream, "clean", broken)
    [(_, status, error)] = _run(_blank(), [TEXT.format(n=1)])
    assert status == "error"
    assert error == "cleaning failed in /in/d0.txt: UnicodeError: odd text"


def test_long_documents_run_alone_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "LONG_CHARS", 160)
    texts = _texts(5, set())
    texts[2] = texts[2] + " More words." * 10  # over LONG_CHARS
    rows = _run(_blank("test_batch_boom"), texts, batch_size=2)
    assert rows == [(f"d{i}", "ok", None) for i in range(5)]


def test_over_max_length_is_skipped_not_raised() -> None:
    nlp = _blank()
    nlp.max_length = 100
    rows = _run(nlp, [TEXT.format(n=1), "A short enough English text about ministers."])
    assert rows[0][1] == "skipped"
    assert (
        rows[0][2] == f"too large for the pipeline: {len(TEXT.format(n=1))} chars > 100: /in/d0.txt"
    )
    assert rows[1][1] == "ok"


def test_duplicates_by_content_are_skipped() -> None:
    texts = [TEXT.format(n=1), TEXT.format(n=2), TEXT.format(n=1), TEXT.format(n=1) + "\n\n"]
    rows = _run(_blank(), texts)
    assert [status for _, status, _ in rows] == ["ok", "ok", "skipped", "skipped"]
    assert rows[2][2] == "duplicate of d0: /in/d2.txt"


def test_in_memory_texts_with_lone_surrogates(nlp) -> None:
    tables = extract_texts([TEXT.format(n=1) + " \ud800", "\udcff"], ids=["a\udc00", "b"], nlp=nlp)
    docs = tables["documents"]
    assert list(docs["doc_id"]) == ["a\ufffd", "b"]
    assert list(docs["status"]) == ["ok", "skipped"]


@pytest.mark.slow
def test_same_input_gives_identical_tables(nlp, seeds_out: Path, tmp_path: Path) -> None:
    raw = Path(__file__).resolve().parents[2] / "data" / "raw"
    extract(raw, tmp_path, nlp, batch_size=2)  # other batching, same tables
    for name in TABLES:
        again = pq.read_table(tmp_path / f"{name}.parquet")
        assert again.equals(pq.read_table(seeds_out / f"{name}.parquet")), name


@Language.component("test_seen")
def _seen(doc: Doc) -> Doc:
    doc.user_data["seen"] = True
    _SEEN.append(doc.text)
    return doc


_SEEN: list[str] = []


def test_settled_documents_skip_the_pipeline_in_order() -> None:
    # Long stretches of settled documents (too short) around and between ones the
    # pipeline reads: every row in input order, few settled ones through nlp.pipe.
    texts = ["Too short."] * 40 + [TEXT.format(n=1)] + ["Too short."] * 5 + [TEXT.format(n=2)]
    texts += ["Too short."] * 20
    _SEEN.clear()
    rows = _run(_blank("test_seen", "test_batch_boom"), texts, batch_size=2)
    assert [doc_id for doc_id, _, _ in rows] == [f"d{i}" for i in range(len(texts))]
    ok = {i for i, (_, status, _) in enumerate(rows) if status == "ok"}
    assert ok == {40, 46}
    assert [t for t in _SEEN if t] == [TEXT.format(n=1), TEXT.format(n=2)]
    # The HOLD-th settled document in a row travels as an empty placeholder: twice
    # in the first 40, none in the next 5, once in the last 20.
    assert stream.HOLD == 16
    assert _SEEN.count("") == 3

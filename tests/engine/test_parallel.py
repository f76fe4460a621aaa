"""parallel_process: same rows as process; a dead worker costs only its documents;
rows that need no worker do not pile up behind a batch in flight."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coopnlp.engine.parallel import WORKER_DIED, parallel_process
from coopnlp.engine.stream import Prepared, prepare
from coopnlp.records.document import RawDocument

TEXT = "The police chiefs of two countries met in Tbilisi ({n}) to plan joint patrols."


@Language.component("test_kill_worker")
def _kill_worker(doc: Doc) -> Doc:
    # As the kernel's OOM killer would: no exception, the process is gone.
    if "KILLME" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


def _nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_kill_worker")
    return nlp


def _prepared(texts: list[str | None]) -> Iterator[Prepared]:
    for i, text in enumerate(texts):
        yield prepare(RawDocument(doc_id=f"d{i}", path=f"/in/d{i}.txt", text=text))


def test_a_killed_worker_fails_only_its_document() -> None:
    texts: list[str | None] = [TEXT.format(n=i) for i in range(9)]
    texts[4] = str(texts[4]) + " KILLME"
    out = list(parallel_process(_nlp(), _prepared(texts), batch_size=2, n_process=2))
    rows = [t["documents"][0] for t in out]
    assert [r.doc_id for r in rows] == [f"d{i}" for i in range(9)]
    assert [r.status for r in rows] == ["error" if i == 4 else "ok" for i in range(9)]
    assert rows[4].error == f"pipeline failed in /in/d4.txt: {WORKER_DIED}"


def test_settled_rows_do_not_wait_for_the_whole_input() -> None:
    # One document for the pipeline, then many that are settled without it (no
    # text: an unreadable file); their rows must leave as the input is read.
    n = 2000
    consumed = 0

    def inputs() -> Iterator[Prepared]:
        nonlocal consumed
        for p in _prepared([TEXT.format(n=0), *[None] * n]):
            consumed += 1
            yield p

    seen_at_first_row = []
    out = []
    for tables in parallel_process(_nlp(), inputs(), batch_size=4, n_process=2):
        if not out:
            seen_at_first_row.append(consumed)
        out.append(tables["documents"][0].doc_id)
    assert out == [f"d{i}" for i in range(n + 1)]
    # At most a few batches' worth of documents are held back.
    assert seen_at_first_row[0] <= 3 * 2 * 4 + 1

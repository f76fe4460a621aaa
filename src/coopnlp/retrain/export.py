"""Pre-annotated tasks: the pipeline's spans for each document, ready to correct.

Texts go through the same reading and cleaning as `extract` (`prepare`), so
the offsets of the exported spans are offsets into `documents.text` and an
annotation made on them lines up with later runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from coopnlp.engine.stream import prepare
from coopnlp.io.readers import DEFAULT_MAX_CHARS, iter_documents
from coopnlp.pipeline.spans import group
from coopnlp.retrain.formats import LABELS, Annotated, Mark


def cleaned_documents(
    input_path: str | Path, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[tuple[str, str]]:
    """(doc_id, cleaned text) of every input that `extract` would run the pipeline on."""
    for raw in iter_documents(Path(input_path), max_chars=max_chars):
        prepared = prepare(raw)
        if prepared.row is None and prepared.cleaned is not None:
            yield raw.doc_id, prepared.cleaned.text


def doc_marks(doc: Doc, labels: Iterable[str] = LABELS) -> list[Mark]:
    """The coop span group of a processed Doc as character spans."""
    wanted = set(labels)
    found = {Mark(s.start_char, s.end_char, s.label_) for s in group(doc) if s.label_ in wanted}
    return sorted(found, key=lambda m: (m.start, -m.end, m.label))


def annotate_texts(
    nlp: Language, docs: Iterable[tuple[str, str]], batch_size: int = 32
) -> Iterator[Annotated]:
    """Run the pipeline over (doc_id, text) pairs and keep its final spans."""
    stream = ((text, doc_id) for doc_id, text in docs)
    for doc, doc_id in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield Annotated(doc.text, doc_id, doc_marks(doc))


def export_tasks(
    input_path: str | Path, nlp: Language, batch_size: int = 32
) -> Iterator[Annotated]:
    """Pre-annotated tasks for every processable document under `input_path`."""
    return annotate_texts(nlp, cleaned_documents(input_path), batch_size)

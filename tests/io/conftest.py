"""Sample texts and reading helpers shared by the io tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coopnlp.io.readers import iter_documents
from coopnlp.records.document import RawDocument

ReadDocs = Callable[..., list[RawDocument]]
ById = Callable[[list[RawDocument]], dict[str, RawDocument]]


@pytest.fixture
def russian() -> str:
    return "Министр внутренних дел Российской Федерации Владимир Колокольцев встретился с коллегой."


@pytest.fixture
def article() -> str:
    return (
        "BAKU, Azerbaijan, May 26. Interior Minister Vilayat Eyvazov met a delegation of the "
        "Ministry of Internal Affairs of the Russian Federation."
    )


@pytest.fixture
def read_docs() -> ReadDocs:
    """Every RawDocument of a folder or file, as a list."""

    def read(path: Path, **kwargs: int) -> list[RawDocument]:
        return list(iter_documents(path, **kwargs))

    return read


@pytest.fixture
def by_id() -> ById:
    return lambda docs: {d.doc_id: d for d in docs}

"""coopnlp: law-enforcement cooperation news -> tables of officials, agencies,
countries and agreements."""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language


def load(outdir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of an `extract` output folder as pandas DataFrames."""
    from coopnlp.records.load import load_tables

    return load_tables(Path(outdir))


def extract_texts(
    texts: Iterable[str], ids: Iterable[str] | None = None, nlp: Language | None = None
) -> dict[str, pd.DataFrame]:
    """Run the pipeline on strings in memory and return the same tables as `extract`."""
    from coopnlp.engine.memory import extract_texts as run

    return run(texts, ids=ids, nlp=nlp)


__all__ = ["__version__", "extract_texts", "load"]

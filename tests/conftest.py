"""Shared fixtures: one pipeline and one extraction of the seeds per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEEDS_GOLD = Path(__file__).with_name("seeds_gold.jsonl")


@pytest.fixture(scope="session")
def nlp():
    from coopnlp.pipeline.build import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seeds_gold() -> dict[str, dict]:
    with SEEDS_GOLD.open(encoding="utf-8") as fh:
        return {d["doc_id"]: d for d in map(json.loads, fh)}


@pytest.fixture(scope="session")
def seeds_out(nlp, tmp_path_factory) -> Path:
    """`data/raw` extracted once to Parquet with the session pipeline."""
    from coopnlp.engine.local import extract

    outdir = tmp_path_factory.mktemp("seeds_out")
    extract(RAW, outdir, nlp)
    return outdir


@pytest.fixture(scope="session")
def seeds_tables(seeds_out):
    import coopnlp

    return coopnlp.load(seeds_out)

"""Section 6 scoring (pairwise identity) on hand-made data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from coopnlp.evaluate import evaluate, load_persons, pairwise, score_identity


def test_pairwise_counts_only_pairs_of_different_documents() -> None:
    items = [
        ("d1", "A", "p1"),
        ("d2", "A", "p1"),  # same and same: tp
        ("d3", "A", "p2"),  # gold same as d1, d2, predicted apart: 2 fn
        ("d3", "B", "p2"),  # same document as the row above: no pair with it
        ("d4", "B", "p1"),  # predicted same as d1, d2 but not: 2 fp
    ]
    counts = pairwise(items)
    # gold-same pairs: A: d1-d2, d1-d3, d2-d3 (3); B: d3-d4 (1) -> 4.
    # predicted-same: p1: d1-d2, d1-d4, d2-d4 (3); p2: only d3 twice -> 0.
    assert (counts.tp, counts.fp, counts.fn) == (1, 2, 3)
    assert counts.precision == pytest.approx(1 / 3)
    assert counts.recall == pytest.approx(1 / 4)


def test_a_missing_id_is_the_same_as_nothing() -> None:
    counts = pairwise([("d1", "A", None), ("d2", "A", None)])
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 1)


def _gold(doc_id: str, officials: list[dict], agencies: list[dict]) -> dict:
    return {"doc_id": doc_id, "officials": officials, "agencies": agencies, "countries": []}


def test_score_identity_uses_the_per_document_matching() -> None:
    mia = {"name": "Ministry of Interior of Ruritania", "aliases": [], "kind": "ministry",
           "country": "RUR"}  # fmt: skip
    gold = {
        "d1": _gold("d1", [{"name": "Oleg Varnavin"}, {"name": "Pavel Doronin"}], [mia]),
        "d2": _gold("d2", [{"name": "Varnavin"}], [mia]),
        "d3": _gold("d3", [{"name": "Pavel Doronin"}], []),
    }
    persons = {
        ("d1", "Oleg Varnavin"): "varnavin",
        ("d2", "Varnavin"): "varnavin",
        ("d1", "Pavel Doronin"): "doronin",
        ("d3", "Pavel Doronin"): "doronin",
    }
    pred = {
        "d1": _gold(
            "d1",
            [
                {"name": "Pavel Doronin", "person_id": "P2"},
                {"name": "O. Varnavin", "person_id": "P1"},
            ],
            [{"name": "Ministry of Interior of Ruritania", "country": "RUR", "body_id": "B1"}],
        ),
        "d2": _gold(
            "d2",
            [{"name": "Oleg Varnavin", "person_id": "P1"}],
            [{"name": "Ministry of Interior of Ruritania", "country": "RUR", "body_id": "B1"}],
        ),
        # Doronin given another id: one missed pair.
        "d3": _gold("d3", [{"name": "Doronin", "person_id": "P3"}], []),
    }
    people, bodies = score_identity(gold, pred, persons)
    assert (people.tp, people.fp, people.fn) == (1, 0, 1)
    assert (bodies.tp, bodies.fp, bodies.fn) == (1, 0, 0)


def test_evaluate_reads_ids_and_clusters_from_files(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [
        _gold("d1", [{"name": "Oleg Varnavin", "country": "RUR"}], []),
        _gold("d2", [{"name": "Oleg Varnavin", "country": "RUR"}], []),
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    clusters = tmp_path / "persons.jsonl"
    record = {
        "person": "Oleg Varnavin",
        "members": [["d1", "Oleg Varnavin"], ["d2", "Oleg Varnavin"]],
    }
    clusters.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert load_persons(clusters) == {("d1", "Oleg Varnavin"): "Oleg Varnavin",
                                      ("d2", "Oleg Varnavin"): "Oleg Varnavin"}  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    pd.DataFrame(
        {
            "doc_id": ["d1", "d2"],
            "name": ["Oleg Varnavin"] * 2,
            "country": ["RUR", "RUR"],
            "doc_country": [None, "RUR"],  # d1's state came from the corpus pass
            "person_id": ["P1", "P1"],
            "start_char": [0, 0],
        }
    ).to_parquet(out / "officials.parquet")
    scores = evaluate(gold, out, clusters)
    assert scores.persons is not None and scores.persons.f1 == 1.0
    assert scores.officials.country.accuracy == 1.0
    assert (scores.officials.doc_country.correct, scores.officials.doc_country.total) == (1, 2)
    assert evaluate(gold, out).persons is None

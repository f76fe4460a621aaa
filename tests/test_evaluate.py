"""Tests of the scorer (`coopnlp.evaluate`) on small hand-made gold/prediction pairs."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table

from coopnlp.evaluate import (
    Accuracy,
    Counts,
    Scores,
    canonical_rank,
    evaluate,
    load_gold,
    load_predictions,
    name_score,
    norm,
    render,
    score,
)

SEEDS = Path(__file__).parent / "seeds_gold.jsonl"

MVD_RUS = "Ministry of Internal Affairs of the Russian Federation"
MIA_AZE = "Ministry of Internal Affairs of the Republic of Azerbaijan"
INTERPOL = "International Criminal Police Organization"
MINISTRIES = "Ministries of Internal Affairs"
UAIC = "Administration for International Cooperation of the " + MVD_RUS

Record = dict[str, Any]


def _gold() -> dict[str, Record]:
    """Two documents; counts: 4 countries, 4 agencies, 5 officials, 2 agreements."""
    d1: Record = {
        "doc_id": "d1",
        "officials": [
            {
                "name": "Vladimir Kolokoltsev",
                "rank": "General of Police",
                "title": "Minister of Internal Affairs",
                "agency": MVD_RUS,
                "country": "RUS",
            },
            {
                "name": "Vilayat Eyvazov",
                "rank": "Colonel General",
                "title": "Minister of Internal Affairs",
                "agency": MIA_AZE,
                "country": "AZE",
            },
            {
                "name": "Ilham Aliyev",
                "rank": None,
                "title": "President",
                "agency": None,
                "country": "AZE",
            },
            {
                "name": "Jürgen Stock",
                "rank": None,
                "title": "Secretary General",
                "agency": INTERPOL,
                "country": None,
            },
        ],
        "agencies": [
            {
                "name": MVD_RUS,
                "aliases": ["MIA of Russia", "Russian Interior Ministry"],
                "kind": "ministry",
                "country": "RUS",
            },
            {
                "name": MIA_AZE,
                "aliases": ["Azerbaijani Interior Ministry"],
                "kind": "ministry",
                "country": "AZE",
            },
            {"name": INTERPOL, "aliases": ["Interpol"], "kind": "international", "country": None},
        ],
        "countries": ["RUS", "AZE"],
        "agreements": [
            {"kind": "protocol", "title": None, "status": "signed"},
            {"kind": "program", "title": "Joint Action Program for 2022-2024", "status": "agreed"},
        ],
    }
    d2: Record = {
        "doc_id": "d2",
        "officials": [
            {
                "name": "Petr Popov",
                "rank": "Major General of the Internal Service",
                "title": "Chief of the Administration for International Cooperation",
                "agency": UAIC,
                "country": "RUS",
            }
        ],
        "agencies": [
            {
                "name": UAIC,
                "aliases": ["Administration for International Cooperation"],
                "kind": "unit",
                "country": "RUS",
            }
        ],
        "countries": ["RUS", "VNM"],
        "agreements": [],
    }
    return {"d1": d1, "d2": d2}


def _as_pred(gold: dict[str, Record]) -> dict[str, Record]:
    """What a perfect extractor would output: the gold minus agency aliases."""
    pred = copy.deepcopy(gold)
    for rec in pred.values():
        rec["agencies"] = [{k: v for k, v in a.items() if k != "aliases"} for a in rec["agencies"]]
    return pred


def _tables(pred: dict[str, Record]) -> dict[str, pd.DataFrame]:
    """Extract-style tables (with some extra columns) from gold-shaped records."""
    rows: dict[str, list[Record]] = {t: [] for t in ("officials", "agencies", "countries")}
    rows["agreements"] = []
    for doc_id, rec in pred.items():
        for i, o in enumerate(rec["officials"]):
            rows["officials"].append({"doc_id": doc_id, **o, "mentions": 1, "start_char": 10 * i})
        for i, a in enumerate(rec["agencies"]):
            rows["agencies"].append(
                {"doc_id": doc_id, **a, "aliases": [a["name"]], "start_char": 10 * i}
            )
        for iso3 in rec["countries"]:
            rows["countries"].append({"doc_id": doc_id, "iso3": iso3, "name": iso3, "mentions": 2})
        for i, g in enumerate(rec["agreements"]):
            rows["agreements"].append({"doc_id": doc_id, **g, "parties": [], "start_char": i})
    return {t: pd.DataFrame(r) for t, r in rows.items()}


def _write(outdir: Path, tables: dict[str, pd.DataFrame], fmt: str) -> Path:
    outdir.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        if fmt == "parquet":
            df.to_parquet(outdir / f"{name}.parquet", index=False)
        else:
            # CSV list columns are '; '-joined strings, as `coopnlp extract` writes them.
            df = df.copy()
            for col in ("aliases", "parties"):
                if col in df.columns:
                    df[col] = df[col].map("; ".join)
            df.to_csv(outdir / f"{name}.csv", index=False)
    return outdir


def _all_counts(s: Scores) -> list[Counts]:
    return [s.countries, s.agencies, s.officials, s.agreements]


def _all_accuracies(s: Scores) -> list[Accuracy]:
    o = s.officials
    return [o.rank, o.title, o.agency, o.country, s.agreements.status]


# --------------------------------------------------------------------------- text helpers


def test_norm() -> None:
    assert norm("The MIA of Russia—Moscow, a test") == "mia of russia moscow test"
    assert norm("Colonel-General  of Police") == "colonel general of police"
    assert norm("Lt. Gen.") == "lt gen"
    assert norm("ＭＩＡ") == "mia"  # NFKC folds full-width letters


def test_name_score_token_rule() -> None:
    # 6 vs 7 tokens: token_set_ratio on normalised strings.
    a, b = "Ministry of Internal Affairs of Russia", MVD_RUS
    assert name_score(a, b) == fuzz.token_set_ratio(norm(a), norm(b))
    # 1 vs 4 tokens: plain ratio, so a subset token does not give 100.
    assert name_score("Police", INTERPOL) == fuzz.ratio("police", norm(INTERPOL))
    assert name_score("Police", INTERPOL) < 90
    assert name_score("the Interpol", "INTERPOL") == 100.0
    assert name_score("", "") == 0.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Police Colonel", "Colonel of Police"),
        ("Lt. Gen.", "Lieutenant General"),
        ("Maj. Gen.", "Major General"),
        ("Police Colonel General", "Colonel-General of Police"),
        ("Army General", "General of the Army"),
        ("Sr. Lieut. of Police", "Senior Lieutenant of Police"),
        ("Brig. Gen.", "Brigadier General"),
        ("Capt.", "Captain"),
    ],
)
def test_rank_normalisation_equal(a: str, b: str) -> None:
    assert canonical_rank(a) == canonical_rank(b)


def test_rank_normalisation_keeps_distinct_ranks() -> None:
    assert canonical_rank("Colonel General") != canonical_rank("Colonel General of Police")
    assert canonical_rank("Major General") != canonical_rank("Lieutenant General")


# --------------------------------------------------------------------------- scoring


def test_perfect_prediction_scores_one() -> None:
    gold = _gold()
    s = score(gold, _as_pred(gold))
    for c in _all_counts(s):
        assert (c.fp, c.fn) == (0, 0)
        assert c.precision == c.recall == c.f1 == 1.0
    assert (s.countries.tp, s.agencies.tp, s.officials.tp, s.agreements.tp) == (4, 4, 5, 2)
    for a in _all_accuracies(s):
        assert a.accuracy == 1.0
    # Both-null attributes are not counted: 3 ranks, 5 titles, 4 agencies, 4 countries.
    o = s.officials
    assert (o.rank.total, o.title.total, o.agency.total, o.country.total) == (3, 5, 4, 4)
    assert s.agreements.status.total == 2
    assert (s.n_docs, s.n_docs_predicted) == (2, 2)


def test_perfect_prediction_on_seeds() -> None:
    gold = load_gold(SEEDS)
    assert len(gold) == 5
    s = score(gold, _as_pred(gold))
    for c in _all_counts(s):
        assert c.tp > 0 and (c.fp, c.fn) == (0, 0)
        assert c.f1 == 1.0
    for a in _all_accuracies(s):
        assert a.total > 0 and a.accuracy == 1.0


def test_no_prediction_counts_all_as_missed() -> None:
    s = score(_gold(), {"other": {"countries": ["FRA"]}})
    assert (s.countries.tp, s.countries.fp, s.countries.fn) == (0, 0, 4)
    assert (s.officials.fn, s.agencies.fn, s.agreements.fn) == (5, 4, 2)
    for c in _all_counts(s):
        assert c.precision == c.recall == c.f1 == 0.0
    assert s.n_docs_predicted == 0


def test_missing_country_lowers_recall() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d2"]["countries"] = ["RUS"]
    s = score(gold, pred)
    assert (s.countries.tp, s.countries.fp, s.countries.fn) == (3, 0, 1)
    assert s.countries.recall == 0.75
    assert s.countries.precision == 1.0
    assert s.countries.f1 == pytest.approx(2 * 0.75 / 1.75)


def test_wrong_rank_drops_rank_accuracy() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][1]["rank"] = "Major General"
    s = score(gold, pred)
    assert (s.officials.rank.correct, s.officials.rank.total) == (2, 3)
    assert s.officials.rank.accuracy == pytest.approx(2 / 3)
    assert s.officials.f1 == 1.0  # names still match


def test_rank_given_on_one_side_only_is_counted_wrong() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][2]["rank"] = "Colonel"  # gold: none
    pred["d2"]["officials"][0]["rank"] = None  # gold: a rank
    s = score(gold, pred)
    assert (s.officials.rank.correct, s.officials.rank.total) == (2, 4)


def test_rank_variants_score_as_correct() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][0]["rank"] = "Police General"
    pred["d1"]["officials"][1]["rank"] = "Col. Gen."
    s = score(gold, pred)
    assert (s.officials.rank.correct, s.officials.rank.total) == (3, 3)


def test_extra_agency_adds_one_false_positive() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["agencies"].append({"name": "Federal Security Service", "kind": "security"})
    s = score(gold, pred)
    assert (s.agencies.tp, s.agencies.fp, s.agencies.fn) == (4, 1, 0)
    assert s.agencies.precision == 0.8
    assert s.agencies.recall == 1.0


def test_agency_matches_through_alias() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["agencies"][0]["name"] = "MIA of Russia"
    pred["d1"]["agencies"][2]["name"] = "INTERPOL"
    s = score(gold, pred)
    assert (s.agencies.tp, s.agencies.fp, s.agencies.fn) == (4, 0, 0)


def test_national_agency_without_country_does_not_match() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["agencies"][0]["country"] = None
    pred["d1"]["agencies"][2]["country"] = None  # Interpol has none in gold: still fine
    s = score(gold, pred)
    assert (s.agencies.tp, s.agencies.fp, s.agencies.fn) == (3, 1, 1)


def test_agency_wrong_country_does_not_match() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["agencies"][1]["country"] = "RUS"
    s = score(gold, pred)
    assert (s.agencies.tp, s.agencies.fp, s.agencies.fn) == (3, 1, 1)


def test_agencies_matched_one_to_one_best_score_first() -> None:
    gold = {
        "d": {
            "doc_id": "d",
            "agencies": [
                {"name": "Ministries of Internal Affairs", "aliases": [], "country": None},
                {"name": "Ministry of Internal Affairs", "aliases": [], "country": "RUS"},
            ],
        }
    }
    pred = {
        "d": {
            "agencies": [
                {"name": "Ministry of Internal Affairs", "country": "RUS"},
                {"name": "Ministries of Internal Affairs", "country": None},
            ]
        }
    }
    # p0 fits g0 (score < 100) and g1 (100); p1 fits only g0 (no country). Pairing in
    # list order would take g0-p0 and strand both others; best score first matches both.
    assert 90 <= name_score(MINISTRIES, "Ministry of Internal Affairs") < 100
    s = score(gold, pred)
    assert (s.agencies.tp, s.agencies.fp, s.agencies.fn) == (2, 0, 0)
    # Two copies of one body: only one can match.
    pred["d"]["agencies"].append({"name": "Ministry of Internal Affairs", "country": "RUS"})
    s = score(gold, pred)
    assert (s.agencies.tp, s.agencies.fp, s.agencies.fn) == (2, 1, 0)


def test_official_agency_accuracy_uses_gold_aliases() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][0]["agency"] = "Russian Interior Ministry"  # an alias
    pred["d1"]["officials"][1]["agency"] = MVD_RUS  # wrong body
    s = score(gold, pred)
    assert (s.officials.agency.correct, s.officials.agency.total) == (3, 4)


def test_official_agency_missing_from_gold_agencies_compares_name_only() -> None:
    gold = _gold()
    gold["d1"]["officials"][2]["agency"] = "Administration of the President of Azerbaijan"
    pred = _as_pred(gold)
    s = score(gold, pred)
    assert (s.officials.agency.correct, s.officials.agency.total) == (5, 5)
    pred["d1"]["officials"][2]["agency"] = "Presidential Administration"
    s = score(gold, pred)
    assert (s.officials.agency.correct, s.officials.agency.total) == (4, 5)


def test_surname_matching() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][0]["name"] = "Kolokoltsev Vladimir Aleksandrovich"
    pred["d1"]["officials"][1]["name"] = "Mr. Eyvazov"
    pred["d2"]["officials"][0]["name"] = "P. Popov Jr."
    s = score(gold, pred)
    assert (s.officials.tp, s.officials.fp, s.officials.fn) == (5, 0, 0)
    assert s.officials.title.accuracy == 1.0


def test_surname_mismatch_is_fp_and_fn() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][3]["name"] = "Jürgen Stok"
    s = score(gold, pred)
    assert (s.officials.tp, s.officials.fp, s.officials.fn) == (4, 1, 1)
    assert s.officials.precision == s.officials.recall == 0.8


def test_equal_last_names_are_paired_before_containment() -> None:
    gold = {
        "d": {
            "doc_id": "d",
            "officials": [
                {"name": "Petrov Ivan Sergeevich", "title": "Mayor"},
                {"name": "Oleg Petrov", "title": "Governor"},
            ],
        }
    }
    pred = {"d": {"officials": [{"name": "Oleg Petrov", "title": "Governor"}]}}
    s = score(gold, pred)
    assert (s.officials.tp, s.officials.fp, s.officials.fn) == (1, 0, 1)
    assert (s.officials.title.correct, s.officials.title.total) == (1, 1)


def test_officials_paired_greedily_in_text_order() -> None:
    gold = {
        "d": {
            "doc_id": "d",
            "officials": [
                {"name": "Ivan Petrov", "title": "Mayor"},
                {"name": "Oleg Petrov", "title": "Governor"},
            ],
        }
    }
    # Same surname twice: pairing follows list order, not first names.
    pred = {
        "d": {
            "officials": [
                {"name": "Oleg Petrov", "title": "Governor"},
                {"name": "Ivan Petrov", "title": "Mayor"},
            ]
        }
    }
    s = score(gold, pred)
    assert s.officials.tp == 2
    assert (s.officials.title.correct, s.officials.title.total) == (0, 2)


def test_title_fuzzy_threshold() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][0]["title"] = "the Minister of Internal Affairs of Russia"
    pred["d1"]["officials"][1]["title"] = "Deputy Prime Minister"
    s = score(gold, pred)
    assert (s.officials.title.correct, s.officials.title.total) == (4, 5)


def test_agreements_matched_by_kind_and_title() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["agreements"] = [
        {"kind": "protocol", "title": "Protocol on cooperation", "status": "signed"},
        {"kind": "program", "title": "Joint Action Programme 2022-2024", "status": "signed"},
    ]
    s = score(gold, pred)
    assert (s.agreements.tp, s.agreements.fp, s.agreements.fn) == (2, 0, 0)
    assert (s.agreements.status.correct, s.agreements.status.total) == (1, 2)

    pred["d1"]["agreements"][1]["title"] = "Plan of joint measures against drugs"
    pred["d1"]["agreements"].append({"kind": "plan", "title": None, "status": "agreed"})
    s = score(gold, pred)
    assert (s.agreements.tp, s.agreements.fp, s.agreements.fn) == (1, 2, 1)


def test_agreements_prefer_title_matching_pairs() -> None:
    gold = {
        "d": {
            "doc_id": "d",
            "agreements": [
                {"kind": "program", "title": None, "status": "existing"},
                {
                    "kind": "program",
                    "title": "Joint Action Program for 2022-2024",
                    "status": "agreed",
                },
            ],
        }
    }
    pred = {
        "d": {
            "agreements": [
                {"kind": "program", "title": "Joint Action Program 2022-2024", "status": "agreed"}
            ]
        }
    }
    s = score(gold, pred)
    assert (s.agreements.tp, s.agreements.fp, s.agreements.fn) == (1, 0, 1)
    assert (s.agreements.status.correct, s.agreements.status.total) == (1, 1)


def test_predictions_for_unknown_docs_are_ignored() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["zzz"] = {"countries": ["FRA"], "agencies": [{"name": "X"}], "officials": []}
    s = score(gold, pred)
    assert all(c.fp == 0 for c in _all_counts(s))


# --------------------------------------------------------------------------- I/O


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_load_predictions_round_trip(tmp_path: Path, fmt: str) -> None:
    gold = _gold()
    expected = _as_pred(gold)
    tables = _tables(expected)
    # Rows out of text order come back in start_char order.
    tables["officials"] = tables["officials"].iloc[::-1].reset_index(drop=True)
    outdir = _write(tmp_path / fmt, tables, fmt)

    loaded = load_predictions(outdir)
    assert loaded == expected
    s = evaluate(_write_gold(tmp_path / "gold.jsonl", gold), outdir)
    assert [c.f1 for c in _all_counts(s)] == [1.0] * 4


def test_load_predictions_prefers_parquet_and_tolerates_missing_tables(tmp_path: Path) -> None:
    expected = _as_pred(_gold())
    tables = _tables(expected)
    del tables["agreements"]
    _write(tmp_path, tables, "parquet")
    # A stale CSV next to the parquet file must be ignored.
    pd.DataFrame([{"doc_id": "d1", "iso3": "FRA"}]).to_csv(tmp_path / "countries.csv")
    loaded = load_predictions(tmp_path)
    assert loaded["d1"]["countries"] == ["RUS", "AZE"]
    assert loaded["d1"]["agreements"] == []
    assert load_predictions(tmp_path / "nothing") == {}


def test_load_predictions_nulls_and_missing_columns(tmp_path: Path) -> None:
    pd.DataFrame(
        [{"doc_id": "007", "name": "Ivan Petrov", "rank": float("nan"), "title": ""}]
    ).to_csv(tmp_path / "officials.csv", index=False)
    loaded = load_predictions(tmp_path)
    # doc_id stays a string ("007", not 7); NaN/empty -> None; absent columns -> None.
    assert loaded == {
        "007": {
            "doc_id": "007",
            "officials": [
                {
                    "name": "Ivan Petrov",
                    "rank": None,
                    "title": None,
                    "agency": None,
                    "country": None,
                }
            ],
            "agencies": [],
            "countries": [],
            "agreements": [],
        }
    }


def _write_gold(path: Path, gold: dict[str, Record]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in gold.values()), encoding="utf-8")
    return path


def test_load_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc_id": "a", "countries": ["RUS"]}\n\n', encoding="utf-8")
    assert load_gold(path) == {
        "a": {
            "doc_id": "a",
            "countries": ["RUS"],
            "officials": [],
            "agencies": [],
            "agreements": [],
        }
    }
    path.write_text('{"doc_id": "a"}\n{"doc_id": "a"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate"):
        load_gold(path)


def test_render_and_json() -> None:
    gold = _gold()
    pred = _as_pred(gold)
    pred["d1"]["officials"][1]["rank"] = "Major General"
    s = score(gold, pred)
    table = render(s, "seeds")
    assert isinstance(table, Table)
    console = Console(record=True, width=120)
    console.print(table)
    text = console.export_text()
    assert "officials.rank" in text and "0.667" in text and "seeds" in text

    data = json.loads(json.dumps(s.model_dump()))
    assert data["officials"]["rank"] == {"correct": 2, "total": 3, "accuracy": pytest.approx(2 / 3)}
    assert data["countries"]["f1"] == 1.0
    assert Scores.model_validate(data).officials.rank.correct == 2

"""End to end: `coopnlp extract data/raw` through Typer, output read back with pandas."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from coopnlp.cli.app import app
from coopnlp.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
SEEDS_GOLD = ROOT / "tests" / "seeds_gold.jsonl"
runner = CliRunner()


@pytest.fixture(scope="module")
def cli_out(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("cli_out")
    result = runner.invoke(app, ["extract", str(RAW), "-o", str(outdir), "--quiet"])
    assert result.exit_code == 0, result.output
    return outdir


def test_every_table_as_parquet(cli_out):
    names = sorted(p.name for p in cli_out.iterdir())
    tables = ("documents", "officials", "agencies", "countries", "agreements", "mentions")
    extra = ("meetings", "persons", "bodies")
    assert names == sorted([*(f"{t}.parquet" for t in (*tables, *extra)), ".coopnlp-output.json"])


def test_values_from_the_seed_gold(cli_out, seeds_gold):
    documents = pd.read_parquet(cli_out / "documents.parquet")
    assert sorted(documents["doc_id"]) == sorted(seeds_gold)
    assert (documents["status"] == "ok").all()
    dates = dict(zip(documents["doc_id"], documents["date"], strict=True))
    assert str(dates["000_7622f6010375c9fc"]) == "2019-12-13"
    sources = dict(zip(documents["doc_id"], documents["source"], strict=True))
    assert (
        sources["002_89b171658d67022e"]
        == "Russian Federation Ministry of Internal Affairs in English"
    )

    officials = pd.read_parquet(cli_out / "officials.parquet")
    for doc_id, gold in seeds_gold.items():
        predicted = set(officials.loc[officials["doc_id"] == doc_id, "name"])
        assert {o["name"] for o in gold["officials"]} <= predicted, doc_id

    countries = pd.read_parquet(cli_out / "countries.parquet")
    for doc_id, gold in seeds_gold.items():
        assert set(countries.loc[countries["doc_id"] == doc_id, "iso3"]) == set(gold["countries"])

    agencies = pd.read_parquet(cli_out / "agencies.parquet")
    russia = agencies[agencies["name"] == "Ministry of Internal Affairs of the Russian Federation"]
    assert set(russia["doc_id"]) >= {"000_7622f6010375c9fc", "002_89b171658d67022e"}
    assert (russia["kind"] == "ministry").all() and (russia["country"] == "RUS").all()


def test_csv_format_joins_lists(tmp_path):
    result = runner.invoke(
        app,
        [
            "extract",
            str(RAW / "002_89b171658d67022e.txt"),
            "-o",
            str(tmp_path),
            "-q",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    agencies = pd.read_csv(tmp_path / "agencies.csv")
    assert agencies["aliases"].str.contains("; ").any()
    assert set(agencies["doc_id"]) == {"002_89b171658d67022e"}


def test_evaluate_command_scores_the_output(cli_out):
    result = runner.invoke(app, ["evaluate", str(SEEDS_GOLD), str(cli_out), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["countries"]["f1"] == 1.0
    assert scores["officials"]["f1"] >= 0.95
    assert scores == json.loads(evaluate(SEEDS_GOLD, cli_out).model_dump_json())


def test_schema_command_prints_json_schema():
    result = runner.invoke(app, ["schema", "agreements"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "draft" in schema["properties"]["status"]["enum"]

"""`coopnlp patterns list|show|add|remove` over a user folder; package data stays untouched."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coopnlp.cli.app import app
from coopnlp.retrain import patterns as store

runner = CliRunner()


def lines(path) -> list[dict]:
    """The pattern lines of a file without their provenance (checked on its own)."""
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [{k: v for k, v in row.items() if k != "provenance"} for row in rows]


def test_add_show_list_remove(tmp_path) -> None:
    folder = tmp_path / "patterns"
    d = ["--dir", str(folder)]
    result = runner.invoke(app, ["patterns", "add", "AGENCY", "Kestrel Watch of Georgia", *d])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["patterns", "add", "country", "Sakartvelo", "--id", "GEO", *d])
    assert result.exit_code == 0, result.output
    # The same phrase twice is one pattern.
    runner.invoke(app, ["patterns", "add", "AGENCY", "Kestrel Watch of Georgia", *d])
    assert lines(folder / "agency.jsonl") == [
        {"label": "AGENCY", "id": "grammar:learned", "pattern": "Kestrel Watch of Georgia"}
    ]
    assert lines(folder / "country.jsonl") == [
        {"label": "COUNTRY", "id": "GEO", "pattern": "Sakartvelo"}
    ]
    # A pattern added by hand says so.
    raw = json.loads((folder / "country.jsonl").read_text(encoding="utf-8"))
    assert raw["provenance"]["source"] == "cli"

    shown = runner.invoke(app, ["patterns", "show", "COUNTRY", *d])
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["pattern"] == "Sakartvelo"

    listed = runner.invoke(app, ["patterns", "list", *d], env={"COLUMNS": "200"})
    assert listed.exit_code == 0
    country_row = next(r for r in listed.stdout.splitlines() if "COUNTRY" in r)
    cells = [c.strip() for c in country_row.strip("│ ").split("│")]
    shipped = sum(1 for p in store.read_dir(store.shipped_dir()) if p["label"] == "COUNTRY")
    assert cells == ["COUNTRY", str(shipped), "0", "1", "0"]

    removed = runner.invoke(app, ["patterns", "remove", "GEO", *d])
    assert removed.exit_code == 0
    assert lines(folder / "country.jsonl") == []
    missing = runner.invoke(app, ["patterns", "remove", "GEO", *d])
    assert missing.exit_code == 1


def test_list_of_a_missing_folder_fails(tmp_path) -> None:
    result = runner.invoke(app, ["patterns", "list", "--dir", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no pattern folder" in result.output


def test_unknown_country_needs_an_id(tmp_path) -> None:
    result = runner.invoke(app, ["patterns", "add", "COUNTRY", "Ruritania", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "pass --id" in result.output
    assert not (tmp_path / "country.jsonl").exists()


def test_package_data_is_never_written() -> None:
    shipped = store.shipped_dir()
    before = (shipped / "agency.jsonl").read_bytes()
    result = runner.invoke(
        app, ["patterns", "add", "AGENCY", "Kestrel Watch of Georgia", "--dir", str(shipped)]
    )
    assert result.exit_code == 2
    assert "package data" in result.output
    assert (shipped / "agency.jsonl").read_bytes() == before
    with pytest.raises(store.PatternError):
        store.remove(shipped, "rus_mia")


def test_add_applies_the_safeguards_of_learn(tmp_path) -> None:
    d = ["--dir", str(tmp_path)]
    refused = runner.invoke(app, ["patterns", "add", "AGENCY", "Interior Minister", *d])
    assert refused.exit_code == 2
    assert "reads as a position" in refused.output
    assert not (tmp_path / "agency.jsonl").exists()
    bare = runner.invoke(app, ["patterns", "add", "AGENCY", "Border Service", *d])
    assert bare.exit_code == 2 and "body type without its country" in bare.output
    forced = runner.invoke(app, ["patterns", "add", "AGENCY", "Interior Minister", *d, "--force"])
    assert forced.exit_code == 0, forced.output
    assert lines(tmp_path / "agency.jsonl")[0]["pattern"] == "Interior Minister"

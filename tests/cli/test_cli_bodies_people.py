"""`coopnlp bodies|people add|list|remove` over a user folder: safeguards, --force,
provenance, a missing folder, package data never written."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from coopnlp.cli.app import app
from coopnlp.retrain import patterns as store

runner = CliRunner()


def lines(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_bodies_add_list_remove(tmp_path) -> None:
    d = ["--dir", str(tmp_path)]
    added = runner.invoke(
        app,
        [
            "bodies",
            "add",
            "Kestrel Directorate",
            "-a",
            "KDX",
            "--country",
            "Armenia",
            "--document",
            "a1",
            *d,
        ],
    )
    assert added.exit_code == 0, added.output
    (row,) = lines(tmp_path / "bodies.jsonl")
    assert row["id"] == "user_kestrel_directorate" and row["country"] == "ARM"
    assert row["aliases"] == ["KDX"]
    assert row["provenance"]["source"] == "cli" and row["provenance"]["documents"] == ["a1"]

    listed = runner.invoke(app, ["bodies", "list", *d])
    assert listed.exit_code == 0
    # Piped: a header and one tab-separated line per body, never cut.
    assert listed.stdout.splitlines()[1].split("\t")[:4] == [
        "user_kestrel_directorate",
        "Kestrel Directorate",
        "",
        "ARM",
    ]
    as_json = runner.invoke(app, ["bodies", "list", "--json", *d])
    assert [json.loads(x)["name"] for x in as_json.stdout.splitlines()] == ["Kestrel Directorate"]

    assert runner.invoke(app, ["bodies", "remove", "KDX", *d]).exit_code == 0
    assert lines(tmp_path / "bodies.jsonl") == []
    assert runner.invoke(app, ["bodies", "remove", "KDX", *d]).exit_code == 1


def test_a_refused_body_is_not_written_unless_forced(tmp_path) -> None:
    d = ["--dir", str(tmp_path)]
    refused = runner.invoke(app, ["bodies", "add", "Border Service", "--country", "ARM", *d])
    assert refused.exit_code == 2
    assert "a body type without its country" in refused.output
    assert not (tmp_path / "bodies.jsonl").exists()
    forced = runner.invoke(app, ["bodies", "add", "Border Service", "-c", "ARM", "--force", *d])
    assert forced.exit_code == 0
    assert "overridden by --force: 'Border Service': a body type" in forced.output
    assert [b["name"] for b in lines(tmp_path / "bodies.jsonl")] == ["Border Service"]


def test_international_body_needs_no_state(tmp_path) -> None:
    d = ["--dir", str(tmp_path)]
    name = "International Police Organization"
    assert runner.invoke(app, ["bodies", "add", name, *d]).exit_code == 2
    result = runner.invoke(app, ["bodies", "add", name, "--international", *d])
    assert result.exit_code == 0, result.output
    (row,) = lines(tmp_path / "bodies.jsonl")
    assert (row["kind"], row["country"]) == ("international", None)


def test_people_add_list_remove(tmp_path) -> None:
    d = ["--dir", str(tmp_path)]
    runner.invoke(app, ["bodies", "add", "Kestrel Directorate", "-c", "ARM", *d])
    unknown = runner.invoke(app, ["people", "add", "Tamsin Orloveck", "--agency", "Ospray", *d])
    assert unknown.exit_code == 2 and "unknown body" in unknown.output
    added = runner.invoke(
        app,
        [
            "people",
            "add",
            "Tamsin Orloveck",
            "--agency",
            "Kestrel Directorate",
            "--title",
            "Chief Inquirer",
            "--country",
            "ARM",
            *d,
        ],
    )
    assert added.exit_code == 0, added.output
    (row,) = lines(tmp_path / "people.jsonl")
    assert row["agency"] == "Kestrel Directorate" and row["title"] == "Chief Inquirer"
    listed = runner.invoke(app, ["people", "list", "--json", *d])
    assert json.loads(listed.stdout)["country"] == "ARM"
    assert runner.invoke(app, ["people", "remove", "Tamsin Orloveck", *d]).exit_code == 0
    assert runner.invoke(app, ["people", "remove", "Tamsin Orloveck", *d]).exit_code == 1


def test_list_of_a_missing_folder_fails(tmp_path) -> None:
    for command in ("bodies", "people"):
        result = runner.invoke(app, [command, "list", "--dir", str(tmp_path / "missing")])
        assert result.exit_code == 1
        assert "no such folder" in result.output


def test_package_data_is_never_written() -> None:
    shipped = store.shipped_dir()
    result = runner.invoke(
        app, ["bodies", "add", "Kestrel Directorate", "-c", "ARM", "--dir", str(shipped)]
    )
    assert result.exit_code == 2 and "package data" in result.output
    assert not (shipped / "bodies.jsonl").exists()

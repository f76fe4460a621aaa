"""CLI conventions (README "Exit codes"): an example in every command's --help,
--version, -o creating folders, one-line errors unless --debug, exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from coopnlp import __version__
from coopnlp.cli import app as app_module
from coopnlp.cli.app import app, main
from coopnlp.report.build import NoTablesError


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command, as argument lists."""
    paths = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


def test_every_command_help_has_an_example() -> None:
    paths = command_paths(typer.main.get_command(app))
    assert {("extract",), ("report",), ("inspect",)} <= set(paths)
    runner = CliRunner()
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Example" in result.output, f"coopnlp {' '.join(path)} --help has no example"
    top = runner.invoke(app, ["--help"])
    assert "Example" in top.output and "--debug" in top.output


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"coopnlp {__version__}"


def test_report_creates_the_output_folder(seeds_out, tmp_path) -> None:
    out = tmp_path / "a" / "b" / "report.html"
    result = CliRunner().invoke(app, ["report", str(seeds_out), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_usage_errors_exit_2(tmp_path) -> None:
    result = CliRunner().invoke(app, ["report", str(tmp_path / "missing")])
    assert result.exit_code == 2


def run_main(monkeypatch, *args: str) -> None:
    monkeypatch.setattr(sys, "argv", ["coopnlp", *args])
    main()


def test_errors_are_one_line_without_traceback(monkeypatch, capsys, tmp_path) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_main(monkeypatch, "report", str(tmp_path), "-o", str(tmp_path / "r.html"))
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"coopnlp: error: no coopnlp tables in {tmp_path} (run `coopnlp extract` first)"
    ]


def test_debug_shows_the_traceback(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(app_module._debug, "on", False)
    with pytest.raises(NoTablesError):
        run_main(monkeypatch, "--debug", "report", str(tmp_path), "-o", str(tmp_path / "r.html"))


def test_progress_total_is_counted_from_file_names(tmp_path) -> None:
    from coopnlp.cli.extract import _count_documents
    from coopnlp.io.readers import iter_documents

    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.odt").write_text("x", encoding="utf-8")
    assert _count_documents(tmp_path) == len(list(iter_documents(tmp_path))) == 2
    assert _count_documents(tmp_path / "a.txt") == 1
    # Rows of a JSONL file are not counted without reading it: the bar shows the rate only.
    (tmp_path / "rows.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert _count_documents(tmp_path) is None


@pytest.mark.slow
def test_extract_reports_on_stderr_only(tmp_path) -> None:
    raw = Path(__file__).resolve().parents[2] / "data" / "raw"
    out = tmp_path / "new" / "out"
    result = CliRunner().invoke(app, ["extract", str(raw), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # messages never mix with output
    summary = " ".join(result.stderr.split())
    assert "documents ok │ 5" in summary
    assert "officials rows" in summary
    assert (out / "documents.parquet").exists()

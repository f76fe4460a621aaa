"""Exit status of `coopnlp extract` (README "Exit codes"): 0 with bad documents,
1 when nothing could be processed or with --strict, 2 on usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import coopnlp
from coopnlp.cli import extract as extract_cli
from coopnlp.cli.app import app

ARTICLE = (
    "Azerbaijani Interior Minister Vilayat Eyvazov met a delegation of the Ministry of Internal "
    "Affairs of the Russian Federation in Baku. The sides discussed cooperation against drug "
    "trafficking, cybercrime and illegal migration, and agreed to exchange information. "
)


def _variant(n: int) -> str:
    # Distinct texts, so that they are not duplicates of one another.
    return f"{ARTICLE}The meeting was number {n} this year."


@pytest.fixture
def cli(nlp, monkeypatch: pytest.MonkeyPatch):
    """Run `coopnlp ...` in-process with the session pipeline."""
    monkeypatch.setattr(extract_cli, "load_pipeline", lambda *a, **k: nlp)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(map(str, args)))


def _mixed(root: Path) -> Path:
    root.mkdir()
    (root / "good.txt").write_text(_variant(1), encoding="utf-8")
    (root / "folder.txt").mkdir()
    (root / "short.txt").write_text("Minister met.", encoding="utf-8")
    return root


@pytest.mark.slow
def test_exit_zero_with_bad_documents_and_one_with_strict(cli, tmp_path) -> None:
    root = _mixed(tmp_path / "in")
    result = cli("extract", root, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    docs = coopnlp.load(tmp_path / "out")["documents"]
    assert sorted(docs["status"]) == ["error", "ok", "skipped"]
    result = cli("extract", root, "-o", tmp_path / "strict", "--quiet", "--strict")
    assert result.exit_code == 1
    assert "--strict: 2 documents skipped or failed" in result.output
    assert "error: folder: is a directory" in result.output
    # The tables are still written, so the failures can be looked at.
    assert len(coopnlp.load(tmp_path / "strict")["documents"]) == 3


@pytest.mark.slow
def test_exit_one_when_nothing_could_be_processed(cli, tmp_path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "folder.txt").mkdir()
    (root / "empty.txt").write_bytes(b"")
    result = cli("extract", root, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert "no document could be processed" in result.output
    empty = tmp_path / "none"
    empty.mkdir()
    result = cli("extract", empty, "-o", tmp_path / "out2", "--quiet")
    assert result.exit_code == 1
    assert "no input documents found" in result.output


def test_usage_errors_exit_two(cli, tmp_path) -> None:
    root = _mixed(tmp_path / "in")
    assert cli("extract", tmp_path / "missing", "-o", tmp_path / "out").exit_code == 2
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = cli("extract", root, "-o", tmp_path / "file")
    assert result.exit_code == 2
    assert "not a folder" in result.output
    assert cli("extract", root, "--max-chars", "0").exit_code == 2


@pytest.mark.slow
def test_input_named_like_an_option(cli, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "-in put"
    folder.mkdir()
    (folder / "-a.txt").write_text(_variant(1), encoding="utf-8")
    result = cli("extract", "-o", "out", "--quiet", "--", "-in put")
    assert result.exit_code == 0, result.output
    docs = coopnlp.load(tmp_path / "out")["documents"]
    assert list(docs["doc_id"]) == ["-a"] and list(docs["status"]) == ["ok"]


@pytest.mark.slow
def test_unusable_cache_folder_is_a_warning_not_a_failure(
    cli, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    root = _mixed(tmp_path / "in")
    result = cli("extract", root, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert "coopnlp: warning: incremental state not kept" in result.stderr
    assert len(coopnlp.load(tmp_path / "out")["documents"]) == 3

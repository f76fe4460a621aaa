"""`coopnlp inspect DOC_ID --outdir`: the page into a new folder, or the records on
the terminal."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from coopnlp.cli.app import app

DOC_ID = "003_9121bbf3e5f59db6"
RUS_MIA = "Ministry of Internal Affairs of the Russian Federation"
AZE_MIA = "Ministry of Internal Affairs of the Republic of Azerbaijan"


def test_cli_writes_the_page_into_a_new_folder(seeds_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder" / "page.html"
    result = CliRunner().invoke(
        app, ["inspect", DOC_ID, "--outdir", str(seeds_out), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Vladimir Kolokoltsev" in out.read_text(encoding="utf-8")


def test_cli_terminal_view_lists_records(seeds_out: Path) -> None:
    result = CliRunner().invoke(app, ["inspect", DOC_ID, "--outdir", str(seeds_out)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("Vladimir Kolokoltsev", "Ramil Usubov", RUS_MIA, AZE_MIA, "evidence"):
        assert expected in " ".join(out.split()), expected
    assert "officials (4)" in out


def test_cli_lists_rejected_candidates_with_their_reason(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Minister Zoran Vukic met his counterpart in the eastern town of Beli Manastir.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["inspect", str(article)])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "rejected candidates (1)" in out
    assert "Beli Manastir" in out and "rejected:person:place: after 'town of'" in out

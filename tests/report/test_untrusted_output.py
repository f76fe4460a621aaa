"""Article content never reaches the terminal as commands or markup; report and
inspect pages are written atomically and never over the tables they come from."""

from __future__ import annotations

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from coopnlp.cli.app import main
from coopnlp.cli.inspect import highlighted, print_view
from coopnlp.report.build import OutputIsInputError, write_report
from coopnlp.report.document import view_from_file
from coopnlp.report.terminal import terminal_safe

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
OSC8 = "\x1b]8;;http://evil.example\x1b\\Baku\x1b]8;;\x1b\\"
MARKUP = "[link=http://evil.example]here[/link] [bold red]alarm[/bold red]"
ARTICLE = (
    "Interior Minister Vladimir Kolokoltsev met his Azerbaijani counterpart in "
    f"{OSC8}. He said {MARKUP} and the parties signed a protocol on cooperation.\n\n"
    "\x1b]0;pwned\x07The Ministry of Internal Affairs of the Russian Federation and the "
    "Ministry of Internal Affairs of Azerbaijan agreed to exchange information.\x1b[2J\n"
)


@pytest.fixture(scope="module")
def view(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return view_from_file(path, nlp)


def test_terminal_safe_keeps_length_and_drops_controls() -> None:
    safe = terminal_safe(ARTICLE)
    assert len(safe) == len(ARTICLE)
    assert "\x1b" not in safe and "\x07" not in safe
    assert terminal_safe("a\tb\nc\u202ed") == "a b\nc\ufffdd"


def test_terminal_view_passes_no_escape_sequence_or_markup(view) -> None:
    assert view.document["status"] == "ok"
    assert "Vladimir Kolokoltsev" in view.tables["officials"]["name"].tolist()
    out = StringIO()
    print_view(view, Console(file=out, force_terminal=True, color_system="truecolor", width=200))
    shown = out.getvalue()
    assert "\x1b]" not in shown  # no OSC: no hyperlink, no window title
    assert "\x1b[2J" not in shown and "\x07" not in shown
    # Markup from the article is shown as text, not rendered.
    assert "[link=http://evil.example]here[/link]" in shown
    assert "Vladimir Kolokoltsev" in shown


def test_highlighted_offsets_still_fit(view) -> None:
    text = highlighted(view)
    mentions = view.tables["mentions"]
    for m in mentions.itertuples():
        assert text.plain[m.start_char : m.end_char] == terminal_safe(m.text)


def test_report_refuses_to_overwrite_its_tables(seeds_out, tmp_path) -> None:
    outdir = tmp_path / "out"
    shutil.copytree(seeds_out, outdir)
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}
    for name in ("documents.parquet", "officials.parquet", "mentions.csv"):
        with pytest.raises(OutputIsInputError):
            write_report(outdir, outdir / name)
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before


def test_cli_refuses_an_input_table_as_output(seeds_out, tmp_path, monkeypatch, capsys) -> None:
    outdir = tmp_path / "out"
    shutil.copytree(seeds_out, outdir)
    before = (outdir / "documents.parquet").read_bytes()
    target = str(outdir / "documents.parquet")
    for args in (["report", str(outdir), "-o", target],
                 ["inspect", "x", "--outdir", str(outdir), "-o", target]):  # fmt: skip
        monkeypatch.setattr("sys.argv", ["coopnlp", *args])
        with pytest.raises(SystemExit) as exit_info:
            main()
        assert exit_info.value.code == 1
        assert "choose another -o" in capsys.readouterr().err
    assert (outdir / "documents.parquet").read_bytes() == before


def test_report_write_is_atomic(seeds_out, tmp_path, monkeypatch) -> None:
    report = tmp_path / "report.html"
    write_report(seeds_out, report)
    before = report.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_report(seeds_out, report)
    assert report.read_bytes() == before  # the earlier report, whole
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temp file left

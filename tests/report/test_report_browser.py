"""The report opens in a real headless Chromium: charts drawn, tables there, no
script errors, nothing fetched; a screenshot is kept as a test artifact.

Chromium is Debian's package (`make test` installs it). The page records script
errors on `<html data-js-errors>`; Chromium's console log is checked as well.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coopnlp.records.load import load_tables
from coopnlp.report.build import report_html

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHARTS = ("timeline", "countries", "agencies", "network", "meetings", "ranks", "agreements")
TABLES = (
    "documents",
    "officials",
    "agencies",
    "countries",
    "agreements",
    "meetings",
    "people",
    "timelines",
)
FLAGS = (
    "--headless",
    "--no-sandbox",  # tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Lets the page's scripts run to the end before the DOM is dumped or shot.
    "--virtual-time-budget=10000",
)

pytestmark = pytest.mark.slow


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a throwaway profile."""
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(binary).exists(), "chromium is missing: run make chromium"
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


class DomSummary(HTMLParser):
    """What the rendered DOM holds: chart wrappers, drawn plots, tables and their rows."""

    def __init__(self) -> None:
        super().__init__()
        self.js_errors: str | None = None
        self.charts: list[str] = []
        self.plots = 0
        self.svgs = 0
        self.tables: list[str] = []
        self.rows: dict[str, int] = {}
        self._section: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "html":
            self.js_errors = a.get("data-js-errors")
        if "data-chart" in a:
            self.charts.append(a["data-chart"] or "")
        if "js-plotly-plot" in classes:
            self.plots += 1
        if tag == "svg" and "main-svg" in classes:
            self.svgs += 1
        if tag == "section" and "table" in classes:
            self._section = a.get("id")
        if tag == "table" and "sortable" in classes and self._section:
            self.tables.append(self._section)
        if tag == "tr" and self._section:
            self.rows[self._section] = self.rows.get(self._section, 0) + 1


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def report_file(seeds_out, tmp_path_factory) -> Path:
    # Named after what it shows, not the temporary folder (the screenshot goes in the README).
    html = report_html(load_tables(seeds_out), source="data/processed: the five seed articles")
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_report_renders_charts_and_tables_without_errors(report_file, tmp_path) -> None:
    run = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", report_file.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = DomSummary()
    dom.feed(run.stdout)
    assert dom.js_errors is None, dom.js_errors
    assert console_messages(run.stderr) == []
    # The seeds have data for every chart, so every chart is drawn by plotly.js.
    assert dom.charts == list(CHARTS)
    assert dom.plots == len(CHARTS)
    assert dom.svgs >= len(CHARTS)
    assert dom.tables == [f"table-{t}" for t in TABLES]
    # A header row plus one row per record (five seed documents, four agreements).
    assert dom.rows["table-documents"] == 1 + 5
    assert dom.rows["table-agreements"] == 1 + 4
    assert dom.rows["table-officials"] >= 1 + 10
    # The who-met-whom network and a row per meeting of the seeds.
    assert "meetings" in dom.charts
    assert dom.rows["table-meetings"] >= 1 + 5


def test_report_fetches_nothing(report_file) -> None:
    html = report_file.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", html)
    assert "Plotly.newPlot" in html  # plotly.js is inline, not loaded from elsewhere


def test_tables_sort_when_a_header_is_clicked(tmp_path) -> None:
    """The page's sorter, run in the browser on a small table."""
    sorter = (ROOT / "src/coopnlp/report/templates/sortable.js").read_text(encoding="utf-8")
    page = tmp_path / "sort.html"
    page.write_text(
        "<table class='sortable'><thead><tr><th>name</th><th>n</th></tr></thead><tbody>"
        "<tr><td>b</td><td>10</td></tr><tr><td>a</td><td>9</td></tr>"
        "<tr><td></td><td>2</td></tr></tbody></table>"
        f"<script>{sorter}</script><script>"
        "var th = document.querySelectorAll('th');"
        "th[1].click(); var up = [...document.querySelectorAll('td:last-child')]"
        ".map(c => c.textContent).join(',');"
        "th[1].click(); var down = [...document.querySelectorAll('td:last-child')]"
        ".map(c => c.textContent).join(',');"
        "th[0].click(); var names = [...document.querySelectorAll('td:first-child')]"
        ".map(c => c.textContent).join(',');"
        "document.body.setAttribute('data-result', [up, down, names].join('|'));"
        "</script>",
        encoding="utf-8",
    )
    run = chromium(tmp_path, "--dump-dom", page.as_uri())
    found = re.search(r'data-result="([^"]*)"', run.stdout)
    assert found, run.stdout[-500:]
    # Numbers sort as numbers (9 before 10); blanks stay last.
    assert found.group(1) == "2,9,10|10,9,2|a,b,"


def test_report_screenshot_is_saved(report_file, tmp_path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    run = chromium(
        tmp_path, "--window-size=1280,1500", f"--screenshot={shot}", report_file.as_uri()
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1500)
    assert len(data) > 50_000  # a drawn page, not a blank one

"""The report: output tables -> data -> charts -> one self-contained HTML page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from coopnlp.io.atomic import write_text_atomic
from coopnlp.io.outdir import inside_tables
from coopnlp.records.load import load_tables
from coopnlp.report import charts, people
from coopnlp.report import meetings as meeting_charts
from coopnlp.report.data import ReportData, build_report_data
from coopnlp.report.page import MAX_ROWS, page, table_context


class NoTablesError(ValueError):
    """The folder holds no coopnlp output tables."""


class OutputIsInputError(ValueError):
    """The page would overwrite one of the tables it is made from."""


def chart_sections(data: ReportData) -> list[dict[str, str | None]]:
    """The charts in page order, each drawn or with why it is missing."""
    undated = {0: "", 1: "1 document has no date."}.get(
        data.undated, f"{data.undated} documents have no date."
    )
    meeting = "Meetings by their date (else their article's)."
    specs = [
        ("timeline", "Documents and meetings per month", charts.timeline(data.timeline),
         "no dated documents", f"{meeting} {undated}".strip()),
        ("countries", "Top countries", charts.top_bar(
            data.countries, "iso3", "Top countries (documents naming them)", "#f58518"),
         "no countries", ""),
        ("agencies", "Top agencies", charts.top_bar(
            data.agencies, "name", "Top agencies (documents naming them)", "#4c78a8"),
         "no agencies", ""),
        ("network", "Countries named in the same document",
         charts.network(data.pairs, data.countries),
         "no document names two countries", "Line width: documents naming both countries."),
        ("meetings", "Who met whom", meeting_charts.network(data.met),
         "no meeting between two states", "Line width: meetings; hover for dates and places."),
        ("ranks", "Officials by rank", charts.ranks(data.ranks), "no official has a rank",
         "Distinct names per rank, senior ranks on top."),
        ("agreements", "Agreements by kind and status", charts.agreements(data.agreements),
         "no agreements", ""),
    ]  # fmt: skip
    return [
        {
            "key": key,
            "title": title,
            "div": charts.to_div(fig, f"chart-{key}") if fig is not None else None,
            "missing": missing,
            "note": note,
        }
        for key, title, fig, missing, note in specs
    ]


def people_sections(data: ReportData, max_rows: int) -> list:
    """The people table and the timelines of the most named people."""
    return [
        table_context("table-people", "People", data.tables["people"], max_rows=max_rows),
        table_context(
            "table-timelines",
            f"Timelines of the {people.TIMELINE_PEOPLE} most named people",
            data.tables["timelines"],
            max_rows=max_rows,
        ),
    ]


def report_html(tables: dict[str, pd.DataFrame], source: str, max_rows: int = MAX_ROWS) -> str:
    """The report page over the tables of one output folder."""
    data = build_report_data(tables)
    sections = [
        table_context("table-documents", "Documents", data.tables["documents"], max_rows=max_rows),
        table_context("table-officials", "Officials", data.tables["officials"], max_rows=max_rows),
        table_context("table-agencies", "Agencies", data.agencies, max_rows=max_rows),
        table_context("table-countries", "Countries", data.countries, max_rows=max_rows),
        table_context(
            "table-agreements", "Agreements", data.tables["agreements"], max_rows=max_rows
        ),
        table_context("table-meetings", "Meetings", data.tables["meetings"], max_rows=max_rows),
        *people_sections(data, max_rows),
    ]
    return page(
        "report.html.j2",
        title="coopnlp report",
        tables=sections,
        source=source,
        made=dt.date.today().isoformat(),
        counts=data.counts,
        charts=chart_sections(data),
        plotly_js=charts.plotly_js(),
    )


def write_report(outdir: Path, output: Path, max_rows: int = MAX_ROWS) -> Path:
    """Write the report over `outdir`'s tables to `output` (its folder is created)."""
    if inside_tables(output, outdir):
        raise OutputIsInputError(f"{output} is one of the tables of {outdir}: choose another -o")
    tables = load_tables(Path(outdir))
    if "documents" not in tables:
        raise NoTablesError(f"no coopnlp tables in {outdir} (run `coopnlp extract` first)")
    html = report_html(tables, str(outdir), max_rows)
    # Atomic: a full disk or a kill leaves an earlier report whole.
    return write_text_atomic(Path(output), html)

"""The report: output tables -> data -> charts -> one self-contained HTML page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from coopnlp.records.load import load_tables
from coopnlp.report import charts, people
from coopnlp.report.data import ReportData, build_report_data, complete
from coopnlp.report.page import MAX_ROWS, page, table_context


class NoTablesError(ValueError):
    """The folder holds no coopnlp output tables."""


def chart_sections(data: ReportData) -> list[dict[str, str | None]]:
    """The charts in page order, each drawn or with why it is missing."""
    undated = {0: "", 1: "1 document has no date."}.get(
        data.undated, f"{data.undated} documents have no date."
    )
    meeting = "A meeting: a document naming officials of two or more countries."
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


def people_sections(tables: dict[str, pd.DataFrame], max_rows: int) -> list:
    """The people table and the timelines of the most named people."""
    tables = complete(tables)
    persons = tables["persons"]
    return [
        table_context("table-people", "People", people.people(persons), max_rows=max_rows),
        table_context(
            "table-timelines",
            f"Timelines of the {people.TIMELINE_PEOPLE} most named people",
            people.timeline(tables["officials"], tables["documents"], persons),
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
        *people_sections(tables, max_rows),
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
    tables = load_tables(Path(outdir))
    if "documents" not in tables:
        raise NoTablesError(f"no coopnlp tables in {outdir} (run `coopnlp extract` first)")
    html = report_html(tables, str(outdir), max_rows)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    return output

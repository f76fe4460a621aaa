"""HTML pages from the Jinja2 templates in `report/templates` (package data).

Pages are self-contained: styles, the table sorter and plotly.js are inlined,
so a page opens from disk without a network.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
import pandas as pd

from coopnlp import __version__

MAX_ROWS = 1000


@dataclass
class Column:
    name: str
    kind: str  # "num", "date" or "text": the cells' CSS class


@dataclass
class TableData:
    """A DataFrame as strings for a template, with how many rows it had."""

    columns: list[Column]
    rows: list[list[str]]
    total: int

    @property
    def shown(self) -> int:
        return len(self.rows)


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("coopnlp.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render(template: str, **context: Any) -> str:
    """Render one template with the common context (version)."""
    return environment().get_template(template).render(version=__version__, **context)


def cell(value: Any) -> str:
    """One table cell as text: blanks for missing values, lists joined, dates as ISO."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def table_data(frame: pd.DataFrame, max_rows: int = MAX_ROWS) -> TableData:
    """The first `max_rows` rows of a frame, formatted for a sortable table."""
    columns = [Column(str(name), _kind(frame[name])) for name in frame]
    rows = [[cell(v) for v in row] for row in frame.head(max_rows).itertuples(index=False)]
    return TableData(columns, rows, len(frame))


def _kind(column: pd.Series) -> str:
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return "date"
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column):
        return "num"
    return "text"


def table_context(
    key: str, caption: str, frame: pd.DataFrame, note: str = "", max_rows: int = MAX_ROWS
) -> dict[str, Any]:
    """What the `table` macro needs for one section."""
    return {"id": key, "caption": caption, "data": table_data(frame, max_rows), "note": note}


def page(
    template: str,
    title: str,
    tables: Sequence[Mapping[str, Any]] = (),
    **context: Any,
) -> str:
    """A whole page: `template` (report or document) with its title and tables."""
    return render(template, title=title, tables=list(tables), **context)

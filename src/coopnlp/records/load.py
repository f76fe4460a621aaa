"""Load output tables back into pandas with the schema's dtypes.

Every table comes back with the same dtypes whichever format it was written in
and whichever pandas version reads it:

- columns restricted to fixed values (`status`, `kind`, `label`) are
  categoricals whose categories are the schema's values, in schema order;
- dates (`documents.date`, `agreements.date`) are `datetime64[ns]` (NaT when
  unknown);
- optional integers (`officials.rank_grade`) are nullable `Int64`, required
  integers `int64`, scores `float64`;
- list columns (`agencies.aliases`, `agreements.parties`, `persons.titles`...)
  hold Python lists (empty when there is nothing);
- text columns hold `str` (missing values are NA).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from coopnlp.records.csv_cells import restore
from coopnlp.records.marker import current_format
from coopnlp.records.models import TABLES
from coopnlp.records.tables import LIST_SEPARATOR, allowed_values, arrow_schema, csv_schema

DATE_DTYPE = "datetime64[ns]"


def csv_convert_options(name: str, columns: Iterable[str] | None = None) -> pacsv.ConvertOptions:
    """How a table's CSV file is read: the schema's column types (lists as text),
    empty cells null; only `columns` if given."""
    schema = csv_schema(arrow_schema(TABLES[name]))
    options = pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True)
    if columns is not None:
        options.include_columns = list(columns)
    return options


def list_cells(cells: Iterable[str | list[str] | None]) -> list[list[str]]:
    """The cells of a list column as lists: a CSV cell is split on `LIST_SEPARATOR`,
    a list (Parquet) kept; empty or null cells give empty lists."""
    return [
        (c.split(LIST_SEPARATOR) if isinstance(c, str) else list(c)) if c else [] for c in cells
    ]


def _read(outdir: Path, name: str, doc_ids: set[str] | None = None) -> pa.Table | None:
    schema = arrow_schema(TABLES[name])
    parquet, csv = outdir / f"{name}.parquet", outdir / f"{name}.csv"
    # The format the last run wrote (its marker) wins over a stale table beside it.
    csv_current = current_format(outdir) == "csv" and csv.exists()
    if parquet.exists() and not csv_current:
        # Pushing the filter into the reader keeps one document's view cheap on a big run.
        filters = (
            [("doc_id", "in", sorted(doc_ids))]
            if doc_ids is not None and "doc_id" in schema.names
            else None
        )
        return pq.read_table(parquet, schema=schema, filters=filters)
    if csv.exists():
        table = restore(pacsv.read_csv(csv, convert_options=csv_convert_options(name)))
        for i, field in enumerate(schema):
            if pa.types.is_list(field.type):
                lists = list_cells(table.column(i).to_pylist())
                table = table.set_column(i, field, pa.array(lists, field.type))
        if doc_ids is not None and "doc_id" in schema.names:
            ids = table.column("doc_id").to_pylist()
            table = table.filter(pa.array([d in doc_ids for d in ids], pa.bool_()))
        return table
    return None


def to_pandas(name: str, table: pa.Table) -> pd.DataFrame:
    """A table as a DataFrame with the dtypes listed in this module's docstring."""
    frame = table.to_pandas()
    for column, values in allowed_values(TABLES[name]).items():
        frame[column] = pd.Categorical(frame[column], categories=list(values))
    # The model's schema, not the file's: CSV reads every column as nullable.
    for field in arrow_schema(TABLES[name]):
        column = field.name
        if pa.types.is_date(field.type):
            frame[column] = pd.to_datetime(frame[column]).astype(DATE_DTYPE)
        elif pa.types.is_list(field.type):
            # Arrow hands lists to pandas as numpy arrays; analysts expect lists.
            cells = table.column(column).to_pylist()
            frame[column] = pd.Series([c or [] for c in cells], index=frame.index, dtype=object)
        elif pa.types.is_integer(field.type) and field.nullable:
            frame[column] = frame[column].astype("Int64")
    return frame


def load_tables(outdir: Path, doc_ids: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every table found in `outdir`, keyed by table name (only `doc_ids`' rows if given)."""
    wanted = set(doc_ids) if doc_ids is not None else None
    tables = {}
    for name in TABLES:
        table = _read(outdir, name, wanted)
        if table is not None:
            tables[name] = to_pandas(name, table)
    return tables

"""Load output tables back into pandas with the schema's dtypes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from coopnlp.io.writers import LIST_SEPARATOR, csv_schema
from coopnlp.records.models import TABLES
from coopnlp.records.tables import allowed_values, arrow_schema


def _read(outdir: Path, name: str) -> pa.Table | None:
    schema = arrow_schema(TABLES[name])
    parquet, csv = outdir / f"{name}.parquet", outdir / f"{name}.csv"
    if parquet.exists():
        return pq.read_table(parquet, schema=schema)
    if csv.exists():
        options = pacsv.ConvertOptions(column_types=csv_schema(schema), strings_can_be_null=True)
        table = pacsv.read_csv(csv, convert_options=options)
        for i, field in enumerate(schema):
            if pa.types.is_list(field.type):
                column = table.column(i).to_pylist()
                lists = [v.split(LIST_SEPARATOR) if v else [] for v in column]
                table = table.set_column(i, field, pa.array(lists, field.type))
        return table
    return None


def to_pandas(name: str, table: pa.Table) -> pd.DataFrame:
    """A table as a DataFrame: categoricals for kinds and statuses, datetime64 dates."""
    frame = table.to_pandas()
    for column, values in allowed_values(TABLES[name]).items():
        frame[column] = pd.Categorical(frame[column], categories=list(values))
    for field in table.schema:
        if pa.types.is_date(field.type):
            frame[field.name] = pd.to_datetime(frame[field.name])
    return frame


def load_tables(outdir: Path) -> dict[str, pd.DataFrame]:
    """Every table found in `outdir`, keyed by table name."""
    tables = {}
    for name in TABLES:
        table = _read(outdir, name)
        if table is not None:
            tables[name] = to_pandas(name, table)
    return tables

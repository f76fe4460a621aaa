"""Tables derived from the pydantic models: columns, Arrow types, DataFrames.

Nothing here names a column: everything is read off `models.TABLES`, so adding a
field to a model adds the column everywhere (Parquet, CSV, JSON Schema).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
from pydantic import BaseModel, TypeAdapter

from coopnlp.records.models import TABLES, Record

# CSV has no list type: list cells are joined with this separator.
LIST_SEPARATOR = "; "


def _arrow_type(annotation: Any) -> pa.DataType:
    """Arrow type of a (possibly Optional) field annotation."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _arrow_type(inner[0])
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(typing.get_args(annotation)[0]))
    mapping: dict[Any, pa.DataType] = {
        str: pa.string(),
        int: pa.int64(),
        float: pa.float64(),
        bool: pa.bool_(),
        dt.date: pa.date32(),
    }
    return mapping[annotation]


@cache
def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """Arrow schema of one table, in the model's field order (built once per model)."""
    return pa.schema(
        [
            pa.field(name, _arrow_type(field.annotation), nullable=not field.is_required())
            for name, field in model.model_fields.items()
        ]
    )


def csv_schema(schema: pa.Schema) -> pa.Schema:
    """CSV has no list type: list columns become '; '-joined strings."""
    return pa.schema(
        [
            pa.field(f.name, pa.string(), f.nullable) if pa.types.is_list(f.type) else f
            for f in schema
        ]
    )


def allowed_values(model: type[BaseModel]) -> dict[str, tuple[str, ...]]:
    """Columns restricted to a fixed set of values (kinds, statuses, labels)."""
    out = {}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        if typing.get_origin(annotation) is Literal:
            out[name] = typing.get_args(annotation)
    return out


def to_arrow(table: str, records: Iterable[Record]) -> pa.Table:
    """Validated records of one table as an Arrow table with the model's schema."""
    model = TABLES[table]
    rows = [
        model.model_validate(r).model_dump() if not isinstance(r, model) else r.model_dump()
        for r in records
    ]
    return pa.Table.from_pylist(rows, schema=arrow_schema(model))


def to_frame(table: str, records: Iterable[Record]) -> pd.DataFrame:
    """Records of one table as a pandas DataFrame (empty tables keep their columns)."""
    return to_arrow(table, records).to_pandas()


def json_schema() -> dict[str, Any]:
    """JSON Schema of every table, keyed by table name."""
    return {
        "title": "coopnlp tables",
        "tables": {name: TypeAdapter(model).json_schema() for name, model in TABLES.items()},
    }


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return f"{_type_name(inner[0])} or null"
    if origin is Literal:
        return "one of " + ", ".join(f"`{v}`" for v in typing.get_args(annotation))
    if origin is list:
        return f"list of {_type_name(typing.get_args(annotation)[0])}"
    return {str: "text", int: "integer", float: "number", bool: "boolean", dt.date: "date"}.get(
        annotation, str(annotation)
    )


# How `source` values are written (by `coopnlp.knowledge.sources`, the one writer).
SOURCE_GRAMMAR = """## The `source` column

Every record says what produced it. A value is its origins, then `>` and the
steps linking took from them, in order; a later stage that reads a source adds
its own steps after another `>` (an official's state mended by the corpus
pass: `model:ner>country:left>corpus:5 documents`):

    source  := origins ( ">" steps )*
    origins := origin ( "+" origin )*     several finders agreeing (officials, persons)
    steps   := step ( "," step )*
    origin, step := kind ":" value [ ":" value ]

Origins: `pattern:<label>:<pattern id>` (a ruler pattern; grammar ids are
`grammar:<name>`), `model:ner` (the statistical NER), `gazetteer` (an NER place
the country gazetteer knows), `rule:person:after_<rank|title|honorific>` (a
name found after a cue), `counterpart:<body type>` (the body of a
"counterpart", from the position of the person met).

Steps: `registry:<body id>` (a known body), `function:<body type>` (a body
named from its type and state), `unit:<head>` (a unit named from its words and
parent), `grammar` (a body named from its own words), `implied:<body type>`
(the body a position implies), `status:<cue>` (the words that gave an
agreement's status), `<rank|title|agency|country>:<left|right|apposition|parse>`
(where an official's attribute was read), `rank:police_context`, `counterpart`,
and `country:<strategy>` for the placing strategy that gave an official's
state (`respective`, `delegation`, `known_people`, `other_side`).

After the documents, the corpus pass adds the step `corpus:<N> document(s)`
to an officials or agencies row whose state (or an official's agency) it took
from the N other documents that state it firmly for the same person or body
(`model:ner>country:other_side>corpus:3 documents`); the row's own values
stay in `doc_country`, `doc_agency` and `doc_score`.
"""


def markdown() -> str:
    """The tables and their columns as Markdown (docs/tables.md is made from this)."""
    out = [
        "# Output tables",
        "",
        "Made by `coopnlp schema --markdown` from the pydantic models; do not edit by hand.",
        "",
        *SOURCE_GRAMMAR.splitlines(),
        "",
    ]
    for name, model in TABLES.items():
        out += [
            f"## {name}",
            "",
            (model.__doc__ or "").strip(),
            "",
            "| column | type | meaning |",
            "| --- | --- | --- |",
        ]
        for column, field in model.model_fields.items():
            meaning = (field.description or "").replace("|", "/")
            out.append(f"| {column} | {_type_name(field.annotation)} | {meaning} |")
        out.append("")
    return "\n".join(out)

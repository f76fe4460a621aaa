"""The schema drives tables: Arrow types, allowed values, JSON Schema, validation."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from pydantic import ValidationError

from coopnlp.records.models import TABLES, Agreement, Country, Official
from coopnlp.records.tables import allowed_values, arrow_schema, json_schema, to_arrow


def test_every_spec_column_is_in_the_schema():
    required = {
        "documents": "doc_id path date source language n_chars status error",
        "officials": "doc_id name rank title agency country mentions start_char evidence",
        "agencies": "doc_id name kind country parent mentions start_char",
        "countries": "doc_id iso3 name mentions",
        "agreements": "doc_id kind title status parties date evidence",
        "mentions": "doc_id label text start_char end_char sentence",
    }
    for table, columns in required.items():
        assert set(columns.split()) <= set(TABLES[table].model_fields), table


def test_arrow_types_follow_the_models():
    schema = arrow_schema(TABLES["agreements"])
    assert schema.field("date").type == pa.date32()
    assert schema.field("parties").type == pa.list_(pa.string())
    assert schema.field("mentions").type == pa.int64()
    assert not schema.field("doc_id").nullable
    assert schema.field("title").nullable


def test_allowed_values_come_from_literals():
    assert "memorandum" in allowed_values(TABLES["agreements"])["kind"]
    assert allowed_values(TABLES["documents"])["status"] == ("ok", "skipped", "error")


def test_records_are_validated():
    with pytest.raises(ValidationError):
        Country(
            doc_id="d",
            iso3="russia",
            name="Russia",
            mentions=1,
            start_char=0,
            score=0.9,
            source="x",
        )
    with pytest.raises(ValidationError):
        Agreement(
            doc_id="d",
            kind="pact",
            status="signed",
            mentions=1,
            start_char=0,
            evidence="",
            score=0.5,
            source="x",
        )
    with pytest.raises(ValidationError):
        Official(
            doc_id="d", name="A B", mentions=1, start_char=0, evidence="", score=1.5, source="x"
        )


def test_to_arrow_keeps_values_and_types():
    rec = Agreement(
        doc_id="d",
        kind="protocol",
        status="signed",
        parties=["RUS", "AZE"],
        date=dt.date(2019, 10, 29),
        mentions=2,
        start_char=5,
        evidence="e",
        score=0.9,
        source="pattern",
    )
    table = to_arrow("agreements", [rec])
    row = table.to_pylist()[0]
    assert row["parties"] == ["RUS", "AZE"]
    assert row["date"] == dt.date(2019, 10, 29)
    assert to_arrow("agreements", []).num_rows == 0


def test_json_schema_lists_every_table_with_enums():
    schema = json_schema()
    assert set(schema["tables"]) == set(TABLES)
    kind = schema["tables"]["agencies"]["properties"]["kind"]
    assert "ministry" in kind["enum"]

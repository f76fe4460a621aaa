"""Annotation formats: the span format round trip, Doccano and Label Studio on the way in."""

from __future__ import annotations

import json

import pytest

from coopnlp.retrain.formats import (
    Annotated,
    FormatError,
    Mark,
    read_annotations,
    write_annotations,
)

TEXT = "Russian Interior Minister Vladimir Kolokoltsev visited Baku."


def test_span_format_round_trip(tmp_path) -> None:
    doc = Annotated(
        TEXT,
        "003",
        [Mark(0, 7, "COUNTRY", "RUS"), Mark(8, 25, "TITLE"), Mark(26, 46, "PERSON")],
    )
    path = tmp_path / "tasks.jsonl"
    assert write_annotations(path, [doc]) == 1
    line = json.loads(path.read_text(encoding="utf-8"))
    assert line["meta"] == {"doc_id": "003"}
    assert line["spans"][0] == {"start": 0, "end": 7, "label": "COUNTRY", "id": "RUS"}
    assert line["spans"][1] == {"start": 8, "end": 25, "label": "TITLE"}
    (back,) = read_annotations(path)
    assert back == doc
    assert [TEXT[m.start : m.end] for m in back.spans] == [
        "Russian",
        "Interior Minister",
        "Vladimir Kolokoltsev",
    ]


def test_prodigy_rejected_examples_are_skipped(tmp_path) -> None:
    path = tmp_path / "p.jsonl"
    rows = [
        {"text": TEXT, "spans": [{"start": 0, "end": 7, "label": "COUNTRY"}], "answer": "accept"},
        {"text": TEXT, "spans": [], "answer": "reject"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = read_annotations(path)
    assert len(docs) == 1 and docs[0].spans == [Mark(0, 7, "COUNTRY")]


def test_doccano_label_and_entities_forms(tmp_path) -> None:
    path = tmp_path / "doccano.jsonl"
    rows = [
        {"id": 7, "text": TEXT, "label": [[26, 46, "PERSON"], [0, 7, "country"]]},
        {
            "text": TEXT,
            "meta": {"doc_id": "b"},
            "entities": [{"id": 1, "start_offset": 55, "end_offset": 59, "label": "COUNTRY"}],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first, second = read_annotations(path)
    assert first.doc_id == "7"
    # Labels are upper-cased so hand-typed ones match the pipeline's.
    assert first.spans == [Mark(26, 46, "PERSON"), Mark(0, 7, "COUNTRY")]
    assert second.doc_id == "b" and TEXT[55:59] == "Baku"


def test_label_studio_export(tmp_path) -> None:
    def result(start: int, end: int, label: str) -> dict:
        return {
            "type": "labels",
            "from_name": "label",
            "to_name": "text",
            "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]},
        }

    tasks = [
        {
            "id": 1,
            "data": {"text": TEXT, "doc_id": "003"},
            "annotations": [
                {"was_cancelled": False, "result": [result(0, 7, "COUNTRY")]},
                {"was_cancelled": False, "result": [result(8, 25, "TITLE")]},
                {"was_cancelled": True, "result": [result(26, 46, "PERSON")]},
            ],
            "predictions": [{"result": [result(55, 59, "COUNTRY")]}],
        },
        {"id": 2, "data": {"text": TEXT}, "predictions": [{"result": [result(26, 46, "PERSON")]}]},
        {"id": 3, "data": {"text": TEXT}, "annotations": []},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    docs = read_annotations(path)
    # The latest kept annotation wins; predictions stand in where nobody annotated.
    assert [(d.doc_id, d.spans) for d in docs] == [
        ("003", [Mark(8, 25, "TITLE")]),
        ("2", [Mark(26, 46, "PERSON")]),
    ]


@pytest.mark.parametrize(
    "row, message",
    [
        ({"spans": []}, "no 'text'"),
        ({"text": TEXT}, "neither"),
        ({"text": TEXT, "spans": [{"start": 50, "end": 99, "label": "X"}]}, "outside the text"),
    ],
)
def test_bad_records_say_where(tmp_path, row, message) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=message) as caught:
        read_annotations(path)
    assert "bad.jsonl:1" in str(caught.value)

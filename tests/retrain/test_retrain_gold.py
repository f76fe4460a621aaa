"""`coopnlp annotate from-gold`: gold records become spans where their names stand."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from coopnlp.cli.app import app
from coopnlp.retrain.formats import Mark, read_annotations
from coopnlp.retrain.gold import annotate, place

TEXT = (
    "MOSCOW, Russia, June 2. Russian Interior Minister Vladimir Kolokoltsev met the head of "
    "the Kestrel Watch of Georgia. They signed the Joint Action Program for 2022-2024. The "
    "Russian Interior Ministry said Russia and Georgia would meet again."
)
RECORD = {
    "doc_id": "moscow",
    "officials": [
        {
            "name": "Vladimir Kolokoltsev",
            "rank": "General of Police",  # not in the text: no span
            "title": "Interior Minister",
            "agency": "Ministry of Internal Affairs of the Russian Federation",
            "country": "RUS",
        }
    ],
    "agencies": [
        {
            "name": "Ministry of Internal Affairs of the Russian Federation",
            "aliases": ["Russian Interior Ministry"],
            "kind": "ministry",
            "country": "RUS",
        },
        {
            "name": "Kestrel Watch of Georgia",
            "aliases": ["Kestrel Watch of Georgia"],
            "kind": "border",
            "country": "GEO",
        },
    ],
    "countries": ["RUS", "GEO"],
    "agreements": [{"kind": "program", "title": "Joint Action Program for 2022-2024"}],
}


def spans(doc) -> set[tuple[str, str, str | None]]:
    return {(doc.text[m.start : m.end], m.label, m.id) for m in doc.spans}


def test_gold_names_become_spans_with_their_keys() -> None:
    doc = annotate(TEXT, "moscow", RECORD)
    found = spans(doc)
    assert ("Russian Interior Ministry", "AGENCY", "rus_mia") in found
    assert ("Kestrel Watch of Georgia", "AGENCY", None) in found
    assert ("Vladimir Kolokoltsev", "PERSON", None) in found
    assert ("Interior Minister", "TITLE", None) in found
    assert ("Joint Action Program for 2022-2024", "AGREEMENT", "program") in found
    assert {("Russia", "COUNTRY", "RUS"), ("Georgia", "COUNTRY", "GEO")} <= found
    assert ("Russian", "COUNTRY", "RUS") in found
    assert not any(label == "RANK" for _, label, _ in found)
    # Word-bounded: "Russia" is not found inside "Russian".
    russia = [m for m in doc.spans if doc.text[m.start : m.end] == "Russia"]
    assert [m.start for m in russia] == [
        TEXT.index("Russia,"),
        TEXT.index("Russia and"),
    ]
    # Every occurrence is a span, also inside another span ("Kestrel Watch of Georgia").
    georgia = [m.start for m in doc.spans if m.label == "COUNTRY" and m.id == "GEO"]
    assert georgia == [TEXT.index("Georgia."), TEXT.index("Georgia would")]


def test_from_gold_cli_uses_the_cleaned_text(tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "moscow.txt").write_text(f" date 2022-06-02 \n{TEXT}\n", encoding="utf-8")
    (docs / "other.txt").write_text(TEXT, encoding="utf-8")  # not in the gold: left out
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    out = tmp_path / "ann.jsonl"
    result = CliRunner().invoke(
        app, ["annotate", "from-gold", str(gold), str(docs), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    (doc,) = read_annotations(out)
    assert doc.doc_id == "moscow" and doc.text == TEXT
    start = TEXT.index("Kestrel")
    assert Mark(start, start + len("Kestrel Watch of Georgia"), "AGENCY") in doc.spans


def test_unplaced_gold_names_are_reported(tmp_path) -> None:
    record = {
        **RECORD,
        "officials": [
            *RECORD["officials"],
            {"name": "Aurel Tamas", "rank": None, "title": None, "agency": None, "country": None},
        ],
    }
    placed = place(TEXT, "moscow", record)
    assert ("PERSON", "Aurel Tamas") in placed.unplaced
    assert ("RANK", "General of Police") in placed.unplaced
    # An agency is placed when one of its forms is found.
    assert not any(label == "AGENCY" for label, _ in placed.unplaced)

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "moscow.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    args = ["annotate", "from-gold", str(gold), str(docs), "-o", str(tmp_path / "a.jsonl")]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["unplaced"] == 2
    (doc,) = report["per_document"]
    assert {"label": "PERSON", "name": "Aurel Tamas"} in doc["unplaced"]
    verbose = CliRunner().invoke(app, [*args, "--verbose"])
    assert "moscow\tunplaced\tPERSON\tAurel Tamas" in verbose.stdout


def test_agency_aliases_that_are_positions_stay_positions() -> None:
    text = (
        "ASTANA, Kazakhstan. The Interior Minister of Kazakhstan met the Kyrgyz Interior "
        "Minister. The Ministry of Internal Affairs of Kazakhstan hosted the talks."
    )
    record = {
        "doc_id": "astana",
        "officials": [],
        "agencies": [
            {
                "name": "Ministry of Internal Affairs of Kazakhstan",
                "aliases": ["Interior Minister", "Kyrgyz Interior Minister"],
                "kind": "ministry",
                "country": "KAZ",
            }
        ],
        "countries": ["KAZ"],
        "agreements": [],
    }
    placed = place(text, "astana", record)
    agencies = [text[m.start : m.end] for m in placed.annotated.spans if m.label == "AGENCY"]
    assert agencies == ["Ministry of Internal Affairs of Kazakhstan"]
    assert placed.positions == ["Interior Minister", "Kyrgyz Interior Minister"]

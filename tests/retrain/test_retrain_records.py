"""`patterns learn` learns records: bodies with their state, people with their body.

Invented articles. The Kestrel Directorate case: one new article names a new
body three times; the analyst exports, marks the three spans as AGENCY,
learns and extracts again: the body is in `agencies`, with the article's
state. From corrected records (a gold file, or officials/agencies tables
corrected in a spreadsheet), a person whose body the text does not give next
to them gets it from the learned knowledge.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import coopnlp
from coopnlp.cli.app import app
from coopnlp.knowledge.user import read_bodies, read_people
from coopnlp.retrain.formats import read_annotations, write_annotations
from coopnlp.retrain.learn import REJECTED_FILE

runner = CliRunner()

KESTREL = (
    "TBILISI, Georgia, March 3. The Kestrel Directorate said on Monday that its officers had "
    "seized two tonnes of cigarettes at the border with Armenia. The Kestrel Directorate works "
    "with customs, and the head of the Kestrel Directorate thanked the police for their help."
)
# The text names Aram Vardanyan's service only in another sentence: no span links them.
YEREVAN = (
    "YEREVAN, Armenia, April 9. Colonel Aram Vardanyan spoke to reporters after the talks with the "
    "Moldovan delegation on Tuesday. The Harrier Border Service of Armenia hosted the visitors "
    "in Yerevan and showed them the new checkpoint."
)
YEREVAN_GOLD = {
    "doc_id": "yerevan",
    "officials": [
        {
            "name": "Aram Vardanyan",
            "rank": "Colonel",
            "title": None,
            "agency": "Harrier Border Service of Armenia",
            "country": "ARM",
        }
    ],
    "agencies": [
        {
            "name": "Harrier Border Service of Armenia",
            # A position listed as an alias: never a body name.
            "aliases": ["Harrier Border Service of Armenia", "Armenian Border Chief"],
            "kind": "border",
            "country": "ARM",
        }
    ],
    "countries": ["ARM", "MDA"],
    "agreements": [],
}


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def write_docs(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for doc_id, text in docs.items():
        (folder / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def tables(outdir: Path) -> dict[str, pd.DataFrame]:
    return coopnlp.load(outdir)


@pytest.mark.slow
def test_kestrel_directorate_comes_out_with_its_state(tmp_path) -> None:
    docs = write_docs(tmp_path / "docs", {"tbilisi": KESTREL})
    tasks = tmp_path / "tasks.jsonl"
    cli("annotate", "export", str(docs), "-o", str(tasks))
    (doc,) = read_annotations(tasks)
    assert "Kestrel" not in {doc.text[m.start : m.end] for m in doc.spans}
    # The analyst marks the three mentions.
    from coopnlp.retrain.formats import Mark

    doc.spans += [
        Mark(m.start(), m.end(), "AGENCY") for m in re.finditer("Kestrel Directorate", doc.text)
    ]
    write_annotations(tasks, [doc])
    folder = tmp_path / "patterns"
    report = json.loads(cli("patterns", "learn", str(tasks), "-o", str(folder), "--json"))
    (body,) = [k for k in report["knowledge"] if k["type"] == "body"]
    assert body["added"] and (body["name"], body["country"]) == ("Kestrel Directorate", "GEO")
    (row,) = read_bodies(folder)
    assert row.provenance.source == "learn" and row.provenance.documents == ["tbilisi"]
    cli("extract", str(docs), "-o", str(tmp_path / "out"), "--patterns", str(folder), "--quiet")
    agencies = tables(tmp_path / "out")["agencies"]
    found = agencies[agencies["name"] == "Kestrel Directorate"]
    assert found["country"].tolist() == ["GEO"]


def _person_row(outdir: Path) -> dict:
    officials = tables(outdir)["officials"]
    (row,) = officials[officials["name"] == "Aram Vardanyan"].to_dict("records")
    return row


@pytest.mark.slow
def test_links_a_span_cannot_express_become_knowledge(tmp_path) -> None:
    docs = write_docs(tmp_path / "docs", {"yerevan": YEREVAN})
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(YEREVAN_GOLD) + "\n", encoding="utf-8")
    cli("extract", str(docs), "-o", str(tmp_path / "before"), "--quiet")
    assert _person_row(tmp_path / "before")["agency"] != "Harrier Border Service of Armenia"

    annotations = tmp_path / "ann.jsonl"
    cli("annotate", "from-gold", str(gold), str(docs), "-o", str(annotations))
    folder = tmp_path / "patterns"
    report = json.loads(cli("patterns", "learn", str(annotations), "-o", str(folder), "--json"))
    (change,) = report["per_document"]
    assert change["doc_id"] == "yerevan" and change["after"] > change["before"]
    (person,) = read_people(folder)
    assert (person.name, person.agency, person.country) == (
        "Aram Vardanyan",
        "Harrier Border Service of Armenia",
        "ARM",
    )
    assert person.provenance.documents == ["yerevan"]
    bodies = read_bodies(folder)
    assert [(b.name, b.country, b.kind) for b in bodies] == [
        ("Harrier Border Service of Armenia", "ARM", "border")
    ]
    # The position listed as an alias is not a name of the body.
    assert "Armenian Border Chief" not in bodies[0].aliases

    cli("extract", str(docs), "-o", str(tmp_path / "after"), "--patterns", str(folder), "--quiet")
    row = _person_row(tmp_path / "after")
    assert (row["agency"], row["country"]) == ("Harrier Border Service of Armenia", "ARM")


@pytest.mark.slow
def test_corrected_tables_read_back_from_a_spreadsheet(tmp_path) -> None:
    docs = write_docs(tmp_path / "docs", {"yerevan": YEREVAN})
    run = tmp_path / "run"
    cli("extract", str(docs), "-o", str(run), "--format", "csv", "--quiet")
    # The analyst fixes the agency and country columns and saves the CSV files.
    officials = pd.read_csv(run / "officials.csv", dtype=str)
    who = officials["name"] == "Aram Vardanyan"
    officials.loc[who, ["agency", "country"]] = ["Harrier Border Service of Armenia", "ARM"]
    officials.to_csv(run / "officials.csv", index=False)
    agencies = pd.read_csv(run / "agencies.csv", dtype=str)
    fixed = pd.DataFrame(
        [
            {
                "doc_id": "yerevan",
                "name": "Harrier Border Service of Armenia",
                "kind": "border",
                "country": "ARM",
            }
        ]
    )
    pd.concat([agencies, fixed]).to_csv(run / "agencies.csv", index=False)
    tasks = tmp_path / "tasks.jsonl"
    cli("annotate", "export", str(docs), "-o", str(tasks))
    folder = tmp_path / "patterns"
    plain = cli("patterns", "learn", str(tasks), "-o", str(folder), "--records", str(run))
    assert "yes\tperson\tAram Vardanyan\tARM\tHarrier Border Service of Armenia" in plain
    cli("extract", str(docs), "-o", str(tmp_path / "after"), "--patterns", str(folder), "--quiet")
    row = _person_row(tmp_path / "after")
    assert (row["agency"], row["country"]) == ("Harrier Border Service of Armenia", "ARM")


@pytest.mark.slow
def test_knowledge_without_effect_is_reported_and_not_proposed_again(tmp_path) -> None:
    docs = write_docs(tmp_path / "docs", {"yerevan": YEREVAN})
    # A body the article never names: no pattern can find it, nothing changes.
    record = {
        **YEREVAN_GOLD,
        "officials": [],
        "agencies": [
            {"name": "Osprey Customs Bureau", "aliases": [], "kind": "customs", "country": "ARM"}
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    annotations = tmp_path / "ann.jsonl"
    cli("annotate", "from-gold", str(gold), str(docs), "-o", str(annotations))
    folder = tmp_path / "patterns"
    first = json.loads(cli("patterns", "learn", str(annotations), "-o", str(folder), "--json"))
    # (The officials the article names are not in this record: they are learned as
    # names that are nobody's official, a separate item each.)
    (item,) = [i for i in first["knowledge"] if i["type"] == "body"]
    assert not item["added"] and item["reason"].startswith("no effect")
    assert read_bodies(folder) == []
    remembered = [json.loads(x) for x in (folder / REJECTED_FILE).read_text().splitlines()]
    assert ("BODY", "Osprey Customs Bureau") in {(r["label"], r["pattern"]) for r in remembered}
    second = json.loads(cli("patterns", "learn", str(annotations), "-o", str(folder), "--json"))
    assert [i for i in second["knowledge"] if i["type"] == "body"] == []
    assert second["skipped"] >= 1


# A trader quoted in the article is named like an official; the corrections list only the
# colonel, whose rank the text gives as a title.
ODESA = (
    "ODESA, Ukraine, July 2. Customs chief Petro Mazurenko of the Gannet Customs Office of "
    "Ukraine said on Friday that the trader Oleh Dovbenko had praised the new terminal. "
    "Mazurenko thanked the Moldovan border police for their help."
)
ODESA_GOLD = {
    "doc_id": "odesa",
    "officials": [
        {
            "name": "Petro Mazurenko",
            "rank": "Colonel",
            "title": "Customs chief",
            "agency": "Gannet Customs Office of Ukraine",
            "country": "UKR",
        }
    ],
    "agencies": [
        {
            "name": "Gannet Customs Office of Ukraine",
            "aliases": [],
            "kind": "customs",
            "country": "UKR",
        }
    ],
    "countries": ["UKR", "MDA"],
    "agreements": [],
}


@pytest.mark.slow
def test_names_nobodys_official_and_ranks_are_learned(tmp_path) -> None:
    docs = write_docs(tmp_path / "docs", {"odesa": ODESA})
    cli("extract", str(docs), "-o", str(tmp_path / "before"), "--quiet")
    before = tables(tmp_path / "before")["officials"]
    assert any(name.endswith("Dovbenko") for name in before["name"])

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(ODESA_GOLD) + "\n", encoding="utf-8")
    annotations = tmp_path / "ann.jsonl"
    cli("annotate", "from-gold", str(gold), str(docs), "-o", str(annotations))
    folder = tmp_path / "patterns"
    report = json.loads(cli("patterns", "learn", str(annotations), "-o", str(folder), "--json"))
    people = {p.name: p for p in read_people(folder)}
    trader = next(p for name, p in people.items() if name.endswith("Dovbenko"))
    assert not trader.official and trader.provenance.documents == ["odesa"]
    assert people["Petro Mazurenko"].rank == "Colonel"
    assert any(i["type"] == "person" and i["official"] is False for i in report["knowledge"])

    cli("extract", str(docs), "-o", str(tmp_path / "after"), "--patterns", str(folder), "--quiet")
    after = tables(tmp_path / "after")["officials"]
    assert list(after["name"]) == ["Petro Mazurenko"]
    assert after.iloc[0]["rank"] == "Colonel"

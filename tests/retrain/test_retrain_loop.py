"""The correction loop: export, correct spans, learn patterns, extract again, compare.

The small corpus names a body the shipped patterns do not know, the "Kestrel
Watch" of several countries. An analyst marks its mentions in the exported
tasks; `learn` turns them into phrase patterns and one generalised token
pattern ("Kestrel Watch of <country>"), which also finds the body of a country
nobody annotated. The seeds must score no worse with the learned patterns.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import coopnlp
from coopnlp.engine.local import extract
from coopnlp.evaluate import evaluate
from coopnlp.pipeline.build import build_pipeline
from coopnlp.retrain.export import export_tasks
from coopnlp.retrain.formats import Annotated, Mark, read_annotations, write_annotations
from coopnlp.retrain.learn import learn

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
SEEDS_GOLD = ROOT / "tests" / "seeds_gold.jsonl"

CORPUS = {
    "tbilisi": (
        " date 2021-03-03 \n"
        "TBILISI, Georgia, March 3. The head of the Kestrel Watch of Georgia met a delegation "
        "of the Kestrel Watch of Armenia in Tbilisi on Monday. The two services agreed to "
        "exchange information on border crime and to hold joint exercises next year."
    ),
    "yerevan": (
        "YEREVAN, Armenia, April 9. Officers of the Kestrel Watch of Armenia trained with "
        "colleagues from the Kestrel Watch of Moldova. The Interior Minister of Armenia "
        "welcomed the visit and praised the cooperation between the two services."
    ),
}
HELD_OUT = {
    "riga": (
        "RIGA, Latvia, May 2. The Kestrel Watch of Latvia sent instructors to Chisinau, where "
        "they spent a week with border officers and customs staff of Moldova."
    )
}
WATCH = re.compile(r"Kestrel Watch of \w+")


def write_corpus(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def correct(doc: Annotated) -> Annotated:
    """What the analyst does: mark every Kestrel Watch mention as an AGENCY."""
    marks = [Mark(m.start(), m.end(), "AGENCY") for m in WATCH.finditer(doc.text)]
    return Annotated(doc.text, doc.doc_id, [*doc.spans, *marks])


def agencies(outdir: Path) -> set[tuple[str, str, str | None]]:
    table = coopnlp.load(outdir)["agencies"]
    return {
        (r.doc_id, r.name, None if r.country is None or r.country != r.country else r.country)
        for r in table.itertuples()
    }


@pytest.fixture(scope="module")
def loop(nlp, tmp_path_factory):
    root = tmp_path_factory.mktemp("loop")
    corpus = write_corpus(root / "corpus", CORPUS)
    tasks = root / "tasks.jsonl"
    write_annotations(tasks, export_tasks(corpus, nlp))
    corrected = root / "corrected.jsonl"
    write_annotations(corrected, [correct(d) for d in read_annotations(tasks)])
    patterns = root / "patterns"
    report = learn(nlp, read_annotations(corrected), output=patterns)
    everything = write_corpus(root / "all", {**CORPUS, **HELD_OUT})
    extract(everything, root / "before", nlp)
    learned_nlp = build_pipeline(patterns_dirs=[patterns])
    extract(everything, root / "after", learned_nlp)
    extract(RAW, root / "seeds_after", learned_nlp)
    return {"root": root, "tasks": tasks, "patterns": patterns, "report": report}


@pytest.mark.slow
def test_export_offsets_point_into_the_cleaned_text(loop) -> None:
    docs = {d.doc_id: d for d in read_annotations(loop["tasks"])}
    assert set(docs) == set(CORPUS)
    spans = {(d.text[m.start : m.end], m.label) for d in docs.values() for m in d.spans}
    assert ("Georgia", "COUNTRY") in spans
    assert ("Interior Minister of Armenia", "TITLE") in spans
    # The texts are the cleaned ones `extract` writes to documents.text (header removed).
    documents = coopnlp.load(loop["root"] / "before")["documents"].set_index("doc_id")
    for doc_id, doc in docs.items():
        assert doc.text == documents.loc[doc_id, "text"]
    assert docs["tbilisi"].text.startswith("TBILISI, Georgia")
    # The pipeline does not know the body yet: that is the correction.
    assert not any("Kestrel" in text for text, _ in spans)


@pytest.mark.slow
def test_learn_adds_phrases_and_a_generalised_shape(loop) -> None:
    report = loop["report"]
    assert report.missed == 4  # Georgia, Armenia twice, Moldova
    added = {(c.kind, c.describe()) for c in report.added}
    assert ("phrase", "Kestrel Watch of Georgia") in added
    assert ("phrase", "Kestrel Watch of Moldova") in added
    (shape,) = [c for c in report.added if c.kind == "token"]
    assert shape.label == "AGENCY" and shape.precision == 1.0
    assert shape.examples == [
        "Kestrel Watch of Armenia",
        "Kestrel Watch of Georgia",
        "Kestrel Watch of Moldova",
    ]
    token_pattern = shape.patterns[0]
    assert token_pattern[:3] == [{"LOWER": "kestrel"}, {"LOWER": "watch"}, {"LOWER": "of"}]
    assert "latvia" in token_pattern[3]["LOWER"]["IN"]
    written = [json.loads(x) for x in (loop["patterns"] / "agency.jsonl").read_text().splitlines()]
    assert {p["pattern"] for p in written if isinstance(p["pattern"], str)} == {
        "Kestrel Watch of Georgia",
        "Kestrel Watch of Armenia",
        "Kestrel Watch of Moldova",
    }


@pytest.mark.slow
def test_corrected_cases_now_come_out(loop) -> None:
    before, after = agencies(loop["root"] / "before"), agencies(loop["root"] / "after")
    expected = {
        ("tbilisi", "Kestrel Watch of Georgia", "GEO"),
        ("tbilisi", "Kestrel Watch of Armenia", "ARM"),
        ("yerevan", "Kestrel Watch of Armenia", "ARM"),
        ("yerevan", "Kestrel Watch of Moldova", "MDA"),
        # Never annotated: found by the generalised pattern.
        ("riga", "Kestrel Watch of Latvia", "LVA"),
    }
    assert not expected & before
    assert expected <= after
    # What was found before is still found.
    assert before <= after


@pytest.mark.slow
def test_nothing_got_worse_on_the_seeds(loop, seeds_out) -> None:
    before = evaluate(SEEDS_GOLD, seeds_out)
    after = evaluate(SEEDS_GOLD, loop["root"] / "seeds_after")
    for item in ("countries", "agencies", "officials", "agreements"):
        b, a = getattr(before, item), getattr(after, item)
        assert a.precision >= b.precision, item
        assert a.recall >= b.recall, item
    for attr in ("rank", "title", "agency", "country"):
        assert (
            after.officials.__getattribute__(attr).correct
            >= getattr(before.officials, attr).correct
        )


@pytest.mark.slow
def test_patterns_below_the_precision_threshold_are_reported_not_added(nlp, tmp_path) -> None:
    text = (
        "Orlan officers met the Orlan delegation. Orlan, the service of Moldova, "
        "signed nothing with the visitors from Georgia on Friday."
    )
    first = text.index("Orlan")
    doc = Annotated(text, "orlan", [Mark(first, first + len("Orlan"), "AGENCY")])
    report = learn(nlp, [doc], output=tmp_path / "patterns")
    (candidate,) = report.candidates
    assert (candidate.matches, candidate.right) == (3, 1)
    assert not candidate.added
    assert candidate.reason == "precision 0.33 < 0.75"
    assert not (tmp_path / "patterns" / "agency.jsonl").exists()

"""`patterns learn` safeguards and provenance, on invented articles.

A learned pattern is added only when the pipeline, run again with it, gives
the span it was learned from; it never splits a longer match the shipped
rules give; it says where it comes from; and a candidate without effect is
remembered and not proposed again.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coopnlp.cli.app import app
from coopnlp.retrain.formats import Annotated, Mark, write_annotations
from coopnlp.retrain.learn import NO_EFFECT, REJECTED_FILE, learn

POSITION = "Minister of Public Security"
SECURITY = {
    "hanoi": "HANOI, Vietnam. Minister of Public Security To Lam received a delegation from "
    "Laos on Monday. Deputy Minister of Public Security Luong Tam Quang joined the talks.",
    "vientiane": "VIENTIANE, Laos. The Minister of Public Security Vilay Lakhamfong thanked "
    "Vietnam for the training of border officers.",
}
# A one-word name nobody knows: the agency step drops it even when a pattern finds it.
ACRONYM = {
    "almaty": "ALMATY, Kazakhstan. Officers of KWX arrested two smugglers near the border "
    "on Monday, KWX said in a statement.",
}


def marked(texts: dict[str, str], label: str, phrase: str) -> list[Annotated]:
    docs = []
    for doc_id, text in texts.items():
        starts = [i for i in range(len(text)) if text.startswith(phrase, i)]
        marks = [Mark(i, i + len(phrase), label) for i in starts]
        docs.append(Annotated(text, doc_id, marks))
    return docs


@pytest.mark.slow
def test_a_learned_title_never_splits_a_longer_shipped_one(nlp, tmp_path) -> None:
    # The analyst marks every position, the deputy's whole (as the shipped rules find it).
    docs = marked(SECURITY, "TITLE", POSITION)
    deputy = SECURITY["hanoi"].index("Deputy")
    docs[0].spans = [m for m in docs[0].spans if m.start != deputy + len("Deputy ")]
    docs[0].spans.append(Mark(deputy, deputy + len("Deputy ") + len(POSITION), "TITLE"))
    report = learn(nlp, docs, output=tmp_path / "patterns")
    (candidate,) = [c for c in report.candidates if c.describe() == POSITION]
    assert not candidate.added
    assert candidate.reason == "splits the longer TITLE 'Deputy Minister of Public Security'"
    assert not (tmp_path / "patterns" / "title.jsonl").exists()
    # The pipeline is left as it was: the trial ruler is gone.
    assert "coop_learn_trial" not in nlp.pipe_names


@pytest.mark.slow
def test_a_candidate_without_effect_is_not_added_nor_proposed_again(nlp, tmp_path) -> None:
    docs = marked(ACRONYM, "AGENCY", "KWX")
    folder = tmp_path / "patterns"
    first = learn(nlp, docs, output=folder)
    (candidate,) = first.candidates
    assert (candidate.matches, candidate.precision) == (2, 1.0)
    assert candidate.extracted == 0
    assert candidate.reason == NO_EFFECT and not candidate.added
    assert not (folder / "agency.jsonl").exists()
    remembered = [json.loads(x) for x in (folder / REJECTED_FILE).read_text().splitlines()]
    assert [(r["label"], r["pattern"]) for r in remembered] == [("AGENCY", "KWX")]
    second = learn(nlp, docs, output=folder)
    assert second.candidates == [] and second.skipped == 1


@pytest.mark.slow
def test_learned_patterns_carry_their_provenance(tmp_path) -> None:
    text = (
        "TBILISI, Georgia, March 3. The Kestrel Directorate said on Monday that its officers "
        "had seized two tonnes of cigarettes. The Kestrel Directorate works with customs, and "
        "the head of the Kestrel Directorate thanked the Georgian police."
    )
    annotations = tmp_path / "ann.jsonl"
    write_annotations(annotations, marked({"tbilisi": text}, "AGENCY", "Kestrel Directorate"))
    folder = tmp_path / "patterns"
    result = CliRunner().invoke(
        app, ["patterns", "learn", str(annotations), "-o", str(folder), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (candidate,) = report["candidates"]
    assert candidate["added"] and candidate["extracted"] == 3
    (line,) = [json.loads(x) for x in (folder / "agency.jsonl").read_text().splitlines()]
    assert line["pattern"] == "Kestrel Directorate"
    provenance = line["provenance"]
    assert provenance["source"] == "learn"
    assert provenance["documents"] == ["tbilisi"]
    assert (provenance["matches"], provenance["precision"]) == (3, 1.0)
    # Not on a terminal: one tab-separated line per candidate, not a table cut to 80 columns.
    plain = CliRunner().invoke(
        app, ["patterns", "learn", str(annotations), "-o", str(tmp_path / "new"), "--dry-run"]
    )
    assert plain.exit_code == 0, plain.output
    rows = [r.split("\t") for r in plain.stdout.splitlines()]
    assert rows[0][:4] == ["added", "label", "kind", "pattern / examples"]
    assert rows[1][:4] == ["yes", "AGENCY", "phrase", "Kestrel Directorate"]
    assert len(rows[1]) == len(rows[0])
    # Then the body it names, learned with the state the article gives.
    assert rows[2][:3] == ["added", "kind", "name"]
    assert rows[3][:4] == ["yes", "body", "Kestrel Directorate", "GEO"]

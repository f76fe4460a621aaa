"""`coop_preset` hands the ruler's entities to `ner` under a label it knows, and
`coop_preset_labels` gives them their own labels back: `ner` keeps its moves and
predicts what it would have predicted around entities of their own labels."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from coopnlp.pipeline.build import base_model_name, load_pipeline
from coopnlp.pipeline.rulers import PRESET_KEY, STAND_IN, restore_labels

TEXT = (
    "Lieutenant General Ramil Usubov, the Minister of Internal Affairs of Azerbaijan, met "
    "Police Colonel Anna Berg of the Federal Criminal Police Office of Germany in Baku on "
    "Monday, and they signed a memorandum of understanding on the exchange of information."
)


def _ents(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_preset_entities_keep_their_labels_and_ner_its_moves(nlp):
    ner = nlp.get_pipe("ner")
    moves = ner.moves.n_moves
    doc = nlp(TEXT)
    ents = _ents(doc)
    assert ("Lieutenant General", "RANK") in ents
    assert ("Federal Criminal Police Office of Germany", "AGENCY") in ents
    assert ("Azerbaijan", "COUNTRY") in ents
    assert ("Monday", "DATE") in ents  # `ner`'s own entity beside the preset ones
    assert ner.moves.n_moves == moves
    assert {"RANK", "TITLE", "AGENCY", "COUNTRY", "AGREEMENT"}.isdisjoint(ner.labels)
    assert PRESET_KEY not in doc.user_data


def test_ner_predicts_the_same_as_with_the_entities_own_labels(nlp):
    """The same preset entities under their own labels, given to a fresh copy of the
    base `ner` (which then grows a move per label and entity edge): same entities."""
    upto = nlp.pipe_names[: nlp.pipe_names.index("ner")]
    with nlp.select_pipes(enable=upto):
        doc = nlp(TEXT)
    labelled = doc.copy()
    labelled.ents = [
        Span(labelled, start, end, label=label) for start, end, label in doc.user_data[PRESET_KEY]
    ]
    fresh = spacy.load(base_model_name()).get_pipe("ner")
    expected = _ents(fresh(labelled))
    assert fresh.moves.n_moves > nlp.get_pipe("ner").moves.n_moves
    assert _ents(restore_labels(nlp.get_pipe("ner")(doc))) == expected
    assert ("Police Colonel", "RANK") in expected and ("Anna Berg", "PERSON") in expected


def test_restore_labels_relabels_only_the_preset_entities():
    doc = spacy.blank("en")("Colonel Anna Berg met Paul Smith in Berlin")
    doc.ents = [
        Span(doc, 0, 1, label=STAND_IN),
        Span(doc, 1, 3, label="PERSON"),
        Span(doc, 4, 6, label=STAND_IN, kb_id="Q1"),
        Span(doc, 7, 8, label="GPE"),
    ]
    doc.user_data[PRESET_KEY] = [(0, 1, "RANK"), (4, 6, "PERSON")]
    restored = restore_labels(doc)
    assert [(e.text, e.label_, e.kb_id_) for e in restored.ents] == [
        ("Colonel", "RANK", ""),
        ("Anna Berg", "PERSON", ""),
        ("Paul Smith", "PERSON", "Q1"),
        ("Berlin", "GPE", ""),
    ]
    assert PRESET_KEY not in restored.user_data
    assert _ents(restore_labels(restored)) == _ents(restored)  # nothing left to restore


@pytest.mark.slow
def test_saved_pipeline_without_the_restoring_component_gets_it(nlp, tmp_path):
    """A pipeline saved before `coop_preset_labels` existed loads with it after `ner`."""
    nlp.to_disk(tmp_path / "model")
    old = spacy.load(tmp_path / "model")
    old.remove_pipe("coop_preset_labels")
    old.to_disk(tmp_path / "old")
    loaded = load_pipeline(tmp_path / "old")
    names = loaded.pipe_names
    assert names.index("coop_preset_labels") == names.index("ner") + 1
    assert _ents(loaded(TEXT)) == _ents(nlp(TEXT))

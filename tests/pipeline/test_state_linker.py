"""The trained person -> state linker (pipeline/state_linker.py) and its training script."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from coopnlp.pipeline.state_linker import FEATURES, NAME, StateModel
from coopnlp.resources import resource_path
from scripts import train_state_linker as training

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS = resource_path("officials/state_linker.json")


def test_shipped_weights_load_with_every_feature():
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    model = StateModel.from_text(WEIGHTS.read_text(encoding="utf-8"))
    assert model is not None
    assert len(model.weights) == len(FEATURES)
    assert all(math.isfinite(w) for w in model.weights)
    # The file names the set-up cross-validation chose and its figures.
    assert data["setup"] in data["cross_validation"]
    assert data["trained_on"]["officials"] > 100


def test_an_empty_weights_file_is_no_model():
    assert StateModel.from_text("") is None


def _linked(nlp, text: str, model: StateModel) -> dict[str, dict]:
    linker = nlp.get_pipe("coop_officials")
    shipped = linker.state_model
    linker.state_model = model
    try:
        doc = nlp(text)
    finally:
        linker.state_model = shipped
    return {o["name"]: o for o in doc._.coop["officials"]}


def _model(weak: set[str], threshold: float) -> StateModel:
    shipped = StateModel.from_text(WEIGHTS.read_text(encoding="utf-8"))
    assert shipped is not None
    return replace(shipped, weak=frozenset(weak), threshold=threshold)


def _hand_made(weights: dict[str, float], bias: float, weak: set[str]) -> StateModel:
    values = np.array([weights.get(name, 0.0) for name in FEATURES])
    return StateModel(values, bias, 0.5, frozenset(weak))


@pytest.mark.slow
def test_linker_places_an_official_the_rules_leave_without_state(nlp):
    # The rules give the second name no state (Kenya is taken by the minister); a model
    # that trusts a state named a few words away places him, tags the source and scores
    # the row with its probability.
    text = "Kenyan Interior Minister John Kamau and Commissioner Peter Otieno met reporters."
    rules = _linked(nlp, text, _model(set(), 1.0))
    assert rules["Peter Otieno"]["country"] is None
    model = _hand_made({"near_10": 4.0, "none": -2.0}, -1.0, {"none", "other_side"})
    linked = _linked(nlp, text, model)
    otieno = linked["Peter Otieno"]
    assert otieno["country"] == "KEN"
    assert otieno["source"].endswith(f"country:{NAME}")
    assert otieno["score"] == pytest.approx(1 / (1 + math.exp(-3.0)), abs=1e-3)
    # A state from the person's own words is not a weak placement: left alone.
    assert linked["John Kamau"] == rules["John Kamau"]


@pytest.mark.slow
def test_trained_linker_alone_keeps_the_state_of_the_persons_own_title(nlp):
    # The shipped weights asked for every person (the linker alone): the state the
    # position is "of" wins over the host state named after it.
    text = "The Minister of Interior of Kenya, John Kamau, met the Ugandan police chief in Kampala."
    linked = _linked(nlp, text, _model({"*"}, 0.0))
    assert linked["John Kamau"]["country"] == "KEN"
    assert f"country:{NAME}" not in linked["John Kamau"]["source"]


@pytest.mark.slow
def test_training_is_reproducible_on_the_bundled_seeds():
    sets = [(ROOT / "data" / "raw", ROOT / "tests" / "seeds_gold.jsonl", None)]
    groups = training.collect(sets)
    assert len(groups) >= 10
    # Every matched official has its gold state among the candidates or none.
    assert all(g.gold in g.states for g in groups if g.gold is not None)
    setup = training.Setup("linker, all", ("*",), 0.0)
    cv = {setup.name: (1, 1)}
    first = training.weights_file(groups, setup, cv)
    again = training.weights_file(training.collect(sets), setup, cv)
    assert first == again
    assert StateModel.from_text(first) is not None

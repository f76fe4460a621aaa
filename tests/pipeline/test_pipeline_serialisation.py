"""The pipeline saves with nlp.to_disk and loads back with the same behaviour."""

from __future__ import annotations

from coopnlp.pipeline.build import AFTER_NER, load_pipeline

TEXT = (
    "Russian Interior Minister General of Police Vladimir Kolokoltsev met Azerbaijani Interior "
    "Minister Colonel General Ramil Usubov in Baku. A protocol was signed."
)


def test_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    loaded = load_pipeline(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert set(AFTER_NER) <= set(loaded.pipe_names)
    assert loaded(TEXT)._.coop == nlp(TEXT)._.coop
    assert len(loaded.get_pipe("coop_ruler").patterns) == len(nlp.get_pipe("coop_ruler").patterns)


def test_components_are_configurable(nlp):
    assert nlp.get_pipe_config("coop_countries")["use_ner"] is True
    assert nlp.get_pipe_config("coop_ruler")["spans_key"] == "coop"

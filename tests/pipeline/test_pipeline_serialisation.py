"""The pipeline saves with nlp.to_disk and loads back with the same behaviour."""

from __future__ import annotations

from pathlib import Path

from coopnlp.pipeline.build import AFTER_NER, load_pipeline

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"

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


def test_saved_pipeline_is_self_contained_and_gives_the_same_output(nlp, tmp_path):
    """nlp.to_disk then plain spacy.load: the knowledge comes from the folder, and every
    seed article gives the same entries and spans."""
    import spacy

    nlp.to_disk(tmp_path / "model")
    for name, folders in {
        "coop_countries": {"gazetteer", "countries", "places"},
        "coop_ranks": {"ranks"},
        "coop_agencies": {"registry", "gazetteer", "places", "agencies"},
        "coop_officials": {
            "registry",
            "gazetteer",
            "ranks",
            "people",
            "persons",
            "officials",
            "titles",
        },
        "coop_persons": {"persons", "agencies", "places", "officials", "titles"},
        "coop_agreements": {"agreements"},
    }.items():
        assert {p.name for p in (tmp_path / "model" / name).iterdir()} == folders
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("coop_officials").registry is not nlp.get_pipe("coop_officials").registry
    for path in sorted(RAW.iterdir()):
        text = path.read_text(encoding="utf-8")
        before, after = nlp(text), loaded(text)
        assert after._.coop == before._.coop
        assert [(s.start, s.end, s.label_, s.kb_id_) for s in after.spans["coop"]] == [
            (s.start, s.end, s.label_, s.kb_id_) for s in before.spans["coop"]
        ]


def test_components_are_configurable(nlp):
    assert nlp.get_pipe_config("coop_countries")["use_ner"] is True
    assert nlp.get_pipe_config("coop_ruler")["spans_key"] == "coop"
    for name in (
        "coop_persons",
        "coop_countries",
        "coop_ranks",
        "coop_agencies",
        "coop_agreements",
        "coop_officials",
    ):
        assert nlp.get_pipe_config(name)["data"] == "shipped"


def test_ruler_patterns_digest_follows_the_patterns() -> None:
    import spacy

    from coopnlp.pipeline.rulers import GatedSpanRuler

    nlp = spacy.blank("en")
    ruler = GatedSpanRuler(nlp, "ruler", spans_key="test")
    ruler.add_patterns([{"label": "AGENCY", "pattern": "Interpol"}])
    before = ruler.patterns_digest()
    ruler.add_patterns([{"label": "COUNTRY", "pattern": "Peru", "id": "PER"}])
    added = ruler.patterns_digest()
    assert added != before
    ruler.remove("COUNTRY")
    assert ruler.patterns_digest() == before
    ruler.add_patterns([{"label": "COUNTRY", "pattern": "Peru", "id": "PER"}])
    ruler.remove_by_id("PER")
    assert ruler.patterns_digest() == before
    ruler.clear()
    assert ruler.patterns_digest() not in (before, added)

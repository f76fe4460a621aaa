"""Each data-holding component writes its knowledge with to_disk and reads it back."""

from __future__ import annotations

import pytest
import spacy

import coopnlp.pipeline.build  # noqa: F401  (registers the factories)


@pytest.mark.parametrize(
    ("name", "folders"),
    [
        ("coop_countries", ["gazetteer"]),
        ("coop_ranks", ["ranks"]),
        ("coop_agencies", ["registry", "gazetteer"]),
        ("coop_officials", ["registry", "gazetteer", "ranks", "people"]),
    ],
)
def test_component_round_trip(name, folders, blank_linking, tmp_path):
    component = blank_linking.get_pipe(name)
    component.to_disk(tmp_path / name)
    assert sorted(p.name for p in (tmp_path / name).iterdir()) == sorted(folders)
    # A component made with the shipped data reads the small data back.
    fresh = spacy.blank("en").add_pipe(name).from_disk(tmp_path / name)
    for attribute in ("gazetteer", "table", "registry", "people", "ranks"):
        if hasattr(component, attribute):
            saved, loaded = getattr(component, attribute), getattr(fresh, attribute)
            assert vars(saved).keys() == vars(loaded).keys()
    assert getattr(fresh, "registry", None) is None or fresh.registry.by_alias("Aaland MIA")


def test_saved_linking_pipeline_gives_the_same_entries(
    blank_linking, coop_doc, run_all, aaland_meeting, tmp_path
):
    blank_linking.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert (
        loaded.get_pipe_config("coop_officials")["data"]
        == blank_linking.get_pipe_config("coop_officials")["data"]
    )
    before = run_all(blank_linking, coop_doc(blank_linking, *aaland_meeting))._.coop
    after = run_all(loaded, coop_doc(loaded, *aaland_meeting))._.coop
    assert after == before
    assert after["officials"][0]["agency"] == "Ministry of Internal Affairs of Aaland"

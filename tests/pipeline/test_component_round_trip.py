"""Each data-holding component writes its knowledge and word lists with to_disk and
reads them back; a saved pipeline needs none of the shipped resources."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy
from spacy.tokens import Span

import coopnlp.pipeline.build  # registers the factories (used as coopnlp.* below)
import coopnlp.resources
from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.people import KnownPeople
from coopnlp.knowledge.places import Places
from coopnlp.knowledge.ranks import RankTable
from coopnlp.knowledge.registry import Registry
from coopnlp.pipeline.data import WordLists

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SHIPPED_READERS = (
    coopnlp.resources.lines,
    coopnlp.resources.csv_rows,
    coopnlp.resources.jsonl,
    Gazetteer.shipped,
    Registry.shipped,
    RankTable.shipped,
    KnownPeople.shipped,
    Places.shipped,
)


@pytest.mark.parametrize(
    ("name", "folders"),
    [
        ("coop_countries", ["countries", "gazetteer", "places"]),
        ("coop_ranks", ["ranks"]),
        ("coop_agencies", ["agencies", "gazetteer", "places", "registry"]),
        (
            "coop_officials",
            ["gazetteer", "officials", "people", "persons", "ranks", "registry", "titles"],
        ),
    ],
)
def test_component_round_trip(name, folders, blank_linking, tmp_path):
    component = blank_linking.get_pipe(name)
    component.to_disk(tmp_path / name)
    assert sorted(p.name for p in (tmp_path / name).iterdir()) == folders
    # A component made with the shipped data reads the small data back.
    fresh = spacy.blank("en").add_pipe(name).from_disk(tmp_path / name)
    for attribute in ("gazetteer", "table", "registry", "people", "ranks", "places"):
        if hasattr(component, attribute):
            saved, loaded = getattr(component, attribute), getattr(fresh, attribute)
            assert vars(saved).keys() == vars(loaded).keys()
    assert getattr(fresh, "registry", None) is None or fresh.registry.by_alias("Aaland MIA")
    for list_name in component.WORD_LISTS:
        assert fresh.words.text(list_name) == component.words.text(list_name)


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


@pytest.fixture
def resources_absent(tmp_path, monkeypatch):
    """The package's resources folder replaced by an empty one, the shipped readers'
    caches cleared (and cleared again afterwards, so nothing read while absent stays)."""
    empty = tmp_path / "no_resources"
    empty.mkdir()
    with monkeypatch.context() as patch:
        patch.setattr(coopnlp.resources, "resources", SimpleNamespace(files=lambda _: empty))
        for reader in SHIPPED_READERS:
            reader.cache_clear()
        yield
    for reader in SHIPPED_READERS:
        reader.cache_clear()


@pytest.mark.slow
def test_saved_pipeline_runs_without_the_shipped_resources(nlp, tmp_path, request):
    """nlp.to_disk, then spacy.load and the seed articles with the resources gone: every
    component reads its word lists and knowledge from the saved folder."""
    nlp.to_disk(tmp_path / "model")
    texts = [path.read_text(encoding="utf-8") for path in sorted(RAW.iterdir())]
    assert len(texts) == 5
    before = [nlp(text) for text in texts]
    request.getfixturevalue("resources_absent")
    with pytest.raises(FileNotFoundError):
        Registry.shipped()
    assert WordLists("shipped", ["persons/honorifics.txt"]).lines("persons/honorifics.txt") == []
    loaded = spacy.load(tmp_path / "model")
    for text, old in zip(texts, before, strict=True):
        new = loaded(text)
        assert not new.user_data.get("coop_error"), new.user_data.get("coop_error")
        assert new._.coop == old._.coop
        assert [(s.start, s.end, s.label_, s.kb_id_) for s in new.spans["coop"]] == [
            (s.start, s.end, s.label_, s.kb_id_) for s in old.spans["coop"]
        ]
    assert any(doc._.coop["officials"] for doc in before)


def test_persons_on_a_blank_pipeline_follow_an_invented_word_list(tmp_path):
    """ "Zorb" is no honorific in the shipped list; with a list that says it is, the
    component strips it from the front of a name, and keeps doing so once saved."""
    folder = tmp_path / "words"
    (folder / "persons").mkdir(parents=True)
    (folder / "persons" / "honorifics.txt").write_text("# invented\nZorb\n", encoding="utf-8")

    def person_of(nlp: spacy.Language) -> list[str]:
        doc = nlp.make_doc("Zorb Ivan Petrov spoke in Bebria.")
        doc.ents = [Span(doc, 0, 3, label="PERSON")]
        doc.spans["coop"] = []
        doc = nlp.get_pipe("coop_persons")(doc)
        return [s.text for s in doc.spans["coop"] if s.label_ == "PERSON"]

    shipped = spacy.blank("en")
    shipped.add_pipe("coop_persons")
    assert person_of(shipped) == ["Zorb Ivan Petrov"]
    invented = spacy.blank("en")
    invented.add_pipe("coop_persons", config={"data": str(folder)})
    assert person_of(invented) == ["Ivan Petrov"]
    invented.to_disk(tmp_path / "nlp")
    saved = tmp_path / "nlp" / "coop_persons"
    assert (saved / "persons" / "honorifics.txt").read_text(
        encoding="utf-8"
    ) == "# invented\nZorb\n"
    assert (saved / "agencies" / "outlets.txt").read_text(encoding="utf-8") == ""
    assert person_of(spacy.load(tmp_path / "nlp")) == ["Ivan Petrov"]

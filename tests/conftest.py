"""Shared fixtures: one pipeline and one extraction of the seeds per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coopnlp.knowledge.countries import Gazetteer
from coopnlp.knowledge.people import KnownPeople
from coopnlp.knowledge.places import Places
from coopnlp.knowledge.ranks import RankTable
from coopnlp.knowledge.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEEDS_GOLD = Path(__file__).with_name("seeds_gold.jsonl")


@pytest.fixture(scope="session")
def nlp():
    from coopnlp.pipeline.build import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seeds_gold() -> dict[str, dict]:
    with SEEDS_GOLD.open(encoding="utf-8") as fh:
        return {d["doc_id"]: d for d in map(json.loads, fh)}


@pytest.fixture(scope="session")
def seeds_out(nlp, tmp_path_factory) -> Path:
    """`data/raw` extracted once to Parquet with the session pipeline."""
    from coopnlp.engine.local import extract

    outdir = tmp_path_factory.mktemp("seeds_out")
    extract(RAW, outdir, nlp)
    return outdir


@pytest.fixture(scope="session")
def seeds_tables(seeds_out):
    import coopnlp

    return coopnlp.load(seeds_out)


# Small knowledge tables (tests/knowledge, tests/pipeline): two invented states, one body.
NAMES = [
    {
        "iso3": "XAA",
        "adjectives": "Aalandic",
        "names": "Aaland",
        "official": "the Republic of Aaland",
    },
    {"iso3": "XBB", "adjectives": "Bebrian", "names": "Bebria", "official": ""},
]
FORMS = [
    {"label": "COUNTRY", "pattern": "Aaland", "id": "XAA"},
    {"label": "COUNTRY", "pattern": "Aalandic", "id": "XAA"},
    {"label": "COUNTRY", "pattern": "Bebria", "id": "XBB"},
    {"label": "COUNTRY", "pattern": [{"LOWER": "bebrian"}], "id": "XBB"},
]
BODIES = [
    {
        "id": "xaa_mia",
        "name": "Ministry of Internal Affairs of Aaland",
        "kind": "ministry",
        "country": "XAA",
        "parent": None,
        "aliases": ["Aaland MIA"],
    }
]
FUNCTIONS = [
    {
        "id": "internal_affairs",
        "name": "Ministry of Internal Affairs",
        "kind": "ministry",
        "cues": "Interior Ministry|MIA",
        "generic_for": "",
    },
    {
        "id": "border_service",
        "name": "Border Service",
        "kind": "border",
        "cues": "",
        "generic_for": "",
    },
]
RANKS = [
    {"id": "colonel", "canonical": "Colonel", "grade": "60", "branch": "military"},
    {"id": "major", "canonical": "Major", "grade": "40", "branch": ""},
]
SERVICES = [{"cue": "police", "service": "Police"}]
PEOPLE = [{"name": "Ivo Bebrov", "country": "XBB", "aliases": "President Bebrov"}]


@pytest.fixture
def small_gazetteer() -> Gazetteer:
    return Gazetteer(NAMES, FORMS)


@pytest.fixture
def small_registry(small_gazetteer) -> Registry:
    return Registry(BODIES, FUNCTIONS, small_gazetteer)


@pytest.fixture
def small_ranks() -> RankTable:
    return RankTable(RANKS, SERVICES)


@pytest.fixture
def small_people() -> KnownPeople:
    return KnownPeople(PEOPLE)


@pytest.fixture
def small_data(tmp_path, small_registry, small_ranks, small_people):
    """A component data folder (as `to_disk` writes it) holding the small tables."""
    folder = tmp_path / "data"
    small_registry.to_dir(folder / "registry")
    small_registry.gazetteer.to_dir(folder / "gazetteer")
    small_ranks.to_dir(folder / "ranks")
    small_people.to_dir(folder / "people")
    Places([], []).to_dir(folder / "places")
    return folder


def _coop_doc(nlp, text: str, spans: list[tuple[str, str, str | None]]):
    """A Doc of `nlp` (tokenizer only) with coop spans given by (words, label, id),
    each found at its first occurrence in the text."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    found = []
    for words, label, span_id in spans:
        start = text.index(words)
        span = doc.char_span(start, start + len(words), label=label, span_id=span_id or 0)
        assert span is not None, words
        found.append(Span(doc, span.start, span.end, label=label, span_id=span_id or 0))
    doc.spans["coop"] = sorted(found, key=lambda s: (s.start, s.end))
    return doc


@pytest.fixture
def blank_linking(small_data):
    """spacy.blank("en") with the linking components over the small tables."""
    import spacy

    import coopnlp.pipeline.build  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("coop_ranks", config={"data": str(small_data)})
    nlp.add_pipe("coop_countries", config={"use_ner": False, "data": str(small_data)})
    nlp.add_pipe("coop_agencies", config={"data": str(small_data)})
    nlp.add_pipe("coop_officials", config={"data": str(small_data)})
    return nlp


def _run(nlp, doc):
    """The Doc through every component of `nlp`."""
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert not doc.user_data.get("coop_error"), doc.user_data.get("coop_error")
    return doc


@pytest.fixture
def coop_doc():
    """Make a tokenizer-only Doc with given coop spans: coop_doc(nlp, text, spans)."""
    return _coop_doc


@pytest.fixture
def run_all():
    """Run a Doc through every component: run_all(nlp, doc)."""
    return _run


@pytest.fixture
def aaland_meeting() -> tuple[str, list[tuple[str, str, str | None]]]:
    """A text over the small tables and its ruler spans (words, label, pattern id)."""
    text = "Aalandic Interior Minister Colonel Ivan Petrov met Ivo Bebrov in Bebria."
    spans = [
        ("Aalandic", "COUNTRY", "XAA"),
        ("Aalandic Interior Minister", "TITLE", "minister"),
        ("Colonel", "RANK", "colonel"),
        ("Ivan Petrov", "PERSON", None),
        ("Ivo Bebrov", "PERSON", None),
        ("Bebria", "COUNTRY", "XBB"),
    ]
    return text, spans

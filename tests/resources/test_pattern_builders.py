"""The pattern builders (scripts/patterns/): one entry point, --check, and builds from data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.matcher import Matcher

from coopnlp.resources import read_jsonl
from scripts.patterns import agency, rank, title
from scripts.patterns.build import BUILDERS, main
from scripts.patterns.common import RESOURCES, expand


def copy_inputs(tmp_path: Path, *names: str) -> Path:
    """A resources folder holding copies of the shipped files `names` (relative paths)."""
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RESOURCES / name, tmp_path / name)
    return tmp_path


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append_row(path: Path, row: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")


def matches(patterns: list[dict[str, Any]], text: str) -> set[tuple[str, str]]:
    """(text, id) of every match of the patterns that need no tagger, on a blank tokenizer."""
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for i, p in enumerate(patterns):
        if isinstance(p["pattern"], str):
            p = {**p, "pattern": [{"ORTH": t.text} for t in nlp.make_doc(p["pattern"])]}
        if not any({"POS", "DEP", "TAG"} & set(token) for token in p["pattern"]):
            matcher.add(f"{i}|{p['id']}", [p["pattern"]])
    doc = nlp(text)
    found = matcher(doc)
    return {(doc[s:e].text, nlp.vocab.strings[key].split("|")[1]) for key, s, e in found}


# -- the entry point ----------------------------------------------------------------


def test_shipped_pattern_files_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    # what `make patterns` would write is what is shipped, byte for byte
    assert main(["--check"]) == 0, capsys.readouterr().err
    assert {b.output for b in BUILDERS} == {
        f"patterns/{label}.jsonl" for label in ("agency", "agreement", "country", "rank", "title")
    }


def test_check_names_the_file_out_of_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_inputs(tmp_path, *rank.INPUTS, rank.OUTPUT, *title.INPUTS, title.OUTPUT)
    assert main(["--check", "--resources", str(data), "rank", "title"]) == 0
    append_row(data / rank.RANKS, "ensign,Ensign,20,military,,,yes,optional")
    append_row(data / rank.WORDS, "ensign,Ensign,,ensign")
    before = (data / rank.OUTPUT).read_text(encoding="utf-8")
    assert main(["--check", "--resources", str(data), "rank", "title"]) == 1
    err = capsys.readouterr().err
    assert "patterns/rank.jsonl is out of date" in err
    assert "title.jsonl" not in err
    # a check writes nothing; a build does, and then the check passes
    assert (data / rank.OUTPUT).read_text(encoding="utf-8") == before
    assert main(["--resources", str(data), "rank"]) == 0
    assert main(["--check", "--resources", str(data), "rank"]) == 0
    ensign = [p["pattern"] for p in read_jsonl(data / rank.OUTPUT) if p["id"] == "ensign"]
    assert [{"ORTH": "Ensign", "POS": "PROPN"}] in ensign


def test_unknown_label_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--check", "ranks"])
    assert exit_.value.code == 2
    assert "unknown label ranks" in capsys.readouterr().err


# -- builders on invented data --------------------------------------------------------


def test_rank_builder_on_an_invented_folder(tmp_path: Path) -> None:
    write(
        tmp_path / rank.RANKS,
        "id,canonical,grade,branch,forms,aliases,lowercase,service_word\n"
        "sky_warden,Sky Warden,30,military,,SkW,no,optional\n"
        "vole,Vole,10,police,,,yes,required\n",
    )
    write(
        tmp_path / rank.WORDS,
        "word,capitalised,abbreviations,lowercase\n"
        "sky,Sky,,sky\nwarden,Warden,Wdn,warden\nvole,Vole,,vole\n",
    )
    write(tmp_path / rank.SERVICES, "cue,service\nmoat,the Moat\nmt,the Moat\n")
    write(
        tmp_path / rank.PATTERN_WORDS,
        "list,word\nglue,of\nglue,the\nservice_prefix,Moat\nservice_prefix,MT\n"
        "service_prefix_lower,moat\ncommon_lowercase,vole\nabbreviated_service,mt\n",
    )
    patterns = rank.build(tmp_path)
    assert {p["id"] for p in patterns} == {"sky_warden", "vole"}
    assert patterns[0] == {
        "label": "RANK",
        "id": "sky_warden",
        "pattern": [
            {"ORTH": "Sky"},
            {"ORTH": {"IN": ["-", "\u2013"]}, "OP": "?"},
            {"ORTH": {"IN": ["Warden", "Wdn", "warden"]}},
            {"ORTH": ".", "OP": "?"},
        ],
    }
    assert ("Sky Warden", "sky_warden") in matches(patterns, "Sky Warden Oak")
    assert ("SkW", "sky_warden") in matches(patterns, "SkW Oak")
    assert ("sky warden of the Moat", "sky_warden") in matches(patterns, "sky warden of the Moat")
    # a required service word: "Moat Vole", never "Vole" alone; "vole" is too common in lower case
    assert ("Moat Vole", "vole") in matches(patterns, "Moat Vole Oak")
    assert not any(i == "vole" for _, i in matches(patterns, "Vole Oak"))
    assert not any(i == "vole" for _, i in matches(patterns, "a moat vole"))


def test_agency_builder_on_invented_words(tmp_path: Path) -> None:
    data = copy_inputs(tmp_path, agency.PATTERN_WORDS, agency.UNIT_HEADS)
    write(
        data / agency.REGISTRY,
        json.dumps(
            {
                "id": "zz_moat_watch",
                "name": "Moat Watch of Zembla",
                "aliases": ["Zemblan Moat Watch", "MWZ"],
            }
        )
        + "\n",
    )
    append_row(data / agency.UNIT_HEADS, "moatery,unit,,of")
    append_row(data / agency.PATTERN_WORDS, "common_word,moat")
    append_row(data / agency.PATTERN_WORDS, "common_word,watch")
    append_row(data / agency.PATTERN_WORDS, "named_head,Wardship")
    patterns = agency.build(data)
    phrases = [(p["pattern"], p["id"]) for p in patterns if isinstance(p["pattern"], str)]
    # the name, the aliases and the case variants of the common words, all of one body
    assert phrases == [
        ("Moat Watch of Zembla", "zz_moat_watch"),
        ("moat watch of Zembla", "zz_moat_watch"),
        ("Zemblan Moat Watch", "zz_moat_watch"),
        ("Zemblan moat watch", "zz_moat_watch"),
        ("MWZ", "zz_moat_watch"),
    ]
    # the invented unit head of role `of` and the extra named head are in the grammar
    found = matches(patterns, "the Moatery of Tolls")
    assert ("Moatery of Tolls", "grammar:unit_of") in found
    assert ("Police Wardship", "grammar:unit_named") in matches(patterns, "the Police Wardship")
    shipped = agency.build(RESOURCES)
    assert not any(i.startswith("grammar:") for _, i in matches(shipped, "the Moatery of Tolls"))


def test_agency_unit_head_role_must_be_known(tmp_path: Path) -> None:
    data = copy_inputs(tmp_path, *agency.INPUTS)
    append_row(data / agency.UNIT_HEADS, "moatery,unit,,upside")
    with pytest.raises(ValueError, match="moatery"):
        agency.build(data)


# -- builders on the shipped data -----------------------------------------------------


def test_rank_patterns_cover_every_rank() -> None:
    patterns = rank.build(RESOURCES)
    ids = {p["id"] for p in patterns}
    assert ids == {r.id for r in rank.load(RESOURCES).ranks}
    by_id = [p["pattern"] for p in patterns if p["id"] == "assistant_commissioner"]
    assert [{"ORTH": "ACP"}, {"ORTH": ".", "OP": "?"}] in by_id


def test_new_rank_row_yields_new_patterns(tmp_path: Path) -> None:
    data = copy_inputs(tmp_path, *rank.INPUTS)
    append_row(data / rank.RANKS, "senior_major,Senior Major,52,military,,,yes,optional")
    built = rank.build(data)
    shipped = rank.build(RESOURCES)
    # the new rank's patterns come last; the others are untouched
    assert built[: len(shipped)] == shipped
    assert {p["id"] for p in built[len(shipped) :]} == {"senior_major"}
    assert ("Police Senior Major", "senior_major") in matches(built, "Police Senior Major Ivanov")
    assert ("Sr. Maj.", "senior_major") in matches(built, "Sr. Maj. Ivanov spoke")
    found = matches(built, "senior major of the Internal Service Ivanov")
    assert ("senior major of the Internal Service", "senior_major") in found
    assert not any(i == "senior_major" for _, i in matches(shipped, "Police Senior Major Ivanov"))


def test_new_rank_word_and_service(tmp_path: Path) -> None:
    data = copy_inputs(tmp_path, *rank.INPUTS)
    append_row(data / rank.RANKS, "ensign,Ensign,20,military,,Ens,yes,optional")
    append_row(data / rank.WORDS, "ensign,Ensign|ENSIGN,,ensign")
    append_row(data / rank.SERVICES, "coast guard,the Coast Guard")
    built = rank.build(data)
    assert ("ensign of the Coast Guard", "ensign") in matches(built, "ensign of the Coast Guard")
    assert ("Police Ens.", "ensign") in matches(built, "Police Ens. Ivanov")


def test_rank_form_with_unknown_word_is_an_error(tmp_path: Path) -> None:
    data = copy_inputs(tmp_path, *rank.INPUTS)
    append_row(data / rank.RANKS, "ensign,Ensign,20,military,,,yes,optional")
    with pytest.raises(ValueError, match="ensign"):
        rank.build(data)


def test_title_ids_are_title_heads() -> None:
    patterns = title.build(RESOURCES)
    lists = title.read_word_lists(RESOURCES / title.PATTERN_WORDS)
    heads = title.load_heads(lists, RESOURCES / title.HEADS)
    ids = {h.id for h in heads} | {h.deputy for h in heads if h.deputy}
    assert {p["id"] for p in patterns} == ids
    assert "deputy_prime_minister" in ids


def test_new_title_row_yields_new_patterns(tmp_path: Path) -> None:
    data = copy_inputs(tmp_path, *title.INPUTS)
    heads = data / title.HEADS
    append_row(heads, "auditor,Auditor,staff,,auditor,deputy_auditor,,@domain,no,yes,yes")
    append_row(heads, "deputy_auditor,Deputy Auditor,deputy,,,,,,,,")
    built = title.build(data)
    shipped = title.build(RESOURCES)
    assert built[: len(shipped)] == shipped
    assert {p["id"] for p in built[len(shipped) :]} == {"auditor", "deputy_auditor"}
    assert ("Interior Ministry Auditor", "auditor") in matches(built, "Interior Ministry Auditor")
    found = matches(built, "First Deputy Interior Auditor Petrov")
    assert ("First Deputy Interior Auditor", "deputy_auditor") in found


def test_title_deputy_row_must_belong_to_a_head(tmp_path: Path) -> None:
    data = copy_inputs(tmp_path, *title.INPUTS)
    append_row(data / title.HEADS, "deputy_auditor,Deputy Auditor,deputy,,,,,,,,")
    with pytest.raises(ValueError, match="deputy_auditor"):
        title.build(data)


def test_domain_lists_keep_order_alone_and_sort_merged() -> None:
    lists = {"a": ["zeta", "alpha"], "b": ["beta"]}
    assert title.domain_words("@a", lists) == ("zeta", "alpha")
    assert title.domain_words("@a|@b", lists) == ("alpha", "beta", "zeta")
    with pytest.raises(ValueError, match="@c"):
        expand("@c", lists)

"""The user knowledge layer in the pipeline: bodies and people of a `--patterns` folder
come out in the tables without patterns of their own (an invented article)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import coopnlp
from coopnlp.cli.app import app
from coopnlp.engine.incremental import fingerprint
from coopnlp.engine.local import extract
from coopnlp.knowledge import user
from coopnlp.pipeline.build import build_pipeline, load_pipeline, use_user_knowledge

ARTICLE = (
    " date 2026-03-03 \n"
    "TBILISI, Georgia, March 3. The QBMX hosted a delegation from Armenia on Tuesday. "
    "Tamsin Orloveck met officials of the Kestrel Directorate to discuss smuggling across "
    "the ports of the Black Sea.\n\n"
    "Delegates of the International Association of Harbour Police Chiefs also attended the "
    "talks in Tbilisi, where Secretary General Lena Varsk of the IAHPX presented a report on "
    "container fraud. The QBMX and the Kestrel Directorate agreed to exchange information."
)

# A capitalised word before the name that the persons step would take into it.
SECOND = (
    "BATUMI, Georgia, March 5. Chief Inquirer Tamsin Orloveck welcomed a delegation of the "
    "Kestrel Directorate led by its head, Colonel Aram Vesk, to talks on port smuggling."
)

QORVEX = "Qorvex Bureau of Maritime Inquiry"
ASSOCIATION = "International Association of Harbour Police Chiefs"


def knowledge(folder: Path) -> Path:
    user.add_body(
        folder,
        user.UserBody(name=QORVEX, aliases=["QBMX"], kind="investigation", country="GEO"),
    )
    user.add_body(folder, user.UserBody(name=ASSOCIATION, aliases=["IAHPX"], kind="international"))
    user.add_body(folder, user.UserBody(name="Kestrel Directorate", country="ARM"))
    user.add_person(
        folder,
        user.UserPerson(name="Tamsin Orloveck", country="GEO", agency="QBMX", title="Inquirer"),
    )
    return folder


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("user_layer")
    (root / "in").mkdir()
    (root / "in" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "in" / "batumi.txt").write_text(SECOND, encoding="utf-8")
    folder = knowledge(root / "patterns")
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(root / "in"),
            "-o",
            str(root / "out"),
            "--patterns",
            str(folder),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    return coopnlp.load(root / "out")


@pytest.mark.slow
def test_user_bodies_come_out_in_agencies(tables) -> None:
    rows = tables["agencies"]
    agencies = rows[rows["doc_id"] == "harbour"].set_index("name")
    # A one-word acronym the shipped data does not know, resolved to its full name.
    assert agencies.loc[QORVEX, "kind"] == "investigation"
    assert agencies.loc[QORVEX, "country"] == "GEO"
    assert "QBMX" in agencies.loc[QORVEX, "aliases"]
    # An international association: no state, not refused as a body type.
    assert agencies.loc[ASSOCIATION, "kind"] == "international"
    assert pd.isna(agencies.loc[ASSOCIATION, "country"])
    assert set(agencies.loc[ASSOCIATION, "aliases"]) == {ASSOCIATION, "IAHPX"}
    # A national directorate with its state.
    assert agencies.loc["Kestrel Directorate", "country"] == "ARM"


@pytest.mark.slow
def test_officials_get_user_bodies_and_people_their_facts(tables) -> None:
    rows = tables["officials"]
    officials = rows[rows["doc_id"] == "harbour"].set_index("name")
    # Working for the international body named next to the name: no state.
    assert officials.loc["Lena Varsk", "agency"] == ASSOCIATION
    assert pd.isna(officials.loc["Lena Varsk", "country"])
    # A user person the text says nothing about: their body, its state, their title.
    orloveck = officials.loc["Tamsin Orloveck"]
    assert (orloveck["agency"], orloveck["country"], orloveck["title"]) == (
        QORVEX,
        "GEO",
        "Inquirer",
    )
    # The user's name as written, not run together with the word before it; an
    # official of a user body named in the text gets its state.
    batumi = rows[rows["doc_id"] == "batumi"].set_index("name")
    assert batumi.loc["Tamsin Orloveck", "agency"] == QORVEX
    assert tuple(batumi.loc["Aram Vesk", ["agency", "country"]]) == ("Kestrel Directorate", "ARM")


@pytest.mark.slow
def test_without_the_layer_the_bodies_are_not_found(nlp, tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    extract(tmp_path / "in", tmp_path / "out", nlp)
    names = set(coopnlp.load(tmp_path / "out")["agencies"]["name"])
    assert QORVEX not in names and "Kestrel Directorate" not in names


@pytest.mark.slow
def test_saved_pipeline_keeps_the_layer_and_fingerprint_follows_it(tmp_path) -> None:
    folder = knowledge(tmp_path / "patterns")
    nlp = build_pipeline(patterns_dirs=[folder])
    nlp.to_disk(tmp_path / "model")
    doc = load_pipeline(tmp_path / "model")(ARTICLE)
    found = {a["name"]: (a["kind"], a["country"]) for a in doc._.coop["agencies"]}
    assert found[QORVEX] == ("investigation", "GEO")
    assert found[ASSOCIATION] == ("international", None)
    before = fingerprint(nlp, 1000)
    assert fingerprint(nlp, 1000) == before
    user.add_person(folder, user.UserPerson(name="Lena Varsk", country="MDA"))
    use_user_knowledge(nlp, [folder])
    assert fingerprint(nlp, 1000) != before

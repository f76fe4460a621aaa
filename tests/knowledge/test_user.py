"""The user knowledge layer: rows with provenance written and read back, layering over
the shipped registry and known people, several folders in order."""

from __future__ import annotations

import json

import pytest

from coopnlp.knowledge import user
from coopnlp.knowledge.people import KnownPeople
from coopnlp.knowledge.registry import Registry


def body(**fields) -> user.UserBody:
    return user.UserBody(**fields)


def test_rows_and_provenance_round_trip(tmp_path) -> None:
    provenance = user.Provenance(
        source="learn", documents=["a1", "a2"], matches=3, precision=1.0, added="2026-01-02"
    )
    kestrel = body(
        name=" Kestrel   Directorate ", aliases=["KD", "KD"], country="arm", provenance=provenance
    )
    assert kestrel.id == "user_kestrel_directorate"
    assert kestrel.name == "Kestrel Directorate" and kestrel.aliases == ["KD"]
    assert user.add_body(tmp_path, kestrel) is True
    line = json.loads((tmp_path / user.BODIES_FILE).read_text(encoding="utf-8"))
    assert list(line) == ["id", "name", "aliases", "kind", "country", "parent", "provenance"]
    assert line["country"] == "ARM"
    assert line["provenance"] == {
        "source": "learn",
        "documents": ["a1", "a2"],
        "matches": 3,
        "precision": 1.0,
        "added": "2026-01-02",
    }
    assert user.read_bodies(tmp_path) == [kestrel]

    person = user.UserPerson(name="Tamsin Orloveck", country="GEO", agency="KD", title="Chief")
    user.add_person(tmp_path, person)
    line = json.loads((tmp_path / user.PEOPLE_FILE).read_text(encoding="utf-8"))
    assert list(line) == [
        "name",
        "aliases",
        "country",
        "agency",
        "rank",
        "title",
        "official",
        "provenance",
    ]
    assert line["provenance"]["source"] == "cli"
    assert user.read_people(tmp_path) == [person]


def test_add_replaces_and_remove_by_name_alias_or_id(tmp_path) -> None:
    user.add_body(tmp_path, body(name="Kestrel Directorate", country="ARM"))
    assert user.add_body(tmp_path, body(name="Kestrel Directorate", country="GEO")) is False
    assert [b.country for b in user.read_bodies(tmp_path)] == ["GEO"]
    user.add_body(tmp_path, body(name="Ospray Bureau", aliases=["OSB"], country="MDA"))
    assert user.remove_body(tmp_path, "osb") == 1
    assert user.remove_body(tmp_path, "user_kestrel_directorate") == 1
    assert user.remove_body(tmp_path, "Kestrel Directorate") == 0
    assert user.read_bodies(tmp_path) == []
    user.add_person(tmp_path, user.UserPerson(name="Tamsin Orloveck", aliases=["T. Orloveck"]))
    assert user.remove_person(tmp_path, "t. orloveck") == 1


def test_bad_lines_are_named(tmp_path) -> None:
    (tmp_path / user.BODIES_FILE).write_text('{"name": "X Bureau", "country": "Georgia"}\n')
    with pytest.raises(user.KnowledgeError, match=r"bodies\.jsonl, line 1"):
        user.read_bodies(tmp_path)
    with pytest.raises(user.KnowledgeError, match="no ISO3 code"):
        user.country_code("Ruritania")
    assert user.country_code("Georgia") == "GEO" and user.country_code("arm") == "ARM"


def test_later_folders_win(tmp_path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    user.add_body(first, body(name="Kestrel Directorate", country="ARM"))
    user.add_body(second, body(name="Kestrel Directorate", country="GEO"))
    user.add_body(second, body(name="Ospray Bureau", country="MDA"))
    layer = user.UserKnowledge.from_dirs([first, second, tmp_path / "missing"])
    assert [(b.name, b.country) for b in layer.bodies] == [
        ("Kestrel Directorate", "GEO"),
        ("Ospray Bureau", "MDA"),
    ]
    assert user.UserKnowledge.from_dirs([first]).signature() != layer.signature()
    assert not user.UserKnowledge.from_dirs([tmp_path / "missing"])


def test_registry_layering() -> None:
    shipped = Registry.shipped()
    rows = user.body_rows(
        [
            body(
                name="Qorvex Bureau of Maritime Inquiry",
                aliases=["QBMI"],
                country="GEO",
                kind="investigation",
            ),
            body(name="International Association of Harbour Police Chiefs", aliases=["IAHPC"]),
            body(name="Kestrel Directorate", country="ARM"),
            # A user's word on a shipped alias wins: this FSB is someone else's.
            body(name="Fictional Security Bureau", aliases=["FSB"], country="GEO", kind="security"),
        ]
    )
    layered = shipped.layered(rows)
    qbmi = layered.by_alias("QBMI")
    assert (qbmi.name, qbmi.kind, qbmi.country) == (
        "Qorvex Bureau of Maritime Inquiry",
        "investigation",
        "GEO",
    )
    assert layered.by_id("user_qorvex_bureau_of_maritime_inquiry") == qbmi
    iahpc = layered.by_alias("the IAHPC")
    assert (iahpc.kind, iahpc.country) == ("international", None)
    # No kind given: read from the name (a directorate is a unit type), else "other".
    assert layered.by_alias("Kestrel Directorate").kind in ("unit", "other")
    assert layered.by_alias("FSB").name == "Fictional Security Bureau"
    assert shipped.by_alias("FSB").country == "RUS"  # the shipped registry is untouched
    assert layered.by_alias("Rosgvardia") == shipped.by_alias("Rosgvardia")
    assert shipped.layered([]) is shipped


def test_known_people_layering() -> None:
    person = user.UserPerson(
        name="Tamsin Orloveck", aliases=["T. Orloveck"], country="GEO", agency="QBMI", title="Chief"
    )
    people = KnownPeople.shipped().layered(user.person_rows([person]))
    assert people.country("T. Orloveck's") == "GEO"
    assert people.detail("Tamsin Orloveck", "agency") == "QBMI"
    assert people.detail("Tamsin Orloveck", "title") == "Chief"
    assert people.detail("Nobody Known", "title") is None
    assert KnownPeople.shipped().detail("Tamsin Orloveck", "agency") is None


def test_patterns_from_knowledge() -> None:
    bodies = [body(name="Kestrel Directorate", aliases=["KD"], country="ARM")]
    assert user.body_patterns(bodies) == [
        {"label": "AGENCY", "id": "user_kestrel_directorate", "pattern": "Kestrel Directorate"},
        {"label": "AGENCY", "id": "user_kestrel_directorate", "pattern": "KD"},
    ]
    people = [user.UserPerson(name="Tamsin Orloveck")]
    assert [p["pattern"] for p in user.person_patterns(people)] == ["Tamsin Orloveck"]

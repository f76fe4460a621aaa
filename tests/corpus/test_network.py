"""The cooperation network: built from hand-made tables, written as GEXF and GraphML,
read back with networkx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from coopnlp.cli.app import app
from coopnlp.corpus.network import build_network, write_network
from coopnlp.records.load import to_pandas
from coopnlp.records.models import Agency, Agreement, Document, Meeting, Official
from coopnlp.records.tables import to_arrow

RUS_MIA = "Ministry of Internal Affairs of the Russian Federation"
AZE_MIA = "Ministry of Internal Affairs of the Republic of Azerbaijan"


def _frame(name: str, records: list):
    return to_pandas(name, to_arrow(name, records))


def _official(doc_id: str, name: str, agency: str, country: str) -> Official:
    return Official(
        doc_id=doc_id,
        name=name,
        title="Interior Minister",
        agency=agency,
        country=country,
        mentions=1,
        start_char=0,
        evidence="x",
        score=0.9,
        source="t",
    )


def _meeting(doc_id: str, date: dt.date | None, participants: list[str]) -> Meeting:
    return Meeting(
        doc_id=doc_id,
        kind="meeting",
        status="held",
        date=date,
        place="Baku" if date else None,
        place_country="AZE" if date else None,
        participants=participants,
        countries=["RUS", "AZE"],
        start_char=0,
        evidence="x",
        score=0.8,
        source="t",
    )


@pytest.fixture()
def tables():
    agencies = [
        Agency(doc_id=d, name=n, kind="ministry", country=c, mentions=1, start_char=0,
               score=0.9, source="t")
        for d in ("a", "b")
        for n, c in ((RUS_MIA, "RUS"), (AZE_MIA, "AZE"))
    ]  # fmt: skip
    officials = [
        _official(d, name, agency, c)
        for d in ("a", "b")
        for name, agency, c in (
            ("Vladimir Kolokoltsev", RUS_MIA, "RUS"),
            ("Ramil Usubov", AZE_MIA, "AZE"),
        )
    ]
    meetings = [
        _meeting("a", dt.date(2018, 10, 24), ["Vladimir Kolokoltsev", "Ramil Usubov"]),
        _meeting("b", None, ["Vladimir Kolokoltsev"]),
    ]
    agreements = [
        Agreement(doc_id="a", kind="protocol", status="signed", parties=[RUS_MIA, AZE_MIA],
                  mentions=1, start_char=0, evidence="x", score=0.9, source="t")
    ]  # fmt: skip
    documents = [
        Document(doc_id=d, path=f"{d}.txt", date=dt.date(2018, 10, 25), n_chars=1, status="ok")
        for d in ("a", "b")
    ]
    return {
        "documents": _frame("documents", documents),
        "officials": _frame("officials", officials),
        "agencies": _frame("agencies", agencies),
        "agreements": _frame("agreements", agreements),
        "meetings": _frame("meetings", meetings),
    }


def test_gexf_has_states_bodies_people_and_dated_meeting_edges(tables, tmp_path) -> None:
    path = write_network(build_network(tables), tmp_path / "net.gexf")
    graph = nx.read_gexf(path)
    types = {n: d["type"] for n, d in graph.nodes(data=True)}
    assert types["state:RUS"] == types["state:AZE"] == "state"
    assert types[f"body:{RUS_MIA}"] == "body"
    assert types["person:Vladimir Kolokoltsev (RUS)"] == "person"
    assert graph.nodes["person:Ramil Usubov (AZE)"]["agency"] == AZE_MIA
    assert graph.nodes["state:AZE"]["name"] == "Azerbaijan"
    # Two meetings of Russia and Azerbaijan: one dated (Gephi's timeline), one not.
    meetings = [
        d for _, _, d in graph.edges("state:RUS", data=True) if d.get("relation") == "meeting"
    ]
    assert sorted(str(d.get("start")) for d in meetings) == ["2018-10-24", "None"]
    dated = next(d for d in meetings if d.get("start"))
    assert (dated["place"], dated["kind"], dated["doc_id"]) == ("Baku", "meeting", "a")
    # The two ministers met once (b's meeting names only one of them).
    pair = graph.get_edge_data("person:Vladimir Kolokoltsev (RUS)", "person:Ramil Usubov (AZE)")
    assert [d["relation"] for d in pair.values()] == ["meeting"]
    assert path.read_text(encoding="utf-8").count('timeformat="date"') == 1
    # Agreements only on request.
    assert not any(d.get("relation") == "agreement" for _, _, d in graph.edges(data=True))


def test_graphml_with_co_signed_agreements(tables, tmp_path) -> None:
    path = write_network(build_network(tables, agreements=True), tmp_path / "net.xml", "graphml")
    graph = nx.read_graphml(path)
    signed = graph.get_edge_data(f"body:{RUS_MIA}", f"body:{AZE_MIA}")
    assert [(d["relation"], d["kind"], d["start"]) for d in signed.values()] == [
        ("agreement", "protocol", "2018-10-25")  # the article's date
    ]


def test_unknown_format_is_refused(tables, tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown network format"):
        write_network(build_network(tables), tmp_path / "net.txt")


@pytest.mark.slow
def test_cli_writes_the_seeds_network(seeds_out, tmp_path) -> None:
    out = tmp_path / "new" / "seeds.gexf"
    result = CliRunner().invoke(app, ["network", str(seeds_out), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(out)
    assert graph.has_node("state:RUS") and graph.has_node("state:AZE")
    met = [
        d
        for _, other, d in graph.edges("state:RUS", data=True)
        if other == "state:AZE" and d["relation"] == "meeting"
    ]
    assert any(str(d.get("start", "")).startswith("2018-10") for d in met)


def test_cli_refuses_a_folder_without_tables(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["network", str(tmp_path), "-o", str(tmp_path / "n.gexf")])
    assert result.exit_code != 0


def test_nodes_are_keyed_by_the_corpus_ids(tables, tmp_path) -> None:
    # Two spellings of one person and of one body (ids from the corpus step): one node each.
    officials = tables["officials"].copy()
    officials["person_id"] = ["P1", "P2", "P1", "P2"]
    officials.loc[2, "name"] = "V. Kolokoltsev"
    agencies = tables["agencies"].copy()
    agencies["body_id"] = ["B1", "B2", "B1", "B2"]
    agencies.loc[2, "name"] = "MIA of Russia"
    officials.loc[2, "agency"] = "MIA of Russia"
    graph = build_network({**tables, "officials": officials, "agencies": agencies})
    path = write_network(graph, tmp_path / "net.gexf")
    back = nx.read_gexf(path)
    people = {n for n, d in back.nodes(data=True) if d["type"] == "person"}
    bodies = {n for n, d in back.nodes(data=True) if d["type"] == "body"}
    assert people == {"person:P1", "person:P2"} and bodies == {"body:B1", "body:B2"}
    assert back.nodes["person:P1"]["label"] == "Vladimir Kolokoltsev"
    works = {frozenset((a, b)) for a, b, d in back.edges(data=True) if d["relation"] == "works_for"}
    assert works == {frozenset(("person:P1", "body:B1")), frozenset(("person:P2", "body:B2"))}

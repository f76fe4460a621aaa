"""The cooperation network of a run: states, bodies and people, joined by meetings.

Nodes (`type` attribute): `state` (ISO3 id), `body` (an agencies row's
`body_id`, else its name), `person` (an officials row's `person_id`, else its name
with its state): the ids of the corpus step join one body or person's rows across
documents and spellings. Edges (`relation` attribute):
- `meeting`: the states of a meeting with each other, and its participants with
  each other; one edge per meeting (a multigraph), with the meeting's date as
  the edge's `start`, so Gephi's timeline plays the meetings in order;
- `works_for` person -> body, `belongs_to` body -> state, `serves` person ->
  state (people without a body);
- with `agreements=True`, `agreement`: parties of an agreement signed or agreed
  in the same document (bodies or states), dated like its meeting's article.
Written as GEXF (Gephi) or GraphML through networkx; attribute values are
strings or numbers (lists `; `-joined, missing values left out), as both formats
require.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pycountry

from coopnlp.io.atomic import write_text_atomic
from coopnlp.records.tables import LIST_SEPARATOR

FORMATS = ("gexf", "graphml")
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
DATED_AGREEMENTS = ("signed", "agreed")


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes both formats can write: no nulls, lists joined, dates as ISO text."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if isinstance(value, list | tuple):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        elif value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        elif isinstance(value, pd.Timestamp):
            value = value.date().isoformat()
        elif hasattr(value, "item"):  # numpy scalars
            value = value.item()
        out[key] = value
    return out


def _state_name(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    return country.name if country is not None else iso3


def state_node(iso3: str) -> str:
    return f"state:{iso3}"


def body_node(name: str, body_id: str | None = None) -> str:
    return f"body:{body_id}" if body_id else f"body:{name}"


def person_node(name: str, country: str | None, person_id: str | None = None) -> str:
    if person_id:
        return f"person:{person_id}"
    return f"person:{name} ({country})" if country else f"person:{name}"


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _cells(value: Any) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    return [str(v) for v in value]


def build_network(tables: dict[str, pd.DataFrame], agreements: bool = False) -> nx.MultiGraph:
    """The network of the tables `coopnlp.load` returns (see the module docstring)."""
    graph = nx.MultiGraph()
    empty = pd.DataFrame()
    officials = tables.get("officials", empty)
    agencies = tables.get("agencies", empty)
    meetings = tables.get("meetings", empty)

    def add_state(iso3: str) -> str:
        node = state_node(iso3)
        if node not in graph:
            graph.add_node(node, label=iso3, type="state", name=_state_name(iso3))
        return node

    # A body is its body_id (one body in every document), else its name; an official's
    # agency and an agreement's party find it by name, in their document first.
    bodies: dict[tuple[str, str], str] = {}
    body_names: dict[str, str] = {}
    for body in agencies.itertuples(index=False):
        node = body_node(body.name, _text(getattr(body, "body_id", None)))
        bodies.setdefault((body.doc_id, body.name), node)
        body_names.setdefault(body.name, node)
        if node in graph:
            continue
        graph.add_node(
            node, **_clean({"label": body.name, "type": "body", "kind": str(body.kind),
                            "country": body.country})
        )  # fmt: skip
        if isinstance(body.country, str):
            graph.add_edge(node, add_state(body.country), relation="belongs_to")
    # A person is their person_id (the corpus step's identity); without one, the same
    # name and state across documents is taken as the same person.
    people: dict[tuple[str, str], str] = {}
    for person in officials.itertuples(index=False):
        country = person.country if isinstance(person.country, str) else None
        node = person_node(person.name, country, _text(getattr(person, "person_id", None)))
        people[(person.doc_id, person.name)] = node
        if node in graph:
            continue
        graph.add_node(
            node,
            **_clean({"label": person.name, "type": "person", "country": country,
                      "title": person.title, "rank": person.rank, "agency": person.agency}),
        )  # fmt: skip
        agency = _text(person.agency)
        body = bodies.get((person.doc_id, agency)) or body_names.get(agency) if agency else None
        if body is not None:
            graph.add_edge(node, body, relation="works_for")
        elif country:
            graph.add_edge(node, add_state(country), relation="serves")
    for meeting in meetings.itertuples(index=False):
        attrs = _clean(
            {
                "relation": "meeting",
                "kind": str(meeting.kind),
                "status": str(meeting.status),
                "start": None if pd.isna(meeting.date) else pd.Timestamp(meeting.date),
                "place": meeting.place,
                "place_country": meeting.place_country,
                "doc_id": meeting.doc_id,
            }
        )
        for a, b in combinations(sorted(set(_cells(meeting.countries))), 2):
            graph.add_edge(add_state(a), add_state(b), **attrs)
        nodes = [people.get((meeting.doc_id, name)) for name in _cells(meeting.participants)]
        for a, b in combinations(sorted({n for n in nodes if n is not None}), 2):
            graph.add_edge(a, b, **attrs)
    if agreements:
        _add_agreements(graph, tables, add_state, bodies, body_names)
    return graph


def _add_agreements(
    graph: nx.MultiGraph,
    tables: dict[str, pd.DataFrame],
    add_state: Any,
    bodies: dict[tuple[str, str], str],
    body_names: dict[str, str],
) -> None:
    """Co-signed agreements: an edge between every two parties that are nodes."""
    agreements = tables.get("agreements", pd.DataFrame())
    documents = tables.get("documents", pd.DataFrame())
    dates = documents.set_index("doc_id")["date"] if "date" in documents else pd.Series()
    names = {str(d.get("name", "")): n for n, d in graph.nodes(data=True) if d["type"] == "state"}
    for agreement in agreements.itertuples(index=False):
        if str(agreement.status) not in DATED_AGREEMENTS:
            continue
        nodes = set()
        for party in _cells(agreement.parties):
            body = bodies.get((agreement.doc_id, party)) or body_names.get(party)
            if body is not None:
                nodes.add(body)
            elif party in names:
                nodes.add(names[party])
        date = agreement.date if not pd.isna(agreement.date) else dates.get(agreement.doc_id)
        attrs = _clean(
            {
                "relation": "agreement",
                "kind": str(agreement.kind),
                "title": agreement.title,
                "start": None if date is None or pd.isna(date) else pd.Timestamp(date),
                "doc_id": agreement.doc_id,
            }
        )
        for a, b in combinations(sorted(nodes), 2):
            graph.add_edge(a, b, **attrs)


def network_format(path: Path, fmt: str | None = None) -> str:
    """The file format: `fmt` if given, else the file's suffix."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise ValueError(f"unknown network format {chosen!r}: use .gexf or .graphml (--format)")
    return chosen


def write_network(graph: nx.MultiGraph, path: Path, fmt: str | None = None) -> Path:
    """Write the graph as GEXF or GraphML, atomically (`io.atomic`)."""
    chosen = network_format(path, fmt)
    lines = nx.generate_gexf(graph) if chosen == "gexf" else nx.generate_graphml(graph)
    return write_text_atomic(Path(path), "\n".join([XML_DECLARATION, *lines]) + "\n")


def summary(graph: nx.MultiGraph) -> dict[str, int]:
    """Nodes per type and edges per relation."""
    out: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        out[f"{data['type']} nodes"] = out.get(f"{data['type']} nodes", 0) + 1
    for _, _, data in graph.edges(data=True):
        key = f"{data['relation']} edges"
        out[key] = out.get(key, 0) + 1
    return out


def types(graph: nx.Graph, kind: str) -> Iterable[str]:
    """The nodes of one type."""
    return (n for n, d in graph.nodes(data=True) if d.get("type") == kind)

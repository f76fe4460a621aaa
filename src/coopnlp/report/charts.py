"""Plotly figures of the report, one function per chart.

Each function takes a frame from `report.data` and returns a figure, or None
when there is nothing to draw (the page then says so instead of showing an
empty frame). `to_div` turns a figure into an HTML fragment that expects
plotly.js to be on the page already: the page embeds it once, inline.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

TOP = 15
NETWORK_NODES = 30
# Fixed so that the same tables always give the same picture.
LAYOUT_SEED = 7
# Status colours stay the same whichever statuses a corpus has.
STATUS_COLORS = {
    "signed": "#54a24b",
    "agreed": "#4c78a8",
    "draft": "#f58518",
    "proposed": "#b279a2",
    "existing": "#9d9da0",
    "discussed": "#eeca3b",
}
CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}
BASE_LAYOUT = {
    "template": "plotly_white",
    "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
    "font": {"family": "system-ui, sans-serif", "size": 12},
}


def plotly_js() -> str:
    """The plotly.js bundle that ships with the plotly package (no network needed)."""
    return get_plotlyjs()


def to_div(fig: go.Figure, div_id: str) -> str:
    """An HTML fragment drawing `fig` into a div with id `div_id`."""
    return fig.to_html(
        include_plotlyjs=False, full_html=False, config=CONFIG, div_id=div_id, default_height="100%"
    )


def _layout(fig: go.Figure, title: str, height: int, **extra: object) -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0.01}, height=height, **BASE_LAYOUT, **extra)
    return fig


def timeline(frame: pd.DataFrame) -> go.Figure | None:
    """Documents and meetings per month, side by side."""
    if frame.empty:
        return None
    fig = go.Figure(
        [
            go.Bar(
                x=frame["month"], y=frame["documents"], name="documents", marker_color="#4c78a8"
            ),
            go.Bar(x=frame["month"], y=frame["meetings"], name="meetings", marker_color="#f58518"),
        ]
    )
    fig.update_xaxes(tickformat="%b %Y")
    fig.update_yaxes(title_text="per month", rangemode="tozero", dtick=1 if _small(frame) else None)
    return _layout(
        fig,
        "Documents and meetings per month",
        320,
        barmode="group",
        legend={"orientation": "h", "y": -0.2},
    )


def top_bar(frame: pd.DataFrame, label: str, title: str, color: str) -> go.Figure | None:
    """Horizontal bars of the first TOP rows of a frame with a `documents` column."""
    if frame.empty:
        return None
    top = frame.head(TOP).iloc[::-1]  # plotly draws the first category at the bottom
    fig = go.Figure(
        go.Bar(
            x=top["documents"],
            y=top[label].map(lambda s: _shorten(str(s))),
            orientation="h",
            marker_color=color,
            customdata=top[[label, "mentions"]],
            hovertemplate="%{customdata[0]}<br>%{x} documents, %{customdata[1]} mentions"
            "<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="documents", dtick=1 if top["documents"].max() <= 10 else None)
    return _layout(fig, title, 120 + 26 * len(top))


def network(pairs: pd.DataFrame, countries: pd.DataFrame) -> go.Figure | None:
    """Countries as nodes, joined when named in the same document; width = documents."""
    if pairs.empty:
        return None
    keep = set(countries.head(NETWORK_NODES)["iso3"])
    pairs = pairs[pairs["a"].isin(keep) & pairs["b"].isin(keep)]
    graph = nx.Graph()
    for row in pairs.itertuples(index=False):
        graph.add_edge(row.a, row.b, weight=row.documents)
    pos = _layout_positions(graph)
    traces = edge_traces(
        pos,
        [(r.a, r.b, r.documents) for r in pairs.itertuples()],
        [f"{r.a} – {r.b}: {r.documents} documents" for r in pairs.itertuples()],
        "rgba(76,120,168,0.5)",
    )
    info = countries.set_index("iso3")
    nodes = list(graph.nodes)
    docs = [int(info.at[n, "documents"]) if n in info.index else 0 for n in nodes]
    traces.append(
        node_trace(
            pos,
            nodes,
            [8 + 5 * math.sqrt(d) for d in docs],
            "#f58518",
            [
                [str(info.at[n, "name"]) if n in info.index else n, d]
                for n, d in zip(nodes, docs, strict=True)
            ],
            "%{customdata[0]} (%{text})<br>named in %{customdata[1]} documents<extra></extra>",
        )
    )
    fig = go.Figure(traces)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, "Countries named in the same document", 500)


def edge_traces(
    pos: dict[str, tuple[float, float]],
    edges: list[tuple[str, str, int]],
    hover: list[str],
    color: str,
) -> list[go.BaseTraceType]:
    """One line per edge (a, b, weight), width by weight, and invisible points at the
    edges' midpoints that carry their hover text."""
    heaviest = max((w for _, _, w in edges), default=1) or 1
    traces: list[go.BaseTraceType] = [
        go.Scatter(
            x=[pos[a][0], pos[b][0]],
            y=[pos[a][1], pos[b][1]],
            mode="lines",
            line={"width": 1 + 7 * w / heaviest, "color": color},
            hoverinfo="skip",
            showlegend=False,
        )
        for a, b, w in edges
    ]
    traces.append(
        go.Scatter(
            x=[(pos[a][0] + pos[b][0]) / 2 for a, b, _ in edges],
            y=[(pos[a][1] + pos[b][1]) / 2 for a, b, _ in edges],
            mode="markers",
            marker={"size": 10, "opacity": 0},
            text=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    return traces


def node_trace(
    pos: dict[str, tuple[float, float]],
    nodes: list[str],
    sizes: list[float],
    color: str,
    customdata: list,
    hovertemplate: str,
) -> go.Scatter:
    """The nodes of a network chart, labelled with their names."""
    return go.Scatter(
        x=[pos[n][0] for n in nodes],
        y=[pos[n][1] for n in nodes],
        mode="markers+text",
        text=nodes,
        textposition="top center",
        marker={"size": sizes, "color": color},
        customdata=customdata,
        hovertemplate=hovertemplate,
        showlegend=False,
    )


def _layout_positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Spring layout with a hidden hub tied to every node: without it, small separate
    groups fly to the corners and squeeze the main group into a blob."""
    hub = object()
    tied = graph.copy()
    tied.add_edges_from((hub, node) for node in graph.nodes)
    k = 1.5 / math.sqrt(tied.number_of_nodes())
    pos = nx.spring_layout(tied, k=k, iterations=300, seed=LAYOUT_SEED, weight=None)
    pos.pop(hub)
    return {node: (float(x), float(y)) for node, (x, y) in pos.items()}


def ranks(frame: pd.DataFrame) -> go.Figure | None:
    """Distinct officials per rank, senior ranks on top, coloured by service."""
    if frame.empty:
        return None
    fig = go.Figure()
    services = frame["rank_service"].fillna("unknown")
    for service in sorted(services.unique()):
        part = frame[services == service]
        fig.add_bar(
            x=part["officials"],
            y=part["rank"],
            orientation="h",
            name=str(service),
            hovertemplate="%{y}: %{x} officials<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame["rank"]))
    fig.update_xaxes(title_text="officials", dtick=1 if frame["officials"].max() <= 10 else None)
    return _layout(fig, "Officials by rank", 140 + 26 * len(frame), barmode="stack")


def agreements(frame: pd.DataFrame) -> go.Figure | None:
    """Agreements per kind, stacked by status."""
    if frame.empty:
        return None
    fig = go.Figure()
    for status in dict.fromkeys([*STATUS_COLORS, *frame["status"]]):  # known ones first
        part = frame[frame["status"] == status]
        if len(part):
            color = STATUS_COLORS.get(status)
            fig.add_bar(x=part["kind"], y=part["agreements"], name=status, marker_color=color)
    fig.update_yaxes(title_text="agreements", dtick=1 if frame["agreements"].max() <= 10 else None)
    return _layout(fig, "Agreements by kind and status", 340, barmode="stack")


def _small(frame: pd.DataFrame) -> bool:
    return int(frame[["documents", "meetings"]].max().max()) <= 10


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

"""The report's meetings: per month, who met whom, and the sortable table.

Everything comes from the `meetings` table (one row per occasion). A meeting
without its own date counts in the month of its article.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from coopnlp.report import charts

# Dates and places listed in one edge's hover text before "and N more".
HOVER_ITEMS = 8
TABLE_COLUMNS = [
    "doc_id",
    "kind",
    "status",
    "date",
    "place",
    "place_country",
    "countries",
    "participants",
    "agreements",
    "evidence",
    "score",
]


def meeting_months(meetings: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """Each meeting's month (its date, else its article's), NaT when neither is known."""
    if meetings.empty:
        return pd.Series([], dtype="datetime64[ns]")
    article = meetings["doc_id"].map(documents.set_index("doc_id")["date"])
    when = pd.to_datetime(meetings["date"]).fillna(pd.to_datetime(article))
    return when.dt.to_period("M").dt.to_timestamp()


def pairs(meetings: pd.DataFrame) -> pd.DataFrame:
    """Pairs of states that met: a, b, meetings, and the dates and places of them."""
    rows: dict[tuple[str, str], dict] = {}
    for m in meetings.itertuples(index=False):
        states = sorted(set(m.countries))
        for a, b in combinations(states, 2):
            row = rows.setdefault(
                (a, b), {"a": a, "b": b, "meetings": 0, "dates": [], "places": []}
            )
            row["meetings"] += 1
            if not pd.isna(m.date):
                row["dates"].append(pd.Timestamp(m.date).date().isoformat())
            if isinstance(m.place, str) and m.place:
                row["places"].append(str(m.place))
    columns = ["a", "b", "meetings", "dates", "places"]
    frame = pd.DataFrame(list(rows.values()), columns=columns)
    return frame.sort_values(
        ["meetings", "a", "b"], ascending=[False, True, True], ignore_index=True
    )


def _listing(items: list[str]) -> str:
    unique = sorted(set(items))
    more = len(unique) - HOVER_ITEMS
    shown = ", ".join(unique[:HOVER_ITEMS])
    return (shown + (f" and {more} more" if more > 0 else "")) or "unknown"


def network(met: pd.DataFrame) -> go.Figure | None:
    """States as nodes, an edge per pair that met; width = meetings, hover = dates, places."""
    if met.empty:
        return None
    graph = nx.Graph()
    for row in met.itertuples(index=False):
        graph.add_edge(row.a, row.b, weight=row.meetings)
    pos = charts._layout_positions(graph)
    traces = charts.edge_traces(
        pos,
        [(r.a, r.b, r.meetings) for r in met.itertuples()],
        [
            f"{r.a} – {r.b}: {r.meetings} meetings<br>dates: {_listing(r.dates)}"
            f"<br>places: {_listing(r.places)}"
            for r in met.itertuples()
        ],
        "rgba(84,162,75,0.55)",
    )
    degree = dict(graph.degree(weight="weight"))
    nodes = list(graph.nodes)
    traces.append(
        charts.node_trace(
            pos,
            nodes,
            [8 + 3 * degree[n] ** 0.5 for n in nodes],
            "#54a24b",
            [degree[n] for n in nodes],
            "%{text}: %{customdata} meetings<extra></extra>",
        )
    )
    fig = go.Figure(traces)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return charts._layout(fig, "Who met whom (states)", 500)


def table(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings as the report's sortable table shows them."""
    return meetings[[c for c in TABLE_COLUMNS if c in meetings.columns]]

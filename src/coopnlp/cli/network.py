"""`coopnlp network OUTDIR -o FILE`: the cooperation network as GEXF or GraphML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from coopnlp.corpus.network import build_network, summary, write_network
from coopnlp.records.load import load_tables

err = Console(stderr=True)


def network(
    outdir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="Output folder of extract.")
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The network file (.gexf or .graphml).")
    ] = Path("network.gexf"),
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="gexf or graphml (default: from the file's suffix)."),
    ] = None,
    agreements: Annotated[
        bool, typer.Option("--agreements", help="Add edges between co-signing parties.")
    ] = False,
) -> None:
    """Write the network of states, bodies and people joined by meetings.

    GEXF opens in Gephi with the meetings' dates on its timeline; GraphML in most
    graph tools (yEd, Cytoscape, igraph).

    Example: coopnlp network data/processed -o network.gexf
    """
    tables = load_tables(outdir)
    if "documents" not in tables:
        raise FileNotFoundError(f"no coopnlp tables in {outdir} (run `coopnlp extract` first)")
    graph = build_network(tables, agreements=agreements)
    written = write_network(graph, output, fmt)
    counted = ", ".join(f"{n} {k}" for k, n in summary(graph).items())
    err.print(f"wrote {written}: {counted}")

"""Write (or ``--check``) the span ruler's pattern files from the data files.

    python -m scripts.patterns.build                 # rewrite every pattern file
    python -m scripts.patterns.build rank title      # only these labels
    python -m scripts.patterns.build --check         # exit 1 when a shipped file is out of date
    python -m scripts.patterns.build --resources DIR # build from (and into) another data folder

Run from the repository root (``make patterns`` does). Each builder reads its
data files from the resources folder (default: ``src/coopnlp/resources``) and
writes ``patterns/<label>.jsonl`` inside it; edit the data files, never the
JSONL, then rebuild and commit both.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import agency, agreement, country, rank, title
from .common import RESOURCES, Entry, render


@dataclass(frozen=True)
class Builder:
    """One pattern file: where it goes, what it reads, how it is made."""

    name: str
    output: str
    inputs: tuple[str, ...]
    build: Callable[[Path], list[Entry]]


BUILDERS = tuple(
    Builder(module.__name__.rsplit(".", 1)[-1], module.OUTPUT, module.INPUTS, module.build)
    for module in (agency, agreement, country, rank, title)
)


def stale(builders: Sequence[Builder], data: Path) -> list[str]:
    """The output files (relative to ``data``) whose text differs from what their builder makes."""
    out = []
    for b in builders:
        path = data / b.output
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != render(b.build(data)):
            out.append(b.output)
    return out


def write(builders: Sequence[Builder], data: Path) -> list[tuple[str, int]]:
    """Write every builder's file into ``data``; (file, number of patterns) each."""
    written = []
    for b in builders:
        patterns = b.build(data)
        path = data / b.output
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(patterns), encoding="utf-8")
        written.append((b.output, len(patterns)))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    names = [b.name for b in BUILDERS]
    parser = argparse.ArgumentParser(
        prog="python -m scripts.patterns.build",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "labels", nargs="*", metavar="LABEL", help=f"only these ({', '.join(names)}; default: all)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming each file out of date with its data",
    )
    parser.add_argument(
        "--resources",
        type=Path,
        default=RESOURCES,
        metavar="DIR",
        help="the data folder (default: the package's resources)",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.labels) - set(names))
    if unknown:
        parser.error(f"unknown label {', '.join(unknown)} (choose from {', '.join(names)})")
    builders = [b for b in BUILDERS if not args.labels or b.name in args.labels]
    if args.check:
        out_of_date = stale(builders, args.resources)
        for output in out_of_date:
            print(f"{output} is out of date with its data: run make patterns", file=sys.stderr)
        return 1 if out_of_date else 0
    for output, n in write(builders, args.resources):
        print(f"wrote {n} patterns to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark of the corpus step alone (identity + corpus pass) on synthetic tables.

    python scripts/bench_identity.py [--rows 200000] [--docs 20000] [--out FILE]

Writes `documents`, `officials`, `agencies` and `countries` tables of invented people (a
pool of persons, each named in several documents under spelling variants,
initials, bare surnames, other orders, some with no state or a guessed one)
and runs `finalise_files` on them in a fresh process per size, as a run does
before its commit: read the needed columns, resolve, rewrite the two tables,
write `persons` and `bodies`. Prints seconds and the peak RSS of the step's
process (and what the step added to it), for `--rows` and for a quarter and
half of it, so growth with the corpus shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = ("ka", "ri", "mo", "zhan", "lev", "to", "sar", "bek", "nu", "dim", "khal", "ya",
             "or", "ul", "vin", "ts", "eg", "pol", "an", "shu", "ro", "mir", "gul",
             "ta")  # fmt: skip
SUFFIXES = ("ov", "ev", "enko", "yan", "zoda", "ski", "ayev", "uly", "", "in")
STATES = ("RUS", "KAZ", "UZB", "TJK", "KGZ", "AZE", "ARM", "BLR", "CHN", "VNM", "KOR", "IRN",
          "TUR", "IND", "PAK", "MNG", "SRB", "ARE", "EGY", "NGA")  # fmt: skip
TITLES = ("Interior Minister", "Deputy Minister of Internal Affairs", "Chief of Police",
          "Head of the Border Service", "Ambassador", "Prosecutor General")  # fmt: skip


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _variant(rng: random.Random, given: str, surname: str) -> str:
    """One written form of a name."""
    roll = rng.random()
    if roll < 0.55:
        return f"{given} {surname}"
    if roll < 0.65:
        return f"{given[0]}. {surname}"
    if roll < 0.75:
        return surname
    if roll < 0.82:
        return f"{surname} {given}"
    spelled = surname.replace("kh", "h").replace("ya", "ia").replace("zh", "j")
    return f"{given} {spelled}"


def make_tables(n_rows: int, n_docs: int, folder: Path, seed: int = 0) -> dict[str, Path]:
    """The three input tables as Parquet files in `folder`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from coopnlp.records.models import TABLES
    from coopnlp.records.tables import arrow_schema

    rng = random.Random(seed)
    people = [
        (_word(rng, 2), _word(rng, 3) + rng.choice(SUFFIXES), rng.choice(STATES))
        for _ in range(max(1, n_rows // 5))
    ]
    start = dt.date(2015, 1, 1)
    documents = {
        "doc_id": [f"{i:07d}" for i in range(n_docs)],
        "path": [f"{i:07d}.txt" for i in range(n_docs)],
        "date": [start + dt.timedelta(days=rng.randrange(3000)) for _ in range(n_docs)],
        "n_chars": [2000] * n_docs,
        "status": ["ok"] * n_docs,
    }
    official_columns = ("doc_id", "name", "title", "agency", "country", "mentions", "start_char",
                        "evidence", "score", "source")  # fmt: skip
    agency_columns = ("doc_id", "name", "kind", "country", "aliases", "mentions", "start_char",
                      "score", "source")  # fmt: skip
    officials: dict[str, list] = {k: [] for k in official_columns}
    agencies: dict[str, list] = {k: [] for k in agency_columns}
    people_state: list[str] = []
    for i in range(n_rows):
        doc = f"{i * n_docs // n_rows:07d}"
        # A few people in many documents, most in one or two.
        given, surname, state = people[int(len(people) * rng.random() ** 2.5)]
        people_state.append(state)
        agency = f"Ministry of Internal Affairs of {state}"
        roll = rng.random()
        country, source = state, "model:ner>country:left"
        if roll < 0.15:
            country, source = None, "model:ner"
        elif roll < 0.25:
            country, source = rng.choice(STATES), "model:ner>country:other_side"
        officials["doc_id"].append(doc)
        officials["name"].append(_variant(rng, given, surname))
        officials["title"].append(rng.choice(TITLES) if rng.random() < 0.7 else None)
        officials["agency"].append(agency if country == state and rng.random() < 0.8 else None)
        officials["country"].append(country)
        officials["mentions"].append(1)
        officials["start_char"].append(0)
        officials["evidence"].append(f"{given} {surname} met his counterpart.")
        officials["score"].append(0.8)
        officials["source"].append(source)
        if rng.random() < 0.5:
            agencies["doc_id"].append(doc)
            agencies["name"].append(agency)
            agencies["kind"].append("ministry")
            agencies["country"].append(state if rng.random() < 0.9 else None)
            agencies["aliases"].append([f"{state} Interior Ministry"])
            agencies["mentions"].append(1)
            agencies["start_char"].append(0)
            agencies["score"].append(0.9)
            agencies["source"].append("registry")
    # The states each document names: its people's and the sides it guessed.
    docs, stated = officials["doc_id"], officials["country"]
    named = sorted({(docs[i], c) for i in range(n_rows) for c in (stated[i], people_state[i]) if c})
    countries = {"doc_id": [d for d, _ in named], "iso3": [c for _, c in named],
                 "name": [c for _, c in named], "mentions": [1] * len(named),
                 "start_char": [0] * len(named), "score": [1.0] * len(named),
                 "source": ["gazetteer"] * len(named)}  # fmt: skip
    officials["doc_country"] = list(officials["country"])
    officials["doc_agency"] = list(officials["agency"])
    officials["doc_score"] = list(officials["score"])
    agencies["doc_country"] = list(agencies["country"])
    agencies["doc_score"] = list(agencies["score"])
    # Rows in document order, as a run writes them.
    order = sorted(range(len(agencies["doc_id"])), key=agencies["doc_id"].__getitem__)
    agencies = {k: [v[i] for i in order] for k, v in agencies.items()}
    paths = {}
    for name, columns in (("documents", documents), ("officials", officials),
                          ("agencies", agencies), ("countries", countries), ("persons", {}),
                          ("bodies", {})):  # fmt: skip
        schema = arrow_schema(TABLES[name])
        n = len(next(iter(columns.values()))) if columns else 0
        full = {f.name: columns.get(f.name, [None] * n) for f in schema}
        paths[name] = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pydict(full, schema=schema), paths[name])
    return paths


def child(folder: Path) -> dict[str, float]:
    """The step on the tables in `folder`, in this fresh process."""
    from coopnlp.corpus.resolve import finalise_files

    paths = {p.stem: p for p in folder.glob("*.parquet")}
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    counts = finalise_files(paths, "parquet")
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_rss_mb": peak, "step_rss_mb": peak - before, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="officials rows")
    parser.add_argument("--docs", type=int, default=20_000, help="documents")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    results = []
    for share in (4, 2, 1):
        rows, docs = args.rows // share, args.docs // share
        with tempfile.TemporaryDirectory() as tmp:
            make_tables(rows, docs, Path(tmp))
            out = subprocess.run(
                [sys.executable, __file__, "--child", tmp],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = {"rows": rows, "docs": docs, **json.loads(out.stdout)}
        results.append(figures)
        print(
            f"{rows:>8,} officials rows, {docs:>6,} documents: {figures['seconds']:6.2f} s, "
            f"peak RSS {figures['peak_rss_mb']:6.0f} MB (step +{figures['step_rss_mb']:.0f} MB), "
            f"{figures['persons']:,} persons, {figures['bodies']:,} bodies"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

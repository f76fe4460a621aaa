"""Throughput benchmark: bare spaCy vs. `coopnlp extract` on the same texts.

    python scripts/bench.py [--docs N] [--out bench/results.json]

Builds N articles from ../shared/corpus/**/*.txt (paragraphs shuffled,
capitalised words swapped between articles, so every text differs), then runs
each configuration in a fresh subprocess, so peak RSS is per run:

- anchor: bare `nlp.pipe` of the base English pipeline over the texts;
- extract: `coopnlp extract` end to end (read, clean, pipeline, records,
  write) with 1 process and with every core;
- rerun: the same extract again into the same output (nothing changed);
- long: one long document (100,000, 500,000 and 2,000,000 characters by
  default, articles joined) extracted with 1 process: seconds per 100,000
  characters and peak RSS, so that time grows linearly and memory stays flat
  (`--only-long` runs just these).

The configurations run `--repeat` times, interleaved round by round, and each
is reported by its fastest run (with the median beside it): on a shared
machine a single run can be slowed by a tenth by other work. Prints words/s,
documents/s, the ratios to the anchor and peak RSS, and writes them as JSON.
Pipeline loading is timed apart and not counted in words/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")


def build_corpus(source: Path, n_docs: int, outdir: Path, seed: int = 0) -> int:
    """Write `n_docs` varied articles into `outdir`; returns their word count."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(source.glob("**/*.txt"))]
    pool = sorted({w for t in texts for w in CAPITALISED.findall(t)})
    outdir.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n_docs):
        head, *paragraphs = rng.choice(texts).split("\n")
        rng.shuffle(paragraphs)  # the first line holds the date header: it stays first
        text = "\n".join([head, *paragraphs])
        for old in rng.sample(sorted(set(CAPITALISED.findall(text))) or [""], k=1):
            if old:
                text = re.sub(rf"\b{old}\b", rng.choice(pool), text)
        (outdir / f"{i:07d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def build_long(source: Path, n_chars: int, outdir: Path) -> int:
    """Write one document of about `n_chars` characters (varied articles joined by
    blank lines) into `outdir`; returns its length."""
    from coopnlp.io.clean import clean

    outdir.mkdir(parents=True, exist_ok=True)
    articles = Path(tempfile.mkdtemp(prefix="long-", dir=outdir.parent))
    n_docs = max(1, n_chars // 500 + 1)
    build_corpus(source, n_docs, articles)
    parts, total = [], 0
    for path in sorted(articles.glob("*.txt")):
        # Prose paragraphs only (over 200 characters): a heading or furniture
        # line of one article ("Related articles") would cut the joined text.
        cleaned = clean(path.read_text(encoding="utf-8")).text
        text = "\n\n".join(p.strip() for p in cleaned.split("\n") if len(p.strip()) > 200)
        if not text:
            continue
        parts.append(text)
        total += len(text) + 2
        if total >= n_chars:
            break
    text = "\n\n".join(parts)[:n_chars]
    (outdir / "long.txt").write_text(text, encoding="utf-8")
    return len(text)


def long_rows(source: Path, sizes: list[int], repeat: int, tmp: Path) -> list[dict[str, float]]:
    """Seconds per 100,000 characters and peak RSS of one long document per size."""
    rows = []
    for n_chars in sizes:
        corpus = tmp / f"long_{n_chars}"
        length = build_long(source, n_chars, corpus)
        runs = [
            run_child("extract", corpus, tmp / f"long_out_{n_chars}_{k}", 1) for k in range(repeat)
        ]
        r = best(runs)
        r["chars"] = length
        r["seconds_per_100k"] = r["seconds"] / length * 100_000
        rows.append(r)
        print(
            f"long document {length:>9} chars: {r['seconds']:.1f} s, "
            f"{r['seconds_per_100k']:.2f} s per 100k chars, peak RSS {r['peak_rss_mb']:.0f} MB",
            flush=True,
        )
    return rows


def peak_rss_mb() -> float:
    """Peak RSS of this process or of any of its (spaCy worker) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def child(mode: str, corpus: Path, outdir: Path, n_process: int) -> dict[str, float]:
    """One configuration, run in this (fresh) process."""
    started = time.perf_counter()
    if mode == "anchor":
        import spacy

        from coopnlp.pipeline.build import base_model_name

        nlp = spacy.load(base_model_name())
        loaded = time.perf_counter()
        texts = (p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
        n_docs = sum(1 for _ in nlp.pipe(texts, batch_size=32))
    else:
        from coopnlp.engine.local import extract
        from coopnlp.pipeline.build import load_pipeline

        nlp = load_pipeline()
        loaded = time.perf_counter()
        summary = extract(corpus, outdir, nlp, n_process=n_process)
        n_docs = sum(summary.statuses.values())
    done = time.perf_counter()
    return {
        "load_seconds": loaded - started,
        "seconds": done - loaded,
        "docs": n_docs,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_child(mode: str, corpus: Path, outdir: Path, n_process: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", mode, str(corpus), str(outdir), str(n_process)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest of a configuration's runs, with the median time beside it.

    Other work on the machine only ever adds time, so the fastest run is the
    best estimate of the code's own speed (as `timeit` reports the minimum).
    """
    times = sorted(r["seconds"] for r in runs)
    fastest = min(runs, key=lambda r: r["seconds"])
    return {
        **fastest,
        "median_seconds": times[len(times) // 2],
        "all_seconds": [r["seconds"] for r in runs],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="articles in the corpus")
    parser.add_argument("--source", type=Path, default=CORPUS, help="folder of real articles")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds of every configuration, interleaved"
    )
    parser.add_argument(
        "--scale-docs", type=int, default=0, help="also extract this many, to compare peak RSS"
    )
    parser.add_argument(
        "--long-chars",
        default="100000,500000,2000000",
        help="sizes of the long-document rows, comma-separated ('' for none)",
    )
    parser.add_argument("--only-long", action="store_true", help="run only the long rows")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, corpus, outdir, n = args.child
        print(json.dumps(child(mode, Path(corpus), Path(outdir), int(n))))
        return
    long_sizes = [int(n) for n in args.long_chars.split(",") if n.strip()]
    if args.only_long:
        with tempfile.TemporaryDirectory(prefix="coopnlp-bench-") as tmp:
            rows = long_rows(args.source, long_sizes, args.repeat, Path(tmp))
        _write(args.out.with_name("long.json"), {"repeat": args.repeat, "long": rows})
        return
    cores = os.cpu_count() or 1
    counts = sorted({1, cores})
    rounds: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="coopnlp-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        words = build_corpus(args.source, args.docs, corpus)
        # Rounds interleave the configurations, so a slow spell of the machine
        # falls on all of them rather than on one.
        for k in range(args.repeat):
            rounds.setdefault("anchor", []).append(
                run_child("anchor", corpus, Path(tmp) / "unused", 1)
            )
            for n in counts:
                out = Path(tmp) / f"out{n}_{k}"
                rounds.setdefault(f"extract_{n}p", []).append(run_child("extract", corpus, out, n))
            again = run_child("extract", corpus, Path(tmp) / f"out{cores}_{k}", cores)
            rounds.setdefault(f"rerun_{cores}p", []).append(again)
            print(
                f"round {k + 1}/{args.repeat}: "
                + ", ".join(f"{name} {runs[-1]['seconds']:.1f} s" for name, runs in rounds.items()),
                flush=True,
            )
        if args.scale_docs:
            big = Path(tmp) / "big"
            build_corpus(args.source, args.scale_docs, big)
            scaled = run_child("extract", big, Path(tmp) / "out_big", cores)
        long = long_rows(args.source, long_sizes, args.repeat, Path(tmp))
    runs = {name: best(r) for name, r in rounds.items()}
    anchor = runs["anchor"]["seconds"]
    print(f"{args.docs} documents, {words} words, {cores} cores, fastest of {args.repeat} runs")
    print(
        f"{'run':<14}{'words/s':>10}{'docs/s':>9}{'x anchor':>10}"
        f"{'median s':>10}{'load s':>8}{'RSS MB':>9}"
    )
    for name, r in runs.items():
        r["words_per_second"] = words / r["seconds"]
        r["docs_per_second"] = r["docs"] / r["seconds"]
        r["ratio_to_anchor"] = anchor / r["seconds"]
        print(
            f"{name:<14}{r['words_per_second']:>10.0f}{r['docs_per_second']:>9.1f}"
            f"{r['ratio_to_anchor']:>10.2f}{r['median_seconds']:>10.1f}"
            f"{r['load_seconds']:>8.1f}{r['peak_rss_mb']:>9.0f}"
        )
    one, many = runs["extract_1p"]["seconds"], runs[f"extract_{cores}p"]["seconds"]
    summary = {
        "docs": args.docs,
        "words": words,
        "cores": cores,
        "repeat": args.repeat,
        "runs": runs,
        "speedup_all_cores": one / many,
        "rerun_fraction": runs[f"rerun_{cores}p"]["seconds"] / many,
        "long": long,
        # The same ratios round by round: how far the machine moved them.
        "per_round": [
            {
                "extract_1p_to_anchor": a["seconds"] / e1["seconds"],
                "speedup_all_cores": e1["seconds"] / en["seconds"],
            }
            for a, e1, en in zip(
                rounds["anchor"], rounds["extract_1p"], rounds[f"extract_{cores}p"], strict=True
            )
        ],
    }
    print(f"{cores} processes: {summary['speedup_all_cores']:.2f} x 1 process")
    print(f"re-run with nothing changed: {summary['rerun_fraction']:.1%} of the first run")
    spread = summary["per_round"]
    for key, label in (
        ("extract_1p_to_anchor", "1 process x anchor"),
        ("speedup_all_cores", f"{cores} processes x 1 process"),
    ):
        values = [r[key] for r in spread]
        print(f"round by round, {label}: {min(values):.2f}-{max(values):.2f}")
    if args.scale_docs:
        ratio = scaled["peak_rss_mb"] / runs[f"extract_{cores}p"]["peak_rss_mb"]
        summary["scaled"] = {"docs": args.scale_docs, **scaled, "rss_ratio": ratio}
        print(f"peak RSS at {args.scale_docs} documents: {ratio:.2f} x at {args.docs}")
    _write(args.out, summary)


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"written {path}")


if __name__ == "__main__":
    main()

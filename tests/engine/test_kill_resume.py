"""A run killed with SIGKILL leaves the previous tables (or none); a rerun completes.

The rerun and the uninterrupted reference run are processes with different
hash seeds, so this also checks that tables do not depend on set ordering.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from coopnlp.engine.local import extract
from coopnlp.io.outdir import MARKER
from coopnlp.records.models import TABLES

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
COPIES = 12  # of the five seeds: 60 articles, far more than a few seconds of work


def _corpus(root: Path) -> Path:
    root.mkdir()
    for k in range(COPIES):
        for seed in sorted(RAW.glob("*.txt")):
            # A line of its own keeps every copy distinct (no duplicates).
            head, _, rest = seed.read_text(encoding="utf-8").partition("\n")
            text = f"{head}\nCopy {k} of this report.\n{rest}"
            (root / f"{k:02d}_{seed.name}").write_text(text, encoding="utf-8")
    return root


def _start(corpus: Path, out: Path, hash_seed: str) -> subprocess.Popen[bytes]:
    code = "from coopnlp.cli.app import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "extract", str(corpus), "-o", str(out), "--quiet"],
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _writing(out: Path, pid: int) -> bool:
    """True once the process's sink has opened its temporary tables."""
    return out.is_dir() and any(p.name.startswith(f".documents.{pid}.") for p in out.iterdir())


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


@pytest.mark.slow
def test_killed_run_keeps_previous_tables_and_rerun_matches(nlp, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out, fresh, ref = tmp_path / "out", tmp_path / "fresh", tmp_path / "ref"
    extract(RAW, out, nlp)  # the previous run's tables
    before = _snapshot(out)
    assert sorted(before) == sorted(f"{name}.parquet" for name in TABLES)

    runs = [_start(corpus, out, "101"), _start(corpus, fresh, "202")]
    for proc, folder in zip(runs, (out, fresh), strict=True):
        while not _writing(folder, proc.pid):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.2)
    time.sleep(3)  # well into the corpus, far from its end
    for proc in runs:
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.kill()
        assert proc.wait() == -9

    # Killed mid-run: the previous tables, byte for byte, or no tables at all.
    assert _snapshot(out) == before
    assert _snapshot(fresh) == {}
    assert any(p.name.startswith(".") for p in out.iterdir())  # its unfinished temp tables

    # The rerun and an uninterrupted reference run, side by side.
    finishing = [_start(corpus, out, "303"), _start(corpus, ref, "404")]
    for proc in finishing:
        _, stderr = proc.communicate()
        assert proc.returncode == 0, stderr.decode()
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != MARKER]
    assert not leftovers  # cleared
    documents = pq.read_table(out / "documents.parquet")
    assert documents.num_rows == 5 * COPIES  # every article once, none twice
    assert set(documents.column("status").to_pylist()) == {"ok"}
    for name in TABLES:
        got, want = pq.read_table(out / f"{name}.parquet"), pq.read_table(ref / f"{name}.parquet")
        assert got.equals(want), name

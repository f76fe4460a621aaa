"""Split a corpus set into the development fold and the held-out fold.

    python scripts/fold.py SET_DIR OUT_DIR --fold held|open

The held-out fold is every second article of `dev2` by file name (c02, c04,
... c50: 25 world-wide articles) that nobody working on the rules reads; the
open fold is the rest. `make eval` scores both, so the gap between them is
our own estimate of what unseen articles will show. The rule is by position
in the sorted file list, not by content, so nobody picks the easy ones.

Writes OUT_DIR/docs/ (copies of the fold's articles) and OUT_DIR/gold.jsonl
(their gold lines, in the set's order).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path


def fold_ids(docs: list[Path], fold: str) -> set[str]:
    """Doc ids of the fold: held = 2nd, 4th, ... file of the sorted list."""
    ordered = sorted(docs, key=lambda p: p.name)
    held = {p.stem for i, p in enumerate(ordered) if i % 2 == 1}
    return held if fold == "held" else {p.stem for p in ordered} - held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--fold", choices=("held", "open"), required=True)
    args = parser.parse_args()
    docs = [p for p in (args.set_dir / "docs").iterdir() if p.is_file()]
    ids = fold_ids(docs, args.fold)
    out_docs = args.out_dir / "docs"
    if out_docs.exists():
        shutil.rmtree(out_docs)
    out_docs.mkdir(parents=True)
    for p in docs:
        if p.stem in ids:
            shutil.copy2(p, out_docs / p.name)
    lines = (args.set_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if ln.strip() and json.loads(ln)["doc_id"] in ids]
    (args.out_dir / "gold.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{args.fold} fold of {args.set_dir.name}: {len(ids)} articles -> {args.out_dir}")


if __name__ == "__main__":
    main()

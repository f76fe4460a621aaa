"""List officials errors of an extract against gold: wrong country, false and missed people.

usage: python scripts/official_errors.py GOLD.jsonl OUTDIR [--country-only]

Each wrong country prints gold vs output and the `source` of the row (which placing
strategy set the state). Never run it on the held-out fold of dev2.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from coopnlp.evaluate import _match_officials, load_gold


def main(gold_path: str, outdir: str, country_only: bool = False) -> None:
    gold = load_gold(Path(gold_path))
    table = pd.read_parquet(Path(outdir) / "officials.parquet")
    table = table.astype(object).where(table.notna(), None)
    for doc_id in sorted(gold):
        rows = table[table["doc_id"] == doc_id].sort_values("start_char").to_dict("records")
        officials = gold[doc_id].get("officials") or []
        pairs = _match_officials(officials, rows)
        for gi, pj in pairs:
            g, p = officials[gi], rows[pj]
            if g.get("country") != p["country"]:
                steps = re.split(r"[>,+]", p["source"] or "")
                strategy = [s for s in steps if s.startswith("country:")]
                print(
                    f"{doc_id}\tCOUNTRY\t{p['name']}\tgold={g.get('country')}\tout={p['country']}"
                    f"\tdoc={p['doc_country']}\t{','.join(strategy) or '-'}\t{p['title']}"
                )
        if country_only:
            continue
        for pj in sorted(set(range(len(rows))) - {pj for _, pj in pairs}):
            p = rows[pj]
            print(f"{doc_id}\tFP\t{p['name']}\t{p['title']}\t{(p['evidence'] or '')[:140]}")
        for gi in sorted(set(range(len(officials))) - {gi for gi, _ in pairs}):
            g = officials[gi]
            print(f"{doc_id}\tFN\t{g['name']}\t{g.get('title')}\t{g.get('country')}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--country-only" in sys.argv[3:])

"""List the meetings errors of one set: gold vs output, by the evaluator's matching.

    python scripts/meeting_errors.py GOLD.jsonl OUTDIR

Per document: gold meetings no output matched (FN), output rows that match none
(FP), and for matched pairs the participants missed or extra and the kind,
status, place country, month and countries that differ. For seeds, dev and the
open fold of dev2 only: the held-out fold is scored, never read (it refuses a
path with "held" in it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from coopnlp.evaluate import _match_meetings, _match_officials, _month, load_gold, load_predictions


def _show(m: dict[str, Any]) -> str:
    countries = sorted(m.get("countries") or [])
    return (
        f"{m.get('kind')}/{m.get('status')} {m.get('date')} {m.get('place_country')} "
        f"C={countries} P={m.get('participants')}"
    )


def _differences(g: dict[str, Any], p: dict[str, Any]) -> list[str]:
    """What a matched pair gets wrong."""
    g_people, p_people = g.get("participants") or [], p.get("participants") or []
    pairs = _match_officials([{"name": n} for n in g_people], [{"name": n} for n in p_people])
    out = []
    missed = [n for i, n in enumerate(g_people) if i not in {a for a, _ in pairs}]
    extra = [n for j, n in enumerate(p_people) if j not in {b for _, b in pairs}]
    if missed:
        out.append(f"P-miss {missed}")
    if extra:
        out.append(f"P-extra {extra}")
    for key in ("kind", "status", "place_country"):
        if (g.get(key) or p.get(key)) and g.get(key) != p.get(key):
            out.append(f"{key} {g.get(key)}->{p.get(key)}")
    if (g.get("date") or p.get("date")) and _month(g.get("date")) != _month(p.get("date")):
        out.append(f"month {g.get('date')}->{p.get('date')}")
    if set(g.get("countries") or []) != set(p.get("countries") or []):
        out.append(
            f"countries {sorted(g.get('countries') or [])}->{sorted(p.get('countries') or [])}"
        )
    return out


def main(gold_path: Path, outdir: Path) -> None:
    if "held" in str(gold_path) or "held" in str(outdir):
        sys.exit("the held-out fold is scored, never read")
    gold, pred = load_gold(gold_path), load_predictions(outdir)
    for doc_id in sorted(gold):
        g = gold[doc_id].get("meetings") or []
        p = (pred.get(doc_id) or {}).get("meetings") or []
        pairs = _match_meetings(g, p)
        lines = []
        for gi, pj, _ in pairs:
            if wrong := _differences(g[gi], p[pj]):
                lines.append(f"  MATCH {_show(g[gi])}\n     " + "; ".join(wrong))
        lines += [f"  FN {_show(m)}" for i, m in enumerate(g) if i not in {a for a, _, _ in pairs}]
        lines += [f"  FP {_show(m)}" for j, m in enumerate(p) if j not in {b for _, b, _ in pairs}]
        if lines:
            print(doc_id, *lines, sep="\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

"""Train the officials' state linker and write its weights file.

    python scripts/train_state_linker.py [--corpus ../shared/corpus] [--out FILE]

Runs the pipeline (without a linker) over the training documents: seeds, dev and the
OPEN fold of dev2 (`scripts/fold.py`; the held-out fold is never read). Every
official the evaluation matches to a gold official gives one training group: its
candidate states with their features (`coopnlp.pipeline.state_linker.features`),
labelled by the gold state. A logistic regression (scikit-learn, fixed seed) learns
candidate -> is the person's state. Cross-validation by document (5 folds) compares
the set-ups (rules alone, the linker alone, the linker overruling weak placements at
several thresholds); the best set-up by cross-validated accuracy of the official's
state (the evaluation's `officials.country`: a null against a null is not counted)
is trained on all groups and written with its figures to the weights file.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from coopnlp.evaluate import _match_officials, load_gold
from coopnlp.pipeline.state_linker import FEATURES, StateModel, features, rule_strategy
from coopnlp.resources import resource_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fold import fold_ids

SEED = 13
FOLDS = 5
C = 1.0  # inverse L2 strength
OUT = resource_path("officials/state_linker.json")
# Weak placements the linker may overrule, from narrowest to widest.
WEAK_SETS = {
    "other_side": ("other_side",),
    "guesses": ("other_side", "same_list", "none"),
    "fallbacks": ("other_side", "same_list", "known_people", "delegation", "none"),
}
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass
class Group:
    """One matched official: its candidates, their features, the gold and the rules."""

    doc: str
    gold: str | None
    rule: str | None  # the rules' state in the officials row
    strategy: str  # the rules' placing strategy, "none" for no state
    fixed: bool  # the person's body decides the state (a state or an international body)
    states: list[str | None]
    x: list[list[float]]


class Recorder(StateModel):
    """A linker that never places: it records each person's candidates for training."""

    def __init__(self) -> None:
        super().__init__(np.zeros(len(FEATURES)), 0.0, 1.0, frozenset())
        object.__setattr__(self, "seen", [])

    def relink(self, person: Any, scene: Any) -> float | None:
        agency = person.agency
        fixed = bool(agency and (agency["country"] or agency["kind"] == "international"))
        self.seen.append((features(person, scene), rule_strategy(person) or "none", fixed))
        return None


# A training set: its documents' folder, its gold file and the doc ids to keep (None: all).
TrainingSet = tuple[Path, Path, set[str] | None]


def training_sets(corpus: Path) -> list[TrainingSet]:
    """Seeds, dev and the open fold of dev2 (never the held-out fold)."""
    dev2 = sorted((corpus / "dev2" / "docs").iterdir())
    return [
        (corpus / "seeds" / "docs", corpus / "seeds" / "gold.jsonl", None),
        (corpus / "dev" / "docs", corpus / "dev" / "gold.jsonl", None),
        (corpus / "dev2" / "docs", corpus / "dev2" / "gold.jsonl", fold_ids(dev2, "open")),
    ]


def collect(sets: list[TrainingSet]) -> list[Group]:
    """Training groups of every matched official of the training documents."""
    from coopnlp.engine.stream import prepare
    from coopnlp.pipeline.build import load_pipeline
    from coopnlp.records.document import RawDocument

    nlp = load_pipeline()
    linker = nlp.get_pipe("coop_officials")
    groups: list[Group] = []
    for docs, gold_path, keep in sets:
        gold = load_gold(gold_path)
        for path in sorted(docs.iterdir()):
            if keep is not None and path.stem not in keep:
                continue  # the held-out fold's documents are not even read
            ready = prepare(RawDocument(path.stem, str(path), path.read_text(encoding="utf-8")))
            if ready.row is not None or ready.cleaned is None or path.stem not in gold:
                continue
            recorder = Recorder()
            linker.state_model = recorder
            doc = nlp(ready.cleaned.text)
            entries = doc._.coop.get("officials", [])
            wanted = gold[path.stem].get("officials") or []
            for gi, pj in _match_officials(wanted, entries):
                rows, strategy, fixed = recorder.seen[pj]
                groups.append(
                    Group(
                        path.stem,
                        wanted[gi].get("country"),
                        entries[pj]["country"],
                        strategy,
                        fixed,
                        [state for state, _ in rows],
                        [values for _, values in rows],
                    )
                )
    return groups


def fit(groups: list[Group], without: tuple[str, ...] = ()) -> tuple[np.ndarray, float]:
    """Weights and bias of candidate -> is the gold state (features in `without` zeroed)."""
    x = np.array([v for g in groups for v in g.x], dtype=float)
    y = np.array([s == g.gold for g in groups for s in g.states], dtype=int)
    x[:, [FEATURES.index(name) for name in without]] = 0.0
    model = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
    model.fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


@dataclass(frozen=True)
class Setup:
    name: str
    weak: tuple[str, ...]  # strategies overruled; ("*",): every person
    threshold: float
    without: tuple[str, ...] = ()  # features the model does not see


def predict(group: Group, weights: np.ndarray, bias: float, setup: Setup) -> str | None:
    """The official's state under a set-up."""
    if setup.weak != ("*",) and (group.fixed or group.strategy not in setup.weak):
        return group.rule
    probs = 1.0 / (1.0 + np.exp(-(np.array(group.x) @ weights + bias)))
    best = int(np.argmax(probs))
    return group.states[best] if probs[best] >= setup.threshold else group.rule


def subset(groups: list[Group], setup: Setup) -> list[Group]:
    """The groups a set-up's model learns from: those it may overrule (all for "*")."""
    if setup.weak in ((), ("*",)):
        return groups
    return [g for g in groups if not g.fixed and g.strategy in setup.weak]


def accuracy(pairs: list[tuple[str | None, str | None]]) -> tuple[int, int]:
    """Correct and counted states, as the evaluation counts them (null vs null: skipped)."""
    counted = [(g, p) for g, p in pairs if not (g is None and p is None)]
    return sum(g == p for g, p in counted), len(counted)


def setups() -> list[Setup]:
    rules = [name for name in FEATURES if name.startswith("rule")]
    found = [
        Setup("rules", (), 1.0),
        Setup("linker alone", ("*",), 0.0, tuple(rules)),
        Setup("linker with rule features, all", ("*",), 0.0),
    ]
    for name, weak in WEAK_SETS.items():
        found += [Setup(f"overrule {name} p>={t}", weak, t) for t in THRESHOLDS]
    # The text's evidence alone decides among the states of a weak placement.
    for name, weak in WEAK_SETS.items():
        found += [
            Setup(f"overrule {name} p>={t}, text only", weak, t, tuple(rules)) for t in THRESHOLDS
        ]
    return found


def cross_validate(groups: list[Group]) -> dict[str, tuple[int, int]]:
    """Accuracy of each set-up over folds by document (documents dealt in sorted order)."""
    docs = sorted({g.doc for g in groups})
    fold_of = {d: k % FOLDS for k, d in enumerate(docs)}
    scores = {s.name: (0, 0) for s in setups()}
    for k in range(FOLDS):
        train = [g for g in groups if fold_of[g.doc] != k]
        test = [g for g in groups if fold_of[g.doc] == k]
        for setup in setups():
            weights, bias = fit(subset(train, setup), setup.without)
            ok, n = accuracy([(g.gold, predict(g, weights, bias, setup)) for g in test])
            scores[setup.name] = (scores[setup.name][0] + ok, scores[setup.name][1] + n)
    return scores


def weights_file(groups: list[Group], setup: Setup, cv: dict[str, tuple[int, int]]) -> str:
    weights, bias = fit(subset(groups, setup), setup.without)
    data = {
        "about": "coopnlp officials' state linker: scripts/train_state_linker.py",
        "setup": setup.name,
        "weak": list(setup.weak),
        "threshold": setup.threshold,
        "features": list(FEATURES),
        "weights": [round(float(w), 6) for w in weights],
        "bias": round(bias, 6),
        "trained_on": {"officials": len(groups), "documents": len({g.doc for g in groups})},
        "cross_validation": {name: f"{ok}/{n}" for name, (ok, n) in cv.items()},
    }
    return json.dumps(data, indent=1) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--groups", type=Path, help="cache of the collected groups (JSON)")
    parser.add_argument("--setup", help="write this set-up instead of the best by CV")
    args = parser.parse_args()
    if args.groups and args.groups.exists():
        groups = [Group(**g) for g in json.loads(args.groups.read_text(encoding="utf-8"))]
    else:
        groups = collect(training_sets(args.corpus))
        if args.groups:
            args.groups.write_text(json.dumps([vars(g) for g in groups]), encoding="utf-8")
    cv = cross_validate(groups)
    for name, (ok, n) in cv.items():
        print(f"{name:40s} {ok:4d}/{n:<4d} {ok / max(n, 1):.3f}")
    # The best by CV; at a tie the earlier (more conservative) set-up.
    best = max(setups(), key=lambda s: cv[s.name][0] / max(cv[s.name][1], 1))
    chosen = next((s for s in setups() if s.name == args.setup), best)
    print(f"writing {chosen.name} -> {args.out}")
    args.out.write_text(weights_file(groups, chosen, cv), encoding="utf-8")


if __name__ == "__main__":
    main()

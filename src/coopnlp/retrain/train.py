"""Train the statistical NER on annotated spans with spaCy's own training loop.

Annotations (any format `formats` reads), plus, optionally, the pipeline's own
spans on unlabelled documents as silver data, become `.spacy` corpora; a
config from `configs/` (`ner_cpu.cfg`: the base English pipeline with its NER
trained further; `ner_trf.cfg`: a transformer-backed NER) drives
`spacy.cli.train.train`. The best model is copied to the output folder: a
spaCy pipeline directory with its own `meta.json` scores, which
`coopnlp extract --model DIR` completes with the rulers, linking and
normalisation.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.util import filter_spans, registry

from coopnlp.pipeline import model_spans  # noqa: F401  (registers coop_model_spans)
from coopnlp.retrain.formats import LABELS, Annotated

CONFIGS = {"cpu": "ner_cpu.cfg", "trf": "ner_trf.cfg"}
# Share of the documents held out to score the model (at least one document).
DEV_SHARE = 0.2


class TrainError(ValueError):
    """Training cannot start: no config, no data, or an output that is not ours to replace."""


@registry.callbacks("coopnlp.base_lookups.v1")
def base_lookups(base_model: str) -> Callable[[Language], Language]:
    """Copy the base pipeline's lookup tables (lexeme norms) into the new pipeline."""

    def copy(nlp: Language) -> Language:
        base = spacy.load(base_model, exclude=["tok2vec", "tagger", "parser", "senter", "ner"])
        for name in base.vocab.lookups.tables:
            if not nlp.vocab.lookups.has_table(name):
                nlp.vocab.lookups.set_table(name, base.vocab.lookups.get_table(name))
        return nlp

    return copy


def find_config(config: str | Path | None = None) -> Path:
    """A config path, or the name of a shipped one ("cpu", "trf") under `configs/`.

    `configs/` is looked up in the working directory, then beside the source tree.
    """
    if config is not None and Path(config).is_file():
        return Path(config)
    name = CONFIGS.get(str(config or "cpu"), str(config))
    for root in (Path.cwd(), Path(__file__).resolve().parents[3]):
        path = root / "configs" / Path(name).name
        if path.is_file():
            return path
    raise TrainError(f"no training config {config!r}: pass --config PATH")


def to_docbin(docs: Iterable[Annotated], labels: Sequence[str] = LABELS) -> DocBin:
    """Docs whose entities are the annotated spans (longest first where they overlap)."""
    nlp = spacy.blank("en")
    wanted = set(labels)
    out = DocBin(store_user_data=False)
    for ann in docs:
        doc = nlp.make_doc(ann.text)
        spans = [
            doc.char_span(m.start, m.end, label=m.label, alignment_mode="contract")
            for m in ann.spans
            if m.label in wanted
        ]
        doc.ents = filter_spans(s for s in spans if s is not None and len(s))
        out.add(doc)
    return out


def split(docs: Sequence[Annotated], seed: int = 0) -> tuple[list[Annotated], list[Annotated]]:
    """(train, dev); with a single document both are that document."""
    docs = list(docs)
    if len(docs) < 2:
        return docs, docs
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    n_dev = max(1, round(len(docs) * DEV_SHARE))
    dev = {order[i] for i in range(n_dev)}
    return [d for i, d in enumerate(docs) if i not in dev], [docs[i] for i in sorted(dev)]


def _replaceable(output: Path) -> None:
    """Refuse to replace a folder that is neither empty nor a spaCy pipeline."""
    if output.exists() and any(output.iterdir()) and not (output / "config.cfg").exists():
        raise TrainError(f"{output} exists and is not a spaCy pipeline; choose another -o")


def train(
    docs: Sequence[Annotated],
    output: str | Path,
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    silver: Sequence[Annotated] = (),
    gpu_id: int = -1,
) -> Path:
    """Train and write the best pipeline to `output`; returns `output`."""
    from spacy.cli.train import train as spacy_train

    from coopnlp.pipeline.build import base_model_name

    output = Path(output)
    _replaceable(output)
    if not docs:
        raise TrainError("no annotated documents")
    config_path = find_config(config)
    paths = spacy.util.load_config(config_path).get("paths", {})
    if (
        "transformer" in paths
        and not paths["transformer"]
        and not (overrides or {}).get("paths.transformer")
    ):
        raise TrainError(f"{config_path.name} needs a transformer: pass --transformer PATH")
    train_docs, dev_docs = split(docs)
    with tempfile.TemporaryDirectory(prefix="coopnlp-train-") as tmp:
        work = Path(tmp)
        to_docbin([*train_docs, *silver]).to_disk(work / "train.spacy")
        to_docbin(dev_docs).to_disk(work / "dev.spacy")
        settings = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "paths.base_model": base_model_name(),
            **(overrides or {}),
        }
        spacy_train(config_path, work / "out", use_gpu=gpu_id, overrides=settings)
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(work / "out" / "model-best", output)
    _name(output)
    return output


def _name(output: Path) -> None:
    """Name the pipeline in its meta.json after its folder (spaCy calls every one "pipeline")."""
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["name"] = re.sub(r"\W+", "_", output.name).strip("_").lower() or "coopnlp_ner"
    meta["description"] = "coopnlp NER from `coopnlp train`; use with coopnlp extract --model"
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")

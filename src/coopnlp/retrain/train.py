"""Train the statistical NER on annotated spans with spaCy's own training loop.

Annotations (any format `formats` reads), plus, optionally, the pipeline's own
spans on unlabelled documents as silver data, become `.spacy` corpora; a
config from `configs/` (`ner_cpu.cfg`: the base English pipeline with its NER
trained further; `ner_trf.cfg`: a transformer-backed NER) drives
`spacy.cli.train.train`. The best model is copied to the output folder: a
spaCy pipeline directory with its own `meta.json` scores, which
`coopnlp extract --model DIR` completes with the rulers, linking and
normalisation.

The NER works under the rulers (`extract --model` runs the rulers first and
keeps their spans), so the model is judged that way: on the held-out part of
the annotations, the spans of the rulers alone against those of the rulers
with the trained NER. By default the model is kept only when it beats the
rulers alone there; the log says what is trained, the best score and why the
training stopped.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.util import filter_spans, registry

from coopnlp.pipeline import model_spans  # noqa: F401  (registers coop_model_spans)
from coopnlp.retrain.export import doc_marks
from coopnlp.retrain.formats import LABELS, Annotated

CONFIGS = {"cpu": "ner_cpu.cfg", "trf": "ner_trf.cfg"}
# Share of the documents held out to score the model (at least one document).
DEV_SHARE = 0.2


# Scores of the sourced, frozen components that spaCy would otherwise print as columns.
QUIET_SCORES = (
    "tag_acc",
    "pos_acc",
    "morph_acc",
    "morph_per_feat",
    "dep_uas",
    "dep_las",
    "dep_las_per_type",
    "sents_p",
    "sents_r",
    "sents_f",
    "lemma_acc",
    "ents_per_type",
)


@dataclass
class Progress:
    """The evaluations of one training run, as the logger sees them."""

    steps: list[tuple[int, int, float, float]] = field(default_factory=list)  # step, epoch, loss, F

    @property
    def best(self) -> tuple[int, float]:
        """(step, ents F) of the best evaluation."""
        if not self.steps:
            return 0, 0.0
        step, _, _, f = max(self.steps, key=lambda s: (s[3], -s[0]))
        return step, f


_progress = Progress()


@registry.loggers("coopnlp.train_log.v1")
def train_log(progress_bar: bool = False) -> Callable[..., Any]:
    """One line per evaluation: step, epoch, NER loss and entity F (no frozen-component
    columns); `progress_bar` is accepted for the configs' ConsoleLogger section and ignored."""

    def setup(nlp: Language, stdout: Any = sys.stdout, stderr: Any = sys.stderr) -> Any:
        def log_step(info: dict[str, Any] | None) -> None:
            if info is None:
                return
            loss = float(info.get("losses", {}).get("ner", 0.0))
            f = float(info.get("other_scores", {}).get("ents_f") or 0.0)
            _progress.steps.append((info["step"], info["epoch"], loss, f))
            best_step, best = _progress.best
            stderr.write(
                f"step {info['step']:>5}  epoch {info['epoch']:>3}  ner loss {loss:9.2f}  "
                f"ents F {f:.3f}  (best {best:.3f} at step {best_step})\n"
            )
            stderr.flush()

        def finalize() -> None:
            return None

        return log_step, finalize

    return setup


@dataclass
class TrainResult:
    """What a run trained, how far it got, and whether the model was kept."""

    output: Path
    kept: bool
    best_step: int
    best_f: float
    last_step: int
    stopped: str
    rulers_f: float
    model_f: float
    dev_documents: int


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


def span_f1(nlp: Language, docs: Sequence[Annotated], labels: Sequence[str] = LABELS) -> float:
    """Micro F1 of a pipeline's final spans against the annotated ones."""
    wanted = set(labels)
    tp = n_pred = n_gold = 0
    for ann, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        gold = {(m.start, m.end, m.label) for m in ann.spans if m.label in wanted}
        pred = {(m.start, m.end, m.label) for m in doc_marks(doc, labels)}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def _stopped(settings: dict[str, Any], config: dict[str, Any], progress: Progress) -> str:
    """Why spaCy's loop ended: the step limit, the patience, or the epoch limit."""
    training = config.get("training", {})
    max_steps = int(settings.get("training.max_steps", training.get("max_steps", 0)) or 0)
    patience = int(settings.get("training.patience", training.get("patience", 0)) or 0)
    last = progress.steps[-1][0] if progress.steps else 0
    best_step, _ = progress.best
    if max_steps and last >= max_steps:
        return f"reached --max-steps {max_steps}"
    if patience and last - best_step >= patience:
        return f"no better score for {patience} steps (patience)"
    return "ran through the epochs allowed (training.max_epochs)"


def train(
    docs: Sequence[Annotated],
    output: str | Path,
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    silver: Sequence[Annotated] = (),
    gpu_id: int = -1,
    patterns_dirs: Sequence[str | Path] = (),
    keep_always: bool = False,
) -> TrainResult:
    """Train, judge the best model under the rulers on the held-out part, and write it to
    `output` when it beats the rulers alone there (or `keep_always`)."""
    from spacy.cli.train import train as spacy_train

    from coopnlp.pipeline.build import base_model_name, build_pipeline, load_pipeline

    output = Path(output)
    _replaceable(output)
    if not docs:
        raise TrainError("no annotated documents")
    config_path = find_config(config)
    loaded = spacy.util.load_config(config_path)
    paths = loaded.get("paths", {})
    if (
        "transformer" in paths
        and not paths["transformer"]
        and not (overrides or {}).get("paths.transformer")
    ):
        raise TrainError(f"{config_path.name} needs a transformer: pass --transformer PATH")
    train_docs, dev_docs = split(docs)
    _progress.steps.clear()
    with tempfile.TemporaryDirectory(prefix="coopnlp-train-") as tmp:
        work = Path(tmp)
        to_docbin([*train_docs, *silver]).to_disk(work / "train.spacy")
        to_docbin(dev_docs).to_disk(work / "dev.spacy")
        settings = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "paths.base_model": base_model_name(),
            "training.logger.@loggers": "coopnlp.train_log.v1",
            **{f"training.score_weights.{name}": None for name in QUIET_SCORES},
            **(overrides or {}),
        }
        spacy_train(config_path, work / "out", use_gpu=gpu_id, overrides=settings)
        best = work / "out" / "model-best"
        rulers_f = span_f1(build_pipeline(patterns_dirs=patterns_dirs), dev_docs)
        model_f = span_f1(load_pipeline(best, patterns_dirs), dev_docs)
        kept = keep_always or model_f > rulers_f
        if kept:
            if output.exists():
                shutil.rmtree(output)
            output.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(best, output)
            _name(output, rulers_f, model_f)
    best_step, best_f = _progress.best
    return TrainResult(
        output=output,
        kept=kept,
        best_step=best_step,
        best_f=best_f,
        last_step=_progress.steps[-1][0] if _progress.steps else 0,
        stopped=_stopped(settings, loaded, _progress),
        rulers_f=rulers_f,
        model_f=model_f,
        dev_documents=len(dev_docs),
    )


def _name(output: Path, rulers_f: float, model_f: float) -> None:
    """Name the pipeline in its meta.json after its folder (spaCy calls every one "pipeline"),
    with its span F1 under the rulers and that of the rulers alone on the held-out part."""
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["coopnlp"] = {"held_out_span_f1": {"rulers": rulers_f, "rulers_and_ner": model_f}}
    meta["name"] = re.sub(r"\W+", "_", output.name).strip("_").lower() or "coopnlp_ner"
    meta["description"] = "coopnlp NER from `coopnlp train`; use with coopnlp extract --model"
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")

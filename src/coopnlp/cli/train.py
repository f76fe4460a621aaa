"""`coopnlp train ANNOTATIONS -o models/NAME`: train the NER on annotated spans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from coopnlp.retrain.formats import read_annotations

err = Console(stderr=True)


def log(message: str) -> None:
    """A log line on stderr, never wrapped (it is read by people and by scripts)."""
    typer.echo(message, err=True)


def _overrides(items: list[str]) -> dict[str, object]:
    """`section.key=value` pairs; values are JSON where they parse (numbers, true, null)."""
    settings: dict[str, object] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="--set")
        try:
            settings[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            settings[key.strip()] = value
    return settings


def train(
    annotations: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help="Span JSONL, Doccano JSONL or Label Studio JSON."
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Pipeline folder to write.")],
    config: Annotated[
        str,
        typer.Option(
            "--config", "-c", help="Training config: a path, or cpu / trf for configs/ner_*.cfg."
        ),
    ] = "cpu",
    unlabelled: Annotated[
        Path | None,
        typer.Option(
            "--unlabelled", exists=True, help="Documents whose pipeline spans add silver data."
        ),
    ] = None,
    patterns: Annotated[
        list[Path] | None,
        typer.Option("--patterns", help="User pattern folder for the silver run (repeatable)."),
    ] = None,
    transformer: Annotated[
        str | None,
        typer.Option("--transformer", help="Transformer folder or name for the trf config."),
    ] = None,
    max_steps: Annotated[
        int | None, typer.Option("--max-steps", min=1, help="Stop after this many updates.")
    ] = None,
    eval_frequency: Annotated[
        int | None, typer.Option("--eval-frequency", min=1, help="Score every N updates.")
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option("--set", help="Config override section.key=value (repeatable)."),
    ] = None,
    gpu_id: Annotated[int, typer.Option("--gpu-id", help="GPU to use; -1 for the CPU.")] = -1,
    keep_always: Annotated[
        bool,
        typer.Option(
            "--keep-always",
            help="Write the model even when it does not beat the rulers on the held-out part.",
        ),
    ] = False,
) -> None:
    """Train the statistical NER on corrected spans with spaCy's training loop.

    The result is a spaCy pipeline folder (with its scores in meta.json) that
    `coopnlp extract --model DIR` completes with the rulers, linking and
    normalisation. A fifth of the documents is held out: the model is written
    only when, under the rulers, it finds their spans better than the rulers
    alone (--keep-always writes it anyway). The log gives the NER loss and
    entity F per evaluation, the best score and why the training stopped.

    Example: coopnlp train tasks.jsonl -o models/ner --max-steps 500
    """
    from coopnlp.retrain.export import annotate_texts, cleaned_documents
    from coopnlp.retrain.train import train as run_train

    overrides = _overrides(settings or [])
    if transformer is not None:
        overrides["paths.transformer"] = transformer
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    if eval_frequency is not None:
        overrides["training.eval_frequency"] = eval_frequency
    docs = read_annotations(annotations)
    silver = []
    if unlabelled is not None:
        from coopnlp.pipeline.build import load_pipeline

        nlp = load_pipeline(None, patterns or [])
        silver = list(annotate_texts(nlp, cleaned_documents(unlabelled)))
        err.print(f"{len(silver)} silver documents from {unlabelled}")
    log(
        f"training the NER ({config}) on {len(docs)} annotated documents"
        + (f" + {len(silver)} silver" if silver else "")
        + "; a fifth held out to judge it under the rulers"
    )
    result = run_train(docs, output, config, overrides, silver, gpu_id, patterns or [], keep_always)
    log(
        f"best ents F {result.best_f:.3f} at step {result.best_step}; stopped at step "
        f"{result.last_step}: {result.stopped}"
    )
    verdict = (
        f"held-out span F1 ({result.dev_documents} documents): rulers alone "
        f"{result.rulers_f:.3f}, rulers + trained NER {result.model_f:.3f}"
    )
    if result.kept:
        log(f"{verdict} -> pipeline written to {result.output}")
    else:
        log(
            f"{verdict}: the model does not beat the rulers, not written "
            "(extract without --model; --keep-always writes it anyway)"
        )

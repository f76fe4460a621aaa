"""`coopnlp train`: spaCy's training loop on a few annotated documents, tiny settings.

These test the machinery (a pipeline comes out, loads, and extracts with the
rulers and linkers added), not accuracy. The transformer config runs on a
tiny BERT built here, so nothing is downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from coopnlp.cli.app import app
from coopnlp.engine.memory import extract_texts
from coopnlp.pipeline.build import AFTER_NER, load_pipeline
from coopnlp.retrain.export import export_tasks
from coopnlp.retrain.formats import write_annotations
from coopnlp.retrain.train import TrainError, split, to_docbin, train

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
TEXT = (
    "BAKU, Azerbaijan, May 26. Azerbaijani Interior Minister Vilayat Eyvazov met with "
    "Russian Interior Minister Vladimir Kolokoltsev in Baku on Tuesday. The two ministers "
    "discussed the fight against drug trafficking and signed a protocol on cooperation "
    "between the Ministry of Internal Affairs of the Russian Federation and their "
    "Azerbaijani colleagues, which they said would be carried out over the next two years."
)
TINY = {"training.max_steps": 4, "training.eval_frequency": 2}


@pytest.fixture(scope="module")
def annotations(nlp, tmp_path_factory) -> Path:
    """The pipeline's own spans on the five seed articles, as an analyst would get them."""
    path = tmp_path_factory.mktemp("train") / "tasks.jsonl"
    write_annotations(path, export_tasks(RAW, nlp))
    return path


def check_pipeline(model: Path) -> None:
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    assert {"ents_f", "ents_p", "ents_r"} <= set(meta["performance"])
    assert meta["name"] == model.name
    nlp = load_pipeline(model)
    names = nlp.pipe_names
    # The trained NER, with the rulers before it and linking after it.
    assert names.index("coop_ruler") < names.index("ner") < names.index("coop_model_spans")
    assert names[-len(AFTER_NER) :] == list(AFTER_NER)
    assert {"AGENCY", "COUNTRY", "PERSON", "TITLE"} <= set(nlp.get_pipe("ner").labels)
    tables = extract_texts([TEXT], ids=["baku"], nlp=nlp)
    assert tables["documents"]["status"].tolist() == ["ok"]
    assert {"AZE", "RUS"} <= set(tables["countries"]["iso3"])
    assert "Ministry of Internal Affairs of the Russian Federation" in set(
        tables["agencies"]["name"]
    )


def test_docbin_keeps_the_longest_of_overlapping_spans(tmp_path) -> None:
    from coopnlp.retrain.formats import Annotated, Mark

    start = TEXT.index("Azerbaijani")
    doc = Annotated(
        TEXT, "baku", [Mark(start, start + 11, "COUNTRY"), Mark(start, start + 29, "TITLE")]
    )
    (back,) = to_docbin([doc]).get_docs(spacy.blank("en").vocab)
    assert [(e.text, e.label_) for e in back.ents] == [("Azerbaijani Interior Minister", "TITLE")]
    assert split([doc]) == ([doc], [doc])
    train_docs, dev_docs = split([doc] * 10)
    assert (len(train_docs), len(dev_docs)) == (8, 2)


def test_output_that_is_not_a_pipeline_is_refused(tmp_path, annotations) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(TrainError, match="not a spaCy pipeline"):
        train([], tmp_path)
    assert (tmp_path / "notes.txt").exists()


@pytest.mark.slow
def test_train_cpu_config_cli(annotations, tmp_path) -> None:
    model = tmp_path / "models" / "ner_tiny"
    args = ["train", str(annotations), "-o", str(model), "--max-steps", "4"]
    result = CliRunner().invoke(app, [*args, "--eval-frequency", "2"])
    assert result.exit_code == 0, result.output
    # The log says what it trains, its best score and why it stopped; no frozen-tagger columns.
    assert "training the NER (cpu) on 5 annotated documents" in result.output
    assert "best ents F" in result.output
    assert "stopped at step 4: reached --max-steps 4" in result.output
    assert "TAG_ACC" not in result.output and "POS_ACC" not in result.output
    # The annotations are the rulers' own spans: four steps of NER cannot beat them.
    assert "rulers alone 1.000" in result.output
    assert "does not beat the rulers, not written" in result.output
    assert not model.exists()
    kept = CliRunner().invoke(app, [*args, "--eval-frequency", "2", "--keep-always"])
    assert kept.exit_code == 0, kept.output
    assert f"pipeline written to {model}" in kept.output
    check_pipeline(model)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    assert meta["coopnlp"]["held_out_span_f1"]["rulers"] == 1.0
    # The trained pipeline also loads with plain spaCy (the component is an entry point).
    assert "coop_model_spans" in spacy.load(model).pipe_names


def tiny_bert(folder: Path) -> Path:
    """A randomly initialised two-head BERT with a generated vocabulary, saved locally."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder.mkdir(parents=True)
    pieces = list("abcdefghijklmnopqrstuvwxyz0123456789.,;:'\"-()")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *pieces]
    vocab += [f"##{p}" for p in pieces] + ["the", "of", "minister", "interior", "police"]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(
        vocab_file=str(folder / "vocab.txt"), do_lower_case=True, model_max_length=1024
    )
    tokenizer.save_pretrained(folder)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=1024,
    )
    BertModel(config).save_pretrained(folder)
    return folder


@pytest.mark.slow
def test_train_transformer_config_offline(annotations, tmp_path, monkeypatch) -> None:
    from coopnlp.retrain.formats import read_annotations

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    bert = tiny_bert(tmp_path / "tiny-bert")
    with pytest.raises(TrainError, match="--transformer"):
        train(read_annotations(annotations), tmp_path / "none", config="trf")
    result = train(
        read_annotations(annotations),
        tmp_path / "ner_trf_tiny",
        config="trf",
        keep_always=True,
        overrides={
            **TINY,
            "paths.transformer": str(bert),
            "training.optimizer.learn_rate.warmup_steps": 1,
            # Character-level word pieces: keep each window well under the model's positions.
            "components.transformer.model.get_spans.window": 64,
            "components.transformer.model.get_spans.stride": 48,
        },
    )
    model = result.output
    assert result.kept
    assert "transformer" in spacy.load(model).pipe_names
    check_pipeline(model)

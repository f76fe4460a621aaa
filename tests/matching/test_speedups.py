"""The sped-up attribute ruler and lemmatizer annotate exactly as spaCy's own."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.matcher import Matcher

from coopnlp.matching.speedups import (
    CachedEnglishLemmatizer,
    DirectAttributeRuler,
    ExactMatcher,
    speed_up,
)
from coopnlp.pipeline.build import base_model_name

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
# The English exceptions: contractions, "y'all", "nothin'", "gonna", spaces.
TEXTS.append(
    "Y'all ain't seen nothin' yet, he said.  We're gonna sign it  \n\n and I'd say that's "
    "all: whether or not they'll agree, the MoU isn't what it was."
)
ATTRS = [POS, TAG, LEMMA, MORPH, DEP]


@pytest.fixture(scope="module")
def base():
    return spacy.load(base_model_name())


@pytest.fixture(scope="module")
def parsed(base):
    """The texts as the attribute ruler sees them (tagged and parsed)."""
    before = base.pipe_names[: base.pipe_names.index("attribute_ruler")]
    with base.select_pipes(enable=before):
        return list(base.pipe(TEXTS))


def test_same_matches_as_the_matcher(base, parsed):
    matcher = base.get_pipe("attribute_ruler").matcher
    fast = ExactMatcher(matcher)
    for doc in parsed:
        expected = sorted(matcher(doc, allow_missing=True))
        assert expected
        assert sorted(fast(doc, allow_missing=True)) == expected
    assert fast._compiled is not None, "every shipped pattern is answered by lookup"


def test_same_annotations_as_the_ruler(base, parsed):
    ruler = base.get_pipe("attribute_ruler")
    plain = ruler.matcher
    expected = [ruler(doc.copy()).to_array(ATTRS).tolist() for doc in parsed]
    try:
        ruler.matcher = ExactMatcher(plain)
        assert [ruler(doc.copy()).to_array(ATTRS).tolist() for doc in parsed] == expected
        assert len(ruler.patterns) == len(ruler.attrs)  # patterns still read back
    finally:
        ruler.matcher = plain


def test_patterns_beyond_lookups_fall_back_to_the_matcher(base, parsed):
    matcher = Matcher(base.vocab)
    matcher.add("A", [[{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}]])
    matcher.add("B", [[{"TAG": {"IN": ["NN", "NNS"]}, "LOWER": {"REGEX": "^m"}}]])
    fast = ExactMatcher(matcher)
    doc = parsed[-1]
    assert sorted(fast(doc, allow_missing=True)) == sorted(matcher(doc, allow_missing=True))
    assert fast._compiled is None
    fast.remove("A")  # what is left is lookups and checks again
    assert sorted(fast(doc, allow_missing=True)) == sorted(matcher(doc, allow_missing=True))
    assert fast._compiled is not None


def test_same_lemmas_and_cache_as_the_lemmatizer(parsed):
    plain, fast = spacy.load(base_model_name()), speed_up(spacy.load(base_model_name()))
    plain_lemmatizer, fast_lemmatizer = plain.get_pipe("lemmatizer"), fast.get_pipe("lemmatizer")
    assert isinstance(fast_lemmatizer, CachedEnglishLemmatizer)
    ruler = plain.get_pipe("attribute_ruler")
    docs = [ruler(doc.copy()) for doc in parsed]
    for _ in range(2):  # cold, then every key seen
        expected = [plain_lemmatizer(doc.copy()).to_array([LEMMA]).tolist() for doc in docs]
        assert [fast_lemmatizer(doc.copy()).to_array([LEMMA]).tolist() for doc in docs] == expected
    assert fast_lemmatizer.cache == plain_lemmatizer.cache


def _annotate(nlp: spacy.Language, docs: list) -> list:
    return [nlp.get_pipe("attribute_ruler")(doc).to_array(ATTRS).tolist() for doc in docs]


def test_direct_attribute_ruler_annotates_as_spacy():
    plain, fast = spacy.load(base_model_name()), speed_up(spacy.load(base_model_name()))
    assert isinstance(fast.get_pipe("attribute_ruler"), DirectAttributeRuler)
    docs = {}
    for nlp in (plain, fast):
        ruler = nlp.get_pipe("attribute_ruler")
        # A negative index, and a later rule over an earlier one.
        ruler.add([[{"LOWER": "the"}, {"LOWER": "mou"}]], {"TAG": "NNP"}, index=-1)
        ruler.add([[{"LOWER": "mou"}]], {"TAG": "NN"})
        before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
        with nlp.select_pipes(enable=before):
            docs[nlp] = list(nlp.pipe(TEXTS))
    assert _annotate(fast, docs[fast]) == _annotate(plain, docs[plain])
    errors = []
    for nlp in (plain, fast):  # an index outside the match: spaCy's error, both ways
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "the"}]], {"TAG": "DT"}, index=3)
        with pytest.raises(ValueError) as caught:
            _annotate(nlp, docs[nlp][:1])
        errors.append(str(caught.value))
    assert errors[0] == errors[1]

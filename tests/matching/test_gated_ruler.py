"""The gated ruler finds the spans a plain SpanRuler finds within sentences, only faster."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.pipeline import SpanRuler

from coopnlp.matching.gated import _windows, gate, max_length, reach, requirements
from coopnlp.pipeline.rulers import load_patterns

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
TEXTS.append(
    "Police Colonel-General Aleksandr Gorovoy and Sen. Lt. Gen. Bui Van Nam signed the Joint "
    "Action Plan for 2021-2023 and a memorandum of understanding with the Ministry of Internal "
    "Affairs of the Republic of Uzbekistan and the Nigeria Police Force."
)


def _spans(doc) -> set[tuple[int, int, str, str]]:
    return {(s.start, s.end, s.label_, s.id_) for s in doc.spans["coop"]}


@pytest.fixture(scope="module")
def plain(nlp):
    """The same patterns in spaCy's own SpanRuler, run on the same pre-ruler Doc."""
    ruler = SpanRuler(nlp, "plain", spans_key="coop", annotate_ents=False, overwrite=True)
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(load_patterns())
    return ruler


def test_same_matches_as_a_plain_span_ruler(nlp, plain):
    gated = nlp.get_pipe("coop_ruler")
    before = [name for name in nlp.pipe_names[: nlp.pipe_names.index("coop_ruler")]]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(TEXTS))
    for doc in docs:
        starts = [t.i for t in doc if t.is_sent_start]
        found = _spans(plain(doc.copy()))
        # A plain Matcher lets an open-ended pattern run on into the next sentence
        # (no pattern with a bounded reach crosses one in these texts).
        expected = {s for s in found if not any(s[0] < i < s[1] for i in starts)}
        assert expected, "the texts hold ruler matches"
        assert _spans(gated(doc.copy())) == expected


def test_gate_and_window_of_a_pattern():
    pattern = [{"LOWER": "first", "OP": "?"}, {"LOWER": "deputy"}, {"LOWER": "minister"}]
    assert gate(pattern) in ({"deputy"}, {"minister"})
    assert max_length(pattern) == 3
    assert max_length([{"IS_TITLE": True, "OP": "+"}]) is None


def test_reach_and_requirements_of_a_pattern():
    pattern = [
        {"IS_TITLE": True, "OP": "{0,3}"},
        {"LOWER": {"IN": ["academy", "institute"]}},
        {"LOWER": "of"},
        {"LOWER": "the", "OP": "?"},
        {"LOWER": "ministry", "OP": "{1,2}"},
        {"IS_TITLE": True, "OP": "+"},
    ]
    assert gate(pattern) == {"ministry"}
    # Up to 3 + 1 + 1 + 1 tokens before the gate token, and one more when the
    # word is its second repetition; any number after it.
    assert reach(pattern) == (7, None)
    assert requirements(pattern) == {frozenset({"academy", "institute"})}  # "of": a stop word
    assert reach([{"LOWER": "minister"}, {"LOWER": "of", "OP": "?"}]) == (0, 1)
    assert reach([{"IS_TITLE": True}]) == (None, None)


def test_windows_merge_and_reach_the_edges():
    assert _windows([2, 4, 20], 1, 3, [0, 30]) == [(1, 8), (19, 24)]
    assert _windows([5, 20], 0, None, [0, 30]) == [(5, 30)]
    assert _windows([5], None, 2, [0, 30]) == [(0, 8)]


def test_open_windows_stop_at_the_sentence_edge():
    sentences = [0, 10, 18, 30]  # three sentences, then the Doc's length
    assert _windows([5, 12], 0, None, sentences) == [(5, 10), (12, 18)]
    assert _windows([12], None, 1, sentences) == [(10, 14)]
    assert _windows([12], 3, 30, sentences) == [(9, 30)]  # bounded reach: not cut
    # Overlapping open windows of two sentences are not merged into one.
    assert _windows([5, 11], 2, None, sentences) == [(3, 10), (9, 18)]
    assert _windows([5, 7], 2, None, sentences) == [(3, 10)]

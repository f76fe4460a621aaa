"""Issue 17: reading officials stays linear in long runs of capitalised names.

Structural, not timed: on one long sentence of positions and names (no sentence
boundaries, so every span shares it), the number of positions the parse check looks
at per mention must not grow with the run.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from coopnlp.pipeline import official_context

# One unit: three positions, each followed by a different person's name.
UNIT = ["Director", "General", "Ivan", "{}ov", "Minister", "Sergey", "{}in", "Chief", "Anna", "{}a"]


def _surname(k: int) -> str:
    """A capitalised made-up surname per number (letters only)."""
    letters = ""
    while True:
        letters += "bcdfghklmnprstvz"[k % 16]
        k //= 16
        if not k:
            return letters.capitalize()


def _run_of(nlp, units: int) -> Doc:
    words = [w.format(_surname(k)) for k in range(units) for w in UNIT]
    doc = Doc(nlp.vocab, words=words)
    spans = []
    for k in range(units):
        at = len(UNIT) * k
        spans += [Span(doc, at, at + 2, "TITLE"), Span(doc, at + 2, at + 4, "PERSON")]
        spans += [Span(doc, at + 4, at + 5, "TITLE"), Span(doc, at + 5, at + 7, "PERSON")]
        spans += [Span(doc, at + 7, at + 8, "TITLE"), Span(doc, at + 8, at + 10, "PERSON")]
    doc.spans["coop"] = spans
    return doc


@pytest.fixture
def counted(monkeypatch):
    calls = {"attached": 0}
    real = official_context.attached

    def attached(title, mention):
        calls["attached"] += 1
        return real(title, mention)

    monkeypatch.setattr(official_context, "attached", attached)
    return calls


def test_parse_checks_do_not_grow_with_the_run(blank_linking, counted):
    linker = blank_linking.get_pipe("coop_officials")
    per_mention = []
    for units in (50, 400):
        counted["attached"] = 0
        doc = linker(_run_of(blank_linking, units))
        assert not doc.user_data.get("coop_error")
        assert len(doc._.coop["officials"]) == 3 * units
        per_mention.append(counted["attached"] / (3 * units))
    # Before the fix every mention checked every position of its sentence (x8 here).
    assert per_mention[1] <= per_mention[0] * 1.1


def test_a_200k_character_run_completes(blank_linking):
    units = 200_000 // len(" ".join(UNIT)) + 1
    doc = blank_linking.get_pipe("coop_officials")(_run_of(blank_linking, units))
    assert len(doc.text) > 200_000
    assert not doc.user_data.get("coop_error")
    first = doc._.coop["officials"][0]
    assert (first["name"], first["title"]) == ("Ivan Bov", "Director General")

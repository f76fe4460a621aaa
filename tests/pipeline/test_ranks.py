"""coop_ranks on spacy.blank("en") with the small rank table."""

from __future__ import annotations


def test_canonical_rank_becomes_the_kb_id(blank_linking, coop_doc, run_all):
    doc = coop_doc(
        blank_linking, "Police Colonel Ivan Petrov", [("Police Colonel", "RANK", "colonel")]
    )
    doc = run_all(blank_linking, doc)
    (rank,) = [s for s in doc.spans["coop"] if s.label_ == "RANK"]
    assert rank.kb_id_ == "Colonel of Police"


def test_a_rank_word_opening_a_body_is_no_rank(blank_linking, coop_doc, run_all):
    text = "the Major Crimes Unit of Aaland"
    spans = [("Major", "RANK", "major"), ("Major Crimes Unit", "AGENCY", None)]
    doc = run_all(blank_linking, coop_doc(blank_linking, text, spans))
    assert [s for s in doc.spans["coop"] if s.label_ == "RANK"] == []

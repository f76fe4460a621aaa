"""coop_agencies on spacy.blank("en") with the small registry."""

from __future__ import annotations


def test_alias_and_type_plus_state(blank_linking, coop_doc, run_all):
    text = "The Aaland MIA and the Bebrian Interior Ministry signed."
    spans = [
        ("Aaland MIA", "AGENCY", None),
        ("Bebrian", "COUNTRY", "XBB"),
        ("Bebrian Interior Ministry", "AGENCY", None),
    ]
    doc = run_all(blank_linking, coop_doc(blank_linking, text, spans))
    agencies = {a["name"]: a for a in doc._.coop["agencies"]}
    known = agencies["Ministry of Internal Affairs of Aaland"]
    # The body's step once, as on the span.
    assert (known["country"], known["source"]) == ("XAA", "model:ner>registry:xaa_mia")
    built = agencies["Ministry of Internal Affairs of Bebria"]
    assert (built["country"], built["kind"]) == ("XBB", "ministry")
    assert built["source"] == "model:ner>function:internal_affairs"


def test_a_piece_of_a_name_cut_short_is_no_body():
    import spacy
    from spacy.tokens import Doc

    from coopnlp.pipeline.agencies import _fragment

    doc = Doc(spacy.blank("en").vocab, words=["the", "Center", "of", "'s", "Office", "Police"])
    assert _fragment(doc[1:3])
    assert _fragment(doc[3:5])
    assert not _fragment(doc[4:6])

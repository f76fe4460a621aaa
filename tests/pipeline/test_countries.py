"""coop_countries on spacy.blank("en") with the small gazetteer."""

from __future__ import annotations


def test_one_entry_per_state_named_from_the_gazetteer(blank_linking, coop_doc, run_all):
    text = "Aaland and Bebria met; Aaland hosted."
    spans = [("Aaland", "COUNTRY", "XAA"), ("Bebria", "COUNTRY", "XBB")]
    doc = coop_doc(blank_linking, text, spans)
    doc = run_all(blank_linking, doc)
    entries = {c["iso3"]: c for c in doc._.coop["countries"]}
    assert entries["XAA"]["name"] == "Aaland"
    assert entries["XBB"]["name"] == "Bebria"
    assert entries["XAA"]["source"] == "pattern:country:XAA"
    assert entries["XAA"]["score"] == 0.95


def test_no_country_inside_a_foreign_city_or_country_name(nlp):
    text = "Officers from Papua New Guinea met in Port of Spain, Trinidad and Tobago."
    assert {c["iso3"] for c in nlp(text)._.coop["countries"]} == {"PNG", "TTO"}

"""Rank and position styles of English-speaking, African and South Asian forces, on
invented sentences through the full pipeline."""

from __future__ import annotations

import pytest


def _official(nlp, text: str, name: str) -> dict:
    doc = nlp(text)
    (official,) = [o for o in doc._.coop["officials"] if o["name"] == name]
    return official


@pytest.mark.parametrize(
    ("text", "name", "rank", "title"),
    [
        ("Brig Gen Tunde Alabi met the delegation.", "Tunde Alabi", "Brigadier General", None),
        ("Maj Gen Tom Ochola and Col Peter Wambua met the team.", "Tom Ochola", "Major General",
         None),
        ("Lt Col Ravi Menon met the delegation.", "Ravi Menon", "Lieutenant Colonel", None),
        ("SSP Rajan Pillai met the delegation.", "Rajan Pillai", "Senior Superintendent of Police",
         None),
        ("Chief Superintendent Mary Achieng met the delegation.", "Mary Achieng",
         "Chief Superintendent", None),
        ("Chief Inspector Ravi Dasgupta met the delegation.", "Ravi Dasgupta", "Chief Inspector",
         None),
        ("Lieutenant Commander Peter Hallam met the delegation.", "Peter Hallam",
         "Lieutenant Commander", None),
        ("Deputy Inspector-General of Police Joseph Egbu met the delegation.", "Joseph Egbu", None,
         "Deputy Inspector-General of Police"),
        ("DGP Rajiv Sinha met the delegation.", "Rajiv Sinha", None, "DGP"),
        ("Cdr Helen Marsh of the navy met the delegation.", "Helen Marsh", "Commander", None),
        ("Insp. Kofi Mensah of the police met the delegation.", "Kofi Mensah", "Inspector",
         None),
        ("Chief Insp. Ruth Njoroge met the delegation.", "Ruth Njoroge", "Chief Inspector",
         None),
    ],
)  # fmt: skip
def test_rank_and_position_styles(nlp, text, name, rank, title):
    official = _official(nlp, text, name)
    assert official["rank"] == rank
    assert official["title"] == title

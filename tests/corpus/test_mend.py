"""The corpus pass: states and agencies mended from what other documents agree on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from coopnlp.corpus.mend import (
    AgencyRow,
    Mended,
    OfficialRow,
    add_body,
    add_official,
    mend_agency,
    mend_official,
)

MIA = "Ministry of Internal Affairs of the Republic of Tajikistan"


def mend_officials(
    rows: Sequence[OfficialRow], named: set[tuple[str, str]] | None = None
) -> list[Mended]:
    """The corpus pass over rows of known persons, through the helpers the run uses;
    `named`: the (document, state) pairs of the countries table, if any."""
    states: dict = defaultdict(dict)
    agencies: dict = defaultdict(dict)
    for r in rows:
        add_official(states[r.person_id], agencies[r.person_id], r.doc_id, r.country, r.agency,
                     r.weak)  # fmt: skip
    names = None if named is None else (lambda doc, state: (doc, state) in named)
    return [mend_official(r, states, agencies, names) for r in rows]


def mend_agencies(rows: Sequence[AgencyRow], key: Callable[[str], str]) -> list[Mended]:
    states: dict = {}
    for r in rows:
        add_body(states, key, r)
    return [mend_agency(r, states, key) for r in rows]


def row(doc: str, country: str | None, weak: bool = False, agency: str | None = None, pid="P1"):
    return OfficialRow(doc, pid, country, weak, agency, country if agency else None, 0.8, "ner")


def test_a_guessed_or_missing_state_is_corrected_by_agreeing_documents() -> None:
    rows = [
        row("d1", "TJK", agency=MIA),
        row("d2", "TJK", agency=MIA),
        row("d3", "KAZ", weak=True),  # the "other side" guess
        row("d4", None),
    ]
    out = mend_officials(rows)
    assert out[0].country == "TJK" and out[0].source == "ner"
    assert (out[2].country, out[2].agency, out[2].source) == ("TJK", MIA, "ner>corpus:2 documents")
    assert out[2].score == 1.0 - 0.01 or out[2].score == 0.99
    assert (out[3].country, out[3].agency) == ("TJK", MIA)


def test_disagreeing_documents_mend_nothing() -> None:
    rows = [row("d1", "TJK"), row("d2", "UZB"), row("d3", None)]
    assert mend_officials(rows)[2].country is None


def test_a_firm_state_is_never_overruled() -> None:
    rows = [row("d1", "TJK"), row("d2", "TJK"), row("d3", "UZB")]
    assert mend_officials(rows)[2].country == "UZB"


def test_a_document_does_not_agree_with_itself() -> None:
    rows = [row("d1", "TJK", agency=MIA), row("d1", None)]
    out = mend_officials(rows)
    assert out[1].country is None and out[1].agency is None


def test_a_guess_is_overruled_only_by_a_state_its_document_names() -> None:
    # Orlova is guessed Latvian in d3 and d4; d1 says Estonian. d3 names Estonia,
    # d4 does not (its other side was Lithuania): d4 keeps its guess.
    rows = [
        row("d1", "EST", agency="Estonian Police"),
        row("d3", "LVA", weak=True),
        row("d4", "LVA", weak=True),
        row("d5", None),
    ]
    named = {("d1", "EST"), ("d3", "EST"), ("d3", "LVA"), ("d4", "LVA"), ("d4", "LTU")}
    out = mend_officials(rows, named)
    assert (out[1].country, out[1].agency) == ("EST", "Estonian Police")
    # Nor does it take a body of the state it was not given.
    assert (out[2].country, out[2].agency, out[2].source) == ("LVA", None, "ner")
    # An empty state is filled whatever the document names.
    assert out[3].country == "EST"


def test_a_body_without_a_state_takes_the_one_others_give() -> None:
    rows = [
        AgencyRow("d1", "State Border Guard", "LVA", 0.9, "registry"),
        AgencyRow("d2", "State Border Guard", None, 0.5, "grammar"),
        AgencyRow("d3", "Coastal Watch", "EST", 0.9, "registry"),
        AgencyRow("d4", "Coastal Watch", "FIN", 0.9, "registry"),
        AgencyRow("d5", "Coastal Watch", None, 0.5, "grammar"),
    ]
    out = mend_agencies(rows, str.lower)
    assert (out[1].country, out[1].source, out[1].score) == (
        "LVA",
        "grammar>corpus:1 document",
        0.6,
    )
    assert out[4].country is None

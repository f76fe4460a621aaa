"""`coopnlp inspect` on a seed: the page shows the expected entities and records,
from a file run now or from an output folder alike."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from coopnlp.report.document import (
    DocumentNotFoundError,
    document_html,
    view_from_file,
    view_from_outdir,
)

SEED = Path(__file__).resolve().parents[2] / "data" / "raw" / "003_9121bbf3e5f59db6.txt"
DOC_ID = SEED.stem
RUS_MIA = "Ministry of Internal Affairs of the Russian Federation"
AZE_MIA = "Ministry of Internal Affairs of the Republic of Azerbaijan"


@pytest.fixture(scope="module")
def view(nlp):
    return view_from_file(SEED, nlp)


@pytest.fixture(scope="module")
def page(view) -> str:
    return document_html(view)


def section(page: str, section_id: str) -> str:
    found = re.search(rf'<section[^>]*id="{section_id}"[^>]*>(.*?)</section>', page, re.S)
    assert found, f"no section {section_id}"
    return found.group(1)


def rows(page: str, section_id: str) -> list[list[str]]:
    """The body rows of one table section as lists of cell texts."""
    body = section(page, section_id).split("<tbody>", 1)[1]
    cells = (
        re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    )
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in row] for row in cells]


def plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_text_shows_entities_coloured_by_label(page) -> None:
    text = plain(section(page, "text"))
    # displaCy puts a span's label after its first token.
    assert "Vladimir PERSON Kolokoltsev" in text
    assert "Ramil PERSON Usubov" in text
    # Nested spans (a COUNTRY inside an AGENCY) get their own labels inside.
    assert "Ministry AGENCY of Internal Affairs of the Russian COUNTRY" in text
    assert "Ministry AGENCY of Internal Affairs of the Republic" in text
    assert "protocol AGREEMENT" in text
    # Each label has its colour on the page (legend and underlines).
    for color in ("#f4a3a8", "#8fc1e3", "#9ed89a"):
        assert page.count(color) >= 2


def test_records_come_with_score_source_and_evidence(view, page) -> None:
    officials = {r[0]: r for r in rows(page, "table-officials")}
    kolokoltsev = officials["Vladimir Kolokoltsev"]
    assert kolokoltsev[1:5] == ["General of Police", "Interior Minister", RUS_MIA, "RUS"]
    usubov = officials["Ramil Usubov"]
    assert usubov[1:5] == ["Colonel General", "Interior Minister", AZE_MIA, "AZE"]
    score, source, evidence = usubov[6:9]
    assert 0 < float(score) <= 1
    assert source  # which rules or model produced the record
    assert "Ramil Usubov" in evidence
    agencies = {r[0]: r for r in rows(page, "table-agencies")}
    assert agencies[RUS_MIA][1:3] == ["ministry", "RUS"]
    assert agencies[AZE_MIA][1:3] == ["ministry", "AZE"]
    assert {r[0] for r in rows(page, "table-countries")} == {"RUS", "AZE"}
    (agreement,) = rows(page, "table-agreements")
    status = view.tables["agreements"]["status"].iloc[0]
    assert (agreement[0], agreement[2]) == ("protocol", status)
    assert agreement[-1] == "As a result of the meeting, a protocol was agreed upon and signed."
    # The meeting of the two ministers, with the sentence that reports it.
    (meeting,) = rows(page, "table-meetings")
    assert meeting[:2] == ["meeting", "held"]
    assert "Kolokoltsev" in meeting[5] and "Usubov" in meeting[5]
    assert meeting[-1] in view.text


def test_page_is_self_contained(page) -> None:
    assert "<script src" not in page and "<link" not in page
    assert "003_9121bbf3e5f59db6" in section(page, "document")


def test_outdir_view_matches_the_file_view(view, seeds_out) -> None:
    stored = view_from_outdir(seeds_out, DOC_ID)
    assert stored.text == view.text
    for name in ("officials", "agencies", "countries", "agreements", "meetings", "mentions"):
        pd.testing.assert_frame_equal(stored.tables[name], view.tables[name], check_like=True)
    with pytest.raises(DocumentNotFoundError, match="no document 'nope'"):
        view_from_outdir(seeds_out, "nope")

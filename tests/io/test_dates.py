"""Dates of row cells and page metadata (io.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from coopnlp.io import dates
from coopnlp.io.dates import agrees_with_dateline, header_date, month_alternation, month_numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-12-13", dt.date(2019, 12, 13)),
        ("2019-12-13T10:00:00Z", dt.date(2019, 12, 13)),
        ("13 December 2019", dt.date(2019, 12, 13)),
        ("Sept. 5, 2018", dt.date(2018, 9, 5)),
        (dt.datetime(2020, 2, 3, 4, 5), dt.date(2020, 2, 3)),
        ("", None),
        (None, None),
        ("not a date", None),
        ("2019-13-45", None),
    ],
)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert dates.parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Date lines above invented articles, in the shapes pages print them.
        ("Customs chiefs meet in Quito\n\nFRIDAY, OCTOBER 3, 2031\n\nThe heads ...", (2031, 10, 3)),
        ("Border talks\nPosted by : A. Reporter Posted on : 07-Feb-2029\nText", (2029, 2, 7)),
        ("Ministers sign pact\n\nAgency) 11:40, May 2, 2027\n\nLIMA, May 1 --", (2027, 5, 2)),
        ("Police chiefs meet\n\nSunday 14-09-2031 - 08:15 AM\nText", (2031, 9, 14)),
        ("Pact signed\n\n12 Sept, 2030\n\nText", (2030, 9, 12)),
        # No full date in the first lines (a month and day only, or deep in the text).
        ("QUITO, May 3 -- the heads of the customs services met.", None),
        ("\n".join(["A line of prose about nothing much."] * 9 + ["3 May 2030"]), None),
    ],
)
def test_header_date(text: str, expected: tuple[int, int, int] | None) -> None:
    assert header_date(text) == (dt.date(*expected) if expected else None)


@pytest.mark.parametrize(
    ("text", "agrees"),
    [
        # A site's banner of today above an older article's dateline.
        ("Monday, March 03, 2031\nSite\n\nLIMA, Aug 12 (Agency) Police chiefs met.", False),
        # Published the day after the dateline's day (or on it).
        ("Agency) 10:15, May 2, 2027\n\nQUITO, May 1 (Agency) -- The ministers met.", True),
        ("2 January 2030\n\nQUITO, 31 December (Agency) -- The ministers met.", True),
        # No dateline with a day to hold it against.
        ("Monday, March 03, 2031\n\nThe ministers met in Lima.", True),
    ],
)
def test_a_page_date_agrees_with_the_dateline(text: str, agrees: bool) -> None:
    page = header_date(text)
    assert page is not None
    assert agrees_with_dateline(page, text) is agrees


def test_month_numbers_and_alternation() -> None:
    numbers = month_numbers(["january", "february", "march", "april", "may", "june", "july",
                             "august", "september", "october", "november", "december", "sept",
                             "jan"])  # fmt: skip
    assert numbers["sept"] == 9 and numbers["jan"] == 1 and numbers["december"] == 12
    # Longest first, so "september" is matched whole rather than as "sept".
    alternation = month_alternation(numbers)
    words = alternation.split("|")
    assert words.index("september") < words.index("sept")

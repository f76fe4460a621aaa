"""Dates of row cells and page metadata (io.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from coopnlp.io import dates


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

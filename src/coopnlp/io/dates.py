"""Dates of row cells and page metadata."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def parse_date(value: Any) -> dt.date | None:
    """A date from an ISO string, a date/datetime, or free text; else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DATE_RE.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    import dateparser  # slow import: only for non-ISO dates

    # dateparser works offline; these settings keep it from guessing a day or
    # a year that the value does not give relative to today.
    try:
        parsed = dateparser.parse(
            text,
            settings={
                "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": ["month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # an odd metadata value must not cost the article
        return None
    return parsed.date() if parsed else None

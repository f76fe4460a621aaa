"""Dates of row cells and page metadata, month names, and the date line of a page's header."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from coopnlp.resources import lines

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


# ---------------------------------------------------------------- month names

# English month names and abbreviations, one a line, the twelve full names first
# (used by the cleaner's dateline pattern and by the meetings' date cues).
MONTH_NAMES = "cleaning/month_names.txt"


def month_numbers(names: Iterable[str]) -> dict[str, int]:
    """Month names and abbreviations (lower case, no dot) -> 1..12; `names` lists the
    twelve full names in order, then abbreviations (each the start of its month)."""
    out: dict[str, int] = {}
    words = [w.lower().rstrip(".") for w in names]
    full = words[:12]
    for i, name in enumerate(full, 1):
        out[name] = i
    for word in words[12:]:
        for i, name in enumerate(full, 1):
            if name.startswith(word):
                out[word] = i
                break
    return out


def month_alternation(names: Iterable[str]) -> str:
    """A regex alternation of month names, longest first ("september" before "sep")."""
    return "|".join(sorted({re.escape(n) for n in names}, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def shipped_months() -> dict[str, int]:
    """The shipped month names (`MONTH_NAMES`) -> 1..12."""
    return month_numbers(lines(MONTH_NAMES))


# ---------------------------------------------------------------- header dates

# A page's date line is short and among its first lines ("THURSDAY, SEPTEMBER 16,
# 1999", "Posted on : 24-Mar-2022", "Xinhua) 09:25, June 29, 2023").
HEADER_LINES = 8
HEADER_LINE_MAX = 80


@lru_cache(maxsize=1)
def _full_date_re() -> re.Pattern[str]:
    month = rf"(?P<{{}}>{month_alternation(shipped_months())})\.?"
    day = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<{}>(?:19|20)\d\d)"
    return re.compile(
        r"\b(?:"
        + rf"{day.format('d1')}[\s-]+(?:of\s+)?{month.format('m1')},?[\s-]+{year.format('y1')}"
        + rf"|{month.format('m2')}\s+{day.format('d2')},?\s+{year.format('y2')}"
        + rf"|{day.format('d3')}[./-](?P<n3>[01]?\d)[./-]{year.format('y3')}"
        + rf"|{year.format('y4')}-(?P<n4>[01]\d)-{day.format('d4')}"
        + r")\b",
        re.IGNORECASE,
    )


def full_date(text: str) -> dt.date | None:
    """The first date with day, month and year written in `text` ("16 September 1999",
    "September 16, 1999", "16-09-1999", "1999-09-16"; numbers day first)."""
    months = shipped_months()
    for m in _full_date_re().finditer(text):
        g = {k: v for k, v in m.groupdict().items() if v}
        day = int(next(v for k, v in g.items() if k.startswith("d")))
        year = int(next(v for k, v in g.items() if k.startswith("y")))
        word = next((v for k, v in g.items() if k.startswith("m")), None)
        number = next((v for k, v in g.items() if k.startswith("n")), None)
        month = months.get(word.lower()) if word else int(number or 0)
        try:
            return dt.date(year, month or 0, day)
        except ValueError:
            continue
    return None


def header_dates(text: str) -> list[dt.date]:
    """The dates of a page's date lines, in order: the first full date on each short
    line among its first lines (a headline or byline with a date counts too)."""
    out: list[dt.date] = []
    seen = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= HEADER_LINE_MAX:
            found = full_date(line)
            if found is not None:
                out.append(found)
        seen += 1
        if seen >= HEADER_LINES:
            break
    return out


def header_date(text: str) -> dt.date | None:
    """The date of a page's first date line, else None."""
    return next(iter(header_dates(text)), None)


# How far a page's date line may lie after its dateline's day (published the next day).
DATELINE_LAG_DAYS = 3


@lru_cache(maxsize=1)
def _dateline_day_re() -> re.Pattern[str]:
    """A line opening with a place and a day ("TEHRAN, June 28 (Xinhua) --",
    "Addis Ababa, Jun 16 (Prensa Latina)")."""
    month = month_alternation(shipped_months())
    return re.compile(
        r"^[A-Z][\w.'’ -]{1,40},\s*"
        rf"(?:(?P<m1>{month})\.?\s+(?P<d1>[0-3]?\d)|(?P<d2>[0-3]?\d)\s+(?P<m2>{month}))\b",
        re.IGNORECASE | re.MULTILINE,
    )


def agrees_with_dateline(date: dt.date, text: str) -> bool:
    """Whether a page's date fits the day of the dateline among the first lines of its
    article `text` ("Addis Ababa, Jun 16"): that day or up to `DATELINE_LAG_DAYS` after
    it. A site's banner with today's date ("Tuesday, November 05, 2024") above an older
    article does not; without such a dateline any date agrees."""
    head = "\n".join(text.split("\n", HEADER_LINES * 2)[: HEADER_LINES * 2])
    # Not a line with a full date: the date line itself ("Tuesday, November 05, 2024").
    found = (m for m in _dateline_day_re().finditer(head) if not full_date(_line_at(head, m)))
    m = next(found, None)
    if m is None:
        return True
    month = shipped_months()[(m.group("m1") or m.group("m2")).lower()]
    day = int(m.group("d1") or m.group("d2"))
    for year in (date.year, date.year - 1):  # a dateline of 31 December, a page of 2 January
        try:
            lag = (date - dt.date(year, month, day)).days
        except ValueError:
            return True
        if 0 <= lag <= DATELINE_LAG_DAYS:
            return True
    return False


def _line_at(text: str, m: re.Match[str]) -> str:
    end = text.find("\n", m.start())
    return text[m.start() : end if end >= 0 else len(text)]

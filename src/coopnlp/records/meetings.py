"""Meetings rows: the `coop_meetings` store plus the date resolved against the article's.

A date cue (see `pipeline.meetings.date_cue`) is resolved here because only the
records step knows the article's date (`documents.date`, from the input or the
cleaned header):
- a full date is taken as it is; a day and month without a year take the year of
  the article (the year before when that would put a held meeting after it);
- a month alone gives that month (`date_precision` `month`);
- a weekday is the last such day on or before the article's date ("met Friday"),
  "yesterday"/"today" count from it;
- with no cue, a held meeting reported by a dated article took place on its date
  (news reports the day's events); otherwise the date is null, never guessed;
- in an undated article, a month without a year takes its year from the first full
  date the article writes (`written_cue`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coopnlp.records.models import Meeting

# How far before the article a weekday may point back ("met Friday" in Monday's news).
WEEK = 7


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_date(
    cue: dict[str, Any] | None, anchor: dt.date | None, status: str = "held"
) -> tuple[dt.date | None, str | None]:
    """(date, precision) of a date cue against the article's date `anchor`."""
    if cue is None:
        return (anchor, "day") if anchor is not None and status == "held" else (None, None)
    if "offset" in cue:
        if anchor is None:
            return None, None
        return anchor + dt.timedelta(days=cue["offset"]), "day"
    if "weekday" in cue:
        if anchor is None:
            return None, None
        back = (anchor.weekday() - cue["weekday"]) % WEEK
        if status == "planned":
            return anchor + dt.timedelta(days=(cue["weekday"] - anchor.weekday()) % WEEK), "day"
        return anchor - dt.timedelta(days=back), "day"
    month, day, year = cue["month"], cue.get("day"), cue.get("year")
    if year is None:
        if anchor is None:
            return None, None
        year = anchor.year
        later = (month, day or 1) > (anchor.month, anchor.day)
        if status == "held" and later:
            year -= 1
        elif status == "planned" and not later and month < anchor.month:
            year += 1
    if day is None:
        return _safe_date(year, month, 1), "month"
    found = _safe_date(year, month, day)
    return found, "day" if found else None


def meeting_records(
    store: list[dict[str, Any]], doc_id: str, date: dt.date | None
) -> list[Meeting]:
    """Validated meetings rows of one document."""
    out = []
    for row in store:
        values = dict(row)
        cue = values.pop("date_cue", None)
        dateline = values.pop("dateline_cue", None)
        written = values.pop("written_cue", None)
        anchor = date
        if anchor is None and dateline is not None:
            anchor, _ = resolve_date(dateline, None)
        if anchor is None and written is not None and cue is not None and cue.get("month"):
            # An undated article: a month without its year ("on 12-14 July") is read
            # against the first full date it writes; no cue still gives no date.
            anchor, _ = resolve_date(written, None)
        when, precision = resolve_date(cue, anchor, values["status"])
        out.append(Meeting(doc_id=doc_id, date=when, date_precision=precision, **values))
    return out

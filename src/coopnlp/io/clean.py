"""Strip site furniture from an article and pull out its header fields.

The cleaned text is what the pipeline stores and what every character offset
points into, so cleaning only removes whole lines (or a leading date header /
furniture prefix) and normalises whitespace lightly; it never rewrites words.
What counts as furniture lives in data files under `coopnlp/resources/`:

- `furniture.txt`: regexes for whole lines that are never article text;
- `furniture_prefixes.txt`: regexes for furniture glued to the start of a line;
- `cut_markers.txt`: headings ("Related articles:") after which the rest of a
  document is not the article;
- `boilerplate_blocks.jsonl`: multi-line blocks (donation appeals) given by a
  start and an end line;
- `month_names.txt`, `metadata_words.txt`: words of timestamp lines and
  datelines.

Rules are conservative: a line that looks like part of a hard-wrapped sentence
is never dropped, and cut markers only cut when article text precedes them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from coopnlp.io.dates import agrees_with_dateline, header_dates, month_alternation
from coopnlp.resources import jsonl, lines

# How much kept text must precede a cut marker or an unclosed block before it
# may drop everything after it (a marker near the top is only a stray line).
_TAIL_MIN_CHARS = 200
# Lines longer than this are prose, never a timestamp line or a repeated title.
_SHORT_LINE = 200
_META_LINE_MAX = 80
# Datelines are looked for in the first few non-empty lines only.
_DATELINE_LINES = 6

_HEADER_RE = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*")
_SOURCE_RE = re.compile(r"^Source\s*:\s*(\S.{0,150}?)\s*$")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[&'’.][^\W\d_]+)*")
_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\b)?", re.IGNORECASE)
_NUMERIC_DATE_RE = re.compile(r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
# "<headline> | Site Name": a page title printed above the article headline.
_SITE_SUFFIX_RE = re.compile(r"^(.{10,}?)\s+\|\s+[^|]{2,40}$")


@dataclass
class Cleaned:
    """An article's text with furniture removed, plus what its header said.

    `dateline` is reported but left in `text` (countries named in it count as
    named in the article); `dateline_span` gives its offsets in `text`.
    """

    text: str
    date: dt.date | None = None
    source: str | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class _Block:
    kind: str
    start: re.Pattern[str]
    end: re.Pattern[str]
    max_lines: int


@dataclass(frozen=True)
class _Rules:
    furniture: tuple[re.Pattern[str], ...]
    prefixes: tuple[re.Pattern[str], ...]
    cut_markers: tuple[re.Pattern[str], ...]
    blocks: tuple[_Block, ...]
    months: frozenset[str]
    meta_words: frozenset[str]
    dateline: re.Pattern[str]


def _compile_all(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _dateline_regex(months: Iterable[str]) -> re.Pattern[str]:
    """Build the dateline pattern ("MOSCOW, September 27. /TASS/.")."""
    # Longest first so "september" wins over "sep"; case-insensitive because
    # months are written "Sept." or "SEPTEMBER" while places are in capitals.
    month_word = "(?i:" + month_alternation(months) + ")"
    month = month_word + r"\.?"
    date = (
        rf"(?:{month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
        rf"|\d{{1,2}}\s+{month}(?:,?\s+\d{{4}})?"
        r"|\d{1,2}\.\d{1,2}\.\d{2,4})"
    )
    caps = r"[A-Z][A-Z'’.]*[A-Z](?:[ -][A-Z][A-Z'’.]*[A-Z])*"
    title = r"[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)?"
    # A country after the place, but not a month ("MOSCOW, September 27").
    country = rf"(?:,\s*(?!{month_word}\b)[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}})"
    paren = r"\s*\([^()\n]{2,40}\)"
    slash = r"\s*/[^/\n]{2,40}/\.?"
    dash = r"\s*(?:--|[–—-])"
    caps_agency = r"\.\s+[A-Z]{3,}\b"
    named_agency = r",\s*[A-Z][\w-]+(?:\s[A-Z][\w-]+){0,2}"
    pattern = rf"""
        ^(?P<dl>
          (?:(?P<place>{caps}|{title})(?P<country>{country})?)?
          (?P<date>,?\s*{date})?
          (?:{dash}(?={paren}))?
          (?P<agency>{paren}|{slash}|{caps_agency}|{named_agency}(?={dash}))?
          (?P<term>{dash}|\.(?:{slash})?|:)?
        )(?=\s|$)
    """
    return re.compile(pattern, re.VERBOSE)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """Load and compile the cleaning rules once per process."""
    blocks = []
    for row in jsonl("cleaning/boilerplate_blocks.jsonl"):
        blocks.append(
            _Block(
                kind=row["kind"],
                start=re.compile(row["start"]),
                end=re.compile(row["end"]),
                max_lines=int(row.get("max_lines", 30)),
            )
        )
    months = frozenset(w.lower() for w in lines("cleaning/month_names.txt"))
    meta = frozenset(w.lower() for w in lines("cleaning/metadata_words.txt")) | months
    return _Rules(
        furniture=_compile_all(lines("cleaning/furniture.txt")),
        prefixes=_compile_all(lines("cleaning/furniture_prefixes.txt")),
        cut_markers=_compile_all(lines("cleaning/cut_markers.txt")),
        blocks=tuple(blocks),
        months=months,
        meta_words=meta,
        dateline=_dateline_regex(months),
    )


def _full(patterns: Iterable[re.Pattern[str]], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def _is_metadata_line(line: str, rules: _Rules) -> bool:
    """True for timestamp lines such as "21 Jul. 17:25 (UTC+3 MSK)"."""
    if len(line) > _META_LINE_MAX or not any(c.isdigit() for c in line):
        return False
    words = _WORD_RE.findall(line)
    others = [w for w in words if w.lower().rstrip(".") not in rules.meta_words]
    if not others:
        return True
    if len(others) > 1:
        return False
    # One stray word (an outlet, a section, "Flag") is tolerated next to a
    # full date or a time, unless it is an all-caps city of a dateline.
    word = others[0]
    if word.isupper() and len(word) > 1:
        return False
    has_month = any(w.lower().rstrip(".") in rules.months for w in words)
    full_date = bool(_NUMERIC_DATE_RE.search(line)) or (has_month and bool(_YEAR_RE.search(line)))
    return full_date or bool(_TIME_RE.search(line))


def _is_wrapped(lines: list[str], i: int) -> bool:
    """True when line i is part of a hard-wrapped sentence (never drop it)."""
    cur = lines[i]
    if cur[:1].islower() and i > 0 and lines[i - 1]:
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return bool(nxt) and nxt[:1].islower()


def _is_furniture(lines: list[str], i: int, rules: _Rules) -> bool:
    line = lines[i]
    if _is_wrapped(lines, i):
        return False
    return _full(rules.furniture, line) or _is_metadata_line(line, rules)


def _strip_prefixes(line: str, rules: _Rules) -> str:
    """Cut furniture glued to the start of a line ("+ ↺ − 16 px")."""
    changed = True
    while changed and line:
        changed = False
        for pat in rules.prefixes:
            m = pat.match(line)
            if m and m.end() > 0:
                line = line[m.end() :].lstrip()
                changed = True
    return line


def _block_end(lines: list[str], i: int, block: _Block) -> int | None:
    """Index of the line closing a block that starts at i, if within reach."""
    last = min(len(lines), i + 1 + block.max_lines)
    for j in range(i + 1, last):
        if block.end.fullmatch(lines[j]):
            return j
    return None


def _filter_lines(lines: list[str], rules: _Rules) -> tuple[list[str], str | None]:
    """Drop furniture lines and cut tails; return kept lines and the source."""
    kept: list[str] = []
    source: str | None = None
    kept_chars = 0
    seen_short: set[str] = set()
    short_keys = {_key(ln) for ln in lines if ln and len(ln) <= _SHORT_LINE}
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            kept.append(line)
            i += 1
            continue
        in_tail = kept_chars >= _TAIL_MIN_CHARS
        block = next((b for b in rules.blocks if b.start.fullmatch(line)), None)
        if block is not None:
            end = _block_end(lines, i, block)
            if end is not None:
                i = end + 1
                continue
            if in_tail:
                break  # an unclosed appeal at the end runs to the end
        if _full(rules.cut_markers, line) and not _is_wrapped(lines, i):
            if in_tail:
                break
            i += 1
            continue
        m = _SOURCE_RE.match(line)
        if m:
            source = source or m.group(1)
            i += 1
            continue
        if _is_furniture(lines, i, rules):
            i += 1
            continue
        # A repeated title or caption (sites print them twice) is dropped, and
        # so is a page title ("<title> | Site") when the bare title is there.
        key = _key(line)
        if len(line) <= _SHORT_LINE:
            titled = _SITE_SUFFIX_RE.match(line)
            if key in seen_short or (titled and _key(titled.group(1)) in short_keys):
                i += 1
                continue
            seen_short.add(key)
        kept.append(line)
        kept_chars += len(line)
        i += 1
    return kept, source


def _key(line: str) -> str:
    """Comparison key of a line for spotting repeats."""
    return " ".join(line.split()).casefold()


def _find_dateline(text: str, rules: _Rules) -> tuple[str, tuple[int, int]] | None:
    """Find a dateline at the start of one of the first lines of the text."""
    offset = 0
    seen = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            break
        m = rules.dateline.match(line)
        if m is None or not m.group("dl").strip():
            continue
        dl = m.group("dl").rstrip()
        rest = line[len(dl) :].strip()
        if _outlet_line(m, rest):
            # "ANKARA - Anadolu Agency": a line of its own ending in the outlet.
            return line, (start, start + len(line))
        if _accept_dateline(m, rest):
            return dl, (start, start + len(dl))
    return None


def _outlet_line(m: re.Match[str], rest: str) -> bool:
    """True for a standalone "CITY - Outlet Name" line."""
    place, term = m.group("place"), (m.group("term") or "").strip()
    if not place or not place.isupper() or term not in ("-", "–", "—", "--"):
        return False
    words = rest.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and "." not in rest


def _accept_dateline(m: re.Match[str], rest: str) -> bool:
    """Decide whether a pattern match really is a dateline."""
    place, date = m.group("place"), m.group("date")
    agency, term = (m.group("agency") or "").strip(), (m.group("term") or "").strip()
    if not place and not agency.startswith("("):
        return False  # only "(VOVWORLD) -" may go without a place
    if not place:
        return term in ("-", "–", "—", "--")
    caps = place.isupper()
    if not rest:
        # A line of its own: "ISTANBUL", "BAKU, Azerbaijan, May 26".
        short = len(m.group("dl")) <= _META_LINE_MAX
        return caps and short and (bool(date) or len(place.split()) <= 3) and not term
    # Body text must follow: a sentence, not a headline ("Cambodia: ...").
    if "." not in rest and not rest.endswith(("”", '"')):
        return False
    if not (rest[:1].isupper() or rest[:1] in "“\"'‘("):
        return False
    if caps:
        return bool(date or agency or term)
    # Title-case words start many sentences ("State Secretary - Deputy
    # Minister ..."): a title-case place needs a date, an outlet or a colon.
    return bool(date or agency or term == ":") and not m.group("country")


def clean(text: str) -> Cleaned:
    """Clean one article: header fields out, furniture out, words untouched."""
    rules = _rules()
    text = _INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    date: dt.date | None = None
    m = _HEADER_RE.match(text)
    if m:
        try:
            date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            date = None  # an impossible date is still a header: drop it anyway
        text = text[m.end() :]
    # Else a date line above the article ("Posted on 24-Mar-2022"): the first that the
    # dateline below agrees with (not a site's banner of today).
    page_dates = header_dates(text) if date is None else []
    # Indentation and trailing spaces carry no meaning in these texts.
    lines = [_strip_prefixes(ln.strip(), rules) for ln in text.split("\n")]
    kept, source = _filter_lines(lines, rules)
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    # Horizontal whitespace runs inside a line are collapsed only when made of
    # odd spaces (NBSP, tabs); words and single spaces stay as they were.
    out = re.sub(r"[ \t\u00a0]*[\t\u00a0][ \t\u00a0]*", " ", out)
    found = _find_dateline(out, rules)
    date = date or next((d for d in page_dates if agrees_with_dateline(d, out)), None)
    if found is None:
        return Cleaned(text=out, date=date, source=source)
    return Cleaned(text=out, date=date, source=source, dateline=found[0], dateline_span=found[1])

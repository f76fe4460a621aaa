"""Long documents in chunks: time linear in length, memory flat.

spaCy's cost on one Doc grows faster than its length (the parser, the NER and
the linking components over a whole book-length text: a 700,000-character
text took 46 s and 2.4 GB). A text over `CHUNK_CHARS` is therefore cut on
paragraph boundaries (else sentence ends, else spaces) into chunks of at most
that size; each chunk goes through the pipeline alone and its records are
built with offsets shifted to the whole text, then the records of all chunks
are merged into those of one document:

- mentions: every chunk's, in text order;
- countries: one row per ISO code; agencies: one row per canonical name
  (aliases joined); mentions summed, the first row's attributes, blanks
  filled from later rows, the highest score;
- officials: one row per person, a name matching a fuller one of another
  chunk ("Kolokoltsev" / "Vladimir Kolokoltsev", when only one fits) joins it
  and the fullest name (with its evidence sentence) names the row;
- agreements: one row per titled instrument (kind and title), parties joined;
  untitled ones stay as each chunk found them;
- meetings: every chunk's, in text order (a meeting is reported in one place).

Texts up to `CHUNK_CHARS` (every ordinary article) run whole as before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from coopnlp.engine.rows import doc_records
from coopnlp.records.models import Official, Record

# A chunk's size: large enough for any article (those run whole, unchanged),
# small enough that one Doc costs little memory.
CHUNK_CHARS = 50_000
# A boundary is looked for in the last part of a chunk, no earlier than this
# share of its size, so chunks stay large.
_MIN_SHARE = 0.5
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_RE = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE_RE = re.compile(r"\s+")

Tables = dict[str, list[Record]]


class ComponentError(Exception):
    """A pipeline component failed on a text; `step` names it."""

    def __init__(self, step: str, exc: Exception) -> None:
        super().__init__(f"{step}: {type(exc).__name__}: {exc}")
        self.step = step


def run_components(nlp: Language, text: str) -> Doc:
    """`text` through every component in turn; a failure names its component."""
    step = "tokenizer"
    try:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            step = name
            doc = proc(doc)
    except Exception as exc:
        raise ComponentError(step, exc) from exc
    return doc


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive chunks covering `text`, each at most `size`
    characters and ending after a paragraph break, else a sentence end, else a
    space (a hard cut only when the window has none)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        low = start + int(size * _MIN_SHARE)
        cut = None
        for pattern in (_PARAGRAPH_RE, _SENTENCE_RE, _SPACE_RE):
            cut = _last_end(pattern, text, low, end)
            if cut is not None:
                break
        cut = cut or end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _last_end(pattern: re.Pattern[str], text: str, low: int, high: int) -> int | None:
    """The end of the last match of `pattern` that ends in (low, high]."""
    last = None
    for m in pattern.finditer(text, low, high):
        last = m.end()
    return last if last is not None and last > low else None


def chunked_records(
    nlp: Language, text: str, doc_id: str, date: dt.date | None = None
) -> tuple[Tables, str | None]:
    """Records of a long text built chunk by chunk and merged, and the pipeline's
    error (then no records). Raises ComponentError when a component fails."""
    parts: list[Tables] = []
    for start, end in chunk_bounds(text, CHUNK_CHARS):
        doc = run_components(nlp, text[start:end])
        error = doc.user_data.get("coop_error")
        if error:
            return {}, str(error)
        parts.append(shift(doc_records(doc, doc_id, date), start))
        del doc  # one chunk's Doc at a time
    return merge(parts), None


def shift(tables: Tables, offset: int) -> Tables:
    """Records of a chunk with their offsets moved to the whole text."""
    if offset == 0:
        return tables
    out: Tables = {}
    for name, records in tables.items():
        moved: list[Record] = []
        for r in records:
            row: Any = r
            update = {"start_char": row.start_char + offset}
            if name == "mentions":
                update["end_char"] = row.end_char + offset
            moved.append(r.model_copy(update=update))
        out[name] = moved
    return out


def merge(parts: list[Tables]) -> Tables:
    """The records of one document from the records of its chunks, in text order."""

    def rows(name: str) -> Iterator[Record]:
        for part in parts:
            yield from part.get(name, [])

    return {
        "officials": _merge_officials(list(rows("officials"))),
        "agencies": _merge_by(rows("agencies"), lambda a: a.name),
        "countries": _merge_by(rows("countries"), lambda c: c.iso3),
        "agreements": _merge_by(
            rows("agreements"),
            lambda a: (a.kind, a.title) if a.title else id(a),
        ),
        "mentions": list(rows("mentions")),
        "meetings": list(rows("meetings")),
    }


def _combine(first: Any, other: Any) -> Any:
    """`first` with `other`'s mentions added, its blanks filled, lists joined
    (records of one table with `mentions`, `start_char` and `score`)."""
    update: dict[str, Any] = {
        "mentions": first.mentions + other.mentions,
        "start_char": min(first.start_char, other.start_char),
        "score": max(first.score, other.score),
    }
    if "doc_score" in type(first).model_fields:
        # Before the corpus pass a row's own score is its score.
        update["doc_score"] = update["score"]
    for field in type(first).model_fields:
        mine, theirs = getattr(first, field), getattr(other, field)
        if isinstance(mine, list):
            update[field] = mine + [v for v in theirs if v not in mine]
        elif mine is None and theirs is not None:
            update[field] = theirs
    return first.model_copy(update=update)


def _merge_by(records: Iterator[Record], key: Callable[[Record], object]) -> list[Record]:
    merged: dict[object, Record] = {}
    for r in records:
        k = key(r)
        merged[k] = _combine(merged[k], r) if k in merged else r
    return list(merged.values())


def _words(name: str) -> tuple[str, ...]:
    return tuple(name.casefold().replace(".", " ").split())


def _merge_officials(records: list[Official]) -> list[Official]:
    """One row per person: equal names, or a name whose words end a fuller name
    of exactly one other row ("Kolokoltsev" -> "Vladimir Kolokoltsev")."""
    groups: list[list[Official]] = []
    by_name: dict[tuple[str, ...], int] = {}
    # Names by last word: a name can only end another that ends like it.
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for r in records:
        words = _words(r.name) or (r.name,)
        at = by_name.get(words)
        if at is None:
            fits = {
                by_name[name]
                for name in by_last.get(words[-1], [])
                if _ends(name, words) or _ends(words, name)
            }
            at = fits.pop() if len(fits) == 1 else None
        if at is None:
            at = len(groups)
            groups.append([])
        groups[at].append(r)
        if words not in by_name:
            by_last.setdefault(words[-1], []).append(words)
        by_name[words] = at
    out = []
    for group in groups:
        # The fullest name (and its evidence) names the row; the rest add to it.
        fullest = max(group, key=lambda o: len(_words(o.name)))
        merged: Record = fullest
        for r in group:
            if r is not fullest:
                merged = _combine(merged, r)
        out.append(merged)
    out.sort(key=lambda o: o.start_char)
    return out


def _ends(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether `shorter` is the last words of the strictly longer `longer`."""
    return len(shorter) < len(longer) and longer[len(longer) - len(shorter) :] == shorter

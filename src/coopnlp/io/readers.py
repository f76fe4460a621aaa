"""Read an input folder or file into a stream of RawDocuments.

Every input ends as exactly one RawDocument per file (text, Markdown, HTML) or
per row (JSONL, CSV, Parquet), including the ones that cannot be read: those
carry `text=None`, a status of "error" or "skipped" and a one-line `error`.
Only one file (or one Parquet batch) is held in memory at a time.

doc_id rules:
- a file: its path relative to INPUT without the extension, with "/"
  separators (`INPUT/sub/a.txt` -> `sub/a`); a single-file INPUT: its stem;
- a row: the row's `id` when present and non-empty, else
  `<relative stem>-<n>` with n the 1-based line (JSONL) or data-row (CSV,
  Parquet) number;
- a doc_id already used in this run gets `~2`, `~3`... appended, so ids stay
  unique across the run.

Strings that cannot be written as UTF-8 (lone surrogates from JSON escapes,
file names in a foreign byte encoding) are scrubbed to U+FFFD here, so no
later stage (hashing, Arrow, Parquet) can fail on them.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TextIO

from coopnlp.io.document import RawDocument
from coopnlp.io.docx import read_docx
from coopnlp.io.outdir import is_output_folder, table_paths
from coopnlp.io.paged import Extracted, Unreadable
from coopnlp.io.pdf import read_pdf

TEXT_EXTENSIONS = frozenset({".txt", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
ROW_EXTENSIONS = frozenset({".jsonl", ".csv", ".parquet"})
# Office documents, read by their own readers (io/pdf.py, io/docx.py).
DOCUMENT_READERS: dict[str, Callable[[Path], Extracted]] = {".pdf": read_pdf, ".docx": read_docx}
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | ROW_EXTENSIONS | set(DOCUMENT_READERS)

# The default size limit, a guard only: long texts run in chunks (time linear,
# memory flat: engine/chunks.py), so this is ten times spaCy's own max_length.
DEFAULT_MAX_CHARS = 10_000_000

# File signatures of formats that are never article text.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
    (b"PAR1", "Parquet data"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SNIFF_BYTES = 8192
# Legacy encodings of this domain's sources (Russian and Western sites), tried
# first when several encodings fit a text equally well.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "cp1251")
# Detection considers only the legacy encodings of web pages (the WHATWG set):
# with few non-ASCII letters, DOS and Mac code pages would fit as well and win.
_WEB_ENCODINGS = (
    *("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257"),
    *("cp1258", "latin_1", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_15", "koi8_r"),
    *("koi8_u", "cp866", "gb18030", "big5", "euc_jp", "shift_jis", "euc_kr"),
)
# Above this share of control bytes a file is data, not text.
_MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_ROW_FIELDS = ("date", "title", "url", "source")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_PARQUET_BATCH_ROWS = 256
_SURROGATES_RE = re.compile("[\ud800-\udfff]")
# Row files name their units by line (JSONL) or data row (CSV, Parquet).
_ROW_UNIT = {".jsonl": "line", ".csv": "row", ".parquet": "row"}
# BOM-less UTF-16 is accepted when at least this share of the sample decodes
# to printable text and the other byte of each pair takes few values (one
# script plus ASCII), which binary data does not do.
_UTF16_MIN_PRINTABLE = 0.95
_UTF16_MIN_HIGH_SHARE = 0.8
# Text failing UTF-8 is still read as UTF-8 (bad bytes as U+FFFD) when it has
# at least one valid multi-byte character per this many bad sequences.
_UTF8_BAD_PER_GOOD = 4


class _IdRegistry:
    """Hands out unique doc_ids for one run (only ids are kept, not texts)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        # Last suffix used per id, so many rows with one id stay linear.
        self._last: dict[str, int] = {}

    def claim(self, doc_id: str) -> str:
        candidate, k = doc_id, self._last.get(doc_id, 1)
        while candidate in self._seen:
            k += 1
            candidate = f"{doc_id}~{k}"
        self._last[doc_id] = k
        self._seen.add(candidate)
        return candidate


def scrub(text: str) -> str:
    """`text` with lone surrogates (unwritable as UTF-8) replaced by U+FFFD."""
    return _SURROGATES_RE.sub("\ufffd", text)


def where(path: str) -> str:
    """A document's path for messages: `a.jsonl#3` reads `a.jsonl line 3`."""
    base, sep, n = path.rpartition("#")
    unit = _ROW_UNIT.get(Path(base).suffix.lower()) if sep and n.isdigit() else None
    return f"{base} {unit} {n}" if unit else path


@dataclass
class _Walk:
    """State of one folder walk."""

    root: Path
    ids: _IdRegistry
    max_chars: int
    skip: set[str]
    visited: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.real_root = os.path.realpath(self.root)
        self.visited.add(self.real_root)


def iter_documents(
    input_path: Path | str,
    max_chars: int = DEFAULT_MAX_CHARS,
    skip: Collection[Path | str] = (),
) -> Iterator[RawDocument]:
    """Yield one RawDocument per input file or row, in a deterministic order.

    `input_path` is a folder (searched recursively, sorted by name, hidden
    entries and unsupported extensions ignored) or a single file. Texts longer
    than `max_chars` characters are skipped with status "skipped". Files and
    folders in `skip` (the run's own output) are not inputs.
    Raises FileNotFoundError when `input_path` itself does not exist.
    """
    root = Path(input_path)
    ids = _IdRegistry()
    if root.is_dir():
        walk = _Walk(root, ids, max_chars, {os.path.realpath(p) for p in skip})
        yield from _walk(root, walk)
        return
    if not root.exists() and not root.is_symlink():
        raise FileNotFoundError(f"input not found: {root}")
    # A file named on the command line is read whatever its extension says,
    # but an unsupported one is reported instead of silently dropped.
    doc_id = scrub(root.with_suffix("").name if root.suffix else root.name)
    if root.suffix.lower() not in SUPPORTED_EXTENSIONS:
        yield _error(
            ids.claim(doc_id),
            str(root),
            f"unsupported file type {root.suffix or '(none)'!r}: {root}",
            "skipped",
        )
        return
    yield from _read_file(root, doc_id, ids, max_chars)


def _rel_id(path: Path, root: Path) -> str:
    """doc_id of a file: relative path without extension, '/'-separated."""
    rel = path.relative_to(root)
    return scrub(rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix())


def _error(doc_id: str, path: str, message: str, status: str = "error") -> RawDocument:
    # Errors are one line so that they fit one table cell.
    return RawDocument(
        doc_id=doc_id,
        path=scrub(path),
        text=None,
        status=status,
        error=scrub(" ".join(message.split())),
    )


def _walk(folder: Path, walk: _Walk) -> Iterator[RawDocument]:
    """Depth-first walk of a folder in name order."""
    root, ids = walk.root, walk.ids
    if is_output_folder(folder):
        # coopnlp's own output (its marker): a folder inside INPUT is skipped
        # whole; INPUT itself is read without its tables.
        if folder != root:
            return
        walk.skip |= table_paths(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        rel = scrub(folder.relative_to(root).as_posix())
        yield _error(ids.claim(rel or "."), str(folder), f"cannot list folder {folder}: {exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders are never inputs
        path = folder / entry.name
        if walk.skip and os.path.realpath(path) in walk.skip:
            continue
        supported = path.suffix.lower() in SUPPORTED_EXTENSIONS
        if entry.is_symlink():
            target = os.path.realpath(path)
            is_dir = os.path.isdir(target)
            if not supported and not is_dir:
                continue
            doc_id = _rel_id(path, root)
            if not os.path.exists(target):
                yield _error(ids.claim(doc_id), str(path), f"dangling symlink: {path}")
                continue
            if os.path.commonpath([walk.real_root, target]) != walk.real_root:
                yield _error(
                    ids.claim(doc_id),
                    str(path),
                    f"symlink points outside the input folder, not followed: {path} -> {target}",
                )
                continue
            if is_dir:
                if target not in walk.visited:  # guard against symlink loops
                    walk.visited.add(target)
                    yield from _walk(path, walk)
                continue
        elif entry.is_dir(follow_symlinks=False):
            if supported:
                # A folder named like an input file is a broken input, not a
                # folder of inputs: report it.
                yield _error(ids.claim(_rel_id(path, root)), str(path), f"is a directory: {path}")
                continue
            real = os.path.realpath(path)
            if real not in walk.visited:
                walk.visited.add(real)
                yield from _walk(path, walk)
            continue
        if not supported:
            continue
        yield from _read_file(path, _rel_id(path, root), ids, walk.max_chars)


def _read_file(path: Path, doc_id: str, ids: _IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    """Dispatch on the extension; never raises for a bad file."""
    try:
        yield from _dispatch(path, doc_id, ids, max_chars)
    except Exception as exc:  # the safety net: one bad file must not end the run
        yield _error(
            ids.claim(doc_id), str(path), f"cannot read {path}: {type(exc).__name__}: {exc}"
        )


def _dispatch(path: Path, doc_id: str, ids: _IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    try:
        info = path.stat()
    except OSError as exc:
        yield _error(ids.claim(doc_id), str(path), f"cannot read {path}: {exc}")
        return
    if stat.S_ISDIR(info.st_mode):
        yield _error(ids.claim(doc_id), str(path), f"is a directory: {path}")
        return
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or a device could block or never end.
        yield _error(ids.claim(doc_id), str(path), f"not a regular file: {path}")
        return
    ext = path.suffix.lower()
    if ext in DOCUMENT_READERS:
        try:
            got = DOCUMENT_READERS[ext](path)
        except Unreadable as exc:
            yield _error(ids.claim(doc_id), str(path), str(exc), exc.status)
            return
        yield _text_doc(
            ids.claim(doc_id), str(path), got.text, max_chars, title=got.title,
            page_starts=got.page_starts,
        )  # fmt: skip
        return
    if ext in ROW_EXTENSIONS:
        reader = {".jsonl": _read_jsonl, ".csv": _read_csv, ".parquet": _read_parquet}[ext]
        try:
            yield from reader(path, doc_id, ids, max_chars)
        except OSError as exc:
            yield _error(ids.claim(doc_id), str(path), f"cannot read {path}: {exc}")
        return
    # At most 4 bytes a character (8 for HTML markup): a file this large surely
    # has too many characters, and is not read into memory at all.
    limit_bytes = max_chars * (8 if ext in HTML_EXTENSIONS else 4)
    if info.st_size > limit_bytes:
        yield _error(
            ids.claim(doc_id),
            str(path),
            f"too large: {path} has {info.st_size} bytes, over the limit of {max_chars} chars",
            status="skipped",
        )
        return
    try:
        data = _read_bytes(path)
    except OSError as exc:
        yield _error(ids.claim(doc_id), str(path), f"cannot read {path}: {exc}")
        return
    reason = _binary_reason(data[:_SNIFF_BYTES])
    if reason:
        yield _error(ids.claim(doc_id), str(path), f"binary file ({reason}): {path}", "skipped")
        return
    text = _decode(data)
    if text is None:
        yield _error(
            ids.claim(doc_id), str(path), f"undecodable text in {path}: {_undecodable(data)}"
        )
        return
    title: str | None = None
    date: dt.date | None = None
    if ext in HTML_EXTENSIONS:
        text, title, date = _html_to_text(text)
    yield _text_doc(ids.claim(doc_id), str(path), text, max_chars, title=title, date=date)


def _read_bytes(path: Path) -> bytes:
    # One place to read a file, so tests can simulate unreadable files.
    return path.read_bytes()


def _text_doc(
    doc_id: str,
    path: str,
    text: str,
    max_chars: int,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
    page_starts: tuple[int, ...] | None = None,
) -> RawDocument:
    if len(text) > max_chars:
        return _error(
            doc_id,
            path,
            f"too large: {where(path)} has {len(text)} chars, over the limit of {max_chars}",
            "skipped",
        )
    return RawDocument(
        doc_id=doc_id,
        path=scrub(path),
        text=scrub(text),
        date=date,
        title=title and scrub(title),
        url=url and scrub(url),
        source=source and scrub(source),
        page_starts=page_starts,
    )


# ---------------------------------------------------------------- decoding


def _unicode_encoding(head: bytes) -> str | None:
    """The encoding a BOM announces, or UTF-16 recognised without a BOM."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" not in head or len(head) < 4:
        return None  # of text encodings, only UTF-16/32 put NUL bytes in text
    even = head[: len(head) // 2 * 2]
    for encoding, other in (("utf-16-le", even[1::2]), ("utf-16-be", even[0::2])):
        common = sum(n for _, n in Counter(other).most_common(2))
        if common < _UTF16_MIN_HIGH_SHARE * len(other):
            continue
        text = even.decode(encoding, errors="replace")
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        if printable >= _UTF16_MIN_PRINTABLE * len(text):
            return encoding
    return None


def _binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file say it is not text, or None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if _unicode_encoding(head):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in head:
        return "contains NUL bytes"
    if head:
        controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
        if controls / len(head) > _MAX_CONTROL_SHARE:
            return "mostly non-text bytes"
    return None


def _decode(data: bytes) -> str | None:
    """Decode bytes: BOM or UTF-16 first, then UTF-8, then a detected legacy encoding.

    UTF-8 with a few corrupt bytes (more valid multi-byte characters than bad
    sequences) keeps its UTF-8 reading, the bad bytes becoming U+FFFD: read as
    a legacy encoding, every good character would turn into mojibake.
    """
    encoding = _unicode_encoding(data[:_SNIFF_BYTES])
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _mostly_utf8(data) or _detect_legacy(data)


def _mostly_utf8(data: bytes) -> str | None:
    """`data` read as UTF-8 with U+FFFD for bad bytes, when UTF-8 is the likely reading.

    A legacy single-byte text almost never forms a valid multi-byte UTF-8
    sequence, while it fails UTF-8 at nearly every non-ASCII letter; a corrupt
    UTF-8 file has a few bad bytes among its valid sequences.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    return text if wide * _UTF8_BAD_PER_GOOD >= bad else None


def _undecodable(data: bytes) -> str:
    """Why `_decode` found no reading of `data`, and where."""
    encoding = _unicode_encoding(data[:_SNIFF_BYTES])
    try:
        data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if encoding:
            return f"invalid {encoding} on line {line}"
        return f"not UTF-8 (first bad byte on line {line}) and no other encoding fits"
    return "no encoding fits"


def _detect_legacy(data: bytes) -> str | None:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds.

    Short texts often fit several single-byte encodings equally well (Latin-1
    French also reads as Central-European cp1250); among equally good
    candidates the encodings common in this domain's sources win.
    """
    from charset_normalizer import from_bytes  # slow import: only for legacy files

    matches = list(from_bytes(data, cp_isolation=list(_WEB_ENCODINGS)))
    if not matches:
        return None
    best = matches[0]
    tied = [
        m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01
    ]
    for preferred in _PREFERRED_LEGACY:
        for m in tied:
            if preferred in m.could_be_from_charset:
                try:
                    return data.decode(preferred)
                except UnicodeDecodeError:
                    continue
    return str(best)


def _sniff_encoding(head: bytes) -> str:
    """Encoding for a streamed text file, judged from its first bytes."""
    unicode = _unicode_encoding(head)
    if unicode:
        return unicode
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:
            return "utf-8"  # only a character cut by the sample's end
    if _mostly_utf8(head) is not None:
        return "utf-8"
    text = _detect_legacy(head)
    if text is None:
        return "utf-8"
    for encoding in (*_PREFERRED_LEGACY, "utf-8"):
        try:
            if head.decode(encoding) == text:
                return encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=list(_WEB_ENCODINGS)).best()
    return "utf-8" if best is None else best.encoding


# ---------------------------------------------------------------- HTML


class _TagStripper(HTMLParser):
    """Plain text of an HTML body: the fallback when trafilatura finds none."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n\n".join(line for line in lines if line)


def _strip_tags(markup: str) -> str:
    parser = _TagStripper()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _html_to_text(markup: str) -> tuple[str, str | None, dt.date | None]:
    """Main text (trafilatura, else a tag strip), title and date of a page."""
    import trafilatura  # heavy import: only when HTML is read

    text = trafilatura.extract(markup, include_comments=False, include_tables=False) or ""
    title: str | None = None
    date: dt.date | None = None
    try:
        from trafilatura.metadata import extract_metadata

        meta = extract_metadata(markup)
        title = getattr(meta, "title", None) or None
        date = _parse_date(getattr(meta, "date", None))
    except Exception:  # metadata is optional; a quirky page must not fail
        title, date = None, None
    if not text.strip():
        text = _strip_tags(markup)
    if title is None:
        m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
        if m:
            title = " ".join(html.unescape(m.group(1)).split()) or None
    return text, title, date


# ---------------------------------------------------------------- rows


def _parse_date(value: Any) -> dt.date | None:
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


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _row_doc(
    row: Mapping[str, Any],
    n: int,
    path: Path,
    stem: str,
    ids: _IdRegistry,
    max_chars: int,
    what: str,
) -> RawDocument:
    """RawDocument for one JSONL/CSV/Parquet row; `what` names the row."""
    given = _opt_str(row.get("id"))
    doc_id = ids.claim(scrub(given) if given else f"{stem}-{n}")
    row_path = f"{path}#{n}"
    text = row.get("text")
    if isinstance(text, (dict, list)):
        return _error(doc_id, row_path, f"text is not a string in {path} {what} {n}")
    if text is None or not str(text).strip():
        return _error(doc_id, row_path, f"missing or empty text in {path} {what} {n}")
    return _text_doc(
        doc_id,
        row_path,
        str(text),
        max_chars,
        title=_opt_str(row.get("title")),
        date=_parse_date(row.get("date")),
        url=_opt_str(row.get("url")),
        source=_opt_str(row.get("source")),
    )


def _check_head(path: Path, doc_id: str, ids: _IdRegistry) -> tuple[bytes, RawDocument | None]:
    """First bytes of a row file, or a skipped document when it is binary."""
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    reason = _binary_reason(head)
    if reason and not reason.startswith("Parquet"):
        return head, _error(
            ids.claim(doc_id), str(path), f"binary file ({reason}): {path}", "skipped"
        )
    return head, None


def _read_jsonl(path: Path, stem: str, ids: _IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    head, bad = _check_head(path, stem, ids)
    if bad:
        yield bad
        return
    encoding = _sniff_encoding(head)
    if encoding == "utf-8":
        encoding = "utf-8-sig"  # a BOM on the first line is not JSON
    # A JSON line may escape every character in 6; a longer line is not read
    # into memory whole.
    limit = max_chars * 6 + 4096
    with path.open("r", encoding=encoding, errors="replace", newline=None) as fh:
        for n, line in enumerate(_lines(fh, limit), start=1):
            if line is None:
                yield _error(
                    ids.claim(f"{stem}-{n}"),
                    f"{path}#{n}",
                    f"too large: {path} line {n} is over {limit} chars",
                    "skipped",
                )
                continue
            if not line.strip():
                continue  # blank lines are not rows
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _error(
                    ids.claim(f"{stem}-{n}"),
                    f"{path}#{n}",
                    f"malformed JSON in {path} line {n}: {exc.msg} (column {exc.colno})",
                )
                continue
            if not isinstance(row, dict):
                yield _error(
                    ids.claim(f"{stem}-{n}"),
                    f"{path}#{n}",
                    f"malformed JSON in {path} line {n}: not an object",
                )
                continue
            yield _row_doc(row, n, path, stem, ids, max_chars, "line")


def _lines(fh: TextIO, limit: int) -> Iterator[str | None]:
    """Lines of a text file; None for a line over `limit` chars (skipped unread)."""
    while line := fh.readline(limit):
        if len(line) == limit and not line.endswith("\n"):
            while (rest := fh.readline(limit)) and not rest.endswith("\n"):
                pass
            yield None
        else:
            yield line


def _read_csv(path: Path, stem: str, ids: _IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    head, bad = _check_head(path, stem, ids)
    if bad:
        yield bad
        return
    encoding = _sniff_encoding(head)
    if encoding == "utf-8":
        encoding = "utf-8-sig"  # Excel writes a BOM before the header
    # Article texts are long: raise the csv module's 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), max_chars * 4 + 1))
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = [f.strip() for f in reader.fieldnames or []]
        if "text" not in fields:
            yield _error(ids.claim(stem), str(path), f"no 'text' column in {path}")
            return
        reader.fieldnames = fields
        n = 0
        try:
            for n, row in enumerate(reader, start=1):
                yield _row_doc(row, n, path, stem, ids, max_chars, "row")
        except csv.Error as exc:
            yield _error(
                ids.claim(f"{stem}-{n + 1}"),
                f"{path}#{n + 1}",
                f"malformed CSV in {path} row {n + 1}: {exc}; rest of file not read",
            )


def _read_parquet(path: Path, stem: str, ids: _IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for corrupt files
        yield _error(ids.claim(stem), str(path), f"unreadable Parquet file {path}: {exc}")
        return
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        yield _error(ids.claim(stem), str(path), f"no 'text' column in {path}")
        return
    columns = [c for c in ("id", "text", *_ROW_FIELDS) if c in names]
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                n += 1
                yield _row_doc(row, n, path, stem, ids, max_chars, "row")
    except Exception as exc:  # a corrupt page mid-file: report and stop this file
        yield _error(
            ids.claim(f"{stem}-{n + 1}"),
            f"{path}#{n + 1}",
            f"unreadable Parquet data in {path} after row {n}: {exc}",
        )

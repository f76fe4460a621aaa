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
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import os
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from coopnlp.io.document import RawDocument

TEXT_EXTENSIONS = frozenset({".txt", ".md"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
ROW_EXTENSIONS = frozenset({".jsonl", ".csv", ".parquet"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | ROW_EXTENSIONS

DEFAULT_MAX_CHARS = 2_000_000

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
# Above this share of control bytes a file is data, not text.
_MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_ROW_FIELDS = ("date", "title", "url", "source")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_PARQUET_BATCH_ROWS = 256


class _IdRegistry:
    """Hands out unique doc_ids for one run (only ids are kept, not texts)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, doc_id: str) -> str:
        candidate, k = doc_id, 1
        while candidate in self._seen:
            k += 1
            candidate = f"{doc_id}~{k}"
        self._seen.add(candidate)
        return candidate


def iter_documents(
    input_path: Path | str, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[RawDocument]:
    """Yield one RawDocument per input file or row, in a deterministic order.

    `input_path` is a folder (searched recursively, sorted by name, hidden
    entries and unsupported extensions ignored) or a single file. Texts longer
    than `max_chars` characters are skipped with status "skipped".
    Raises FileNotFoundError when `input_path` itself does not exist.
    """
    root = Path(input_path)
    ids = _IdRegistry()
    if root.is_dir():
        yield from _walk(root, root, ids, max_chars, visited={os.path.realpath(root)})
        return
    if not root.exists() and not root.is_symlink():
        raise FileNotFoundError(f"input not found: {root}")
    # A file named on the command line is read whatever its extension says,
    # but an unsupported one is reported instead of silently dropped.
    doc_id = root.with_suffix("").name if root.suffix else root.name
    if root.suffix.lower() not in SUPPORTED_EXTENSIONS:
        yield RawDocument(
            doc_id=ids.claim(doc_id),
            path=str(root),
            text=None,
            status="skipped",
            error=f"unsupported file type {root.suffix or '(none)'!r}: {root}",
        )
        return
    yield from _read_file(root, doc_id, ids, max_chars)


def _rel_id(path: Path, root: Path) -> str:
    """doc_id of a file: relative path without extension, '/'-separated."""
    rel = path.relative_to(root)
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


def _error(doc_id: str, path: str, message: str, status: str = "error") -> RawDocument:
    # Errors are one line so that they fit one table cell.
    return RawDocument(
        doc_id=doc_id, path=path, text=None, status=status, error=" ".join(message.split())
    )


def _walk(
    folder: Path, root: Path, ids: _IdRegistry, max_chars: int, visited: set[str]
) -> Iterator[RawDocument]:
    """Depth-first walk of a folder in name order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        rel = folder.relative_to(root).as_posix()
        yield _error(ids.claim(rel or "."), str(folder), f"cannot list folder {folder}: {exc}")
        return
    real_root = os.path.realpath(root)
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders are never inputs
        path = folder / entry.name
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
            if os.path.commonpath([real_root, target]) != real_root:
                yield _error(
                    ids.claim(doc_id),
                    str(path),
                    f"symlink points outside the input folder, not followed: {path} -> {target}",
                )
                continue
            if is_dir:
                if target not in visited:  # guard against symlink loops
                    visited.add(target)
                    yield from _walk(path, root, ids, max_chars, visited)
                continue
        elif entry.is_dir(follow_symlinks=False):
            if supported:
                # A folder named like an input file is a broken input, not a
                # folder of inputs: report it.
                yield _error(ids.claim(_rel_id(path, root)), str(path), f"is a directory: {path}")
                continue
            real = os.path.realpath(path)
            if real not in visited:
                visited.add(real)
                yield from _walk(path, root, ids, max_chars, visited)
            continue
        if not supported:
            continue
        yield from _read_file(path, _rel_id(path, root), ids, max_chars)


def _read_file(path: Path, doc_id: str, ids: _IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    """Dispatch on the extension; never raises for a bad file."""
    ext = path.suffix.lower()
    if path.is_dir():
        yield _error(ids.claim(doc_id), str(path), f"is a directory: {path}")
        return
    if ext in ROW_EXTENSIONS:
        reader = {".jsonl": _read_jsonl, ".csv": _read_csv, ".parquet": _read_parquet}[ext]
        try:
            yield from reader(path, doc_id, ids, max_chars)
        except OSError as exc:
            yield _error(ids.claim(doc_id), str(path), f"cannot read {path}: {exc}")
        return
    try:
        data = _read_bytes(path)
    except OSError as exc:
        yield _error(ids.claim(doc_id), str(path), f"cannot read {path}: {exc}")
        return
    limit_bytes = max_chars * (8 if ext in HTML_EXTENSIONS else 4)
    if len(data) > limit_bytes:
        # At most 4 bytes a character: this many bytes is surely too many chars.
        yield _error(
            ids.claim(doc_id),
            str(path),
            f"too large: {len(data)} bytes > limit of {max_chars} chars",
            status="skipped",
        )
        return
    reason = _binary_reason(data[:_SNIFF_BYTES])
    if reason:
        yield _error(ids.claim(doc_id), str(path), f"binary file ({reason}): {path}", "skipped")
        return
    text = _decode(data)
    if text is None:
        yield _error(
            ids.claim(doc_id), str(path), f"binary file (undecodable text): {path}", "skipped"
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
) -> RawDocument:
    if len(text) > max_chars:
        return _error(doc_id, path, f"too large: {len(text)} chars > {max_chars}", "skipped")
    return RawDocument(
        doc_id=doc_id, path=path, text=text, date=date, title=title, url=url, source=source
    )


# ---------------------------------------------------------------- decoding


def _binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file say it is not text, or None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text legitimately contains NUL bytes
    if b"\x00" in head:
        return "contains NUL bytes"
    if head:
        controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
        if controls / len(head) > _MAX_CONTROL_SHARE:
            return "mostly non-text bytes"
    return None


def _decode(data: bytes) -> str | None:
    """Decode bytes: BOM first, then UTF-8, then a detected legacy encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect_legacy(data)


def _detect_legacy(data: bytes) -> str | None:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds.

    Short texts often fit several single-byte encodings equally well (Latin-1
    French also reads as Central-European cp1250); among equally good
    candidates the encodings common in this domain's sources win.
    """
    from charset_normalizer import from_bytes  # slow import: only for legacy files

    matches = list(from_bytes(data))
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
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:
            return "utf-8"  # only a character cut by the sample's end
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

    best = from_bytes(head).best()
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
    parsed = dateparser.parse(
        text,
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
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
    doc_id = ids.claim(given or f"{stem}-{n}")
    row_path = f"{path}#{n}"
    text = row.get("text")
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
    with path.open("r", encoding=encoding, errors="replace", newline=None) as fh:
        for n, line in enumerate(fh, start=1):
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

"""Read an input folder or file into a stream of RawDocuments.

Every input ends as exactly one RawDocument per file (text, Markdown, HTML,
PDF, Word) or per row (JSONL, CSV, Parquet: `rows`), including the ones that
cannot be read: those carry `text=None`, a status of "error" or "skipped" and a
one-line `error`. Only one file (or one Parquet batch) is held in memory at a time.

doc_id rules:
- a file: its path relative to INPUT without the extension, with "/"
  separators (`INPUT/sub/a.txt` -> `sub/a`); a single-file INPUT: its stem;
- a row: see `rows`;
- a doc_id already used in this run gets `~2`, `~3`... appended (`raw`).

A format is one entry of `FILE_READERS` (one document per file) or
`ROW_READERS` (one per row): a function (path, doc_id, ids, max_chars) ->
RawDocuments that never raises for a bad file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coopnlp.io.decode import SNIFF_BYTES, binary_reason, decode, undecodable
from coopnlp.io.docx import read_docx
from coopnlp.io.html import html_to_text
from coopnlp.io.outdir import is_output_folder, table_paths
from coopnlp.io.paged import Extracted, Unreadable
from coopnlp.io.pdf import read_pdf
from coopnlp.io.raw import IdRegistry, error_doc, scrub, text_doc
from coopnlp.io.rows import read_csv, read_jsonl, read_parquet
from coopnlp.records.document import RawDocument

# The default size limit, a guard only: long texts run in chunks (time linear,
# memory flat: engine/chunks.py), so this is ten times spaCy's own max_length.
DEFAULT_MAX_CHARS = 10_000_000
# At most 4 bytes a character (8 for HTML markup): a file larger than that
# surely has too many characters, and is not read into memory at all.
_BYTES_PER_CHAR = 4
_HTML_BYTES_PER_CHAR = 8

Reader = Callable[[Path, str, IdRegistry, int], Iterator[RawDocument]]


def _read_bytes(path: Path) -> bytes:
    # One place to read a file, so tests can simulate unreadable files.
    return path.read_bytes()


def _file_text(
    path: Path, doc_id: str, ids: IdRegistry, max_chars: int, bytes_per_char: int
) -> str | RawDocument:
    """The decoded text of a whole file, or the document saying why there is none."""
    size = path.stat().st_size
    if size > max_chars * bytes_per_char:
        return error_doc(
            ids.claim(doc_id),
            str(path),
            f"too large: {path} has {size} bytes, over the limit of {max_chars} chars",
            status="skipped",
        )
    data = _read_bytes(path)
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason:
        return error_doc(ids.claim(doc_id), str(path), f"binary file ({reason}): {path}", "skipped")
    text = decode(data)
    if text is None:
        return error_doc(
            ids.claim(doc_id), str(path), f"undecodable text in {path}: {undecodable(data)}"
        )
    return text


def read_text(path: Path, doc_id: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    """A plain text or Markdown file."""
    text = _file_text(path, doc_id, ids, max_chars, _BYTES_PER_CHAR)
    if isinstance(text, RawDocument):
        yield text
    else:
        yield text_doc(ids.claim(doc_id), str(path), text, max_chars)


def read_html(path: Path, doc_id: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    """An HTML page: its main text, title and date."""
    markup = _file_text(path, doc_id, ids, max_chars, _HTML_BYTES_PER_CHAR)
    if isinstance(markup, RawDocument):
        yield markup
        return
    text, title, date = html_to_text(markup)
    yield text_doc(ids.claim(doc_id), str(path), text, max_chars, title=title, date=date)


def _office_reader(extract: Callable[[Path], Extracted]) -> Reader:
    """A reader for a binary document format (PDF, Word): its text layer and page starts."""

    def read(path: Path, doc_id: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
        try:
            got = extract(path)
        except Unreadable as exc:
            yield error_doc(ids.claim(doc_id), str(path), str(exc), exc.status)
            return
        yield text_doc(
            ids.claim(doc_id), str(path), got.text, max_chars, title=got.title,
            page_starts=got.page_starts,
        )  # fmt: skip

    return read


# Readers by lower-case suffix: one document per file, or one per row.
FILE_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    # Office documents, read by their own extractors (io/pdf.py, io/docx.py).
    ".pdf": _office_reader(read_pdf),
    ".docx": _office_reader(read_docx),
}
ROW_READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".parquet": read_parquet,
}
READERS: dict[str, Reader] = {**FILE_READERS, **ROW_READERS}
SUPPORTED_EXTENSIONS = frozenset(READERS)


@dataclass
class _Walk:
    """State of one folder walk."""

    root: Path
    ids: IdRegistry
    skip: set[str]
    visited: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.real_root = os.path.realpath(self.root)
        self.visited.add(self.real_root)


# What a walk finds: a file to read (path, doc_id), or a document saying why
# an entry is no input.
_Found = tuple[Path, str] | RawDocument


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
    ids = IdRegistry()
    for found in _inputs(Path(input_path), ids, skip):
        if isinstance(found, RawDocument):
            yield found
        else:
            yield from _read_file(*found, ids, max_chars)


def count_documents(input_path: Path | str, skip: Collection[Path | str] = ()) -> int | None:
    """How many documents `iter_documents` yields, when the walk alone tells (one
    per file); None when a row file holds an unknown number of rows."""
    total = 0
    for found in _inputs(Path(input_path), IdRegistry(), skip):
        if not isinstance(found, RawDocument) and found[0].suffix.lower() in ROW_READERS:
            return None
        total += 1
    return total


def _inputs(root: Path, ids: IdRegistry, skip: Collection[Path | str]) -> Iterator[_Found]:
    """The files of a run in reading order, and the entries that fail as inputs."""
    if root.is_dir():
        yield from _walk(root, _Walk(root, ids, {os.path.realpath(p) for p in skip}))
        return
    if not root.exists() and not root.is_symlink():
        raise FileNotFoundError(f"input not found: {root}")
    # A file named on the command line is read whatever its extension says,
    # but an unsupported one is reported instead of silently dropped.
    doc_id = scrub(root.with_suffix("").name if root.suffix else root.name)
    if root.suffix.lower() not in SUPPORTED_EXTENSIONS:
        yield error_doc(
            ids.claim(doc_id),
            str(root),
            f"unsupported file type {root.suffix or '(none)'!r}: {root}",
            "skipped",
        )
        return
    yield root, doc_id


def _rel_id(path: Path, root: Path) -> str:
    """doc_id of a file: relative path without extension, '/'-separated."""
    rel = path.relative_to(root)
    return scrub(rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix())


def _walk(folder: Path, walk: _Walk) -> Iterator[_Found]:
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
        yield error_doc(ids.claim(rel or "."), str(folder), f"cannot list folder {folder}: {exc}")
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
                yield error_doc(ids.claim(doc_id), str(path), f"dangling symlink: {path}")
                continue
            if os.path.commonpath([walk.real_root, target]) != walk.real_root:
                yield error_doc(
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
                yield error_doc(
                    ids.claim(_rel_id(path, root)), str(path), f"is a directory: {path}"
                )
                continue
            real = os.path.realpath(path)
            if real not in walk.visited:
                walk.visited.add(real)
                yield from _walk(path, walk)
            continue
        if not supported:
            continue
        yield path, _rel_id(path, root)


def _read_file(path: Path, doc_id: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    """Dispatch on the extension; never raises for a bad file."""
    try:
        yield from _dispatch(path, doc_id, ids, max_chars)
    except Exception as exc:  # the safety net: one bad file must not end the run
        yield error_doc(
            ids.claim(doc_id), str(path), f"cannot read {path}: {type(exc).__name__}: {exc}"
        )


def _dispatch(path: Path, doc_id: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    try:
        info = path.stat()
    except OSError as exc:
        yield error_doc(ids.claim(doc_id), str(path), f"cannot read {path}: {exc}")
        return
    if stat.S_ISDIR(info.st_mode):
        yield error_doc(ids.claim(doc_id), str(path), f"is a directory: {path}")
        return
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or a device could block or never end.
        yield error_doc(ids.claim(doc_id), str(path), f"not a regular file: {path}")
        return
    try:
        yield from READERS[path.suffix.lower()](path, doc_id, ids, max_chars)
    except OSError as exc:
        yield error_doc(ids.claim(doc_id), str(path), f"cannot read {path}: {exc}")

"""Row files: one RawDocument per JSONL line or CSV/Parquet row.

A row's doc_id is its `id` cell when present and non-empty, else
`<relative stem>-<n>`, n the 1-based line (JSONL) or data-row number (CSV,
Parquet). A bad line or row is one error document; the rest of the file is
still read where the format allows it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from coopnlp.io.dates import parse_date
from coopnlp.io.decode import SNIFF_BYTES, binary_reason, sniff_encoding
from coopnlp.io.raw import IdRegistry, error_doc, scrub, text_doc
from coopnlp.records.document import RawDocument

_ROW_FIELDS = ("date", "title", "url", "source")
_PARQUET_BATCH_ROWS = 256
# A Parquet row group is unpacked only when its chosen columns take at most this
# many bytes unpacked, or at most this many times their packed size: memory stays
# bounded by a constant or by the file's own size, whatever a small file unpacks to.
_PARQUET_MAX_GROUP_BYTES = 1 << 30
_PARQUET_MAX_RATIO = 20
# Characters that do not steer the csv module's parser (default dialect).
_CSV_PLAIN_RE = re.compile(r'[^",\r\n]+')


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
    ids: IdRegistry,
    max_chars: int,
    what: str,
) -> RawDocument:
    """RawDocument for one JSONL/CSV/Parquet row; `what` names the row."""
    given = _opt_str(row.get("id"))
    doc_id = ids.claim(scrub(given) if given else f"{stem}-{n}")
    row_path = f"{path}#{n}"
    text = row.get("text")
    if isinstance(text, (dict, list)):
        return error_doc(doc_id, row_path, f"text is not a string in {path} {what} {n}")
    if text is None or not str(text).strip():
        return error_doc(doc_id, row_path, f"missing or empty text in {path} {what} {n}")
    return text_doc(
        doc_id,
        row_path,
        str(text),
        max_chars,
        title=_opt_str(row.get("title")),
        date=parse_date(row.get("date")),
        url=_opt_str(row.get("url")),
        source=_opt_str(row.get("source")),
    )


def _text_encoding(
    path: Path, doc_id: str, ids: IdRegistry
) -> Generator[RawDocument, None, str | None]:
    """The encoding of a JSONL or CSV file judged from its first bytes; None, after
    yielding a skipped document, when it is binary. UTF-8 drops a BOM: before the
    first line or the header (Excel writes one), it is not data."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    reason = binary_reason(head)
    if reason and not reason.startswith("Parquet"):
        yield error_doc(ids.claim(doc_id), str(path), f"binary file ({reason}): {path}", "skipped")
        return None
    encoding = sniff_encoding(head)
    return "utf-8-sig" if encoding == "utf-8" else encoding


def read_jsonl(path: Path, stem: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    encoding = yield from _text_encoding(path, stem, ids)
    if encoding is None:
        return
    # A JSON line may escape every character in 6; a longer line is not read
    # into memory whole.
    limit = max_chars * 6 + 4096
    with path.open("r", encoding=encoding, errors="replace", newline=None) as fh:
        for n, line in enumerate(_lines(fh, limit), start=1):
            if line is None:
                yield _too_large(path, stem, n, ids, f"line {n} is over {limit} chars")
                continue
            if not line.strip():
                continue  # blank lines are not rows
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield error_doc(
                    ids.claim(f"{stem}-{n}"),
                    f"{path}#{n}",
                    f"malformed JSON in {path} line {n}: {exc.msg} (column {exc.colno})",
                )
                continue
            if not isinstance(row, dict):
                yield error_doc(
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


class _CsvLines:
    """The lines of a CSV file for the csv module, each record's characters counted.

    A record over `limit` characters (a runaway field) is never held whole: from
    there on its lines reach the parser with every run of characters other than
    quotes, commas and line ends cut to one "x". The parser's states depend on
    those characters alone, so it still finds the same fields and the end of
    the record, and every row after it is read as usual.
    """

    def __init__(self, fh: TextIO, limit: int) -> None:
        self._fh = fh
        self._limit = limit
        self._chars = 0  # of the record being read

    def record_done(self) -> bool:
        """Start counting the next record; whether the one just read was over the limit."""
        over, self._chars = self._chars > self._limit, 0
        return over

    def __iter__(self) -> Iterator[str]:
        fh, limit = self._fh, self._limit
        while line := fh.readline(limit):
            whole = line.endswith(("\n", "\r")) or len(line) < limit
            self._chars += len(line)
            if self._chars <= limit and whole:
                yield line
                continue
            parts = [_CSV_PLAIN_RE.sub("x", line)]
            while not whole and (more := fh.readline(limit)):
                whole = more.endswith(("\n", "\r"))
                self._chars += len(more)
                parts.append(_CSV_PLAIN_RE.sub("x", more))
            yield _CSV_PLAIN_RE.sub("x", "".join(parts))


def read_csv(path: Path, stem: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    encoding = yield from _text_encoding(path, stem, ids)
    if encoding is None:
        return
    # A record may hold the text with every quote doubled, and a few short cells.
    limit = max_chars * 4 + 4096
    # Article texts are long: raise the csv module's 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), limit + 1))
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        lines = _CsvLines(fh, limit)
        reader = csv.reader(lines)
        fields = [f.strip() for f in next(reader, [])]
        lines.record_done()
        if "text" not in fields:
            yield error_doc(ids.claim(stem), str(path), f"no 'text' column in {path}")
            return
        n = 0
        try:
            for values in reader:
                too_large = lines.record_done()
                if not values:
                    continue  # blank lines are not rows
                n += 1
                if too_large:
                    yield _too_large(path, stem, n, ids, f"row {n} is over {limit} chars")
                    continue
                # Missing cells read as None, extra ones are dropped.
                yield _row_doc(
                    dict(zip(fields, values, strict=False)), n, path, stem, ids, max_chars, "row"
                )
        except csv.Error as exc:
            yield error_doc(
                ids.claim(f"{stem}-{n + 1}"),
                f"{path}#{n + 1}",
                f"malformed CSV in {path} row {n + 1}: {exc}; rest of file not read",
            )


def read_parquet(path: Path, stem: str, ids: IdRegistry, max_chars: int) -> Iterator[RawDocument]:
    """The rows of a Parquet file, one row group at a time, sizes checked first: a
    row group is decompressed only when the footer shows it fits (a small file
    may unpack to gigabytes), and a row becomes Python strings only when its
    Arrow data fits the size limit."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for corrupt files
        yield error_doc(ids.claim(stem), str(path), f"unreadable Parquet file {path}: {exc}")
        return
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        yield error_doc(ids.claim(stem), str(path), f"no 'text' column in {path}")
        return
    columns = [c for c in ("id", "text", *_ROW_FIELDS) if c in names]
    # At most 4 bytes a character, and a few short cells beside the text.
    row_limit = max_chars * 4 + 4096
    n = 0
    try:
        for group in range(pf.num_row_groups):
            size, packed = _group_size(pf.metadata.row_group(group), columns)
            if size > _PARQUET_MAX_GROUP_BYTES and size > packed * _PARQUET_MAX_RATIO:
                for _ in range(pf.metadata.row_group(group).num_rows):
                    n += 1
                    yield _too_large(
                        path,
                        stem,
                        n,
                        ids,
                        f"row {n}: its row group holds {size} bytes unpacked, not read",
                    )
                continue
            for batch in pf.iter_batches(
                batch_size=_PARQUET_BATCH_ROWS, row_groups=[group], columns=columns
            ):
                for k in range(batch.num_rows):
                    n += 1
                    row = batch.slice(k, 1)
                    if row.nbytes > row_limit:
                        yield _too_large(
                            path, stem, n, ids, f"row {n} has {row.nbytes} bytes, over {row_limit}"
                        )
                    else:
                        yield _row_doc(row.to_pylist()[0], n, path, stem, ids, max_chars, "row")
    except Exception as exc:  # a corrupt page mid-file: report and stop this file
        yield error_doc(
            ids.claim(f"{stem}-{n + 1}"),
            f"{path}#{n + 1}",
            f"unreadable Parquet data in {path} after row {n}: {exc}",
        )


def _group_size(group: Any, columns: list[str]) -> tuple[int, int]:
    """Unpacked and packed bytes of the chosen columns of one row group (footer)."""
    chunks = [group.column(i) for i in range(group.num_columns)]
    chosen = [c for c in chunks if c.path_in_schema.split(".")[0] in columns]
    return (
        sum(c.total_uncompressed_size for c in chosen),
        sum(c.total_compressed_size for c in chosen),
    )


def _too_large(path: Path, stem: str, n: int, ids: IdRegistry, what: str) -> RawDocument:
    """The skipped document of a line or row not read for its size."""
    return error_doc(
        ids.claim(f"{stem}-{n}"), f"{path}#{n}", f"too large: {path} {what}", "skipped"
    )

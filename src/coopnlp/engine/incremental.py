"""Incremental runs: carry over the rows of documents that have not changed.

A run into a folder leaves a manifest in the user's cache folder
(`$XDG_CACHE_HOME/coopnlp/runs/`, one file per output folder, so the output
holds only the tables): the pipeline's fingerprint and, per `ok` document,
the hash of its raw text and of its cleaned text (losing it costs one full
run). The next run with the same fingerprint skips cleaning and the pipeline
for a document whose raw text hashes the same, and copies its rows from the
previous tables instead, as stored (Arrow slices, no Python object per cell;
only tables of today's schema qualify). The previous tables are in input
order, so they are read once, front to back, alongside the new run (memory
stays flat but for two small dicts keyed by doc_id).

The manifest is removed when a run starts and written after its tables are
committed: a run killed in between leaves none, and the next run is full.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from spacy.language import Language

from coopnlp import __version__
from coopnlp.engine.stream import Prepared, Tables, one_line, prepare
from coopnlp.io.atomic import write_text_atomic
from coopnlp.pipeline.data import DataComponent
from coopnlp.pipeline.rulers import GatedSpanRuler
from coopnlp.records.document import RawDocument
from coopnlp.records.models import DOCUMENT_TABLES, TABLES, Document
from coopnlp.records.tables import arrow_schema

PACKAGE = Path(__file__).resolve().parents[1]
# The top of the package: commands, report, retraining, scorer and public API
# read or present tables, never make them (the version is hashed on its own).
PRESENTING = frozenset({"cli", "report", "retrain", "evaluate.py", "__init__.py"})
# The tables the corpus step writes from the rows of all documents.
CORPUS_TABLES = ("persons", "bodies")


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coopnlp"


def _path_key(path: Path) -> str:
    return hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:32]


def manifest_path(outdir: Path) -> Path:
    """Where the manifest of the tables in `outdir` lives."""
    return _cache_dir() / "runs" / f"{_path_key(outdir)}.json"


def raw_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _source_files() -> list[Path]:
    """The package's files that decide a document's rows: the data files and code
    of every layer that makes them (resources, records, io, pipeline, engine...,
    whatever their layout), not the `PRESENTING` top (a help string keeps the cache)."""
    files = []
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if path.is_file() and rel.parts[0] not in PRESENTING and "__pycache__" not in rel.parts:
            files.append(path)
    return files


def source_hashes(files: list[Path]) -> dict[str, str]:
    """The hash of each file (about 150 files, 12 MB), by its path inside the package.

    A file is read and hashed again only when its size or modification time differ
    from those in the cache (one file per installed package, in the cache folder of
    the manifests; `make` and git's index tell a changed file the same way), so an
    unchanged package costs a stat per file. A cache that cannot be read or written
    only costs the reading."""
    cache_path = _cache_dir() / "sources" / f"{_path_key(PACKAGE)}.json"
    try:
        cached = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cached = {}
    hashes: dict[str, str] = {}
    seen: dict[str, list[int | str]] = {}  # path -> [size, mtime, hash]
    for path in files:
        rel = path.relative_to(PACKAGE).as_posix()
        stat = path.stat()
        key = [stat.st_size, stat.st_mtime_ns]
        entry = cached.get(rel)
        if isinstance(entry, list) and len(entry) == 3 and entry[:2] == key:
            hashes[rel] = str(entry[2])
        else:
            hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        seen[rel] = [*key, hashes[rel]]
    if seen != cached:
        with contextlib.suppress(OSError):
            write_text_atomic(cache_path, json.dumps(seen))
    return hashes


def fingerprint(nlp: Language, max_chars: int) -> str:
    """What decides a document's rows besides its text: coopnlp's version, data
    files and extracting code, the pipeline (base model, component configs,
    patterns) and the run's settings."""
    digest = hashlib.sha256()
    for rel, file_hash in source_hashes(_source_files()).items():
        digest.update(f"{rel} {file_hash}".encode())
    digest.update(nlp.config.to_str().encode())
    digest.update(json.dumps([nlp.meta.get("name"), nlp.meta.get("version")]).encode())
    digest.update(f"{__version__} {metadata.version('spacy')} {max_chars}".encode())
    if "coop_ruler" in nlp.pipe_names:  # user pattern folders end up here
        ruler = nlp.get_pipe("coop_ruler")
        if isinstance(ruler, GatedSpanRuler):
            digest.update(ruler.patterns_digest().encode())
        else:
            digest.update(json.dumps(ruler.patterns, sort_keys=True, default=str).encode())
    for _, pipe in nlp.pipeline:  # user bodies and people (`knowledge/user.py`)
        if isinstance(pipe, DataComponent) and pipe.user:
            digest.update(pipe.user.signature().encode())
    return digest.hexdigest()


class _Cursor:
    """The rows of one previous table, read front to back, handed out as Arrow
    slices (no Python object per cell: carrying costs little per document)."""

    def __init__(self, path: Path, position: dict[str, int]) -> None:
        self._batches = pq.ParquetFile(path).iter_batches(batch_size=4096)
        self._position = position
        self._batch: pa.RecordBatch | None = None
        self._at: list[int] = []  # the document position of each row of the batch
        self._row = 0
        self._advance()

    def _advance(self) -> None:
        self._batch = next(self._batches, None)
        ids = [] if self._batch is None else self._batch.column("doc_id").to_pylist()
        self._at = [self._position.get(doc_id, -1) for doc_id in ids]
        self._row = 0

    def take(self, doc_id: str) -> list[pa.RecordBatch]:
        """The rows of `doc_id`, dropping those of documents before it."""
        target = self._position[doc_id]
        pieces = []
        while self._batch is not None:
            at = self._at
            while self._row < len(at) and at[self._row] < target:
                self._row += 1
            start = self._row
            while self._row < len(at) and at[self._row] == target:
                self._row += 1
            if self._row > start:
                pieces.append(self._batch.slice(start, self._row - start))
            if self._row < len(at):
                break  # the next document's rows
            self._advance()
        return pieces


class Previous:
    """What an earlier run into the same folder left that this run may reuse."""

    def __init__(self, outdir: Path, version: str, reuse: bool = True) -> None:
        self.outdir = outdir
        self.version = version
        self.known: dict[str, tuple[str, str]] = {}  # doc_id -> (raw hash, content hash)
        self.raw_hashes: dict[str, str] = {}  # this run's, for its manifest
        self._cursors: dict[str, _Cursor] = {}
        # The previous run's `ok` documents in table order, and those this run carried.
        self.previous_ok: list[str] = []
        self.carried: list[str] = []
        # Why this run keeps no incremental state (an unusable cache folder), if so.
        self.warning: str | None = None
        manifest = self.manifest = manifest_path(outdir)
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        try:
            manifest.unlink(missing_ok=True)
        except OSError as exc:  # a manifest that cannot go must not be trusted either
            self._give_up(exc)
            return
        paths = {name: outdir / f"{name}.parquet" for name in TABLES}
        complete = all(p.is_file() for p in paths.values())
        if not reuse or data.get("version") != version or not complete:
            return
        # Rows are copied as they are stored: only tables of today's schema qualify.
        if any(
            not pq.read_schema(path).equals(arrow_schema(TABLES[name]))
            for name, path in paths.items()
        ):
            return
        documents = pq.read_table(paths["documents"], columns=["doc_id", "content_hash", "status"])
        position: dict[str, int] = {}
        for i, row in enumerate(documents.to_pylist()):
            position[row["doc_id"]] = i
            if row["status"] == "ok":
                self.previous_ok.append(row["doc_id"])
            entry = data["docs"].get(row["doc_id"])
            # Only rows that match the manifest are trusted.
            if row["status"] == "ok" and entry and entry[1] == row["content_hash"]:
                self.known[row["doc_id"]] = (entry[0], entry[1])
        self._cursors = {name: _Cursor(paths[name], position) for name in DOCUMENT_TABLES}

    def prepare(self, raw: RawDocument) -> Prepared:
        """A carried document when its text is as before, else `prepare`d as usual."""
        if raw.text is not None:
            digest = raw_hash(raw.text)
            self.raw_hashes[raw.doc_id] = digest
            known = self.known.get(raw.doc_id)
            if known is not None and known[0] == digest:
                return Prepared(raw, carried=known[1])
        return prepare(raw)

    def carry(self, doc_id: str) -> Tables:
        """The previous rows of a carried document, every table: its documents
        row as a record, the others as the stored Arrow rows."""
        self.carried.append(doc_id)
        tables: Tables = {}
        for name, cursor in self._cursors.items():
            pieces = cursor.take(doc_id)
            if name == "documents":
                rows = [row for piece in pieces for row in piece.to_pylist()]
                tables[name] = [Document.model_validate(row) for row in rows]
            elif pieces:
                tables[name] = pa.Table.from_batches(pieces)
        return tables

    def unchanged(self, n_ok: int) -> bool:
        """Whether this run's document rows are the previous run's, in the same order:
        its `n_ok` documents are all carried, and they are the previous run's `ok`
        documents (only `ok` documents have rows beyond `documents`)."""
        return (
            bool(self._cursors) and n_ok == len(self.carried) and self.carried == self.previous_ok
        )

    def carry_corpus(self, paths: dict[str, Path]) -> dict[str, int]:
        """Copy the previous `persons` and `bodies` tables into `paths` (the run's
        temporary table files); rows per table. Only for an `unchanged` run: the
        corpus step over the same rows gives the same tables, and the carried
        officials and agencies rows hold its ids and mended values already."""
        counts = {}
        for name in CORPUS_TABLES:
            shutil.copyfile(self.outdir / f"{name}.parquet", paths[name])
            counts[name] = pq.ParquetFile(paths[name]).metadata.num_rows
        return counts

    def save(self, ok: dict[str, str]) -> None:
        """Write the manifest of a committed run: `ok` maps doc_id -> content hash."""
        if self.warning is not None:
            return
        docs = {
            doc_id: [self.raw_hashes[doc_id], content]
            for doc_id, content in ok.items()
            if doc_id in self.raw_hashes
        }
        try:
            write_text_atomic(self.manifest, json.dumps({"version": self.version, "docs": docs}))
        except OSError as exc:  # the tables are committed: only the next run's shortcut is lost
            self._give_up(exc)

    def _give_up(self, exc: OSError) -> None:
        self.warning = one_line(
            f"incremental state not kept, the next run will be full: "
            f"cannot use {self.manifest.parent}: {exc}"
        )

"""Identity and the corpus pass over the tables of one run.

Runs after every document's rows are written, before the tables are renamed
into place, in two passes over `agencies` and `officials`, batch by batch:
the first reads the few columns resolution needs and sums them up by written
name (for officials, memory grows with distinct names, not with rows; for
agencies it keeps one entry per row, the document's own state of each
(document, name), which the second pass reads); persons are resolved; the
second rewrites each batch with its ids and mended values. Then the `persons`
and `bodies` tables are written.

Resolution reads each row's own values (`doc_country`, `doc_agency`,
`doc_score`, the source before '>corpus:'), never the values an earlier pass
mended, so the rows an incremental run carries over resolve exactly as they
did in the full run, and so does any split of the rows into partitions.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from coopnlp.corpus.bodies import BodyRows, body_id, body_key
from coopnlp.corpus.mend import (
    CORPUS_MARK,
    AgencyRow,
    Mended,
    OfficialRow,
    Statements,
    add_body,
    mend_agency,
    mend_official,
    settled,
)
from coopnlp.corpus.persons import (
    Groups,
    Mention,
    Person,
    add_mention,
    group_key,
    is_weak,
    person_ids,
    resolve_groups,
)
from coopnlp.io.writers import flatten_lists
from coopnlp.records.csv_cells import neutralise, restore
from coopnlp.records.load import csv_convert_options, list_cells
from coopnlp.records.models import TABLES
from coopnlp.records.tables import arrow_schema, csv_schema

# Titles and agencies listed per person in the persons table (the most used first).
MAX_LISTED = 10
BATCH_ROWS = 8192
# The columns the first pass reads.
NEEDED = {
    "officials": ("doc_id", "name", "title", "score", "source", "doc_country", "doc_agency",
                  "doc_score"),
    "agencies": ("doc_id", "name", "score", "source", "doc_country", "doc_score"),
    "countries": ("doc_id", "iso3"),
}  # fmt: skip


def own_source(source: str) -> str:
    """A row's source before the corpus pass added to it."""
    return source.split(CORPUS_MARK, 1)[0]


def _ranked(counts: Counter[str], limit: int) -> list[str]:
    return sorted(counts, key=lambda v: (-counts[v], v))[:limit]


def _column(table: pa.Table | pa.RecordBatch, name: str) -> list:
    """A column as Python values, equal strings shared (names, sources and ids repeat
    row after row: one object each keeps the step's memory small)."""
    values = table.column(name).to_pylist()
    if not pa.types.is_string(table.schema.field(name).type):
        return values
    shared: dict[str, str] = {}
    return [shared.setdefault(v, v) if v is not None else None for v in values]


def apply(batch: pa.RecordBatch | pa.Table, values: dict[str, list]) -> pa.Table:
    """`batch` with the resolved columns set to `values`."""
    table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
    for name, column in values.items():
        i = table.schema.get_field_index(name)
        field = table.schema.field(i)
        table = table.set_column(i, field, pa.array(column, field.type))
    return table


class CorpusStep:
    """Identity and the corpus pass in two passes over the rows, batch by batch.

    Pass 1 (`see_agencies`, `see_officials`): officials rows are counted into
    groups of one written name and state, which keep what their rows state
    firmly; bodies keep the states they are given. `resolve` makes the persons.
    Pass 2 (`agencies_batch`, `officials_batch`, in table order): each batch
    with its ids and mended values, while the persons and bodies tables are
    summed up (`persons_table`, `bodies_table`).
    """

    def __init__(self, documents: pa.Table) -> None:
        self.dates = dict(
            zip(_column(documents, "doc_id"), _column(documents, "date"), strict=True)
        )
        self.groups: Groups = {}
        self.body_states: Statements = defaultdict(dict)
        # The document's own state of each agencies row, by (doc_id, name).
        self.agency_country: dict[tuple[str, str], str | None] = {}
        self.persons: list[Person] = []
        self.person_of: dict[tuple[str, str | None], str] = {}
        self.states: Statements = defaultdict(dict)
        self.agencies: Statements = defaultdict(dict)
        self.bodies: dict[str, BodyRows] = defaultdict(BodyRows)
        self.body_state: dict[str, str | None] = {}
        self.held: dict[str, Counter[str]] = defaultdict(Counter)
        # (doc_id, iso3) of the states each document names; None without a countries table.
        self.named: set[tuple[str, str]] | None = None

    # ---------------------------------------------------------------- pass 1

    def see_agencies(self, batch: pa.Table | pa.RecordBatch) -> None:
        for row in _agency_rows(batch):
            add_body(self.body_states, body_key, row)
            self.agency_country.setdefault((row.doc_id, row.name), row.country)

    def see_countries(self, batch: pa.Table | pa.RecordBatch) -> None:
        if self.named is None:
            self.named = set()
        self.named.update(zip(_column(batch, "doc_id"), _column(batch, "iso3"), strict=True))

    def names(self, doc_id: str, state: str) -> bool:
        """Whether a document names a state (the countries table)."""
        return self.named is None or (doc_id, state) in self.named

    def see_officials(self, batch: pa.Table | pa.RecordBatch) -> None:
        for m, _, _ in _official_rows(batch):
            add_mention(self.groups, m)

    def resolve(self) -> None:
        self.persons = resolve_groups(self.groups)
        self.person_of = person_ids(self.persons)
        for p in self.persons:
            if len(p.groups) == 1:  # most people: the group's own statements, not a copy
                self.states[p.person_id] = p.groups[0].stated_states
                self.agencies[p.person_id] = p.groups[0].stated_agencies
                continue
            for g in p.groups:
                for value, docs in g.stated_states.items():
                    self.states[p.person_id].setdefault(value, set()).update(docs)
                for value, docs in g.stated_agencies.items():
                    self.agencies[p.person_id].setdefault(value, set()).update(docs)

    # ---------------------------------------------------------------- pass 2

    def agencies_batch(self, batch: pa.Table | pa.RecordBatch) -> pa.Table:
        """An agencies batch with body ids and mended states."""
        values: dict[str, list] = {"body_id": [], "country": [], "score": [], "source": []}
        kinds, aliases = _column(batch, "kind"), list_cells(_column(batch, "aliases"))
        for row, kind, names in zip(_agency_rows(batch), kinds, aliases, strict=True):
            mended = mend_agency(row, self.body_states, body_key)
            bid = body_id(row.name, mended.country)
            self.bodies[bid].add(row.doc_id, row.name, kind, names)
            self.body_state[bid] = mended.country
            values["body_id"].append(bid)
            values["country"].append(mended.country)
            values["score"].append(mended.score)
            values["source"].append(mended.source)
        return apply(batch, values)

    def officials_batch(self, batch: pa.Table | pa.RecordBatch) -> pa.Table:
        """An officials batch with person ids and mended states and agencies."""
        values: dict[str, list] = {
            "person_id": [], "country": [], "agency": [], "score": [], "source": []
        }  # fmt: skip
        for m, score, source in _official_rows(batch):
            pid = self.person_of[group_key(m)]
            if settled(m.country, m.weak, m.agency):  # most rows: no row object, no lookups
                mended = Mended(m.country, m.agency, score, source)
            else:
                mended = self._mend(m, pid, score, source)
            if mended.agency:
                self.held[pid][mended.agency] += 1
            values["person_id"].append(pid)
            values["country"].append(mended.country)
            values["agency"].append(mended.agency)
            values["score"].append(mended.score)
            values["source"].append(mended.source)
        return apply(batch, values)

    def _mend(self, m: Mention, pid: str, score: float, source: str) -> Mended:
        body_state = self.agency_country.get((m.doc_id, m.agency)) if m.agency else None
        row = OfficialRow(m.doc_id, pid, m.country, m.weak, m.agency, body_state, score, source)
        return mend_official(row, self.states, self.agencies, self.names)

    def persons_table(self) -> pa.Table:
        rows = []
        for p in self.persons:
            names: Counter[str] = Counter()
            titles: Counter[str] = Counter()
            docs: set[str] = set()
            for g in p.groups:
                names[g.name] += g.rows
                titles.update(g.titles)
                docs |= g.docs
            days = sorted(d for d in (self.dates.get(doc) for doc in docs) if d is not None)
            rows.append(
                {
                    "person_id": p.person_id,
                    "name": p.name,
                    "aliases": [n for n in _ranked(names, len(names)) if n != p.name],
                    "country": p.country,
                    "titles": _ranked(titles, MAX_LISTED),
                    "agencies": _ranked(self.held[p.person_id], MAX_LISTED),
                    "documents": len(docs),
                    "first_date": days[0] if days else None,
                    "last_date": days[-1] if days else None,
                }
            )
        return pa.Table.from_pylist(rows, schema=arrow_schema(TABLES["persons"]))

    def bodies_table(self) -> pa.Table:
        rows = [self.bodies[b].record(b, self.body_state[b]) for b in sorted(self.bodies)]
        return pa.Table.from_pylist(rows, schema=arrow_schema(TABLES["bodies"]))


def _agency_rows(batch: pa.Table | pa.RecordBatch) -> Iterator[AgencyRow]:
    """Each agencies row's own values."""
    for doc_id, name, country, own, score, source in zip(
        _column(batch, "doc_id"),
        _column(batch, "name"),
        _column(batch, "doc_country"),
        _column(batch, "doc_score"),
        _column(batch, "score"),
        _column(batch, "source"),
        strict=True,
    ):
        own = own if own is not None else score
        yield AgencyRow(doc_id, name, country, own, own_source(source))


def _official_rows(batch: pa.Table | pa.RecordBatch) -> Iterator[tuple[Mention, float, str]]:
    """Each officials row's own values: the mention, its own score and source."""
    for doc_id, name, country, agency, title, own, score, source in zip(
        _column(batch, "doc_id"),
        _column(batch, "name"),
        _column(batch, "doc_country"),
        _column(batch, "doc_agency"),
        _column(batch, "title"),
        _column(batch, "doc_score"),
        _column(batch, "score"),
        _column(batch, "source"),
        strict=True,
    ):
        source = own_source(source)
        mention = Mention(doc_id, name, country, is_weak(source), agency, title)
        yield mention, own if own is not None else score, source


# Batches of one table: called once per pass (the first pass may ask for a few columns).
Reader = Callable[[str, tuple[str, ...] | None], Iterator[pa.Table | pa.RecordBatch]]


def run_step(documents: pa.Table, read: Reader) -> CorpusStep:
    """Pass 1 and the resolution over the batches `read` gives."""
    step = CorpusStep(documents)
    for batch in read("agencies", NEEDED["agencies"]):
        step.see_agencies(batch)
    for batch in read("officials", NEEDED["officials"]):
        step.see_officials(batch)
    for batch in read("countries", NEEDED["countries"]):
        step.see_countries(batch)
    step.resolve()
    return step


def resolve_tables(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """In memory: the tables of a run with ids, mended values, persons and bodies."""
    step = run_step(
        tables["documents"], lambda name, columns: iter([tables[name]] if name in tables else [])
    )
    agencies = step.agencies_batch(tables["agencies"])
    officials = step.officials_batch(tables["officials"])
    return {
        **tables,
        "officials": officials,
        "agencies": agencies,
        "persons": step.persons_table(),
        "bodies": step.bodies_table(),
    }


# --------------------------------------------------------------------------- files


def _file_batches(path: Path, name: str, fmt: str, columns: tuple[str, ...] | None = None):
    """The batches of one table file (only `columns` if given)."""
    if fmt == "parquet":
        selected = list(columns) if columns is not None else None
        yield from pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=selected)
    else:
        # CSV cells come back as they were before the writer neutralised them.
        for batch in pacsv.open_csv(path, convert_options=csv_convert_options(name, columns)):
            yield restore(pa.Table.from_batches([batch]))


def _rewrite(
    path: Path,
    name: str,
    fmt: str,
    change: Callable[[pa.Table | pa.RecordBatch], pa.Table],
) -> None:
    """Rewrite a table file batch by batch through `change` (memory stays flat)."""
    # Beside a sink's `.<table>.<pid>.<hex>.<fmt>.tmp`, one more hex digit: a killed
    # run's leftover is then removed by the next sink like the sink's own.
    suffix = f".{fmt}.tmp"
    if path.name.endswith(suffix):
        tmp = path.with_name(path.name.removesuffix(suffix) + "c" + suffix)
    else:
        tmp = path.with_name(path.name + ".corpus")
    schema = arrow_schema(TABLES[name])
    if fmt == "csv":
        schema = csv_schema(schema)
    writer = pq.ParquetWriter(tmp, schema) if fmt == "parquet" else pacsv.CSVWriter(tmp, schema)
    try:
        for batch in _file_batches(path, name, fmt):
            table = change(batch)
            table = table if table.schema == schema else table.cast(schema)
            writer.write_table(neutralise(table) if fmt == "csv" else table)
    finally:
        writer.close()
    os.replace(tmp, path)


def _write(path: Path, fmt: str, table: pa.Table) -> None:
    if fmt == "parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(neutralise(flatten_lists(table)), path)


def _documents(batches: Iterator[pa.Table | pa.RecordBatch]) -> pa.Table:
    tables = [b if isinstance(b, pa.Table) else pa.Table.from_batches([b]) for b in batches]
    return pa.concat_tables(tables) if tables else pa.table({"doc_id": [], "date": []})


def finalise_files(paths: dict[str, Path], fmt: str) -> dict[str, int]:
    """The corpus step on a run's (temporary) table files; rows per new table."""
    documents = _documents(_file_batches(paths["documents"], "documents", fmt, ("doc_id", "date")))
    step = run_step(
        documents,
        lambda name, cols: (
            _file_batches(paths[name], name, fmt, cols) if name in paths else iter(())
        ),
    )
    _rewrite(paths["agencies"], "agencies", fmt, step.agencies_batch)
    _rewrite(paths["officials"], "officials", fmt, step.officials_batch)
    persons, bodies = step.persons_table(), step.bodies_table()
    _write(paths["persons"], fmt, persons)
    _write(paths["bodies"], fmt, bodies)
    return {"persons": persons.num_rows, "bodies": bodies.num_rows}


def finalise_dataset(folder: Path) -> dict[str, int]:
    """The corpus step on a Dask run's partitioned tables (`<table>.parquet/part-*`):
    the reduce after the partitions. Part files are rewritten in place, in order."""
    folder = Path(folder)

    def parts(name: str) -> list[Path]:
        return sorted((folder / f"{name}.parquet").glob("part-*.parquet"))

    def read(name: str, columns: tuple[str, ...] | None) -> Iterator[pa.RecordBatch]:
        for part in parts(name):
            yield from _file_batches(part, name, "parquet", columns)

    step = run_step(_documents(read("documents", ("doc_id", "date"))), read)
    for name, change in (("agencies", step.agencies_batch), ("officials", step.officials_batch)):
        for part in parts(name):
            _rewrite(part, name, "parquet", change)
    written = {"persons": step.persons_table(), "bodies": step.bodies_table()}
    for name, table in written.items():  # one part each, written here only
        (folder / f"{name}.parquet").mkdir(exist_ok=True)
        pq.write_table(table, folder / f"{name}.parquet" / "part-00000000.parquet")
    return {name: table.num_rows for name, table in written.items()}

"""Identity and the corpus pass over the tables of one run.

Runs after every document's rows are written, before the tables are renamed
into place: reads the few columns it needs of `documents`, `officials` and
`agencies`, resolves persons and bodies, mends states and agencies, then
rewrites `officials` and `agencies` batch by batch with their ids and mended
values, and writes the `persons` and `bodies` tables.

Resolution reads each row's own values (`doc_country`, `doc_agency`,
`doc_score`, the source before '>corpus:'), never the values an earlier pass
mended, so the rows an incremental run carries over resolve exactly as they
did in the full run, and so does any split of the rows into partitions.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from coopnlp.corpus.bodies import BodyRows, body_id, body_key
from coopnlp.corpus.mend import AgencyRow, OfficialRow, mend_agencies, mend_officials
from coopnlp.corpus.persons import Mention, is_weak, resolve
from coopnlp.io.writers import LIST_SEPARATOR, csv_schema, flatten_lists
from coopnlp.records.models import TABLES
from coopnlp.records.tables import arrow_schema

CORPUS_MARK = ">corpus:"
# Titles and agencies listed per person in the persons table (the most used first).
MAX_LISTED = 10

OFFICIAL_COLUMNS = ("doc_id", "name", "title", "score", "source")
OFFICIAL_OWN = ("doc_country", "doc_agency", "doc_score")
AGENCY_COLUMNS = ("doc_id", "name", "kind", "aliases", "score", "source")
AGENCY_OWN = ("doc_country", "doc_score")


def own_source(source: str) -> str:
    """A row's source before the corpus pass added to it."""
    return source.split(CORPUS_MARK, 1)[0]


@dataclass
class Resolution:
    """New values of the mended columns, per row in table order, and the new tables."""

    officials: dict[str, list]
    agencies: dict[str, list]
    persons: pa.Table
    bodies: pa.Table


def _column(table: pa.Table, name: str) -> list:
    """A column as Python values, equal strings shared (names, sources and ids repeat
    row after row: one object each keeps the step's memory small)."""
    values = table.column(name).to_pylist()
    if not pa.types.is_string(table.schema.field(name).type):
        return values
    shared: dict[str, str] = {}
    return [shared.setdefault(v, v) if v is not None else None for v in values]


def _ranked(counts: Counter[str], limit: int) -> list[str]:
    return sorted(counts, key=lambda v: (-counts[v], v))[:limit]


def resolve_columns(documents: pa.Table, officials: pa.Table, agencies: pa.Table) -> Resolution:
    """Resolve persons and bodies from the needed columns of the three tables."""
    dates = dict(
        zip(
            documents.column("doc_id").to_pylist(),
            documents.column("date").to_pylist(),
            strict=True,
        )
    )
    a = {c: _column(agencies, c) for c in (*AGENCY_COLUMNS, *AGENCY_OWN)}
    a_rows = [
        AgencyRow(doc_id, name, country, score if score is not None else s, own_source(source))
        for doc_id, name, country, score, s, source in zip(
            a["doc_id"],
            a["name"],
            a["doc_country"],
            a["doc_score"],
            a["score"],
            a["source"],
            strict=True,
        )
    ]
    a_mended = mend_agencies(a_rows, body_key)
    bodies: dict[str, BodyRows] = defaultdict(BodyRows)
    state_of: dict[str, str | None] = {}
    body_ids = []
    agency_country: dict[tuple[str, str], str | None] = {}
    for row, mended, kind, aliases in zip(a_rows, a_mended, a["kind"], a["aliases"], strict=True):
        bid = body_id(row.name, mended.country)
        body_ids.append(bid)
        bodies[bid].add(row.doc_id, row.name, kind, aliases or [])
        state_of[bid] = mended.country
        agency_country.setdefault((row.doc_id, row.name), row.country)

    o = {c: _column(officials, c) for c in (*OFFICIAL_COLUMNS, *OFFICIAL_OWN)}
    sources = [own_source(s) for s in o["source"]]
    weak = [is_weak(s) for s in sources]
    mentions = [
        Mention(doc_id, name, country, w, agency, title)
        for doc_id, name, country, w, agency, title in zip(
            o["doc_id"],
            o["name"],
            o["doc_country"],
            weak,
            o["doc_agency"],
            o["title"],
            strict=True,
        )
    ]
    ids, persons = resolve(mentions)
    rows = [
        OfficialRow(
            m.doc_id,
            pid,
            m.country,
            m.weak,
            m.agency,
            agency_country.get((m.doc_id, m.agency)) if m.agency else None,
            own if own is not None else score,
            source,
        )
        for m, pid, own, score, source in zip(
            mentions, ids, o["doc_score"], o["score"], sources, strict=True
        )
    ]
    mended = mend_officials(rows)

    # The persons table, from the rows as mended.
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    held: dict[str, Counter[str]] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    for m, pid, row in zip(mentions, ids, mended, strict=True):
        if m.title:
            titles[pid][m.title] += 1
        if row.agency:
            held[pid][row.agency] += 1
        docs[pid].add(m.doc_id)
    person_rows = []
    for p in persons:
        names: Counter[str] = Counter()
        for g in p.groups:
            names[g.name] += g.rows
        days = sorted(d for d in (dates.get(doc) for doc in docs[p.person_id]) if d is not None)
        person_rows.append(
            {
                "person_id": p.person_id,
                "name": p.name,
                "aliases": [n for n in _ranked(names, len(names)) if n != p.name],
                "country": p.country,
                "titles": _ranked(titles[p.person_id], MAX_LISTED),
                "agencies": _ranked(held[p.person_id], MAX_LISTED),
                "documents": len(docs[p.person_id]),
                "first_date": days[0] if days else None,
                "last_date": days[-1] if days else None,
            }
        )
    body_rows = [bodies[bid].record(bid, state_of[bid]) for bid in sorted(bodies)]
    return Resolution(
        officials={
            "person_id": ids,
            "country": [r.country for r in mended],
            "agency": [r.agency for r in mended],
            "score": [r.score for r in mended],
            "source": [r.source for r in mended],
        },
        agencies={
            "body_id": body_ids,
            "country": [r.country for r in a_mended],
            "score": [r.score for r in a_mended],
            "source": [r.source for r in a_mended],
        },
        persons=pa.Table.from_pylist(person_rows, schema=arrow_schema(TABLES["persons"])),
        bodies=pa.Table.from_pylist(body_rows, schema=arrow_schema(TABLES["bodies"])),
    )


def apply(batch: pa.RecordBatch | pa.Table, values: dict[str, list], offset: int) -> pa.Table:
    """`batch` (rows `offset`... of its table) with the resolved columns set."""
    table = batch if isinstance(batch, pa.Table) else pa.Table.from_batches([batch])
    for name, column in values.items():
        i = table.schema.get_field_index(name)
        field = table.schema.field(i)
        part = column[offset : offset + table.num_rows]
        table = table.set_column(i, field, pa.array(part, field.type))
    return table


def resolve_tables(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """In memory: the tables of a run with ids, mended values, persons and bodies."""
    res = resolve_columns(tables["documents"], tables["officials"], tables["agencies"])
    return {
        **tables,
        "officials": apply(tables["officials"], res.officials, 0),
        "agencies": apply(tables["agencies"], res.agencies, 0),
        "persons": res.persons,
        "bodies": res.bodies,
    }


# --------------------------------------------------------------------------- files

NEEDED = {
    "documents": ("doc_id", "date"),
    "officials": (*OFFICIAL_COLUMNS, *OFFICIAL_OWN),
    "agencies": (*AGENCY_COLUMNS, *AGENCY_OWN),
}


def _csv_options(name: str) -> pacsv.ConvertOptions:
    schema = csv_schema(arrow_schema(TABLES[name]))
    return pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True)


def _read(path: Path, name: str, fmt: str) -> pa.Table:
    """The needed columns of one table file (list cells of CSV split back into lists)."""
    columns = list(NEEDED[name])
    if fmt == "parquet":
        return pq.read_table(path, columns=columns, schema=arrow_schema(TABLES[name]))
    options = _csv_options(name)
    options.include_columns = columns
    table = pacsv.read_csv(path, convert_options=options)
    if "aliases" in columns:
        cells = table.column("aliases").to_pylist()
        split = [c.split(LIST_SEPARATOR) if c else [] for c in cells]
        lists = pa.array(split, pa.list_(pa.string()))
        table = table.set_column(table.schema.get_field_index("aliases"), "aliases", lists)
    return table


def _batches(path: Path, name: str, fmt: str) -> Iterator[pa.RecordBatch]:
    if fmt == "parquet":
        yield from pq.ParquetFile(path).iter_batches(batch_size=8192)
    else:
        yield from pacsv.open_csv(path, convert_options=_csv_options(name))


def _rewrite(path: Path, name: str, fmt: str, values: dict[str, list]) -> None:
    """Set the resolved columns of a table file, batch by batch (memory stays flat)."""
    tmp = path.with_name(path.name + ".corpus")
    schema = arrow_schema(TABLES[name])
    if fmt == "parquet":
        writer = pq.ParquetWriter(tmp, schema)
    else:
        schema = csv_schema(schema)
        writer = pacsv.CSVWriter(tmp, schema)
    try:
        offset = 0
        for batch in _batches(path, name, fmt):
            table = apply(batch, values, offset)
            offset += table.num_rows
            writer.write_table(table.cast(schema) if table.schema != schema else table)
    finally:
        writer.close()
    os.replace(tmp, path)


def _write(path: Path, name: str, fmt: str, table: pa.Table) -> None:
    if fmt == "parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(flatten_lists(table), path)


def finalise_files(paths: dict[str, Path], fmt: str) -> dict[str, int]:
    """The corpus step on a run's (temporary) table files; rows per new table."""
    inputs = {name: _read(paths[name], name, fmt) for name in NEEDED}
    res = resolve_columns(inputs["documents"], inputs["officials"], inputs["agencies"])
    del inputs
    _rewrite(paths["officials"], "officials", fmt, res.officials)
    _rewrite(paths["agencies"], "agencies", fmt, res.agencies)
    _write(paths["persons"], "persons", fmt, res.persons)
    _write(paths["bodies"], "bodies", fmt, res.bodies)
    return {"persons": res.persons.num_rows, "bodies": res.bodies.num_rows}


def finalise_dataset(folder: Path) -> dict[str, int]:
    """The corpus step on a Dask run's partitioned tables (`<table>.parquet/part-*`):
    the reduce after the partitions. Part files are rewritten in place, in order."""
    folder = Path(folder)

    def parts(name: str) -> list[Path]:
        return sorted((folder / f"{name}.parquet").glob("part-*.parquet"))

    inputs = {
        name: pa.concat_tables(
            [
                pq.read_table(p, columns=list(NEEDED[name]), schema=arrow_schema(TABLES[name]))
                for p in parts(name)
            ]
        )
        for name in NEEDED
    }
    res = resolve_columns(inputs["documents"], inputs["officials"], inputs["agencies"])
    del inputs
    for name, values in (("officials", res.officials), ("agencies", res.agencies)):
        offset = 0
        for part in parts(name):
            table = apply(pq.read_table(part, schema=arrow_schema(TABLES[name])), values, offset)
            offset += table.num_rows
            tmp = part.with_name(part.name + ".corpus")
            pq.write_table(table, tmp)
            os.replace(tmp, part)
    for name, table in (("persons", res.persons), ("bodies", res.bodies)):
        for old in parts(name):
            old.unlink()
        pq.write_table(table, folder / f"{name}.parquet" / "part-00000000.parquet")
    return {"persons": res.persons.num_rows, "bodies": res.bodies.num_rows}

"""Learn records, not only spans: bodies and people from corrected records.

A span annotation cannot say "this person works for that body" or "this body
belongs to that state". Corrected records can: a gold file (records.md
section 3, also carried in the annotations' `meta.record` by `annotate
from-gold`) or the officials/agencies tables of a run, corrected in a
spreadsheet and read back. From them:

- each corrected agency the shipped registry does not know (by its name or an
  alias, in its state) becomes a user body: its name, aliases, kind and state;
- each corrected official named in full, with a body, state, rank or title,
  becomes a user person with all four;
- each name the tables give as an official that the corrections do not list
  becomes a person who is nobody's official (`official` false).

Names pass the same safeguards as `learn`'s patterns and `bodies|people add`
(`safeguards`): no generic references, no positions as body names. The
candidates are then *tried*: the annotated documents are extracted again with
the candidate layer, and a candidate is added only when its corrected record
now comes out or comes closer (judged as `coopnlp evaluate` matches rows) and
no document it comes from got further from its corrections. The rest are reported
("already extracted", "no effect") and, when without effect, remembered so that the
next `learn` does not propose them.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from coopnlp.engine.local import extract
from coopnlp.evaluate import (
    Scores,
    agency_matched,
    load_gold,
    load_predictions,
    official_fit,
    official_match,
    score,
    unmatched_officials,
)
from coopnlp.knowledge.registry import Registry
from coopnlp.knowledge.user import (
    Provenance,
    UserBody,
    UserPerson,
    add_body,
    add_person,
    write_bodies,
    write_people,
)
from coopnlp.pipeline.build import load_pipeline
from coopnlp.pipeline.spans import group
from coopnlp.retrain import safeguards
from coopnlp.retrain.formats import Annotated
from coopnlp.retrain.learn import signature

ADDED = "added: the corrected record now comes out"
ALREADY = "already extracted"
NEEDED = "added: the corrected record comes out again once the others are added"
NO_EFFECT = "no effect: the corrected record still does not come out"
WORSE = "a document it comes from gets further from its corrections"

Record = dict[str, Any]
# A country named this early in a text is its dateline's ("TBILISI, Georgia, March 3.").
DATELINE_CHARS = 80


def read_records(path: str | Path) -> dict[str, Record]:
    """Corrected records by doc_id: a gold JSONL file, or a folder of corrected tables
    (officials/agencies/countries/agreements as CSV or Parquet, as `extract` writes them)."""
    path = Path(path)
    return load_predictions(path) if path.is_dir() else load_gold(path)


@dataclass
class Item:
    """A body or a person proposed from the corrected records, and how it fared."""

    kind: str  # "body" or "person"
    row: UserBody | UserPerson
    documents: set[str] = field(default_factory=set)
    reason: str | None = None
    before: bool = False
    after: bool = False

    @property
    def added(self) -> bool:
        return self.reason in (ADDED, NEEDED)

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def label(self) -> str:
        """The label its rejection is remembered under ("BODY", "PERSON")."""
        return self.kind.upper()

    def to_json(self) -> dict[str, Any]:
        row = self.row.model_dump(mode="json", exclude={"provenance"})
        return {
            "type": self.kind,
            "added": self.added,
            "reason": self.reason,
            **row,
            "documents": sorted(self.documents),
            "before": self.before,
            "after": self.after,
        }


@dataclass
class DocumentChange:
    """How close one document's tables are to its corrections, before and after."""

    doc_id: str
    before: int
    after: int


@dataclass
class RecordReport:
    items: list[Item] = field(default_factory=list)
    documents: list[DocumentChange] = field(default_factory=list)
    skipped: int = 0

    @property
    def added(self) -> list[Item]:
        return [i for i in self.items if i.added]


def _shipped_id(agency: Record) -> str | None:
    """The registry id of the shipped body a corrected agency is, found by its name or
    an alias in its state. Such a body keeps its shipped forms: articles name a body
    in many ways, and renaming it would move its other mentions away from the name
    other corrections give it."""
    registry = Registry.shipped()
    country = agency.get("country")
    for form in [agency["name"], *(agency.get("aliases") or [])]:
        body = registry.by_alias(form)
        if body is None or not body.source.startswith("registry:"):
            continue
        if country is None or body.country == country:
            return body.source.split(":", 1)[1]
    return None


def _clean_aliases(agency: Record, shared: set[str]) -> list[str]:
    """Aliases that name this body alone and read as a body name."""
    international = agency.get("kind") == "international"
    return [
        alias
        for alias in agency.get("aliases") or []
        if alias != agency["name"]
        and alias not in shared
        and not safeguards.name_objections([alias], "AGENCY", international=international)
    ]


def _bodies(doc_id: str, record: Record) -> list[Item]:
    agencies = [a for a in record.get("agencies") or [] if a.get("name")]
    counts = Counter(alias for a in agencies for alias in set(a.get("aliases") or []))
    shared = {alias for alias, n in counts.items() if n > 1}
    items = []
    registry = Registry.shipped()
    for agency in agencies:
        aliases = _clean_aliases(agency, shared)
        if _shipped_id(agency) is not None:
            # A shipped body under a new name: only its new forms are learned, so that
            # the forms the registry knows keep giving the shipped body, as elsewhere.
            if registry.by_alias(agency["name"]) is not None:
                continue
            aliases = [a for a in aliases if registry.by_alias(a) is None]
        international = agency.get("kind") == "international"
        if safeguards.name_objections([agency["name"]], "AGENCY", international=international):
            continue
        row = UserBody(
            name=agency["name"],
            aliases=aliases,
            kind=agency.get("kind"),
            country=agency.get("country"),
        )
        items.append(Item("body", row, {doc_id}))
    return items


def _people(doc_id: str, record: Record) -> list[Item]:
    items = []
    for official in record.get("officials") or []:
        name = official.get("name") or ""
        facts = [official.get(k) for k in ("agency", "country", "rank", "title")]
        # A surname alone names different people in different articles.
        if len(name.split()) < 2 or not any(facts):
            continue
        if safeguards.name_objections([name], "PERSON"):
            continue
        row = UserPerson(
            name=name,
            country=official.get("country"),
            agency=_person_agency(record, official.get("agency")),
            rank=official.get("rank"),
            title=official.get("title"),
        )
        items.append(Item("person", row, {doc_id}))
    return items


def _person_agency(record: Record, name: str | None) -> str | None:
    """A person's body: the registry id of a shipped body, else the corrected name."""
    agency = next((a for a in record.get("agencies") or [] if a.get("name") == name), None)
    return (agency and _shipped_id(agency)) or name


def _merge(items: list[Item]) -> list[Item]:
    """One item per body id / person name; a state that differs between documents refuses it."""
    merged: dict[tuple[str, str], Item] = {}
    for item in items:
        key = (item.kind, item.row.id if isinstance(item.row, UserBody) else item.name.lower())
        seen = merged.get(key)
        if seen is None:
            merged[key] = item
            continue
        seen.documents |= item.documents
        if seen.row.country != item.row.country:
            seen.reason = "a different state in different documents"
        if isinstance(seen.row, UserBody) and isinstance(item.row, UserBody):
            seen.row.aliases = list(dict.fromkeys([*seen.row.aliases, *item.row.aliases]))
        elif isinstance(seen.row, UserPerson) and isinstance(item.row, UserPerson):
            for key in ("agency", "rank", "title"):
                if getattr(seen.row, key) != getattr(item.row, key):
                    setattr(seen.row, key, None)
    return list(merged.values())


def propose(records: dict[str, Record], rejected: set[str] = frozenset()) -> tuple[list[Item], int]:
    """Bodies and people from the corrected records, less those remembered as without effect."""
    items = _merge(
        [i for doc_id, r in records.items() for i in (*_bodies(doc_id, r), *_people(doc_id, r))]
    )
    kept = [i for i in items if signature(i.label, i.name) not in rejected]
    return kept, len(items) - len(kept)


def _closeness(scores: Scores) -> int:
    """Right items and attributes minus wrong ones: higher is closer to the corrections."""
    o = scores.officials
    right = sum(c.tp for c in (scores.agencies, o, scores.agreements, scores.countries))
    wrong = sum(c.fp for c in (scores.agencies, o, scores.agreements, scores.countries))
    return right - wrong + sum(a.correct for a in (o.rank, o.title, o.agency, o.country))


def _fit(item: Item, records: dict[str, Record], preds: dict[str, Record]) -> int:
    """How close the tables of the item's documents come to its corrected record: 0 when
    it comes out whole (the body with its state in `agencies`; the official with rank,
    title, body and state; a name that is nobody's official without a row), below 0 when not.
    Judged as `coopnlp evaluate` matches rows, so a longer body that merely contains a
    shorter one's name is not taken for it."""
    row = item.row
    fits = []
    for doc_id in sorted(item.documents):
        gold, pred = records[doc_id], preds.get(doc_id) or {}
        if isinstance(row, UserBody):
            fits.append(0 if agency_matched(gold, pred, row.name) else -1)
        elif not row.official:
            fits.append(-int(row.name in unmatched_officials(gold, pred)))
        else:
            fits.append(official_fit(gold, pred, row.name))
    return max(fits, default=-1)


def _tables(
    docs: Sequence[Annotated], dirs: Sequence[Path], model: Path | None, work: Path, name: str
) -> dict[str, Record]:
    """Extract the annotated texts with these user folders; gold-shaped records by doc_id."""
    inputs = work / "docs"
    if not inputs.exists():
        inputs.mkdir(parents=True)
        for doc in docs:
            (inputs / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    nlp = load_pipeline(model, dirs)
    extract(inputs, work / name, nlp, full=True)
    return load_predictions(work / name)


def _layer(folder: Path, items: Sequence[Item]) -> Path:
    folder.mkdir()
    write_bodies(folder, [i.row for i in items if isinstance(i.row, UserBody)])
    write_people(folder, [i.row for i in items if isinstance(i.row, UserPerson)])
    return folder


def _changes(
    docs: Sequence[Annotated],
    records: dict[str, Record],
    before: dict[str, Record],
    after: dict[str, Record],
) -> list[DocumentChange]:
    changes = []
    for doc in docs:
        gold = {doc.doc_id: records[doc.doc_id]}
        b = _closeness(score(gold, {doc.doc_id: before.get(doc.doc_id) or {}}))
        a = _closeness(score(gold, {doc.doc_id: after.get(doc.doc_id) or {}}))
        changes.append(DocumentChange(doc.doc_id, b, a))
    return changes


def _not_officials(
    records: dict[str, Record], preds: dict[str, Record], rejected: set[str]
) -> list[Item]:
    """Names the tables give as officials that the corrections do not list, as names
    that are nobody's official. Not a name some corrected official bears in part
    ("Saif Bin Zayed" of "Saif Bin Zayed al Nahyan"): elsewhere it may stand for them."""
    words = {w for r in records.values() for o in r.get("officials") or [] for w in _words(o)}
    items: dict[str, Item] = {}
    for doc_id, record in records.items():
        for name in unmatched_officials(record, preds.get(doc_id) or {}):
            if set(_words({"name": name})) <= words or not any(c.isalpha() for c in name):
                continue
            item = items.setdefault(name, Item("person", UserPerson(name=name, official=False)))
            item.documents.add(doc_id)
    return [i for i in items.values() if signature(i.label, i.name) not in rejected]


def _written_names(
    items: Sequence[Item], records: dict[str, Record], preds: dict[str, Record]
) -> None:
    """Add to each person the full name the tables give them, when it is another
    ("General Ivan Petrov" for "Ivan Petrov", "Saif bin Zayed" for "Saif bin Zayed al
    Nahyan"): the layer finds them by the name as the articles write it."""
    for item in items:
        row = item.row
        if not isinstance(row, UserPerson) or not row.official:
            continue
        for doc_id in sorted(item.documents):
            pair = official_match(records[doc_id], preds.get(doc_id) or {}, row.name)
            written = (pair[1].get("name") or "") if pair else ""
            words, own = written.lower().split(), row.name.lower().split()
            if len(words) < 2 or written in row.forms():
                continue
            # The same person: one name holds the other's words.
            if set(own) <= set(words) or set(words) <= set(own):
                row.aliases = [*row.aliases, written]


def _words(official: Record) -> list[str]:
    return (official.get("name") or "").lower().split()


def trial(
    docs: Sequence[Annotated],
    records: dict[str, Record],
    items: list[Item],
    dirs: Sequence[Path],
    model: Path | None = None,
    rejected: set[str] = frozenset(),
) -> list[DocumentChange]:
    """Extract the documents without and with the candidate layer; judge every item.

    Names the tables give as officials but the corrections do not list join the
    items first (`_not_officials`), found on the tables before.

    Then once more with only the items kept: a record that came out before but
    no longer does once the others are added (a name they took over) keeps its
    item too. Returns each document's closeness before -> with the items kept.
    """
    with tempfile.TemporaryDirectory(prefix="coopnlp-learn-") as tmp:
        work = Path(tmp)
        before = _tables(docs, dirs, model, work, "before")
        items.extend(_not_officials(records, before, rejected))
        _written_names(items, records, before)
        pending = [i for i in items if i.reason is None]
        every = _layer(work / "every", pending)
        after = _tables(docs, [*dirs, every], model, work, "after")
        worse = {c.doc_id for c in _changes(docs, records, before, after) if c.after < c.before}
        for item in pending:
            fit_before, fit_after = _fit(item, records, before), _fit(item, records, after)
            item.before, item.after = fit_before == 0, fit_after == 0
            if item.before:
                item.reason = ALREADY
            elif fit_after <= fit_before:
                item.reason = NO_EFFECT
            elif item.documents & worse:
                item.reason = WORSE
            else:
                item.reason = ADDED
        # A body the text already gives is kept when a person added names it: the
        # person's link needs the body under the corrected name.
        named = {i.row.agency for i in pending if i.added and isinstance(i.row, UserPerson)}
        for item in pending:
            if item.reason == ALREADY and isinstance(item.row, UserBody) and item.name in named:
                item.reason = NEEDED
        kept = _layer(work / "kept", [i for i in pending if i.added])
        final = _tables(docs, [*dirs, kept], model, work, "final")
    for item in pending:
        if item.reason == ALREADY and _fit(item, records, final) < 0:
            item.reason = NEEDED
    return _changes(docs, records, before, final)


def learn_records(
    docs: Sequence[Annotated],
    records: dict[str, Record],
    dirs: Sequence[Path],
    output: Path | None,
    rejected: set[str] = frozenset(),
    model: Path | None = None,
) -> RecordReport:
    """Propose, try and (when `output` is given) add the bodies and people that take effect."""
    records = {d.doc_id: records[d.doc_id] for d in docs if d.doc_id in records}
    docs = [d for d in docs if d.doc_id in records]
    report = RecordReport()
    report.items, report.skipped = propose(records, rejected)
    report.documents = trial(docs, records, report.items, dirs, model, rejected)
    if not report.items:
        return report
    if output is not None:
        day = date.today().isoformat()
        for item in report.added:
            item.row.provenance = Provenance(
                source="learn", documents=sorted(item.documents), added=day
            )
            if isinstance(item.row, UserBody):
                add_body(output, item.row)
            else:
                add_person(output, item.row)
    return report


def _article_state(doc: Doc) -> str | None:
    """The state an article gives: its dateline's country, else the one most of its
    country mentions name (when more than half do)."""
    countries = [s for s in group(doc) if s.label_ == "COUNTRY" and s.id_]
    if not countries:
        return None
    first = min(countries, key=lambda s: s.start_char)
    if first.start_char < DATELINE_CHARS:
        return first.id_
    code, n = Counter(s.id_ for s in countries).most_common(1)[0]
    return code if n * 2 > len(countries) else None


def records_from_spans(nlp: Language, docs: Sequence[Annotated]) -> dict[str, Record]:
    """Records for annotated AGENCY spans that name a body nobody knows yet.

    Span annotations say where a body is named, not which state it belongs to:
    the state is the one the article gives (`_article_state`), so that a new
    body learned from its spans comes out with a state.
    """
    records: dict[str, Record] = {}
    for ann, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        names = {
            ann.text[m.start : m.end]
            for m in ann.spans
            if m.label == "AGENCY" and (m.id is None or m.id.startswith("grammar:"))
        }
        names = {n for n in names if Registry.shipped().by_alias(n) is None}
        if not names:
            continue
        state = _article_state(doc)
        records[ann.doc_id] = {
            "doc_id": ann.doc_id,
            "agencies": [
                {"name": n, "aliases": [], "kind": None, "country": state} for n in sorted(names)
            ],
        }
    return records

"""Score `coopnlp extract` output tables against a gold file.

Implements the scoring rules of the records contract (spec `records.md` §4):
countries as sets, agencies by fuzzy name (+ country), officials by surname
with attribute accuracies, agreements by kind (+ title). Figures are
micro-averaged over every document of the gold file.
"""

from __future__ import annotations

import json
import math
import string
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, Field, computed_field
from rapidfuzz import fuzz
from rich.table import Table

from coopnlp.records.tables import LIST_SEPARATOR

__all__ = [
    "Accuracy",
    "AgreementScores",
    "Counts",
    "MeetingScores",
    "OfficialScores",
    "Scores",
    "canonical_rank",
    "evaluate",
    "load_gold",
    "load_persons",
    "load_predictions",
    "name_score",
    "norm",
    "pairwise",
    "render",
    "score",
    "score_identity",
]

# Thresholds fixed by the spec (0..100 rapidfuzz scale).
NAME_THRESHOLD = 90.0
TITLE_THRESHOLD = 80.0

# Tables read from an extract OUTDIR and the columns kept, shaped like gold records.
_TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "officials": ("name", "rank", "title", "agency", "country"),
    "agencies": ("name", "kind", "country"),
    "countries": ("iso3",),
    "agreements": ("kind", "title", "status"),
}
# Identity columns and the document's own values (before the corpus pass), kept
# in the records when a table has them (tables of older runs do not).
_OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "officials": ("person_id", "doc_agency", "doc_country"),
    "agencies": ("body_id",),
}
_LIST_KEYS = ("officials", "agencies", "countries", "agreements")

_DASHES = str.maketrans({"-": " ", "–": " ", "—": " "})
_DROP_TOKENS = frozenset({"the", "a"})
_HONORIFICS = frozenset({"jr", "sr", "mr", "mrs", "ms", "dr"})
_RANK_ABBREVIATIONS = {
    "gen": "general",
    "lt": "lieutenant",
    "lieut": "lieutenant",
    "maj": "major",
    "col": "colonel",
    "sen": "senior",
    "sr": "senior",
    "brig": "brigadier",
    "capt": "captain",
}


# --------------------------------------------------------------------------- text


def _is_punct(ch: str) -> bool:
    # Unicode punctuation plus ASCII symbols such as '+' or '/' that string.punctuation lists.
    return ch in string.punctuation or unicodedata.category(ch).startswith("P")


def norm(s: str) -> str:
    """NFKC, lower case, dashes and punctuation to spaces, drop 'the'/'a', collapse spaces."""
    text = unicodedata.normalize("NFKC", s).lower().translate(_DASHES)
    text = "".join(" " if _is_punct(ch) else ch for ch in text)
    return " ".join(tok for tok in text.split() if tok not in _DROP_TOKENS)


def name_score(a: str, b: str) -> float:
    """Fuzzy name similarity (0..100): token_set_ratio unless token counts differ > 2x."""
    na, nb = norm(a), norm(b)
    # rapidfuzz gives ratio("", "") == 100; an empty name must never match anything.
    if not na or not nb:
        return 0.0
    short, long_ = sorted((len(na.split()), len(nb.split())))
    if 2 * short >= long_:
        return float(fuzz.token_set_ratio(na, nb))
    return float(fuzz.ratio(na, nb))


def _title_ratio(a: str, b: str) -> float:
    return float(fuzz.token_set_ratio(norm(a), norm(b)))


def _value(v: Any) -> str | None:
    """A usable string value, or None for null/NaN/blank."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    text = str(v).strip()
    return text or None


def _name_tokens(name: str | None) -> list[str]:
    return [t for t in norm(name or "").split() if t not in _HONORIFICS]


def canonical_rank(rank: str) -> str:
    """Rank phrase for comparison: norm, abbreviations expanded, word order unified."""
    toks = [_RANK_ABBREVIATIONS.get(t, t) for t in norm(rank).split()]
    # "police X" -> "X of police" (not touching an existing "of police").
    for i, tok in enumerate(toks):
        if tok == "police" and i + 1 < len(toks) and (i == 0 or toks[i - 1] != "of"):
            toks = [*toks[:i], *toks[i + 1 :], "of", "police"]
            break
    text = " ".join(toks)
    # "army general" -> "general of army" ("of the army" already lost its "the" in norm).
    return text.replace("army general", "general of army")


# --------------------------------------------------------------------------- models


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


class Counts(BaseModel):
    """Match counts of one record type with micro precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Accuracy(BaseModel):
    """Attribute accuracy over matched pairs where either side gives a value."""

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.total)


class OfficialScores(Counts):
    """Officials: name matching plus rank/title/agency/country accuracies."""

    rank: Accuracy = Field(default_factory=Accuracy)
    title: Accuracy = Field(default_factory=Accuracy)
    agency: Accuracy = Field(default_factory=Accuracy)
    country: Accuracy = Field(default_factory=Accuracy)
    # The same two attributes as each document alone gives them (before the corpus pass).
    doc_agency: Accuracy = Field(default_factory=Accuracy)
    doc_country: Accuracy = Field(default_factory=Accuracy)


class AgreementScores(Counts):
    """Agreements: kind/title matching plus status accuracy."""

    status: Accuracy = Field(default_factory=Accuracy)


class MeetingScores(Counts):
    """Meetings (section 5): participant or kind + countries matching, then attributes."""

    kind: Accuracy = Field(default_factory=Accuracy)
    status: Accuracy = Field(default_factory=Accuracy)
    place_country: Accuracy = Field(default_factory=Accuracy)
    month: Accuracy = Field(default_factory=Accuracy)
    countries: Accuracy = Field(default_factory=Accuracy)
    participants: Counts = Field(default_factory=Counts)


class Scores(BaseModel):
    """All figures of one evaluation; `model_dump()` is the `--json` form."""

    n_docs: int = 0
    n_docs_predicted: int = 0
    countries: Counts = Field(default_factory=Counts)
    agencies: Counts = Field(default_factory=Counts)
    officials: OfficialScores = Field(default_factory=OfficialScores)
    agreements: AgreementScores = Field(default_factory=AgreementScores)
    meetings: MeetingScores = Field(default_factory=MeetingScores)
    # Section 6, when person clusters are given: pairwise over matched rows of two documents.
    persons: Counts | None = None
    bodies: Counts | None = None


# --------------------------------------------------------------------------- loading


def _empty_record(doc_id: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "officials": [], "agencies": [], "countries": [], "agreements": []}


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of the non-blank lines of a JSONL file."""
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                yield lineno, line


def load_gold(path: Path) -> dict[str, dict[str, Any]]:
    """Read a gold JSONL file: doc_id -> gold record (missing lists default to empty)."""
    gold: dict[str, dict[str, Any]] = {}
    for lineno, line in _lines(path):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{lineno}: invalid JSON: {exc}") from exc
        doc_id = str(rec.get("doc_id", ""))
        if not doc_id:
            raise ValueError(f"{path}:{lineno}: record without doc_id")
        # A repeated doc_id would silently replace a document's gold.
        if doc_id in gold:
            raise ValueError(f"{path}:{lineno}: duplicate doc_id {doc_id!r}")
        for key in _LIST_KEYS:
            rec[key] = rec.get(key) or []
        gold[doc_id] = rec
    return gold


def _read_table(outdir: Path, table: str, columns: Sequence[str]) -> pd.DataFrame | None:
    """One extract table (parquet preferred, else csv) with `columns`, or None if absent."""
    parquet, csv = outdir / f"{table}.parquet", outdir / f"{table}.csv"
    if parquet.exists():
        df = pd.read_parquet(parquet)
    elif csv.exists():
        # Strings only and only empty cells as null: a title "NA" or "None" stays text.
        df = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    else:
        return None
    if "doc_id" not in df.columns:
        raise ValueError(f"{table} table in {outdir} has no doc_id column")
    for col in columns:
        if col not in df.columns:
            df[col] = None
    df["doc_id"] = df["doc_id"].astype(str)
    # Official matching is greedy in text order, so order rows by first mention when known.
    if "start_char" in df.columns:
        df = df.assign(_pos=pd.to_numeric(df["start_char"], errors="coerce"))
        df = df.sort_values("_pos", kind="stable", na_position="last")
    return df


def load_predictions(outdir: Path) -> dict[str, dict[str, Any]]:
    """Read the extract tables in OUTDIR into gold-shaped records per doc_id."""
    outdir = Path(outdir)
    preds: dict[str, dict[str, Any]] = {}

    def record(doc_id: str) -> dict[str, Any]:
        return preds.setdefault(doc_id, _empty_record(doc_id))

    for table, columns in _TABLE_COLUMNS.items():
        df = _read_table(outdir, table, columns)
        if df is None:
            continue
        columns = (*columns, *(c for c in _OPTIONAL_COLUMNS.get(table, ()) if c in df.columns))
        for row in df[["doc_id", *columns]].itertuples(index=False, name=None):
            doc_id, values = row[0], [_value(v) for v in row[1:]]
            if table == "countries":
                if values[0] is not None:
                    record(doc_id)["countries"].append(values[0])
            else:
                record(doc_id)[table].append(dict(zip(columns, values, strict=True)))
    for doc_id, meetings in _read_meetings(outdir).items():
        record(doc_id)["meetings"] = meetings
    # Countries are a set per document; keep first-seen order for readability.
    for rec in preds.values():
        rec["countries"] = list(dict.fromkeys(rec["countries"]))
    return preds


def _cell_list(v: Any) -> list[str]:
    """A list cell of Parquet (array) or CSV (`LIST_SEPARATOR`-joined) as a list of strings."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return []
    if isinstance(v, str):
        return [x.strip() for x in v.split(LIST_SEPARATOR) if x.strip()]
    return [str(x) for x in v]


def _read_meetings(outdir: Path) -> dict[str, list[dict[str, Any]]]:
    """The meetings table in gold shape, per doc_id (empty when the table is absent)."""
    columns = ("kind", "status", "date", "place", "place_country", "participants", "countries")
    df = _read_table(outdir, "meetings", columns)
    out: dict[str, list[dict[str, Any]]] = {}
    if df is None:
        return out
    for row in df[["doc_id", *columns]].itertuples(index=False, name=None):
        doc_id, kind, status, date, place, place_country, participants, countries = row
        date_v = _value(date)
        if date_v in ("NaT", "nan", "None"):
            date_v = None
        out.setdefault(doc_id, []).append(
            {
                "kind": _value(kind),
                "status": _value(status),
                "date": date_v,
                "place": _value(place),
                "place_country": _value(place_country),
                "participants": _cell_list(participants),
                "countries": _cell_list(countries),
            }
        )
    return out


# --------------------------------------------------------------------------- matching


def _match_officials(
    gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Surname matching, one-to-one, greedy in list (text) order; (gold, pred) index pairs."""
    gtoks = [_name_tokens(_value(g.get("name"))) for g in gold]
    ptoks = [_name_tokens(_value(p.get("name"))) for p in pred]
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()

    def run(agree: Callable[[list[str], list[str]], bool]) -> None:
        for gi, gt in enumerate(gtoks):
            if gi in used_g or not gt:
                continue
            for pj, pt in enumerate(ptoks):
                if pj not in used_p and pt and agree(gt, pt):
                    pairs.append((gi, pj))
                    used_g.add(gi)
                    used_p.add(pj)
                    break

    # Equal last tokens first, so a looser containment match cannot steal a clean pair.
    run(lambda g, p: g[-1] == p[-1])
    run(lambda g, p: g[-1] in p or p[-1] in g)
    return pairs


def _agency_forms(agency: dict[str, Any]) -> list[str]:
    forms = [_value(agency.get("name")), *(_value(a) for a in agency.get("aliases") or [])]
    return [f for f in forms if f]


def _best_form_score(name: str | None, forms: Iterable[str]) -> float:
    if not name:
        return 0.0
    return max((name_score(name, f) for f in forms), default=0.0)


def _match_agencies(
    gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Name (or alias) score >= 90 and same country when gold has one; best score first."""
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        forms = _agency_forms(g)
        g_country = _value(g.get("country"))
        for pj, p in enumerate(pred):
            if g_country is not None and _value(p.get("country")) != g_country:
                continue
            s = _best_form_score(_value(p.get("name")), forms)
            if s >= NAME_THRESHOLD:
                candidates.append((s, gi, pj))
    # Global greedy by score; ties fall back to list order for determinism.
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    return _greedy((gi, pj) for _, gi, pj in candidates)


def _match_agreements(
    gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Equal kinds (+ title ratio >= 80 when both have titles); title matches first."""
    titled: list[tuple[float, int, int]] = []
    untitled: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        g_kind, g_title = _value(g.get("kind")), _value(g.get("title"))
        for pj, p in enumerate(pred):
            p_kind, p_title = _value(p.get("kind")), _value(p.get("title"))
            if g_kind is None or p_kind is None or g_kind.lower() != p_kind.lower():
                continue
            if g_title and p_title and norm(g_title) and norm(p_title):
                r = _title_ratio(p_title, g_title)
                if r >= TITLE_THRESHOLD:
                    titled.append((r, gi, pj))
            else:
                untitled.append((gi, pj))
    # Pairs confirmed by their titles are taken before kind-only pairs.
    titled.sort(key=lambda c: (-c[0], c[1], c[2]))
    return _greedy([*((gi, pj) for _, gi, pj in titled), *untitled])


def _participant_pairs(gold: Sequence[str], pred: Sequence[str]) -> int:
    """How many participants two meetings share, by the officials' surname rule."""
    return len(_match_officials([{"name": n} for n in gold], [{"name": n} for n in pred]))


def _match_meetings(
    gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> list[tuple[int, int, int]]:
    """A shared participant, or (either lists none) the same kind and two or more
    countries in common; one-to-one, largest participant overlap first. Each pair
    (gold index, predicted index) comes with the participants the two share."""
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        g_people, g_countries = g.get("participants") or [], set(g.get("countries") or [])
        for pj, p in enumerate(pred):
            p_people, p_countries = p.get("participants") or [], set(p.get("countries") or [])
            shared = _participant_pairs(g_people, p_people)
            if shared:
                candidates.append((shared, gi, pj))
            elif (
                (not g_people or not p_people)
                and _value(g.get("kind")) == _value(p.get("kind"))
                and len(g_countries & p_countries) >= 2
            ):
                candidates.append((0, gi, pj))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    shared_of = {(gi, pj): shared for shared, gi, pj in candidates}
    matched = _greedy((gi, pj) for _, gi, pj in candidates)
    return [(gi, pj, shared_of[gi, pj]) for gi, pj in matched]


def _month(date: str | None) -> str | None:
    return date[:7] if date else None


def _score_meetings(
    out: MeetingScores, gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]
) -> None:
    pairs = _match_meetings(gold, pred)
    _count(out, len(gold), len(pred), len(pairs))
    for gi, pj, shared in pairs:
        g, p = gold[gi], pred[pj]
        _attr(out.kind, _value(g.get("kind")), _value(p.get("kind")), str.__eq__)
        _attr(out.status, _value(g.get("status")), _value(p.get("status")), str.__eq__)
        _attr(
            out.place_country,
            _value(g.get("place_country")),
            _value(p.get("place_country")),
            str.__eq__,
        )
        _attr(out.month, _month(_value(g.get("date"))), _month(_value(p.get("date"))), str.__eq__)
        out.countries.total += 1
        if set(g.get("countries") or []) == set(p.get("countries") or []):
            out.countries.correct += 1
        g_people, p_people = g.get("participants") or [], p.get("participants") or []
        _count(out.participants, len(g_people), len(p_people), shared)


def _greedy(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep pairs in the given order while both sides are still free."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    kept: list[tuple[int, int]] = []
    for gi, pj in pairs:
        if gi not in used_g and pj not in used_p:
            kept.append((gi, pj))
            used_g.add(gi)
            used_p.add(pj)
    return kept


# --------------------------------------------------------------------------- scoring


def _count(counts: Counts, n_gold: int, n_pred: int, n_matched: int) -> None:
    counts.tp += n_matched
    counts.fp += n_pred - n_matched
    counts.fn += n_gold - n_matched


def _attr(
    acc: Accuracy, gold_v: str | None, pred_v: str | None, same: Callable[[str, str], bool]
) -> None:
    """Count one attribute comparison; both null is neither right nor wrong."""
    if gold_v is None and pred_v is None:
        return
    acc.total += 1
    if gold_v is not None and pred_v is not None and same(pred_v, gold_v):
        acc.correct += 1


def _gold_agency_forms(agencies: Sequence[dict[str, Any]], name: str) -> list[str]:
    """Name + aliases of the document's gold agency `name`; just the name if absent."""
    for a in agencies:
        if _value(a.get("name")) == name:
            return _agency_forms(a)
    return [name]


def _score_officials(
    out: OfficialScores,
    gold: Sequence[dict[str, Any]],
    pred: Sequence[dict[str, Any]],
    gold_agencies: Sequence[dict[str, Any]],
) -> None:
    pairs = _match_officials(gold, pred)
    _count(out, len(gold), len(pred), len(pairs))
    for gi, pj in pairs:
        g, p = gold[gi], pred[pj]
        _attr(
            out.rank,
            _value(g.get("rank")),
            _value(p.get("rank")),
            lambda a, b: canonical_rank(a) == canonical_rank(b),
        )
        _attr(
            out.title,
            _value(g.get("title")),
            _value(p.get("title")),
            lambda a, b: _title_ratio(a, b) >= TITLE_THRESHOLD,
        )

        def same_agency(a: str, b: str) -> bool:
            return _best_form_score(a, _gold_agency_forms(gold_agencies, b)) >= NAME_THRESHOLD

        _attr(out.agency, _value(g.get("agency")), _value(p.get("agency")), same_agency)
        _attr(out.country, _value(g.get("country")), _value(p.get("country")), str.__eq__)
        own_agency = _value(p.get("doc_agency", p.get("agency")))
        own_country = _value(p.get("doc_country", p.get("country")))
        _attr(out.doc_agency, _value(g.get("agency")), own_agency, same_agency)
        _attr(out.doc_country, _value(g.get("country")), own_country, str.__eq__)


def agency_matched(gold: dict[str, Any], pred: dict[str, Any], name: str) -> bool:
    """Whether the gold agency `name` of one document is matched by a predicted row."""
    agencies = gold.get("agencies") or []
    pairs = _match_agencies(agencies, pred.get("agencies") or [])
    return any(_value(agencies[gi].get("name")) == name for gi, _ in pairs)


def official_match(
    gold: dict[str, Any], pred: dict[str, Any], name: str
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The gold official `name` of one document and the predicted row matched to them."""
    officials = gold.get("officials") or []
    predicted = pred.get("officials") or []
    for gi, pj in _match_officials(officials, predicted):
        if _value(officials[gi].get("name")) == name:
            return officials[gi], predicted[pj]
    return None


def official_fit(gold: dict[str, Any], pred: dict[str, Any], name: str) -> int:
    """How well one document's predictions give its gold official `name`: minus the number
    of attributes (rank, title, agency, country) that are wrong (0: the corrected record
    comes out whole), lower still when no row matches them."""
    pair = official_match(gold, pred, name)
    if pair is None:
        return -len(OFFICIAL_ATTRIBUTES) - 1
    out = OfficialScores()
    _score_officials(out, [pair[0]], [pair[1]], gold.get("agencies") or [])
    attrs = (out.rank, out.title, out.agency, out.country)
    return -sum(a.total - a.correct for a in attrs)


OFFICIAL_ATTRIBUTES = ("rank", "title", "agency", "country")


def unmatched_officials(gold: dict[str, Any], pred: dict[str, Any]) -> list[str]:
    """Names of one document's predicted officials that no gold official matches."""
    predicted = pred.get("officials") or []
    matched = {pj for _, pj in _match_officials(gold.get("officials") or [], predicted)}
    return [
        name
        for pj, p in enumerate(predicted)
        if pj not in matched and (name := _value(p.get("name")))
    ]


def score(gold: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]]) -> Scores:
    """Micro-averaged scores over all gold documents (predictions for other docs ignored)."""
    out = Scores(n_docs=len(gold))
    for doc_id, g in gold.items():
        p = pred.get(doc_id)
        if p is None:
            # No prediction at all: every gold item is a miss.
            p = _empty_record(doc_id)
        else:
            out.n_docs_predicted += 1

        g_countries = {c for c in (_value(x) for x in g.get("countries") or []) if c}
        p_countries = {c for c in (_value(x) for x in p.get("countries") or []) if c}
        _count(out.countries, len(g_countries), len(p_countries), len(g_countries & p_countries))

        g_agencies = g.get("agencies") or []
        p_agencies = p.get("agencies") or []
        pairs = _match_agencies(g_agencies, p_agencies)
        _count(out.agencies, len(g_agencies), len(p_agencies), len(pairs))

        _score_officials(
            out.officials, g.get("officials") or [], p.get("officials") or [], g_agencies
        )

        g_agreements = g.get("agreements") or []
        p_agreements = p.get("agreements") or []
        pairs = _match_agreements(g_agreements, p_agreements)
        _count(out.agreements, len(g_agreements), len(p_agreements), len(pairs))
        for gi, pj in pairs:
            _attr(
                out.agreements.status,
                _value(g_agreements[gi].get("status")),
                _value(p_agreements[pj].get("status")),
                lambda a, b: a.lower() == b.lower(),
            )
        _score_meetings(out.meetings, g.get("meetings") or [], p.get("meetings") or [])
    return out


def load_persons(path: Path) -> dict[tuple[str, str], str]:
    """Gold person clusters (`records.md` section 6): (doc_id, gold name) -> person key."""
    out: dict[tuple[str, str], str] = {}
    for lineno, line in _lines(path):
        try:
            rec = json.loads(line)
            for doc_id, name in rec["members"]:
                out[(str(doc_id), str(name))] = str(rec["person"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{lineno}: not a person cluster: {exc}") from exc
    return out


def pairwise(items: Sequence[tuple[str, Any, Any]]) -> Counts:
    """Pairwise identity counts over (doc_id, gold key, predicted key) items: every two
    items of different documents are one pair; the gold (prediction) says "same" when
    their gold (predicted) keys are equal. A None key equals nothing."""

    def same_pairs(keys: Callable[[tuple[str, Any, Any]], Any]) -> int:
        groups: dict[Any, Counter[str]] = defaultdict(Counter)
        for item in items:
            key = keys(item)
            if key is not None:
                groups[key][item[0]] += 1
        total = 0
        for docs in groups.values():
            n = sum(docs.values())
            total += n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in docs.values())
        return total

    gold = same_pairs(lambda it: it[1])
    pred = same_pairs(lambda it: it[2])
    both = same_pairs(
        lambda it: (it[1], it[2]) if it[1] is not None and it[2] is not None else None
    )
    return Counts(tp=both, fp=pred - both, fn=gold - both)


def score_identity(
    gold: dict[str, dict[str, Any]],
    pred: dict[str, dict[str, Any]],
    persons: dict[tuple[str, str], str],
) -> tuple[Counts, Counts]:
    """Section 6: pairwise person and body identity over the rows matched per document
    (persons by the gold clusters; bodies by the gold agencies' names and countries)."""
    people: list[tuple[str, Any, Any]] = []
    bodies: list[tuple[str, Any, Any]] = []
    for doc_id, g in gold.items():
        p = pred.get(doc_id) or _empty_record(doc_id)
        g_off, p_off = g.get("officials") or [], p.get("officials") or []
        for gi, pj in _match_officials(g_off, p_off):
            name = _value(g_off[gi].get("name")) or ""
            # A gold name missing from the clusters is a person of its own.
            key = persons.get((doc_id, name), f"{doc_id}\t{name}")
            people.append((doc_id, key, _value(p_off[pj].get("person_id"))))
        g_ag, p_ag = g.get("agencies") or [], p.get("agencies") or []
        for gi, pj in _match_agencies(g_ag, p_ag):
            body = (norm(_value(g_ag[gi].get("name")) or ""), _value(g_ag[gi].get("country")))
            bodies.append((doc_id, body, _value(p_ag[pj].get("body_id"))))
    return pairwise(people), pairwise(bodies)


def evaluate(gold_path: Path, outdir: Path, persons_path: Path | None = None) -> Scores:
    """Score the extract tables in `outdir` against the gold JSONL at `gold_path`
    (and identity against the person clusters at `persons_path`, when given)."""
    gold, pred = load_gold(gold_path), load_predictions(outdir)
    scores = score(gold, pred)
    if persons_path is not None:
        scores.persons, scores.bodies = score_identity(gold, pred, load_persons(persons_path))
    return scores


# --------------------------------------------------------------------------- display


def render(scores: Scores, title: str = "coopnlp evaluation") -> Table:
    """A rich table: P/R/F1 per record type, then attribute accuracies."""
    table = Table(
        title=title,
        caption=f"{scores.n_docs} gold documents, "
        f"{scores.n_docs_predicted} with predictions; micro-averaged",
    )
    table.add_column("item")
    for col in ("tp", "fp", "fn"):
        table.add_column(col, justify="right")
    for col in ("precision", "recall", "f1"):
        table.add_column(col, justify="right")
    entities: list[tuple[str, Counts]] = [
        ("countries", scores.countries),
        ("agencies", scores.agencies),
        ("officials", scores.officials),
        ("agreements", scores.agreements),
        ("meetings", scores.meetings),
        ("meetings.participants", scores.meetings.participants),
    ]

    def counts_row(name: str, c: Counts) -> None:
        table.add_row(
            name,
            str(c.tp),
            str(c.fp),
            str(c.fn),
            f"{c.precision:.3f}",
            f"{c.recall:.3f}",
            f"{c.f1:.3f}",
        )

    for name, c in entities:
        counts_row(name, c)
    table.add_section()
    # Attribute rows reuse the columns: correct in "tp", total in "fn", accuracy in "f1".
    table.add_row(
        "[dim]attribute[/dim]", "[dim]ok[/dim]", "", "[dim]n[/dim]", "", "", "[dim]acc[/dim]"
    )
    attributes: list[tuple[str, Accuracy]] = [
        ("officials.rank", scores.officials.rank),
        ("officials.title", scores.officials.title),
        ("officials.agency", scores.officials.agency),
        ("officials.country", scores.officials.country),
        ("agreements.status", scores.agreements.status),
        ("meetings.kind", scores.meetings.kind),
        ("meetings.status", scores.meetings.status),
        ("meetings.place_country", scores.meetings.place_country),
        ("meetings.month", scores.meetings.month),
        ("meetings.countries", scores.meetings.countries),
    ]
    for name, a in attributes:
        table.add_row(name, str(a.correct), "", str(a.total), "", "", f"{a.accuracy:.3f}")
    table.add_section()
    table.add_row("[dim]without the corpus pass[/dim]", "", "", "", "", "", "")
    for name, a in (
        ("officials.agency", scores.officials.doc_agency),
        ("officials.country", scores.officials.doc_country),
    ):
        table.add_row(name, str(a.correct), "", str(a.total), "", "", f"{a.accuracy:.3f}")
    if scores.persons is not None and scores.bodies is not None:
        table.add_section()
        table.add_row("[dim]identity (pairs)[/dim]", "", "", "", "", "", "")
        counts_row("persons", scores.persons)
        counts_row("bodies", scores.bodies)
    return table

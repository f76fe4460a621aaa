"""The record schema: one pydantic model per output table.

These models are the single source of truth. Table columns, Arrow/Parquet
types, the JSON Schema printed by `coopnlp schema` and record validation all
derive from them (see `coopnlp.records.tables`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["ok", "skipped", "error"]
AgencyKind = Literal[
    "ministry",
    "police",
    "security",
    "guard",
    "border",
    "prosecution",
    "customs",
    "investigation",
    "international",
    "mission",
    "education",
    "unit",
    "government",
    "other",
]
AgreementKind = Literal[
    "agreement",
    "protocol",
    "memorandum",
    "treaty",
    "convention",
    "program",
    "plan",
    "roadmap",
    "declaration",
    "contract",
    "other",
]
AgreementStatus = Literal["signed", "agreed", "draft", "proposed", "existing", "discussed"]
MeetingKind = Literal["meeting", "conference", "call"]
MeetingStatus = Literal["held", "planned"]
DatePrecision = Literal["day", "month"]
MentionLabel = Literal["PERSON", "RANK", "TITLE", "AGENCY", "COUNTRY", "AGREEMENT"]

Score = Field(ge=0.0, le=1.0, description="Confidence in 0..1.")
Iso3 = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.")


class Record(BaseModel):
    """Common settings: unknown fields are errors, values are checked on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    doc_id: str = Field(description="Document id: path relative to the input without extension.")


class Document(Record):
    """One row per input document, also skipped or failed ones."""

    path: str = Field(description="Path of the input file (plus '#row' for table rows).")
    date: dt.date | None = Field(default=None, description="Publication date, if known.")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="Outlet or 'Source:' line.")
    language: str | None = Field(default=None, description="ISO 639-1 code detected.")
    n_chars: int = Field(ge=0, description="Length of `text`.")
    status: Status
    error: str | None = Field(default=None, description="Why a document was skipped or failed.")
    content_hash: str | None = Field(default=None, description="SHA-256 of the cleaned text.")
    text: str = Field(
        default="", description="Cleaned article text; all start_char/end_char point into it."
    )


class Official(Record):
    """One row per distinct person acting in a public role in a document."""

    name: str = Field(description="Fullest form of the name in the document.")
    rank: str | None = Field(default=None, description="Canonical rank phrase.")
    rank_service: str | None = Field(default=None, description="Service of the rank.")
    rank_grade: int | None = Field(default=None, description="Order of the rank (higher = senior).")
    title: str | None = Field(default=None, description="Position, as written.")
    agency: str | None = Field(default=None, description="`agencies.name` of the person's body.")
    country: str | None = Iso3
    mentions: int = Field(ge=1)
    start_char: int = Field(ge=0, description="Offset of the first mention in documents.text.")
    evidence: str = Field(description="Sentence of the fullest mention.")
    score: float = Score
    source: str = Field(
        description="What produced the record (model or pattern ids; "
        "'>corpus:N documents' where the corpus pass mended the country or agency)."
    )
    person_id: str | None = Field(
        default=None, description="`persons.person_id`: the same person in every document."
    )
    doc_country: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="`country` as this document alone gives it (before the corpus pass).",
    )
    doc_agency: str | None = Field(
        default=None, description="`agency` as this document alone gives it."
    )
    doc_score: float | None = Field(
        default=None, ge=0.0, le=1.0, description="`score` as this document alone gives it."
    )


class Agency(Record):
    """One row per distinct body in a document."""

    name: str = Field(description="Canonical name, the same across documents.")
    kind: AgencyKind
    country: str | None = Iso3
    parent: str | None = Field(default=None, description="Name of the body a unit belongs to.")
    aliases: list[str] = Field(default_factory=list, description="Surface forms in the text.")
    mentions: int = Field(ge=1)
    start_char: int = Field(ge=0)
    score: float = Score
    source: str
    body_id: str | None = Field(
        default=None, description="`bodies.body_id`: the same body in every document."
    )
    doc_country: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="`country` as this document alone gives it (before the corpus pass).",
    )
    doc_score: float | None = Field(
        default=None, ge=0.0, le=1.0, description="`score` as this document alone gives it."
    )


class Country(Record):
    """One row per distinct country named in a document."""

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(description="Common English name of the country.")
    mentions: int = Field(ge=1)
    start_char: int = Field(ge=0)
    score: float = Score
    source: str


class Agreement(Record):
    """One row per distinct instrument (protocol, memorandum, plan...) in a document."""

    kind: AgreementKind
    title: str | None = Field(default=None, description="The instrument's own name, if given.")
    status: AgreementStatus
    parties: list[str] = Field(default_factory=list, description="Agency or country names.")
    date: dt.date | None = Field(default=None, description="Date of the event, if known.")
    mentions: int = Field(ge=1)
    start_char: int = Field(ge=0)
    evidence: str
    score: float = Score
    source: str


class Mention(Record):
    """One row per entity span."""

    label: MentionLabel
    text: str
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)
    key: str | None = Field(default=None, description="Canonical key the span was linked to.")
    sentence: str
    score: float = Score
    source: str
    page: int | None = Field(
        default=None, ge=1, description="Page of the input the span is on (PDF); else null."
    )


class Meeting(Record):
    """One row per meeting, conference or call of two or more states (or a state and a body)."""

    kind: MeetingKind = Field(
        description="`meeting` (talks, visits, sessions), `conference` (many states), `call`."
    )
    status: MeetingStatus = Field(description="`held`, or `planned` for an announced one.")
    date: dt.date | None = Field(
        default=None, description="Date of the meeting (the 1st when only a month is given)."
    )
    date_precision: DatePrecision | None = Field(
        default=None, description="`day`, or `month` when the text gives only a month."
    )
    place: str | None = Field(default=None, description="City or venue, as written.")
    place_country: str | None = Iso3
    participants: list[str] = Field(
        default_factory=list, description="`officials.name` of the named people who took part."
    )
    countries: list[str] = Field(
        default_factory=list, description="ISO3 codes of the states represented at it."
    )
    agreements: list[str] = Field(
        default_factory=list, description="Titles (else kinds) of the agreements signed at it."
    )
    start_char: int = Field(ge=0, description="Offset of the first sentence reporting it.")
    evidence: str = Field(description="The sentence that reports it.")
    score: float = Score
    source: str = Field(description="The rule that found it (`rule:meeting:<event word>`).")


class Described(BaseModel):
    """A row that describes one entity over all documents of a run (no `doc_id`)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Person(Described):
    """One row per person over all documents of the run (`officials.person_id`)."""

    person_id: str = Field(description="Stable id: a hash of the canonical name and state.")
    name: str = Field(description="Canonical (fullest, most used) form of the name.")
    aliases: list[str] = Field(default_factory=list, description="Other written forms.")
    country: str | None = Iso3
    titles: list[str] = Field(default_factory=list, description="Positions, most named first.")
    agencies: list[str] = Field(default_factory=list, description="`agencies.name` of bodies.")
    documents: int = Field(ge=1, description="Number of documents naming the person.")
    first_date: dt.date | None = Field(default=None, description="Earliest document date.")
    last_date: dt.date | None = Field(default=None, description="Latest document date.")


class Body(Described):
    """One row per body over all documents of the run (`agencies.body_id`)."""

    body_id: str = Field(description="Stable id: a hash of the canonical name and state.")
    name: str = Field(description="Canonical name (`agencies.name`).")
    aliases: list[str] = Field(default_factory=list, description="Surface forms in the texts.")
    kind: AgencyKind
    country: str | None = Iso3
    documents: int = Field(ge=1, description="Number of documents naming the body.")


TABLES: dict[str, type[Record] | type[Described]] = {
    "documents": Document,
    "officials": Official,
    "agencies": Agency,
    "countries": Country,
    "agreements": Agreement,
    "mentions": Mention,
    "meetings": Meeting,
    "persons": Person,
    "bodies": Body,
}
# Tables with one row per entity of one document (the others describe the whole run).
DOCUMENT_TABLES = tuple(name for name, model in TABLES.items() if "doc_id" in model.model_fields)

"""Officials: group person mentions and link each person to rank, title, agency, country.

Linking reads the spans around a mention, not character windows:
- the chain just before the name, walking left over commas: "Azerbaijani
  (COUNTRY) Interior Minister (TITLE) Colonel General (RANK) Ramil Usubov",
  "First Deputy Minister of ... Azerbaijan (TITLE), Major General of Police
  (RANK) Seyfulla Azimov";
- an apposition after it: "Sergey Bachurin, Chief of the MIA of Russia GA ...";
- the dependency parse: a TITLE whose head is the name, or the name's head
  inside a TITLE ("Kolokoltsev, the minister").
Short later mentions ("Minister Kolokoltsev", "Usubov") join the person whose
name holds their surname. The agency is the most specific body named in the
title or next to the name, else the body the title implies ("Interior
Minister" of a country -> that country's interior ministry).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopnlp.pipeline.agencies import add_agency
from coopnlp.pipeline.ranks import normalise_rank
from coopnlp.pipeline.registry import Registry, default_registry
from coopnlp.pipeline.spans import guarded, inside, records, score_of, source_of, spans_of
from coopnlp.resources import lines

CHAIN_LABELS = ("RANK", "TITLE", "AGENCY", "COUNTRY")
SKIPPABLE = {",", "the", "'s", "’s", "and"}


@dataclass
class Context:
    """What the text around one mention says about the person."""

    rank: Span | None = None
    title: Span | None = None
    agency: Span | None = None
    country: str | None = None
    via: list[str] = field(default_factory=list)


@dataclass
class Person:
    mentions: list[Span] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)

    @property
    def fullest(self) -> Span:
        return max(self.mentions, key=lambda s: (len(s), -s.start))

    def tokens(self) -> set[str]:
        return {t.lower_ for m in self.mentions for t in m if t.is_alpha}

    def surname(self) -> str:
        return self.fullest[-1].lower_


class OfficialLinker:
    """Build `doc._.coop["officials"]` (and implied agencies) from PERSON spans."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry or default_registry()
        self.honorifics = set(lines("honorifics.txt"))

    # -- grouping ------------------------------------------------------------
    @staticmethod
    def _group(mentions: list[Span]) -> list[Person]:
        people: list[Person] = []
        for mention in sorted(mentions, key=lambda s: (-len(s), s.start)):
            words = [t.lower_ for t in mention if t.is_alpha]
            if not words:
                continue
            match = next((p for p in people if p.surname() == words[-1]), None)
            if match is None and len(words) == 1:
                match = next((p for p in people if words[0] in p.tokens()), None)
            if match is None:
                match = Person()
                people.append(match)
            match.mentions.append(mention)
        for person in people:
            person.mentions.sort(key=lambda s: s.start)
        return sorted(people, key=lambda p: p.mentions[0].start)

    # -- context of one mention -----------------------------------------------
    def _context(
        self,
        doc: Doc,
        mention: Span,
        by_end: dict[int, list[Span]],
        by_start: dict[int, list[Span]],
        titles: list[Span],
    ) -> Context:
        ctx = Context()
        i = mention.start
        sent_start = mention.sent.start
        steps = 0
        while i > sent_start and steps < 6:
            steps += 1
            if doc[i - 1].text in self.honorifics or doc[i - 1].lower_ in SKIPPABLE:
                i -= 1
                continue
            ending = sorted(by_end.get(i, []), key=lambda s: -len(s))
            if not ending:
                break
            span = ending[0]
            self._take(ctx, span, "left")
            i = span.start
        j = mention.end
        if j < len(doc) and doc[j].text == "," and j + 1 < mention.sent.end:
            j += 1
            if doc[j].lower_ == "the":
                j += 1
            for span in sorted(by_start.get(j, []), key=lambda s: -len(s)):
                if span.label_ in ("TITLE", "RANK"):
                    self._take(ctx, span, "apposition")
                    k = span.end
                    if k + 1 < len(doc) and doc[k].text == ",":
                        for nxt in by_start.get(k + 1, []):
                            if nxt.label_ in ("TITLE", "RANK"):
                                self._take(ctx, nxt, "apposition")
                    break
        if ctx.title is None:
            root = mention.root
            for title in titles:
                if title.sent == mention.sent and (
                    (
                        root.head.i in range(title.start, title.end)
                        and root.dep_ in ("appos", "compound")
                    )
                    or (
                        title.root.head.i in range(mention.start, mention.end)
                        and title.root.dep_ == "appos"
                    )
                ):
                    self._take(ctx, title, "parse")
                    break
        return ctx

    @staticmethod
    def _take(ctx: Context, span: Span, how: str) -> None:
        label = span.label_
        if label == "RANK" and ctx.rank is None:
            ctx.rank = span
        elif label == "TITLE" and ctx.title is None:
            ctx.title = span
        elif label == "AGENCY" and ctx.agency is None:
            ctx.agency = span
        elif label == "COUNTRY" and ctx.country is None:
            ctx.country = span.kb_id_
        else:
            return
        ctx.via.append(f"{label.lower()}:{how}")

    # -- attributes ------------------------------------------------------------
    def _agency(
        self, doc: Doc, ctx: Context, agencies: list[Span], countries: list[Span], store: list[dict]
    ) -> dict | None:
        """The agencies entry the person works for, adding an implied one if needed."""
        if ctx.title is not None:
            inner = [a for a in agencies if inside(a, ctx.title)]
            if inner:
                # The most specific body: a unit over its parent ministry.
                chosen = max(inner, key=lambda a: (len(a), a.start))
                return next((e for e in store if e["name"] == chosen.kb_id_), None)
        if ctx.agency is not None:
            return next((e for e in store if e["name"] == ctx.agency.kb_id_), None)
        if ctx.title is None:
            return None
        country = ctx.country or next((c.kb_id_ for c in countries if inside(c, ctx.title)), None)
        wording = ctx.title.text.replace("Minister", "Ministry").replace("minister", "ministry")
        fn = self.registry.function_in(wording)
        if fn is None or country is None:
            return None
        body = self.registry.national(fn, country)
        return add_agency(
            store,
            body,
            ctx.title.text,
            ctx.title.start_char,
            score_of(ctx.title) * 0.9,
            f"{source_of(ctx.title)}>implied:{fn.id}",
        )

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        store = records(doc).setdefault("agencies", [])
        spans = spans_of(doc, *CHAIN_LABELS)
        by_end: dict[int, list[Span]] = {}
        by_start: dict[int, list[Span]] = {}
        for span in spans:
            by_end.setdefault(span.end, []).append(span)
            by_start.setdefault(span.start, []).append(span)
        titles = spans_of(doc, "TITLE")
        agencies = spans_of(doc, "AGENCY")
        countries = spans_of(doc, "COUNTRY")
        officials = []
        for person in self._group(spans_of(doc, "PERSON")):
            person.contexts = [
                self._context(doc, m, by_end, by_start, titles) for m in person.mentions
            ]
            rank = next((c.rank for c in person.contexts if c.rank is not None), None)
            ctx_title = next((c for c in person.contexts if c.title is not None), None)
            merged = Context(
                rank=rank,
                title=ctx_title.title if ctx_title else None,
                agency=next((c.agency for c in person.contexts if c.agency is not None), None),
                country=next((c.country for c in person.contexts if c.country), None),
                via=sorted({v for c in person.contexts for v in c.via}),
            )
            if len(person.fullest) == 1 and not (merged.rank or merged.title):
                continue  # a lone surname with nothing official about it
            agency = self._agency(doc, merged, agencies, countries, store)
            country = agency["country"] if agency and agency["country"] else merged.country
            if agency and agency["kind"] == "international":
                country = None
            rank_info = normalise_rank(rank.text, rank.id_) if rank is not None else None
            fullest = person.fullest
            name_sources = sorted({source_of(m) for m in person.mentions})
            score = max(score_of(m) for m in person.mentions)
            if merged.rank or merged.title:
                score = min(0.99, score + 0.1)
            officials.append(
                {
                    "name": fullest.text.removesuffix("'s").removesuffix("’s"),
                    "rank": rank_info.canonical if rank_info else None,
                    "rank_service": (rank_info.service or rank_info.branch) if rank_info else None,
                    "rank_grade": rank_info.grade if rank_info else None,
                    "title": self._title_text(merged.title, countries),
                    "agency": agency["name"] if agency else None,
                    "country": country,
                    "mentions": len(person.mentions),
                    "start_char": person.mentions[0].start_char,
                    "evidence": fullest.sent.text.strip(),
                    "score": round(score, 3),
                    "source": "+".join(name_sources)
                    + (">" + ",".join(merged.via) if merged.via else ""),
                }
            )
        records(doc)["officials"] = officials
        return doc

    @staticmethod
    def _title_text(title: Span | None, countries: list[Span]) -> str | None:
        """The title as written, without a leading country adjective."""
        if title is None:
            return None
        start = title.start
        for country in countries:
            if country.start == start and country.end < title.end:
                start = country.end
        return title.doc[start : title.end].text.strip(" ,")


@Language.factory("coop_officials")
def make_officials(nlp: Language, name: str) -> OfficialLinker:
    return OfficialLinker()

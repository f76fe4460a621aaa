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

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from coopnlp.pipeline.agencies import add_agency
from coopnlp.pipeline.ranks import normalise_rank
from coopnlp.pipeline.registry import Registry, default_registry
from coopnlp.pipeline.spans import guarded, inside, records, score_of, source_of, spans_of
from coopnlp.resources import lines

CHAIN_LABELS = ("RANK", "TITLE", "AGENCY", "COUNTRY")
MINISTER = re.compile(r"\bMinisters?\b", re.IGNORECASE)
SKIPPABLE = {",", "the", "'s", "’s", "and"}
# Inside an apposition a coordinated "and" starts another person's description.
APPOSITION_GLUE = {"the", "'s", "’s"}


@dataclass
class Context:
    """What the text around one mention says about the person."""

    rank: Span | None = None
    title: Span | None = None
    agency: Span | None = None
    country: str | None = None
    counterpart: bool = False
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
        self.counterpart_words = set(lines("counterpart_words.txt"))

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
        while i > sent_start and steps < 8:
            steps += 1
            prev = doc[i - 1]
            if prev.text in self.honorifics or prev.lower_ in SKIPPABLE:
                i -= 1
                continue
            if prev.lower_ in self.counterpart_words:
                ctx.counterpart = True
                ctx.via.append("counterpart")
                i -= 1
                continue
            if prev.text == ")":
                # "Inspector-General of Police (I-G), Olukayode Egbetokun"
                opening = next(
                    (k for k in range(i - 2, max(sent_start, i - 6) - 1, -1) if doc[k].text == "("),
                    None,
                )
                if opening is None:
                    break
                i = opening
                continue
            ending = sorted(by_end.get(i, []), key=lambda s: -len(s))
            if not ending:
                break
            span = ending[0]
            self._take(ctx, span, "left")
            i = span.start
        j = mention.end
        if j + 1 < mention.sent.end and doc[j].lower_ == "of":
            for span in by_start.get(j + 1, []):
                if span.label_ == "COUNTRY":
                    self._take(ctx, span, "right")
        if j < len(doc) and doc[j].text == ",":
            # Apposition: "Sergey Bachurin, Chief of the MIA ...", "X, Turkish Interior Minister".
            j += 1
            while j < mention.sent.end:
                if doc[j].lower_ in APPOSITION_GLUE:
                    j += 1
                    continue
                starting = sorted(by_start.get(j, []), key=lambda s: -len(s))
                if not starting:
                    break
                self._take(ctx, starting[0], "apposition")
                j = starting[0].end
                if j < mention.sent.end and doc[j].text == "," and by_start.get(j + 1):
                    j += 1
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
    @staticmethod
    def _entry(store: list[dict], span: Span) -> dict | None:
        return next((e for e in store if e["name"] == span.kb_id_), None)

    def _function_id(self, name: str) -> str | None:
        fn = self.registry.function_in(name)
        return fn.id if fn else None

    def _implied(self, store: list[dict], title: Span, country: str | None) -> dict | None:
        """The body a position names by its type ("Interior Minister" -> interior ministry)."""
        fn = self.registry.function_in(MINISTER.sub("Ministry", title.text))
        if fn is None:
            return None
        if country is None:
            # Without a country, only a body of that type already in the document will do.
            same = [
                e for e in store if (f := self.registry.function_in(e["name"])) and f.id == fn.id
            ]
            return same[0] if len(same) == 1 else None
        body = self.registry.national(fn, country)
        return add_agency(
            store,
            body,
            title.text,
            title.start_char,
            score_of(title) * 0.9,
            f"{source_of(title)}>implied:{fn.id}",
        )

    def _nearest(
        self, store: list[dict], mention: Span, agencies: list[Span], country: str | None
    ) -> dict | None:
        """For a generic position ("Minister", "Chief"): the closest body in its sentence."""
        candidates = []
        for span in agencies:
            entry = self._entry(store, span)
            if span.sent != mention.sent or entry is None or entry["kind"] == "government":
                continue
            if country is not None and entry["country"] not in (None, country):
                continue
            if span.end <= mention.start:
                distance = mention.start - span.end
            else:
                distance = span.start - mention.end + 2  # a body named before is likelier
            candidates.append((distance, entry))
        return min(candidates, key=lambda c: c[0])[1] if candidates else None

    def _agency(
        self,
        ctx: Context,
        mention: Span,
        agencies: list[Span],
        store: list[dict],
        country: str | None,
    ) -> dict | None:
        """The agencies entry the person works for (adding an implied one if needed)."""
        if ctx.title is not None:
            inner = [a for a in agencies if inside(a, ctx.title)]
            if inner:
                # The most specific body: a unit over its parent ministry.
                return self._entry(store, max(inner, key=lambda a: (len(a), a.start)))
        if ctx.agency is not None:
            return self._entry(store, ctx.agency)
        if ctx.title is None:
            return None
        return self._implied(store, ctx.title, country) or self._nearest(
            store, mention, agencies, country
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
                counterpart=any(c.counterpart for c in person.contexts),
                via=sorted({v for c in person.contexts for v in c.via}),
            )
            if len(person.fullest) == 1 and not (merged.rank or merged.title or merged.counterpart):
                continue  # a lone surname with nothing official about it
            titled = next(
                (m for m, c in zip(person.mentions, person.contexts, strict=True) if c.title),
                person.mentions[0],
            )
            hint = merged.country
            if hint is None and merged.title is not None:
                hint = next((c.kb_id_ for c in countries if inside(c, merged.title)), None)
            agency = self._agency(merged, titled, agencies, store, hint)
            title_text = self._title_text(merged.title, countries)
            if merged.counterpart and agency is None and officials:
                # "his Kyrgyz counterpart X": the position of the person met, in X's country.
                lead = officials[0]
                title_text = title_text or lead["title"]
                lead_fn = self.registry.function_in(lead["agency"] or "")
                if lead_fn is not None and hint is not None:
                    body = self.registry.national(lead_fn, hint)
                    agency = add_agency(
                        store,
                        body,
                        titled.text,
                        titled.start_char,
                        0.6,
                        f"counterpart:{lead_fn.id}",
                    )
            country = agency["country"] if agency and agency["country"] else hint
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
                    "title": title_text,
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

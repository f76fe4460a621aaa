"""Coordination: one plural position shared out over coordinated states and names.

"the Armenian and Russian interior ministers, Vahe Ghazaryan and Vladimir
Kolokoltsev" and "the Interior Ministers of Kazakhstan and Russia, X and Y"
pair the states and the names in order: the first name gets the first state.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from coopnlp.pipeline.spans import filter_longest, inside

PLURAL_TAGS = {"NNS", "NNPS"}
LIST_GLUE = {",", "and"}


def is_plural(token: Token) -> bool:
    """A plural noun, also when the tagger calls a capitalised one a proper noun
    ("Interior Ministers" tagged NNP)."""
    if token.tag_ in PLURAL_TAGS:
        return True
    return token.tag_ == "NNP" and token.lower_.endswith("s") and not token.lower_.endswith("ss")


def _states_before(doc: Doc, start: int, by_end: dict[int, Span]) -> list[Span]:
    """Coordinated country words ending right before token `start` ("Armenian and Russian")."""
    found: list[Span] = []
    k = start
    while k > 0:
        if k in by_end:
            found.insert(0, by_end[k])
            k = by_end[k].start
        elif found and doc[k - 1].lower_ in LIST_GLUE:
            k -= 1
        else:
            break
    return found


def _states_after(doc: Doc, end: int, by_start: dict[int, Span]) -> tuple[list[Span], int]:
    """Countries coordinated onto a position's tail ("of Kazakhstan | and Russia") and
    where they end."""
    found: list[Span] = []
    while end + 1 < len(doc) and doc[end].lower_ in LIST_GLUE and end + 1 in by_start:
        found.append(by_start[end + 1])
        end = found[-1].end
    return found, end


def _names_after(doc: Doc, end: int, by_start: dict[int, Span]) -> list[Span]:
    """Coordinated names starting at token `end`, after an optional comma ("X and Y")."""
    j = end + (end < len(doc) and doc[end].text == ",")
    found: list[Span] = []
    while j in by_start:
        found.append(by_start[j])
        j = by_start[j].end
        while j < len(doc) and doc[j].lower_ in LIST_GLUE and j + 1 not in by_start:
            j += 1  # ", and"
        if j < len(doc) and doc[j].lower_ in LIST_GLUE:
            j += 1
    return found


def respective_states(
    doc: Doc, titles: list[Span], countries: list[Span], persons: list[Span]
) -> dict[int, str]:
    """Start token of a name -> ISO3 of the state it is paired with, for every plural
    position between coordinated states and as many coordinated names."""
    countries = filter_longest(countries)
    # Indexes made once: a document may hold many plural positions.
    country_ends = {c.end: c for c in countries}
    country_starts = {c.start: c for c in countries}
    starts = [c.start for c in countries]
    person_starts = {p.start: p for p in persons}
    paired: dict[int, str] = {}
    for title in titles:
        if not is_plural(title.root):
            continue
        states = _states_before(doc, title.start, country_ends)
        near = countries[bisect_left(starts, title.start) : bisect_left(starts, title.end)]
        states += [c for c in near if inside(c, title)]
        more, end = _states_after(doc, title.end, country_starts)
        names = _names_after(doc, end, person_starts)
        states += more
        if len(states) >= 2 and len(names) == len(states):
            paired.update((n.start, s.kb_id_) for n, s in zip(names, states, strict=True))
    return paired

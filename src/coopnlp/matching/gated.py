"""A token Matcher that only runs the patterns a document can possibly match.

Most of the ~2,000 grammar patterns of `coop_ruler` (ranks, titles, agency and
agreement grammars) require some words ("minister", "memorandum", ...). Run
together in one spaCy Matcher, every pattern is tried at every token, and
that was most of the pipeline's time. Here a pattern's required tokens that
must be one of a few words give it a gate (the rarest such word set) and
requirements (the other such sets, stop words aside). Patterns with the same
gate and requirements share a Matcher, which runs only on windows around the
gate words of a document, and only on those windows that hold every
requirement. A window reaches as many tokens before a gate word as a match
can hold before its gate token, and as many after as it can hold after it
("Ministry" opens most of its patterns, so their windows start at the word).
Every match holds a gate word and each of its requirements, so it lies within
such a window. The open side of a pattern ("Agreement on" and any number of
words) reaches to the edge of the gate word's sentence, not of the document:
a name does not run on into the next sentence (when the Doc has sentences).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from spacy.attrs import LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.vocab import Vocab

from coopnlp.matching.sentences import sentence_starts

# Attributes whose value, lowercased, is the token's `lower_` when they match.
_EXACT = ("ORTH", "TEXT", "LOWER")
_AT_LEAST_ONE = re.compile(r"^\{([1-9]\d*)(,\d*)?\}$")
_RANGE = re.compile(r"^\{(\d*)(,?)(\d*)\}$")

Gate = frozenset[str] | None


def _required(token: dict[str, Any]) -> bool:
    op = token.get("OP")
    return op in (None, "1", "+") or bool(_AT_LEAST_ONE.match(str(op)))


def _words(token: dict[str, Any]) -> frozenset[str] | None:
    """The lowercased words the token must be one of, when its pattern says so."""
    best: frozenset[str] | None = None
    for attr in _EXACT:
        value = token.get(attr)
        if isinstance(value, str):
            words = frozenset({value.lower()})
        elif isinstance(value, dict) and set(value) == {"IN"}:
            words = frozenset(str(v).lower() for v in value["IN"])
        else:
            continue
        if best is None or len(words) < len(best):
            best = words
    return best


def _width(token: dict[str, Any]) -> int | None:
    """The most tokens one pattern token can match (None: no bound)."""
    op = str(token.get("OP", "1"))
    if op in ("+", "*"):
        return None
    m = _RANGE.match(op)
    if m is None:  # "1", "!", "?": one token at most
        return 1
    if m[2] and not m[3]:  # {n,}: unbounded
        return None
    return int(m[3] or m[1])


def _total(widths: list[int | None]) -> int | None:
    return None if None in widths else sum(w for w in widths if w is not None)


def max_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of `pattern` can span (None: no bound)."""
    return _total([_width(token) for token in pattern])


def _rarity(words: frozenset[str]) -> tuple[bool, int]:
    """Sort key: a set without stop words ("of", "the": in every article) first."""
    return not words.isdisjoint(STOP_WORDS), len(words)


def _gate_token(pattern: list[dict[str, Any]]) -> tuple[int, frozenset[str]] | None:
    """Index and word set of the required token with the rarest words."""
    best: tuple[int, frozenset[str]] | None = None
    for index, token in enumerate(pattern):
        if not _required(token):
            continue
        words = _words(token)
        if words is not None and (best is None or _rarity(words) < _rarity(best[1])):
            best = (index, words)
    return best


def gate(pattern: list[dict[str, Any]]) -> Gate:
    """The rarest word set one required token of `pattern` must come from
    (None: the pattern could match anywhere)."""
    found = _gate_token(pattern)
    return None if found is None else found[1]


Reach = tuple[int | None, int | None]


def reach(pattern: list[dict[str, Any]]) -> Reach:
    """How many tokens a match can hold before and after its gate word (None:
    no bound). A repeated gate token ("{1,4}") may hold the word in any of its
    repetitions, so the others count on both sides."""
    found = _gate_token(pattern)
    if found is None:
        return None, None
    index = found[0]
    widths = [_width(token) for token in pattern]
    extra = None if widths[index] is None else widths[index] - 1  # type: ignore[operator]
    return _total([*widths[:index], extra]), _total([extra, *widths[index + 1 :]])


def _widest(a: Reach, b: Reach) -> Reach:
    return tuple(  # type: ignore[return-value]
        None if x is None or y is None else max(x, y) for x, y in zip(a, b, strict=True)
    )


def requirements(pattern: list[dict[str, Any]]) -> frozenset[frozenset[str]]:
    """The word sets, other than the gate, that required tokens of `pattern`
    must come from; sets with a stop word are left out (every text has one)."""
    found = _gate_token(pattern)
    sets = {words for token in pattern if _required(token) and (words := _words(token))}
    return frozenset(
        w for w in sets if w.isdisjoint(STOP_WORDS) and (found is None or w != found[1])
    )


def _ids(words: frozenset[str]) -> tuple[int, ...]:
    """Words as the ids `Doc.to_array(LOWER)` gives them."""
    return tuple(hash_string(w) for w in words)


class _Group:
    """The patterns with one gate and one set of requirements, in one Matcher."""

    def __init__(self, vocab: Vocab, gate: Gate, needs: frozenset[frozenset[str]], **options: Any):
        self.matcher = Matcher(vocab, **options)
        self.gate = () if gate is None else _ids(gate)
        self.needs = [frozenset(_ids(words)) for words in needs]
        self.reach: Reach = (0, 0)  # the widest of its patterns'

    def windows(self, at: dict[int, list[int]], sentences: list[int]) -> list[tuple[int, int]]:
        """The token ranges of a Doc to run on (`at`: positions by word id;
        `sentences`: the sentence starts, then the Doc's length)."""
        if not self.gate:
            return [(0, sentences[-1])]
        if any(at.keys().isdisjoint(ids) for ids in self.needs):
            return []  # a requirement missing from the whole document
        needed = [sorted(i for w in ids for i in at.get(w, ())) for ids in self.needs]
        positions = sorted(i for w in self.gate for i in at.get(w, ()))
        return [
            (start, end)
            for start, end in _windows(positions, *self.reach, sentences)
            if all(bisect_left(found, start) < bisect_left(found, end) for found in needed)
        ]


GroupKey = tuple[Gate, frozenset[frozenset[str]]]


class GatedMatcher:
    """The part of `Matcher`'s interface that SpanRuler uses, gated by words."""

    def __init__(self, vocab: Vocab, **options: Any) -> None:
        self.vocab = vocab
        self.options = options
        self._groups: dict[GroupKey, _Group] = {}
        self._keys: set[str] = set()
        self._index: dict[int | None, list[_Group]] | None = None  # word id -> groups

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        self._keys.add(key)
        self._index = None
        for pattern in patterns:
            group_key = (gate(pattern), requirements(pattern))
            group = self._groups.get(group_key)
            if group is None:
                group = self._groups[group_key] = _Group(self.vocab, *group_key, **self.options)
            group.matcher.add(key, [pattern])
            group.reach = _widest(group.reach, reach(pattern))

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def remove(self, key: str) -> None:
        self._keys.discard(key)
        self._index = None
        for group_key, group in list(self._groups.items()):
            if key in group.matcher:
                group.matcher.remove(key)
                if len(group.matcher) == 0:
                    del self._groups[group_key]

    def _candidates(self, at: dict[int, list[int]]) -> list[_Group]:
        """The ungated groups and those whose gate words occur, each once."""
        if self._index is None:
            self._index = {}
            for group in self._groups.values():
                for word in group.gate or (None,):
                    self._index.setdefault(word, []).append(group)
        found = {id(g): g for g in self._index.get(None, ())}
        for word in at:
            for group in self._index.get(word, ()):
                found[id(group)] = group
        return list(found.values())

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        # Token positions by lowercase form, read from the array: no Token objects.
        at: dict[int, list[int]] = {}
        for i, lower in enumerate(doc.to_array(LOWER).tolist()):
            at.setdefault(lower, []).append(i)
        matches: list[tuple[int, int, int]] = []
        sentences = [*sentence_starts(doc), len(doc)]
        for group in self._candidates(at):
            for start, end in group.windows(at, sentences):
                if (start, end) == (0, len(doc)):
                    matches.extend(group.matcher(doc))
                    continue
                found = group.matcher(doc[start:end])
                matches.extend((key, start + s, start + e) for key, s, e in found)
        return list(dict.fromkeys(matches))  # windows kept apart may overlap


def _windows(
    positions: list[int], before: int | None, after: int | None, sentences: list[int]
) -> list[tuple[int, int]]:
    """Merged token ranges holding every match that reaches at most `before`
    tokens before and `after` tokens after one of `positions` (sorted; None:
    up to the edge of the position's sentence; `sentences`: sentence starts,
    then the Doc's length)."""
    n = sentences[-1]
    windows: list[tuple[int, int]] = []
    last = -1  # the sentence of the last window's position
    for p in positions:
        k = bisect_right(sentences, p)  # p lies in [sentences[k - 1], sentences[k])
        start = sentences[k - 1] if before is None else max(0, p - before)
        end = sentences[k] if after is None else min(n, p + after + 1)
        # Open windows of two sentences stay apart, or a match could run across.
        joins = k == last or (before is not None and after is not None)
        if windows and start <= windows[-1][1] and joins:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
        last = k
    return windows

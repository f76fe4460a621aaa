"""A token Matcher that only runs the patterns a document can possibly match.

Most of the ~2,000 grammar patterns of `coop_ruler` (ranks, titles, agency and
agreement grammars) require some word ("minister", "memorandum", ...). Run
together in one spaCy Matcher, every pattern is tried at every token, and
that was most of the pipeline's time. Here patterns are grouped by the words
one of their required tokens must be (their gate); a group runs only on a
document holding one of those words, and only on windows around them as
long as the group's longest possible match. The matches are the same: a
match holds a gate word, so it lies within such a window.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

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


def max_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of `pattern` can span (None: no bound)."""
    total = 0
    for token in pattern:
        op = str(token.get("OP", "1"))
        if op in ("+", "*"):
            return None
        m = _RANGE.match(op)
        if m is None:  # "1", "!", "?": one token at most
            total += 1
        elif m[2] and not m[3]:  # {n,}: unbounded
            return None
        else:
            total += int(m[3] or m[1])
    return total


def _rarity(words: frozenset[str]) -> tuple[bool, int]:
    """Sort key: a set without stop words ("of", "the": in every article) first."""
    return not words.isdisjoint(STOP_WORDS), len(words)


def gate(pattern: list[dict[str, Any]]) -> Gate:
    """The rarest word set one required token of `pattern` must come from
    (None: the pattern could match anywhere)."""
    best: Gate = None
    for token in pattern:
        if not _required(token):
            continue
        words = _words(token)
        if words is not None and (best is None or _rarity(words) < _rarity(best)):
            best = words
    return best


class GatedMatcher:
    """The part of `Matcher`'s interface that SpanRuler uses, gated by words."""

    def __init__(self, vocab: Vocab, **options: Any) -> None:
        self.vocab = vocab
        self.options = options
        self._groups: dict[Gate, Matcher] = {}
        self._spans: dict[Gate, int | None] = {}  # longest match of each group
        self._keys: set[str] = set()

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        self._keys.add(key)
        for pattern in patterns:
            group = gate(pattern)
            if group not in self._groups:
                self._groups[group] = Matcher(self.vocab, **self.options)
                self._spans[group] = 0
            self._groups[group].add(key, [pattern])
            longest, current = max_length(pattern), self._spans[group]
            self._spans[group] = (
                None if longest is None or current is None else max(longest, current)
            )

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def remove(self, key: str) -> None:
        self._keys.discard(key)
        for group, matcher in list(self._groups.items()):
            if key in matcher:
                matcher.remove(key)
                if len(matcher) == 0:
                    del self._groups[group]
                    del self._spans[group]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        at: dict[str, list[int]] = {}
        for token in doc:
            at.setdefault(token.lower_, []).append(token.i)
        matches: list[tuple[int, int, int]] = []
        for group, matcher in self._groups.items():
            longest = self._spans[group]
            if group is None:
                matches.extend(matcher(doc))
                continue
            positions = sorted(i for word in group.intersection(at) for i in at[word])
            if not positions:
                continue
            if longest is None:
                matches.extend(matcher(doc))
                continue
            for start, end in _windows(positions, longest, len(doc)):
                window = doc[start:end]
                matches.extend((key, start + s, start + e) for key, s, e in matcher(window))
        return matches


def _windows(positions: list[int], longest: int, n: int) -> list[tuple[int, int]]:
    """Merged token ranges holding every match of up to `longest` tokens that
    includes one of `positions` (sorted)."""
    windows: list[tuple[int, int]] = []
    for p in positions:
        start, end = max(0, p - longest + 1), min(n, p + longest)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows

"""The base pipeline's `attribute_ruler` and `lemmatizer`, same output, less work.

Both spent most of their time on Python objects per token. `speed_up(nlp)`
changes how they compute, not what: the same annotations on every token.

The attribute ruler maps tags to parts of speech and sets the exceptions of the English
pipeline (~180 patterns, each one or two tokens testing attributes for
equality). spaCy's Matcher tries every pattern at every token, which cost
about as much as our whole entity ruler. `ExactMatcher` wraps the ruler's
Matcher: when a pattern only tests attributes for equal values, a match
is a lookup of the token's values in a dict keyed by them (an `IN` list of
strings adds one key per string), then the NOT_IN and REGEX tests of the
candidates. Any other pattern (operators, extensions, comparisons) leaves
all the matching to spaCy.

Its matches are then applied one by one: spaCy builds a Span per match (about
one per token) to find the token it sets; `DirectAttributeRuler` sets that
token straight away, in the same order, with the same function.

The rule lemmatizer caches its lemmas by (word, part of speech, morphology),
except the ones it returns early (base forms, which are most words).
`CachedEnglishLemmatizer` reads those keys from the Doc's arrays, keeps the
lemma of every key it has seen (a key's lemma never changes: base forms are
decided by part of speech and morphology, which are in the key) and asks the
lemmatizer itself only about new keys, in the same token order, so its cache
fills exactly as before.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Attributes that `Doc.to_array` reads exactly as the Matcher compares them
# (SENT_START, HEAD, IDX, ENT_IOB and MORPH are not); the first ones are strings.
_STRINGS = {"ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX"}
_SAME = {*_STRINGS, "LENGTH"}
_FLAGS = {name for name in IDS if name.startswith(("IS_", "LIKE_")) and name != "IS_SENT_START"}
_NAMES = {"TEXT": "ORTH"}

# One way a pattern token can match: (column, value) pairs, sorted by column.
Tests = tuple[tuple[int, int], ...]


class _Check:
    """A test of one token value beyond equality: NOT_IN a set, or a REGEX."""

    def __init__(self, column: int, excluded: frozenset[int] = frozenset(), regex: str = ""):
        self.column = column
        self.excluded = excluded
        self.regex = re.compile(regex) if regex else None
        self._found: dict[int, bool] = {}  # regex results by string id

    def __call__(self, value: int, strings: StringStore) -> bool:
        if self.regex is None:
            return value not in self.excluded
        if value not in self._found:
            self._found[value] = bool(self.regex.search(strings[value]))
        return self._found[value]


class _Token:
    """One token of a pattern: its ways to match by equality, and further checks."""

    def __init__(self, ways: list[Tests], checks: list[_Check]):
        self.ways = ways
        self.checks = checks

    def checked(self, columns: list[list[int]], i: int, strings: StringStore) -> bool:
        return all(check(columns[check.column][i], strings) for check in self.checks)

    def matches(self, columns: list[list[int]], i: int, strings: StringStore) -> bool:
        return any(all(columns[c][i] == v for c, v in way) for way in self.ways) and self.checked(
            columns, i, strings
        )


# By the columns the first token tests, its values -> (key, first token, the tokens after).
Table = dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, _Token, list[_Token]]]]]


class ExactMatcher:
    """A spaCy Matcher whose calls from AttributeRuler are answered by lookup."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._compiled: tuple[list[int], Table] | None = None
        self._fallback = False

    # AttributeRuler also reads patterns back (`get`) and adds them.
    def __getattr__(self, name: str) -> Any:
        return getattr(self.matcher, name)

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key: Any) -> bool:
        return key in self.matcher

    def add(self, key: Any, patterns: Any, **options: Any) -> None:
        self.matcher.add(key, patterns, **options)
        self._compiled, self._fallback = None, False

    def remove(self, key: Any) -> None:
        self.matcher.remove(key)
        self._compiled, self._fallback = None, False

    def _token(self, spec: dict[str, Any], columns: dict[int, int]) -> _Token | None:
        """A token spec as lookups (an `IN` list of strings is one way per
        string) and checks, or None when it holds anything else."""
        strings = self.matcher.vocab.strings
        ways: list[list[tuple[int, int]]] = [[]]
        checks: list[_Check] = []
        for attr, value in spec.items():
            name = _NAMES.get(attr.upper(), attr.upper()) if isinstance(attr, str) else None
            if name not in _SAME and name not in _FLAGS:
                return None  # OP, extensions, unknown: not a plain test
            column = columns.setdefault(IDS[name], len(columns))
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                (op, arg), text = next(iter(value.items())), name in _STRINGS
                if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
                    ids = [strings.add(v) for v in arg]
                    if op == "IN":
                        ways = [[*way, (column, i)] for way in ways for i in ids]
                    else:
                        checks.append(_Check(column, excluded=frozenset(ids)))
                elif op == "REGEX" and text and isinstance(arg, str):
                    checks.append(_Check(column, regex=arg))
                else:
                    return None  # comparisons, fuzzy, ...
            elif isinstance(value, (str, bool, int)):
                v = strings.add(value) if isinstance(value, str) else int(value)
                ways = [[*way, (column, v)] for way in ways]
            else:
                return None
        return _Token([tuple(sorted(way)) for way in ways], checks)

    def _compile(self) -> tuple[list[int], Table] | None:
        if any(self.matcher._callbacks.values()) or any(self.matcher._filter.values()):
            return None  # on_match callbacks and greedy filters: spaCy's business
        columns: dict[int, int] = {}
        table: Table = {}
        for key, patterns in self.matcher._patterns.items():
            for pattern in patterns:
                tokens = [self._token(spec, columns) for spec in pattern]
                if not tokens or None in tokens:
                    return None
                first, *after = tokens
                for way in first.ways:  # type: ignore[union-attr]
                    signature, values = tuple(c for c, _ in way), tuple(v for _, v in way)
                    entry = (key, first, after)
                    table.setdefault(signature, {}).setdefault(values, []).append(entry)  # type: ignore[arg-type]
        return sorted(columns, key=columns.__getitem__), table

    def __call__(self, doc: Doc, *, as_spans: bool = False, **options: Any) -> Any:
        if not self._fallback and self._compiled is None:
            self._compiled = self._compile()
            self._fallback = self._compiled is None
        lookup = options.get("allow_missing") and not options.get("with_alignments")
        if as_spans or not lookup or self._compiled is None:
            return self.matcher(doc, as_spans=as_spans, **options)
        attrs, table = self._compiled
        strings = self.matcher.vocab.strings
        n = len(doc)
        columns = doc.to_array(attrs).reshape(n, len(attrs)).T.tolist() if attrs else []
        # The Matcher reports each (key, start, end) once, however many patterns match.
        found: set[tuple[int, int, int]] = set()
        for signature, by_values in table.items():
            keys = zip(*(columns[c] for c in signature), strict=True) if signature else [()] * n
            for start, values in enumerate(keys):
                for key, first, after in by_values.get(values, ()):
                    if not (after or first.checks):  # most: one token, equality only
                        found.add((key, start, start + 1))
                        continue
                    end = start + 1 + len(after)
                    if (
                        end <= n
                        and first.checked(columns, start, strings)
                        and all(
                            t.matches(columns, start + 1 + k, strings) for k, t in enumerate(after)
                        )
                    ):
                        found.add((key, start, end))
        return list(found)


class DirectAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, setting each match's token without a Span."""

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        for attr_id, match_id, start, end in matches:
            index = self.indices[attr_id]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:  # spaCy's own error for a bad index
                super().set_annotations(doc, [(attr_id, match_id, start, end)])
            set_token_attrs(doc[i], self.attrs[attr_id])


class CachedEnglishLemmatizer(EnglishLemmatizer):
    """The English rule lemmatizer, reading its cache without Token objects."""

    # Lemma ids by the cache's key, for every lemma rule_lemmatize gave; with
    # the id of the cache they go with (a new cache may mean new tables).
    _seen: tuple[int, dict[tuple[int, int, int], int]] = (0, {})

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            strings, cache = self.vocab.strings, self.cache
            if self._seen[0] != id(cache):
                self._seen = (id(cache), {})
            seen = self._seen[1]
            lemmas = []
            for i, (orth, pos, morph, lemma) in enumerate(
                doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
            ):
                if self.overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    lemma = seen.get(key)
                    if lemma is None:
                        forms = cache.get(key)
                        if forms is None:
                            forms = self.lemmatize(doc[i])
                        lemma = strings.add(forms[0])
                        # Without a part of speech spaCy warns each time: ask it again.
                        if pos != 0:
                            seen[key] = lemma
                lemmas.append(lemma)
            doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)


def speed_up(nlp: Language) -> Language:
    """Same annotations from `attribute_ruler` and `lemmatizer`, computed faster."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if not isinstance(ruler.matcher, ExactMatcher):
            ruler.matcher = ExactMatcher(ruler.matcher)
        if type(ruler) is AttributeRuler:  # only the exact class, as for the lemmatizer
            ruler.__class__ = DirectAttributeRuler
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        # Only the exact class: a subclass may lemmatize differently.
        if type(lemmatizer) is EnglishLemmatizer:
            lemmatizer.__class__ = CachedEnglishLemmatizer
    return nlp

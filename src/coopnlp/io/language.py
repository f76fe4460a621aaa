"""Language identification of article texts with py3langid.

py3langid ships its model inside the package, so nothing is downloaded. The
identifier is built once per process, on first use, because loading the model
takes a noticeable fraction of a second.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Any

from coopnlp.resources import lines

# Below this many letters the character n-gram model is close to guessing.
MIN_LETTERS = 20
# The opening of a text tells its language; scoring a 2 MB text whole is waste.
_SAMPLE_CHARS = 20_000
# Scoring is linear in the text: a clearly English opening settles most articles
# at a fraction of the cost; anything less clear is scored on the whole sample.
_QUICK_CHARS = 800
_QUICK_SURE = 0.99
# A text this short is mostly names in a sentence or two ("Minister Kolokoltsev
# met Minister Usubov in Baku"): the n-gram model reads the names, not the
# language. Such a text is judged again on its uncapitalised words.
SHORT_CHARS = 300
# ... English when those words are mostly English function words (at least
# this many of them, all ASCII) or the model reads them as English.
_SHORT_MIN_FUNCTION_WORDS = 2
_SHORT_MIN_FUNCTION_SHARE = 0.5
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The py3langid identifier with probabilities normalised to [0, 1]."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # The constructor's name changed between py3langid releases.
    if hasattr(LanguageIdentifier, "from_model_file"):
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of the text's language and a confidence in [0, 1].

    Texts with fewer than MIN_LETTERS letters give (None, 0.0): too little to
    tell, and a wrong code is worse than none.
    """
    sample = text[:_SAMPLE_CHARS]
    # Counting stops at MIN_LETTERS: enough to tell, and no walk over a long text.
    if sum(1 for _ in islice(filter(str.isalpha, sample), MIN_LETTERS)) < MIN_LETTERS:
        return None, 0.0
    lang, prob = _identifier().classify(sample[:_QUICK_CHARS])
    if len(sample) > _QUICK_CHARS and not (lang == "en" and prob >= _QUICK_SURE):
        lang, prob = _identifier().classify(sample)
    if lang != "en" and len(text.strip()) <= SHORT_CHARS:
        short = _short_english(text)
        if short is not None:
            return "en", short
    return str(lang), round(float(prob), 4)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(lines("language/english_function_words.txt"))


def _short_english(text: str) -> float | None:
    """A confidence when a short text is English once its names are set aside, else None.

    Names are the capitalised words after the first; what is left is the
    sentence's own language. Any non-ASCII letter keeps the model's answer
    (English articles spell their own words in ASCII).
    """
    words = _WORD_RE.findall(text)
    plain = [w for w in words[1:] if not w[0].isupper()]
    if not plain or any(not w.isascii() for w in plain):
        return None
    function = sum(1 for w in plain if w.lower() in _function_words())
    if function >= _SHORT_MIN_FUNCTION_WORDS and function >= _SHORT_MIN_FUNCTION_SHARE * len(plain):
        return round(function / len(plain), 4)
    lang, prob = _identifier().classify(" ".join(plain))
    return round(float(prob), 4) if lang == "en" else None

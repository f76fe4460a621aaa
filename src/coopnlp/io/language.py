"""Language identification of article texts with py3langid.

py3langid ships its model inside the package, so nothing is downloaded. The
identifier is built once per process, on first use, because loading the model
takes a noticeable fraction of a second.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import Any

# Below this many letters the character n-gram model is close to guessing.
MIN_LETTERS = 20
# The opening of a text tells its language; scoring a 2 MB text whole is waste.
_SAMPLE_CHARS = 20_000
# Scoring is linear in the text: a clearly English opening settles most articles
# at a fraction of the cost; anything less clear is scored on the whole sample.
_QUICK_CHARS = 800
_QUICK_SURE = 0.99


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
    return str(lang), round(float(prob), 4)

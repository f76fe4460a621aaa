"""Tests for coopnlp.io.language.detect_language."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopnlp.io.language import detect_language

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

ENGLISH = (
    "Interior Minister Vladimir Kolokoltsev met his Azerbaijani counterpart in Baku. "
    "The parties signed a protocol on cooperation against drug trafficking."
)
RUSSIAN = (
    "Министр внутренних дел Российской Федерации Владимир Колокольцев встретился "
    "с министром внутренних дел Азербайджана. Стороны подписали протокол."
)
FRENCH = (
    "Le ministre de l'Intérieur a rencontré son homologue russe à Paris pour discuter "
    "de la coopération policière et de la lutte contre le trafic de drogue."
)


def test_english_article() -> None:
    lang, conf = detect_language(ENGLISH)
    assert lang == "en"
    assert 0.5 < conf <= 1.0


@pytest.mark.parametrize(("text", "code"), [(RUSSIAN, "ru"), (FRENCH, "fr")])
def test_other_languages_are_not_english(text: str, code: str) -> None:
    lang, conf = detect_language(text)
    assert lang == code
    assert lang != "en" and conf > 0.5


@pytest.mark.parametrize("text", ["", "   ", "Hello there", "12345 67890 ----", "MIA RF 2019"])
def test_short_texts_give_no_language(text: str) -> None:
    assert detect_language(text) == (None, 0.0)


def test_identifier_is_cached() -> None:
    from coopnlp.io import language

    language._identifier.cache_clear()
    detect_language(ENGLISH)
    detect_language(FRENCH)
    assert language._identifier.cache_info().misses == 1


def test_all_corpus_documents_are_english() -> None:
    files = sorted(CORPUS.glob("*/docs/*.txt"))
    assert files
    for f in files:
        lang, conf = detect_language(f.read_text(encoding="utf-8"))
        assert lang == "en", f.name
        assert conf > 0.9, f.name

"""Tests for coopnlp.io.language.detect_language."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopnlp.io import language
from coopnlp.io.language import detect_language

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
RAW = Path(__file__).resolve().parents[2] / "data" / "raw"

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


def test_a_clearly_english_opening_decides_a_long_text() -> None:
    # A long article that opens in plain English is English, whatever it quotes later;
    # a long French text is still French (its opening is not English: scored whole).
    article = (RAW / "000_7622f6010375c9fc.txt").read_text(encoding="utf-8")
    assert detect_language(article + FRENCH * 60)[0] == "en"
    assert detect_language(FRENCH * 30)[0] == "fr"
    assert len(FRENCH * 30) > language._QUICK_CHARS


def test_identifier_is_cached() -> None:
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


# One-sentence texts: mostly names, which mislead the n-gram model ("pcm", "sl").
SHORT_ENGLISH = (
    "Interior Minister Vladimir Kolokoltsev met his Azerbaijani counterpart in Baku.",
    "Minister Kolokoltsev met Minister Usubov in Baku on Monday.",
    "Colonel General Viktor Zolotov arrived in Minsk yesterday.",
)
SHORT_OTHER = (
    ("Der Innenminister traf seinen Amtskollegen in Baku.", "de"),
    ("Die Polizei in Berlin hat an der Grenze zu Polen einen Mann festgenommen.", "de"),
    ("De minister van Binnenlandse Zaken ontmoette zijn collega in Bakoe.", "nl"),
    ("Il ministro dell Interno ha incontrato il suo omologo a Baku.", "it"),
    ("Ministro del Interior se reunio con su homologo en Baku el lunes.", "es"),
    ("Minister spraw wewnętrznych spotkał się z kolegą w Baku.", "pl"),
)


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_one_english_sentence_is_english(text: str) -> None:
    lang, conf = detect_language(text)
    assert lang == "en" and 0 < conf <= 1


@pytest.mark.parametrize(("text", "code"), SHORT_OTHER)
def test_one_sentence_in_another_language_is_not_english(text: str, code: str) -> None:
    assert detect_language(text)[0] == code


def test_one_english_sentence_is_extracted(nlp) -> None:
    from coopnlp import extract_texts

    tables = extract_texts([SHORT_ENGLISH[0]], nlp=nlp)
    assert tables["documents"]["status"].tolist() == ["ok"]
    assert "Vladimir Kolokoltsev" in tables["officials"]["name"].tolist()

"""Tests for coopnlp.io.clean on snippets shaped like the real corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopnlp.io.clean import clean

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

MOSCOW_TIMES = "\n".join(
    [
        "NEW YORK — Russia has been asked to increase the level of staff it commits to UN "
        "peacekeeping missions, Interior Minister Vladimir Kolokoltsev said.",
        '"Our peacekeepers are in great demand," Kolokoltsev told journalists.',
        "During his visit to the UN, Kolokoltsev is meeting with law enforcement officials.",
        "Related articles:",
        "A Message from The Moscow Times:",
        "Dear readers,",
        "We are facing unprecedented challenges. Russia's Prosecutor General's Office has "
        'designated The Moscow Times as an "undesirable" organization.',
        "We, the journalists of The Moscow Times, refuse to be silenced.",
        "By supporting The Moscow Times, you're defending open, independent journalism in the "
        "face of repression. Thank you for standing with us.",
        "Remind me later.",
    ]
)


def test_date_header_glued_to_first_sentence() -> None:
    c = clean(" date 2019-12-13 In New York, the representative of the Ministry met a delegation.")
    assert c.date == dt.date(2019, 12, 13)
    assert c.text == "In New York, the representative of the Ministry met a delegation."


def test_date_header_and_source_line() -> None:
    raw = (
        " date 2019-10-29 Source: Russian Federation Ministry of Internal Affairs in English\n\n"
        "In Baku, a regular meeting of the working group was held.\n"
    )
    c = clean(raw)
    assert c.date == dt.date(2019, 10, 29)
    assert c.source == "Russian Federation Ministry of Internal Affairs in English"
    assert c.text == "In Baku, a regular meeting of the working group was held."


def test_font_size_widget_removed() -> None:
    c = clean(
        " date 2018-10-24 + ↺ − 16 px\n\nA delegation led by Vladimir Kolokoltsev visits Baku.\n"
    )
    assert c.date == dt.date(2018, 10, 24)
    assert c.text == "A delegation led by Vladimir Kolokoltsev visits Baku."
    assert "px" not in c.text


def test_moscow_times_appeal_and_related_articles_removed() -> None:
    c = clean(MOSCOW_TIMES)
    assert c.text.endswith("is meeting with law enforcement officials.")
    for gone in ("Related articles", "Moscow Times", "Dear readers", "Remind me later"):
        assert gone not in c.text
    assert c.dateline == "NEW YORK —"
    assert c.text.startswith("NEW YORK — Russia has been asked")


def test_unclosed_appeal_at_the_end_is_cut() -> None:
    body = "The minister met his counterpart in Moscow to discuss police training. " * 4
    c = clean(body + "\nA Message from The Moscow Times:\nDear readers,\nPlease help us.\n")
    assert c.text == body.strip()


def test_appeal_block_in_middle_is_removed_but_text_after_kept() -> None:
    raw = (
        "The ministers met in Baku.\n"
        "Dear readers,\nWe need your support.\nRemind me later.\n"
        "They signed a protocol on cooperation.\n"
    )
    assert clean(raw).text == "The ministers met in Baku.\nThey signed a protocol on cooperation."


def test_cut_marker_near_the_top_only_drops_its_line() -> None:
    raw = "Related articles:\nThe ministers met in Baku and signed a protocol.\n"
    assert clean(raw).text == "The ministers met in Baku and signed a protocol."


def test_check_also_teaser_at_the_end_is_cut() -> None:
    body = (
        "Interior Minister Ivica Dacic announced a declaration on joint fight against terrorism. "
        * 3
    )
    raw = (
        body
        + "\n\nCheck Also\n\nIn Serbia's Electoral Simulation, the Leader Outstrips the Party\n"
    )
    assert clean(raw).text == body.strip()


@pytest.mark.parametrize(
    ("raw", "dateline"),
    [
        (
            "BAKU, Azerbaijan, May 26\n\nBy Klavdiya Romakayeva - Trend:\n\nMinistries met.",
            "BAKU, Azerbaijan, May 26",
        ),
        (
            "MOSCOW, September 27. /TASS/. The Russian and Iranian ministries will cooperate.",
            "MOSCOW, September 27. /TASS/.",
        ),
        (
            "DUSHANE, February 25, 2016, Asia-Plus – Tajik Interior Minister met his counterpart.",
            "DUSHANE, February 25, 2016, Asia-Plus –",
        ),
        (
            "BEIJING, Sept. 13 (Xinhua) -- The ministers of public security met.",
            "BEIJING, Sept. 13 (Xinhua) --",
        ),
        (
            "ALMATY. KAZINFORM The fourth sitting of the joint collegium started.",
            "ALMATY. KAZINFORM",
        ),
        (
            "Jakarta (ANTARA News) - Indonesian Police Chief met his counterpart.",
            "Jakarta (ANTARA News) -",
        ),
        ("Islamabad: Federal Interior Minister Mohsin Naqvi visited Beijing.", "Islamabad:"),
        (
            "Headline of the story\n\nISTANBUL\n\nTurkey and Kyrgyzstan will sign an agreement.",
            "ISTANBUL",
        ),
    ],
)
def test_dateline_kept_in_text_and_reported(raw: str, dateline: str) -> None:
    c = clean(raw)
    assert c.dateline == dateline
    assert c.dateline_span is not None
    start, end = c.dateline_span
    assert c.text[start:end] == dateline


@pytest.mark.parametrize(
    "raw",
    [
        "State Secretary - Deputy Minister of Internal Affairs Igor Zubov held talks.",
        "Today, State Secretary - Deputy Minister Igor Zubov held talks in Moscow.",
        "Uzbekistan - Belarus: issues of development of interdepartmental cooperation",
        "Cambodia: Cambodian Interior and Chinese Public Security Ministries Meet in Beijing",
        "The minister met his counterpart.",
    ],
)
def test_no_false_datelines(raw: str) -> None:
    c = clean(raw)
    assert c.dateline is None
    assert c.text == raw


def test_byline_timestamps_and_bylines_removed() -> None:
    raw = (
        "India, US sign narcotics control agreement\n\n"
        "By ANI Published: Sat 23 Jul 2022, 10:04 AM Last updated: Sat 23 Jul 2022, 10:21 AM\n\n"
        "21 Jul. 17:25 (UTC+3 MSK)\n"
        "Xinhua) 08:53, September 14, 2023\n"
        "India and the United States have signed an Amended Letter of Agreement.\n"
    )
    c = clean(raw)
    assert c.text == (
        "India, US sign narcotics control agreement\n\n"
        "India and the United States have signed an Amended Letter of Agreement."
    )


def test_site_furniture_lines_removed() -> None:
    raw = "\n".join(
        [
            "Latest news",
            "Share",
            "Photo courtesy of the Internal Affairs Ministry",
            "Region:Armenia, Russia",
            "The Philippine National Police signed a memorandum with the Australian police.",
            "ADVERTISEMENT",
            "Related news: Indonesia, New Zealand affirm importance of equal access to vaccines",
            "The agreement was signed in Canberra.",
            "Subscribe to our daily newsletter",
            "TAGS: Asia-Pacific, Australia, Philippines",
            "© Copyright 1997-2024 INQUIRER.net | All Rights Reserved",
            "We use cookies to ensure you get the best experience on our website.",
        ]
    )
    c = clean(raw)
    assert c.text == (
        "The Philippine National Police signed a memorandum with the Australian police.\n"
        "The agreement was signed in Canberra."
    )


def test_teaser_glued_to_section_and_time_removed() -> None:
    raw = (
        " date 2017-09-27 Roscongress and UNIDO agree on cooperation in 2018Press Releases "
        "September 27, 10:33\nMOSCOW, September 27. /TASS/. The ministries will share experience."
    )
    c = clean(raw)
    assert "UNIDO" not in c.text
    assert c.text.startswith("MOSCOW, September 27. /TASS/.")


def test_repeated_title_kept_once() -> None:
    title = "Turkish Interior Minister Soylu meets Iranian counterpart"
    raw = f"{title}\n\n{title}\n\nANKARA - Anadolu Agency\n{title}\n\nSoylu met Fazli in Ankara."
    c = clean(raw)
    assert c.text.count(title) == 1
    assert c.dateline == "ANKARA - Anadolu Agency"


def test_whitespace_normalised_but_words_untouched() -> None:
    raw = "    First paragraph   with  spaces.   \r\n\r\n\r\n\r\n    Second\u00a0paragraph.\t\n"
    c = clean(raw)
    assert c.text == "First paragraph   with  spaces.\n\nSecond paragraph."


def test_hard_wrapped_sentence_never_dropped() -> None:
    # "Share" alone would be furniture, but here it continues a wrapped sentence.
    raw = "The two ministries agreed to\nshare\ninformation on wanted persons."
    assert clean(raw).text == raw


def test_plain_article_unchanged() -> None:
    raw = "Kolokoltsev and Ghazaryan signed the decisions of the Joint Board.\n\nEarlier reports."
    c = clean(raw)
    assert c.text == raw
    assert (c.date, c.source, c.dateline) == (None, None, None)


def test_corpus_cleaning_keeps_article_sentences() -> None:
    files = sorted(CORPUS.glob("*/docs/*.txt"))
    assert files
    for f in files:
        raw = f.read_text(encoding="utf-8")
        c = clean(raw)
        assert c.text, f.name
        # No furniture survives anywhere in the corpus.
        for junk in ("↺", "Remind me later", "Related articles", "Detail>>>", "We use cookies"):
            assert junk not in c.text, f.name
        # Every long sentence-like line of the original survives verbatim,
        # up to the point where a tail of related links / appeals begins.
        for line in raw.splitlines():
            line = line.strip()
            if line in ("Related articles:", "Check Also"):
                break
            if len(line) > 200 and line.endswith(".") and not line.startswith("date "):
                assert line in c.text, (f.name, line[:80])


def test_page_title_with_site_suffix_dropped_when_headline_present() -> None:
    raw = (
        "PH, Australian cops forge anti-terrorism agreement | Global News\n\n"
        "PH, Australian cops forge anti-terrorism agreement\n\n"
        "The Philippine National Police signed a memorandum of agreement."
    )
    c = clean(raw)
    assert "Global News" not in c.text
    assert c.text.startswith("PH, Australian cops forge anti-terrorism agreement\n\nThe")


def test_a_page_date_line_dates_the_article_unless_the_dateline_disagrees() -> None:
    body = "The police chiefs of Peru and Chile met to discuss border crime and smuggling."
    dated = clean(f"Border talks\n\nPosted on : 07-Feb-2029\n\n{body}")
    assert dated.date == dt.date(2029, 2, 7)
    banner = clean(f"Monday, March 03, 2031\nSite\n\nLIMA, Aug 12 (Agency) {body}")
    assert banner.date is None
    # The banner first, then the article's own date line: that one.
    both = clean(
        f"Monday, March 03, 2031\nSite\n11 August 2030, 18:05\n\nLIMA, 11 August -- {body}"
    )
    assert both.date == dt.date(2030, 8, 11)
    # The input's own date header wins over any date line.
    headed = clean(f" date 2028-05-05 Border talks\n\n24 March 2029\n\n{body}")
    assert headed.date == dt.date(2028, 5, 5)

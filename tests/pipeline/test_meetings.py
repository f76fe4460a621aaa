"""Meetings on invented sentences: kind, status, date (weekdays against the article's
date), place and its ISO3, one row per occasion, and what is not a meeting."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import coopnlp
from coopnlp.knowledge.places import Places
from coopnlp.pipeline.meetings import MeetingFinder, date_cue
from coopnlp.records.meetings import resolve_date


def meetings(nlp, text: str) -> pd.DataFrame:
    return coopnlp.extract_texts([text], nlp=nlp)["meetings"]


def only(nlp, text: str) -> dict:
    found = meetings(nlp, text)
    assert len(found) == 1, found.to_dict("records")
    return found.iloc[0].to_dict()


# ------------------------------------------------------------------ no pipeline needed


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("met on 8 April 2010 in Belgrade", {"year": 2010, "month": 4, "day": 8}),
        ("held talks on July 25 afternoon", {"year": None, "month": 7, "day": 25}),
        ("on Sept. 13, 2019", {"year": 2019, "month": 9, "day": 13}),
        ("(Istanbul, November 23-25, 2021)", {"year": 2021, "month": 11, "day": 23}),
        ("will be held in October 2021", {"year": 2021, "month": 10, "day": None}),
        ("will be held in October in Minsk", {"year": None, "month": 10, "day": None}),
        ("met Friday with", {"weekday": 4}),
        # A weekday with its date beside it is that date.
        ("talks held on Tuesday (March 4, 2031) in Lima", {"year": 2031, "month": 3, "day": 4}),
        ("arrived on Monday, 9 June and met", {"year": None, "month": 6, "day": 9}),
        ("met on Monday; the accord of 9 June 2030 was", {"weekday": 0}),
        ("spoke yesterday", {"offset": -1}),
        ("Nothing dated here, may it please the court", None),
    ],
)
def test_date_cues(text: str, cue: dict | None) -> None:
    assert date_cue(text, MeetingFinder().meeting_words) == cue


def test_dates_resolve_against_the_article() -> None:
    saturday = dt.date(2024, 5, 25)
    assert resolve_date({"weekday": 4}, saturday) == (dt.date(2024, 5, 24), "day")
    assert resolve_date({"weekday": 5}, saturday) == (saturday, "day")  # "on Saturday"
    assert resolve_date({"offset": -1}, saturday) == (dt.date(2024, 5, 24), "day")
    # A day and month after the article's date are last year's for a held meeting...
    december = {"year": None, "month": 12, "day": 30}
    assert resolve_date(december, dt.date(2021, 1, 4)) == (dt.date(2020, 12, 30), "day")
    # ...and a month before it next year's for a planned one.
    march = {"year": None, "month": 3, "day": None}
    assert resolve_date(march, dt.date(2021, 6, 1), "planned") == (dt.date(2022, 3, 1), "month")
    # Nothing to resolve against: null, never guessed.
    assert resolve_date({"weekday": 0}, None) == (None, None)
    assert resolve_date(None, None) == (None, None)
    # No cue: a held meeting took place on the day of its news; a planned one is unknown.
    assert resolve_date(None, saturday) == (saturday, "day")
    assert resolve_date(None, saturday, "planned") == (None, None)


@pytest.mark.slow
def test_an_undated_article_gives_a_month_its_year_from_a_date_it_writes(nlp) -> None:
    # No date of its own: "12-14 July" takes the year of the first full date written in it.
    found = meetings(
        nlp,
        "Chilean Police Chief Pablo Rojas signed the arrangement with Peruvian Interior "
        "Minister Jorge Salas on 20 September 2030. Peruvian Police Chief Luis Vargas was "
        "on an official visit to Santiago on 12-14 July, where he held talks with Rojas.",
    )
    months = {tuple(sorted(row["participants"])): row["date"] for row in found.to_dict("records")}
    assert months[("Luis Vargas", "Pablo Rojas")] == pd.Timestamp("2030-07-12")


def test_city_gazetteer() -> None:
    assert Places.shipped().city_country("Baku") == "AZE"
    assert Places.shipped().city_country("New Delhi") == "IND"
    assert Places.shipped().city_country("Nur-Sultan") == "KAZ"  # renamed capitals from places.csv
    assert Places.shipped().city_country("Interior") is None
    # A big capital keeps its name against a larger city it is an old name of.
    assert Places.shipped().city_country("Islamabad") == "PAK"


# ------------------------------------------------------------------ on the pipeline


@pytest.mark.slow
def test_visit_talks_with_weekday_place_and_sides(nlp) -> None:
    m = only(
        nlp,
        " date 2024-05-25 Russian Interior Minister Ivan Petrovsky met Friday in Yerevan "
        "with his Armenian counterpart Aram Sargsyan. The ministers discussed cooperation "
        "against drug trafficking.",
    )
    assert (m["kind"], m["status"]) == ("meeting", "held")
    assert m["date"] == pd.Timestamp("2024-05-24")  # the Friday before Saturday's article
    assert (m["place"], m["place_country"]) == ("Yerevan", "ARM")
    assert m["participants"] == ["Ivan Petrovsky", "Aram Sargsyan"]
    assert sorted(m["countries"]) == ["ARM", "RUS"]
    assert "met Friday in Yerevan" in m["evidence"]


@pytest.mark.slow
def test_phone_call_yesterday(nlp) -> None:
    m = only(
        nlp,
        " date 2023-03-10 Kazakh Interior Minister Marat Bekov held a phone conversation "
        "with Uzbek Interior Minister Rustam Aliev yesterday. They discussed border security.",
    )
    assert (m["kind"], m["status"]) == ("call", "held")
    assert m["date"] == pd.Timestamp("2023-03-09")
    assert sorted(m["countries"]) == ["KAZ", "UZB"]
    assert pd.isna(m["place_country"])


@pytest.mark.slow
def test_a_video_call_has_no_place(nlp) -> None:
    # Each side stays at home: neither the dateline's city nor a capital named is its place.
    m = only(
        nlp,
        " date 2029-07-02 LIMA, July 2. Peruvian Interior Minister Jorge Salas held a video "
        "conference with Chilean Interior Minister Pablo Rojas in Santiago and Lima.",
    )
    assert m["kind"] == "call"
    assert pd.isna(m["place"]) and pd.isna(m["place_country"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "host"),
    [
        # The side that holds talks with a visiting delegation hosts them.
        (
            " date 2030-03-02 The Interior Ministry of Peru held talks on Monday with a "
            "delegation of the Chilean police led by Chilean Police Chief Pablo Rojas. "
            "Peruvian Interior Minister Jorge Salas attended the talks.",
            "PER",
        ),
        # An ambassador meets the state he is posted to.
        (
            " date 2030-03-02 Peruvian Police Chief Jorge Salas met Chilean Ambassador "
            "Pablo Rojas on Monday to discuss border crime.",
            "PER",
        ),
    ],
)
def test_the_host_gives_the_place_country(nlp, text: str, host: str) -> None:
    m = only(nlp, text)
    assert m["place_country"] == host


@pytest.mark.slow
def test_a_venue_that_is_a_body_is_in_its_state(nlp) -> None:
    m = only(
        nlp,
        " date 2030-02-11 The talks between Peruvian Interior Minister Jorge Salas and "
        "Chilean Interior Minister Pablo Rojas were held at the Ministry of the Interior of "
        "Chile on Monday.",
    )
    assert m["place_country"] == "CHL"
    assert "Ministry" in m["place"]


@pytest.mark.slow
def test_next_council_meeting_is_a_planned_conference_in_a_month(nlp) -> None:
    m = only(
        nlp,
        " date 2022-06-01 The next meeting of the Council of Ministers of Internal Affairs "
        "of CIS member states will be held in Minsk in October. Russian Interior Minister "
        "Ivan Petrovsky will take part in it.",
    )
    assert (m["kind"], m["status"]) == ("conference", "planned")
    assert (m["date"], m["date_precision"]) == (pd.Timestamp("2022-10-01"), "month")
    assert (m["place"], m["place_country"]) == ("Minsk", "BLR")
    assert m["participants"] == ["Ivan Petrovsky"]


@pytest.mark.slow
def test_two_counterparts_on_one_trip_are_two_meetings(nlp) -> None:
    found = meetings(
        nlp,
        " date 2019-04-12 Serbian Interior Minister Milos Jankovic received the Ambassador "
        "of Hungary to Serbia Gabor Farkas on April 10. They discussed migration. Later, "
        "Jankovic held talks with the Slovak Interior Minister Peter Novak.",
    )
    assert [list(p) for p in found["participants"]] == [
        ["Milos Jankovic", "Gabor Farkas"],
        ["Milos Jankovic", "Peter Novak"],
    ]
    assert found["date"].iloc[0] == pd.Timestamp("2019-04-10")
    # The envoy is received where he is posted; the later talks are on the same trip.
    assert list(found["place_country"]) == ["SRB", "SRB"]


@pytest.mark.slow
def test_signing_with_a_dateline_and_the_agreement(nlp) -> None:
    m = only(
        nlp,
        " date 2018-11-20 BAKU, Azerbaijan, November 20. Azerbaijani Interior Minister Ramiz "
        "Kerimov and his Georgian counterpart Levan Beridze signed an agreement on "
        "cooperation in combating crime.",
    )
    assert (m["kind"], m["status"], m["place_country"]) == ("meeting", "held", "AZE")
    assert m["date"] == pd.Timestamp("2018-11-20")
    assert sorted(m["countries"]) == ["AZE", "GEO"]
    assert len(m["agreements"]) == 1 and "cooperation" in m["agreements"][0].lower()


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # One state's own board meeting.
        " date 2021-02-15 The Russian Ministry of Internal Affairs held a meeting of its "
        "board. Minister Ivan Petrovsky chaired the meeting and spoke about crime statistics.",
        # Habitual, not one occasion.
        " date 2020-09-09 Regular meetings are held between the police of Russia and "
        "Belarus. Such meetings help the exchange of information.",
        # "The upcoming meeting" with nothing specific about it.
        " date 2020-09-09 Russian Interior Minister Ivan Petrovsky praised the police of "
        "Belarus and confirmed the issues proposed for the upcoming meeting.",
    ],
)
def test_not_meetings(nlp, text: str) -> None:
    assert meetings(nlp, text).empty


@pytest.mark.slow
def test_officials_of_two_states_without_an_event_word_fall_back_to_one_meeting(nlp) -> None:
    m = only(
        nlp,
        " date 2022-04-04 Russian Interior Minister Ivan Petrovsky and Armenian Interior "
        "Minister Aram Sargsyan reviewed cooperation against drug trafficking.",
    )
    assert (m["kind"], m["status"], m["source"]) == (
        "meeting",
        "held",
        "rule:meeting:officials_of_two_states",
    )
    assert m["participants"] == ["Ivan Petrovsky", "Aram Sargsyan"]
    assert sorted(m["countries"]) == ["ARM", "RUS"]
    assert m["score"] < 0.5


@pytest.mark.slow
def test_an_earlier_occasion_named_by_its_month_is_its_own_meeting(nlp) -> None:
    # Talks "today" and the rounds of negotiation the article recalls by their months.
    found = meetings(
        nlp,
        " date 2031-06-12 Peruvian Interior Minister Jorge Salas and Chilean Interior "
        "Minister Pablo Rojas today signed an extradition treaty. Delegations of Peru and "
        "Chile negotiated the treaty during March, 2030. The texts were initialed at "
        "talks of the two sides held on 14 January 2031 in Santiago.",
    )
    assert len(found) == 3, found.to_dict("records")
    assert list(found["participants"].iloc[0]) == ["Jorge Salas", "Pablo Rojas"]
    assert list(found["date"]) == [
        pd.Timestamp("2031-06-12"),
        pd.Timestamp("2030-03-01"),
        pd.Timestamp("2031-01-14"),
    ]
    assert all(sorted(c) == ["CHL", "PER"] for c in found["countries"])


@pytest.mark.slow
def test_a_courtesy_call_is_a_meeting_with_a_new_counterpart(nlp) -> None:
    found = meetings(
        nlp,
        " date 2030-05-06 Peruvian Police Chief Jorge Salas held talks with Chilean Police "
        "Chief Pablo Rojas in Lima on Monday. The Chilean delegation was led by Rojas. "
        "The leader of the Chilean delegation also paid a courtesy call on Peruvian "
        "Interior Minister Carlos Vega.",
    )
    assert list(found["kind"]) == ["meeting", "meeting"]
    assert [list(p) for p in found["participants"]] == [
        ["Jorge Salas", "Pablo Rojas"],
        ["Pablo Rojas", "Carlos Vega"],  # the delegation's head, then his host
    ]


@pytest.mark.slow
def test_the_visit_of_an_international_bodys_chief_is_not_a_conference(nlp) -> None:
    found = meetings(
        nlp,
        " date 2030-05-06 The visit of Interpol's Secretary General Anna Berg to Lima was "
        "an occasion to meet Peruvian Interior Minister Jorge Salas.",
    )
    assert "conference" not in set(found["kind"])


@pytest.mark.slow
def test_a_side_with_nobody_named_at_the_event_takes_its_official_named_after_it(nlp) -> None:
    m = only(
        nlp,
        " date 2030-09-04 The Peru-Chile Security Dialogue was held in Lima on Tuesday. "
        "The two sides were represented by Jorge Salas, Peruvian Interior Minister, and "
        "Pablo Rojas, Chilean Interior Minister. Rojas praised the cooperation.",
    )
    assert sorted(m["countries"]) == ["CHL", "PER"]
    assert sorted(m["participants"]) == ["Jorge Salas", "Pablo Rojas"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "states"),
    [
        # People of three states named at the event.
        (
            "Peruvian Interior Minister Jorge Salas met on Tuesday with Chilean Interior "
            "Minister Pablo Rojas and Bolivian Government Minister Luis Mamani to discuss "
            "border crime.",
            ["BOL", "CHL", "PER"],
        ),
        # Only one listed side has a named official; the list gives the others.
        (
            "Peruvian Interior Minister Jorge Salas met on Tuesday in Lima with colleagues "
            "from Chile, Bolivia and Ecuador.",
            ["BOL", "CHL", "ECU", "PER"],
        ),
    ],
)
def test_a_meeting_of_three_or_more_states_is_a_conference(
    nlp, text: str, states: list[str]
) -> None:
    m = only(nlp, f" date 2030-04-03 {text}")
    assert m["kind"] == "conference"
    assert sorted(m["countries"]) == states


@pytest.mark.slow
def test_a_city_named_after_its_state_is_the_place(nlp) -> None:
    m = only(
        nlp,
        " date 2030-04-03 Peruvian Interior Minister Jorge Salas met Panamanian Security "
        "Minister Carlos Ruiz on Tuesday. The two ministers spoke at their meeting in "
        "Panama City about drug trafficking.",
    )
    assert (m["place"], m["place_country"]) == ("Panama City", "PAN")


@pytest.mark.slow
@pytest.mark.parametrize(
    "opening",
    [
        "Lima: ",  # a dateline with a colon
        "(Andean News Service) LIMA, Apr 3 (ANS) -- ",  # after a news agency's tag
    ],
)
def test_the_datelines_city_is_the_place_of_talks_held_here(nlp, opening: str) -> None:
    m = only(
        nlp,
        f" date 2030-04-03 {opening}Peruvian Interior Minister Jorge Salas held talks on "
        "Wednesday with Chilean Interior Minister Pablo Rojas.",
    )
    assert m["place_country"] == "PER"


@pytest.mark.slow
def test_the_heads_of_delegations_join_a_meeting_that_named_nobody(nlp) -> None:
    # The meeting first named without people is the one the heads then lead, not another.
    m = only(
        nlp,
        " date 2030-06-05 The agreement came after a two-day meeting between the anti-drug "
        "officials of the two countries held in Lima. Director General Jorge Salas of the "
        "Peruvian National Police headed the Peruvian delegation at the talks, while the "
        "Chilean delegation was led by Chilean Police Chief Pablo Rojas.",
    )
    assert (m["place"], m["place_country"]) == ("Lima", "PER")
    assert sorted(m["participants"]) == ["Jorge Salas", "Pablo Rojas"]


@pytest.mark.slow
def test_the_city_a_sentence_is_filed_in_is_not_the_place_of_its_visit(nlp) -> None:
    m = only(
        nlp,
        " date 2030-06-05 Santiago: Chilean Police Chief Pablo Rojas on Wednesday visited "
        "the headquarters of Peru's National Police, where he was received by Peruvian "
        "Police Chief Luis Vargas.",
    )
    assert m["place"] != "Santiago"
    assert m["place_country"] == "PER"


# ------------------------------------------------------------------ who took part


@pytest.mark.slow
def test_the_head_of_an_international_body_named_after_the_event_takes_part(nlp) -> None:
    # The counterpart is a UN office; its head's name follows in the next sentence.
    m = only(
        nlp,
        " date 2031-02-05 Ecuadorian Interior Minister Pablo Andrade held a video meeting "
        "with the Executive Director of the United Nations Office on Drugs and Crime (UNODC) "
        "on Monday. UNODC Executive Director Maria Lindqvist praised the partnership.",
    )
    assert m["kind"] == "call"
    assert list(m["participants"]) == ["Pablo Andrade", "Maria Lindqvist"]
    # A body is no state: the meeting's states are those of the state side only.
    assert list(m["countries"]) == ["ECU"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "joining",
    [
        "The meeting was also attended by Chilean Police Director Jorge Pinto.",
        "Chilean Police Director Jorge Pinto was also present.",
        "The Chilean delegation included Police Director Jorge Pinto.",
        "Rojas was accompanied by Chilean Police Director Jorge Pinto.",
    ],
)
def test_people_joining_the_occasion_before_are_its_participants(nlp, joining: str) -> None:
    m = only(
        nlp,
        " date 2030-05-03 Chilean Interior Minister Pablo Rojas met Peruvian Interior "
        f"Minister Jorge Salas in Lima on Thursday. {joining}",
    )
    assert sorted(m["participants"]) == ["Jorge Pinto", "Jorge Salas", "Pablo Rojas"]
    assert sorted(m["countries"]) == ["CHL", "PER"]


@pytest.mark.slow
def test_taking_part_in_a_conference_is_being_at_it(nlp) -> None:
    m = only(
        nlp,
        " date 2030-05-03 Colombian Defence Minister Pablo Ruiz took part in the regional "
        "security conference in Panama City on Thursday.",
    )
    assert (m["kind"], m["place_country"]) == ("conference", "PAN")
    assert list(m["participants"]) == ["Pablo Ruiz"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "column", "value"),
    [
        # Two sides as the subject of "discussed": they met.
        (
            "Peruvian Interior Minister Jorge Salas and Chilean Police Chief Pablo Rojas "
            "discussed border security on Thursday.",
            "kind",
            "meeting",
        ),
        # A visit to a body is in the body's state.
        (
            "A delegation of the Chilean police headed by Chilean Police Chief Pablo Rojas "
            "made a working visit to the Ministry of the Interior of Peru.",
            "place_country",
            "PER",
        ),
    ],
)
def test_meetings_of_two_sides(nlp, text: str, column: str, value: str) -> None:
    m = only(nlp, f" date 2030-05-03 {text}")
    assert m[column] == value
    assert sorted(m["countries"]) == ["CHL", "PER"]

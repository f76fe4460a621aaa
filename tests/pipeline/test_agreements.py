"""Agreements: which instruments, their kind, title and status, on real phrasings."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from spacy.language import Language

from coopnlp.records.models import AgreementKind
from coopnlp.resources import jsonl, resource_path
from scripts.patterns import agreement


def agreements(nlp: Language, text: str) -> list[dict[str, Any]]:
    return nlp(text)._.coop["agreements"]


def summary(nlp: Language, text: str) -> list[tuple[str, str | None, str]]:
    return [(a["kind"], a["title"], a["status"]) for a in agreements(nlp, text)]


def test_protocol_agreed_upon_and_signed(nlp: Language) -> None:
    text = "As a result of the meeting, a protocol was agreed upon and signed."
    assert summary(nlp, text) == [("protocol", None, "signed")]


def test_draft_program_with_its_name(nlp: Language) -> None:
    text = (
        "At the end of the meeting, Igor Zubov proposed to complete in the near future the "
        "coordination of the draft of the new interdepartmental Joint Action Program for "
        "2022-2024, which is under consideration by the Ministry of Public Security of Vietnam."
    )
    assert summary(nlp, text) == [("program", "Joint Action Program for 2022-2024", "draft")]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The parties intend to sign a memorandum on police training.", "proposed"),
        ("The memorandum will be signed during the president's visit.", "proposed"),
        ("The ministers are to sign a memorandum on police training.", "proposed"),
        ("Both sides agreed in principle to sign a memorandum on drug control.", "agreed"),
        ("The two sides agreed that the memorandum would be signed next year.", "proposed"),
        ("The ministers signed a memorandum to continue implementing the laws.", "signed"),
        ("The parties discussed the implementation of the memorandum.", "existing"),
        ("They considered a draft memorandum and agreed to finalize it.", "draft"),
    ],
)
def test_status_from_the_wording_that_governs_the_mention(
    nlp: Language, text: str, status: str
) -> None:
    assert [a["status"] for a in agreements(nlp, text)] == [status]


def test_future_wording_reaches_a_coordinated_verb(nlp: Language) -> None:
    text = (
        "Following the meeting the parties are expected to sign joint decisions and approve "
        "the action plan for the next sitting of the joint collegium."
    )
    assert summary(nlp, text) == [
        ("other", None, "proposed"),
        ("plan", "action plan for the next sitting of the joint collegium", "proposed"),
    ]


def test_generic_framework_is_no_agreement(nlp: Language) -> None:
    text = (
        "The meeting urged to intensify cooperation in the framework of the existing "
        "international legal framework and adopted interdepartmental documents."
    )
    assert agreements(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "He said the agreement was reached at a meeting between the two police chiefs.",
        "A key outcome was the mutual agreement on consolidating collaboration.",
    ],
)
def test_understandings_are_no_agreements(nlp: Language, text: str) -> None:
    assert agreements(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "this agreement", "the document" refer back to the memorandum
        (
            "Abu Dhabi Police and Egypt's Ministry of Interior have signed a Memorandum of "
            "Understanding (MoU) on police training. This agreement is a major step. "
            "The document was signed at the headquarters.",
            ("memorandum", "signed", 3),
        ),
        # a bare word in a headline points forward
        (
            "PH, Australian cops forge anti-terrorism agreement\n\n"
            "The Philippine National Police has signed a memorandum of agreement with the "
            "Australian Federal Police.",
            ("memorandum", "signed", 2),
        ),
        # a titled generic "pact" on the topic of a memorandum is that memorandum
        (
            "India and Afghanistan will soon sign a pact for technical cooperation in police "
            "training and development. The Cabinet gave its approval for signing of a "
            "bilateral MoU between India and Afghanistan for technical cooperation in police "
            "training.",
            ("memorandum", "agreed", 2),
        ),
    ],
)
def test_mentions_of_one_instrument_merge(
    nlp: Language, text: str, expected: tuple[str, str, int]
) -> None:
    found = agreements(nlp, text)
    assert [(a["kind"], a["status"], a["mentions"]) for a in found] == [expected]


def test_titles_end_on_a_noun(nlp: Language) -> None:
    doc = nlp(
        "Iran and Tajikistan have signed a memorandum of understanding (MoU) to enhance ties."
    )
    mentions = [s.text for s in doc.spans["coop"] if s.label_ == "AGREEMENT"]
    assert mentions == ["memorandum of understanding (MoU)"]
    assert doc._.coop["agreements"][0]["title"] is None


def test_plans_of_different_years_are_different(nlp: Language) -> None:
    text = (
        "The two ministries reviewed the results of their 2022 cooperation plan. "
        "The ministers then signed the cooperation plan for 2023."
    )
    assert summary(nlp, text) == [
        ("plan", "2022 cooperation plan", "existing"),
        ("plan", "cooperation plan for 2023", "signed"),
    ]


def test_a_list_after_a_plural_is_one_instrument_per_item(nlp: Language) -> None:
    text = (
        "The sides signed agreements on cooperation in crime prevention, the transfer of "
        "convicted persons, extradition, and cooperation in building the cavalry force."
    )
    assert [a["title"] for a in agreements(nlp, text)] == [
        "agreement on cooperation in crime prevention",
        "agreement on the transfer of convicted persons",
        "agreement on extradition",
        "agreement on cooperation in building the cavalry force",
    ]


def test_shipped_patterns_match_the_builder() -> None:
    shipped = list(jsonl(agreement.OUTPUT))
    assert shipped == agreement.build(resource_path("."))
    assert {p["id"] for p in shipped} <= set(get_args(AgreementKind))


def test_capitalised_names_are_titles(nlp: Language) -> None:
    text = (
        "As a party to the Lakeside Convention, the republic backs the UN Global "
        "Counter-Terrorism Strategy and asked to extend the UNODC Programme for West Africa."
    )
    assert summary(nlp, text) == [
        ("convention", "Lakeside Convention", "existing"),
        ("other", "UN Global Counter-Terrorism Strategy", "existing"),
        ("program", "UNODC Programme for West Africa", "existing"),
    ]


def test_a_named_instrument_inside_another_is_its_own(nlp: Language) -> None:
    text = "They pledged to carry out the protocols of the Regional Police Convention for Asia."
    assert [(a["kind"], a["title"]) for a in agreements(nlp, text)] == [
        ("protocol", "protocols of the Regional Police Convention for Asia"),
        ("convention", "Regional Police Convention for Asia"),
    ]


def test_headline_words_before_the_head_are_no_name(nlp: Language) -> None:
    text = "Ministers Sign Police Cooperation Agreement\nThe ministers signed the agreement today."
    assert summary(nlp, text) == [("agreement", None, "signed")]


def test_an_instrument_word_in_a_body_name_is_no_instrument(nlp: Language) -> None:
    text = "Delegates of the Collective Security Treaty Organization met the minister."
    assert agreements(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The memorandum helps implement the extradition treaty signed in 2004.", "existing"),
        ("The treaty on border patrols, signed in October 2011, lets officers cross.", "existing"),
        ("Officers were sent to the islands under a new agreement.", "existing"),
        ("The ministers signed a treaty on Monday.", "signed"),
        ("Under the treaty signed on Monday, officers will train together.", "signed"),
    ],
)
def test_status_of_instruments_referred_to(nlp: Language, text: str, status: str) -> None:
    assert [a["status"] for a in agreements(nlp, text)][-1] == status


def test_an_abbreviated_title_is_the_same_instrument(nlp: Language) -> None:
    text = (
        "The chiefs signed a Memorandum of Understanding on Border Policing today. "
        "The MoU between the police of both states on Border Policing takes effect in June."
    )
    assert [a["title"] for a in agreements(nlp, text)] == [
        "Memorandum of Understanding on Border Policing"
    ]


def test_a_counted_plural_is_that_many_instruments(nlp: Language) -> None:
    text = "Next week the minister will sign three agreements with the government of Peru."
    assert summary(nlp, text) == [("agreement", None, "proposed")] * 3


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a condition stated next to the instrument
        (
            "The readmission treaty between Laos and Peru, in force since 2003, was discussed.",
            "existing",
        ),
        (
            "The ministers hailed the entry into force of the agreement on visa liberalisation.",
            "existing",
        ),
        # a modifier of a modifier
        ("The officers exchanged views on the draft police cooperation plan for 2026.", "draft"),
        # no wording of any stage: an instrument the article refers to
        ("The Lisbon Convention on Drug Control guides the work of both services.", "existing"),
    ],
)
def test_status_from_the_condition_of_the_instrument(nlp: Language, text: str, status: str) -> None:
    assert [a["status"] for a in agreements(nlp, text)] == [status]


def test_an_instrument_another_belongs_to_exists(nlp: Language) -> None:
    text = "A protocol amending the readmission treaty was signed in Lima on Friday."
    assert summary(nlp, text) == [("protocol", None, "signed"), ("treaty", None, "existing")]


def test_coordinated_instruments_of_one_kind_are_two(nlp: Language) -> None:
    text = "Chile and Norway signed an extradition treaty and a mutual legal assistance treaty."
    assert summary(nlp, text) == [("treaty", None, "signed")] * 2


def test_a_counted_plural_tagged_singular_is_that_many(nlp: Language) -> None:
    text = "The police chiefs signed two memoranda of understanding on Thursday."
    assert summary(nlp, text) == [("memorandum", None, "signed")] * 2


def test_a_cue_that_governs_another_instrument_is_not_this_ones(nlp: Language) -> None:
    text = (
        "The two ministries signed a memorandum on border policing on Friday. "
        "The memorandum will help the sides implement the extradition treaty of 1999."
    )
    assert [(a["kind"], a["status"]) for a in agreements(nlp, text)] == [
        ("memorandum", "signed"),
        ("treaty", "existing"),
    ]


def test_an_untitled_agreement_retells_the_headline_instrument(nlp: Language) -> None:
    text = (
        "Border Agencies Of Chad And Niger Sign MoU On Patrols\n\n"
        "The border agencies of Chad and Niger have signed an agreement to patrol the desert."
    )
    assert summary(nlp, text) == [("memorandum", "MoU On Patrols", "signed")]


def test_a_cooperation_arrangement_is_an_agreement(nlp: Language) -> None:
    text = (
        "The prosecutors signed the Joint Investigation Arrangement and a cooperation arrangement."
    )
    assert [(a["kind"], a["status"]) for a in agreements(nlp, text)] == [
        ("agreement", "signed")
    ] * 2


def test_a_mutual_legal_assistance_agreement_is_an_instrument(nlp: Language) -> None:
    text = "Peru and Bolivia have a mutual legal assistance agreement and a readmission agreement."
    assert summary(nlp, text) == [("agreement", None, "existing")] * 2


def test_a_counted_plural_without_a_tail(nlp: Language) -> None:
    text = (
        "On Monday the interior ministers signed four agreements: one on drugs and three on ports."
    )
    assert summary(nlp, text) == [("agreement", None, "signed")] * 4


def test_a_second_instrument_joined_to_the_first_ones_tail_is_not_inside_it(nlp: Language) -> None:
    text = (
        "Oman and Kenya signed an agreement on the transfer of prisoners "
        "and a treaty on extradition."
    )
    assert [(a["kind"], a["status"]) for a in agreements(nlp, text)] == [
        ("agreement", "signed"),
        ("treaty", "signed"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Both republics are parties to UNCAC and report on it every year.",
            [("convention", "United Nations Convention against Corruption (UNCAC)", "existing")],
        ),
        (
            "The island state acceded to the Rome Statute after a long debate.",
            [("other", "Rome Statute of the International Criminal Court", "existing")],
        ),
        (
            "The ministers discussed the UN Convention against Transnational Organized Crime "
            "(UNTOC). Both states apply UNTOC in extradition cases.",
            [
                (
                    "convention",
                    "United Nations Convention against Transnational Organized Crime",
                    "discussed",
                )
            ],
        ),
    ],
)
def test_instruments_known_by_name(
    nlp: Language, text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    """A named international instrument, by its acronym or short name too, is one row
    titled with its name."""
    assert summary(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The two kingdoms signed the Harbour Treaty in 2011, which covers joint patrols.",
            "existing",
        ),
        ("Customs officers work under the action plan adopted in March 2020.", "existing"),
        ("The ministers recalled the readmission agreement ratified in 2015.", "existing"),
        ("The ministers ratified the readmission agreement on Friday.", "agreed"),
    ],
)
def test_a_signing_or_approval_dated_by_a_year_is_an_earlier_one(
    nlp: Language, text: str, status: str
) -> None:
    assert [a["status"] for a in agreements(nlp, text)] == [status]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The envoys discussed the memorandum of understanding that was signed on Monday.",
            "signed",
        ),
        ("The envoys discussed the protocol on river patrols signed in 2009.", "existing"),
        ("The chiefs reviewed the plan of joint actions, which is under consideration.", "draft"),
    ],
)
def test_a_clause_hung_on_the_last_words_describes_the_instrument(
    nlp: Language, text: str, status: str
) -> None:
    assert [a["status"] for a in agreements(nlp, text)] == [status]


def test_an_understanding_is_no_instrument_that_another_belongs_to(nlp: Language) -> None:
    text = "The envoys reached agreement on a memorandum that will be signed in the autumn."
    assert summary(nlp, text) == [("memorandum", None, "proposed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police chiefs meet in the capital\nThe chiefs discussed an agreement on the "
            "training of cadets. The two forces plan to forge an agreement to formalise "
            "their cooperation.",
            [
                ("agreement", "agreement on the training of cadets", "discussed"),
                ("agreement", None, "proposed"),
            ],
        ),
        (
            "The ministers signed a memorandum of understanding on Monday. The two ministers "
            "signed a memorandum of understanding (MoU) to enhance cooperation.",
            [("memorandum", None, "signed")],
        ),
        (
            "The sides agreed to sign an agreement on readmission. An agreement on "
            "readmission will be signed in May.",
            [("agreement", "agreement on readmission", "agreed")],
        ),
        (
            "Memorandum to be signed with the neighbours\nThe two states agreed to sign a "
            "memorandum on drug control.",
            [("memorandum", "memorandum on drug control", "agreed")],
        ),
    ],
)
def test_an_indefinite_mention_of_another_stage_is_another_instrument(
    nlp: Language, text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    """Unless titles confirm it is the same one; a retelling of the same stage, or of the
    headline's instrument, is one."""
    assert summary(nlp, text) == expected

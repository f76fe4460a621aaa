"""Which side an official is on, when nothing next to the name says: invented sentences
of the kinds that swapped sides in unseen articles (issue 13 items 2 and 4)."""

from __future__ import annotations


def _officials(nlp, text: str) -> dict[str, dict]:
    doc = nlp(text)
    return {o["name"]: o for o in doc._.coop["officials"]}


def test_the_state_travelled_to_is_the_host_s(nlp):
    obi = _officials(
        nlp,
        "Minister of Security Paul Obi leaves the island for the Republic of Cuba tomorrow, "
        "where he will sign two agreements with the Cuban government. The agreements will "
        "help Jamaica fight the drug trade.",
    )["Paul Obi"]
    assert obi["country"] == "JAM"
    assert obi["source"].endswith("country:other_side")


def test_companions_share_the_leader_s_state(nlp):
    people = _officials(
        nlp,
        "Customs chief Li Wei of China led the courtesy call to the Philippine customs bureau "
        "on Monday. Li was joined by members of his bureau, including Wang Hao and Peng Lin.",
    )
    for name in ("Wang Hao", "Peng Lin"):
        assert people[name]["country"] == "CHN"
        assert people[name]["source"].endswith("country:companion")


def test_the_leader_shares_the_companions_state(nlp):
    obi = _officials(
        nlp,
        "Minister Paul Obi will be accompanied by Jamaica Defence Force chief Major General "
        "Tom Reid, Permanent Secretary Ann Clarke, and Police Commissioner Mark Dunn. Cuba "
        "and Jamaica will sign two agreements.",
    )["Paul Obi"]
    assert obi["country"] == "JAM"
    assert obi["source"].endswith("country:companion")


def test_list_mates_are_not_the_other_side(nlp):
    # Rusu's state is a guess; it does not make Moldova the other side for Popa.
    people = _officials(
        nlp,
        "The European prosecutor visited Chisinau in July and met President Ana Rusu, Prime "
        "Minister Ion Popa and other officials. We are ready to help Moldovan authorities, "
        "she said. Georgia signed a similar deal in May.",
    )
    assert people["Ana Rusu"]["country"] == "MDA"
    assert people["Ion Popa"]["country"] == "MDA"


def test_a_rank_serves_the_document_s_one_body_of_its_type(nlp):
    boateng = _officials(
        nlp,
        "Deputy Commissioner of Police Kwame Boateng said the United Kingdom would train "
        "forty detectives. The course will take place at the academy of the Ghana Police "
        "Service.",
    )["Kwame Boateng"]
    assert boateng["country"] == "GHA"
    assert boateng["source"].endswith("country:document_body")


def test_a_head_of_government_takes_the_state_the_text_gives_the_office(nlp):
    rabuka = _officials(
        nlp,
        "The Prime Minister of Fiji opened the police academy on Monday. Prime Minister "
        "Sitiveni Rabuka said the Australian Federal Police would help.",
    )["Sitiveni Rabuka"]
    assert rabuka["country"] == "FJI"
    assert rabuka["source"].endswith("country:same_office")


def test_an_office_another_name_holds_gives_no_state(nlp):
    # "Kenyan President" is Kiprono's: it does not make Okello Kenyan.
    okello = _officials(
        nlp,
        "Kenyan President Amos Kiprono met President Joseph Okello on Monday.",
    )["Joseph Okello"]
    assert "country:same_office" not in okello["source"]


def test_an_unnamed_counterpart_s_state_is_the_other_side(nlp):
    adu = _officials(
        nlp,
        "Interior Minister Kofi Adu met his Togolese counterpart in Lome on Monday. Ghana and "
        "Togo signed a police agreement.",
    )["Kofi Adu"]
    assert adu["country"] == "GHA"

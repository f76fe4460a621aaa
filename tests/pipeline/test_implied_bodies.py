"""Bodies a position implies, bodies written for any state, and a city's own force:
invented sentences of the kinds seen in world-wide articles."""

from __future__ import annotations


def _tables(nlp, text: str) -> tuple[dict[str, dict], dict[str, dict]]:
    doc = nlp(text)
    officials = {o["name"]: o for o in doc._.coop["officials"]}
    return officials, {a["name"]: a for a in doc._.coop["agencies"]}


def test_a_minister_of_interior_heads_the_ministry_named_in_his_wording(nlp):
    people, bodies = _tables(
        nlp, "The visit of Paraguay's Minister of Interior Juan Pereira ended on Monday."
    )
    name = "Ministry of Interior of the Republic of Paraguay"
    assert people["Juan Pereira"]["agency"] == name
    assert bodies[name]["country"] == "PRY"
    assert "Minister of Interior" in bodies[name]["aliases"]


def test_a_federal_minister_for_interior_heads_the_interior_ministry(nlp):
    people, _ = _tables(
        nlp, "Uruguayan Federal Minister for Interior Pablo Gomez opened the new academy."
    )
    assert (
        people["Pablo Gomez"]["agency"]
        == "Ministry of Interior of the Oriental Republic of Uruguay"
    )


def test_a_chief_prosecutor_heads_the_prosecutors_office_of_the_state(nlp):
    people, bodies = _tables(
        nlp,
        "Chief Prosecutor Maria Tamm of Estonia met the Paraguayan Chief Prosecutor Jorge Vera.",
    )
    assert people["Maria Tamm"]["agency"] == "Prosecutor's Office of the Republic of Estonia"
    assert people["Jorge Vera"]["agency"] == "Prosecutor's Office of the Republic of Paraguay"
    assert bodies["Prosecutor's Office of the Republic of Paraguay"]["kind"] == "prosecution"


def test_a_high_commissioner_works_for_the_high_commission(nlp):
    people, bodies = _tables(
        nlp, "Canada's High Commissioner to Ghana Emma Stone visited the port of Tema."
    )
    name = people["Emma Stone"]["agency"]
    assert name is not None and name.startswith("High Commission of Canada")
    assert bodies[name]["kind"] == "mission"


def test_a_state_government_written_in_lower_case_is_a_body(nlp):
    _, bodies = _tables(nlp, "The Zambian government thanked the donors for the vehicles.")
    assert bodies["Government of the Republic of Zambia"]["kind"] == "government"


def test_governments_over_a_list_of_states_give_one_body_each(nlp):
    _, bodies = _tables(
        nlp, "The treaty was signed by the governments of Chile and the Republic of Peru."
    )
    assert bodies["Government of the Republic of Chile"]["country"] == "CHL"
    assert bodies["Government of the Republic of Peru"]["country"] == "PER"


def test_a_city_police_force_is_its_own_body_in_the_citys_state(nlp):
    people, bodies = _tables(
        nlp,
        "Colonel Ivan Sidorov, Chief of the Minsk City Police Department, met officers "
        "of the Lagos Police Command.",
    )
    assert people["Ivan Sidorov"]["agency"] == "Minsk City Police Department"
    assert bodies["Minsk City Police Department"]["country"] == "BLR"
    assert bodies["Lagos Police Command"]["country"] == "NGA"


def test_a_mission_named_with_its_host_city_keeps_it(nlp):
    people, bodies = _tables(
        nlp, "Kevin Brown, Chargé d'Affaires of the US Embassy in Dushanbe, handed over the radios."
    )
    name = "Embassy of the United States of America in Dushanbe"
    assert people["Kevin Brown"]["agency"] == name
    assert bodies[name]["country"] == "USA"


def test_an_unknown_school_is_named_as_written(nlp):
    _, bodies = _tables(nlp, "Cadets of the Egyptian Police Academy visited Cairo.")
    assert bodies["Egyptian Police Academy"]["country"] == "EGY"


def test_positions_worded_for_or_as_secretary_imply_the_states_ministry(nlp):
    people, _ = _tables(
        nlp,
        "Sri Lankan Minister for Justice Ravi Perera met the Secretary of the Interior "
        "of Mexico Olga Ruiz and Zambian Minister of Home Affairs John Banda.",
    )
    assert people["Ravi Perera"]["agency"] == (
        "Ministry of Justice of the Democratic Socialist Republic of Sri Lanka"
    )
    assert people["Olga Ruiz"]["agency"] == "Ministry of the Interior of the United Mexican States"
    assert people["John Banda"]["agency"] == "Ministry of Home Affairs of the Republic of Zambia"


def test_national_bodies_of_any_state_are_named_from_type_and_state(nlp):
    _, bodies = _tables(
        nlp,
        "Officers of the Paraguayan National Police, the Malian Gendarmerie and the "
        "Senegalese Border Police met in Dakar.",
    )
    assert bodies["National Police of the Republic of Paraguay"]["kind"] == "police"
    assert bodies["Gendarmerie of the Republic of Mali"]["country"] == "MLI"
    assert bodies["Border Police of the Republic of Senegal"]["kind"] == "border"


def test_a_minister_of_an_unlisted_portfolio_heads_a_ministry_of_that_portfolio(nlp):
    people, bodies = _tables(
        nlp,
        "Montenegro's Security Minister Petar Markovic met the Chilean Minister for Public "
        "Order, Carlos Rojas, in Santiago.",
    )
    name = people["Petar Markovic"]["agency"]
    assert name == "Ministry of Security of Montenegro"
    assert bodies[name]["kind"] == "ministry" and bodies[name]["country"] == "MNE"
    assert people["Carlos Rojas"]["agency"] == ("Ministry of Public Order of the Republic of Chile")


def test_a_prime_minister_or_a_minister_of_state_names_no_ministry(nlp):
    people, bodies = _tables(
        nlp, "Ghana's Prime Minister Kofi Mensah and Minister of State Ama Owusu arrived."
    )
    assert people["Kofi Mensah"]["agency"] is None
    assert not any(name.startswith("Ministry of Prime") for name in bodies)
    assert not any(name.startswith("Ministry of State") for name in bodies)


def test_a_generic_position_is_refined_by_another_mentions_position(nlp):
    people, bodies = _tables(
        nlp,
        "Minister Jonas Berg arrived in Tallinn on Monday. Jonas Berg, the interior minister "
        "of Estonia, thanked the hosts.",
    )
    name = people["Jonas Berg"]["agency"]
    assert name is not None and "Interior" in name and bodies[name]["country"] == "EST"


def test_a_constabulary_is_the_force_a_police_commissioner_heads(nlp):
    people, _ = _tables(
        nlp, "Jamaica's Police Commissioner Mark Reid said the guns were seized in May."
    )
    assert people["Mark Reid"]["agency"] == "Jamaica Constabulary Force"


def test_a_short_name_defined_in_brackets_is_that_body_in_a_position(nlp):
    people, bodies = _tables(
        nlp,
        "Forty officers of the Royal Malaysia Police (RMP) arrived in Dili. Speaking at the "
        "airport, RMP Commissioner Ahmad Karim thanked the hosts.",
    )
    assert people["Ahmad Karim"]["agency"] == "Royal Malaysia Police"
    assert "RMP" in bodies["Royal Malaysia Police"]["aliases"]


def test_a_unit_of_a_body_named_by_its_short_name_is_that_bodys_unit(nlp):
    people, bodies = _tables(
        nlp,
        "Kenya signed the plan with the Uganda Revenue Authority (URA) in Kampala. Colonel "
        "Peter Okello, Commissioner of the Customs Division of URA, opened the talks.",
    )
    name = "Customs Division of the Uganda Revenue Authority"
    assert people["Peter Okello"]["agency"] == name
    assert bodies[name]["country"] == "UGA"
    assert bodies[name]["parent"] == "Uganda Revenue Authority"


def test_an_ambassador_without_a_host_works_in_the_other_state_of_the_story(nlp):
    people, bodies = _tables(
        nlp,
        "Canada's High Commissioner Anne Roy handed radios to the Ghana Police Service in "
        "Accra. Ghana thanked Canada for the radios, Ghana's police said.",
    )
    name = people["Anne Roy"]["agency"]
    assert name is not None and name.startswith("High Commission of Canada in")
    assert name.endswith("Ghana") and bodies[name]["country"] == "CAN"


def test_a_body_named_after_an_international_organisation_is_of_no_state(nlp):
    people, bodies = _tables(
        nlp,
        "Chilean prosecutors met Anna Berg, Chief Prosecutor of the African Union "
        "Prosecutor's Office, in Santiago.",
    )
    name = "African Union Prosecutor's Office"
    assert people["Anna Berg"]["agency"] == name
    assert people["Anna Berg"]["country"] is None
    assert bodies[name]["kind"] == "international" and bodies[name]["country"] is None


def test_a_city_force_written_before_the_position_is_the_persons_body(nlp):
    people, _ = _tables(
        nlp,
        "Abu Dhabi Police Commander-in-Chief Major General Faris Al Mazrouei met Italian "
        "police officers in Rome.",
    )
    assert people["Faris Al Mazrouei"]["agency"] == "Abu Dhabi Police"
    assert people["Faris Al Mazrouei"]["country"] == "ARE"


def test_a_cabinet_secretary_for_a_portfolio_heads_that_ministry(nlp):
    people, _ = _tables(
        nlp, "Tanzania's Cabinet Secretary for Interior Juma Mwinyi met the police chiefs."
    )
    name = people["Juma Mwinyi"]["agency"]
    assert name is not None and name.startswith("Ministry of Interior of")


def test_a_state_s_cabinet_is_that_state_s_body_written_in_any_case(nlp):
    _, bodies = _tables(
        nlp,
        "The Ghana cabinet cleared the draft treaty a day after the Kenyan cabinet "
        "approved it in Nairobi.",
    )
    assert bodies["Cabinet of the Republic of Ghana"]["country"] == "GHA"
    assert bodies["Cabinet of the Republic of Ghana"]["kind"] == "government"
    assert bodies["Cabinet of the Republic of Kenya"]["aliases"] == ["Kenyan cabinet"]


def test_the_cabinet_of_ministers_keeps_its_wording_and_takes_the_document_s_state(nlp):
    _, bodies = _tables(
        nlp,
        "In Tashkent, the First Deputy Chairman of the Cabinet of Ministers received the "
        "delegation. Uzbekistan and Kyrgyzstan signed a plan; Uzbekistan will host it.",
    )
    name = "Cabinet of Ministers of the Republic of Uzbekistan"
    assert bodies[name]["country"] == "UZB"


def test_a_customs_head_s_body_is_the_state_s_customs_named_without_an_invented_word(nlp):
    people, bodies = _tables(
        nlp,
        "Amadou Sow, Senegal's Director General of Customs, met Kofi Boateng, the "
        "Customs Commissioner of Togo, in Dakar.",
    )
    assert people["Amadou Sow"]["agency"] == "Customs of the Republic of Senegal"
    assert people["Kofi Boateng"]["agency"] == "Customs of the Togolese Republic"
    assert bodies["Customs of the Togolese Republic"]["kind"] == "customs"


def test_a_unit_named_by_its_own_words_is_in_the_state_of_the_body_before_it(nlp):
    _, bodies = _tables(
        nlp,
        "The Uganda Police Force will open the Cyber Crime Office in Kampala next year, "
        "and the Directorate of Forensic Services will move there.",
    )
    assert bodies["Cyber Crime Office"]["country"] == "UGA"
    assert bodies["Directorate of Forensic Services"]["country"] == "UGA"


def test_a_unit_of_an_organisation_named_by_its_acronym_gets_no_state(nlp):
    _, bodies = _tables(
        nlp,
        "The Zambia Police Service hosted the Department of Peace and Security of the "
        "SARDC in Lusaka.",
    )
    assert bodies["Department of Peace and Security of the SARDC"]["country"] is None


def test_a_unit_of_a_known_organisation_is_named_after_it_without_a_state(nlp):
    _, bodies = _tables(
        nlp,
        "The Zambia Police Service hosted the Department of Peace and Security of the "
        "SADC in Lusaka.",
    )
    name = "Department of Peace and Security of the Southern African Development Community"
    assert (bodies[name]["kind"], bodies[name]["country"]) == ("unit", None)


def test_a_police_rank_without_a_position_names_the_state_s_one_force(nlp):
    people, _ = _tables(
        nlp,
        "Chief Superintendent of Police Yaw Boateng of Ghana led the team that met the "
        "Togolese officers in Lome.",
    )
    assert people["Yaw Boateng"]["agency"] == "Ghana Police Service"


def test_a_police_rank_names_no_force_in_a_state_with_many(nlp):
    people, _ = _tables(
        nlp,
        "Superintendent of Police Arjun Mehta of India met the officers from Nepal.",
    )
    assert people["Arjun Mehta"]["agency"] is None


def test_a_bare_police_position_serves_the_one_force_of_the_state_named(nlp):
    people, _ = _tables(
        nlp,
        "The Zambia Police Service welcomed the officers from Malawi. Commissioner "
        "Chanda Mulenga of Zambia thanked them for their help.",
    )
    assert people["Chanda Mulenga"]["agency"] == "Zambia Police Service"
    assert people["Chanda Mulenga"]["country"] == "ZMB"

"""Relations end to end through ``ratline.pipeline.extract``; each quotes its sentence."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document, Extraction


def run(body: str) -> Extraction:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2011-03-05")
    return extract(doc)


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in ex.relations}


CASES = [
    # leads
    ("Abu Musa al-Barnawi, the leader of Boko Haram, appeared in a video filmed near Lake Chad.",
     ("person_abu_musa_barnawi", "leads", "boko_haram")),
    ("Gunmen loyal to Iyad Ag Ghaly, the founder of Ansar Dine, withdrew from Kidal.",
     ("person_iyad_ag_ghaly", "leads", "ansar_dine")),
    ("Boko Haram leader Abubakar Shekau appeared in a new video.",
     ("person_abubakar_shekau", "leads", "boko_haram")),
    ("Al-Shabaab leader Ahmed Madobe was seen in Kismayo.",
     ("person_ahmed_madobe", "leads", "al_shabaab")),
    # member_of: a commander named with the group's name before his is one of its commanders
    ("Al-Shabaab commander Ahmed Madobe was seen in Kismayo.",
     ("person_ahmed_madobe", "member_of", "al_shabaab")),
    ("Ahmed Madobe, from the al-Shabaab, said the fighters had withdrawn from Kismayo.",
     ("person_ahmed_madobe", "member_of", "al_shabaab")),
    ("An alleged al-Shabaab fighter named Ahmed Madobe surrendered in Kismayo.",
     ("person_ahmed_madobe", "member_of", "al_shabaab")),
    # supports
    ("The Iranian-backed Kata'ib Hezbollah claimed the rocket fire on Balad.",
     ("iran", "supports", "kataib_hezbollah")),
    ("Iran-backed Houthi rebels fired missiles at Marib.",
     ("iran", "supports", "houthis")),
    ("Pakistan-backed Lashkar-e-Taiba fighters crossed the Line of Control.",
     ("pakistan", "supports", "lashkar_e_taiba")),
    ("Hezbollah receives funding and weapons from the IRGC, officials in Beirut said.",
     ("irgc", "supports", "hezbollah")),
    ("Ansar Dine receives money from al-Qaeda in the Islamic Maghreb.",
     ("aqim", "supports", "ansar_dine")),
    # spokesman_for
    ("Zabihullah Mujahid, a spokesman for the Taliban, denied the claim.",
     ("person_zabihullah_mujahid", "spokesman_for", "taliban")),
    ("Abu Ubaidah, a spokesman for al-Shabaab, said the group was behind the blast.",
     ("person_abu_ubaidah", "spokesman_for", "al_shabaab")),
    ("Fighters of the pro-Taliban Haqqani network crossed the border.",
     ("haqqani_network", "supports", "taliban")),
    # a state a group is "pro" backs it
    ("Gunmen from the pro-Iran Kata'ib Hezbollah fired rockets.", ("iran", "supports", "kataib_hezbollah")),
    # "with the support of" a state
    ("Officials say Kata'ib Hezbollah operates with the support of Iran's government.",
     ("iran", "supports", "kataib_hezbollah")),
    ("The blast was a car bomb, said Abu Ubaidah, al-Shabaab spokesman.",
     ("person_abu_ubaidah", "spokesman_for", "al_shabaab")),
    ("Taliban spokesman Qari Yousaf Ahmadi denied the claim.",
     ("person_qari_yousaf_ahmadi", "spokesman_for", "taliban")),
    # sibling_of
    ("Yusuf Abdi is the brother of Hassan Abdi, police in Garissa said.",
     ("person_yusuf_abdi", "sibling_of", "person_hassan_abdi")),
    # "brothers X and Y": the first takes the second's surname (a shared-surname mention)
    ("The bombers were named as brothers Khalid and Brahim el-Bakraoui.",
     ("person_khalid_bakraoui", "sibling_of", "person_brahim_bakraoui")),
    # splinter_of
    ("Ansaru is a splinter group that broke away from Boko Haram in 2012.",
     ("ansaru", "splinter_of", "boko_haram")),
]


@pytest.mark.parametrize("body, triple", CASES)
def test_relations_pattern(body, triple):
    assert triple in triples(run(body))


@pytest.mark.parametrize("body, triple", CASES)
def test_relations_quote_is_the_sentence(body, triple):
    ex = run(body)
    rel = next(r for r in ex.relations if (r.subject, r.predicate, r.object) == triple)
    assert rel.quote == body                       # each case is one sentence
    assert body[rel.span.start:rel.span.end] == rel.quote
    assert rel.basis


def test_relations_quote_is_its_own_sentence_in_a_longer_body():
    body = ("Officials met in Kabul on Monday. Sirajuddin Haqqani, the leader of the Haqqani network, "
            "was not there. The talks ended without a deal.")
    ex = run(body)
    (rel,) = [r for r in ex.relations if r.predicate == "leads"]
    assert (rel.subject, rel.object) == ("person_sirajuddin_haqqani", "haqqani_network")
    assert rel.quote == "Sirajuddin Haqqani, the leader of the Haqqani network, was not there."
    assert body[rel.span.start:rel.span.end] == rel.quote


def test_relations_sanctions_on_several_people():
    body = "The US imposed sanctions on Khalid Mansur and Faraj Bakri on Tuesday."
    ex = run(body)
    assert {("person_khalid_mansur", "sanctioned_by", "united_states"),
            ("person_faraj_bakri", "sanctioned_by", "united_states")} <= triples(ex)
    for r in ex.relations:
        assert r.quote == body and body[r.span.start:r.span.end] == r.quote


def test_relations_sanctions_on_people_described_in_appositions():
    # the parse hangs "on" on the noun "sanctions", and each person carries an apposition
    body = ("The US has imposed sanctions on Brigadier Karim Nasseri, the former commander of the unit, "
            "and Hadi Rostami, a deputy commander in the same unit, for arming militias.")
    got = triples(run(body))
    assert {("person_karim_nasseri", "sanctioned_by", "united_states"),
            ("person_hadi_rostami", "sanctioned_by", "united_states")} <= got


def test_relations_sanctioning_body_is_the_agency():
    ex = run("The Treasury Department imposed sanctions on Khalid Mansur, a Hezbollah financier.")
    assert ("person_khalid_mansur", "sanctioned_by", "us_treasury") in triples(ex)
    assert ("person_khalid_mansur", "member_of", "hezbollah") in triples(ex)


@pytest.mark.parametrize("body", [
    "The Treasury Department took similar actions against Khalid Mansur last week.",
    "The Treasury Department targeted Khalid Mansur for providing funds to the group.",
])
def test_relations_an_agencys_measures_against_someone_are_sanctions(body):
    assert ("person_khalid_mansur", "sanctioned_by", "us_treasury") in triples(run(body))


@pytest.mark.parametrize("body, triple", [
    ("He worked for Haji Omar Khan, who NATO captured last week.",
     ("person_omar_khan", "captured_by", "nato")),
    ("Abu Zaid al-Harbi, the AQIM leader who was reportedly killed by French forces in May, planned it.",
     ("person_abu_zaid_harbi", "killed_by", "french_armed_forces")),
])
def test_relations_a_relative_clause_says_what_happened_to_someone(body, triple):
    assert triple in triples(run(body))


def test_relations_a_group_under_a_person_is_led_by_them():
    ex = run("Fighters of the Haqqani network under Sirajuddin Haqqani attacked the post.")
    assert ("person_sirajuddin_haqqani", "leads", "haqqani_network") in triples(ex)


def test_relations_a_person_of_a_force_is_its_member():
    ex = run("Colonel Ahmed Nasser of the Iraqi Army said four men were held.")
    assert ("person_ahmed_nasser", "member_of", "iraqi_army") in triples(ex)


@pytest.mark.parametrize("body, triple", [
    ("Kataib Hezbollah, one of several militias known collectively as the Mahdi Army, denied it.",
     ("kataib_hezbollah", "part_of", "mahdi_army")),
    ("The Chadian army sent 1,500 troops to the border as part of the G5 Sahel force.",
     ("chadian_army", "part_of", "g5_sahel_joint_force")),
])
def test_relations_a_group_acting_as_part_of_another(body, triple):
    assert triple in triples(run(body))


def test_relations_a_military_target_is_no_sanction():
    assert not [r for r in run("The army targeted Khalid Mansur in an airstrike on Monday.").relations
                if r.predicate == "sanctioned_by"]


def test_relations_deemed_a_terrorist_group_is_a_designation():
    ex = run("The State Department deemed Hezbollah a terrorist group in 1997.")
    assert ("hezbollah", "sanctioned_by", "us_state_department") in triples(ex)


@pytest.mark.parametrize("body, triple", [
    ("Iraqi police arrested Ahmed Nasser in Mosul on Monday.",
     ("person_ahmed_nasser", "captured_by", "iraqi_police")),
    ("Somali troops freed Abdi Farah in Baidoa on Monday.",
     ("person_abdi_farah", "released_by", "somali_national_army")),
])
def test_relations_from_events_on_named_people(body, triple):
    ex = run(body)
    assert triple in triples(ex)
    rel = next(r for r in ex.relations if (r.subject, r.predicate, r.object) == triple)
    assert rel.basis                 # says why (event or pattern); the wording is the extractor's
    assert body[rel.span.start:rel.span.end] == rel.quote


@pytest.mark.parametrize("body", [
    "The press conference in Kabul was held by officials from the Taliban and the Haqqani network.",
    "Boko Haram and al-Shabaab both attacked on Friday.",
    "Yusuf Abdi met Hassan Abdi in Garissa.",
])
def test_relations_none_without_a_stated_link(body):
    assert run(body).relations == []


@pytest.mark.parametrize("body", [
    "Fighters from Iraq joined the Islamic State in Syria.",
    "The Taliban leader met officials in Kandahar.",
])
def test_relations_place_is_never_a_party(body):
    ex = run(body)
    places = {e.id for e in ex.entities if e.type == "place"}
    for r in ex.relations:
        assert r.subject not in places and r.object not in places


@pytest.mark.xfail(strict=True, reason="finder: a country after 'from' becomes a place, so 'receives funding from "
                                       "Iran' loses its backer")
def test_relations_funding_from_a_country():
    assert ("iran", "supports", "hezbollah") in triples(run("Hezbollah receives funding and weapons from Iran, "
                                                            "officials said."))


def test_relations_sanctions_on_groups():
    ex = run("The US imposed sanctions on Kata'ib Hezbollah and Harakat Hezbollah al-Nujaba on Tuesday.")
    assert {("kataib_hezbollah", "sanctioned_by", "united_states"),
            ("harakat_hezbollah_al_nujaba", "sanctioned_by", "united_states")} <= triples(ex)


@pytest.mark.xfail(strict=True, reason="relations: a title before the object ('the brother of Mullah Hassan') sits "
                                       "outside the mention and breaks the pattern")
def test_relations_sibling_with_titles():
    ex = run("Mullah Omar Zahid is the brother of Mullah Hassan Zahid, villagers in Zhari said.")
    assert ("person_omar_zahid", "sibling_of", "person_hassan_zahid") in triples(ex)


@pytest.mark.parametrize("body, backer, backed", [
    ("Afghan commandos backed by NATO special forces raided the village.", "nato", "afghan_commandos"),
    ("Iraqi troops backed by US aircraft retook Ramadi.", "united_states", "iraqi_security_forces"),
])
def test_relations_backed_by_points_from_backer(body, backer, backed):
    assert (backer, "supports", backed) in triples(run(body))


@pytest.mark.parametrize("body, backer, backed", [
    ("Afghan commandos backed by NATO special forces raided the village.", "nato", "afghan_commandos"),
    ("Iraqi troops backed by US aircraft retook Ramadi.", "united_states", "iraqi_security_forces"),
])
def test_relations_backed_by_is_not_reversed(body, backer, backed):
    assert (backed, "supports", backer) not in triples(run(body))


# -- backers, sanctions, appointments, command, and a state named by its capital ----------------

MORE_CASES = [
    ("Iran, one of Hezbollah's largest backers, denied sending new rockets to Lebanon.",
     ("iran", "supports", "hezbollah")),
    ("Moscow's backers said little. Iran is the main sponsor of the Houthis in Yemen.",
     ("iran", "supports", "houthis")),
    ("The US State Department designated al-Shabaab a foreign terrorist organization in 2008.",
     ("al_shabaab", "sanctioned_by", "us_state_department")),
    ("Washington designated the Houthis a terrorist organisation in January and officials in Sanaa protested.",
     ("houthis", "sanctioned_by", "united_states")),
    ("In 2010 the Islamic State of Iraq named Abu Bakr al-Baghdadi, a preacher from Samarra, as its leader.",
     ("person_abu_bakr_baghdadi", "leads", "islamic_state_of_iraq")),
    ("The Janjaweed militias operated under the command of the Sudanese Armed Forces in 2004.",
     ("janjaweed", "part_of", "sudanese_armed_forces")),
]


@pytest.mark.parametrize("body, triple", MORE_CASES)
def test_relations_more_patterns(body, triple):
    assert triple in triples(run(body))


def test_relations_its_at_sentence_start_is_the_previous_subject():
    body = ("The Houthis seized Sanaa in 2014 after Saleh's forces joined Ansar Allah fighters in Amran. "
            "Its leader, Mohammed Ali Hamid, said the war would go on.")
    got = triples(run(body))
    assert ("person_mohammed_ali_hamid", "leads", "houthis") in got


def test_relations_capital_in_place_phrase_is_no_state():
    ex = run("Gunmen attacked a checkpoint in Kabul on Monday, police said.")
    assert all(e.type != "government" for e in ex.entities if "Kabul" in e.aliases)


def test_relations_capital_that_acts_is_its_government():
    ex = run("Kabul accused Islamabad of sheltering the Pakistani Taliban.")
    govs = {e.id for e in ex.entities if e.type == "government"}
    assert {"afghanistan", "pakistan"} <= govs or "afghanistan" in govs


def test_relations_place_names_between_parties_do_not_break_a_pattern():
    body = ("The Joint Forces, a coalition of former Darfur rebel movements, sided with the Sudanese Armed Forces "
            "in November.")
    got = triples(run(body))
    assert any(p == "allied_with" and o == "sudanese_armed_forces" for _, p, o in got)


def test_relations_spokesman_for_a_states_air_force():
    got = triples(run("Col. Ivan Petrenko, a spokesman for Ukraine's air force, said two missiles were downed."))
    assert ("person_ivan_petrenko", "spokesman_for", "unit_ukrainian_air_force") in got


def test_relations_a_states_own_service_is_no_part_of_its_government():
    got = triples(run("Ukraine's air force said it had downed two missiles over Kyiv on Monday."))
    assert not [t for t in got if t[1] == "part_of"]


def test_relations_a_name_holding_its_parents_name_is_a_part_only_with_a_part_noun():
    parts = triples(run("Rogue Mahdi Army elements fired rockets at the base, officials said."))
    assert any(p == "part_of" and o == "mahdi_army" for _, p, o in parts)
    branch = triples(run("Islamic State Sahel Province fighters attacked the town of Tillia on Monday."))
    assert not [t for t in branch if t[1] == "part_of"]


SESSION6_CASES = [
    ("The TTP has been led since June 2018 by Noor Wali Mehsud, officials said.",
     ("person_noor_wali_mehsud", "leads", "ttp")),
    ("The TTP was founded in December 2007 under Baitullah Mehsud.",
     ("person_baitullah_mehsud", "leads", "ttp")),
    ("Officials in Kabul say the Taliban give the TTP shelter and logistical support.",
     ("taliban", "supports", "ttp")),
    ("Most analysts regard the Tehreek-e-Jihad Pakistan as a front for the TTP.",
     ("tehreek_e_jihad_pakistan", "front_for", "ttp")),
    ("Hezbollah is led by Naim Qassem, who took over after his predecessor, Hassan Nasrallah, was killed in an "
     "Israeli airstrike on Beirut in September 2024.",
     ("person_hassan_nasrallah", "killed_by", "idf")),
]


@pytest.mark.parametrize("body, triple", SESSION6_CASES)
def test_relations_session6_patterns(body, triple):
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2025-04-15"))
    got = triples(ex)
    if triple[0] not in {e.id for e in ex.entities}:
        pytest.fail(f"{triple[0]} is no entity here: {sorted(e.id for e in ex.entities)}")
    assert triple in got


def test_relations_which_clause_leader_leads_the_clause_antecedent():
    body = ("The M23 is part of the AFC alliance, which was launched in Nairobi in December 2023 and is led by "
            "Corneille Nangaa.")
    got = triples(run(body))
    assert not any(s == "person_corneille_nangaa" and o == "m23" for s, p, o in got)


def test_relations_an_active_seizure_borrows_no_captor_from_an_earlier_sentence():
    body = ("Troops raided a farm near Tibu on Saturday. In 2023 its fighters seized Luis Manuel Diaz in Barrancas.")
    got = triples(run(body))
    assert not any(s == "person_luis_manuel_diaz" and p == "captured_by" for s, p, o in got)


def test_relations_the_government_of_a_titled_leader():
    body = ("Colombian troops clashed with the ELN near Tibu. The government of President Gustavo Petro suspended "
            "peace talks with the ELN on January 17.")
    got = triples(run(body))
    assert ("person_gustavo_petro", "leads", "colombia") in got


def test_relations_both_are_part_of_the_alliance():
    body = ("The two federations are the G9 and the Gran Grif gang. Both are part of the Viv Ansanm alliance.")
    got = triples(extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body,
                                   published="2025-05-09")))
    assert any(s == "g9_haiti" and p == "part_of" and o == "viv_ansanm" for s, p, o in got)


HELDOUT3_SHAPES = [
    ("Houthi military spokesman Yahya Saree said the group fired missiles.", "2024-01-23",
     ("person_yahya_saree", "spokesman_for", "houthis")),
    ("The PKK, which is listed as a terrorist group by Turkey and the United States, denied the claim.", "2025-01-20",
     ("pkk", "sanctioned_by", "united_states")),
    ("Jimmy Cherizier has been under UN Security Council sanctions since 2022.", "2025-05-09",
     ("person_jimmy_cherizier", "sanctioned_by", "un_security_council")),
    ("3R was one of the founding members of the Coalition of Patriots for Change in 2020.", "2024-06-15",
     ("three_r", "part_of", "coalition_of_patriots_for_change")),
    ("HTS, which broke with al-Qaeda in 2016, now dominates Damascus.", "2025-01-20",
     ("hayat_tahrir_al_sham", "splinter_of", "al_qaeda")),
]


@pytest.mark.parametrize("body, published, triple", HELDOUT3_SHAPES)
def test_relations_heldout3_shapes(body, published, triple):
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published=published))
    assert triple in triples(ex), sorted(triples(ex))


def test_relations_calls_itself_belongs_to_the_clause_subject():
    body = "Ansaru, which split from Boko Haram in 2012 and calls itself al-Qaeda's affiliate in Nigeria, denied it."
    got = triples(extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body,
                                   published="2025-01-30")))
    assert ("ansaru", "part_of", "al_qaeda") in got and ("boko_haram", "part_of", "al_qaeda") not in got


def test_relations_the_army_spokesman_comma_title_name():
    got = triples(extract(Document(doc_id="t", name="t.txt", source="t", title=None, published="2021-08-16",
                                   body="In a statement, the Nigerian Army spokesman, Brigadier General Ibrahim "
                                        "Yakasai, said troops had freed 31 women.")))
    assert ("person_ibrahim_yakasai", "spokesman_for", "nigerian_army") in got


def test_relations_a_victim_among_a_list_after_an_apposition():
    body = ("On Jan. 19, Afghan commandos killed three men in the village of Charqolba, among them a Taliban "
            "shadow district governor, Mullah Sadiq Akhund.")
    got = triples(run(body))
    assert any(s == "person_sadiq_akhund" and p == "killed_by" for s, p, _ in got)


@pytest.mark.parametrize("body, triple, present", [
    # a dictionary name that holds its parent's is a part of it ...
    ("Troops fought rogue Jaysh al-Mahdi units in Basra.", ("rogue_jam", "part_of", "mahdi_army"), True),
    # ... but a branch named "parent in region" says nothing of its ties by its name alone
    ("Al-Qaeda in Iraq claimed the bombing in Baghdad.", ("al_qaeda_in_iraq", "part_of", "al_qaeda"), False),
])
def test_relations_a_name_holding_its_parents(body, triple, present):
    found = {(r.subject, r.predicate, r.object) for r in run(body).relations}
    assert (triple in found) == present, found

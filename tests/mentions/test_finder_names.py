"""Names the finder reads whole: a nation's adjective before force nouns names that nation's
force under the report's words ("Saudi security forces", "Bahraini police"); a known name a
linking particle carries on ("Fatah al-Islam") is a longer name."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _entities(body: str):
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2015-07-29")
    return {e.id: e for e in extract(doc).entities}


def test_the_words_of_the_report_become_the_force_s_alias():
    ents = _entities("Four wanted insurgents were killed in a shootout with Saudi security forces near Riyadh on Sunday.")
    forces = [e for e in ents.values() if e.type == "state_force"]
    assert any("Saudi security forces" in e.aliases for e in forces)


def test_a_police_the_dictionary_lacks_is_a_force_of_its_own():
    ents = _entities("Two Bahraini policemen were killed in a bomb attack in Sitra on Tuesday.")
    police = [e for e in ents.values() if e.type == "state_force"]
    assert [e.name for e in police] == ["Bahraini police"]
    assert "Bahraini policemen" in police[0].aliases


def test_an_adjective_alone_stays_the_state():
    ents = _entities("Bahraini officials said two men were arrested in Sitra on Tuesday.")
    assert not [e for e in ents.values() if e.type == "state_force"]


def test_a_known_name_carried_on_by_a_particle_is_a_longer_name():
    ents = _entities("Fatah al-Islam emerged last year; police arrested members of Hizb ut-Tahrir in Dushanbe.")
    names = {e.name for e in ents.values()}
    assert {"Fatah al-Islam", "Hizb ut-Tahrir"} <= names
    assert "fatah" not in ents


def test_a_capitalised_al_starts_another_name():
    ents = _entities("The report aired on the pro-Hizbollah Al-Manar TV channel in Beirut.")
    assert any("Hizbollah" in e.aliases for e in ents.values())


def test_a_force_after_a_comma_is_not_named_by_the_place_before_it():
    body = ("YAOUNDE, Aug. 26 -- Two Cameroonian soldiers were killed after separatists attacked a "
            "gendarmerie post in Wum in the region of North West, army spokesman, Colonel Didier "
            "Badjeck announced Sunday.")
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2018-08-27")
    ex = extract(doc)
    assert any(m.span.text == "army" and m.kind == "state_force" for m in ex.mentions)
    assert any(r.predicate == "spokesman_for" and r.subject == "person_didier_badjeck" for r in ex.relations)


def _entities_on(body: str, published: str):
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published=published)
    return {e.id: e for e in extract(doc).entities}


def test_a_state_that_no_longer_exists_names_its_force_while_it_did():
    ents = _entities_on("Yugoslav troops fired on the convoy near the Kosovo boundary, police said.", "2001-03-09")
    assert "yugoslavia_army" in [e.id for e in ents.values() if e.type == "state_force"]


def test_a_dead_state_s_adjective_names_no_actor_later():
    ents = _entities_on("Gunmen in a Soviet-made car opened fire on a police patrol on Tuesday.", "2006-08-30")
    assert not [e for e in ents.values() if e.country == "RU"]


@pytest.mark.parametrize("body, wording", [
    ("A vehicle carrying border guard police was ambushed near Maungtaw, Myanmar, on Wednesday.", "border guard police"),
    ("Riot police fired tear gas at protesters in Nairobi, Kenya, on Tuesday.", "Riot police"),
])
def test_the_words_that_say_which_force_are_its_wording(body, wording):
    ents = _entities_on(body, "2019-01-17")
    assert any(wording in e.aliases for e in ents.values() if e.type == "state_force")


def test_words_about_the_people_are_not_the_force_s_wording():
    ents = _entities_on("Three wounded soldiers were flown to Bamako, Mali, on Monday.", "2019-01-17")
    forces = [e for e in ents.values() if e.type == "state_force"]
    assert forces and not any("wounded soldiers" in e.aliases for e in forces)


def test_a_person_s_role_beside_a_name_outweighs_an_area_noun_before_it():
    ents = _entities_on("The attacks came four days after the capture in the city of Salah Abdeslam, the main "
                        "suspect in the November 2015 Paris bombings.", "2016-03-23")
    assert ents["person_salah_abdeslam"].type == "person"


def test_a_city_apposed_with_no_person_s_role_stays_a_place():
    ents = _entities_on("Troops advanced on the city of Bani Walid, the last stronghold of the militia, on Monday.",
                        "2016-03-23")
    assert [e.type for e in ents.values() if "Bani Walid" in e.aliases] == ["place"]


def test_a_middle_initial_carries_a_name_on():
    ents = _entities("Maj. Gen. Alex S. Rillera, commanding general of the division, said troops "
                     "killed three gunmen. \"They refused,\" said Rillera.")
    people = [e for e in ents.values() if e.type == "person"]
    assert [e.name for e in people] == ["Alex S. Rillera"]
    assert "Rillera" in people[0].aliases


def test_a_middle_initial_carries_no_name_across_a_sentence_end():
    """The run is read inside one sentence, so a sentence ending in a capital letter ("Camp X.")
    never lends its letter to the next sentence's first word."""
    ents = _entities("The convoy was hit near Camp X. Soldiers returned fire on Monday.")
    assert not any(e.type == "person" and "Soldiers" in e.name for e in ents.values())


def test_a_nation_s_adjective_opens_its_force_s_name():
    ents = _entities("The Iraqi Joint Operations Command said militants attacked a checkpoint near Tikrit.")
    assert "Iraqi Joint Operations Command" in {e.name for e in ents.values() if e.type == "state_force"}


@pytest.mark.parametrize("body, name", [
    ("Rebels of KNU Brigade 5 raided three outposts on Tuesday.", "KNU Brigade 5"),
    ("The MS-13 street gang killed two police officers.", "MS-13"),
])
def test_a_unit_s_or_an_acronym_s_number_is_part_of_its_name(body, name):
    assert name in {e.name for e in _entities(body).values()}


def test_a_weapon_s_acronym_with_its_number_names_nobody():
    assert "AK-47" not in {e.name for e in _entities("Police seized an AK-47 in the raid.").values()}


@pytest.mark.parametrize("body, person", [
    ("Former MFDC Secretary General Ansoumana Badji told reporters the rebels had split.", "Ansoumana Badji"),
    ("UN Secretary-General Antonio Guterres condemned the attack.", "Antonio Guterres"),
])
def test_an_organisation_s_acronym_and_a_title_before_a_name_are_not_the_name(body, person):
    assert person in {e.name for e in _entities(body).values() if e.type == "person"}


def test_a_place_before_a_known_group_names_its_branch_there():
    ents = _entities("South Gondar Fano chief Wubante Abate was killed in Dera. Fighters from Gondar, Gojjam "
                     "and Wollo gathered. Gojjam Fano fighters killed a general.")
    groups = {e.name for e in ents.values() if e.type == "armed_group"}
    assert {"South Gondar Fano", "Gojjam Fano"} <= groups


def test_a_group_s_whereabouts_make_no_branch():
    ents = _entities("Fighters clashed near the bridge. In Gojjam Fano fighters attacked an army post.")
    assert not any(e.name.startswith("Gojjam") and e.type == "armed_group" for e in ents.values())


def test_a_surname_left_in_lower_case_after_al_is_part_of_the_name():
    ents = _entities("The U.S. military has released Shiite militant Laith al-khazali, suspected of killing "
                     "five soldiers.")
    assert "Laith al-khazali" in {e.name for e in ents.values() if e.type == "person"}


def test_a_group_s_al_name_after_a_given_name_is_a_surname():
    ents = _entities("The Houthis fired missiles at ships. The group is led by Abdul-Malik al-Houthi.")
    assert "Abdul-Malik al-Houthi" in {e.name for e in ents.values() if e.type == "person"}
    assert "al-Houthi" not in ents["houthis"].aliases


def test_a_group_s_al_name_whole_in_the_dictionary_stays_the_group():
    ents = _entities("Fighters of Jabhat al-Nusra clashed with al-Shabaab.")
    assert not any(e.type == "person" for e in ents.values())


@pytest.mark.parametrize("body, name, kind", [
    ("Fighting went on near the Tishreen Dam on Saturday.", "Tishreen Dam", {"place", "facility"}),
    ("Medics of the Kurdish Red Crescent said 11 fighters died.", "Kurdish Red Crescent", {"other"}),
])
def test_a_dam_is_a_site_and_a_crescent_a_relief_body(body, name, kind):
    ents = {e.name: e.type for e in _entities(body).values()}
    assert ents.get(name) in kind, ents


def test_a_title_case_heading_names_no_one():
    ents = _entities("Similar News Stories\n\nSenior Officer Killed In Ambush Near Dera\n\n"
                     "Wubante Abate, a Fano chief, was killed in Dera on Tuesday.")
    people = {e.name for e in ents.values() if e.type == "person"}
    assert people == {"Wubante Abate"}, people


@pytest.mark.parametrize("body, name", [
    ("Rival factions of the Sudan People's Liberation Movement clashed near Malakal.",
     "Sudan People's Liberation Movement"),
    ("Three men from the Zorbian People's Army were killed.", "Zorbian People's Army"),
    ("Militants in the Niger Delta attacked a pipeline.", "Niger Delta"),
])
def test_a_country_that_begins_a_longer_name_is_a_word_of_it(body, name):
    ents = _entities(body)
    assert name in {e.name for e in ents.values()}
    assert not any(e.type == "government" for e in ents.values())


def test_a_radio_named_after_its_noun_is_an_outlet():
    ents = {e.name: e.type for e in _entities("Radio Okapi reported the attack in Beni.").values()}
    assert ents.get("Radio Okapi") == "other", ents

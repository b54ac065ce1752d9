"""Names the dictionary does not know, classified by shape and neighbours."""
from __future__ import annotations

import pytest

from ratline.mentions.names import find_names, name_lists
from ratline.mentions.text import tokenize

KNOWN_PLACES = {"Gao", "Menaka", "Tillaberi", "Konduga", "Baidoa"}


def _names(text: str, places=KNOWN_PLACES, covered=()) -> list[tuple[str, str, str | None]]:
    toks = tokenize(text)
    is_place = (lambda name: name in places) if places is not None else None
    return [(text[toks[h.start].start:toks[h.end - 1].end], h.kind, h.title)
            for h in find_names(toks, set(covered), is_place)]


def _kind_of(text: str, name: str, **kw) -> str | None:
    return next((k for n, k, _ in _names(text, **kw) if n == name), None)


# -- people --------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, title", [
    ("Lieutenant Colonel Amira Nasser told reporters in Erbil.", "Amira Nasser", "Lieutenant Colonel"),
    ("Staff Sergeant Juan Ortega was hurt near Tumaco.", "Juan Ortega", "Staff Sergeant"),
    ("Brigadier General Ahmed Bashir Musa met the press.", "Ahmed Bashir Musa", "Brigadier General"),
    ("Sheikh Ahmed bin Salim arrived in Aden.", "Ahmed bin Salim", "Sheikh"),
    ("Mullah Abdul Wahid fled toward Quetta.", "Abdul Wahid", "Mullah"),
    ("Colonel Haidari said the road was open.", "Haidari", "Colonel"),
])
def test_names_title_makes_a_person_and_is_kept(text, name, title):
    assert (name, "person", title) in _names(text)


@pytest.mark.parametrize("text, name, title", [
    ("Gen. David Rodriguez visited Kandahar.", "David Rodriguez", "Gen."),
    ("Lt. Col. Amira Nasser told reporters in Erbil.", "Amira Nasser", "Lt. Col."),
    ("Col. Haidari said the road was open.", "Haidari", "Col."),
])
def test_names_abbreviated_title_makes_a_person(text, name, title):
    hits = [(n, k) for n, k, t in _names(text) if t is not None and t.replace(" ", "").rstrip(".") ==
            title.replace(" ", "").rstrip(".")]
    assert hits == [(name, "person")]


@pytest.mark.parametrize("text, name", [
    ("Police in Mosul named Abu Hamza al-Masri as the suspect.", "Abu Hamza al-Masri"),
    ("The court charged Khalid bin Sa'id with financing.", "Khalid bin Sa'id"),
    ("Witnesses saw Ali bin Hamad al-Marri leave.", "Ali bin Hamad al-Marri"),
    ("Gunmen shot Umm Khalid al-Jabouri at her home.", "Umm Khalid al-Jabouri"),
    ("Fighters loyal to Iyad ag Mohamed withdrew.", "Iyad ag Mohamed"),
])
def test_names_arabic_particles_stay_inside_a_person_name(text, name):
    assert (name, "person", None) in _names(text)


def test_names_trailing_particle_is_not_part_of_the_name():
    assert _names("Sources named Hassan al") == [("Hassan", "single", None)]


# -- organisations ---------------------------------------------------------------------

@pytest.mark.parametrize("text, name, kind", [
    ("Members of the Idris gang were arrested in Kaduna.", "Idris gang", "armed_group"),
    ("The Fajr al Dulaimi gang was dismantled.", "Fajr al Dulaimi gang", "armed_group"),
    ("The Sheibani network smuggled rockets.", "Sheibani network", "armed_group"),
    ("Gunmen of the Sadr City Special Groups Brigade fled.", "Sadr City Special Groups Brigade", "armed_group"),
    ("The Nangarhar Provincial Police sealed the road.", "Nangarhar Provincial Police", "state_force"),
    ("The Ministry of Interior denied it.", "Ministry of Interior", "state_agency"),
    ("The Interior Ministry said 3 people died.", "Interior Ministry", "state_agency"),
])
def test_names_head_noun_makes_an_organisation(text, name, kind):
    assert (name, kind, None) in _names(text)


@pytest.mark.parametrize("text, name, kind", [
    ("The Iraqi Emergency Response Brigade raided the house.", "Iraqi Emergency Response Brigade", "state_force"),
    ("The Emergency Response Brigade raided the house.", "Emergency Response Brigade", "armed_group"),
])
def test_names_nationality_word_turns_a_brigade_into_a_state_force(text, name, kind):
    assert (name, kind, None) in _names(text)


def test_names_a_contracted_hizb_opens_an_organisations_name():
    assert _kind_of("Al-Shabaab and Hizbul Islam have vowed to fight on.", "Hizbul Islam") != "person"


@pytest.mark.parametrize("text, name", [
    ("Troops killed four members of the Free Aceh Movement on Sunday.", "Free Aceh Movement"),
    ("A statement from the Eastern Liberation Front denied it.", "Eastern Liberation Front"),
])
def test_names_an_adjective_opening_an_organisations_name_stays(text, name):
    assert (name, "armed_group", None) in _names(text)


@pytest.mark.xfail(strict=True, reason="'X of Y Brigade': the capitalised run only continues over 'of' when "
                                       "the part before 'of' holds a head noun, so the words before 'of' are cut off")
@pytest.mark.parametrize("text, name", [
    ("Gunmen from the Hawks of Zamfara Brigade raided Anka.", "Hawks of Zamfara Brigade"),
    ("The Martyrs of Gwoza Battalion ambushed a patrol.", "Martyrs of Gwoza Battalion"),
])
def test_names_organisation_name_with_of_before_head_noun(text, name):
    assert (name, "armed_group", None) in _names(text)


# -- facilities and places ---------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Rockets hit Mogadishu Airport on Sunday.", "Mogadishu Airport"),
    ("Mortars landed inside Camp Bastion Airbase.", "Camp Bastion Airbase"),
    ("The prisoners were moved to Kirikiri Prison.", "Kirikiri Prison"),
    ("A bomb exploded near the Saddiqiya Mosque.", "Saddiqiya Mosque"),
    ("A suicide bomber struck at the Interior Ministry in Kabul.", "Interior Ministry"),
    ("A car bomb exploded outside the Defence Ministry.", "Defence Ministry"),
    # a title inside a site's name is the site's ("Imam"), not a person's
    ("A bomb ripped through the Imam Sadiq Mosque during prayers.", "Imam Sadiq Mosque"),
])
def test_names_facility(text, name):
    assert (name, "facility", None) in _names(text)


@pytest.mark.parametrize("text, name", [
    ("Clashes erupted in Menaka on Sunday.", "Menaka"),
    ("Troops pushed toward Konduga at dawn.", "Konduga"),
    ("Clashes erupted in Tillaberi region.", "Tillaberi"),
])
def test_names_place_from_the_gazetteer_callback(text, name):
    assert _kind_of(text, name) == "place"


@pytest.mark.parametrize("text, name, kind", [
    # an unknown two-word name after "in" that ends the clause is a place
    ("Two soldiers were shot in Intan Jaya, Papua.", "Intan Jaya", "place"),
    ("The ambush took place in Intan Jaya.", "Intan Jaya", "place"),
    # after another preposition it stays a person's name
    ("The talks with Hassan Ali, the envoy, failed.", "Hassan Ali", "person"),
])
def test_names_a_name_ending_a_clause_after_in_is_a_place(text, name, kind):
    assert _kind_of(text, name) == kind


def test_names_a_preposition_opening_a_sentence_is_no_part_of_a_name():
    assert not any(n.startswith("Under") for n, _, _ in _names("Under President Barack Obama, strikes rose."))


def test_names_the_mountain_of_x_is_a_place():
    assert _kind_of("Warplanes hit a camp in the mountain of Al Mahfad on Thursday.", "Al Mahfad") == "place"


def test_names_single_word_outside_a_locative_is_left_to_the_finder():
    # a lone capitalised word may be a surname named earlier; the finder decides
    assert _kind_of("Gao was quiet on Monday.", "Gao") == "single"


def test_names_without_gazetteer_an_unknown_town_is_no_place():
    assert _kind_of("Clashes erupted in Menaka on Sunday.", "Menaka", places=None) != "place"


def test_names_two_word_unknown_after_locative_is_not_a_gazetteer_place():
    # the gazetteer does not know it: a capitalised pair stays a (probable) person
    assert _kind_of("Troops arrested Musa Dikko in Gusau.", "Musa Dikko", places={"Gusau"}) == "person"


# -- what is not a name --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "On March 2, troops left.",           # "On" and "March" are stop words (YAML 1.1 read "on" as True)
    "No casualties were reported.",
    "Yes, the convoy left.",
    "Islamist militants attacked.",
    "The Sunni tribesmen fled.",
    "However, Monday was quiet.",
])
def test_names_stop_words_and_ideology_words_are_not_names(text):
    assert [n for n in _names(text) if n[1] != "single"] == []


def test_names_word_lists_are_all_strings():
    # regression: YAML 1.1 reads bare on/no/yes as booleans
    lists = name_lists()
    for words in (lists.stop, lists.particles, lists.facility_heads, lists.locatives):
        assert all(isinstance(w, str) for w in words)
    assert {"on", "no", "yes"} <= lists.stop


def test_names_covered_tokens_are_skipped():
    text = "Hezbollah Brigade fighters entered."
    # tokens 0-1 already claimed by the dictionary
    assert _names(text, covered={0, 1}) == []

"""Where an event happened: the smallest place its clause names, judged by the words the
text writes around each place (its own noun, a distance, a road) and by later sentences
that refer back to it.  Bodies are our own, written for these cases."""
from __future__ import annotations

from ratline.pipeline import extract
from ratline.schema import Document


def _places(body: str) -> list[str | None]:
    """The places of the events, by the words the text wrote for them."""
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2018-08-27")
    ex = extract(doc)
    written = {m.key: m.span.text for m in ex.mentions}
    return [written.get(ev.location) for ev in ex.events if ev.type != "other"]


def test_the_noun_after_a_region_makes_it_wider_than_the_town():
    body = ("Gunmen attacked a police station in Wum in the Anglophone region of North West on "
            "Sunday, killing two officers, officials said.")
    assert _places(body) == ["Wum"]


def test_a_far_reference_point_is_not_the_place():
    body = ("Rebels attacked an army patrol in a rural area of Cauca department about 700 kilometers "
            "south of Bogota on Sunday, killing six soldiers.")
    assert _places(body) == ["Cauca"]


def test_a_near_reference_point_still_places_the_event():
    body = ("Militants ambushed a supply convoy about 15 kilometres west of Boni on Sunday, on the "
            "road that links Sevare with Gao, killing nine soldiers.")
    places = _places(body)
    assert places and places[0] != "Gao"


def test_a_later_reference_narrows_a_country_to_a_town():
    body = ("At least three police officers were injured in south-western Nepal on Sunday after an "
            "attack by Maoist rebels.\n\nThe attack targeted a police post in the town of "
            "Dhangadhi, some 600km west of the capital.")
    assert _places(body) == ["Dhangadhi"]


def test_a_later_reference_does_not_move_a_town_already_named():
    body = ("Rebels attacked a police post in Dhangadhi on Sunday, killing two officers.\n\n"
            "The attack was the largest since the truce ended in Kathmandu.")
    assert _places(body) == ["Dhangadhi"]


def test_the_owner_in_a_possessive_is_wider_than_what_it_owns():
    body = "Troops captured four militants during a raid in Baghdad's Adhamiyah district on Sunday."
    assert _places(body) == ["Adhamiyah"]


def test_an_arrest_of_suspects_in_an_attack_is_an_event_of_its_own():
    body = ("Gunmen stormed a train near Mach on Tuesday, killing 26 passengers.\n\n"
            "On Wednesday police in Quetta said they had arrested 11 men suspected of helping to plan the attack.")
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2025-03-13")
    types = sorted(ev.type for ev in extract(doc).events)
    assert "arrest" in types and len(types) == 2


def test_figures_naming_a_town_on_the_road_join_the_attack_and_place_it():
    body = ("Rebels killed 20 soldiers in attacks on two checkpoints on the main road from Hama to the "
            "city of Aleppo on Thursday, a monitor said.\n\nFour rebels were also killed in the attacks "
            "near the town of Saraqeb, the monitor said.")
    assert _places(body) == ["Saraqeb"]


def test_a_place_written_in_another_is_the_smaller():
    body = ("Soldiers killed twelve fighters in a gun battle in Talitay town in Maguindanao on Monday, "
            "the army said.")
    assert _places(body) == ["Talitay"]


def test_a_name_opened_by_a_village_word_is_a_village():
    body = ("Soldiers killed twelve fighters in a gun battle in Talitay town in Maguindanao on Monday, "
            "the army said.\n\nThe general said the clash broke out when troops met the group in "
            "Barangay Kitango.")
    assert _places(body) == ["Barangay Kitango"]


def test_a_dateline_town_places_an_event_named_only_by_its_country():
    body = ("June 3, 2009\n\nMOGADISHU (Wire) - Three soldiers died in fighting with insurgents in "
            "Somalia on Tuesday, officials said.\n\nThe fighting lasted two hours.")
    assert _places(body)[0].lower() == "mogadishu"


def test_a_dateline_does_not_move_a_town_the_sentence_names():
    body = ("June 3, 2009\n\nMOGADISHU (Wire) - Three soldiers died in fighting with insurgents in "
            "Kismayo on Tuesday, officials said.")
    assert _places(body)[0] == "Kismayo"


def test_a_place_that_reports_is_not_where_it_happened():
    body = ("At least 36 soldiers were killed on Monday in clashes with Islamic State forces. "
            "Misrata Central Hospital reported that it had received 39 bodies and 80 wounded.")
    assert "Misrata Central Hospital" not in _places(body)


def test_where_the_wounded_were_taken_is_not_where_it_happened():
    body = "Two officers were wounded in a bomb attack on Sunday and were rushed to Kirkuk for treatment."
    assert _places(body) == [None]


def test_event_places_where_a_train_was_bound_is_not_where_it_happened():
    from ratline.pipeline import extract
    from ratline.schema import Document
    body = "The train, bound for Peshawar with 440 people on board, was attacked on Tuesday by gunmen."
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2025-03-13"))
    assert ex.events and all(e.location != "place_peshawar" for e in ex.events)


def test_a_later_sentence_naming_a_village_inside_the_town_narrows_the_place():
    # neither place is in the gazetteer: the text itself sets the village inside the township
    body = ("Gunmen attacked a border guard post in Maungtaw on 16 January, killing four police. "
            "The post was attacked by some 10 ARSA fighters near a bridge in Watkyein Village in "
            "Maungtaw Township.")
    assert _places(body) == ["Watkyein Village"]


def test_a_later_unknown_place_not_set_inside_the_first_does_not_move_it():
    body = ("Gunmen attacked a border guard post in Maungtaw on 16 January, killing four police. "
            "The post was attacked by some 10 ARSA fighters who had come from Kyauktaw.")
    assert _places(body) == ["Maungtaw"]


def test_a_town_that_was_bombed_is_the_place_without_a_locative():
    assert _places("Russian warplanes bombed Gori on Tuesday, killing five civilians.") == ["Gori"]


def test_the_force_that_just_acted_says_where_the_act_was():
    body = ("Afghan and coalition forces detained seven suspected militants during a combined operation in "
            "Khost province on Wednesday. The combined force searched a compound in Mando Zayi district, "
            "officials said.")
    assert _places(body) == ["Mando Zayi"]


def test_another_subject_does_not_move_the_act():
    body = ("Afghan and coalition forces detained seven suspected militants during a combined operation in "
            "Khost province on Wednesday. The governor opened a school in Mando Zayi district, officials said.")
    assert _places(body) == ["Khost"]


def test_a_town_that_only_names_a_road_is_not_where_it_happened():
    body = ("Traders travel every week between Macomia and Oasse. On Thursday insurgents kidnapped 14 "
            "passengers from a minibus on the Oasse road, officials said.")
    assert "Oasse" not in _places(body)


def test_a_numbered_unit_s_base_they_came_from_is_not_the_place():
    body = ("The car carrying police from No.2 Border Guard Police Headquarters was attacked by gunmen on "
            "Wednesday near a bridge in Watkyein Village in Maungtaw Township.")
    assert _places(body) == ["Watkyein Village"]

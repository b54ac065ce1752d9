"""Events end to end through ``ratline.pipeline.extract``: one per happening the body reports.

These pin behaviour contracts (how many events, of which type, when, where, with which
figures), not how the extractor gets there.
"""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document, Extraction

PUBLISHED = "2011-03-05"          # a Saturday


def run(body: str, published: str | None = PUBLISHED) -> Extraction:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published=published)
    ex = extract(doc)
    for ev in ex.events:
        assert body[ev.span.start:ev.span.end] == ev.quote
        assert ev.location is None or ev.location in {e.id for e in ex.entities}
    return ex


def _figs(ev):
    return (ev.killed_low, ev.killed_best, ev.killed_high, ev.wounded, ev.captured)


# -- one dated event ---------------------------------------------------------------------------

@pytest.mark.parametrize("body, etype, date, precision, location, country, figs", [
    ("Afghan commandos raided a Taliban compound in Kandahar on March 2 and killed 4 insurgents "
     "and detained 3 others.",
     "raid", "2011-03-02", "day", "place_kandahar", "AF", (4, 4, 4, None, 3)),
    ("Nigerian troops raided a Boko Haram camp in Bama on Feb. 27 and killed 14 insurgents.",
     "raid", "2011-02-27", "day", "place_bama", "NG", (14, 14, 14, None, None)),
    # a weekday resolved against the publication date
    ("Iraqi police raided a house in Baqubah on Tuesday and detained 5 suspects.",
     "raid", "2011-03-01", "day", "place_baqubah", "IQ", (None, None, None, None, 5)),
    ("A US drone strike killed 7 al-Shabaab fighters near Jilib on Sunday.",
     "airstrike", "2011-02-27", "day", "place_jilib", "SO", (7, 7, 7, None, None)),
    ("JNIM fighters ambushed a Malian army convoy near Gao on Friday, and 9 soldiers were killed and 5 wounded.",
     "armed_clash", "2011-03-04", "day", "place_gao", "ML", (9, 9, 9, 5, None)),
    # month precision
    ("Kenyan troops raided an al-Shabaab base near Kismayo in January and killed 8 fighters.",
     "raid", "2011-01-01", "month", "place_kismayo", "SO", (8, 8, 8, None, None)),
    ("A roadside bomb exploded in Baqubah on Feb. 20 and killed 2 policemen.",
     "ied_attack", "2011-02-20", "day", "place_baqubah", "IQ", (2, 2, 2, None, None)),
])
def test_events_dated_event_in_named_town(body, etype, date, precision, location, country, figs):
    ex = run(body)
    (ev,) = ex.events
    assert ev.type == etype
    assert (ev.date, ev.date_precision) == (date, precision)
    assert ev.location == location
    assert ev.country == country
    assert ev.latitude is not None and ev.longitude is not None
    assert _figs(ev) == figs


def test_events_actors_and_targets():
    (ev,) = run("Afghan commandos raided a Taliban compound in Kandahar on March 2 and killed 4 insurgents.").events
    assert ev.actors == ["afghan_commandos"]
    assert ev.targets == ["taliban"]


def test_events_figures_not_stated_stay_none():
    (ev,) = run("Somali troops raided an al-Shabaab hideout in Baidoa on Monday.").events
    assert _figs(ev) == (None, None, None, None, None)


def test_events_undated_lead_event_gets_publication_week():
    (ev,) = run("Nigerian troops raided a Boko Haram camp in Bama and killed 14 insurgents.").events
    assert (ev.date, ev.date_precision) == (PUBLISHED, "week")
    assert "publication" in ev.basis


def test_events_a_date_in_a_clause_about_someone_else_is_not_the_events():
    body = ("Iraqi troops raided a house in Mosul, arresting a bomb maker who fled Kirkuk after police "
            "seized two of his aides there on February 2.")
    (ev,) = [e for e in run(body).events if e.type in ("raid", "arrest")]
    assert ev.date != "2011-02-02"


def test_events_a_date_in_a_clause_on_the_act_itself_is_kept():
    body = "Rebels captured a hill outpost near Bama after a two-day assault that ended on March 2, officials said."
    assert [e.date for e in run(body).events if e.type != "other"] == ["2011-03-02"]


def test_events_armed_group_arresting_is_a_kidnapping():
    (ev,) = run("Al-Shabaab fighters arrested 3 aid workers in Baidoa on Monday.").events
    assert ev.type == "kidnapping"
    assert ev.actors == ["al_shabaab"]
    assert ev.captured == 3


# -- same happening, one event -------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    # a definite follow-up in the same paragraph
    "Nigerian troops raided a Boko Haram camp in Bama on Feb. 27 and killed 14 insurgents. "
    "The raid left 3 soldiers wounded.",
    # ... and in the next paragraph
    "Iraqi police raided a house in Baqubah on Tuesday and detained 5 suspects.\n\n"
    "The raid also netted a cache of rifles, police said.",
    # the same raid told again with its figures
    "Afghan commandos raided a Taliban compound in Kandahar on March 2 and killed 4 insurgents. "
    "Afghan commandos killed 4 insurgents and detained 3 others in the raid, officials said.",
    # a Colombian operation followed up by "the operation"
    "Colombian troops raided a FARC camp in Tumaco on Feb. 14 and killed 6 guerrillas.\n\n"
    "The operation was the largest in Narino this year, the army said.",
])
def test_events_same_raid_reported_twice_is_one_event(body):
    assert len(run(body).events) == 1


def test_events_follow_up_figures_join_the_event():
    body = ("Nigerian troops raided a Boko Haram camp in Bama on Feb. 27 and killed 14 insurgents. "
            "The raid left 3 soldiers wounded.")
    (ev,) = run(body).events
    assert (ev.killed_best, ev.wounded) == (14, 3)
    assert ev.date == "2011-02-27"


def test_events_disagreeing_sources_widen_the_range():
    body = ("Afghan troops raided a compound in Kandahar on March 2 and killed 9 insurgents, the Afghan army said. "
            "Village elders said 14 people were killed in the raid.")
    ex = run(body)
    (ev,) = ex.events
    assert (ev.killed_low, ev.killed_best, ev.killed_high) == (9, 9, 14)
    (conflict,) = ex.conflicts
    assert conflict.about == ev.id
    assert len(conflict.claims) == 2


# -- different happenings ---------------------------------------------------------------------------

@pytest.mark.parametrize("body, dates", [
    ("Kenyan troops raided an al-Shabaab base in Kismayo on Feb. 12 and killed 8 fighters.\n\n"
     "On Feb. 25 Kenyan troops raided a second base in Kismayo and detained 11 suspects.",
     ["2011-02-12", "2011-02-25"]),
    ("US forces raided a compound in Kandahar on Feb. 20. On March 1 US forces raided another compound "
     "in Kandahar and killed 2 militants.",
     ["2011-02-20", "2011-03-01"]),
    ("A roadside bomb exploded in Baqubah on Feb. 20 and killed 2 policemen. In a separate incident, "
     "gunmen attacked a checkpoint in Mosul on Feb. 22 and killed 3 soldiers.",
     ["2011-02-20", "2011-02-22"]),
])
def test_events_raids_on_different_dates_are_two_events(body, dates):
    ex = run(body)
    assert [ev.date for ev in ex.events] == dates


@pytest.mark.parametrize("body, count", [
    ("Somali troops carried out two raids near Baidoa on Monday.", 2),
    ("US forces conducted three raids in Kandahar on Feb. 20, detaining 9 suspects.", 3),
    ("Iraqi police conducted a raid in Mosul on Monday.", 1),
])
def test_events_counted_raids_give_that_many_events(body, count):
    ex = run(body)
    assert len(ex.events) == count
    assert len({ev.id for ev in ex.events}) == count
    assert {ev.type for ev in ex.events} == {"raid"}
    assert len({ev.date for ev in ex.events}) == 1


def test_events_vague_plural_raids_give_no_count():
    ex = run("Iraqi forces have carried out several raids in Diyala in recent months.")
    assert len(ex.events) <= 1


# -- not events --------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "The Taliban threatened to attack polling stations in Kandahar.",
    "The hostages will be released next week, a mediator in Maiduguri said.",
    "Boko Haram vowed to kidnap more schoolgirls in Borno.",
    "The ELN said it would release three soldiers if the army withdrew from Arauca.",
    "Al-Shabaab plans to attack the base at Leego, officials warned.",
    "Negotiators sought to secure the release of the hostages held in Gao.",
    '"We will soon commence with an all-out attack on oil installations in the Niger Delta," the group said.',
])
def test_events_hypothetical_is_no_event(body):
    assert run(body).events == []


@pytest.mark.parametrize("body", [
    "Gunmen threatened to kill 12 hostages in Kidal on Thursday.",
    "The joint force went into the village of Jelawur on Thursday to capture a Taliban commander.",
    "Rebels would use machetes to kill villagers in Beni, a report warned on Thursday.",
])
def test_events_infinitive_of_purpose_or_threat_is_no_event(body):
    # "went into" is an entry (a raid) of its own; the capture it was for is not an arrest
    assert [e.type for e in run(body).events if e.type not in ("other", "raid")] == []


@pytest.mark.parametrize("body, etype", [
    ("Suspected rebels used machetes to kill at least 12 civilians in Beni on Thursday.", "armed_clash"),
    ("Commandos went on to raid a compound in Kandahar on Thursday.", "raid"),
    ("Police managed to arrest the commander in Kandahar on Thursday.", "arrest"),
])
def test_events_infinitive_under_a_verb_of_doing_is_the_act(body, etype):
    events = run(body).events
    assert [(e.type, e.date) for e in events] == [(etype, "2011-03-03")]


def test_events_the_killings_in_a_village_narrow_the_place():
    body = ("Suspected rebels used machetes to kill at least 12 civilians on Thursday in eastern Congo. "
            "The rebels carried out the killings in the village of Mamabio, north of Beni, an official said.")
    [event] = run(body).events
    assert event.location == "place_mamabio" and event.killed_best == 12


@pytest.mark.parametrize("body", [
    "The army issued a press release on Monday praising its troops in Borno.",
    "The Nigerian army issued a news release about its operations in Borno on Monday.",
])
def test_events_press_release_is_not_a_release(body):
    assert [ev for ev in run(body).events if ev.type == "release"] == []


def test_events_hostages_freed_is_a_release():
    (ev,) = run("Kidnappers released 4 oil workers in Port Harcourt on Feb. 28.").events
    assert ev.type == "release"
    assert ev.date == "2011-02-28"


def test_events_released_a_statement_is_not_a_release():
    ex = run("The Taliban released a statement in Kandahar on Sunday denying involvement.")
    assert [ev for ev in ex.events if ev.type == "release"] == []


@pytest.mark.xfail(strict=True, reason="events: victims named before the trigger ('Over 20 Taliban fighters were "
                                       "killed ... when Afghan troops raided') are taken as the actors")
def test_events_passive_victims_are_targets():
    (ev,) = run("Over 20 Taliban fighters were killed when Afghan troops raided a compound in Kandahar "
                "on March 1.").events
    assert (ev.type, ev.killed_low, ev.killed_best) == ("raid", 20, 20)
    assert "taliban" in ev.targets and "taliban" not in ev.actors


def test_events_group_opening_an_untriggered_attack_is_the_actor():
    (ev,) = run("ELN guerrillas attacked a police station in Tame on Feb. 12 and killed 3 officers.").events
    assert ev.actors == ["eln"]
    assert (ev.date, ev.killed_best, ev.location) == ("2011-02-12", 3, "place_tame")


# -- acts that follow from an event, and events referred back to ---------------------------------

def test_events_act_forced_by_an_operation_takes_its_date():
    body = ("Government troops launched an offensive against the Allied Democratic Forces in Beni in March 2021. "
            "The offensive forced the ADF to agree to a cease-fire.")
    ex = run(body)
    other = [e for e in ex.events if e.type == "other"]
    assert other and other[0].date is not None and other[0].date.startswith("2021-03")


def test_events_statement_with_no_cause_keeps_no_date():
    ex = run("The ADF announced a cease-fire in Beni.", published=None)
    assert [e.type for e in ex.events] == ["other"]          # the statement is there to be checked
    assert all(e.date is None for e in ex.events if e.type == "other")


def test_events_an_ambush_attributed_later_is_the_same_ambush():
    body = ("Gunmen ambushed a police convoy near Apatzingan on Tuesday, killing eight officers. "
            "A state spokesman said on Wednesday that the ambush had been carried out by a cell of the CJNG "
            "fighting for control of the valleys of Tierra Caliente.")
    ex = run(body)
    assert len([e for e in ex.events if e.type != "other"]) == 1


def test_events_region_is_not_picked_over_the_town_inside_it():
    body = "RSF fighters overran the town of Umm Kadada in North Darfur on Saturday, killing 40 people."
    ex = run(body, published="2023-12-04")
    assert [e.location for e in ex.events if e.type != "other"] == ["place_umm_kaddadah"]


def test_events_place_in_a_remembered_event_is_not_this_events_place():
    body = ("Fighters overran Umm Kadada on Saturday, killing 40 people. "
            "The fighting has revived memories of the killings in West Darfur earlier in the year.")
    ex = run(body, published="2023-12-04")
    assert all(e.location != "place_west_darfur" for e in ex.events)


# -- towns taken, people seized, and when -------------------------------------------------------

def _core(ex):
    return [e for e in ex.events if e.type != "other"]


def test_events_a_named_town_entered_by_force_is_a_clash():
    ex = run("M23 fighters entered Goma on January 27 after a lightning advance.", published="2025-03-03")
    assert [(e.type, e.location, e.date) for e in _core(ex)] == [("armed_clash", "place_goma", "2025-01-27")]


def test_events_a_person_captured_is_no_town_taken():
    ex = run("Troops captured Abdul Rahim Haqqani near Khost on Monday.", published="2011-03-09")
    assert all(e.type != "armed_clash" for e in ex.events)


def test_events_people_seized_in_the_passive_are_kidnapped_and_counted():
    ex = run("The two soldiers were seized on January 23 at a guerrilla roadblock near El Tarra.",
             published="2025-02-10")
    assert [(e.type, e.date, e.captured) for e in _core(ex)] == [("kidnapping", "2025-01-23", 2)]


def test_events_one_officer_taken_is_one_captive():
    ex = run("The police officer was taken off a bus in Teorama on February 1.", published="2025-02-10")
    assert [e.captured for e in _core(ex)] == [1]


def test_events_of_that_year_is_the_year_last_named():
    body = ("In late October 2023 gunmen seized Luis Manuel Diaz in Barrancas. The case caused outrage, and the "
            "guerrillas freed him on November 9 of that year.")
    ex = run(body, published="2025-02-10")
    assert "2023-11-09" in [e.date for e in ex.events]


def test_events_an_arrest_dated_only_by_its_announcement_takes_that_week():
    ex = run("Police said on Friday they had arrested 12 suspected gang members in Uraba.", published="2025-02-10")
    assert [(e.date, e.date_precision) for e in _core(ex)] == [("2025-02-07", "week")]


def test_events_a_second_strike_is_another_event_the_same_day():
    body = ("An Israeli drone struck a car near Nabatieh on Monday, killing two people. "
            "Hours later a second strike hit a motorcycle on the outskirts of Aitaroun, killing its rider.")
    ex = run(body, published="2025-04-15")
    strikes = _core(ex)
    assert len(strikes) == 2
    assert strikes[0].date == strikes[1].date == "2025-04-14"
    assert strikes[1].location == "place_aitaroun" and strikes[1].killed_best == 1


def test_events_who_reports_an_event_after_it_is_not_its_target():
    ex = run("In February, a strike near Jamaame killed more than 20 militants, AFRICOM said.", published="2021-03-05")
    assert _core(ex)
    assert all("africom" not in e.targets for e in ex.events)


def test_events_a_states_drone_is_its_armed_forces_acting():
    ex = run("An Israeli drone struck a car near Nabatieh on Monday, killing two people.", published="2025-04-15")
    assert [e.actors for e in _core(ex)] == [["idf"]]
    assert "idf" in {e.id for e in ex.entities}


def test_events_a_backer_named_in_a_modifier_is_no_party():
    ex = run("Pro-government militiamen attacked positions held by the Rwanda-backed M23 near Sake on Saturday, "
             "killing 11 rebels.", published="2025-03-03")
    assert _core(ex)
    assert all("rwanda" not in e.actors + e.targets for e in ex.events)


def test_events_its_fighters_act_for_the_group_named_before():
    body = ("Viv Ansanm grew out of a truce between rival gangs. In early March 2024 its fighters stormed the "
            "National Penitentiary in Port-au-Prince.")
    ex = run(body, published="2025-05-09")
    assert any("viv_ansanm" in e.actors for e in _core(ex))


def test_events_a_suicide_bombing_is_no_airstrike():
    ex = run("Its suicide bombing at Quetta railway station on November 9 killed at least 26 people.",
             published="2024-12-27")
    assert [e.type for e in _core(ex)] == ["ied_attack"]


def test_events_rockets_fired_at_a_town_are_a_rocket_attack():
    ex = run("On March 22, rockets were fired from southern Lebanon toward the border town of Metula.",
             published="2025-04-15")
    assert [e.type for e in _core(ex)] == ["rocket_mortar_attack"]


def test_events_a_town_seized_by_name_is_a_place_taken():
    ex = run("In August 2023 Fano fighters briefly seized Lalibela, the town of rock churches.", published="2025-04-08")
    assert [(e.type, e.location) for e in _core(ex)] == [("armed_clash", "place_lalibela")]


def test_events_a_press_office_that_reports_is_no_party():
    body = "ISPR said troops had killed six militants in an operation near Mir Ali in North Waziristan on Wednesday."
    ex = run(body, published="2024-12-27")
    ev = _core(ex)
    assert len(ev) == 1 and ev[0].location == "place_mir_ali"
    assert all("ispr" not in e.actors + e.targets for e in ev)


def test_events_an_act_dated_relative_to_another_is_not_that_event():
    body = ("American warplanes struck eight targets near Sanaa airport late on Monday. Hours before the raids, "
            "a Houthi spokesman said the group had fired missiles at a US tanker in the Red Sea.")
    ex = run(body, published="2024-01-23")
    assert sorted(e.type for e in _core(ex)) == ["airstrike", "rocket_mortar_attack"]


def test_events_a_group_named_before_the_killing_verb_is_its_actor():
    ex = run("In November, Lakurawa fighters killed at least 15 people in Mera, a village in Kebbi.",
             published="2025-01-30")
    assert [e.actors for e in _core(ex)] == [["lakurawa"]]


def test_events_an_event_in_a_leading_time_clause_only_times_the_act():
    body = ("Gunmen ambushed a convoy near Tibu on Monday, killing four soldiers. Hours after the ambush, "
            "troops arrested five suspects in El Tarra.")
    ex = run(body, published="2025-02-10")
    assert "arrest" in [e.type for e in ex.events]


def test_events_a_drone_hitting_people_fleeing_the_fighting_is_its_own_strike():
    body = ("The federal army said it had driven Fano militiamen out of Mota on Sunday, April 6, after a day of "
            "fighting in which 14 people were killed. On the road out of Mota on Sunday afternoon, a military drone "
            "hit a minibus carrying people who were fleeing the fighting, killing nine.")
    ex = run(body, published="2025-04-08")
    assert sorted(e.type for e in _core(ex)) == ["airstrike", "armed_clash"]


def test_events_a_comment_on_the_bombing_is_no_new_bombing():
    body = ("On the morning of December 3, a bomb went off inside a university gymnasium in Marawi during Mass, "
            "killing four people. The bombing is an embarrassment for the regional government, which will face "
            "its first elections in 2025.")
    ex = run(body, published="2023-12-12")
    assert [(e.type, e.date) for e in _core(ex)] == [("ied_attack", "2023-12-03")]


def test_events_places_in_an_as_clause_are_context_not_the_target():
    body = ("American and British warplanes struck eight targets in Yemen late on Monday, as the Houthis kept up "
            "their campaign against shipping in the Red Sea and the Gulf of Aden.")
    ex = run(body, published="2024-01-23")
    assert [e.location for e in _core(ex)] == ["place_yemen"]


def test_events_talks_suspended_and_terror_listings_are_political_events():
    body = ("The government of President Gustavo Petro suspended peace talks with the ELN on January 17. "
            "On January 17 the US State Department said it would again list the Houthi movement as a Specially "
            "Designated Global Terrorist group.")
    ex = run(body, published="2025-02-10")
    assert [e.type for e in ex.events].count("other") == 2


def test_events_an_event_told_without_a_place_is_placed_in_the_reports_town():
    body = ("A car bomb exploded outside the courthouse in Derry on Saturday night. Police in Derry said the "
            "van had been hijacked. Two men were arrested on Sunday.")
    events = {e.type: e for e in run(body).events}
    assert events["arrest"].location == "place_derry"
    assert "placed in the town the report is about" in events["arrest"].basis
    assert events["arrest"].where_precision == 2       # the town's own is 1: inferred, so near it


def test_events_a_report_naming_no_town_leaves_the_place_unknown():
    body = "Two men were arrested on Sunday, police said."
    [event] = run(body).events
    assert event.location is None


def test_events_an_act_told_as_days_after_another_is_its_own_event_dated_back():
    body = ("Thursday's clash in Marawi came three days after army troops also clashed with Maute fighters "
            "in Pagawayan town, leaving two fighters dead.")
    events = sorted(run(body).events, key=lambda e: e.date)
    assert [(e.type, e.date, e.location) for e in events] == [
        ("armed_clash", "2011-02-28", "place_pagawayan"), ("armed_clash", "2011-03-03", "place_marawi_city")]


def test_events_weeks_before_dates_to_the_week():
    body = "The raid in Kandahar on Thursday came two weeks after police arrested five men in Kabul."
    arrest = next(e for e in run(body).events if e.type == "arrest")
    assert (arrest.date, arrest.date_precision) == ("2011-02-17", "week")


def test_events_just_days_after_dates_the_earlier_act_to_the_week():
    body = ("Six soldiers were killed on Thursday in an attack by guerrillas in Cauca. The attack came just "
            "days after the rebels released six hostages to a church group.")
    release = next(e for e in run(body).events if e.type == "release")
    assert (release.date, release.date_precision) == ("2011-02-28", "week")


def test_events_a_long_paragraph_a_crawl_cut_short_is_still_read():
    body = ("Rebels killed two soldiers in Cauca on Monday, officials said.\n\nThe guerrillas hurled grenades "
            "and fired automatic rifles as they attacked an army patrol in a rural area of Cauca about 700 "
            "kilometers south of the capital, a source with the brigade told\n\nThe army is investigating.")
    [event] = run(body).events
    assert "attacked" in event.basis


def test_events_the_attack_attributed_again_with_a_day_dates_it():
    body = ("Two soldiers were shot by guerrillas in an ambush near Sugapa. "
            "The shooting was carried out by the guerrillas on Thursday, a spokesman said.")
    [event] = run(body).events
    assert event.date == "2011-03-03" and "its date from 'The shooting'" in event.basis


def test_events_driven_from_a_place_happened_there():
    body = "Al-Shabaab fighters were driven from Kismayo by Kenyan troops on Thursday."
    [event] = run(body).events
    assert (event.type, event.location) == ("armed_clash", "place_kismayo")


def test_events_who_carried_out_an_attack_counts_no_operations():
    """"Two suicide bombers killed 15": one attack; "two blasts" would be two."""
    ex = run("Two suicide bombers killed 15 people at a rock festival in Moscow on July 5, 2003.")
    assert [(e.type, e.killed_best) for e in ex.events] == [("ied_attack", 15)]


def test_events_nobody_taken_is_no_event():
    """"No Russian instructor has been either captured or killed": a denial, not an act."""
    ex = run("No Russian instructor has been either captured or killed in the Central African Republic, "
             "the ambassador said on Friday.")
    assert ex.events == []


@pytest.mark.parametrize("body", [
    "The US military has stepped up air strikes over the last year in Somalia.",
    "The army intensified its raids on rebel camps in the north last year.",
])
def test_events_a_trend_in_operations_is_no_event(body):
    assert run(body).events == []


@pytest.mark.parametrize("body", [
    "Officials said similar attacks on police posts near Gao had killed dozens in 2019.",
    "Residents said such raids on the camp near Bama were common in 2015.",
])
def test_events_acts_named_as_other_than_the_one_reported_are_no_event(body):
    assert [e for e in run(body).events if e.type != "other"] == []


def test_events_an_attack_without_an_actor_takes_the_only_armed_group_around_it():
    one = run("Al-Shabaab has vowed to drive the peacekeepers out. At least 30 peacekeepers were killed "
              "on Friday after a major attack on the AU base near Leego.")
    assert [e.actors for e in one.events if e.type != "other"] == [["al_shabaab"]]
    two = run("Al-Shabaab and Boko Haram have both vowed to drive the peacekeepers out. At least 30 peacekeepers "
              "were killed on Friday after a major attack on the AU base near Leego.")
    assert [e.actors for e in two.events if e.type != "other"] == [[]]


def test_events_an_arrest_without_an_actor_takes_the_only_state_force_around_it():
    ex = run("Kenyan police said on Monday the suspects had planned an attack in Nairobi. Two men "
             "were detained early on Sunday in Mombasa.")
    arrests = [e for e in ex.events if e.type == "arrest"]
    assert arrests and all(len(e.actors) == 1 and "police" in e.actors[0] for e in arrests), \
        [(e.type, e.actors) for e in ex.events]


def test_events_a_day_told_by_the_sentence_before_dates_the_event():
    ex = run("Special forces scored a major victory in Mosul on Thursday. Troops killed the group's emir "
             "during a raid on a safe house.")
    [ev] = [e for e in ex.events if e.type != "other"]
    assert ev.date == "2011-03-03" and ev.killed_best == 1 and "dated by the sentence before" in ev.basis


def test_events_a_day_two_sentences_back_or_in_another_paragraph_does_not_carry():
    ex = run("Special forces scored a major victory in Mosul on Thursday.\n\nTroops killed the group's emir "
             "during a raid on a safe house.")
    assert all(e.date != "2011-03-03" for e in ex.events)


def test_events_people_taken_away_is_an_arrest_with_its_count():
    ex = run("In Goma, the city the rebels have held since January, fighters went from house to house on "
             "Thursday and took away 37 young men accused of links to the militias.")
    [ev] = ex.events
    assert (ev.type, ev.date, ev.captured) == ("arrest", "2011-03-03", 37)


def test_events_a_tie_to_a_named_group_is_no_background_clause():
    ex = run("Coalition forces have claimed the capture of a propaganda specialist suspected to be linked to "
             "Hizbullah Brigades early Thursday morning in a Baghdad neighbourhood.")
    [ev] = ex.events
    assert (ev.type, ev.date, ev.location) == ("arrest", "2011-03-03", "place_baghdad")


def test_events_shot_dead_is_a_killing_with_its_count():
    [ev] = run("Police shot dead a suspected insurgent at a checkpoint in Kirkuk on Thursday.").events
    assert (ev.type, ev.date, ev.killed_best, ev.location) == ("armed_clash", "2011-03-03", 1, "place_kirkuk")


def test_events_an_arrest_in_connection_with_a_bombing_is_an_arrest():
    ex = run("Police arrested three suspects on Thursday in connection with the bombing of a market in Kano.")
    assert [(e.type, e.captured) for e in ex.events] == [("arrest", 3)]


def test_events_those_wounded_by_a_bomb_are_its_targets_not_its_actors():
    [ev] = run("Two police officers were wounded when a roadside bomb exploded near their patrol in Kirkuk "
               "on Thursday.").events
    assert ev.type == "ied_attack" and not ev.actors and ev.targets and ev.wounded == 2


def test_events_a_date_in_a_participle_describing_the_victims_is_not_the_events():
    ex = run("Kidnappers freed 30 students abducted from a school in Kaduna state last week.")
    assert [e.type for e in ex.events] == ["release"] and ex.events[0].date != "2011-02-21"


def test_events_a_missile_fired_at_a_target_is_an_attack():
    [ev] = run("Houthi rebels fired a ballistic missile at a commercial ship in the Red Sea on Thursday.").events
    assert (ev.type, ev.date) == ("rocket_mortar_attack", "2011-03-03") and ev.actors


def test_events_a_district_centre_captured_is_a_battle_for_a_place_not_a_capture():
    [ev] = run("The Taliban said its fighters had captured the district centre of Nad Ali after clashes with "
               "Afghan forces on Thursday.").events
    assert (ev.type, ev.captured, ev.location) == ("armed_clash", None, "place_nad_ali")


def test_events_a_forces_men_named_and_then_seized_is_a_kidnapping():
    # "soldiers" is a mention of the country's army here, so the words around it are masked:
    # the trigger reads "⟦The two soldiers⟧ were seized" as well as the bare words
    ex = run("Guerrillas stopped traffic in Colombia. The two soldiers were seized on January 23 at a "
             "roadblock near El Tarra while travelling home on leave.")
    kidnappings = [e for e in ex.events if e.type == "kidnapping"]
    assert len(kidnappings) == 1 and kidnappings[0].date == "2011-01-23" and kidnappings[0].captured == 2


# -- an act with no date words of its own ----------------------------------------------------

def test_events_an_undated_act_told_after_a_dated_one_takes_its_day():
    body = ("Two suicide bombers struck the main airport in Zaventem on Tuesday, killing 11 people. "
            "Another explosion ripped through the Maalbeek metro station, killing 20 people.")
    ex = run(body, published="2016-03-23")
    assert [(e.date, e.date_precision) for e in ex.events] == [("2016-03-22", "day"), ("2016-03-22", "day")]
    assert "takes its day" in ex.events[1].basis


def test_events_an_undated_act_never_takes_the_day_of_an_act_told_after_it():
    body = ("Gunmen attacked a checkpoint near Kismayo, killing three soldiers. "
            "In a separate incident, troops ambushed al-Shabaab fighters near Jilib on Tuesday, killing nine.")
    ex = run(body)
    assert [(e.date, e.date_precision) for e in ex.events] == [(PUBLISHED, "week"), ("2011-03-01", "day")]


def _undated_page(body: str, url: str | None) -> Extraction:
    return extract(Document(doc_id="t", name="t.txt", source=url or "t", title=None, body=body, url=url))


def test_a_month_inferred_from_the_body_is_no_publication_month():
    # "December 2009" only bounds publication from below: "Saturday" may be any later one
    body = ("Gunmen ambushed an army patrol near Wum on Saturday, killing two soldiers, officials said. "
            "The region has seen attacks since December 2009.")
    ex = _undated_page(body, None)
    assert ex.document.published_precision == "month"
    ambush = [ev for ev in ex.events if ev.type != "other"]
    assert [ev.date for ev in ambush] == [None]


@pytest.mark.parametrize("body", [
    "The rebels reported an estimated 290 clashes with army units in the two states in November, killing about 330 soldiers.",
    "Security forces carried out at least 24 airstrikes on rebel positions in the province in March.",
])
def test_a_count_of_operations_is_a_statistic_not_an_event(body):
    assert [ev.type for ev in run(body).events if ev.type != "other"] == []


def test_freeing_people_is_a_release():
    ex = run("The army ended the siege of the school on Tuesday, freeing 19 hostages held by the rebels.")
    assert [ev.type for ev in ex.events] == ["release"]


def test_gunmen_who_shoot_a_counted_group_carry_out_an_attack():
    ex = run("Gunmen stopped traffic on a highway near Musakhel on Monday and shot 23 passengers.")
    assert [ev.type for ev in ex.events] == ["armed_clash"]
    assert ex.events[0].killed_best is None          # shot is not said to be killed


def test_a_verbless_second_count_with_its_own_act_is_a_second_event():
    ex = run("Four soldiers were killed in clashes near Kidal in 2008 and three more in a gunbattle last April.")
    assert [(ev.date, ev.date_precision, ev.killed_best) for ev in ex.events] == [
        ("2008-01-01", "year", 4), ("2010-04-01", "month", 3)]
    assert ex.events[0].location == ex.events[1].location is not None     # told beside it, placed with it


def test_a_second_count_of_the_same_act_is_no_second_event():
    ex = run("Four soldiers were killed in an ambush near Kidal on Tuesday and three more in the same attack.")
    assert len([ev for ev in ex.events if ev.type != "other"]) == 1


def test_a_leader_and_five_others_taken_in_one_raid_are_one_event():
    ex = run("On June 28, special forces captured a leader of the militia and five others during a raid in Nasiriyah.")
    assert [(ev.type, ev.captured) for ev in ex.events] == [("raid", 6)]


def test_events_an_act_dated_weeks_back_is_not_the_undated_lead():
    """With no publication date, "earlier last month" still says the act is not the lead's news."""
    ex = run("At least 20 police officers have been killed after militants ambushed checkpoints in the "
             "Musa Qala district of Helmand province.\n\n"
             "Earlier last month, a Taliban attack in Helmand's Naw Zad district killed at least 19 police officers.",
             published=None)
    clashes = [e for e in ex.events if e.type == "armed_clash"]
    assert len(clashes) == 2, [(e.location, e.basis) for e in ex.events]


def test_events_a_past_act_a_modal_hedges_the_link_to_is_still_an_event():
    ex = run("He was a member of a gang which may be associated with the kidnapping of five Britons in Baghdad "
             "in 2007.")
    assert [e.type for e in ex.events] == ["kidnapping"]


@pytest.mark.parametrize("body", [
    "General Alex Rillera said troops killed three gunmen in Kandahar on Monday.",
    "Maj. Gen. Alex S. Rillera, commanding general of the division, said troops killed three gunmen in "
    "Kandahar on Monday.",
])
def test_events_who_reports_the_act_is_not_its_target(body):
    ev = run(body).events[0]
    assert not any(t.startswith("person_") for t in ev.targets), ev.targets

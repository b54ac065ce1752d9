"""Cases a review of session 6's rules found misfiring, pinned so they stay fixed.

Each sentence is ordinary reporting from some war; the assertion is what a coder would code.
"""
from __future__ import annotations

from ratline.pipeline import extract
from ratline.schema import Document


def run(body: str, published: str = "2025-01-10"):
    return extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published=published))


def triples(ex) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in ex.relations}


def core(ex):
    return [e for e in ex.events if e.type != "other"]


def test_a_participle_clause_is_no_apposed_unit():
    got = triples(run("Israeli troops, fighting Hamas in Khan Younis, killed 12 militants on Monday.",
                      published="2024-02-10"))
    assert not any(p == "part_of" for _, p, _ in got)


def test_a_person_before_a_bracketed_group_stays_a_person():
    ex = run("Ahmed Abdi (ISWAP) was arrested in Maiduguri on Monday.")
    assert any(e.type == "person" for e in ex.entities)


def test_a_coalition_led_by_a_state_is_not_the_states_enemy():
    got = triples(run("The US-led coalition struck Islamic State positions near Raqqa on Monday.",
                      published="2017-06-10"))
    assert not any(p == "leads" and o == "islamic_state" for _, p, o in got)


def test_a_base_a_state_funded_does_not_make_it_a_backer_of_the_attackers():
    got = triples(run("Al-Shabaab overran a base which Turkey had funded near Baidoa on Monday."))
    assert not any(s == "turkey" and p == "supports" for s, p, _ in got)


def test_its_leader_after_a_sentence_naming_a_group_is_the_groups():
    got = triples(run("Israel struck Hezbollah positions near Tyre on Monday. Its leader, Naim Qassem, vowed revenge."))
    assert ("person_naim_qassem", "leads", "hezbollah") in got


def test_a_foreign_head_of_government_is_not_the_theatres():
    body = ("KYIV, Ukraine, Jan 10 (Wire) — Russian missiles hit Kyiv on Thursday. The administration of "
            "President Joe Biden approved new air defences for Ukraine.")
    got = triples(run(body))
    assert not any(s == "person_joe_biden" and p == "leads" for s, p, _ in got)


def test_an_aide_of_a_leader_killed_is_not_the_leader_killed():
    got = triples(run("The group's deputy leader, a close aide of Abubakar Shekau, was killed by Nigerian troops."))
    assert not any(s == "person_abubakar_shekau" and p == "killed_by" for s, p, _ in got)


def test_both_part_of_the_same_movement_names_no_member_as_the_whole():
    got = triples(run("ISWAP and Boko Haram fought each other near Lake Chad. Both were part of the same movement "
                      "until 2016."))
    assert not any(p == "part_of" for _, p, _ in got)


def test_a_state_that_bombed_struck_from_the_air():
    ex = run("Israeli jets bombed Hezbollah positions near Tyre on Monday.", published="2024-10-10")
    assert [e.type for e in core(ex)] == ["airstrike"]


def test_aid_trucks_entering_a_town_is_no_battle():
    ex = run("Aid trucks entered Gaza through the Kerem Shalom crossing on Sunday.", published="2025-01-20")
    assert core(ex) == []


def test_a_farm_seized_is_no_kidnapping():
    ex = run("Rebels seized Abdul Karim's farm near Beni on Monday.")
    assert all(e.type != "kidnapping" for e in ex.events)


def test_a_titled_captive_seized_is_kidnapped():
    ex = run("ELN rebels seized Colonel Carlos Ruiz near Tibu on Monday, the army said.")
    assert [e.type for e in core(ex)] == ["kidnapping"]


def test_it_was_the_third_strike_is_no_new_event():
    body = ("A US drone strike killed an al-Shabaab commander near Jilib on Monday. It was the third strike in "
            "the area this month.")
    assert len(core(run(body))) == 1


def test_an_arrest_is_not_dated_by_the_bombing_it_follows():
    ex = run("Police have arrested 12 suspects linked to the January 6 bombing in Kano.")
    arrests = [e for e in ex.events if e.type == "arrest"]
    assert arrests and arrests[0].date != "2025-01-06"


def test_pressure_to_release_is_no_release():
    ex = run("Qatar has pressured Hamas to release the remaining hostages.")
    assert all(e.type != "release" for e in ex.events)


def test_where_the_drones_came_from_is_no_party():
    ex = run("Russia launched 90 Iranian drones at Kyiv overnight, the air force said.")
    assert all("artesh" not in e.targets + e.actors for e in ex.events)
    ex = run("Russia launched 90 Iranian drones at Kyiv overnight, killing three people, the air force said.")
    assert core(ex)                                            # an event whose parties can be checked
    assert all("artesh" not in e.targets + e.actors for e in ex.events)


def test_the_reports_own_country_responding_acts():
    body = ("ABUJA, Nigeria, Jan 10 (Wire) — Militants attacked a base in Borno on Monday. Nigeria responded "
            "with airstrikes, killing 30 militants.")
    ex = run(body)
    strikes = [e for e in ex.events if e.type == "airstrike"]
    assert strikes and strikes[0].actors


def test_a_locative_country_in_a_list_is_no_force():
    ex = run("In Iraq, US and Iraqi forces killed 5 militants near Tikrit on Monday.", published="2016-01-10")
    assert not any("Iraq" == a for e in ex.entities if e.type == "state_force" for a in e.aliases)


def test_residents_of_a_capital_are_no_government():
    ex = run("Residents of Kabul said 5 people were killed in the blast on Monday.")
    assert all(e.type != "government" for e in ex.entities)


def test_a_given_name_is_no_village_word():
    ex = run("Israeli government spokeswoman Tal Heinrich said the strike targeted a commander.")
    assert any("Tal Heinrich" in e.aliases for e in ex.entities)
    assert all(e.type != "place" for e in ex.entities if "Tal Heinrich" in e.aliases)


def test_a_political_party_is_no_armed_group():
    ex = run("Jamaat-e-Islami held a rally in Lahore on Friday.")
    assert all(e.type != "armed_group" for e in ex.entities)


def test_the_army_of_a_state_without_an_adjective_is_its_one_army():
    body = ("Central African soldiers attacked a 3R camp near Bocaranga, in the Central African Republic, on May 29. "
            "The army said 21 rebels were killed.")
    ex = run(body, published="2024-06-15")
    assert all("russian_armed_forces" not in e.actors + e.targets for e in ex.events)


def test_an_act_timed_by_another_event_is_its_own_event_that_day():
    body = ("American and British warplanes struck eight targets near Sanaa late on Monday. Hours before the raids, "
            "the group said it had fired missiles at a tanker in the Gulf of Aden.")
    ex = run(body, published="2024-01-23")
    kinds = sorted(e.type for e in core(ex))
    assert kinds == ["airstrike", "rocket_mortar_attack"]
    assert len({e.date for e in core(ex)}) == 1

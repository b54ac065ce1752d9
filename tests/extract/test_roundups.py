"""Roundups: a dated heading dates the items under it, each item is its own operation,
and a figure given over several operations is a tally, not one event's count."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document

PUBLISHED = "2013-09-12"          # a Thursday

ROUNDUP = """Security forces detained a militia commander in Kandahar city today, the army said in a statement.

The army said the detained commander had organised attacks on checkpoints along the highway.

In other operations today:

-- A joint patrol detained two suspected bomb makers in the Arghandab district of Kandahar province.

-- In the Nad Ali district of Helmand province, soldiers killed one gunman during a firefight.

In September 10 operations:

-- An air strike killed three insurgents in the Andar district of Ghazni province.

-- Soldiers killed one gunman during a firefight in the Andar district of Ghazni province.

The army said its operations would continue through the autumn months.
"""


def run(body: str, published: str | None = PUBLISHED):
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published=published)
    return extract(doc)


def _by_quote(ex, words: str):
    return next(e for e in ex.events if words in e.quote)


def test_roundups_heading_date_dates_the_items_under_it():
    ex = run(ROUNDUP)
    assert _by_quote(ex, "bomb makers").date == "2013-09-12"          # "today"
    assert _by_quote(ex, "Nad Ali").date == "2013-09-12"
    assert _by_quote(ex, "air strike").date == "2013-09-10"           # "In September 10 operations:"
    assert "heading" in _by_quote(ex, "air strike").basis


def test_roundups_items_in_one_place_stay_separate_operations():
    ex = run(ROUNDUP)
    andar = [e for e in ex.events if "Andar" in e.quote]
    assert len(andar) == 2                    # same district, same day, two items: two operations
    assert {e.type for e in andar} == {"airstrike", "armed_clash"}


def test_roundups_prose_after_the_list_ends_the_heading_date():
    body = ROUNDUP.replace("The army said its operations would continue through the autumn months.",
                           "Police separately arrested a courier in the Spin Boldak district of Kandahar province.")
    ex = run(body)
    assert _by_quote(ex, "courier").date != "2013-09-10"


def test_roundups_heading_without_publication_date_keeps_its_words():
    ex = run(ROUNDUP, published=None)
    item = _by_quote(ex, "bomb makers")
    assert item.date is None and item.date_text == "today"


def test_roundups_total_over_operations_is_a_tally_not_an_event_figure():
    body = ("Troops killed 21 rebels and arrested 9 others in three separate operations across the "
            "northern provinces on Tuesday, the defence ministry said.\n\n"
            "In the first, soldiers stormed a camp in the hills near the border.")
    ex = run(body)
    (tally,) = ex.tallies
    assert (tally.killed, tally.captured, tally.since) == (21, 9, "2013-09-10")
    assert all(e.killed_best is None and e.captured is None for e in ex.events)


def test_roundups_one_of_the_largest_operations_is_no_total():
    body = ("Soldiers killed 22 fighters of the group in a gun battle near the river on Monday, in one of "
            "the largest operations against the movement this year, the army said.")
    ex = run(body)
    assert not ex.tallies
    assert any(e.killed_best == 22 for e in ex.events)


def test_roundups_combined_force_is_one_actor_of_every_item():
    body = ("An Afghan and coalition security force detained a bomb maker in the Arghandab district of "
            "Kandahar province on Tuesday, officials said.\n\n"
            "In other operations on Tuesday:\n\n"
            "-- A combined force killed two gunmen during a firefight in the Bermal district of Paktika province.")
    ex = run(body)
    force = next(e for e in ex.entities if e.id == "combined_force")
    assert {"An Afghan and coalition security force", "combined force"} <= set(force.aliases)
    assert all("combined_force" in e.actors for e in ex.events)


def test_roundups_soldiers_detaining_make_a_raid_police_an_arrest():
    soldiers = run("A joint force of soldiers detained three suspects in the Now Zad district on Tuesday.")
    police = run("Police detained three suspects in the Now Zad district on Tuesday.")
    assert [e.type for e in soldiers.events] == ["raid"]
    assert [e.type for e in police.events] == ["arrest"]


def test_roundups_province_possessive_yields_to_its_district():
    ex = run("A coalition airstrike killed one insurgent in Ghazni province's Giro district on Tuesday.")
    (ev,) = ex.events
    assert ev.location == "place_giro"


def test_roundups_a_repeated_verb_is_a_second_operation_with_the_same_actor():
    ex = run("A combined force detained one insurgent in the Terezayi district of Khost province and "
             "detained another suspect in the Sperah district of Khost province on Tuesday.")
    places = sorted(e.location for e in ex.events)
    assert places == ["place_sperah", "place_terezayi"]
    assert all("combined_force" in e.actors for e in ex.events)


def test_roundups_an_attack_and_its_toll_stay_one_event():
    ex = run("Gunmen attacked a police post in Dera on Tuesday and killed two officers.")
    assert len(ex.events) == 1


def test_roundups_heading_words_do_not_leak_into_a_later_list():
    body = ROUNDUP.replace("The army said its operations would continue through the autumn months.",
                           "The army said its operations would continue through the autumn months.\n\n"
                           "-- Police arrested a courier in the Spin Boldak district of Kandahar province.")
    ex = run(body, published=None)
    courier = _by_quote(ex, "courier")
    assert courier.date_text is None


def test_roundups_an_item_with_vague_numbers_is_dated_by_its_heading_and_kept():
    body = ("Security forces detained a militia commander in Kandahar city today, the army said.\n\n"
            "In other operations today:\n\n"
            "-- A combined force detained several suspected insurgents and seized weapons in the "
            "Arghandab district of Kandahar province.\n\n"
            "-- Soldiers killed one gunman during a firefight in the Andar district of Ghazni province.")
    ex = run(body)
    item = _by_quote(ex, "several suspected insurgents")
    assert item.date == "2013-09-12"


@pytest.mark.parametrize("body", [
    "Troops arrested dozens of suspects in three separate operations across the north on Tuesday, officials said.",
    "Troops killed scores of militants and arrested dozens in three operations in the north on Tuesday.",
    "Troops killed more than 40 militants in three operations across the north on Tuesday, officials said.",
    "Troops killed 21 rebels and arrested 9 others in three separate operations on Tuesday.",
    "Troops killed 21 rebels in three separate operations, the ministry said.",          # no day: no tally
])
def test_roundups_figures_over_operations_go_to_the_tally_or_stay_with_the_event(body):
    """One decision (tallies.total_over_operations): figures leave the event exactly when a
    tally takes them, so none is counted twice and none is lost."""
    ex = run(body)
    tallied = any("operations" in (t.basis or "") for t in ex.tallies)
    stripped = any("a tally" in e.basis for e in ex.events)
    assert tallied == stripped

"""Route records (extract/routes.py): who moved what from where to where, each with its sentence."""
from __future__ import annotations

from ratline.pipeline import extract
from ratline.schema import Document


def _routes(body: str):
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body,
                          published="2008-05-04"))
    for r in ex.routes:
        assert body[r.span.start:r.span.end] == r.quote      # every route carries its source span
    return ex.routes


def _legs(body: str) -> set[tuple]:
    return {(r.origin_name, r.destination_name, r.cargo_kind) for r in _routes(body)}


def test_routes_weapons_from_one_country_to_another():
    legs = _routes("The Secret Cells smuggled EFPs from Iran to Iraq last year, officials said.")
    assert [(r.origin_name, r.destination_name, r.cargo, r.cargo_kind) for r in legs] == [
        ("Iran", "Iraq", "EFPs", "weapons")]
    assert legs[0].mover == "secret_cells"
    assert legs[0].origin_lat is not None and legs[0].destination_lon is not None


def test_routes_fighters_crossing_a_border_into_a_province():
    assert ("Pakistan", "Khost", "people") in _legs(
        "Dozens of fighters crossed from Pakistan into Khost on Monday, the governor said.")


def test_routes_sent_for_training_takes_the_reports_theatre_as_origin_and_says_so():
    routes = _routes("Attacks in Iraq fell in May. Police in Basra said the recruits had been "
                     "sent to Iran for training.")
    assert [(r.origin_name, r.destination_name, r.cargo_kind) for r in routes] == [
        ("Iraq", "Iran", "training")]
    assert "theatre" in routes[0].basis


def test_routes_there_and_back_are_two_legs():
    legs = _legs("Iraq said he transported Mahdi Army insurgents to Iran for training and then "
                 "back into Iraq.")
    assert legs == {("Iraq", "Iran", "training"), ("Iran", "Iraq", "people")}


def test_routes_a_force_moving_into_a_town_is_no_route():
    assert _routes("The Iraqi Army has moved into Al Kut in force, according to officials.") == []


def test_routes_places_without_a_movement_word_are_no_route():
    assert _routes("Officials from Iran met officials from Iraq in Baghdad.") == []


def test_routes_money_without_a_stated_origin_keeps_it_unknown():
    routes = _routes("Attacks in Iraq fell in May. The firm sent funds to North Korea, "
                     "the Treasury said.")
    assert [(r.origin, r.destination_name, r.cargo_kind) for r in routes] == [
        (None, "North Korea", "money")]

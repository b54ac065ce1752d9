"""One capitalised word alone: a place when it sits in a list of places that a locative opens
("from Sebha, Sirte, Jufra and Waddan"), whether or not the gazetteer knows it; never when the
list is no list of places ("the Red, White, and Blue") or no list at all ("In Kabul, Karzai")."""
from __future__ import annotations

import pytest

from ratline.pipeline import extract
from ratline.schema import Document


def _places(body: str) -> set[str]:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2021-05-03")
    ex = extract(doc)
    return {m.span.text for m in ex.mentions if m.kind == "place"}


@pytest.mark.parametrize("body, listed", [
    ("Most of the wounded came from Misrata, but some were from Sebha, Sirte, Jufra and Waddan.",
     {"Jufra", "Waddan"}),
    ("Gunmen raided the villages of Intezayane, Bakorat, Woursanat and several hamlets in March.",
     {"Intezayane", "Bakorat", "Woursanat"}),
    ("Fighters from Gondar, Gojjam and Wollo gathered for the offensive.", {"Gojjam", "Wollo"}),
    # a place the text already named carries the list on ("Sirte" before "Jufra")
    ("Soldiers died in Sirte on Tuesday. Most of the dead are from Misrata although some are from Sebha, "
     "Sirte, Jufra and Waddan.", {"Jufra", "Waddan"}),
])
def test_a_word_listed_with_places_after_a_locative_is_a_place(body, listed):
    assert listed <= _places(body)


@pytest.mark.parametrize("body, word", [
    ("In Kabul, Karzai told reporters the talks would go on.", "Karzai"),
    ("He spoke of the interests of Iraq and Iraqis in a sermon.", "Iraqis"),
    ("The convoy flew the flags of Mali, Senegal and Freedom, a witness said.", "Freedom"),
])
def test_no_place_without_a_list_of_places_a_locative_opens(body, word):
    assert word not in _places(body)


def _place_mentions(body: str) -> list[tuple[int, str]]:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2025-03-20")
    return [(m.span.start, m.span.text) for m in extract(doc).mentions if m.kind == "place"]


def test_a_word_named_before_the_text_places_it_is_that_place():
    body = ("Nasir sits on a river near the border. Warplanes bombed Nasir on Sunday night, residents said. "
            "Officials blamed the commander for the uprising in Nasir.")
    assert [text for _, text in _place_mentions(body)] == ["Nasir", "Nasir", "Nasir"]


def test_a_known_place_before_an_organisation_noun_stays_the_organisation_s():
    body = ("Militias have commands in Gojjam, Gondar and Wollo. A spokesman for the militia's Gojjam "
            "command said its fighters withdrew.")
    places = _place_mentions(body)
    assert all(start < body.index("A spokesman") for start, _ in places)



def _people(body: str) -> dict[str, list[str]]:
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2016-07-20")
    return {e.name: e.aliases for e in extract(doc).entities if e.type == "person"}


@pytest.mark.parametrize("body, person", [
    ("Rebels attacked an army post on Sunday. Bermandoa said 24 vehicles had been seized.", "Bermandoa"),
    ("With the most recent death, Santoso's group is thought to be down to 25 people.", "Santoso"),
    ("Dilawar, who was only known by one name, was a senior commander.", "Dilawar"),
    ("Officials said Dilawar's death was a blow to the network.", "Dilawar"),
    ("Troops later captured him and his brother Laith in a raid.", "Laith"),
    ("Laith was freed in June, officials said.", "Laith"),
])
def test_a_word_that_speaks_or_leads_followers_is_a_person(body, person):
    assert person in _people(body)


@pytest.mark.parametrize("body, word", [
    ("Kabul said the attack had failed.", "Kabul"),                      # a capital speaks for its state
    ("The Observatory said 12 fighters died.", "Observatory"),           # a body, with its article
    ("Cmdr. Smith said the raid was over.", "Cmdr"),                     # a title, abbreviated
    ("Syrians were killed in the shelling, the monitor said.", "Syrians"),  # a people, in the plural
])
def test_no_person_from_a_place_a_body_or_a_title_that_speaks(body, word):
    assert word not in _people(body)


def test_a_first_name_coordinated_with_a_full_name_takes_its_surname():
    people = _people("The Maute group, founded by Omar and Abdullah Maute, was behind the siege.")
    assert people.get("Omar Maute") == ["Omar"]
    assert "Abdullah Maute" in people


def test_a_list_of_capitalised_words_shares_no_surname():
    people = _people("The Centre for Peace, Democracy and Human Rights said six civilians died.")
    assert not any(name.startswith("Democracy") for name in people)


@pytest.mark.parametrize("body, outlet, short", [
    ("The Houthi-run Saba news agency said 12 people died in the strikes.", "Saba news agency", "Saba"),
    ("TOLO news quoted officials as saying 35 Taliban died.", "TOLO news", "TOLO"),
])
def test_a_name_before_a_media_noun_is_an_outlet(body, outlet, short):
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2024-01-23")
    ents = {e.name: e for e in extract(doc).entities}
    assert ents[outlet].type == "other" and short in ents[outlet].aliases


def test_a_common_word_before_a_media_noun_is_no_outlet():
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, body="Fake news spread after the attack.",
                   published="2024-01-23")
    assert not any("news" in e.name.lower() for e in extract(doc).entities)


def test_two_acronyms_joined_by_a_slash_are_one_name_and_a_counted_model_none():
    doc = Document(doc_id="t", name="t.txt", source="t", title=None, published="2018-12-21",
                   body="Combined teams of PMF/CTU rescued 12 people, RFE/RL reported. Soldiers seized an M203 "
                        "launcher and two M4 rifles.")
    names = {e.name for e in extract(doc).entities}
    assert {"PMF/CTU", "RFE/RL"} <= names
    assert not names & {"PMF", "CTU", "RFE", "RL", "M203", "M4"}, names

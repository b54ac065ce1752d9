"""Sentences and tokens, with offsets that always point back into the body."""
from __future__ import annotations

import pytest

from ratline.mentions.text import fold, split_sentences, tokenize


def _sents(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


# -- sentences -------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    # military ranks and a dotted country abbreviation
    ("Lt. Col. Amir Haidari said the U.S. convoy left Herat at dawn. Two drivers were hurt.",
     ["Lt. Col. Amir Haidari said the U.S. convoy left Herat at dawn.", "Two drivers were hurt."]),
    ("Brig. Gen. Tunde Okafor toured Monguno. He promised more troops.",
     ["Brig. Gen. Tunde Okafor toured Monguno.", "He promised more troops."]),
    # abbreviated months followed by a day number
    ("The ambush took place on Feb. 4 near Kidal. Nobody claimed it.",
     ["The ambush took place on Feb. 4 near Kidal.", "Nobody claimed it."]),
    ("Fighting resumed on Sept. 19 in Marib. Tribal elders fled.",
     ["Fighting resumed on Sept. 19 in Marib.", "Tribal elders fled."]),
    # initials inside a name
    ("Maj. Gen. J. R. Whitcombe briefed reporters in Baghdad. He took no questions.",
     ["Maj. Gen. J. R. Whitcombe briefed reporters in Baghdad.", "He took no questions."]),
    ("Mr. Haqqani met Dr. Rahmani in Peshawar. The talks failed.",
     ["Mr. Haqqani met Dr. Rahmani in Peshawar.", "The talks failed."]),
    # "U.N." / "U.S." inside a sentence do not end it
    ("The U.N. mission in Gao said 5 peacekeepers died. No group claimed it.",
     ["The U.N. mission in Gao said 5 peacekeepers died.", "No group claimed it."]),
    # a lowercase abbreviation at a real sentence end still ends it
    ("The shelling stopped at 5 p.m. Then the looting began.",
     ["The shelling stopped at 5 p.m.", "Then the looting began."]),
])
def test_text_abbreviations_do_not_end_sentences(body, expected):
    assert _sents(body) == expected


@pytest.mark.parametrize("body, expected", [
    ('"We will never lay down our arms," the FARC commander said. The talks collapsed.',
     ['"We will never lay down our arms," the FARC commander said.', "The talks collapsed."]),
    ("He said: “The town of Damasak has fallen.” Residents fled toward Diffa.",
     ["He said: “The town of Damasak has fallen.”", "Residents fled toward Diffa."]),
    ("The statement ended: 'God is great.' Then the video cut out.",
     ["The statement ended: 'God is great.'", "Then the video cut out."]),
    ("Was the convoy warned? Officials in Kandahar would not say.",
     ["Was the convoy warned?", "Officials in Kandahar would not say."]),
])
def test_text_closing_quote_stays_with_its_sentence(body, expected):
    assert _sents(body) == expected


@pytest.mark.parametrize("body, expected", [
    ("Gunmen storm Jos market\n\nAt least 9 traders were killed. Police sealed the area.",
     ["Gunmen storm Jos market", "At least 9 traders were killed.", "Police sealed the area."]),
    # no closing punctuation and a lowercase start: the blank line still breaks
    ("Updated 14:05 GMT\n\nnigerian troops retook the town.",
     ["Updated 14:05 GMT", "nigerian troops retook the town."]),
    # a paragraph ending with an abbreviation is still closed by the blank line
    ("Officials met at the Ministry in Washington, D.C.\n\nThe meeting lasted an hour.",
     ["Officials met at the Ministry in Washington, D.C.", "The meeting lasted an hour."]),
    ("First paragraph, no full stop\n\n\n\nSecond paragraph.",
     ["First paragraph, no full stop", "Second paragraph."]),
])
def test_text_paragraphs_always_break(body, expected):
    assert _sents(body) == expected


def test_text_single_newline_does_not_break_a_sentence():
    body = "Militants ambushed the convoy\nnear Bardera. Two vehicles burned."
    assert _sents(body) == ["Militants ambushed the convoy\nnear Bardera.", "Two vehicles burned."]


@pytest.mark.parametrize("body", [
    "Lt. Col. Amir Haidari said the U.S. convoy left Herat at dawn. Two drivers were hurt.",
    "  Leading spaces.   Trailing spaces.   \n\n  Indented paragraph here. ",
    "Headline: Raid in Baidoa\n\n“We lost three men,” a commander said. Feb. 4 was quiet.\n\nEnd",
    "Kata’ib Hezbollah’s fighters left Jurf al-Sakhar. Nobody knows why!",
    "Café owners in Tombouctou said the jihadists’ trucks left. Élite troops arrived.",
])
def test_text_sentence_offsets_point_into_body(body):
    sents = split_sentences(body)
    assert sents
    prev_end = 0
    for s in sents:
        assert body[s.start:s.end] == s.text
        assert s.text == s.text.strip()
        assert s.start >= prev_end
        prev_end = s.end


def test_text_empty_body_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("\n\n   \n") == []


# -- tokens ----------------------------------------------------------------------

def _toks(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize("text, expected", [
    ("Hezbollah’s commander", ["Hezbollah", "’", "s", "commander"]),
    ("the Taliban's shadow governor", ["the", "Taliban", "'", "s", "shadow", "governor"]),
    ("Kata’ib Hezbollah’s rockets", ["Kata’ib", "Hezbollah", "’", "s", "rockets"]),
])
def test_text_possessive_is_split_off(text, expected):
    assert _toks(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("pro-government militias", ["pro", "-", "government", "militias"]),
    ("al-Shabaab fighters", ["al", "-", "Shabaab", "fighters"]),
    ("Jaish-e-Mohammed", ["Jaish", "-", "e", "-", "Mohammed"]),
])
def test_text_hyphens_are_their_own_tokens(text, expected):
    assert _toks(text) == expected


@pytest.mark.parametrize("text, word", [
    ("fighters of Kata’ib Hezbollah", "Kata’ib"),
    ("fighters of Kata'ib Hezbollah", "Kata'ib"),
    ("the Ba'ath party", "Ba'ath"),
    ("Sgt. O'Rourke was hurt", "O'Rourke"),
    ("the Shi’ite militia", "Shi’ite"),
])
def test_text_apostrophe_inside_a_name_is_kept(text, word):
    assert word in _toks(text)


def test_text_token_norm_folds_case_diacritics_and_apostrophes():
    toks = tokenize("Kata’ib Kata'ib Tombouctou Tillabéri AQIM")
    assert [t.norm for t in toks] == ["kataib", "kataib", "tombouctou", "tillaberi", "aqim"]
    assert fold("Kandahār") == "kandahar"


def test_text_token_offsets_with_offset_argument():
    body = "Intro sentence. The Haqqani network’s leader fled to Miranshah."
    start = body.index("The")
    toks = tokenize(body[start:], start)
    for t in toks:
        assert body[t.start:t.end] == t.text
    assert toks[0].start == start


def test_text_a_caption_glued_to_the_lede_by_its_year_breaks():
    body = "Troops drill near the town in November 2014Fierce clashes left 30 dead. F16 jets flew in 2014 over Baku."
    assert [s.text for s in split_sentences(body)] == [
        "Troops drill near the town in November 2014", "Fierce clashes left 30 dead.",
        "F16 jets flew in 2014 over Baku."]

"""Counts and their hedges; numbers that are not counts are skipped."""
from __future__ import annotations

import pytest

from ratline.mentions.numbers import find_quantities, words_to_int


def _q(text):
    return [(q.span.text, q.low, q.best, q.high, q.hedge) for q in find_quantities(text)]


@pytest.mark.parametrize("text, expected", [
    ("Police said 14 insurgents were killed.", [("14", 14, 14, 14, None)]),
    ("Over 30 gunmen died, 9 were wounded and 1 was detained.",
     [("Over 30", 30, 30, None, "over"), ("9", 9, 9, 9, None), ("1", 1, 1, 1, None)]),
    ("More than 1,500 fighters were killed.", [("More than 1,500", 1500, 1500, None, "over")]),
    ("Troops killed at least 73 militants.", [("at least 73", 73, 73, None, "at_least")]),
    ("Medics put the toll as high as 41.", [("as high as 41", None, None, 41, "up_to")]),
    ("Up to 60 villagers may have died.", [("Up to 60", None, None, 60, "up_to")]),
    ("As many as 25 recruits deserted.", [("As many as 25", None, None, 25, "up_to")]),
    ("About 20 houses burned.", [("About 20", None, 20, None, "about")]),
    ("Nearly 400 families fled.", [("Nearly 400", None, 400, None, "about")]),
    ("Some 3,000 troops massed at the border.", [("Some 3,000", None, 3000, None, "about")]),
    ("Approximately 120 prisoners escaped.", [("Approximately 120", None, 120, None, "about")]),
    ("Between 12 and 18 civilians were hurt.", [("Between 12 and 18", 12, None, 18, "range")]),
    ("Witnesses counted 12 to 18 bodies.", [("12 to 18", 12, None, 18, "range")]),
    ("Officials reported 12-18 deaths.", [("12-18", 12, None, 18, "range")]),
    ("One or two guards survived.", [("One or two", 1, None, 2, "range")]),
    ("Dozens of militiamen surrendered.", [("Dozens", 24, None, None, "vague")]),
    ("Hundreds of fighters were captured.", [("Hundreds", 200, None, None, "vague")]),
    ("Thousands fled the town.", [("Thousands", 2000, None, None, "vague")]),
    ("Scores of protesters were beaten.", [("Scores", 40, None, None, "vague")]),
    ("Several commanders were arrested.", [("Several", 3, None, None, "vague")]),
    ("A few snipers held the bridge.", [("A few", 2, None, None, "vague")]),
    ("Tens of thousands marched.", [("Tens of thousands", 20000, None, None, "vague")]),
    ("Several hundred rounds were seized.", [("Several hundred", 300, None, None, "vague")]),
    ("Thirty-one militants and eleven soldiers died.",
     [("Thirty-one", 31, 31, 31, None), ("eleven", 11, 11, 11, None)]),
    ("A dozen trucks were stopped.", [("A dozen", 12, 12, 12, None)]),
    ("Two hundred and forty men enlisted.",
     [("Two hundred and forty", 240, 240, 240, None)]),
    ("A hundred mourners gathered.", [("A hundred", 100, 100, 100, None)]),
    ("The camp holds 1.2 million refugees.", [("1.2 million", 1200000, 1200000, 1200000, None)]),
    ("At least two dozen fighters were killed.",
     [("At least two dozen", 24, 24, None, "at_least")]),
])
def test_numbers_reads_counts_and_hedges(text, expected):
    assert _q(text) == expected


@pytest.mark.parametrize("text", [
    "He is a 22-year veteran of the brigade.",
    "Task Force 121 led the raid.",
    "The 4th Division crossed Route 7.",
    "On September 14, 2009 the cell was dismantled.",
    "The raid began at 04:30 and ended at 6 a.m.",
    "The bounty was $25 million.",
    "They paid 5,000 dinars for each rifle.",
    "Turnout fell to 38 percent.",
    "Fighters fired an SA-7 at an F-16.",
    "The talks lasted 48 hours over three days.",
    "They fought for a few days and several weeks.",
    "The camp is 30 km south of the city.",
    "Violence peaked in 2007.",
    "The 1920 Revolution Brigades claimed it.",
    "The bulletin of 11/19/2010 is missing.",
    "A one-to-one swap was agreed; no one objected.",
    "He was the fourth commander killed this year.",
    "Fighting returned in the 1990s.",
    "The resolution 1701 talks stalled.",
    "One third of the force deserted.",
    "Shelling on the night of 3-4 March was heavy.",
    "Clashes on June 16-17 were reported.",
    "The 2010-2011 budget was cut.",
])
def test_numbers_skips_non_counts(text):
    assert find_quantities(text) == []


def test_numbers_year_with_hedge_is_a_count():
    assert _q("More than 2000 fighters joined.") == [("More than 2000", 2000, 2000, None, "over")]


def test_numbers_small_word_after_over_is_a_preposition():
    assert _q("Kabul protested over two air strikes.") == [("two", 2, 2, 2, None)]


def test_numbers_spans_point_into_the_body():
    body = "Lead text. Some 45 fighters were seen."
    start = body.index("Some")
    (q,) = find_quantities(body[start:], offset=start)
    assert body[q.span.start:q.span.end] == q.span.text == "Some 45"


@pytest.mark.parametrize("words, value", [
    ("Twenty-six", 26), ("ninety-nine", 99), ("eleven", 11), ("2,000", 2000),
    ("a dozen", 12), ("two dozen", 24), ("half a dozen", 6), ("1.5 million", 1500000),
    ("two hundred and fifty", 250), ("one hundred twenty", 120),
    ("three thousand", 3000), ("a hundred", 100), ("17", 17),
])
def test_numbers_words_to_int_reads_number_phrases(words, value):
    assert words_to_int(words) == value


@pytest.mark.parametrize("words", ["dozens", "several", "banana", "", "3.5", "and"])
def test_numbers_words_to_int_rejects_non_numbers(words):
    assert words_to_int(words) is None

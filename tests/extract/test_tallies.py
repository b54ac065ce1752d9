"""Running tallies: figures over a window that starts at a "since" date."""
from __future__ import annotations

import datetime as dt

import pytest

from ratline.extract.tallies import extract_tallies
from ratline.mentions.dictionary import default_dictionary
from ratline.mentions.finder import MentionFinder
from ratline.mentions.numbers import find_quantities
from ratline.pipeline import extract
from ratline.schema import Document
from ratline.timeparse.dates import find_dates

PUBLISHED = dt.date(2011, 3, 5)
_FINDER = MentionFinder(default_dictionary(), gazetteer=None)


def tallies(body: str):
    dm = _FINDER.find(Document(doc_id="t", name="t.txt", source="t", title=None, body=body))
    out = extract_tallies(dm, PUBLISHED, find_dates, find_quantities)
    for t in out:
        assert body[t.span.start:t.span.end] == t.quote
    return out


def _row(t):
    return (t.subject, t.since, t.killed, t.captured, t.by)


@pytest.mark.parametrize("body, expected", [
    # Iraq: both figures, since-date at the end
    ("Coalition forces have killed at least 91 members of al-Qaeda in Iraq and captured 112 "
     "since April 27, 2007.",
     ("al_qaeda_in_iraq", "2007-04-27", 91, 112, ["mnf_i"])),
    # Nigeria: since-date first, month precision
    ("Since January 2010, the Nigerian army has killed 340 Boko Haram fighters.",
     ("boko_haram", "2010-01-01", 340, None, ["nigerian_army"])),
    # Somalia: day-month-year order
    ("The Somali National Army has killed 57 al-Shabaab militants since 2 May 2016.",
     ("al_shabaab", "2016-05-02", 57, None, ["somali_national_army"])),
    # Colombia: "since the beginning of" a year, arrests only
    ("Since the beginning of 2012 Colombian police have arrested 85 ELN members.",
     ("eln", "2012-01-01", None, 85, ["colombian_national_police"])),
    # Iraq: comma-grouped number, "detained"
    ("Since October 2014, Iraqi security forces have detained 1,240 Islamic State suspects, the ministry said.",
     ("islamic_state", "2014-10-01", None, 1240, ["iraqi_security_forces"])),
    # Sahel: the window opens at an event, year taken from publication
    ("Since the operation began on Jan. 11, French troops have killed 230 JNIM fighters and captured 40.",
     ("jnim", "2011-01-11", 230, 40, ["french_armed_forces"])),
])
def test_tallies_since_window_in_several_phrasings(body, expected):
    (t,) = tallies(body)
    assert _row(t) == expected
    assert t.quote == body


def test_tallies_coordinated_forces_are_all_credited():
    (t,) = tallies("Since Feb. 1, Malian and French troops have killed about 60 jihadists.")
    assert (t.since, t.killed, t.subject) == ("2011-02-01", 60, None)
    assert t.by == ["fama", "french_armed_forces"]


@pytest.mark.parametrize("body", [
    "Since March, Iraqi police have arrested several Islamic State suspects.",
    "Since 2014 the army has killed dozens of Boko Haram fighters.",
    "Since last year, Somali troops have captured hundreds of al-Shabaab fighters.",
])
def test_tallies_vague_figures_give_no_tally(body):
    assert tallies(body) == []


@pytest.mark.parametrize("body", [
    "Nigerian troops killed 14 Boko Haram fighters in Bama on Feb. 27.",     # a dated event, no window
    "Since 2009, the ELN has bombed the pipeline many times.",               # a window, no figure
    "The Taliban have been active in Helmand since 1994.",
])
def test_tallies_need_both_window_and_figure(body):
    assert tallies(body) == []


def test_tallies_one_per_sentence_in_a_document():
    body = ("French troops killed 12 jihadists near Gao on Friday.\n\n"
            "Since January 2013, French forces have killed 600 jihadists in Mali. "
            "Since June 2013, Malian troops have arrested 150 suspects.")
    out = tallies(body)
    assert [(t.since, t.killed, t.captured) for t in out] == [("2013-01-01", 600, None), ("2013-06-01", None, 150)]


def test_tallies_come_out_of_the_pipeline_not_as_events():
    body = "Since January 2010, the Nigerian army has killed 340 Boko Haram fighters."
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2011-03-05"))
    assert [(t.since, t.killed) for t in ex.tallies] == [("2010-01-01", 340)]
    assert ex.events == []


@pytest.mark.xfail(strict=True, reason="timeparse: 'since the start of the year' is not read as a since-window "
                                       "('so far this year' is a counting window: see below)")
@pytest.mark.parametrize("body", [
    "Since the start of the year, Somali troops have captured 57 al-Shabaab militants.",
])
def test_tallies_start_of_this_year(body):
    (t,) = tallies(body)
    assert (t.since, t.captured, t.subject) == ("2011-01-01", 57, "al_shabaab")


def test_tallies_a_window_of_another_verb_is_no_tally():
    from ratline.pipeline import extract
    from ratline.schema import Document
    body = ("In Goma, the capital the rebels have held since January, fighters went from house to house on "
            "Sunday and took away 37 men.")
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2025-03-03"))
    assert ex.tallies == []


def _parsed_tallies(body: str):
    from ratline.parse.nlp import parse_body
    dm = _FINDER.find(Document(doc_id="t", name="t.txt", source="t", title=None, body=body))
    return extract_tallies(dm, PUBLISHED, find_dates, find_quantities, parse_body(body))


@pytest.mark.parametrize("body, since, killed, captured", [
    ("According to police, 93 militants have been killed this year in the valley.", "2011-01-01", 93, None),
    ("The rebels have killed more than 400 people over the last 10 months.", "2010-05-09", 400, None),
    ("A total of 14 members of the movement were detained, the ministry said.", None, None, 14),
    ("So far this year Somali troops have captured 57 al-Shabaab militants.", "2011-01-01", None, 57),
    ("More than 300 people were killed by the militants last year in and around Beni.", "2010-01-01", 300, None),
])
def test_tallies_figures_over_a_counting_window(body, since, killed, captured):
    [t] = _parsed_tallies(body)
    assert (t.since, t.killed, t.captured) == (since, killed, captured)


@pytest.mark.parametrize("body", [
    # the window counts the attacks, not the twelve killed on Monday
    "Rebels killed 12 civilians in Beni on Monday, a town attacked again and again over the last 18 months.",
    # "of this year" dates a month
    "The emir was killed by soldiers in Marawi in June of this year.",
    # a window of days is the span of one operation
    "Coalition forces captured seven members of the group during raids over the past two days.",
])
def test_tallies_a_window_that_does_not_count_the_figures_makes_none(body):
    assert _parsed_tallies(body) == []


def test_tallies_a_counted_window_is_no_event():
    body = "According to police, 93 militants have been killed this year in Kashmir."
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2011-03-05"))
    assert ex.events == [] and [t.killed for t in ex.tallies] == [93]


def _tallies_parsed(body: str):
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body,
                          published=PUBLISHED.isoformat()))
    return sorted((t.killed, t.captured) for t in ex.tallies)


@pytest.mark.parametrize("body, expected", [
    # two groups counted apart by one toll verb: a tally each
    ("Eighteen civilians and 16 security personnel have lost their lives in attacks this year.",
     [(16, None), (18, None)]),
    ("Police detained a total of 14 members of the Eastern Front and 13 members of the Northern Army this year.",
     [(None, 13), (None, 14)]),
    # one killed and one captured figure: one tally with both
    ("Troops have killed 12 fighters and arrested 30 suspects this year.", [(12, 30)]),
])
def test_tallies_groups_counted_apart(body, expected):
    assert _tallies_parsed(body) == expected


@pytest.mark.parametrize("body, killed", [
    ("More than 1,200 people have died in the decade since the rebels began their campaign.", 1200),
    ("Since the army started deploying more troops in the valley, 38 soldiers have been killed in ambushes.", 38),
])
def test_tallies_a_window_opened_by_an_event_counts_without_a_known_start(body, killed):
    [t] = _parsed_tallies(body)
    assert (t.since, t.killed) == (None, killed)
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, body=body, published="2011-03-05"))
    assert not [e for e in ex.events if e.killed_best == killed]       # a total is no event


def test_a_window_opened_by_a_named_force_s_act_is_a_window():
    # "the army" is a mention of the national army here, so the window's words hold a mention
    ex = extract(Document(doc_id="t", name="t.txt", source="t", title=None, published="2009-04-02",
                          body="Since the Peruvian army started deploying more troops in the valleys, 38 soldiers "
                               "have been killed in ambushes."))
    assert [t.killed for t in ex.tallies] == [38]
    assert not [ev for ev in ex.events if ev.killed_best == 38]

"""Date expressions: spans, resolution against the publication date, precision."""
from __future__ import annotations

import datetime as dt

import pytest

from ratline.timeparse.dates import find_dates, next_anchor, scan_dates

# A Wednesday; chosen so that weekday arithmetic crosses a month boundary.
BASE = dt.date(2011, 3, 2)


def _triples(text, base=BASE, anchor=None):
    return [(r.span.text, r.date, r.precision) for r in find_dates(text, base, anchor=anchor)]


@pytest.mark.parametrize("text, expected", [
    # explicit calendar dates
    ("Rebels shelled the port on March 3, 2010, a spokesman said.",
     [("March 3, 2010", "2010-03-03", "day")]),
    ("The convoy was ambushed on 9 August 2009 near the pass.",
     [("9 August 2009", "2009-08-09", "day")]),
    ("A statement dated 2010-11-19 named the commander.",
     [("2010-11-19", "2010-11-19", "day")]),
    ("The bulletin of 11/19/2010 listed four names.",
     [("11/19/2010", "2010-11-19", "day")]),
    ("Gunmen stormed the checkpoint on Jan. 14 before dawn.",
     [("Jan. 14", "2011-01-14", "day")]),
    ("Militia leaders met on Feb. 27 in the hills.",
     [("Feb. 27", "2011-02-27", "day")]),
    ("Troops retook the bridge on February 20.",
     [("February 20", "2011-02-20", "day")]),
    # a year-less date later in the year than base belongs to the year before
    ("The siege began on November 5 and lasted weeks.",
     [("November 5", "2010-11-05", "day")]),
    # weekday with a date: the date wins
    ("At the Sunday, February 27 briefing the colonel showed maps.",
     [("Sunday, February 27", "2011-02-27", "day")]),
    # bare weekdays: most recent such day on or before base
    ("Insurgents attacked the outpost early Sunday morning.",
     [("early Sunday morning", "2011-02-27", "day")]),
    ("The governor resigned on Wednesday.", [("Wednesday", "2011-03-02", "day")]),
    ("Two mortars hit the base Thursday night.", [("Thursday night", "2011-02-24", "day")]),
    ("The ministry confirmed the arrests last Wednesday.",
     [("last Wednesday", "2011-02-23", "day")]),
    # deictic words
    ("A drone strike killed three fighters today.", [("today", "2011-03-02", "day")]),
    ("Police said this morning that the road was open.", [("this morning", "2011-03-02", "day")]),
    ("Clashes resumed tonight in the old city.", [("tonight", "2011-03-02", "day")]),
    ("Earlier today the army lifted the curfew.", [("Earlier today", "2011-03-02", "day")]),
    ("A bomb exploded yesterday outside the market.", [("yesterday", "2011-03-01", "day")]),
    # week precision
    ("The hostages were freed last weekend, aid workers said.",
     [("last weekend", "2011-02-27", "week")]),
    ("Raids intensified last week across the valley.", [("last week", "2011-02-23", "week")]),
    ("Fighting flared this week near the dam.", [("this week", "2011-03-02", "week")]),
    ("Earlier this week the council voted to disarm.",
     [("Earlier this week", "2011-02-28", "week")]),
    ("Two weeks ago a patrol went missing.", [("Two weeks ago", "2011-02-16", "week")]),
    # day offsets
    ("The envoy arrived three days ago.", [("three days ago", "2011-02-27", "day")]),
    # month precision
    ("Kidnappings rose sharply last month.", [("last month", "2011-02-01", "month")]),
    ("The faction split in January.", [("January", "2011-01-01", "month")]),
    ("The offensive that began in October stalled.", [("October", "2010-10-01", "month")]),
    ("The truce of May 2008 did not hold.", [("May 2008", "2008-05-01", "month")]),
    ("Talks collapsed in April of 2009.", [("April of 2009", "2009-04-01", "month")]),
    ("Attacks surged in mid-October.", [("mid-October", "2010-10-15", "month")]),
    ("Attacks surged in mid-June 2009.", [("mid-June 2009", "2009-06-15", "month")]),
    ("Reinforcements landed in late January.", [("late January", "2011-01-01", "month")]),
    ("Refugees crossed the border last September.",
     [("last September", "2010-09-01", "month")]),
    # year precision
    ("The movement was founded in early 2005.", [("early 2005", "2005-01-01", "year")]),
    ("Its founder was jailed in late 2004.", [("late 2004", "2004-01-01", "year")]),
    ("The brigade was disbanded in 2009.", [("2009", "2009-01-01", "year")]),
    ("The rebels lost ground during the summer of 2010.",
     [("the summer of 2010", "2010-01-01", "year")]),
    ("The army advanced through the spring and summer of 2009.",
     [("the spring and summer of 2009", "2009-01-01", "year")]),
    ("The cell was rebuilt last summer.", [("last summer", "2010-01-01", "year")]),
    ("Desertions doubled last year.", [("last year", "2010-01-01", "year")]),
    ("Earlier this year the commander was replaced.",
     [("Earlier this year", "2011-01-01", "year")]),
    ("the 2006 war ended in a stalemate", [("2006", "2006-01-01", "year")]),
])
def test_dates_resolves_expression(text, expected):
    assert _triples(text) == expected


@pytest.mark.parametrize("text", [
    "More than 2,000 fighters surrendered.",
    "More than 2000 fighters surrendered.",
    "He is a 22-year veteran of the militia.",
    "The 1920 Revolution Brigades claimed the attack.",
    "May God protect the city, the imam said.",
    "June Ortega, a nurse, treated the wounded.",
    "The battalion fired 40 rounds at the 8th checkpoint.",
    "The group may be linked to the march on the capital.",
])
def test_dates_ignores_non_dates(text):
    assert find_dates(text, BASE) == []


def test_dates_spans_point_into_the_body():
    body = "Intro sentence here. Gunmen struck on June 16, 2010 at dawn."
    start = body.index("Gunmen")
    (ref,) = find_dates(body[start:], BASE, offset=start)
    assert body[ref.span.start:ref.span.end] == ref.span.text == "June 16, 2010"


@pytest.mark.parametrize("text, span, date", [
    ("Forces have killed 40 militants since April 2, 2010.", "since April 2, 2010", "2010-04-02"),
    ("Since mid-November, police have detained 12 suspects.", "Since mid-November", "2010-11-15"),
    ("Allied troops have seized six caches since late 2008.", "since late 2008", "2008-01-01"),
    ("Nine commanders have been killed since last month.", "since last month", "2011-02-01"),
    ("They killed 30 and captured 41 since the campaign began on June 3, 2010.",
     "June 3, 2010", "2010-06-03"),
])
def test_dates_marks_since_windows(text, span, date):
    refs = [r for r in find_dates(text, BASE) if r.since]
    assert [(r.span.text, r.date) for r in refs] == [(span, date)]


def test_dates_plain_date_is_not_a_window():
    (ref,) = find_dates("The raid took place on June 3, 2010.", BASE)
    assert ref.since is False


@pytest.mark.parametrize("text, relative", [
    ("on June 3, 2010", False),
    ("in March 2009", False),
    ("in 2008", False),
    ("on June 3", True),
    ("on Saturday", True),
    ("last weekend", True),
    ("yesterday", True),
])
def test_dates_flags_relative_expressions(text, relative):
    (ref,) = find_dates(text, BASE)
    assert ref.relative is relative


@pytest.mark.parametrize("text, precision", [
    ("on Saturday", "day"), ("last weekend", "week"), ("last month", "month"),
    ("in March", "month"), ("last year", "year"), ("the next day", "day"),
])
def test_dates_without_base_keeps_span_but_no_date(text, precision):
    (ref,) = find_dates(text, None)
    assert ref.date is None and ref.precision == precision and ref.relative
    assert ref.span.text in text


def test_dates_next_day_follows_the_anchor():
    refs = find_dates("The next day, a second bomb hit the market.", BASE,
                      anchor=dt.date(2010, 12, 23))
    assert [(r.span.text, r.date) for r in refs] == [("The next day", "2010-12-24")]


def test_dates_anchor_updates_within_a_sentence():
    refs = find_dates("Police arrested two men on December 9 and freed one the following day.", BASE)
    assert [r.date for r in refs] == ["2010-12-09", "2010-12-10"]


def test_dates_next_anchor_carries_last_day_date():
    refs = find_dates("On February 3 the column left; in January it had waited.", BASE)
    assert next_anchor(refs, None) == dt.date(2011, 2, 3)
    assert next_anchor(find_dates("Nothing dated here.", BASE), dt.date(2011, 1, 1)) == dt.date(2011, 1, 1)


def test_dates_next_day_without_anchor_is_unresolved():
    (ref,) = find_dates("The following day the army withdrew.", BASE)
    assert ref.date is None and ref.precision == "day"


def test_dates_that_date_repeats_the_anchor():
    refs = find_dates("It was the third raid since February 14. On that date, troops seized rifles.", BASE)
    assert [(r.span.text, r.date) for r in refs] == [
        ("since February 14", "2011-02-14"), ("that date", "2011-02-14")]


def test_dates_month_range_shares_the_stated_year():
    refs = find_dates("Hundreds fled between March and July of 2009.", BASE)
    assert [(r.span.text, r.date, r.precision) for r in refs] == [
        ("March", "2009-03-01", "month"), ("July of 2009", "2009-07-01", "month")]


@pytest.mark.parametrize("text, date", [
    ("The minister will visit the front in June.", "2011-06-01"),
    ("Elections are scheduled for April 10.", "2011-04-10"),
    ("The clashes in June left twelve dead.", "2010-06-01"),
])
def test_dates_future_tense_looks_forward(text, date):
    (ref,) = find_dates(text, BASE)
    assert ref.date == date


def test_dates_last_weekend_on_a_monday_is_the_day_before():
    (ref,) = find_dates("freed last weekend", dt.date(2010, 5, 10))
    assert ref.date == "2010-05-09"


def test_dates_scan_exposes_year_less_parts():
    (e,) = scan_dates("in the Friday, August 13 statement")
    assert (e.kind, e.year, e.month, e.day, e.weekday) == ("md", None, 8, 13, 4)


def test_dates_a_year_after_a_comma_without_a_space_is_the_dates():
    (e,) = scan_dates("May 14,2008 00:00 by UPI")       # a print page's byline stamp
    assert (e.year, e.month, e.day) == (2008, 5, 14)
    assert scan_dates("the 12,2008 figure") == []


def test_dates_leap_day_without_year_takes_last_leap_year():
    (ref,) = find_dates("The bridge fell on February 29.", BASE)
    assert ref.date == "2008-02-29"


@pytest.mark.parametrize("text, date", [
    ("Sniper fire on the night of 3-4 March killed a boy.", "2011-03-04"),
    ("Clashes on June 16-17 displaced hundreds.", "2010-06-16"),
])
def test_dates_day_ranges_give_one_day(text, date):
    assert [r.date for r in find_dates(text, BASE)] == [date]


@pytest.mark.parametrize("text, expected", [
    # a day the text gives only relatively: the publication's month, at month precision
    ("on Saturday", ("2010-01-01", "month")),
    ("yesterday", ("2010-01-01", "month")),
    ("last weekend", ("2010-01-01", "month")),
    # a stated month-day keeps its day; only its year comes from the month
    ("on January 12", ("2010-01-12", "day")),
    ("on December 30", ("2009-12-30", "day")),
    # a month or coarser resolves as on any day of the month
    ("last April", ("2009-04-01", "month")),
    ("last year", ("2009-01-01", "year")),
    ("last month", ("2009-12-01", "month")),
])
def test_dates_against_a_publication_known_to_the_month(text, expected):
    (ref,) = find_dates(text, None, month=dt.date(2010, 1, 1))
    assert (ref.date, ref.precision) == expected


def test_dates_a_day_publication_wins_over_the_month():
    (ref,) = find_dates("on Saturday", BASE, month=dt.date(2010, 1, 1))
    assert (ref.date, ref.precision) == ("2011-02-26", "day")


@pytest.mark.parametrize("text, expected", [
    # the month or year of the date the sentence named before
    ("Mehsud has led it since June 2018, after his predecessor was killed that month.", ("2018-06-01", "month")),
    ("Rebels took the town in March 2019 and lost it later that year.", ("2019-01-01", "year")),
    ("He was detained on May 3, 2019 and freed the same month.", ("2019-05-01", "month")),
])
def test_dates_that_month_is_the_month_named_before(text, expected):
    refs = find_dates(text, BASE)
    assert refs[-1].span.text.split()[-2] in ("that", "same")
    assert (refs[-1].date, refs[-1].precision) == expected


def test_dates_that_month_without_a_month_before_takes_the_last_day_named():
    (ref,) = find_dates("That same month, troops killed 12 rebels.", BASE, anchor=dt.date(2019, 7, 4))
    assert (ref.date, ref.precision) == ("2019-07-01", "month")
    (ref,) = find_dates("That same month, troops killed 12 rebels.", BASE)
    assert ref.date is None


def test_dates_of_that_year_is_read_once():
    refs = find_dates("On March 12 that year, gunmen attacked the base.", BASE, year_hint=2019)
    assert [(r.span.text, r.date) for r in refs] == [("March 12 that year", "2019-03-12")]

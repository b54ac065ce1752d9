"""Infer when an undated article was published, from the dates in its body.

Blogs and copied press pages often lose their dateline, yet every relative date
("Saturday", "last month") needs one.  The reasoning mirrors what a human coder
does and is spelled out in the returned basis sentence:

(a) dates that state a year bound publication from below; year-less month-days
    take the newest year the page names (a writer drops the year for recent days),
    or the year after when that would put them months before it (a new year); a lead
    date that fits neither leaves the date unknown;
(b) a weekday written with the day ("Saturday, June 16") must agree with that year;
(c) "the next day" chains extend the latest date; the lead's "Saturday",
    "yesterday", "last weekend" or "today" move it to the day they name;
(d) a year and month known from elsewhere (the URL's ``/2008/05/``) place the
    year-less dates, and with no day in that month the month alone is the answer;
(e) otherwise nothing is claimed: with no year on the page the date is unknown.

A weekday, "yesterday" or "last weekend" in the lead moves the answer past the newest
stated day to the day those words name (never further than a week).  Earlier sessions
also guessed a year from the years the named actors were active; that invented a date
no page gave, and a wrong publication date makes every relative date wrong, so it is
not done any more.

Sentences in the future tense ("elections scheduled for ...") are ignored.
"""
from __future__ import annotations

import datetime as dt
import re

from ratline.timeparse.dates import DateExpr, _month_end, _safe, scan_dates

_PARA = re.compile(r"\n\s*\n|\n(?=\S)")
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘(])")
_FUTURE = re.compile(r"(?i)\b(?:will|shall|scheduled|planned|slated|due\s+to|set\s+to|expected\s+to|upcoming)\b")


_LEAD_MIN_WORDS = 12
_WD_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Item:
    """A date expression, whether it sits in the lead, whether its sentence speaks of the future."""

    __slots__ = ("e", "lead", "future", "text", "sent")

    def __init__(self, e: DateExpr, lead: bool, future: bool, sent: int = 0) -> None:
        self.e, self.lead, self.future, self.text, self.sent = e, lead, future, e.text, sent


def _items(body: str) -> list[_Item]:
    items: list[_Item] = []
    leads = 0
    sentence = 0
    for para in (p for p in _PARA.split(body) if p.strip()):
        is_lead = leads < 2 and len(para.split()) >= _LEAD_MIN_WORDS
        leads += is_lead
        for sent in _SENT.split(para):
            fut = bool(_FUTURE.search(sent))
            sentence += 1
            items.extend(_Item(e, is_lead, fut, sentence) for e in scan_dates(sent))
    return items



def _stated_bound(e: DateExpr) -> tuple[dt.date, str] | None:
    """Lower bound a year-bearing expression puts on publication."""
    if e.kind == "ymd":
        d = _safe(e.year, e.month, e.day)
        return (d, "day") if d else None
    if e.kind == "ym":
        return dt.date(e.year, e.month, 1), "month"
    if e.kind == "qm" and e.year is not None:
        return dt.date(e.year, e.month, 15 if e.qual in ("mid", "middle") else 1), "month"
    if e.kind == "y":
        return dt.date(e.year, 1, 1), "year"
    return None


# a year-less date this close before the newest stated date is the recent past of its year
_RECENT_DAYS = 90


_UNPLACEABLE = object()       # a year-less date in the lead that fits no year the page allows


def _placed(items: list[_Item], pick, ceiling: dt.date | None = None
            ) -> list[tuple[dt.date, str, str]] | None:
    """Year-less dates given a year by ``pick(item, month, day)`` (a date, None to leave it
    unplaced, or ``_UNPLACEABLE``), chaining "the next day" from the last day placed.
    Returns (date, precision, words) per placed expression, None if one is unplaceable."""
    out: list[tuple[dt.date, str, str]] = []
    anchor: dt.date | None = None
    for it in items:
        e = it.e
        if e.kind == "ymd":
            anchor = _safe(e.year, e.month, e.day)
        elif e.kind in ("md", "m", "qm") and e.year is None:
            day = e.day if e.kind == "md" else (15 if e.qual in ("mid", "middle") else 1)
            d = pick(it, e.month, day)
            if d is _UNPLACEABLE:
                return None
            if d is None:
                continue
            prec = "day" if e.kind == "md" else "month"
            out.append((d, prec, e.text))
            anchor = d if prec == "day" else anchor
        elif e.kind == "anchored" and anchor is not None:
            anchor = anchor + dt.timedelta(days=e.n)
            if ceiling is None or anchor <= ceiling:
                out.append((anchor, "day", e.text))
    return out


def _place_yearless(items: list[_Item], year: int, floor: dt.date | None
                    ) -> list[tuple[dt.date, str, str]] | None:
    """Give year-less dates the newest stated ``year``.

    A year-less date that would fall well before ``floor`` in that year belongs to the
    year after ("February 10" after "December 2020"), which writers leave out at a new
    year; a weekday written with it picks the first year from then on that has it.  One
    that fits none of these leaves the page's date unknown if it is in the lead (None is
    returned); elsewhere it is background and is left unplaced.
    """
    def pick(it: _Item, month: int, day: int):
        wd = it.e.weekday
        d = _safe(year, month, day)
        if d is not None and (wd is None or d.weekday() == wd) and (
                floor is None or d >= floor or (floor - d).days <= _RECENT_DAYS):
            return d
        if floor is not None:
            for y in range(year, year + (7 if wd is not None else 2)):
                d = _safe(y, month, day)
                if d is not None and d >= floor and (wd is None or d.weekday() == wd):
                    return d
        return _UNPLACEABLE if it.lead else None

    return _placed(items, pick)


def infer_publication(body: str, month_hint: dt.date | None = None
                      ) -> tuple[str | None, str, str]:
    """(ISO publication date or None, precision, basis sentence) from a body with no
    stated publication date.

    ``month_hint`` is a year and month known from elsewhere (a URL such as
    ``/2008/05/slug``): year-less dates are put in the latest year that keeps them on or
    before the end of that month, and with no day in that month the answer is the month.
    The result is the newest date the text states, moved at most to the day a lead's
    weekday, "yesterday" or "today" names; no year is ever supplied that neither the text
    nor the hint gives: a wrong date is worse than none.
    """
    items = [it for it in _items(body) if not it.future]
    notes: list[str] = []
    bounds: list[tuple[dt.date, str, str]] = [(*b, it.text) for it in items if (b := _stated_bound(it.e))]
    stated_bounds = list(bounds)
    yearless = [it for it in items if it.e.kind in ("md", "m", "qm") and it.e.year is None]
    ceiling = _month_end(month_hint) if month_hint else None

    if ceiling:
        bounds = [b for b in bounds if b[0] <= ceiling]
        placed = _place_under(items, ceiling)
        if placed:
            notes.append(f"year-less dates put in the latest year that keeps them before the end of "
                         f"{month_hint:%B %Y} (from the URL)")
            bounds += placed
    elif bounds:
        top = max(bounds, key=lambda b: b[0])
        notes.append(f"dates with a year run to '{top[2]}' ({top[0].isoformat()})")
        y0 = max(d.year for d, _, _ in bounds)
        placed = _place_yearless(items, y0, top[0])
        if placed is None:
            return None, "unknown", "unknown: " + "; ".join(notes + [
                "the lead's year-less dates fall after that in a year the page does not name"])
        bounds += placed
        if yearless and placed:
            rolled = any(d.year > y0 for d, _, _ in placed)
            notes.append(f"year-less dates put in {y0}, the newest year the page names"
                         + (f", or in {y0 + 1} when {y0} would put them well before it" if rolled else ""))
    elif yearless:
        return None, "unknown", "unknown: no year is stated on the page, in its URL or its metadata"

    if ceiling:
        in_month = [b for b in bounds if b[0] >= month_hint and b[1] == "day"]
        if not in_month:
            days = [b for b in bounds if b[1] == "day"]
            if days:          # "today" after "Aug. 31" in a /2008/09/ URL: September 1
                newest = max(days, key=lambda b: b[0])
                why = [f"the URL gives {month_hint:%B %Y}; the newest day the body names is "
                       f"'{newest[2]}' ({newest[0].isoformat()})"]
                moved = _news_day(items, newest[0], why)
                if month_hint <= moved <= ceiling:
                    return moved.isoformat(), "day", "Inferred from the body: " + "; ".join(notes + why) + "."
            return (month_hint.isoformat(), "month",
                    f"the URL gives the month only ({month_hint:%B %Y}) and the body no day in it")
        latest = max(in_month, key=lambda b: b[0])
    else:
        if not bounds:
            return None, "unknown", "unknown: the page states no date"
        latest = max(bounds, key=lambda b: b[0])
        if latest[1] == "year":
            return None, "unknown", "unknown: " + "; ".join(
                notes + ["only the year is known, too coarse for a publication date"])
        if latest[1] == "month" and latest not in stated_bounds:
            # "in September" after "January 2007": a month whose year was only placed, and a
            # lower bound at that; the page could be from any later September.  The newest
            # day or stated month still bounds it.
            firm = [b for b in bounds if b[1] == "day" or (b[1] == "month" and b in stated_bounds)]
            if not firm:
                return None, "unknown", "unknown: " + "; ".join(
                    notes + [f"the newest date, '{latest[2]}', is a month whose year the page does not state"])
            latest = max(firm, key=lambda b: b[0])
    notes.append(f"publication is on or after the latest date, '{latest[2]}' ({latest[0].isoformat()})"
                 + (", known to the month only" if latest[1] == "month" else ""))
    pub = latest[0]
    if latest[1] == "day":
        why: list[str] = []
        moved = _news_day(items, pub, why)
        if ceiling is None or moved <= ceiling:        # never out of the URL's month
            pub, notes = moved, notes + why
    return pub.isoformat(), latest[1], "Inferred from the body: " + "; ".join(notes) + "."


def _news_day(items: list[_Item], pub: dt.date, notes: list[str]) -> dt.date:
    """The lead's own relative date moves publication past the newest stated day: a
    lead that reports "Saturday" after naming Friday 29 June was written on the 30th.
    This reads the page's words; it never reaches beyond the week they name."""
    lead = [it for it in items if it.lead]
    wd_lead = next((it for it in lead if it.e.kind == "weekday" and it.e.rel in (None, "this")), None)
    weekend = next((it for it in lead if it.e.kind == "runit" and it.e.unit == "weekend"
                    and it.e.rel in ("last", "this")), None)
    yday = next((it for it in lead if it.e.kind == "deictic" and it.e.n == -1), None)
    # "today" beside a date ("Today, March 3, 2015, troops ...") names that day itself
    dated_sents = {it.sent for it in items if it.e.kind in ("ymd", "md") and not it.e.since}
    today = any(it.e.kind == "deictic" and it.e.n == 0 and it.sent not in dated_sents for it in items)
    if wd_lead:
        pub = pub + dt.timedelta(days=(wd_lead.e.weekday - pub.weekday()) % 7)
        notes.append(f"the lead reports '{wd_lead.text}' as its news, and the first "
                     f"{_WD_NAMES[wd_lead.e.weekday]} on or after that is {pub.isoformat()}")
    elif weekend:
        sunday = pub + dt.timedelta(days=(6 - pub.weekday()) % 7)
        pub = sunday + dt.timedelta(days=1)
        notes.append(f"the lead reports '{weekend.text}', so publication is after the first weekend "
                     f"from then (Sunday {sunday.isoformat()}): {pub.isoformat()} at the earliest")
    elif yday:
        pub = pub + dt.timedelta(days=1)
        notes.append(f"the lead reports '{yday.text}', so publication is the day after: {pub.isoformat()}")
    elif today:
        pub = pub + dt.timedelta(days=1)
        notes.append(f"the body says 'today' yet gives its latest day by date, "
                     f"so it was written after that day: {pub.isoformat()} at the earliest")
    return pub


def _place_under(items: list[_Item], ceiling: dt.date) -> list[tuple[dt.date, str, str]]:
    """Year-less dates put in the latest year that keeps them on or before ``ceiling``."""
    def pick(_it: _Item, month: int, day: int):
        return next((c for y in (ceiling.year, ceiling.year - 1)
                     if (c := _safe(y, month, day)) and c <= ceiling), None)

    return _placed(items, pick, ceiling) or []

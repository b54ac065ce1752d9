"""Infer when an undated article was published, from the dates in its body.

Blogs and copied press pages often lose their dateline, yet every relative date
("Saturday", "last month") needs one.  The reasoning mirrors what a human coder
does and is spelled out in the returned basis sentence:

(a) dates that state a year bound publication from below; year-less month-days
    take the first year, from the latest stated year on, that keeps them on or
    after every stated date (a writer drops the year for recent days);
(b) a weekday written with the day ("Saturday, June 16") picks that year;
(c) news-lead rule: a bare weekday, "last weekend" or "yesterday" in the lead is
    the newest news, so publication is the first such day on/after the latest
    date (for "last weekend", the Monday after it; for "yesterday", the day after);
(d) "the next day" chains extend the latest date, and a body that says "today"
    while naming its latest day by date was written after that day;
(e) when no year is stated at all, ``active_ranges`` (periods during which the
    named actors existed) give the latest year that fits every range;
(f) otherwise nothing is claimed.

Sentences in the future tense ("elections scheduled for ...") are ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ratline.timeparse.dates import DateExpr, scan_dates

_PARA = re.compile(r"\n\s*\n|\n(?=\S)")
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘(])")
_FUTURE = re.compile(r"(?i)\b(?:will|shall|scheduled|planned|slated|due\s+to|set\s+to|expected\s+to|upcoming)\b")
_LEAD_MIN_WORDS = 12
_WD_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Item:
    """A date expression with where it sits and what it says about the year."""

    __slots__ = ("e", "para", "lead", "future", "text")

    def __init__(self, e: DateExpr, para: int, lead: bool, future: bool) -> None:
        self.e, self.para, self.lead, self.future = e, para, lead, future
        self.text = e.text


def _items(body: str) -> list[_Item]:
    items: list[_Item] = []
    leads = 0
    for pi, para in enumerate(p for p in _PARA.split(body) if p.strip()):
        is_lead = False
        if leads < 2 and len(para.split()) >= _LEAD_MIN_WORDS:
            leads += 1
            is_lead = True
        for sent in _SENT.split(para):
            fut = bool(_FUTURE.search(sent))
            for e in scan_dates(sent):
                items.append(_Item(e, pi, is_lead, fut))
    return items


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


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


def _in_ranges(d: dt.date, ranges: Sequence[tuple[dt.date, dt.date | None]]) -> bool:
    return all(lo <= d and (hi is None or d <= hi) for lo, hi in ranges)


def _place_yearless(items: list[_Item], year: int, floor: dt.date | None,
                    ranges: Sequence[tuple[dt.date, dt.date | None]] = ()
                    ) -> list[tuple[dt.date, str, str]] | None:
    """Give year-less dates a year (>= ``year``), chaining "the next day".

    Returns (date, precision, words) per placed expression, or None when the
    dates cannot all sit in ``year`` (ranges or weekdays disagree).
    """
    out: list[tuple[dt.date, str, str]] = []
    anchor: dt.date | None = None
    for it in items:
        e = it.e
        if e.kind == "ymd":
            anchor = _safe(e.year, e.month, e.day)
            continue
        if e.kind in ("md", "m", "qm") and e.year is None:
            day = e.day if e.kind == "md" else (15 if e.qual in ("mid", "middle") else 1)
            y = year
            while True:
                d = _safe(y, e.month, day)
                ok = d is not None and (floor is None or d >= floor) and \
                    (e.weekday is None or d.weekday() == e.weekday)
                if ok or y > year + 6 or ranges:
                    break
                y += 1
            if not ok or (ranges and not _in_ranges(d, ranges)):
                if ranges:
                    return None
                continue
            prec = "day" if e.kind == "md" else "month"
            out.append((d, prec, e.text))
            if prec == "day":
                anchor = d
        elif e.kind == "anchored" and anchor is not None:
            anchor = anchor + dt.timedelta(days=e.n)
            out.append((anchor, "day", e.text))
    return out


def infer_publication(body: str, active_ranges: Sequence[tuple[dt.date, dt.date | None]] = ()
                      ) -> tuple[str | None, str | None]:
    """(ISO publication date, basis sentence) for a body with no stated date."""
    items = [it for it in _items(body) if not it.future]
    notes: list[str] = []
    stated = [(b, it.text) for it in items if (b := _stated_bound(it.e))]
    bounds: list[tuple[dt.date, str, str]] = [(d, p, t) for (d, p), t in stated]
    yearless = [it for it in items if it.e.kind in ("md", "m", "qm") and it.e.year is None]

    if stated:
        top = max(bounds, key=lambda b: b[0])
        notes.append(f"dates with a year run to '{top[2]}' ({top[0].isoformat()})")
        y0 = max(d.year for d, _, _ in bounds)
        placed = _place_yearless(items, y0, top[0]) or []
        bounds += placed
        if yearless and placed:
            weekday = any(it.e.weekday is not None for it in yearless)
            notes.append(f"year-less dates put in the first year from {y0} that keeps them after it"
                         + (" and matches the stated weekday" if weekday else ""))
    elif yearless:
        placed = None
        ranges = [(lo, hi) for lo, hi in active_ranges]
        if ranges:
            lo = max(r[0] for r in ranges)
            his = [r[1] for r in ranges if r[1] is not None]
            hi = min(his) if his else dt.date.today()
            for y in range(hi.year, lo.year - 1, -1):
                placed = _place_yearless(items, y, None, ranges)
                if placed:
                    words = ", ".join(dict.fromkeys("'" + t + "'" for _, _, t in placed))
                    notes.append(f"no year is stated; {y} is the latest year in which "
                                 f"{words} fall within the "
                                 f"active periods of the actors named ({lo.isoformat()} to {hi.isoformat()})")
                    break
        if not placed:
            return None, ("no year is stated in the body and no actor period fixes one"
                          if not ranges else "no year is stated and no year fits the actors' active periods")
        bounds += placed
    if not bounds:
        return None, "the body states no date"

    latest = max(bounds, key=lambda b: b[0])
    if latest[1] == "year":
        return None, "; ".join(notes + ["only the year is known, too coarse for a publication date"])
    pub = latest[0]
    notes.append(f"publication is on or after the latest date, '{latest[2]}' ({pub.isoformat()})")

    lead = [it for it in items if it.lead]
    wd_lead = next((it for it in lead if it.e.kind == "weekday" and it.e.rel in (None, "this")), None)
    weekend = next((it for it in lead if it.e.kind == "runit" and it.e.unit == "weekend"
                    and it.e.rel in ("last", "this")), None)
    yday = next((it for it in lead if it.e.kind == "deictic" and it.e.n == -1), None)
    today = any(it.e.kind == "deictic" and it.e.n == 0 for it in items)
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
    elif today and latest[1] == "day":
        pub = pub + dt.timedelta(days=1)
        notes.append(f"the body says 'today' yet gives its latest day as '{latest[2]}', "
                     f"so it was written after that day: {pub.isoformat()} at the earliest")
    elif latest[1] == "month":
        notes.append("a lower bound only")
    return pub.isoformat(), "Inferred from the body: " + "; ".join(notes) + "."

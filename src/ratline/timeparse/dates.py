"""Date expressions in a sentence, resolved to calendar dates with a precision.

Conflict coders record *when* with a precision (UCDP GED ``date_prec`` style:
day, week, month, year), and they never invent a day that the text does not
give.  General-purpose parsers do exactly that ("June" -> 16 June of this
year) and know nothing of "the next day" or "last weekend", so this module
has its own small grammar (``scan.py``):

* one precompiled regex finds every candidate in one pass (``scan_dates``, in
  ``scan.py`` with its grammar);
* ``resolve`` turns a candidate into a ``DateRef`` using the publication date
  (``base``) and the last day-precise date mentioned before (``anchor``).

The split lets ``pubdate`` reason about raw, year-less expressions ("Saturday,
June 16") before any publication date is known.  dateparser is not used: the
grammar in ``scan.py`` is both stricter and about two orders of magnitude faster.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from ratline.schema import DateRef, Span
from ratline.timeparse.scan import (  # noqa: F401 - scan_dates and DateExpr are part of this module's API
    DateExpr, _SEASON_END, _SEASON_START, scan_dates,
)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(d: dt.date, n: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def year_for_month_day(month: int, day: int, base: dt.date, weekday: int | None = None,
                       grace_days: int = 7) -> int:
    """Year of a year-less day: the latest one not after ``base`` (+ a short grace
    for events announced a few days ahead); a stated weekday picks among base-year
    neighbours when the default year disagrees with it."""
    y = base.year
    cand = _safe(y, month, day)
    if cand is None or cand > base + dt.timedelta(days=grace_days):
        y -= 1
    while _safe(y, month, day) is None and y > base.year - 8:
        y -= 1                                      # February 29: the last leap year
    if weekday is not None:
        for yy in (y, y - 1, y + 1):
            c = _safe(yy, month, day)
            if c is not None and c.weekday() == weekday and c <= base + dt.timedelta(days=grace_days):
                return yy
    return y


def _month_year(month: int, base: dt.date, future: bool = False) -> int:
    """Year of a year-less month: the latest not after base, or the next one
    from base on when the sentence speaks of the future."""
    if future:
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1


def _season_year(rel: str, season: str, base: dt.date) -> int:
    if rel == "last":
        end = _SEASON_END[season]
        y = base.year if end < base.month else base.year - 1
        return y + 1 if season == "winter" and end >= base.month and y < base.year else y
    if rel == "next":
        start = _SEASON_START[season]
        y = base.year if start > base.month else base.year + 1
        return y + 1 if season == "winter" else y
    return base.year


def _sunday_before(base: dt.date) -> dt.date:
    return base - dt.timedelta(days=(base.weekday() + 1) % 7 or 7)


def _runit(rel: str, unit: str, base: dt.date) -> tuple[dt.date, str]:
    if unit == "weekend":
        if rel == "last":
            return _sunday_before(base), "week"
        if rel == "next":
            return base + dt.timedelta(days=(6 - base.weekday()) % 7 + (7 if base.weekday() >= 5 else 0)), "week"
        if base.weekday() >= 5:   # said during a weekend: this one
            return base + dt.timedelta(days=6 - base.weekday()), "week"
        return _sunday_before(base), "week"
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday())
        if rel == "last":
            return base - dt.timedelta(days=7), "week"
        if rel == "next":
            return base + dt.timedelta(days=7), "week"
        if rel == "earlier this":
            return max(monday, base - dt.timedelta(days=2)), "week"
        if rel == "later this":
            return min(monday + dt.timedelta(days=6), base + dt.timedelta(days=2)), "week"
        return base, "week"
    if unit == "month":
        first = base.replace(day=1)
        if rel == "last":
            return _add_months(first, -1), "month"
        if rel == "next":
            return _add_months(first, 1), "month"
        return first, "month"
    y = base.year - 1 if rel == "last" else base.year + 1 if rel == "next" else base.year
    return dt.date(y, 1, 1), "year"


def resolve(e: DateExpr, base: dt.date | None, anchor: dt.date | None = None,
            month: dt.date | None = None) -> tuple[dt.date | None, str, bool]:
    """(date, precision, relative) of an expression; date None when unresolvable.

    ``month`` is a publication known to the month only (a URL's ``/2010/01/``), used
    when there is no ``base`` day: see ``_resolve_in_month``."""
    k = e.kind
    if k == "that":
        return None, e.unit, True        # "that month": only the text before says which (find_dates)
    if k == "ymd":
        return _safe(e.year, e.month, e.day), "day", False
    if k == "ym":
        return dt.date(e.year, e.month, 1), "month", False
    if k == "y":
        return dt.date(e.year, 1, 1), "year", False
    if k == "qm":
        day = 15 if e.qual in ("mid", "middle") else 1
        if e.year is not None:
            return dt.date(e.year, e.month, day), "month", False
        if base is None:
            return None, "month", True
        return dt.date(_month_year(e.month, base, e.future), e.month, day), "month", True
    if k == "anchored":
        return (anchor + dt.timedelta(days=e.n) if anchor else None), "day", True
    if k == "after":
        prec = {"day": "day", "week": "week", "month": "month", "year": "year"}[e.unit]
        if e.qual == "vague" and prec == "day":
            prec = "week"
        if anchor is None:
            return None, prec, True
        return _shift(anchor, e.n, e.unit), prec, True
    if base is None and month is not None:
        return _resolve_in_month(e, month)
    if base is None:
        prec = {"md": "day", "m": "month", "rseason": "year", "rmonth": "month",
                "weekday": "day", "deictic": "day"}.get(k)
        if k == "runit":
            prec = "week" if e.unit in ("week", "weekend") else e.unit
        if k == "ago":
            prec = "week" if (e.qual == "vague" and e.unit == "day") else e.unit
        return None, prec or "day", True
    if k == "md":
        if e.future:
            c = _safe(base.year, e.month, e.day)
            y = base.year if c is None or c >= base - dt.timedelta(days=1) else base.year + 1
        else:
            y = year_for_month_day(e.month, e.day, base, e.weekday)
        return _safe(y, e.month, e.day), "day", True
    if k == "m":
        return dt.date(_month_year(e.month, base, e.future), e.month, 1), "month", True
    if k == "weekday":
        wd, bw = e.weekday, base.weekday()
        if e.rel == "last":
            return base - dt.timedelta(days=(bw - wd - 1) % 7 + 1), "day", True
        if e.rel == "next":
            return base + dt.timedelta(days=(wd - bw - 1) % 7 + 1), "day", True
        if e.rel == "this":
            return base + dt.timedelta(days=wd - bw), "day", True
        return base - dt.timedelta(days=(bw - wd) % 7), "day", True
    if k == "deictic":
        return base + dt.timedelta(days=e.n), "day", True
    if k == "runit":
        d, prec = _runit(e.rel, e.unit, base)
        return d, prec, True
    if k == "rmonth":
        if e.rel == "last":
            y = base.year if e.month < base.month else base.year - 1
        elif e.rel == "next":
            y = base.year if e.month > base.month else base.year + 1
        else:
            y = base.year
        return dt.date(y, e.month, 1), "month", True
    if k == "rseason":
        return dt.date(_season_year(e.rel, e.unit, base), 1, 1), "year", True
    if k == "ago":
        prec = "week" if (e.qual == "vague" and e.unit == "day") else e.unit
        return _shift(base, e.n, e.unit), prec, True
    return None, None, True  # pragma: no cover


def _month_end(d: dt.date) -> dt.date:
    return _add_months(d, 1) - dt.timedelta(days=1)


def _resolve_in_month(e: DateExpr, month: dt.date) -> tuple[dt.date | None, str, bool]:
    """An expression resolved against a publication known only to its month.

    "Friday evening" in a blog post filed under /2010/01/ is a day of January 2010 (or,
    in its first days, of late December): coders record it as that month, with month
    precision, and that is what is returned; the day is never guessed.  Expressions
    whose own precision is a month or coarser ("last April", "last year") resolve as
    against the middle of the month, which gives the same answer on every day of it
    but at the month's edges.  A stated month and day ("January 12") keeps its day: only
    its year comes from the month."""
    if e.kind == "md":
        return resolve(e, _month_end(month))
    d, prec, rel = resolve(e, month.replace(day=15))
    if d is not None and prec in ("day", "week"):
        return d.replace(day=1), "month", rel
    return d, prec, rel


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(days=7 * n)
    if unit == "month":
        return _add_months(d.replace(day=1), n)
    return dt.date(d.year + n, 1, 1)


def _iso(d: dt.date | None, precision: str | None) -> str | None:
    if d is None:
        return None
    if precision == "month":
        return d.isoformat()  # day 1, or 15 for "mid-October" (kept on purpose)
    if precision == "year":
        return f"{d.year:04d}-01-01"
    return d.isoformat()


def find_dates(text: str, base: dt.date | None, offset: int = 0,
               anchor: dt.date | None = None, year_hint: int | None = None,
               month: dt.date | None = None) -> list[DateRef]:
    """Every date expression of a sentence as ``DateRef``, spans offset into the body.

    ``base`` is the publication date; ``anchor`` the last day-precise date
    mentioned before this sentence; ``month`` a publication known only to its month,
    used when ``base`` is None.  Day-precise dates found here become the
    anchor for later expressions in the same sentence ("On December 23 ...;
    the next day ...").  Use :func:`next_anchor` to carry it to the next one.
    """
    refs: list[DateRef] = []
    named: dt.date | None = None          # the last day or month this sentence named
    for e in scan_dates(text):
        if e.rel == "that-year":
            year = year_hint or (anchor.year if anchor else None)
            if year is not None:
                e.year, e.kind = year, ("ymd" if e.kind == "md" else "ym" if e.kind == "m" else e.kind)
        if e.kind == "that":
            d, prec, rel = _that(e.unit, named, anchor, year_hint), e.unit, True
        else:
            d, prec, rel = resolve(e, base, anchor, month)
        if d is not None and prec in ("day", "month"):
            named = d
        if e.year is not None and not rel and d is not None:
            year_hint = e.year
        if d is not None and prec == "day":
            anchor = d
        refs.append(DateRef(Span(offset + e.start, offset + e.end, e.text),
                            _iso(d, prec), prec, rel, e.since))
    return refs


def _that(unit: str, named: dt.date | None, anchor: dt.date | None, year_hint: int | None) -> dt.date | None:
    """"was killed that month", "later that year": the month (year) of the date the sentence last
    named, else of the last day-precise date before it (the year the text last named, for a year)."""
    if unit == "month":
        ref = named or anchor
        return ref.replace(day=1) if ref is not None else None
    year = named.year if named is not None else year_hint or (anchor.year if anchor is not None else None)
    return dt.date(year, 1, 1) if year is not None else None


def next_anchor(refs: Iterable[DateRef], anchor: dt.date | None) -> dt.date | None:
    """The anchor after a sentence: its last day-precise resolved date, else unchanged."""
    for r in refs:
        if r.date and r.precision == "day":
            anchor = dt.date.fromisoformat(r.date)
    return anchor

"""The publication date a page's URL carries.

Most news sites put the date in the path: ``/2016/09/05/``, ``/2007-08-09``,
``/2009/dec/31/``, ``/2008/Dec/``, ``-20070809-``, ``/20180203/``, ``201909250150``.
htmldate reads the year-month-day forms with separators; what it leaves (month
names, compact digits, year and month alone) is read here, each form with the
precision it gives.  A month-only path (``/2008/05/slug``) still fixes the year
and month, which is what the body's year-less dates lack.

Forms that could be anything are refused: a compact date must make a valid
calendar day in the plausible range and must not sit inside a longer run of
digits that is an id (``/45265-``, ``7004801.stm``); a month or day must end its path
segment (``/2020/marines-killed`` names no March).  Only the path is read, never the
host, query or fragment.  Unix timestamps are not read.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor

from ratline.ingest.dates import _MONTHS
from ratline.timeparse.dates import _safe

_EARLIEST = dt.datetime(1990, 1, 1)
_YEAR = r"(?:199\d|20[0-3]\d)"
_MON_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# a month or day ends its path segment: "/2020/marines-killed" names no March, "/2015/12-killed" no December
_END = r"(?=/|$|\.|[-_]\d)"

# a blog path /2021/09/20-killed-in-clashes: "20" opens the slug, it is no day
_SLUG_DAY = r"(?<!\d){y}/0?{m}/0?{d}[-_][A-Za-z]"
# /2009/dec/31/  /2008/Dec/   (the day is optional)
_NAMED = re.compile(rf"(?<![\d])({_YEAR})/({_MON_NAME}){_END}(?:/(\d{{1,2}}){_END})?", re.I)
# 2018-08/27 (Xinhua) and /2008/5/  (year and month, the day after another separator)
_YM = re.compile(rf"(?<![\d])({_YEAR})[/_-](0?[1-9]|1[0-2]){_END}(?:[/_-](\d{{1,2}}){_END})?")
# 20070809, 201204281230 (with hour and minute), not part of a longer number
_COMPACT = re.compile(rf"(?<!\d)({_YEAR})(0[1-9]|1[0-2])([0-3]\d)(?:[0-2]\d[0-5]\d)?(?!\d)")
# 08122015, 21012019: day-month-year, read only when no other order makes a date
_COMPACT_DMY = re.compile(rf"(?<!\d)([0-3]\d)(0[1-9]|1[0-2])({_YEAR})(?!\d)")


@dataclass(frozen=True)
class UrlDate:
    date: dt.date
    precision: str      # "day" or "month"
    text: str           # the part of the URL that says it


_OPTIONS = Extractor(extensive=False, max=dt.datetime(2039, 12, 31), min=_EARLIEST, original=True,
                     format="%Y-%m-%d")


def _day_is_slug(path: str, day: dt.date) -> bool:
    return bool(re.search(_SLUG_DAY.format(y=day.year, m=day.month, d=day.day), path))


def url_date(url: str | None) -> UrlDate | None:
    """The date in ``url``'s path, or None.  No clock is consulted."""
    if not url:
        return None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:             # "http://[::1/..." and other malformed URLs: no date
        return None
    if not path.strip("/"):
        return None
    # the path only: a date in the host name, the query or the fragment is not the page's
    found = extract_url_date(path, _OPTIONS)
    day = dt.date.fromisoformat(found) if found else None
    if day is not None and not _day_is_slug(path, day):
        return UrlDate(day, "day", found)
    for rx, order in ((_NAMED, "ymd"), (_YM, "ymd"), (_COMPACT, "ymd"), (_COMPACT_DMY, "dmy")):
        for m in rx.finditer(path):
            if order == "dmy":
                d, mo, y = m.group(1), m.group(2), m.group(3)
            else:
                y, mo, d = m.group(1), m.group(2), m.group(3)
            month = _MONTHS.get(mo[:3].lower()) if not mo.isdigit() else int(mo)
            if month is None:
                continue
            if d:
                day = _safe(int(y), month, int(d))
                prec = "day"
            else:
                day, prec = dt.date(int(y), month, 1), "month"
            if day is None:
                continue
            return UrlDate(day, prec, m.group(0).strip("/-_"))
    return None

"""Calendar dates written on a page (bylines, datelines, comment stamps).

Ingest only reads dates that a page *states* about itself; inferring a date from
what the body narrates is the time stage's job.  A small regex reader is used
instead of ``dateparser.search`` because the latter finds "dates" in ordinary
words and is slow; here we only want full dates with a year, and we want to know
when a numeric date was ambiguous (06/09/2009) so the basis can say so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|"
    r"June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|"
    r"Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS = [
    # June 18, 2007 / Jun. 18 2007
    ("mdy", re.compile(_MONTH + r"\s+(?P<day>\d{1,2})" + _ORD + r",?\s+(?P<year>\d{4})\b", re.I)),
    # 18 June 2007 / 18th of June, 2007
    ("dmy", re.compile(r"\b(?P<day>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I)),
    # 2007-06-18
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?!\d)")),
    # 06/18/2007 (US order unless the first number cannot be a month)
    ("slash", re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b")),
    # 18.06.2007 (European order)
    ("dot", re.compile(r"\b(?P<day>\d{1,2})\.(?P<m>\d{1,2})\.(?P<year>\d{4})\b")),
]


@dataclass(frozen=True)
class FoundDate:
    """A full date stated in a piece of text."""

    iso: str
    text: str          # the words as written
    start: int
    end: int
    ambiguous: bool = False   # day/month order was a guess (e.g. 06/09/2009)


def _make(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_DIGIT = re.compile(r"\d{4}")


def find_dates(text: str) -> list[FoundDate]:
    """Every full (day, month, year) date in ``text``, in reading order."""
    if not _DIGIT.search(text):
        return []                  # every full date has a four-digit year
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            year = int(m["year"])
            ambiguous = False
            if kind in ("mdy", "dmy"):
                month = _MONTHS[m["mon"].lower()[:3]]
                iso = _make(year, month, int(m["day"]))
            elif kind == "slash":
                a, b = int(m["a"]), int(m["b"])
                if a > 12:
                    iso = _make(year, b, a)
                else:
                    iso = _make(year, a, b)
                    ambiguous = b <= 12 and a != b
            else:
                iso = _make(year, int(m["m"]), int(m["day"]))
            if iso:
                found.append(FoundDate(iso, m.group(0), m.start(), m.end(), ambiguous))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME = r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?|\b\d{1,2}\s*[ap]\.?m\.?"
_DATE_WORDS = re.compile(
    r"\b(?:posted|published|updated|last|modified|first|date[d]?|on|at|in|"
    + _WEEKDAY + r")\b|" + _TIME,
    re.I,
)


def date_only_line(line: str) -> FoundDate | None:
    """The date if ``line`` says nothing but a date (and perhaps 'Posted on', a time).

    Such lines are page furniture (a dateline or timestamp), not article text.
    """
    if len(line) > 80 or not _DIGIT.search(line):
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    d = dates[0]
    rest = line[: d.start] + " " + line[d.end:]
    rest = _DATE_WORDS.sub(" ", rest)
    if re.search(r"[A-Za-z]{2,}", rest):
        return None
    return d

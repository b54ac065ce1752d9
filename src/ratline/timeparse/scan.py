"""Date expressions in a sentence: the grammar and the one-pass scanner.

``scan_dates`` finds every candidate with its parts (day, month, year, weekday, a
relative word, "since") and no calendar arithmetic; ``dates.resolve`` turns one into
a calendar date with a precision.  Kept apart so that ``pubdate`` can reason about
raw, year-less expressions before any publication date is known, and so that the
grammar can be read in one sitting.
"""
from __future__ import annotations

import re

from ratline.timeparse.rxutil import both_cases, word_trie

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2,
    "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}
# "a few days ago": a vague count, resolved with a week precision.
_VAGUE_SMALL = {"a few": 3, "few": 3, "several": 4, "a couple of": 2, "a couple": 2}
_MONTH_WORDS = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
                "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_WEEKDAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                  "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")
# Months in which each season ends (winter ends in February of the next year).
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# --- the grammar -----------------------------------------------------------
_MONF = (r"(?:January|February|March|April|May|June|July|August|September|"
         r"October|November|December)")
_MONA = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
_MON = rf"(?:{_MONF}|{_MONA})"
_MONFD = rf"(?:{_MONF}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
_WDF = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD = rf"(?:{_WDF}|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?![\d%]|,\d|\.\d|-(?:[a-z]))"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_QUAL = r"(?i:early|mid|late|the\s+(?:start|beginning|end|middle)\s+of)"
_N = (r"(?i:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
      r"twelve|fifteen|twenty|thirty|a\s+few|few|several|a\s+couple(?:\s+of)?)")
_TOD = r"(?i:morning|afternoon|evening|night)"

_GRAMMAR = rf"""
  (?P<iso>\b(?:19|20)\d\d-(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])\b)
| (?P<slash>\b\d{{1,2}}/\d{{1,2}}/(?:(?:19|20)\d\d|\d\d)\b)
| (?:(?P<wd1>{_WD}),?\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAY})\b(?!:|\d)
      (?:(?:,\s*|\s+)(?P<y1>{_YEAR}))?        # 'May 14,2008' on a byline too
| (?:(?P<wd2>{_WD}),?\s+)?(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MON})
      (?:(?:,\s*|\s+)(?P<y2>{_YEAR}))?
| (?P<mr1>{_MONF})\s*(?:to|through|until|till|and|-|–)\s*(?P<mr2>{_MONF})
      (?:,?\s+(?:of\s+)?(?P<mry>{_YEAR}))?
| (?P<q1>{_QUAL})[-\s]+(?P<m3>{_MONFD})(?:,?\s+(?:of\s+)?(?P<y3>{_YEAR}))?
| (?P<m4>{_MON}),?\s+(?:of\s+)?(?P<y4>{_YEAR})
| (?P<q2>{_QUAL})[-\s]+(?P<y5>{_YEAR})
| (?i:the\s+)?(?:(?i:early|late|mid)[-\s]+)?(?P<s1>(?i:{_SEASON}))
      (?:\s+and\s+(?:the\s+)?(?i:{_SEASON}))?(?:\s+of)?\s+(?P<y6>{_YEAR})
| (?P<rs>(?i:last|this\s+past|this|next))\s+(?P<s2>(?i:{_SEASON}))\b
| (?P<ru>(?i:(?:earlier|later)\s+this|this\s+past|this|last|next))\s+
      (?P<unit>(?i:weekend|week|month|year))\b
| (?P<wkd>(?i:over|during|at)\s+the\s+weekend)\b
| (?P<rm>(?i:last|this\s+past|this|next))\s+(?P<m5>{_MONF})\b
| \b(?P<an>{_N})\s+(?P<au>(?i:days?|weeks?|months?|years?))\s+(?P<aw>(?i:ago|later|earlier))\b
| (?P<deic>(?i:the\s+day\s+before\s+yesterday|(?:earlier|later)\s+today|today|tonight|
      this\s+(?:morning|afternoon|evening)|yesterday(?:\s+(?:morning|afternoon|evening))?|
      last\s+night|tomorrow(?:\s+(?:morning|afternoon|evening|night))?))\b
| (?P<anch>(?i:the\s+(?:next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night)|
      the\s+day\s+(?:before|after)|(?:later\s+|earlier\s+)?that\s+(?:same\s+)?(?:day|date|morning|afternoon|evening|night)|
      the\s+same\s+day))\b
| (?P<thatu>(?i:(?:later\s+|earlier\s+)?(?:that(?:\s+same)?|the\s+same)\s+(?:month|year)))\b
| (?:(?P<wq>(?i:early|late))\s+)?(?:(?P<wr>(?i:last|next|this\s+past|this))\s+)?(?P<wd3>{_WDF})
      (?:\s+(?P<tod>{_TOD}))?\b
| (?P<m6>{_MONF})\b
| (?P<y7>\b{_YEAR})\b
"""

# The gate: the grammar is tried only where a date can start.  Frequent words
# ("the", "a", "at", "that", number words) pass only when the words after them
# can make a date, so most word starts fail after a compare or two.
_UNITW = r"(?:days?|weeks?|months?|years?)\s+(?:ago|later|earlier)"
_GATE = rf"""\b(?=
    \d
  | {word_trie(list(_MONTH_WORDS) + list(_WEEKDAY_WORDS) + both_cases((
        "today", "tonight", "tomorrow", "yesterday", "early", "earlier", "late", "later", "mid",
        "last", "this", "next", "spring", "summer", "autumn", "fall", "winter")))}\b
  | [Tt]he\s+(?:next|following|previous|preceding|day|same|start|beginning|end|middle|spring|
        summer|autumn|fall|winter|early|late|mid|\d)
  | (?:[Aa]t|[Oo]ver|[Dd]uring)\s+the\s+weekend
  | [Tt]hat\s+(?:same\s+)?(?:day|date|morning|afternoon|evening|night|month|year)
  | {word_trie(both_cases(list(_SMALL) + ["few", "several"]))}\s+(?:few\s+|couple\s+(?:of\s+)?)?{_UNITW}
)"""
_RX = re.compile(_GATE + "(?:" + _GRAMMAR + ")", re.VERBOSE)

# Context checks, run only on candidates (a few per sentence at most).
_SINCE_ADJ = re.compile(r"(?i)\b(?:ever\s+)?since\s+(?:at\s+least\s+)?$")
_SINCE_FAR = re.compile(
    r"(?i)(?:\bsince\b[^.;!?]{0,60}?\b(?:began|begun|started|start|launched|commenced|"
    r"kicked\s+off|took\s+effect|went\s+into\s+effect)|\b(?:starting|beginning))"
    r"(?:\s+(?:in|on|at|around|from))?\s+$")
_PREV_WORD = re.compile(r"([A-Za-z]+)\W{0,3}$")
# A year-less date after these words lies ahead ("will visit in June").
_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|shall|plans?\s+to|planned|scheduled|due\s+to|set\s+to|slated|"
    r"(?:is|are)\s+expected\s+to|upcoming|next)\b")
_TEMPORAL_PREV = frozenset(
    "in since by until till through throughout during before after from to of "
    "between and or around circa early late mid year years spring summer autumn "
    "fall winter end start beginning middle".split())
_YEAR_NOUNS = frozenset(
    "war wars election elections offensive attack attacks invasion surge uprising "
    "ceasefire cease-fire campaign agreement accord coup revolution bombing bombings "
    "raid raids conflict crisis law report census budget season summit deal fighting "
    "battle siege operation operations vote referendum protests massacre earthquake "
    "floods flood famine takeover talks treaty deadline constitution".split())
_COUNT_PREV = frozenset(
    "than over about least nearly almost some around killed killing kill wounded "
    "injured captured arrested detained freed displaced approximately roughly "
    "estimated".split())
_DETERMINERS = frozenset("the a an its his her their this that".split())


class DateExpr:
    """One date expression as written, before any resolution.

    ``kind`` says which rule matched; the other fields hold what the words
    state (a year-less "June 16" has ``year=None``).  ``since`` marks the
    start of a window ("since April 27, 2007").
    """

    __slots__ = ("start", "end", "kind", "year", "month", "day", "weekday",
                 "qual", "n", "unit", "rel", "since", "future", "text")

    def __init__(self, start: int, end: int, kind: str, text: str, **kw: object) -> None:
        self.start, self.end, self.kind, self.text = start, end, kind, text
        self.year = kw.get("year")
        self.month = kw.get("month")
        self.day = kw.get("day")
        self.weekday = kw.get("weekday")
        self.qual = kw.get("qual")
        self.n = kw.get("n")
        self.unit = kw.get("unit")
        self.rel = kw.get("rel")
        self.since = bool(kw.get("since"))
        self.future = bool(kw.get("future"))

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"DateExpr({self.kind!r}, {self.text!r}, y={self.year}, m={self.month}, d={self.day})"


def _norm(s: str) -> str:
    return " ".join(s.lower().replace(".", "").split())


def _rel(s: str) -> str:
    """'this past' means 'last'; 'earlier this' / 'later this' are kept."""
    w = _norm(s)
    return "last" if w == "this past" else w


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _day(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


def _year_is_date(text: str, s: int, e: int) -> bool:
    """A bare 19xx/20xx is a year only in a temporal context, not "2000 fighters"."""
    if s and text[s - 1] in "$£€#,.-/":
        return False
    prev = _prev_word(text, s)
    if prev in _TEMPORAL_PREV:
        return True
    if prev in _COUNT_PREV:
        return False
    rest = text[e:e + 20]
    if rest[:2] in ("’s", "'s"):
        return True
    stripped = rest.lstrip(" ")
    if not stripped or stripped[0] in ",.;:)!?—–\"”’":
        return True
    word = stripped.split(None, 1)[0].strip(",.;:")
    return prev in _DETERMINERS and word in _YEAR_NOUNS  # lower case: "the 2006 war"


def _month_is_date(text: str, s: int, e: int, name: str) -> bool:
    """A bare month name is a date unless it looks like a name ("June Smith")."""
    prev = _prev_word(text, s)
    if prev in _TEMPORAL_PREV or prev in ("last", "this", "next", "that", "every", "each"):
        return True
    if name == "May":
        return False
    nxt = text[e:e + 2]
    return not (len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper())


def _since(text: str, s: int) -> tuple[bool, int]:
    """Is the expression the start of a window?  Returns (since, new start)."""
    lo = max(0, s - 90)
    m = _SINCE_ADJ.search(text, lo, s)
    if m:
        return True, m.start()
    if _SINCE_FAR.search(text, lo, s):
        return True, s
    return False, s


_THAT_YEAR = re.compile(r",?\s+(?:of\s+)?(?:that|the same|that same)\s+year\b", re.I)


def scan_dates(text: str) -> list[DateExpr]:
    """Every date expression in ``text`` in order, unresolved (offsets into text)."""
    out: list[DateExpr] = []
    taken = 0                          # where the last expression ended ("March 12 of that year")
    for m in _RX.finditer(text):
        g = m.groupdict()
        s, e = m.span()
        if s < taken:
            continue
        kw: dict[str, object] = {}
        if g["iso"]:
            y, mo, d = (int(x) for x in g["iso"].split("-"))
            kind, kw = "ymd", {"year": y, "month": mo, "day": d}
        elif g["slash"]:
            a, b, y = (int(x) for x in g["slash"].split("/"))
            mo, d = (a, b) if a <= 12 else (b, a)
            if mo > 12 or d > 31:
                continue
            y = y + 2000 if y < 100 else y
            kind, kw = "ymd", {"year": y, "month": mo, "day": d}
        elif g["m1"] or g["m2"]:
            i = "1" if g["m1"] else "2"
            y = g["y" + i]
            wd = g["wd" + i]
            kw = {"month": _month(g["m" + i]), "day": _day(g["d" + i]),
                  "year": int(y) if y else None,
                  "weekday": WEEKDAYS[wd.rstrip(".").lower()] if wd else None}
            kind = "ymd" if y else "md"
        elif g["mr1"]:
            m1, m2 = MONTHS[g["mr1"].lower()], MONTHS[g["mr2"].lower()]
            y2 = int(g["mry"]) if g["mry"] else None
            y1 = None if y2 is None else (y2 if m1 <= m2 else y2 - 1)
            s2 = m.start("mr2")
            since, ns = _since(text, s)
            out.append(DateExpr(ns, m.end("mr1"), "ym" if y1 else "m", text[ns:m.end("mr1")],
                                year=y1, month=m1, since=since))
            out.append(DateExpr(s2, e, "ym" if y2 else "m", text[s2:e], year=y2, month=m2))
            continue
        elif g["m3"]:
            y = g["y3"]
            kind = "qm"
            kw = {"month": _month(g["m3"]), "year": int(y) if y else None,
                  "qual": _norm(g["q1"]).split()[-1] if "of" not in g["q1"] else _norm(g["q1"]).split()[1]}
        elif g["m4"]:
            kind, kw = "ym", {"year": int(g["y4"]), "month": _month(g["m4"])}
        elif g["y5"]:
            kind, kw = "y", {"year": int(g["y5"])}
        elif g["y6"]:
            kind, kw = "y", {"year": int(g["y6"])}
        elif g["s2"]:
            kind, kw = "rseason", {"rel": _rel(g["rs"]), "unit": g["s2"].lower()}
        elif g["ru"]:
            kind, kw = "runit", {"rel": _rel(g["ru"]), "unit": g["unit"].lower()}
        elif g["wkd"]:
            kind, kw = "runit", {"rel": "this", "unit": "weekend"}
        elif g["m5"]:
            kind, kw = "rmonth", {"rel": _rel(g["rm"]), "month": MONTHS[g["m5"].lower()]}
        elif g["an"]:
            n_raw = _norm(g["an"])
            unit = g["au"].lower().rstrip("s")
            vague = n_raw in _VAGUE_SMALL
            n = _VAGUE_SMALL[n_raw] if vague else (int(n_raw) if n_raw.isdigit() else _SMALL[n_raw])
            kind = "ago" if g["aw"].lower() == "ago" else "after"
            sign = -1 if g["aw"].lower() in ("ago", "earlier") else 1
            kw = {"n": sign * n, "unit": unit, "qual": "vague" if vague else None}
        elif g["deic"]:
            w = _norm(g["deic"])
            off = -2 if "before yesterday" in w else -1 if ("yesterday" in w or w == "last night") \
                else 1 if "tomorrow" in w else 0
            kind, kw = "deictic", {"n": off}
        elif g["anch"]:
            w = _norm(g["anch"])
            off = 1 if ("next" in w or "following" in w or "after" in w) else \
                -1 if ("previous" in w or "preceding" in w or "before" in w) else 0
            kind, kw = "anchored", {"n": off}
        elif g["thatu"]:             # "killed that month": the month (year) the text last named
            kind, kw = "that", {"unit": "month" if _norm(g["thatu"]).endswith("month") else "year"}
        elif g["wd3"]:
            rel = _rel(g["wr"]) if g["wr"] else None
            kind, kw = "weekday", {"weekday": WEEKDAYS[g["wd3"].lower()], "rel": rel}
        elif g["m6"]:
            if not _month_is_date(text, s, e, g["m6"]):
                continue
            kind, kw = "m", {"month": MONTHS[g["m6"].lower()]}
        elif g["y7"]:
            if not _year_is_date(text, s, e):
                continue
            kind, kw = "y", {"year": int(g["y7"])}
        else:  # pragma: no cover - every alternative has a named group
            continue
        since, ns = _since(text, s)
        if kind in ("md", "m", "qm") and kw.get("year") is None and _FUTURE_CUE.search(text, 0, s):
            kw["future"] = True
        that = _THAT_YEAR.match(text, e) if kind in ("md", "m", "qm") and kw.get("year") is None else None
        if that:                     # "November 9 of that year": the year the text last named
            kw["qual"] = kw.get("qual") or "that-year"
            kw["rel"] = "that-year"
            e = that.end()
        taken = e
        out.append(DateExpr(ns, e, kind, text[ns:e], since=since, **kw))
    return out


# --- resolution ------------------------------------------------------------

"""Counts stated in a sentence, with their hedges, as ``Quantity`` records.

Casualty coding keeps three figures (low, best, high) because reporters hedge:
"over 20" is a floor, "as high as 36" a ceiling, "dozens" only says "at least
24".  Unknown is not zero, so a figure the words do not give stays ``None``:

=====================  =====  =====  =====  ==========
words                  low    best   high   hedge
=====================  =====  =====  =====  ==========
"11"                   11     11     11     None
"over 20"              20     20     None   over
"at least 91"          91     91     None   at_least
"as high as 36"        None   None   36     up_to
"about 20"             None   20     None   about
"between 10 and 15"    10     None   15     range
"dozens"               24     None   None   vague
=====================  =====  =====  =====  ==========

Numbers that are not counts are consumed by a ``skip`` branch of the same
regex (dates, times, money, ordinals, percentages, unit and route numbers,
weapon designators) or rejected by a cheap look at the next word (durations,
distances, "24-year veteran", bare years), so each sentence is read once.
"""
from __future__ import annotations

import re

from ratline.schema import Quantity, Span

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_WORDS = {**_UNITS, **_TEENS, **_TENS}
# The smallest number each vague word implies (its floor), per coding practice.
_VAGUE_FLOOR = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2_000_000,
                "scores": 40, "several": 3, "a few": 2, "a handful": 2, "tens": 20}

_U = "one|two|three|four|five|six|seven|eight|nine"
_W = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{_U})\b)?|"
      rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_U})")
_SC = r"(?:hundred|thousand|million|billion)"
_WNUM = rf"(?:(?:an?|{_W})\s+{_SC}\b|{_W}\b)(?:\s+{_SC}\b(?:\s+(?:and\s+)?{_W}\b)?|\s+and\s+{_W}\b(?=\s+{_SC}))*"
_DNUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s*(?:{_SC}|bn|mn)\b)?(?![\w/])"
_DOZ = rf"(?:half\s+a\s+dozen|(?:a|{_W}|\d+)\s+dozen\b(?!s))"
_VAGUE = (rf"(?:(?:tens|hundreds|thousands)\s+of\s+(?:thousands|millions)|"
          rf"(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million)\b(?!s)|"
          rf"dozens|hundreds|thousands|millions|scores(?=\s+of\b)|several|a\s+handful|a\s+few|"
          rf"a\s+couple(?:\s+of)?)")
_NUM = rf"(?:{_VAGUE}|{_DOZ}|{_DNUM}|{_WNUM})"

_HEDGES = {
    "over": "over", "more than": "over", "upwards of": "over", "in excess of": "over",
    "well over": "over", "just over": "over", "greater than": "over", "above": "over",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "a minimum of": "at_least",
    "as high as": "up_to", "up to": "up_to", "as many as": "up_to", "as much as": "up_to",
    "at most": "up_to", "no more than": "up_to", "not more than": "up_to",
    "fewer than": "up_to", "less than": "up_to", "under": "up_to", "just under": "up_to",
    "a maximum of": "up_to",
    "about": "about", "around": "about", "nearly": "about", "almost": "about",
    "some": "about", "approximately": "about", "approx": "about", "roughly": "about",
    "an estimated": "about", "estimated": "about", "close to": "about", "circa": "about",
    "more or less": "about",
}
_HEDGE = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in _HEDGES), key=len, reverse=True))

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_IDENT = (r"(?:No|Nos|Resolution|Article|Chapter|Section|Route|Highway|Road|Street|Camp|"
          r"Flight|Force|Brigade|Battalion|Division|Regiment|Squadron|Platoon|Company|Unit|"
          r"Team|Phase|Zone|Sector|Block|District|Precinct|Gate|Checkpoint|Building|Room|"
          r"Level|Objective|Site|Area|Base|Hill|Tower|Station|Ward|Paragraph|Clause|Model|"
          r"Mark|Mk|Type|Version|Channel|Page|Grid|Apollo|Bus|Train|Line|Act|Law|Decree|"
          r"(?i:route|highway|resolution|article|chapter|section|flight|no|page|paragraph|number))")

_SKIP = rf"""
    \b(?:19|20)\d\d-\d{{1,2}}-\d{{1,2}}\b                   # ISO date
  | \b\d{{1,4}}/\d{{1,2}}(?:/\d{{2,4}})?\b                  # 11/19/2008, 24/7, 9/11
  | \b\d{{1,2}}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?!\d)             # 10:30, 9.15 pm
  | \b\d{{1,2}}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)                  # 10 am
  | (?:\b(?:US|A|C|NZ|HK)|\b)?[$£€¥]\s*\d[\d,.]*(?:\s*(?:{_SC}|bn|mn|m|k)\b)?  # money
  | \b(?:USD|EUR|GBP|Rs\.?|IQD|AFN|PKR)\s*\d[\d,.]*(?:\s*{_SC}\b)?
  | \b\d+(?:st|nd|rd|th)\b                                   # ordinals
  | \b\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)         # shares
  | (?:\b|’|')(?:19|20)?\d0s\b                              # the 1980s, '90s
  | \b[A-Za-z]+-\d+[A-Za-z]*\b                               # F-16, AK-47, MiG-29
  | \b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?   # June 16, 2007
  | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:19|20)\d\d\b)?  # 16 June 2007
  | \b(?:{_MONTH}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec),?\s+(?:of\s+)?(?:19|20)\d\d\b
  | \b{_IDENT}\.?\s+\#?\d+\b                                  # Task Force 88, Route 1
  | \#\d+
"""
_GRAMMAR = rf"""
    (?P<skip>{_SKIP})
  | (?P<between>\b(?i:between|from))\s+(?P<b1>(?i:{_NUM}))\s*(?:(?i:and|to)|-|–)\s*(?P<b2>(?i:{_NUM}))
  | (?:(?P<hedge>\b(?i:{_HEDGE}))\s+)?(?P<n1>\b(?i:{_NUM}))
      (?:\s*(?:-|–|(?i:to|or))\s*(?P<n2>\b(?i:{_NUM})))?
"""
_RX = re.compile(_GRAMMAR, re.VERBOSE)

# Words that make a number a measure, not a count of people or things.
_NOT_COUNT_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|"
    r"decades?|centur(?:y|ies)|times|km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m|feet|ft|"
    r"yards?|kg|kilograms?|grams?|tons?|tonnes?|pounds|lbs?|mm|cm|inch(?:es)?|acres?|hectares?|"
    r"square|sq|degrees?|°|dollars?|euros?|dinars?|rupees?|riyals?|rials?|tomans?|afghanis?|"
    r"shillings?|cents?|francs?|liras?|yuan|yen|o’clock|o'clock|GMT|UTC|mph|kph|knots?|"
    r"megatons?|kilotons?|mm)\b", re.IGNORECASE)
_ONE_BEFORE = frozenset("no the this that any every each which another only last next "
                        "little single".split())
_ONE_AFTER = frozenset("another has had is was can could would should must might may will "
                       "does did".split())
_YEAR_PREV = frozenset("in since by until till through throughout during before after from "
                       "of early late mid year spring summer autumn fall winter".split())
_YEAR_FOLLOW_OK = frozenset("was is and to or when as through until onwards onward the a in on "
                            "at for with that which had has have were will saw".split())
_PREV_WORD = re.compile(r"([A-Za-z]+)\W{0,3}$")


def words_to_int(s: str) -> int | None:
    """The integer a number phrase states ("Twenty-six", "2,000", "a dozen",
    "1.5 million", "two hundred and fifty"); None for vague words ("dozens")
    and for anything that is not a number."""
    w = " ".join(s.lower().replace("-", " ").replace(",", "").split())
    if not w:
        return None
    if w == "half a dozen":
        return 6
    if w.endswith(" dozen"):
        head = w[: -len(" dozen")]
        n = 1 if head == "a" else words_to_int(head)
        return None if n is None else n * 12
    if w in ("a couple", "a couple of"):
        return 2
    parts = w.split()
    if parts[0].replace(".", "", 1).isdigit():
        try:
            val = float(parts[0])
        except ValueError:
            return None
        for p in parts[1:]:
            mul = _SCALES.get(p) or {"bn": 1_000_000_000, "mn": 1_000_000}.get(p)
            if mul is None:
                return None
            val *= mul
        return int(round(val)) if val == int(val) or len(parts) > 1 else None
    total = current = 0
    seen = False
    for i, p in enumerate(parts):
        if p in ("a", "an") and i == 0:
            current, seen = 1, True
        elif p in _WORDS:
            current += _WORDS[p]
            seen = True
        elif p == "hundred" and seen:
            current = max(current, 1) * 100
        elif p in _SCALES and seen:
            total += max(current, 1) * _SCALES[p]
            current = 0
        elif p == "and" and seen:
            continue
        else:
            return None
    return total + current if seen else None


def _vague_floor(w: str) -> int | None:
    """Floor of a vague phrase ("several hundred" -> 300); None if not vague."""
    w = " ".join(w.lower().split())
    if w in _VAGUE_FLOOR:
        return _VAGUE_FLOOR[w]
    parts = w.split(" of ")
    if len(parts) == 2 and parts[0] in _VAGUE_FLOOR and parts[1] in _VAGUE_FLOOR:
        return _VAGUE_FLOOR[parts[0]] * {"thousands": 1000, "millions": 1_000_000}[parts[1]]
    for head in ("several", "a few"):
        if w.startswith(head + " "):
            scale = w[len(head) + 1:]
            return _VAGUE_FLOOR[head] * (12 if scale == "dozen" else _SCALES[scale])
    return None


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


def _is_count(text: str, s: int, e: int, raw: str, hedged: bool) -> bool:
    """Reject numbers that are parts of compounds, measures or years."""
    if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
        return False                                   # "one-to-one", "Kh-55"
    if e < len(text) - 1 and text[e] == "-" and text[e + 1].isalpha():
        return False                                   # "24-year", "one-time"
    if _NOT_COUNT_AFTER.match(text, e):
        return False                                   # "two weeks", "30 km", "5 dollars"
    low = raw.lower()
    if low == "one":
        if _prev_word(text, s) in _ONE_BEFORE:
            return False
        nxt = text[e:e + 12].split(None, 1)
        if nxt and nxt[0].strip(",.") in _ONE_AFTER:
            return False
    if raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2099 and not hedged:
        if s and text[s - 1] in "$£€#":
            return False
        if _prev_word(text, s) in _YEAR_PREV:
            return False
        nxt = text[e:e + 20].lstrip(" ")
        if not nxt or not nxt[0].isalpha() or not nxt[0].islower():
            return False                               # "in 2008.", "1920 Revolution"
        if nxt.split(None, 1)[0].strip(",.;:") in _YEAR_FOLLOW_OK:
            return False
    if "." in raw and not any(c.isalpha() for c in raw):
        return False                                   # 3.5 is a measure, not a count
    return True


def _value(raw: str) -> tuple[int | None, int | None]:
    """(exact value, vague floor) of a number phrase."""
    v = _vague_floor(raw)
    if v is not None:
        return None, v
    return words_to_int(raw), None


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every count in ``text`` with its hedge; spans are offset into the body."""
    out: list[Quantity] = []
    for m in _RX.finditer(text):
        if m.group("skip"):
            continue
        s, e = m.span()
        if m.group("between"):
            a, b = words_to_int(m.group("b1")), words_to_int(m.group("b2"))
            if a is None or b is None or b <= a:
                continue
            out.append(Quantity(Span(offset + s, offset + e, text[s:e]), a, None, b, "range"))
            continue
        raw1 = m.group("n1")
        hedge_w = m.group("hedge")
        n1s, n1e = m.span("n1")
        if not _is_count(text, n1s, m.end(), raw1, bool(hedge_w)):
            if not _is_count(text, n1s, n1e, raw1, bool(hedge_w)) or m.group("n2") is None:
                continue
        exact, floor = _value(raw1)
        if exact is None and floor is None:
            continue
        hedge = _HEDGES[" ".join(hedge_w.lower().split())] if hedge_w else None
        if m.group("n2"):
            hi = words_to_int(m.group("n2"))
            if exact is not None and hi is not None and hi > exact:
                out.append(Quantity(Span(offset + s, offset + e, text[s:e]), exact, None, hi, "range"))
                continue
            e = n1e                                     # not a range: keep the first number
        span = Span(offset + s, offset + e, text[s:e])
        if floor is not None:
            if raw1.lower().startswith("a couple"):
                out.append(Quantity(span, None, 2, None, "about"))
            elif hedge in ("over", "at_least"):
                out.append(Quantity(span, floor, None, None, hedge))
            else:
                out.append(Quantity(span, floor, None, None, "vague"))
        elif hedge in ("over", "at_least"):
            out.append(Quantity(span, exact, exact, None, hedge))
        elif hedge == "up_to":
            out.append(Quantity(span, None, None, exact, hedge))
        elif hedge == "about":
            out.append(Quantity(span, None, exact, None, hedge))
        else:
            out.append(Quantity(span, exact, exact, exact, None))
    return out

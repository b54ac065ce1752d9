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
from ratline.timeparse.rxutil import both_cases, word_trie

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
_WNUM = rf"(?:an?(?=\s+{_SC}\b)|{_W}\b)(?:\s+{_SC}\b(?:\s+(?:and\s+)?{_W}\b)?)*"
_DNUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s*(?:{_SC}|bn|mn)\b)?(?![\w/])"
_DOZ = rf"(?:half\s+a\s+dozen|(?:a|{_W}|\d+)\s+dozen\b(?!s))"
_VAGUE = (r"(?:(?:tens|hundreds|thousands)\s+of\s+(?:thousands|millions)|"
          r"(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million)\b(?!s)|"
          r"dozens|hundreds|thousands|millions|scores(?=\s+of\b)|several|a\s+handful|a\s+few|"
          r"a\s+couple\b)")
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
    "an estimated": "about", "close to": "about", "circa": "about",
    "more or less": "about",
}
_HEDGE_MAX_WORDS = max(len(h.split()) for h in _HEDGES)

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_MONTH_WORDS = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
                "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# A number right after these words names something ("Task Force 88", "Route 1").
_IDENT = frozenset(
    "No Nos Resolution Article Chapter Section Route Highway Road Street Camp Flight Force "
    "Brigade Battalion Division Regiment Squadron Platoon Company Unit Team Phase Zone Sector "
    "Block District Precinct Gate Checkpoint Building Room Level Objective Site Area Base Hill "
    "Tower Station Ward Paragraph Clause Model Mark Mk Type Version Channel Page Grid Apollo "
    "Bus Train Line Act Law Decree route highway resolution article chapter section flight "
    "page paragraph number no".split())

# Numbers that are not counts, consumed whole so their digits are never read as one.
_SKIP = rf"""
    (?:19|20)\d\d-\d{{1,2}}-\d{{1,2}}\b                      # ISO date
  | \d{{1,4}}/\d{{1,2}}(?:/\d{{2,4}})?\b                     # 11/19/2008, 24/7, 9/11
  | \d{{1,2}}:\d\d(?:\s*[ap]\.?m\.?)?(?!\d)                  # 10:30
  | \d{{1,2}}\.\d\d\s*(?:[ap]\.m\.|[ap]m\b)                     # 9.15 pm
  | \d{{1,2}}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)                     # 10 am
  | (?:US|A|C|NZ|HK)?[$£€¥]\s*\d[\d,.]*(?:\s*(?:{_SC}|bn|mn|m|k)\b)?  # money
  | (?:USD|EUR|GBP|Rs\.?|IQD|AFN|PKR)\s*\d[\d,.]*(?:\s*{_SC}\b)?
  | \d+(?:st|nd|rd|th)\b                                      # ordinals
  | \d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)            # shares
  | (?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d\b                    # 2010-2011, 2008/09
  | {_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?  # June 16-17, 2007
  | \d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+(?:of\s+)?{_MONTH}                  # 3-4 March
  | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:19|20)\d\d\b)?  # 16 June 2007
  | {_MONTH},?\s+(?:of\s+)?(?:19|20)\d\d\b                       # June 2007
  | \#\d+
"""
# The gate: the grammar runs only where a number, a currency or a month starts.
_GATE = rf"""(?:
    \b(?=\d
      | {word_trie(_MONTH_WORDS + ("USD", "EUR", "GBP", "Rs", "IQD", "AFN", "PKR"))}\b
      | (?:US|A|C|NZ|HK)[$£€¥]
      | {word_trie(both_cases(list(_WORDS) + ["dozens", "hundreds", "thousands", "millions",
                                               "scores", "several", "tens"]))}\b
      | (?:[Aa]n?|[Hh]alf)\s+(?:dozen|hundred|thousand|million|billion|few|handful|couple|a\s+dozen)\b)
  | (?=[$£€¥\#]))"""
_GRAMMAR = rf"""
    (?P<skip>{_SKIP})
  | (?P<n1>(?i:{_NUM}))(?:\s*(?:-|–|(?i:to|or))\s*(?P<n2>\b(?i:{_NUM})))?
"""
_RX = re.compile(_GATE + "(?:" + _GRAMMAR + ")", re.VERBOSE)
_AND_NUM = re.compile(rf"\s*(?:(?i:and|to)|-|–)\s*(?P<n2>\b(?i:{_NUM}))", re.VERBOSE)

# Words that make a number a measure, not a count of people or things.
_NOT_COUNT_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|"
    r"decades?|centur(?:y|ies)|times|km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|m|feet|ft|"
    r"yards?|kg|kilograms?|grams?|tons?|tonnes?|pounds|lbs?|mm|cm|inch(?:es)?|acres?|hectares?|"
    r"square|sq|degrees?|°|dollars?|euros?|dinars?|rupees?|riyals?|rials?|tomans?|afghanis?|"
    r"shillings?|cents?|francs?|liras?|yuan|yen|o’clock|o'clock|GMT|UTC|mph|kph|knots?|"
    r"megatons?|kilotons?|halves|half|thirds?|quarters?|fifths?|tenths?)\b", re.IGNORECASE)
_ONE_BEFORE = frozenset("no the this that any every each which another only last next "
                        "little single".split())
_ONE_AFTER = frozenset("another has had is was can could would should must might may will "
                       "does did".split())
_YEAR_PREV = frozenset("in since by until till through throughout during before after from "
                       "early late mid year spring summer autumn fall winter".split())
_DETERMINERS = frozenset("the its their his her a this that".split())
_YEAR_FOLLOW_OK = frozenset("was is and to or when as through until onwards onward the a in on "
                            "at for with that which had has have were will saw".split())
# "over two raids", "under three flags": with a small spelled-out number these
# words are prepositions; writers hedge small numbers with "more than".
_PREPOSITION_HEDGES = frozenset(("over", "above", "under"))
_SMALL_WORDS = frozenset(list(_UNITS) + ["ten"])
_PREV_WORD = re.compile(r"([A-Za-z]+)\W{0,3}$")
_BETWEEN_TAIL = re.compile(r"(?i)\b(?:between|from)\s+$")


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
        if parts[0].isdigit() and len(parts) == 1:
            return int(parts[0])         # exact at any length: float() rounds past 2**53
        try:
            val = float(parts[0])
        except (ValueError, OverflowError):
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


def _prev_token(text: str, start: int) -> str:
    """The word just before ``start`` as written (punctuation such as "No." allowed)."""
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1) if m else ""


def _hedge_before(text: str, start: int) -> tuple[str | None, int]:
    """A hedge phrase ending right before ``start``: (hedge, its start) or (None, start)."""
    lo = max(0, start - 32)
    tail = text[lo:start]
    if not tail or not tail[-1].isspace():
        return None, start
    words = tail.split()
    for k in range(min(_HEDGE_MAX_WORDS, len(words)), 0, -1):
        cand = words[-k:]
        cand[0] = cand[0].lstrip("(“\"'[—–-")
        key = " ".join(cand).lower()
        hedge = _HEDGES.get(key)
        if hedge is None:
            continue
        pos = len(tail)
        for w in reversed(words[-k:]):
            pos = tail.rfind(w, 0, pos)
        pos += len(words[-k]) - len(cand[0])
        if pos == 0 and lo > 0 and not text[lo - 1].isspace():
            continue                                   # the window cut a longer word
        if pos > 0 and tail[pos - 1].isalnum():
            continue
        return hedge, lo + pos
    return None, start


def _is_count(text: str, s: int, e: int, raw: str, hedged: bool) -> bool:
    """Reject numbers that are parts of names, compounds, measures or years."""
    if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
        return False                                   # "one-to-one", "F-16", "AK-47"
    if e < len(text) - 1 and text[e] == "-" and text[e + 1].isalpha():
        return False                                   # "24-year", "one-time"
    if _NOT_COUNT_AFTER.match(text, e):
        return False                                   # "two weeks", "30 km", "5 dollars"
    prev = _prev_token(text, s)
    if raw[0].isdigit() and prev in _IDENT:
        return False                                   # "Task Force 88", "Route 1"
    low = raw.lower()
    if low == "one":
        if prev.lower() in _ONE_BEFORE:
            return False
        nxt = text[e:e + 12].split(None, 1)
        if nxt and nxt[0].strip(",.") in _ONE_AFTER:
            return False
    if raw.isdigit() and len(raw) == 4 and 1900 <= int(raw) <= 2099 and not hedged:
        if s and text[s - 1] in "#":
            return False
        if prev.lower() in _YEAR_PREV:
            return False
        if prev.lower() in _DETERMINERS:
            return False                               # "the 2018 peace agreement": a count would have its comma
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
    consumed = 0                                        # end of a "between X and Y" read ahead
    for m in _RX.finditer(text):
        if m.group("skip") or m.start() < consumed:
            continue
        raw1 = m.group("n1")
        s, e = m.span()
        n1e = m.end("n1")
        hedge, hs = _hedge_before(text, s)
        n2 = m.group("n2")
        if n2 is None and _BETWEEN_TAIL.search(text, max(0, s - 9), s):
            am = _AND_NUM.match(text, n1e)             # "between 10 and 15"
            if am:
                n2, e = am.group("n2"), am.end()
                consumed = e
                hedge, hs = None, _BETWEEN_TAIL.search(text, max(0, s - 9), s).start()
        if not _is_count(text, s, e, raw1, hedge is not None):
            continue
        exact, floor = _value(raw1)
        if exact is None and floor is None:
            continue
        if hedge and text[hs:s].split()[0].lower() in _PREPOSITION_HEDGES and raw1.lower() in _SMALL_WORDS:
            hedge, hs = None, s                         # "complained over two raids"
        if n2 is not None:
            hi = words_to_int(n2)
            if exact is not None and hi is not None and hi > exact:
                out.append(Quantity(Span(offset + hs, offset + e, text[hs:e]), exact, None, hi, "range"))
                continue
            e = n1e                                     # not a range: keep the first number
        span = Span(offset + hs, offset + e, text[hs:e])
        if raw1.lower().startswith("a couple"):
            out.append(Quantity(span, None, 2, None, "about"))
        elif floor is not None:
            out.append(Quantity(span, floor, None, None, hedge if hedge in ("over", "at_least") else "vague"))
        elif hedge in ("over", "at_least"):
            out.append(Quantity(span, exact, exact, None, hedge))
        elif hedge == "up_to":
            out.append(Quantity(span, None, None, exact, hedge))
        elif hedge == "about":
            out.append(Quantity(span, None, exact, None, hedge))
        else:
            out.append(Quantity(span, exact, exact, exact, None))
    return out

"""Two reports compared: are they one happening, and how strongly (event merging's rules).

A report is one document's account of a happening (``Report``, a row of
``event_reports``); ``compare`` gives a pair's score and the rule text, or None
when the pair cannot be one event (see ``store/eventmerge.py``'s docstring for
the rules).  Pure: no database.  Split from ``eventmerge.py``; the blocking that
finds which pairs to compare is ``store/candidates.py``.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ratline.resolve.names import fold


THRESHOLD = 0.6
NEAR_KM = 25.0
ATTACKS = frozenset({"raid", "armed_clash", "airstrike", "ied_attack", "rocket_mortar_attack",
                     "assassination", "execution"})
# when reports disagree on the type, the more specific one names the event
TYPE_ORDER = ("airstrike", "ied_attack", "rocket_mortar_attack", "assassination", "execution",
              "kidnapping", "raid", "armed_clash", "arrest", "release", "other")
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
CHUNK = 500

# ----------------------------------------------------------------- reports

@dataclass
class Report:
    key: str
    doc_id: str
    local_id: str
    event_id: str
    doc: str
    type: str
    date: str | None
    precision: str | None
    location: str | None
    place_name: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    where_precision: int | None
    fallback: bool
    place_basis: str | None
    parties: frozenset[str]
    persons: frozenset[str]
    quote: str
    killed_best: int | None
    order: tuple = field(default=(), compare=False)
    labels: dict = field(default_factory=dict, compare=False)     # person id -> name


def report_key(doc_id: str, local_id: str) -> str:
    return f"{doc_id}:{local_id}"


def split_key(key: str) -> tuple[str, str]:
    doc_id, _, local = key.rpartition(":")
    return doc_id, local


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]



def _fits(a: Report, b: Report) -> bool:
    """``compare``'s "no" rules on dates, places and types (its first step): a pair
    failing them is None whatever its parties, wording and toll."""
    x, y = (a, b) if a.key <= b.key else (b, a)
    return (_dates(x, y) is not None and _places(x, y) is not None
            and _types(x.type, y.type) is not None)


# ----------------------------------------------------------------- comparing two reports

@dataclass
class Verdict:
    score: float
    rule: str


def date_window(date: str, precision: str | None) -> tuple[dt.date, dt.date]:
    d = dt.date.fromisoformat(date[:10])
    if precision == "week":
        return d - dt.timedelta(days=3), d + dt.timedelta(days=3)
    if precision == "month":
        nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return d.replace(day=1), nxt - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    return d, d


def _dates(a: Report, b: Report) -> tuple[str, float] | None:
    if not a.date or not b.date:
        return "undated", 0.0
    if (a.precision or "day") == "day" and (b.precision or "day") == "day":
        gap = abs((dt.date.fromisoformat(a.date[:10]) - dt.date.fromisoformat(b.date[:10])).days)
        return {0: ("same day", 0.35), 1: ("next day", 0.1)}.get(gap)
    (a0, a1), (b0, b1) = date_window(a.date, a.precision), date_window(b.date, b.precision)
    if a0 > b1 + dt.timedelta(days=1) or b0 > a1 + dt.timedelta(days=1):
        return None
    coarser = max(a.precision or "day", b.precision or "day", key=PRECISION_ORDER.get)
    return f"same {coarser}", {"day": 0.2, "week": 0.2, "month": 0.15, "year": 0.05}[coarser]


def _km(a: Report, b: Report) -> float:
    la, lb = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lb - la, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(dlon / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _places(a: Report, b: Report) -> tuple[str, float] | None:
    if not a.location or not b.location:
        return "place unknown", 0.0
    if a.location != b.location and a.lat is not None and b.lat is not None and \
            a.country and b.country and a.country != b.country:
        return None                      # two countries: never one place, however spelt
    if a.location == b.location or (a.place_name and b.place_name and fuzz.ratio(
            fold(a.place_name), fold(b.place_name)) >= 90):
        return "same place", 0.3
    if a.fallback and b.fallback:
        return None                      # two different names, neither known to the gazetteer
    if a.lat is None or b.lat is None:
        return ("places not comparable", 0.0) if (a.lat is None) != (b.lat is None) else None
    if a.country and b.country and a.country != b.country:
        return None
    coarse, fine = sorted((a, b), key=lambda r: -(r.where_precision or 6))
    if coarse.fallback and (coarse.where_precision or 6) >= 4:
        return "places not comparable", 0.0   # only the province or country of a named place is known
    if (coarse.where_precision or 6) >= 6:
        return f"within {coarse.country}", 0.1
    if (coarse.where_precision or 6) >= 4:
        if coarse.admin1 and fine.admin1 and fold(coarse.admin1) == fold(fine.admin1):
            return f"within {coarse.admin1}", 0.1
        return None
    km = _km(a, b)
    if km > NEAR_KM:
        return None
    exact = (a.where_precision or 6) <= 1 and (b.where_precision or 6) <= 1
    return f"{km:.0f} km apart", 0.15 if exact else 0.25


def _types(a: str, b: str) -> tuple[str, float] | None:
    if a == b:
        return "same type", 0.15
    pair = {a, b}
    if pair <= ATTACKS:
        return "both attacks", 0.1
    if pair == {"raid", "arrest"}:
        return "raid and arrest", 0.05
    if "kidnapping" in pair and pair - {"kidnapping"} <= {"raid", "armed_clash", "execution"}:
        return "kidnapping and attack", 0.05
    return None


def _parties(a: Report, b: Report) -> tuple[str, float]:
    shared = a.parties & b.parties
    people = sorted(shared & (a.persons | b.persons))
    groups = shared - set(people)
    score, said = 0.0, []
    if people:
        score += 0.25
        said.append("shared person " + ", ".join(a.labels.get(p) or b.labels.get(p) or p
                                                  for p in people))
    if groups:
        score += min(0.2, 0.1 + 0.05 * (len(groups) - 1))
        said.append(f"{len(groups)} shared part{'y' if len(groups) == 1 else 'ies'}")
    if not shared and a.parties and b.parties:
        return "no shared party", -0.3       # each names who took part, and all differ
    return ", ".join(said), score


def _wording(a: Report, b: Report) -> bool:
    return _same_wording(a.quote, b.quote)


@lru_cache(maxsize=1 << 14)
def _same_wording(a: str, b: str) -> bool:
    """A repeated passage: partial or token-sort ratio of 90 or more.

    Cached (a pure function of the two quotes): the same-town block
    (``candidates._same_place_undated``) tests a pair that ``compare`` may test
    again, and the reports of one much-reported event carry the same passage
    document after document (at 12,000 documents ~3 calls in 10 were a pair
    already tested in the last 500 documents).

    ``partial_ratio`` (the costly test: ~65 of the ~100 us a pair took) scores the
    shorter quote, m characters, against substrings W of the longer: 2 LCS(s, W) /
    (m + |W|).  LCS(s, W) is at most x = LCS of the two whole quotes, so the score
    is at most 2x / (m + x), and 90 needs 11x >= 9m.  rapidfuzz's bit-parallel LCS
    costs a few us and rules out ~4 of 5 pairs of one town's reports, so the
    answer is the same and the pairs that cannot pass never reach partial_ratio
    (the same-town wording block compares every report of a town with every
    later one)."""
    qa, qb = _flat(a), _flat(b)
    m = min(len(qa), len(qb))
    if m < 40:
        return False
    # score_cutoff: rapidfuzz stops early on a pair below 90 (the answer is the same)
    if 11 * LCSseq.similarity(qa, qb) >= 9 * m and fuzz.partial_ratio(qa, qb, score_cutoff=90) >= 90:
        return True
    return fuzz.token_sort_ratio(qa, qb, score_cutoff=90) >= 90


@lru_cache(maxsize=1 << 12)
def _flat(text: str) -> str:
    """A quote with its spacing and case evened out (each is compared with many)."""
    return " ".join(text.split()).casefold()


WORDING = 0.3


def compare(a: Report, b: Report, floor: float | None = None) -> Verdict | None:
    """How strongly two reports tell of one event; None if they cannot.

    With ``floor``, also None when the score could not reach it even with the same
    wording: the fuzzy comparison of the two quotes, the costly part, is then
    skipped (a caller that keeps only verdicts >= ``floor`` sees the same ones)."""
    parts = [_dates(a, b), _places(a, b), _types(a.type, b.type)]
    if any(p is None for p in parts):
        return None
    parts.append(_parties(a, b))
    if a.killed_best is not None and a.killed_best == b.killed_best and a.killed_best > 0:
        parts.append((f"same toll ({a.killed_best} killed)", 0.15 if a.killed_best >= 10 else 0.05))
    if floor is not None and round(sum(s for _, s in parts) + WORDING, 3) < floor:
        return None
    wording = _wording(a, b)
    if "other" in (a.type, b.type) and not (wording or parts[0][0] == "same day"):
        return None            # statements and the like: only a repeated passage or the same day
    if wording:
        parts.insert(4, ("same wording", WORDING))
    score = round(sum(s for _, s in parts), 3)
    return Verdict(score, "; ".join(label for label, s in parts if label and s != 0.0))


def judge_pair(a: Report, b: Report, floor: float | None = None) -> Verdict | None:
    """``compare`` with the two reports in key order, so a pair gets one verdict
    (and one rule text) whichever of them was stored first."""
    x, y = (a, b) if a.key <= b.key else (b, a)
    return compare(x, y, floor)


def compatible(a: Report, b: Report) -> bool:
    """``judge_pair(a, b) is not None`` without the score: ``compare``'s "no" rules
    alone (dates, places, types, and ``other`` only with the same wording or the
    same day), so the wording test, the costly part, runs only for an ``other``
    pair not of the same day.  Event building (``eventmerge.groups``) asks this of
    every pair across two groups it may join, and the groups of a much-reported
    event grow with the store: with the whole ``compare`` it cost ~70 us a pair
    (9,361 pairs per 1,000 documents at 12,000), most of it the wording."""
    x, y = (a, b) if a.key <= b.key else (b, a)
    dates = _dates(x, y)
    if dates is None or _places(x, y) is None or _types(x.type, y.type) is None:
        return False
    return "other" not in (x.type, y.type) or dates[0] == "same day" or _wording(x, y)

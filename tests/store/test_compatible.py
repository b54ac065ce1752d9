"""``eventcompare.compatible`` (what ``eventmerge.groups`` asks of every pair across
two groups) must answer ``judge_pair(a, b) is not None`` on every pair: it skips
the score, and the wording test unless the pair is ``other`` on two days."""
from __future__ import annotations

import itertools
import random

from ratline.store import eventcompare as ec
from test_eventmerge import rep        # a raid in Baquba on 13 May 2008 unless told otherwise

QUOTES = [
    "Gunmen opened fire on a checkpoint outside the district office, killing three "
    "policemen and wounding a passer-by, the provincial governor said on Tuesday.",
    "gunmen opened fire on a checkpoint outside the district office, killing three "
    "policemen and wounding a passer-by, the governor said.",
    "The rebels said in a statement that they had released the four engineers unharmed "
    "after elders from both villages mediated for more than a week.",
    "short",
    "",
]
PLACES = [
    dict(),                                                              # Baquba
    dict(location="baquba_2", place_name="Baqubah", lat=33.75, lon=44.61),   # spelt alike
    dict(location="khalis", place_name="Khalis", lat=33.83, lon=44.53),      # ~11 km
    dict(location="mosul", place_name="Mosul", admin1="Nineveh", lat=36.335, lon=43.119),
    dict(location="diyala", place_name="Diyala", where_precision=4, lat=33.9, lon=45.0),
    dict(location="iraq", place_name="Iraq", admin1=None, where_precision=6, lat=33.0, lon=44.0),
    dict(location="raqqa", place_name="Raqqa", admin1="Raqqa", country="SY", lat=35.95, lon=39.01),
    dict(location=None, place_name=None, lat=None, lon=None, where_precision=None),
    dict(location="somewhere", place_name="Somewhere", lat=33.7, lon=44.6, fallback=True,
         where_precision=4),
]
DATES = [("2008-05-13", "day"), ("2008-05-14", "day"), ("2008-05-16", "day"),
         ("2008-05-11", "week"), ("2008-05-01", "month"), ("2008-01-01", "year"),
         ("2007-01-01", "year"), (None, None)]
TYPES = ["raid", "arrest", "armed_clash", "kidnapping", "release", "other", "airstrike"]


def _random_report(key: str, rng: random.Random) -> ec.Report:
    date, precision = rng.choice(DATES)
    return rep(key, type=rng.choice(TYPES), date=date, precision=precision,
               quote=rng.choice(QUOTES), killed_best=rng.choice([None, 0, 3, 12]),
               parties=frozenset(rng.sample(["aqi", "police", "army", "usman"], rng.randint(0, 2))),
               **rng.choice(PLACES))


def test_compatible_is_judge_pair_not_none():
    rng = random.Random(15)
    reports = [_random_report(f"d{i}:e{i % 3}", rng) for i in range(160)]
    kinds = set()
    for a, b in itertools.combinations(reports, 2):
        want = ec.judge_pair(a, b) is not None
        assert ec.compatible(a, b) is want and ec.compatible(b, a) is want, (a, b)
        kinds.add((want, "other" in (a.type, b.type)))
    assert kinds == {(True, True), (True, False), (False, True), (False, False)}


def test_compatible_other_needs_the_same_wording_or_day():
    a = rep("a:e1", type="other", date="2008-05-01", precision="month", quote=QUOTES[0])
    assert ec.compatible(a, rep("b:e1", type="other", date="2008-05-20", quote=QUOTES[1]))
    assert not ec.compatible(a, rep("b:e1", type="other", date="2008-05-20", quote=QUOTES[2]))
    day = rep("c:e1", type="other", quote=QUOTES[2])
    assert ec.compatible(day, rep("d:e1", type="other", quote=QUOTES[3]))

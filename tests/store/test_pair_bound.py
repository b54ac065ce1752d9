"""``eventmerge._bound``: a stored report seen through the parties it shares with a
new one.  ``_pairs`` reads a stored report whole only when this proxy's verdict
reaches THRESHOLD, so the proxy must never score a pair lower than the whole
report does (else a judgement would be lost), and should rule most hopeless pairs
out (else it is no use)."""
from __future__ import annotations

import dataclasses
import itertools
import random

from ratline.store import eventmerge as em
from test_compatible import DATES, PLACES, QUOTES, TYPES
from test_eventmerge import rep

PERSONS = ["p_ali", "p_omar"]
GROUPS = ["aqi", "police", "army"]
PLACE_IDS = ["baquba", "khalis"]        # places may be among a row's actors and targets


def _random(key: str, rng: random.Random) -> tuple[em.Report, frozenset[str]]:
    """A whole report and its stored party ids (its parties plus, maybe, places)."""
    date, precision = rng.choice(DATES)
    parties = frozenset(rng.sample(PERSONS + GROUPS, rng.randint(0, 3)))
    whole = rep(key, type=rng.choice(TYPES), date=date, precision=precision,
                quote=rng.choice(QUOTES), killed_best=rng.choice([None, 0, 3, 12]),
                parties=parties, persons=frozenset(p for p in parties if p in PERSONS),
                labels={p: p.title() for p in parties if p in PERSONS}, **rng.choice(PLACES))
    raw = parties | frozenset(rng.sample(PLACE_IDS, rng.randint(0, 1)))
    return whole, raw


def _light(whole: em.Report) -> em.Report:
    """What ``_light_reports`` reads of it: no parties, no document."""
    return dataclasses.replace(whole, parties=frozenset(), persons=frozenset(), labels={},
                               event_id="", doc="", place_basis=None)


def test_the_proxy_never_scores_a_pair_below_the_whole_report():
    rng = random.Random(16)
    reports = [_random(f"d{i}:e{i % 3}", rng) for i in range(150)]
    outcomes = {"hit": 0, "ruled out": 0, "read for nothing": 0}
    for (a, _), (b, raw) in itertools.permutations(reports, 2):
        whole = em.judge_pair(a, b, floor=em.THRESHOLD)
        proxy = em.judge_pair(a, em._bound(a, _light(b), raw), floor=em.THRESHOLD)
        took = whole is not None and whole.score >= em.THRESHOLD
        kept = proxy is not None and proxy.score >= em.THRESHOLD
        if took:
            assert kept and proxy.score >= whole.score, (a, b, raw)
            outcomes["hit"] += 1
        elif kept:
            outcomes["read for nothing"] += 1
        else:
            outcomes["ruled out"] += 1
    assert outcomes["hit"] > 100
    # the proxy is worth having: most pairs that do not merge are not read whole
    assert outcomes["ruled out"] > 4 * outcomes["read for nothing"], outcomes


def test_a_shared_person_counts_as_in_the_whole_report():
    a = rep("a:e1", date=None, precision=None, parties=frozenset({"p_ali"}),
            persons=frozenset({"p_ali"}))
    b = rep("b:e1", date=None, precision=None, parties=frozenset({"p_ali", "army"}),
            persons=frozenset({"p_ali"}))
    whole = em.judge_pair(a, b, floor=em.THRESHOLD)
    proxy = em.judge_pair(a, em._bound(a, _light(b), frozenset({"p_ali", "army", "baquba"})),
                          floor=em.THRESHOLD)
    assert whole is not None and proxy is not None and proxy.score == whole.score >= em.THRESHOLD


def test_a_place_among_the_stored_ids_is_no_shared_party():
    # the new report's parties hold no place, so a town in both rows shares nothing
    a = rep("a:e1", date=None, precision=None, parties=frozenset({"aqi"}))
    b = _light(rep("b:e1", date=None, precision=None, parties=frozenset({"army"})))
    proxy = em._bound(a, b, frozenset({"army", "baquba"}))
    assert proxy.parties == frozenset() and proxy.persons == frozenset()

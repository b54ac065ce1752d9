"""An event's figures across its reports: low/best/high, the rule for best, disputes."""
from __future__ import annotations

import pytest

from ratline.store.eventsummary import claims, disputes, figures, lower_median, says


def report(best=None, low=None, high=None, **kw):
    low = best if low is None and best is not None else low
    return {"killed_low": low, "killed_best": best, "killed_high": high, "doc": "x.txt",
            "report_id": kw.pop("rid", "x:e1"), **kw}


@pytest.mark.parametrize("values, expected", [
    ([], None), ([7], 7), ([9, 14, 12], 12), ([10, 9], 9), ([4, 5, 30, 2], 4),
])
def test_eventsummary_lower_median_is_always_a_stated_figure(values, expected):
    assert lower_median(values) == expected


def test_eventsummary_figures_span_the_reports():
    out = figures([report(12, high=12), report(14, high=14), report(9, high=9)])
    assert (out["killed_low"], out["killed_best"], out["killed_high"]) == (9, 12, 14)
    assert out["best_rule"] == "median of 3 reported figures (9, 12, 14)"


def test_eventsummary_over_n_alone_keeps_no_upper_bound_and_unknown_is_not_zero():
    out = figures([report(20), report(None)])               # "over 20" and a report without a figure
    assert (out["killed_low"], out["killed_best"], out["killed_high"]) == (20, 20, None)
    assert out["best_rule"] == "the only reported figure"
    assert figures([report(None)])["killed_best"] is None


def test_eventsummary_a_later_higher_bound_widens_high():
    out = figures([report(20), report(26, high=26)])
    assert (out["killed_low"], out["killed_best"], out["killed_high"]) == (20, 20, 26)


def test_eventsummary_disputes_name_who_says_what():
    reps = [report(9, high=9, claim_source="coalition", captured=4),
            report(10, high=10, claim_source="officials", captured=3, rid="y:e1")]
    found = disputes(reps, [])
    assert "killed: 9 (coalition); 10 (officials)" in found
    assert any(d.startswith("captured:") for d in found)
    assert disputes([report(5, high=5), report(5, high=5, rid="y:e1")], []) == []


def test_eventsummary_recorded_claims_stand_for_their_report():
    reps = [report(4, low=4, high=11, claim_source="MNF-I", rid="d:e1")]
    recorded = [{"source": "MNF-I", "says": "11 killed", "doc": "x.txt", "report_id": "d:e1",
                 "within_document": True},
                {"source": "Sadr's office", "says": "4 killed", "doc": "x.txt",
                 "report_id": "d:e1", "within_document": True}]
    assert [c["source"] for c in claims(reps, recorded)] == ["MNF-I", "Sadr's office"]
    assert disputes(reps, recorded) == ["x.txt records 2 claims in conflict"]


@pytest.mark.parametrize("rep, text", [
    (report(20), "20+ killed"), (report(11, low=4, high=11), "4-11 killed"),
    (report(None, high=36), "up to 36 killed"), (report(3, high=3, captured=2), "3 killed, 2 captured"),
    (report(None), "no figures"),
])
def test_eventsummary_says_puts_figures_in_words(rep, text):
    assert says(rep) == text

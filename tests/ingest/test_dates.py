"""Full dates a page states about itself."""
from __future__ import annotations

import pytest

from ratline.ingest.dates import date_only_line, find_dates


@pytest.mark.parametrize("text, iso, ambiguous", [
    ("June 18, 2007", "2007-06-18", False),
    ("Posted on 18th of Sept. 2014 at noon", "2014-09-18", False),
    ("blog post From the Front: 11/19/2008 News", "2008-11-19", False),
    ("06/09/2009", "2009-06-09", True),
    ("25/12/2010", "2010-12-25", False),
    ("2007-06-18T10:00:00Z", "2007-06-18", False),
    ("31.12.2010", "2010-12-31", False),
])
def test_dates_find_dates_reads_common_formats(text, iso, ambiguous):
    found = find_dates(text)
    assert [(d.iso, d.ambiguous) for d in found] == [(iso, ambiguous)]


@pytest.mark.parametrize("text", ["February 30, 2010", "13/13/2010", "June 18", "in 2007", "1/2"])
def test_dates_find_dates_rejects_partial_or_impossible_dates(text):
    assert find_dates(text) == []


def test_dates_date_only_line_accepts_timestamps_not_sentences():
    assert date_only_line("Monday, June 18, 2007 at 3:45 pm").iso == "2007-06-18"
    assert date_only_line("Updated: 2020-07-06 10:32 GMT").iso == "2020-07-06"
    assert date_only_line("The raid on June 18, 2007 killed four.") is None

"""The publication date a URL carries, with its precision; ids and slugs are no dates."""
from __future__ import annotations

import pytest

from ratline.ingest.urldate import url_date


@pytest.mark.parametrize("url, iso, precision", [
    ("https://news.example.org/2016/09/05/troops-retake-town/", "2016-09-05", "day"),
    ("http://paper.example.com/stories/2009/dec/31/hostage-freed/", "2009-12-31", "day"),
    ("https://wire.example.net/news/dp-xpm-20070809-2007-08-09-0708090485-story.html", "2007-08-09", "day"),
    ("https://monitor.example.com/20200924-four-killed-in-crash/", "2020-09-24", "day"),
    ("https://agency.example.com/20060829/53290737.html", "2006-08-29", "day"),
    ("https://ngo.example.ir/en/201204281230/rights/officers-killed.html", "2012-04-28", "day"),
    ("https://cn.example.cn/english/2018-08/27/c_137421463.htm", "2018-08-27", "day"),
    ("https://ph.example.ph/2024/4/23/leader-killed-in-clash", "2024-04-23", "day"),
    ("https://kurd.example.net/english/iraq/08122015-amp", "2015-12-08", "day"),
    # a year and a month only: blog archives, month-named folders
    ("http://someone.blogspot.com/2008/11/task-force-teams-capture.html", "2008-11-01", "month"),
    ("https://somali.example.org/news4/2008/Dec/9008/eleven_killed.aspx", "2008-12-01", "month"),
    # the number after the month opens the slug ("20-killed"), it is no day
    ("https://someone.blogspot.com/2021/09/20-killed-in-clashes.html", "2021-09-01", "month"),
    ("http://blog.example.com/2015/07/2-policemen-killed/", "2015-07-01", "month"),
    ("http://x.blogspot.com/2009/12/34-al-qaeda-elements-killed.html", "2009-12-01", "month"),
])
def test_urldate_reads_the_common_forms(url, iso, precision):
    found = url_date(url)
    assert found is not None
    assert (found.date.isoformat(), found.precision) == (iso, precision)
    assert found.text


@pytest.mark.parametrize("url", [
    None, "", "https://example.com/",
    "http://news.example.co.uk/2/hi/middle_east/7004801.stm",            # an id
    "https://hill.example.com/blogs/45265-treasury-targets-group/amp",   # an id
    "https://id.example.id/newsitem/six-more-killed-1447893297",         # a unix time
    "http://site.example.com/index.php?option=com_content&id=1910",
    "https://news.example.com/2020/marines-ambushed-near-the-river/",     # no March
    "https://news.example.com/2019/decision-on-the-ceasefire/",           # no December
    "https://news.example.com/2015/12-killed-in-attack",                  # "12-killed" is no month
    "https://2016-09-05.example.com/story",                               # a date in the host
    "https://news.example.com/story#2018-02-03",                          # ... or the fragment
    "http://[::1/broken-url/2016/09/05/",                                 # malformed: no crash
])
def test_urldate_finds_nothing_in_ids_and_plain_paths(url):
    assert url_date(url) is None

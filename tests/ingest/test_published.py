"""One decision over every source of a publication date, in the documented order."""
from __future__ import annotations

import datetime as dt

from ratline.ingest.published import decide_publication
from ratline.ingest.reader import read_inputs
from ratline.ingest.textpage import document_from_text
from ratline.timeparse.dates import scan_dates

LEAD = ("Gunmen attacked a police post outside the town on Tuesday, killing three officers "
        "and wounding two, the provincial governor said in a statement.")


def _page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_published_stamp_outranks_the_url():
    iso, prec, basis = decide_publication("2010-07-27", "date line on the page: 'July 27th, 2010'",
                                          "https://x.example.com/2010/07/26/story/", LEAD)
    assert (iso, prec) == ("2010-07-27", "day") and basis.startswith("date line")


def test_published_url_day_when_the_page_has_no_stamp():
    iso, prec, basis = decide_publication(None, None, "https://x.example.com/2014/06/17/story/", LEAD)
    assert (iso, prec) == ("2014-06-17", "day") and "URL" in basis


def test_published_url_settles_a_guessed_day_month_order():
    iso, _, basis = decide_publication("2009-03-02", "date line on the page: '03/02/2009'; month/day order assumed",
                                       "https://x.example.com/2009/02/03/story/", LEAD)
    assert iso == "2009-02-03" and "URL" in basis


def test_published_nothing_anywhere_is_unknown():
    iso, prec, basis = decide_publication(None, None, "https://x.example.com/world/story-123", LEAD)
    assert (iso, prec) == (None, None) and basis.startswith("unknown")


def test_published_date_line_above_the_headline_is_read():
    doc = document_from_text(_page("Monday, November 24, 2008", "Patrols seize arms cache near the border",
                                   LEAD, LEAD.replace("Tuesday", "Sunday")), "p.txt", "p")
    assert doc.title == "Patrols seize arms cache near the border"
    assert doc.published == "2008-11-24" and "Monday, November 24, 2008" in doc.published_basis


def test_published_date_line_as_first_line_is_no_title():
    doc = document_from_text(_page("", "Wednesday, December 17, 2008", LEAD, LEAD), "p.txt", "p")
    assert doc.title != "Wednesday, December 17, 2008"
    assert doc.published == "2008-12-17"


def test_published_closing_posted_by_stamp():
    doc = document_from_text(_page("Raid kills a cell leader", LEAD, LEAD.replace("three", "four"),
                                   "Posted by: Seafarer 2011-05-06"), "p.txt", "p")
    assert doc.published == "2011-05-06" and "Posted by" in doc.published_basis


def test_published_release_date_under_the_site_banner_beats_the_listing_date():
    doc = document_from_text(_page(
        "An official website of a government",
        "A banner sentence explains that official websites use a secure connection for visitors.",
        "Press Release | Dec. 1, 2008", "Forces disrupt a bomb network in the east",
        "By None , Forces - East", "Nov. 27, 2008", LEAD, LEAD), "p.txt", "p")
    assert doc.published == "2008-11-27"


def test_published_record_url_reaches_the_document(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text('{"id": "a", "url": "https://x.example.com/2016/03/15/story/", "text": "Headline here\\n\\n'
                    + LEAD + '"}\n', encoding="utf-8")
    (doc,) = list(read_inputs([str(path)]))
    assert (doc.published, doc.published_precision) == ("2016-03-15", "day")


def test_published_month_only_url_leaves_weekdays_unresolved(tmp_path):
    from ratline.pipeline import extract
    path = tmp_path / "pages.jsonl"
    path.write_text('{"id": "a", "url": "https://x.blogspot.com/2016/03/police-post-attacked.html", '
                    '"text": "Police post attacked\\n\\n' + LEAD + '"}\n', encoding="utf-8")
    (doc,) = list(read_inputs([str(path)]))
    assert (doc.published, doc.published_precision) == ("2016-03-01", "month")
    x = extract(doc)
    assert x.events and all(e.date is None for e in x.events)
    assert any(e.date_text and "Tuesday" in e.date_text for e in x.events)


def test_published_never_later_than_the_newest_stated_date_plus_its_week():
    body = "Troops arrested two suspects on March 3, 2015, officials said on Friday in the capital city."
    iso, _, _ = decide_publication(None, None, None, body)
    newest = max(dt.date(e.year, e.month, e.day) for e in scan_dates(body) if e.kind == "ymd")
    assert newest <= dt.date.fromisoformat(iso) <= newest + dt.timedelta(days=6)

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


def test_published_month_only_url_dates_weekdays_to_that_month(tmp_path):
    """Coders date "on Tuesday" in a page filed under /2016/03/ to March 2016, month
    precision: the day is never guessed, the month is known."""
    from ratline.pipeline import extract
    path = tmp_path / "pages.jsonl"
    path.write_text('{"id": "a", "url": "https://x.blogspot.com/2016/03/police-post-attacked.html", '
                    '"text": "Police post attacked\\n\\n' + LEAD + '"}\n', encoding="utf-8")
    (doc,) = list(read_inputs([str(path)]))
    assert (doc.published, doc.published_precision) == ("2016-03-01", "month")
    x = extract(doc)
    tuesday = [e for e in x.events if e.date_text and "Tuesday" in e.date_text]
    assert tuesday and all((e.date, e.date_precision) == ("2016-03-01", "month") for e in tuesday)


def test_published_never_later_than_the_newest_stated_date_plus_its_week():
    body = "Troops arrested two suspects on March 3, 2015, officials said on Friday in the capital city."
    iso, _, _ = decide_publication(None, None, None, body)
    newest = max(dt.date(e.year, e.month, e.day) for e in scan_dates(body) if e.kind == "ymd")
    assert newest <= dt.date.fromisoformat(iso) <= newest + dt.timedelta(days=6)


# -- the real and world pages: no date the page does not support --------------------------------
import json  # noqa: E402
import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ratline.ingest.dates import find_dates  # noqa: E402
from ratline.ingest.urldate import url_date  # noqa: E402

SHARED = Path(__file__).parents[2] / ".." / "shared" / "corpus"
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-3]\d)(?!\d)")


def _pages(name: str) -> list[dict]:
    path = SHARED / name / "pages.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("corpus", ["real", "world"])
def test_published_no_page_gets_a_date_it_does_not_state(corpus, tmp_path):
    """Every publication date is supported by the page: never a year the text and URL do not
    name (so never the clock's; a body date rolled into the new year says so in its basis),
    never after the newest full date the page or URL states (plus the week a lead's weekday
    can name), and a stamp or URL date exactly as stated."""
    records = _pages(corpus)
    (tmp_path / "p.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    docs = {d.name: d for d in read_inputs([str(tmp_path / "p.jsonl")])}
    dated = 0
    for rec in records:
        doc = docs[rec["id"]]
        if doc.published is None:
            assert doc.published_basis.startswith("unknown"), doc.published_basis
            continue
        dated += 1
        pub = dt.date.fromisoformat(doc.published)
        in_url = url_date(rec["url"])
        years = {int(y) for y in _YEAR.findall(rec["text"])} | ({in_url.date.year} if in_url else set())
        rolled = f"or in {pub.year}" in doc.published_basis and pub.year - 1 in years
        assert pub.year in years or rolled, (rec["id"], doc.published, doc.published_basis)
        full = [dt.date.fromisoformat(d.iso) for d in find_dates(rec["text"])]
        if in_url:
            full.append(in_url.date if in_url.precision == "day" else
                        (in_url.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1))
        if full and not doc.published_basis.startswith("Inferred"):
            assert pub <= max(full), (rec["id"], doc.published, doc.published_basis)
        elif full and not rolled and all(e.year is not None for e in scan_dates(doc.body) if e.kind in ("md", "m")):
            assert pub <= max(full) + dt.timedelta(days=6), (rec["id"], doc.published, doc.published_basis)
    assert dated >= len(records) // 2


def test_published_a_headline_that_names_a_date_is_no_stamp():
    doc = document_from_text(_page("Mosul blast kills 12 on 5 May 2008", LEAD, LEAD), "p.txt", "p")
    assert doc.title == "Mosul blast kills 12 on 5 May 2008"


def test_published_an_update_stamp_is_not_the_publication():
    doc = document_from_text(_page("Police post attacked", "Published: June 1, 2010",
                                   "Updated: June 3, 2010", LEAD, LEAD), "p.txt", "p")
    assert doc.published == "2010-06-01"


def test_published_jsonl_html_record_date_is_a_day(tmp_path):
    path = tmp_path / "pages.jsonl"
    html = "<html><body><article><h1>Police post attacked</h1><p>" + LEAD + "</p><p>" + LEAD + "</p></article></body></html>"
    path.write_text(json.dumps({"id": "a", "url": "https://x.blogspot.com/2016/03/post.html",
                                "published": "2016-03-09", "html": html}) + "\n", encoding="utf-8")
    (doc,) = list(read_inputs([str(path)]))
    assert (doc.published, doc.published_precision) == ("2016-03-09", "day")

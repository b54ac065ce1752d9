"""When a page was published: one decision over everything the input gives.

Every relative date in a report ("on Tuesday", "last week") is resolved against the
publication date, so a wrong one makes every event date wrong; a missing one only
leaves them unresolved.  Sources, in the order of trust (the basis records which one
decided, and why):

1. a date the caller or the record gives (a JSONL ``published`` field); a user's
   ``--published`` fills in only what nothing below gives (``given_by_user``);
2. the page's own stamp: a date line above or under the headline, a byline or a
   "Posted by ... 2008-06-24" line, a wire dateline (read by ``textpage``);
3. HTML metadata (``article:published_time``, JSON-LD; htmldate via trafilatura);
4. the URL's date (``urldate``), to the day; a URL with only a year and month
   (``/2008/05/``) places the body's year-less dates instead;
5. the newest date the body itself states (``timeparse.pubdate``), moved at most to the
   day a lead's "Saturday", "yesterday" or "today" names.

A numeric stamp whose day/month order was a guess (06/09/2009) takes the order the
URL's date confirms.  No source is the clock, and no year is ever supplied that the
input does not state: with none, the date is null and the basis says "unknown".
"""
from __future__ import annotations

import datetime as dt

from ratline.ingest.urldate import url_date
from ratline.timeparse.pubdate import infer_publication

_ORDER_GUESS = "month/day order assumed"


def _swapped(iso: str) -> dt.date | None:
    d = dt.date.fromisoformat(iso)
    try:
        return d.replace(month=d.day, day=d.month)
    except ValueError:
        return None


def decide_publication(stated: str | None, stated_basis: str | None, url: str | None,
                       body: str) -> tuple[str | None, str | None, str]:
    """(ISO date or None, precision "day"/"month" or None, basis)."""
    in_url = url_date(url)
    if stated:
        basis = stated_basis or "given by the caller"
        if _ORDER_GUESS in basis and in_url and in_url.precision == "day" \
                and _swapped(stated) == in_url.date:
            return (in_url.date.isoformat(), "day",
                    basis.replace(_ORDER_GUESS, f"day/month order as the URL has it ('{in_url.text}')"))
        return stated, "day", basis
    if in_url and in_url.precision == "day":
        return in_url.date.isoformat(), "day", f"the date in the page's URL: '{in_url.text}'"
    iso, precision, basis = infer_publication(body, in_url.date if in_url else None)
    return iso, (precision if iso else None), basis


def given_by_user(doc, iso: str) -> None:
    """Apply a date the user states (``ingest --published``) to a document whose own date
    is unknown or known only to the month; a date the page states is kept."""
    if doc.published and doc.published_precision != "month":
        return
    was = f" (the page gave {doc.published}, to the month)" if doc.published else ""
    doc.published, doc.published_precision = iso, "day"
    doc.published_basis = f"given by the user (--published {iso}){was}"

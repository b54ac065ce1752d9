"""Property-based tests (hypothesis) of the parsers that meet raw text first: numbers,
dates, names and page structure.  Any text must give an answer, never an exception, and
every span found must point at the words it claims; a written figure or date must be read
back.  The budget is bounded (a few dozen examples per property, no deadline: the
machine may be busy) so CI stays fast; ``HYPOTHESIS_PROFILE=long`` raises it by hand.
"""
from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, example, given, settings, strategies as st

from ratline.ingest.dates import find_dates as page_dates
from ratline.ingest.longtext import split_long_paragraph
from ratline.ingest.textpage import NoArticleText, split_page
from ratline.mentions.numbers import find_quantities
from ratline.render import printable
from ratline.resolve.names import fold, norm
from ratline.timeparse.dates import find_dates

settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# text as scraped pages hold it: letters, digits, punctuation, controls, bidi marks, newlines
WORDS = st.sampled_from(["killed", "wounded", "at least", "over", "some", "June", "2008",
                         "Tuesday", "twenty-six", "1,200", "on", "the", "al-", "Basra", "\u202e",
                         "\x07", "\n", "\n\n", ".", ",", "99999999999999999999999", "31/31/2008",
                         "February 30, 2008", "’s", "Qods", "By", "Posted by", "Comments"])
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@given(TEXT)
def test_properties_numbers_any_text_gives_spans_that_point_at_their_words(text):
    for q in find_quantities(text):
        assert text[q.span.start:q.span.end] == q.span.text
        for v in (q.low, q.best, q.high):
            assert v is None or v >= 0


@given(st.integers(min_value=0, max_value=2**53), st.sampled_from(["killed", "wounded", "captured"]))
def test_properties_numbers_a_written_figure_is_read_back(n, verb):
    text = f"Police said {n:,} people were {verb} in the attack."
    found = [q for q in find_quantities(text) if q.best is not None]
    assert any(q.best == n for q in found)


def test_properties_numbers_beyond_float_precision_are_exact_or_unknown():
    for n in (2**53 + 1, int("9" * 400)):
        found = [q.best for q in find_quantities(f"Police said {n} people were killed.")]
        assert found in ([n], [None], [])


@given(TEXT, st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))))
def test_properties_dates_any_text_resolves_without_error(text, base):
    for d in find_dates(text, base):
        assert text[d.span.start:d.span.end] == d.span.text
        if d.date:
            dt.date.fromisoformat(d.date[:10])        # a real calendar date, never Feb 30
    for d in page_dates(text):
        assert text[d.start:d.end] == d.text
        dt.date.fromisoformat(d.iso)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)))
def test_properties_dates_a_written_date_is_read_back(day):
    text = f"Troops raided the town on {MONTHS[day.month - 1]} {day.day}, {day.year}, officials said."
    assert day.isoformat() in {d.iso for d in page_dates(text)}
    assert day.isoformat() in {d.date for d in find_dates(text, None)}


@given(TEXT)
@example("AL:THE")               # a particle before a leading word: the key must be its own key
def test_properties_names_keys_are_stable(name):
    key = norm(name)
    assert norm(name) == key and isinstance(fold(name), str)
    assert norm(key) == key                      # a key is its own key


@given(TEXT)
def test_properties_page_structure_keeps_every_line_somewhere(text):
    try:
        parts = split_page(text)
    except NoArticleText:
        return
    kept = "\n".join(parts.paragraphs + parts.boilerplate + parts.comments + [parts.title or ""])
    for word in " ".join(parts.paragraphs).split():
        assert word in text or word in kept


@given(st.text(min_size=1, max_size=3000), st.integers(min_value=50, max_value=1000))
def test_properties_long_paragraphs_split_without_losing_text(text, limit):
    pieces = split_long_paragraph(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())


@given(st.text(max_size=300))
def test_properties_printable_leaves_no_terminal_control(text):
    shown = printable(text)
    assert not any(ord(c) < 32 and c not in "\t\n" for c in shown)
    assert "\u202e" not in shown and "\x9b" not in shown

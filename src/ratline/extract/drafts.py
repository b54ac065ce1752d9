"""Event drafts: what one sentence says about a happening, before and while merging.

Also the small pure helpers the merge rules and the final build share: date
closeness at a precision, place containment, figure merging across sources.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ratline.extract.casualties import Figures
from ratline.extract.cues import right_before
from ratline.extract.triggers import TriggerHit
from ratline.mentions.finder import DocMentions
from ratline.schema import Claim, Conflict, DateRef, Event, Span
from ratline.timeparse.dates import find_dates

@dataclass
class Draft:
    type: str
    rank: int
    sentence: int
    paragraph: int
    span: Span
    deck: bool
    date: DateRef | None = None
    place: str | None = None
    place_rank: float | None = None     # how specific the place is as the text names it
    place_inferred: bool = False        # from the dateline or the report's town, not the event's own words
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    figures: Figures = field(default_factory=Figures)
    source: str | None = None
    claims: list[tuple[str, str]] = field(default_factory=list)
    absorbed: bool = False
    targets_person: bool = False
    twin: bool = False
    listed: bool = False          # one item of "among those captured are A; B; C"
    background: bool = False      # mentioned as history ("involved in the kidnapping of ...")
    last_sentence: int = 0
    last_paragraph: int = -1
    basis: str = ""
    announced: DateRef | None = None   # when the act was announced ("police said on Friday ...")
    date_words: str | None = None      # "on Tuesday" with no publication date to resolve it
    item: int = -1                     # which item of a roundup list ("-- A coalition airstrike ...")


def _modifier_participle(masked, h: TriggerHit, parsed) -> bool:
    """"women abducted by ISWAP", "43 people seized when ...": a participle describing someone, not a
    report ("were abducted by": an ``aux_before`` cue right before it)."""
    text = masked.text
    word = h.text.strip().split()[-1].lower()
    at = masked.body_offset(h.start)
    if not word.endswith("ed") or right_before(parsed, "aux_before", at, min(40, at - masked.span.start), masked):
        return False
    if re.search(r"(?:⟦\d+⟧|\w+)\s+$", text[:h.start]) is None:
        return False
    return bool(re.match(r"\s+(?:by|from|when|during|in)\b", text[h.end:]))


def _last_para(d: Draft) -> int:
    return max(d.paragraph, d.last_paragraph)


def _person_targets(d: Draft, dm: DocMentions) -> list[str]:
    return [t for t in d.targets if dm.entities.get(t) is not None and dm.entities[t].type == "person"]


def _weak(d: Draft) -> bool:
    """Nothing pins this mention to a happening: no date, place, figure or named person."""
    return d.date is None and d.place is None and d.figures.empty() and not d.targets_person


def _merge_figures(base: Figures, new: Figures, other_source, draft: Draft) -> Figures:
    out = Figures(base.killed_low, base.killed_best, base.killed_high, base.wounded, base.captured,
                  base.hedges + new.hedges)
    if out.killed_best is None and out.killed_high is None:
        out.killed_low, out.killed_best, out.killed_high = new.killed_low, new.killed_best, new.killed_high
    elif not other_source and new.killed_best is not None and out.killed_best is not None \
            and new.killed_best > out.killed_best and out.killed_low == out.killed_high == out.killed_best:
        # the same source, counted more fully later ("killed al-Quso and one other man")
        out.killed_low = out.killed_best = out.killed_high = new.killed_best
    elif new.killed_best is not None and new.killed_best != out.killed_best and other_source:
        draft.claims.append((str(other_source), f"{new.killed_best} killed"))
        out.killed_low = min(x for x in (out.killed_low, new.killed_best) if x is not None)
        out.killed_high = max(x for x in (out.killed_high, out.killed_best, new.killed_best) if x is not None)
    if out.wounded is None:
        out.wounded = new.wounded
    if out.captured is None:
        out.captured = new.captured
    return out


def _trim(span: Span) -> Span:
    text = span.text
    lead = len(text) - len(text.lstrip(" ,"))
    text = text.strip(" ,")
    return Span(span.start + lead, span.start + lead + len(text), text)


def _add(items: list[str], key: str) -> None:
    if key not in items:
        items.append(key)


def _as_date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso[:10])


def _dates_close(a: DateRef, b: DateRef) -> bool:
    tol = {"day": 0, "week": 7, "month": 31, "year": 366}
    t = max(tol.get(a.precision or "day", 1), tol.get(b.precision or "day", 1))
    return abs((_as_date(a.date) - _as_date(b.date)).days) <= t


# any day serves: date words with no publication to resolve against are compared by resolving
# both against the same day ("late last night" and "earlier last month" are a month apart
# whatever the day); one alone counts when it lies weeks before that day
_ANY_DAY = dt.date(2001, 6, 15)


def _apart_in_words(a: Draft, b: Draft) -> bool:
    """Two undated drafts whose date words put them at different times ("late last night",
    "earlier last month"), or one whose words put it weeks before the news the other reports."""
    if a.date is not None or b.date is not None:
        return False
    da, db = _words_day(a.date_words), _words_day(b.date_words)
    if da is not None and db is not None:
        return not _dates_close(da, db)
    one = da or db
    return one is not None and (_ANY_DAY - _as_date(one.date)).days > 7


def _words_day(words: str | None) -> DateRef | None:
    if not words:
        return None
    refs = [r for r in find_dates(words, _ANY_DAY) if r.date]
    return refs[0] if refs else None


def _same_day(a: DateRef, b: DateRef) -> bool:
    return bool(a.date and b.date) and _dates_close(a, b)


def _finer(a: DateRef, b: DateRef) -> bool:
    order = {"day": 0, "week": 1, "month": 2, "year": 3}
    return a.date is not None and (b.date is None or order.get(a.precision, 3) < order.get(b.precision, 3))


def _contains(outer, inner) -> bool:
    """``outer`` is a province or country that holds ``inner``."""
    feature = getattr(outer, "feature", "")
    if feature == "province":
        return getattr(inner, "admin1", None) == getattr(outer, "admin1", None) and inner.country == outer.country
    if feature == "country":
        return getattr(inner, "country", None) == getattr(outer, "country", None)
    return False


def build_events(drafts: list[Draft], dm: DocMentions, published: str | None) -> tuple[list[Event], list[Conflict]]:
    events: list[Event] = []
    conflicts: list[Conflict] = []
    lead_done = False
    day_before: DateRef | None = None      # the day of the last act dated by its own words
    kept = [d for d in drafts if not _weak(d) or d.type in ("release", "kidnapping")]
    for k, d in enumerate(sorted(kept, key=lambda x: x.span.start)):
        etype = d.type
        if etype == "arrest" and ((d.actors and all(
                dm.entities.get(a) is not None and dm.entities[a].type == "armed_group" for a in d.actors))
                or dm.parsed.cue_in("civilian_captives", d.span.start, d.span.end)):
            etype = "kidnapping"     # armed groups do not arrest; civilians and hostages are abducted
        ev = Event(id=f"e{k + 1}", type=etype, quote=d.span.text, span=d.span, basis=d.basis)
        if d.date and d.date.date:
            ev.date, ev.date_precision, ev.date_text = d.date.date, d.date.precision, d.date.span.text
        elif d.announced is not None:
            ev.date, ev.date_precision, ev.date_text = d.announced.date, d.announced.precision, d.announced.span.text
            ev.basis += "; dated by its announcement"
        elif not lead_done and published and d.type != "other":
            ev.date, ev.date_precision = published, "week"
            ev.basis += "; undated lead event dated to publication (week)"
        elif day_before is not None and not d.date_words and d.type != "other" and d.item < 0:
            ev.date, ev.date_precision = day_before.date, "day"
            ev.basis += f"; no date words of its own: told after the act of {day_before.date}, takes its day"
        elif d.date_words:
            ev.date_text = d.date_words        # the words stay; the date is unknown
            ev.basis += "; date words unresolved (publication date unknown)"
        lead_done = True
        if d.item >= 0:
            day_before = None            # a roundup's items are operations of their own days
        elif ev.date and ev.date_precision == "day" and d.date is not None and d.date.date and etype != "other":
            day_before = d.date
        if d.place:
            ev.location = d.place
            place = dm.places.get(d.place)
            if place is not None:
                ev.admin1 = getattr(place, "admin1", None)
                ev.country = getattr(place, "country", None)
                ev.latitude = getattr(place, "latitude", None)
                ev.longitude = getattr(place, "longitude", None)
                ev.where_precision = getattr(place, "precision", None)
                if d.place_inferred and ev.where_precision is not None:
                    ev.where_precision = max(ev.where_precision, 2)   # near there, as far as the text says
        ev.actors, ev.targets = d.actors, d.targets
        f = d.figures
        ev.killed_low, ev.killed_best, ev.killed_high = f.killed_low, f.killed_best, f.killed_high
        ev.wounded, ev.captured = f.wounded, f.captured
        ev.claim_source = d.source
        if d.claims:
            first = Claim(d.source or "the report", _says(f))
            conflicts.append(Conflict(ev.id, [first] + [Claim(s, t) for s, t in d.claims]))
        events.append(ev)
    return events, conflicts


def _says(f: Figures) -> str:
    parts = []
    if f.killed_best is not None:
        parts.append(f"{f.killed_best} killed")
    if f.wounded is not None:
        parts.append(f"{f.wounded} wounded")
    if f.captured is not None:
        parts.append(f"{f.captured} captured")
    return ", ".join(parts) or "no figures"

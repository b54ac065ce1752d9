"""When an event happened: the date words of its clause, read with the parse.

The nearest resolved date to the trigger, unless it sits in a clause about an earlier act
("who fled Kirkuk after Coalition forces captured two of his associates ... Apr. 15");
an act told as N days after the one just reported, dated from it; an act given as the
consequence of an operation, dated with it; a statement's date for an act it announces.
A mixin of ``EventExtractor``: it reads ``self.parsed``, ``self._masked``, ``self.touched``
and the dates the extractor remembers.
"""
from __future__ import annotations

import datetime as dt
import re

from ratline.extract.casualties import count_of
from ratline.extract.cues import GROUPS, said_before
from ratline.extract.drafts import _as_date
from ratline.extract.triggers import TriggerHit
from ratline.schema import DateRef, Span

_CONSEQUENCE = re.compile(r"^\s*(?:The|This|That)\s+(?:[\w-]+\s+)?(?:operation|offensive|raid|assault|campaign|"
                          r"attack|strike|crackdown|fighting|battle|defeat)s?\s+(?:forced|led|prompted|pushed|"
                          r"compelled|caused|drove|persuaded)\b")


def _announced(dates: list[DateRef], etype: str) -> DateRef | None:
    """"Police said on Friday they had arrested 12": with no date of its own, an act dates from
    its announcement, to the week (a statement itself, to the day)."""
    spoken = [d for d in dates if d.date and not d.since and d.precision == "day"]
    if not spoken:
        return None
    d = spoken[0]
    return d if etype == "other" else DateRef(d.span, d.date, "week", d.relative, d.since)


def _unresolved_words(dates: list[DateRef], at: int) -> str | None:
    """The date words nearest the trigger that no publication date could resolve."""
    words = [d for d in dates if d.date is None and not d.since]
    return min(words, key=lambda d: abs(d.span.start - at)).span.text if words else None




def _root(tok):
    """The root of the parsed sentence a token is in."""
    while tok.head.i != tok.i:
        tok = tok.head
    return tok


# the conjunctions of a clause that tells of an act before the one reported
EARLIER_MARKS = {"after", "before", "since", "until"}
# participles that tell an act of their own when they describe someone ("students abducted last week")
_ACT_PARTICIPLES = frozenset({"abduct", "kidnap", "capture", "arrest", "detain", "seize", "kill", "wound",
                              "injure", "jail", "imprison", "convict", "sentence"})
# "three days after", "two weeks before": the days a unit of such a span counts
OFFSET_UNITS = {"day": 1, "week": 7}


def _count_of(unit) -> int | None:
    """The number before "days" in "three days after", "a week before", else None."""
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in unit.children):
        return 1
    return count_of(unit)


class EventDates:
    """The date methods of ``EventExtractor``."""

    def _offset_acts(self, span: Span) -> list[int]:
        """"Thursday's clash came three days after army troops also clashed with Maute fighters":
        an act told as N days (weeks) after or before the one reported is an event of its own,
        dated from that one (``self._offsets``: where it starts -> the days between); "just days
        after" counts three days, to the week."""
        if self.parsed is None:
            return []
        cuts = []
        for tok in self.parsed.tokens_in(span.start, span.end):
            if tok.dep_ != "npadvmod" or tok.lemma_.lower() not in OFFSET_UNITS:
                continue
            mark = tok.head if tok.head.lower_ in ("after", "before") else next(
                (c for c in tok.head.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
            count = _count_of(tok)
            vague = count is None and tok.tag_ == "NNS"      # "just days after": a few, known to the week
            if mark is None or (count is None and not vague):
                continue
            start = tok.left_edge.idx
            if span.start < start < span.end:
                days = (count or 3) * OFFSET_UNITS[tok.lemma_.lower()]
                unit = "a few" if vague else tok.lemma_.lower()
                self._offsets[start] = (-days if mark.lower_ == "after" else days, unit)
                cuts.append(start - span.start - 1)
        return cuts

    def _offset_date(self, start: int) -> DateRef | None:
        """The date N days (weeks) from the act the sentence reported just before this one."""
        days, unit = self._offsets[start]
        before = self.touched
        if before is None or before.date is None or before.date.date is None or before.date.precision != "day" \
                or not before.span.start < start:
            return None
        day = _as_date(before.date.date) + dt.timedelta(days=days)
        return DateRef(before.date.span, day.isoformat(), "day" if unit == "day" else "week")

    def _consequence_date(self, text: str) -> DateRef | None:
        """"The operation forced Sadr to agree to a cease-fire": an act the text gives as the result
        of an event it just reported happened then — it takes that event's date."""
        if not _CONSEQUENCE.match(text):
            return None
        latest = self._latest()
        return latest.date if latest is not None and GROUPS[latest.type] != "other" else None

    def _said_before(self, pos: int) -> bool:
        """"said on Monday", "told reporters Tuesday": a date just after a verb of saying."""
        return said_before(self.parsed, self.body, pos)

    def _remember_dates(self, dates: list[DateRef]) -> None:
        for d in dates:
            if d.date:
                self.last_date = d
                if not d.relative:
                    self.year_hint = int(d.date[:4])
                spoken = self._said_before(d.span.start)
                if d.precision == "day" and not spoken:      # "said on Monday" dates a statement
                    self.anchor = _as_date(d.date)

    def _pick_date(self, dates: list[DateRef], main: TriggerHit) -> DateRef | None:
        """The resolved date nearest the trigger."""
        usable = [d for d in dates if d.date]
        if usable:
            at = self._masked.body_offset(main.start)
            own = [d for d in usable if not self._date_of_earlier_clause(d, at)]
            if not own:
                return None
            return min(own, key=lambda d: abs(d.span.start - at))
        if self.last_date is not None and self.parsed.cue_in(
                "that_date", self._masked.span.start, self._masked.span.end) is not None:
            return self.last_date
        return None

    def _date_of_earlier_clause(self, d: DateRef, trigger_at: int) -> bool:
        """"targeted a car-bombing expert who fled Kirkuk after Coalition forces captured two of his
        associates there during operations Apr. 15 and 22": a date inside a clause about someone
        ("who ...") or an "after/before/since" clause the trigger is not in tells of another, earlier
        act.  A "that/which" clause may describe the event itself ("an assault that ended on Monday")."""
        if self.parsed is None:
            return False
        tok, trig = self.parsed.token_at(d.span.start), self.parsed.token_at(trigger_at)
        if tok is None or trig is None or _root(tok).i != _root(trig).i:
            return False          # not one parsed sentence: nothing to say
        seg = self._masked.span
        while tok.head.i != tok.i:
            if not seg.start <= tok.head.idx < seg.end:
                return False      # a parse run across the sentence's bounds (a heading joined to it)
            about_someone = (tok.dep_ == "relcl" and any(c.lower_ in ("who", "whom", "whose") for c in tok.children)) \
                or (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.i != trig.i
                    and tok.lemma_.lower() in _ACT_PARTICIPLES)      # "freed 30 students abducted last week"
            if about_someone or (tok.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in EARLIER_MARKS for c in tok.children)):
                return not tok.left_edge.i <= trig.i <= tok.right_edge.i
            tok = tok.head
        return False

    def _day_told(self, sent) -> tuple[int, DateRef] | None:
        """"US forces scored a major victory in Mosul today. US forces killed al Qaeda's emir ...":
        the one day a sentence that reports no event names (not a day something was said, nor
        the start of a window), kept for the sentence right after it."""
        days = [d for d in self._event_dates_seen if d.date and d.precision == "day"]
        return (sent.index, days[0]) if len(days) == 1 else None

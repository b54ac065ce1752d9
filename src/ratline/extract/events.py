"""Events: one per operation, attack, arrest, release or kidnapping the body reports.

A sentence (or a clause of a headline deck) with a trigger word becomes an event
draft; drafts that describe the same happening — a definite reference ("the raid"),
a continuation in the same paragraph with no new date or place, a headline
summarised later in the body — are merged, keeping the most specific date and place
and every report's figures.  Sources that disagree on a figure widen low/high and
are kept as conflicting claims.  Patterns live in ``cues.py``, drafts and the final
build in ``drafts.py``, dates in ``event_dates.py``, roundup items and lists
of people in ``event_lists.py``.
"""
from __future__ import annotations

import re

from ratline.extract.casualties import figures_from_parse, figures_in, persons_captured, persons_killed, persons_wounded
from ratline.extract.cues import DATELINE, GROUPS, background_cue, in_background, masked_cue
from ratline.extract.drafts import (  # noqa: F401 - build_events is part of this module's API
    Draft, _modifier_participle, _weak, build_events,
)
from ratline.extract.event_clauses import SentenceActs
from ratline.extract.event_dates import EventDates, _announced, _unresolved_words
from ratline.extract.event_identity import EventIdentity
from ratline.extract.event_lists import ListItems
from ratline.extract.event_parties import PartyFinder
from ratline.extract.event_places import PlaceChooser
from ratline.extract.masking import Masked, mask
from ratline.extract.tallies import since_windows, total_over_operations, window_of_toll
from ratline.extract.trigger_checks import TriggerChecks, _object_fits
from ratline.extract.triggers import TriggerHit, load_triggers
from ratline.mentions.dictionary import default_dictionary
from ratline.mentions.finder import DocMentions
from ratline.parse.nlp import Parsed
from ratline.schema import DateRef, Span




class EventExtractor(PlaceChooser, PartyFinder, EventIdentity, TriggerChecks, EventDates, ListItems, SentenceActs):
    """Event mentions of one document, sentence by sentence (how an event is found: NOTES.md).
    Places, parties and identity are its mixins, each in a module of its own."""

    def __init__(self, dm: DocMentions, body: str, base, find_dates, find_quantities, paragraphs: list[int],
                 parsed: Parsed | None = None):
        self.dm = dm
        self.parsed = parsed                   # the sentence layer: who acts on whom comes from its parse
        self.body = body
        self.base = base
        self.find_dates = find_dates
        self.find_quantities = find_quantities
        self.paragraphs = paragraphs           # paragraph index per sentence
        self.triggers = load_triggers()
        self._not_captives = self.triggers.not_objects("arrest")   # "captured the town": no one taken
        self.dictionary = default_dictionary()
        self.drafts: list[Draft] = []
        self.anchor = None
        self.year_hint: int | None = None     # the year the text last named, for "of that year"
        self.last_date: DateRef | None = None
        self.last_place: str | None = None
        self.prev_actors: list[str] = []
        self.touched: Draft | None = None
        self._masked: Masked | None = None
        self._picked_rank: float | None = None
        self._deck_now = False
        self._why = ""                           # why the last draft joined an earlier one
        self._item = -1                          # roundup items seen so far
        self._item_para = -1                     # paragraph of the current item
        self._heading_para = -1
        self._heading_date: DateRef | None = None
        self._heading_words: str | None = None
        self._first_full: int | None = None      # the first full sentence: no deck after it
        self._listed_places: list[str] = []       # places listed after the chosen one (further operations)
        self._mention_starts: list[int] | None = None   # the parties' bisection index
        self._datelines: dict[int, str] = {}      # sentence index -> the town its dateline names
        self._offsets: dict[int, tuple[int, str]] = {}   # segment start -> (days from the act before, unit)
        self._elliptic: set[int] = set()      # where a verbless second act begins ("and three more in a gunbattle")
        self._placed = 0                         # drafts made or merged so far
        self._event_dates_seen: list[DateRef] = []   # the dates of events the current sentence names
        self._eventless_day: tuple[int, DateRef] | None = None   # a day the last eventless sentence named

    # -- driving ---------------------------------------------------------
    def run(self) -> list[Draft]:
        for sent in self.dm.sentences:
            self._sentence(sent)
        self._place_by_dateline()
        self._place_by_focus()
        self._actor_by_context()
        return [d for d in self.drafts]

    def _actor_by_context(self) -> None:
        """"At least 30 have been killed after a major attack on the AU base" in a report whose
        sentences around it name one armed group and no other: that group did it, as a coder
        reading the page would say; its basis says so.  A raid, air strike or arrest takes the
        one state force named around it instead ("Two men were detained on Sunday")."""
        for d in self.drafts:
            if d.actors or d.background or _weak(d) or GROUPS[d.type] not in ("op", "arrest"):
                continue
            kind = "state_force" if d.type in ("raid", "airstrike", "arrest") else "armed_group"
            near = {m.key for k in range(max(0, d.sentence - 2), d.last_sentence + 3)
                    for m in self.dm.in_sentence(k) if m.kind == kind} - set(d.targets)
            if len(near) == 1:
                d.actors = list(near)
                d.basis += f"; actor: the only {kind.replace('_', ' ')} named around it"

    def _place_by_focus(self) -> None:
        """"Two men in their 20s were detained early on Sunday": an event told without a place,
        in a report about one town, is placed in that town (the one it names most before the
        event), as a coder reading the page would; its basis and precision say it was inferred."""
        for d in self.drafts:
            if d.place is None and not d.background and d.type != "other" and not _weak(d) and not d.listed:
                town = self._focus_place(d.span.start)     # (not "among those captured are A; B": when and where unknown)
                if town is not None:
                    d.place, d.place_rank, d.place_inferred = town, self._place_rank(town), True
                    d.basis += "; placed in the town the report is about"

    def _place_by_dateline(self) -> None:
        """"DILI (Reuters) - Two people were killed in clashes between East Timor police and ...":
        a report that names no place, or only the country, of an event it tells was filed from
        where it happened; a town in the dateline above it is the event's place."""
        if not self._datelines:
            return
        for d in self.drafts:
            heads = [i for i in self._datelines if i <= d.sentence]
            if d.background or not heads or d.type == "other" or _weak(d):
                continue       # a place alone would not make a mention with nothing else a report
            town = self._datelines[max(heads)]
            if d.place is None or (self._place_rank(d.place) == 6 and self._nested(town, d.place)):
                d.place, d.place_rank, d.place_inferred = town, self._place_rank(town), True
                d.basis += "; placed by the dateline"

    def _sentence(self, sent) -> None:
        text = sent.span.text
        deck = self._is_deck(sent)
        self._follow_list(sent)
        if text.rstrip().endswith(":") and (not deck or self.paragraphs[sent.index] > 0):
            self._heading(sent)  # "In June 27 operations:" dates the items under it
            return
        if not deck and not text.rstrip().endswith((".", "”", '"', "?", "!", "’", ")")) and len(text.split()) < 25:
            return              # a sub-heading or a related-story link: a label, not a report
                                # (a paragraph of 25 words or more is prose a crawl cut short)
        among = self.parsed.cue_next("among_taken", sent.span.start)
        if among:          # "Among those captured are ...": the last word says how they were taken
            self._among_list(sent, self.body[among[0]:among[1]].split()[-1].lower())
            return
        placed, self._event_dates_seen = self._placed, []
        for seg in self._segments(sent.span, deck):
            self._segment(sent, seg, deck)
        if self._placed == placed and not deck:
            self._eventless_day = self._day_told(sent)

    def _is_deck(self, sent) -> bool:
        """A headline-like line (no closing punctuation) before the first full paragraph; a
        line cut short after the report has begun is prose, not a headline."""
        if self.paragraphs[sent.index] > 1:
            return False
        if self._first_full is None:
            self._first_full = next((s.index for s in self.dm.sentences if s.span.text.rstrip().endswith(
                (".", "”", '"')) and len(s.span.text.split()) >= 8), len(self.dm.sentences))
        if sent.index > self._first_full:
            return False
        return not sent.span.text.rstrip().endswith((".", "”", '"', "?", "!", "’"))

    def _context(self, sent, seg: Span):
        first = sent.index == 0 or self.paragraphs[sent.index - 1] != self.paragraphs[sent.index]
        dateline = DATELINE.match(sent.span.text) if first else None
        cut = sent.span.start + dateline.end() if dateline else 0
        if dateline and sent.index not in self._datelines:
            town = next((m.key for m in self.dm.in_sentence(sent.index) if m.kind == "place"
                         and m.span.start < cut and self._place_rank(m.key) <= 1), None)
            if town is not None:
                self._datelines[sent.index] = town
        mentions = [m for m in self.dm.in_sentence(sent.index)
                    if seg.start <= m.span.start < seg.end and m.span.start >= cut and not self._speaker_place(m)]
        quantities = self.find_quantities(seg.text, seg.start)
        masked = mask(seg, mentions, quantities)
        dates = [d for d in self.find_dates(seg.text, self.base, seg.start, self.anchor, self.year_hint)
                 if d.span.start >= cut]
        return masked, dates

    def _before_background(self, seg: Span, dates, masked: Masked):
        """Dates and places of a background clause ("implicated in the 2007 kidnapping in Karbala") are not the event's."""
        cue = background_cue(self.parsed, seg.start, seg.end)
        if not cue:
            return dates, masked
        cut = cue[0]
        dates = [d for d in dates if d.span.start < cut]
        kept = [m for m in masked.mentions if m.kind != "place" or m.span.start < cut]
        return dates, mask(seg, kept, masked.quantities)

    def _segment(self, sent, seg: Span, deck: bool) -> None:
        self._deck_now = deck
        masked, dates = self._context(sent, seg)
        event_dates = [d for d in dates if not d.since and not self._said_before(d.span.start)]
        since = since_windows(seg, dates, self.parsed)
        self._event_dates_seen.extend(event_dates)
        figures = figures_from_parse(masked, self.parsed, figures_in(masked, self.parsed))
        if seg.start in self._elliptic and figures.empty() and self.drafts:
            figures = self._elliptic_count(masked, self.drafts[-1].figures)
        if figures.killed_best is None and figures.killed_high is None:
            named = persons_killed(masked, self.parsed)
            if named:
                figures.killed_low = figures.killed_best = figures.killed_high = named
        if figures.captured is None:
            figures.captured = persons_captured(masked, self.parsed, self._not_captives)
        hits = [h for h in self.triggers.find(masked.text) if not self._discounted(masked, h)
                and _object_fits(masked, h, self.parsed) and not self._object_rules_out(masked, h)]
        foreground = [h for h in hits if not in_background(self.parsed, masked, h.start)
                      and not _modifier_participle(masked, h, self.parsed)]
        background = bool(hits) and not foreground
        if foreground:
            cue = background_cue(self.parsed, seg.start, seg.end)
            if len(foreground) < len(hits) or (
                    cue and cue[0] > masked.body_offset(foreground[0].end)):
                event_dates, masked = self._before_background(seg, event_dates, masked)
            hits = foreground
        self._remember_dates(dates)
        if (since or window_of_toll(masked, self.parsed, dates)) and (figures.killed_best is not None
                                                              or figures.captured is not None):
            return                   # a running tally ("killed 91 ... since April", "this year"): tallies.py reads it
        if not hits:
            if not figures.empty() and (figures.killed_best or figures.killed_high or figures.wounded):
                verb = masked_cue(self.parsed, masked, "casualty_verb")   # "Lakurawa fighters killed 15": who acted is before it
                at = verb or (0, 0)
                # "X was killed in Tripoli": with no act named, the killing of someone in particular
                named = persons_killed(masked, self.parsed, named_only=True)
                hits = [TriggerHit("assassination" if named else "armed_clash", 0, at[0], at[1], "")]
                if verb and self._discounted(masked, hits[0]):
                    return               # "threatened to kill 12 hostages": figures of an act not done
            elif figures.captured and (verb := masked_cue(self.parsed, masked, "taken_verb")):
                # "took away 37 young men": people taken
                hits = [TriggerHit("arrest", 0, verb[0], verb[1], "")]
                if self._discounted(masked, hits[0]):
                    return
            elif self.drafts and masked.quantities and self._cue(masked, "number_ref"):
                self._update_number(sent, masked)
                return
            else:
                if self.drafts:
                    self._refine_by_reference(masked, self.paragraphs[sent.index], event_dates)
                return
        if figures.wounded is None and any(h.rank > 0 for h in hits):
            figures.wounded = persons_wounded(masked, self.parsed)   # of an event a trigger reports
        # "Hours before the raids, X said ... had fired", "Hours after the ambush, troops arrested":
        # an event in a leading time clause only times the one the sentence reports
        lead = re.match(r"\s*(?:[\w-]+\s+){0,2}(?:before|after|since|following)\s+[^,;]{0,60},\s*", masked.text, re.I)
        main_clause = [h for h in hits if not (lead and h.start < lead.end())] or hits
        main = max(main_clause, key=lambda h: (h.rank, -h.start))
        if self._many(masked, main):
            return
        first = min((h for h in main_clause if h.rank > 0), key=lambda h: h.start, default=main)
        seen_actors, _ = self._parties(masked, first)
        if seen_actors:
            self.prev_actors = seen_actors
        # a roundup item is dated by its heading even when it names no day itself
        dated = bool(event_dates) or (self._item_para == self.paragraphs[sent.index]
                                      and self._heading_date is not None)
        if self._cue(masked, "vague_plural") and figures.empty() and not dated:
            return
        if since and figures.empty():
            return
        if not dated and any(q.hedge == "vague" for q in masked.quantities) and figures.killed_best is None:
            return
        if self._cue(masked, "habitual") and figures.empty() and not dated:
            return
        if main.type == "other" and not self._other_ok(masked.text):
            return
        draft = Draft(main.type, main.rank, sent.index, self.paragraphs[sent.index], seg, deck,
                      last_sentence=sent.index, basis=f"trigger:{main.text.strip() or 'casualty figures'}",
                      background=background)
        self._masked = masked
        draft.date = self._pick_date(event_dates, main)
        if self._item_para == self.paragraphs[sent.index]:
            draft.item = self._item
            if draft.date is None and self._heading_date is not None:
                draft.date = self._heading_date
                draft.basis += "; dated by the list's heading"
        if draft.date is None and self.base is None:
            draft.date_words = _unresolved_words(event_dates, self._masked.body_offset(main.start)) \
                or (self._heading_words if draft.item >= 0 else None)
        spoken = [d for d in dates if self._said_before(d.span.start)]
        draft.announced = _announced(spoken, main.type) if draft.date is None else None
        self._picked_rank, self._listed_places = None, []
        draft.place = self._pick_place(masked)
        draft.place_rank = self._picked_rank
        if draft.place is None and seg.start in self._elliptic and self.drafts:
            draft.place, draft.place_rank = self.drafts[-1].place, self.drafts[-1].place_rank
            draft.basis += "; its place from the act it is told beside"
        draft.actors, draft.targets = self._parties(masked, first)
        draft.targets_person = any(self.dm.entities.get(t) is not None and self.dm.entities[t].type == "person"
                                   for t in draft.targets)
        if total_over_operations(masked, self.parsed, figures, dates):
            draft.basis += "; its figures are a total over several operations (a tally)"
        else:
            draft.figures = figures
        draft.source = self._claim_source(masked)
        if draft.actors:
            self.prev_actors = draft.actors
        if draft.type == "other" and draft.date is None:
            draft.date = self._consequence_date(masked.text)
        if draft.date is None and masked.span.start in self._offsets:
            draft.date = self._offset_date(masked.span.start)
        told = self._eventless_day
        if draft.date is None and told is not None and told[0] == sent.index - 1 \
                and self.paragraphs[told[0]] == self.paragraphs[sent.index] and not background:
            draft.date = told[1]
            draft.basis += "; dated by the sentence before"
        if draft.date is None and self._opens_with(masked, "same_day"):      # "Hours later ...", "That evening"
            dated = [x for x in [self._latest(), *reversed(self.drafts)] if x is not None and x.date is not None]
            if dated:
                draft.date = dated[0].date        # "Hours later a second strike hit ...": that day
        count = self._count(masked, main)
        self._place_draft(draft, masked, count)

    def _opens_with(self, masked: Masked, label: str) -> bool:
        """Whether the clause's first words are a cue of ``data/cues.yaml``."""
        hit = self.parsed.cue_next(label, masked.span.start)
        return hit is not None and hit[1] <= masked.span.end

    def _cue(self, masked: Masked, label: str) -> bool:
        """Whether a cue of ``data/cues.yaml`` occurs in the clause."""
        return self.parsed.cue_in(label, masked.span.start, masked.span.end) is not None

    def _many(self, masked: Masked, main: TriggerHit) -> bool:
        """"at least 24 airstrikes so far", "an estimated 290 clashes": a count of operations is a
        statistic, not an event."""
        hit = re.search(r"⟪(\d+)⟫\s+(?:[a-z-]+\s+){0,2}$", masked.text[:main.start])
        q = masked.quantity(hit.group(1)) if hit else None
        return bool(q and main.text.lower().endswith("s") and (q.low or q.best or q.high or 0) > 5)

    def _count(self, masked: Masked, main: TriggerHit) -> int:
        """How many operations a plural event noun counts ("two blasts"); who carried one out
        counts none ("two suicide bombers killed 15 at the festival" is one attack)."""
        word = main.text.lower().rstrip()
        if not word.endswith("s") or word.endswith(("ers", "men")):
            return 1
        hit = re.search(r"⟪(\d+)⟫\s+(?:[a-z-]+\s+){0,2}$", masked.text[:main.start])
        if not hit:
            return 1
        q = masked.quantity(hit.group(1))
        return q.best if q.best and 2 <= q.best <= 5 else 1

    def _update_number(self, sent, masked: Masked) -> None:
        """"Some reports put the number as high as 36": the toll of the operation just described."""
        last = self._latest()
        if last is None or GROUPS[last.type] != "op":
            last = next((p for p in reversed(self.drafts) if not p.twin and GROUPS[p.type] == "op"), None)
        if last is None:
            return
        for q in masked.quantities:
            if q.high is not None and q.best is None:
                if last.figures.killed_high is None or q.high > last.figures.killed_high:
                    src = self._claim_source(masked) or "another report"
                    last.claims.append((src, f"as many as {q.high} killed"))
                    last.figures.killed_high = q.high
                return

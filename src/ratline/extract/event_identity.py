"""Event identity inside one document: is this mention a new event or one already reported?

Each decision returns the earlier draft with its reason (recorded in the event's basis):
a comment on the event just reported, figures for the operation just reported, a definite
reference ("the raid"), a paragraph's continuation, a headline item detailed, the lead
elaborated, the same named person, the same kind, place and day.  Roundup items and acts
"another"/"a second" never join.  A mixin of ``EventExtractor``.
"""
from __future__ import annotations

import re

from ratline.extract.cues import ACTING_FORCES, DEF_REF, GROUPS, REF_GROUP, background_cue
from ratline.extract.drafts import (
    Draft, _add, _apart_in_words, _dates_close, _finer, _last_para, _merge_figures, _person_targets, _same_day, _weak,
)
from ratline.extract.masking import Masked

_RELATIVE_TO = re.compile(r"\b(?:before|after|since|following|ahead of|in response to|in retaliation for|"
                          r"in revenge for|to avenge|days? after|hours? after|weeks? after|fleeing|escaping|"
                          r"displaced by|caught in)\s+$", re.I)
_ATTRIBUTED = re.compile(r"\s+(?:had been|has been|was|were|is being)\s+(?:[\w-]+\s+)?(?:carried out|conducted|claimed|"
                         r"staged|launched|led|executed|perpetrated|committed|ordered|planned|blamed)\b")

_TALKED_OF = re.compile(r"^\s*(?:The|This|That)\s+(?:[\w-]+\s+)?(?P<noun>bombing|attack|raid|strike|ambush|assault|"
                        r"massacre|killing|killings|abduction|kidnapping|offensive|shooting)\s+(?:is|was|has been|remains|"
                        r"marks|marked|shows|showed|underlines|underlined|will)\b", re.I)

_ANOTHER = re.compile(r"\b(?:a|the)\s+(?:second|third|fourth|fifth|further|separate|new)\s+(?:[\w-]+\s+)?"
                      r"(?:strike|airstrike|drone strike|attack|raid|ambush|bombing|blast|explosion|assault|clash|"
                      r"operation|kidnapping|abduction)\b|\banother\s+(?:[\w-]+\s+)?(?:strike|airstrike|attack|raid|"
                      r"ambush|bombing|blast|explosion|assault|clash|kidnapping|abduction)\b", re.I)


def _from_the_air(a: Draft, b: Draft) -> bool:
    """A strike from the air and fighting on the ground, each dated, are two events even on one
    day in one town ("troops drove Fano out of Mota"; "a drone hit a minibus outside Mota")."""
    return (a.type == "airstrike") != (b.type == "airstrike")


def _rank_of(d: Draft, ex) -> float:
    return d.place_rank if d.place_rank is not None else ex._place_rank(d.place)


class EventIdentity:
    """Merge decisions over the extractor's drafts (``self.drafts``, ``self.touched``)."""

    def _place_draft(self, draft: Draft, masked: Masked, count: int) -> None:
        another = _ANOTHER.search(masked.text)
        if another and re.search(r"\b(?:was|is|were|are|be|been|marks?|marked|became)\s+$",
                                 masked.text[:another.start()], re.I):
            another = None           # "It was the third strike in the area this month": a description
        self._why = ""
        self._placed += 1
        target = None if another else self._same_as(draft, masked)
        if target is not None:
            target.basis += f"; + '{draft.basis.split(';')[0].removeprefix('trigger:')}' ({self._why or 'same event'})"
            self._merge(target, draft)
            self.touched = target
        else:
            self.drafts.append(draft)
            self.touched = draft
        for k in range(count - 1):
            place = self._listed_places[k] if k < len(self._listed_places) else draft.place
            twin = Draft(draft.type, draft.rank, draft.sentence, draft.paragraph, draft.span, draft.deck,
                         date=draft.date, place=place, actors=list(draft.actors),
                         targets=list(draft.targets), source=draft.source, last_sentence=draft.sentence,
                         basis=draft.basis + "; one of several operations counted together", twin=True)
            self.drafts.append(twin)

    def _same_as(self, d: Draft, masked: Masked) -> Draft | None:
        """The earlier draft this one reports again, if any.  An item of a roundup is an
        operation of its own, apart from the lead and the other items, unless it refers
        back to one ("the raid")."""
        prev = self._same_as_any(d, masked)
        if prev is not None and d.item >= 0 and prev.item != d.item and not DEF_REF.search(masked.text):
            return None
        return prev

    def _same_as_any(self, d: Draft, masked: Masked) -> Draft | None:
        ref = DEF_REF.search(masked.text)
        if ref and _RELATIVE_TO.search(masked.text[:ref.start()]) and ref.group("noun").lower() not in d.basis.lower():
            return None              # "hours before the raids, X fired missiles": another event, timed by that one
        talked_of = _TALKED_OF.match(masked.text)
        if talked_of and _ATTRIBUTED.match(masked.text[talked_of.end("noun"):]):
            talked_of = None         # "The shooting was carried out by TPNPB on Friday": the event told again
        if talked_of:                # "The bombing is an embarrassment for ...": a comment on the event
            same = next((p for p in reversed(self.drafts) if not p.twin and GROUPS[p.type] == GROUPS[d.type]
                         and (p is self.touched or d.paragraph - _last_para(p) <= 6)), None)
            if same is not None:
                d.date = None
                return self._because("a comment on the event just reported", same)
        ref_group = REF_GROUP.get(ref.group("noun").lower(), "op") if ref else None
        if ref and ref_group is not None and ref_group != GROUPS[d.type] \
                and background_cue(self.parsed, masked.span.start, masked.body_offset(ref.start())):
            ref = None               # "arrested 11 men suspected of helping to plan the attack": another act
        definite = bool(ref)
        latest = self._latest()
        if d.rank == 0:
            latest = next((p for p in reversed(self.drafts) if not p.twin and GROUPS[p.type] == "op"
                           and (p is self.touched or d.paragraph - _last_para(p) <= 3)), None)
        if d.rank == 0 and latest is not None and not d.deck and d.paragraph - _last_para(latest) <= 3 \
                and (d.place is None or latest.place is None or self._nested(d.place, latest.place)
                     or 2 <= _rank_of(latest, self) < 3 and _rank_of(d, self) < 2):   # a road's end, then the town
            d.date = None        # a later statement about the figures: its date is when it was said
            return self._because("figures for the operation just reported", latest)
        candidates = [p for p in reversed(self.drafts) if not p.twin and self._compatible(p, d, loose=True)]
        strict = [p for p in candidates if self._compatible(p, d)]
        if definite:
            if self.touched in candidates:          # "the arrest": what the text was just talking about
                candidates = [self.touched] + [p for p in candidates if p is not self.touched]
            for prev in candidates:
                if (d.paragraph - prev.paragraph) <= 6 and not prev.listed \
                        and (ref_group is None or GROUPS[prev.type] == ref_group) \
                        and (d.place is None or prev.place is None or prev in strict
                             or _ATTRIBUTED.match(masked.text[ref.end():])):
                    return self._because(f"definite reference '{ref.group(0).strip()}'", prev)
        if latest in candidates and d.paragraph == latest.paragraph and not d.deck and not d.background \
                and (d.date is None or latest.date is None) \
                and (d.place is None or latest.place is None or self._nested(d.place, latest.place)):
            return self._because("continues the paragraph's event", latest)
        if d.deck:
            return None
        if not _weak(d) and any(p.deck and not p.absorbed for p in candidates):
            return self._because("details a headline item", self._best_deck(d))
        first = self._first()
        if first in candidates and d.paragraph <= 3 and not first.deck and d.type != "other" and (
                first.type == d.type or (d.date is None and d.place is None)) \
                and not _apart_in_words(first, d):     # "earlier last month": not the lead's news
            return self._because("elaborates the lead", first)
        for prev in strict:
            if not d.background and not prev.background \
                    and set(_person_targets(d, self.dm)) & set(_person_targets(prev, self.dm)):
                return self._because("the same named person", prev)
            if d.place and prev.place and GROUPS[d.type] == GROUPS[prev.type] and self._nested(d.place, prev.place) \
                    and (d.date is None or prev.date is None or _same_day(d.date, prev.date)) \
                    and not (d.date is not None and prev.date is not None and _from_the_air(d, prev)):
                return self._because("same kind, place and day", prev)
        if definite:
            return self._because("definite reference to a place the gazetteer lacks", self._same_unknown_place(d))
        return None

    def _refine_by_reference(self, masked: Masked, paragraph: int, dates=()) -> None:
        """"The latest attack targeted a police post in the town of Dhanagadhi": a sentence
        that only refers back to an event ("the attack") can still say more closely where it
        was.  The place replaces the event's own only when that is a province or a country
        and the new one is smaller and inside it (or unknown to the gazetteer)."""
        ref = DEF_REF.search(masked.text)
        if ref is None:
            self._refine_by_the_actors(masked, paragraph)
            return
        if _RELATIVE_TO.search(masked.text[:ref.start()]):
            return
        group = REF_GROUP.get(ref.group("noun").lower(), "op")
        prev = next((p for p in reversed(self.drafts) if not p.twin and paragraph - _last_para(p) <= 6
                     and (group is None or GROUPS[p.type] == group)), None)
        days = [d for d in dates if d.date and d.precision == "day"]
        if prev is not None and prev.date is None and len(days) == 1 \
                and _ATTRIBUTED.match(masked.text[ref.end():]):
            prev.date = days[0]      # "The shooting was carried out by TPNPB guerrillas on Friday October 9"
            prev.basis += f"; its date from '{ref.group(0).strip()}'"
        self._picked_rank = None
        place = self._pick_place(masked)
        if prev is not None:
            self._narrow_place(prev, place, f"; its place from '{ref.group(0).strip()}'")

    def _narrow_place(self, prev: Draft, place: str | None, why: str) -> None:
        """``place``, which this clause names (``_pick_place`` just chose it), replaces ``prev``'s
        when that is a province or a country and the new one is smaller and inside it (or
        unknown to the gazetteer)."""
        if place is None or prev.place is None or prev.place == place or _rank_of(prev, self) < 4:
            return
        rank = self._picked_rank if self._picked_rank is not None else self._place_rank(place)
        if rank < _rank_of(prev, self) and (self._nested(place, prev.place) or place not in self.dm.places):
            prev.place, prev.place_rank = place, rank
            prev.basis += why

    def _refine_by_the_actors(self, masked: Masked, paragraph: int) -> None:
        """"... detained seven suspected militants in Khost province.  The combined force searched a
        compound in Mando Zayi district": a sentence with no act of its own whose subject is the
        force that just acted, told by a definite noun ("the combined force", "the troops"), says
        where that act was: the same narrowing (``_narrow_place``) as a reference to the act."""
        if self.parsed is None:
            return
        prev = next((p for p in reversed(self.drafts) if not p.twin), None)
        if prev is None or prev.place is None or paragraph - _last_para(prev) > 1 or GROUPS[prev.type] != "op" \
                or _rank_of(prev, self) < 4:
            return
        subject = next((t for t in self.parsed.tokens_in(masked.span.start, masked.span.end)
                        if t.dep_ == "nsubj" and t.lower_ in ACTING_FORCES and t.head.pos_ == "VERB"
                        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)), None)
        if subject is None:
            return              # "The combined force searched ...", also under "..., officials said"
        self._picked_rank = None
        why = f"; its place from what '{subject.text_with_ws.strip()}' did there"
        self._narrow_place(prev, self._pick_place(masked), why)

    def _because(self, why: str, prev: Draft | None) -> Draft | None:
        self._why = why
        return prev

    def _same_unknown_place(self, d: Draft) -> Draft | None:
        """"the March 2 raid on Jelawur" after "last week's raid in Arghandab": places the
        gazetteer lacks cannot be compared, so a definite reference decides."""
        for prev in reversed(self.drafts):
            if not prev.twin and GROUPS[prev.type] == GROUPS[d.type] and d.place and prev.place \
                    and d.place not in self.dm.places and prev.place not in self.dm.places \
                    and (d.date is None or prev.date is None or _dates_close(d.date, prev.date)):
                return prev
        return None

    def _best_deck(self, d: Draft) -> Draft | None:
        """The headline item this body report details: same place first, then same kind."""
        decks = [p for p in self.drafts if p.deck and not p.absorbed and not p.twin and self._compatible(p, d)
                 and not (d.date is not None and p.date is not None and _from_the_air(d, p))]
        decks.sort(key=lambda p: (not (d.place and p.place and self._nested(d.place, p.place)),
                                  p.type != d.type, GROUPS[p.type] != GROUPS[d.type]))
        return decks[0] if decks else None

    def _first(self) -> Draft | None:
        return next((x for x in self.drafts if not x.twin), None)

    def _latest(self) -> Draft | None:
        """The event the text was last talking about (appended or merged into last)."""
        if self.touched is not None and not self.touched.twin:
            return self.touched
        return next((x for x in reversed(self.drafts) if not x.twin), None)

    def _compatible(self, a: Draft, b: Draft, loose: bool = False) -> bool:
        """Could these be one event?  ``loose``: a place the gazetteer lacks may lie inside a known one."""
        ga, gb = GROUPS[a.type], GROUPS[b.type]
        if ga != gb and not ({ga, gb} == {"op", "arrest"}):
            return False
        if a.date and b.date and a.date.date and b.date.date and not _dates_close(a.date, b.date):
            return False
        if a.place and b.place and not self._nested(a.place, b.place):
            unknown = a.place not in self.dm.places or b.place not in self.dm.places
            if not (loose and unknown):
                return False
        return True

    def _merge(self, into: Draft, new: Draft) -> None:
        if into.deck and not new.deck:
            into.absorbed = True
            into.deck = False
            into.span = new.span
            into.sentence = new.sentence
            into.paragraph = new.paragraph
            into.figures = _merge_figures(new.figures, into.figures, None, into)
            into.type = new.type if new.rank >= into.rank or into.rank == 0 else into.type
        else:
            if _weak(into) and not _weak(new):
                into.span, into.sentence = new.span, new.sentence
            other = new.source if new.source != into.source else None
            if other is None and new.source is None and into.source is not None:
                other = "another account"     # a figure nobody is credited with is not the first source's
            into.figures = _merge_figures(into.figures, new.figures, other, into)
            if new.rank > into.rank and not new.background and not new.span.text.startswith(("“", '"')):
                into.type, into.rank = new.type, new.rank
            if into.type == "arrest" and new.type in ("raid", "armed_clash", "airstrike"):
                into.type, into.rank = new.type, new.rank
        if new.date and (into.date is None or _finer(new.date, into.date)):
            into.date = new.date
        if new.place and (into.place is None or _rank_of(new, self) < _rank_of(into, self)
                          or (_rank_of(new, self) == _rank_of(into, self)
                              and self._written_inside(new.place, into.place))):
            into.place, into.place_rank = new.place, new.place_rank
        for a in new.actors:
            _add(into.actors, a)
        for t in new.targets:
            if t not in into.actors:
                _add(into.targets, t)
        into.source = into.source or new.source
        into.last_sentence = new.sentence
        into.last_paragraph = max(into.last_paragraph, new.paragraph)

    def _same_person_event(self, d: Draft) -> Draft | None:
        mine = set(_person_targets(d, self.dm))
        for prev in reversed(self.drafts):
            if not prev.twin and self._compatible(prev, d) and mine & set(_person_targets(prev, self.dm)):
                return prev
        return None

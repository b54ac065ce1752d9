"""Events: one per operation, attack, arrest, release or kidnapping the body reports.

A sentence (or a clause of a headline deck) with a trigger word becomes an event
draft; drafts that describe the same happening — a definite reference ("the raid"),
a continuation in the same paragraph with no new date or place, a headline
summarised later in the body — are merged, keeping the most specific date and place
and every report's figures.  Sources that disagree on a figure widen low/high and
are kept as conflicting claims.  Patterns live in ``cues.py``, drafts and the final
build in ``drafts.py``.
"""
from __future__ import annotations

import re

from ratline.extract.casualties import figures_in
from ratline.extract.cues import (
    SPOKEN_ON,
    SETTLEMENT_BEFORE,
    ACTOR_KINDS, GROUPS, PARTY_KINDS,
    DEF_REF, REF_GROUP, SUCH, HYPOTHETICAL, BACKGROUND, DATELINE,
    SPEAKER_PLACE, NOUN_USE, BE_BEFORE, GENERIC_AFTER, SPEAKER,
    BACKGROUND_CUE, VAGUE_PLURAL, HABITUAL, AMONG, NUMBER_REF,
    SAME_PLACE, THAT_DATE, RAW_CLAIM, ACCORDING, PRESS, SOME_REPORTS,
    LIST_ITEM, OVER_OPERATIONS,
)
from ratline.extract.drafts import (  # noqa: F401 - build_events is part of this module's API
    Draft, _as_date, _contains, _dates_close, _finer, _last_para, _merge_figures, _modifier_participle,
    _person_targets, _same_day, _trim, _weak, _add, build_events,
)
from ratline.extract.masking import Masked, mask
from ratline.parse.nlp import Parsed
from ratline.parse.roles import Roles, roles

from ratline.extract.triggers import TriggerHit, load_triggers
from ratline.mentions.dictionary import default_dictionary
from ratline.mentions.finder import DocMentions
from ratline.schema import DateRef, Mention, Span


_ATTRIBUTED = re.compile(r"\s+(?:had been|has been|was|were|is being)\s+(?:[\w-]+\s+)?(?:carried out|conducted|claimed|"
                         r"staged|launched|led|executed|perpetrated|committed|ordered|planned|blamed)\b")


_CONSEQUENCE = re.compile(r"^\s*(?:The|This|That)\s+(?:[\w-]+\s+)?(?:operation|offensive|raid|assault|campaign|"
                          r"attack|strike|crackdown|fighting|battle|defeat)s?\s+(?:forced|led|prompted|pushed|"
                          r"compelled|caused|drove|persuaded)\b")


_MADE_TO = re.compile(r"\b(?:forced|compelled|obliged)\s+(?:the\s+)?(?:⟦\d+⟧|\w+)\s+to\s+"
                      r"(?:[\w-]+\s+){0,3}$")


_NEXT_PLACE = re.compile(r"^\s+(?:the\s+)?(?:(?:town|city|village|district|province|region|hamlet|port)\s+of\s+)?⟦(\d+)⟧")
_NEXT_PERSON = re.compile(r"^\s+(?:(?-i:[A-Z][a-z]{1,11}\.?)\s+){0,2}?⟦(\d+)⟧(?!\s*[’']s?\b)")   # "seized Col. ⟦X⟧"
_ARMED_BEFORE = re.compile(r"\b(?:fighters|militants|rebels|insurgents|gunmen|troops|soldiers|forces|militiamen|"
                           r"jihadists|guerrillas|commandos|paramilitaries)\s+(?:[\w⟦⟧()-]+\s+){0,5}$", re.I)

# soldiers, not police: "a combined force detained", "commandos captured", "US and Iraqi troops detained"
_MILITARY_BEFORE = re.compile(r"\b(?:troops|soldiers|commandos|special (?:operations )?forces|marines|paratroopers|"
                              r"(?:combined|joint|coalition|assault|strike|task) forces?|army|military)"
                              r"\s+(?:[\w⟦⟧()-]+\s+){0,3}$", re.I)

_RELATIVE_TO = re.compile(r"\b(?:before|after|since|following|ahead of|in response to|in retaliation for|"
                          r"in revenge for|to avenge|days? after|hours? after|weeks? after|fleeing|escaping|"
                          r"displaced by|caught in)\s+$", re.I)
_CASUALTY_VERB = re.compile(r"\b(?:killed|killing|kill|shot dead|gunned down|massacred|wounded|injured)\b", re.I)
_SAME_DAY = re.compile(r"^\s*(?:(?:Hours|Minutes|Moments|An hour|Shortly)\s+(?:later|afterwards|after that|"
                       r"(?:before|after)\s+the\b)|"
                       r"Later (?:that|the same) (?:day|morning|afternoon|evening|night)|"
                       r"(?:That|The same) (?:morning|afternoon|evening|night))\b", re.I)
_CLAUSE_SUBJECT = re.compile(r"(?:^|[,;:]\s*|\b(?:when|as|after|while|and)\s+)(?:(?:an?|the)\s+)?$", re.I)
_MODIFIER = re.compile(r"^\.?\s*-\s*(?:backed|led|based|funded|sponsored|trained|aligned|allied|linked)\b", re.I)
_ARMS_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?(?:drones?|jets?|warplanes?|aircraft|helicopters?|planes?|troops|soldiers|"
                         r"forces|army|military|navy|artillery|gunboats?|missiles?|strikes?|airstrikes?|air ?strikes?|"
                         r"commandos|special forces|police)\b", re.I)
_OWNED_FIGHTERS = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+)?(?:fighters|gunmen|militants|members|men|forces|"
                             r"troops|cadres|operatives)\b", re.I)
_ASIDE_CLAUSE = re.compile(r",\s+(?:as|while|even as|amid|whereas|just as)\s+(?!of\b|well\b|many\b|much\b|part\b)")
_ANNOUNCED_WOULD = re.compile(r"\b(?:said|announced|declared|decided)\s+(?:that\s+)?(?:it|they|he|she|⟦\d+⟧)\s+"
                             r"would\s+(?:[\w-]+\s+){0,2}$", re.I)
_TALKED_OF = re.compile(r"^\s*(?:The|This|That)\s+(?:[\w-]+\s+)?(?:bombing|attack|raid|strike|ambush|assault|"
                        r"massacre|killing|killings|abduction|kidnapping|offensive)\s+(?:is|was|has been|remains|"
                        r"marks|marked|shows|showed|underlines|underlined|will)\b", re.I)
_ANOTHER = re.compile(r"\b(?:a|the)\s+(?:second|third|fourth|fifth|further|separate|new)\s+(?:[\w-]+\s+)?"
                      r"(?:strike|airstrike|drone strike|attack|raid|ambush|bombing|blast|explosion|assault|clash|"
                      r"operation|kidnapping|abduction)\b|\banother\s+(?:[\w-]+\s+)?(?:strike|airstrike|attack|raid|"
                      r"ambush|bombing|blast|explosion|assault|clash|kidnapping|abduction)\b", re.I)


def _from_the_air(a: Draft, b: Draft) -> bool:
    """A strike from the air and fighting on the ground, each dated, are two events even on one
    day in one town ("troops drove Fano out of Mota"; "a drone hit a minibus outside Mota")."""
    return (a.type == "airstrike") != (b.type == "airstrike")


def _announced(dates: list[DateRef], etype: str) -> DateRef | None:
    """"Police said on Friday they had arrested 12": with no date of its own, an act dates from
    its announcement, to the week (a statement itself, to the day)."""
    spoken = [d for d in dates if d.date and not d.since and d.precision == "day"]
    if not spoken:
        return None
    d = spoken[0]
    return d if etype == "other" else DateRef(d.span, d.date, "week", d.relative, d.since)


def _object_fits(masked: Masked, h: TriggerHit) -> bool:
    """A trigger that needs a kind of object ("entered ⟦Goma⟧": a place; "seized ⟦Luis Díaz⟧":
    a person, not "seized ⟦Abdul Karim⟧'s farm") fires only when the next mention is of that kind;
    one that needs a subject ("⟦Israeli jets⟧ bombed"; fighters who "entered ⟦Goma⟧") only
    when the words just before it name one."""
    if h.object is not None:
        hit = (_NEXT_PERSON if h.object == "person" else _NEXT_PLACE).match(masked.text[h.end:])
        if hit is None or masked.mention(hit.group(1)).kind != h.object:
            return False
    if h.subject == "military":
        before = masked.text[max(0, h.start - 60):h.start]
        near = re.search(r"⟦(\d+)⟧\)?\s+(?:[\w-]+\s+){0,2}$", before)
        named = masked.mention(near.group(1)).span.text if near else ""
        said = before + " " + named
        return bool(_MILITARY_BEFORE.search(before) or _MILITARY_BEFORE.search(named + " ")) \
            and "police" not in said.lower()
    if h.subject is not None:
        before = masked.text[max(0, h.start - 80):h.start]
        kinds = ("state_force", "government") if h.subject == "state" else ("armed_group", "state_force")
        near = re.search(r"⟦(\d+)⟧\)?[\s,]+(?:[\w-]+\s+){0,3}$", before)
        if not ((near and masked.mention(near.group(1)).kind in kinds)
                or (h.subject == "armed" and _ARMED_BEFORE.search(before))):
            return False
    return True


def _rank_of(d: Draft, ex: "EventExtractor") -> float:
    return d.place_rank if d.place_rank is not None else ex._place_rank(d.place)

def _unresolved_words(dates: list[DateRef], at: int) -> str | None:
    """The date words nearest the trigger that no publication date could resolve."""
    words = [d for d in dates if d.date is None and not d.since]
    return min(words, key=lambda d: abs(d.span.start - at)).span.text if words else None


# the noun after a place name says its level, whatever the gazetteer holds under that name
_PROVINCE_AFTER = re.compile(r"\s+(?:province|governorate|state|region|prefecture)\b", re.I)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|sub-district|county|municipality|village|town)\b", re.I)


class EventExtractor:
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

    # -- driving ---------------------------------------------------------
    def run(self) -> list[Draft]:
        for sent in self.dm.sentences:
            self._sentence(sent)
        return [d for d in self.drafts]

    def _sentence(self, sent) -> None:
        text = sent.span.text
        deck = self._is_deck(sent)
        self._follow_list(sent)
        if text.rstrip().endswith(":") and (not deck or self.paragraphs[sent.index] > 0):
            self._heading(sent)  # "In June 27 operations:" dates the items under it
            return
        if not deck and not text.rstrip().endswith((".", "”", '"', "?", "!", "’", ")")):
            return              # a sub-heading or a related-story link: a label, not a report
        among = AMONG.match(text)
        if among:
            self._among_list(sent, among.group(1).lower())
            return
        for seg in self._segments(sent.span, deck):
            self._segment(sent, seg, deck)

    def _follow_list(self, sent) -> None:
        """Which roundup item this sentence belongs to; prose after the list ends it (and
        the heading's date with it)."""
        para = self.paragraphs[sent.index]
        if para == self._item_para:
            return
        if LIST_ITEM.match(sent.span.text):
            self._item_para, self._item = para, self._item + 1
        elif para != self._heading_para:
            self._item_para, self._heading_date, self._heading_words = -1, None, None

    def _heading(self, sent) -> None:
        """A line ending in ':' that names a day ("In other operations today:", "In June 27
        operations:") dates every list item under it that gives no date of its own."""
        dates = [d for d in self.find_dates(sent.span.text, self.base, sent.span.start, self.anchor,
                                            self.year_hint) if not d.since]
        self._heading_date = next((d for d in dates if d.date), None)
        self._heading_para = self.paragraphs[sent.index]
        if self._heading_date is None and dates and self.base is None:
            self._heading_words = dates[0].span.text
        else:
            self._heading_words = None

    def _is_deck(self, sent) -> bool:
        """A headline-like line (no closing punctuation) before the first full paragraph."""
        if self.paragraphs[sent.index] > 1:
            return False
        return not sent.span.text.rstrip().endswith((".", "”", '"', "?", "!", "’"))

    def _segments(self, span: Span, deck: bool) -> list[Span]:
        parts = []
        start = 0
        text = span.text
        seps = [m.start() for m in re.finditer(r";", text)] + self._repeated_acts(span)
        if deck:
            seps += [m.start() for m in re.finditer(r",\s+(?=[^,]*\b(?:killed|detained|captured|arrested|released|kidnapped)\b)", text)]
        for pos in sorted(seps):
            if pos > start:
                parts.append(Span(span.start + start, span.start + pos, text[start:pos]))
            start = pos + 1
        parts.append(Span(span.start + start, span.end, text[start:]))
        return [_trim(p) for p in parts if p.text.strip()]

    def _repeated_acts(self, span: Span) -> list[int]:
        """Where a second act of the same kind begins ("detained one insurgent in X's Terezayi
        district and detained another suspect in the province's Sperah district"): the same verb
        coordinated with its own object is a second operation.  "attacked a post and killed two
        officers" is one attack and its toll, so only a repeated verb splits."""
        if self.parsed is None:
            return []
        cuts = []
        for tok in self.parsed.tokens_in(span.start, span.end):
            if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.lemma_ == tok.head.lemma_ \
                    and any(c.dep_ in ("dobj", "obj") for c in tok.children):
                cc = [c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i]
                at = (cc[-1] if cc else tok).idx - span.start
                if 0 < at < len(span.text):
                    cuts.append(at - 1)
        return cuts

    def _context(self, sent, seg: Span):
        dateline = DATELINE.match(sent.span.text) if self.paragraphs[sent.index] <= 2 else None
        cut = sent.span.start + dateline.end() if dateline else 0
        mentions = [m for m in self.dm.in_sentence(sent.index)
                    if seg.start <= m.span.start < seg.end and m.span.start >= cut and not self._speaker_place(m)]
        quantities = self.find_quantities(seg.text, seg.start)
        masked = mask(seg, mentions, quantities)
        dates = [d for d in self.find_dates(seg.text, self.base, seg.start, self.anchor, self.year_hint)
                 if d.span.start >= cut]
        return masked, dates

    def _before_background(self, seg: Span, dates, masked: Masked):
        """Dates and places of a background clause ("implicated in the 2007 kidnapping in Karbala") are not the event's."""
        cue = BACKGROUND_CUE.search(seg.text)
        if not cue:
            return dates, masked
        cut = seg.start + cue.start()
        dates = [d for d in dates if d.span.start < cut]
        kept = [m for m in masked.mentions if m.kind != "place" or m.span.start < cut]
        return dates, mask(seg, kept, masked.quantities)

    def _speaker_place(self, m: Mention) -> bool:
        """"a spokesman in Kabul", "told reporters in Kabul": where someone spoke, not where it happened."""
        if m.kind != "place":
            return False
        before = self.body[max(0, m.span.start - 40):m.span.start]
        place = self.dm.places.get(m.key)
        ent = self.dm.entities.get(m.key)
        country = getattr(place, "feature", None) == "country" or (ent is not None and ent.type == "government") \
            or m.basis == "dictionary:alias" and place is None
        if re.search(r"\bfrom\s+(?:the\s+)?$", before):
            return True          # "fighters from North Waziristan": where they came from
        if country and re.search(r"\b(?:to|from|into|towards?)\s+$", before):
            return True          # "smuggled from Iran to Iraq": a route, not where it happened
        return bool(SPEAKER_PLACE.search(before))

    # -- one clause ------------------------------------------------------
    def _segment(self, sent, seg: Span, deck: bool) -> None:
        self._deck_now = deck
        masked, dates = self._context(sent, seg)
        event_dates = [d for d in dates if not d.since
                       and not SPOKEN_ON.search(self.body[max(0, d.span.start - 40):d.span.start])]
        since = [d for d in dates if d.since]
        figures = figures_in(masked)
        hits = [h for h in self.triggers.find(masked.text) if not self._discounted(masked.text, h)
                and _object_fits(masked, h)]
        foreground = [h for h in hits if not BACKGROUND.search(masked.text[:h.start])
                      and not _modifier_participle(masked.text, h)]
        background = bool(hits) and not foreground
        if foreground:
            cue = BACKGROUND_CUE.search(seg.text)
            if len(foreground) < len(hits) or (
                    cue and seg.start + cue.start() > masked.body_offset(foreground[0].end)):
                event_dates, masked = self._before_background(seg, event_dates, masked)
            hits = foreground
        self._remember_dates(dates)
        if since and (figures.killed_best is not None or figures.captured is not None):
            return                   # a running tally ("killed 91 ... since April"): tallies.py reads it
        if not hits:
            if not figures.empty() and (figures.killed_best or figures.killed_high or figures.wounded):
                verb = _CASUALTY_VERB.search(masked.text)      # "Lakurawa fighters killed 15": who acted is before it
                at = (verb.start(), verb.end()) if verb else (0, 0)
                hits = [TriggerHit("armed_clash", 0, at[0], at[1], "")]
            elif self.drafts and masked.quantities and NUMBER_REF.search(masked.text):
                self._update_number(sent, masked)
                return
            else:
                return
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
        if VAGUE_PLURAL.search(masked.text) and figures.empty() and not event_dates:
            return
        if since and figures.empty():
            return
        if not event_dates and any(q.hedge == "vague" for q in masked.quantities) and figures.killed_best is None:
            return
        if HABITUAL.search(masked.text) and figures.empty() and not event_dates:
            return
        if main.type == "other" and not self._other_ok(masked.text):
            return
        draft = Draft(main.type, main.rank, sent.index, self.paragraphs[sent.index], seg, deck,
                      last_sentence=sent.index, basis=f"trigger:{main.text.strip() or 'casualty figures'}",
                      background=background)
        self._masked = masked
        draft.date = self._pick_date(masked.text, event_dates, main)
        if self._item_para == self.paragraphs[sent.index]:
            draft.item = self._item
            if draft.date is None and self._heading_date is not None:
                draft.date = self._heading_date
                draft.basis += "; dated by the list's heading"
        if draft.date is None and self.base is None:
            draft.date_words = _unresolved_words(event_dates, self._masked.body_offset(main.start)) \
                or (self._heading_words if draft.item >= 0 else None)
        spoken = [d for d in dates if SPOKEN_ON.search(self.body[max(0, d.span.start - 40):d.span.start])]
        draft.announced = _announced(spoken, main.type) if draft.date is None else None
        self._picked_rank = None
        draft.place = self._pick_place(masked)
        draft.place_rank = self._picked_rank
        draft.actors, draft.targets = self._parties(masked, first)
        draft.targets_person = any(self.dm.entities.get(t) is not None and self.dm.entities[t].type == "person"
                                   for t in draft.targets)
        if OVER_OPERATIONS.search(masked.text) and any(d.date for d in dates) \
                and (figures.killed_best is not None or figures.captured is not None):
            draft.basis += "; its figures are a total over several operations (a tally)"
        else:
            draft.figures = figures
        draft.source = self._claim_source(masked)
        if draft.actors:
            self.prev_actors = draft.actors
        if draft.type == "other" and draft.date is None:
            draft.date = self._consequence_date(masked.text)
        if draft.date is None and _SAME_DAY.match(masked.text):
            dated = [x for x in [self._latest(), *reversed(self.drafts)] if x is not None and x.date is not None]
            if dated:
                draft.date = dated[0].date        # "Hours later a second strike hit ...": that day
        count = self._count(masked, main)
        self._place_draft(draft, masked, count)

    def _consequence_date(self, text: str) -> DateRef | None:
        """"The operation forced Sadr to agree to a cease-fire": an act the text gives as the result
        of an event it just reported happened then — it takes that event's date."""
        if not _CONSEQUENCE.match(text):
            return None
        latest = self._latest()
        return latest.date if latest is not None and GROUPS[latest.type] != "other" else None

    def _discounted(self, text: str, h: TriggerHit) -> bool:
        before = text[:h.start]
        if h.text.lower().endswith("s") and GENERIC_AFTER.match(text[h.end:]) \
                and not re.search(r"(?:\bthe|\bthese|\bthose|⟪\d+⟫)\s+(?:[\w-]+\s+)?$", before, re.I):
            return True          # "night raids must end": raids in general
        if _MADE_TO.search(before):
            return False         # "forced Sadr to agree to a cease-fire": the act happened
        if h.type == "other" and _ANNOUNCED_WOULD.search(before):
            return False         # "said it would again list the movement as terrorist": the announcement is the act
        return bool(SUCH.search(before) or HYPOTHETICAL.search(before))

    def _other_ok(self, text: str) -> bool:
        return bool(re.search(r"\b(?:called for|agree(?:d)? to|announced|declared|imposed|established|formed|"
                              r"founded|created|signed|pledged|seized|took|grabbed|ousted|designated|deployed|"
                              r"suspended|resumed|halted|broke off|called off|list|listed|relist)\b",
                              text, re.I))

    def _remember_dates(self, dates: list[DateRef]) -> None:
        for d in dates:
            if d.date:
                self.last_date = d
                if not d.relative:
                    self.year_hint = int(d.date[:4])
                spoken = SPOKEN_ON.search(self.body[max(0, d.span.start - 40):d.span.start])
                if d.precision == "day" and not spoken:      # "said on Monday" dates a statement
                    self.anchor = _as_date(d.date)

    def _pick_date(self, text: str, dates: list[DateRef], main: TriggerHit) -> DateRef | None:
        """The resolved date nearest the trigger."""
        usable = [d for d in dates if d.date]
        if usable:
            at = self._masked.body_offset(main.start)
            return min(usable, key=lambda d: abs(d.span.start - at))
        if THAT_DATE.search(text) and self.last_date is not None:
            return self.last_date
        return None

    def _pick_place(self, masked: Masked) -> str | None:
        places = [m for m in masked.mentions if m.kind == "place"]
        aside = _ASIDE_CLAUSE.search(masked.text)
        if aside is not None:        # "..., as the movement kept up its campaign in the Red Sea": context
            first = [m for m in places if masked.text.find(f"⟦{masked.mentions.index(m)}⟧") < aside.start()]
            places = first or places
        if not places:
            if SAME_PLACE.search(masked.text):
                return self._focus_place(masked.span.start)
            return None
        regional = self._regional(places)
        if regional is not None:
            return regional
        best = min(places, key=lambda m: (self._mention_rank(m), m.span.start))
        self.last_place = best.key if self._place_rank(best.key) < 4 else self.last_place
        self._picked_rank = self._mention_rank(best)
        return best.key

    def _mention_rank(self, m: Mention) -> float:
        """"the hamlet of El Aguaje": the words before a place say how small it is."""
        rank = self._place_rank(m.key)
        if SETTLEMENT_BEFORE.search(self.body[max(0, m.span.start - 25):m.span.start]):
            return min(rank, 0.5)
        after = self.body[m.span.end:m.span.end + 16]
        if _PROVINCE_AFTER.match(after):
            return max(rank, 4)          # "Ghazni province's Giro district": the province, not the town
        if _DISTRICT_AFTER.match(after):
            return min(rank, 1)
        return rank

    def _regional(self, places: list[Mention]) -> str | None:
        """"in Baghdad, Basrah and central and southern Iraq": an operation across a country."""
        countries = [m for m in places if self._place_rank(m.key) == 6]
        if not countries:
            return None
        quarter = re.search(r"\b(?:central|southern|northern|eastern|western)\s+(?:and\s+\w+\s+)?$",
                            self.body[max(0, countries[0].span.start - 40):countries[0].span.start], re.I)
        before_country = [m for m in places if m.span.end <= countries[0].span.start and self._place_rank(m.key) < 6]
        coordinated = bool(before_country) and re.search(
            r"^\s*(?:,\s*and|,|and)\s", self.body[before_country[-1].span.end:countries[0].span.start]) is not None
        listed = len(before_country) >= 2 and all(
            re.fullmatch(r"\s*(?:,|and|, and)\s*", self.body[x.span.end:y.span.start])
            for x, y in zip(before_country, before_country[1:]))
        if coordinated and (listed or quarter):
            return countries[0].key
        return None

    def _focus_place(self, before: int) -> str | None:
        """"in the city": the town the report keeps coming back to, not merely the last one named."""
        counts: dict[str, int] = {}
        for m in self.dm.mentions:
            if m.kind == "place" and m.span.start < before and self._place_rank(m.key) <= 1:
                counts[m.key] = counts.get(m.key, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else self.last_place

    def _place_rank(self, key: str) -> int:
        place = self.dm.places.get(key)
        if place is None:
            ent = self.dm.entities.get(key)
            names = " ".join(ent.aliases).lower() if ent is not None else ""
            if " province" in names or " governorate" in names:
                return 4
            if " district" in names or " valley" in names or " area" in names:
                return 1
            if " region" in names:
                return 3                 # "the Catatumbo region": wider than the towns in it
            if ent is not None and ent.basis == "pattern:region-name":
                return 3                 # "North Darfur", "West Africa": a region, wider than any town in it
            return 0 if key.startswith("place_") else 5     # facilities and unknown villages: most specific
        feature = getattr(place, "feature", "city")
        return {"facility": 0, "district": 1, "town": 1, "city": 1, "province": 4, "country": 6}.get(feature, 1)

    def _parties(self, masked: Masked, main: TriggerHit) -> tuple[list[str], list[str]]:
        actors: list[str] = []
        targets: list[str] = []
        passive = bool(BE_BEFORE.search(masked.text[:main.start])) or (
            self._deck_now and main.text.lower().endswith("ed"))     # "leader captured in Baghdad"
        syntax = self._syntax(masked, main)
        named_actor = syntax is not None and any(
            self._tokens(m) & syntax.actor for m in masked.mentions if m.kind in ACTOR_KINDS)
        for k, m in enumerate(masked.mentions):
            pos = masked.text.find(f"⟦{k}⟧")
            if m.kind not in PARTY_KINDS:
                continue
            after = masked.text[pos + len(f"⟦{k}⟧"):]
            if _MODIFIER.match(after):
                continue             # "the Rwanda-backed M23", "the U.S.-led coalition": not a party here
            if m.basis.endswith("adjective") and _ARMS_AFTER.match(after):
                force = self.dictionary.military_of(m.key)
                if force is None or pos > main.start or passive or not _CLAUSE_SUBJECT.search(masked.text[:pos]):
                    continue         # "launched 90 Iranian drones", "American missiles": where the arms came from
                m = Mention(m.span, "state_force", force, m.sentence, m.basis + "+armed-forces")
                self.dm.ensure_actor(self.dictionary.actors[force], m.span.text,    # "an Israeli drone struck"
                                     "dictionary:armed forces of a state")
            if m.basis.endswith("adjective") and not NOUN_USE.match(after) and m.kind == "government":
                continue             # "Iranian agents" names no actor; "the US has imposed" does
            before = masked.text[:pos]
            if m.kind != "person" and SPEAKER.match(after) and (pos > main.end or m.kind in ("other", "state_agency")):
                continue             # "..., the command said", "ISPR said troops had ...": who reports it
            if syntax is not None:
                toks = self._tokens(m)
                if toks & syntax.actor and (m.kind in ACTOR_KINDS or m.kind == "person"):
                    _add(actors, m.key)
                    continue
                if toks & syntax.target or m.kind == "person":
                    _add(targets, m.key)
                    continue
                if named_actor or pos > main.start:
                    continue
                # the parse found who was hit but not who acted ("X announced that an air
                # strike had killed ..."): a party named before the trigger may be the actor
            if m.kind == "person":
                if not SPEAKER.match(masked.text[pos + len(f"⟦{k}⟧"):]):
                    _add(targets, m.key)
            elif m.kind == "other" and not re.search(r"\bagainst\s+(?:the\s+)?$", before):
                continue
            elif pos < main.start and passive:
                _add(targets, m.key)
            elif pos < main.start and m.kind in ACTOR_KINDS:
                _add(actors, m.key)
            elif pos > main.start:
                _add(targets, m.key)
        if not actors and syntax is not None and syntax.actor:
            # "... and detained another suspect": the subject the parse shares sits before
            # this segment, in the same sentence
            for m in self.dm.mentions:
                if m.span.end <= masked.span.start and m.kind in ACTOR_KINDS \
                        and self._tokens(m) & syntax.actor:
                    _add(actors, m.key)
        if not actors and not passive:
            owner = _OWNED_FIGHTERS.search(masked.text[:max(main.start, main.end)])
            ref = self._owner_before(masked.span.start) if owner is not None else None
            if ref is not None:
                _add(actors, ref)            # "its fighters stormed": the group just written about
        return actors, [t for t in targets if t not in actors]

    def _syntax(self, masked: Masked, main: TriggerHit) -> Roles | None:
        """The trigger's roles from the parse, or None when the parse names no party."""
        if self.parsed is None:
            return None
        at = masked.body_offset(main.start)
        tok = self.parsed.root_of(at, at + len(main.text.rstrip()))
        if tok is None:
            return None
        found = roles(tok)
        if self._deck_now and main.text.lower().endswith("ed") and not found.passive \
                and not any(c.dep_ == "nsubj" for c in tok.children if tok.tag_ == "VBD"):
            # a headline drops "was": "Senior leader captured at Baghdad airport"; but "Boko
            # Haram gunmen kidnapped an engineer" has its subject
            found.actor, found.target = set(), found.actor | found.target
        return found if found.found else None

    def _tokens(self, m: Mention) -> set[int]:
        return {t.i for t in self.parsed.tokens_in(m.span.start, m.span.end)}

    def _owner_before(self, at: int) -> str | None:
        """Whose "its"/"their" fighters: the first group or force of the last sentence naming one."""
        before = [m for m in self.dm.mentions if m.span.end <= at and m.kind in ("armed_group", "state_force")]
        if not before:
            return None
        return next(m for m in before if m.sentence == before[-1].sentence).key

    def _claim_source(self, masked: Masked) -> str | None:
        hit = PRESS.search(masked.text)
        if hit:
            return f"{masked.mention(hit.group(1)).span.text} {hit.group(2)}"
        raw = masked.span.text
        hit = RAW_CLAIM.search(raw)
        if hit:
            return re.sub(r"^(?:and|but|the|as)\s+", "", hit.group(1).strip(), flags=re.I)
        hit = ACCORDING.search(raw)
        if hit:
            return hit.group(1).strip()
        hit = SOME_REPORTS.search(raw)
        if hit:
            return hit.group(1)
        return None

    def _many(self, masked: Masked, main: TriggerHit) -> bool:
        """"at least 24 airstrikes so far": a count of operations is a statistic, not an event."""
        hit = re.search(r"⟪(\d+)⟫\s+(?:[a-z-]+\s+){0,2}$", masked.text[:main.start])
        return bool(hit and main.text.lower().endswith("s") and (masked.quantity(hit.group(1)).low or 0) > 5)

    def _count(self, masked: Masked, main: TriggerHit) -> int:
        if not main.text.lower().endswith("s"):
            return 1
        hit = re.search(r"⟪(\d+)⟫\s+(?:[a-z-]+\s+){0,2}$", masked.text[:main.start])
        if not hit:
            return 1
        q = masked.quantity(hit.group(1))
        return q.best if q.best and 2 <= q.best <= 5 else 1

    # -- merging ---------------------------------------------------------
    def _place_draft(self, draft: Draft, masked: Masked, count: int) -> None:
        another = _ANOTHER.search(masked.text)
        if another and re.search(r"\b(?:was|is|were|are|be|been|marks?|marked|became)\s+$",
                                 masked.text[:another.start()], re.I):
            another = None           # "It was the third strike in the area this month": a description
        self._why = ""
        target = None if another else self._same_as(draft, masked)
        if target is not None:
            target.basis += f"; + '{draft.basis.split(';')[0].removeprefix('trigger:')}' ({self._why or 'same event'})"
            self._merge(target, draft)
            self.touched = target
        else:
            self.drafts.append(draft)
            self.touched = draft
        for _ in range(count - 1):
            twin = Draft(draft.type, draft.rank, draft.sentence, draft.paragraph, draft.span, draft.deck,
                         date=draft.date, place=draft.place, actors=list(draft.actors),
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
        if talked_of:                # "The bombing is an embarrassment for ...": a comment on the event
            same = next((p for p in reversed(self.drafts) if not p.twin and GROUPS[p.type] == GROUPS[d.type]
                         and (p is self.touched or d.paragraph - _last_para(p) <= 6)), None)
            if same is not None:
                d.date = None
                return self._because("a comment on the event just reported", same)
        definite = bool(ref)
        ref_group = REF_GROUP.get(ref.group("noun").lower(), "op") if ref else None
        latest = self._latest()
        if d.rank == 0:
            latest = next((p for p in reversed(self.drafts) if not p.twin and GROUPS[p.type] == "op"
                           and (p is self.touched or d.paragraph - _last_para(p) <= 3)), None)
        if d.rank == 0 and latest is not None and not d.deck and d.paragraph - _last_para(latest) <= 3 \
                and (d.place is None or latest.place is None or self._nested(d.place, latest.place)):
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
                first.type == d.type or (d.date is None and d.place is None)):
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

    def _nested(self, a: str, b: str) -> bool:
        if a == b:
            return True
        pa, pb = self.dm.places.get(a), self.dm.places.get(b)
        if pa is None and pb is None:
            return False
        if pa is None or pb is None:
            return self._unknown_within(a, b) if pa is None else self._unknown_within(b, a)
        return _contains(pa, pb) or _contains(pb, pa)

    def _unknown_within(self, unknown: str, known: str) -> bool:
        """A place the gazetteer lacks is inside a known one only if its own name says so
        ("Karbala Provincial Joint Coordination Center" is in Karbala)."""
        ent, other = self.dm.entities.get(unknown), self.dm.entities.get(known)
        if ent is None or other is None:
            return False
        names = " ".join([ent.name, *ent.aliases]).lower()
        return any(al.lower() in names for al in [other.name, *other.aliases] if len(al) > 2)

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
        if new.place and (into.place is None or _rank_of(new, self) < _rank_of(into, self)):
            into.place, into.place_rank = new.place, new.place_rank
        for a in new.actors:
            _add(into.actors, a)
        for t in new.targets:
            if t not in into.actors:
                _add(into.targets, t)
        into.source = into.source or new.source
        into.last_sentence = new.sentence
        into.last_paragraph = max(into.last_paragraph, new.paragraph)

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

    def _among_list(self, sent, verb: str) -> None:
        """"Among those captured are A, ...; B, ...": one event per person, dates unknown."""
        for part in self._segments(sent.span, False):
            persons = [m for m in self.dm.in_sentence(sent.index)
                       if part.start <= m.span.start < part.end and m.kind == "person"]
            if not persons:
                continue
            etype = "arrest" if verb in ("captured", "detained", "arrested") else ("release" if verb == "released" else "armed_clash")
            d = Draft(etype, 2, sent.index, self.paragraphs[sent.index], part, False, last_sentence=sent.index,
                      basis=f"list:among those {verb}")
            d.targets = [persons[0].key]
            d.actors = list(self.prev_actors)
            if etype == "arrest":
                d.figures.captured = 1
            elif etype == "armed_clash":
                d.figures.killed_low = d.figures.killed_best = d.figures.killed_high = 1
            d.targets_person = True
            d.listed = True
            target = self._same_person_event(d)
            if target is not None:
                self._merge(target, d)
            else:
                self.drafts.append(d)

    def _same_person_event(self, d: Draft) -> Draft | None:
        mine = set(_person_targets(d, self.dm))
        for prev in reversed(self.drafts):
            if not prev.twin and self._compatible(prev, d) and mine & set(_person_targets(prev, self.dm)):
                return prev
        return None

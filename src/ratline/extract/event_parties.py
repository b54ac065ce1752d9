"""Who acted and who was hit: the parse of the trigger's clause (``parse/roles.py``) first,
then a position rule for an actor the parse could not name.  The filters that say a name
is no party at all ("the Rwanda-backed M23", "Iranian agents", "..., the command said",
where the arms came from) are kept here too.  A mixin of ``EventExtractor``.
"""
from __future__ import annotations

from bisect import bisect_left

import re

from ratline.extract.cues import (
    ACCORDING, ACTOR_KINDS, PARTY_KINDS, RAW_CLAIM, speaks_after,
)
from ratline.extract.drafts import _add
from ratline.extract.masking import Masked
from ratline.extract.triggers import TriggerHit
from ratline.parse.roles import Roles, roles, subject_of_saying
from ratline.schema import Mention

_CLAUSE_SUBJECT = re.compile(r"(?:^|[,;:]\s*|\b(?:when|as|after|while|and)\s+)(?:(?:an?|the)\s+)?$", re.I)

_MODIFIER = re.compile(r"^\.?\s*-\s*(?:backed|led|based|funded|sponsored|trained|aligned|allied|linked)\b", re.I)

_ARMS_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?(?:drones?|jets?|warplanes?|aircraft|helicopters?|planes?|troops|soldiers|"
                         r"forces|army|military|navy|artillery|gunboats?|missiles?|strikes?|airstrikes?|air ?strikes?|"
                         r"commandos|special forces|police)\b", re.I)

_OWNED_FIGHTERS = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+)?(?:fighters|gunmen|militants|members|men|forces|"
                             r"troops|cadres|operatives)\b", re.I)


# acts with a perpetrator and victims; in a clash both sides are parties (actors), as coders list them
ONE_SIDED = frozenset({"ied_attack", "rocket_mortar_attack", "airstrike", "kidnapping", "assassination", "execution"})
# verbs whose passive subject is hurt, killed or taken ("were wounded when a bomb exploded")
BEFALLING_LEMMAS = frozenset({"wound", "kill", "injure", "hurt", "shoot", "abduct", "kidnap", "capture", "arrest",
                              "detain", "target", "ambush", "attack", "behead", "execute", "seize"})


class PartyFinder:
    """Actors and targets of a draft, from ``self.parsed`` and the masked clause."""

    def _parties(self, masked: Masked, main: TriggerHit) -> tuple[list[str], list[str]]:
        actors: list[str] = []
        targets: list[str] = []
        passive = self._told_in_passive(masked, main)
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
            if m.basis.endswith("adjective") and m.kind == "government" and not self._noun_use(masked, m, after):
                continue             # "Iranian agents" names no actor; "the US has imposed" does
            before = masked.text[:pos]
            if m.kind != "person" and speaks_after(self.parsed, masked, m.span.end) \
                    and (pos > main.end or m.kind in ("other", "state_agency")):
                continue             # "..., the command said", "ISPR said troops had ...": who reports it
            if syntax is not None:
                toks = self._tokens(m)
                if toks & syntax.actor and (m.kind in ACTOR_KINDS or m.kind == "person"):
                    _add(actors, m.key)
                    continue
                if toks & syntax.target or (m.kind == "person" and not self._speaks(masked, m)):
                    _add(targets, m.key)
                    continue
                if named_actor or pos > main.start:
                    continue
                if main.type in ONE_SIDED and self._befallen(m):
                    _add(targets, m.key)     # "Two police officers were wounded when a bomb exploded"
                    continue
                # the parse found who was hit but not who acted ("X announced that an air
                # strike had killed ..."): a party named before the trigger may be the actor
            if m.kind == "person":
                if not self._speaks(masked, m):
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
            sent_start = self.parsed.token_at(masked.span.start).sent.start_char
            for m in self._mentions_between(sent_start, masked.span.start):
                if m.span.end <= masked.span.start and m.kind in ACTOR_KINDS and self._tokens(m) & syntax.actor:
                    _add(actors, m.key)
        if not actors and not passive:
            owner = _OWNED_FIGHTERS.search(masked.text[:max(main.start, main.end)])
            ref = self._owner_before(masked.span.start) if owner is not None else None
            if ref is not None:
                _add(actors, ref)            # "its fighters stormed": the group just written about
        return actors, [t for t in targets if t not in actors]

    def _told_in_passive(self, masked: Masked, main: TriggerHit) -> bool:
        """"were killed", "was attacked by": the trigger's verb has a passive auxiliary in the
        parse (not "were attacking"); a headline's bare participle too ("leader captured in
        Baghdad")."""
        if self._deck_now and main.text.lower().endswith("ed"):
            return True
        if self.parsed is None:
            return False
        at = masked.body_offset(main.start)
        tok = self.parsed.root_of(at, at + len(main.text.rstrip()))
        return tok is not None and any(c.dep_ == "auxpass" for c in tok.children)

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

    def _speaks(self, masked: Masked, m: Mention) -> bool:
        """The person reports the act ("General X said troops killed ...", "X, the division's
        commander, said ..."): the words right after the name, or the parse's subject of a
        reporting verb however long the apposition between."""
        if speaks_after(self.parsed, masked, m.span.end):
            return True
        return subject_of_saying(self.parsed.root_of(m.span.start, m.span.end))

    def _befallen(self, m: Mention) -> bool:
        """The mention heads (or sits in) the subject of a passive verb of harm or capture in
        another clause than the trigger's: those it befell, never those who did it."""
        for i in self._tokens(m):
            tok = self.parsed.doc[i]
            while tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head is not tok:
                tok = tok.head
            if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in BEFALLING_LEMMAS:
                return True
        return False

    def _tokens(self, m: Mention) -> frozenset[int]:
        return self.parsed.ids(m.span.start, m.span.end)

    def _owner_before(self, at: int) -> str | None:
        """Whose "its"/"their" fighters: the first group or force of the last sentence naming one."""
        groups = ("armed_group", "state_force")
        last = next((m for m in reversed(self._mentions_between(0, at))
                     if m.span.end <= at and m.kind in groups), None)
        if last is None:
            return None
        return next(m for m in self.dm.in_sentence(last.sentence) if m.kind in groups).key

    def _mentions_between(self, start: int, end: int) -> list[Mention]:
        """The document's mentions that start in [start, end), found by bisection: a scan of
        every mention per event made long documents quadratic."""
        if self._mention_starts is None:
            self._mention_starts = [m.span.start for m in self.dm.mentions]
        lo, hi = bisect_left(self._mention_starts, start), bisect_left(self._mention_starts, end)
        return self.dm.mentions[lo:hi]

    def _noun_use(self, masked: Masked, m: Mention, after: str) -> bool:
        """A state's name used as a noun: a verb or a conjunction after it (a ``noun_use`` cue),
        or a stop after it ("the US, ...", "the U.S. ..." as the name was cut)."""
        stop = after.lstrip()[:1]
        return (stop != "" and stop in ",.;:)") or self._next_cue(masked, "noun_use", m.span.end)

    def _next_cue(self, masked: Masked, label: str, pos: int) -> bool:
        """Whether a cue of ``data/cues.yaml`` is the clause's next word after ``pos``."""
        hit = self.parsed.cue_next(label, pos)
        return hit is not None and hit[1] <= masked.span.end

    def _claim_source(self, masked: Masked) -> str | None:
        for s, e in self.parsed.cue_spans("press", masked.span.start, masked.span.end):
            by = next((m for m in masked.mentions if m.span.end < s and self.body[m.span.end:s].isspace()), None)
            if by is not None and e <= masked.span.end:          # "ISAF press release", "the ministry statement"
                return f"{by.span.text} {self.body[s:e]}"
        raw = masked.span.text
        hit = RAW_CLAIM.search(raw)
        if hit:
            return re.sub(r"^(?:and|but|the|as)\s+", "", hit.group(1).strip(), flags=re.I)
        hit = ACCORDING.search(raw)
        if hit:
            return hit.group(1).strip()
        hit = self.parsed.cue_in("some_reports", masked.span.start, masked.span.end)
        if hit:
            return self.body[hit[0]:hit[1]]
        return None

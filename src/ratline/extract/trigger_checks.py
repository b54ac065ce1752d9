"""Whether a trigger word found in a clause reports an event of its kind.

A word that fits ("raided", "released") is not yet an event: "night raids must end" speaks of
raids in general, "threatened to attack" of one that did not happen, "released a statement"
of a document, "entered Goma" needs a place after it and "bombed" a state before it.  These
checks read the masked clause and, for the verb's object, the parse.  A mixin of
``EventExtractor``: it reads the extractor's ``parsed`` document.
"""
from __future__ import annotations

import re

from ratline.extract.cues import (
    ANNOUNCING, GENERIC_OWNERS, HEDGES, HYPOTHETICAL, IMPLICATIVE, OTHER_ACTS, TREND_VERBS, few_words, words_before,
)
from ratline.extract.masking import Masked
from ratline.extract.triggers import TriggerHit



_NEXT_PLACE = re.compile(r"^\s+(?:the\s+)?(?:(?:town|city|village|district|province|region|hamlet|port)\s+of\s+)?⟦(\d+)⟧")
_NEXT_PERSON = re.compile(r"^\s+(?:(?-i:[A-Z][a-z]{1,11}\.?)\s+){0,2}?⟦(\d+)⟧(?!\s*[’']s?\b)")   # "seized Col. ⟦X⟧"




def _object_fits(masked: Masked, h: TriggerHit, parsed) -> bool:
    """A trigger that needs a kind of object ("entered ⟦Goma⟧": a place; "seized ⟦Luis Díaz⟧":
    a person, not "seized ⟦Abdul Karim⟧'s farm") fires only when the next mention is of that kind;
    one that needs a subject ("⟦Israeli jets⟧ bombed"; fighters who "entered ⟦Goma⟧") only
    when the words just before it name one."""
    if h.object is not None:
        hit = (_NEXT_PERSON if h.object == "person" else _NEXT_PLACE).match(masked.text[h.end:])
        if hit is None or masked.mention(hit.group(1)).kind != h.object:
            return False
    if h.subject == "military":     # soldiers, not police: "a combined force detained", "US and Iraqi troops detained"
        before = masked.text[max(0, h.start - 60):h.start]
        near = re.search(r"⟦(\d+)⟧\)?\s+(?:[\w-]+\s+){0,2}$", before)
        named = masked.mention(near.group(1)).span if near else None
        said = before + " " + (named.text if named else "")
        in_name = named is not None and any(few_words(parsed.text[e:named.end] + " ", 3)     # "US Army"
                                            for _, e in parsed.cue_spans("military_before", named.start, named.end)
                                            if e <= named.end)
        return (words_before(parsed, masked, "military_before", h.start, 60, 3) or in_name) \
            and "police" not in said.lower()
    if h.subject is not None:
        before = masked.text[max(0, h.start - 80):h.start]
        kinds = {"state": ("state_force", "government"), "people": ("person", "state_force", "other")}.get(
            h.subject, ("armed_group", "state_force"))
        near = re.search(r"⟦(\d+)⟧\)?[\s,]+(?:[\w-]+\s+){0,3}$", before)
        if not ((near and masked.mention(near.group(1)).kind in kinds)
                or (h.subject == "armed" and words_before(parsed, masked, "armed_before", h.start, 80, 5))):
            return False
    return True


_MODALS = frozenset({"will", "would", "shall", "'ll", "’ll"})    # a plan or a threat; not "may be linked with"


class TriggerChecks:
    """Checks on a trigger hit that need the extractor's parse."""

    def _trigger_token(self, masked: Masked, h: TriggerHit):
        """The parse's token where the trigger starts, or None without a parse."""
        return self.parsed.token_at(masked.body_offset(h.start)) if self.parsed is not None else None

    def _generic_after(self, masked: Masked, h: TriggerHit) -> bool:
        """"night raids must end", "attacks have become ...": a verb right after a plural act noun."""
        if self.parsed is None or h.end >= len(masked.text) or not masked.text[h.end].isspace():
            return False
        hit = self.parsed.cue_next("generic_after", masked.body_offset(h.end))
        return hit is not None and hit[1] <= masked.span.end

    def _discounted(self, masked: Masked, h: TriggerHit) -> bool:
        text = masked.text
        before = text[:h.start]
        if h.text.lower().endswith("s") and self._generic_after(masked, h) \
                and not re.search(r"(?:\bthe|\bthese|\bthose|⟪\d+⟫)\s+(?:[\w-]+\s+)?$", before, re.I):
            return True          # "night raids must end": raids in general
        if h.type == "other" and self._announced_as_will(masked, h):
            return False         # "said it would again list the movement as terrorist": the announcement is the act
        if self._another_or_a_trend(masked, h):
            return True          # "similar attacks"; "has stepped up air strikes": a trend
        if self._ongoing_or_in_general(masked, h):
            return True          # "has been fighting al-Shabaab"; "a long history of clashes"
        return (bool(HYPOTHETICAL.search(before)) or self._governed_by_a_modal(masked, h)) \
            and not self._done_by_means(masked, h)

    def _governed_by_a_modal(self, masked: Masked, h: TriggerHit) -> bool:
        """"We will soon commence with an all-out attack on oil installations": the act noun hangs,
        through its preposition, from a verb that a modal governs (a threat or a plan), however
        many words lie between; the words-before check reads only the next one or two."""
        word = self._trigger_token(masked, h)
        if word is None or word.pos_ != "NOUN":
            return False
        verb = word.head.head if word.dep_ == "pobj" and word.head.dep_ == "prep" else None
        return verb is not None and verb.pos_ == "VERB" and verb.i < word.i \
            and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)

    def _another_or_a_trend(self, masked: Masked, h: TriggerHit) -> bool:
        """"such attacks", "previous raids", "a similar bombing": the noun names other acts than
        the one reported; "has stepped up air strikes", "intensified its raids": a trend in
        many.  Read from the parse: the noun's own modifiers, and the verb it is the object of."""
        word = self._trigger_token(masked, h)
        if word is None or word.pos_ not in ("NOUN", "PROPN"):
            return False
        noun = word if word.dep_ != "compound" else word.head      # "air strikes": the head noun
        if any(c.lower_ in OTHER_ACTS and c.i < noun.i for c in noun.children):
            return True
        verb = noun.head
        phrasal = {verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {c.lower_}" for c in verb.children if c.dep_ == "prt"}
        return noun.tag_ == "NNS" and noun.dep_ == "dobj" and bool(phrasal & TREND_VERBS)

    def _ongoing_or_in_general(self, masked: Masked, h: TriggerHit) -> bool:
        """"which has been fighting al-Shabaab", "has been conducting a ground operation": a
        campaign told in the perfect progressive, going on, not one act; "a long history of
        clashes", "the goal of fighting jihadists": acts in general, owned by a noun that says
        so (GENERIC_OWNERS) and with no article or number of their own."""
        word = self._trigger_token(masked, h)
        if word is None:
            return False
        verb = word.head if word.pos_ == "NOUN" and word.dep_ in ("dobj", "nsubjpass") else word
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if verb.tag_ == "VBG" and "been" in aux and aux & {"has", "have", "had", "'s", "’s"}:
            return True
        if word.dep_ == "compound":
            word = word.head
        owner = word.head.head if word.dep_ in ("pobj", "pcomp") and word.head.lower_ == "of" else None
        return (owner is not None and owner.lemma_.lower() in GENERIC_OWNERS
                and not any(c.dep_ in ("det", "nummod", "poss") for c in word.children))

    def _announced_as_will(self, masked: Masked, h: TriggerHit) -> bool:
        """"The government said it would list the movement as terrorist": a decision told by its
        maker (a clause with "would" under said/announced/declared/decided) is the act itself."""
        word = self._trigger_token(masked, h)
        for _ in range(3):
            if word is None or word.head.i == word.i:
                return False
            if any(c.dep_ == "aux" and c.lower_ == "would" for c in word.children):
                return word.dep_ == "ccomp" and word.head.lemma_.lower() in ANNOUNCING
            word = word.head
        return False

    def _done_by_means(self, masked: Masked, h: TriggerHit) -> bool:
        """"used machetes to kill", "managed to capture", "went on to attack": an infinitive under
        a verb that says the act was done (IMPLICATIVE), itself told as past and not hedged."""
        word = self._trigger_token(masked, h)
        for _ in range(4):       # "forced Sadr to agree to a cease-fire": up from the noun to its verb
            if word is None or word.dep_ not in ("pobj", "prep", "dobj", "compound") or word.head.i == word.i:
                break
            word = word.head
        if word is None or word.dep_ not in ("xcomp", "advcl") or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in word.children):
            return False
        head = word.head
        if head.lemma_.lower() == "able" and head.dep_ == "acomp":
            head = head.head                     # "were able to seize"
        elif not ({head.lemma_.lower()} | {f"{head.lemma_.lower()} {c.lower_}" for c in head.children
                                             if c.dep_ == "prt"}) & IMPLICATIVE:
            return False
        hedged = any(c.dep_ in ("aux", "neg") and c.lower_ in HEDGES for c in head.children)
        return head.tag_ in ("VBD", "VBN") and not hedged

    def _object_rules_out(self, masked: Masked, h: TriggerHit) -> bool:
        """"released a statement", "capturing government buildings": the verb's direct object in
        the parse is one the trigger's data lists as not this event; "in a release": the noun
        without the preposition that would say what was released."""
        word = self._trigger_token(masked, h) if h.not_objects or h.noun_needs else None
        if word is None:
            return False
        if h.noun_needs and word.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in word.children) \
                and not any(c.dep_ == "prep" and c.lower_ == h.noun_needs for c in word.children):
            return True          # "In a release, the Treasury ...": a document ("before the release" refers back)
        objects = [c for c in word.children if c.dep_ in ("dobj", "obj")]
        return any(o.lemma_.lower() in h.not_objects or o.lower_ in h.not_objects for o in objects)

    def _other_ok(self, text: str) -> bool:
        return bool(re.search(r"\b(?:called for|agree(?:d)? to|announced|declared|imposed|established|formed|"
                              r"founded|created|signed|pledged|seized|took|grabbed|ousted|designated|deployed|"
                              r"suspended|resumed|halted|broke off|called off|list|listed|relist)\b",
                              text, re.I))

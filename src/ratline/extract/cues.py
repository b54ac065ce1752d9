"""The words and shapes the event extractor looks for.

Kept apart from the logic so a reader can see, in one place, what counts as a
hypothetical ("threatened to attack"), a definite reference ("the raid") or a speaker's
place ("a spokesman in Kabul"); the patterns here run over masked text (see
``masking.py``).  Word cues that need no masking ("several raids", "involved in", "said"
before a date, civilians taken) are token patterns in ``data/cues.yaml``, matched once
over the parse; the functions at the end read them.
"""
from __future__ import annotations

import re

from ratline.mentions.places import DATELINE  # noqa: F401  (where a report was filed; read by events)

ACTOR_KINDS = {"armed_group", "state_force", "state_agency", "government"}
PARTY_KINDS = ACTOR_KINDS | {"person", "other", "company"}
GROUPS = {
    "raid": "op", "armed_clash": "op", "airstrike": "op", "ied_attack": "op", "rocket_mortar_attack": "op",
    "arrest": "arrest", "release": "release", "kidnapping": "op", "execution": "op", "assassination": "op",
    "other": "other",
}
DEF_REF = re.compile(
    r"\b(?<!on )(?:the|this|that|today['’]s|yesterday['’]s|such|same)\s+"
    r"(?:(?!(?:a|an|follows|is|was|are|were|has|had|will)\b)[\w⟦⟧’'-]+\s+){0,2}"
    r"(?P<noun>raids?|operations?|attacks?|strikes?|incident|engagement|arrest|clash|fighting|assault|ambush|"
    r"release|kidnapping|offensive|bombing|blast|killings|massacre|shooting|shoot-?out)\b", re.I)
REF_GROUP = {"arrest": None, "release": "release", "incident": None}
# words before an act's noun that make it another act than the one reported ("similar attacks")
OTHER_ACTS = frozenset({"such", "similar", "previous", "earlier"})
# verbs whose plural object is a trend in many operations, not one ("has stepped up air strikes")
TREND_VERBS = frozenset({"step up", "ramp up", "intensify", "escalate", "increase"})
HYPOTHETICAL = re.compile(
    r"(?:\b(?:will|would|could|may|might|should|must|plans? to|planned to|threaten(?:s|ed)? to|vow(?:s|ed)? to|"
    r"attempt(?:s|ed)? to|tried to|sought to|seeks? to|wants? to|demand(?:s|ed)? that .{0,40}|"
    r"prepar(?:e|es|ed|ing) to|ready to|poised to|set to|(?:re-?)?initiate)\s+(?:\w+\s+)?"
    r"|\b(?:cannot|can't|won't|will not|would not|did not|didn't|never|not)\s+(?:\w+\s+){0,3}"
    r"|\b[Nn]o\s+(?:[\w⟦⟧-]+\s+){1,4}(?:has|have|had|was|were)\s+(?:been\s+)?(?:either\s+)?"   # "No X has been captured"
    r"|\bthat (?:\w+ ){1,3}be\s+|\bto\s+(?:\w+\s+)?|\b(?:whether|if|unless)\b[^,.;]{0,60}"
    r"|\b(?:secure|seek|demand|negotiate|win|obtain|call for|calls for|called for|push for)(?:s|ed|ing)?\s+the\s+"
    r"|\b(?:planned|plotted|masterminded|ordered|organi[sz]ed|financed|funded|trained for)\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+)?)$",
    re.I)
# nouns that refer back to the force that just acted ("the combined force searched a compound
# in Mando Zayi district": where that act was)
ACTING_FORCES = frozenset({"force", "forces", "troops", "soldiers", "unit", "units", "team", "teams", "commandos",
                           "patrol", "convoy", "raiders", "assailants", "attackers", "gunmen", "militants"})
# nouns under which an act's noun or gerund names acts in general, not one ("a long history of
# clashes", "the goal of fighting jihadist groups", "the fight against attacks")
GENERIC_OWNERS = frozenset({"history", "goal", "aim", "objective", "task", "mission", "mandate", "policy",
                            "strategy", "tactic", "record", "pattern", "cycle", "culture", "threat", "risk",
                            "fear", "prospect", "possibility", "capacity", "capability", "experience"})
# verbs whose "to" infinitive tells an act that was done ("used machetes to kill", "managed to
# capture", "went on to attack"), unlike "threatened to kill"; and the words that hedge them
IMPLICATIVE = frozenset({"use", "manage", "go on", "proceed", "succeed",   # "went into X to capture": only a purpose
                         "force", "compel", "oblige"})                    # "forced Sadr to agree to a cease-fire"
# the verbs of a decision told by its maker: "said it would list the movement as terrorist"
ANNOUNCING = frozenset({"say", "announce", "declare", "decide"})
HEDGES = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "not", "n't", "never"})
RAW_CLAIM = re.compile(r"(?:^|[,;:“”\"]\s*)((?:[A-Z][\w’'.-]*|an?|the|of|in|al|for|police|officials?|residents|"
                        r"witnesses|sources|medics|doctors|villagers|elders|relatives|survivors)"
                        r"(?:\s+[\w’'.-]+){0,7}?)\s+"
                        r"(?:reported|said|says|stated|estimated|announced|claimed|told|confirmed)\b")
ACCORDING = re.compile(r"\baccording to (?:a |an |the )?([^,.;“\"]{3,80})", re.I)

# a window over which figures are counted, not one operation's toll ("have been killed this
# year", "last year", "over the last 10 months", "a total of 14 were detained"): the figures make
# a tally
TALLY_WINDOW = re.compile(r"\b(?:(?:so far )?(?<!of )this year|(?<!the )last year|a total of|"
                          r"in the (?:decade|decades|years|months|weeks)(?= since)|"
                          r"since (?:the )?(?:start|beginning|outbreak) of|since (?:the )?(?:[\w-]+|⟦\d+⟧) (?:[\w-]+ )?(?:began|started)|"
                          r"(?:over|in|during) the (?:last|past) "
                          r"(?:(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) )?"
                          r"(?P<unit>weeks?|months?|years?))\b", re.I)
# one item of a roundup: "-- A coalition airstrike ...", "* Police arrested ...", "3. Gunmen ..."
LIST_ITEM = re.compile(r"^\s*(?:--|[-–—*•▪·]|\(?\d{1,2}[.)])\s+\S")


# -- readers of the parse's cues (data/cues.yaml) ------------------------------------------
_EARLIER_ACT = ("background", "linked_to")
_BEFORE_TRIGGER = ("background", "linked_to", "background_loose")


def background_cue(parsed, start: int, end: int) -> tuple[int, int] | None:
    """The first words in [start, end) that open a clause about an earlier act ("involved in
    the kidnapping", "linked to the bombing last year"); "linked to Hizbullah Brigades"
    describes someone (a ``tie_to_name`` cue within the range) and opens none."""
    names = {s for s, e in parsed.cues.get("tie_to_name", ()) if start <= s and e <= end}
    pos = start
    while (hit := parsed.cue_in(_EARLIER_ACT, pos, end)) is not None:
        if hit[0] not in names:
            return hit
        pos = hit[0] + 1
    return None


def in_background(parsed, masked, at: int) -> bool:
    """Whether the trigger at masked position ``at`` sits in a background clause: a cue
    ("responsible for", "behind", "linked to") followed by a space and at most 80
    characters of the masked clause, no '.' or ';', before it."""
    end = masked.body_offset(at)
    for s, e in parsed.cue_spans(_BEFORE_TRIGGER, masked.span.start, end):
        if e >= end:
            continue
        tail = masked.text[masked.masked_offset(e):at]
        gap = len(tail.lstrip())            # "\s+[^.;]{0,80}": the spaces after the cue are free
        if tail[:1].isspace() and gap <= 80 and not any(c in ".;" for c in tail):
            return True
    return False


def right_before(parsed, label: str, pos: int, window: int = 40, masked=None) -> bool:
    """A cue that ends right before ``pos`` (spaces only, at least one, between) and starts
    at most ``window`` characters before it: "a spokesman in" before a place.  In a masked
    clause, a cue a placeholder hides part of is none."""
    return any(masked is None or not masked.hides(s, e) for s, e in parsed.cue_ending_at(label, pos, window))


def speaks_after(parsed, masked, pos: int, label: str = "speaker") -> bool:
    """"ISPR said", ", the command said": a verb of saying (a ``speaker`` cue, up to two words
    before it) opens the clause right after ``pos``, not "said by"; words a placeholder hides
    (a name, a number) do not count as those two."""
    for s, e in parsed.cues_at(label, pos):
        nxt = parsed.next_word(e)
        by = nxt is not None and nxt.lower_.startswith("by") and nxt.idx > e      # "said by": no speaker
        if e <= masked.span.end and not masked.hides(s, e) and not by:
            return True
    return False


def few_words(tail: str, most: int) -> bool:
    """Whether ``tail`` is spaces, then at most ``most`` words (a placeholder or a bracket counts
    as a word's letters) each followed by spaces: what may stand between a cue and a trigger."""
    words = tail.split()
    return tail[:1].isspace() and tail[-1:].isspace() and len(words) <= most \
        and all(c.isalnum() or c in "_⟦⟧()-" for w in words for c in w)


def words_before(parsed, masked, label: str, at: int, window: int, most: int) -> bool:
    """A cue in the ``window`` masked characters before position ``at`` with at most ``most``
    words between it and ``at`` ("fighters ... entered", "US and Iraqi troops detained"); a
    cue a placeholder hides part of is a name's word, not the clause's."""
    lo = masked.body_offset(max(0, at - window))
    for s, e in parsed.cue_spans(label, lo, masked.body_offset(at)):
        ms, me = masked.masked_offset(s), masked.masked_offset(e)
        if ms >= at - window and me <= at and not masked.hides(s, e) and few_words(masked.text[me:at], most):
            return True
    return False


def masked_cue(parsed, masked, label: str) -> tuple[int, int] | None:
    """The first match of a cue in a masked clause, as positions of the masked text (where a
    trigger or a placeholder is compared with it); None when the clause has none."""
    hit = parsed.cue_in(label, masked.span.start, masked.span.end)
    return None if hit is None else (masked.masked_offset(hit[0]), masked.masked_offset(hit[1]))


def said_before(parsed, body: str, pos: int) -> bool:
    """A verb of saying ("said", "told", "a statement") ending at most 25 characters before
    ``pos`` with no '.' or ';' between: a date there is when something was said."""
    hit = parsed.cue_before("spoken_on", pos, 25)
    return hit is not None and hit[0] >= pos - 40 and not any(c in ".;" for c in body[hit[1]:pos])

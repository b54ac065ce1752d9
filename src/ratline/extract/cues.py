"""The words and shapes the event extractor looks for, as compiled patterns.

Kept apart from the logic so a reader can see, in one place, what counts as a
hypothetical ("threatened to attack"), a background mention ("involved in the
kidnapping"), a definite reference ("the raid"), a speaker's place ("a spokesman in
Kabul") or a civilian captive.  All run over masked text (see ``masking.py``).
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
# an event the sentence only remembers or compares with ("revived memories of the killings in West Darfur")
_REMEMBERED = r"memories of|reminiscent of|echoes of|comparisons? (?:with|to)|recalls?|recalled|anniversary of"
BACKGROUND = re.compile(r"\b(?:implicated in|involved in|in connection with|responsible for|behind|blamed for|accused of|"
                         r"linked to|suspected of|associated with|known for|role in|part in|" + _REMEMBERED + r")"
                         r"\s+[^.;]{0,80}$", re.I)
SPEAKER_PLACE = re.compile(r"\b(?:(?:spokes(?:man|woman|person)|officials?|reporters|statement|said|told|"
                            r"briefing|conference|based|headquartered|speaking|office)\s+(?:\w+\s+)?(?:in|at)"
                            r"|(?:fled|flee|fleeing|escaped|returned|travell?ed|transport(?:ed|ing)?|transferred|"
                            r"smuggl(?:ed|ing)|sent|bringing|brought|"
                            r"moved|deported|filter(?:ing)?|trained|training|taken|rushed|evacuated|admitted)\s+(?:back\s+)?(?:to|into|in|from)"
                            r"|(?:custody|jailed|imprisoned)\s+(?:at|in)"
                            r"|(?:bound|headed|heading|destined)\s+(?:for|to)|en\s+route\s+to"
                            r"|on\s+(?:its|their|his|her|the)\s+way\s+to)\s+(?:the\s+)?$", re.I)
NOUN_USE = re.compile(r"^(?:\s+(?:has|have|had|is|was|were|are|said|says|and|or|also|will|would|has\s+been)\b|\s*[,.;:)])",
                       re.I)
AUX_BEFORE = re.compile(r"\b(?:was|were|been|be|being|is|are|has|have|had|got|get)\s+(?:\w+\s+)?$", re.I)
GENERIC_AFTER = re.compile(r"\s+(?:must|should|are|were|have|has|remain|continue|can|could|would|will)\b", re.I)
SPEAKER = re.compile(r"^,?\s*(?:(?!(?:was|were|been|is|are|be)\b)[\w-]+\s+){0,2}?(?:said|says|announced|told|"
                      r"stated|reported|claimed|warned|noted|explained|added|pointed|confirmed|denied)\b(?!\s+by)",
                      re.I)
_MONTH_OR_DAY = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|"
                 r"Saturday|Sunday|Last|This|Next)")
# "linked to Hizbullah Brigades early Monday": a tie to a named group describes someone; only
# "linked to the bombing last year" opens an earlier act
BACKGROUND_CUE = re.compile(r"\b(?:implicated in|involved in|in connection with|responsible for|blamed for|accused of|"
                            r"linked to(?!\s+(?:the\s+)?(?!" + _MONTH_OR_DAY + r")(?-i:[A-Z]))|"
                            r"suspected of|known for|" + _REMEMBERED + r")\b", re.I)
VAGUE_PLURAL = re.compile(r"\b(?:multiple|several|numerous|a series of|dozens of|many|various|countless|repeated|some|"
                           r"near-daily|daily|nightly|weekly|regular|frequent|routine|sporadic|occasional)\s+"
                           r"(?:[\w-]+\s+){0,2}?(?:raids|operations|attacks|strikes|arrests|clashes|assassinations|"
                           r"bombings|kidnappings|ambushes)\b", re.I)
HABITUAL = re.compile(r"\b(?:conducts|continues to|continue to|routinely|usually|often|has been active|"
                       r"have been active|is known|are known|trains?|train in|(?:has|have) (?:fought|waged|"
                       r"carried out|conducted|launched|staged|claimed)|so far this year)\b", re.I)
AMONG = re.compile(r"^\s*among (?:those|the people|the men|them)\s+(captured|detained|arrested|killed|released)\b", re.I)
NUMBER_REF = re.compile(r"\b(?:the number|the toll|the death toll|the figure|the dead)\b", re.I)
SAME_PLACE = re.compile(r"\b(?:(?:in|inside|near|around) the (?:city|town|village|area|district)\b"
                        r"|the (?:city|town|village)['’]s\b)", re.I)
SPOKEN_ON = re.compile(r"\b(?:said|says|told|statement|announced|reported|briefing|communiqu[eé]|claimed|"
                       r"added|confirmed|denied)\b[^.;]{0,25}$", re.I)
THAT_DATE = re.compile(r"\b(?:on|that) (?:that|the same) (?:date|day)\b|\bon that date\b", re.I)
RAW_CLAIM = re.compile(r"(?:^|[,;:“”\"]\s*)((?:[A-Z][\w’'.-]*|an?|the|of|in|al|for|police|officials?|residents|"
                        r"witnesses|sources|medics|doctors|villagers|elders|relatives|survivors)"
                        r"(?:\s+[\w’'.-]+){0,7}?)\s+"
                        r"(?:reported|said|says|stated|estimated|announced|claimed|told|confirmed)\b")
ACCORDING = re.compile(r"\baccording to (?:a |an |the )?([^,.;“\"]{3,80})", re.I)
PRESS = re.compile(r"⟦(\d+)⟧\s+(press release|statement)", re.I)
SOME_REPORTS = re.compile(r"\b(some reports|other reports|residents|witnesses|local officials|an? [\w ]{0,20}official)\b", re.I)

CIVILIAN_CAPTIVES = re.compile(r"\b(?:hostages?|civilians|citizens|nationals|britons|aid workers|journalists|"
                                r"tourists|students|schoolgirls|schoolchildren|villagers|passengers|travell?ers|"
                                r"worshippers|women and children)\s+(?:\w+\s+){0,2}?(?:were\s+|was\s+)?"
                                r"(?:captured|seized|taken|abducted|held)\b", re.I)
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
# figures given as a total over several operations ("34 killed and 17 arrested in three
# hunt-down operations", "captured eight during two operations"): a tally, not one event's count
OVER_OPERATIONS = re.compile(
    r"\b(?:during|in|across|over|through)\s+(?:the\s+(?:last|past)\s+)?(?:⟪\d+⟫|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|multiple|a\s+series\s+of|a\s+number\s+of)(?!\s+of\b)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:operations|raids|strikes|air\s*strikes|attacks|missions|sweeps|incidents|clashes)\b", re.I)

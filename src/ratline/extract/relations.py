"""Relations between actors, from the shapes reporting uses to state them.

Each pattern is written over the masked sentence (names replaced by ⟦n⟧), so
"X, the leader of Y", "Y leader X", "Iranian-backed Y", "Y receives funding ...
from X" work for any names.  A slot may be a list ("Iran and Lebanese Hezbollah")
or a possessive ("Iran's Qods Force": the head, Qods Force, is the actor).
Arrests, releases and killings of named people also become captured_by /
released_by / killed_by edges from the events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ratline.extract.masking import Masked, mask
from ratline.mentions.finder import DocMentions
from ratline.schema import Relation

H = r"(?:⟦\d+⟧(?:[’']s?\s+|-(?:led|backed|based)\s+))?⟦\d+⟧"
APPOS = r"(?:\s*\([^)]{0,60}\)|,[^;.]{0,90}?,)?"   # "ISWAP, the IS branch, broke away", "JNIM (GSIM) is"
EL = H + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*|\s+as well as\s+)(?:the\s+)?" + H + r")*"
GAP = r"(?:[\w⟦⟧’'“”\"-]+\s+){0,3}?"
WHEN = r"(?:(?:since|in|from|until)\s+[^,.;⟦]{1,25}?\s+)?"   # "led since June 2018 by"
ORG = {"armed_group", "state_force", "state_agency", "government", "other", "company"}
GROUP = {"armed_group", "state_force", "state_agency", "other", "company"}
PERSON = {"person"}
ANY = ORG | PERSON
ROLE_LEAD = r"(?:leader|commander|chief|head|founder|emir|chairman|boss)"
ROLE_MEMBER = (r"(?:members?|operatives?|commanders?|fighters?|officials?|leaders?|officers?|militants?|"
               r"veteran|aides?|deputy commander|deputy|lieutenants?|financiers?|facilitators?|associates?)")
SUPPORT_VERB = (r"(?:(?:supports|supported|backs|backed|funds|funded|finances|financed|arms|armed|trains|trained|"
                r"sponsors|sponsored|equips|equipped|supplies|supplied)"
                r"|(?:to|helped|help|helps|continues? to)\s+(?:support|back|fund|finance|arm|train|sponsor|equip|"
                r"supply|build|establish|create))")


@dataclass(frozen=True)
class Pattern:
    name: str
    predicate: str
    rx: re.Pattern
    subj_kinds: frozenset
    obj_kinds: frozenset
    inverse: bool = False          # the regex's group "a" is the object


def _p(name, predicate, rx, subj=ANY, obj=ANY, inverse=False):
    return Pattern(name, predicate, re.compile(rx, re.I), frozenset(subj), frozenset(obj), inverse)


PATTERNS = [
    # supports
    _p("x-backed y", "supports", r"(?P<s>" + H + r"(?:\s+and\s+" + H + r")?)\s*-?\s*(?:backed|funded|sponsored|supported|"
       r"trained|armed|supplied)(?!\s+by)\s+"
       r"(?:(?:and|or)\s+[\w-]+\s+)?" + GAP + r"(?P<o>EL)", ORG, ANY),
    _p("y backed by x", "supports", r"(?P<o>EL)(?:(?!\b(?:has|have|had|was|were|is|are|released|said)\b)[^.;⟦]){0,70}?"
       r"\b(?:backed|funded|supported|armed|trained|sponsored|"
       r"operated|directed|run|controlled|advised|assisted|aided|equipped)(?:\s+and\s+\w+)?\s+by\s+(?:the\s+)?"
       r"(?P<s>EL)", ORG, ANY),
    _p("x supports y", "supports", r"(?P<s>EL)(?:,[^;.]{0,90}?,)?\s+(?:(?:that|which|who|has|have|had|also|"
       r"continues? to)\s+)*" + SUPPORT_VERB + r"\b(?!\s+by\b)(?:,?\s+(?:and\s+)?(?:fund|train|arm|equip|finance|support)s?\b,?)*"
       r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?P<o>EL)", ORG, ANY),
    _p("x supports groups including y", "supports", r"(?P<s>EL)(?:,[^;.]{0,90}?,)?\s+(?:(?:that|which|who|has|have|"
       r"had|also|continues? to)\s+)*" + SUPPORT_VERB + r"\b[^.;]{0,140}?\b(?:including|such as|like)\s+(?:the\s+)?"
       r"(?P<o>EL)", ORG, ANY),
    _p("x gives y shelter", "supports", r"(?P<s>EL)\s+(?:[\w-]+\s+){0,2}?(?:give|gives|gave|giving|provide|provides|provided|"
       r"providing|offer|offers|offered|offering|grant|grants|granted)\s+(?:the\s+)?(?P<o>EL)\s+(?:[\w-]+\s+){0,3}?"
       r"(?:shelter|support|sanctuary|weapons|arms|funding|money|training|safe haven|refuge|logistics)\b", ORG, ANY),
    _p("x provides support to y", "supports", r"(?P<s>EL)\s+(?:[\w-]+\s+){0,2}?(?:give|gives|gave|provide|provides|provided|"
       r"offer|offers|offered)\s+(?:[\w-]+\s+){0,3}?(?:shelter|support|sanctuary|weapons|arms|funding|money|training|"
       r"safe haven|refuge)\s+(?:to|for)\s+(?:the\s+)?(?P<o>EL)", ORG, ANY),
    _p("y that x has armed", "supports", r"(?P<o>⟦\d+⟧)(?:,?\s+(?:[\w-]+\s+){0,3}?(?:groups?|militias?|forces|fighters|"
       r"units|movements?|gangs?|factions?))?,?\s+(?:that|which|whom)\s+(?P<s>⟦\d+⟧)\s+"
       r"(?:has\s+|have\s+|had\s+)?(?:armed|funded|trained|backed|supported|equipped|financed|paid|arms|funds|"
       r"trains|backs|supports|equips|finances|pays)\b", ORG, GROUP),
    _p("y receives from x", "supports", r"(?P<o>EL)\s+(?:(?:has|have|also)\s+)*(?:receives?|received|gets|got|"
       r"obtains?|obtained)\s+[^.;⟦]{0,90}?\bfrom\s+(?:the\s+)?(?P<s>EL)", ORG, ANY),
    _p("x's involvement in backing y", "supports", r"(?P<s>EL)[’']s?\s+(?:role|involvement|hand)\s+in\s+"
       r"(?:backing|supporting|funding|arming)\s+(?:the\s+)?(?P<o>EL)", ORG, ANY),
    # leads
    _p("x's y", "leads", r"(?P<s>⟦\d+⟧)[’']s?\s+(?:(?:⟦\d+⟧\s*-?\s*)?[\w-]+\s+){0,2}?(?P<o>⟦\d+⟧)"
       r"(?!\s*-?\s*(?:backed|funded|trained|armed|sponsored|supported)\b)", PERSON, GROUP),
    # "the deputy army chief, X" is second in command: no leader
    _p("y leader x", "leads", r"(?<!deputy\s)(?<!vice\s)(?<!assistant\s)(?P<o>" + H + r")\s+(?:former\s+|founder-|new\s+|top\s+)?" + ROLE_LEAD
       + r",?\s+(?:(?-i:[A-Z])[\w.]*\s+){0,3}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("x, the leader of y", "leads", r"(?P<s>⟦\d+⟧),\s+(?:the\s+)?(?:former\s+|top\s+|overall\s+|then\s+|"
       r"supreme\s+|self-styled\s+)?" + ROLE_LEAD + r"\s+of\s+(?:the\s+)?(?P<o>" + H + ")", PERSON, GROUP),
    _p("x, the former y commander", "leads", r"(?P<s>⟦\d+⟧),\s+(?:the|a)\s+(?:former\s+|top\s+)?(?P<o>" + H + r")\s+"
       + ROLE_LEAD + r"\b", PERSON, GROUP),
    _p("x was commander of y", "leads", r"(?P<s>⟦\d+⟧)\s+(?:was|is|has been|became|had been)\s+(?:the\s+)?[“\"]?"
       r"(?:[\w-]+\s+)?" + ROLE_LEAD + r"\s+of\s+(?:the\s+)?(?P<o>" + H + ")", PERSON, GROUP),
    _p("y under the command of x", "leads", r"(?P<o>⟦\d+⟧)[^.;⟦]{0,40}?\bunder the (?:command|leadership|control) of\s+"
       r"(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("x disbanded y", "leads", r"(?P<s>⟦\d+⟧)\s+(?:[\w-]+\s+){0,6}?(?:disband|dissolve|demobili[sz]e|freeze)(?:d|s)?"
       r"\s+(?:the\s+|his\s+|its\s+)?(?P<o>" + H + ")", PERSON, GROUP),
    _p("y, a faction led by x", "leads", r"(?P<o>⟦\d+⟧),\s+(?:a|an|the)\s+[^.;⟦]{0,50}?(?:⟦\d+⟧\s+[^.;⟦]{0,20}?)?"
       r"\b(?:led|headed|commanded|founded)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("y is led by x", "leads", r"(?P<o>⟦\d+⟧)" + APPOS + r"\s+(?:is|was|has been|had been|are)\s+(?:now\s+|still\s+)?"
       r"(?:led|headed|commanded)\s+" + WHEN + r"by\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("y was founded under x", "leads", r"(?P<o>⟦\d+⟧)" + APPOS + r"\s+(?:was|were|had been)\s+(?:founded|formed|created|"
       r"established|set up|launched)\s+" + WHEN + r"(?:under|by)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?P<s>⟦\d+⟧)",
       PERSON, GROUP),
    _p("x is the y's president", "leads", r"(?P<s>⟦\d+⟧)\s+(?:is|was|remains|became|has been)\s+(?:the\s+)?(?P<o>⟦\d+⟧)[’']s?\s+"
       r"(?:[\w-]+\s+)?(?:president|leader|chairman|head|commander|chief|founder|emir|secretary-general)\b", PERSON, GROUP),
    _p("x-led y", "leads", r"(?P<s>⟦\d+⟧)\s*-\s*led\s+(?:(?:multinational|international|security|support|joint)\s+)?"
       r"(?P<o>⟦\d+⟧)", {"government", "state_force"}, GROUP),
    _p("y, led by a state", "leads", r"(?P<o>⟦\d+⟧)[^.;⟦]{0,80}?\band\s+led\s+by\s+(?P<s>⟦\d+⟧)(?!\s*-)",
       {"government"}, GROUP),
    _p("y led by x", "leads", r"(?P<o>" + H + r")(?:\s*\([^)]{1,20}\))?,?\s+(?:(?:which|that|who)\s+(?:is|was|has been|"
       r"had been)\s+)?(?:now\s+)?(?:led|headed|commanded|founded)\s+" + WHEN + r"by\s+(?:the\s+)?(?:[\w.-]+\s+){0,4}?"
       r"(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("y is ... and is led by x", "leads", r"(?P<o>⟦\d+⟧)\s+(?:is|was)\s+(?:(?!\b(?:which|who|that)\b)[^.;]){0,140}?"
       r"\band\s+(?:is|was)\s+(?:now\s+)?(?:led|headed|commanded)\s+by\s+(?:[\w.-]+\s+){0,4}?(?P<s>⟦\d+⟧)",
       PERSON, GROUP),
    _p("y, which was ... and is led by x", "leads", r"(?P<o>⟦\d+⟧)(?:\s+(?:alliance|coalition|group|movement))?,\s+"
       r"(?:which|that)\s+[^.;⟦]{0,120}?\band\s+(?:is|was)\s+(?:now\s+)?(?:led|headed|commanded)\s+by\s+"
       r"(?:[\w.-]+\s+){0,4}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("y named x as its leader", "leads", r"(?P<o>⟦\d+⟧)\s+(?:named|appointed|chose|picked|elected)\s+(?P<s>⟦\d+⟧)"
       + APPOS + r"\s+"
       r"as\s+(?:its|their|⟦\d+⟧)\s+(?:new\s+)?" + ROLE_LEAD, PERSON, GROUP),
    _p("y of the preacher x", "leads", r"(?P<o>⟦\d+⟧)(?:\s*\([^)]{1,20}\))?\s+(?:faction\s+)?of\s+(?:the\s+)?"
       r"(?:[A-Za-z][\w.-]*\s+){0,3}?(?P<s>⟦\d+⟧)", PERSON, {"armed_group", "state_force"}),
    _p("x leads y", "leads", r"(?P<s>⟦\d+⟧),?\s+(?:who\s+)?(?:now\s+)?(?:heads|leads|commands|led|headed|commanded|"
       r"founded)\s+(?:the\s+)?"
       r"(?P<o>" + H + ")", PERSON, GROUP),
    # member_of
    _p("x, one of the y commanders", "member_of", r"(?P<s>⟦\d+⟧),\s+(?:a|an|one of the|one of|another)\s+"
       r"(?:[\w-]+\s+){0,4}?" + ROLE_MEMBER + r"\s+(?:of|in|with|from|within)\s+(?:the\s+)?(?:[\w-]+\s+)?(?P<o>" + H + ")",
       PERSON, GROUP),
    _p("x, a senior y operative", "member_of", r"(?P<s>⟦\d+⟧),\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?P<o>" + H
       + r")\s+(?:[\w-]+\s+)?" + ROLE_MEMBER + r"\b", PERSON, GROUP),
    _p("a y governor, x", "member_of", r"\b(?:a|an|the)\s+(?:[\w-]+\s+)?(?P<o>" + H + r")\s+(?:[\w-]+\s+){0,3}?"
       r"(?:commander|governor|official|operative|member|leader|fighter|financier|facilitator|emir|judge),\s+"
       r"(?:[A-Z][\w.]*\s+){0,2}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("x, the y operative", "member_of", r"(?P<s>⟦\d+⟧),\s+the\s+(?:[\w-]+\s+){0,2}?(?P<o>" + H + r")\s+"
       r"(?:operative|member|fighter|militant|official|facilitator|financier|bomb-maker|recruiter|propagandist)\b",
       PERSON, GROUP),
    _p("x is a member of y", "member_of", r"(?P<s>⟦\d+⟧)\s+(?:is|was|has been|had been)\s+(?:(?:described|"
       r"identified|named) as\s+)?[“\"]?(?:a|an)\s+(?:[\w-]+\s+){0,3}?" + ROLE_MEMBER + r"\s+(?:of|in)\s+(?:the\s+)?"
       r"(?P<o>" + H + ")", PERSON, GROUP),
    _p("x, the deputy commander of y", "member_of", r"(?P<s>⟦\d+⟧),\s+(?:the|a)\s+(?:deputy|second-in-command|"
       r"assistant|senior)\s+(?:[\w-]+\s+)?(?:of|in|at)\s+(?:the\s+)?(?P<o>" + H + ")", PERSON, GROUP),
    _p("x, y's affiliate", "part_of", r"(?P<s>⟦\d+⟧)\)?,\s+(?:the\s+)?(?P<o>⟦\d+⟧)[’']s?\s+(?:[\w-]+\s+){0,3}?"
       r"(?:affiliate|branch|franchise|wing|arm|faction|chapter|province|brigade|unit|division|component)\b",
       GROUP, GROUP),
    _p("x is y's affiliate", "part_of", r"(?P<s>⟦\d+⟧)" + APPOS + r"\s+(?:is|was|remains|became)\s+(?:now\s+)?"
       r"(?P<o>⟦\d+⟧)[’']s?\s+(?:[\w-]+\s+){0,3}?(?:affiliate|branch|franchise|wing|arm|faction|province|"
       r"chapter)\b", GROUP, GROUP),
    _p("y's strongest component is x", "part_of", r"(?P<o>⟦\d+⟧)[’']s?\s+(?:[\w-]+\s+){0,3}?(?:component|branch|wing|"
       r"affiliate|unit|faction|arm)\s+(?:in\s+[^,.;⟦]{0,30}?\s+)?(?:is|was|remains)\s+(?:the\s+)?(?P<s>⟦\d+⟧)",
       GROUP, GROUP),
    _p("x, a y faction", "part_of", r"(?P<s>⟦\d+⟧),\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?P<o>" + H + r")\s+(?:[\w-]+\s+)?"
       r"(?:faction|wing|affiliate|branch|franchise|unit|brigade|component|chapter)\b", GROUP, GROUP),
    # spokesman_for
    _p("x, a y spokesman", "spokesman_for", r"(?P<s>⟦\d+⟧),\s+(?:a|an|the)\s+(?:former\s+|chief\s+|senior\s+)?"
       r"(?P<o>" + H + r")[’']?s?\s+(?:[\w-]+\s+)?spokes(?:man|woman|person)\b", PERSON, ANY),
    _p("x, y's spokesman", "spokesman_for", r"(?P<s>⟦\d+⟧),\s+(?:the\s+)?(?P<o>⟦\d+⟧)[’']s?\s+(?:[\w-]+\s+)?"
       r"spokes(?:man|woman|person)\b", PERSON, ANY),
    _p("x, a spokesman for y", "spokesman_for", r"(?P<s>⟦\d+⟧),\s+(?:(?:a|an|the)\s+)?(?:former\s+|chief\s+)?"
       r"(?:spokes(?:man|woman|person))\s+(?:for|of|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?P<o>" + H + ")", PERSON, ANY),
    _p("x was a spokesman for y", "spokesman_for", r"(?P<s>⟦\d+⟧)\s+(?:was|is|has been|had been)\s+(?:a|an|the)\s+"
       r"(?:former\s+|chief\s+)?spokes(?:man|woman|person)\b[^.;⟦]{0,40}?\b(?:to|for|of)\s+"
       r"(?:(?:⟦\d+⟧\s+)?[\w-]+\s+){0,3}?(?P<o>⟦\d+⟧)(?!\s+(?:leader|commander|chief|head)\s+⟦)", PERSON, ANY),
    _p("y spokesman x", "spokesman_for", r"(?P<o>" + H + r")\s+(?:(?:military|chief|official|senior|top|main)\s+)?"
       r"spokes(?:man|woman|person),?\s+(?:(?-i:[A-Z][\w.]*)\s+){0,3}?(?P<s>⟦\d+⟧)", PERSON, ANY),
    # sibling_of
    _p("x is the brother of y", "sibling_of", r"(?P<s>⟦\d+⟧)\s+(?:is|was)\s+(?:the|a)\s+(?:younger\s+|older\s+|"
       r"elder\s+|half-)?(?:brother|sister)\s+of\s+(?P<o>⟦\d+⟧)", PERSON, PERSON),
    _p("x and his brother y", "sibling_of", r"(?P<s>⟦\d+⟧)\s+and\s+(?:his|her)\s+(?:\w+\s+)?(?:brother|sister)\s+"
       r"(?:,\s*)?(?P<o>⟦\d+⟧)", PERSON, PERSON),
    # splinter_of
    _p("x is a splinter of y", "splinter_of", r"(?P<s>⟦\d+⟧)" + APPOS + r"\s+(?:is|was|are|were)\s+(?:a|an)\s+(?:[\w-]+\s+)?"
       r"(?:splinter(?: group| faction| cell)?|offshoot|breakaway(?: group| faction)?|spin-?off)\b[^.;⟦]{0,60}?"
       r"\b(?:of|from)\s+(?:the\s+)?" + GAP + r"(?P<o>" + H + ")", GROUP, GROUP),
    _p("x split from y", "splinter_of", r"(?P<s>⟦\d+⟧)" + APPOS + r"[^.;⟦]{0,30}?\b(?:split|splintered|broke away|broke off|"
       r"defected)\s+from\s+(?:the\s+)?" + GAP + r"(?P<o>" + H + ")", GROUP, GROUP),
    _p("x, which broke with y", "splinter_of", r"(?P<s>⟦\d+⟧)(?:\s*\([^)]{1,20}\))?,?\s+(?:which|that)\s+(?:[\w-]+\s+)?"
       r"(?:broke|split|parted ways)\s+with\s+(?:the\s+)?(?P<o>" + H + ")", GROUP, GROUP),
    # part_of
    _p("x, the branch of y", "part_of", r"(?P<s>⟦\d+⟧),?\s+(?:(?:is|was|remains)\s+)?(?:the\s+|a\s+|an\s+)?"
       r"(?:[\w-]+\s+){0,3}?(?:branch|wing|"
       r"arm|unit|division|affiliate|franchise|chapter|subsidiary)\s+of\s+(?:the\s+)?(?P<o>" + H + ")", GROUP, GROUP),
    _p("x was part of y", "part_of", r"(?P<s>EL),?\s+(?:which|who)?\s*(?:is|are|was|were|remains?|remain)\s+(?:both\s+|also\s+)?"
       r"(?:a\s+)?(?:part|made up|composed|formed)\s+of\s+(?:(?:elements|members|units|fighters)\s+of\s+)?"
       r"(?:the\s+)?(?P<o>" + H + ")", GROUP, GROUP),
    # allied_with
    _p("y is an alliance that includes x", "part_of", r"(?P<o>⟦\d+⟧)\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
       r"(?:alliance|coalition|umbrella|grouping|federation|front)\b[^.;]{0,80}?\b(?:includes?|including|comprising|"
       r"grouping|made up of|that includes)\s+(?:the\s+)?(?P<s>EL)", GROUP, GROUP),
    _p("x was one of the founding members of y", "part_of", r"(?P<s>⟦\d+⟧)\s+(?:is|was|remains|became)\s+(?:one of the|a|an)\s+"
       r"(?:[\w-]+\s+)?(?:members?|founders|founding members|components?|constituents?)\s+of\s+(?:the\s+)?(?P<o>" + H + ")",
       GROUP, GROUP),
    _p("y, whose armed wing is x", "part_of", r"(?P<o>⟦\d+⟧)(?:\s*\([^)]{1,20}\))?,?\s+whose\s+(?:[\w-]+\s+)?(?:wing|arm|branch|"
       r"force)\s+is\s+(?:the\s+)?(?P<s>⟦\d+⟧)", GROUP, GROUP),
    _p("the y peacekeeping mission, x", "part_of", r"(?P<o>⟦\d+⟧)\s+(?:[\w-]+\s+){0,2}?(?:mission|agency|wing|arm|branch),"
       r"\s+(?:the\s+)?(?P<s>⟦\d+⟧)", GROUP, GROUP),
    _p("x calls itself y's affiliate", "part_of", r"(?P<s>⟦\d+⟧)(?:,\s+(?:which|that)\b[^.;]{0,100}?\band)?\s+(?:also\s+)?"
       r"(?:calls|called|describes|described)\s+itself\s+"
       r"(?:as\s+)?(?:the\s+|an?\s+)?(?P<o>⟦\d+⟧)[’']s?\s+(?:[\w-]+\s+)?(?:affiliate|branch|wing|franchise|province)\b",
       GROUP, GROUP),
    _p("x belongs to y", "part_of", r"(?P<s>EL)" + APPOS + r"\s+(?:belongs?|belonged|has belonged)\s+to\s+(?:the\s+)?"
       r"(?P<o>⟦\d+⟧)", GROUP, GROUP),
    _p("x belongs to y together with z", "part_of", r"\b(?:belongs?|belonged)\s+to\s+(?:the\s+)?(?P<o>⟦\d+⟧)\s+"
       r"(?:together\s+)?(?:with|alongside)\s+(?:the\s+)?(?P<s>EL)", GROUP, GROUP),
    _p("y's x outlet", "part_of", r"(?P<o>⟦\d+⟧)[’']s\s+(?P<s>⟦\d+⟧)\s+(?:outlet|media (?:arm|outlet|wing|office)|wing|arm|"
       r"unit|brigade|battalion|faction|branch|news agency|division|zone|command)\b", GROUP, GROUP),
    _p("y's unit x", "part_of", r"(?P<o>⟦\d+⟧)[’']s\s+(?P<s>⟦\d+⟧)", {"state_force"}, {"state_force", "armed_group"}),
    _p("x and his brother y", "sibling_of", r"(?P<o>⟦\d+⟧)[^.;⟦]{0,40}?\b(?:his|her)\s+(?:younger\s+|older\s+|elder\s+)?"
       r"(?:brother|sister),?\s+(?P<s>⟦\d+⟧)", PERSON, PERSON),
    _p("x cooperates with y", "allied_with", r"(?P<s>EL)[^.;⟦]{0,60}?\b(?:cooperat(?:e|es|ed)|work(?:s|ed)?|"
       r"fight(?:s)?|fought|coordinat(?:e|es|ed)|sided|sides|allied) (?:closely |together )?(?:with|alongside)\s+(?:the\s+)?"
       + GAP + r"(?P<o>EL)", GROUP, GROUP),
    _p("x has ties with y", "allied_with", r"(?P<s>EL)\s+(?:also\s+)?(?:has|have|had|maintains?)\s+(?:deep|close|"
       r"strong|long-standing|longstanding)?\s*(?:ties|links|connections) (?:with|to)\s+(?:the\s+)?" + GAP
       + r"(?P<o>" + H + ")", GROUP, GROUP),
    _p("x of the y", "part_of", r"(?P<s>⟦\d+⟧)[”\"’]?\s+of\s+the\s+(?P<o>⟦\d+⟧)", {"armed_group"}, {"armed_group"}),
    _p("x refers to y as z", "part_of", r"\brefer(?:s|red)? to\s+(?P<s>EL)\s+as\s+(?:the\s+)?[“\"]?(?P<o>⟦\d+⟧)",
       GROUP, GROUP),
    _p("x, one of y's largest backers", "supports", r"(?P<s>EL),\s+(?:one of\s+|a\s+|an\s+|the\s+)?(?:the\s+)?"
       r"(?P<o>⟦\d+⟧)[’']s?\s+(?:[\w-]+\s+){0,3}?(?:backers?|sponsors?|patrons?|suppliers?|donors?|benefactors?)\b",
       ORG, ORG),
    _p("x is the main backer of y", "supports", r"(?P<s>EL)\s+(?:is|was|remains|has been|became)\s+(?:a|an|the|one of the)\s+"
       r"(?:[\w-]+\s+){0,2}?(?:backers?|sponsors?|patrons?|suppliers?|benefactors?)\s+of\s+(?:the\s+)?(?P<o>EL)",
       ORG, ANY),
    _p("x, y's closest ally", "allied_with", r"(?P<s>EL),\s+(?:one of\s+|a\s+|an\s+|the\s+)?(?P<o>⟦\d+⟧)[’']s?\s+"
       r"(?:[\w-]+\s+){0,2}?(?:ally|allies|partner|partners)\b", GROUP | {"government"}, GROUP | {"government"}),
    # sanctioned_by
    _p("x designated y a terrorist group", "sanctioned_by", r"(?P<o>" + H + r")\s+(?:has\s+|had\s+|formally\s+)?"
       r"(?:designated|listed)\s+(?:the\s+)?(?P<s>EL)\s+(?:as\s+)?an?\s+(?:[\w-]+\s+){0,3}?(?:terrorist|terror)\s+"
       r"(?:organi[sz]ation|group|entity)", ANY, {"government", "state_agency", "other"}),
    _p("x sanctioned y", "sanctioned_by", r"(?P<o>" + H + r")\s+(?:has\s+|had\s+)?(?:blacklisted|sanctioned)\s+"
       r"(?:the\s+)?(?P<s>EL)", ANY, {"government", "state_agency", "other"}),
    _p("y was designated a terrorist group by x", "sanctioned_by", r"(?P<s>EL)(?:,?\s+(?:which|who|that))?\s+(?:is|was|"
       r"were|has been|had been)\s+(?:also\s+)?(?:designated|listed|blacklisted|sanctioned)\b[^.;⟦]{0,60}?\bby\s+"
       r"(?:the\s+)?(?:[\w-]+\s*(?:,|and)\s+(?:the\s+)?)?(?P<o>EL)", ANY, {"government", "state_agency", "other"}),
    _p("y is under x sanctions", "sanctioned_by", r"(?P<s>⟦\d+⟧)[^.;⟦]{0,40}?\b(?:is|was|were|has been|had been)\s+"
       r"(?:placed\s+)?under\s+(?:the\s+)?(?P<o>⟦\d+⟧)\s+sanctions\b", ANY, {"government", "state_agency", "other"}),
    # leads, by appointment
    _p("named x as its leader", "leads", r"\b(?:named|appointed|chose|picked|elected|installed)\s+(?P<s>⟦\d+⟧)" + APPOS
       + r"\s+as\s+(?P<o>⟦\d+⟧)[’']?s?\s+(?:new\s+)?" + ROLE_LEAD, PERSON, GROUP | {"government"}),
    # part_of, by command
    _p("y under the command of x (groups)", "part_of", r"(?P<s>⟦\d+⟧)[^.;⟦]{0,40}?\b(?:under|reports? to)\s+the\s+"
       r"(?:command|authority|control)\s+of\s+(?:the\s+)?(?P<o>⟦\d+⟧)", {"state_force", "armed_group", "state_agency"},
       {"state_force", "state_agency", "government", "armed_group"}),
    _p("the y's x (part)", "part_of", r"(?P<o>⟦\d+⟧)[’']s\s+(?P<s>⟦\d+⟧)", {"other", "state_agency"},
       {"government", "state_force", "armed_group"}),
    # front_for
    _p("y uses x as a cover", "front_for", r"(?P<o>" + H + r")\s+(?:also\s+)?(?:uses|used|using|has used|have used)\s+"
       r"(?P<s>⟦\d+⟧)\s+(?:as\s+(?:a|an|its|their)\s+(?:[\w-]+\s+)?(?:cover|front|shield|fa[cç]ade|conduit)|"
       r"to\s+(?:shield|hide|conceal|mask|cover|disguise|launder))\b", ORG, ORG),
    _p("x, a front for y", "front_for", r"(?P<s>⟦\d+⟧),?\s+(?:(?:is|was|serves as|served as|acts as|acted as)\s+)?"
       r"(?:a|an|the)\s+(?:[\w-]+\s+)?(?:front|cover|shell)(?:\s+(?:company|organi[sz]ation|group))?\s+(?:for|of)\s+"
       r"(?:the\s+)?(?P<o>" + H + ")", GROUP, ORG),
    _p("x is regarded as a front for y", "front_for", r"\b(?:regard|regards|regarded|consider|considers|considered|see|sees|"
       r"describe|describes|described|view|views|viewed)\s+(?:the\s+)?(?P<s>⟦\d+⟧)\s+as\s+(?:a|an|the)\s+(?:[\w-]+\s+)?"
       r"(?:front|cover|proxy)\s+(?:for|of)\s+(?:the\s+)?(?P<o>" + H + ")", GROUP, ORG),
    _p("x is regarded as a front for y", "front_for", r"(?P<s>⟦\d+⟧)\s+(?:is|was|are|were|has been)\s+(?:widely\s+|"
       r"generally\s+|often\s+)?(?:regarded|considered|seen|described|viewed)\s+as\s+(?:a|an|the)\s+(?:[\w-]+\s+)?"
       r"(?:front|cover|proxy)\s+(?:for|of)\s+(?:the\s+)?(?P<o>" + H + ")", GROUP, ORG),
    # member_of, part_of of organisations a report describes
    _p("x works for y", "member_of", r"(?P<s>⟦\d+⟧)\s+(?:works|worked|working|had worked|has worked)\s+for\s+"
       r"(?:the\s+)?(?P<o>" + H + ")", PERSON, GROUP),
    _p("x within y", "part_of", r"(?P<s>⟦\d+⟧)\s+(?:within|inside)\s+(?:the\s+)?(?P<o>" + H + ")",
       {"company", "other"}, GROUP),
    _p("x allied with y", "allied_with", r"(?P<s>EL)[,]?\s+(?:an?\s+)?(?:ally of|allied (?:with|to)|in alliance with|"
       r"affiliated with|associated with|loyal to)\s+(?:the\s+)?" + GAP + r"(?P<o>" + H + ")", GROUP, GROUP),
]
_SANCTIONS = re.compile(r"(?P<o>⟦\d+⟧)\s+(?:has|have|had)?\s*(?:imposed|placed|slapped)\s+sanctions\s+on\b", re.I)
_PH = re.compile(r"⟦(\d+)⟧")


def _compile():
    out = []
    for p in PATTERNS:
        pattern = p.rx.pattern.replace("EL", EL).replace("(?P<o>", "[“\"‘]?(?P<o>")   # a quoted name: “Secret Cells”
        rx = re.compile(pattern, re.I)
        out.append(Pattern(p.name, p.predicate, rx, p.subj_kinds, p.obj_kinds, p.inverse))
    return out


_COMPILED = _compile()


def extract_relations(dm: DocMentions) -> list[Relation]:
    rels: dict[tuple[str, str, str], Relation] = {}
    prev_groups: list = []
    prev_subject = None
    for sent in dm.sentences:
        mentions = [x for x in dm.in_sentence(sent.index) if _relation_mention(x, dm.sentences[sent.index].span)
                    and x.kind != "place"]      # places take no part in relations; their words stay text
        m = _expand_plural_anaphora(mask(sent.span, mentions, []), prev_groups, prev_subject)
        m.text = _DASH_ASIDE.sub(" ", m.text)      # "the rogue units – so called by MNF-I – cooperate with"
        named_here = _groups_named(m, mentions)
        prev_groups = named_here or prev_groups
        # "its" at the start of the next sentence: the group just named, else the subject just named
        prev_subject = named_here[0] if named_here else next((x for x in m.mentions if x.kind in _ITS_KINDS), None)
        if len(m.mentions) < 2 and "sanction" not in m.text:
            continue                     # a relation needs two parties
        for pat in _COMPILED:
            for hit in pat.rx.finditer(m.text):
                subjects = _heads(m, hit.group("s"), pat.name.startswith("y leader") or "'s y" in pat.name)
                for s in subjects:
                    for o in _heads(m, hit.group("o"), False):
                        if o.key not in {x.key for x in subjects}:      # "Both were part of the same ..."
                            _keep(rels, m, pat, s, o)
        for hit in _SANCTIONS.finditer(m.text):
            by = m.mention(_PH.findall(hit.group("o"))[-1])
            rest = m.text[hit.end():]
            for k in _PH.findall(rest):
                target = m.mention(k)
                if target.kind == "person":
                    _add(rels, target.key, "sanctioned_by", by.key, m, "pattern:imposed sanctions on")
    _relations_inside_names(rels, dm)
    _titled_leaders(rels, dm)
    _victim_relations(rels, dm)
    return list(rels.values())


_DASH_ASIDE = re.compile(r"\s[–—]\s[^–—.;]{1,160}?\s[–—]\s")
_EXAMPLES = re.compile(r"\b(?:such as|including|like)\b")


def _groups_named(m: Masked, mentions: list) -> list:
    """Groups a later "these groups" can mean: after "such as"/"including" when the sentence lists examples."""
    cue = _EXAMPLES.search(m.text)
    groups = [x for x in mentions if x.kind == "armed_group"]
    if cue:
        after = [m.mentions[int(k)] for k in _PH.findall(m.text[cue.end():])]
        listed = [x for x in after if x.kind == "armed_group"]
        return listed or groups
    return groups


_PLURAL_ANAPHOR = re.compile(r"\b[Tt]hese (?:terror |militant |armed )?(?:groups|networks|militias|organi[sz]ations|cells|"
                             r"gangs|factions|federations)\b|^Both(?= (?:are|were|have|had|remain)\b)")


def _relation_mention(m, sent_span) -> bool:
    """Demonyms count only where they name a backer ("Iranian-backed")."""
    if not m.basis.endswith("adjective"):
        return True
    after = sent_span.text[m.span.end - sent_span.start:][:12]
    return bool(re.match(r"\s*-?\s*(?:backed|funded|sponsored|supported|trained|armed|supplied)", after))


def _expand_plural_anaphora(m: Masked, prev_groups: list, prev_subject=None) -> Masked:
    """"These networks" stands for the groups of the previous sentence; "its" for the nearest group."""
    m = _expand_its(m, prev_groups, prev_subject)
    if not prev_groups or not _PLURAL_ANAPHOR.search(m.text):
        return m
    seen, refs = set(), []
    for g in prev_groups:
        if g.key not in seen:
            seen.add(g.key)
            refs.append(f"⟦{len(m.mentions)}⟧")
            m.mentions.append(g)
    m.text = _PLURAL_ANAPHOR.sub(" and ".join(refs), m.text, count=1)
    return m


_ITS = re.compile(r"\b[Ii]ts\b")


_ITS_KINDS = ("armed_group", "state_force", "government")


def _expand_its(m: Masked, prev_groups: list, prev_subject=None) -> Masked:
    """"its": the nearest force or group before it in the sentence; at the start of a sentence,
    the subject of the one before ("The military ... has ruled since 2021. Its leader, ...")."""
    out, last = [], 0
    for hit in _ITS.finditer(m.text):
        before = [int(k) for k in _PH.findall(m.text[:hit.start()])
                  if m.mentions[int(k)].kind in ("armed_group", "state_force")]
        fallback = prev_subject if prev_subject is not None else (prev_groups[-1] if prev_groups else None)
        ref = m.mentions[before[-1]] if before else fallback
        if ref is None:
            continue
        out.append(m.text[last:hit.start()])
        out.append(f"⟦{len(m.mentions)}⟧")
        m.mentions.append(ref)
        last = hit.end()
    if out:
        out.append(m.text[last:])
        m.text = "".join(out)
    return m


def _heads(m: Masked, text: str, first_only: bool):
    """Mentions a slot names: each list item's head (the last placeholder of a possessive)."""
    items = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?:the\s+)?|\s*/\s*|\s+as well as\s+(?:the\s+)?", text)
    out = []
    for item in items:
        phs = _PH.findall(item)
        if phs:
            out.append(m.mention(phs[0] if first_only else phs[-1]))
    return out


def _keep(rels, m: Masked, pat: Pattern, s, o) -> None:
    if s.key == o.key or s.kind not in pat.subj_kinds or o.kind not in pat.obj_kinds:
        return
    if s.kind == "place" or o.kind == "place":
        return
    _add(rels, s.key, pat.predicate, o.key, m, f"pattern:{pat.name}")


def _add(rels, s: str, pred: str, o: str, m: Masked, basis: str) -> None:
    key = (s, pred, o)
    if key not in rels:
        rels[key] = Relation(subject=s, predicate=pred, object=o, quote=m.span.text, span=m.span, basis=basis)


_VICTIM_VERB = r"(captured|detained|arrested|seized|abducted|kidnapped|killed|assassinated|released|freed)"
_PASSIVE = re.compile(r"⟦(\d+)⟧(?:\s*,[^,;.]{0,60},|(?<=,\s⟦\d⟧),|(?<=,\s⟦\d\d⟧),)?\s+(?:was|were|had been|has been|have been)\s+"
                      r"(?:[\w-]+\s+){0,5}?" + _VICTIM_VERB + r"\b", re.I)      # "X was among the men detained"
_ACTIVE = re.compile(r"\b" + _VICTIM_VERB + r"\s+(?:him\s+and\s+|her\s+and\s+)?(?:(?!by\b)[\w’'⟦⟧-]+,?\s+){0,5}?"
                     r"⟦(\d+)⟧", re.I)                                           # "detained Laith and Qais"
_INVERTED = re.compile(r"\b" + _VICTIM_VERB + r"\b[^.;⟦]{0,50}?\b(?:was|were)\s+⟦(\d+)⟧", re.I)
_AMONG_THEM = re.compile(r"\b" + _VICTIM_VERB + r"\b[^.;]{0,80}?\b(?:among them|including)\s+(?:[\w⟦⟧-]+,?\s+){0,8}?"
                         r"⟦(\d+)⟧", re.I)
_AMONG_LIST = re.compile(r"^\s*among (?:those|them|the men)\s+" + _VICTIM_VERB + r"\s+(?:are|were|was|is)\b", re.I)
_ANY_VICTIM_VERB = re.compile(r"\b" + _VICTIM_VERB + r"\b", re.I)
_CLAUSE_START = re.compile(r".*(?:[;:]|\b(?:when|after|while|as|because|before|although|though|whereas)\b)\s*",
                           re.I | re.S)
_PREDICATE_OF = {"killed": "killed_by", "assassinated": "killed_by", "released": "released_by", "freed": "released_by"}
_SPEAKS = re.compile(r"^,?\s*(?:(?!(?:was|were|been)\b)[\w-]+\s+){0,2}?(?:said|says|told|announced|stated|added)\b"
                     r"(?!\s+by)", re.I)
_ACTOR_KINDS = {"armed_group", "state_force", "state_agency", "government"}


def _victim_relations(rels, dm: DocMentions) -> None:
    """Named people captured, killed or released, and by whom, read from the clause that says so."""
    prev_actors: list = []
    for sent in dm.sentences:
        m = mask(sent.span, dm.in_sentence(sent.index), [])
        actors_here: list = []
        listed = _AMONG_LIST.match(m.text)
        if listed:
            pred = _PREDICATE_OF.get(listed.group(1).lower(), "captured_by")
            for part in m.text.split(";"):
                persons = [m.mention(k) for k in _PH.findall(part) if m.mention(k).kind == "person"]
                for a in prev_actors if persons else []:
                    _add(rels, persons[0].key, pred, a.key, m, "victim:among those " + listed.group(1).lower())
            continue
        for rx, side in ((_PASSIVE, "after"), (_ACTIVE, "before"), (_INVERTED, "previous"), (_AMONG_THEM, "before")):
            for hit in rx.finditer(m.text):
                verb = next(g for g in hit.groups() if g and not g.isdigit()).lower()
                ref = next(g for g in hit.groups() if g and g.isdigit())
                if rx is _AMONG_THEM and m.mention(ref).kind != "person":
                    later = [k for k in _PH.findall(m.text[hit.end():hit.end() + 90])
                             if m.mention(k).kind == "person"]          # "among them a ⟦Taliban⟧ governor, ⟦X⟧"
                    ref = later[0] if later else ref
                victim = m.mention(ref)
                after = m.text[m.text.find(f"⟦{ref}⟧") + len(ref) + 2:]
                if victim.kind != "person" or _SPEAKS.match(after):
                    continue
                verb_at = hit.start() + hit.group(0).lower().find(verb)
                if side == "before":
                    actors = _clause_actors(m, verb_at)
                    if not actors and _PRONOUN_SUBJECT.search(m.text[:verb_at]):
                        actors = _clause_actors(m, verb_at, whole=True)   # "the US military ... when it detained"
                elif side == "after":
                    actors = _actors_after(m, verb_at + len(verb))
                else:
                    actors = []
                if not actors and verb not in ("killed", "assassinated") and side != "before" \
                        and (side == "previous" or "among" in hit.group(0).lower() or verb in ("released", "freed")):
                    actors = list(prev_actors)      # "was among the men detained": the raid's forces
                actors_here = actors_here or actors
                pred = _PREDICATE_OF.get(verb, "captured_by")
                for a in actors:
                    key = _military_of(a) if pred == "killed_by" else a.key
                    if key != victim.key:
                        if key in _dictionary().actors:
                            dm.ensure_actor(_dictionary().actors[key], _dictionary().actors[key].name,
                                            "dictionary:armed forces of a state")
                        _add(rels, victim.key, pred, key, m, f"victim:{verb}")
        if not actors_here:
            verb = _ANY_VICTIM_VERB.search(m.text)
            actors_here = _clause_actors(m, verb.start()) if verb else []
        prev_actors = actors_here or prev_actors


_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:[\w-]+\s+){0,2}$", re.I)


_HEAD_TITLE = re.compile(r"\b(?:[Tt]he\s+)?(?:(?P<adj>[A-Z][\w-]+)\s+)?(?:government|administration)\s+of\s+"
                         r"(?:(?:the\s+)?(?:late\s+)?)?(?:President|Prime Minister|Premier|Chancellor)\s+$")
_NOT_SITTING = re.compile(r"\b(?:former|ex-|late|then|Vice|vice|deputy|Deputy|acting|interim)\s+(?:[A-Z][\w-]+\s+)?$")


def _titled_leaders(rels, dm: DocMentions) -> None:
    """"The government of Prime Minister Abiy Ahmed": the head of government leads the government
    of the country named with it, else of the country the report is about.  A bare "President X"
    is left alone: reports name foreign heads of state that way too, and annotators differ."""
    from ratline.mentions.dictionary import default_dictionary

    dictionary = default_dictionary()
    body_of = {s.index: s.span for s in dm.sentences}
    for m in dm.mentions:
        if m.kind != "person":
            continue
        span = body_of[m.sentence]
        before = span.text[max(0, m.span.start - span.start - 40):m.span.start - span.start]
        hit = _HEAD_TITLE.search(before)
        if not hit or _NOT_SITTING.search(before[:hit.start("adj") if hit.group("adj") else hit.start()]):
            continue
        state = None
        if hit.group("adj"):
            state = next((a for a in dictionary.actors.values() if a.type == "government"
                          and (hit.group("adj") in a.adjectives or hit.group("adj") == a.name)), None)
            if state is None and hit.group("adj") not in ("The", "the", "A", "An", "Former"):
                continue                  # a qualifier we cannot place ("Palestinian Authority President")
        countries = [x for x in dm.in_sentence(m.sentence) if x.kind == "government"
                     or (x.kind == "place" and getattr(dm.places.get(x.key), "feature", "") == "country")]
        if state is None and dm.theatre and not countries and "government of" in hit.group(0).lower():
            state = next((a for a in dictionary.actors.values() if a.type == "government"
                          and a.country == dm.theatre and a.adjectives), None)
        if state is None:
            continue
        dm.ensure_actor(state, state.name, "dictionary:government a titled person leads")
        _add(rels, m.key, "leads", state.id, mask(span, [], []), "title:head of state or government")


def _dictionary():
    from ratline.mentions.dictionary import default_dictionary

    return default_dictionary()


def _military_of(m) -> str:
    """"killed in an Israeli airstrike": a state named by its adjective kills through its armed
    forces, so the edge goes to them when the dictionary knows them."""
    if m.kind != "government" or not m.basis.endswith("adjective"):
        return m.key
    return _dictionary().military_of(m.key) or m.key


def _clause_actors(m: Masked, pos: int, whole: bool = False) -> list:
    """Actors in the clause that ends at ``pos`` ("when a US drone killed ...": the US); with
    ``whole``, in the sentence up to ``pos`` (the antecedent of "when it detained ...")."""
    head = m.text[:pos]
    cut = None if whole else _CLAUSE_START.match(head)
    start = cut.end() if cut else 0
    out = []
    for k, x in enumerate(m.mentions):
        at = m.text.find(f"⟦{k}⟧")
        modifier = re.match(r"\.?-(?:led|backed|based|trained)\b", m.text[at + len(f"⟦{k}⟧"):])
        if start <= at < pos and x.kind in _ACTOR_KINDS and not modifier and x.key not in [o.key for o in out]:
            out.append(x)       # "the U.S.-led coalition killed": the coalition, not the US
    return out


def _actors_after(m: Masked, pos: int) -> list:
    """"were killed in a joint Iraqi and U.S. operation", "was captured by Afghan forces"."""
    tail = m.text[pos:pos + 90]
    hit = re.match(r"\s+(?:(?:by|in|during)\s+(?:the\s+|a\s+|an\s+)?(?:joint\s+)?)((?:⟦\d+⟧|and|[\w.-]+|\s)+?)"
                   r"\s*(?:operation|raid|strike|airstrike|offensive|ambush|attack|forces|troops|drone)?\b", tail, re.I)
    if not hit:
        return []
    out = []
    for k in _PH.findall(hit.group(1)):
        x = m.mention(k)
        if x.kind in _ACTOR_KINDS and x.key not in [o.key for o in out]:
            out.append(x)
    return out


_BACKED_PREFIX = re.compile(r"^(\w+)[- ](?:backed|funded|sponsored|trained)\b", re.I)


def _relations_inside_names(rels, dm: DocMentions) -> None:
    """A dictionary name can itself state a relation: "Iranian-backed elements of the Mahdi Army";
    so can the description of an unnamed person: "a senior Qods Force officer" is a member."""
    from ratline.mentions.dictionary import alias_key, default_dictionary

    dictionary = default_dictionary()
    for m in dm.mentions:
        if m.basis == "pattern:unnamed-person":
            inner = [x for x in dm.mentions if x.sentence == m.sentence and x.kind in ("armed_group", "state_force",
                                                                                       "state_agency")
                     and m.span.start <= x.span.start and x.span.end <= m.span.end]
            for org in inner[-1:]:
                _add(rels, m.key, "member_of", org.key, mask(dm.sentences[m.sentence].span, [], []),
                     "name:role in a named force")
            continue
        if m.basis.startswith(("pattern:unit-of:", "pattern:apposed-unit-of:")):
            parent = m.basis.rsplit(":", 1)[1]
            _add(rels, m.key, "part_of", parent, mask(dm.sentences[m.sentence].span, [], []), "name:unit of a force")
            continue
        actor = dictionary.actors.get(m.key)
        if actor is None or not m.basis.startswith("dictionary"):
            continue
        surface = alias_key(m.span.text)
        sent = dm.sentences[m.sentence].span
        masked = mask(sent, [], [])
        parent = dictionary.actors.get(actor.parent) if actor.parent else None
        if parent is not None and len(surface) > 2:
            for form in [parent.name, *parent.aliases]:
                key = alias_key(form)
                if key and _contains_seq(surface, key):
                    dm.ensure_actor(parent, form, "dictionary:inside another name")
                    _add(rels, actor.id, "part_of", parent.id, masked, "name:contains parent")
                    break
        hit = _BACKED_PREFIX.match(m.span.text)
        if hit:
            for other in dictionary.actors.values():
                forms = [alias_key(a) for a in other.adjectives + [other.name]]
                if alias_key(hit.group(1)) in forms and other.id != actor.id:
                    dm.ensure_actor(other, hit.group(1), "dictionary:inside another name")
                    _add(rels, other.id, "supports", actor.id, masked, "name:x-backed")
                    break


def _contains_seq(seq: tuple, sub: tuple) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


_UNTIL = re.compile(r"\b(?:up\s+)?(?:until|till|through)\s+(?:his|her|its|their|the)?\s*(?:[\w-]+\s+){0,2}?(?:in\s+)?$",
                    re.I)
_NOW = re.compile(r"\b(?:is|are)\s+(?:now|currently|still)\b|\bnow\s+(?:led|headed|commanded|said to be)\b", re.I)
_FORMER = re.compile(r"\b(?:former|ex-|was (?:a |the )?(?:former )?(?:commander|leader|head|spokesman|member))", re.I)


def date_relations(relations: list[Relation], base, find_dates) -> None:
    """Dates of the relations themselves: "up until his capture in 2007", "now said to be under
    the command of", "the former commander" — read from the relation's own sentence."""
    for r in relations:
        if r.basis.startswith("victim:") or r.basis.startswith("event:"):
            refs = [d for d in find_dates(r.quote, base, r.span.start, None) if d.date and not d.since]
            if refs:
                r.date, r.date_precision = refs[0].date, refs[0].precision
            continue
        for d in find_dates(r.quote, base, r.span.start, None):
            if not d.date:
                continue
            before = r.quote[:d.span.start - r.span.start]
            if _UNTIL.search(before):
                r.until = d.date
            elif d.since:
                r.since = d.date
        if r.since is None and base is not None and _NOW.search(r.quote):
            r.since = base.isoformat()       # true as of the report

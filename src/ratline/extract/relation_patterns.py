"""The sentence shapes that state a relation, written over masked sentences.

This module exists so that the long, ordered list of patterns (and the small
vocabulary they are built from: ``H`` a head, ``EL`` a list of heads, ``APPOS``
an aside, the kinds of actor each slot accepts) can be read and extended apart
from the driver that runs them (``extract/relations.py``).  The list's order
matters: the first pattern to state a relation gives it its quote and basis.

It also holds the one way every relation pass records an edge (``_add``), so
the passes in ``extract/victim_relations.py`` and ``extract/named_relations.py``
share it without importing the driver.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ratline.extract.masking import Masked
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
    # "the pro-Hizbollah Al-Manar TV": what is written pro-X takes X's side
    _p("pro-y x", "supports", r"\bpro-(?P<o>⟦\d+⟧)\s+(?:[\w-]+\s+){0,2}?(?P<s>⟦\d+⟧)", GROUP, ORG - {"government"}),
    # "the pro-Iran Islamic Jihad", "pro-Russia rebels": a state a group is "pro" backs it
    _p("pro-state x", "supports", r"\bpro-(?P<s>⟦\d+⟧)\s+(?:[\w-]+\s+){0,2}?(?P<o>⟦\d+⟧)", {"government"}, GROUP),
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
    # "Taliban commander X" is one of its commanders; its "top commander" leads it
    _p("y leader x", "leads", r"(?<!deputy\s)(?<!vice\s)(?<!assistant\s)(?P<o>" + H + r")\s+(?:former\s+|founder-|new\s+)?"
       r"(?:(?:top|supreme|overall)\s+commander|(?:top\s+)?(?:leader|chief|head|founder|emir|chairman|boss))"
       r",?\s+(?:(?-i:[A-Z])[\w.]*\s+){0,3}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("y commander x", "member_of", r"(?<!deputy\s)(?<!the\s)(?P<o>" + H + r")\s+(?:former\s+|senior\s+|local\s+|"
       r"field\s+|military\s+)?commander,?\s+(?:(?-i:[A-Z])[\w.]*\s+){0,3}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("x, the leader of y", "leads", r"(?P<s>⟦\d+⟧),\s+(?:the\s+)?(?:former\s+|top\s+|overall\s+|then\s+|"
       r"supreme\s+|self-styled\s+)?" + ROLE_LEAD + r"\s+of\s+(?:the\s+)?(?P<o>" + H + ")", PERSON, GROUP),
    _p("x, the former y commander", "leads", r"(?P<s>⟦\d+⟧),\s+(?:the|a)\s+(?:former\s+|top\s+)?(?P<o>" + H + r")\s+"
       + ROLE_LEAD + r"\b", PERSON, GROUP),
    _p("x was commander of y", "leads", r"(?P<s>⟦\d+⟧)\s+(?:was|is|has been|became|had been)\s+(?:the\s+)?[“\"]?"
       r"(?:[\w-]+\s+)?" + ROLE_LEAD + r"\s+of\s+(?:the\s+)?(?P<o>" + H + ")", PERSON, GROUP),
    _p("y under the command of x", "leads", r"(?P<o>⟦\d+⟧)[^.;⟦]{0,40}?\bunder the (?:command|leadership|control) of\s+"
       r"(?P<s>⟦\d+⟧)", PERSON, GROUP),
    # "the SPLA-IO under First Vice President Riek Machar", "fighters under Commander X"
    _p("y under x", "leads", r"(?P<o>⟦\d+⟧)\s+(?:forces\s+|fighters\s+|troops\s+|faction\s+)?under\s+"
       r"(?:(?-i:[A-Z][\w.-]*)\s+){0,4}?(?P<s>⟦\d+⟧)", PERSON, GROUP),
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
    # "Brigadier General Gadissa Diro of the Ethiopian military", "Commander X of the KNLA"
    _p("x of the y", "member_of", r"(?P<s>⟦\d+⟧)\s+of\s+the\s+(?P<o>⟦\d+⟧)(?!\s*[’'-])", PERSON,
       {"armed_group", "state_force"}),
    _p("x is a member of y", "member_of", r"(?P<s>⟦\d+⟧)\s+(?:is|was|has been|had been)\s+(?:(?:described|"
       r"identified|named) as\s+)?[“\"]?(?:a|an)\s+(?:[\w-]+\s+){0,3}?" + ROLE_MEMBER + r"\s+(?:of|in)\s+(?:the\s+)?"
       r"(?P<o>" + H + ")", PERSON, GROUP),
    _p("a y member named x", "member_of", r"\b(?:an?|the)\s+(?:[\w-]+\s+)?(?P<o>" + H + r")\s+(?:member|fighter|"
       r"militant|commander|operative|cadre)\s+(?:named|identified as|called|known as)\s+(?P<s>⟦\d+⟧)", PERSON, GROUP),
    _p("x, from the y", "member_of", r"(?P<s>⟦\d+⟧),\s+from\s+(?:the\s+)?(?P<o>" + H + r")\s*(?:,|said|told)",
       PERSON, GROUP),
    _p("x, the deputy commander of y", "member_of", r"(?P<s>⟦\d+⟧),\s+(?:(?:the|a)\s+)?(?:deputy|second-in-command|"
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
    _p("x, a y spokesman", "spokesman_for", r"(?P<s>⟦\d+⟧),\s+(?:(?:a|an|the)\s+)?(?:former\s+|chief\s+|senior\s+)?"
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
    _p("brothers x and y", "sibling_of", r"\b(?:brothers|sisters|siblings)\s+(?P<s>⟦\d+⟧)\s+and\s+(?P<o>⟦\d+⟧)",
       PERSON, PERSON),
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
    # "the Chadian army had deployed 1,500 troops ... as part of the G5 Sahel"
    _p("x did it as part of y", "part_of", r"(?P<s>⟦\d+⟧)(?:(?!\b(?:and|but|while|as well)\b)[^.;⟦]){0,80}?\bas\s+(?:a\s+)?part\s+of\s+"
       r"(?:the\s+)?(?P<o>" + H + ")", GROUP, GROUP),
    # "Kataib Hizbullah, one of several Shi'ite militias known collectively as the Popular Mobilization Forces"
    _p("x, one of the groups known as y", "part_of", r"(?P<s>⟦\d+⟧),?\s+one\s+of\s+[^.;⟦]{0,60}?\b(?:known|referred to)\s+"
       r"(?:collectively\s+)?as\s+(?:the\s+)?(?P<o>⟦\d+⟧)", GROUP, GROUP),
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
       r"(?:also\s+)?(?:designated|listed|deemed|declared|labell?ed|branded|classified)\s+(?:the\s+)?(?P<s>EL)\s+(?:as\s+)?an?\s+(?:[\w-]+\s+){0,3}?(?:terrorist|terror)\s+"
       r"(?:organi[sz]ation|group|entity)", ANY, {"government", "state_agency", "other"}),
    _p("x sanctioned y", "sanctioned_by", r"(?P<o>" + H + r")\s+(?:has\s+|had\s+)?(?:blacklisted|sanctioned)\s+"
       r"(?:the\s+)?(?P<s>EL)", ANY, {"government", "state_agency", "other"}),
    # "the Treasury targeted X ... for aiding", "took similar actions against X": an agency's measures
    _p("x targeted y for aiding", "sanctioned_by", r"(?P<o>⟦\d+⟧)\s+(?:has\s+|had\s+|also\s+)?targeted\s+(?:the\s+)?(?P<s>EL)"
       r"[^.;]{0,200}?\bfor\s+(?:aiding|supporting|providing|financing|funding|helping|acting)\b", ANY, {"state_agency"}),
    _p("x took actions against y", "sanctioned_by", r"(?P<o>⟦\d+⟧)\s+(?:has\s+|had\s+|also\s+)?(?:took|taken|imposed)\s+"
       r"(?:similar\s+|new\s+|further\s+)?(?:actions?|sanctions|measures)\s+(?:against|on)\s+(?:the\s+)?(?P<s>EL)",
       ANY, {"government", "state_agency", "other"}),
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
_PH = re.compile(r"⟦(\d+)⟧")


def _compile():
    out = []
    for p in PATTERNS:
        pattern = p.rx.pattern.replace("EL", EL).replace("(?P<o>", "[“\"‘]?(?P<o>")   # a quoted name: “Secret Cells”
        rx = re.compile(pattern, re.I)
        out.append(Pattern(p.name, p.predicate, rx, p.subj_kinds, p.obj_kinds, p.inverse))
    return out


_COMPILED = _compile()


def _keep(rels, m: Masked, pat: Pattern, s, o) -> None:
    if s.key == o.key or s.kind not in pat.subj_kinds or o.kind not in pat.obj_kinds:
        return
    if s.kind == "place" or o.kind == "place":
        return
    if o.basis == "pattern:led-force" and pat.predicate == "leads":
        return               # "the US-led coalition": a force named by its leader, whose name says it
    _add(rels, s.key, pat.predicate, o.key, m, f"pattern:{pat.name}")


def _add(rels, s: str, pred: str, o: str, m: Masked, basis: str) -> None:
    key = (s, pred, o)
    if key not in rels:
        rels[key] = Relation(subject=s, predicate=pred, object=o, quote=m.span.text, span=m.span, basis=basis)

"""All mentions of one document, and the document's entities they point to.

Dictionary actors first (they win overlaps), then coordinated group names
("the Qazali and Sheibani networks"), then unknown names; single capitalised
words are linked back to a person already named in full ("Danielson" ->
"Major Winfield Danielson"), and spelling variants of one person are joined
("Al Hifi" / "Al Hilfi") — never two people who only share a surname.
"""
from __future__ import annotations

from bisect import bisect_right

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ratline.mentions.described import (apposed_units, combined_forces, owned_organisations,
                                        unnamed_organisations)
from ratline.mentions.dictionary import ActorDictionary, alias_key, default_dictionary
from ratline.mentions.names import NameHit, find_names, name_lists_raw
from ratline.mentions.text import Token, split_sentences, tokenize
from ratline.schema import Document, Entity, Mention, Span

_COORD_PLURAL = re.compile(
    r"\b(?:the\s+)?([A-Z][\w’'-]+)(?:\s+and\s+(?:the\s+)?|\s*/\s*)([A-Z][\w’'-]+)\s+"
    r"(networks|groups|brigades|militias|cells|factions|battalions|fronts)\b"
)
_ELLIPTIC = re.compile(r"\b(?P<list>(?:[A-Z][\w.]*[A-Za-z]\.?,\s+)*)(?P<last>[A-Z][\w.]*[A-Za-z]\.?),?\s+and\s+"
                       r"(?:[A-Z][\w.]*\s+)?(?P<noun>(?:[Ss]ecurity\s+|[Ss]pecial\s+)?(?:[Ff]orces|[Tt]roops)|military|"
                       r"soldiers|police)\b")
_LIST_ITEM = re.compile(r"([A-Z][\w.]*[A-Za-z]\.?),\s+")
_ROLE = re.compile(r"\b(?:the|The)\s+((?:(?-i:[A-Z])[a-z]+\s+)?(?P<role>prime minister|president|defen[cs]e minister|"
                   r"interior minister|foreign minister|governor|army chief|chief of staff|vice president))\b")
_ROLE_NOUNS = r"(?:officer|agent|operative|commander|official|facilitator|suspect|financier|courier|bomb-?maker|recruiter)"
_UNNAMED_INTRO = re.compile(r"\b(?:a|an)\s+(?P<np>(?P<mods>(?:(?:senior|top|junior|former|suspected|alleged|mid-level|"
                            r"high-ranking|[A-Z][\w’'-]*)\s+){1,5})" + _ROLE_NOUNS + r")\b"
                            r"(?!\s*,?\s+(?:named|called|identified|known)\b)(?!\s+[A-Z])"
                            r"(?!\s*,\s+(?:[A-Z][\w’'-]+\s+){1,4}(?:al-|bin\s|ibn\s)?[A-Z])")   # ", Abu Khalid al-Zawi"
_UNNAMED_BACK = re.compile(r"\b(?:[Tt]he)\s+(?:(?:[A-Z][\w’'-]*|senior|suspected|alleged)\s+){0,3}" + _ROLE_NOUNS + r"\b")
_NAMED_AS = re.compile(r"\b(?:named|identified)\s+(?:the\s+(?:[\w-]+\s+){0,2}?" + _ROLE_NOUNS + r"|him|her)\s+as\s+")
_COUNTED_NATIONALS = re.compile(r"\b(?i:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                                r"dozens of|several|hundreds of)\s+(?P<pl>[A-Z][a-z]+)\b")
_VICTIM_GROUP = re.compile(r"(?:\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?"
                           r"(?P<adj>[A-Z][a-z]+)\s+(?:hostages|citizens|nationals|captives|civilians|aid workers|"
                           r"journalists|contractors|tourists|engineers|workers)\b")
_FIGHTER_NOUN = re.compile(r"^\s+(?:fighters?|militiam[ae]n|members?|gunm[ae]n|commanders?|leaders?|militants?|loyalists|"
                           r"cells?|units|forces|troops|operatives?|facilitators?|financiers?|officials?|spokesman|"
                           r"emir|governor|network)\b")
_SUBGROUP_BEFORE = re.compile(r"(?:\b(?:(?!(?:and|or|of|the|by|with|from|to|in|on|at|including|such|like|as|among|especially|namely)\b)[\w’'-]+\s+)?(?P<kind>element\s?s|elements|factions?|wing)\s+of\s+"
                              r"(?:his|her|its|their|the|[A-Z][\w’'-]+(?:’s|'s))?\s*"
                              r"|(?P<rogue>[“\"‘]?rogue[”\"’]?)\s+)$")
_SUBGROUP_AFTER = re.compile(r"\s+(?:cells|units|elements|factions)\b")
_THE_FORCE = re.compile(r"\b(?:(?:the|The)\s+(army|military|police|navy|air force|junta|regime)\b(?!\s+of\b)"
                        r"|(?<![\w’'-])(?<!\bits\s)(?<!\btheir\s)(?<![’']s\s)"        # "its army chief": another state's
                        r"([Aa]rmy|[Mm]ilitary|[Rr]egime|[Jj]unta|[Pp]olice|[Nn]avy|[Gg]overnment(?=\s+spokes))\s+(?=warplanes|aircraft|jets|drones|"
                        r"helicopters|troops|soldiers|artillery|gunboats|units\b|spokes(?:man|woman|person)\b|"
                        r"chief\b|commanders?\b|officials?\b|officers?\b))"
                        r"|(?:^|(?<=\bthe\s)|(?<=\bThe\s)|(?<=\bsaid\s)|(?<=\bthat\s)|(?<=\band\s)|(?<=\bof\s)"
                        r"|(?<=\bby\s)|(?<=\bas\s)|(?<=\bwith\s))(troops|soldiers)\b(?!\s+(?:of|from)\b)")
_GENERIC_FIGHTERS = re.compile(r"\b(?:the\s+)?(insurgents|militants|jihadists|rebels|extremists|terrorists|guerrillas|"
                               r"gunmen)\b", re.I)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_UNIT_NOUNS = {"division", "brigade", "battalion", "regiment", "corps", "company", "squadron", "group"}
_FORCE_NOUNS = {"forces", "troops", "soldiers", "commandos", "police", "special", "jets", "aircraft", "drones",
                "warplanes", "helicopters", "units", "personnel"}


_DATELINE_COUNTRY = re.compile(r"^[A-Z][A-Z .'’-]+,\s+([A-Z][A-Za-z .'’-]+?),")
_SITE_NOUNS = {"bridge", "dam", "camp", "base", "airport", "prison", "market", "checkpoint", "crossing", "port",
               "mosque", "church", "hospital", "school", "university", "station", "refinery", "airbase", "border"}
_AREA_NOUNS = {"district", "province", "governorate", "region", "valley", "county", "state", "village", "town"}
_ORDINARY_WORDS = {"coalition", "forces", "force", "troops", "secret", "cell", "cells", "special", "groups", "group",
                   "multinational", "allied", "international", "security", "army", "network", "units"}


def _force_noun_end(toks, end: int) -> int:
    """"NATO special forces", "Afghan troops": the force nouns belong to the name the report uses."""
    k = end
    while k < len(toks) and toks[k].norm in _FORCE_NOUNS and toks[k].text.islower():
        k += 1
    if k > end and toks[k - 1].norm == "special":
        k -= 1
    return k


def _active_at(actor, published: str | None, surface: tuple[str, ...] = ()) -> bool:
    """Could the report mean this actor?  Not one founded after it was written; and a name made
    of ordinary words ("Coalition") not an actor that had ceased to exist by then."""
    if not published or not actor.active:
        return True
    start, end = actor.active
    year_month = published[:7]
    if start is not None and year_month < start[:7]:
        return False
    if end is not None and year_month > _end_key(end):
        return not (surface and all(w in _ORDINARY_WORDS for w in surface))
    return True


def _end_key(end: str) -> str:
    return end if len(end) >= 7 else f"{end}-12"


_IT = re.compile(r"^(It)\s+(?:(?:is|was|has|had)\s+(?!(?:unclear|likely|unlikely|possible|not clear|believed|"
                 r"expected|important|thought|said that|understood|reported that|too|hard|difficult|time|no|not)\b)"
                 r"|(?:split|broke|claimed|joined|pledged|emerged|operates|controls|coordinates|recruits|"
                 r"announced|denied|accused|released|abducted|kidnapped)\b)")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|at|around|(?:north|south|east|west|northeast|northwest|"
                              r"southeast|southwest)(?:ern)? of|km (?:from|of)|kilometres (?:from|of)|"
                              r"kilometers (?:from|of)|miles (?:from|of)|(?:outskirts|edge|centre|center|heart|"
                              r"entrance) of|road (?:to|from)|(?:town|village|city|hamlet|district) of)\s+$")
_TAKEN_BEFORE = re.compile(r"\b(?:seized|captured|entered|overran|stormed|retook|recaptured|besieged|shelled|"
                           r"(?:took|seized|gained|lost) control of)\s*$", re.I)
_NOT_PLACE_WORDS = {"april", "may", "june", "march", "august", "spring", "summer", "autumn", "winter", "fall",
                    "english", "arabic", "french", "persian", "pashto", "dari", "court", "custody", "parliament"}
_LOCATIVE_FOR_COUNTRY = {"in", "inside", "into", "from", "across", "throughout", "to", "within", "near", "outside",
                         "between", "via", "toward", "towards",
                         "southern", "northern", "eastern", "western", "central", "northeastern", "northwestern",
                         "southeastern", "southwestern", "rural"}
_NICKNAME = re.compile(r'\s*["“]([^"”]{2,30})["”]\s*')
_MEDIA_AFTER = re.compile(r"^\s+(?:news\s+agency|agency|radio|television|tv|newspaper|daily|channel|news|press|"
                          r"broadcaster|network|website|outlet)\b", re.I)
_TOWN_AFTER = re.compile(r"\b(?:in|near|outside|around|of|at|from)\s+((?-i:[A-Z][a-zé’'-]{2,}))(?=[\s,.;])")
_STATE_VERBS = {"said", "says", "has", "have", "had", "is", "was", "will", "would", "accused", "denied", "announced",
                "signed", "agreed", "demanded", "condemned", "supports", "supported", "backs", "backed", "armed",
                "arms", "funds", "funded", "sent", "sends", "warned", "rejected", "recognised", "recognized",
                "launched", "deployed", "claimed", "refused", "asked", "called", "urged", "threatened"}
_CAPITAL_ACTS = re.compile(r"^(?:\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+)?(?:said|says|designated|imposed|"
                           r"sanctioned|accused|denied|announced|warned|blamed|condemned|rejected|demanded|insisted|"
                           r"agreed|pledged|sent|supplied|approved|recognised|recognized|responded|retaliated)\b"
                           r"|[’']s\s+(?:[\w-]+\s+){0,2}(?:backers?|allies|ally|supporters?|government|decision|"
                           r"position|offer|envoy|officials?|demands?|forces|troops|military|army|policy)\b)")
_POSSESSIVE_FORCE = re.compile(r"^[’']s\s+(?P<noun>air force|army|navy|military|armed forces|security forces|"
                               r"special forces|police|border guards?|national guard|coast guard)\b", re.I)
_ANAPHOR = re.compile(r"\b(?:the|this|that|its|their)\s+(?!(?:same|other|new|rival|opposing|another|former)\s)"
                      r"((?:(?-i:[a-zè][\w’'-]*)\s+|[\w’'.]+-(?:backed|led|based|"
                      r"linked|aligned|allied)\s+)?"
                      r"(?:network|group|militia|organi[sz]ation|movement|faction|cartel|gang|alliance|syndicate|"
                      r"task force|command|brigade|battalion|coalition|front))\b(?!s)",
                      re.I)


@dataclass
class Sentence:
    index: int
    span: Span
    tokens: list[Token]


@dataclass
class DocMentions:
    sentences: list[Sentence]
    mentions: list[Mention]
    entities: dict[str, Entity]
    places: dict[str, object] = field(default_factory=dict)   # entity id -> gazetteer Place
    theatre: str | None = None           # ISO2 of the country the report is about, if it says
    _by_sentence: dict[int, list[Mention]] | None = None

    def ensure_actor(self, actor, surface: str, basis: str) -> None:
        """A dictionary actor the extractors name without a mention of its own: a parent inside
        another's name ("Iranian Revolutionary Guards Corps-Qods Force"), a state's armed forces
        behind its adjective ("an Israeli drone"), a government led by a titled person."""
        if actor.id not in self.entities:
            self.entities[actor.id] = Entity(id=actor.id, type=actor.type, name=actor.name, aliases=[surface],
                                             country=actor.country, basis=basis)

    def in_sentence(self, index: int) -> list[Mention]:
        if self._by_sentence is None:
            self._by_sentence = {}
            for m in self.mentions:
                self._by_sentence.setdefault(m.sentence, []).append(m)
        return list(self._by_sentence.get(index, ()))


def slug(text: str) -> str:
    return "_".join(alias_key(text)) or re.sub(r"\W+", "_", text.lower()).strip("_")


_DEFAULT = object()      # "use the default gazetteer"; an explicit None means "no gazetteer"


class MentionFinder:
    def __init__(self, dictionary: ActorDictionary | None = None, gazetteer=_DEFAULT):
        self.dictionary = dictionary or default_dictionary()
        self.gazetteer = _default_gazetteer() if gazetteer is _DEFAULT else gazetteer

    def find(self, doc: Document) -> DocMentions:
        body = doc.body
        self._body = body
        sentences = [Sentence(k, s, tokenize(s.text, s.start)) for k, s in enumerate(split_sentences(body))]
        ents: dict[str, Entity] = {}
        mentions: list[Mention] = []
        places: dict[str, object] = {}
        pending_singles: list[tuple[Sentence, NameHit]] = []
        last_group: str | None = None
        matches = [self.dictionary.match(sent.tokens) for sent in sentences]
        towns = self._towns_named(sentences) if self.gazetteer is not None else []
        country = self._country_hint(matches, sentences, towns=towns)
        theatre = self._country_hint(matches, sentences, bare_states=False, towns=towns)
        for sent in sentences:
            toks = sent.tokens
            found: list[Mention] = []
            covered: set[int] = set()
            for m in matches[sent.index]:
                if m.form == "acronym":
                    m = self._acronym_for(m, toks, body, theatre or country)
                actor = self.dictionary.actors[m.actor_id]
                if not _active_at(actor, doc.published, tuple(t.norm for t in toks[m.start:m.end])):
                    continue             # "Coalition" in 2011 Afghanistan is not the 2004-09 force in Iraq
                unit = self._unit_of(sent, m, body)
                if unit is not None:
                    found.append(unit)
                    _add_entity(ents, unit.key, "state_force", unit.span.text, unit.span.text, actor.country, "pattern")
                    covered.update(k for k, t in enumerate(toks) if unit.span.start <= t.start < unit.span.end)
                    continue
                end = _force_noun_end(toks, m.end) if m.form != "adjective" and actor.type in (
                    "state_force", "government") else m.end
                span = _span(body, toks, m.start, end)
                kind, key = actor.type, actor.id
                after_place = (m.start > 1 and toks[m.start - 1].norm in ("and", "or") and found
                               and found[-1].kind == "place" and found[-1].span.end == toks[m.start - 2].end)
                if kind == "government" and m.form == "alias" and (
                        (m.start > 0 and (toks[m.start - 1].norm in _LOCATIVE_FOR_COUNTRY or after_place))
                        or self._theatre_as_place(actor, toks, m, theatre)):
                    # "inside Iraq": the country as a place, an entity apart from its government
                    kind, key = "place", "place_" + slug(actor.name)
                    if key not in places and self.gazetteer is not None:
                        country_place = self.gazetteer.lookup(actor.name)
                        if country_place is not None and getattr(country_place, "feature", "") == "country":
                            places[key] = country_place
                found.append(Mention(span, kind, key, sent.index, f"dictionary:{m.form}"))
                _add_entity(ents, key, kind, actor.name if kind == "place" else actor.display_name, span.text,
                            actor.country,
                            "dictionary" if m.form != "adjective" else None)
                covered.update(range(m.start, end))
            found = self._subgroups(sent, found, ents)
            for em in _ELLIPTIC.finditer(sent.span.text):
                items = [(em.start("list") + im.start(1), im.group(1)) for im in _LIST_ITEM.finditer(em.group("list"))]
                for at, word in [*items, (em.start("last"), em.group("last"))]:
                    found = self._elliptic_member(sent, found, covered, ents, at, word, em.group("noun"))
            for cm in _COORD_PLURAL.finditer(sent.span.text):
                head = cm.group(3)[:-1].capitalize()
                for g in (1, 2):
                    s0 = sent.span.start + cm.start(g)
                    name = f"{cm.group(g)} {head}"
                    key = self._actor_for(name) or "grp_" + slug(name)
                    span = Span(s0, s0 + len(cm.group(g)), cm.group(g))
                    kind = self.dictionary.actors[key].type if key in self.dictionary.actors else "armed_group"
                    ename = self.dictionary.actors[key].name if key in self.dictionary.actors else name
                    found.append(Mention(span, kind, key, sent.index, "pattern:coordinated-plural"))
                    _add_entity(ents, key, kind, ename, span.text, None, "pattern")
                    _add_alias(ents[key], name)
                    covered.update(k for k, t in enumerate(toks) if span.start <= t.start < span.end)
            is_place = (lambda name: self.gazetteer.is_place(name, country)) if self.gazetteer is not None else None
            for hit in find_names(toks, covered, is_place):
                if any(f.span.start <= toks[hit.start].start < f.span.end for f in found):
                    continue
                if hit.kind == "single":
                    pending_singles.append((sent, hit))
                    continue
                span = _span(body, toks, hit.start, hit.end)
                key, kind, name = self._resolve_hit(hit, span, ents, places, country)
                if key is None:
                    continue
                found.append(Mention(span, kind, key, sent.index, hit.basis))
                _add_entity(ents, key, kind, name, span.text, None, hit.basis)
                nick = _NICKNAME.search(span.text) if kind == "person" else None
                if nick:
                    _add_alias(ents[key], name)
                    _add_alias(ents[key], nick.group(1))
                if kind == "place" and hit.end < len(toks) and (toks[hit.end].norm in _AREA_NOUNS or (
                        toks[hit.end].norm in _SITE_NOUNS and toks[hit.end].text.islower())):
                    _add_alias(ents[key], body[span.start:toks[hit.end].end])     # "Zhari district", "Qara Qozak bridge"
                if hit.title:
                    _add_alias(ents[key], f"{hit.title} {span.text}")
                if hit.kind == "facility" and hit.start >= 3 and toks[hit.start - 1].norm == "s" \
                        and toks[hit.start - 2].text in "’'":
                    _add_alias(ents[key], body[toks[hit.start - 3].start:span.end])   # "Iraq’s Finance Ministry"
                    found = _drop_owner_mention(found, mentions, ents, toks[hit.start - 3].end)
            for am in _THE_FORCE.finditer(sent.span.text):
                g = 1 if am.group(1) else 2 if am.group(2) else 3
                key = self._national_force("army" if g == 3 else am.group(g), country)
                s0 = sent.span.start + am.start(g)
                if key is None or any(f.span.start <= s0 < f.span.end or s0 - 2 <= f.span.end <= s0 for f in found):
                    continue             # "Pakistani troops", "US and Iraqi troops": named by what precedes
                actor = self.dictionary.actors[key]
                found.append(Mention(Span(s0, s0 + len(am.group(g)), am.group(g)), actor.type, key, sent.index,
                                     "dictionary:national-force"))
                _add_entity(ents, key, actor.type, actor.display_name, am.group(0), actor.country, "dictionary")
            it = _IT.match(sent.span.text)
            if it and last_group:
                s0 = sent.span.start + it.start(1)
                found.append(Mention(Span(s0, s0 + len(it.group(1)), it.group(1)), ents[last_group].type,
                                     last_group, sent.index, "anaphora:sentence-initial it"))
            for am in _ANAPHOR.finditer(sent.span.text):
                a0, a1 = sent.span.start + am.start(), sent.span.start + am.end()
                head0 = a1 - len(am.group(1).split()[-1])
                overlap = [f for f in found if f.span.start < a1 and a0 < f.span.end]
                if overlap and any(f.span.end > head0 for f in overlap):
                    continue                 # "the Qazali Network" is a name, not an anaphor
                before = [f for f in found if f.span.end <= sent.span.start + am.start()]
                ref = _antecedent(before, mentions, ents, am.group(1))
                if ref:
                    s0 = head0 if overlap else a0     # "the Iran-backed group": the backer stays a mention
                    found.append(Mention(Span(s0, a1, self._body[s0:a1]), ents[ref].type, ref,
                                         sent.index, "anaphora:nearest-group"))
            found.sort(key=lambda m: m.span.start)
            mentions.extend(found)
            groups_here = [m for m in found if m.kind == "armed_group"]
            if groups_here:
                last_group = groups_here[0].key       # the sentence's first group: usually its subject
        mentions.extend(self._link_singles(body, pending_singles, ents, places, country))
        mentions.extend(_generic_fighters(sentences, mentions, ents))
        mentions.extend(_role_mentions(sentences, mentions, ents))
        mentions.extend(self._victim_groups(sentences, mentions, ents))
        mentions.extend(_unnamed_people(sentences, mentions, ents))
        mentions.extend(owned_organisations(body, mentions, ents))
        apposed_units(sentences, mentions, ents)
        mentions.extend(unnamed_organisations(sentences, mentions, ents))
        mentions.extend(combined_forces(sentences, mentions, ents))
        _bare_demonyms_as_forces(body, mentions, ents)
        self._capitals_as_states(body, mentions, ents)
        self._possessive_forces(body, mentions, ents)
        _merge_person_variants(mentions, ents)
        _acronym_appositions(body, mentions, ents, theatre or country)
        mentions.extend(_defined_acronyms(body, sentences, mentions, ents))
        _merge_nested_facilities(mentions, ents, places)
        mentions.sort(key=lambda m: m.span.start)
        return DocMentions(sentences, mentions, ents, places, theatre=theatre or country)

    def _elliptic_member(self, sent, found, covered, ents, at: int, word: str, noun: str) -> list[Mention]:
        """"Iraqi and US forces", "U.S., British and Iraqi Security Forces": each named member of a
        coordination that shares one force noun is that nation's force, not its government."""
        if re.search(r"\b(?:in|across|near|inside|from|to|into|throughout|of)\s+$",
                     sent.span.text[max(0, at - 12):at], re.I):
            return found             # "In Iraq, US and Iraqi forces ...": the country there is a place
        key = None
        for name in (f"{word} {noun}", f"{word} {noun.lower()}", f"{word} forces"):
            key = self._actor_for(name)
            if key is not None:
                break
        s0 = sent.span.start + at
        if key is None or any(f.span.start <= s0 < f.span.end and f.key == key for f in found):
            return found
        span = Span(s0, s0 + len(word), word)
        actor = self.dictionary.actors[key]
        found = [f for f in found if not (f.span.start <= s0 < f.span.end)]
        found.append(Mention(span, actor.type, key, sent.index, "dictionary:elliptic-coordination"))
        _add_entity(ents, key, actor.type, actor.display_name, f"{word} {noun}", actor.country, "dictionary")
        _add_alias(ents[key], word)          # "US" in "US and Iraqi forces" names the force too
        covered.update(k for k, t in enumerate(sent.tokens) if span.start <= t.start < span.end)
        return found

    def _capitals_as_states(self, body: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
        """"Washington designated the group", "one of Kyiv's largest backers": a capital that acts,
        or owns backers, allies or a decision, is its country's government; "in Kyiv" stays a place."""
        if self.gazetteer is None:
            return
        for k, m in enumerate(mentions):
            if m.kind != "place" or len(m.span.text.split()) > 3:
                continue
            after = body[m.span.end:m.span.end + 40]
            acts = _CAPITAL_ACTS.match(after)
            if not acts or (not acts.group(0).startswith(("’", "'")) and re.search(
                    r"\b(?:of|in|from|near|to|outside|around|at)\s+$", body[max(0, m.span.start - 10):m.span.start], re.I)):
                continue             # "Residents of Kabul said": the city, not the government
            iso2 = self.gazetteer.capital_of(m.span.text)
            state = next((a for a in self.dictionary.actors.values() if a.type == "government"
                          and a.country == iso2 and a.adjectives), None) if iso2 else None
            if state is None:
                continue
            mentions[k] = Mention(m.span, "government", state.id, m.sentence, "gazetteer:capital-as-state")
            _add_entity(ents, state.id, "government", state.display_name, m.span.text, state.country, "dictionary")
            if not any(x.key == m.key for x in mentions):
                ents.pop(m.key, None)        # no place of that name is left in the report

    def _acronym_for(self, m, toks, body: str, country: str | None):
        """"SNA" is the Syrian National Army in a report on Syria and the Somali National Army in one
        on Somalia: an acronym several actors share goes to the one whose full name the report
        uses, else to the one of the country the report is about."""
        owners = self.dictionary.acronym_owners(" ".join(t.text for t in toks[m.start:m.end]))
        if len(owners) < 2:
            return m
        low = body.lower()
        named = [o for o in owners if any(f.lower() in low for f in [self.dictionary.actors[o].name,
                                                                     *self.dictionary.actors[o].aliases])]
        local = [o for o in owners if self.dictionary.actors[o].country == country]
        pick = (named or local or [m.actor_id])[0]
        return m if pick == m.actor_id else type(m)(m.start, m.end, pick, m.form)

    def _possessive_forces(self, body: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
        """"Ukraine's air force", "Iran's navy": a state's own force, named through the state.  The
        dictionary's force when it has one ("Ukraine's army"), else a force of that name."""
        for k, m in enumerate(mentions):
            if m.kind != "government" or m.basis.endswith("adjective") or m.key not in self.dictionary.actors:
                continue
            hit = _POSSESSIVE_FORCE.match(body[m.span.end:m.span.end + 40])
            if not hit:
                continue
            state = self.dictionary.actors[m.key]
            noun = hit.group("noun").lower()
            key = self._national_force(noun, state.country)
            end = m.span.end + hit.end("noun")
            span = Span(m.span.start, end, body[m.span.start:end])
            if key is None:
                adj = state.adjectives[0] if state.adjectives else state.name
                name = f"{adj} {noun.title()}"
                key = "unit_" + slug(name)
                _add_entity(ents, key, "state_force", name, span.text, state.country, "pattern")
                basis = f"pattern:unit-of:{m.key}"
            else:
                actor = self.dictionary.actors[key]
                _add_entity(ents, key, actor.type, actor.display_name, span.text, actor.country, "dictionary")
                basis = "dictionary:possessive-force"
            _add_alias(ents[key], span.text)
            mentions[k] = Mention(span, "state_force", key, m.sentence, basis)
        _drop_unused_states(mentions, ents)

    def _theatre_as_place(self, actor, toks, m, country: str | None) -> bool:
        """The bare name of the country the report is about ("a secure and stable Iraq", "leave
        Iraq") is where things happen, not who does them; only "Iraq said"/"Iraq has" makes it act, and
        "Iraq-backed" or "Iraq's army" stay the state.  The theatre is read from places and
        non-state actors, so a state named only as an actor never makes itself a place.
        A foreign country named bare ("Iran") stays an actor: that is how reports name a state
        that backs or arms a side."""
        if country is None or actor.country != country:
            return False
        if alias_key(" ".join(t.text for t in toks[m.start:m.end])) != alias_key(actor.name):
            return False
        nxt = toks[m.end].text if m.end < len(toks) else ""
        acts = nxt.lower() in _STATE_VERBS or (nxt.islower() and nxt.endswith("ed"))   # "Nigeria responded"
        return not acts and nxt not in ("’", "'", "-")

    def _actor_for(self, name: str) -> str | None:
        toks = tokenize(name)
        for m in self.dictionary.match(toks):
            if m.start == 0 and m.end == len(toks):
                return m.actor_id
        return None

    def _victim_groups(self, sentences, mentions: list[Mention], ents) -> list[Mention]:
        """"five British hostages", "British citizens": the people a report counts as captives or
        victims, one entity per nationality so later reports of them can be joined."""
        out = []
        adjectives = {m.span.start: m for m in mentions if m.basis.endswith("adjective")}
        for sent in sentences:
            for pm in _COUNTED_NATIONALS.finditer(sent.span.text):
                gov_id = self._plural_demonyms().get(pm.group("pl"))
                if gov_id is None:
                    continue
                gov = self.dictionary.actors[gov_id]
                key = f"{gov.id}_captives"
                s0 = sent.span.start + pm.start("pl")      # the count stays outside: it is a figure
                span = Span(s0, sent.span.start + pm.end(), pm.group("pl"))
                out.append(Mention(span, "other", key, sent.index, "pattern:nationals-held"))
                adj = gov.adjectives[0] if gov.adjectives else gov.name
                _add_entity(ents, key, "other", f"{adj} nationals held or harmed", span.text, gov.country, "pattern")
                _add_alias(ents[key], pm.group(0))          # "five Britons", as the report words it
            for vm in _VICTIM_GROUP.finditer(sent.span.text):
                adj_at = sent.span.start + vm.start("adj")
                adj = adjectives.get(adj_at)
                if adj is None:
                    continue
                gov = self.dictionary.actors[adj.key]
                key = f"{gov.id}_captives"
                s0 = sent.span.start + vm.start("adj")      # the count stays outside: it is a figure
                span = Span(s0, sent.span.start + vm.end(), vm.group(0)[vm.start("adj") - vm.start():])
                out.append(Mention(span, "other", key, sent.index, "pattern:nationals-held"))
                _add_entity(ents, key, "other", f"{adj.span.text} nationals held or harmed", span.text,
                            gov.country, "pattern")
                _add_alias(ents[key], vm.group(0))
        return out

    def _plural_demonyms(self) -> dict[str, str]:
        """"Iraqis", "Afghans", "Britons" -> the government actor whose nationals they are."""
        if getattr(self, "_plurals", None) is None:
            by_adj = {}
            for actor in self.dictionary.actors.values():
                if actor.type == "government":
                    for adj in actor.adjectives:
                        by_adj.setdefault(adj, actor.id)
            plurals = {f"{adj}s": gid for adj, gid in by_adj.items() if not adj.endswith(("sh", "ch", "ese", "ss"))}
            for plural, adj in (name_lists_raw().get("plural_demonyms") or {}).items():
                if adj in by_adj:
                    plurals[plural] = by_adj[adj]
            self._plurals = plurals
        return self._plurals

    def _short_org(self, body: str, span: Span, word: str, ents) -> str | None:
        """A group named by the first word of its name: "the League" (League of the Righteous),
        "four Mahdi fighters" (Mahdi Army) — only when exactly one named group starts that way."""
        before = body[max(0, span.start - 5):span.start].lower()
        after = body[span.end:span.end + 25].lower()
        if not (before.endswith("the ") or _FIGHTER_NOUN.match(after)):
            return None
        groups = [e for e in ents.values() if e.type in ("armed_group", "state_force", "other")]
        hits = {e.id for e in groups for name in [e.name, *e.aliases]
                if len(alias_key(name)) > 1 and alias_key(name)[0] == word}
        known = {h for h in hits if h in self.dictionary.actors}
        if len(hits) > 1 and len(known) == 1:
            hits = known                 # a dictionary group over a name the pattern layer guessed
        return hits.pop() if len(hits) == 1 else None

    def _subgroups(self, sent, found: list[Mention], ents) -> list[Mention]:
        """"elements of his Mahdi Army", "“rogue” Mahdi Army cells": a part of a known group, named by
        description.  The dictionary may know the part (an actor whose name is "rogue X"); otherwise
        the part is a group of its own."""
        text, base = sent.span.text, sent.span.start
        out = []
        for m in found:
            if m.kind != "armed_group" or not m.basis.startswith("dictionary"):
                out.append(m)
                continue
            rel0, rel1 = m.span.start - base, m.span.end - base
            pre = _SUBGROUP_BEFORE.search(text[:rel0])
            post = _SUBGROUP_AFTER.match(text[rel1:])
            if not pre:
                out.append(m)
                continue
            actor = self.dictionary.actors[m.key]
            key = None
            kind = (pre.group("kind") or "rogue").replace(" ", "")
            for form in (f"{kind} {actor.name}", f"{kind} of the {actor.name}",
                         f"Iranian-backed elements of the {actor.name}", f"rogue {actor.name}"):
                key = self._actor_for(form)
                if key and key != m.key:
                    break
                key = None
            start = base + pre.start()
            end = m.span.end + (post.end() if post else 0)
            span = Span(start, end, self._body[start:end])
            if key is None:
                key = f"part_of_{m.key}"
                name = f"elements of the {actor.name}"
            else:
                name = self.dictionary.actors[key].name
            out.append(Mention(span, "armed_group", key, sent.index, "dictionary:described-part"))
            _add_entity(ents, key, "armed_group", name, span.text, actor.country, "dictionary")
            out.append(m)             # the whole group stays named too ("part of the Mahdi Army")
        return out

    def _national_force(self, noun: str, country: str | None) -> str | None:
        """"the army" in a report about Nigeria is the Nigerian Army (looked up once per noun and country:
        every bare "troops" of a report asks)."""
        if country is None:
            return None
        cache = self.__dict__.setdefault("_forces_cache", {})
        if (noun.lower(), country) not in cache:
            cache[(noun.lower(), country)] = self._find_national_force(noun, country)
        return cache[(noun.lower(), country)]

    def _find_national_force(self, noun: str, country: str) -> str | None:
        states = sorted((a for a in self.dictionary.actors.values() if a.type == "government" and a.country == country),
                        key=lambda a: not a.adjectives)   # the state itself before a rival or shadow government
        for actor in states:
            if noun.lower() in ("junta", "regime", "government"):
                return actor.id              # "the junta", "a government spokesman": the state's rulers
            names = [f"{adj} {noun.title()}" for adj in actor.adjectives]
            if noun.lower() in ("army", "military"):
                names += [f"{adj} Armed Forces" for adj in actor.adjectives] + [f"Armed Forces of {actor.name}",
                                                                               f"{actor.name} Armed Forces"]
            for name in names:
                key = self._actor_for(name)
                if key:
                    return key
        word = {"military": "army"}.get(noun.lower(), noun.lower())
        forces = [a for a in self.dictionary.actors.values() if a.type == "state_force" and a.country == country
                  and any(word in f.lower().split() for f in [a.name, *a.aliases])]
        return forces[0].id if len(forces) == 1 else None     # "the army" in the CAR: FACA ("Central African army")

    def _unit_of(self, sent, m, body) -> Mention | None:
        """"the 2nd Iraqi Army Division": a unit of a known force, named with an ordinal."""
        toks = sent.tokens
        if m.start == 0 or not _ORDINAL.match(toks[m.start - 1].text) or m.end >= len(toks):
            return None
        if toks[m.end].norm not in _UNIT_NOUNS:
            return None
        span = _span(body, toks, m.start - 1, m.end + 1)
        return Mention(span, "state_force", "unit_" + slug(span.text), sent.index, f"pattern:unit-of:{m.actor_id}")

    def _country_hint(self, matches, sentences=(), bare_states: bool = True, towns=()) -> str | None:
        """The country the report is about: a dateline's country first ("ZAPORIZHZHIA, Ukraine,"),
        else the commonest country of the known actors it names, a country named as a place
        ("in Ukraine") counting three times."""
        if sentences and self.gazetteer is not None:
            head = _DATELINE_COUNTRY.match(sentences[0].span.text)
            if head:
                place = self.gazetteer.lookup(head.group(1))
                if place is not None and getattr(place, "feature", "") == "country":
                    return place.country
        counts: dict[str, int] = {}
        for sent, sent_matches in zip(sentences, matches) if sentences else ((None, m) for m in matches):
            for m in sent_matches:
                cc = self.dictionary.actors[m.actor_id].country
                if not cc:
                    continue
                weight = 1
                state = self.dictionary.actors[m.actor_id].type == "government"
                if sent is not None and m.start > 0 and sent.tokens[m.start - 1].norm in _LOCATIVE_FOR_COUNTRY \
                        and state:
                    weight = 3
                elif state and not bare_states:
                    continue
                counts[cc] = counts.get(cc, 0) + weight
        for cc in towns:
            counts[cc] = counts.get(cc, 0) + 2          # towns the report places things in
        return max(counts, key=counts.get) if counts else None

    def _towns_named(self, sentences) -> list[str]:
        """Countries of sizeable towns named after "in", "near", "west of" ...: where a report about
        Wagner and 3R in Bocaranga is set, whoever the actors are."""
        out = []
        for sent in sentences:
            for hit in _TOWN_AFTER.finditer(sent.span.text):
                place = self.gazetteer.lookup(hit.group(1))
                if place is not None and getattr(place, "feature", "") in ("city", "town", "province") \
                        and "exact" in (getattr(place, "basis", "") or "") and (place.population or 0) >= 5000:
                    out.append(place.country)
        return out

    def _resolve_hit(self, hit: NameHit, span: Span, ents, places, country=None):
        if hit.kind == "place":
            place = self.gazetteer.lookup(span.text, country) if self.gazetteer is not None else None
            if place is None:
                return "place_" + slug(span.text), "place", span.text
            key = "place_" + slug(place.name)
            places[key] = place
            return key, "place", place.name
        if hit.kind == "facility":
            return "place_" + slug(span.text), "place", span.text
        if hit.kind == "person":
            plain = " ".join(_NICKNAME.sub(" ", span.text).split())    # Jimmy "Barbecue" Chérizier
            key = "person_" + slug(plain)
            return key, "person", plain
        return "org_" + slug(span.text), hit.kind, span.text

    def _link_singles(self, body, pending, ents, places, country=None) -> list[Mention]:
        out = []
        persons = [e for e in ents.values() if e.type == "person"]
        for sent, hit in pending:
            tok = sent.tokens[hit.start]
            word = tok.norm
            cands = [p for p in persons if word in alias_key(p.name)]
            span = _span(body, sent.tokens, hit.start, hit.end)
            if len({p.id for p in cands}) == 1:
                out.append(Mention(span, "person", cands[0].id, sent.index, "link:name-part"))
                _add_alias(cands[0], span.text)
                continue
            if cands:
                continue
            org = self._short_org(body, span, word, ents)
            if org is not None:       # "the League" after "League of the Righteous"; "Mahdi fighters"
                out.append(Mention(span, ents[org].type, org, sent.index, "link:short-name"))
                _add_alias(ents[org], span.text)
                continue
            known = [e for e in ents.values() if e.type == "place" and span.text in e.aliases]
            if known:                # "stormed Mairamri": a place the report already named
                out.append(Mention(span, "place", known[0].id, sent.index, "link:known-place"))
                continue
            place = self.gazetteer.lookup(span.text, country) if self.gazetteer is not None else None
            locative = _LOCATIVE_BEFORE.search(body[max(0, span.start - 30):span.start])
            big = place is not None and ((place.population or 0) >= 50000
                                         or getattr(place, "feature", "") in ("province", "country"))
            exact = "exact" in (getattr(place, "basis", "") or "") or getattr(place, "feature", "") == "country"
            taken = _TAKEN_BEFORE.search(body[max(0, span.start - 30):span.start])
            if _MEDIA_AFTER.match(body[span.end:span.end + 30]):
                continue             # "the Saba news agency", "Radio Okapi": a name, not a town
            if place is not None and (locative or (big and exact) or (taken and exact)):
                key = "place_" + slug(place.name)
                places[key] = place
                out.append(Mention(span, "place", key, sent.index, "gazetteer:single-word"))
                _add_entity(ents, key, "place", place.name, span.text, place.country, "gazetteer")
            elif place is None and locative and word not in _NOT_PLACE_WORDS:
                key = "place_" + slug(span.text)
                out.append(Mention(span, "place", key, sent.index, "pattern:locative-unknown-place"))
                _add_entity(ents, key, "place", span.text, span.text, None, "pattern")
        return out


def _drop_owner_mention(found: list[Mention], earlier: list[Mention], ents, end: int) -> list[Mention]:
    """"Iraq’s Finance Ministry" is one name: the state before the possessive is part of it, not
    an actor or a target of its own, and its surface is no alias of the state unless used elsewhere."""
    owner = [f for f in found if f.kind in ("government", "place") and f.span.end == end]
    if not owner:
        return found
    rest = [f for f in found if f not in owner]
    for o in owner:
        if o.key in ents and not any(m.key == o.key and m.span.text == o.span.text for m in earlier + rest):
            ents[o.key].aliases = [a for a in ents[o.key].aliases if a != o.span.text]
    return rest


def _span(body: str, toks: list[Token], a: int, b: int) -> Span:
    s, e = toks[a].start, toks[b - 1].end
    return Span(s, e, body[s:e])


def _add_entity(ents, key, kind, name, surface, country, basis) -> None:
    ent = ents.get(key)
    if ent is None:
        ent = ents[key] = Entity(id=key, type=kind, name=name, aliases=[], country=country, basis=basis)
    _add_alias(ent, surface)


def _add_alias(ent: Entity, surface: str) -> None:
    surface = surface.strip()
    if surface and surface not in ent.aliases:
        ent.aliases.append(surface)


_NAMED_HEADS = ("task force", "command", "brigade", "battalion", "coalition", "front")


def _antecedent(found, earlier, ents, noun: str) -> str | None:
    """The group "the group" means: the nearest armed group; "the task force", "the brigade":
    the nearest named actor whose name has that word, or none."""
    head = noun.split()[-1].lower()
    named = next((h for h in _NAMED_HEADS if noun.lower().endswith(h)), None)
    if named is not None:
        for m in reversed(earlier + found):
            if m.kind in ("armed_group", "state_force", "state_agency", "other") and m.key in ents \
                    and named in " ".join([ents[m.key].name, *ents[m.key].aliases]).lower():
                return m.key
        return None
    for m in reversed(earlier + found):
        if m.kind != "armed_group":
            continue
        if head in ("network",) and "network" not in " ".join(ents[m.key].aliases + [ents[m.key].name]).lower():
            continue
        return m.key
    for m in reversed(earlier + found):
        if m.kind == "armed_group":
            return m.key
    return None


def _unnamed_people(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """A person the report never names: "a senior Iranian Qods Force officer" introduces one,
    and "the officer", "the Iranian agent", "the suspect" later refer back to the latest one."""
    taken = [(m.span.start, m.span.end) for m in mentions if not m.basis.endswith("adjective")
             and m.kind not in ("armed_group", "state_force", "state_agency", "government")]
    out: list[Mention] = []
    current: str | None = None
    count = 0
    for sent in sentences:
        text, base = sent.span.text, sent.span.start
        for um in _UNNAMED_INTRO.finditer(text):
            s0, s1 = base + um.start("np"), base + um.end("np")
            if any(a < s1 and s0 < b for a, b in taken) or not re.search(r"[A-Z]", um.group("mods") or ""):
                continue             # a role with no named affiliation stays a phrase, not a person
            if re.search(r",\s*$", text[:um.start()]):
                continue             # "Ali Mussa Daqduq, a senior Hezbollah operative": describes a named man
            count += 1
            current = f"unnamed_person_{count}"
            out.append(Mention(Span(s0, s1, um.group("np")), "person", current, sent.index,
                               "pattern:unnamed-person"))
            _add_entity(ents, current, "person", um.group("np"), um.group("np"), None, "pattern")
        if current is None:
            continue
        named = _NAMED_AS.search(text)
        if named:                    # "the SDF named the commander as Ahmad al-Zawi": no longer unnamed
            person = next((m for m in mentions if m.kind == "person" and m.span.start == base + named.end()), None)
            if person is not None and current in ents and person.key in ents:
                for al in ents[current].aliases:
                    _add_alias(ents[person.key], al)
                del ents[current]
                out = [Mention(o.span, o.kind, person.key, o.sentence, o.basis + "+named-later")
                       if o.key == current else o for o in out]
                current = None
                continue
        for dm_ in _UNNAMED_BACK.finditer(text):
            s0, s1 = base + dm_.start(), base + dm_.end()
            if any(a < s1 and s0 < b for a, b in taken) or any(o.span.start <= s0 < o.span.end for o in out):
                continue
            out.append(Mention(Span(s0, s1, dm_.group(0)), "person", current, sent.index, "anaphora:unnamed-person"))
            _add_alias(ents[current], dm_.group(0))
    return out


_BARE_DEMONYM_BEFORE = re.compile(r"\b[Tt]he\s+$")
_BARE_DEMONYM_AFTER = re.compile(r"^(?:\s*[,;:)]|\.(?:\s|$)|\s+(?:and|or|have|has|had|were|are|was|is|also|then|later|"
                                 r"said|say|says|would|will|could|may|might)\b|\s+[a-z]+ed\b)")


def _bare_demonyms_as_forces(body: str, mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """"the British dropped leaflets": a nationality used as a noun in a report that names that
    nation's forces means those forces, not its government.  With no forces named, it stays
    the state."""
    forces: dict[str, list[str]] = {}
    for m in mentions:
        if m.kind == "state_force" and ents.get(m.key) is not None and ents[m.key].country:
            forces.setdefault(ents[m.key].country, []).append(m.key)
    for k, m in enumerate(mentions):
        if m.basis != "dictionary:adjective" or m.kind != "government" or m.key not in ents:
            continue
        country = ents[m.key].country
        keys = forces.get(country or "", [])
        if not keys or not _BARE_DEMONYM_BEFORE.search(body[max(0, m.span.start - 6):m.span.start]) \
                or not _BARE_DEMONYM_AFTER.match(body[m.span.end:m.span.end + 20]):
            continue
        top = max(set(keys), key=keys.count)
        mentions[k] = Mention(m.span, "state_force", top, m.sentence, "dictionary:demonym-as-forces")
        _add_alias(ents[top], m.span.text)
    _drop_unused_states(mentions, ents)


def _drop_unused_states(mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """A state whose every mention was re-read as its forces, or as part of a name, is no actor
    of the report."""
    used = {m.key for m in mentions}
    for key in [key for key, e in ents.items() if e.type == "government" and key not in used]:
        del ents[key]


def _role_mentions(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"the Iraqi prime minister" is the one person the report introduced with that title."""
    taken = [(m.span.start, m.span.end) for m in mentions if not m.basis.endswith("adjective")]
    out = []
    for sent in sentences:
        for rm in _ROLE.finditer(sent.span.text):
            role = rm.group("role").lower()
            holders = [e for e in ents.values() if e.type == "person"
                       and any(al.lower().startswith(role + " ") or f" {role} " in f" {al.lower()} "
                               for al in e.aliases if len(al.split()) > len(role.split()))]
            s0, s1 = sent.span.start + rm.start(1), sent.span.start + rm.end(1)
            if len(holders) != 1 or any(a < s1 and s0 < b for a, b in taken):
                continue
            out.append(Mention(Span(s0, s1, rm.group(1)), "person", holders[0].id, sent.index, "link:role"))
            _add_alias(holders[0], rm.group(1))
    return out


def _generic_fighters(sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"the insurgents", "gunmen": the report's one dominant armed group, when it clearly has one
    (named at least twice, and at least twice as often as any other)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.kind == "armed_group" and m.basis.startswith("dictionary"):
            counts[m.key] = counts.get(m.key, 0) + 1
    if not counts:
        return []
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    if n < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > n):
        return []
    taken = [(m.span.start, m.span.end) for m in mentions]
    out = []
    for sent in sentences:
        for gm in _GENERIC_FIGHTERS.finditer(sent.span.text):
            s0, s1 = sent.span.start + gm.start(1), sent.span.start + gm.end(1)
            if any(a < s1 and s0 < b for a, b in taken):
                continue
            out.append(Mention(Span(s0, s1, gm.group(1)), "armed_group", top, sent.index,
                               "anaphora:generic-fighters"))
    return out


_PAREN_ACRONYM = re.compile(r"^\s*\(\s*((?:[A-Z][a-z]?){1,2}[A-Z0-9&-][A-Z0-9&a-z-]{0,7})\s*\)")


def _acronym_appositions(body: str, mentions: list[Mention], ents: dict[str, Entity], theatre: str | None = None) -> None:
    """"Cártel Jalisco Nueva Generación (CJNG)": the full name and the acronym in brackets are one
    actor.  When the dictionary knows the acronym, the full name joins that actor; when it does not,
    a name whose initials spell the acronym is an organisation, never a person."""
    by_start = {m.span.start: m for m in mentions}
    for m in list(mentions):
        if m.kind in ("place",) or m.basis.endswith("adjective") or m.key not in ents:
            continue
        hit = _PAREN_ACRONYM.match(body[m.span.end:m.span.end + 16])
        if not hit:
            continue
        inner = by_start.get(m.span.end + hit.start(1))
        if inner is not None and inner.key != m.key and inner.basis.startswith("dictionary") \
                and inner.kind not in ("place", "government") and inner.key in ents:
            inner_names = {alias_key(f) for f in [ents[inner.key].name, *ents[inner.key].aliases]}
            foreign = bool(theatre and ents[inner.key].country and ents[inner.key].country != theatre)
            if alias_key(m.span.text) in inner_names or (
                    _initials(m.span.text) == hit.group(1).upper() and m.kind != "person" and not foreign
                    and not m.basis.startswith("dictionary")):
                _rekey(mentions, ents, m.key, inner.key, inner.kind, "+acronym-in-brackets")
            elif m.kind != "person" and sum(c.isupper() for c in hit.group(1)) >= 2 and (
                    foreign or m.basis.startswith("dictionary") or _initials(m.span.text) != hit.group(1).upper()):
                # "Ambazonia Defence Forces (ADF)" in Cameroon: the report defines the acronym; it wins
                _rekey(mentions, ents, inner.key, m.key, m.kind, "+acronym-defined-here")
        elif inner is None and m.kind == "person" and _initials(m.span.text) == hit.group(1).upper():
            ents[m.key].type = "other"
            for k, x in enumerate(mentions):
                if x.key == m.key:
                    mentions[k] = Mention(x.span, "other", x.key, x.sentence, x.basis + "+acronym-in-brackets")


_ORG_KINDS_ACR = ("armed_group", "state_force", "state_agency", "other", "company")


def _defined_acronyms(body: str, sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"Lashkar-e-Jhangvi (LJ) ... The LJ spokesman": an acronym the report defines in brackets
    names that group wherever the report uses it after, whether or not the dictionary knows it."""
    taken = [(m.span.start, m.span.end) for m in mentions]
    starts = [s.span.start for s in sentences]
    out: list[Mention] = []
    for m in list(mentions):
        if m.kind not in _ORG_KINDS_ACR or m.basis.endswith("adjective") or m.key not in ents:
            continue
        hit = _PAREN_ACRONYM.match(body[m.span.end:m.span.end + 16])
        if not hit or sum(c.isupper() for c in hit.group(1)) < 2:
            continue
        acr = hit.group(1)
        _add_alias(ents[m.key], acr)
        for occ in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", body):
            a, b = occ.start(), occ.end()
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            out.append(Mention(Span(a, b, acr), m.kind, m.key, bisect_right(starts, a) - 1, "pattern:acronym-defined-here"))
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w’']*", name) if w[0].isupper()).upper()


def _rekey(mentions: list[Mention], ents: dict[str, Entity], old: str, new: str, kind: str, why: str) -> None:
    for al in ents[old].aliases:
        _add_alias(ents[new], al)
    del ents[old]
    for k, x in enumerate(mentions):
        if x.key == old:
            mentions[k] = Mention(x.span, kind, new, x.sentence, x.basis + why)


def _merge_nested_facilities(mentions: list[Mention], ents: dict[str, Entity], places) -> None:
    """"the Provincial Joint Coordination Center" = "the Karbala Provincial Joint Coordination Center"."""
    unknown = [e for e in ents.values() if e.type == "place" and e.id not in places]
    for a in unknown:
        for b in unknown:
            if a.id == b.id or a.id not in ents or b.id not in ents:
                continue
            ka, kb = alias_key(a.name), alias_key(b.name)
            if len(ka) >= 2 and len(kb) > len(ka) and kb[-len(ka):] == ka:
                for al in b.aliases:
                    _add_alias(a, al)
                del ents[b.id]
                for k, m in enumerate(mentions):
                    if m.key == b.id:
                        mentions[k] = Mention(m.span, m.kind, a.id, m.sentence, m.basis + "+same-facility")


def _merge_person_variants(mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """Join spellings of one person ("Al Hifi"/"Al Hilfi"); first names must agree.  A person
    named by title and surname only ("Mr. Mushatat") is the one full name with that surname."""
    persons = [e for e in ents.values() if e.type == "person"]
    for short in [p for p in persons if len(alias_key(p.name)) == 1]:
        word = alias_key(short.name)[0]
        full = [p for p in persons if p is not short and len(alias_key(p.name)) > 1 and word in alias_key(p.name)]
        if len(full) == 1 and short.id in ents:
            _fold_into(mentions, ents, full[0], short, "+surname-of-full-name")
    persons = [e for e in ents.values() if e.type == "person"]
    for a_i, a in enumerate(persons):
        for b in persons[a_i + 1:]:
            if a.id not in ents or b.id not in ents:
                continue
            ka, kb = alias_key(a.name), alias_key(b.name)
            if len(ka) != len(kb) or not ka:
                continue
            if len(ka) > 1 and ka[0] != kb[0] and ka[-1] != kb[-1]:
                continue
            if fuzz.ratio(" ".join(ka), " ".join(kb)) >= 85:
                _fold_into(mentions, ents, a, b, "+fuzzy-variant")


def _fold_into(mentions: list[Mention], ents: dict[str, Entity], keep: Entity, drop: Entity, why: str) -> None:
    for al in drop.aliases:
        _add_alias(keep, al)
    del ents[drop.id]
    for k, m in enumerate(mentions):
        if m.key == drop.id:
            mentions[k] = Mention(m.span, m.kind, keep.id, m.sentence, m.basis + why)


def _default_gazetteer():
    try:
        from ratline.place.gazetteer import Gazetteer
    except ImportError:
        return None
    try:
        return Gazetteer.default()
    except Exception:  # noqa: BLE001 - a missing data file must not stop extraction
        return None

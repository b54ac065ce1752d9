"""All mentions of one document, and the document's entities they point to.

Dictionary actors first (they win overlaps), then coordinated group names
("the Qazali and Sheibani networks"), then unknown names; single capitalised
words are linked back to a person already named in full ("Danielson" ->
"Major Winfield Danielson"), and spelling variants of one person are joined
("Al Hifi" / "Al Hilfi") — never two people who only share a surname.

The passes that refine these mentions live beside this module, one job each:
``groups.py`` (a part of a group, groups sharing a plural noun, a group by the
first word of its name), ``forces.py`` (national forces and demonyms),
``places.py`` (the country a report is set in, facilities), ``anaphora.py``
("It", "the group", "the insurgents"), ``people.py`` (titles, unnamed people,
spelling variants), ``acronyms.py``, ``singles.py`` (one capitalised word alone);
``entities.py`` has what they all share.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ratline.mentions.acronyms import _acronym_appositions, _acronym_for, _defined_acronyms
from ratline.mentions.anaphora import _generic_fighters, _group_anaphors, _sentence_initial_it, _site_anaphors
from ratline.mentions.described import (apposed_units, coalition_forces, combined_forces, led_forces,
                                        national_bodies, owned_organisations, unnamed_organisations)
from ratline.mentions.dictionary import ActorDictionary, default_dictionary
from ratline.mentions.entities import _add_alias, _add_entity, _span, slug
from ratline.mentions.forces import ForcesMixin, _bare_demonyms_as_forces, _force_noun_end
from ratline.mentions.groups import GroupsMixin, regional_branches
from ratline.mentions.name_runs import NAME_LINKS
from ratline.mentions.names import NameHit, find_names, name_lists
from ratline.mentions.people import _merge_person_variants, _role_mentions, _unnamed_people
from ratline.mentions.places import (
    _LOCATIVE_FOR_COUNTRY, PlacesMixin, _drop_owner_mention, _merge_nested_facilities, names_placed_elsewhere,
    numbered_districts, the_capital,
)
from ratline.mentions.state_bodies import adjective_body
from ratline.mentions.singles import _SITE_NOUNS, SinglesMixin, _acronym_in_prose, _undefined_acronyms
from ratline.mentions.text import Token, split_sentences, tokenize
from ratline.parse.nlp import parse_body
from ratline.schema import Document, Entity, Mention, Span

_AREA_NOUNS = {"district", "province", "governorate", "region", "valley", "county", "state", "village", "town"}
_ORDINARY_WORDS = {"coalition", "forces", "force", "troops", "secret", "cell", "cells", "special", "groups", "group",
                   "multinational", "allied", "international", "security", "army", "network", "units"}

_NICKNAME = re.compile(r'\s*["“]([^"”]{2,30})["”]\s*')


def _active_at(actor, published: str | None, surface: tuple[str, ...] = (), adjective: bool = False) -> bool:
    """Could the report mean this actor?  Not one founded after it was written; and a name made
    of ordinary words ("Coalition") not an actor that had ceased to exist by then, nor the
    adjective of a state that had ("a Soviet-made rifle" in 2006; "the Soviet Union" still
    names it)."""
    if not published or not actor.active:
        return True
    start, end = actor.active
    year_month = published[:7]
    if start is not None and year_month < start[:7]:
        return False
    if end is not None and year_month > _end_key(end):
        return not ((surface and all(w in _ORDINARY_WORDS for w in surface))
                    or (adjective and actor.type == "government"))
    return True


def _end_key(end: str) -> str:
    return end if len(end) >= 7 else f"{end}-12"


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
    parsed: object = None                # the body's parse (``Parsed``): its cues are read by later stages
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


_DEFAULT = object()      # "use the default gazetteer"; an explicit None means "no gazetteer"


class MentionFinder(GroupsMixin, ForcesMixin, PlacesMixin, SinglesMixin):
    def __init__(self, dictionary: ActorDictionary | None = None, gazetteer=_DEFAULT):
        self.dictionary = dictionary or default_dictionary()
        self.gazetteer = _default_gazetteer() if gazetteer is _DEFAULT else gazetteer

    def _inside_place_name(self, toks, m) -> bool:
        """"on the outskirts of San Salvador": a country's name ending a longer name the gazetteer
        knows as a town is a word of that town."""
        prev = _capitalised_word_before(toks, m)
        if self.gazetteer is None or prev is None:
            return False
        place = self.gazetteer.lookup(" ".join(t.text for t in toks[m.start - 1:m.end]))
        return place is not None and getattr(place, "feature", "") in ("city", "town", "province") \
            and "exact" in (getattr(place, "basis", "") or "")

    def find(self, doc: Document, parsed=None) -> DocMentions:
        """The mentions of a report; ``parsed`` is the body's parse when the caller has it
        (the pipeline parses once for every stage), else it is parsed here."""
        body = doc.body
        if parsed is None:
            parsed = parse_body(body)
        self._body = body
        self._parsed = parsed            # its cues (data/cues.yaml) are read by the passes
        sentences = [Sentence(k, s, tokenize(s.text, s.start)) for k, s in enumerate(split_sentences(body))]
        ents: dict[str, Entity] = {}
        mentions: list[Mention] = []
        places: dict[str, object] = {}
        pending_singles: list[tuple[Sentence, NameHit]] = []
        last_group: str | None = None
        matches = [[m for m in self.dictionary.match(sent.tokens)
                    if m.form == "acronym" or _active_at(self.dictionary.actors[m.actor_id], doc.published,
                                                         tuple(t.norm for t in sent.tokens[m.start:m.end]),
                                                         m.form == "adjective")]
                   for sent in sentences]          # an actor the report cannot mean sets no country either
        towns = self._towns_named(sentences) if self.gazetteer is not None else []
        country = self._country_hint(matches, sentences, towns=towns)
        theatre = self._country_hint(matches, sentences, bare_states=False, towns=towns)
        for sent in sentences:
            toks = sent.tokens
            found: list[Mention] = []
            covered: set[int] = set()
            for m in matches[sent.index]:
                if m.form == "acronym":
                    m = _acronym_for(self.dictionary, m, toks, body, theatre or country)
                actor = self.dictionary.actors[m.actor_id]
                if m.form == "acronym" and not _active_at(actor, doc.published, tuple(t.norm for t in toks[m.start:m.end])):
                    continue             # an acronym read as an actor that had ceased to exist
                if _name_goes_on(toks, m.end) or (actor.type == "armed_group" and _unit_named_after(toks, m.end)) \
                        or _a_persons_surname(toks, m, covered) \
                        or (actor.type == "government" and (
                        _inside_titled_name(toks, m) or self._inside_place_name(toks, m))):
                    continue             # "Fatah al-Islam" is not Fatah, "Haji Mali Khan" not Mali: read whole
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
                force = self._adjective_force(toks, m, actor, body) or adjective_body(toks, m, actor, body)
                name = actor.name if kind == "place" else actor.display_name
                if force is not None and force[1] != key:        # "Bahraini police": the nation's police
                    kind, key, name = force[0], force[1], force[2]
                if force is not None:        # "Tajik security forces": the mention is the whole phrase
                    span = Span(span.start, span.start + len(force[3]), force[3])
                    end = next((k for k in range(m.end, len(toks)) if toks[k].end >= span.end), end) + 1
                found.append(Mention(span, kind, key, sent.index, f"dictionary:{m.form}"))
                _add_entity(ents, key, kind, name, span.text, actor.country,
                            "dictionary" if m.form != "adjective" else None)
                if force is not None:
                    _add_alias(ents[key], force[3])
                covered.update(range(m.start, end))
            found = self._subgroups(sent, found, ents)
            found = self._elliptic_coordinations(sent, found, covered, ents)
            self._coordinated_plurals(sent, found, covered, ents)
            is_place = (lambda name: self.gazetteer.is_place(name, country)) if self.gazetteer is not None else None
            heading = _title_case_line(toks)
            for hit in find_names(toks, covered, is_place):
                if any(f.span.start <= toks[hit.start].start < f.span.end for f in found):
                    continue
                if heading and hit.basis == "pattern:capitalised-name":
                    continue             # "Similar News Stories", "Officer Killed": a heading's words
                owned = _owning_state(found, toks, hit, body)
                owner = owned[0] if owned else None
                if owned is not None:          # "Afghan Ministry of Defense": the state's own ministry
                    hit = dataclasses.replace(hit, start=owned[1])
                    found = [f for f in found if f is not owner]
                span = _span(body, toks, hit.start, hit.end)
                if hit.kind == "single" or (hit.kind == "place" and _acronym_in_prose(body, span)):
                    pending_singles.append((sent, hit))
                    continue
                key, kind, name = self._resolve_hit(hit, span, ents, places, country)
                if key is None:
                    continue
                found.append(Mention(span, kind, key, sent.index, hit.basis))
                _add_entity(ents, key, kind, name, span.text, ents[owner.key].country if owner else None, hit.basis)
                if hit.basis == "pattern:organisation-head" and toks[hit.end - 1].text.islower() \
                        and hit.end - hit.start >= 3:     # "the Hizb ut-Tahrir movement": a description
                    _add_alias(ents[key], body[span.start:toks[hit.end - 2].end])
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
            self._government_forces(sent, found, ents, country)
            self._bare_forces(sent, found, ents, country, parsed)
            _sentence_initial_it(sent, found, ents, last_group)
            _group_anaphors(body, sent, found, mentions, ents)
            found.sort(key=lambda m: m.span.start)
            mentions.extend(found)
            groups_here = [m for m in found if m.kind == "armed_group"]
            if groups_here:
                last_group = groups_here[0].key       # the sentence's first group: usually its subject
        acronyms: list[Mention] = []
        mentions.extend(self._link_singles(body, pending_singles, ents, places, country, acronyms, mentions))
        mentions.extend(_generic_fighters(sentences, mentions, ents))
        mentions.extend(_site_anaphors(sentences, mentions, ents, name_lists().facility_heads))
        mentions.extend(_role_mentions(sentences, mentions, ents))
        mentions.extend(self._victim_groups(sentences, mentions, ents))
        mentions.extend(_unnamed_people(sentences, mentions, ents))
        mentions.extend(owned_organisations(body, mentions, ents, parsed))
        apposed_units(sentences, mentions, ents)
        mentions.extend(unnamed_organisations(sentences, mentions, ents))
        mentions.extend(combined_forces(sentences, mentions, ents))
        mentions.extend(coalition_forces(sentences, mentions, ents))
        mentions.extend(led_forces(body, mentions, ents))
        _bare_demonyms_as_forces(body, mentions, ents, parsed)
        self._capitals_as_states(body, mentions, ents)
        self._possessive_forces(body, mentions, ents)
        national_bodies(body, mentions, ents)
        _merge_person_variants(mentions, ents)
        _acronym_appositions(body, mentions, ents, theatre or country)
        mentions.extend(_defined_acronyms(body, sentences, mentions, ents))
        mentions.extend(_undefined_acronyms(acronyms, mentions, ents))
        _merge_nested_facilities(mentions, ents, places)
        names_placed_elsewhere(mentions, ents)
        regional_branches(body, mentions, ents)
        mentions.extend(the_capital(body, sentences, mentions, ents, places, self.gazetteer, theatre or country))
        mentions.extend(numbered_districts(body, sentences, mentions, ents))
        mentions.sort(key=lambda m: m.span.start)
        return DocMentions(sentences, mentions, ents, places, theatre=theatre or country, parsed=parsed)

    def _actor_for(self, name: str) -> str | None:
        toks = tokenize(name)
        for m in self.dictionary.match(toks):
            if m.start == 0 and m.end == len(toks):
                return m.actor_id
        return None

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


def _default_gazetteer():
    try:
        from ratline.place.gazetteer import Gazetteer
    except ImportError:
        return None
    try:
        return Gazetteer.default()
    except Exception:  # noqa: BLE001 - a missing data file must not stop extraction
        return None


def _owning_state(found: list[Mention], toks, hit: NameHit, body: str) -> tuple[Mention, int] | None:
    """The nation's adjective just before an agency's name ("Afghan Ministry of Defense", "U.S.
    Joint Chiefs of Staff"), with the token it starts at: the agency is that state's, and the
    adjective part of its name, so two states' ministries of defence stay two."""
    if hit.kind not in ("state_agency", "state_force") or hit.start == 0:
        return None
    at = toks[hit.start].start
    owner = next((f for f in found if f.kind == "government" and f.basis == "dictionary:adjective"
                  and body[f.span.end:at] in (" ", ". ")), None)
    start = next((k for k in range(hit.start) if toks[k].start == owner.span.start), None) if owner else None
    return (owner, start) if start is not None else None


def _inside_titled_name(toks, m) -> bool:
    """"Haji Mali Khan", "Sheikh Jordan Ali", "Tengku Jamaica": a one-word country just after a
    person's title is a word of that person's name."""
    if m.end - m.start != 1 or m.start == 0:
        return False
    return (toks[m.start - 1].norm,) in name_lists().titles and toks[m.start - 1].text[:1].isupper()


_UNIT_HEADS = {"Brigades", "Brigade", "Battalions", "Battalion", "Front", "Legion", "Army", "Corps"}


def _unit_named_after(toks, end: int) -> bool:
    """"Hizbullah Brigades" is not Hizbullah: a group's name followed by a capitalised unit
    noun names another group (the dictionary's longer aliases match before this is asked)."""
    return end < len(toks) and toks[end].text in _UNIT_HEADS and toks[end].start > toks[end - 1].end


def _a_persons_surname(toks, m, covered) -> bool:
    """"Abdul-Malik al-Houthi": a group's "al-" name just after a capitalised given name is that
    person's surname (a nisba), not the group; the name finder reads the two words whole."""
    prev = _capitalised_word_before(toks, m)
    return prev is not None and toks[m.start].norm in ("al", "el") and m.start - 1 not in covered \
        and prev.norm not in name_lists().stop and len(prev.text) > 1


def _title_case_line(toks) -> bool:
    """A line written in title case with no full stop ("Skirmishes Continue Along Macedonia
    Border", "Similar News Stories"): a heading or a link, where every word is capitalised and
    two capitalised words in a row name no one."""
    words = [t for t in toks if t.text.isalpha()]
    if len(words) < 3 or (toks and toks[-1].text in (".", "!", "?", "”", '"')):
        return False
    return sum(t.text[:1].isupper() for t in words) >= 0.75 * len(words)


def _capitalised_word_before(toks, m):
    """The capitalised word written just before a match, one space away, if there is one."""
    prev = toks[m.start - 1] if m.start > 0 else None
    if prev is None or not (prev.text[:1].isupper() and prev.text.isalpha()) or prev.end + 1 != toks[m.start].start:
        return None
    return prev


def _name_goes_on(toks, end: int) -> bool:
    """A known name that a linking particle carries on into another capitalised word
    ("Fatah al-Islam", "Hizb ut-Tahrir") is part of a longer name, not that actor, and so is a
    country before "City"; a capital ("Hizbollah Al-Manar TV") starts another name."""
    if end < len(toks) and toks[end].text in ("City", "People", "Peoples", "Delta", "River", "Basin", "Valley"):
        return True              # "Kuwait City", "Sudan People's Liberation Movement", "Niger Delta": not the state
    if end + 1 < len(toks) and toks[end].text == "/" and toks[end].start == toks[end - 1].end \
            and toks[end + 1].start == toks[end].end and toks[end + 1].text.isupper():
        return True              # "PMF/CTU": one name with the acronym after the slash
    return end + 2 < len(toks) and toks[end].text in NAME_LINKS and toks[end + 1].text == "-" \
        and toks[end + 1].start == toks[end].end and toks[end + 2].text[:1].isupper()

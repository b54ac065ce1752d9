"""Places: the country a report is set in, and facilities named more than one way.

Why a module of its own: whether a country's name is a place or its state, and
which country a bare "the army" belongs to, both hang on the country the report
is about (its theatre), read from the dateline, the actors it names and the
towns it places things in.  Facilities are joined here too: "the Provincial
Joint Coordination Center" is "the Karbala Provincial Joint Coordination
Center", and "Iraq’s Finance Ministry" is one name, not Iraq and a ministry.

``PlacesMixin`` is a mixin of ``MentionFinder``: it uses the finder's
``dictionary`` and ``gazetteer``.
"""
from __future__ import annotations

import re

from ratline.mentions.dictionary import alias_key
from ratline.mentions.entities import _add_alias, _add_entity, slug
from ratline.mentions.name_runs import is_ordinal
from ratline.schema import Entity, Mention, Span

# "KABUL, Afghanistan –", "BAGHDAD  29 April, 2008 –", "DILI (Reuters) -", "NAHR AL-BARED, Jun17
# (Reuters):", "DHAKA:": where the report was filed, at the head of a paragraph.  Its town is not
# an event's place (extract/events.py), but it weighs for the country the report is about.
DATELINE = re.compile(r"^(?P<city>[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)*)(?:,(?P<rest>[^—–\n]{0,60}?)|\s+\d[^—–\n]{0,40}?)?"
                      r"\s*(?:\([^)]{1,30}\)\s*)?(?:—|–|--| - |:)\s*")
_LOCATIVE_FOR_COUNTRY = {"in", "inside", "into", "from", "across", "throughout", "to", "within", "near", "outside",
                         "between", "via", "toward", "towards",
                         "southern", "northern", "eastern", "western", "central", "northeastern", "northwestern",
                         "southeastern", "southwestern", "rural"}
# the whole capitalised name: "of San Salvador" is not San (Mali)
# a country written as where things are ("in Iraq"), not as where they come from or go
# ("smuggled from Iran", "fled to Iran"): only these weigh for the report's theatre
_WHERE_NOT_ROUTE = _LOCATIVE_FOR_COUNTRY - {"from", "to", "into", "toward", "towards", "via", "between"}
_TOWN_AFTER = re.compile(r"\b(?:in|near|outside|around|of|at|from)\s+((?-i:[A-Z][a-zà-öø-ÿā-ž’'-]{2,}"
                         r"(?:\s+[A-Z][a-zà-öø-ÿā-ž’'-]{2,})*))"
                         r"(?=[\s,.;])")
_STATE_VERBS = {"said", "says", "has", "have", "had", "is", "was", "will", "would", "accused", "denied", "announced",
                "signed", "agreed", "demanded", "condemned", "supports", "supported", "backs", "backed", "armed",
                "arms", "funds", "funded", "sent", "sends", "warned", "rejected", "recognised", "recognized",
                "launched", "deployed", "claimed", "refused", "asked", "called", "urged", "threatened"}


class PlacesMixin:
    """The passes of ``MentionFinder`` that read the country a report is set in."""

    def _country_hint(self, matches, sentences=(), bare_states: bool = True, towns=()) -> str | None:
        """The country the report is about: a dateline's country first ("ZAPORIZHZHIA, Ukraine,"),
        else the country with most weight: a dateline's town 4, a country named as a place ("in
        Ukraine") 3, a sizeable town things happen in 2, a known actor of the country 1."""
        counts: dict[str, int] = {}
        filed = self._dateline_place(sentences)
        if filed is not None and getattr(filed, "feature", "") == "country":
            return filed.country              # "ZAPORIZHZHIA, Ukraine,"
        if filed is not None:
            counts[filed.country] = 4         # "DUSHANBE --": filed from there, most often about there
        for sent, sent_matches in zip(sentences, matches) if sentences else ((None, m) for m in matches):
            for m in sent_matches:
                cc = self.dictionary.actors[m.actor_id].setting
                if not cc:
                    continue
                weight = 1
                state = self.dictionary.actors[m.actor_id].type == "government"
                if state and sent is not None and self._inside_place_name(sent.tokens, m):
                    continue             # "Inner Mongolia" is in China
                if sent is not None and m.start > 0 and sent.tokens[m.start - 1].norm in _WHERE_NOT_ROUTE \
                        and state:
                    weight = 3
                elif sent is not None and state and m.form == "adjective" and m.end < len(sent.tokens) \
                        and sent.tokens[m.end].norm == "capital":
                    weight = 3           # "in the Ugandan capital": where it happened, whoever acted
                elif state and not bare_states:
                    continue
                counts[cc] = counts.get(cc, 0) + weight
        for cc in towns:
            counts[cc] = counts.get(cc, 0) + 2          # towns the report places things in
        return max(counts, key=counts.get) if counts else None

    def _dateline_place(self, sentences):
        """The country a dateline names ("KABUL, Afghanistan –"), else its town ("PHNOM PENH (AFP) —"),
        from the first sentences of the body (a title or byline may come before it)."""
        if self.gazetteer is None:
            return None
        head = next((h for h in (DATELINE.match(s.span.text) for s in sentences[:4]) if h), None)
        if head is None:
            return None
        country = (head.group("rest") or "").split(",")[0].strip()
        for name in (country, head.group("city").title()):
            place = self.gazetteer.lookup(name) if len(name) > 2 else None
            if place is not None and (getattr(place, "feature", "") == "country" or name != country):
                return place
        return None

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


def the_capital(body: str, sentences, mentions: list[Mention], ents, places, gazetteer, country) -> list[Mention]:
    """"The Islamic Courts were driven from the capital": the capital of the country the report
    is about, when the words name no other city ("the capital, Kabul", "the capital of Kunar")."""
    if gazetteer is None or country is None:
        return []
    out = []
    taken = [(m.span.start, m.span.end) for m in mentions]
    for sent in sentences:
        text = sent.span.text
        at = text.find("the capital")
        while at >= 0:
            s0, s1 = sent.span.start + at + 4, sent.span.start + at + len("the capital")
            rest = body[s1:s1 + 6]
            whole_word = not rest[:1].isalpha()
            named = rest.lstrip().startswith(("of", ",", "city")) or any(a < s1 + 4 and s0 < b for a, b in taken)
            if whole_word and not named:
                place = gazetteer.capital_place(country)
                if place is None:
                    return out
                key = "place_" + slug(place.name)
                places[key] = place
                out.append(Mention(Span(s0, s1, body[s0:s1]), "place", key, sent.index, "gazetteer:the-capital"))
                _add_entity(ents, key, "place", place.name, place.name, place.country, "gazetteer")
            at = text.find("the capital", at + 1)
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


def names_placed_elsewhere(mentions: list[Mention], ents: dict[str, Entity]) -> None:
    """"the Joint Fact Finding Team Intan Jaya was shot" after "in Intan Jaya, Papua": a two-word
    name read as a person only for want of context is the place the report names it elsewhere."""
    placed = {ents[m.key].name: m.key for m in mentions if m.kind == "place" and m.key in ents
              and m.basis in _PLACE_EVIDENCE}
    moved = set()
    for k, m in enumerate(mentions):
        if m.kind == "person" and m.basis == "pattern:capitalised-name" and m.span.text in placed:
            mentions[k] = Mention(m.span, "place", placed[m.span.text], m.sentence, "link:known-place")
            moved.add(m.key)
    for key in moved - {m.key for m in mentions}:
        ents.pop(key, None)


_PLACE_EVIDENCE = ("pattern:locative-name", "pattern:named-area", "gazetteer", "gazetteer:locative")


_ORDINAL_WORDS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                           "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
                           "twentieth".split())
_DISTRICT_WORDS = frozenset({"district", "precinct", "sector", "ward", "zone"})


def numbered_districts(body: str, sentences, mentions: list[Mention], ents: dict[str, Entity]) -> list[Mention]:
    """"the third district of Ghazni", "District No. 2", "the area known as '700 district'": a
    city's district written by its number, lower-case or with no name of its own, is a place
    inside the city (police districts, sectors and wards are how many cities are divided);
    the city named after "of" is in its alias, so that the place says whose district it is."""
    out: list[Mention] = []
    for sent in sentences:
        toks = sent.tokens
        for k, tok in enumerate(toks):
            end = None
            if (tok.norm in _ORDINAL_WORDS or is_ordinal(tok.text)) and k + 1 < len(toks):
                j = k + 2 if toks[k + 1].norm == "police" and k + 2 < len(toks) else k + 1
                if toks[j].norm in _DISTRICT_WORDS and toks[j].text.islower():
                    end = j                                   # "third (police) district"
            elif tok.norm in _DISTRICT_WORDS and tok.text[:1].isupper() and k + 1 < len(toks):
                j = k + 1
                if toks[j].norm in ("no", "number"):
                    j += 2 if toks[j + 1:j + 2] and toks[j + 1].text == "." else 1
                if j < len(toks) and toks[j].text.isdigit() and (j > k + 1 or toks[j].end - toks[j].start < 4):
                    end = j                                    # "District No. 2", "District 9"
            elif tok.text.isdigit() and k + 1 < len(toks) and toks[k + 1].norm in _DISTRICT_WORDS \
                    and toks[k + 1].text.islower() and k > 0 and toks[k - 1].text in "“\"'‘":
                end = k + 1                                    # “700 district”
            if end is None:
                continue
            s0, s1 = tok.start, toks[end].end
            if any(m.span.start < s1 and s0 < m.span.end for m in mentions + out):
                continue
            words = body[s0:s1]
            owner = next((m for m in mentions if m.kind == "place" and m.span.start > s1
                          and body[s1:m.span.start].strip().lower() == "of"), None)
            alias = f"{words} of {owner.span.text}" if owner is not None else words
            key = "place_" + slug(f"{owner.span.text} {words}" if owner is not None else words)
            _add_entity(ents, key, "place", alias, words, ents[owner.key].country if owner is not None and
                        owner.key in ents else None, "pattern:numbered-district")
            _add_alias(ents[key], alias)
            out.append(Mention(Span(s0, s1, words), "place", key, sent.index, "pattern:numbered-district"))
    return out

"""One capitalised word alone ("Maute", "Laith", "stormed Mairamri", "the group ETA"): a part
of a person's name the report gave in full, a short name of an organisation it named, a place
it named already, a gazetteer place when the words around it say so ("in", "near", "seized"),
or an acronym in prose (kept aside until the passes that read acronyms a text defines).

A mixin of ``MentionFinder``: it reads the finder's gazetteer and the entities found so far.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ratline.mentions.dictionary import alias_key
from ratline.mentions.entities import _add_alias, _add_entity, _span, slug
from ratline.mentions.names import name_lists, name_lists_raw
from ratline.parse.roles import subject_of_saying
from ratline.schema import Mention, Span

_SITE_NOUNS = {"bridge", "dam", "camp", "base", "airport", "prison", "market", "checkpoint", "crossing", "port",
               "mosque", "church", "hospital", "school", "university", "station", "refinery", "airbase", "border",
               "barracks", "outpost", "stadium", "hotel", "courthouse", "garrison", "airfield", "compound"}
_NOT_PLACE_WORDS = {"april", "may", "june", "march", "august", "spring", "summer", "autumn", "winter", "fall",
                    "english", "arabic", "french", "persian", "pashto", "dari", "court", "custody", "parliament"}


_LIST_OPENERS = frozenset({"from", "across", "throughout", "to", "into", "between"})
_LIST_JOINS = frozenset({(",",), ("and",), (",", "and"), ("or",), (",", "or")})

_NOT_SITE_MODIFIERS = frozenset("a an the and or but of to in on at by for with from into near".split())


class SinglesMixin:
    """Links the one-word names the name finder set aside."""

    def _proper_noun(self, span: Span) -> bool:
        tok = self._parsed.token_at(span.start) if self._parsed is not None else None
        return tok is not None and (tok.pos_ == "PROPN" or (tok.text.isupper() and len(tok.text) > 1))   # "TOLO"

    def _known_place(self, word: str, country) -> bool:
        return self.gazetteer is not None and self.gazetteer.lookup(word, country) is not None

    def _link_singles(self, body, pending, ents, places, country=None, acronyms=None,
                      mentions=()) -> list[Mention]:
        """Single capitalised words: a person's name part, a short organisation name, a known or
        gazetteer place, or a word listed beside a place ("from Sebha, Sirte, Jufra and Waddan");
        acronyms in prose are set aside in ``acronyms`` for after the passes that read acronyms
        the text defines.  ``mentions`` are those found so far (the places a word is listed with)."""
        acronyms = [] if acronyms is None else acronyms
        out = []
        placed = [m.span for m in mentions if m.kind == "place"]
        persons = [e for e in ents.values() if e.type == "person"]
        unplaced = []            # words none of the tests took: a place named later may still be theirs
        for sent, hit in pending:
            tok = sent.tokens[hit.start]
            word = tok.norm
            cands = [p for p in persons if word in alias_key(p.name)]
            span = _span(body, sent.tokens, hit.start, hit.end)
            sibling = _sibling_name(body, span, mentions)      # a string test first: the lookup is dearer
            if sibling is not None and not self._known_place(span.text, country):   # "Omar and Abdullah Maute"
                key = "person_" + slug(sibling)
                out.append(Mention(span, "person", key, sent.index, "pattern:shared-surname"))
                _add_entity(ents, key, "person", sibling, span.text, None, "pattern")
                continue
            if cands and self._parsed.cue_after("members_after", span.end):
                org = self._short_org(body, span, word, ents)
                if org is not None:   # "Maute fighters" is the Maute group's, not Abdullah Maute's
                    out.append(Mention(span, ents[org].type, org, sent.index, "link:short-name"))
                    continue
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
            known = _named_place(body, span, ents)
            if known is not None:    # "stormed Mairamri": a place the report already named
                out.append(Mention(span, "place", known, sent.index, "link:known-place"))
                placed.append(span)  # a list may go on from it ("from Sebha, Sirte, Jufra")
                continue
            place = self.gazetteer.lookup(span.text, country) if self.gazetteer is not None else None
            if _acronym_in_prose(body, span) and getattr(place, "feature", "") not in ("country", "province"):
                if span.text.split("-")[0] not in name_lists_raw()["not_organisations"] \
                        and not _model_number(body, span):    # "an IED", "AK-47", "an M203"
                    acronyms.append(Mention(span, "other", "org_" + slug(span.text), sent.index, "pattern:acronym"))
                continue             # "the group ETA": an organisation's acronym, not Etah
            site = _site_after(body, span.end)
            locative = self._parsed.cue_ending_at("locative_before", span.start, 30) or site     # "in Nasir"
            big = place is not None and ((place.population or 0) >= 50000
                                         or getattr(place, "feature", "") in ("province", "country"))
            exact = "exact" in (getattr(place, "basis", "") or "") or getattr(place, "feature", "") == "country"
            taken = self._parsed.cue_ending_at("taken_before", span.start, 30, space=False)   # "stormed Mairamri"
            locative = locative or _listed_with_place(body, span, placed, self._parsed)
            media = self._parsed.cue_after("media_after", span.end)
            if media and not self._proper_noun(span):
                continue             # "Fake news": no outlet's name, no town
            if media:                # "the Saba news agency", "TOLO news": an outlet, not a town
                while (more := self._parsed.cue_after("media_after", media[1])) is not None:
                    media = more
                words = body[span.start:media[1]]
                key = "org_" + slug(words)
                out.append(Mention(Span(span.start, media[1], words), "other", key, sent.index, "pattern:media outlet"))
                _add_entity(ents, key, "other", words, words, None, "pattern:media outlet")
                _add_alias(ents[key], span.text)      # "Andalus radio" is also "Andalus"
                continue
            if place is not None and (locative or (big and exact) or (taken and exact)):
                key = "place_" + slug(place.name)
                places[key] = place
                out.append(Mention(span, "place", key, sent.index, "gazetteer:single-word"))
                placed.append(span)
                _add_entity(ents, key, "place", place.name, span.text, place.country, "gazetteer")
                if site:
                    _add_alias(ents[key], site)
            elif place is None and locative and word not in _NOT_PLACE_WORDS \
                    and not re.match(r"-[a-z]", body[span.end:span.end + 2]):    # "at Crusader-era castle"
                key = "place_" + slug(span.text)
                out.append(Mention(span, "place", key, sent.index, "pattern:locative-unknown-place"))
                placed.append(span)
                _add_entity(ents, key, "place", span.text, span.text, None, "pattern")
                if site:
                    _add_alias(ents[key], site)
            else:
                unplaced.append((sent, span, place is None))
        for sent, span, unknown in unplaced:  # "Nasir sits on the Sobat river" before "the uprising in Nasir"
            known = _named_place(body, span, ents)
            if known is not None:
                out.append(Mention(span, "place", known, sent.index, "link:known-place"))
            elif unknown and _speaks_or_leads(self._parsed, body, span):
                key = "person_" + slug(span.text)
                out.append(Mention(span, "person", key, sent.index, "parse:speaker-or-leader"))
                _add_entity(ents, key, "person", span.text, span.text, None, "parse")
        return out


_FOLLOWER_NOUNS = frozenset({"group", "men", "fighters", "followers", "loyalists", "network", "faction", "militia",
                             "cell", "gang"})
# what only a person has or undergoes: "Dilawar's death", "Laith was freed", "his brother Laith"
_KIN = frozenset({"brother", "sister", "son", "daughter", "nephew", "cousin", "father", "mother", "uncle", "wife",
                  "husband", "widow"})
_PERSONAL_NOUNS = _KIN | {"death", "killing", "arrest", "capture", "release", "detention", "funeral", "family", "trial"}
_DONE_TO_PEOPLE = frozenset({"kill", "arrest", "detain", "wound", "injure", "execute", "kidnap", "abduct", "free",
                             "release", "shoot", "behead", "assassinate", "sentence", "convict", "jail"})


_COUNTING = frozenset({"a", "an", "two", "three", "four", "five", "six", "several", "dozens", "of"})


def _model_number(body: str, span: Span) -> bool:
    """"an M203", "two M4 rifles": one or two capitals and a number, counted like an object, name
    a weapon's model, no body ("the J1 palace", "MS-13" stay names)."""
    text = span.text
    letters = text.rstrip("0123456789")
    before = body[max(0, span.start - 12):span.start].split()[-1:]
    return 1 <= len(letters) <= 2 and letters.isalpha() and text[len(letters):].isdigit() \
        and bool(before) and (before[0].lower() in _COUNTING or before[0].isdigit())


def _sibling_name(body: str, span: Span, mentions) -> str | None:
    """The full name of a first name coordinated with a full one ("Omar and Abdullah Maute",
    "brothers Khalid and Brahim el-Bakraoui"): the first name and the other's surname."""
    before = body[max(0, span.start - 30):span.start].split()[-1:]
    if not body.startswith(" and ", span.end) or not before or not before[0].islower():
        return None              # "Peace, Democracy and Human Rights", "U.S. Customs and Border Protection"
    other = next((m for m in mentions if m.kind == "person" and m.span.start == span.end + 5), None)
    words = other.span.text.split() if other else []
    return f"{span.text} {' '.join(words[1:])}" if len(words) >= 2 else None


def _speaks_or_leads(parsed, body: str, span: Span) -> bool:
    """A word no gazetteer knows that is the subject of a speech verb ("Bermandoa said"), owns a
    band of followers ("Santoso's group") or what only a person has ("Dilawar's death"), undergoes
    what only people do ("Laith was freed"), is named as kin ("his brother Laith") or as "who"
    ("Dilawar, who was known by one name") is a person's name: places do none of these."""
    if parsed is None:
        return False
    tok = parsed.token_at(span.start)
    if tok is None or tok.pos_ != "PROPN" or tok.tag_ == "NNPS" or tok.idx != span.start or tok.text.isupper() \
            or body.startswith(".", span.end) \
            or (tok.lower_,) in name_lists().titles or tok.lower_ in _org_heads() \
            or any(c.dep_ == "det" for c in tok.children):
        return False             # "MEND said", "Cmdr said", "the Observatory said", "Syrians": no one's name
    head = tok.head.lemma_.lower()
    return subject_of_saying(tok) \
        or (tok.dep_ == "poss" and head in _FOLLOWER_NOUNS | _PERSONAL_NOUNS) \
        or (tok.dep_ == "nsubjpass" and head in _DONE_TO_PEOPLE) \
        or (tok.dep_ == "appos" and head in _KIN) \
        or any(c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children) for c in tok.children)


def _named_place(body: str, span: Span, ents) -> str | None:
    """The place the report already named with these words, unless the next word makes them an
    organisation's name ("the militia's Gojjam command")."""
    nxt = body[span.end:span.end + 30].split()[:1]
    if nxt and nxt[0].rstrip(",.;:") in _org_heads():
        return None
    return next((e.id for e in ents.values() if e.type == "place" and span.text in e.aliases), None)


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(w for heads in name_lists_raw()["org_heads"].values() for w in heads)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.replace(",", " , ").split())


def _listed_with_place(body: str, span: Span, placed: list[Span], parsed) -> bool:
    """"are from Sebha, Sirte, Jufra and Waddan", "in the towns of Intezayane, Bakorat, Woursanat":
    a word in a list of places that a locative opens is a place too.  The list is joined by
    "and", or by commas with three or more items ("In Kabul, Karzai said" is no list), and
    opened by a locative ("interests of Iraq and Iraqis", "the Red, White, and Blue" are not)."""
    items = sorted([*placed, span], key=lambda x: x.start)
    k = items.index(span)

    def joined(a: Span, b: Span) -> bool:
        return _words(body[a.end:b.start]) in _LIST_JOINS

    start = end = k                           # the run of joined items around the word
    while start > 0 and joined(items[start - 1], items[start]):
        start -= 1
    while end + 1 < len(items) and joined(items[end], items[end + 1]):
        end += 1
    if start == end:
        return False
    joins = [_words(body[items[i].end:items[i + 1].start]) for i in range(start, end)]
    after = _words(body[items[end].end:items[end].end + 40])[:3]
    lead = next((i for i, w in enumerate(after) if w not in (",", "and", "or")), len(after))
    goes_on = 0 < lead < len(after) and after[lead][:1].isupper()
    if not (any("and" in j or "or" in j for j in joins) or len(joins) >= 2 or goes_on):
        return False
    before = body[max(0, items[start].start - 30):items[start].start]
    return bool(parsed.cue_ending_at("locative_before", items[start].start, 30)) \
        or (before.split()[-1:] or [""])[0].lower() in _LIST_OPENERS


def _site_after(body: str, end: int) -> str | None:
    """"Taji military base", "Zaventem airport", "Maalbeek metro station": a name followed by a
    site noun (up to two lowercase words before it) names a place; the whole phrase, for an alias."""
    words = body[end:end + 40].split()
    for n, w in enumerate(words[:3]):
        w = w.rstrip(".,;:)’'")
        if not w.islower() or not w.isalpha() or w in _NOT_SITE_MODIFIERS or w.endswith(("ed", "ing")):
            return None      # "Gunmen stormed a hotel": a verb or an article, not "Taji military base"
        if w in _SITE_NOUNS:
            last = body.index(w, end) + len(w)
            start = body.rfind(" ", 0, end) + 1
            return " ".join(body[start:last].split())
    return None


def _undefined_acronyms(acronyms: list[Mention], mentions: list[Mention], ents) -> list[Mention]:
    """Acronyms in prose that nothing else explained: each an organisation of unknown kind."""
    taken = {m.span.start for m in mentions}
    out = [m for m in acronyms if m.span.start not in taken]
    for m in out:
        _add_entity(ents, m.key, "other", m.span.text, m.span.text, None, "pattern:acronym")
    return out


def _acronym_in_prose(body: str, span: Span) -> bool:
    """"the Basque separatist group ETA": a short word in capitals inside a line of prose is an
    acronym, not the town the gazetteer spells the same (Etah); a dateline ("GOMA, Congo")
    starts its line."""
    text = span.text
    parts = text.replace("/", " ").replace("-", " ").split()      # "RFE/RL", "MS-13": one acronym
    if not (text.isupper() and 2 <= len(parts[0]) <= 5 and all(len(p) <= 5 for p in parts)):
        return False
    line_start = body.rfind("\n", 0, span.start) + 1
    line_end = body.find("\n", span.end)
    line = body[line_start:line_end if line_end >= 0 else len(body)]
    letters = [c for c in line if c.isalpha()]
    prose = sum(c.islower() for c in letters) > len(letters) / 2          # not "IN THIS ISSUE"
    return prose and body[line_start:span.start].strip() != ""

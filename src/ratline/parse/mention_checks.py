"""Second opinions on what the name rules found, once the whole document is known.

The mention finder works on its own tokens before the document is parsed; a few of its
guesses the parse and the words around a name can settle: a capitalised adjective
("Belgian media") is a modifier, not a place; a name before an area noun ("the Adhamiyah
and New Baghdad districts") is a place, not a person; a people's adjective before a word for
fighters ("Syrian rebels", "Maoist rebels") names an armed group, not the state.
"""
from __future__ import annotations

import re

from ratline.mentions.entities import slug
from ratline.mentions.finder import DocMentions
from ratline.mentions.names import place_level
from ratline.parse.roles import _no_party
from ratline.schema import Entity, Mention, Span

# the finder's bases that come from a list of known names: the parse does not overrule them
_LISTED = ("dictionary", "gazetteer:exact")


def drop_adjective_places(dm: DocMentions, parsed) -> None:
    """Remove place mentions the parse reads as adjectives, and places left with no mention."""
    kept = [m for m in dm.mentions if not _adjective_place(m, parsed)]
    if len(kept) == len(dm.mentions):
        return
    dm.mentions[:] = kept
    _forget_unnamed_places(dm)


def _forget_unnamed_places(dm: DocMentions) -> None:
    """Places no mention names any more leave the entities (and the gazetteer hits)."""
    dm._by_sentence = None
    named = {m.key for m in dm.mentions}
    for key in [k for k, e in dm.entities.items() if e.type == "place" and k not in named]:
        del dm.entities[key]
        dm.places.pop(key, None)


def _adjective_place(m, parsed) -> bool:
    if m.kind != "place" or m.basis.startswith(_LISTED):
        return False
    toks = parsed.tokens_in(m.span.start, m.span.end)
    if len(toks) != 1 or toks[0].tag_ != "JJ":
        return False
    after = toks[0].nbor(1).lower_ if toks[0].i + 1 < len(toks[0].doc) else ""
    return place_level(after) is None           # "the Bermal district" is a place the tagger misreads


def names_before_area_nouns(dm: DocMentions) -> None:
    """"New Baghdad district", "the Kunar and Nuristan provinces": a name the finder took for a
    person or an organisation is a place when an area noun follows it, directly or after a
    listed place."""
    by_key: dict[str, str] = {}
    for k, m in enumerate(dm.mentions):
        if m.kind not in ("person", "other") or m.basis.startswith("dictionary") or m.key in by_key \
                or " " not in m.span.text.strip():
            continue             # one word ("Karen State", "Karen rebels") may name a people as well
        if _area_noun_follows(dm, k):
            by_key[m.key] = "place_" + slug(m.span.text)
    for old, new in by_key.items():
        ent = dm.entities.pop(old, None)
        if ent is None:
            continue
        if new not in dm.entities:
            dm.entities[new] = Entity(id=new, type="place", name=ent.name, aliases=list(ent.aliases),
                                      country=ent.country, basis="pattern:before-area-noun")
        dm.mentions[:] = [Mention(m.span, "place", new, m.sentence, m.basis + "; before an area noun")
                          if m.key == old else m for m in dm.mentions]
    if by_key:
        dm._by_sentence = None


def _area_noun_follows(dm: DocMentions, k: int) -> bool:
    m = dm.mentions[k]
    sent = dm.sentences[m.sentence] if 0 <= m.sentence < len(dm.sentences) else None
    if sent is None or sent.index != m.sentence:
        return False
    rest = sent.span.text[m.span.end - sent.span.start:]
    listed = re.match(r"\s*(?:,|and|, and)\s+", rest)
    nxt = dm.mentions[k + 1] if k + 1 < len(dm.mentions) else None
    if listed and nxt is not None and nxt.span.start == m.span.end + listed.end():
        rest = sent.span.text[nxt.span.end - sent.span.start:]       # "Adhamiyah and New Baghdad districts"
        plural = True
    else:
        plural = False
    word = re.match(r"\s+([a-z-]+)\b", rest)
    if word is None:
        return False
    noun = word.group(1)
    if plural:                   # after a listed place only the plural joins both: "... districts"
        return noun.endswith("s") and place_level(noun[:-1]) is not None
    return place_level(noun) is not None


# the nouns for irregular fighters: "Syrian rebels", "Chechen militants", "Anglophone separatists"
FIGHTER_NOUNS = frozenset({"rebel", "militant", "insurgent", "guerrilla", "guerilla", "separatist", "jihadist",
                           "militiaman", "fighter"})


def described_fighters(dm: DocMentions, parsed) -> None:
    """"Syrian rebels killed 28 soldiers", "an attack by Maoist rebels": a capitalised modifier of a
    word for irregular fighters names a group of its own ("Syrian rebels"), one entity per wording
    in the report, instead of the state whose adjective it is.  A group the dictionary knows
    ("Taliban fighters", "Houthi rebels") stays that group."""
    at = {m.span.start: k for k, m in enumerate(dm.mentions)}
    changed = False
    for sent in dm.sentences:
        for tok in parsed.tokens_in(sent.span.start, sent.span.end):
            head = tok.head
            if tok.dep_ not in ("amod", "compound") or head.i != tok.i + 1 or not tok.text[:1].isupper() \
                    or head.lemma_.lower() not in FIGHTER_NOUNS or head.tag_ != "NNS" or not tok.is_alpha:
                continue
            if _named_by_what_follows(dm, head) or _no_party(tok):
                continue         # "the Ugandan rebels of the Allied Democratic Forces": that group;
                                 # "On Thursday insurgents kidnapped": a day, no name
            k = at.get(tok.idx)
            old = dm.mentions[k] if k is not None else None
            if old is not None and (old.kind != "government" or old.span.end != tok.idx + len(tok.text)):
                continue         # a known group, a force, a place or a longer name
            if old is None and any(m.span.start <= tok.idx < m.span.end for m in dm.mentions):
                continue
            words = f"{tok.text} {head.text.lower()}"
            key = "group_" + slug(f"{tok.text} {head.lemma_.lower()}s")
            _described_group(dm, key, words, [words], "described-fighters")
            mention = Mention(Span(tok.idx, head.idx + len(head.text), words), "armed_group", key, sent.index,
                              "parse:described-fighters")
            if k is not None:
                dm.mentions[k] = mention
            else:
                dm.mentions.append(mention)
            changed = True
    if changed:
        dm.mentions.sort(key=lambda m: m.span.start)
        dm._by_sentence = None
        named = {m.key for m in dm.mentions}
        for key in [k for k, e in dm.entities.items() if e.type == "government" and k not in named]:
            del dm.entities[key]


def _described_group(dm: DocMentions, key: str, name: str, aliases: list[str], how: str) -> None:
    """The report's group that only a description names ("Syrian rebels", "gunmen"), made once,
    with each wording the report uses as an alias."""
    if key not in dm.entities:
        dm.entities[key] = Entity(id=key, type="armed_group", name=name, aliases=[], country=None,
                                  basis=f"pattern:{how}")
    for alias in aliases:
        if alias not in dm.entities[key].aliases:
            dm.entities[key].aliases.append(alias)


# the nouns for attackers the report does not name ("Gunmen opened fire", "an ambush by armed
# men", "suspected armed bandits killed 25"); "men" only with "armed" before it
ATTACKER_NOUNS = frozenset({"gunman", "gunmen", "bandit", "assailant", "attacker", "kidnapper", "man", "men"})


def described_attackers(dm: DocMentions, parsed) -> None:
    """"Four gunmen attacked tourists", "an ambush by armed men": attackers the report does not
    name are one group of their own in the report, named by its noun ("gunmen", "armed
    bandits"), when they act: the subject of an active verb or the "by" of a passive or of an
    act's noun.  Words that may stand for a known group ("the militants") are left to the
    anaphora pass; a noun inside another mention is that mention's."""
    changed = False
    for sent in dm.sentences:
        for tok in parsed.tokens_in(sent.span.start, sent.span.end):
            lemma = tok.lemma_.lower()
            if tok.tag_ != "NNS" or lemma not in ATTACKER_NOUNS or not _acting(tok):
                continue
            armed = [c for c in tok.children if c.dep_ == "amod" and c.lower_ == "armed" and c.i == tok.i - 1]
            if lemma in ("man", "men") and not armed:
                continue
            if any(m.span.start <= tok.idx < m.span.end for m in dm.mentions) or _named_by_what_follows(dm, tok):
                continue         # "the kidnappers, elements of the TPNPB": that group
            start = armed[0] if armed else tok
            words = parsed.doc[start.i:tok.i + 1].text
            key = "group_" + slug(f"unidentified {words.lower()}")
            written = parsed.doc[_phrase_start(tok).i:tok.i + 1].text
            _described_group(dm, key, words.lower(), [words, written], "described-attackers")
            dm.mentions.append(Mention(Span(start.idx, tok.idx + len(tok.text), words), "armed_group", key,
                                       sent.index, "parse:described-attackers"))
            changed = True
    if changed:
        dm.mentions.sort(key=lambda m: m.span.start)
        dm._by_sentence = None


# verbs of violence whose subject is an attacker ("Gunmen opened fire", "bandits stormed")
ATTACK_VERBS = frozenset({"attack", "kill", "open", "fire", "ambush", "abduct", "kidnap", "shoot", "storm", "raid",
                          "seize", "detonate", "wound", "injure", "hit", "strike", "target", "burn", "loot",
                          "behead", "stab", "hack", "invade", "overrun", "murder", "gun", "massacre", "torch"})


def _acting(noun) -> bool:
    """The noun does a violent act: the subject of an active verb of violence, or the "by" of a
    passive or of an act's noun ("an ambush by armed men")."""
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        return noun.head.lemma_.lower() in ATTACK_VERBS
    return noun.dep_ == "pobj" and noun.head.lower_ == "by" and noun.head.dep_ in ("agent", "prep")


def _phrase_start(noun):
    """Where the noun's phrase begins ("Four gunmen", "Suspected armed bandits"), its determiners aside."""
    first = noun
    for c in noun.children:
        if c.i < first.i and c.dep_ in ("nummod", "amod", "compound"):
            first = c
    return first


def _named_by_what_follows(dm: DocMentions, noun) -> bool:
    """"rebels of the ADF", "militants, the Allied Democratic Forces": the fighters are a group
    the report names right after them."""
    named = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    named = [g for c in named for g in c.children if g.dep_ == "pobj"] + [c for c in noun.children if c.dep_ == "appos"]
    return any(m.span.start <= g.idx < m.span.end and m.kind == "armed_group" for g in named for m in dm.mentions)


# the words a province or town may carry between its name and its police ("Zamfara state police")
_PLACE_LEVEL_WORDS = ("state", "provincial", "province", "district", "regional", "city", "county")
_NOT_OWNER = ("in", "at", "near", "from", "across", "to", "into", "outside", "inside", "throughout", "of", "around")


def place_police(dm: DocMentions, body: str) -> None:
    """"Zamfara state police spokesman Muhammad Shehu", "Central Sulawesi police chief": a
    province's or a town's police is a force of its own, named as the report names it; "in
    Kandahar police arrested ..." is the town, then the police."""
    added = False
    for k, m in enumerate(dm.mentions):
        if m.kind != "place":
            continue
        words = body[m.span.end:m.span.end + 30].split()
        n = 1 if words[:1] and words[0].lower() in _PLACE_LEVEL_WORDS else 0
        if len(words) <= n or words[n].lower().rstrip(".,;:") != "police" or not words[n][:1].islower():
            continue
        before = body[max(0, m.span.start - 12):m.span.start].split()
        if before and before[-1].lower() in _NOT_OWNER:
            continue
        end = body.index(words[n], m.span.end) + len("police")
        name = " ".join(body[m.span.start:end].split())
        key = slug(name)
        place = dm.places.get(m.key)
        if key not in dm.entities:
            dm.entities[key] = Entity(id=key, type="state_force", name=name, aliases=[name],
                                      country=getattr(place, "country", None), basis="pattern:place-police")
        dm.mentions[k] = Mention(Span(m.span.start, end, body[m.span.start:end]), "state_force", key, m.sentence,
                                 "pattern:place-police")
        added = True
    if added:
        _forget_unnamed_places(dm)

"""Names the dictionary does not know: people, new groups, facilities, small towns.

Next month's news names people and groups no list has yet, so capitalised runs of
words are classified by their shape and neighbours — a title before a person, a
head noun ending an organisation, a locative or the gazetteer for a place — with
the word lists kept in ``data/names.yaml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ratline.mentions.name_runs import is_acronym, is_cap, run_end
from ratline.mentions.text import Token

NATIONALITY_HINTS = {
    "iraqi", "afghan", "syrian", "iranian", "american", "british", "pakistani", "nigerian", "somali",
    "malian", "yemeni", "lebanese", "israeli", "russian", "ukrainian", "french", "turkish", "kurdish",
    "libyan", "sudanese", "egyptian", "saudi", "jordanian", "kenyan", "ethiopian", "colombian",
    "mexican", "filipino", "indian", "us", "u.s", "coalition", "nato", "national", "federal",
}


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "june", "july", "august", "september", "october", "november", "december"}
_VESSEL_PREFIXES = {"uss", "hms", "ins", "hmas", "hmcs", "mv", "ms"}
_GEO_WORDS = {"africa", "asia", "europe", "america", "middle", "east", "west", "north", "south", "valley", "river",
              "lake", "mountains", "mountain", "sea", "gulf", "desert", "peninsula", "basin", "plateau", "coast",
              "delta", "island", "islands", "corridor", "strip", "bank", "highlands", "hills", "pass", "territory", "territories",
              "tierra", "sierra", "valle", "montes", "selva", "costa", "strait", "straits", "horn", "cape"}
_STREET_WORDS = {"street", "avenue", "road", "boulevard", "square", "highway", "lane", "bridge"}

# a settlement noun written after a name makes it a place's name, whatever its first word
_SETTLEMENT_NOUNS = {"village", "hamlet", "township", "neighbourhood", "neighborhood"}
_AREA_WORDS = {"province", "district", "governorate", "city", "town", "village", "hamlet", "region", "state", "county",
               "valley", "area", "neighbourhood", "neighborhood", "camp", "forest", "mountains", "mountain", "sector",
               "hills", "island", "islands",
               # sites a name is given to ("the Bab al-Hawa crossing", "the Qara Qozak bridge")
               "crossing", "bridge", "dam", "checkpoint", "junction", "airfield", "airbase", "pass"}
_LOWER_ORG_HEADS = {"gang", "network", "militia", "group", "cell", "brigade", "faction", "battalion", "movement",
                    "front", "organization", "organisation", "clan", "tribe"}


@dataclass(frozen=True)
class NameLists:
    titles: dict[tuple[str, ...], int]
    particles: frozenset[str]
    org_heads: dict[str, str]
    org_heads_first: dict[str, str]
    place_heads_first: frozenset[str]
    facility_heads: frozenset[str]
    locatives: frozenset[str]
    stop: frozenset[str]


@dataclass(frozen=True)
class NameHit:
    start: int            # token index
    end: int              # token index (exclusive)
    kind: str             # person | armed_group | state_force | state_agency | company | other | place | facility
    title: str | None     # "Lieutenant Colonel" when a title introduced the person
    basis: str


@lru_cache(maxsize=1)
def name_lists_raw() -> dict:
    """The word lists as written in data/names.yaml."""
    return yaml.safe_load(Path(str(resources.files("ratline") / "data" / "names.yaml")).read_text())


@lru_cache(maxsize=1)
def state_nouns() -> frozenset[str]:
    """Nouns after a nation's adjective that make it name the state ("Russian officials"), from
    ``state_nouns`` in data/names.yaml."""
    return frozenset(name_lists_raw()["state_nouns"])


@lru_cache(maxsize=1)
def person_roles() -> frozenset[str]:
    """Nouns of one person's role ("the driver", "a local commander"), from ``person_roles`` in
    data/names.yaml: such a noun in the singular counts one person killed or taken."""
    return frozenset(name_lists_raw()["person_roles"])


@lru_cache(maxsize=1)
def part_nouns() -> frozenset[str]:
    """Words that make a name holding its parent's name a part of it ("rogue Mahdi Army
    elements"), from ``part_nouns`` in data/names.yaml."""
    return frozenset(name_lists_raw()["part_nouns"])


@lru_cache(maxsize=1)
def place_levels() -> dict[str, float]:
    """How large a place is by the noun written beside its name (0.5 a site or village, 1 a
    town or district, 4 a province or region), from ``place_levels`` in data/names.yaml."""
    return {noun: 0.5 if int(level) == 0 else float(level)
            for level, nouns in name_lists_raw()["place_levels"].items() for noun in nouns}


def place_level(noun: str) -> float | None:
    """The size a noun gives a place, plural or not ("district", "districts"), else None."""
    levels = place_levels()
    noun = noun.lower()
    if noun in levels:
        return levels[noun]
    return levels.get(noun[:-1]) if noun.endswith("s") else None


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    raw = name_lists_raw()
    titles = {tuple(t.split()): len(t.split()) for t in raw["titles"]}
    org_heads = {}
    for kind, words in raw["org_heads"].items():
        for w in words:
            org_heads.setdefault(w, kind)
    return NameLists(
        titles=titles,
        particles=frozenset(raw["particles"]),
        org_heads=org_heads,
        org_heads_first={w: kind for kind, words in (raw.get("org_heads_first") or {}).items() for w in words},
        place_heads_first=frozenset(raw.get("place_heads_first") or ()),
        facility_heads=frozenset(raw["facility_heads"]),
        locatives=frozenset(raw["locatives"]),
        stop=frozenset(raw["stop"]),
    )


# words of a faith that begin a movement's name ("the Islamic Courts", "the Muslim Brotherhood"),
# though alone they name nobody (they stay in the stop list)
_FAITH_WORDS = {"islamic", "muslim"}
# adjectives the stop list holds that open an organisation's name ("Free Aceh Movement",
# "Eastern Liberation Front"): kept when the name ends with an organisation's head noun
_NAME_OPENERS = {"free", "eastern", "western", "southern", "northern", "central", "special", "kurdish", "arab",
                 "christian", "shia", "shiite", "sunni", "islamist", "jihadist"}
_STRONG_LOCATIVES = {"near", "outside", "around", "toward", "towards", "into", "inside", "outskirts"}
def find_names(tokens: list[Token], covered: set[int], is_place=None) -> list[NameHit]:
    """Capitalised runs outside dictionary matches, classified by shape and context."""
    lists = name_lists()
    hits: list[NameHit] = []
    i = 0
    n = len(tokens)
    while i < n:
        if i in covered or not is_cap(tokens[i]):
            i += 1
            continue
        j = run_end(tokens, i, covered, lists)
        if j < n and j not in covered and tokens[j].norm in _LOWER_ORG_HEADS:
            j += 1                      # "the Fajr al Dulaimi gang", "the Sheibani network"
        hit = _classify(tokens, i, j, lists, is_place)
        if hit:
            hits.append(hit)
        # an acronym set apart from the words after it ("UNESCO World Heritage"): read those anew
        i = hit.end if hit is not None and hit.basis == "pattern:acronym-before-name" else max(j, i + 1)
    return hits


_ADVERBS_IN_NAMES = frozenset({"now", "then", "here", "there", "over", "more", "most"})
_SENTENCE_MARKS = frozenset({".", "!", "?", ":", ";", "\"", "“", "”", "'", "‘", "’", "(", "-", "—", "–"})


def _unknown_word_inside(tokens, i, is_place) -> bool:
    """A one-word name inside a sentence that no gazetteer knows: with a site noun after it
    it names the site ("Tushino airfield"); a known town's airport stays the town."""
    return i > 0 and tokens[i - 1].text not in _SENTENCE_MARKS and is_place is not None \
        and not is_place(tokens[i].text)


def _classify(tokens, i, j, lists, is_place) -> NameHit | None:
    if j - i == 3 and is_acronym(tokens[i]) and (
            (tokens[i + 1].text == "-" and tokens[j - 1].text.isdigit())
            or (tokens[i + 1].text == "/" and is_acronym(tokens[j - 1]))):
        return NameHit(i, j, "single", None, "pattern:capitalised-word")     # "MS-13", "RFE/RL": one acronym
    if j < len(tokens) and tokens[j].text in lists.facility_heads and tokens[i].norm not in lists.stop and (
            j - i >= 2 or _unknown_word_inside(tokens, i, is_place)):     # "Moscow's Tushino airfield"
        return NameHit(i, j + 1, "facility", None, "pattern:name+site")   # "the Imam Sadiq mosque"
    if j < len(tokens) and tokens[j].text in _SETTLEMENT_NOUNS and tokens[i].norm not in lists.stop:
        return NameHit(i, j, "place", None, "pattern:name+settlement")    # "Sheikh Ali village": not a sheikh
    # strip a leading title ("Lieutenant Colonel"), remembering it
    title = None
    words_at = [k for k in range(i, j) if tokens[k].text not in (".", "-")]   # "Lt. Gen.", "Secretary-General"
    site = tokens[j - 1].norm in lists.facility_heads      # "Imam Sadiq Mosque": a title in a site's name
    for size in (3, 2, 1) if not site else ():
        idx = words_at[:size]
        key = tuple(tokens[k].norm for k in idx)
        if len(key) == size and key in lists.titles and len(words_at) > size:
            end = idx[-1] + 1
            while end < j and tokens[end].text == ".":
                end += 1
            title = "".join((" " if k > i and tokens[k].start > tokens[k - 1].end else "") + tokens[k].text
                            for k in range(i, end))
            i = end
            break
    # drop leading stop words ("The", "Also", months) and trailing possessive bits; an adverb
    # written with a capital inside a sentence is part of a name ("the Now Zad district")
    while i < j and tokens[i].norm in lists.stop and not title and not (
            tokens[i].norm in _ADVERBS_IN_NAMES and i > 0 and tokens[i - 1].text not in _SENTENCE_MARKS
            and j - i >= 2) and not (tokens[i].norm in _FAITH_WORDS and j - i >= 2) and not (
            tokens[i].norm in _NAME_OPENERS and j - i >= 2 and (
                (j - i >= 3 and tokens[j - 1].norm in lists.org_heads)
                or (is_place is not None and is_place(" ".join(t.text for t in tokens[i:j]))))):
        i += 1
    while j > i and (tokens[j - 1].norm in lists.particles or tokens[j - 1].text in "-"
                     or tokens[j - 1].norm in _CALENDAR):
        j -= 1                          # "Serbia Friday": the weekday is not part of the name
    if i >= j:
        return None
    words = [t.norm for t in tokens[i:j] if t.text not in "-"]
    if len(words) >= 2 and words[-1].isdigit():
        words = words[:-1]              # "KNU Brigade 5": the unit's number is no head
    head = words[-1]
    p = i
    if p >= 3 and tokens[p - 1].norm == "s" and tokens[p - 2].text in "’'":
        p -= 3                       # "at Iraq’s Finance Ministry": look before the possessor
    prev = tokens[p - 1].norm if p > 0 else ""
    prev2 = tokens[p - 2].norm if p > 1 else ""
    name = " ".join(t.text for t in tokens[i:j])
    if title is None:
        title = _title_before(tokens, i, lists)      # "Prime minister Nouri al Maliki"
    if title:
        return NameHit(i, j, "person", title, "pattern:title+name")
    if words[0] in _VESSEL_PREFIXES and len(words) >= 2:
        return NameHit(i, j, "other", None, "pattern:vessel")             # "USS Cole": a target, not a place
    if len(words) >= 2 and head in {"area", "district", "province", "governorate", "county", "region", "village",
                                    "hamlet", "township", "town", "municipality"}:
        return NameHit(i, j, "place", None, "pattern:area-name")         # "Gwoza Local Government Area"
    if head in lists.facility_heads and len(words) >= 2:
        return NameHit(i, j, "facility", None, "pattern:facility-head")
    building_cue = {"at", "near", "outside", "inside"}
    if lists.org_heads.get(head) == "state_agency" and (prev in building_cue or (prev == "the" and prev2 in building_cue)):
        return NameHit(i, j, "facility", None, "pattern:agency-building")
    if len(words) >= 3 and "of" in words and any(w in lists.org_heads for w in words[:words.index("of")]):
        head_before_of = next(w for w in reversed(words[:words.index("of")]) if w in lists.org_heads)
        return NameHit(i, j, lists.org_heads[head_before_of], None, "pattern:organisation-of")
    org = lists.org_heads.get(head) or (lists.org_heads.get(" ".join(words[-2:])) if len(words) > 1 else None)
    if org and len(words) >= 2:
        kind = org
        if kind == "armed_group" and words[0] in NATIONALITY_HINTS:
            kind = "state_force"
        return NameHit(i, j, kind, None, "pattern:organisation-head")
    place_ctx = prev in lists.locatives or (prev2 in lists.locatives and prev == "the")
    nxt = tokens[j].norm if j < len(tokens) else ""
    prev3 = tokens[p - 3].norm if p > 2 else ""
    named_area = nxt in _AREA_WORDS or (prev == "of" and prev2 in _AREA_WORDS) or (
        prev == "of" and prev2 in ("centre", "center") and prev3 in _AREA_WORDS | {"provincial", "administrative"})
    if named_area:
        place_ctx = True
    if len(words) == 1 and not place_ctx:
        return NameHit(i, j, "single", None, "pattern:capitalised-word")   # a surname first, else a place
    if _known_as(tokens, i):
        return NameHit(i, j, "single" if len(words) == 1 else "person", None, "pattern:known as")   # "known as 'El Paisa'"
    if _role_apposed(tokens, j) and (not place_ctx or (named_area and len(words) >= 2)):
        # "Abu Musa, a senior commander"; "the capture in the city of Salah Abdeslam, the main
        # suspect": a person's role set beside it outweighs the area noun before it
        return NameHit(i, j, "person", None, "pattern:name, a role")
    if is_place is not None and is_place(name):
        return NameHit(i, j, "place", None, "gazetteer" + (":locative" if place_ctx else ""))
    if len(words) in (2, 3) and (prev in _STRONG_LOCATIVES or (prev == "the" and prev2 in _STRONG_LOCATIVES)) \
            and nxt not in ("s", "'", "’"):
        return NameHit(i, j, "place", None, "pattern:locative-name")       # "near Mir Ali", "outside Tal Afar"
    if len(words) >= 2 and words[0] in lists.place_heads_first and not org:
        return NameHit(i, j, "place", None, "pattern:place-head-first")     # "Kfar Tebnit", "Deir Hafer"
    if len(words) >= 2 and words[0] in lists.org_heads_first and tokens[i].text[:1].isupper():
        return NameHit(i, j, lists.org_heads_first[words[0]], None, "pattern:organisation-head-first")
    if named_area and len(words) <= 3:
        return NameHit(i, j, "place", None, "pattern:named-area")     # "the village of Charqolba"
    if all(w in lists.stop for w in words):
        return None
    if any(w.endswith(("ist", "ists", "ism", "ese", "ish")) for w in words):
        return None
    if len(words) >= 2 and words[-1] in _STREET_WORDS:
        return NameHit(i, j, "place", None, "pattern:street-name")      # "Haifa Street", "Cesar Lopez Avenue"
    if len(words) >= 2 and any(w in _GEO_WORDS for w in words):
        return NameHit(i, j, "place", None, "pattern:region-name")      # "West Africa", "Rafd Valley"
    if len(words) in (2, 3) and prev in ("in", "across", "throughout") and nxt in (",", ".", ":", ";", ""):
        return NameHit(i, j, "place", None, "pattern:locative-name")       # "in Intan Jaya, Papua"
    if len(words) in (2, 3) and prev in ("in", "at", "near") and _located_after(tokens, j):
        return NameHit(i, j, "place", None, "pattern:located-name")   # "at Bandar Masin, on the outskirts of"
    if len(words) >= 3 and is_acronym(tokens[i]) and not is_acronym(tokens[i + 1]):
        return NameHit(i, i + 1, "single", None, "pattern:acronym-before-name")   # "MFDC Secretary General X"
    if len(words) >= 2 and not any(w in lists.stop for w in words[:1]):
        return NameHit(i, j, "person", None, "pattern:capitalised-name")
    if len(words) == 1:
        return NameHit(i, j, "single", None, "pattern:capitalised-word")
    return None


_PERSON_ROLES = frozenset({"commander", "leader", "chief", "spokesman", "spokeswoman", "spokesperson", "member",
                           "fighter", "militant", "official", "minister", "general", "colonel", "emir", "founder",
                           "deputy", "officer", "soldier", "cleric", "preacher", "financier", "recruiter", "bomber",
                           "militiaman", "activist", "journalist", "lawmaker", "politician", "governor", "mayor"})


def _known_as(tokens, i) -> bool:
    """"an ELN commander known as 'El Paisa'": a byname, never the gazetteer's place of that name."""
    k = i - 1
    while k >= 0 and tokens[k].text in ("'", '"', "“", "‘"):
        k -= 1
    return k >= 1 and tokens[k].norm == "as" and tokens[k - 1].norm in ("known", "alias", "nicknamed", "called", "dubbed")


def _role_apposed(tokens, j) -> bool:
    """"Abu Musa, a senior commander of the group": a name followed by a person's role in
    apposition is a person's, whatever the gazetteer holds under the same letters."""
    if j + 2 >= len(tokens) or tokens[j].text != "," or tokens[j + 1].norm not in ("a", "an", "the"):
        return False
    for k in range(j + 2, min(j + 6, len(tokens))):
        if tokens[k].norm in _PERSON_ROLES or tokens[k].norm in person_roles():
            return True
        if not tokens[k].text.isalpha() or tokens[k].text[:1].isupper() and k > j + 2:
            return False
    return False


_LOCATING_WORDS = frozenset({"near", "in", "on", "outside", "north", "south", "east", "west", "northeast",
                             "northwest", "southeast", "southwest", "about", "some", "just"})


def _located_after(tokens, j) -> bool:
    """"in Seuneubok Teungah in West Aceh", "at Bandar Masin, on the outskirts of Lhokseumawe":
    a name the text goes on to locate ("in", "near", ", north of", ", on the outskirts of")."""
    if j >= len(tokens):
        return False
    if tokens[j].norm in ("in", "near"):
        return True
    return tokens[j].text == "," and j + 1 < len(tokens) and tokens[j + 1].norm in _LOCATING_WORDS \
        and not (tokens[j + 1].norm == "on" and j + 2 < len(tokens) and tokens[j + 2].norm in _CALENDAR)


def _title_before(tokens, i, lists) -> str | None:
    """A title written just before the capitalised name, in any case ("Prime minister X")."""
    for size in (3, 2):
        if i - size < 0:
            continue
        window = tokens[i - size:i]
        key = tuple(t.norm for t in window if t.text != ".")
        if key in lists.titles and window[0].text[:1].isupper():
            return " ".join(t.text for t in window)
    return None


def _sentence_start(tokens, i) -> bool:
    return i == 0 or tokens[i - 1].text in {"“", '"', "(", "‘", ":"}

"""How far a capitalised name runs: over particles ("Fatah al-Islam", "Port-au-Prince"), an
abbreviated title or a middle initial ("Maj. Gen. Alex S. Rillera"), a possessive inside a
name ("Sudan People's Liberation Movement"), a unit's or an acronym's number ("KNU Brigade 5",
"MS-13") and "of the" in an organisation's name.

Apart from ``names.py``, which classifies the run once its end is known: the two jobs are read
separately and each fits one sitting.
"""
from __future__ import annotations

from ratline.mentions.text import Token

_HYPHEN_ARTICLES = {"ad", "an", "ar", "as", "ash", "at", "az", "ez", "es", "ed", "ud", "ul", "ur", "us", "ut", "ibn"}
_WATER_HEADS = {"gulf", "sea", "bay", "strait", "straits", "horn", "lake", "gulfs", "isle", "cape"}   # "Gulf of Aden"
_JOINING_PARTICLES = {"au", "aux", "en", "de", "du", "des", "la", "le", "les", "sur", "sous", "upon", "on", "y", "el",
                      "e", "i"}      # Urdu/Persian izafat: "Lashkar-e-Taiba", "Tehrik-i-Insaf"
# the lowercase particles that carry a name on across a hyphen ("Fatah al-Islam", "Hizb ut-Tahrir",
# "Lashkar-e-Taiba"): the finder will not stop a known name short of them
NAME_LINKS = frozenset(_HYPHEN_ARTICLES | {"al", "el", "e", "i"})


def is_ordinal(text: str) -> bool:
    """"2nd", "101st": a number written as an ordinal (a unit's number, "the 2nd Division")."""
    return len(text) > 2 and text[:-2].isdigit() and text[-2:] in ("st", "nd", "rd", "th")


def is_cap(tok: Token) -> bool:
    return (tok.text[:1].isupper() and tok.text[:1].isalpha()) or is_ordinal(tok.text)


def is_acronym(tok: Token) -> bool:
    return len(tok.text) >= 2 and tok.text.isalpha() and tok.text.isupper()


_POSSESSIVE_IN_NAMES = frozenset({"people", "peoples", "workers", "women", "martyrs", "mujahideen", "patriots"})


def _unit_number(tokens, j, lists) -> bool:
    t = tokens[j]
    return t.text.isdigit() and len(t.text) <= 4 and lists.org_heads.get(tokens[j - 1].norm) in (
        "armed_group", "state_force") and tokens[j - 1].text[:1].isupper()


def _middle_initial(tokens, i, j) -> bool:
    """A capital letter and its full stop between two words of a name ("Alex S. Rillera"), not
    the end of a sentence: the letter follows a capitalised word and the next one is
    capitalised too, with no space before the stop."""
    initial = tokens[j - 1]
    return (j - 1 > i and len(initial.text) == 1 and initial.text.isupper()
            and tokens[j].start == initial.end and j + 1 < len(tokens) and is_cap(tokens[j + 1])
            and tokens[j - 2].text[:1].isupper() and len(tokens[j - 2].text) > 1)


def run_end(tokens, i, covered, lists) -> int:
    """Extend a capitalised run over particles, hyphens, apostrophes and 'of the'."""
    j = i + 1
    n = len(tokens)
    while j < n and j not in covered:
        t = tokens[j]
        if is_cap(t):
            j += 1
            continue
        if t.text == "." and j + 1 < n and is_cap(tokens[j + 1]) and (tokens[j - 1].norm,) in lists.titles \
                and t.end == tokens[j - 1].end + 1:
            j += 1                      # "Maj. Gen. Hassan Khudair": an abbreviated title goes on
            continue
        if _unit_number(tokens, j, lists):
            j += 1                      # "KNU Brigade 5", "Battalion 112": a unit's number ends its name
            break
        if t.text == "-" and j + 1 < n and tokens[j + 1].text.isdigit() and is_acronym(tokens[j - 1]) \
                and t.start == tokens[j - 1].end and tokens[j + 1].start == t.end:
            j += 2                      # "MS-13", "M-19": an acronym and its number
            break
        if t.text == "/" and j + 1 < n and is_acronym(tokens[j - 1]) and is_acronym(tokens[j + 1]) \
                and t.start == tokens[j - 1].end and tokens[j + 1].start == t.end:
            j += 2                      # "RFE/RL", "PMF/CTU": two acronyms written as one name
            continue
        if t.text in ("'", "’") and tokens[j - 1].norm in _POSSESSIVE_IN_NAMES and t.start == tokens[j - 1].end:
            k = j + 2 if j + 1 < n and tokens[j + 1].text == "s" else j + 1
            if k < n and is_cap(tokens[k]):
                j = k                   # "Sudan People's Liberation Movement", "Kurdistan Workers' Party"
                continue
        if t.text == "." and _middle_initial(tokens, i, j):
            j += 1                      # "Alex S. Rillera": a middle initial goes on
            continue
        if (t.norm in lists.particles or (t.norm in _HYPHEN_ARTICLES and j + 1 < n
                                           and tokens[j + 1].text == "-")) and j + 1 < n and (
            is_cap(tokens[j + 1]) or (tokens[j + 1].text == "-" and j + 2 < n and is_cap(tokens[j + 2]))
        ):
            j += 1
            continue
        if t.norm in ("al", "el") and j + 2 < n and tokens[j + 1].text == "-" and tokens[j + 2].text.isalpha() \
                and tokens[j + 2].text.islower() and len(tokens[j + 2].text) >= 3 \
                and tokens[j + 1].start == t.end and tokens[j + 2].start == tokens[j + 1].end:
            j += 3                      # "Laith al-khazali": a surname the page left in lower case
            break
        if t.text == "-" and j + 1 < n and is_cap(tokens[j + 1]) and tokens[j + 1].start == t.end:
            j += 1
            continue
        if t.text == "-" and j + 3 < n and tokens[j + 1].norm in _JOINING_PARTICLES and tokens[j + 2].text == "-" \
                and is_cap(tokens[j + 3]) and tokens[j + 3].start == tokens[j + 2].end:
            j += 3                      # "Port-au-Prince", "Aix-en-Provence", "Stratford-upon-Avon"
            continue
        if t.text in ('"', "“") and j + 3 < n and is_cap(tokens[j + 1]) and tokens[j + 2].text in ('"', "”") \
                and is_cap(tokens[j + 3]):
            j += 3                      # Jimmy "Barbecue" Chérizier: a nickname inside the name
            continue
        if t.norm == "of" and (_org_like(tokens, i, j, lists) or tokens[j - 1].norm in _WATER_HEADS):
            k = j + 1
            if k < n and tokens[k].norm == "the":
                k += 1
            if k < n and is_cap(tokens[k]) and k not in covered:
                j = k
                continue
        break
    return j


def _org_like(tokens, i, j, lists) -> bool:
    return any(tokens[k].norm in lists.org_heads or tokens[k].norm in lists.facility_heads for k in range(i, j))

"""Name keys for matching place names the way reporters spell them.

One place reaches English text in many spellings: "Al Amarah", "Amara",
"Al-'Amarah"; "Majjar al-Kabir" and "Majar al Kabir"; "An Nasiriyah" and
"Nasiriyah".  Rather than fuzzy-scoring every query against every name, each
name gets two keys, computed the same way for the gazetteer and for the query:

* ``exact_key``: case folded, diacritics and apostrophe-like marks removed,
  punctuation turned into spaces.  "Al ‘Amārah" -> "al amarah".
* ``loose_key``: the exact key with the differences that transliteration of
  Arabic, Persian and Pashto into Latin letters produces taken out: article
  tokens (al, el, an, ar, ash ...) dropped, doubled letters single, ``q`` as
  ``k``, ``ou``/``oo`` as ``u``, ``ee`` as ``i``, ``iy`` as ``i``, and a final
  ``h`` after a vowel dropped.  "An Nasiriyah" and "Nasiriya" -> "nasiria".

A match on the exact key is trusted more than one on the loose key; both are
deterministic, so a lookup can say which rule matched.
"""
from __future__ import annotations

import re
import unicodedata

# Apostrophe-like marks that stand for ayn/hamza or are typographic: deleted,
# so "Karbala'" = "Karbala" and "Ba'qubah" = "Baqubah".
_MARKS = dict.fromkeys(map(ord, "'`´‘’ʹʻʼʽʾʿˈ′"), None)
# Letters NFKD does not decompose.
_LETTERS = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "þ": "th",
    "ß": "ss", "æ": "ae", "œ": "oe", "ŀ": "l",
})
_NON_WORD = re.compile(r"[^\w]+|_")

# Transliterations of the Arabic article, assimilated or not, as separate tokens.
ARTICLES = frozenset({
    "al", "el", "il", "ul", "an", "ar", "as", "ash", "at", "ath", "ad", "adh",
    "az", "ed", "en", "er", "es", "et", "ez",
})
_DOUBLED = re.compile(r"(\w)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def exact_key(name: str) -> str:
    """Case, diacritics, apostrophes and punctuation folded away."""
    s = name.translate(_MARKS)
    if not s.isascii():
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s)).casefold().translate(_LETTERS)
        s = "".join(ch for ch in s if not unicodedata.combining(ch)) if not s.isascii() else s
    else:
        s = s.lower()
    return " ".join(_NON_WORD.sub(" ", s).split())


def loose_key(name: str) -> str:
    """The exact key with transliteration differences removed (see module doc)."""
    return loose_from_exact(exact_key(name))


def loose_from_exact(key: str) -> str:
    """:func:`loose_key` of a string that is already an exact key.

    Steps, in order: article tokens dropped; ou/oo -> u (Kirkouk, Falooja);
    ee -> i (Khanaqeen); doubled letters single (Majjar, Fallujah); q -> k
    (Qandahar); iy -> i (Nasiriya); final h after a vowel dropped (Amarah).
    Plain ``str`` methods where they do, since this runs ~10^6 times when the
    index is built.
    """
    tokens = key.split()
    if len(tokens) > 1:
        kept = [t for t in tokens if t not in ARTICLES]
        key = " ".join(kept) if kept else key
    s = key.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    s = _DOUBLED.sub(r"\1", s).replace("q", "k").replace("iy", "i")
    return _FINAL_H.sub("", s) if "h" in s else s


def is_latin(key: str) -> bool:
    """True for keys written in Latin letters and digits only (what is indexed)."""
    return key.isascii() and not key.isdigit()


_NON_LATIN = re.compile(r"[^\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2018-\u201f]")


def looks_latin(text: str) -> bool:
    """Cheap pre-check: written in Latin script (with diacritics), not Arabic etc."""
    return text.isascii() or not _NON_LATIN.search(text)


# "Maysan province", "Governorate of Wasit", "Borno State", "Muhafazat Kirkuk".
_PROVINCE_WORDS = r"province|governorate|state|region|prefecture|oblast|wilayah?|muhafazah?"
_PROVINCE_SUFFIX = re.compile(rf"^(?P<rest>.+?)\s+(?:{_PROVINCE_WORDS})$")
_PROVINCE_PREFIX = re.compile(rf"^(?:(?:{_PROVINCE_WORDS})\s+of|muhafazat|wilayat(?:\s+e)?)\s+(?P<rest>.+)$")
_CITY_SUFFIX = re.compile(r"^(?P<rest>.+?)\s+city$")


def province_part(key: str) -> str | None:
    """The province name inside "X province" / "province of X", else None."""
    m = _PROVINCE_SUFFIX.match(key) or _PROVINCE_PREFIX.match(key)
    return m.group("rest") if m else None


def city_part(key: str) -> str | None:
    """The town name inside "X city" ("Baghdad city"), else None."""
    m = _CITY_SUFFIX.match(key)
    return m.group("rest") if m else None


_QUALIFIED = re.compile(r"^\s*(?P<head>[^,()]+?)\s*(?:,\s*(?P<tail>[^,()]+?)|\((?P<paren>[^()]+)\))\s*$")


def split_qualifier(name: str) -> tuple[str, str | None]:
    """"Sadr City, Baghdad" / "Sadr City (Baghdad)" -> ("Sadr City", "Baghdad")."""
    m = _QUALIFIED.match(name)
    if not m:
        return name, None
    return m.group("head"), (m.group("tail") or m.group("paren"))

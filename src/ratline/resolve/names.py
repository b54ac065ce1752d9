"""Name normalisation for matching entities across documents.

Reporters write one name many ways: "Jaysh al-Mahdi" / "Jaysh Al-Mahdi",
"Lt. Col. Brian Maka" / "Lieutenant Colonel Brian Maka", "Muqtada al-Ṣadr" /
"Muqtada al Sadr".  ``norm`` reduces those differences (case, diacritics,
punctuation, the Arabic article, a leading "the", military and civil titles) so
that equal strings mean "same written name".  Letters of other scripts are kept
(only combining marks are dropped), so Arabic or Cyrillic names never collapse
to an empty string.

``PersonName`` splits a person's normalised name into a given name and a
surname, because two different people often share a surname (Qais and Laith
Qazali are brothers); the resolver uses it to refuse such merges.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Dropped wherever they stand: the Arabic article as a separate word ("al-" is
# split off by the hyphen rule first).
PARTICLES = frozenset({"al", "el"})
# Dropped only at the start: "the Mahdi Army" = "Mahdi Army".
LEADING = frozenset({"the"})
# Titles and ranks dropped from the front of a name, longest first so that
# "lieutenant colonel" goes before "lieutenant".
TITLES = tuple(sorted((
    "lieutenant general", "lieutenant colonel", "major general", "brigadier general",
    "rear admiral", "vice admiral", "staff sergeant", "sergeant major",
    "first lieutenant", "second lieutenant", "prime minister", "grand ayatollah",
    "lt gen", "lt col", "maj gen", "brig gen", "lt cdr", "rear adm", "vice adm",
    "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major",
    "capt", "captain", "cpt", "sgt", "sergeant", "cpl", "corporal", "pvt", "private",
    "brig", "brigadier", "adm", "admiral", "cmdr", "cdr", "commander",
    "mr", "mrs", "ms", "dr", "prof", "professor", "sir",
    "sheikh", "shaykh", "sheik", "sayyid", "sayed", "seyed", "mullah", "mulla",
    "ayatollah", "hojatoleslam", "imam", "president", "minister", "gov", "governor",
    "sen", "senator", "rep", "ambassador", "spokesman", "pfc", "spc",
), key=lambda t: -len(t.split())))
# Kunya and patronymic markers belong to the next word: "Abu Mustafa" is one
# given name, not the given name "Abu".
JOINERS = frozenset({"abu", "umm", "bin", "ibn", "bint", "abd", "abdul", "abdel"})

_APOSTROPHES = re.compile(r"['’‘`ʼʻʿʾ]")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


# The same few thousand names are folded and keyed again for every document that
# uses them (the resolver keys each name when it plans a document and again when it
# commits it): pure functions of a string, cached.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, diacritics removed, possessive 's and apostrophes dropped,
    other punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    # ASCII has no combining marks: skip the per-character walk (most text)
    stripped = decomposed if decomposed.isascii() else \
        "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _POSSESSIVE.sub("", stripped.casefold())      # "Sadr’s" names Sadr
    stripped = _APOSTROPHES.sub("", stripped)
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def _drop_titles(words: list[str]) -> list[str]:
    changed = True
    while changed and words:
        changed = False
        for title in TITLES:
            t = title.split()
            if words[:len(t)] == t and len(words) > len(t):
                words = words[len(t):]
                changed = True
                break
    return words


def name_words(text: str, person: bool = False) -> list[str]:
    """The words of a name that matter for matching, in order.

    Titles are dropped only for people: for a group or a place "General" or
    "Major" may be part of the name ("General Command", "Major Crimes Unit").
    """
    return list(_name_words(text, person))


@lru_cache(maxsize=1 << 16)
def _name_words(text: str, person: bool) -> tuple[str, ...]:
    words = [w for w in fold(text).split() if w not in PARTICLES]
    while words and words[0] in LEADING:      # after the particles: "al-The" keys as its key does
        words = words[1:]
    if person:
        words = _drop_titles(words)
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def norm(text: str, person: bool = False) -> str:
    """The matching key of a name: equal keys mean the same written name."""
    return " ".join(name_words(text, person))


@dataclass(frozen=True)
class PersonName:
    """A person's name split for the "different given name" rule."""

    given: str | None        # None for a bare surname ("Qazali")
    surname: str
    full: str                # normalised full name

    @property
    def bare(self) -> bool:
        return self.given is None


@lru_cache(maxsize=1 << 16)      # keyed again for each document naming the person
def person_name(text: str) -> PersonName | None:
    """Split a person's name; None when nothing is left after normalising."""
    words = name_words(text, person=True)
    if not words:
        return None
    units: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in JOINERS and i + 1 < len(words):
            units.append(words[i] + " " + words[i + 1])
            i += 2
        else:
            units.append(words[i])
            i += 1
    full = " ".join(words)
    if len(units) == 1:
        return PersonName(given=None, surname=units[0], full=full)
    return PersonName(given=units[0], surname=units[-1], full=full)


def given_names_agree(a: str, b: str) -> bool:
    """Same given name, a romanisation variant of it ("Qais" and "Kais"), or
    one is the initial of the other ("Q" and "Qais")."""
    if a == b or (a and b and same_word(a, b)):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) == 1 and long_.startswith(short)


# -- transliteration ------------------------------------------------------------
#
# Arabic and Persian names reach English text through several romanisation
# habits at once: qaf as Q or K (Qais / Kais, Qods / Quds), kha as Kh or K
# (Khazali / Qazali), long vowels doubled or not (Khazaali), a final ta
# marbuta as -a or -ah (Basra / Basrah), o for u (Moqtada / Muqtada), y for i
# (Qays, Layth), and an English "e" for either short a or short i (Mehdi /
# Mahdi, Amer / Amir, Hussein / Husain).  ``loose_word`` folds the letter
# habits away.  Two words are then variants when their consonants are the
# same and each run of vowels between them agrees, "e" standing for "a" or
# "i" (and an "e" inserted between two consonants allowed: Sader / Sadr).
# Vowels that truly differ keep names apart: Jamil / Jamal, Hamid / Hamad,
# Hassan / Hussein, Salam / Islam.

_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"),
             ("ou", "u"), ("oo", "u"), ("ee", "i"))
# Spellings of one Arabic word that the letter rules do not bring together.
_WORD_FORMS = {"abdul": "abd", "abdel": "abd", "abdal": "abd", "abdol": "abd"}
_VOWELS = frozenset("aeiu")


def loose_word(word: str) -> str:
    """One folded word with romanisation habits removed ("khazaali" -> "kazali")."""
    w = _WORD_FORMS.get(word, word)
    for old, new in _DIGRAPHS:
        w = w.replace(old, new)
    w = w.replace("q", "k").replace("o", "u")
    w = w[:1] + w[1:].replace("y", "i")
    if len(w) > 3 and w.endswith("h") and w[-2] in _VOWELS:
        w = w[:-1]
    return re.sub(r"(.)\1+", r"\1", w)


def skeleton(loose: str) -> str:
    """The consonants of a loose word, "V" marking a vowel start ("islam" -> "Vslm")."""
    cons = "".join(c for c in loose if c not in _VOWELS)
    return ("V" + cons) if loose[:1] in _VOWELS else cons


def _vowel_runs(loose: str) -> list[str]:
    """The vowels before, between and after the consonants: "kazali" -> ['', 'a', 'a', 'i']."""
    return re.split(r"[^aeiu]", loose)


def _vowels_agree(x: str, y: str) -> bool:
    if x == y:
        return True
    if {x, y} == {"", "e"}:                  # Sader / Sadr
        return True
    if len(x) != len(y):
        return False
    return all(a == b or (a == "e" and b in "ai") or (b == "e" and a in "ai") for a, b in zip(x, y))


def loose_words(text: str, person: bool = False) -> list[str]:
    return [loose_word(w) for w in name_words(text, person)]


@lru_cache(maxsize=1 << 16)
def loose(text: str, person: bool = False) -> str:
    """The transliteration key of a name: equal keys are spelling variants."""
    return " ".join(loose_words(text, person))


@lru_cache(maxsize=1 << 16)
def skeleton_key(text: str, person: bool = False) -> str:
    """Consonant key of a whole name, for cheap blocking before ``translit_score``."""
    return " ".join(skeleton(w) for w in loose_words(text, person))


def words_variant(x: str, y: str) -> bool:
    """Two loose words that are the same word differently romanised."""
    if x == y:
        return True
    if skeleton(x) != skeleton(y) or not skeleton(x).strip("V"):
        return False
    return all(_vowels_agree(a, b) for a, b in zip(_vowel_runs(x), _vowel_runs(y)))


def translit_score(a: str, b: str, person: bool = False) -> float | None:
    """100 when two names have the same loose key, 90 when every word is a
    romanisation variant of the other's word in the same place, else None."""
    wa, wb = loose_words(a, person), loose_words(b, person)
    if not wa or len(wa) != len(wb):
        return None
    if wa == wb:
        return 100.0
    return 90.0 if all(words_variant(x, y) for x, y in zip(wa, wb)) else None


def same_word(a: str, b: str) -> bool:
    """Two folded words that are the same or romanisation variants (Qais / Kais)."""
    return a == b or words_variant(loose_word(a), loose_word(b))


# -- acronyms -----------------------------------------------------------------
#
# "JAM", "AAH", "KH", "IRGC-QF" name groups by their initials.  An acronym is
# matched to a full name when it equals the full name's initials, counted with
# and without the Arabic article and English joining words ("Jaysh al-Mahdi"
# gives JAM and JM; "League of the Righteous" gives LOTR and LR).

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*(?:[-./&]?[A-Z0-9]+)*\.?$")
_JOINING = frozenset({"of", "the", "and", "for", "in", "de", "du", "des", "la", "le", "wa", "wal"})


def acronym_key(text: str) -> str | None:
    """"IRGC-QF" -> "irgcqf"; None unless the text looks like an acronym
    (one token, at least two capitals, mostly capitals)."""
    token = text.strip()
    if " " in token or not _ACRONYM.match(token):
        return None
    letters = [c for c in token if c.isalnum()]
    capitals = sum(c.isupper() for c in letters)
    if capitals < 2 or capitals < len(letters) - 1 or len(letters) > 10:
        return None
    return "".join(letters).lower()


@lru_cache(maxsize=1 << 16)
def initials_keys(text: str) -> frozenset[str]:
    """Initials a name could be abbreviated to (two words at least)."""
    words = fold(text).split()
    while words and words[0] in LEADING:
        words = words[1:]
    keys = set()
    for kept in (words,
                 [w for w in words if w not in PARTICLES],
                 [w for w in words if w not in PARTICLES and w not in _JOINING]):
        if len(kept) >= 2:
            keys.add("".join(w[0] for w in kept))
    return frozenset(keys)

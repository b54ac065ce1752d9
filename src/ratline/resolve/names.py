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


def fold(text: str) -> str:
    """Lowercase, diacritics removed, possessive 's and apostrophes dropped,
    other punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
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
    words = fold(text).split()
    while words and words[0] in LEADING:
        words = words[1:]
    if person:
        words = _drop_titles(words)
    return [w for w in words if w not in PARTICLES]


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
    """Same given name, or one is the initial of the other ("Q" and "Qais")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) == 1 and long_.startswith(short)

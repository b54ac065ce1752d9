"""The actor dictionary compiled into a single-pass token matcher.

Known groups, forces, agencies and governments live in ``data/actors.yaml`` (and in
any file a user adds).  Aliases are normalised the way reporting varies them —
case, hyphens, apostrophes, the Arabic article (al-/al /Al) — and looked up by
longest match over the token stream, so matching costs one dict probe per token
and candidate length, whatever the size of the dictionary.
"""
from __future__ import annotations

import re

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ratline.mentions.text import Token, tokenize

PARTICLES = {"al", "el"}          # dropped for matching: "Jaysh al-Mahdi" = "Jaysh Mahdi"
LEADING_DROP = {"the"}


@dataclass
class Actor:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    country: str | None = None
    parent: str | None = None
    active: tuple[str | None, str | None] | None = None
    source: str | None = None
    covers: str | None = None        # where its reporting is set, when not its country ("world": anywhere)

    @property
    def setting(self) -> str | None:
        """The country naming this actor says a report is set in: none for a wire service."""
        if self.covers == "world":
            return None
        return self.covers or self.country

    @property
    def display_name(self) -> str:
        """A state as an actor is shown as its government ("Government of Iraq"): the bare
        country name is also the place, and one name must not stand for both."""
        if self.type == "government" and self.adjectives:
            for alias in self.aliases:
                if alias.lower().startswith("government of "):
                    return alias
            the = "the " if re.match(r"(?:United|Central|Democratic|Czech|Dominican)\b|.*(?:Republic|Kingdom|"
                                     r"Emirates|Islands|lands|ines|States)$", self.name) else ""
            return f"Government of {the}{self.name}"      # one form for every state, as coders write it
        return self.name


@dataclass(frozen=True)
class DictMatch:
    start: int                     # token index (inclusive)
    end: int                       # token index (exclusive)
    actor_id: str
    form: str                      # alias | acronym | adjective


@lru_cache(maxsize=200_000)
def alias_key(text: str) -> tuple[str, ...]:
    toks = [t.norm for t in tokenize(text) if t.norm.isalnum()]
    while toks and toks[0] in LEADING_DROP:
        toks = toks[1:]
    return tuple(t for t in toks if t not in PARTICLES)


class ActorDictionary:
    """Compiled lookup from normalised token sequences to actor ids."""

    def __init__(self, actors: list[Actor]):
        self.actors = {a.id: a for a in actors}
        self._keys: dict[tuple[str, ...], tuple[str, str]] = {}
        self._acronyms: dict[str, str] = {}
        self._acronym_owners: dict[str, list[str]] = {}     # "SNA": Syrian and Somali National Army
        self._adjectives: set[str] = set()     # exact forms: adjectives are matched case-sensitively
        for a in actors:
            for form in [a.name, *a.aliases]:
                key = alias_key(form)
                if key:
                    self._keys.setdefault(key, (a.id, "alias"))
            for adj in a.adjectives:
                key = alias_key(adj)
                if key:
                    self._keys.setdefault(key, (a.id, "adjective"))
                    self._adjectives.add(_squash(adj))
            for acr in a.acronyms:
                self._acronyms[acr.replace("-", "").replace(".", "")] = a.id
                self._acronym_owners.setdefault(acr.replace("-", "").replace(".", ""), []).append(a.id)
        self.max_len = max((len(k) for k in self._keys), default=1)

    @classmethod
    def from_files(cls, paths: list[Path]) -> "ActorDictionary":
        merged: dict[str, Actor] = {}
        for path in paths:
            for entry in yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []:
                actor = _actor_from_entry(entry)
                merged[actor.id] = actor   # a user's entry replaces the built-in one
        return cls(list(merged.values()))

    def acronym_owners(self, surface: str) -> list[str]:
        """Every actor an acronym can stand for, in dictionary order."""
        return list(self._acronym_owners.get(surface.replace("-", "").replace(".", ""), ()))

    def military_of(self, state_id: str) -> str | None:
        """The armed forces of a state ("Israeli" -> the IDF), for a state that acts through them
        ("an Israeli drone", "killed in an Israeli airstrike"); None when the dictionary lacks them."""
        cache = self.__dict__.setdefault("_military", {})
        if state_id not in cache:
            state = self.actors.get(state_id)
            found = None
            for adj in (state.adjectives if state is not None else []):
                for noun in ("military", "Armed Forces", "army", "Defense Forces", "Defence Forces"):
                    hits = [h for h in self.match(tokenize(f"{adj} {noun}")) if h.start == 0]
                    if hits and self.actors[hits[0].actor_id].type == "state_force":
                        found = hits[0].actor_id
                        break
                if found:
                    break
            cache[state_id] = found
        return cache[state_id]

    def match(self, tokens: list[Token]) -> list[DictMatch]:
        """Longest, leftmost matches; tokens are one sentence's tokens."""
        words = [(i, t) for i, t in enumerate(tokens) if t.norm.isalnum()]
        out: list[DictMatch] = []
        w = 0
        while w < len(words):
            hit = self._match_at(tokens, words, w)
            if hit:
                out.append(hit[0])
                w = hit[1]
            else:
                w += 1
        return out

    def _match_at(self, tokens, words, w):
        i0, t0 = words[w]
        if t0.norm in PARTICLES:
            return None
        acr = self._acronym_at(tokens, words, w)
        key: list[str] = []
        best = None
        j = w
        while j < len(words) and len(key) < self.max_len:
            idx, tok = words[j]
            if j > w and idx != words[j - 1][0] + 1 and not _joins(tokens, words[j - 1][0], idx):
                break
            if tok.norm not in PARTICLES:
                key.append(tok.norm)
                found = self._keys.get(tuple(key))
                if found and found[1] == "adjective" and \
                        _squash("".join(t.text for t in tokens[i0:idx + 1])) not in self._adjectives:
                    found = None         # "Contact Us" is not the adjective "US"
                if found and (len(key) > 1 or _case_ok(tokens[i0:idx + 1])):
                    best = (DictMatch(i0, idx + 1, found[0], found[1]), j + 1)
            j += 1
        if acr and (best is None or acr[0].end >= best[0].end):
            return acr
        if best and i0 > 0 and tokens[i0 - 1].norm in PARTICLES:
            m = best[0]
            best = (DictMatch(i0 - 1, m.end, m.actor_id, m.form), best[1])
        elif best and i0 > 1 and tokens[i0 - 1].text == "-" and tokens[i0 - 2].norm in PARTICLES \
                and tokens[i0 - 2].end == tokens[i0 - 1].start and tokens[i0 - 1].end == t0.start:
            m = best[0]          # "al-Qaeda in Iraq": the hyphenated article belongs to the name
            best = (DictMatch(i0 - 2, m.end, m.actor_id, m.form), best[1])
        return best

    def _acronym_at(self, tokens, words, w):
        i0, t0 = words[w]
        if not (t0.text[:1].isupper() or (t0.text[:1].isdigit() and any(c.isupper() for c in t0.text))) \
                or len(t0.text) < 2 or t0.text[1:].islower():
            return None          # acronyms are matched with their exact case: "JeM", "IRGC-QF", "3R", "M23"
        text = t0.text
        j = w
        best = None
        while True:
            if text in self._acronyms:
                best = (DictMatch(i0, words[j][0] + 1, self._acronyms[text], "acronym"), j + 1)
            nxt = j + 1
            if nxt < len(words) and words[nxt][0] == words[j][0] + 2 and tokens[words[j][0] + 1].text == "-" \
                    and words[nxt][1].text[:1].isupper():
                text += words[nxt][1].text
                j = nxt
                continue
            return best


def _squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != ".")


def _joins(tokens: list[Token], a: int, b: int) -> bool:
    """Tokens a and b are separated only by hyphens/dots (e.g. 'al-Mahdi', 'U.S.')."""
    return all(tokens[k].text in "-.’'" for k in range(a + 1, b))


def _case_ok(span: list[Token]) -> bool:
    """Reject all-lowercase hits on capitalised-only aliases? Names must show a capital."""
    return any(t.text[:1].isupper() for t in span if t.text[:1].isalpha())


def _actor_from_entry(entry: dict) -> Actor:
    active = entry.get("active")
    return Actor(
        id=str(entry["id"]), type=entry.get("type", "other"), name=entry.get("name") or entry["id"],
        aliases=[str(a) for a in entry.get("aliases") or []],
        acronyms=[str(a) for a in entry.get("acronyms") or []],
        adjectives=[str(a) for a in entry.get("adjectives") or []],
        country=entry.get("country"), parent=entry.get("parent"),
        active=(str(active[0]) if active[0] else None, str(active[1]) if active[1] else None) if active else None,
        source=entry.get("source"), covers=entry.get("covers"),
    )


def builtin_actor_files() -> list[Path]:
    return [Path(str(resources.files("ratline") / "data" / "actors.yaml"))]


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> ActorDictionary:
    return ActorDictionary.from_files([Path(p) for p in paths])


def default_dictionary(extra: tuple[str, ...] = ()) -> ActorDictionary:
    """Built-in actors plus user files (arguments, then ``RATLINE_ACTORS``, ':'-separated)."""
    env = tuple(p for p in os.environ.get("RATLINE_ACTORS", "").split(os.pathsep) if p)
    files = tuple(str(p) for p in builtin_actor_files() if p.exists()) + env + tuple(extra)
    return _load(files)

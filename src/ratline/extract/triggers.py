"""Event trigger words, compiled from ``data/triggers.yaml`` into one regex per type."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


@dataclass(frozen=True)
class TriggerHit:
    type: str
    rank: int
    start: int
    end: int
    text: str
    object: str | None = None      # the mention kind the trigger must be followed by ("entered ⟦Goma⟧")
    subject: str | None = None     # who must come before it: "armed" (a group, a force, fighters), "state", or "people" (a person, a force's men)
    not_objects: frozenset[str] = frozenset()   # direct objects that say it is not this event ("released a statement")
    noun_needs: str | None = None  # the preposition the word as a noun needs to name an event ("the release of")


@dataclass(frozen=True)
class TriggerSet:
    patterns: tuple[tuple[str, int, re.Pattern, str | None, str | None, frozenset[str], str | None], ...]

    def not_objects(self, etype: str) -> frozenset[str]:
        """The objects that say a trigger of this type is no event of it ("captured the town")."""
        return frozenset().union(*(p[5] for p in self.patterns if p[0] == etype))

    def find(self, text: str) -> list[TriggerHit]:
        hits = []
        for etype, rank, rx, obj, subj, not_objects, noun_needs in self.patterns:
            for m in rx.finditer(text):
                hits.append(TriggerHit(etype, rank, m.start(), m.end(), m.group(), obj, subj, not_objects, noun_needs))
        hits.sort(key=lambda h: h.start)
        return hits


@lru_cache(maxsize=4)
def load_triggers(path: str | None = None) -> TriggerSet:
    path = path or os.environ.get("RATLINE_TRIGGERS") or str(resources.files("ratline") / "data" / "triggers.yaml")
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    compiled = []
    for name, spec in raw.items():
        rx = re.compile(r"\b(?:" + "|".join(spec["patterns"]) + r")\b", re.I)
        compiled.append((spec.get("type", name), int(spec.get("rank", 1)), rx, spec.get("object"), spec.get("subject"),
                         frozenset(w.lower() for w in spec.get("not_objects") or ()), spec.get("noun_needs")))
    return TriggerSet(tuple(compiled))

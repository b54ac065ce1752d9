"""Cues: the word patterns of ``data/cues.yaml`` matched once over a parsed body.

Many checks of the extractors ask whether a short phrase occurs in a clause or just before a
point ("several raids", "the death toll", "said" before a date).  They were regexes over
each masked clause, run again by every extractor that asked; here they are token patterns
kept as data (spaCy ``Matcher`` format: LOWER, LEMMA, POS, IS_TITLE ... with OP
quantifiers), matched once per document, and read by character offsets through
``Parsed.cue_in`` / ``cue_before`` / ``cue_next``.  A user may point ``RATLINE_CUES`` at a
file of the same shape.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

Spans = dict[str, list[tuple[int, int]]]


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> dict[str, dict]:
    """label -> {"why": one line, "patterns": [token pattern, ...]}; a cue without a reason
    or a pattern is an error, so the file stays readable."""
    path = path or os.environ.get("RATLINE_CUES") or str(resources.files("ratline") / "data" / "cues.yaml")
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    for label, spec in raw.items():
        if not isinstance(spec, dict) or not spec.get("why") or not spec.get("patterns"):
            raise ValueError(f"cue {label!r} in {path} needs a 'why' line and at least one pattern")
    return raw


_MATCHERS: dict[int, tuple[object, object]] = {}    # id(vocab) -> (vocab, matcher): one per pipeline


def _matcher(vocab):
    from spacy.matcher import Matcher

    key = id(vocab)
    if key not in _MATCHERS:
        matcher = Matcher(vocab, validate=True)
        for label, spec in load_cues().items():
            matcher.add(label, spec["patterns"])
        _MATCHERS[key] = (vocab, matcher)        # the vocab is kept so its id is never reused
    return _MATCHERS[key][1]


def match_cues(doc) -> Spans:
    """Every cue's matches in ``doc`` as (start_char, end_char), sorted by start and, at one
    start, longest first (what a regex's leftmost greedy search would find)."""
    out: Spans = {}
    strings = doc.vocab.strings
    for match_id, start, end in _matcher(doc.vocab)(doc):
        span = doc[start:end]
        out.setdefault(strings[match_id], []).append((span.start_char, span.end_char))
    for spans in out.values():
        spans.sort(key=lambda se: (se[0], -se[1]))
    return out

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


_MATCHERS: dict[int, tuple] = {}    # id(vocab) -> (vocab, matcher, literal index): one per pipeline
Literal = tuple[tuple[str, frozenset[str]], ...]


def _literal(pattern: list[dict]) -> Literal | None:
    """A pattern whose every token is a word or a list of words (LOWER or ORTH), with no
    operator, as (attribute, words) per token; None for any other."""
    out = []
    for tok in pattern:
        if len(tok) != 1 or next(iter(tok)) not in ("LOWER", "ORTH"):
            return None
        attr, val = next(iter(tok.items()))
        if isinstance(val, dict) and set(val) == {"IN"}:
            val = val["IN"]
        elif not isinstance(val, str):
            return None
        out.append((attr, frozenset([val] if isinstance(val, str) else val)))
    return tuple(out)


def _matcher(vocab):
    """The spaCy Matcher for the patterns with operators or token attributes, and an index by
    first word for the literal ones (most cues: "said", "in the town"), which a lookup finds
    with the Matcher's matches at a fraction of its cost.  Every pattern is validated."""
    from spacy.matcher import Matcher

    key = id(vocab)
    if key not in _MATCHERS:
        matcher, check = Matcher(vocab), Matcher(vocab, validate=True)
        index: dict[tuple[str, str], list[tuple[str, Literal]]] = {}
        for label, spec in load_cues().items():
            check.add(label, spec["patterns"])
            for pattern in spec["patterns"]:
                lit = _literal(pattern)
                if lit is None:
                    matcher.add(label, [pattern])
                    continue
                for word in lit[0][1]:
                    index.setdefault((lit[0][0], word), []).append((label, lit))
        _MATCHERS[key] = (vocab, matcher, index)        # the vocab is kept so its id is never reused
    return _MATCHERS[key][1:]


def _literal_matches(doc, index):
    words = [(t.lower_, t.text) for t in doc]
    for i, (lower, orth) in enumerate(words):
        for label, lit in index.get(("LOWER", lower), []) + index.get(("ORTH", orth), []):
            end = i + len(lit)
            if end <= len(words) and all(words[i + k][0 if attr == "LOWER" else 1] in allowed
                                         for k, (attr, allowed) in enumerate(lit[1:], 1)):
                yield label, i, end


def match_cues(doc) -> Spans:
    """Every cue's matches in ``doc`` as (start_char, end_char), sorted by start and, at one
    start, longest first (what a regex's leftmost greedy search would find)."""
    out: Spans = {}
    strings = doc.vocab.strings
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    matcher, index = _matcher(doc.vocab)
    found = {(strings[match_id], start, end) for match_id, start, end in matcher(doc)}
    found.update(_literal_matches(doc, index))
    for label, start, end in found:
        out.setdefault(label, []).append((starts[start], ends[end - 1]))
    for spans in out.values():
        spans.sort(key=lambda se: (se[0], -se[1]))
    return out

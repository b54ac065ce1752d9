"""Regex helpers shared by the per-sentence scanners (dates, numbers).

Python's ``re`` tries every branch of an alternation one after another at each
position and has no trie optimisation, so a long word list costs one compare
per word per position.  ``word_trie`` folds the list into a prefix tree
("Ja(?:nuary|n)|Fe(?:bruary|b)|...") so a position that cannot start any of
the words fails after one or two character compares.  The scanners put such a
trie in a look-ahead *gate* in front of their grammar: the full grammar then
runs only where a date or number can start, which is what makes them fast.
Gates are case-sensitive on purpose (see ``both_cases``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def word_trie(words: Iterable[str]) -> str:
    """A regex (no capturing groups) matching exactly the given words, as a trie.

    Longer continuations are tried first, so "June" is preferred to "Jun".
    """
    root: dict = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def both_cases(words: Iterable[str]) -> list[str]:
    """Each word as given and capitalised ("today", "Today").

    Case-insensitive groups ``(?i:...)`` make ``re`` fold every character it
    compares, which made the gates several times slower; listing the two
    spellings a sentence can use is cheaper.
    """
    out: list[str] = []
    for w in words:
        out += [w, w[:1].upper() + w[1:]]
    return out


def _emit(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    branches.sort(key=len, reverse=True)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
    return body

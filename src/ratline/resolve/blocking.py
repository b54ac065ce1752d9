"""Find the names a fuzzy match could accept without comparing with every name.

The resolver's ``fuzzy`` rule accepts a pair when rapidfuzz's
``token_sort_ratio`` is at least a cutoff (92): the normalised Indel
similarity of the two names with their words sorted.  Comparing a new name
with every stored name of its type costs a few milliseconds per thousand names
(the sort is redone for each), so ingest slowed as the corpus grew.

``FuzzyBlock`` is a lossless filter for that rule, by the pigeonhole
principle.  A similarity of at least ``c`` between strings of lengths ``l1``
and ``l2`` allows at most ``d = (1 - c) (l1 + l2)`` insertions and deletions,
and needs ``min(l1, l2) / max(l1, l2) >= c / (2 - c)``; so a stored name of
length ``l`` can match only names within ``dmax(l)`` edits.  Each stored name is
cut into ``dmax(l) + 1`` contiguous pieces: each edit breaks at most one piece,
so any name within reach still contains at least one piece intact.  A query
looks up each of its own substrings of the pieces' lengths in a dictionary of
pieces: a handful of lookups per name, whatever the number of stored names.
The candidates are then scored with the very scorer and ordered as
``process.extract`` orders them (score, then the order names were added), so
the resolver's decisions are the same as with the full scan.
"""
from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz


def sorted_words(text: str) -> str:
    """The string ``token_sort_ratio`` compares: the words sorted, single-spaced."""
    return " ".join(sorted(text.split()))


def max_edits(length: int, cutoff: float) -> int:
    """Most insertions+deletions between a string of ``length`` and any string
    scoring at least ``cutoff`` (0-100) with it."""
    c = cutoff / 100.0
    longest = length * (2 - c) / c                 # the longest partner the length ratio allows
    return int(math.floor((1 - c) * (length + longest) + 1e-9))


def pieces(text: str, n: int) -> list[str]:
    """``text`` cut into ``n`` contiguous pieces of near-equal length (none empty)."""
    n = max(1, min(n, len(text)))
    bounds = [round(i * len(text) / n) for i in range(n + 1)]
    return [text[bounds[i]:bounds[i + 1]] for i in range(n)]


@lru_cache(maxsize=1 << 16)
def _name_pieces(name: str, cutoff: float) -> tuple[str, ...]:
    """The distinct pieces a name is indexed by: the resolver indexes each name of
    a document in the document's own tables and again in the corpus's, and the
    same names come back document after document."""
    text = sorted_words(name)
    return tuple(dict.fromkeys(pieces(text, max_edits(len(text), cutoff) + 1)))


class FuzzyBlock:
    """Names of one type, indexed by their pieces (see the module docstring)."""

    def __init__(self, cutoff: float) -> None:
        self.cutoff = cutoff
        self.names: list[str] = []
        self._by_piece: dict[str, list[int]] = defaultdict(list)
        self._lengths: set[int] = set()

    def add(self, name: str) -> int:
        """Index ``name``; returns its position (the order ties are broken by)."""
        idx = len(self.names)
        self.names.append(name)
        for piece in _name_pieces(name, self.cutoff):
            self._by_piece[piece].append(idx)
            self._lengths.add(len(piece))
        return idx

    def candidates(self, query: str) -> set[int]:
        """Positions of every stored name that could score >= cutoff with ``query``."""
        text = sorted_words(query)
        found: set[int] = set()
        for size in self._lengths:
            for start in range(len(text) - size + 1):
                found.update(self._by_piece.get(text[start:start + size], ()))
        return found

    def extract(self, query: str, limit: int) -> list[tuple[str, float, int]]:
        """``process.extract(query, names, scorer=token_sort_ratio,
        score_cutoff=cutoff, limit=limit)``, from the candidates only."""
        hits = []
        for idx in self.candidates(query):
            score = fuzz.token_sort_ratio(query, self.names[idx], score_cutoff=self.cutoff)
            if score >= self.cutoff:
                hits.append((self.names[idx], float(score), idx))
        hits.sort(key=lambda h: (-h[1], h[2]))
        return hits[:limit]

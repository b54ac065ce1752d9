"""Absurdly long paragraphs cut into ordinary ones before anything reads them.

A scraped page can hold a megabyte on one line (a text dump without line
breaks, a minified export).  Some per-paragraph steps downstream look back over
the paragraph at every sentence end, so one long paragraph costs time that
grows with the square of its length (one 1 MB line did not finish in ten
minutes).  No article paragraph is that long: the longest in the project's
real and world pages is about 1,000 characters.  So a paragraph over
``LIMIT`` characters is cut at the last sentence end before the limit (else
the last space, else the limit itself), making extraction time grow linearly
with the length of the input.  Text is never dropped, only split.
"""
from __future__ import annotations

import re

LIMIT = 4_000

# a sentence end followed by a space and what opens the next sentence
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_long_paragraph(text: str, limit: int = LIMIT) -> list[str]:
    """``text`` as paragraphs of at most ``limit`` characters (one piece if already short)."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = 0
        for m in _SENTENCE_BREAK.finditer(window):
            cut = m.end()
        if cut < limit // 4:                 # no sentence end in the window's last three quarters
            space = window.rfind(" ", limit // 4)
            cut = space + 1 if space > 0 else limit
        piece = rest[:cut].strip()
        if piece:
            pieces.append(piece)
        rest = rest[cut:]
    if rest.strip():
        pieces.append(rest.strip())
    return pieces

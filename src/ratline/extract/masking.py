"""A sentence with its mentions and numbers replaced by placeholders.

Patterns for events, relations and tallies are then written over shapes like
"⟦3⟧ backed by ⟦4⟧" or "⟪0⟫ ⟦2⟧ fighters were killed", whatever the names and
number words were.  ``ids`` maps placeholders back to mentions and quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ratline.schema import Mention, Quantity, Span

MENTION = r"⟦(\d+)⟧"
QTY = r"⟪(\d+)⟫"
_PH = re.compile(r"⟦(\d+)⟧|⟪(\d+)⟫")


@dataclass
class Masked:
    text: str
    span: Span
    mentions: list[Mention]
    quantities: list[Quantity]
    positions: list[tuple[int, int, int, int]]   # (masked start, masked end, body start, body end)

    def body_offset(self, pos: int) -> int:
        """Where a position of the masked text falls in the body."""
        delta = 0
        for ms, me, bs, be in self.positions:
            if pos < ms:
                break
            if pos < me:
                return bs
            delta += (be - bs) - (me - ms)
        return self.span.start + pos + delta

    def masked_offset(self, pos: int) -> int:
        """Where a body position (outside the placeholders) falls in the masked text."""
        delta = 0
        for ms, me, bs, be in self.positions:
            if pos < be:
                if pos >= bs:
                    return ms
                break
            delta += (be - bs) - (me - ms)
        return pos - self.span.start - delta

    def hides(self, start: int, end: int) -> bool:
        """Whether a placeholder covers part of the body between two offsets: words a cue read
        there are a name's ("of the group" when "the group" is a mention), not the clause's."""
        return any(bs < end and start < be for _, _, bs, be in self.positions)

    def mention(self, ref: str | int) -> Mention:
        return self.mentions[int(ref)]

    def quantity(self, ref: str | int) -> Quantity:
        return self.quantities[int(ref)]

    def mentions_in(self, text: str) -> list[Mention]:
        return [self.mentions[int(m.group(1))] for m in _PH.finditer(text) if m.group(1) is not None]


def mask(span: Span, mentions: list[Mention], quantities: list[Quantity]) -> Masked:
    items: list[tuple[int, int, str]] = []
    kept_m: list[Mention] = []
    kept_q: list[Quantity] = []
    last_end = -1
    for obj in sorted([*mentions, *quantities], key=lambda o: (o.span.start, -(o.span.end))):
        if obj.span.start < last_end or obj.span.start < span.start or obj.span.end > span.end:
            continue
        if isinstance(obj, Mention):
            items.append((obj.span.start, obj.span.end, f"⟦{len(kept_m)}⟧"))
            kept_m.append(obj)
        else:
            items.append((obj.span.start, obj.span.end, f"⟪{len(kept_q)}⟫"))
            kept_q.append(obj)
        last_end = obj.span.end
    out = []
    positions = []
    cursor = span.start
    length = 0
    for s, e, ph in items:
        chunk = span.text[cursor - span.start:s - span.start]
        out.append(chunk)
        length += len(chunk)
        positions.append((length, length + len(ph), s, e))
        out.append(ph)
        length += len(ph)
        cursor = e
    out.append(span.text[cursor - span.start:])
    return Masked("".join(out), span, kept_m, kept_q, positions)

"""Roundups and lists inside a report: the items under a dated heading ("In June 27
operations:"), and "Among those captured are A, ...; B, ..." (one event per person).

A mixin of ``EventExtractor``: it reads and updates the extractor's document state
(``_item``, ``_heading_date`` ...) while the sentences are read in order.
"""
from __future__ import annotations

from ratline.extract.cues import LIST_ITEM
from ratline.extract.drafts import Draft


class ListItems:
    """Which roundup item a sentence belongs to, the date its heading gives, and lists of people."""

    def _follow_list(self, sent) -> None:
        """Which roundup item this sentence belongs to; prose after the list ends it (and
        the heading's date with it)."""
        para = self.paragraphs[sent.index]
        if para == self._item_para:
            return
        if LIST_ITEM.match(sent.span.text):
            self._item_para, self._item = para, self._item + 1
        elif para != self._heading_para:
            self._item_para, self._heading_date, self._heading_words = -1, None, None

    def _heading(self, sent) -> None:
        """A line ending in ':' that names a day ("In other operations today:", "In June 27
        operations:") dates every list item under it that gives no date of its own."""
        dates = [d for d in self.find_dates(sent.span.text, self.base, sent.span.start, self.anchor,
                                            self.year_hint) if not d.since]
        self._heading_date = next((d for d in dates if d.date), None)
        self._heading_para = self.paragraphs[sent.index]
        if self._heading_date is None and dates and self.base is None:
            self._heading_words = dates[0].span.text
        else:
            self._heading_words = None

    def _among_list(self, sent, verb: str) -> None:
        """"Among those captured are A, ...; B, ...": one event per person, dates unknown."""
        for part in self._segments(sent.span, False):
            persons = [m for m in self.dm.in_sentence(sent.index)
                       if part.start <= m.span.start < part.end and m.kind == "person"]
            if not persons:
                continue
            etype = "arrest" if verb in ("captured", "detained", "arrested") else ("release" if verb == "released" else "armed_clash")
            d = Draft(etype, 2, sent.index, self.paragraphs[sent.index], part, False, last_sentence=sent.index,
                      basis=f"list:among those {verb}")
            d.targets = [persons[0].key]
            d.actors = list(self.prev_actors)
            if etype == "arrest":
                d.figures.captured = 1
            elif etype == "armed_clash":
                d.figures.killed_low = d.figures.killed_best = d.figures.killed_high = 1
            d.targets_person = True
            d.listed = True
            target = self._same_person_event(d)
            if target is not None:
                self._merge(target, d)
            else:
                self.drafts.append(d)

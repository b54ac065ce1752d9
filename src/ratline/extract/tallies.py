"""Running tallies: "killed at least 91 members ... and captured 112 since April 27, 2007"."""
from __future__ import annotations

import re

from ratline.extract.casualties import figures_in
from ratline.extract.cues import OVER_OPERATIONS
from ratline.extract.masking import mask
from ratline.mentions.finder import DocMentions
from ratline.schema import Tally

_GROUP_KINDS = {"armed_group", "state_force", "state_agency"}
_VERB = re.compile(r"\b(?:killed|captured|detained|arrested)\b", re.I)
# "the capital the rebels have held since January", "led since June 2018 by": the window
# belongs to another verb, not to the figures of the sentence
_OTHER_VERB = re.compile(r"\b(?:held|controlled|ruled|led|run|occupied|governed|lived|based|operated|active|existed|"
                         r"fought|been in (?:power|charge|control)|headed|commanded|in power|in office)\s+$", re.I)


def stated_total(fig) -> int | None:
    """The killed figure a total can carry: a stated number, never "several" or "dozens"."""
    if any(h.endswith(":vague") for h in fig.hedges):
        return None
    return fig.killed_best if fig.killed_best is not None else fig.killed_low


def total_over_operations(text: str, fig, dates) -> bool:
    """Figures given over several operations that make a tally ("34 killed and 17 arrested in
    three operations" on a day that resolves).  The event extractor asks the same question,
    so that figures a tally takes leave the event, and figures it cannot take stay there."""
    return bool(OVER_OPERATIONS.search(text)) and any(d.date for d in dates) and (
        stated_total(fig) is not None or (fig.captured is not None
                                          and not any(h.endswith(":vague") for h in fig.hedges)))


def extract_tallies(dm: DocMentions, base, find_dates, find_quantities) -> list[Tally]:
    """Running totals ("since April 27, 2007") and totals over several operations ("in
    three operations"), each with the day its window opens."""
    out: list[Tally] = []
    for sent in dm.sentences:
        refs = find_dates(sent.span.text, base, sent.span.start, None)
        dates = [d for d in refs if d.since
                 and not _OTHER_VERB.search(sent.span.text[:d.span.start - sent.span.start])]
        mentions = dm.in_sentence(sent.index)
        masked = mask(sent.span, mentions, find_quantities(sent.span.text, sent.span.start))
        basis = "pattern:figures+since-window"
        fig = figures_in(masked)
        if not dates and total_over_operations(masked.text, fig, refs):
            dates = sorted((d for d in refs if d.date), key=lambda d: d.date)[:1]
            basis = "pattern:figures over several operations"
        if not dates:
            continue
        since = dates[0].date
        if any(h.endswith(":vague") for h in fig.hedges):
            continue          # "several", "dozens": a running total must be a stated number
        killed = stated_total(fig)
        if killed is None and fig.captured is None:
            continue
        verb = _VERB.search(masked.text)
        cut = verb.start() if verb else 0
        by, subject = [], None
        for k, m in enumerate(masked.mentions):
            pos = masked.text.find(f"⟦{k}⟧")
            if pos < cut and m.kind in _GROUP_KINDS | {"government"}:
                if m.key not in by:
                    by.append(m.key)
            elif pos > cut and subject is None and m.kind in _GROUP_KINDS:
                subject = m.key
        out.append(Tally(subject=subject, since=since, killed=killed, captured=fig.captured,
                         by=by, quote=sent.span.text, span=sent.span, basis=basis))
    return out

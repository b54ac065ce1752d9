"""Running tallies: "killed at least 91 members ... and captured 112 since April 27, 2007"."""
from __future__ import annotations

import datetime as dt

from ratline.extract.casualties import counted_noun, figures_from_parse, figures_in
from ratline.extract.cues import TALLY_WINDOW, masked_cue, right_before
from ratline.extract.masking import mask
from ratline.mentions.finder import DocMentions
from ratline.mentions.numbers import words_to_int
from ratline.schema import Tally

_GROUP_KINDS = {"armed_group", "state_force", "state_agency"}


def since_windows(span, dates, parsed) -> list:
    """The "since" dates that open a count ("killed 91 since April"), not those of another verb
    ("the capital the rebels have held since January": an ``other_window_verb`` cue right
    before the date)."""
    return [d for d in dates if d.since and not right_before(
        parsed, "other_window_verb", d.span.start, min(40, d.span.start - span.start))]


def stated_total(fig) -> int | None:
    """The killed figure a total can carry: a stated number, never "several" or "dozens"."""
    if any(h.endswith(":vague") for h in fig.hedges):
        return None
    return fig.killed_best if fig.killed_best is not None else fig.killed_low


def total_over_operations(masked, parsed, fig, dates) -> bool:
    """Figures given over several operations that make a tally ("34 killed and 17 arrested in
    three operations" on a day that resolves).  The event extractor asks the same question,
    so that figures a tally takes leave the event, and figures it cannot take stay there."""
    over = parsed.cue_in("over_operations", masked.span.start, masked.span.end)   # "in three operations"
    return over is not None and any(d.date for d in dates) and (
        stated_total(fig) is not None or (fig.captured is not None
                                          and not any(h.endswith(":vague") for h in fig.hedges)))


# the verbs whose figures a counting window can total ("have been killed this year")
TOLL_LEMMAS = frozenset({"kill", "die", "arrest", "capture", "detain", "wound", "injure", "lose", "apprehend"})


def window_of_toll(masked, parsed, dates=()):
    """The counting window ("this year", "over the last 10 months") that bears on the clause's
    killing or arresting verb, else None: "the latest in a series of attacks over the last 18
    months" counts attacks, not the 12 killed on Monday; the first verb above the window's
    words in the parse decides, and a clause dated to a day tells one operation's toll."""
    window = TALLY_WINDOW.search(masked.text)
    if window is None or any(d.date and d.precision == "day" and not d.since for d in dates):
        return None          # "killed 22 on Monday, in one of the largest operations this year": one day's toll
    if parsed is None:
        return window
    start, end = masked.body_offset(window.start()), masked.body_offset(window.end() - 1)
    tok = parsed.token_at(end)
    for _ in range(12):
        if tok is None or tok.head.i == tok.i:
            return None
        up = tok.head
        if up.pos_ in ("VERB", "AUX"):
            return window if up.lemma_.lower() in TOLL_LEMMAS else None
        counted = up.tag_ == "NNS" and any(c.dep_ == "nummod" for c in up.children)   # "in 59 encounters this year"
        if not (start <= up.idx <= end or up.pos_ == "ADP" or counted):
            return None      # "one of the largest operations this year": the window is the operations'
        tok = up
    return None


def window_start(window, base: dt.date | None) -> str | None:
    """The day a counting window opens: January 1 for "this year" (of the year before for "last
    year"), N units before the publication for "over the last N months"; None when the text or
    the page does not say."""
    if base is None:
        return None
    words = window.group(0).lower()
    if "this year" in words:
        return f"{base.year}-01-01"
    if words == "last year":
        return f"{base.year - 1}-01-01"
    unit = window.group("unit")
    if unit is None:
        return None
    n = window.group("n")
    count = 1 if n is None else words_to_int(n)
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.lower().rstrip("s")] * count
    return (base - dt.timedelta(days=days)).isoformat()


def extract_tallies(dm: DocMentions, base, find_dates, find_quantities, parsed=None) -> list[Tally]:
    """Running totals ("since April 27, 2007") and totals over several operations ("in
    three operations"), each with the day its window opens."""
    out: list[Tally] = []
    for sent in dm.sentences:
        refs = find_dates(sent.span.text, base, sent.span.start, None)
        dates = since_windows(sent.span, refs, parsed or dm.parsed)
        mentions = dm.in_sentence(sent.index)
        masked = mask(sent.span, mentions, find_quantities(sent.span.text, sent.span.start))
        basis = "pattern:figures+since-window"
        fig = figures_from_parse(masked, parsed, figures_in(masked, parsed or dm.parsed))
        window = window_of_toll(masked, parsed, refs)
        if not dates and total_over_operations(masked, parsed or dm.parsed, fig, refs):
            dates = sorted((d for d in refs if d.date), key=lambda d: d.date)[:1]
            basis = "pattern:figures over several operations"
        if dates:
            since = dates[0].date
        elif window is not None:
            since = window_start(window, base)
            basis = f"pattern:figures over '{window.group(0)}'"
        else:
            continue
        if any(h.endswith(":vague") for h in fig.hedges):
            continue          # "several", "dozens": a running total must be a stated number
        killed = stated_total(fig)
        groups = _counted_groups(masked, parsed, mentions) if parsed is not None else []
        kinds = [kind for _, kind, _ in groups]
        if len(set(kinds)) == len(kinds):
            groups = []          # "killed 12 and arrested 30": one tally with both figures
        if killed is None and fig.captured is None and len(groups) < 2:
            continue
        verb = masked_cue(parsed or dm.parsed, masked, "toll_verb")    # who counts, before it; who is counted, after
        cut = verb[0] if verb else 0
        by, subject = [], None
        for k, m in enumerate(masked.mentions):
            pos = masked.text.find(f"⟦{k}⟧")
            if pos < cut and m.kind in _GROUP_KINDS | {"government"}:
                if m.key not in by:
                    by.append(m.key)
            elif pos > cut and subject is None and m.kind in _GROUP_KINDS:
                subject = m.key
        if len(groups) >= 2:     # "18 civilians ... and 16 security personnel have lost their lives"
            out.extend(Tally(subject=who or subject, since=since, killed=n if kind == "killed" else None,
                             captured=n if kind == "captured" else None, by=by, quote=sent.span.text,
                             span=sent.span, basis=basis + "; one of the groups counted")
                       for n, kind, who in groups)
            continue
        out.append(Tally(subject=subject, since=since, killed=killed, captured=fig.captured,
                         by=by, quote=sent.span.text, span=sent.span, basis=basis))
    return out


_COUNT_NOUNS = ("total", "number")
_TOLL_KIND = {"kill": "killed", "die": "killed", "lose": "killed", "arrest": "captured", "capture": "captured",
              "detain": "captured", "apprehend": "captured"}


def _counted_groups(masked, parsed, mentions) -> list[tuple[int, str, str | None]]:
    """Each group a toll sentence counts apart, from the parse: "killed 20 fighters ... and lost
    two soldiers", "detained a total of 14 members of the IMU and 13 members of Hizb ut-Tahrir":
    (figure, killed or captured, the group named inside the counted phrase)."""
    out = []
    for q in masked.quantities:
        if q.best is None or q.hedge in ("up_to",):
            continue
        found = counted_noun(q, parsed)
        if found is None:
            continue
        _, noun, first = found
        if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lemma_.lower() in _COUNT_NOUNS:
            first = first.head.head                       # "a total of 14 members"
        verb = first.head
        kind = _TOLL_KIND.get(verb.lemma_.lower())
        if kind is None or first.dep_ not in ("dobj", "nsubj", "nsubjpass"):
            continue
        inside = {t.i for t in noun.subtree} - {t.i for c in noun.children if c.dep_ == "conj" for t in c.subtree}
        who = next((m.key for m in mentions if m.kind in _GROUP_KINDS
                    and parsed.ids(m.span.start, m.span.end) & inside), None)
        out.append((q.best, kind, who))
    return out

"""Killed, wounded and captured figures stated around an event.

Written numbers are read by patterns over the masked sentence, so "Twenty-six Secret Cell
members were killed and 17 captured" and "killed at least 91 members ... and captured 112"
are the same shapes as any other wording, and by the parse where a clause stands between a
number and its verb (``figures_from_parse``).  People counted without a number ("killed
him and Samir Khan", "X and Y were killed", "his predecessor, Mullah Fazlullah, was
killed", "its fighters seized Luis Díaz") are read from the parse alone: who the verb
befell, each a named person or one person's role (``persons_killed``,
``persons_captured``).  A number that is not stated stays None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ratline.extract.cues import HEDGES
from ratline.extract.masking import Masked
from ratline.mentions.names import person_roles
from ratline.mentions.numbers import words_to_int

_VERBS = {
    "killed": r"(?:killed|(?<!the )(?<!of )dead|died|slain|perished|lost their lives|left dead)",   # not "relatives of the dead"
    "wounded": r"(?:wounded|injured|hurt)",
    "captured": r"(?:captured|detained|arrested|apprehended|taken prisoner|rounded up|taken into custody|netted|"
                r"abducted|kidnapped|seized|taken hostage|snatched|taken (?:from|off|away|captive))",
}
_AUX = r"(?:(?:were|was|have been|had been|are|is|being|been|reportedly|also|later|allegedly)\s+)*"
_MID = r"(?:\s+(?!(?:and|or|but)\b)[^\s⟪.;,]+){0,6}?"
_BEFORE = {k: re.compile(r"⟪(\d+)⟫(" + _MID + r")\s+" + _AUX + v + r"\b", re.I) for k, v in _VERBS.items()}
_ACTIVE_FORMS = {
    "killed": r"(?:killed|killing|to kill|left dead|leaving dead|shot dead|shooting dead|gunned down|gunning down)",
    "wounded": r"(?:wounded|wounding|injured|injuring)",
    "captured": r"(?:captured|capturing|detained|detaining|arrested|arresting|abducted|abducting|kidnapped|kidnapping|"
                r"seized|seizing|netted|capture of|arrest of|detention of|abduction of|took away|taking away|"
                r"rounded up|rounding up|apprehended|apprehending)",
}
_AFTER = {k: re.compile(r"\b" + v + r"\s+(?:[^\s⟪.;,]+\s+){0,2}?⟪(\d+)⟫", re.I) for k, v in _ACTIVE_FORMS.items()}
_TOLL = re.compile(r"(?:death toll|toll|number of (?:dead|deaths))[^⟪.;]{0,120}?\bat\s+⟪(\d+)⟫", re.I)
_ONE_AND_OTHERS = re.compile(
    r"\b(?:captured|detained|arrested)\s+(?:a|an|one)\b[^.;⟪]{0,120}?\band\s+⟪(\d+)⟫\s+(?:others|of (?:his|her|their))\b",
    re.I)
_KILLED_ONE_AND_OTHERS = re.compile(
    r"\bkilled\s+(?:(?:a|an|one)\b[^.;⟪]{0,120}?|⟦\d+⟧\s+)and\s+⟪(\d+)⟫\s+(?:others?|other \w+|of (?:his|her|their))\b",
    re.I)
ROLE_NOUNS = person_roles()
_ACTIVE_OBJECT = re.compile(r"\s+(?:⟪\d+⟫|at least|more than|over|some|a |an |the |⟦)", re.I)
_NEVER = re.compile(r"(?!)")
_OTHER_KIND_NEXT = {k: re.compile(r"^\s+(?:(?!and\b|or\b)[a-z]+\s+)?(?:were\s+|others?\s+)?" + _VERBS[o] + r"\b", re.I)
                    for k, o in (("killed", "wounded"), ("wounded", "killed"))}


@dataclass
class Figures:
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    wounded: int | None = None
    captured: int | None = None
    hedges: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return all(v is None for v in (self.killed_low, self.killed_best, self.killed_high,
                                       self.wounded, self.captured))


def figures_in(m: Masked, parsed=None) -> Figures:
    """The casualty figures a (masked) clause states; with the parse, a number before a unit
    ("20 years ago") or a partitive ("four of the people killed") is no toll."""
    fig = Figures()
    used: set[int] = set()
    hit = _KILLED_ONE_AND_OTHERS.search(m.text)
    if hit and m.quantity(hit.group(1)).best is not None:       # "killed al-Quso and one other man"
        n = m.quantity(hit.group(1)).best + 1
        fig.killed_low = fig.killed_best = fig.killed_high = n
        used.add(int(hit.group(1)))
    for kind in ("killed", "wounded", "captured"):
        if _get(fig, kind) is not None:
            continue
        for rx in (_BEFORE[kind], _AFTER[kind]):
            for hit in rx.finditer(m.text):
                qi = int(hit.group(1))
                if qi in used:
                    continue
                if kind == "killed" and rx is _BEFORE[kind] and re.search(r"\b(?:wounded|injured|captured)\b", hit.group(2) or "", re.I):
                    continue
                if rx is _BEFORE[kind] and _ACTIVE_OBJECT.match(m.text[hit.end():]):
                    continue       # "Two bombers killed 23 people": the two did the killing
                after = m.text[m.text.find(f"⟪{qi}⟫") + len(f"⟪{qi}⟫"):]
                if rx is _AFTER[kind] and _OTHER_KIND_NEXT.get(kind, _NEVER).match(after):
                    continue       # "a guardsman was killed and four wounded": the four are the wounded
                if parsed is not None and _no_toll(parsed, m, m.quantity(qi), rx is _BEFORE[kind]):
                    continue       # "four of the people killed": part of a toll, not the toll
                _set(fig, kind, m.quantity(qi))
                used.add(qi)
                break
            if _get(fig, kind) is not None:
                break
    if fig.killed_best is None and fig.killed_high is None:
        hit = _KILLED_ONE_AND_OTHERS.search(m.text)
        if hit and m.quantity(hit.group(1)).best is not None:
            n = m.quantity(hit.group(1)).best + 1
            fig.killed_low = fig.killed_best = fig.killed_high = n
    hit = _TOLL.search(m.text)
    if hit and int(hit.group(1)) not in used:
        toll = m.quantity(hit.group(1))
        if fig.killed_best is None and fig.killed_high is None:
            _set(fig, "killed", toll)
        elif fig.killed_best is None and toll.best is not None:
            fig.killed_low = fig.killed_best = toll.best     # "as many as 30 ... put the toll at 21"
    if fig.captured is None:
        hit = _ONE_AND_OTHERS.search(m.text)
        if hit and m.quantity(hit.group(1)).best is not None:
            fig.captured = m.quantity(hit.group(1)).best + 1     # "captured a leader ... and five others"
    if fig.killed_best is None and fig.killed_high is None and parsed is not None \
            and parsed.cue_in("no_one_killed", m.span.start, m.span.end) is not None:
        fig.killed_low = fig.killed_best = fig.killed_high = 0      # "no one was killed": a stated zero is a number
    return fig


def _no_toll(parsed, m: Masked, q, before_verb: bool) -> bool:
    """The words after a number say it is no toll: a unit ("20 years ago", a ``not_casualty_noun``
    cue) or, before the verb, a ``partitive`` ("four of the people killed"; not "four of the
    group" when "the group" is a mention: it names who was counted)."""
    unit, part = parsed.cue_next("not_casualty_noun", q.span.end), parsed.cue_next("partitive", q.span.end)
    return (unit is not None and unit[1] <= m.span.end) or (before_verb and part is not None and part[1] <= m.span.end
                                                            and part[0] > q.span.end and not m.hides(*part))


KILL_LEMMAS = frozenset({"kill", "assassinate", "execute", "behead"})
# the verb a counted noun hangs on, by lemma: which figure the count is
_COUNT_VERBS = {"kill": "killed", "slay": "killed", "die": "killed", "wound": "wounded", "injure": "wounded",
                "capture": "captured", "arrest": "captured", "detain": "captured", "apprehend": "captured",
                "abduct": "captured", "kidnap": "captured"}
_INTRANSITIVE = frozenset({"die"})


def figures_from_parse(m: Masked, parsed, fig: Figures) -> Figures:
    """"93 militants, including 28 Pakistanis, have been killed": a number the patterns could not
    tie to its verb (a clause between them) is read from the parse, where it counts the noun that
    is the subject of a passive (or of "died") or the object of an active killing or capturing
    verb ("left 30 soldiers dead" too).  Figures still missing are filled; counts of coordinated
    nouns are summed ("Two soldiers and four guerrillas were killed" is six), which the patterns,
    reading the nearest number, cannot do."""
    if parsed is None:
        return fig
    counted: dict[tuple[int, str], list] = {}
    for q in m.quantities:
        if q.best is None:
            continue         # "as many as 30": an upper bound is another report's claim, read by the patterns
        found = counted_noun(q, parsed)
        if found is None or not m.span.start <= found[0].idx < m.span.end:
            continue
        _, noun, first = found
        kind = _count_kind(first, first.head)
        if kind is not None and not parsed.cue_next("not_casualty_noun", noun.idx):
            counted.setdefault((first.head.i, kind), []).append(q)
    for (_, kind), qs in counted.items():
        if len(qs) >= 2:
            total = sum(q.best for q in qs)
            if kind == "killed":
                fig.killed_low = fig.killed_best = total
                fig.killed_high = total if all(q.high == q.best for q in qs) else None
            else:
                setattr(fig, kind, total)
        elif _get(fig, kind) is None:
            _set(fig, kind, qs[0])
    if fig.killed_best is None and fig.killed_high is None and _one_killed(m, parsed):
        fig.killed_low = fig.killed_best = fig.killed_high = 1
    return fig


def counted_noun(q, parsed):
    """(the number's token, the noun it counts, the head of that noun's coordination: the one
    that hangs on the verb) for a count the parse sets before a noun, or None."""
    tok = parsed.token_at(q.span.end - 1)       # the number, after "at least"
    if tok is None or tok.dep_ != "nummod":
        return None
    noun = first = tok.head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return tok, noun, first


def _one_killed(m: Masked, parsed) -> bool:
    """"a civil guardsman was killed": one person, whatever the noun, when the subject of a passive
    killing verb is a singular noun with "a", "an" or "one" before it."""
    for tok in parsed.tokens_in(m.span.start, m.span.end):
        if tok.lemma_.lower() not in KILL_LEMMAS or tok.pos_ != "VERB" \
                or not any(c.dep_ == "auxpass" for c in tok.children) or any(c.dep_ == "neg" for c in tok.children):
            continue
        for subj in (c for c in tok.children if c.dep_ == "nsubjpass" and c.tag_ == "NN"):
            if any(c.lower_ in ("a", "an", "one") and c.dep_ in ("det", "nummod") for c in subj.children):
                return True
    return False


def _count_kind(noun, verb) -> str | None:
    """Which figure a number on ``noun`` is, from the verb the noun hangs on; None if no casualty."""
    if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    if lemma == "leave" and noun.dep_ == "dobj":          # "left 30 soldiers dead", "left four injured"
        state = next((c.lower_ for c in [*verb.children, *noun.children] if c.dep_ in ("oprd", "acomp", "xcomp", "amod")
                      and c.lower_ in ("dead", "wounded", "injured")), None)
        return {"dead": "killed", "wounded": "wounded", "injured": "wounded"}.get(state)
    kind = _COUNT_VERBS.get(lemma)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if kind and (noun.dep_ == "nsubjpass" or (noun.dep_ == "dobj" and not passive)
                 or (noun.dep_ == "nsubj" and lemma in _INTRANSITIVE)):
        return kind
    return None


def persons_killed(m: Masked, parsed, named_only: bool = False) -> int | None:
    """"US Navy SEALs killed al Qaeda leader Osama bin Laden", "X and Y were killed in a raid",
    "after his predecessor, Mullah Fazlullah, was killed", "X was shot dead", "the emir died":
    those a killing befell in the parse (the object of an active verb, the subject of a passive
    one or of "died", the noun a "who" clause hangs on), when each is a person the text names
    or one person's role in the singular, count one each (with those coordinated with them; an
    alias, "also known as Y", is the same man).  A number the words state is read by
    ``figures_in`` instead.  ``named_only``: only when each is a person the text names ("X was
    killed": a killing of someone in particular)."""
    if parsed is None:
        return None
    persons = [x for x in m.mentions if x.kind == "person"]
    for tok in parsed.tokens_in(m.span.start, m.span.end):
        befallen = _killing_befell(tok)
        if befallen is None:
            continue
        befallen += [c for o in befallen if not any(x.dep_ == "cc" and x.lower_ == "or" for x in o.children)
                     for c in [*o.conjuncts, *_beside_alias(o)]]     # "its emir, or leader": one man named twice
        if named_only and not all(_named(o, persons) for o in befallen):
            continue
        counts = [_persons_in(o, persons) for o in befallen]
        if counts and None not in counts:
            return sum(counts)       # "killed al Qaeda's emir": one person, by the role he held
    return None


def _noun_before_aux(verb) -> list:
    """The noun just before a passive's "was" when the parse gave the verb no subject."""
    aux = [c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i]
    k = aux[0].i - 1 if aux else -1
    while k >= 0 and verb.doc[k].is_punct:
        k -= 1
    return [verb.doc[k]] if k >= 0 and verb.doc[k].pos_ in ("PROPN", "NOUN") else []


def _beside_alias(noun) -> list:
    """"X, also known as Y, and Z were killed": Z, which the parse hangs on the alias Y."""
    return [x for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() == "know"
            for p in c.children if p.lower_ == "as" for g in p.children if g.dep_ == "pobj" for x in g.conjuncts]


def _persons_in(noun, persons) -> int | None:
    """How many people a noun is when it is one person (named, a role in the singular, "him"),
    or a couple; None for anything else (a plural, a number, a thing)."""
    if noun.tag_ == "PRP":
        return 1 if noun.lower_ in ("him", "her") else None
    if noun.lemma_.lower() == "couple" and not any(c.dep_ == "nummod" for c in noun.children):
        return 2                     # "killing an elderly couple"
    return 1 if _one_person(noun, persons) else None


def _killing_befell(tok) -> list | None:
    """Those a killing verb befell, or None when ``tok`` is not a killing told as done."""
    lemma = tok.lemma_.lower()
    shot_dead = lemma in ("shoot", "gun") and any(c.lower_ in ("dead", "down") for c in tok.children)
    if (lemma not in KILL_LEMMAS and lemma != "die" and not shot_dead) or tok.pos_ != "VERB" \
            or any(c.dep_ in ("neg", "aux") and c.lower_ in _HEDGED for c in tok.children):
        return None
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if lemma == "die":
        roles = ("nsubj",)
    elif passive:
        roles = ("nsubjpass",)
    elif tok.tag_ in ("VBD", "VBG", "VBN"):
        roles = ("dobj", "obj")
    else:
        return None
    befallen = [c for c in tok.children if c.dep_ in roles]
    if passive and not befallen:
        befallen = _noun_before_aux(tok)      # "his predecessor, Mullah Fazlullah, was killed" parsed subjectless
    if tok.dep_ == "relcl" and befallen and befallen[0].lower_ in ("who", "whom", "that"):
        befallen = [tok.head]        # "Fazlullah, who was killed in 2018"
    return befallen


# words before a verb that tell it as not done: "did not kill", "would kill", "vowed to kill"
_HEDGED = HEDGES | {"to"}


def _named(noun, persons) -> bool:
    """A noun inside a person mention, or set beside one ("his predecessor, Mullah Fazlullah")."""
    return any(x.span.start <= n.idx < x.span.end for n in [noun, *(c for c in noun.children if c.dep_ == "appos")]
               for x in persons)


def _one_person(noun, persons) -> bool:
    """A noun that is a person the text names (or is set beside one: "his predecessor, Mullah
    Fazlullah"), or one person's role in the singular."""
    return _named(noun, persons) or (
        noun.tag_ == "NN" and noun.lemma_.lower() in ROLE_NOUNS and not any(c.dep_ == "nummod" for c in noun.children))


CAPTURE_LEMMAS = frozenset({"capture", "detain", "arrest", "apprehend", "abduct", "kidnap"})
# verbs that take people only when their object is a person the text names ("seized weapons")
SEIZE_LEMMAS = frozenset({"seize", "snatch", "grab"})
# what a capture verb's object is when it is no one ("captured the town", "seized weapons"):
# the arrest trigger's not_objects in data/triggers.yaml
_SINGULAR_TAGS = ("NN", "NNP", "PRP")


def count_of(noun) -> int | None:
    """The number the parse sets before a noun ("three days", "Two soldiers", "12 men"), else None."""
    for c in noun.children:
        if c.dep_ == "nummod":
            n = words_to_int(c.text)
            if n is not None:
                return n
    return None


WOUND_LEMMAS = frozenset({"wound", "injure", "shoot"})
_DEATH_WORDS = frozenset({"dead", "death", "killed", "kill", "died", "die", "fatally", "slain"})


def persons_wounded(m: Masked, parsed) -> int | None:
    """"A district police chief, Akhmed Murzabekov, was shot three times but survived": one person
    wounded, when the clause says no one died (a shot that killed is read as killed)."""
    if parsed is None or any(t.lemma_.lower() in _DEATH_WORDS or t.lower_ in _DEATH_WORDS
                             for t in parsed.tokens_in(m.span.start, m.span.end)):
        return None
    return persons_captured(m, parsed, frozenset(), WOUND_LEMMAS, passive_only=True)


def persons_captured(m: Masked, parsed, not_persons: frozenset[str], lemmas=CAPTURE_LEMMAS,
                     passive_only: bool = False) -> int | None:
    """"captured the leader of al Qaeda's network", "His predecessor was captured", "the capture of
    Abu Hamza", "captured a leader and detained a member": each singular person taken counts one,
    from the parse, when no number is written (a number is read by ``figures_in``)."""
    if parsed is None:
        return None
    total = 0
    persons = [x for x in m.mentions if x.kind == "person"]
    for tok in parsed.tokens_in(m.span.start, m.span.end):
        if lemmas is CAPTURE_LEMMAS and tok.lemma_.lower() in SEIZE_LEMMAS and tok.pos_ == "VERB":
            taken = [c for c in tok.children if c.dep_ == "dobj"]       # "its fighters seized Luis Díaz"
            if taken and all(_named(t, persons) for t in taken):
                total += len(taken)
            continue
        if lemmas is CAPTURE_LEMMAS and _taken_away(tok):
            taken = [c for c in tok.children if c.dep_ == "nsubjpass"]  # "The police officer was taken off a bus"
            if taken and all(_one_person(t, persons) for t in taken):
                total += len(taken)
            continue
        if tok.lemma_.lower() not in lemmas or any(
                c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "to") for c in tok.children):
            continue             # "did not arrest", "sought to capture": no one taken
        if tok.pos_ == "VERB":
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            if passive_only and not passive:
                continue         # "who shot Rev. Yeremia": whether he lived the clause does not say
            taken = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        elif tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("under", "into") \
                and tok.head.head.pos_ == "VERB" and not passive_only:     # "placed him under arrest"
            taken = [c for c in tok.head.head.children if c.dep_ == "dobj"]
        elif tok.pos_ == "NOUN" and not passive_only:
            taken = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        # "the minister, Puot Kang Chol, and the deputy army chief": the parse may hang the
        # second person on the first one's name
        taken += [c for t in taken for c in [*t.conjuncts, *(x for a in t.children if a.dep_ == "appos"
                                                             for x in a.conjuncts)]]
        for t in taken:
            counted = count_of(t) if passive_only else None
            if counted is not None:
                total += counted     # "Two soldiers were shot by guerrillas" (and lived)
                continue
            if any(c.dep_ == "nummod" for c in t.children) or t.tag_ not in _SINGULAR_TAGS \
                    or t.lemma_.lower() in not_persons or (t.tag_ == "PRP" and t.lower_ not in ("him", "her")):
                return None      # a number, a plural, a place or a thing: not a count of one
            total += 1
    return total or None


def _taken_away(tok) -> bool:
    """A passive "take" that carries someone off: "was taken off a bus", "taken away",
    "taken hostage" (not "taken to hospital")."""
    return tok.lemma_.lower() == "take" and tok.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in tok.children) \
        and any(c.lower_ in ("off", "away", "hostage", "captive") for c in tok.children)


def _get(fig: Figures, kind: str):
    return fig.killed_best if kind == "killed" and fig.killed_best is not None else (
        fig.killed_high if kind == "killed" else getattr(fig, kind))


def _set(fig: Figures, kind: str, q) -> None:
    if kind == "killed":
        fig.killed_low, fig.killed_best, fig.killed_high = q.low, q.best, q.high
    else:
        value = q.best if q.hedge != "vague" else None     # "thousands wounded" states no number
        setattr(fig, kind, value)
    if q.hedge:
        fig.hedges.append(f"{kind}:{q.hedge}")

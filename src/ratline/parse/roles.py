"""Who did it and to whom, read from the dependency parse of the trigger's clause.

The event verb is the trigger itself ("Gunmen kidnapped an engineer") or, for an event
noun, the verb it serves: "A coalition airstrike killed one insurgent" (the noun is the
subject: its own modifiers are the actor, the verb's object the target); "troops
launched a raid on the camp" (the noun is the object: the verb's subject is the actor,
"on"/"against" the target).  Active clauses give actor = subject, target = object;
passive ones ("was captured by X", "a leader captured in Baghdad") give target = subject,
actor = the "by" agent.  Coordinated subjects and objects ("Afghan police and coalition
forces") all take the role.

The relations are data (``ROLE_DEPS``): which dependency labels hold which role in an
active and in a passive clause, and which link a noun phrase to the words that belong
to it.  ``roles`` returns token sets; the extractor decides which mentions sit in them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ROLE_DEPS = {
    "active": {"actor": ("nsubj",), "target": ("dobj", "obj")},
    "passive": {"actor": ("agent",), "target": ("nsubjpass", "csubjpass")},
    # prepositions that make their object the target of the event ("an attack on the base")
    "target_preps": ("on", "against", "at", "upon"),
    # inside a role's noun phrase: the words that belong to the same party
    "phrase": ("compound", "amod", "conj", "appos", "poss", "nmod", "flat", "cc", "det", "npadvmod"),
    # an event noun's own modifiers that name its author ("a coalition airstrike", "Israel's strike")
    "noun_actor": ("compound", "amod", "poss", "nmod"),
    # nouns whose possessor undergoes the event ("Laith's release", "bin Laden's killing"),
    # unlike "Israel's strike"
    "patient_nouns": ("release", "capture", "arrest", "detention", "death", "killing", "abduction",
                      "kidnapping", "assassination", "execution", "surrender", "handover", "transfer"),
    # verbs that report an event: who announces or condemns it did not do it
    # ("the release was announced by the ministry"); "claimed" is not among them
    "reporting_verbs": ("announce", "report", "say", "confirm", "deny", "condemn", "describe", "tell",
                        "state", "reveal", "publish", "welcome", "criticise", "criticize", "decry"),
    # clauses whose missing subject is their head verb's ("ambushed and killed", "used jets
    # to defend", "stormed the camp, killing six")
    "shares_subject": ("conj", "xcomp", "advcl"),
    # "six soldiers were killed in an attack by FARC guerrillas": a verb's toll told inside an
    # event noun whose "by" names who did it
    "within_preps": ("in", "during", "after", "following"),
    # fighting between two sides: the first named is the actor, the others its targets
    # ("clashes between police and sacked soldiers", "fighting between the army and rebels")
    "between_words": ("clash", "fighting", "fight", "battle", "gunfight", "firefight", "shootout", "skirmish",
                      "confrontation", "exchange", "combat", "war", "encounter"),
    "event_nouns": ("attack", "ambush", "raid", "assault", "bombing", "strike", "airstrike", "offensive",
                    "operation", "clash", "shelling", "shooting", "explosion", "blast", "massacre"),
}
# verbs of saying: the reporting verbs and the other words a speaker's clause uses ("added", "warned")
SAYING_LEMMAS = frozenset(ROLE_DEPS["reporting_verbs"]) | {"add", "explain", "insist", "warn", "claim", "note"}
_VERBAL = ("VERB", "AUX")


def subject_of_saying(tok) -> bool:
    """The token is the subject of a verb of saying ("General X said ...", "X, the division's
    commander, said ...", "said Rillera"): who reports, however long the apposition between."""
    return tok is not None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SAYING_LEMMAS
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
             "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "morning", "evening", "night", "week", "month", "year", "day",
             "today", "yesterday", "weekend", "hours", "days", "weeks"}


def _no_party(tok) -> bool:
    """A date or a number is no party: "the June 26 bombing", "on Sunday"."""
    return tok.like_num or tok.pos_ == "NUM" or tok.lower_ in _CALENDAR


@dataclass
class Roles:
    actor: set[int] = field(default_factory=set)      # token indices
    target: set[int] = field(default_factory=set)
    passive: bool = False
    found: bool = False                               # the parse named a party, or read the clause
    clause_read: bool = False                         # the trigger's verb was found and read


def _phrase(tok) -> set[int]:
    """A party's noun phrase: the token, its coordinated partners and their modifiers."""
    out: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        if t.i in out:
            continue
        out.add(t.i)
        for c in t.children:
            if c.dep_ in ROLE_DEPS["phrase"]:
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":       # "fighters of the Mahdi Army"
                stack.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _objects(prep) -> set[int]:
    """The phrases a preposition governs ("on the base", "by US forces")."""
    return {i for g in prep.children if g.dep_ == "pobj" and not _no_party(g) for i in _phrase(g)}


def _passive(verb) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children):
        return True
    # a reduced relative or a headline: "a leader captured in Baghdad", "7 detained in raid"
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "ROOT", "conj") and not any(
        c.dep_ in ("nsubj", "aux") for c in verb.children)


def _governing_verb(tok):
    """The verb a trigger serves: itself, or the verb of the clause its noun sits in."""
    t = tok
    for _ in range(4):
        if t.pos_ in _VERBAL or t.dep_ == "ROOT":
            return t
        t = t.head
    return t


def _author_of_event_noun(verb) -> set[int]:
    """"were killed in an attack by Maoist rebels": the "by" object of an event noun the verb's
    own "in/during/after" phrase names."""
    out: set[int] = set()
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ROLE_DEPS["within_preps"]):
        for noun in (g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in ROLE_DEPS["event_nouns"]):
            for by in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"):
                out |= _objects(by)
    return out


def _fill(roles: Roles, verb, kinds: dict) -> None:
    for c in verb.children:
        if c.dep_ in kinds["actor"]:
            if c.dep_ == "agent":
                roles.actor |= _objects(c)
            else:
                roles.actor |= _phrase(c)
        elif c.dep_ in kinds["target"]:
            roles.target |= _phrase(c)
        elif c.dep_ == "prep" and c.lower_ in ROLE_DEPS["target_preps"]:
            roles.target |= _objects(c)
    if not roles.actor:
        roles.actor |= _author_of_event_noun(verb)
    relative = [i for i in roles.actor if verb.doc[i].tag_ in ("WDT", "WP")]
    if relative and verb.dep_ == "relcl":
        # "AQIM, which claimed the attack": the relative pronoun stands for the noun it follows
        roles.actor = (roles.actor - set(relative)) | _phrase(verb.head)
    # "Insurgents ambushed and killed six soldiers", "the junta used jets to defend the
    # outposts", "troops stormed the camp, killing six": a verb with no subject of its own
    # shares the subject of the verb it hangs from
    head = verb
    for _ in range(3):
        if roles.actor or head.dep_ not in ROLE_DEPS["shares_subject"] or head.head.pos_ not in _VERBAL:
            break
        head = head.head
        for c in head.children:
            if c.dep_ == "nsubj":
                roles.actor |= _phrase(c)


_PRONOUNS = {"it", "they", "he", "she", "its", "their", "his", "her", "we"}


def _antecedents(doc, actor: set[int]) -> set[int]:
    """"The army said it had killed 20 fighters": a pronoun subject stands for the subject of
    the saying verb above it in the same sentence (the nearest one that is a noun phrase)."""
    out = set(actor)
    for i in actor:
        tok = doc[i]
        if tok.lower_ not in _PRONOUNS or tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
            continue
        head = tok.head
        for _ in range(4):
            if head.head is head:            # the root: no saying verb above
                break
            head = head.head
            subj = [c for c in head.children if c.dep_ == "nsubj" and c.lower_ not in _PRONOUNS
                    and c.pos_ in ("NOUN", "PROPN")]
            if subj:
                out |= _phrase(subj[0])
                break
    return out


def _is_between_word(tok) -> bool:
    return tok.lemma_.lower() in ROLE_DEPS["between_words"] or tok.lower_ in ROLE_DEPS["between_words"]


def _sides(trigger, roles: Roles) -> None:
    """"clashes between X and Y": X acts, Y (and any further side) is hit."""
    if not _is_between_word(trigger):
        return
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "between"):
        for first in (g for g in prep.children if g.dep_ == "pobj" and not _no_party(g)):
            others = [c for c in first.children if c.dep_ == "conj"]
            side = _phrase(first) - {i for o in others for i in _phrase(o)}
            roles.actor |= side
            roles.target |= {i for o in others for i in _phrase(o)}


def roles(trigger) -> Roles:
    """The roles of the event a trigger token names."""
    out = Roles()
    _sides(trigger, out)
    if trigger.pos_ in _VERBAL:
        out.clause_read = True
        out.passive = _passive(trigger)
        _fill(out, trigger, ROLE_DEPS["passive" if out.passive else "active"])
    else:
        noun = trigger
        for c in noun.children:            # "a coalition airstrike", "an attack on the base", "raid by X"
            if c.dep_ == "poss" and noun.lemma_ in ROLE_DEPS["patient_nouns"]:
                out.target |= _phrase(c)
            elif c.dep_ in ROLE_DEPS["noun_actor"] and c.pos_ in ("PROPN", "NOUN", "ADJ") \
                    and not _no_party(c):                     # "the June 26 bombing": a date, no author
                out.actor |= _phrase(c) - {noun.i}
            elif c.dep_ == "prep" and c.lower_ in ROLE_DEPS["target_preps"]:
                out.target |= _objects(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                out.actor |= _objects(c)
        verb = _governing_verb(noun.head) if noun.dep_ != "ROOT" else noun
        if verb is not noun and verb.pos_ in _VERBAL and verb.lemma_ not in ROLE_DEPS["reporting_verbs"]:
            passive = _passive(verb)
            out.clause_read = True
            clause = Roles()
            _fill(clause, verb, ROLE_DEPS["passive" if passive else "active"])
            if noun.dep_ == "nsubj" or noun.i in clause.actor:
                out.target |= clause.target - _phrase(noun)     # the event noun acts: "an airstrike killed X"
            elif noun.dep_ in ("dobj", "obj", "nsubjpass") or noun.i in clause.target:
                out.actor |= clause.actor                       # "troops launched a raid", "the raid was
                                                                # carried out by commandos"
            elif not out.actor:
                out.actor |= clause.actor                       # "killed in a raid by X" / "during a raid"
            if passive and noun.dep_ == "pobj" and _is_between_word(noun):
                opponents = {i for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "with"
                             for i in _objects(prep)}
                if opponents:                                   # "a militant was killed in an encounter
                    out.actor |= opponents                      # with security forces": the side it
                    out.target |= clause.target                 # befell, and the side it met
            out.passive = passive
    out.actor = _antecedents(trigger.doc, out.actor)
    out.actor.discard(trigger.i)
    out.target.discard(trigger.i)
    out.target -= out.actor
    # the clause was read: its verb is known, whether or not it names a party ("the strike
    # was carried out in coordination with X" names none, and X is no target)
    out.found = bool(out.actor or out.target) or out.clause_read
    return out

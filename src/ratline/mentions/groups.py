"""Armed groups named by less than their full name, or as a part of a group.

Why a module of its own: these passes read a group from the words around a
known name, not from the name alone: "elements of his Mahdi Army", "“rogue”
Mahdi Army cells" (a part of the group), "the Qazali and Sheibani networks"
(two groups sharing one noun), "the League", "four Mahdi fighters" (a group by
the first word of its name).

``GroupsMixin`` is a mixin of ``MentionFinder``: it uses the finder's
``dictionary``, ``_actor_for`` and the body of the document being read.
"""
from __future__ import annotations

import re

from ratline.mentions.dictionary import alias_key
from ratline.mentions.entities import _add_alias, _add_entity, slug
from ratline.schema import Mention, Span

_COORD_PLURAL = re.compile(
    r"\b(?:the\s+)?([A-Z][\w’'-]+)(?:\s+and\s+(?:the\s+)?|\s*/\s*)([A-Z][\w’'-]+)\s+"
    r"(networks|groups|brigades|militias|cells|factions|battalions|fronts)\b"
)
_SUBGROUP_BEFORE = re.compile(r"(?:\b(?:(?!(?:and|or|of|the|by|with|from|to|in|on|at|including|such|like|as|among|especially|namely)\b)[\w’'-]+\s+)?(?P<kind>element\s?s|elements|factions?|wing)\s+of\s+"
                              r"(?:his|her|its|their|the|[A-Z][\w’'-]+(?:’s|'s))?\s*"
                              r"|(?P<rogue>[“\"‘]?rogue[”\"’]?)\s+)$")


class GroupsMixin:
    """The passes of ``MentionFinder`` that read groups from the words around a known name."""

    def _subgroups(self, sent, found: list[Mention], ents) -> list[Mention]:
        """"elements of his Mahdi Army", "“rogue” Mahdi Army cells": a part of a known group, named by
        description.  The dictionary may know the part (an actor whose name is "rogue X"); otherwise
        the part is a group of its own."""
        text, base = sent.span.text, sent.span.start
        out = []
        for m in found:
            if m.kind != "armed_group" or not m.basis.startswith("dictionary"):
                out.append(m)
                continue
            rel0 = m.span.start - base
            pre = _SUBGROUP_BEFORE.search(text[:rel0])
            post = self._parsed.cue_after("subgroup_after", m.span.end)       # "... Mahdi Army cells"
            if not pre:
                out.append(m)
                continue
            actor = self.dictionary.actors[m.key]
            key = None
            kind = (pre.group("kind") or "rogue").replace(" ", "")
            for form in (f"{kind} {actor.name}", f"{kind} of the {actor.name}",
                         f"Iranian-backed elements of the {actor.name}", f"rogue {actor.name}"):
                key = self._actor_for(form)
                if key and key != m.key:
                    break
                key = None
            start = base + pre.start()
            end = post[1] if post and post[1] <= sent.span.end else m.span.end
            span = Span(start, end, self._body[start:end])
            if key is None:
                key = f"part_of_{m.key}"
                name = f"elements of the {actor.name}"
            else:
                name = self.dictionary.actors[key].name
            out.append(Mention(span, "armed_group", key, sent.index, "dictionary:described-part"))
            _add_entity(ents, key, "armed_group", name, span.text, actor.country, "dictionary")
            out.append(m)             # the whole group stays named too ("part of the Mahdi Army")
        return out

    def _coordinated_plurals(self, sent, found: list[Mention], covered: set[int], ents) -> None:
        """"the Qazali and Sheibani networks": each name before a shared plural noun is a group
        of its own (the dictionary's, when it knows the name with the noun)."""
        toks = sent.tokens
        for cm in _COORD_PLURAL.finditer(sent.span.text):
            head = cm.group(3)[:-1].capitalize()
            for g in (1, 2):
                s0 = sent.span.start + cm.start(g)
                name = f"{cm.group(g)} {head}"
                key = self._actor_for(name) or "grp_" + slug(name)
                span = Span(s0, s0 + len(cm.group(g)), cm.group(g))
                kind = self.dictionary.actors[key].type if key in self.dictionary.actors else "armed_group"
                ename = self.dictionary.actors[key].name if key in self.dictionary.actors else name
                found.append(Mention(span, kind, key, sent.index, "pattern:coordinated-plural"))
                _add_entity(ents, key, kind, ename, span.text, None, "pattern")
                _add_alias(ents[key], name)
                covered.update(k for k, t in enumerate(toks) if span.start <= t.start < span.end)

    def _short_org(self, body: str, span: Span, word: str, ents) -> str | None:
        """A group named by the first word of its name: "the League" (League of the Righteous),
        "four Mahdi fighters" (Mahdi Army) — only when exactly one named group starts that way."""
        before = body[max(0, span.start - 5):span.start].lower()
        if not (before.endswith("the ") or self._parsed.cue_after("fighter_noun", span.end)):
            return None
        groups = [e for e in ents.values() if e.type in ("armed_group", "state_force", "other")]
        hits = {e.id for e in groups for name in [e.name, *e.aliases]
                if len(alias_key(name)) > 1 and alias_key(name)[0] == word}
        known = {h for h in hits if h in self.dictionary.actors}
        if len(hits) > 1 and len(known) == 1:
            hits = known                 # a dictionary group over a name the pattern layer guessed
        return hits.pop() if len(hits) == 1 else None


_BEFORE_A_PLACE = frozenset({"in", "near", "at", "from", "of", "to", "into", "across", "outside", "around", "and", "or"})


def regional_branches(body: str, mentions: list[Mention], ents) -> None:
    """"South Gondar Fano", "Gojjam Fano": a place written just before a known group's name, with
    no word that would make it the group's whereabouts ("in Gojjam, Fano ..."), names the
    group's branch in that place: an armed group of its own, the two words its name."""
    by_start = {m.span.start: k for k, m in enumerate(mentions)}
    for k, place in enumerate(mentions):
        nxt = by_start.get(place.span.end + 1) if place is not None and place.kind == "place" else None
        group = mentions[nxt] if nxt is not None and body[place.span.end] == " " else None
        if group is None:
            continue
        before = body[max(0, place.span.start - 15):place.span.start].split()[-1:]
        if group.kind != "armed_group" or not group.basis.startswith("dictionary:") \
                or group.basis == "dictionary:adjective" or (before and before[0].lower() in _BEFORE_A_PLACE) \
                or not place.span.text[:1].isupper():
            continue
        words = body[place.span.start:group.span.end]
        key = f"{group.key}_{slug(place.span.text)}"
        parent = ents.get(group.key)
        name = f"{place.span.text} {parent.name}" if parent is not None else words
        _add_entity(ents, key, "armed_group", name, words, parent.country if parent is not None else None,
                    "pattern:regional branch")
        mentions[k] = Mention(Span(place.span.start, group.span.end, words), "armed_group", key, place.sentence,
                              "pattern:regional branch")
        mentions[nxt] = None
    mentions[:] = [m for m in mentions if m is not None]

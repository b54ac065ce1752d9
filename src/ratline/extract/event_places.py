"""Where an event happened: the most specific place its clause names.

A facility or village before a town, a town before its province, a province before the
country; "X province's Y district" is in Y; places where someone spoke, came from or was
sent are not where it happened; a country only when places are listed across it.  A
mixin of ``EventExtractor``: it reads the extractor's document state.
"""
from __future__ import annotations

import re

from ratline.extract.cues import right_before
from ratline.extract.drafts import _contains
from ratline.extract.masking import Masked
from ratline.mentions.names import place_level
from ratline.parse.roles import ROLE_DEPS
from ratline.schema import Mention

# "700 kilometers south of Bogota": a point to measure from, far from where it happened
# ("15 km west of Boni" is near enough to be its place)
_REFERENCE_POINT = re.compile(r"(?:(?P<far>[\d,.]+)\s*(?:km|kms|kilomet(?:er|re)s?|miles?)\b[^.;]{0,20}?)?\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
                              r"(?:(?:capital|city|town|provincial capital)(?:\s+of)?\s+)?$", re.I)

# "the road from Damascus to the city of Aleppo", "the road between Nabatieh and Kfar Tebnit":
# the ends of a road bound where it happened, less closely than a place named outright
_ROUTE_END = re.compile(r"\b(?:road|highway|motorway|route)\b[^.;]{0,25}?\b(?:from|links?|linking|connect(?:s|ing)|"
                        r"between)\s+(?:[^.;]{2,40}?\s+(?:to|with|and)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
REPORTING_VERBS = frozenset(ROLE_DEPS["reporting_verbs"])
_ASIDE_CLAUSE = re.compile(r",\s+(?:as|while|even as|amid|whereas|just as)\s+(?!of\b|well\b|many\b|much\b|part\b)")


class PlaceChooser:
    """The place of a draft, from the mentions of its clause and the gazetteer (``self.dm.places``)."""

    def _speaker_place(self, m: Mention) -> bool:
        """"a spokesman in Kabul", "told reporters in Kabul": where someone spoke, not where it happened."""
        if m.kind != "place":
            return False
        before = self.body[max(0, m.span.start - 40):m.span.start]
        place = self.dm.places.get(m.key)
        ent = self.dm.entities.get(m.key)
        country = getattr(place, "feature", None) == "country" or (ent is not None and ent.type == "government") \
            or m.basis == "dictionary:alias" and place is None
        if re.search(r"\bfrom\s+(?:the\s+)?(?:No\.\s?\d+\s+|\d+(?:st|nd|rd|th)?\s+)?$", before):   # "from No.2 ... Headquarters"
            # "fighters from North Waziristan": where they came from; "driven from the capital": there
            return not re.search(r"\b(?:driven|pushed|expelled|ousted|ejected|routed|cleared)\s+from\s+(?:the\s+)?$", before)
        if country and re.search(r"\b(?:to|from|into|towards?)\s+$", before):
            return True          # "smuggled from Iran to Iraq": a route, not where it happened
        return self._spoken_from(m)

    def _spoken_from(self, m: Mention) -> bool:
        """"a spokesman in Kabul", "fled to Kabul", "Kabul's hospital reported": where someone spoke
        or went, not where it happened."""
        return right_before(self.parsed, "speaker_place", m.span.start) or self._place_reports(m)

    def _place_reports(self, m: Mention) -> bool:
        """"Misrata Central Hospital reported that it received 39 bodies": a place that is the
        subject of a verb of reporting speaks of the event; it is not where it happened."""
        tok = self.parsed.token_at(m.span.end - 1) if self.parsed is not None else None
        return tok is not None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in REPORTING_VERBS


    def _pick_place(self, masked: Masked) -> str | None:
        places = [m for m in masked.mentions if m.kind == "place" and not self._names_a_road(m)]
        aside = _ASIDE_CLAUSE.search(masked.text)
        if aside is not None:        # "..., as the movement kept up its campaign in the Red Sea": context
            first = [m for m in places if masked.text.find(f"⟦{masked.mentions.index(m)}⟧") < aside.start()]
            places = first or places
        if not places:
            if self.parsed.cue_in("same_place", masked.span.start, masked.span.end):   # "in the town"
                return self._focus_place(masked.span.start)
            return None
        regional = self._regional(places)
        if regional is not None:
            return regional
        ranks = self._chain_ranks(sorted(places, key=lambda m: m.span.start))
        best = min(places, key=lambda m: (ranks[id(m)], m.span.start))
        self.last_place = best.key if self._place_rank(best.key) < 4 else self.last_place
        self._picked_rank = ranks[id(best)]
        self._listed_places = self._listed_with(best, places)
        return best.key

    def _names_a_road(self, m: Mention) -> bool:
        """"on the Oasse road", "the Kabul highway": the town names the road, and the act was on
        the road, not in the town."""
        nxt = self.body[m.span.end:m.span.end + 20].split()[:1]
        return bool(nxt) and nxt[0].rstrip(",.;:").lower() in ("road", "highway")

    def _chain_ranks(self, places: list[Mention]) -> dict[int, float]:
        """"in Datu Saudi Ampatuan town in Maguindanao", "in Wum, North West": English names the
        smaller place first, so a place written "in" or after a comma behind another holds it and
        ranks above it, whatever the gazetteer knows of either."""
        ranks = {id(m): self._mention_rank(m) for m in places}
        for a, b in zip(places, places[1:]):
            between = self.body[a.span.end:b.span.start].lower().split()
            if between and place_level(between[0]) is not None:
                between = between[1:]            # "Ampatuan town in Maguindanao"
            if between and between[-1] == "the":
                between = between[:-1]
            if between in (["in"], [","]):
                ranks[id(b)] = max(ranks[id(b)], ranks[id(a)] + 0.25)
        return ranks

    def _listed_with(self, best: Mention, places: list[Mention]) -> list[str]:
        """"in Baghdad's Adhamiyah and New Baghdad districts": the places listed after the
        chosen one, one for each further operation the clause counts."""
        out, prev = [], best
        for m in sorted((m for m in places if m.span.start > best.span.end), key=lambda m: m.span.start):
            if not re.fullmatch(r"\s*(?:,|and|, and)\s*", self.body[prev.span.end:m.span.start]):
                break
            out.append(m.key)
            prev = m
        return out

    def _far_point(self, m: Mention) -> bool:
        """"700 kilometers south of Bogota": a point measured from, more than 50 away."""
        point = _REFERENCE_POINT.search(self.body[max(0, m.span.start - 60):m.span.start])
        return bool(point and point.group("far") and float(point.group("far").replace(",", "").rstrip(".") or 0) > 50)

    def _mention_rank(self, m: Mention) -> float:
        """"the hamlet of El Aguaje", "Ghazni province's Giro district": the noun written beside
        a name says how large it is, whatever the gazetteer holds under that name."""
        before = self.body[max(0, m.span.start - 60):m.span.start]
        if self._far_point(m):
            return max(self._place_rank(m.key), 5)
        if _ROUTE_END.search(self.body[max(0, m.span.start - 90):m.span.start]):
            return 2 + self._place_rank(m.key) / 10
        after = self.body[m.span.end:m.span.end + 20]
        level = _written_level(after, before)
        if level is None and " " in m.span.text:
            level = place_level(m.span.text.split()[0])      # "Barangay Kitango"
        rank = self._place_rank(m.key) if level is None else level
        if after.startswith(("'s ", "’s ")):
            return max(rank, 1) + 0.5    # "Baghdad's Adhamiyah district": the owner holds the place
        return rank

    def _regional(self, places: list[Mention]) -> str | None:
        """"in Baghdad, Basrah and central and southern Iraq": an operation across a country."""
        countries = [m for m in places if self._place_rank(m.key) == 6]
        if not countries:
            return None
        quarter = re.search(r"\b(?:central|southern|northern|eastern|western)\s+(?:and\s+\w+\s+)?$",
                            self.body[max(0, countries[0].span.start - 40):countries[0].span.start], re.I)
        before_country = [m for m in places if m.span.end <= countries[0].span.start and self._place_rank(m.key) < 6]
        coordinated = bool(before_country) and re.search(
            r"^\s*(?:,\s*and|,|and)\s", self.body[before_country[-1].span.end:countries[0].span.start]) is not None
        listed = len(before_country) >= 2 and all(
            re.fullmatch(r"\s*(?:,|and|, and)\s*", self.body[x.span.end:y.span.start])
            for x, y in zip(before_country, before_country[1:]))
        if coordinated and (listed or quarter):
            return countries[0].key
        return None

    def _focus_place(self, before: int) -> str | None:
        """"in the city": the town the report keeps coming back to, not merely the last one named."""
        counts: dict[str, int] = {}
        for m in self.dm.mentions:
            if m.kind == "place" and m.span.start < before and self._place_rank(m.key) <= 1 \
                    and not self._spoken_from(m) and not self._far_point(m) and not self._names_a_road(m):
                # not "told reporters in Kabul", "Kabul hospital reported", "700 km south of Bogota"
                counts[m.key] = counts.get(m.key, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else self.last_place

    def _place_rank(self, key: str) -> int:
        place = self.dm.places.get(key)
        if place is None:
            ent = self.dm.entities.get(key)
            names = " ".join(ent.aliases).lower() if ent is not None else ""
            if " province" in names or " governorate" in names:
                return 4
            if " district" in names or " valley" in names or " area" in names:
                return 1
            if " region" in names:
                return 3                 # "the Catatumbo region": wider than the towns in it
            if ent is not None and ent.basis == "pattern:region-name":
                return 3                 # "North Darfur", "West Africa": a region, wider than any town in it
            return 0 if key.startswith("place_") else 5     # facilities and unknown villages: most specific
        feature = getattr(place, "feature", "city")
        return {"facility": 0, "district": 1, "town": 1, "city": 1, "province": 4, "country": 6}.get(feature, 1)

    def _nested(self, a: str, b: str) -> bool:
        if a == b:
            return True
        pa, pb = self.dm.places.get(a), self.dm.places.get(b)
        if pa is None and pb is None:
            return False
        if pa is None or pb is None:
            return self._unknown_within(a, b) if pa is None else self._unknown_within(b, a)
        return _contains(pa, pb) or _contains(pb, pa)

    def _unknown_within(self, unknown: str, known: str) -> bool:
        """A place the gazetteer lacks is inside a known one only if its own name says so
        ("Karbala Provincial Joint Coordination Center" is in Karbala)."""
        ent, other = self.dm.entities.get(unknown), self.dm.entities.get(known)
        if ent is None or other is None:
            return False
        names = " ".join([ent.name, *ent.aliases]).lower()
        return any(al.lower() in names for al in [other.name, *other.aliases] if len(al) > 2)


    def _written_inside(self, inner: str, outer: str) -> bool:
        """The text sets ``inner`` inside ``outer``: "Watkyein Village in Maungtaw Township",
        "Mamba village, Sugapa district" (what tells two places the gazetteer lacks apart)."""
        ent = self.dm.entities.get(outer)
        if ent is None:
            return False
        names = [n.lower() for n in [ent.name, *ent.aliases] if len(n) > 2]
        places = [m for m in self.dm.mentions if m.kind == "place"]
        for m, nxt in zip(places, places[1:]):
            if m.key != inner:
                continue
            between = self.body[m.span.end:nxt.span.start].replace(",", " ").split()
            if len(between) <= 2 and all(w.lower() in _INSIDE_WORDS for w in between) \
                    and (nxt.key == outer or any(nxt.span.text.lower().startswith(n) for n in names)):
                return True
        return False


# the words that may stand between a place and the wider one it lies in ("X in Y", "X, Y")
_INSIDE_WORDS = frozenset({"in", "of", "the"})


def _written_level(after: str, before: str) -> float | None:
    """The size the text gives a place: the noun after its name ("Wum district", "the Adhamiyah
    and New Baghdad districts"), else the noun before it ("the town of Dhanagadhi")."""
    words = after.split()
    if words and after[:1].isspace():
        level = place_level(_leading_word(words[0]))
        if level is not None:
            return level
    words = before.split()
    if words and words[-1].lower() == "the":
        words = words[:-1]
    if len(words) >= 2 and words[-1].lower() == "of":
        return place_level(words[-2])
    return None


def _leading_word(text: str) -> str:
    """The letters a word starts with: "province's" -> "province", "district," -> "district"."""
    end = 0
    while end < len(text) and (text[end].isalpha() or text[end] == "-"):
        end += 1
    return text[:end]

"""Routes: sentences saying that people, weapons, money or training moved from
one place to another ("the transport of weapons ... from Iran to Iraq",
"transporting insurgents to Iran for training and then back into Iraq").

Why a pass of its own: a route is neither an event (nothing happened on a day)
nor a relation between actors; it is what the map's arcs draw, and what the
tool is named after.  It reads only what the pipeline already found — the
sentences and the place and actor mentions with their gazetteer points — plus
the words in ``data/routes.yaml``, so a user extends it without code.

A leg needs a movement word before its places and either both ends named or
a cargo word (an army that "moved into Al Kut" is no ratline).  People sent to
a destination without a stated origin ("recruited ... and then transported
into Iran for training") are taken to leave the report's own country when the
report names it, and the basis says so; otherwise, and always for money and
weapons, the origin stays unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ratline.schema import Mention, Route, Span

ACTOR_KINDS = ("armed_group", "state_force", "state_agency", "government", "person", "company")
CUE_WINDOW = 160        # characters from a movement word to the first place of its leg
CARGO_BEFORE = 30       # "Iranian weapons shipments into Iraq": the cargo may precede the word


@dataclass(frozen=True)
class RouteWords:
    cue: re.Pattern
    origin: re.Pattern
    destination: re.Pattern
    cargo: list[tuple[str, re.Pattern]]
    training: re.Pattern


def _alternation(words: list[str]) -> str:
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w).replace(r"\ ", r"\s+")
             for w in words]
    return r"\b(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")\b"


@lru_cache(maxsize=4)
def route_words(path: str | None = None) -> RouteWords:
    """The word lists of ``data/routes.yaml`` compiled once."""
    path = path or str(resources.files("ratline") / "data" / "routes.yaml")
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    before = r"(?:\s+the)?\s+$"
    return RouteWords(
        cue=re.compile(_alternation(raw["cues"]), re.I),
        origin=re.compile(_alternation(raw["from"]) + before, re.I),
        destination=re.compile(_alternation(raw["to"]) + before, re.I),
        cargo=[(kind, re.compile(_alternation(words), re.I)) for kind, words in raw["cargo"].items()],
        training=re.compile(r"^\W{0,3}" + raw["purpose_training"], re.I))


def extract_routes(dm, body: str, words: RouteWords | None = None) -> list[Route]:
    """Every route leg stated in the body, each with its sentence as quotation."""
    words = words or route_words()
    out: list[Route] = []
    for sent in dm.sentences:
        text = sent.span.text
        if not words.cue.search(text):
            continue
        mentions = sorted(dm.in_sentence(sent.index), key=lambda m: m.span.start)
        out += _legs(dm, body, sent.span, mentions, words)
    return out


def _role(body: str, sent: Span, m: Mention, words: RouteWords) -> str | None:
    """'origin' / 'destination' from the words just before a place mention."""
    left = body[max(sent.start, m.span.start - 30):m.span.start]
    if words.origin.search(left):
        return "origin"
    if words.destination.search(left):
        return "destination"
    return None


def _legs(dm, body: str, sent: Span, mentions: list[Mention], words: RouteWords) -> list[Route]:
    places = [(m, _role(body, sent, m, words)) for m in mentions
              if m.kind == "place" and m.key in dm.places]
    legs, origin, last_dest = [], None, None
    for m, role in places:
        if role == "origin":
            origin = m
        elif role == "destination":
            start = origin or m
            back = re.search(r"\bback\s+(?:in)?to\s+(?:the\s+)?$", body[m.span.start - 20:m.span.start], re.I)
            src = origin or (last_dest if back else None)
            leg = _leg(dm, body, sent, mentions, words, src, m, start)
            if leg is not None:
                legs.append(leg)
            origin, last_dest = None, m
    return legs


def _leg(dm, body, sent, mentions, words, origin, dest, first) -> Route | None:
    cue = _nearest_cue(body, sent, first.span.start, words)
    if cue is None:
        return None
    cargo_kind, cargo = (_cargo(body, cue.start(), first.span.start, words)
                         or _cargo(body, max(sent.start, cue.start() - CARGO_BEFORE), cue.start(), words)
                         or (None, None))
    after = body[dest.span.end:min(sent.end, dest.span.end + 40)]
    if words.training.search(after):
        cargo_kind, cargo = "training", f"{cargo} (for training)" if cargo else "training"
    origin_basis = "stated"
    if origin is None:
        if cargo is None:
            return None
        # people sent abroad (for training) leave the country the report is about;
        # money and weapons may come from anywhere, so their origin stays unknown
        origin = _theatre(dm, mentions, dest) if cargo_kind in ("people", "training") else None
        origin_basis = "unstated: the report's theatre" if origin is not None else "unstated"
    if origin is not None and dm.places[origin.key] is dm.places[dest.key]:
        return None
    mover = _mover(mentions, cue.start(), origin, dest)
    o = dm.places[origin.key] if origin is not None else None
    d = dm.places[dest.key]
    quote = body[sent.start:sent.end]
    return Route(
        origin=origin.key if origin is not None else None,
        origin_name=origin.span.text if origin is not None else None,
        origin_lat=getattr(o, "latitude", None), origin_lon=getattr(o, "longitude", None),
        destination=dest.key, destination_name=dest.span.text,
        destination_lat=d.latitude, destination_lon=d.longitude,
        cargo=cargo, cargo_kind=cargo_kind, mover=mover.key if mover else None,
        quote=quote, span=Span(sent.start, sent.end, quote),
        basis=f"route: {cue.group(0)!r}; origin {origin_basis}")


def _nearest_cue(body: str, sent: Span, before: int, words: RouteWords):
    lo = max(sent.start, before - CUE_WINDOW)
    found = list(words.cue.finditer(body, lo, before))
    return found[-1] if found else None


def _cargo(body: str, lo: int, hi: int, words: RouteWords) -> tuple[str, str] | None:
    """The first cargo word in body[lo:hi] with its kind: first after the movement
    word, else just before it ("Iranian weapons shipments into Iraq")."""
    best = None
    for kind, rx in words.cargo:
        m = rx.search(body, lo, hi)
        if m and (best is None or m.start() < best[1].start()):
            best = (kind, m)
    return (best[0], best[1].group(0)) if best else None


def _theatre(dm, mentions: list[Mention], dest: Mention) -> Mention | None:
    """A mention of the report's theatre country, when the report names it."""
    for m in mentions + list(dm.mentions):
        place = dm.places.get(m.key) if m.kind == "place" else None
        if (place is not None and getattr(place, "feature", None) == "country"
                and place.country == dm.theatre and m.key != dest.key):
            return m
    return None


def _mover(mentions: list[Mention], cue: int, origin, dest) -> Mention | None:
    """The actor named last before the movement word (who moves it), if any."""
    before = [m for m in mentions if m.kind in ACTOR_KINDS and m.span.end <= cue
              and not m.basis.endswith("adjective")]
    return before[-1] if before else None

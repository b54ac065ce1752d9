"""Typed records that flow through the pipeline.

Every stage is a pure function over these: ingest makes a ``Document``, mentions
make ``Mention`` spans, extract makes ``Event``/``Relation``/``Tally`` records, and
``Extraction`` bundles them per document.  Offsets always point into
``Document.body`` so that any fact can be shown with the exact words it rests on.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = (
    "armed_group", "state_force", "state_agency", "government",
    "person", "place", "company", "other",
)
EVENT_TYPES = (
    "raid", "armed_clash", "airstrike", "ied_attack", "rocket_mortar_attack",
    "arrest", "release", "kidnapping", "execution", "assassination", "other",
)
RELATION_PREDICATES = (
    "supports", "leads", "commands", "member_of", "part_of", "splinter_of",
    "allied_with", "sibling_of", "front_for", "sanctioned_by", "spokesman_for",
    "captured_by", "killed_by", "released_by",
)
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Span:
    """A stretch of the document body: ``body[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass
class Document:
    """One article, with the evidence (body) kept apart from everything else.

    ``comments`` and ``boilerplate`` (bio, donation appeal, tags, navigation) are
    stored so a user can see what was set aside, but no extractor reads them.
    """

    doc_id: str                      # content hash of the body (idempotent ingest)
    name: str                        # file base name, e.g. "000_x.txt"
    source: str                      # path, URL or "<stdin>"
    title: str | None
    body: str
    published: str | None = None     # ISO date
    published_basis: str | None = None
    published_precision: str | None = None   # "day" or "month" (a URL's /2008/05/); None if unknown
    has_comments: bool = False
    comments: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    fmt: str = "txt"                 # txt | html | jsonl
    url: str | None = None
    author: str | None = None        # the byline's name (the byline itself is boilerplate)


@dataclass
class Skipped:
    """An input that could not be read, and the one-line reason why."""

    source: str
    reason: str


@dataclass
class DateRef:
    """A date expression in the text, resolved against the publication date."""

    span: Span
    date: str | None                 # ISO date at its precision (month -> YYYY-MM-01)
    precision: str | None            # day | week | month | year
    relative: bool = False           # needed the publication date to resolve
    since: bool = False              # "since X": the start of a window


@dataclass
class Quantity:
    """A count stated in the text, with its hedge ("over 20", "as high as 36")."""

    span: Span
    low: int | None
    best: int | None
    high: int | None
    hedge: str | None = None         # over | at_least | up_to | about | None


@dataclass
class Mention:
    """A name in the body: an actor, a person or a place."""

    span: Span
    kind: str                        # one of ENTITY_TYPES
    key: str                         # entity key it refers to (dictionary id or derived)
    sentence: int                    # index of the sentence it sits in
    basis: str                       # why it was recognised, e.g. "dictionary:actors.yaml"


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    basis: str | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    quote: str
    span: Span
    basis: str
    date: str | None = None          # when the text places the relation ("in 2007")
    date_precision: str | None = None
    since: str | None = None         # "now led by X": true from this date (the report's)
    until: str | None = None         # "was commander up until his capture in 2007"


@dataclass
class Event:
    id: str
    type: str
    quote: str
    span: Span
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: str | None = None      # entity id of the most specific place
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    where_precision: int | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    wounded: int | None = None
    captured: int | None = None
    casualty_side_note: str | None = None
    claim_source: str | None = None
    basis: str | None = None


@dataclass
class Tally:
    subject: str | None
    since: str | None
    killed: int | None
    captured: int | None
    by: list[str]
    quote: str
    span: Span
    basis: str | None = None


@dataclass
class Route:
    """People, weapons, money or training moving from one place to another, as a
    sentence states it (``extract/routes.py``); places are entity ids with the
    gazetteer's point, so a map can draw the arc without a gazetteer."""
    origin: str | None               # place entity id; None when the report names none
    origin_name: str | None
    origin_lat: float | None
    origin_lon: float | None
    destination: str
    destination_name: str
    destination_lat: float | None
    destination_lon: float | None
    cargo: str | None                # the words for what moves ("weapons", "insurgents (for training)")
    cargo_kind: str | None           # weapons | people | money | training
    mover: str | None                # entity id of who moves it, if named
    quote: str
    span: Span
    basis: str


@dataclass
class Claim:
    source: str
    says: str


@dataclass
class Conflict:
    about: str                       # event id
    claims: list[Claim]


@dataclass
class Extraction:
    """Everything found in one document, ready to store or to write as JSON."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    body_last_sentence: str | None = None
    routes: list[Route] = field(default_factory=list)

    def to_interchange(self) -> dict[str, Any]:
        """The per-document JSON shape shared with the gold files."""
        doc = self.document

        def strip(d: dict[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
            return {k: v for k, v in d.items() if k not in drop}

        return {
            "doc": doc.name,
            "title": doc.title,
            "published": doc.published,
            "published_basis": doc.published_basis,
            "published_precision": doc.published_precision,
            "body_last_sentence": self.body_last_sentence,
            "has_comments": doc.has_comments,
            "entities": [strip(asdict(e), ("spans",)) for e in self.entities],
            "relations": [
                {**strip(asdict(r), ("span",)), "start": r.span.start, "end": r.span.end}
                for r in self.relations
            ],
            "events": [
                {**strip(asdict(e), ("span",)), "start": e.span.start, "end": e.span.end}
                for e in self.events
            ],
            "tallies": [
                {**strip(asdict(t), ("span",)), "start": t.span.start, "end": t.span.end}
                for t in self.tallies
            ],
            "claims_in_conflict": [asdict(c) for c in self.conflicts],
        }

"""What a name a user types refers to: a document, an entity or an event.

Why: ids are what commands act on, but an analyst remembers "d04_jilib_airstrike.html"
or "al-Shabaab", not a content hash.  Each ``choose_*`` returns a :class:`Choice` that
says which record it took and how (so the CLI can tell the user), and raises
:class:`Ambiguous` with the candidates when a name fits several records equally,
or :class:`NoMatch` (a KeyError) when it fits none.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from ratline.store import queries
from ratline.store.sqlite import Store


class NoMatch(KeyError):
    """A name that fits no record; a KeyError (as ``Corpus.dossier`` always raised)
    whose text is the message itself, not its repr."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Ambiguous(LookupError):
    """A name that fits several records; ``candidates`` are (id, label) pairs."""

    def __init__(self, what: str, ref: str, candidates: list[tuple[str, str]]):
        self.ref, self.candidates = ref, candidates
        listed = "; ".join(f"{i} ({label})" for i, label in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(f"{ref!r} fits {len(candidates)} {what}s: {listed}{more}; give an id")


@dataclass
class Choice:
    """The record a user's reference was taken to mean, and why."""

    ref: str
    id: str
    label: str
    how: str                       # "id", "file name", "name or alias", ...
    others: list[tuple[str, str]] = field(default_factory=list)

    @property
    def by_id(self) -> bool:
        return self.how == "id"

    def message(self) -> str:
        """One line for stderr: "'x' is <id> (label, by file name)"."""
        also = ("; also matches " + ", ".join(f"{i} ({n})" for i, n in self.others[:5])
                if self.others else "")
        return f"{self.ref!r} is {self.id} ({self.label}, by {self.how}){also}"


# -- documents -----------------------------------------------------------------------
def choose_document(store: Store, ref: str) -> Choice:
    """A document by id, id prefix (6+ characters), file name, file stem, title or the
    start of its file name (3+ characters: "d04" for d04_jilib_airstrike.html)."""
    ref = (ref or "").strip()
    rows = store.query("SELECT doc_id, name, source, title FROM documents")
    for how, test in _document_tests(ref):
        hits = [r for r in rows if test(r)]
        if len(hits) == 1:
            return Choice(ref, hits[0]["doc_id"], hits[0]["name"], how)
        if hits:
            raise Ambiguous("document", ref, [(r["doc_id"], r["name"]) for r in hits])
    raise NoMatch(f"no document matches {ref!r} (try `ratline documents`)")


def _document_tests(ref: str):
    """Ways a reference can name a document, most exact first."""
    low = ref.lower()
    stem = lambda name: os.path.splitext(name)[0].lower()  # noqa: E731
    return [
        ("id", lambda r: r["doc_id"] == ref),
        ("id prefix", lambda r: len(ref) >= 6 and r["doc_id"].startswith(ref)),
        ("file name", lambda r: r["name"] == ref or r["source"] == ref),
        ("file name", lambda r: r["name"].lower() == low or os.path.basename(r["source"]).lower() == low),
        ("file stem", lambda r: stem(r["name"]) == low),
        ("title", lambda r: (r["title"] or "").lower() == low),
        ("file name prefix", lambda r: len(ref) >= 3 and r["name"].lower().startswith(low)),
    ]


# -- entities ------------------------------------------------------------------------
def choose_entity(store: Store, ref: str) -> Choice:
    """An entity by id, name or alias (``queries.find_entities``: best-documented first).

    Several entities sharing a name is common ("Taliban" the group and a person's
    alias); the best-documented is taken and the others are named, as ``show``
    always did."""
    ids = queries.find_entities(store, ref)
    if not ids:
        raise NoMatch(f"no entity matches {ref!r} (try `ratline entities`)")
    names = queries.entity_names(store)
    how = "id" if ids[0] == (ref or "").strip() else "name or alias"
    return Choice(ref, ids[0], names.get(ids[0], ids[0]), how,
                  [(i, names.get(i, i)) for i in ids[1:]])


# -- events --------------------------------------------------------------------------
def choose_event(store: Store, ref: str) -> Choice:
    """An event by its id or by one of its reports, ``<document id or name>:<event id>``
    (the document part may be anything ``choose_document`` takes)."""
    ref = (ref or "").strip()
    hit = store.query("SELECT id, type, date FROM events WHERE id = ?", (ref,))
    if hit:
        return Choice(ref, ref, _event_label(hit[0]), "id")
    doc_ref, _, local = ref.rpartition(":")
    if doc_ref and local:
        doc = choose_document(store, doc_ref)
        rows = store.query(
            "SELECT e.id, e.type, e.date FROM event_reports r JOIN events e ON e.id = r.event_id "
            "WHERE r.doc_id = ? AND r.local_id = ?", (doc.id, local))
        if rows:
            return Choice(ref, rows[0]["id"], _event_label(rows[0]), f"report of {doc.label}")
    raise NoMatch(f"no event {ref!r} (ids as `ratline events` shows them, or "
                   f"<document name>:<event id>)")


def choose_report(store: Store, ref: str) -> Choice:
    """One report of an event, ``<document>:<event id>``, the document part anything
    ``choose_document`` takes; the id is ``<doc_id>:<event id>``."""
    doc_ref, _, local = (ref or "").strip().rpartition(":")
    if not doc_ref or not local:
        raise NoMatch(f"a report is <document id or name>:<event id>, not {ref!r}")
    doc = choose_document(store, doc_ref)
    if not store.query("SELECT 1 FROM event_reports WHERE doc_id = ? AND local_id = ?",
                       (doc.id, local)):
        raise NoMatch(f"no report {local!r} in {doc.label} (see `ratline events --doc {doc.label}`)")
    return Choice(ref, f"{doc.id}:{local}", f"{local} of {doc.label}",
                  "id" if doc.by_id else doc.how)


def _event_label(row: dict) -> str:
    return f"{row['type']}, {row['date'] or 'undated'}"

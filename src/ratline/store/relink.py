"""Move earlier links that a new document makes wrong (``Rejudgement``s).

The resolver (``resolve/crossdoc.py``, ``CanonicalIndex.rejudgements``) says
which links are to be judged again when a document arrives; this module finds
those links in the store and moves each document entity to its entity, in the
same transaction as the document:

* ``absorb`` — document entities of another entity that share a name with a
  dictionary entity go to it (rule ``alias``);
* ``join`` — every link of a surname-only entity goes to the surname's only
  holder (rule ``surname_unique``);
* ``part`` — bare surnames that joined the only holder of their surname (not
  one their own document names) go to a surname-only entity once the surname
  has a second holder (rule ``surname_ambiguous``).

Each moved link keeps its reason in ``evidence``.  A document whose rows name
the old entity through another document entity as well is left as it is: its
rows could not be told apart.  Every id column of the moved documents
(``judgements.ENTITY_REFS``), their ``report_parties`` and the aliases of the
entities concerned are rewritten; an entity left with no link is deleted; the
reports whose parties changed are returned, for ``eventmerge.rejudge``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Iterable

from ratline.resolve.crossdoc import IN_DOCUMENT, Rejudgement
from ratline.resolve.names import loose, norm, person_name
from ratline.schema import Entity
from ratline.store.judgements import ENTITY_REFS
from ratline.store.rows import PARTY_INSERT, PLACE_COLUMNS, name_keys, party_rows
from ratline.store.sqlite import loads


@dataclass(frozen=True)
class Move:
    doc_id: str
    local_id: str
    old: str
    new: str
    rule: str
    score: float | None
    evidence: str


def apply(conn, rejudgements: Iterable[Rejudgement], new_id: Callable[[Entity], str]
          ) -> set[str] | None:
    """Move the links; returns the keys of the reports whose parties changed (None:
    no link moved)."""
    moves: list[Move] = []
    created: dict[str, tuple] = {}
    for r in rejudgements:
        # a ``part`` moves only links the surname rule made (``judge_link``): asking
        # for those alone spares reading every link of a busy holder (a person named
        # in hundreds of documents) on each arrival of a namesake
        for row in _links_of(conn, r.sources, "surname_unique" if r.kind == "part" else None):
            move = judge_link(r, row, created, new_id)
            if move is not None:
                moves.append(move)
    moves = _separable(conn, moves)
    if not moves:
        return None
    for cid, (etype, name, country, doc_id, _key) in created.items():
        if any(m.new == cid for m in moves):
            conn.execute("INSERT INTO entities (id, type, name, country, created_by, name_norm, "
                         "name_norm_person) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (cid, etype, name, country, doc_id, *name_keys(name)))
    conn.executemany("UPDATE entity_links SET entity_id = ?, rule = ?, score = ?, evidence = ? "
                     "WHERE doc_id = ? AND local_id = ?",
                     [(m.new, m.rule, m.score, m.evidence, m.doc_id, m.local_id) for m in moves])
    by_doc: dict[str, dict[str, str]] = {}
    for m in moves:
        by_doc.setdefault(m.doc_id, {})[m.old] = m.new
    changed: set[str] = set()
    for doc_id, mapping in sorted(by_doc.items()):
        _rewrite_doc(conn, doc_id, mapping)
        changed |= _reparty(conn, doc_id, mapping)
    touched = {m.old for m in moves} | {m.new for m in moves}
    _recount_aliases(conn, touched)
    for cid in sorted({m.old for m in moves}):
        if conn.execute("SELECT 1 FROM entity_links WHERE entity_id = ? LIMIT 1", (cid,)).fetchone() is None:
            conn.execute("DELETE FROM entities WHERE id = ?", (cid,))
    return changed


def _links_of(conn, ids: tuple[str, ...], rule: str | None = None) -> list[dict]:
    """The links to the entities ``ids`` (made by ``rule`` only, when given)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    only = " AND rule = ?" if rule else ""
    cur = conn.execute("SELECT doc_id, local_id, entity_id, rule, evidence, type, name, aliases, "
                       "country "
                       f"FROM entity_links WHERE entity_id IN ({marks}){only} ORDER BY doc_id, local_id",
                       [*ids, rule] if rule else list(ids))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def judge_link(r: Rejudgement, row: dict, created: dict, new_id) -> Move | None:
    """Where one document entity's link goes under ``r`` (None: it stays).  ``row``:
    its ``entity_links`` columns; ``created`` gathers the new entities a ``part``
    makes, id -> (type, name, country, first document, surname)."""
    names = [row["name"], *loads(row["aliases"], [])]
    if r.kind == "absorb":
        shared = {norm(t) for t in names} & r.keys
        if not shared:
            return None
        return Move(row["doc_id"], row["local_id"], row["entity_id"], r.target, "alias", 100.0,
                     r.why)
    if r.kind == "join":
        return Move(row["doc_id"], row["local_id"], row["entity_id"], r.target, "surname_unique",
                     100.0, r.why)
    # part: only a bare surname that joined the holder by the corpus-wide rule
    if row["rule"] != "surname_unique" or (row.get("evidence") or "").endswith(IN_DOCUMENT):
        return None
    pnames = [p for p in map(person_name, names) if p]
    if not pnames or not all(p.bare for p in pnames) \
            or {loose(p.surname) for p in pnames} != set(r.keys):
        return None
    country = row["country"]
    holders = [h for h, c in r.holders if not c or not country or c.upper() == country.upper()]
    if len(holders) < 2:
        return None
    target = r.target
    if target is None:
        key = next(iter(r.keys))
        target = next((cid for cid, v in created.items() if v[4] == key), None)
        if target is None:
            target = new_id(Entity(row["local_id"], "person", row["name"], [], country))
            created[target] = ("person", row["name"], country, row["doc_id"], key)
    return Move(row["doc_id"], row["local_id"], row["entity_id"], target, "surname_ambiguous",
                 float(len(holders)), r.why)


def _separable(conn, moves: list[Move]) -> list[Move]:
    """The moves whose documents name the old entity through the moved links only."""
    moving: dict[tuple[str, str], set[str]] = {}
    for m in moves:
        moving.setdefault((m.doc_id, m.old), set()).add(m.local_id)
    keep = {}
    for (doc_id, old), locals_ in moving.items():
        others = {r[0] for r in conn.execute(
            "SELECT local_id FROM entity_links WHERE doc_id = ? AND entity_id = ?", (doc_id, old))}
        targets = {m.new for m in moves if (m.doc_id, m.old) == (doc_id, old)}
        keep[(doc_id, old)] = others <= locals_ and len(targets) == 1
    return [m for m in moves if keep[(m.doc_id, m.old)]]


def _rewrite_doc(conn, doc_id: str, mapping: dict[str, str]) -> None:
    """Every entity id column of one document's rows, old -> new."""
    for table, (_keys, refs, _hint) in ENTITY_REFS.items():
        for col, kind in refs:
            if kind == "id":
                for old, new in mapping.items():
                    conn.execute(f"UPDATE {table} SET {col} = ? WHERE doc_id = ? AND {col} = ?",
                                 (new, doc_id, old))
                continue
            for rowid_cols in conn.execute(
                    f"SELECT DISTINCT {col} FROM {table} WHERE doc_id = ?", (doc_id,)).fetchall():
                value = rowid_cols[0]
                ids = loads(value, [])
                if not any(i in mapping for i in ids):
                    continue
                new = json.dumps([mapping.get(i, i) for i in ids], ensure_ascii=False)
                conn.execute(f"UPDATE {table} SET {col} = ? WHERE doc_id = ? AND {col} = ?",
                             (new, doc_id, value))


def _reparty(conn, doc_id: str, mapping: dict[str, str]) -> set[str]:
    """``report_parties`` of the document anew; the keys of reports naming a moved id
    (as a party or as their place: merging weighs both)."""
    changed = set()
    conn.execute("DELETE FROM report_parties WHERE doc_id = ?", (doc_id,))
    rows = []
    for local_id, actors, targets, read_date, *place in conn.execute(
            f"SELECT local_id, actors, targets, read_date, {PLACE_COLUMNS} FROM event_reports "
            "WHERE doc_id = ?", (doc_id,)).fetchall():
        actors, targets = loads(actors, []), loads(targets, [])
        rows += party_rows(doc_id, local_id, actors, targets, read_date, tuple(place))
        if set(mapping.values()) & {*actors, *targets, place[0]}:
            changed.add(f"{doc_id}:{local_id}")
    conn.executemany(PARTY_INSERT, rows)
    return changed


def _recount_aliases(conn, entity_ids: set[str]) -> None:
    """The aliases rows of these entities as ingesting their documents builds them
    (``Store._merge_aliases``): each name a document printed, its earliest-dated
    document, first and last seen."""
    ids = sorted(entity_ids)
    marks = ", ".join("?" * len(ids))
    conn.execute(f"DELETE FROM aliases WHERE entity_id IN ({marks})", ids)
    out: dict[tuple[str, str], list] = {}
    for cid, etype, name, aliases, doc_id, body, when in conn.execute(
            "SELECT l.entity_id, l.type, l.name, l.aliases, d.doc_id, d.body, d.published "
            f"FROM entity_links l JOIN documents d ON d.doc_id = l.doc_id WHERE l.entity_id IN ({marks}) "
            "ORDER BY d.ingested_at, d.doc_id", ids).fetchall():
        label = [name] if name and name in body else []
        for alias in [*label, *loads(aliases, [])]:
            alias = (alias or "").strip()
            if not alias:
                continue
            row = out.get((cid, alias))
            if row is None:
                out[(cid, alias)] = [norm(alias, person=etype == "person"), doc_id, when, when]
                continue
            if when and (row[2] is None or when < row[2]):
                row[1], row[2] = doc_id, when
            if when and (row[3] is None or when > row[3]):
                row[3] = when
    conn.executemany("INSERT INTO aliases (entity_id, alias, norm, doc_id, first_seen, last_seen) "
                     "VALUES (?, ?, ?, ?, ?, ?)", [(cid, alias, *v) for (cid, alias), v in out.items()])

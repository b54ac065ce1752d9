"""A user's merge and split decisions, and resolving the corpus again under them.

The machine's links are a proposal.  A reviewer who knows better says
``ratline merge A B`` (A and B are one thing) or ``ratline split E NAME``
(NAME is not E).  Each decision is a row of ``entity_judgements``; nothing
is merged destructively.  The corpus is then resolved again from what the
documents themselves said — every document entity kept in ``entity_links``
(its label, aliases, type, country, basis) — in ingest order, through a
``JudgedIndex`` that applies the judgements on top of the machine's rules.
Ingesting later documents goes through the same index, so a decision holds
for them too, and ``reresolve`` can be run at any time (after a change of
rules, or to check) without losing one.

A split that names what an earlier user merge brought in undoes that merge
(the judgement stays on record, inactive) instead of stacking a split on it.

``reresolve`` rewrites every column that holds a canonical entity id
(``ENTITY_REFS``: mentions, relations, event reports, events, tallies, routes),
document by document.  When one document had two of its entities on one
canonical id and they now part, each row goes to the entity whose names its
quote (or the mention's text) contains.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable

from ratline.resolve.crossdoc import _slug
from ratline.resolve.judged import SAME, SPLIT, JudgedIndex, Judgement, split_key
from ratline.resolve.names import norm
from ratline.schema import Entity
from ratline.store import migrate
from ratline.store.rows import name_keys
from ratline.store.sqlite import Store, loads

# table -> (columns naming a row, [(column, "id" | "json")], column giving the
# text used to tell two entities of one document apart)
ENTITY_REFS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...], str | None]] = {
    "mentions": (("doc_id", "char_start", "char_end", "text"), (("entity_key", "id"),), "text"),
    "relations": (("doc_id", "char_start", "char_end", "predicate"),
                  (("subject", "id"), ("object", "id")), "quote"),
    "event_reports": (("doc_id", "local_id"),
                      (("actors", "json"), ("targets", "json"), ("read_location", "id")), "quote"),
    "tallies": (("doc_id", "char_start", "char_end"),
                (("subject", "id"), ("by_actors", "json")), "quote"),
    "routes": (("doc_id", "char_start", "char_end", "destination_name"),
               (("origin", "id"), ("destination", "id"), ("mover", "id")), "quote"),
}


class JudgementError(ValueError):
    """A merge or split that cannot be made (unknown entity, name not its own...)."""


# -- reading and writing judgements -----------------------------------------------
def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _as_judgement(row: dict[str, Any]) -> Judgement:
    return Judgement(row["id"], row["kind"], row["entity_id"], row["other"], row["name"],
                     row["norm"])


def active(store: Store) -> list[Judgement]:
    """The judgements in force, oldest first."""
    return [_as_judgement(r) for r in store.query(
        "SELECT * FROM entity_judgements WHERE active = 1 ORDER BY made_at, id")]


def listing(store: Store, include_inactive: bool = True) -> list[dict[str, Any]]:
    """Every judgement as a plain dict (names decoded), oldest first."""
    sql = "SELECT * FROM entity_judgements"
    if not include_inactive:
        sql += " WHERE active = 1"
    rows = store.query(sql + " ORDER BY made_at, id")
    for r in rows:
        r["names"] = loads(r["names"], {})
        r["active"] = bool(r["active"])
    return rows


def judged_index(store: Store, dictionary_ids: Iterable[str] = ()) -> JudgedIndex:
    """The resolver's index over the stored entities, under the judgements."""
    index = JudgedIndex(dictionary_ids, active(store))
    for canon, aliases in store.canonical_entities():
        index.add(canon, aliases)
    index.mark_dictionary(r["entity_id"] for r in store.query(
        "SELECT DISTINCT entity_id FROM entity_links WHERE rule = 'dictionary'"))
    return index


def entity_names(store: Store, entity_id: str) -> list[str]:
    """Every name the corpus used for an entity (labels and aliases)."""
    names: list[str] = []
    for r in store.query("SELECT name, aliases FROM entity_links WHERE entity_id = ?",
                         (entity_id,)):
        for n in [r["name"], *loads(r["aliases"], [])]:
            if n and n not in names:
                names.append(n)
    for r in store.query("SELECT alias FROM aliases WHERE entity_id = ?", (entity_id,)):
        if r["alias"] not in names:
            names.append(r["alias"])
    return names


def _entity(store: Store, entity_id: str) -> dict[str, Any]:
    rows = store.query("SELECT id, type, name FROM entities WHERE id = ?", (entity_id,))
    if not rows:
        raise JudgementError(f"no entity {entity_id!r}")
    return rows[0]


def _insert(store: Store, kind: str, entity_id: str, other: str, name: str | None,
            key: str | None, names: dict[str, list[str]], note: str | None) -> Judgement:
    made = _now()
    jid = hashlib.sha1(f"{kind}|{entity_id}|{other}|{key}|{made}".encode()).hexdigest()[:12]
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO entity_judgements (id, kind, entity_id, other, name, norm, names, note, "
            "made_at, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (jid, kind, entity_id, other, name, key, json.dumps(names, ensure_ascii=False),
             note, made))
    return Judgement(jid, kind, entity_id, other, name, key)


def record_merge(store: Store, keep: str, other: str, note: str | None = None) -> Judgement:
    """Judge ``other`` to be the same real thing as ``keep`` (ids)."""
    a, b = _entity(store, keep), _entity(store, other)
    if a["id"] == b["id"]:
        raise JudgementError(f"{keep!r} and {other!r} are already one entity")
    names = {"entity": entity_names(store, keep), "other": entity_names(store, other)}
    return _insert(store, SAME, keep, other, None, None, names, note)


@dataclass
class SplitResult:
    judgement: Judgement | None = None       # the new split, if one was recorded
    undone: list[str] = field(default_factory=list)   # ids of user merges undone instead


def record_split(store: Store, entity_id: str, name: str, note: str | None = None) -> SplitResult:
    """Judge that ``name`` does not denote ``entity_id``.

    If an active user merge brought ``name`` into the entity, that merge is
    undone (made inactive) instead; otherwise a split is recorded, naming
    the entity the name will have from now on.
    """
    ent = _entity(store, entity_id)
    person = ent["type"] == "person"
    key = split_key(name, person)
    mine = entity_names(store, entity_id)
    if not key or key not in {split_key(n, person) for n in mine}:
        raise JudgementError(f"{name!r} is not a name of {ent['name']} ({entity_id}); "
                             f"its names: {', '.join(mine) or '(none)'}")
    if key == split_key(ent["name"], person) and len({split_key(n, person) for n in mine}) == 1:
        raise JudgementError(f"{name!r} is the only name of {entity_id}: nothing to split from")
    result = SplitResult()
    index = JudgedIndex((), active(store))
    group = index.representative(entity_id)
    for row in listing(store, include_inactive=False):
        if row["kind"] != SAME or index.representative(row["entity_id"]) != group:
            continue
        brought = {split_key(n, person) for n in row["names"].get("other", [])}
        if key in brought:
            result.undone.append(row["id"])
    if result.undone:
        with store.transaction() as conn:
            conn.executemany("UPDATE entity_judgements SET active = 0 WHERE id = ?",
                             [(i,) for i in result.undone])
        return result
    taken = {r["id"] for r in store.query("SELECT id FROM entities")}
    taken |= {r["other"] for r in store.query("SELECT other FROM entity_judgements")}
    base = _slug(key) or "entity"
    target, n = base, 2
    while target in taken:
        target, n = f"{base}_{n}", n + 1
    names = {"entity": mine, "other": [name]}
    result.judgement = _insert(store, SPLIT, group, target, name, key, names, note)
    return result


def retract(store: Store, judgement_id: str) -> bool:
    """Make a judgement inactive (kept on record); False if no such active one."""
    with store.transaction() as conn:
        cur = conn.execute("UPDATE entity_judgements SET active = 0 WHERE id = ? AND active = 1",
                           (judgement_id,))
    return cur.rowcount > 0


def export_rows(store: Store) -> list[dict[str, Any]]:
    """The judgements as JSON-ready dicts, to carry them to a rebuilt database."""
    return listing(store)


def import_rows(store: Store, rows: Iterable[dict[str, Any]]) -> int:
    """Add judgements exported from another database (same ids are skipped)."""
    n = 0
    with store.transaction() as conn:
        for r in rows:
            cur = conn.execute(
                "INSERT INTO entity_judgements (id, kind, entity_id, other, name, norm, names, "
                "note, made_at, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (r["id"], r["kind"], r["entity_id"], r["other"], r.get("name"), r.get("norm"),
                 json.dumps(r.get("names") or {}, ensure_ascii=False), r.get("note"),
                 r["made_at"], int(bool(r.get("active", True)))))
            n += cur.rowcount
    return n


# -- resolving the corpus again ----------------------------------------------------
@dataclass
class _LocalLink:
    doc_id: str
    local_id: str
    old: str
    new: str
    entity: Entity


@dataclass
class ReresolveReport:
    documents: int = 0
    document_entities: int = 0
    entities_before: int = 0
    entities_after: int = 0
    links_changed: int = 0
    rows_changed: int = 0


def reresolve(store: Store, dictionary_ids: Iterable[str] = ()) -> ReresolveReport:
    """Resolve every stored document entity again, under the judgements, and
    rewrite every canonical id the corpus holds; one transaction."""
    report = ReresolveReport(entities_before=store.count("entities"))
    judgements = active(store)
    index = JudgedIndex(dictionary_ids, judgements)
    docs = store.query("SELECT doc_id, body, published FROM documents ORDER BY rowid")
    by_doc: dict[str, list[dict[str, Any]]] = {}
    by_rule: dict[tuple[str, str], str] = {}
    for row in store.query("SELECT * FROM entity_links ORDER BY rowid"):
        by_doc.setdefault(row["doc_id"], []).append(row)
        by_rule[(row["doc_id"], row["local_id"])] = row["rule"]
    links: list[_LocalLink] = []
    new_entities: list[tuple[str, str, str, str | None, str]] = []
    link_rows: list[tuple] = []
    for doc in docs:
        rows = by_doc.get(doc["doc_id"], [])
        ents = [Entity(r["local_id"], r["type"], r["name"], loads(r["aliases"], []),
                       r["country"], r["basis"]) for r in rows]
        res = index.plan(ents)
        index.commit(res)
        for c in res.new_entities:
            new_entities.append((c.id, c.type, c.name, c.country, doc["doc_id"]))
        for r, e in zip(rows, ents):
            link = res.links[e.id]
            links.append(_LocalLink(doc["doc_id"], e.id, r["entity_id"], link.entity_id, e))
            link_rows.append([link.entity_id, link.rule, link.score, link.evidence,
                              doc["doc_id"], e.id])
    _settle(index, links, link_rows, new_entities)
    for r, row in zip(links, link_rows):
        if (row[0], row[1]) != (r.old, by_rule.get((r.doc_id, r.local_id))):
            report.links_changed += 1
    report.documents = len(docs)
    report.document_entities = len(links)
    mapper = _Mapper(links, index)
    aliases = _aliases(docs, links, mapper)
    known = {e[0] for e in new_entities}
    for cid, (etype, name, first_doc) in mapper.split_entities(aliases).items():
        if cid not in known:
            new_entities.append((cid, etype, name, None, first_doc))
            known.add(cid)
    with store.transaction() as conn:
        existing = {r[0] for r in conn.execute("SELECT id FROM entities")}
        for cid, etype, name, country, created_by in new_entities:
            if cid in existing:
                conn.execute("UPDATE entities SET type = ?, name = ?, country = ?, created_by = ?, "
                             "name_norm = ?, name_norm_person = ? WHERE id = ?",
                             (etype, name, country, created_by, *name_keys(name), cid))
            else:
                conn.execute("INSERT INTO entities (id, type, name, country, created_by, name_norm, "
                             "name_norm_person) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (cid, etype, name, country, created_by, *name_keys(name)))
        conn.executemany("UPDATE entity_links SET entity_id = ?, rule = ?, score = ?, evidence = ? "
                         "WHERE doc_id = ? AND local_id = ?", [tuple(r) for r in link_rows])
        conn.execute("DELETE FROM aliases")
        conn.executemany(
            "INSERT INTO aliases (entity_id, alias, norm, doc_id, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, alias, v["norm"], v["doc_id"], v["first"], v["last"])
             for (cid, alias), v in aliases.items()])
        report.rows_changed = _rewrite_refs(conn, mapper)
        migrate.rebuild_report_parties(conn)      # the actors/targets lists may have changed
        gone = existing - known
        conn.executemany("DELETE FROM entities WHERE id = ?", [(g,) for g in sorted(gone)])
    report.entities_after = store.count("entities")
    return report


def _settle(index: JudgedIndex, links: list[_LocalLink], link_rows: list[list],
            new_entities: list[tuple]) -> None:
    """The re-judgements an ingest makes as documents arrive (``store/relink.py``),
    made once over the whole corpus (``CanonicalIndex.settled``), so the links agree
    with those an ingest in any order leaves; entities left without a link go."""
    from ratline.store.relink import judge_link      # relink imports this module
    by_entity: dict[str, list[int]] = {}
    for i, row in enumerate(link_rows):
        by_entity.setdefault(row[0], []).append(i)
    created: dict[str, tuple] = {}
    for r in index.settled():
        for i in [i for src in r.sources for i in by_entity.get(src, ())]:
            link, row = links[i], link_rows[i]
            e = link.entity
            move = judge_link(r, {"doc_id": link.doc_id, "local_id": link.local_id,
                                  "entity_id": row[0], "rule": row[1], "evidence": row[3],
                                  "name": e.name, "aliases": json.dumps(e.aliases),
                                  "country": e.country}, created, index.new_id)
            if move is None or move.new == row[0]:
                continue
            row[:4] = [move.new, move.rule, move.score, move.evidence]
            link.new = move.new
    for cid, (etype, name, country, doc_id, _key) in created.items():
        new_entities.append((cid, etype, name, country, doc_id))
    linked = {row[0] for row in link_rows}
    new_entities[:] = [e for e in new_entities if e[0] in linked]


class _Mapper:
    """Old canonical id -> new one, per document, telling parted entities apart."""

    def __init__(self, links: list[_LocalLink], index: JudgedIndex) -> None:
        self.per_doc: dict[str, dict[str, list[_LocalLink]]] = {}
        targets: dict[str, set[str]] = {}
        for link in links:
            self.per_doc.setdefault(link.doc_id, {}).setdefault(link.old, []).append(link)
            targets.setdefault(link.old, set()).add(link.new)
        self.global_map = {old: next(iter(new)) for old, new in targets.items() if len(new) == 1}
        self.index = index
        self.splits = index.split_targets()
        self.types: dict[str, str] = {}
        for link in links:
            self.types.setdefault(link.new, link.entity.type)

    def map(self, doc_id: str, old: str | None, hint: str | None, exact: bool = False) -> str | None:
        if old is None:
            return None
        cands = self.per_doc.get(doc_id, {}).get(old)
        if not cands:
            new = self.global_map.get(old, self.index.representative(old))
        elif len({c.new for c in cands}) == 1:
            new = cands[0].new
        else:
            new = self._pick(cands, hint or "", exact)
        return self.split_name(new, hint) if exact and hint else new

    @staticmethod
    def _pick(cands: list[_LocalLink], hint: str, exact: bool) -> str:
        for c in cands:                           # the entity labelled so
            if c.entity.name == hint or (not exact and c.entity.name in hint):
                return c.new
        for c in cands:                           # then one using the name
            if any(a == hint or (not exact and a and a in hint) for a in c.entity.aliases):
                return c.new
        return cands[0].new

    def split_name(self, cid: str, text: str | None) -> str:
        """A name (mention or alias) the user split off this entity goes with the split."""
        if not text:
            return cid
        person = self.types.get(cid) == "person"
        key = split_key(text, person)
        for j in self.splits.get(cid, ()):
            if key == j.key:
                return j.other
        return cid

    def split_entities(self, aliases: dict[tuple[str, str], dict[str, Any]]
                       ) -> dict[str, tuple[str, str, str]]:
        """Split targets that some alias now names: (type, name, first document)."""
        out: dict[str, tuple[str, str, str]] = {}
        for group, judgements in self.splits.items():
            for j in judgements:
                for (cid, _alias), v in aliases.items():
                    if cid == j.other and cid not in out:
                        out[cid] = (self.types.get(group, "other"), j.name or cid, v["doc_id"])
        return out


def _aliases(docs: list[dict[str, Any]], links: list[_LocalLink], mapper: _Mapper
             ) -> dict[tuple[str, str], dict[str, Any]]:
    """The aliases table as ingesting would have built it (see ``Store._merge_aliases``),
    with names a user split off an entity going to the split's entity."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    by_doc: dict[str, list[_LocalLink]] = {}
    for link in links:
        by_doc.setdefault(link.doc_id, []).append(link)
    for doc in docs:
        when = doc["published"]
        seen: set[tuple[str, str]] = set()
        for link in by_doc.get(doc["doc_id"], []):
            e = link.entity
            label = [e.name] if e.name and e.name in doc["body"] else []
            for alias in [*label, *e.aliases]:
                alias = (alias or "").strip()
                if not alias:
                    continue
                cid = mapper.split_name(link.new, alias)
                if (cid, alias) in seen:
                    continue
                seen.add((cid, alias))
                row = out.get((cid, alias))
                if row is None:
                    out[(cid, alias)] = {"norm": norm(alias, person=e.type == "person"),
                                         "doc_id": doc["doc_id"], "first": when, "last": when}
                    continue
                if not when:
                    continue
                if row["first"] is None or when < row["first"]:
                    row["first"], row["doc_id"] = when, doc["doc_id"]
                if row["last"] is None or when > row["last"]:
                    row["last"] = when
    return out


def _columns(conn, table: str) -> set[str]:
    cur = conn.execute(f"SELECT * FROM {table} LIMIT 0")
    return {d[0] for d in cur.description}


def _rewrite_refs(conn, mapper: _Mapper) -> int:
    """Rewrite every entity id column in ``ENTITY_REFS`` (and events.location)."""
    changed = 0
    for table, (keys, refs, hint_col) in ENTITY_REFS.items():
        have = _columns(conn, table)
        refs = tuple((c, kind) for c, kind in refs if c in have)
        if not refs:
            continue
        cols = list(dict.fromkeys([*keys, *(c for c, _ in refs), *([hint_col] if hint_col else [])]))
        updates = []
        for row in conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall():
            row = dict(zip(cols, row))
            hint = row.get(hint_col) if hint_col else None
            exact = table == "mentions"
            new_vals = []
            for col, kind in refs:
                old = row[col]
                if kind == "json":
                    ids = loads(old, [])
                    new = json.dumps([mapper.map(row["doc_id"], i, hint) for i in ids],
                                     ensure_ascii=False)
                    new_vals.append(new if [*ids] != loads(new, []) else old)
                else:
                    new_vals.append(mapper.map(row["doc_id"], old, hint, exact=exact))
            if new_vals != [row[c] for c, _ in refs]:
                named = [*keys, *(c for c, _ in refs)]
                where = " AND ".join(f"{c} = ?" if row[c] is not None else f"{c} IS NULL"
                                     for c in named)
                sets = ", ".join(f"{c} = ?" for c, _ in refs)
                params = [row[c] for c in named if row[c] is not None]
                updates.append((f"UPDATE {table} SET {sets} WHERE {where}", (*new_vals, *params)))
        for sql, params in updates:
            changed += conn.execute(sql, params).rowcount
    # events: a row may gather reports of several documents; map through the first
    doc_of: dict[str, str] = {}
    for event_id, doc_id in conn.execute(
            "SELECT event_id, doc_id FROM event_reports ORDER BY doc_id, local_id"):
        doc_of.setdefault(event_id, doc_id)
    for event_id, location in conn.execute(
            "SELECT id, location FROM events WHERE location IS NOT NULL").fetchall():
        new = mapper.map(doc_of.get(event_id, ""), location, None)
        if new != location:
            changed += conn.execute("UPDATE events SET location = ? WHERE id = ?",
                                    (new, event_id)).rowcount
    return changed

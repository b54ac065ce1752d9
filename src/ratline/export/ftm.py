"""The corpus as FollowTheMoney entities, one JSON object per line (for Aleph).

Only schemata and properties that FollowTheMoney 3.5 defines are written, the
version Aleph imports.  followthemoney itself is not needed to write them
(it is a test dependency: the tests validate every line with it).

* each source document -> ``Article`` (title, publishedAt, sourceUrl, fileName,
  bodyText: the article body only, never comments);
* entities -> ``Person``, ``Organization`` (armed groups, forces, agencies,
  governments), ``Company``, ``Address`` (places), ``LegalEntity`` (anything
  else), with every alias and ``proof`` pointing at the Articles naming them;
* relations -> ``Membership`` (member_of, part_of, spokesman for a group),
  ``Directorship`` (leads, commands), ``Family`` (sibling_of), ``Associate``
  (two people allied, or one speaking for the other), ``Sanction``
  (sanctioned_by), and ``UnknownLink`` with the predicate as ``role`` for what
  FollowTheMoney has no schema for (supports, splinter_of, captured_by...);
  in 3.5 these interval schemata have no ``proof``, so each carries its
  quotations (``description``), the documents' names (``publisher``), their
  URLs (``sourceUrl``) and dates (``date``, ``startDate``, ``endDate``);
* events -> ``Event`` (date at its stated precision, place, organizer =
  actors, involved = actors and targets, casualty figures in ``summary``,
  ``proof`` to the reporting Articles).

Ids are ``rl-`` plus a readable slug (FollowTheMoney allows letters, digits,
"-" and "."), stable across exports of the same database.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Iterator

from ratline.graph.build import build_graph
from ratline.store.sqlite import Store

ORG_TYPES = {"armed_group": "Organization", "state_force": "Organization",
             "state_agency": "Organization", "government": "Organization",
             "company": "Company", "person": "Person", "place": "Address", "other": "Organization"}
ORGS = {"Organization", "Company"}
LEGAL = ORGS | {"Person", "LegalEntity"}
ROLE_WORDS = {"leads": "leader", "commands": "commander", "member_of": "member",
              "part_of": "part of", "spokesman_for": "spokesman"}


def ftm_id(kind: str, raw: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z.]+", "-", raw).strip("-.")
    if not slug or len(slug) > 80:
        slug = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]
    return f"rl-{kind}-{slug}"


def _date(value: str | None, precision: str | None) -> str | None:
    """An ISO date cut to what the text gave (month -> YYYY-MM, year -> YYYY)."""
    if not value:
        return None
    if precision == "year":
        return value[:4]
    if precision == "month":
        return value[:7]
    return value[:10]


def _entity(schema: str, eid: str, **props: Any) -> dict[str, Any]:
    clean: dict[str, list[str]] = {}
    for key, value in props.items():
        values = value if isinstance(value, (list, tuple, set)) else [value]
        out = []
        for v in values:
            if v is None or v == "":
                continue
            v = str(v)
            if v not in out:
                out.append(v)
        if out:
            clean[key] = out
    return {"id": eid, "schema": schema, "properties": clean}


def ftm_entities(store: Store) -> Iterator[dict[str, Any]]:
    """Every FollowTheMoney entity of the corpus, documents first."""
    g = build_graph(store, events=True)
    docs = {r["doc_id"]: r for r in store.query(
        "SELECT doc_id, name, title, published, url, body FROM documents ORDER BY name")}
    doc_ids = {d: ftm_id("doc", d) for d in docs}
    for did, d in docs.items():
        yield _entity("Article", doc_ids[did], title=d["title"] or d["name"],
                      name=d["title"] or d["name"], fileName=d["name"],
                      publishedAt=d["published"], sourceUrl=d["url"], bodyText=d["body"])

    entity_docs: dict[str, set[str]] = {}
    for r in store.query("SELECT entity_id, doc_id FROM entity_links"):
        entity_docs.setdefault(r["entity_id"], set()).add(r["doc_id"])
    coords: dict[str, tuple[float, float]] = {}
    for r in store.query("SELECT location, lat, lon FROM events WHERE location IS NOT NULL "
                         "AND lat IS NOT NULL AND lon IS NOT NULL"):
        coords.setdefault(r["location"], (r["lat"], r["lon"]))

    schema_of: dict[str, str] = {}
    ids: dict[str, str] = {}
    for node, d in g.nodes(data=True):
        if d.get("kind") != "entity":
            continue
        schema = ORG_TYPES.get(d.get("type") or "", "LegalEntity")
        if d.get("documents") == 0 and d.get("type") == "other" and d.get("name") == node:
            schema = "LegalEntity"          # named only as a reference, never described
        schema_of[node], ids[node] = schema, ftm_id("ent", node)
        proof = sorted(doc_ids[x] for x in entity_docs.get(node, ()) if x in doc_ids)
        seen = ""
        if d.get("first_seen"):
            seen = f"Named in {d.get('documents') or 0} document(s), first {d['first_seen']}"
            if d.get("last_seen") and d["last_seen"] != d["first_seen"]:
                seen += f", last {d['last_seen']}"
        common = {"name": d.get("name") or node,
                  "alias": [a for a in d.get("aliases") or [] if a != d.get("name")],
                  "country": (d.get("country") or "").lower() or None,
                  "proof": proof, "description": seen or None}
        if schema == "Address":
            lat, lon = coords.get(node, (None, None))
            yield _entity(schema, ids[node], full=d.get("name") or node, latitude=lat,
                          longitude=lon, **common)
        else:
            yield _entity(schema, ids[node], **common)

    for s, o, key, d in g.edges(keys=True, data=True):
        if d.get("kind") != "relation" or s not in ids or o not in ids:
            continue
        yield _relation(s, o, key, d, ids, schema_of, g)

    for node, d in g.nodes(data=True):
        if d.get("kind") == "event":
            yield _event(node, d, g, ids, schema_of, doc_ids)


def _relation(s: str, o: str, key: str, d: dict[str, Any], ids: dict[str, str],
              schema_of: dict[str, str], g) -> dict[str, Any]:
    evidence = d.get("evidence") or []
    rid = ftm_id("rel", hashlib.sha1(f"{s}|{key}|{o}".encode()).hexdigest()[:16])
    sub, obj = schema_of[s], schema_of[o]
    oname = g.nodes[o].get("name") or o
    sources = (f"{d.get('sources')} independent source(s) in {d.get('documents')} document(s); "
               f"ratline predicate {key}")
    common = {
        "description": [f"{e['quote']} [{e['doc']}]" for e in evidence],
        "summary": sources, "publisher": sorted({e["doc"] for e in evidence}),
        "sourceUrl": sorted({e["url"] for e in evidence if e.get("url")}),
        "date": _date(d.get("date"), d.get("date_precision")),
        "startDate": d.get("start"), "endDate": d.get("end"),
    }
    role = ROLE_WORDS.get(key, key.replace("_", " "))
    if key in ("member_of", "part_of") and sub in LEGAL and obj in ORGS:
        return _entity("Membership", rid, member=ids[s], organization=ids[o], role=role, **common)
    if key == "spokesman_for" and sub in LEGAL and obj in ORGS:
        return _entity("Membership", rid, member=ids[s], organization=ids[o], role=role, **common)
    if key in ("leads", "commands") and sub in LEGAL and obj in ORGS:
        return _entity("Directorship", rid, director=ids[s], organization=ids[o], role=role,
                       **common)
    if key == "sibling_of" and sub == obj == "Person":
        return _entity("Family", rid, person=ids[s], relative=ids[o], relationship="sibling",
                       **common)
    if key in ("allied_with", "spokesman_for", "supports") and sub == obj == "Person":
        return _entity("Associate", rid, person=ids[s], associate=ids[o], relationship=role,
                       **common)
    if key == "sanctioned_by":
        return _entity("Sanction", rid, entity=ids[s], authority=oname,
                       country=(g.nodes[o].get("country") or "").lower() or None, **common)
    return _entity("UnknownLink", rid, subject=ids[s], object=ids[o], role=role, **common)


def _event(node: str, d: dict[str, Any], g, ids: dict[str, str], schema_of: dict[str, str],
           doc_ids: dict[str, str]) -> dict[str, Any]:
    actors, targets, place, evidence = [], [], None, list(d.get("evidence") or [])
    for s, _o, key, e in g.in_edges(node, keys=True, data=True):
        if key == "carried_out":
            actors.append(s)
            evidence += e.get("evidence") or []
    for _s, o, key, e in g.out_edges(node, keys=True, data=True):
        if key == "targeted":
            targets.append(o)
        elif key == "took_place_in":
            place = o
        evidence += e.get("evidence") or []
    legal = lambda xs: [ids[x] for x in xs if schema_of.get(x) in LEGAL]  # noqa: E731
    quotes = sorted({(e["doc"], e["quote"]) for e in evidence})
    summary = f"killed (best figure across reports): {d['killed']}" if d.get("killed") is not None else None
    return _entity(
        "Event", ftm_id("event", node.split(":", 1)[1] if ":" in node else node),
        name=d.get("name"), date=_date(d.get("date"), d.get("date_precision")),
        country=(d.get("country") or "").lower() or None, location=d.get("place"),
        addressEntity=ids.get(place) if place and schema_of.get(place) == "Address" else None,
        organizer=legal(actors), involved=legal(actors + targets),
        description=[f"{q} [{doc}]" for doc, q in quotes], summary=summary,
        proof=sorted({doc_ids[e["doc_id"]] for e in evidence if e["doc_id"] in doc_ids}),
        keywords=d.get("type"))


def ftm_lines(store: Store) -> str:
    """The export as text: one entity per line."""
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                   for e in ftm_entities(store))


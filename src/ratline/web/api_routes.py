"""The JSON API under /api/: what the pages fetch, with the CLI's filters.

FastAPI documents every route at /docs (OpenAPI at /openapi.json).  Reads are
open; the two judgements (merge, split) need the server's write token in the
``X-Ratline-Token`` header and are refused otherwise, so a server started
without ``--write-token`` is read-only.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from pydantic import BaseModel

from ratline.web import views

router = APIRouter(prefix="/api")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"        # the CLI's dates: YYYY, YYYY-MM or YYYY-MM-DD
SINCE = Query(None, pattern=DATE, description="first day kept (YYYY, YYYY-MM or YYYY-MM-DD)")
UNTIL = Query(None, pattern=DATE, description="last day kept (YYYY, YYYY-MM or YYYY-MM-DD)")


def _site(request: Request):
    return request.app.state.site


@router.get("/network", summary="Actors and typed relations (cytoscape elements)")
def network(request: Request,
            as_of: str | None = Query(None, pattern=DATE, description="as reported up to this day"),
            kind: str | None = Query(None, description="entity types, comma-separated"),
            predicate: str | None = Query(None, description="relation types, comma-separated"),
            since: str | None = SINCE, until: str | None = UNTIL) -> dict[str, Any]:
    site = _site(request)
    reported = site.cached(("reported",), lambda: views.Reported(site.corpus))
    return site.cached(("network", as_of, kind, predicate, since, until),
                       lambda: views.network(reported, as_of, kind, predicate, since, until))


def _every_event(site) -> list[dict[str, Any]]:
    """``Corpus.events()`` whole, built once per state of the corpus (the slow part)."""
    return site.cached(("every-event",), site.corpus.events)


def _events(site, actor, since, until, place, disputed, type_):
    return site.cached(("events", actor, since, until, place, disputed, type_),
                       lambda: views.events(site.corpus, actor, since, until, place, disputed,
                                            type_, every=_every_event(site)))


@router.get("/events", summary="Events with place, figures and first quotation")
def events(request: Request, actor: str | None = None, since: str | None = SINCE,
           until: str | None = UNTIL, place: str | None = None, disputed: bool = False,
           type: str | None = Query(None, description="event types, comma-separated")  # noqa: A002
           ) -> list[dict[str, Any]]:
    return _events(_site(request), actor, since, until, place, disputed, type)


@router.get("/events/{event_id:path}", summary="One event with every report")
def event(request: Request, event_id: str) -> dict[str, Any]:
    found = _event(_site(request), event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    return found


def _event(site, event_id: str) -> dict[str, Any] | None:
    by_id = site.cached(("event-by-id",), lambda: {e["event_id"]: e for e in _every_event(site)})
    return by_id.get(event_id)


@router.get("/timeline", summary="Events per month by type; tallies beside their windows")
def timeline(request: Request, actor: str | None = None, since: str | None = SINCE,
             until: str | None = UNTIL, place: str | None = None, disputed: bool = False,
             type: str | None = None) -> dict[str, Any]:  # noqa: A002
    site = _site(request)
    rows = _events(site, actor, since, until, place, disputed, type)
    tallies = site.cached(("tallies",), lambda: site.corpus.tallies(_every_event(site)))
    return views.timeline(rows, tallies, since, until)


@router.get("/routes", summary="Statements that people, weapons, money or training moved")
def routes(request: Request, since: str | None = SINCE, until: str | None = UNTIL
           ) -> list[dict[str, Any]]:
    site = _site(request)
    return site.cached(("routes", since, until), lambda: views.routes(site.corpus, since, until))


@router.get("/entities", summary="Entities with aliases and document counts")
def entities(request: Request, kind: str | None = None) -> list[dict[str, Any]]:
    site = _site(request)
    return site.cached(("entities", kind), lambda: site.corpus.entities(kind))


@router.get("/entities/{entity_id:path}", summary="An entity's dossier")
def dossier(request: Request, entity_id: str) -> dict[str, Any]:
    site = _site(request)
    try:
        return site.cached(("dossier", entity_id), lambda: site.corpus.dossier(entity_id))
    except KeyError:
        raise HTTPException(404, "no such entity") from None


@router.get("/documents/{doc_id}", summary="A document's text, its facts and its comments")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    found = _site(request).corpus.document(doc_id)
    if found is None:
        raise HTTPException(404, "no such document")
    return found


@router.get("/search", summary="Entities, events and document text (SQLite FTS5)")
def search(request: Request, q: str = Query(..., min_length=1), limit: int = 50
           ) -> list[dict[str, Any]]:
    return _site(request).search_index().search(q, min(max(limit, 1), 200))


class MergeBody(BaseModel):
    other: str
    note: str | None = None


class SplitBody(BaseModel):
    name: str
    note: str | None = None


def _require_token(request: Request, token: str | None) -> None:
    site = _site(request)
    if not site.writable:
        raise HTTPException(403, "read-only: the server was started without a write token")
    if not site.may_write(token):
        raise HTTPException(403, "wrong or missing write token")


@router.post("/entities/{entity_id:path}/merge", summary="Judge another entity the same (token)")
def merge(request: Request, entity_id: str, body: MergeBody,
          x_ratline_token: str | None = Header(None)) -> dict[str, Any]:
    _require_token(request, x_ratline_token)
    try:
        return _site(request).corpus.merge(entity_id, body.other, body.note)
    except (KeyError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from None


@router.post("/entities/{entity_id:path}/split", summary="Judge a name not this entity (token)")
def split(request: Request, entity_id: str, body: SplitBody,
          x_ratline_token: str | None = Header(None)) -> dict[str, Any]:
    _require_token(request, x_ratline_token)
    try:
        return _site(request).corpus.split(entity_id, body.name, body.note)
    except (KeyError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from None

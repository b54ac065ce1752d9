"""The web app: server-rendered pages around three drawn views, over one corpus.

    from ratline.web import create_app
    app = create_app("ratline.db", write_token=None)     # an ASGI app for uvicorn

Why this shape: the network, map and timeline are drawn in the browser from the
JSON API (``api_routes.py``), while dossiers, events, documents and search
results are rendered on the server through Jinja's autoescaping, so they read
without JavaScript and every piece of corpus text is escaped by construction.
Every response carries a Content-Security-Policy that allows scripts only from
this server's own files: even text that slipped through as markup could not run.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ratline.web import views
from ratline.web.api_routes import _event, _every_event, router
from ratline.web.search import MARK_CLOSE, MARK_OPEN
from ratline.web.site import Site

HERE = Path(str(resources.files("ratline.web")))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# Styles may be inline: the drawing libraries set them (cytoscape, Chart.js, Leaflet);
# corpus text never becomes markup, so no attacker-written style can reach the page.
# Swagger UI starts itself from one inline script; that page shows no corpus text.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


@lru_cache(maxsize=1)
def assets() -> dict[str, dict[str, str]]:
    """Where ``tools/vendor_assets.py`` put each front-end file (version-named paths)."""
    manifest = HERE / "static" / "vendor" / "manifest.json"
    if not manifest.exists():
        raise RuntimeError("front-end assets missing: run `make install` (npm ci + tools/vendor_assets.py)")
    return json.loads(manifest.read_text(encoding="utf-8"))


def create_app(db_path: str, write_token: str | None = None) -> FastAPI:
    app = FastAPI(title="ratline", docs_url=None, redoc_url=None,
                  description="The reported network, events, routes and their sources.")
    app.state.site = Site(db_path, write_token)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(asset=lambda pkg, name: "/static/" + assets()[pkg][name],
                                 writable=app.state.site.writable)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = (
            DOCS_CSP if request.url.path == "/docs" else CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _pages(app, templates)
    return app


def _pages(app: FastAPI, templates: Jinja2Templates) -> None:
    site: Site = app.state.site

    def page(request: Request, name: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request):
        return page(request, "network.html", view="network")

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request):
        return page(request, "map.html", view="map")

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request):
        return page(request, "timeline.html", view="timeline")

    @app.get("/entity/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, entity_id: str):
        try:
            d = site.corpus.dossier(entity_id)
        except KeyError:
            raise HTTPException(404, "no such entity") from None
        disputed = {e["event_id"] for e in _every_event(site) if e.get("disputed")}
        return page(request, "entity.html", d=d, view="entity", disputed=disputed)

    @app.get("/event/{event_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        ev = _event(site, event_id)
        if ev is None:
            raise HTTPException(404, "no such event")
        return page(request, "event.html", ev=ev, view="event")

    @app.get("/document/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str, start: int | None = None,
                      end: int | None = None):
        doc = site.corpus.document(doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        return page(request, "document.html", doc=doc, view="document",
                    pieces=views.segments(doc["body"], start, end))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = ""):
        hits = site.search_index().search(q) if q.strip() else []
        for h in hits:
            h["pieces"] = _snippet_pieces(h["snippet"])
        return page(request, "search.html", q=q, hits=hits, view="search")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="ratline API",
            swagger_js_url="/static/" + assets()["swagger-ui-dist"]["swagger-ui-bundle.js"],
            swagger_css_url="/static/" + assets()["swagger-ui-dist"]["swagger-ui.css"],
            swagger_favicon_url="/static/favicon.svg")


def _snippet_pieces(snippet: str) -> list[tuple[str, bool]]:
    """An FTS5 snippet as (text, matched) pieces; the template escapes each."""
    out, matched = [], False
    for part in snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN):
        if part:
            out.append((part, matched))
        matched = not matched
    return out

"""The event exports behind ``ratline export --format acled|ged|geojson|json``.

Each works on the merged events (one per real event, ``Corpus.events()``);
``json`` is the per-document interchange shape.  None needs a dependency.
"""
from __future__ import annotations

from typing import Any

from ratline.export import acled, ged, geojson
from ratline.render import to_json

FORMATS = ("json", "acled", "ged", "geojson")


def _entity_info(corpus) -> dict[str, tuple[str, str, str | None]]:
    return {r["id"]: (r["type"], r["name"], r["country"]) for r in corpus.store.query(
        "SELECT id, type, name, country FROM entities")}


def render_export(corpus, fmt: str) -> str:
    """The corpus in one of ``FORMATS`` as text."""
    if fmt == "json":
        return to_json(corpus.export_json())
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    events: list[dict[str, Any]] = corpus.events()
    if fmt == "geojson":
        return geojson.write(events)
    info = _entity_info(corpus)
    docs = corpus.store.query("SELECT doc_id, name, title, published, ingested_at FROM documents")
    if fmt == "acled":
        return acled.write(events, info, {d["doc_id"]: d["ingested_at"] for d in docs})
    return ged.write(events, info, {d["doc_id"]: (d["name"], d["title"], d["published"]) for d in docs})

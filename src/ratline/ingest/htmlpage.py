"""HTML pages: trafilatura finds the article, we trim what it lets through.

trafilatura already drops menus and separates the comment section, but an
author bio, a donation box or a caption inside the article element often
survive, so its text goes through the same line rules as plain-text pages
(``textpage.split_page``) with no title line (the title comes from metadata).
"""
from __future__ import annotations

import trafilatura

from ratline.ingest.textpage import NoArticleText, document_from_parts, split_page
from ratline.schema import Document


def _extract(html: str, url: str | None):
    try:
        return trafilatura.bare_extraction(
            html, url=url, include_comments=True, with_metadata=True,
            include_tables=True, favor_recall=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise NoArticleText(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc


def document_from_html(html: str, name: str, source: str, url: str | None = None) -> Document:
    """A Document from an HTML page; raises ``NoArticleText`` if none is found."""
    found = _extract(html, url)
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not text:
        raise NoArticleText("no article text found in the HTML (trafilatura extracted nothing)")
    title = (found.title or "").strip() or None
    lines = text.splitlines()
    if title and lines and lines[0].strip() == title:
        text = "\n".join(lines[1:])           # headline repeated as first paragraph
    parts = split_page(text, title_line=False)
    parts.title = title
    comments = [c.strip() for c in (found.comments or "").splitlines() if c.strip()]
    parts.comments = comments + parts.comments
    if found.date:       # metadata (article:published_time, JSON-LD...) beats page text
        parts.published = found.date
        parts.published_basis = f"page metadata (trafilatura/htmldate: {found.date})"
    return document_from_parts(parts, name, source, "html", url or found.url)

"""HTML pages: trafilatura finds the article, we trim what it lets through.

trafilatura already drops menus and separates the comment section, but an
author bio, a donation box or a caption inside the article element often
survive, so its text goes through the same line rules as plain-text pages
(``textpage.split_page``) with no title line (the title comes from metadata).
"""
from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from ratline.ingest.textpage import NoArticleText, document_from_parts, split_page
from ratline.schema import Document


_COMMENT_BOX = re.compile(r"comment|discussion|disqus|replies|respond", re.I)
_COMMENT_ENTRY = re.compile(r"comment|cmt|reply|response", re.I)
_COUNT_HEADING = re.compile(r"^\s*(\d+)\s+(?:comments?|responses?|replies|reactions|thoughts? on)\b", re.I)


def _entry(el) -> bool:
    return bool(el.get("class")) and bool(_COMMENT_ENTRY.search(el.get("class")))


# elements whose text a reader never sees as the article: code, styles, fallbacks for
# readers without scripts (a "77 killed" in a <noscript> teaser is no report), templates
_INVISIBLE = ("script", "noscript", "style", "template", "iframe", "object", "embed", "svg")


# boxes a site labels as its own appeal: donations, memberships, newsletters, paywalls
_APPEAL_BOX = re.compile(r"donat|fundrais|support[-_]?us|membership|newsletter|subscri|paywall|"
                         r"patreon|become[-_]?a[-_]?member", re.I)


def _drop_invisible(root) -> tuple[list[str], bool]:
    """Remove what is never shown as article text, and the site's appeal boxes; JSON-LD
    metadata stays (a page's declared publication date lives there).  Returns the
    appeals' text (furniture, kept apart) and whether anything went."""
    gone = [el for el in root.iter(*_INVISIBLE)
            if not (el.tag == "script" and "ld+json" in (el.get("type") or "").lower())]
    appeals = [el for el in root.iter("div", "aside", "section", "form", "p", "span")
               if _APPEAL_BOX.search(f"{el.get('class') or ''} {el.get('id') or ''}")
               and not list(el.iter("article"))]
    texts = [" ".join(el.text_content().split()) for el in appeals]
    for el in gone + appeals:
        if el.getparent() is not None:
            el.drop_tree()
    return [t for t in texts if t], bool(gone or appeals)


def visible_html(html: str) -> tuple[str, list[str]]:
    """The page without scripts, styles, noscript fallbacks, templates and appeal boxes,
    and the appeals' text (the page unchanged if it does not parse; trafilatura then
    gives its own reason)."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return html, []
    appeals, changed = _drop_invisible(root)
    return (lxml.html.tostring(root, encoding="unicode") if changed else html), appeals


def take_comment_sections(html: str) -> tuple[str, list[str], int | None]:
    """Reader comments trafilatura may miss or fold into the article: sections whose class or id
    says so ("discussion", "comments", "disqus") and that hold a "3 Comments" heading or comment
    entries.  Returns the page without them, their text, and how many comments they announce.
    A section that holds the article itself, or most of the page's text, is never taken."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return html, [], None
    total = len(root.text_content().split()) or 1
    texts: list[str] = []
    count: int | None = None
    taken: list = []
    for el in list(root.iter("section", "div", "aside", "ol", "ul")):
        label = f"{el.get('class') or ''} {el.get('id') or ''}"
        headed = any(_COUNT_HEADING.match(h.text_content() or "") for h in el if h.tag in ("h2", "h3", "h4"))
        if not (_COMMENT_BOX.search(label) or headed) or el.getparent() is None \
                or any(a in taken for a in el.iterancestors()):
            continue
        if list(el.iter("article")) or len(el.text_content().split()) > total / 2:
            continue
        inside = set(el.iter())
        announced = None
        for heading in el.iter("h2", "h3", "h4", "p", "span"):
            hit = _COUNT_HEADING.match(heading.text_content() or "")
            if hit:
                announced = int(hit.group(1))
                break
        entries = [d for d in el.iter("li", "div", "article") if d is not el and _entry(d)
                   and not any(_entry(a) for a in d.iterancestors("li", "div", "article") if a in inside)]
        if not entries and headed:
            entries = list(el.iter("dd")) or [d for d in el.iter("li")]    # "3 Comments" over a list
        if not announced and not entries:
            continue
        count = max(count or 0, announced or len(entries))
        texts.extend(" ".join(c.text_content().split()) for c in entries)
        taken.append(el)
        el.getparent().remove(el)
    if count is None:
        return html, [], None
    return lxml.html.tostring(root, encoding="unicode"), [t for t in texts if t], count


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
    html, appeals = visible_html(html)
    html, section_comments, announced = take_comment_sections(html)
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
    parts.boilerplate = appeals + parts.boilerplate
    comments = [c.strip() for c in (found.comments or "").splitlines() if c.strip()]
    parts.comments = comments + section_comments + parts.comments
    if announced:
        parts.comment_count = max(parts.comment_count or 0, announced)
    if not parts.author and (getattr(found, "author", None) or "").strip():
        parts.author = found.author.strip()     # the page's metadata names the author
    if found.date and not parts.published:   # the page's own stamp first, then metadata
        parts.published = found.date
        parts.published_basis = f"page metadata (trafilatura/htmldate: {found.date})"
    return document_from_parts(parts, name, source, "html", url or found.url)

"""Split a plain-text web page into title, article body, comments and furniture.

A page saved as text is the article followed by whatever the site wraps around
it: an author bio, a donation appeal, tags, a comment count, reader comments,
trackbacks and finally menu words.  Only the body may be used as evidence, so
the hard question is *where the body ends*.  The answer used here:

1. the body ends at the first line, after at least one real paragraph, that
   opens the page tail: a comment heading or count, tags, a donation appeal,
   share/related/copyright furniture, a trackback, a bulleted commenter handle;
   weaker signs (an author-bio sentence, an unbulleted "name says:") count only
   when what follows them is tail too;
2. a trailing run of short, unpunctuated lines is site navigation;
3. captions and promos ("click to view") are set aside wherever they sit.

Everything is decided from line shapes (``linekinds``), never from a site's words.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ratline.ingest import linekinds as lk
from ratline.ingest.dates import FoundDate, date_only_line, find_dates
from ratline.ingest.longtext import split_long_paragraph
from ratline.ingest.published import decide_publication
from ratline.schema import Document


_SENTENCE_END = tuple('.!?"”’')


class NoArticleText(ValueError):
    """The input holds no article body (only a title, only furniture, no text)."""


def doc_id_for(body: str) -> str:
    """Content hash of the whitespace-collapsed body, so the same article read
    from another file or format (txt, html, jsonl) gets the same id."""
    norm = " ".join(body.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Line:
    text: str           # the line, stripped (what the body keeps)
    indent: int
    no: int             # 1-based line number in the source

    @property
    def bullet(self) -> bool:
        return lk.has_bullet(self.text)


@dataclass
class PageParts:
    title: str | None
    paragraphs: list[str]
    comments: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    comment_count: int | None = None
    published: str | None = None
    published_basis: str | None = None
    author: str | None = None          # from the page's byline (furniture, not evidence)

    @property
    def has_comments(self) -> bool:
        return bool(self.comments) or bool(self.comment_count)


# --- reading lines ------------------------------------------------------------
def _indent(raw: str) -> int:
    lead = raw[: len(raw) - len(raw.lstrip())]
    return lead.count("\t") * 4 + len(lead.replace("\t", ""))


def _blocks(text: str) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for no, raw in enumerate(text.splitlines(), 1):
        if raw.strip():
            blocks[-1].append(Line(raw.strip(), _indent(raw), no))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _wrap_width(block: list[Line]) -> int:
    """Wrap width if this block is one hard-wrapped paragraph (lines broken every
    ~70 characters), else 0.  One-paragraph-per-line text (the usual export) has
    lines that are long or that end a sentence, so it never qualifies."""
    inner = [ln.text for ln in block[:-1]]
    if not inner or any(not 30 <= len(t) <= 100 for t in inner) or any(ln.bullet for ln in block):
        return 0
    open_ends = sum(not t.endswith(_SENTENCE_END + (":",)) for t in inner)
    return max(len(t) for t in inner) if open_ends >= max(1, len(inner) / 2) else 0


def read_lines(text: str) -> list[Line]:
    """Non-blank lines; hard-wrapped paragraphs are first joined back together."""
    out: list[Line] = []
    for block in _blocks(text):
        width = _wrap_width(block)
        if not width:
            out.extend(block)
            continue
        cur = block[0]
        for ln in block[1:]:
            if len(cur.text.split("\n")[-1]) < 0.6 * width or lk.is_handle(cur.text) or _stands_alone(ln.text):
                out.append(cur)      # a short line ends its paragraph
                cur = ln
            else:
                glue = "" if re.search(r"\w-$", cur.text) else " "   # "al-" + "Kabir"
                cur = Line(cur.text + glue + ln.text, cur.indent, cur.no)
        out.append(cur)
    return out




def _stands_alone(s: str) -> bool:
    """A header line is never the continuation of a wrapped line: a date line, a byline, a
    masthead with separators ("THE CARIBBEAN REVIEW · Long read · Friday, May 9, 2025")."""
    return bool(date_only_line(s) or lk.is_byline(s) or lk.is_masthead(s))


# --- where the body ends ---------------------------------------------------------
def _strong_tail(s: str) -> bool:
    return (lk.is_comment_heading(s) or lk.is_tags(s) or lk.is_donation(s)
            or lk.is_furniture(s) or lk.is_trackback(s)
            or (lk.has_bullet(s) and lk.is_handle(s)))


def _nav_start(lines: list[Line], lo: int) -> int:
    """Index where the trailing run of menu words begins (len(lines) if none)."""
    i = len(lines)
    while i > lo and lines[i - 1].indent == 0 and not lines[i - 1].bullet \
            and lk.is_nav_like(lines[i - 1].text):
        i -= 1
    return i


def _tail_start(lines: list[Line], first: int, nav: int) -> int:
    """Index of the first line that opens the page tail (len(lines) if none)."""
    n = len(lines)
    for i in range(first + 1, n):
        s = lines[i].text
        if _strong_tail(s):
            return i
        if lk.is_bio(s) and _followed_by_tail(lines, i, nav):
            return i
        if lk.is_handle(s) and (
            sum(lk.is_handle(ln.text) for ln in lines[i:]) >= 2
            or (i + 1 < n and lines[i + 1].indent > lines[i].indent)
        ):
            return i
    return n


def _teasers_start(lines: list[Line], first: int, end: int) -> int:
    """Where a closing run of related-story teasers begins (``end`` if none): three or more
    headline-sized lines (5 to 24 words) with no closing punctuation after the last full
    sentence of the body ("World mourns passing of Pope Francis, the first Latin American
    leader of the Roman Catholic Church").  They are links to other stories, never evidence."""
    i = end
    while i > first + 1 and not lines[i - 1].text.rstrip().endswith(lk.TERMINAL) \
            and 5 <= len(lines[i - 1].text.split()) < 25:
        i -= 1
    if end - i >= 3 and lines[i - 1].text.rstrip().endswith(lk.TERMINAL):
        return i
    return end


def _followed_by_tail(lines: list[Line], i: int, nav: int) -> bool:
    j = i + 1
    while j < len(lines) and lk.is_caption(lines[j].text):
        j += 1
    if j >= min(nav, len(lines)):
        return True
    s = lines[j].text
    return _strong_tail(s) or lk.is_bio(s) or lk.is_handle(s)


# --- the split -------------------------------------------------------------------
def split_page(text: str, title_line: bool = True) -> PageParts:
    """Segment a plain-text page.  ``title_line``: the first line is the headline."""
    lines = read_lines(text)
    parts = PageParts(title=None, paragraphs=[])
    page_dates: list[tuple[FoundDate, str]] = []
    start = 0
    # a date line above the headline ("Monday, November 24, 2008") is the page's stamp
    # (a bare date, a byline or a "Posted" line: a headline that names a date is no stamp)
    while title_line and start < len(lines) - 1 and _stamp_date(lines[start].text, header=False):
        _header_line(lines[start].text, parts, page_dates)
        start += 1
    if title_line and len(lines) > start + 1 and _headline_shaped(lines[start].text):
        parts.title = lines[start].text
        later = _headline_after_masthead(lines[start:])
        if later is not None:       # "Arakan Frontline News" / breadcrumb / the real headline
            for ln in lines[start:start + later]:
                _header_line(ln.text, parts, page_dates)
            parts.title = lines[start + later].text
            start += later
        start += 1
    first = next((i for i in range(start, len(lines))
                  if lk.is_substantial(lines[i].text) and not lk.is_masthead(lines[i].text)
                  and not _strong_tail(lines[i].text)
                  and not lk.is_caption(lines[i].text)), len(lines))
    raw_nav = _nav_start(lines, first + 1)
    tail = _tail_start(lines, first, raw_nav)
    nav = raw_nav if (tail == len(lines) or len(lines) - raw_nav >= 2 or raw_nav <= tail) \
        else len(lines)
    end = _teasers_start(lines, first, min(tail, nav))

    for i in range(start, end):
        near_top = i < _STAMP_ZONE and i > 0 and _under_furniture(lines[i - 1].text, parts.title)
        _body_line(lines[i].text, i < first, near_top, i == end - 1, parts, page_dates)
    _tail_lines(lines[end:nav], parts, page_dates)
    for ln in lines[max(nav, end):]:
        parts.boilerplate.append(ln.text)
        dated = _stamp_date(ln.text, header=False)      # "Posted by: name 2008-06-24"
        if dated:
            page_dates.append((dated, f"closing date line: '{ln.text}'"))
        n = lk.comment_count(ln.text)          # "2 Comments" can be the last line
        if n is not None:
            parts.comment_count = max(parts.comment_count or 0, n)
    _set_published(parts, page_dates)
    parts.author = next((a for b in parts.boilerplate if (a := lk.byline_author(b))), None)
    return parts


def _headline_after_masthead(lines: list[Line]) -> int | None:
    """Index of the real headline when the first line is only the site's name.

    A masthead is a few words with no sentence in them; the headline is the first
    line of five or more words within the next three that is not a breadcrumb, a
    date line or a byline, and that is itself no sentence of the article.
    """
    first = lines[0].text
    if len(first.split()) > 4 or re.search(r"[.!?:]$", first):
        return None
    for k in range(1, min(4, len(lines))):
        s = lines[k].text
        if _BREADCRUMB.search(s) or lk.is_nav_like(s) or date_only_line(s) or lk.is_byline(s):
            continue
        if len(s.split()) >= 5 and _headline_shaped(s) and not s.rstrip().endswith("."):
            return k
        return None
    return None


def _headline_shaped(s: str) -> bool:
    """A headline is short and at most one sentence; a long first line is the
    article itself (a record whose text starts straight with the body)."""
    if s.rstrip().endswith(".") and len(s.split()) >= 12:
        return False             # a full sentence with its full stop: the lead, the page has no headline
    return len(s) <= 200 and len(re.findall(r"[.!?][\"”’]?\s+[A-Z“\"]", s)) == 0


_BREADCRUMB = re.compile(r"^(?:[^.!?]{1,40}\s[>»›|/]\s){1,6}[^.!?]{1,40}$")


def _masthead_date(s: str) -> FoundDate | None:
    """A short header line that is not a sentence and holds one full date
    ("SAHEL BRIEF · Issue 37 · 14 September 2022", "Wednesday, 9 March 2011 | Local news")."""
    if len(s) > 160 or s.rstrip().endswith((".", "!", "?")):
        return None
    dates = find_dates(s)
    return dates[0] if len(dates) == 1 else None


_UPDATED = re.compile(r"'\W*(?:last\s+)?(?:updated|modified|edited)\b", re.I)
_STAMP = re.compile(r"^\W*(?:posted|published|updated|last updated|first published|date)\b", re.I)


def _stamp_date(s: str, header: bool) -> FoundDate | None:
    """The date of a line that only stamps the page: a bare date ("July 27th, 2010",
    "21 July 2008 16:58 GMT"), a byline or "Posted by ... 2008-06-24" with its date, or,
    in the header, a short masthead line that holds one date ("Press Release | Dec. 1, 2008")."""
    dated = date_only_line(s)
    if dated is None and (lk.is_byline(s) or (_STAMP.match(s) and len(s) <= 120)):
        dated = next(iter(find_dates(s)), None)
    if dated is None and header:
        dated = _masthead_date(s)
    return dated


def _header_line(s: str, parts: PageParts, page_dates: list[tuple[FoundDate, str]]) -> None:
    """A line above the headline or the first paragraph: furniture, read for its date."""
    parts.boilerplate.append(s)
    dated = _stamp_date(s, header=True)
    if dated:
        page_dates.append((dated, f"date line on the page: '{s}'"))


# a bare date line this near the top of a page, right under a byline, another stamp or
# the headline, is the page's stamp even below a banner sentence that looked like the
# first paragraph ("An official website of ..."); under prose or a label ("Timeline")
# it dates what follows and stays evidence
_STAMP_ZONE = 10


def _under_furniture(prev: str, title: str | None) -> bool:
    return bool(lk.is_byline(prev) or _stamp_date(prev, header=True) or prev == title)


def _body_line(s: str, in_header: bool, near_top: bool, is_last: bool, parts: PageParts,
               page_dates: list[tuple[FoundDate, str]]) -> None:
    # A bare date under the headline, near the top or closing the post is the page's
    # timestamp; one in mid-body is more likely a timeline entry, which is evidence.
    stamp_ok = in_header or near_top or is_last or _STAMP.match(s)
    dated = _stamp_date(s, header=in_header) if stamp_ok else None
    if dated or lk.is_byline(s):
        parts.boilerplate.append(s)
        where = "date line on the page" if in_header or near_top else (
            "closing date line" if is_last else "byline in the body")
        for d in [dated] if dated else find_dates(s)[:1]:
            page_dates.append((d, f"{where}: '{s}'"))
        return
    if lk.is_caption(s) or (in_header and (_strong_tail(s) or lk.is_nav_like(s) or _BREADCRUMB.search(s)
                                           or lk.is_masthead(s))):
        # before the first paragraph, short labels are breadcrumbs, kickers,
        # reading times or share bars, not article text
        parts.boilerplate.append(s)
        n = lk.comment_count(s)
        if n is not None:
            parts.comment_count = max(parts.comment_count or 0, n)
        return
    parts.paragraphs.append(s)


def _tail_lines(lines: list[Line], parts: PageParts,
                page_dates: list[tuple[FoundDate, str]]) -> None:
    """Sort the tail into comments and boilerplate, noting dates it gives."""
    in_comments = False
    opener_indent = -1          # indent of the line that opened the current comment
    opened_by_handle = False
    for k, ln in enumerate(lines):
        s = ln.text
        n = lk.comment_count(s)
        if n is not None:
            parts.comment_count = max(parts.comment_count or 0, n)
        handle, track = lk.is_handle(s), lk.is_trackback(s)
        # a bullet with text indented under it is a comment too (a pingback title)
        nested = ln.bullet and k + 1 < len(lines) and lines[k + 1].indent > ln.indent
        if handle or track or nested or lk.is_comment_heading(s):
            in_comments = True
        if not in_comments:
            parts.boilerplate.append(s)
            if lk.is_byline(s) or date_only_line(s):
                for d in find_dates(s)[:1]:
                    page_dates.append((d, f"closing date line: '{s}'"))
            continue
        if lk.is_comment_heading(s) or lk.is_tags(s) or lk.is_furniture(s) \
                or lk.is_donation(s) or lk.is_caption(s):
            parts.boilerplate.append(s)
            continue
        content = lk.strip_bullet(s)
        # A handle ("name says:") owns the lines after it; a bare bullet owns only
        # lines indented under it; otherwise each line is its own comment.
        attach = parts.comments and not handle and not ln.bullet and (
            (opened_by_handle and ln.indent >= opener_indent)
            or (opener_indent >= 0 and ln.indent > opener_indent))
        if attach:
            parts.comments[-1] += "\n" + content
        else:
            parts.comments.append(content)
            opener_indent = ln.indent if (handle or ln.bullet) else -1
            opened_by_handle = handle
        if track or handle or date_only_line(s):
            kind = "trackback in comments" if track else "reader comment"
            for d in find_dates(s)[:1]:
                page_dates.append((d, f"dated {kind}"))


def _set_published(parts: PageParts, page_dates: list[tuple[FoundDate, str]]) -> None:
    """The page's own stamp, in this order of trust: the last date line of the page's top
    (under a site header that may carry a listing date of its own), an "Updated" line only
    when nothing else is stamped; a dateline
    or masthead date opening the first paragraphs; a closing "Posted by ... date" line or a
    byline further down;
    else the earliest dated comment or trackback, an upper bound."""
    own = [(d, why) for d, why in page_dates if why.startswith("date line")]
    # "Published: June 1 / Updated: June 3": an update is not the publication
    first_hand = [(d, why) for d, why in own if not _UPDATED.search(why)]
    if own:
        d, why = (first_hand or own)[-1]
        parts.published, parts.published_basis = d.iso, why + _order_note(d)
        return
    for para in parts.paragraphs[:2]:
        d = _masthead_date(para)
        if d:
            parts.published = d.iso
            parts.published_basis = f"date in the page header: '{para[:80]}'" + _order_note(d)
            return
        d = dateline_date(para)
        if d:
            parts.published = d.iso
            parts.published_basis = f"dateline: '{para[: d.end]}'" + _order_note(d)
            return
    closing = [(d, why) for d, why in page_dates if why.startswith(("closing", "byline"))]
    if closing:
        d, why = closing[0]
        parts.published, parts.published_basis = d.iso, why + _order_note(d)
        return
    later = [(d, why) for d, why in page_dates if not why.startswith(("date line", "closing", "byline"))]
    if later:
        d, why = min(later, key=lambda x: x[0].iso)
        parts.published = d.iso
        parts.published_basis = f"{why}: {d.text} (post is no later){_order_note(d)}"


def _order_note(d: FoundDate) -> str:
    return "; month/day order assumed" if d.ambiguous else ""


_DATELINE = re.compile(r"^[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,4},?\s+(?:\([^)]{1,30}\)\s*)?$")


def dateline_date(paragraph: str) -> FoundDate | None:
    """Date of a wire dateline: 'MOSUL, Iraq, March 3, 2015 (AP) — ...'."""
    head = paragraph[:120]
    dates = find_dates(head)
    if not dates or not _DATELINE.match(head[: dates[0].start]):
        return None
    after = head[dates[0].end:]
    return dates[0] if re.match(r"^\s*(?:\([^)]{1,30}\)\s*)?[-–—:]", after) else None


# --- the public constructor --------------------------------------------------------
def document_from_parts(parts: PageParts, name: str, source: str, fmt: str,
                        url: str | None = None) -> Document:
    """Build the Document; refuse pages that yielded no body at all.  Absurdly long
    paragraphs are cut into ordinary ones (``longtext``) so extraction stays linear."""
    parts.paragraphs = [piece for p in parts.paragraphs for piece in split_long_paragraph(p)]
    body = "\n\n".join(parts.paragraphs)
    if not any(lk.is_substantial(p) or p.endswith(_SENTENCE_END) for p in parts.paragraphs):
        # menus and labels only ("Home", "Archive"): nothing a fact could rest on
        raise NoArticleText("no article text found (only a title, menus or page furniture)")
    published, precision, basis = decide_publication(parts.published, parts.published_basis, url, body)
    return Document(
        doc_id=doc_id_for(body), name=name, source=source, title=parts.title,
        body=body, published=published, published_basis=basis, published_precision=precision,
        has_comments=parts.has_comments, comments=parts.comments,
        boilerplate=parts.boilerplate, fmt=fmt, url=url, author=parts.author,
    )


def document_from_text(text: str, name: str, source: str, *, title: str | None = None,
                       url: str | None = None, published: str | None = None,
                       published_basis: str | None = None, fmt: str = "txt",
                       title_line: bool | None = None) -> Document:
    """A Document from a plain-text web page.

    The first non-empty line is the headline unless ``title`` is given and the
    text does not repeat it (records from JSONL often carry the title apart);
    ``title_line`` forces the choice.  A ``published`` given by the caller
    (e.g. a record field) wins over dates found on the page.
    """
    if title_line is None:
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        title_line = title is None or first == title.strip()
    parts = split_page(text, title_line=title_line)
    if title is not None:
        parts.title = title.strip() or parts.title
    if published:
        parts.published, parts.published_basis = published, published_basis or "given by the caller"
    return document_from_parts(parts, name, source, fmt, url)

"""Turn paths (files, folders, "-" for stdin) into Documents, never stopping on bad input.

A batch of hundreds of scraped pages always holds a few bad ones: a PDF saved
as .txt, an empty file, a Windows-1252 page, a dangling symlink.  Each of those
becomes a ``Skipped`` with a one-line reason and the run goes on; a caller
decides whether to print, log or count them.
"""
from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ratline.ingest.dates import find_dates
from ratline.ingest.decode import DecodeError, decode_bytes, sniff_binary
from ratline.ingest.guard import Refused, mb as _mb, path_refusal, read_capped, too_large
from ratline.ingest.htmlpage import document_from_html
from ratline.ingest.language import not_english_reason
from ratline.ingest.textpage import NoArticleText, document_from_text
from ratline.schema import Document, Skipped
from ratline.timelimit import TimeLimitExceeded, default_seconds, time_limit

TEXT_EXT = (".txt", ".text")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".json", ".ndjson")
WARC_EXT = (".warc", ".warc.gz")
KNOWN_EXT = TEXT_EXT + HTML_EXT + JSONL_EXT + WARC_EXT

Result = Document | Skipped


def read_inputs(paths: Iterable[str], max_bytes: int = 20_000_000) -> Iterator[Result]:
    """Yield a Document or a Skipped for every article found under ``paths``.

    Folders are walked recursively in sorted order, hidden entries ignored and
    only known extensions read; a file named explicitly is read whatever its
    extension (its content decides text vs HTML).
    """
    for item in _read_all(paths, max_bytes):
        yield _screen(item)


# The parse holds about 3 KB per character of body while it runs (measured: a 300 KB body
# peaks near 1 GB), so the body a document may have is bounded like spaCy's own default
# ``max_length``; the longest real report in the project's corpora is under 20,000.
MAX_BODY_CHARS = 1_000_000


def _screen(item: Result) -> Result:
    """The Document, or a Skipped when no extraction could serve it: a body too long to
    be one article (its parse alone would take gigabytes of memory), or one not in English."""
    if not isinstance(item, Document):
        return item
    if len(item.body) > MAX_BODY_CHARS:
        return Skipped(item.source, f"body too long for one article ({len(item.body):,} characters, "
                                    f"limit {MAX_BODY_CHARS:,}): split it into its articles")
    reason = not_english_reason(item.body)
    return item if reason is None else Skipped(item.source, reason)


def _read_all(paths: Iterable[str], max_bytes: int) -> Iterator[Result]:
    for path in paths:
        if path == "-":
            yield from _read_stdin(max_bytes)
        elif (refused := path_refusal(path)) is not None:
            yield Skipped(path, refused)
        elif os.path.isdir(path):
            for entry in _walk(path):
                if isinstance(entry, Skipped):
                    yield entry
                else:
                    yield from _read_path(entry, max_bytes)
        else:
            yield from _read_path(path, max_bytes)


# --- folders -------------------------------------------------------------------
MAX_DEPTH = 100


def _walk(root: str, seen: set[str] | None = None, depth: int = 0) -> Iterator[str | Skipped]:
    """Files under ``root`` with known extensions, sorted, hidden names skipped; folders
    nested deeper than ``MAX_DEPTH`` are named and not entered (no archive of articles is
    that deep, and the walk must not run out of stack)."""
    if depth > MAX_DEPTH:
        yield Skipped(root, f"folder nested more than {MAX_DEPTH} levels deep: not read")
        return
    seen = set() if seen is None else seen
    real = os.path.realpath(root)
    if real in seen:
        return                       # a symlink loop; the folder was already read
    seen.add(real)
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(root, f"folder could not be read ({_os_reason(exc)})")
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        try:
            is_dir = e.is_dir()
        except OSError as exc:
            yield Skipped(e.path, path_refusal(e.path) or f"could not be read ({_os_reason(exc)})")
            continue
        if is_dir:
            yield from _walk(e.path, seen, depth + 1)
        elif e.name.lower().endswith(KNOWN_EXT):
            refused = path_refusal(e.path)
            yield e.path if refused is None else Skipped(e.path, refused)


# --- one path ------------------------------------------------------------------
def _read_path(path: str, max_bytes: int) -> Iterator[Result]:
    low = path.lower()
    if low.endswith(WARC_EXT):
        yield from _read_warc(path, max_bytes)
        return
    if low.endswith(JSONL_EXT):
        yield from _read_jsonl(path, max_bytes)
        return
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            yield Skipped(path, too_large(size, max_bytes))
            return
        data = _open_bytes(path, max_bytes)
    except Refused as exc:
        yield Skipped(path, str(exc))
        return
    except OSError as exc:
        yield Skipped(path, f"could not be read ({_os_reason(exc)})")
        return
    if low.endswith(".gz"):
        yield Skipped(path, "compressed file: decompress it first (gunzip)")
        return
    kind = "html" if low.endswith(HTML_EXT) else "txt" if low.endswith(TEXT_EXT) else None
    yield _from_bytes(data, path, os.path.basename(path), kind)


def _open_bytes(path: str, max_bytes: int) -> bytes:
    """Read a whole regular file of at most ``max_bytes`` (kept separate so tests can
    simulate permission errors); ``Refused`` otherwise."""
    return read_capped(path, max_bytes)


def _from_bytes(data: bytes, source: str, name: str, kind: str | None,
                url: str | None = None) -> Result:
    """Decode and build one Document; ``kind`` None means sniff text vs HTML."""
    binary = sniff_binary(data)
    if binary:
        return Skipped(source, binary)
    try:
        text = decode_bytes(data, html=kind != "txt")
    except DecodeError as exc:
        return Skipped(source, str(exc).replace("FILE", _shell_quote(source)))
    if not text.strip():
        return Skipped(source, "empty file" if not text else "only whitespace, no text")
    if kind is None:
        kind = "html" if text.lstrip("\ufeff \t\r\n").startswith("<") else "txt"
    try:
        with time_limit(default_seconds()):
            if kind == "html":
                return document_from_html(text, name, source, url=url)
            return document_from_text(text, name, source, url=url)
    except NoArticleText as exc:
        return Skipped(source, str(exc))
    except TimeLimitExceeded as exc:
        return Skipped(source, f"reading the page {exc}")
    except RecursionError:
        return Skipped(source, _TOO_DEEP_HTML)
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop a batch
        return Skipped(source, _internal(exc))


_TOO_DEEP_HTML = "markup nested too deeply to read (thousands of unclosed or nested tags)"


# --- standard input ------------------------------------------------------------
def _read_stdin(max_bytes: int) -> Iterator[Result]:
    if sys.stdin is None:
        yield Skipped("<stdin>", "no standard input to read")
        return
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read(max_bytes + 1) if stream is not None else sys.stdin.read(max_bytes + 1)
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > max_bytes:
        yield Skipped("<stdin>", f"too large: standard input is over the {_mb(max_bytes)} limit (max_bytes)")
        return
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"{":
        yield from _jsonl_records(data.splitlines(), "<stdin>", "stdin", max_bytes)
        return
    yield _from_bytes(data, "<stdin>", "stdin", None)


# --- JSON lines ------------------------------------------------------------------
def _read_jsonl(path: str, max_bytes: int) -> Iterator[Result]:
    """Records of a .jsonl file, streamed line by line (files may be huge); a .json
    file small enough is first tried as one document (an object or an array)."""
    name = os.path.basename(path)
    try:
        if path.lower().endswith(".json") and os.path.getsize(path) <= max_bytes:
            whole = _open_bytes(path, max_bytes)
            try:
                records = json.loads(whole.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                records = None            # maybe JSON lines under a .json name
            except RecursionError:
                yield Skipped(path, _TOO_DEEP)
                return
            if isinstance(records, dict):
                records = [records]
            if isinstance(records, list):
                if not records:
                    yield Skipped(path, "empty JSON array, no records")
                for n, rec in enumerate(records, 1):
                    yield _record(rec, f"{path}#{n}", f"{name}#{n}")
                return
        with open(path, "rb") as fh:
            binary = sniff_binary(fh.read(65536))
            if binary:
                yield Skipped(path, binary)
                return
            fh.seek(0)
            yield from _jsonl_records(_capped_lines(fh, max_bytes), path, name, max_bytes)
    except Refused as exc:
        yield Skipped(path, str(exc))
    except OSError as exc:
        yield Skipped(path, f"could not be read ({_os_reason(exc)})")


def _capped_lines(fh, max_bytes: int) -> Iterator[bytes]:
    """Lines of a binary file, none held longer than ``max_bytes + 1`` bytes: an
    overlong line is yielded cut at that length (so the caller refuses it) and the
    rest of it is read past in chunks, never held (a 1 GB line costs no memory)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (more := fh.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
        yield line


_TOO_DEEP = "JSON nested too deeply to be an article record (thousands of levels of brackets)"


def _jsonl_records(lines: Iterable[bytes], path: str, name: str,
                   max_bytes: int) -> Iterator[Result]:
    """One Document or Skipped per non-blank line; a bad line never stops the file."""
    seen_any = False
    for no, raw in enumerate(lines, 1):
        if no == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen_any = True
        where = f"{path}:{no}"
        if len(raw) > max_bytes:
            yield Skipped(where, f"record too large: over the {_mb(max_bytes)} limit (max_bytes)")
            continue
        try:
            rec = json.loads(raw.decode("utf-8").strip())
        except UnicodeDecodeError:
            yield Skipped(where, "line is not valid UTF-8 (JSON lines must be UTF-8)")
            continue
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Skipped(where, _TOO_DEEP)
            continue
        yield _record(rec, where, f"{name}#{no}")
    if not seen_any:
        yield Skipped(path, "empty file, no JSON records")


def _record(rec: Any, where: str, default_name: str) -> Result:
    """One JSON object: ``text``/``body``/``html`` plus optional metadata."""
    if not isinstance(rec, dict):
        return Skipped(where, f"record is a JSON {type(rec).__name__}, not an object")
    name = str(rec.get("id") or rec.get("name") or default_name)
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    published = _iso(rec.get("published") or rec.get("date"))
    try:
        with time_limit(default_seconds()):
            return _record_document(rec, where, name, url, published)
    except NoArticleText as exc:
        return Skipped(where, str(exc))
    except TimeLimitExceeded as exc:
        return Skipped(where, f"reading the record {exc}")
    except RecursionError:
        return Skipped(where, _TOO_DEEP_HTML)
    except Exception as exc:  # noqa: BLE001 - one odd record must not stop a file
        return Skipped(where, _internal(exc))


def _record_document(rec: dict, where: str, name: str, url: str | None,
                     published: str | None) -> Result:
    """The Document a record's ``text``/``body``/``html`` field makes, or a Skipped
    saying which field is missing or empty."""
    html = rec.get("html")
    text = rec.get("text") or rec.get("body")
    if isinstance(text, str) and text.strip():
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        # a 'body' field is the article alone; 'text' may open with the headline
        title_line = False if not rec.get("text") and title is None else None
        return document_from_text(
            text, name, where, title=title, url=url, published=published,
            published_basis="record field 'published'/'date'" if published else None,
            fmt="jsonl", title_line=title_line)
    if isinstance(html, str) and html.strip():
        doc = document_from_html(html, name, where, url=url)
        if published:
            doc.published, doc.published_basis = published, "record field 'published'/'date'"
            doc.published_precision = "day"
        if isinstance(rec.get("title"), str) and rec["title"].strip():
            doc.title = rec["title"].strip()
        doc.fmt = "jsonl"
        return doc
    if any(k in rec for k in ("text", "body", "html")):
        return Skipped(where, "record has an empty 'text'/'body'/'html' field")
    return Skipped(where, "record has no 'text', 'body' or 'html' field")


def _iso(value: Any) -> str | None:
    """A record's date as ISO YYYY-MM-DD (accepts ISO timestamps and written dates)."""
    if not isinstance(value, str) or not value.strip():
        return None
    found = find_dates(value)
    return found[0].iso if found else None


# --- WARC ------------------------------------------------------------------------
def _read_warc(path: str, max_bytes: int) -> Iterator[Result]:
    """HTML responses from a web archive; needs the optional ``warcio`` package."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield Skipped(path, "WARC support needs the optional package warcio (pip install warcio)")
        return
    name = os.path.basename(path)
    try:
        with open(path, "rb") as fh:
            for n, record in enumerate(ArchiveIterator(fh), 1):
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(max_bytes + 1)
                where = f"{path}#{n}"
                if len(data) > max_bytes:
                    yield Skipped(where, f"record too large: over the {_mb(max_bytes)} limit (max_bytes)")
                    continue
                yield _from_bytes(data, where, f"{name}#{n}", "html", url=url)
    except OSError as exc:
        yield Skipped(path, f"could not be read ({_os_reason(exc)})")
    except Exception as exc:  # warcio raises its own types on corrupt archives
        yield Skipped(path, f"corrupt WARC archive ({type(exc).__name__}: {exc})")


# --- small helpers -----------------------------------------------------------------
def _internal(exc: Exception) -> str:
    """Reason for an unexpected failure: visible, one line, and marked as ours."""
    msg = " ".join(str(exc).split())[:200]
    return f"could not be processed (internal error, please report: {type(exc).__name__}: {msg})"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or type(exc).__name__


def _shell_quote(path: str) -> str:
    return shlex.quote(path)

"""Bytes to text, refusing rather than guessing.

A wrong guess at an encoding silently garbles names ("Qazali" survives, but
"Ã¢â‚¬Å“" quotes and broken diacritics do not), and a garbled name becomes a new
entity.  So text must be UTF-8 (or carry a BOM, or be HTML that declares its
charset); anything else is skipped with the likely encoding named and the
``iconv`` command that fixes it.
"""
from __future__ import annotations

import codecs
import re

# Magic numbers of formats people save by mistake under a text name.
_MAGIC = [
    (b"%PDF-", "a PDF document, not text (extract its text first, e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP/Office document, not text (save it as .txt or .html first)"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document, not text"),
    (b"\x7fELF", "an executable, not text"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class DecodeError(ValueError):
    """Not decodable as UTF-8; the message names the likely encoding.

    The message contains the placeholder ``FILE`` for the caller to fill in.
    """


def _bom(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def sniff_binary(data: bytes) -> str | None:
    """A one-line reason if ``data`` is binary, else None."""
    if _bom(data) in ("utf-16", "utf-32"):
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file: {what}"
    if b"\x00" in data[:65536]:
        wide = _wide_text(data[:4096])
        if wide:
            return (f"looks like {wide} text without a byte-order mark: convert it with "
                    f"iconv -f {wide.replace(' ', '')} -t UTF-8")
        return "binary file (contains NUL bytes), not text"
    return None


def _wide_text(head: bytes) -> str | None:
    """'UTF-16 LE' (etc.) when the NUL bytes fall where ASCII text in that encoding puts
    them: a file saved as UTF-16/32 without a BOM is text, not binary."""
    head = head[: len(head) - len(head) % 4]
    if len(head) < 16:
        return None
    for name, width, zero_at in (("UTF-32 LE", 4, (1, 2, 3)), ("UTF-32 BE", 4, (0, 1, 2)),
                                 ("UTF-16 LE", 2, (1,)), ("UTF-16 BE", 2, (0,))):
        units = [head[i:i + width] for i in range(0, len(head), width)]
        fits = sum(all(u[z] == 0 for z in zero_at) and any(u[k] for k in range(width) if k not in zero_at)
                   for u in units)
        if fits >= 0.9 * len(units):
            return name
    return None


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_bytes(data: bytes, html: bool = False) -> str:
    """Decode ``data``: BOM first, then UTF-8, then (HTML only) its declared charset."""
    enc = _bom(data)
    if enc:
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"has a {enc} byte-order mark but does not decode ({exc.reason})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        err = exc
    declared = _declared_charset(data) if html else None
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    guess = _guess(data)
    bad = data[err.start:err.start + 1].hex().upper()
    hint = (f"; looks like {guess}: convert with iconv -f {guess} -t UTF-8 FILE > FILE.utf8"
            if guess else "; convert it to UTF-8 (e.g. with iconv) and retry")
    raise DecodeError(f"not valid UTF-8 (byte 0x{bad} at offset {err.start}){hint}")


def _guess(data: bytes) -> str | None:
    """The likely encoding as an iconv name, via charset-normalizer."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:           # pragma: no cover - installed with trafilatura
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return best.encoding.upper().replace("_", "-")

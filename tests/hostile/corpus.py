"""A hostile-input corpus, generated on the spot (nothing downloaded, nothing large on disk).

Each kind is what an analyst's overnight folder really holds sooner or later: special
files, link loops, binaries under text names, broken encodings, markup nested past
any parser's patience, numbers past 64 bits, text in a language ratline cannot read.
``build(folder)`` writes them all and returns ``Case``s: the path to hand ``ingest``
and the outcome expected (``stored`` or ``skipped`` with words the reason must hold).

Used by ``tests/hostile/test_hostile_corpus.py`` (one ingest over everything) and
``bench/bench_hostile.py`` (the table of outcome, time and memory per kind).
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import socket
import zlib
from dataclasses import dataclass
from pathlib import Path

ARTICLE = (
    "Iraqi troops detain militia commander in Basra\n\n"
    "Iraqi Special Operations Forces detained a Mahdi Army commander in Basra on Tuesday, "
    "the Iraqi Ministry of Defence said. Two gunmen were killed and three were wounded "
    "during the raid, according to a ministry statement.\n\n"
    "The commander is accused of leading a cell that attacked police stations in the city.\n"
)


def article(n: int) -> str:
    """A small English report made distinct by ``n`` (distinct bodies, distinct documents)."""
    return ARTICLE.replace("Tuesday", f"Tuesday, the {n}th operation this year,")


ARABIC = (
    "قالت وزارة الدفاع العراقية إن قوات خاصة اعتقلت قائدا في ميليشيا مسلحة في مدينة البصرة "
    "يوم الثلاثاء. وأضافت الوزارة في بيان أن اثنين من المسلحين قتلا وأصيب ثلاثة آخرون خلال "
    "العملية التي استمرت عدة ساعات. ويتهم القائد بقيادة خلية هاجمت مراكز للشرطة في المدينة "
    "خلال الأشهر الماضية، بحسب مسؤولين أمنيين تحدثوا إلى الصحفيين بعد انتهاء العملية.\n"
)
FRENCH = (
    "Des soldats irakiens ont arrêté mardi un commandant d'une milice armée à Bassora, a "
    "indiqué le ministère de la Défense. Deux hommes armés ont été tués et trois autres "
    "blessés pendant l'opération, selon un communiqué du ministère. Le commandant est accusé "
    "d'avoir dirigé une cellule qui a attaqué plusieurs postes de police de la ville au cours "
    "des derniers mois, ont précisé des responsables de la sécurité.\n"
)


@dataclass
class Case:
    kind: str
    path: str
    outcome: str                    # "stored" | "skipped"
    words: tuple[str, ...] = ()     # the skip reason (lower-cased) must hold each
    alone: bool = False             # hand it to ingest by its own path, not via the folder


def _w(folder: Path, name: str, data: bytes | str) -> str:
    p = folder / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(p)


def _nested_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _html(body: str, head: str = "") -> str:
    return f"<html><head><title>Report</title>{head}</head><body>{body}</body></html>"


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _gzip_bomb_warc(path: Path, megabytes: int) -> None:
    """A .warc.gz whose one HTML response inflates to ``megabytes`` MB of spaces."""
    header = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/bomb\r\n"
              b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
              b"Content-Type: application/http; msgtype=response\r\n")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
    size = len(http) + megabytes * 1_000_000
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as fh:
        fh.write(comp.compress(header + f"Content-Length: {size}\r\n\r\n".encode() + http))
        block = b" " * 1_000_000
        for _ in range(megabytes):
            fh.write(comp.compress(block))
        fh.write(comp.compress(b"\r\n\r\n"))
        fh.write(comp.flush())


def build(folder: Path, outside: Path) -> list[Case]:
    """Write the corpus into ``folder`` (walked by ingest) and ``outside`` (paths handed
    alone: special files that must be refused before opening, loops); the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    f, o = folder, outside
    cases: list[Case] = []

    def add(kind, path, outcome, *words, alone=False):
        cases.append(Case(kind, path, outcome, tuple(w.lower() for w in words), alone))

    # --- special files and links ---------------------------------------------------
    os.mkfifo(f / "pipe.txt")
    add("FIFO inside a folder", str(f / "pipe.txt"), "skipped", "named pipe", "without opening")
    os.mkfifo(o / "alone.fifo")
    add("FIFO named alone", str(o / "alone.fifo"), "skipped", "named pipe", alone=True)
    add("character device (/dev/zero)", "/dev/zero", "skipped", "character device", alone=True)
    add("character device (/dev/urandom)", "/dev/urandom", "skipped", "character device", alone=True)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(f / "listening.txt"))          # the file stays after close
    sock.close()
    add("socket", str(f / "listening.txt"), "skipped", "socket")
    (f / "self.txt").symlink_to(f / "self.txt")
    add("symlink loop (a file)", str(f / "self.txt"), "skipped", "loop")
    (o / "a.txt").symlink_to(o / "b.txt")
    (o / "b.txt").symlink_to(o / "a.txt")
    add("symlink loop (two links)", str(o / "a.txt"), "skipped", "loop", alone=True)
    (f / "sub").mkdir()
    (f / "sub" / "up").symlink_to(f)             # a folder loop: walked once
    (f / "dangling.txt").symlink_to(f / "nowhere.txt")
    add("dangling symlink", str(f / "dangling.txt"), "skipped", "broken symbolic link")
    deep = f / "nest"
    deep.mkdir()
    cur = deep
    for _ in range(150):                          # 150 folders deep, an article at the bottom
        cur = cur / "d"
    cur.mkdir(parents=True)
    (cur / "bottom.txt").write_text(article(15), encoding="utf-8")
    add("folders nested 150 deep", str(deep / "/".join(["d"] * 100)), "skipped", "nested more than")
    add("missing path", str(o / "not-there.txt"), "skipped", "no such file", alone=True)

    # --- size ---------------------------------------------------------------------
    with open(f / "gigabyte.txt", "wb") as fh:   # sparse: 1 GB on paper, nothing on disk
        fh.truncate(1_000_000_000)
    add("1 GB single line (sparse file)", str(f / "gigabyte.txt"), "skipped", "too large", "1000.0 mb")
    with open(f / "gigabyte.json", "wb") as fh:
        fh.truncate(1_000_000_000)
    add("1 GB .json (sparse file)", str(f / "gigabyte.json"), "skipped", "nul")
    _gzip_bomb_warc(f / "bomb.warc.gz", 60)
    add("gzip bomb inside a .warc.gz (60 MB inflated)", str(f / "bomb.warc.gz") + "#1", "skipped",
        "too large")
    add("gzip file named .gz", _w(o, "zipped.txt.gz", gzip.compress(ARTICLE.encode())), "skipped",
        "compressed", alone=True)

    # --- binary under text names ----------------------------------------------------
    add("random bytes as .txt", _w(f, "random.txt", bytes(range(256)) * 40), "skipped", "binary")
    add("PDF as .txt", _w(f, "paper.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "skipped", "pdf")
    add("PNG as .html", _w(f, "picture.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "skipped", "png")
    add("ZIP as .html", _w(f, "archive.html", b"PK\x03\x04" + b"\x00" * 64), "skipped", "zip")
    add("ELF executable as .txt", _w(f, "program.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 64),
        "skipped", "executable")
    add("NUL bytes inside text", _w(f, "nul.txt", ARTICLE.encode()[:80] + b"\x00\x00" + ARTICLE.encode()[80:]),
        "skipped", "nul")

    # --- encodings --------------------------------------------------------------------
    add("mixed encodings (UTF-8 and Latin-1)",
        _w(f, "mixed.txt", article(1).encode() + "Caf\u00e9 owner said".encode("latin-1")),
        "skipped", "not valid utf-8")
    add("Windows-1252 text", _w(f, "cp1252.txt", article(2).replace("said", "said \u201cno\u201d").encode("cp1252")),
        "skipped", "not valid utf-8", "iconv")
    add("UTF-8 with BOM", _w(f, "bom8.txt", codecs.BOM_UTF8 + article(3).encode()), "stored")
    add("UTF-16 LE with BOM", _w(f, "bom16le.txt", codecs.BOM_UTF16_LE + article(4).encode("utf-16-le")), "stored")
    add("UTF-16 BE with BOM", _w(f, "bom16be.txt", codecs.BOM_UTF16_BE + article(5).encode("utf-16-be")), "stored")
    add("UTF-32 LE with BOM", _w(f, "bom32.txt", codecs.BOM_UTF32_LE + article(6).encode("utf-32-le")), "stored")
    add("UTF-16 LE without BOM", _w(f, "nobom16.txt", article(7).encode("utf-16-le")), "skipped",
        "utf-16", "iconv")
    add("UTF-32 BE without BOM", _w(f, "nobom32.txt", article(8).encode("utf-32-be")), "skipped",
        "utf-32", "iconv")
    add("BOM only", _w(f, "bomonly.txt", codecs.BOM_UTF8), "skipped", "empty")
    add("empty file", _w(f, "empty.txt", b""), "skipped", "empty")
    add("whitespace only", _w(f, "blank.txt", " \n\t\n  \n"), "skipped", "whitespace")
    add("control characters only", _w(f, "controls.txt", "\x07\x08\x1b[2J\x1b]0;x\x07\n" * 20), "skipped")

    # --- structure ----------------------------------------------------------------------
    add("JSON nested 200,000 deep (.json)", _w(f, "deep.json", _nested_json(200_000)), "skipped",
        "nested too deeply")
    add("JSON lines nested 200,000 deep", _w(f, "deep.jsonl", _nested_json(200_000) + b"\n") + ":1",
        "skipped", "nested too deeply")
    add("JSON array of numbers", _w(f, "numbers.json", "[1, 2, 3]") + "#1", "skipped", "not an object")
    add("JSON line malformed", _w(f, "broken.jsonl", '{"text": "unterminated\n') + ":1", "skipped", "malformed json")
    deep_html = "<div>" * 100_000 + "<p>" + article(9).replace("\n", " ") + "</p>" + "</div>" * 100_000
    add("HTML nested 100,000 deep", _w(f, "deep.html", _html(deep_html)), "either")
    unclosed = "<div><p>" + "<b><i><span>".join(article(10).split("\n\n")) + "<table><tr><td>"
    add("HTML with unclosed tags", _w(f, "unclosed.html", _html(unclosed)), "stored")
    add("HTML with menus only", _w(f, "menus.html", _html("<ul><li>Home</li><li>World</li></ul>")),
        "skipped", "no article text")
    add("10,000-sentence file", _w(f, "long.txt", "A long log\n\n" + "".join(
        f"Entry {n} was routine. " for n in range(10_000))), "stored")
    add("one 100 KB line", _w(f, "oneline.txt", "One line\n\n" + article(11).replace("\n", " ")
        + "The convoy passed the market without incident. " * 2_000), "stored")
    add("a 3 MB article body", _w(f, "huge_body.txt", "Log\n\n" + (
        "The convoy passed the market without incident, the officer wrote in the log. " * 40
        + "\n\n") * 1_000), "skipped", "too long for one article")
    add("a 100,000-character word", _w(f, "word.txt", article(12) + "\n" + "x" * 100_000 + "\n"), "stored")

    # --- content that must not become evidence or break storage -----------------------
    add("number beyond 64 bits", _w(f, "overflow.txt", "Clash near Basra\n\n"
        "Gunmen attacked a checkpoint near Basra on Tuesday; 99999999999999999999999 were wounded "
        "and 340282366920938463463374607431768211456 were killed, police said.\n"), "stored")
    # 400 digits: the number reader raises OverflowError (mentions/numbers.py, reported);
    # the document is skipped with that one-line reason until it is fixed, or stored after
    add("a 400-digit number", _w(f, "digits400.txt", "Clash near Basra\n\nGunmen attacked a "
        "checkpoint near Basra on Tuesday; " + "9" * 400 + " were killed, police said.\n"), "either")
    add("impossible dates", _w(f, "dates.txt", "Raid on February 30, 2008\n\n"
        "Published 2008-13-45. Iraqi troops detained two suspects in Basra on February 30, 2008 and "
        "on 31/31/2008, the army said on the 99th of Smarch.\n"), "stored")
    add("control and bidi characters in text", _w(f, "bidi.txt", "Ambush \u202ereversed\u202c title\x07\n\n"
        "Gunmen\x08\x08 killed three soldiers near Basra on Tuesday\u202e, police said\x07.\n"), "stored")
    add("<noscript> and <script> text", _w(f, "script.html", _html(
        "<noscript>Gunmen killed 77 people in Kabul on Monday.</noscript>"
        "<script>var published = 'January 1, 2001'; document.write('Posted January 1, 2001');</script>"
        "<article><h1>Raid in Basra</h1>" + _paragraphs(*article(13).split("\n\n")[1:]) + "</article>"
        "<template><p>Police said 55 civilians died in Mosul.</p></template>")), "stored")
    add("donation box", _w(f, "donate.html", _html(
        "<article><h1>Raid in Basra</h1>" + _paragraphs(*article(14).split("\n\n")[1:])
        + "<div class='donation-appeal'><p>Independent reporting costs money. Please give what "
          "you can: donate today and keep our reporters in the field.</p></div></article>")), "stored")
    add("Arabic article", _w(f, "arabic.txt", "خبر\n\n" + ARABIC * 2), "skipped", "arabic")
    add("French article", _w(f, "french.txt", "Raid à Bassora\n\n" + FRENCH * 2), "skipped", "french")
    add("Arabic record in JSON lines", _w(f, "arabic.jsonl", json.dumps({"text": ARABIC * 2}) + "\n") + ":1",
        "skipped", "arabic")
    add("good article beside them", _w(f, "zz_good.txt", article(99)), "stored")
    return cases

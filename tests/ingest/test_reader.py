"""read_inputs: every kind of input, and every kind of bad input, without stopping."""
from __future__ import annotations

import io
import json
import os
import sys

import pytest

from .support import FIXTURES, SEEDS, seed_names
from ratline.ingest import read_inputs
from ratline.ingest import reader as reader_mod
from ratline.schema import Document, Skipped

ARTICLE = ("Rebels shelled a government outpost near the dam on Tuesday, killing three "
           "soldiers and wounding seven, a military source said.\n\n"
           "The army responded with air strikes on villages north of the reservoir.\n")
PAGE = "Outpost shelled near the dam\n\n" + ARTICLE


def _one(path, **kw):
    out = list(read_inputs([str(path)], **kw))
    assert len(out) == 1, out
    return out[0]


def _skipped(result, *words):
    assert isinstance(result, Skipped), result
    assert "\n" not in result.reason
    for w in words:
        assert w.lower() in result.reason.lower(), result.reason
    return result


# --- plain files --------------------------------------------------------------------
def test_reader_text_file_gives_document(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(PAGE, encoding="utf-8")
    doc = _one(p)
    assert isinstance(doc, Document)
    assert (doc.name, doc.source, doc.fmt) == ("a.txt", str(p), "txt")
    assert doc.title == "Outpost shelled near the dam"


def test_reader_binary_file_is_skipped(tmp_path):
    p = tmp_path / "b.txt"
    p.write_bytes(b"abc\x00\x01\x02" * 100)
    _skipped(_one(p), "binary")


def test_reader_pdf_saved_as_text_is_named(tmp_path):
    p = tmp_path / "report.txt"
    p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    _skipped(_one(p), "pdf")


@pytest.mark.parametrize("content, word", [(b"", "empty"), (b"  \n\t\r\n  ", "whitespace")])
def test_reader_empty_or_whitespace_file_is_skipped(tmp_path, content, word):
    p = tmp_path / "e.txt"
    p.write_bytes(content)
    _skipped(_one(p), word)


def test_reader_latin1_file_is_skipped_with_encoding_hint(tmp_path):
    p = tmp_path / "l.txt"
    p.write_bytes(("Attaque près de la frontière\n\n" + "Les forces de sécurité ont été "
                   "attaquées à l'aube près du poste frontière, déclare le préfet. " * 5)
                  .encode("latin-1"))
    r = _skipped(_one(p), "not valid utf-8", "iconv -f", "-t utf-8")
    assert str(p) in r.reason


@pytest.mark.parametrize("data", [
    PAGE.encode("utf-8-sig"),                       # UTF-8 with BOM
    PAGE.encode("utf-16"),                          # BOM + native order
    "\ufeff".encode("utf-16-be") + PAGE.encode("utf-16-be"),
], ids=["utf8-bom", "utf16", "utf16-be"])
def test_reader_bom_text_is_decoded(tmp_path, data):
    p = tmp_path / "bom.txt"
    p.write_bytes(data)
    doc = _one(p)
    assert isinstance(doc, Document) and doc.title == "Outpost shelled near the dam"


def test_reader_file_over_max_bytes_is_skipped_without_reading(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:                       # sparse: no disk space used
        fh.truncate(25_000_000)
    monkeypatch.setattr(reader_mod, "_open_bytes", lambda path, max_bytes: pytest.fail("read a huge file"))
    _skipped(_one(p), "too large", "25.0 MB", "20.0 MB")
    small = tmp_path / "small.txt"
    small.write_text(PAGE, encoding="utf-8")
    _skipped(_one(small, max_bytes=50), "too large")


def test_reader_html_without_article_is_skipped():
    _skipped(_one(FIXTURES / "no_article.html"), "no article text")


def test_reader_html_declared_charset_is_honoured(tmp_path):
    html = ("<html><head><meta charset=\"windows-1252\"><title>Frontière</title></head><body>"
            "<article><h1>Attaque à la frontière</h1><p>Des hommes armés ont attaqué un poste "
            "près de la frontière à l’aube, tuant deux gendarmes, selon la préfecture.</p>"
            "<p>Une enquête a été ouverte par le parquet régional.</p></article></body></html>")
    p = tmp_path / "fr.html"
    p.write_bytes(html.encode("cp1252"))
    doc = _one(p)
    assert isinstance(doc, Document) and "à l’aube" in doc.body


def test_reader_missing_path_and_broken_symlink_are_skipped(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    out = list(read_inputs([str(tmp_path / "nope.txt"), str(link)]))
    _skipped(out[0], "no such file")
    _skipped(out[1], "broken symbolic link")


def test_reader_explicit_file_with_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "page.dat").write_text("<html><body><article><p>" + ARTICLE + "</p></article></body></html>")
    (tmp_path / "note").write_text(PAGE)
    html_doc, text_doc = read_inputs([str(tmp_path / "page.dat"), str(tmp_path / "note")])
    assert html_doc.fmt == "html" and text_doc.fmt == "txt"


# --- folders ------------------------------------------------------------------------
def test_reader_folder_walk_sorted_hidden_ignored_and_unreadable_skipped(tmp_path, monkeypatch):
    (tmp_path / "b.txt").write_text(PAGE)
    (tmp_path / "a.txt").write_text(PAGE.replace("dam", "bridge"))
    (tmp_path / ".hidden.txt").write_text(PAGE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(PAGE)
    (tmp_path / "notes.md").write_text(PAGE)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.htm").write_text("<html><body><article><p>" + ARTICLE + "</p></article></body></html>")
    locked = tmp_path / "locked.txt"
    locked.write_text(PAGE)
    locked.chmod(0)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    if os.geteuid() == 0:      # root reads anything: simulate the permission error
        real = reader_mod._open_bytes

        def deny(path, max_bytes):
            if path.endswith("locked.txt"):
                raise PermissionError(13, "Permission denied", path)
            return real(path, max_bytes)
        monkeypatch.setattr(reader_mod, "_open_bytes", deny)
    out = list(read_inputs([str(tmp_path)]))
    kinds = [(type(r).__name__, os.path.basename(r.source)) for r in out]
    assert kinds == [
        ("Document", "a.txt"), ("Document", "b.txt"), ("Skipped", "dangling.txt"),
        ("Skipped", "locked.txt"), ("Document", "c.htm"),
    ]
    _skipped(out[3], "permission denied")
    assert out[0].doc_id != out[1].doc_id


@pytest.mark.skipif(not seed_names(), reason="../shared/corpus/seeds not found")
def test_reader_seed_folder_gives_five_documents_with_distinct_ids():
    docs = list(read_inputs([str(SEEDS)]))
    assert [d.name for d in docs] == seed_names()
    assert all(isinstance(d, Document) for d in docs)
    assert len({d.doc_id for d in docs}) == len(docs)


def test_reader_same_article_in_two_files_has_same_doc_id(tmp_path):
    (tmp_path / "one.txt").write_text(PAGE)
    (tmp_path / "two.txt").write_text(PAGE.replace("\n\n", "\n\n\n").replace(" ", "  "))
    a, b = read_inputs([str(tmp_path)])
    assert a.doc_id == b.doc_id


# --- JSON lines ---------------------------------------------------------------------
def test_reader_jsonl_records_and_bad_lines():
    path = FIXTURES / "records.jsonl"
    out = list(read_inputs([str(path)]))
    by_source = {r.source.rsplit(":", 1)[-1]: r for r in out}
    a = by_source["1"]
    assert isinstance(a, Document) and a.name == "rec-a" and a.fmt == "jsonl"
    assert a.title == "Police post attacked in the delta"
    assert a.body.endswith("a local official said.") and "Tags" not in a.body
    assert (a.url, a.published) == ("https://example.org/a", "2018-05-11")
    b = by_source["2"]
    assert isinstance(b, Document) and b.name == "records.jsonl#2"
    assert b.published == "2018-05-20" and b.body.startswith("Unknown gunmen")
    c = by_source["4"]
    assert isinstance(c, Document) and c.name == "rec-c" and c.title == "Camp shelled"
    _skipped(by_source["5"], "malformed json")
    assert by_source["5"].source == f"{path}:5"
    _skipped(by_source["6"], "not an object")
    _skipped(by_source["7"], "no 'text'")
    _skipped(by_source["8"], "empty")
    assert len(out) == 7                     # the blank line 3 is not a record


def test_reader_json_array_file(tmp_path):
    p = tmp_path / "batch.json"
    p.write_text(json.dumps([{"text": PAGE}, {"id": "x2", "text": "  "}]), encoding="utf-8")
    first, second = read_inputs([str(p)])
    assert isinstance(first, Document) and first.name == "batch.json#1"
    _skipped(second, "empty")


# --- standard input -----------------------------------------------------------------
def test_reader_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAGE))
    doc = _one("-")
    assert isinstance(doc, Document)
    assert (doc.source, doc.fmt) == ("<stdin>", "txt")


def test_reader_stdin_html_bytes(monkeypatch):
    html = "<html><body><article><h1>Outpost shelled</h1><p>" + ARTICLE + "</p></article></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html.encode("utf-8"))))
    doc = _one("-")
    assert isinstance(doc, Document) and doc.fmt == "html"
    assert "three soldiers" in doc.body


def test_reader_stdin_over_limit_and_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAGE))
    _skipped(_one("-", max_bytes=10), "too large")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    _skipped(_one("-"), "empty")


# --- WARC ---------------------------------------------------------------------------
def test_reader_warc_without_warcio_is_skipped_with_reason(tmp_path, monkeypatch):
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(b"\x1f\x8b")
    monkeypatch.setitem(sys.modules, "warcio", None)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    _skipped(_one(p), "warcio")


def test_reader_warc_html_response_becomes_document(tmp_path):
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    html = "<html><body><article><h1>Outpost shelled</h1><p>" + ARTICLE + "</p></article></body></html>"
    p = tmp_path / "crawl.warc.gz"
    with open(p, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/outpost", "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    doc = _one(p)
    assert isinstance(doc, Document) and doc.url == "https://example.org/outpost"
    assert "three soldiers" in doc.body

"""HTML pages through trafilatura: comments and furniture kept out of the body."""
from __future__ import annotations

import pytest

from .support import FIXTURES
from ratline.ingest import NoArticleText, document_from_html, document_from_text


@pytest.fixture(scope="module")
def article():
    path = FIXTURES / "article.html"
    return document_from_html(path.read_text(encoding="utf-8"), "article.html", str(path))


def test_htmlpage_title_and_date_from_metadata(article):
    assert article.title == "Border guards repel night raid on frontier post"
    assert article.published == "2019-08-14"
    assert article.published_basis.startswith("page metadata")
    assert article.fmt == "html"


def test_htmlpage_comments_kept_out_of_body(article):
    assert article.has_comments
    assert len(article.comments) == 2
    assert any("better equipment" in c for c in article.comments)
    assert "better equipment" not in article.body
    assert "checkpoints" not in article.body
    assert "says" not in article.body


def test_htmlpage_body_trimmed_of_bio_donation_nav_and_caption(article):
    assert article.body.startswith("Border guards fought off an overnight raid")
    assert article.body.endswith("before the end of the month.")
    assert "A route used for years" in article.body.split("\n\n")
    for junk in ("is a correspondent for", "donation", "Smuggling", "Privacy",
                 "Copyright", "Click to enlarge", "About us"):
        assert junk not in article.body
    assert any("is a correspondent for" in b for b in article.boilerplate)
    assert any("donation" in b for b in article.boilerplate)


def test_htmlpage_same_article_as_text_has_same_doc_id(article):
    text = article.title + "\n\n" + article.body + "\n"
    as_text = document_from_text(text, "article.txt", "article.txt")
    assert as_text.doc_id == article.doc_id


def test_htmlpage_without_article_raises_no_article_text():
    html = (FIXTURES / "no_article.html").read_text(encoding="utf-8")
    with pytest.raises(NoArticleText):
        document_from_html(html, "no_article.html", "no_article.html")


@pytest.mark.parametrize("html", [
    "<html><body><div><p>Unclosed <b>tags <i>everywhere",
    "<<<>>> not really html at all &&&",
    "<html></html>",
])
def test_htmlpage_broken_markup_gives_document_or_no_article_text(html):
    try:
        doc = document_from_html(html, "b.html", "b.html")
    except NoArticleText as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert doc.body


def test_htmlpage_url_is_kept():
    html = ("<html><head><title>T</title></head><body><article><h1>Clash in the hills</h1>"
            "<p>Two soldiers and five gunmen were killed in a clash in the hills east of the "
            "town on Monday, a police officer said, adding that the fighting lasted an hour.</p>"
            "<p>The army sent reinforcements to the area later in the day, residents said.</p>"
            "</article></body></html>")
    doc = document_from_html(html, "c.html", "c.html", url="https://example.org/news/clash")
    assert doc.url == "https://example.org/news/clash"
    assert doc.body.endswith("residents said.")


def test_htmlpage_comment_section_trafilatura_misses_still_counts():
    html = ("<html><head><title>Strike hits car</title></head><body><article><h1>Strike hits car</h1>"
            "<p>A drone struck a car on the road south of the town on Monday, killing two men, the ministry "
            "said in a statement issued in the evening.</p><p>The army said both men were fighters of the "
            "group and that the strike had been planned for weeks.</p></article>"
            "<section class='discussion'><h3>2 Comments</h3><div class='cmt'>I heard four died there.</div>"
            "<div class='cmt'>Nobody tells the truth in this war, not one side.</div></section></body></html>")
    doc = document_from_html(html, "p.html", "p.html")
    assert doc.has_comments
    assert "four died" not in doc.body


def test_htmlpage_a_comment_count_heading_marks_a_section_of_any_class():
    html = ("<html><head><title>Clashes at the dam</title></head><body><article><h1>Clashes at the dam</h1>"
            "<p>Fighters attacked positions around the dam on Saturday, and the fighting went on for hours, "
            "residents said, before the attackers withdrew toward the river.</p><p>At least eleven fighters were "
            "killed, a monitoring group said, citing sources on both sides.</p></article>"
            "<div class='reader-thread'><h2>2 Comments</h2><dl><dt>Kawa</dt><dd>Sixty died, not eleven.</dd>"
            "<dt>Lena</dt><dd>Two of the dead were journalists.</dd></dl></div></body></html>")
    doc = document_from_html(html, "p.html", "p.html")
    assert doc.has_comments and len(doc.comments) == 2
    assert "Sixty died" not in doc.body

"""Where the article body ends in a plain-text page, and what is set aside."""
from __future__ import annotations

import textwrap

import pytest

from .support import FIXTURES, SEEDS, gold_for, seed_names
from ratline.ingest import NoArticleText, doc_id_for, document_from_text

SEEDS_PRESENT = pytest.mark.skipif(not seed_names(), reason="../shared/corpus/seeds not found")


def _doc(name: str):
    path = SEEDS / name if name[0].isdigit() else FIXTURES / name
    return document_from_text(path.read_text(encoding="utf-8"), name, str(path))


# --- the five sample pages against their gold annotation ---------------------------
@SEEDS_PRESENT
@pytest.mark.parametrize("name", seed_names() or ["none"])
def test_textpage_seed_body_ends_with_gold_last_sentence(name):
    doc = _doc(name)
    assert doc.body.endswith(gold_for(name)["body_last_sentence"])


@SEEDS_PRESENT
@pytest.mark.parametrize("name", seed_names() or ["none"])
def test_textpage_seed_title_and_has_comments_match_gold(name):
    doc, gold = _doc(name), gold_for(name)
    assert doc.title == gold["title"]
    assert doc.has_comments is gold["has_comments"]
    assert doc.comments, "the comments themselves should be kept apart"


@SEEDS_PRESENT
@pytest.mark.parametrize("name", seed_names() or ["none"])
def test_textpage_seed_no_comment_or_furniture_leaks_into_body(name):
    doc = _doc(name)
    for comment in doc.comments:
        for line in comment.splitlines():
            if len(line) >= 25:
                assert line not in doc.body, f"comment text in body: {line[:60]}"
    for junk in doc.boilerplate:
        if len(junk) >= 25:
            assert junk not in doc.body
    assert "Tags:" not in doc.body
    assert "click to view" not in doc.body.lower()
    assert "donation" not in doc.body.lower()


@SEEDS_PRESENT
@pytest.mark.parametrize("name", seed_names() or ["none"])
def test_textpage_seed_paragraphs_are_source_lines(name):
    doc = _doc(name)
    lines = {ln.strip() for ln in (SEEDS / name).read_text(encoding="utf-8").splitlines()}
    for para in doc.body.split("\n\n"):
        assert para in lines


@SEEDS_PRESENT
def test_textpage_seed_dated_trackback_bounds_publication():
    names = seed_names()
    by_prefix = {n[:3]: _doc(n) for n in names}
    assert by_prefix["003"].published == "2008-11-19"
    assert "trackback" in by_prefix["003"].published_basis
    assert "no later" in by_prefix["003"].published_basis
    assert by_prefix["004"].published == "2009-06-09"
    assert "month/day order assumed" in by_prefix["004"].published_basis
    for stated in ("000", "001"):          # no stamp: the body's newest dates bound it
        assert by_prefix[stated].published_basis.startswith("Inferred from the body")
    assert by_prefix["002"].published is None         # no year anywhere on the page
    assert by_prefix["002"].published_basis.startswith("unknown")


@SEEDS_PRESENT
def test_textpage_seed_subheadings_stay_in_body():
    doc = _doc(next(n for n in seed_names() if n.startswith("004")))
    heading = next(p for p in doc.body.split("\n\n") if len(p.split()) <= 6 and not p.endswith("."))
    assert heading in doc.body                       # a short unpunctuated line mid-body
    assert doc.body.index(heading) > 0


# --- invented pages in other shapes -----------------------------------------------------
def test_textpage_wire_story_dateline_gives_published_and_no_comments():
    doc = _doc("wire_dateline.txt")
    assert doc.published == "2015-03-03"
    assert doc.published_basis.startswith("dateline")
    assert not doc.has_comments and doc.comments == []
    assert doc.body.startswith("KIRKUK, Iraq, March 3, 2015 (Reuters)")
    assert doc.body.endswith("since the start of the year.")
    assert "By Sara Malik" in doc.boilerplate
    assert any(b.startswith("(Reporting by") for b in doc.boilerplate)
    assert "Middle East" in doc.boilerplate and "Iraq" in doc.boilerplate


def test_textpage_press_release_posted_by_line_gives_published():
    doc = _doc("press_release.txt")
    assert doc.published == "2016-04-12"
    assert "Posted by" in doc.published_basis
    assert "Posted by" not in doc.body
    assert "• two rocket launchers and 14 rockets" in doc.body.split("\n\n")
    assert doc.body.endswith("the task force added.")
    assert "Share this:" in doc.boilerplate and "Twitter" in doc.boilerplate


def test_textpage_subheading_caption_bio_and_unbulleted_comments():
    doc = _doc("subheading_comments.txt")
    paras = doc.body.split("\n\n")
    assert "Earlier clashes in the valley" in paras
    assert not any("Click to enlarge" in p for p in paras)
    # a bio-shaped sentence followed by more article stays; the closing bio does not
    assert any(p.startswith("Karim Haddad is a freelance journalist") for p in paras)
    assert doc.body.endswith("within a week.")
    assert any(b.startswith("Layla Nouri is a research fellow") for b in doc.boilerplate)
    assert "By Saturday the army" in doc.body
    assert doc.has_comments and len(doc.comments) >= 3
    assert "passable on foot" not in doc.body and "Omar" not in doc.body
    assert doc.published == "2016-03-09" and "no later" in doc.published_basis


def test_textpage_bulleted_comments_grouped_and_pingback_dated():
    doc = _doc("blog_bulleted.txt")
    assert doc.body.endswith("began last winter.")
    assert len(doc.comments) == 3
    assert doc.comments[0].startswith("harlan says:\nAnother one down.")
    assert doc.published == "2017-02-11"
    assert "trackback" in doc.published_basis
    assert doc.boilerplate[-3:] == ["Syria", "Iraq", "Yemen"]


PROSE = ("Fighters loyal to the council attacked an army convoy on the coastal road on "
         "Friday, killing three soldiers, the defence ministry said in a statement.")


def _page(*lines: str) -> str:
    return "\n\n".join(("Convoy ambushed on coastal road",) + lines) + "\n"


@pytest.mark.parametrize("line", [
    "“Brothers, support our fighters with your donations, we need you,” the group said in an online appeal.",
    "Two responses to the attack were debated in parliament the following week, officials said.",
    "The spokesman said:",
    "By Saturday the road had been reopened to traffic, according to residents.",
    "Related questions about the convoy's route were not answered by the ministry.",
])
def test_textpage_body_lines_resembling_furniture_stay_in_body(line):
    doc = document_from_text(_page(PROSE, line, PROSE.replace("Friday", "Sunday")), "x.txt", "x")
    assert line in doc.body.split("\n\n")
    assert doc.body.endswith("said in a statement.")


def test_textpage_comment_count_without_comment_text_sets_has_comments():
    doc = document_from_text(_page(PROSE, "2 Comments"), "x.txt", "x")
    assert doc.has_comments and doc.comments == []
    doc0 = document_from_text(_page(PROSE, "0 Comments"), "x.txt", "x")
    assert not doc0.has_comments


def test_textpage_header_breadcrumbs_and_date_line_are_boilerplate():
    doc = document_from_text(_page("Home", "Middle East", "Monday, July 6, 2020", PROSE), "x.txt", "x")
    assert doc.body == PROSE
    assert doc.published == "2020-07-06"
    assert {"Home", "Middle East", "Monday, July 6, 2020"} <= set(doc.boilerplate)


def test_textpage_long_first_line_is_not_taken_as_title():
    text = PROSE + " " + PROSE + "\n\nAnother paragraph follows here, and it also says something of note.\n"
    doc = document_from_text(text, "x.txt", "x")
    assert doc.title is None
    assert doc.body.startswith("Fighters loyal")


def test_textpage_hard_wrapped_text_matches_unwrapped():
    paras = [PROSE + " The convoy was carrying fuel and food for the garrison in the old port.",
             "Two vehicles were destroyed and the rest turned back towards the city, the "
             "ministry added, without giving further details about the fighting."]
    flat = _page(*paras)
    wrapped = "\n\n".join(["Convoy ambushed on coastal road"] + [textwrap.fill(p, 60) for p in paras])
    a = document_from_text(flat, "a.txt", "a")
    b = document_from_text(wrapped, "b.txt", "b")
    assert b.body == a.body
    assert b.doc_id == a.doc_id


def test_textpage_crlf_line_endings_give_same_document():
    text = _page(PROSE, "Tags: convoy", "Syria", "Libya")
    a = document_from_text(text, "a.txt", "a")
    b = document_from_text(text.replace("\n", "\r\n"), "b.txt", "b")
    assert a.body == b.body == PROSE and a.boilerplate == b.boilerplate


def test_textpage_title_only_page_raises_no_article_text():
    with pytest.raises(NoArticleText):
        document_from_text("Just a headline\n\nHome\n\nNews\n", "x.txt", "x")


def test_textpage_doc_id_ignores_whitespace_differences():
    a = doc_id_for("One  sentence.\n\nTwo sentences here.")
    b = doc_id_for("One sentence.\nTwo   sentences here.  ")
    assert a == b and len(a) == 16
    assert doc_id_for("One sentence. Two sentences there.") != a
    d1 = document_from_text(_page(PROSE), "a.txt", "a")
    d2 = document_from_text(_page(PROSE.replace(" ", "  ")), "b.txt", "b")
    assert d1.doc_id == d2.doc_id


def test_textpage_given_title_and_published_win():
    doc = document_from_text(PROSE + "\n\n" + PROSE, "r", "r", title="Given title",
                             published="2021-01-02", published_basis="record field")
    assert doc.title == "Given title"
    assert doc.body.startswith("Fighters loyal")
    assert (doc.published, doc.published_basis) == ("2021-01-02", "record field")


def test_textpage_mid_body_date_line_stays_as_timeline_evidence():
    doc = document_from_text(_page(PROSE, "Timeline", "March 3, 2015", PROSE.replace("Friday", "Monday"),
                                   "About the author",
                                   "Maria Lopes is a senior analyst at the Centre for Conflict Data.",
                                   "© 2020 Conflict Review. All rights reserved."), "x.txt", "x")
    assert "March 3, 2015" in doc.body.split("\n\n")
    # not a stamp: the body's newest date bounds publication, and the basis says so
    # (the lead's "Friday" then names the first Friday after it)
    assert doc.published == "2015-03-06" and doc.published_basis.startswith("Inferred from the body")
    assert doc.body.endswith("said in a statement.")
    assert "About the author" in doc.boilerplate


def test_textpage_unbulleted_handles_with_timestamps_and_reply_form():
    text = "\n".join([
        "Convoy ambushed on coastal road", PROSE, PROSE.replace("Friday", "Monday"),
        "sam k says:", "June 5, 2016 at 10:02 am", "Terrible news for the families.",
        "reader99 says:", "June 4, 2016 at 8:15 pm", "Who was behind it?",
        "Leave a Reply", "Your email address will not be published. Required fields are marked *",
        "Name *", "Email *",
    ])
    doc = document_from_text(text, "x.txt", "x")
    assert doc.body.endswith("said in a statement.") and "says" not in doc.body
    assert len(doc.comments) == 2 and doc.comments[1].endswith("Who was behind it?")
    assert doc.published == "2016-06-04"          # the earliest comment bounds the post
    assert "Leave a Reply" in doc.boilerplate


def test_textpage_bulleted_pingback_before_any_handle_is_a_comment():
    text = _page(PROSE, "Tags: convoy") + "\n  • Another Blog » Morning links\n\n    A linked excerpt about the convoy.\n\n  • ana says:\n\n    Sad.\n"
    doc = document_from_text(text, "x.txt", "x")
    assert doc.body == PROSE
    assert doc.comments == ["Another Blog » Morning links\nA linked excerpt about the convoy.", "ana says:\nSad."]


# --- header lines that are no paragraph -----------------------------------------------------
@pytest.mark.parametrize("header, published", [
    ("THE HARBOUR TIMES · Long read · Friday, May 9, 2025\nBy Ana Souza", "2025-05-09"),
    ("HIGHLAND PRESS · Mzuzu · English edition\nMonday, 10 February 2025", "2025-02-10"),
])
def test_textpage_masthead_lines_are_never_glued_to_the_headline(header, published):
    body = ("Rebels freed nine hostages in the hills north of the town on Sunday, handing them to a church "
            "commission, officials said, adding that the release followed weeks of talks.\n\n"
            "A second group is still held by the same faction, according to relatives.\n")
    page = "Rebels free nine hostages in the hills as talks go on\n" + header + "\n\n" + body
    doc = document_from_text(page, "p.txt", "p.txt")
    assert doc.title == "Rebels free nine hostages in the hills as talks go on"
    assert doc.published == published
    assert doc.body.startswith("Rebels freed nine hostages")


def test_textpage_publication_name_with_tagline_is_furniture():
    page = ("Where the border war goes next\nTHE LEDGER — notes on militancy and the state\n"
            "Home | Analysis | Data | Archive | About\n\nPosted on December 27, 2024 by A. Writer\n\n"
            "Fighters stormed a post near the border last Saturday and killed 16 soldiers, the army said, "
            "in the deadliest attack of the year.\n")
    doc = document_from_text(page, "p.txt", "p.txt")
    assert doc.body.startswith("Fighters stormed a post")
    assert doc.published == "2024-12-27"


def test_textpage_full_sentence_first_line_is_the_lead_not_a_headline():
    """A page with no headline (an image name glued to the lead, a crawler's record): a
    first line that is a whole sentence with its full stop opens the body."""
    lead = "At least seven villagers were killed on Monday in an attack near the river crossing, police said."
    doc = document_from_text(lead + "\n\n" + PROSE + "\n", "x.txt", "x")
    assert doc.title is None
    assert doc.body.startswith(lead)


@pytest.mark.parametrize("byline, author", [
    ("By Jane Doe | Reuters", "Jane Doe"),
    ("Posted by Public Affairs on May 3, 2015", "Public Affairs"),
    ("Written by: Thomas Joscelyn - June 24, 2008", "Thomas Joscelyn"),
])
def test_textpage_byline_is_furniture_and_names_the_author(byline, author):
    page = (f"Raid in Basra\n{byline}\n\nIraqi troops detained five men in Basra on Tuesday, "
            "the army said. It was the second raid this week.\n")
    doc = document_from_text(page, "x.txt", "x.txt")
    assert doc.author == author
    assert byline in doc.boilerplate and byline.split()[-1] not in doc.body


def test_textpage_sentence_opening_with_by_names_no_author():
    page = ("Town falls\n\nBy Saturday the town had fallen to the militants, residents said. "
            "Hundreds fled toward the river.\n")
    assert document_from_text(page, "x.txt", "x.txt").author is None


def test_textpage_closing_related_story_teasers_are_not_body():
    from ratline.ingest.textpage import split_page
    text = textwrap.dedent("""\
        Rebels kill 12 in eastern town

        Suspected rebels killed at least 12 civilians on Monday in the east of the country, officials said.

        The bodies were found in different places, the administrator said.

        Nearly a month before his death, the pontiff had been released from a hospital stay

        New Delhi hopes to secure relief within the pause on tariffs announced by the president

        World mourns passing of a church leader who was the first from Latin America
        """)
    parts = split_page(text)
    body = "\\n".join(parts.paragraphs)
    assert "administrator said." in body and "tariffs" not in body and "pontiff" not in body
    assert any("tariffs" in b for b in parts.boilerplate)


def test_textpage_one_unpunctuated_closing_line_stays_body():
    from ratline.ingest.textpage import split_page
    text = textwrap.dedent("""\
        Rebels kill 12 in eastern town

        Suspected rebels killed at least 12 civilians on Monday in the east of the country, officials said.

        The bodies were found in different places and the health centre was ransacked by the attackers
        """)
    assert "ransacked" in "\\n".join(split_page(text).paragraphs)

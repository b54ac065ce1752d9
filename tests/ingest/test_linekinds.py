"""What a single line of a page looks like (shape rules, no site words)."""
from __future__ import annotations

import pytest

from ratline.ingest import linekinds as lk


@pytest.mark.parametrize("line, n", [
    ("16 Comments", 16), ("4 comments", 4), ("One response to “A headline”", 1),
    ("Comments (3)", 3), ("No Comments", 0), ("2 thoughts on \"Title\"", 2),
])
def test_linekinds_comment_count_reads_counts(line, n):
    assert lk.comment_count(line) == n


@pytest.mark.parametrize("line", [
    "Two responses to the attack were considered.", "16 comments were made by officials at the meeting",
])
def test_linekinds_comment_count_ignores_sentences(line):
    assert lk.comment_count(line) is None


@pytest.mark.parametrize("line, expected", [
    ("  • jim g says:", True), ("Ana Ruiz on May 3, 2015 at 2:10 pm said:", True),
    ("rhyno327/lrs says:", True), ("The spokesman said:", False),
    ("He said: the attack was planned for weeks and carried out at night", False),
])
def test_linekinds_is_handle(line, expected):
    assert lk.is_handle(line.strip()) is expected


@pytest.mark.parametrize("line, expected", [
    ("Jane Roe is a Senior Fellow at the Institute for Strategy and the Editor of its journal.", True),
    ("Ali Kareem reports from Basra for The Gulf Desk.", True),
    ("Follow her on Twitter at @example.", True),
    ("The commander is a veteran of the 2006 war.", False),
])
def test_linekinds_is_bio(line, expected):
    assert lk.is_bio(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Enjoy our coverage? Please support our independent newsroom with a donation today.", True),
    ("If you value this work, become a member: we rely on readers like you.", True),
    ("“Support our brothers with your donations,” the group told followers on its channel.", False),
    ("The charity said donations to the camp had fallen by half.", False),
])
def test_linekinds_is_donation(line, expected):
    assert lk.is_donation(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("By Jane Doe", True), ("Posted by Public Affairs on April 12, 2016", True),
    ("By Jane Doe and Omar Said | Reuters", True),
    ("By Saturday the army had surrounded the town.", False),
    ("By nightfall, the fighting had ended", False),
])
def test_linekinds_is_byline(line, expected):
    assert lk.is_byline(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Qods Force logo, click to view.", True), ("Click the map to view the front line.", True),
    ("A Flash Player is required to view this.", True), ("Photo: AFP", True),
    ("The video was released by the group on Tuesday.", False),
])
def test_linekinds_is_caption(line, expected):
    assert lk.is_caption(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Boko Haram", True), ("Isis", True), ("Any response?", False),
    ("Mcgruder.", False), ("Background on the attacks in the northern provinces", False),
])
def test_linekinds_is_nav_like(line, expected):
    assert lk.is_nav_like(line) is expected

"""The project's own annotated sets are sound: the demo corpus (corpus/demo, gold in
tests/data/gold_own) and the two held-out sets (tests/data/heldout, tests/data/heldout2).

The gold files follow the interchange schema of ../shared/corpus/gold/README.md
exactly; every quote and alias is found in the article body (never in comments,
bios or navigation), and the articles are the project's own words.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from ratline.schema import DATE_PRECISIONS, ENTITY_TYPES, EVENT_TYPES, RELATION_PREDICATES

REPO = Path(__file__).parents[1]
DEMO = REPO / "corpus" / "demo"
GOLD = REPO / "tests" / "data" / "gold_own"
SEEDS = REPO / ".." / "shared" / "corpus" / "seeds"
ARTICLE_SUFFIXES = (".txt", ".html")

TOP_KEYS = ["doc", "title", "published", "published_basis", "body_last_sentence", "has_comments",
            "entities", "relations", "events", "tallies", "claims_in_conflict"]
ENTITY_KEYS = {"id", "type", "name", "aliases", "country"}
EVENT_KEYS = ["id", "type", "date", "date_precision", "date_text", "location", "admin1", "country",
              "actors", "targets", "killed_low", "killed_best", "killed_high", "wounded", "captured",
              "casualty_side_note", "claim_source", "quote"]
RELATION_KEYS = {"subject", "predicate", "object", "quote"}
TALLY_KEYS = {"subject", "since", "killed", "captured", "by", "quote"}

ARTICLES = sorted(p for p in DEMO.iterdir() if p.suffix in ARTICLE_SUFFIXES)
SETS = {   # name: (articles, gold)
    "demo": (DEMO, GOLD),
    "heldout": (REPO / "tests" / "data" / "heldout" / "articles", REPO / "tests" / "data" / "heldout" / "gold"),
    "heldout2": (REPO / "tests" / "data" / "heldout2" / "articles", REPO / "tests" / "data" / "heldout2" / "gold"),
    "heldout3": (REPO / "tests" / "data" / "heldout3" / "articles", REPO / "tests" / "data" / "heldout3" / "gold"),
    "heldout4": (REPO / "tests" / "data" / "heldout4" / "articles", REPO / "tests" / "data" / "heldout4" / "gold"),
}
GOLD_FILES = [g for _, gold_dir in SETS.values() for g in sorted(gold_dir.glob("*.json"))]
ALL_ARTICLES = [a for art_dir, _ in SETS.values() for a in sorted(art_dir.iterdir()) if a.suffix in ARTICLE_SUFFIXES]


def _articles_dir(gold_file: Path) -> Path:
    return next(art for art, gold in SETS.values() if gold_file.parent == gold)


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _body(gold: dict, articles: Path = DEMO) -> str:
    """The article body as raw file text: from the start (the <article> element
    for HTML) to the end of ``body_last_sentence``."""
    raw = (articles / gold["doc"]).read_text(encoding="utf-8")
    start = raw.find("<article") if gold["doc"].endswith(".html") else 0
    last = gold["body_last_sentence"]
    assert raw.count(last) == 1, "body_last_sentence must occur exactly once"
    return raw[start:raw.index(last) + len(last)]


@pytest.mark.parametrize("name", sorted(SETS))
def test_gold_own_one_file_per_article(name):
    articles_dir, gold_dir = SETS[name]
    articles = sorted(p for p in articles_dir.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    gold_files = sorted(gold_dir.glob("*.json"))
    assert len(articles) >= 6
    assert [p.stem for p in articles] == [p.stem for p in gold_files]
    for article, gold_file in zip(articles, gold_files):
        assert _gold(gold_file)["doc"] == article.name


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_gold_own_follows_the_interchange_schema(gold_file):
    gold = _gold(gold_file)
    assert list(gold) == TOP_KEYS
    assert isinstance(gold["has_comments"], bool)
    dt.date.fromisoformat(gold["published"])
    for ent in gold["entities"]:
        assert ENTITY_KEYS <= set(ent) <= ENTITY_KEYS | {"note"}, ent["id"]
        assert ent["type"] in ENTITY_TYPES, ent["id"]
        assert ent["aliases"], ent["id"]
    ids = [e["id"] for e in gold["entities"]]
    assert len(ids) == len(set(ids))
    for rel in gold["relations"]:
        assert set(rel) == RELATION_KEYS
        assert rel["predicate"] in RELATION_PREDICATES
        assert rel["subject"] in ids and rel["object"] in ids, rel
    triples = [(r["subject"], r["predicate"], r["object"]) for r in gold["relations"]]
    assert len(triples) == len(set(triples))
    event_ids = []
    for ev in gold["events"]:
        assert list(ev) == EVENT_KEYS
        assert ev["type"] in EVENT_TYPES
        event_ids.append(ev["id"])
        for ref in [ev["location"], *ev["actors"], *ev["targets"]]:
            assert ref is None or ref in ids, (ev["id"], ref)
        _check_event_date(ev)
        _check_event_numbers(ev)
    for tally in gold["tallies"]:
        assert set(tally) == TALLY_KEYS
        assert tally["subject"] in ids and all(b in ids for b in tally["by"])
        dt.date.fromisoformat(tally["since"])
        assert tally["killed"] is not None or tally["captured"] is not None
    for conflict in gold["claims_in_conflict"]:
        assert conflict["about"] in event_ids
        assert len(conflict["claims"]) >= 2
        assert all(set(c) == {"source", "says"} for c in conflict["claims"])


def _check_event_date(ev: dict) -> None:
    if ev["date"] is None:
        assert ev["date_precision"] is None, ev["id"]
        return
    assert ev["date_precision"] in DATE_PRECISIONS, ev["id"]
    day = dt.date.fromisoformat(ev["date"])
    if ev["date_precision"] == "month":
        assert day.day == 1, ev["id"]
    if ev["date_precision"] == "year":
        assert (day.month, day.day) == (1, 1), ev["id"]


def _check_event_numbers(ev: dict) -> None:
    for key in ("killed_low", "killed_best", "killed_high", "wounded", "captured"):
        assert ev[key] is None or (isinstance(ev[key], int) and ev[key] >= 0), (ev["id"], key)
    figures = [ev[k] for k in ("killed_low", "killed_best", "killed_high") if ev[k] is not None]
    assert figures == sorted(figures), ev["id"]


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_gold_own_rests_on_the_body_only(gold_file):
    gold = _gold(gold_file)
    body = _body(gold, _articles_dir(gold_file))
    for kind in ("relations", "events", "tallies"):
        for item in gold[kind]:
            assert item["quote"] in body, (kind, item["quote"][:60])
    for ev in gold["events"]:
        assert ev["date_text"] is None or ev["date_text"] in body, ev["id"]
    for ent in gold["entities"]:
        for alias in ent["aliases"]:
            assert alias in body, (ent["id"], alias)


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_gold_own_comments_flag_matches_the_page(gold_file):
    gold = _gold(gold_file)
    raw = (_articles_dir(gold_file) / gold["doc"]).read_text(encoding="utf-8")
    after_body = raw[raw.index(gold["body_last_sentence"]):]
    assert bool(_COMMENTS_MARK.search(after_body)) == gold["has_comments"]


_COMMENTS_MARK = re.compile(r"\b(?:\d+\s+(?:comments?|responses|replies|reactions)|comments?\s*\(\d+\)|"
                            r"reader (?:responses|comments)|responses\s*\(\d+\))\b", re.I)


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_gold_own_demo_articles_share_no_wording_with_the_samples():
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("sample articles not present")
    sample = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in seeds))
    for article in ALL_ARTICLES:
        shared = _shingles(article.read_text(encoding="utf-8")) & sample
        assert not shared, (article.name, sorted(shared)[:3])

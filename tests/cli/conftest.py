"""A small corpus for the analyst's CLI tests, with a fake extractor whose output is fixed.

Why fake: the tables are compared with golden files, and extraction changes often;
the real reader still reads the files (so names, titles and dates are as users see
them), while entities, events and relations come from the small tables below.  One
document is a real page of the demo corpus (reader comments, page metadata)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratline import api
from ratline.cli import main
from ratline.schema import Entity, Event, Extraction, Relation, Span
from ratline.store import judgements

REPO = Path(__file__).resolve().parents[2]
DEMO_PAGE = REPO / "corpus" / "demo" / "d04_jilib_airstrike.html"

ARTICLES = {
    "a_mosul_raid.txt": """Iraqi Army raids Islamic State cell in Mosul

The Iraqi Army raided an Islamic State cell in Mosul on 2016-10-20 and 12 were killed in the fighting, a spokesman said. ISWAP is part of Islamic State, officials added.
""",
    "b_maiduguri_ambush.txt": """ISWAP fighters ambush soldiers near Maiduguri

ISWAP ambushed soldiers near Maiduguri on 2019-06-02 and 5 were killed, the Nigerian army said. Nobody else was hurt in the attack on the convoy that morning.
""",
    "c_mosul_followup.txt": """Mosul raid toll rises, officials say

The Iraqi Army raided an Islamic State hideout in Mosul on 2016-10-20 and 15 were killed, a hospital official said. Residents said the fighting lasted three hours.
""",
}
# surface form -> (id, type, country, admin1, lat, lon)
KNOWN = {
    "Iraqi Army": ("iraqi_army", "state_force", "IQ", None, None, None),
    "Islamic State": ("islamic_state", "armed_group", None, None, None, None),
    "ISWAP": ("iswap", "armed_group", "NG", None, None, None),
    "al-Shabaab": ("al_shabaab", "armed_group", "SO", None, None, None),
    "Mosul": ("mosul", "place", "IQ", "Nineveh", 36.335, 43.119),
    "Maiduguri": ("maiduguri", "place", "NG", "Borno", 11.846, 13.160),
    "Jilib": ("jilib", "place", "SO", "Middle Juba", 0.489, 42.771),
}
TRIGGERS = {"raided": "raid", "ambushed": "armed_clash", "airstrike": "airstrike"}
FIXED_NOW = "2026-01-02T03:04:05+00:00"


def _sentences(body: str):
    for m in re.finditer(r"[^.\n]+\.", body):
        text = m.group().strip()
        start = body.index(text, m.start())
        yield text, Span(start, start + len(text), text)


def _event(n: int, word: str, text: str, span: Span, ents: list[Entity]) -> Event:
    """The sentence's event: actors are the named parties before the trigger word,
    targets the armed groups after it."""
    before, after = text[:text.find(word)], text[text.find(word):]
    place = next((e for e in ents if e.type == "place" and e.name in text), None)
    row = KNOWN[place.name] if place else (None,) * 6
    killed = re.search(r"(\d+) were killed", text)
    date = re.search(r"\d{4}-\d{2}-\d{2}", text)
    return Event(
        id=f"e{n}", type=TRIGGERS[word], quote=text, span=span, location=place.id if place else None,
        admin1=row[3], country=row[2], latitude=row[4], longitude=row[5],
        where_precision=1 if place else None, date=date.group() if date else None,
        date_precision="day" if date else None,
        actors=[e.id for e in ents if e.type != "place" and e.name in before],
        targets=[e.id for e in ents if e.type == "armed_group" and e.name in after],
        killed_low=int(killed.group(1)) if killed else None,
        killed_best=int(killed.group(1)) if killed else None,
        killed_high=int(killed.group(1)) if killed else None)


def fake_extract(doc) -> Extraction:
    """Entities by substring; one event per sentence with a trigger word; "X is part of Y"."""
    ents = [Entity(eid, etype, form, [form], cc, basis="dictionary:test")
            for form, (eid, etype, cc, *_rest) in KNOWN.items() if form in doc.body]
    events, relations = [], []
    for text, span in _sentences(doc.body):
        word = next((w for w in TRIGGERS if w in text), None)
        if word:
            events.append(_event(len(events) + 1, word, text, span, ents))
        part = re.search(r"(\w[\w-]*) is part of ([\w -]+?),", text)
        if part:
            by = {e.name: e.id for e in ents}
            if part.group(1) in by and part.group(2) in by:
                relations.append(Relation(by[part.group(1)], "part_of", by[part.group(2)],
                                          text, span, "pattern:test"))
    return Extraction(document=doc, entities=ents, events=events, relations=relations)


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(api, "default_extractor", fake_extract)
    monkeypatch.setattr(judgements, "_now", lambda: FIXED_NOW)
    monkeypatch.delenv("RATLINE_DB", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(DEMO_PAGE, folder / DEMO_PAGE.name)
    return folder


@pytest.fixture
def corpus_db(fake, tmp_path, articles) -> Path:
    """All four documents stored, and one user judgement (fixed time, so a fixed id)."""
    db = tmp_path / "analyst.db"
    assert run("--db", db, "ingest", "--published", "2016-10-21", articles).exit_code == 0
    assert run("--db", db, "merge", "mosul", "maiduguri", "--note", "for the table").exit_code == 0
    assert run("--db", db, "judgements", "--undo",
               _only_judgement(db)).exit_code == 0            # undone: the entities come back
    return db


def _only_judgement(db: Path) -> str:
    import json
    rows = json.loads(run("--db", db, "judgements", "--format", "json").stdout)
    assert len(rows) == 1
    return rows[0]["id"]


@pytest.fixture
def cli():
    """``cli(*args)``: run the ratline command in-process (stdout and stderr apart)."""
    return run

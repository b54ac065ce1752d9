"""`ratline events` (merged events, --disputed, merge/split) and `ratline tallies`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratline.cli import main

DATA = Path(__file__).parent / "data" / "eventmerge"
BAQUBA = [str(DATA / n) for n in ("r1_wire_baquba.txt", "r2_daily_baquba.txt",
                                  "r3_weekly_baquba.txt", "r6_ramadi_bomb.txt")]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def db(new_db):
    """The Baquba reports ingested through the CLI, into each backend."""
    path = new_db()
    assert run("--db", path, "ingest", "--no-progress", *BAQUBA).exit_code == 0
    return path


def events(db):
    return json.loads(run("--db", db, "events", "--format", "json").stdout)


def test_cli_events_json_lists_each_event_with_its_reports(db):
    evs = events(db)
    assert len(evs) == 2
    raid = next(e for e in evs if len(e["reports"]) == 3)
    for r in raid["reports"]:
        assert r["doc"] and r["quote"] and r["end"] > r["start"] and r["report_id"]
        assert "killed_best" in r and "claim_source" in r and r["reported"]["date"]
    assert raid["best_rule"] and raid["judgements"]


def test_cli_events_disputed_lists_claims_with_sources(db):
    out = run("--db", db, "events", "--disputed")
    assert out.exit_code == 0
    assert "disputed: killed:" in out.stdout and "U.S. military" in out.stdout
    assert "Ramadi" not in out.stdout                    # one report, no disagreement
    as_json = json.loads(run("--db", db, "events", "--disputed", "--format", "json").stdout)
    assert len(as_json) == 1 and as_json[0]["disputed"]


def test_cli_events_split_and_merge_record_user_judgements(db):
    raid = next(e for e in events(db) if len(e["reports"]) == 3)
    out = run("--db", db, "events", "split", raid["event_id"], "r3_weekly_baquba.txt:e1")
    assert out.exit_code == 0, out.output
    assert len(events(db)) == 3
    alone = next(e for e in events(db) if e["reports"][0]["doc"] == "r3_weekly_baquba.txt")
    kept = next(e for e in events(db) if len(e["reports"]) == 2)
    merged = run("--db", db, "events", "merge", kept["event_id"], alone["event_id"])
    assert merged.exit_code == 0 and "(3 reports)" in merged.stdout
    assert len(events(db)) == 2
    bad = run("--db", db, "events", "split", "no-such-event", "r1_wire_baquba.txt:e1")
    assert bad.exit_code == 1 and "no event" in bad.stderr


def test_cli_tallies_without_tallies_says_none(db):
    out = run("--db", db, "tallies")
    assert out.exit_code == 0 and out.stdout.strip() == "(none)"
    assert json.loads(run("--db", db, "tallies", "--format", "json").stdout) == []

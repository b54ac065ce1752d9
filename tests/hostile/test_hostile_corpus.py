"""One ingest over the whole hostile corpus (``corpus.py``): every input gets one outcome,
stored or skipped with a one-line reason, the run ends, and no traceback is printed.

The real reader and pipeline run (the case is how users meet them).  Time and memory
per kind are figures for ``bench/bench_hostile.py``, not asserted here.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from ratline import render
from ratline.cli import main
from ratline.store.sqlite import Store
from .corpus import build


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    cases = build(root / "in", root / "alone")
    db = root / "h.db"
    alone = [c.path for c in cases if c.alone]
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--no-progress",
                                       str(root / "in"), *alone])
    return cases, result, db


def _skip_lines(stderr: str) -> dict[str, str]:
    out = {}
    for line in stderr.splitlines():
        m = re.match(r"skipped (.+?): (.*)$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def test_hostile_corpus_has_at_least_forty_kinds(ingested):
    cases, _, _ = ingested
    assert len({c.kind for c in cases}) >= 40


def test_hostile_corpus_run_ends_with_exit_two_and_no_traceback(ingested):
    _, result, _ = ingested
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code == 2                      # some inputs skipped, run completed


def test_hostile_corpus_every_input_has_its_outcome(ingested):
    cases, result, db = ingested
    skipped = _skip_lines(result.stderr)
    with Store.open(db, create=False) as store:
        stored = {r["source"] for r in store.query("SELECT source FROM documents")}
    for case in cases:
        reason = skipped.get(case.path)
        if case.outcome == "stored":
            assert case.path in stored and reason is None, (case.kind, reason)
        elif case.outcome == "skipped":
            assert reason is not None and case.path not in stored, (case.kind, sorted(skipped))
            assert all(w in reason.lower() for w in case.words), (case.kind, reason)
            assert "internal error" not in reason, (case.kind, reason)
        else:                                          # either, but one of the two
            assert (case.path in stored) != (reason is not None), case.kind


def test_hostile_corpus_skip_reasons_are_one_printable_line(ingested):
    _, result, _ = ingested
    for line in result.stderr.splitlines():
        assert line == render.printable(line)
        assert len(line) < 600


def test_hostile_corpus_evidence_is_only_the_article(ingested):
    cases, _, db = ingested
    by_kind = {c.kind: c.path for c in cases}
    with Store.open(db, create=False) as store:
        def doc(kind):
            [row] = store.query("SELECT * FROM documents WHERE source = ?", (by_kind[kind],))
            return row
        script = doc("<noscript> and <script> text")
        assert "77" not in script["body"] and "55 civilians" not in script["body"]
        assert script["published"] != "2001-01-01"
        events = store.query("SELECT killed_best FROM event_reports WHERE doc_id = ?", (script["doc_id"],))
        assert all(e["killed_best"] != 77 for e in events)
        donate = doc("donation box")
        assert "donate" not in donate["body"].lower()
        assert any("donate" in b.lower() for b in json.loads(donate["boilerplate"]))
        overflow = doc("number beyond 64 bits")
        figures = store.query("SELECT killed_best, killed_high, wounded FROM event_reports WHERE doc_id = ?",
                              (overflow["doc_id"],))
        assert all(abs(v) < 2 ** 63 for row in figures for v in row.values() if v is not None)


def test_hostile_corpus_outputs_strip_terminal_controls(ingested):
    _, _, db = ingested
    runner = CliRunner()
    for args in (["events"], ["events", "--format", "csv"], ["entities"], ["summary"]):
        out = runner.invoke(main, ["--db", str(db), *args])
        assert out.exit_code == 0, out.output
        assert not re.search("[\x07\x08\x1b\u202e]", out.output), args
    js = runner.invoke(main, ["--db", str(db), "export", "--format", "json"]).output
    assert "\u202e" not in js and ("\\u202e" in js)    # escaped in JSON, not lost

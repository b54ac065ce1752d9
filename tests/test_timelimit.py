"""The per-document time limit: a document that takes too long is skipped with the reason
and the run goes on (the limit here is a fraction of a second; nothing about speed is
asserted, only what happens past the limit)."""
from __future__ import annotations

import time

from click.testing import CliRunner

from ratline import api, timelimit
from ratline.cli import main
from ratline.schema import Extraction

FAST = "Raid in Basra\n\nIraqi troops detained five men in Basra on Tuesday, the army said.\n"
SLOW = "Raid in Kut\n\nIraqi troops detained two men in Kut on Monday, the army said.\n"


def _extract(doc):
    if "Kut" in doc.body:
        while True:                       # a pathological input: never finishes on its own
            time.sleep(0.01)
    return Extraction(document=doc, entities=[], mentions=[], relations=[], events=[],
                      tallies=[], conflicts=[])


def test_timelimit_slow_document_is_skipped_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "default_extractor", _extract)
    monkeypatch.setattr(timelimit, "_chosen", [])         # --time-limit is per process
    (tmp_path / "a_slow.txt").write_text(SLOW, encoding="utf-8")
    (tmp_path / "b_fast.txt").write_text(FAST, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "t.db"), "ingest", "--no-progress",
                                       "--time-limit", "0.3", str(tmp_path)])
    assert result.exit_code == 2
    assert "a_slow.txt" in result.stderr and "per-document time limit" in result.stderr
    assert result.output.startswith("1 stored")          # the next document was stored


def test_timelimit_setting_from_environment(monkeypatch):
    monkeypatch.setattr(timelimit, "_chosen", [])
    monkeypatch.setenv("RATLINE_TIME_LIMIT", "12.5")
    assert timelimit.default_seconds() == 12.5
    monkeypatch.setenv("RATLINE_TIME_LIMIT", "0")
    assert timelimit.default_seconds() is None
    monkeypatch.delenv("RATLINE_TIME_LIMIT")
    assert timelimit.default_seconds() == timelimit.DEFAULT_SECONDS


def test_timelimit_in_a_worker_thread_raises_there_and_nowhere_else():
    """Dask runs tasks in threads; the limit must still stop the slow one, and a
    block that ends in time must leave nothing pending behind it."""
    import threading

    outcome = []

    def work(slow: bool) -> None:
        try:
            with timelimit.time_limit(0.2):
                end = time.monotonic() + (5 if slow else 0.01)
                while time.monotonic() < end:
                    time.sleep(0.005)
            time.sleep(0.4)                  # past the limit, outside the block: no late raise
            outcome.append(("done", slow))
        except timelimit.TimeLimitExceeded as exc:
            outcome.append((str(exc), slow))

    for slow in (True, False):
        t = threading.Thread(target=work, args=(slow,))
        t.start()
        t.join(10)
    assert outcome[0][1] is True and "0.2 s per-document time limit" in outcome[0][0]
    assert outcome[1] == ("done", False)

"""Extraction on Dask workers makes the store a serial ingest makes.

Real ``dask.distributed`` clusters of two worker processes: one that ratline starts
itself (``workers=2``) and one started here whose address is given as ``--scheduler``.
Stores are compared whole (documents, entities with their ids, aliases, events by the
reports they merge, relations) against a serial ingest of the same inputs: the demo
corpus, whose Kandahar raid is reported by two documents that land on different
workers, and the Iraq seeds, whose network is named several ways across documents.
"""
from __future__ import annotations

from pathlib import Path

import cloudpickle
import pytest
from click.testing import CliRunner

from ratline import parallel, timelimit
from ratline.api import Corpus
from ratline.cli import main

from . import failing
from .snapshot import snapshot

distributed = pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "corpus" / "demo"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
INPUTS = [str(DEMO)] + ([str(SEEDS)] if SEEDS.is_dir() else [])


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address="127.0.0.1:0", silence_logs=40) as c:
        yield c


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("serial") / "serial.db"
    with Corpus(db) as corpus:
        report = corpus.ingest(INPUTS, progress=False)
    assert report.stored >= 8 and not report.skipped
    return snapshot(db)


@pytest.fixture(autouse=True)
def no_chosen_limit(monkeypatch):
    monkeypatch.setattr(timelimit, "_chosen", [])      # --time-limit is per process


def test_workers_2_store_equals_serial_ingest(tmp_path, serial):
    db = tmp_path / "workers.db"
    with Corpus(db) as corpus:
        report = corpus.ingest(INPUTS, progress=False, workers=2)
    assert report.stored == len(serial["documents"]) and not report.skipped
    got = snapshot(db)
    assert got == serial
    multi = [m for _, m in got["events"] if len({doc for doc, _ in m}) > 1]
    assert multi, "no event merged across documents: the comparison would prove little"


def test_cli_scheduler_store_equals_serial_ingest(tmp_path, serial, cluster):
    db = tmp_path / "scheduler.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--no-progress",
                                       "--scheduler", cluster.scheduler_address, *INPUTS])
    assert result.exit_code == 0, result.output + result.stderr
    assert result.output.startswith(f"{len(serial['documents'])} stored, 0 already present, 0 skipped")
    assert snapshot(db) == serial


def test_resumed_run_sends_only_new_documents_to_the_workers(tmp_path, serial, cluster, monkeypatch):
    db = tmp_path / "resume.db"
    with Corpus(db) as corpus:
        first = corpus.ingest([str(DEMO)], progress=False)
    sent: list[str] = []
    real = parallel.extract_in_order

    def recording(client, docs, *args, **kw):
        def tap():
            for d in docs:
                sent.append(d.name)
                yield d
        return real(client, tap(), *args, **kw)

    monkeypatch.setattr(parallel, "extract_in_order", recording)
    with Corpus(db) as corpus:
        again = corpus.ingest(INPUTS, progress=False, scheduler=cluster.scheduler_address)
    assert again.already_present == first.stored
    assert again.stored == len(serial["documents"]) - first.stored
    assert sorted(sent) == sorted(n for _, n in serial["documents"] if not n.startswith("d0"))
    assert snapshot(db) == serial

    def no_cluster(*_a, **_k):
        raise AssertionError("a cluster was started with nothing to extract")

    monkeypatch.setattr(parallel, "dask_client", no_cluster)
    with Corpus(db) as corpus:                         # all stored: nothing is sent anywhere
        done = corpus.ingest(INPUTS, progress=False, workers=2)
    assert (done.stored, done.already_present) == (0, len(serial["documents"]))


def test_bad_document_on_a_worker_is_skipped_with_the_serial_reason(tmp_path, cluster):
    src = tmp_path / "in"
    src.mkdir()
    text = (DEMO / "d05_borno_hostages_freed.txt").read_text("utf-8")
    cut = text.index(". ", len(text) // 2) + 2                   # mid-body: reads as an article,
    bad = f"{text[:cut]}{failing.MARK} {text[cut:]}"           # fails extraction
    (src / "a_bad.txt").write_text(bad, encoding="utf-8")
    (src / "b_good.txt").write_text((DEMO / "d02_mosul_financier_arrest.txt").read_text("utf-8"),
                                    encoding="utf-8")
    cloudpickle.register_pickle_by_value(failing)      # the workers cannot import tests/
    try:
        reasons = {}
        for name, kw in (("serial", {}), ("dask", {"scheduler": cluster.scheduler_address})):
            with Corpus(tmp_path / f"{name}.db", extractor=failing.extract_or_fail) as corpus:
                report = corpus.ingest([str(src)], progress=False, **kw)
            assert report.stored == 1
            reasons[name] = [(s.source, s.reason) for s in report.skipped]
    finally:
        cloudpickle.unregister_pickle_by_value(failing)
    assert reasons["dask"] == reasons["serial"]
    [(source, reason)] = reasons["dask"]
    assert source.endswith("a_bad.txt")
    assert reason == "extraction failed: ValueError: marked document a_bad.txt"


def test_time_limit_applies_on_a_worker(tmp_path, cluster):
    db = tmp_path / "limit.db"
    long_seed = SEEDS / "004_38e647e6a9f4d03a.txt" if SEEDS.is_dir() else DEMO / "d06_deir_ez_zor_wali_killed.html"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--no-progress", "--time-limit", "0.05",
                                       "--scheduler", cluster.scheduler_address, str(long_seed)])
    assert result.exit_code == 2
    assert f"skipped {long_seed}: extraction took longer than the 0.05 s per-document time limit" \
        in result.stderr


def test_workers_and_scheduler_together_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "ingest", "--workers", "2",
                                       "--scheduler", "tcp://127.0.0.1:1", str(DEMO)])
    assert result.exit_code == 2 and "not both" in result.stderr

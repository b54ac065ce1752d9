"""Two processes ingesting into one database at once lose and duplicate nothing.

Why this test: a team points several ``ratline ingest`` runs (or Dask workers'
writers) at one PostgreSQL database.  Each process keeps an in-memory index of
the stored entities; if it resolved a document against a stale index it would
make a second entity for one already stored by the other process, and a
document's events would miss the other's reports.  The store resolves each
document under the database's write lock, against an index refreshed when
another process has written since (``api.Corpus.add``).

The reference is one process storing the same documents in the order the two
processes' commits actually took: the same documents, entities, links, aliases
and events must come out, and the same reports grouped into each event.  (That
the result does not depend on the order at all is the merge's own promise,
tested with the merge.)
"""
from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ratline.api import Corpus
from ratline.ingest import read_inputs
from ratline.pipeline import extract

DATA = Path(__file__).parents[1] / "data"
TABLES = ("documents", "entities", "entity_links", "aliases", "mentions", "relations",
          "events", "event_reports", "tallies")

WORKER = textwrap.dedent("""
    import pickle, sys, time
    from pathlib import Path
    from ratline.api import Corpus
    db, pickled, part, go = sys.argv[1:5]
    extractions = pickle.loads(Path(pickled).read_bytes())
    corpus = Corpus(db)
    corpus.index                                   # loaded before the other one writes
    Path(go + "." + part).touch()
    while not Path(go).exists():                   # both start storing together
        time.sleep(0.01)
    for i, ex in enumerate(extractions):
        if i % 2 == int(part):
            assert corpus.add(ex) is True
    corpus.close()
""")


@pytest.fixture(scope="module")
def extractions():
    """Real extractions of reports that share actors and events (read once)."""
    paths = sorted(str(p) for d in ("eventmerge", "resolution") for p in (DATA / d).glob("*.txt"))
    return [extract(doc) for doc in read_inputs(paths)]


def _run_two_writers(db, extractions, folder: Path) -> None:
    pickled, go = folder / "extractions.pickle", folder / "go"
    pickled.write_bytes(pickle.dumps(extractions))
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(db), str(pickled), part, str(go)],
                              stderr=subprocess.PIPE, text=True) for part in ("0", "1")]
    ready = [Path(f"{go}.{part}") for part in ("0", "1")]
    for _ in range(3000):                          # at most 60 s for both to load
        if all(p.exists() for p in ready) or any(p.poll() is not None for p in procs):
            break
        subprocess.run(["sleep", "0.02"])
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err


def snapshot(db) -> dict:
    """What must agree: row counts, entity ids, and which reports make each event."""
    with Corpus(db, create=False) as corpus:
        store = corpus.store
        groups: dict[str, set] = {}
        for r in store.query("SELECT event_id, doc_id, local_id FROM event_reports"):
            groups.setdefault(r["event_id"], set()).add(f"{r['doc_id']}:{r['local_id']}")
        return {
            "counts": {t: store.count(t) for t in TABLES},
            "entities": sorted(r["id"] for r in store.query("SELECT id FROM entities")),
            "links": sorted((r["doc_id"], r["local_id"], r["entity_id"]) for r in store.query(
                "SELECT doc_id, local_id, entity_id FROM entity_links")),
            "events": sorted(sorted(g) for g in groups.values()),
            "order": [r["doc_id"] for r in store.query("SELECT doc_id FROM documents ORDER BY rowid")],
        }


def test_two_processes_ingesting_at_once_lose_and_duplicate_nothing(new_db, tmp_path, extractions):
    together = new_db("together.db")
    _run_two_writers(together, extractions, tmp_path)
    got = snapshot(together)
    assert got["counts"]["documents"] == len(extractions)          # nothing lost
    assert len(set(got["order"])) == len(extractions)               # nothing twice
    by_id = {ex.document.doc_id: ex for ex in extractions}
    alone = new_db("alone.db")
    with Corpus(alone) as corpus:                                    # one writer, same order
        for doc_id in got["order"]:
            corpus.add(by_id[doc_id])
    want = snapshot(alone)
    assert got == want
    assert want["counts"]["events"] < want["counts"]["event_reports"]   # reports did merge
    assert any(rule != "new" for rule, in _rules(together))              # documents did link


def _rules(db) -> list[tuple[str]]:
    with Corpus(db, create=False) as corpus:
        return [(r["rule"],) for r in corpus.store.query("SELECT rule FROM entity_links")]

"""A corpus database built once for the web tests: the five sample pages
(../shared/corpus/seeds) and one article whose text holds markup meant to run."""
from __future__ import annotations

from pathlib import Path

import pytest

from ratline.api import Corpus

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
HOSTILE = Path(__file__).parent / "data" / "hostile_report.txt"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    path = tmp_path_factory.mktemp("web") / "seeds.db"
    with Corpus(path) as corpus:
        report = corpus.ingest([str(SEEDS), str(HOSTILE)], progress=False)
        assert report.stored == 6, report.skipped
    return str(path)


@pytest.fixture(scope="session")
def hostile_doc_id(web_db) -> str:
    with Corpus(web_db) as corpus:
        rows = corpus.store.query("SELECT doc_id FROM documents WHERE name = ?", (HOSTILE.name,))
    return rows[0]["doc_id"]

"""The server's hold on one corpus: a Corpus per worker thread, answers cached
until the corpus changes, and the write token.

Why per thread: sqlite3 connections belong to the thread that opened them and
the framework answers plain functions from a thread pool.  Why a cache: the
network and the event list are built from the whole store (a few hundred
milliseconds at 10,000 events) while the store changes only on ingest or a
judgement; the fingerprint (row counts and latest timestamps) notices both.
"""
from __future__ import annotations

import hmac
import threading
from collections import OrderedDict
from typing import Any, Callable

from ratline.api import Corpus
from ratline.web.search import SearchIndex

FINGERPRINT_SQL = (
    "SELECT (SELECT COUNT(*) FROM documents), (SELECT MAX(ingested_at) FROM documents), "
    "(SELECT COUNT(*) FROM entity_judgements), (SELECT MAX(made_at) FROM entity_judgements), "
    "(SELECT COUNT(*) FROM event_judgements), (SELECT MAX(made_at) FROM event_judgements), "
    "(SELECT COUNT(*) FROM entities)")


class Site:
    """Shared state of one running app."""

    def __init__(self, db_path: str, write_token: str | None = None, cache_size: int = 64):
        self.db_path = db_path
        self.write_token = write_token or None
        self._local = threading.local()
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._fingerprint: tuple | None = None

    @property
    def corpus(self) -> Corpus:
        corpus = getattr(self._local, "corpus", None)
        if corpus is None:
            corpus = self._local.corpus = Corpus(self.db_path)
        return corpus

    def fingerprint(self) -> tuple:
        return tuple(self.corpus.store.conn.execute(FINGERPRINT_SQL).fetchone())

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key for as long as the corpus stays the same."""
        fp = self.fingerprint()
        with self._lock:
            if fp != self._fingerprint:
                self._cache.clear()
                self._fingerprint = fp
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._lock:
            if self._fingerprint == fp:
                self._cache[key] = value
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return value

    def search_index(self) -> SearchIndex:
        return self.cached(("search",), lambda: SearchIndex.build(self.corpus.store))

    @property
    def writable(self) -> bool:
        return self.write_token is not None

    def may_write(self, given: str | None) -> bool:
        """Only a server started with a token accepts writes, and only with that token."""
        if not self.write_token or not given:
            return False
        return hmac.compare_digest(given.encode(), self.write_token.encode())

    def close(self) -> None:
        corpus = getattr(self._local, "corpus", None)
        if corpus is not None:
            corpus.close()
            self._local.corpus = None

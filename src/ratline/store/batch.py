"""Several documents in one transaction, each of them still stored whole or not at all.

Why: a COMMIT per document cost ~3.4 ms of a ~17 ms store step at 5,000-6,000
documents (the pages a document dirtied written to the WAL, and the checkpoints
that follow).  Pages several documents dirty (the ends of rowid tables, index pages
shared by neighbouring keys) are written once per batch instead: COMMIT fell to
~1.4 ms a document in batches of 50 and ~0.6 in batches of 200.  The savepoints
cost some of it back (~0.45 ms a document: SQLite keeps the prior content of pages
the batch had already dirtied, in case a document is rolled back).

How each document stays atomic: inside a batch, ``Store.transaction`` is a
SAVEPOINT; a document that fails is rolled back to it (its rows gone, the
documents before it kept) and the error goes on to the caller, as it does
without a batch.  The batch commits after ``documents`` documents or ``seconds``
seconds, whichever comes first, and whenever its owner is about to wait
(``commit``: the ingest loop calls it before it waits for an extraction), so the
write lock is never held while nothing is being written, and readers see new
documents within a couple of seconds.

Resuming stays correct: a document counts as stored once its batch commits.  A
kill or a power cut loses at most the batch's uncommitted documents, which are not
in ``documents`` either, so the next ingest stores them again.  An exception
leaving the batch (Ctrl-C between two documents) commits the documents finished
before it; one raised while a document was half written rolls the whole batch
back (its savepoint may not have been undone), and the owner forgets what it
cached about them (``api.Corpus.batch`` drops the resolver's index).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

DOCUMENTS = 100         # at 10-30 ms a document, 1-3 s of writing, cut at SECONDS
SECONDS = 2.0


class Batch:
    """One open transaction shared by the documents stored in it."""

    def __init__(self, conn, dialect, documents: int = DOCUMENTS, seconds: float = SECONDS):
        self.conn, self.dialect = conn, dialect
        self.documents, self.seconds = max(1, documents), seconds
        self.open = False           # a transaction is open
        self.dirty = False          # a document is half written (or a COMMIT failed)
        self.count = 0
        self.started = 0.0

    @contextmanager
    def document(self) -> Iterator[None]:
        """One document's writes, under a savepoint of the batch's transaction."""
        if not self.open:
            self.dialect.begin(self.conn)
            self.open, self.count, self.started = True, 0, time.monotonic()
        self.conn.execute("SAVEPOINT ratline_document")
        self.dirty = True
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO SAVEPOINT ratline_document")
            self.conn.execute("RELEASE SAVEPOINT ratline_document")
            self.dirty = False
            raise
        self.conn.execute("RELEASE SAVEPOINT ratline_document")
        self.dirty = False
        self.count += 1
        if self.count >= self.documents or time.monotonic() - self.started >= self.seconds:
            self.commit()

    def commit(self) -> None:
        """Commit the documents stored so far (nothing to do when none is)."""
        if not self.open:
            return
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.dirty = True       # the transaction's state is unknown: end() rolls it back
            raise
        self.open = False

    def end(self, failed: bool) -> None:
        """Leave the batch: commit, or roll back when a document may be half written."""
        if not self.open:
            return
        if not (failed and self.dirty):
            try:
                self.commit()
                return
            except BaseException:
                self._rollback()
                raise
        self._rollback()

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except Exception:           # the database already ended it (SQLite does on some errors)
            pass
        self.open = self.dirty = False


@contextmanager
def batched(store, documents: int = DOCUMENTS, seconds: float = SECONDS) -> Iterator[Batch]:
    """``store.transaction`` as savepoints of shared transactions until the block ends;
    inside another batch, that one decides."""
    if store._batch is not None:
        yield store._batch
        return
    store._batch = batch = Batch(store.conn, store.dialect, documents, seconds)
    try:
        yield batch
    except BaseException:
        batch.end(failed=True)
        raise
    else:
        batch.end(failed=False)
    finally:
        store._batch = None

"""The store: one schema, one transaction per document, on SQLite (a file, the
default) or PostgreSQL (``postgresql://...``, for teams; ``store/pgsql.py``).

Why one transaction per document: ingesting is a long loop that a user may
interrupt (Ctrl-C, a kill, a full disk).  Each document's rows — the document,
its new canonical entities, links, aliases, mentions, relations, events,
tallies, conflicts — are written together or not at all, keyed by the content
hash ``doc_id``.  A document already stored is skipped, so the next run simply
resumes.  (Several documents may share one transaction, each under a savepoint,
when the caller asks for a batch: ``store/batch.py``.)  WAL mode lets readers (a
notebook, the web UI) query while an ingest is writing.  On PostgreSQL the same
code runs through a connection that reads SQLite's SQL (``pgsql.Connection``); what
differs — locking, looking at the schema, DDL types — is the dialect's
(``SQLiteDialect`` here, ``pgsql.PostgresDialect``).

The store knows the schema, not how the facts were found: it takes an
``Extraction`` and the ``Resolution`` the resolver planned for it.
"""
from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

from ratline.resolve.crossdoc import Canonical, Resolution
from ratline.resolve.names import norm
from ratline.schema import Extraction
from ratline.store.rows import COLUMNS, TABLE_ORDER, alias_occurrences, rows_for
from ratline.store import batch as batching
from ratline.store import migrate, pgsql

SCHEMA_VERSION = "1"
# Prepared statements sqlite3 keeps per connection (its default is 128).  The store
# step runs more distinct texts than that per document stream (event merging's
# candidate statements alone: ~115 over 1,000 documents, their text varying with a
# report's parties and date precision), so at 128 they were evicted and prepared
# again and again: cProfile over documents 5,000-6,000 from a 5,000-document store,
# SQL execute 4.8 s per 1,000 documents at 128 and 2.5 at 512 (store step 19.0 ->
# 14.1 ms/doc under the profiler).
STATEMENT_CACHE = 512
# Pages written to the WAL between two automatic checkpoints (see ``on_open``).
# 1,000 (SQLite's) -> 10,000 (session 12): 4 ms of ~28 a document at 13,000
# documents.  10,000 -> 40,000 (scale8): in a batch, a commit that checkpoints took
# 0.35-0.65 s at 12,000 documents against ~0.06 for one that does not, 4-5 of them
# per 1,000 documents; at 40,000 one of ~0.8-1.3 s (the pages rewritten between
# checkpoints are written once): COMMIT 2.3-2.5 -> 1.4-2.0 s per 1,000 documents.
WAL_CHECKPOINT = 40000

# Errors of either database, for ``except`` (PostgreSQL's are subclasses, pgsql.py):
# a clash on a key another writer took, a database that cannot be used as asked
# (locked, full, gone), anything else the database reports.
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError
DatabaseError = sqlite3.DatabaseError

# Every committed write counts one more generation (meta 'generation'): a process
# whose resolver index was built at an older one reloads it before resolving, so
# writers in several processes see each other's entities (api.Corpus.add).
_BUMP = ("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
         "WHERE key = 'generation'")


class StoreError(Exception):
    """A database that cannot be used as asked; the message says which file and what to do."""


class StoreMissing(StoreError):
    """A command that only reads was given a database file that does not exist."""


def _unusable(path: str, exc: sqlite3.Error) -> StoreError:
    """The one-line reason a database file could not be opened or written."""
    msg = str(exc)
    low = msg.lower()
    if "not a database" in low or "malformed" in low:
        return StoreError(f"{path} is not a ratline database (not an SQLite file, or a damaged one): {msg}")
    if "readonly" in low or "read-only" in low:
        return StoreError(f"database {path} is read-only ({msg}); copy it somewhere writable "
                          "or fix its permissions")
    if "locked" in low or "busy" in low:
        return StoreError(f"database {path} is locked by another process ({msg}); try again when it ends")
    if "unable to open" in low:
        return StoreError(f"database {path} could not be opened ({msg}): check the path and permissions")
    return StoreError(f"database {path} could not be used ({type(exc).__name__}: {msg})")


class SQLiteDialect:
    """What the store does differently on SQLite: locking, introspection, DDL."""
    name = "sqlite"

    def begin(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")     # the write lock now, not at the first write

    def has_table(self, conn: sqlite3.Connection, table: str) -> bool:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (table,)).fetchone() is not None

    def table_columns(self, conn: sqlite3.Connection, table: str) -> set[str]:
        return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}

    def column_decl(self, decl: str) -> str:
        return decl

    def run_script(self, conn: sqlite3.Connection, script: str) -> None:
        conn.executescript(script)

    def on_open(self, conn: sqlite3.Connection, path: str) -> None:
        conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")   # durable enough under WAL
            # A checkpoint (the WAL copied into the file) every WAL_CHECKPOINT
            # pages, not SQLite's 1,000: a document dirties ~85 pages, mostly the
            # same index pages as the documents before it, so a checkpoint every
            # ~12 documents wrote those pages again and again (the store step's
            # COMMIT grew with the store).  The WAL grows to ~160 MB between
            # checkpoints; a power cut may lose the documents since the last one
            # (not the file), which the next ingest stores again (it resumes).
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT}")
        # SQLite's default page cache is 2 MB: past a few hundred documents each
        # candidate lookup and each commit read index pages back through the OS.
        # 64 MB (an upper bound, allocated as used) keeps a 20,000-document store's hot pages.
        conn.execute("PRAGMA cache_size = -65536")


SQLITE = SQLiteDialect()
POSTGRES = pgsql.PostgresDialect()


def exists(target: str | Path) -> bool:
    """Whether a database is there to read: an SQLite file, or a PostgreSQL URL (its
    server says whether it holds a ratline schema when it is opened)."""
    return pgsql.is_url(target) or Path(target).exists()


def schema_sql() -> str:
    """The portable DDL shipped beside this module."""
    return (resources.files("ratline.store") / "schema.sql").read_text(encoding="utf-8")


class Store:
    """A ratline corpus database (SQLite file or PostgreSQL URL)."""

    def __init__(self, conn, path: str, dialect=SQLITE):
        self.conn = conn
        self.path = path
        self.dialect = dialect
        self._batch: batching.Batch | None = None     # open while ``batch()`` is

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> "Store":
        """Open a database file with the schema in place, creating it (and its folder)
        only if ``create``: a command that reads never makes an empty database out of a
        mistyped path (``StoreMissing``).  A file that is not SQLite, read-only or
        locked raises ``StoreError`` with the path and what to do."""
        path = str(path)
        if pgsql.is_url(path):
            return cls._open_postgres(path, create)
        if path != ":memory:":
            if not create and not Path(path).exists():
                raise StoreMissing(
                    f"no database at {path}: check --db (or $RATLINE_DB); "
                    f"`ratline --db {path} ingest PATH...` creates one")
            if Path(path).is_dir():
                raise StoreError(f"{path} is a folder, not a database file")
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"could not create the folder for database {path} "
                                 f"({exc.strerror or exc})") from exc
        read_only = not create and path != ":memory:" and not os.access(path, os.W_OK)
        try:
            conn = _connect_read_only(path) if read_only else \
                sqlite3.connect(path, isolation_level=None, timeout=30.0,
                                cached_statements=STATEMENT_CACHE)
        except sqlite3.Error as exc:
            raise _unusable(path, exc) from exc
        try:
            if read_only:       # a file we may only read: answer questions, change nothing
                return cls._checked_read_only(conn, path)
            return cls._prepare(conn, path, create)
        except sqlite3.Error as exc:
            conn.close()
            raise _unusable(path, exc) from exc
        except StoreError:
            conn.close()
            raise

    @classmethod
    def _open_postgres(cls, url: str, create: bool) -> "Store":
        """The schema in place in the PostgreSQL database (and schema) ``url`` names;
        ``StoreMissing`` when only reading and no ratline tables are there."""
        shown = pgsql.safe_url(url)
        try:
            conn = pgsql.connect(url)
        except sqlite3.Error as exc:
            raise StoreError(f"PostgreSQL database {shown} could not be opened: "
                             f"{' '.join(str(exc).split())}") from exc
        try:
            if not create and not POSTGRES.has_table(conn, "documents"):
                raise StoreMissing(f"no ratline database at {shown}: check --db (or $RATLINE_DB); "
                                   f"`ratline --db URL ingest PATH...` creates one")
            store = cls(conn, url, POSTGRES)
            if not POSTGRES.schema_current(conn, schema_sql()):
                with store.transaction(bump=False):   # one process creates or upgrades it at a time
                    store._install_schema()
            return store
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"PostgreSQL database {shown} could not be used: "
                             f"{' '.join(str(exc).split())}") from exc
        except StoreError:
            conn.close()
            raise

    @classmethod
    def _checked_read_only(cls, conn: sqlite3.Connection, path: str) -> "Store":
        conn.row_factory = sqlite3.Row
        if not SQLITE.has_table(conn, "documents"):
            raise StoreError(f"{path} is an SQLite file but not a ratline database (no documents table)")
        return cls(conn, path)

    @classmethod
    def _prepare(cls, conn: sqlite3.Connection, path: str, create: bool) -> "Store":
        """The schema in place on an open connection (a file of another application is
        refused when not creating, rather than filled with ratline's tables)."""
        # isolation_level=None (in open): we issue BEGIN/COMMIT ourselves, so a
        # document's transaction boundaries are exactly the ones written below.
        conn.row_factory = sqlite3.Row
        if not create and path != ":memory:" and not SQLITE.has_table(conn, "documents"):
            raise StoreError(f"{path} is an SQLite file but not a ratline database (no documents table)")
        SQLITE.on_open(conn, path)
        store = cls(conn, path, SQLITE)
        store._install_schema()
        return store

    def _install_schema(self) -> None:
        """Tables, indexes and columns of this version in place (a database from an
        older version gains the columns and tables it lacks, filled from its rows)."""
        schema = schema_sql()
        added = migrate.add_missing_columns(self.conn, schema, self.dialect)
        new_tables = migrate.missing_tables(self.conn, schema, self.dialect)
        self.dialect.run_script(self.conn, schema)
        migrate.backfill(self.conn, added)
        migrate.backfill_tables(self.conn, new_tables)
        for key, value in (("schema_version", SCHEMA_VERSION), ("generation", "0")):
            self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO NOTHING", (key, value))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self, bump: bool = True) -> Iterator[sqlite3.Connection]:
        """BEGIN (with the database's write lock) ... COMMIT, rolled back on any
        exception, Ctrl-C included.  ``bump=False``: a write that changes no fact
        (the schema), so other writers need not reload their index.  Inside
        ``batch()``, a savepoint of the batch's transaction instead."""
        if self._batch is not None:
            with self._batch.document():
                yield self.conn
                if bump:
                    self.conn.execute(_BUMP)
            return
        self.dialect.begin(self.conn)
        try:
            yield self.conn
            if bump:
                self.conn.execute(_BUMP)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def batch(self, documents: int = batching.DOCUMENTS, seconds: float = batching.SECONDS):
        """A block whose documents share transactions (``store/batch.py``)."""
        return batching.batched(self, documents, seconds)

    def commit_batch(self) -> None:
        """Commit what an open batch holds (before waiting, so no lock is held idle)."""
        if self._batch is not None:
            self._batch.commit()

    def generation(self) -> int:
        """How many write transactions the database has committed (see ``_BUMP``)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    # -- writing ----------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row is not None

    def add(self, ex: Extraction, res: Resolution | Callable[[], Resolution],
            after: Callable[[sqlite3.Connection], None] | None = None) -> bool:
        """Store one document atomically; False (and no change) if already stored.

        ``res`` may be a function that plans the resolution: it is then called
        inside the transaction, holding the write lock, so it resolves against
        everything other writers committed.  ``after(conn)`` runs inside the same
        transaction once the rows are in (the API uses it to merge the document's
        events with stored ones)."""
        doc = ex.document
        with self.transaction() as conn:
            if self.has_document(doc.doc_id):
                return False
            if callable(res):
                res = res()
            rows = rows_for(ex, res)
            for table in TABLE_ORDER:
                self._insert(conn, table, rows[table])
            self._merge_aliases(conn, ex, res)
            if after is not None:
                after(conn)
        return True

    def _insert(self, conn: sqlite3.Connection, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        cols = COLUMNS[table]
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        conn.executemany(sql, [tuple(map(_storable, r)) for r in rows])

    def _merge_aliases(self, conn: sqlite3.Connection, ex: Extraction, res: Resolution) -> None:
        """One row per alias per entity; widen its first/last seen dates.

        ``doc_id`` is the earliest-dated document using the alias (the first
        stored one while dates are unknown).  The document's aliases are read in
        one query and written in two batches: on PostgreSQL each statement is a
        round trip to the server.
        """
        doc = ex.document
        when = doc.published
        occurrences = alias_occurrences(ex, res)
        stored = self._stored_aliases(conn, sorted({eid for eid, _, _ in occurrences}))
        inserts, updates = [], []
        for entity_id, alias, etype in occurrences:
            row = stored.get((entity_id, alias))
            if row is None:
                inserts.append((entity_id, alias, norm(alias, person=etype == "person"),
                                doc.doc_id, when, when))
                continue
            if not when:
                continue
            src, first, last = row
            if first is None or when < first:
                first, src = when, doc.doc_id
            if last is None or when > last:
                last = when
            if (src, first, last) != row:
                updates.append((src, first, last, entity_id, alias))
        if inserts:
            conn.executemany(
                "INSERT INTO aliases (entity_id, alias, norm, doc_id, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?, ?)", inserts)
        if updates:
            conn.executemany("UPDATE aliases SET doc_id = ?, first_seen = ?, last_seen = ? "
                             "WHERE entity_id = ? AND alias = ?", updates)

    @staticmethod
    def _stored_aliases(conn, entity_ids: list[str]) -> dict[tuple[str, str], tuple]:
        """(entity id, alias) -> (doc_id, first_seen, last_seen) of those entities."""
        out: dict[tuple[str, str], tuple] = {}
        for i in range(0, len(entity_ids), 500):
            part = entity_ids[i:i + 500]
            for r in conn.execute("SELECT entity_id, alias, doc_id, first_seen, last_seen FROM aliases "
                                  f"WHERE entity_id IN ({', '.join('?' * len(part))})", part):
                out[(r[0], r[1])] = (r[2], r[3], r[4])
        return out

    # -- reading ----------------------------------------------------------------
    def canonical_entities(self) -> Iterator[tuple[Canonical, list[str]]]:
        """Every canonical entity with its aliases, to rebuild the resolver's index."""
        aliases: dict[str, list[str]] = {}
        # the labels documents gave (entity_links.name) count too, as they did
        # for the resolver that stored them
        for row in self.conn.execute(
                "SELECT entity_id, alias FROM aliases UNION SELECT entity_id, name FROM entity_links"):
            aliases.setdefault(row["entity_id"], []).append(row["alias"])
        for row in self.conn.execute("SELECT id, type, name, country FROM entities ORDER BY rowid"):
            yield (Canonical(row["id"], row["type"], row["name"], row["country"]),
                   aliases.get(row["id"], []))

    def query(self, sql: str, params: tuple | list = ()) -> list[dict]:
        """Rows as plain dicts (JSON columns left as text)."""
        return [dict(r) for r in self.conn.execute(sql, params)]

    def count(self, table: str) -> int:
        if table not in COLUMNS and table != "aliases":
            raise ValueError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A connection that never writes, for a database file we may not write: commands
    that only read still work.  A WAL database whose folder we may not write either
    cannot get its shared-memory file, so it is then opened as immutable."""
    uri = "file:" + urllib.parse.quote(os.path.abspath(path))
    try:
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, timeout=30.0)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None)


_INT64 = 2 ** 63


def _storable(value):
    """A value SQLite can hold: an integer beyond 64 bits ("99999999999999999999999
    wounded") is no count anyone reported and would make the whole document
    unstorable (OverflowError), so it is stored as unknown (NULL); the quotation
    keeps the digits."""
    if isinstance(value, int) and not isinstance(value, bool) and not -_INT64 <= value < _INT64:
        return None
    return value


def loads(text: str | None, default=None):
    """Parse a JSON column, tolerating NULL."""
    if text is None:
        return default
    return json.loads(text)

"""Kill ``ratline ingest`` with SIGKILL at random moments, resume, and compare the
database with one from an uninterrupted run.

SIGKILL cannot be caught: no ``finally`` runs, no rollback is issued.  What keeps
the database whole is SQLite's journal and ingest storing each document in one
transaction.  Used by ``test_kill_resume.py`` (a few kills in CI) and
``bench/bench_kill_resume.py`` (a hundred).
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

TABLES = ("documents", "entities", "aliases", "entity_links", "mentions", "relations",
          "events", "event_reports", "report_places", "tallies", "conflicts")
# rows that belong to a document: none may outlive it or be stored twice
PER_DOCUMENT = {"entity_links": ("doc_id", "local_id"), "event_reports": ("doc_id", "local_id"),
                "mentions": ("doc_id", "char_start", "char_end", "kind"),
                "relations": ("doc_id", "subject", "predicate", "object", "char_start")}
RATLINE = [sys.executable, "-m", "ratline.cli"]


def ingest(db: Path, inputs: list[str]) -> subprocess.Popen:
    return subprocess.Popen([*RATLINE, "--db", str(db), "ingest", "--no-progress", *inputs],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)


def run_to_end(db: Path, inputs: list[str]) -> int:
    return ingest(db, inputs).wait()


def kill_at_random(db: Path, inputs: list[str], kills: int, lo: float, hi: float,
                   rng: random.Random) -> list[float]:
    """Start ingest ``kills`` times, each killed after a random delay in [lo, hi] seconds
    (a run that ends first is simply not killed); the delays used."""
    delays = []
    for _ in range(kills):
        proc = ingest(db, inputs)
        delay = rng.uniform(lo, hi)
        t0 = time.monotonic()
        while proc.poll() is None and time.monotonic() - t0 < delay:
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            delays.append(delay)
    return delays


def counts(db: Path) -> dict[str, int]:
    """Rows per table (0 for a table a killed run had not created yet)."""
    with sqlite3.connect(db) as conn:
        made = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] if t in made else 0
                for t in TABLES}


def problems(db: Path) -> list[str]:
    """Integrity, foreign keys, rows of documents never stored, duplicates."""
    out = []
    with sqlite3.connect(db) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            out.append(f"integrity_check: {check}")
        out += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
        made = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not set(TABLES) <= made:
            # killed while the schema was being created: no document can be stored yet,
            # and the next run completes the schema (CREATE TABLE IF NOT EXISTS)
            stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] if "documents" in made else 0
            return out + ([f"{stored} documents stored in an incomplete schema"] if stored else [])
        for table, key in PER_DOCUMENT.items():
            orphans = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id NOT IN "
                                   "(SELECT doc_id FROM documents)").fetchone()[0]
            if orphans:
                out.append(f"{orphans} orphan rows in {table}")
            cols = ", ".join(key)
            dup = conn.execute(f"SELECT COUNT(*) FROM (SELECT {cols} FROM {table} GROUP BY {cols} "
                               "HAVING COUNT(*) > 1)").fetchone()[0]
            if dup:
                out.append(f"{dup} duplicated keys in {table}")
        empty = conn.execute("SELECT COUNT(*) FROM events WHERE id NOT IN "
                             "(SELECT event_id FROM event_reports)").fetchone()[0]
        if empty:
            out.append(f"{empty} events without a report")
    return out

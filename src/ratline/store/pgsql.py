"""PostgreSQL behind the same connection interface the store uses for SQLite.

Why a translation layer and not a second set of queries: the store, the
graph, the exports and the web app write their SQL once, with ``?``
placeholders, and read rows as ``row["name"]`` or ``row[0]`` (``sqlite3.Row``).
:class:`Connection` wraps a psycopg 3 connection so that exactly that code runs
on PostgreSQL; :func:`translate` rewrites the few places where the two
databases read one statement differently:

- placeholders: ``?`` becomes ``%s`` (and a literal ``%`` is doubled);
- ``LIKE`` is case-insensitive in SQLite and has no escape character, so it
  becomes ``ILIKE ... ESCAPE ''``;
- SQLite sorts NULL before every value, PostgreSQL after: each ``ORDER BY``
  item says ``NULLS FIRST`` (ascending) or ``NULLS LAST`` (descending);
- ``INSERT OR IGNORE`` becomes ``INSERT ... ON CONFLICT DO NOTHING``;
- SQLite hands back rows that tie on the ORDER BY (or a query without one) in
  the order they were stored, and groups in key order; PostgreSQL in any
  order.  A plain SELECT (no DISTINCT, aggregate or set operator) is given its
  first table's ``rowid`` as the last sort key, a grouped one its GROUP BY
  keys, so lists come out the same on both.

:func:`ddl` turns ``schema.sql`` into PostgreSQL's types: INTEGER is 64-bit
(BIGINT) as in SQLite, REAL is double precision, TEXT compares byte-wise
(``COLLATE "C"``, SQLite's BINARY), and every table gets a ``rowid`` identity
column, so ``rowid`` (insertion order) means in PostgreSQL what it means in
SQLite; rows never show it (SQLite's ``SELECT *`` does not return it either).
"""
from __future__ import annotations

import re
import sqlite3
import urllib.parse
from contextlib import contextmanager
from functools import lru_cache

URL_SCHEMES = ("postgresql://", "postgres://")

ROWID = "rowid"

_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_MASK = re.compile(r"\x00(\d+)\x00")
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|INTERSECT|EXCEPT|FOR)\b|;", re.IGNORECASE)
_LIKE = re.compile(r"\b(NOT\s+)?LIKE\s+\?", re.IGNORECASE)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_OR_REPLACE = re.compile(r"\bINSERT\s+OR\s+REPLACE\b", re.IGNORECASE)
_NULLS = re.compile(r"\bNULLS\s+(FIRST|LAST)\s*$", re.IGNORECASE)
_DESC = re.compile(r"\bDESC\s*$", re.IGNORECASE)
_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "TEXT": 'TEXT COLLATE "C"'}
_TYPE = re.compile(r"\b(INTEGER|REAL|TEXT)\b")
_CREATE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", re.DOTALL)
_SELECT = re.compile(r"^\s*SELECT\b", re.IGNORECASE)
_DISTINCT = re.compile(r"^\s*SELECT\s+DISTINCT\b", re.IGNORECASE)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b", re.IGNORECASE)
_GROUP_END = re.compile(r"\b(HAVING|ORDER|LIMIT|OFFSET|WINDOW)\b|;", re.IGNORECASE)
_NOT_PLAIN = re.compile(r"\b(UNION|INTERSECT|EXCEPT|COUNT|SUM|AVG|MIN|MAX|TOTAL|"
                        r"GROUP_CONCAT|STRING_AGG)\b", re.IGNORECASE)
_FROM = re.compile(r"\bFROM\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)
_NOT_ALIAS = {"WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "NATURAL", "FULL",
              "ON", "GROUP", "ORDER", "LIMIT", "OFFSET", "HAVING", "WINDOW", "FOR", "USING"}


def is_url(target) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than an SQLite file."""
    return str(target).startswith(URL_SCHEMES)


def safe_url(url: str) -> str:
    """The URL without its password (in the user part or a ``password=`` parameter),
    for messages; anything that is not a PostgreSQL URL is returned as it is."""
    if not is_url(url):
        return str(url)
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query)
    if parts.password is None and not any(k == "password" for k, _ in query):
        return url          # (unsplitting would also drop the '//' of 'postgresql:///db')
    if parts.password is not None:
        host = parts.netloc.rsplit("@", 1)[1]
        user = urllib.parse.quote(parts.username or "")
        parts = parts._replace(netloc=f"{user}:***@{host}")
    query = [(k, "***" if k == "password" else v) for k, v in query]
    parts = parts._replace(query=urllib.parse.urlencode(query, safe="*/"))
    return urllib.parse.urlunsplit(parts)


# -- statements -------------------------------------------------------------------
@lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """One SQLite statement as PostgreSQL reads it the same way (see the module doc)."""
    if _OR_REPLACE.search(sql):
        raise ValueError("INSERT OR REPLACE has no portable meaning: write "
                         "INSERT ... ON CONFLICT (key) DO UPDATE instead")
    literals: list[str] = []

    def mask(m: re.Match) -> str:
        literals.append(m.group(0))
        return f"\x00{len(literals) - 1}\x00"

    code = _LITERAL.sub(mask, sql)
    if _OR_IGNORE.match(code):
        code = _OR_IGNORE.sub("INSERT INTO", code).rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    code = _LIKE.sub(lambda m: f"{m.group(1) or ''}ILIKE ? ESCAPE ''", code)
    code = _null_order(code)
    code = _stable_order(code)
    code = code.replace("%", "%%").replace("?", "%s")
    return _MASK.sub(lambda m: literals[int(m.group(1))].replace("%", "%%"), code)


def _null_order(code: str) -> str:
    """Every ORDER BY item sorted with NULLs where SQLite puts them."""
    out, pos = [], 0
    for m in _ORDER_BY.finditer(code):
        if m.start() < pos:
            continue
        end = _clause_end(code, m.end())
        items = [_with_nulls(item) for item in _split_top(code[m.end():end])]
        out += [code[pos:m.end()], ",".join(items)]
        pos = end
    out.append(code[pos:])
    return "".join(out)


def _top_level(code: str) -> str:
    """``code`` with every parenthesised part blanked (same length), so patterns
    match the outer statement only."""
    out, depth = [], 0
    for c in code:
        if c == "(":
            depth += 1
        out.append(c if depth == 0 else " ")
        if c == ")":
            depth -= 1
    return "".join(out)


def _stable_order(code: str) -> str:
    """A SELECT's ties in SQLite's order: a plain one sorted last by its first table's
    rowid (the order rows were stored), a grouped one by its group keys (SQLite
    hands groups back in key order)."""
    if not _SELECT.match(code):
        return code
    top = _top_level(code)
    group = _GROUP_BY.search(top)
    if group:
        end = _GROUP_END.search(top, group.end())
        keys = _split_top(code[group.end():end.start() if end else len(code)])
        return _order_last(code, top, [_with_nulls(k.strip()) for k in keys])
    if _NOT_PLAIN.search(top) or _DISTINCT.match(code):
        return code
    m = _FROM.search(top)
    if m is None or m.group(1).lower() not in schema_tables():
        return code
    alias = m.group(2) if m.group(2) and m.group(2).upper() not in _NOT_ALIAS else m.group(1)
    return _order_last(code, top, [f"{alias}.{ROWID}"])


def _order_last(code: str, top: str, keys: list[str]) -> str:
    """``code`` with ``keys`` as its last sort keys (an ORDER BY made if it has none)."""
    order = _ORDER_BY.search(top)
    if order:
        end = _clause_end(code, order.end())
        head, joint = code[:end].rstrip(), ", "
    else:
        tail = _ORDER_END.search(top)
        end = tail.start() if tail else len(code.rstrip().rstrip(";"))
        head, joint = code[:end].rstrip(), " ORDER BY "
    return f"{head}{joint}{', '.join(keys)}{' ' if end < len(code) else ''}{code[end:]}"


@lru_cache(maxsize=1)
def schema_tables() -> frozenset[str]:
    """The tables schema.sql declares (each has a rowid column in PostgreSQL)."""
    from ratline.store.sqlite import schema_sql
    return frozenset(t.lower() for t, _ in _CREATE.findall(schema_sql()))


def _clause_end(code: str, start: int) -> int:
    """Where an ORDER BY list starting at ``start`` ends (a closing parenthesis of
    its own level, LIMIT/OFFSET/a set operator, or the statement's end)."""
    depth = 0
    i = start
    while i < len(code):
        c = code[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0:
            m = _ORDER_END.match(code, i)
            if m and (i == 0 or not (code[i - 1].isalnum() or code[i - 1] == "_")):
                return i
        i += 1
    return len(code)


def _split_top(text: str) -> list[str]:
    """``text`` split at the commas outside parentheses."""
    parts, depth, last = [], 0, 0
    for i, c in enumerate(text):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


def _with_nulls(item: str) -> str:
    body = item.rstrip()
    if _NULLS.search(body):
        return item
    tail = item[len(body):]
    return body + (" NULLS LAST" if _DESC.search(body) else " NULLS FIRST") + tail


def column_decl(decl: str) -> str:
    """One column declaration of schema.sql in PostgreSQL's types."""
    return _TYPE.sub(lambda m: _TYPES[m.group(1)], decl, count=1)


def ddl(script: str) -> list[str]:
    """schema.sql as PostgreSQL statements (types mapped, rowid added)."""
    script = re.sub(r"--[^\n]*", "", script)

    def table(m: re.Match) -> str:
        name, body = m.group(1), m.group(2)
        lines = [_column_line(line) for line in body.split("\n")]
        lines.append(f"    ,{ROWID} BIGINT GENERATED BY DEFAULT AS IDENTITY")
        return f"CREATE TABLE IF NOT EXISTS {name} (" + "\n".join(lines) + "\n);"

    script = _CREATE.sub(table, script)
    return [s.strip() for s in script.split(";") if s.strip()]


def _column_line(line: str) -> str:
    head = line.strip().split(" ", 1)[0].upper()
    if head in ("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", ""):
        return line
    return column_decl(line)


# -- rows -------------------------------------------------------------------------
class Row(tuple):
    """A result row read like ``sqlite3.Row``: by position, by column name, ``keys()``,
    ``dict(row)``, unpacking."""
    _keys: tuple[str, ...] = ()
    _pos: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._pos[key])
            except KeyError:
                return tuple.__getitem__(self, self._pos[key.lower()])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._keys)


@lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    pos: dict[str, int] = {}
    for i, n in enumerate(names):
        pos.setdefault(n, i)
        pos.setdefault(n.lower(), i)
    return type("Row", (Row,), {"_keys": names, "_pos": pos})


def _visible(description) -> tuple[tuple[str, ...], list[int] | None]:
    names = [d.name for d in description or ()]
    keep = [i for i, n in enumerate(names) if n != ROWID]
    if len(keep) == len(names):
        return tuple(names), None
    return tuple(names[i] for i in keep), keep


def _row_factory(cursor):
    names, keep = _visible(cursor.description)
    cls = _row_class(names)
    if keep is None:
        return cls
    return lambda values: cls([values[i] for i in keep])


def _numeric(data) -> int | float:
    """SUM over BIGINT is NUMERIC in PostgreSQL: an int as in SQLite (a float if it has
    a fraction), never a Decimal that JSON cannot write."""
    text = bytes(data).decode()
    return float(text) if any(c in text for c in ".eEnN") else int(text)


# psycopg's errors as the sqlite3 module's classes, so one ``except`` serves both
# databases (the store's callers catch sqlite3.IntegrityError and friends).
class IntegrityError(sqlite3.IntegrityError):
    """A key another writer already took, on PostgreSQL."""


class OperationalError(sqlite3.OperationalError):
    """The server is gone, the disk is full, a lock could not be had, on PostgreSQL."""


class DatabaseError(sqlite3.DatabaseError):
    """Any other error PostgreSQL reports."""


@contextmanager
def _errors():
    """psycopg's errors raised as the classes above."""
    import psycopg
    try:
        yield
    except psycopg.IntegrityError as exc:
        raise IntegrityError(str(exc)) from exc
    except (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege) as exc:
        # a role that may not write is SQLite's read-only file: an OperationalError
        raise OperationalError(str(exc)) from exc
    except psycopg.Error as exc:
        raise DatabaseError(str(exc)) from exc


class Cursor:
    """The part of ``sqlite3.Cursor`` the store uses."""

    def __init__(self, cur):
        self._cur = cur

    def fetchone(self):
        return self._cur.fetchone() if self._cur.description else None

    def fetchall(self) -> list:
        return self._cur.fetchall() if self._cur.description else []

    def __iter__(self):
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def description(self):
        names, _ = _visible(self._cur.description)
        return [(n, None, None, None, None, None, None) for n in names]


def _param(value):
    # SQLite stores booleans as 0/1 in INTEGER columns; PostgreSQL would refuse a boolean
    return int(value) if isinstance(value, bool) else value


class Connection:
    """A psycopg connection with ``sqlite3.Connection``'s ``execute``/``executemany``;
    autocommit, so each statement outside ``BEGIN`` stands alone as in SQLite's
    ``isolation_level=None``."""

    def __init__(self, raw):
        self.raw = raw          # a psycopg.Connection

    def execute(self, sql: str, params=()) -> Cursor:
        cur = self.raw.cursor(row_factory=_row_factory)
        with _errors():
            cur.execute(translate(sql), tuple(map(_param, params)))
        return Cursor(cur)

    def executemany(self, sql: str, seq) -> Cursor:
        cur = self.raw.cursor(row_factory=_row_factory)
        with _errors():
            cur.executemany(translate(sql), [tuple(map(_param, p)) for p in seq])
        return Cursor(cur)

    def close(self) -> None:
        self.raw.close()


def connect(url: str) -> Connection:
    """A connection to the database (and schema, through ``options=-csearch_path=...``)
    that ``url`` names.  psycopg is imported here, so SQLite users never load it."""
    import psycopg
    from psycopg.adapt import Loader
    with _errors():
        raw = psycopg.connect(url, autocommit=True, application_name="ratline")
    loader = type("NumericLoader", (Loader,), {"load": lambda self, data: _numeric(data)})
    raw.adapters.register_loader("numeric", loader)
    return Connection(raw)


# -- the dialect --------------------------------------------------------------------
class PostgresDialect:
    """What the store does differently on PostgreSQL: locking, introspection, DDL."""
    name = "postgresql"
    # one writer at a time per schema, as SQLite's BEGIN IMMEDIATE gives one per file
    LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema()))"

    def begin(self, conn: Connection) -> None:
        conn.execute("BEGIN")
        conn.execute(self.LOCK)

    def has_table(self, conn: Connection, table: str) -> bool:
        return conn.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_name = ?", (table,)).fetchone() is not None

    def table_columns(self, conn: Connection, table: str) -> set[str]:
        return {r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?", (table,))}

    def column_decl(self, decl: str) -> str:
        return column_decl(decl)

    def run_script(self, conn: Connection, script: str) -> None:
        for statement in ddl(script):
            conn.execute(statement)

    def schema_current(self, conn: Connection, script: str) -> bool:
        """Every table, column and index ``script`` declares is there: nothing to
        create, so a role that may only read can open the database."""
        from ratline.store.migrate import declared_columns
        want = {(t, c) for t, cols in declared_columns(script).items() for c, _ in cols}
        have = {(r[0], r[1]) for r in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()")}
        indexes = set(re.findall(r"CREATE INDEX IF NOT EXISTS (\w+)", script))
        have_ix = {r[0] for r in conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
        return want <= have and indexes <= have_ix

    def on_open(self, conn: Connection, path: str) -> None:
        """Nothing to set: PostgreSQL enforces foreign keys and logs every write."""

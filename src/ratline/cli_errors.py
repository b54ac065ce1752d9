"""Every failure the CLI can meet, as one line and an exit status; never a traceback.

A traceback tells a conflict-data coder nothing they can act on, and hides the
one fact they need (which file, what to do).  ``SafeGroup`` runs the command
and turns what escapes it into a message on stderr:

====  ==========================================================================
code  meaning
====  ==========================================================================
0     done
1     a lookup found nothing (entity, event, document, judgement) or a name fits several
      (the candidates are listed), or an input file is malformed
2     a usage error (click's convention), or some inputs were skipped (each named
      with a one-line reason on stderr; the run went on)
3     the database cannot be used: missing (only ``ingest`` creates one), not a
      ratline/SQLite file, read-only or locked
4     a write failed: disk full, a missing folder, no permission (what was
      stored before stays)
70    an internal error (a bug: the message asks for a report;
      ``RATLINE_DEBUG=1`` shows the traceback)
130   interrupted (Ctrl-C); what was stored stays, the same command resumes
141   the output pipe was closed (``ratline events | head``)
====  ==========================================================================
"""
from __future__ import annotations

import errno
import os
import sqlite3
import sys

import click

from ratline.store.naming import Ambiguous, NoMatch
from ratline.store.sqlite import StoreError

OK, LOOKUP, USAGE_OR_SKIPPED, DATABASE, WRITE, INTERNAL, INTERRUPTED, PIPE = 0, 1, 2, 3, 4, 70, 130, 141


class InputFileError(Exception):
    """A file the user handed a command (not an article) that cannot be used."""


def os_write_reason(exc: OSError, what: str | None = None) -> str:
    """'could not write FILE: no space left on device' with a hint for the common causes."""
    where = what or exc.filename or "a file"
    reason = (exc.strerror or type(exc).__name__).lower()
    hint = {
        errno.ENOENT: f" (the folder {os.path.dirname(os.path.abspath(str(where)))} does not exist)",
        errno.ENOSPC: " (the disk is full: free space and run the command again)",
        errno.EACCES: " (no permission)",
        errno.EROFS: " (a read-only file system)",
        errno.EISDIR: " (it is a folder)",
    }.get(exc.errno or 0, "")
    return f"could not write {where}: {reason}{hint}"


def write_text(path: str, text: str) -> None:
    """Write a file the user named; an OSError always carries the file's name."""
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        if not exc.filename:
            exc.filename = path
        raise


def describe(exc: BaseException) -> tuple[int, str]:
    """The exit status and one-line message for an exception that escaped a command."""
    if isinstance(exc, StoreError):
        return DATABASE, str(exc)
    if isinstance(exc, (InputFileError, NoMatch, Ambiguous)):
        return LOOKUP, str(exc)
    if isinstance(exc, sqlite3.OperationalError):
        low = str(exc).lower()
        if "full" in low:
            return WRITE, ("the database's disk is full: free space and run the same command "
                           "again (documents stored so far are kept)")
        if "readonly" in low or "locked" in low or "busy" in low:
            return DATABASE, f"the database cannot be written: {exc}"
        if "disk i/o" in low:
            return WRITE, f"the database could not be written (disk I/O error: {exc})"
    if isinstance(exc, sqlite3.DatabaseError):
        return DATABASE, f"the database is damaged or not a ratline database: {exc}"
    if isinstance(exc, OSError):
        return WRITE, os_write_reason(exc)
    msg = " ".join(str(exc).split())[:300]
    return INTERNAL, (f"internal error: {type(exc).__name__}: {msg} (please report it; "
                      "RATLINE_DEBUG=1 shows the traceback)")


class SafeGroup(click.Group):
    """A click group whose ``main`` never lets a traceback reach the user."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("interrupted: what was stored so far stays; run the same command again "
                       "to resume", err=True)
            sys.exit(INTERRUPTED)
        except BrokenPipeError:
            _silence_stdout()
            sys.exit(PIPE)
        except Exception as exc:  # noqa: BLE001 - the one place every failure is worded
            if os.environ.get("RATLINE_DEBUG"):
                raise
            code, message = describe(exc)
            click.echo(f"error: {message}", err=True)
            sys.exit(code)
        sys.exit(code if isinstance(code, int) else OK)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush
    does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass

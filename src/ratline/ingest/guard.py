"""What a path is, and how much of it may be read, decided before reading it.

An analyst leaves an ingest running overnight over a folder of scraped and
forwarded files.  A named pipe in that folder would make ``open()`` wait for a
writer forever; ``/dev/zero`` would fill memory; a symlink loop or a socket
would end in an odd OS error.  So every path is classified by ``stat`` first
and only regular files are opened, and the opened file is checked again with
``fstat`` (the path may have been swapped in between).  A file is read with a
byte budget, so a size the file system misreports cannot grow without bound.
"""
from __future__ import annotations

import errno
import os
import stat

_KINDS = [
    (stat.S_ISFIFO, "a named pipe (FIFO), not a file: refused without opening it "
                    "(reading one waits for a writer forever)"),
    (stat.S_ISCHR, "a character device (like /dev/zero), not a file: refused without opening it"),
    (stat.S_ISBLK, "a block device (a disk), not a file: refused without opening it"),
    (stat.S_ISSOCK, "a socket, not a file: refused without opening it"),
]


class Refused(Exception):
    """A path that must not be read; the message is the one-line reason."""


def special_file_reason(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is refused, or None for a regular file or folder."""
    for test, reason in _KINDS:
        if test(mode):
            return reason
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "not a regular file: refused without opening it"


def path_refusal(path: str) -> str | None:
    """The one-line reason ``path`` must not be opened, or None if it may be read.

    Follows symbolic links (a link to a regular file is read); a link loop, a
    dangling link or a special file are named as such."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back to itself)"
        if os.path.lexists(path) and exc.errno == errno.ENOENT:
            return "broken symbolic link (its target does not exist)"
        if exc.errno == errno.ENOENT:
            return "no such file or directory"
        if exc.errno == errno.EACCES:
            return "could not be read (permission denied)"
        return f"could not be read ({exc.strerror or type(exc).__name__})"
    return special_file_reason(st.st_mode)


def read_capped(path: str, max_bytes: int) -> bytes:
    """The whole file, or ``Refused`` if it is not a regular file or holds more than
    ``max_bytes`` (checked by size before reading, and by reading at most one byte more)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        reason = special_file_reason(st.st_mode)
        if reason or stat.S_ISDIR(st.st_mode):
            raise Refused(reason or "a folder, not a file")
        if st.st_size > max_bytes:
            raise Refused(too_large(st.st_size, max_bytes))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Refused(f"too large: over the {mb(max_bytes)} limit (max_bytes), "
                      "found while reading (the file grew or its size was misreported)")
    return data


def too_large(size: int, max_bytes: int) -> str:
    return f"too large: {mb(size)} is over the {mb(max_bytes)} limit (max_bytes)"


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"

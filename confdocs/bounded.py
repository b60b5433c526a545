"""Reading an input only if it is a regular file, and only up to a size.

Whatever a user names as an input may be a folder, a named pipe (which waits for a writer for ever
when opened), a device (``/dev/zero`` never ends) or a file of gigabytes. Each is opened without
waiting, looked at, and read only if it is a plain file no larger than its bound; otherwise an
OSError says why in words a user can act on (its ``strerror``), with ``errno`` telling the cases
apart: ENOENT, EISDIR, EINVAL (not a regular file) or EFBIG (too large).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

MiB = 1024 * 1024

NOT_REGULAR = "not a regular file (a pipe, a device or a socket)"


def too_large(limit: int, what: str) -> str:
    """How a file over ``limit`` bytes is described: 'larger than the 10 MiB a profile may be'."""
    size = f"{limit // MiB} MiB" if limit >= MiB else f"{limit:,} bytes"
    return f"larger than the {size} {what} may be"


def open_regular(path: Path | str, limit: int, what: str = "a file") -> BinaryIO:
    """The regular file at ``path``, open to be read in parts, if it holds no more than
    ``limit`` bytes (a reader that must not hold it whole checks that it does not read more).
    Raises OSError as :func:`read_regular` does."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        _check(descriptor, path, limit, what)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def _check(descriptor: int, path: Path | str, limit: int, what: str) -> None:
    status = os.fstat(descriptor)
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if not stat.S_ISREG(status.st_mode):
        raise OSError(errno.EINVAL, NOT_REGULAR, str(path))
    if status.st_size > limit:
        raise OSError(errno.EFBIG, too_large(limit, what), str(path))


def read_regular(path: Path | str, limit: int, what: str = "a file") -> bytes:
    """The bytes of the regular file at ``path``, if it holds no more than ``limit`` of them;
    ``what`` names it in the message when it holds more ('a template'). Raises OSError."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        _check(descriptor, path, limit, what)
        chunks = []
        left = limit + 1  # it may have grown since it was looked at
        while left > 0:
            chunk = os.read(descriptor, min(left, MiB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        content = b"".join(chunks)
        if len(content) > limit:
            raise OSError(errno.EFBIG, too_large(limit, what), str(path))
        return content
    finally:
        os.close(descriptor)

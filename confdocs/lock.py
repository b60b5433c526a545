"""One build at a time in an output folder.

Two builds writing one folder at once (a CI retry, two people) each rewrote the manifest from its
own view, so that both failed or entries were silently lost. A build holds an exclusive lock on a
file in the folder for as long as it runs; a second one says so at once rather than waiting
for a build that may never end. The operating system drops the lock when a process dies, however
it dies, so a killed build never leaves the folder locked.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .errors import ConfdocsError, InputError

LOCK = ".confdocs.lock"


class BusyError(ConfdocsError):
    """Another build holds the output folder."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``out`` for one build (creating the folder if need be)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"{out}: --out must be a folder, and this is a file") from None
    except PermissionError:
        raise InputError(f"{out}: the output folder cannot be written (permission denied); "
                         "choose another --out or check its permissions") from None
    except OSError as exc:
        raise InputError(f"{out}: the output folder cannot be used ({exc.strerror or exc})"
                         ) from None
    try:
        if not _try_lock(fd):
            raise BusyError(f"{out}: another confdocs build is writing into this folder; wait "
                            "for it to finish, or give this build its own --out")
        yield
    finally:
        os.close(fd)  # releases the lock

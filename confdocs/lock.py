"""One writer at a time in a folder: a build in its output folder, an import in the folder of
engagement files it writes.

Two builds writing one folder at once (a CI retry, two people) each rewrote the manifest from its
own view, so that both failed or entries were silently lost; two imports lost entries of the
import record or mixed two rosters' files. A writer holds an exclusive lock on a file in the
folder for as long as it runs; a second one says so at once rather than waiting for one that may
never end. The operating system drops the lock when a process dies, however it dies, so a killed
run never leaves the folder locked. Build and import lock files of different names: an import's
folder is full of engagements, and a build's (the one holding .confdocs.lock) holds none.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from .atomic import LOCK_FILE, LinkRefused, open_no_follow
from .errors import ConfdocsError, InputError

LOCK = LOCK_FILE
IMPORT_LOCK = ".confdocs-import.lock"


class BusyError(ConfdocsError):
    """Another build (or import) holds the folder."""


# The descriptors of the locks this process holds. A forked worker inherits them, and a flock is
# held while any process keeps its descriptor open: workers close theirs (see
# pool.ordered_map's ``inherited``), so that the lock ends with the build, not with its last
# worker.
_held: set[int] = set()


def held_descriptors() -> tuple[int, ...]:
    """The descriptors of the output-folder locks this process holds now."""
    return tuple(sorted(_held))


def _open_lock(path: Path) -> int | None:
    """The lock file, opened; None in a folder that cannot be written and has none yet (a build
    with nothing to rebuild still runs there, and one that has something fails on writing it,
    with a message)."""
    try:
        return open_no_follow(path, os.O_RDWR | os.O_CREAT)
    except LinkRefused:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
    try:
        return open_no_follow(path, os.O_RDONLY)  # flock needs no write access
    except FileNotFoundError:
        return None


def try_lock(fd: int) -> bool:
    """Lock the open file ``fd`` for this process without waiting; False if another holds it.
    Closing the descriptor releases the lock (as does the process's end, however it ends)."""
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
def locked(out: Path, *, writer: str = "build") -> Iterator[None]:
    """Hold ``out`` for one ``writer``, "build" or "import" (creating the folder if need be)."""
    if out.is_symlink() and not out.exists():
        raise InputError(f"{out}: --out is a symbolic link to nothing ({os.readlink(out)}); "
                         "point it at a folder or choose another --out")
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: --out must be a folder, and this is not one")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = _open_lock(out / (IMPORT_LOCK if writer == "import" else LOCK))
    except LinkRefused as exc:
        raise InputError(f"{exc.filename}: {exc.strerror}; a link planted in the output folder "
                         "could make a build write elsewhere") from None
    except OSError as exc:
        raise InputError(f"{out}: the output folder cannot be used ({exc.strerror or exc}); "
                         "check its permissions or choose another --out") from None
    if fd is None:  # a folder we may not write: nothing can be built, nor broken, there
        yield
        return
    try:
        if not try_lock(fd):
            raise BusyError(f"{out}: another confdocs {writer} is writing into this folder; "
                            f"wait for it to finish, or give this {writer} its own --out")
        _held.add(fd)
        yield
    finally:
        _held.discard(fd)
        os.close(fd)  # releases the lock

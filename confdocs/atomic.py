"""Atomic file writes: a temporary file beside the target, then a rename.

An interrupted run (Ctrl-C, kill) leaves either the old file or the new one, never half of one.

Whoever can write into an output folder (a shared folder, a CI cache) can plant a symbolic link
in it. Nothing confdocs writes there goes through one: a temporary file is created under a name
no one can guess beforehand, exclusively and without following a link (a link planted at that
name makes the creation fail, never writes its target), and the rename that puts it in place
replaces a link at the target's name rather than writing through it. The files confdocs keeps
open in the folder (the journal, the lock) are opened with :func:`open_no_follow`.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

TEMP_PREFIX = ".confdocs-tmp-"
# The lock every build holds in its output folder: also how a folder is known to be one, whose
# manifest.json is no engagement to validate.
LOCK_FILE = ".confdocs.lock"
# 0 where the platform has no such flag (Windows, where creating a link needs privileges).
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOSE_ON_EXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class LinkRefused(OSError):
    """A symbolic link stands where confdocs was to write one of its own files."""


def open_no_follow(path: Path, flags: int, mode: int = 0o666) -> int:
    """``os.open`` that never follows a symbolic link at ``path`` (the folders above it are the
    caller's to trust). Raises :class:`LinkRefused`, naming the path, when one is there."""
    try:
        return os.open(path, flags | NO_FOLLOW | _CLOSE_ON_EXEC | _BINARY, mode)
    except OSError as exc:
        # ELOOP on Linux and macOS; EMLINK on FreeBSD; checked again, since a missing
        # O_NOFOLLOW (Windows) or another errno must not hide a link.
        if exc.errno in (errno.ELOOP, errno.EMLINK) or path.is_symlink():
            raise LinkRefused(errno.ELOOP, "is a symbolic link, which confdocs never writes "
                              "through; remove it", str(path)) from None
        raise


def _create_temp(path: Path, prefix: str = TEMP_PREFIX) -> tuple[Path, int]:
    """A new temporary file beside ``path``, created exclusively under an unguessable name."""
    for _ in range(100):
        temp = path.with_name(f"{prefix}{os.getpid()}-{secrets.token_hex(8)}-{path.name}")
        try:
            # O_EXCL: fails on anything already at the name, a link included, dangling or not.
            return temp, open_no_follow(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            continue
        except LinkRefused:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name beside it", str(path))


def _write_all(handle: int, content: bytes) -> None:
    # A document is written whole: plain system calls, without a buffered file object.
    view = memoryview(content)
    while view:
        view = view[os.write(handle, view):]


def write_temp(path: Path, content: bytes, *, prefix: str, durable: bool = False) -> Path:
    """A new temporary file beside ``path`` holding ``content``, named ``prefix`` and more, for
    the caller to rename into place or remove; ``durable``: on disk (fsync) when this returns.
    Nothing of it is left when it fails."""
    temp, handle = _create_temp(path, prefix)
    try:
        try:
            _write_all(handle, content)
            if durable:
                os.fsync(handle)
        finally:
            os.close(handle)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_atomic(path: Path, content: bytes | Iterable[bytes], *, make_folder: bool = True,
                 mode: int | None = None) -> None:
    """Write ``content`` (bytes, or chunks of them, so a large file need not be held whole);
    ``mode``: the permissions the file gets (a file rewritten keeps its own), else the
    process's default."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    temp, handle = _create_temp(path)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            try:
                os.fchmod(handle, mode)
            except OSError:
                os.close(handle)
                raise
        if isinstance(content, bytes):
            try:
                _write_all(handle, content)
            finally:
                os.close(handle)
        else:
            with os.fdopen(handle, "wb") as chunks:
                chunks.writelines(content)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def move_atomic(source: Path, target: Path) -> None:
    """Move a finished file into place; across file systems, copy it in atomically first."""
    try:
        os.replace(source, target)
    except OSError:
        write_atomic(target, source.read_bytes())
        source.unlink(missing_ok=True)


def remove_stale_temps(folder: Path, prefix: str = TEMP_PREFIX) -> None:
    """Temporary files (named ``prefix`` and more) left by a run that was killed before it could
    tidy up. Removing one never touches what a link at its name points to."""
    if folder.is_dir():
        for stale in folder.glob(f"{prefix}*"):
            stale.unlink(missing_ok=True)

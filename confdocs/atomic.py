"""Atomic file writes: a temporary file beside the target, then a rename.

An interrupted run (Ctrl-C, kill) leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

TEMP_PREFIX = ".confdocs-tmp-"


def write_atomic(path: Path, content: bytes | Iterable[bytes], *, make_folder: bool = True,
                 ) -> None:
    """Write ``content`` (bytes, or chunks of them, so a large file need not be held whole)."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
    try:
        if isinstance(content, bytes):
            # A document is written whole: plain system calls, without a buffered file object.
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            try:
                view = memoryview(content)
                while view:
                    view = view[os.write(handle, view):]
            finally:
                os.close(handle)
        else:
            with open(temp, "wb") as chunks:
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


def remove_stale_temps(folder: Path) -> None:
    """Temporary files left by a run that was killed before it could tidy up."""
    if folder.is_dir():
        for stale in folder.glob(f"{TEMP_PREFIX}*"):
            stale.unlink(missing_ok=True)

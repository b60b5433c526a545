"""Bounds on what a template can cost: a template is a file many people edit, and some may be
hostile. A template that loops for ever, multiplies a string into gigabytes, or is a zip bomb is
an error naming it, never a hung build, an exhausted machine or a bloated document.

The bounds are far above what any real template needs: the shipped ones render a document in a
few milliseconds, and inflate to well under a megabyte.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import TemplateError

MAX_TEMPLATE_INFLATED = 100 * 1024 * 1024  # every part of a template, uncompressed
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # one document written
MAX_PART_CHARACTERS = 64 * 1024 * 1024  # one part of a document, rendered: bounds the memory used
MAX_RENDER_SECONDS = 20.0  # one document rendered
MAX_REPEATED = 1_000_000  # characters or items a `*` in a template may make
MAX_POWER_BITS = 4096  # size of a number a `**` in a template may make


def check_inflated(archive: zipfile.ZipFile, path: Path | str) -> None:
    """Refuse a package whose parts inflate beyond the limit, before inflating any of them.
    The sizes come from the archive's directory; reading never goes past them (zipfile stops
    there and checks the CRC), so they bound what reading can cost."""
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_TEMPLATE_INFLATED:
        raise TemplateError(
            f"{path}: its parts inflate to {total // (1024 * 1024)} MiB, beyond the "
            f"{MAX_TEMPLATE_INFLATED // (1024 * 1024)} MiB a template may hold; it is not a Word "
            "template confdocs will use (a zip bomb?)")


class RenderTimeout(BaseException):
    """Rendering took too long. A BaseException, so that nothing inside a template's code, nor
    our own explaining of an error (which renders again), can catch it."""


@contextlib.contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Raise RenderTimeout in the block after ``seconds`` (by default MAX_RENDER_SECONDS). Only
    where signals can do it (the main thread, on a system with setitimer); elsewhere the block
    runs unbounded."""
    if (not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise RenderTimeout

    import time

    previous = signal.signal(signal.SIGALRM, expire)
    # A program using confdocs as a library may have its own timer running: it is put back.
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds or MAX_RENDER_SECONDS)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            left = max(outer - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


def bounded_binop(operator: str, left: Any, right: Any) -> None:
    """Raise if ``left operator right`` would make something beyond the bounds (checked before
    it is made)."""
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            if (isinstance(sequence, (str, list, tuple)) and isinstance(count, int)
                    and len(sequence) * count > MAX_REPEATED):
                raise OverflowError(f"a repetition in the template would make "
                                    f"{len(sequence) * count:,} characters or items, more than "
                                    f"the {MAX_REPEATED:,} allowed")
    elif (operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0
          and abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS):
        raise OverflowError("a power in the template would make a number too large to print")

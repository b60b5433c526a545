"""Bounds on what a template can cost: a template is a file many people edit, and some may be
hostile. A template that loops for ever, makes gigabytes of text, or is a zip bomb is an error
naming it, never a hung build, an exhausted machine or a bloated document.

The bounds are far above what any real template needs: the shipped ones render a document in a
few milliseconds, make a few thousand characters doing it, and inflate to well under a megabyte.
What a template's operators, methods and filters may make is worked out before they make it
(``operations``, ``bounded_filters``) and counted against what one rendering may make
(``allowance``).
"""

from __future__ import annotations

import contextlib
import copy
import io
import signal
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..bounded import read_regular
from ..errors import TemplateError

MAX_TEMPLATE_INFLATED = 100 * 1024 * 1024  # every part of a template, uncompressed
MAX_TEMPLATE_BYTES = MAX_TEMPLATE_INFLATED  # a template's file (or a document beside it) on disk
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # one document written
MAX_PART_CHARACTERS = 64 * 1024 * 1024  # one part of a document, rendered: bounds the memory used
MAX_RENDER_SECONDS = 20.0  # one document rendered
# Characters or items one repetition (`*`), padding or width (ljust, '%-20s', '{:>8}', indent,
# batch...) in a template may ask for.
MAX_REPEATED = 1_000_000
# Characters or items one rendering of a part may make in all, every value its operators,
# methods and filters make counted (a dict's or set's entry as 8, for the memory it takes): a
# template that makes each value within the bounds above, a hundred thousand times over, is
# stopped too. The shipped templates make a few thousand.
MAX_MADE = 8_000_000
MAX_POWER_BITS = 4096  # size of a number a `**` or `*` in a template may make

_CHUNK = 64 * 1024  # bytes inflated at a time: what reading a part may hold beyond the bound
_WORD_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Word writes, and reads


def refuse_width(width: Any, what: str) -> None:
    """Raise if a width or count a template gives ``what`` is beyond MAX_REPEATED."""
    if isinstance(width, int) and width > MAX_REPEATED:
        raise OverflowError(f"{what} asks for {width:,} characters or items, more than the "
                            f"{MAX_REPEATED:,} a width or repetition in a template may make")


def refuse_size(size: int, what: str, room: int = MAX_MADE) -> None:
    """Raise if ``what`` would make ``size`` characters or items, more than ``room`` (what the
    rendering may still make)."""
    if size > room:
        left = (f"the {MAX_MADE:,} one rendering may make" if room >= MAX_MADE
                else f"the {max(room, 0):,} left of the {MAX_MADE:,} one rendering may make")
        raise OverflowError(f"{what} would make {size:,} characters or items, more than {left}; "
                            "the template repeats, pads or joins too much")


def read_package(path: Path | str, raw: bytes,
                 wanted: Callable[[str], bool] | None = None) -> dict[str, bytes]:
    """The parts of the Word package ``raw`` (the bytes of ``path``) that ``wanted`` keeps (all,
    by default), in package order, inflated. Raises TemplateError for a package that is not a
    readable zip, or whose parts inflate beyond MAX_TEMPLATE_INFLATED together.

    The sizes the archive's directory declares are never trusted: every part is inflated, the
    ones not kept too, a chunk at a time, and the first byte past the bound stops it; a part
    that is not the size declared is refused. `templates check`, the build and the folder's
    listing all read templates here, so that they agree."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            declared = sum(info.file_size for info in infos)
            if declared > MAX_TEMPLATE_INFLATED:  # said so, before inflating anything
                raise TemplateError(_bomb(path, f"{declared // (1024 * 1024)} MiB"))
            parts: dict[str, bytes] = {}
            inflated = 0
            for info in infos:
                keep = wanted is None or wanted(info.filename)
                size, content = _inflate(archive, info, path, MAX_TEMPLATE_INFLATED - inflated,
                                         keep)
                inflated += size
                if keep:
                    parts[info.filename] = content
            return parts
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            ValueError, EOFError, OSError, zlib.error) as exc:
        raise TemplateError(f"{path}: not a readable Word document (.docx): {exc}") from exc


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path | str, room: int,
             keep: bool) -> tuple[int, bytes]:
    """The size of one part, inflated, and its content if ``keep``; raises past ``room``."""
    if info.compress_type not in _WORD_COMPRESSION:
        raise zipfile.BadZipFile(f"{info.filename} is compressed in a way Word does not write "
                                 f"(method {info.compress_type})")
    # zipfile stops at the size the directory declares and then checks the CRC; given the room
    # instead, it reads on past a size that understates the part, up to the first byte too many.
    # The CRC is checked here, once the part is whole.
    unbounded = copy.copy(info)
    unbounded.file_size = room + 1
    del unbounded.CRC
    chunks = []
    size = 0
    crc = 0
    with archive.open(unbounded) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > room:
                raise TemplateError(
                    _bomb(path, f"more than {MAX_TEMPLATE_INFLATED // (1024 * 1024)} MiB"))
            crc = zlib.crc32(chunk, crc)
            if keep:
                chunks.append(chunk)
    if crc != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    if size != info.file_size:
        # A damaged or made-up package. Refused, so that every part confdocs and docxtpl read
        # later (through zipfile, which trusts the directory) is the size the directory says.
        raise zipfile.BadZipFile(f"{info.filename} inflates to {size:,} bytes where the zip's "
                                 f"directory says {info.file_size:,}")
    return size, b"".join(chunks)


def _bomb(path: Path | str, size: str) -> str:
    return (f"{path}: its parts inflate to {size}, beyond the "
            f"{MAX_TEMPLATE_INFLATED // (1024 * 1024)} MiB a template may hold; it is not a Word "
            "template confdocs will use (a zip bomb?)")


class RenderTimeout(BaseException):
    """Rendering took too long. A BaseException, so that nothing inside a template's code, nor
    our own explaining of an error (which renders again), can catch it."""


def time_limit_gap() -> str | None:
    """What a user should know when ``time_limit`` cannot stop a render on this system (Windows
    has no interval timer): None where it can."""
    if hasattr(signal, "setitimer"):
        return None
    return (f"this system has no interval timer, so a template's code that runs on is not "
            f"stopped after {MAX_RENDER_SECONDS:g} s as elsewhere (press Ctrl+C to stop it); "
            "check your own templates with `confdocs templates check` on Linux or macOS, or use "
            "only templates you trust")


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


def read_template(path: Path | str) -> bytes:
    """The bytes of the template (or document, or picture beside it) at ``path``: read only if it
    is a regular file of no more than MAX_TEMPLATE_BYTES, so that a pipe or a device named as a
    template neither hangs a run nor takes its memory. Raises OSError saying why not."""
    return read_regular(path, MAX_TEMPLATE_BYTES, "a template")

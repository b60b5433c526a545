"""PDF copies of documents through LibreOffice (soffice) headless, a whole batch per process."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .atomic import move_atomic
from .errors import ConfdocsError, ToolMissingError

# One soffice start costs seconds; a command line must stay well under the system's limit.
BATCH = 200
TIMEOUT_PER_DOCUMENT = 30


def find_soffice() -> str:
    """The LibreOffice program, or ToolMissingError saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError(
        "--pdf needs LibreOffice, and no 'soffice' program was found on PATH; install it "
        "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or build without --pdf")


def convert_to_pdf(documents: Sequence[Path], *, processes: int | None = None,
                   on_done: Callable[[Path], None] | None = None) -> list[Path]:
    """Convert .docx files to PDFs beside them; returns the PDFs' paths, in the same order.

    A LibreOffice start costs seconds, so each process converts many documents; there is one
    process per core, each with a profile of its own (kept in the user's cache between runs), so
    that they neither meet each other nor a LibreOffice the user has open. PDFs are made in a
    private folder and moved into place atomically.
    """
    if not documents:
        return []
    soffice = find_soffice()
    names = [doc.name for doc in documents]
    if len(set(names)) != len(names):
        raise ConfdocsError("two documents to convert share a file name")
    count = max(1, min(processes or os.cpu_count() or 1, len(documents)))
    with tempfile.TemporaryDirectory(prefix="confdocs-pdf-") as work, \
            contextlib.ExitStack() as held:
        slices = [list(documents[i::count]) for i in range(count)]
        running = []
        for index, part in enumerate(slices):
            profile = held.enter_context(_profile(index, Path(work)))
            for start in range(0, len(part), BATCH):
                batch = part[start:start + BATCH]
                folder = Path(work) / f"p{index}-{start}"
                running.append((batch, folder, _start(soffice, profile, folder, batch)))
        made: dict[Path, Path] = {}
        for batch, folder, process in running:
            _finish(batch, folder, process, made, on_done)
    return [made[doc] for doc in documents]


@contextlib.contextmanager
def _profile(slot: int, scratch: Path) -> Iterator[Path]:
    """A LibreOffice profile for one process. Its first start builds the profile, which takes
    seconds; so each slot keeps its profile in the user's cache and reuses it, under a lock. If
    another run holds the slot (or there is no cache to write), a fresh one in ``scratch``."""
    try:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = cache / "confdocs" / f"libreoffice-{slot}"
        folder.mkdir(parents=True, exist_ok=True)
        lock = open(folder / ".lock", "w")  # noqa: SIM115 (held until the context ends)
    except (OSError, RuntimeError):  # no home, or a cache we may not write
        yield scratch / f"profile-{slot}"
        return
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        yield scratch / f"profile-{slot}"
        return
    try:
        yield folder / "profile"
    finally:
        lock.close()  # closing releases the lock


def _start(soffice: str, profile: Path, folder: Path, batch: Sequence[Path],
           ) -> subprocess.Popen[str]:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(folder / "out"),
               *(str(doc.resolve()) for doc in batch)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})


def _finish(batch: Sequence[Path], folder: Path, process: subprocess.Popen[str],
            made: dict[Path, Path], on_done: Callable[[Path], None] | None) -> None:
    limit = 60 + TIMEOUT_PER_DOCUMENT * len(batch)
    try:
        output, _ = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        raise ConfdocsError(f"LibreOffice did not finish converting within {limit} s") from exc
    for doc in batch:
        pdf = folder / "out" / (doc.stem + ".pdf")
        if not pdf.is_file():
            detail = (output or "").strip().splitlines()
            raise ConfdocsError(f"{doc}: LibreOffice made no PDF"
                                + (f" ({detail[-1]})" if detail else ""))
        target = doc.with_suffix(".pdf")
        move_atomic(pdf, target)
        made[doc] = target
        if on_done is not None:
            on_done(target)

"""PDF copies of documents through LibreOffice (soffice) headless, a whole batch per process."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
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


def convert_to_pdf(documents: Sequence[Path], *,
                   on_done: Callable[[Path], None] | None = None) -> list[Path]:
    """Convert .docx files to PDFs beside them; returns the PDFs' paths, in the same order.

    The PDFs are made in a private folder (with a private LibreOffice profile, so a LibreOffice the
    user has open does not interfere) and moved into place one by one, atomically.
    """
    if not documents:
        return []
    soffice = find_soffice()
    names = [doc.name for doc in documents]
    if len(set(names)) != len(names):
        raise ConfdocsError("two documents to convert share a file name")
    results: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="confdocs-pdf-") as work:
        profile = Path(work, "profile").as_uri()
        outdir = Path(work, "out")
        for start in range(0, len(documents), BATCH):
            batch = documents[start:start + BATCH]
            command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                       "--convert-to", "pdf", "--outdir", str(outdir),
                       *(str(doc.resolve()) for doc in batch)]
            try:
                completed = subprocess.run(
                    command, capture_output=True, text=True,
                    timeout=60 + TIMEOUT_PER_DOCUMENT * len(batch),
                    env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
                )
            except subprocess.TimeoutExpired as exc:
                raise ConfdocsError(f"LibreOffice did not finish converting within "
                                    f"{exc.timeout:.0f} s") from exc
            for doc in batch:
                made = outdir / (doc.stem + ".pdf")
                if not made.is_file():
                    detail = (completed.stderr or completed.stdout).strip().splitlines()
                    raise ConfdocsError(f"{doc}: LibreOffice made no PDF"
                                        + (f" ({detail[-1]})" if detail else ""))
                target = doc.with_suffix(".pdf")
                move_atomic(made, target)
                results.append(target)
                if on_done is not None:
                    on_done(target)
    return results

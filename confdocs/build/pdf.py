"""PDF copies of documents through LibreOffice (soffice) headless, a whole batch per process."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..atomic import move_atomic
from ..errors import ConfdocsError, ToolMissingError

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


# Fonts that LibreOffice lays out with exactly the widths of the Microsoft fonts templates name.
METRIC_COMPATIBLE = {
    "calibri": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans",
    "times new roman": "Liberation Serif", "courier new": "Liberation Mono",
}
_PACKAGES = {"Carlito": "fonts-crosextra-carlito", "Caladea": "fonts-crosextra-caladea",
             "Liberation Sans": "fonts-liberation2", "Liberation Serif": "fonts-liberation2",
             "Liberation Mono": "fonts-liberation2"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TEXT_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def template_fonts(template: Path) -> list[str]:
    """The fonts a template's text is set in: its theme's heading and body fonts, and the fonts
    named by the styles its text uses (with the styles they are based on) and by its text."""
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(template) as package:
            parts = {name: package.read(name) for name in package.namelist()
                     if name == "word/styles.xml" or name.startswith("word/theme/")
                     or _TEXT_PART.match(name)}
    except (OSError, zipfile.BadZipFile):
        return []  # not readable: the template checks say so
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    roots = {}
    for name, data in parts.items():
        with contextlib.suppress(etree.XMLSyntaxError):
            roots[name] = etree.fromstring(data, parser)
    names: set[str] = set()
    used_styles: set[str] = set()
    for name, root in roots.items():
        if name.startswith("word/theme/"):
            names.update(font.get("typeface", "") for font in root.iter(f"{_A}latin"))
        elif name != "word/styles.xml":
            names.update(f.get(f"{_W}ascii", "") for f in root.iter(f"{_W}rFonts"))
            for tag in ("pStyle", "rStyle", "tblStyle"):
                used_styles.update(e.get(f"{_W}val", "") for e in root.iter(f"{_W}{tag}"))
    styles = roots.get("word/styles.xml")
    if styles is not None:
        by_id = {style.get(f"{_W}styleId"): style for style in styles.iter(f"{_W}style")}
        used_styles.update(sid for sid, style in by_id.items() if style.get(f"{_W}default") == "1")
        pending = list(used_styles)
        while pending:
            style = by_id.get(pending.pop())
            if style is None:
                continue
            names.update(f.get(f"{_W}ascii", "") for f in style.iter(f"{_W}rFonts"))
            for link in (style.find(f"{_W}basedOn"), style.find(f"{_W}link")):
                target = link.get(f"{_W}val") if link is not None else None
                if target and target not in used_styles:
                    used_styles.add(target)
                    pending.append(target)
        for defaults in styles.iter(f"{_W}docDefaults"):
            names.update(f.get(f"{_W}ascii", "") for f in defaults.iter(f"{_W}rFonts"))
    return sorted(n for n in names if n and not n.startswith("+"))


def missing_fonts(templates: Sequence[Path]) -> list[str]:
    """One warning per font that a template uses and this machine can set neither in itself nor
    in a metric-compatible substitute: its PDFs would break lines and pages differently from
    Word. Empty when fontconfig (fc-match) is not there to ask."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return []
    used: dict[str, list[str]] = {}
    for template in templates:
        for font in template_fonts(template):
            used.setdefault(font, []).append(template.name)
    warnings = []
    for font, where in sorted(used.items()):
        wanted = {font.lower()}
        substitute = METRIC_COMPATIBLE.get(font.lower())
        if substitute:
            wanted.add(substitute.lower())
        try:
            found = subprocess.run([fc_match, "--format=%{family}", font], capture_output=True,
                                   text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        families = {family.strip().lower() for family in found.split(",")}
        if families & wanted:
            continue
        fix = (f"install {substitute} ({_PACKAGES[substitute]} on Debian/Ubuntu), which has "
               f"the same widths" if substitute else f"install {font}")
        warnings.append(f"font {font!r}, used by {', '.join(sorted(set(where)))}, is not "
                        f"installed (LibreOffice would use {found.split(',')[0] or 'another'}), "
                        f"so the PDFs may break lines and pages differently from Word; {fix}")
    return warnings

"""PDF copies of documents through LibreOffice (soffice) headless, a whole batch per process."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import move_atomic
from ..errors import ConfdocsError, ToolMissingError

# One soffice start costs seconds; a command line must stay well under the system's limit.
BATCH = 200
TIMEOUT_PER_DOCUMENT = 30


# Names the user may give LibreOffice's program by, in the order they are asked.
SOFFICE_VARIABLE = "CONFDOCS_SOFFICE"


def find_soffice(chosen: str | None = None) -> str:
    """The LibreOffice program, or ToolMissingError saying where it was looked for and how to
    install or name it. ``chosen`` (``--soffice``) wins, then the CONFDOCS_SOFFICE variable, then
    'soffice' or 'libreoffice' on PATH, then where LibreOffice's own installers put it on
    Windows, macOS and Linux (they do not add it to PATH)."""
    for named, where in ((chosen, "--soffice"), (os.environ.get(SOFFICE_VARIABLE), SOFFICE_VARIABLE)):
        if not named:
            continue
        found = shutil.which(named) or _program(Path(named))
        if found is None:
            raise ToolMissingError(
                f"{where} names {named}, which is not a program; give the path of LibreOffice's "
                "soffice program (e.g. C:\\Program Files\\LibreOffice\\program\\soffice.exe or "
                "/Applications/LibreOffice.app/Contents/MacOS/soffice)")
        return found
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    places = installed_places()
    for place in places:
        found = _program(place)
        if found is not None:
            return found
    raise ToolMissingError(
        "--pdf needs LibreOffice, and its 'soffice' program is neither on PATH nor in "
        f"{', '.join(str(p) for p in places) or 'its usual folders'}; install it "
        f"({_INSTALL.get(_system(), _INSTALL['linux'])}), or name it with --soffice PATH or "
        f"{SOFFICE_VARIABLE}, or build without --pdf")


_INSTALL = {
    "win32": "from libreoffice.org, or winget install TheDocumentFoundation.LibreOffice",
    "darwin": "from libreoffice.org, or brew install --cask libreoffice",
    "linux": "Debian/Ubuntu: apt-get install libreoffice-writer-nogui",
}


def _system() -> str:
    return "win32" if sys.platform == "win32" else "darwin" if sys.platform == "darwin" else "linux"


def installed_places() -> list[Path]:
    """Where LibreOffice's installers put its program on this platform: the Windows installer in
    Program Files (or the user's own programs folder), the macOS disk image in /Applications (or
    ~/Applications), the Document Foundation's Linux packages in /opt/libreofficeX.Y, and snap."""
    system = _system()
    if system == "win32":
        roots = [os.environ.get(name) for name in ("ProgramFiles", "ProgramW6432",
                                                   "ProgramFiles(x86)")]
        local = os.environ.get("LOCALAPPDATA")
        places = [Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in roots if root]
        if local:
            places.append(Path(local) / "Programs" / "LibreOffice" / "program" / "soffice.exe")
        return list(dict.fromkeys(places))
    if system == "darwin":
        bundle = Path("LibreOffice.app") / "Contents" / "MacOS" / "soffice"
        return [Path("/Applications") / bundle, Path.home() / "Applications" / bundle]
    opt = sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
    return [*opt, Path("/usr/lib/libreoffice/program/soffice"), Path("/snap/bin/libreoffice")]


def _program(path: Path) -> str | None:
    return str(path) if path.is_file() and os.access(path, os.X_OK) else None


@dataclass(frozen=True)
class PdfSettings:
    """How a build makes its PDFs: with which LibreOffice program, and whether as PDF/A-2b
    (``--pdf-a``) rather than plain tagged PDF."""

    soffice: str
    archival: bool = False

    def convert(self, documents: Sequence[Path]) -> list[Path]:
        """``convert_to_pdf`` with these settings."""
        return convert_to_pdf(documents, soffice=self.soffice, archival=self.archival)


def export_filter(*, archival: bool = False) -> str:
    """The ``--convert-to`` argument: Writer's PDF export with its options as JSON (LibreOffice
    7.4 and later read them there). Every PDF is tagged (the document's headings, lists and
    tables, and its language, for assistive technology), keeps the document's outline as
    bookmarks, and shows the document's title rather than its file name; ``archival`` makes it
    PDF/A-2b, whose fonts are all embedded and whose XMP metadata says so."""
    options: dict[str, tuple[str, object]] = {
        "UseTaggedPDF": ("boolean", True),
        "ExportBookmarks": ("boolean", True),
        "DisplayPDFDocumentTitle": ("boolean", True),
        # Comments and the form fields' own controls are not part of what the client signs.
        "ExportNotes": ("boolean", False),
        "ExportFormFields": ("boolean", False),
    }
    if archival:
        options["SelectPdfVersion"] = ("long", PDF_A_2B)
    encoded = {name: {"type": kind, "value": json.dumps(value).strip('"')}
               for name, (kind, value) in options.items()}
    return "pdf:writer_pdf_Export:" + json.dumps(encoded, separators=(",", ":"))


# SelectPdfVersion's value for PDF/A-2b: the archival level whose conformance a text export can
# meet (2a and 2u need Unicode maps and tags LibreOffice does not promise for every font).
PDF_A_2B = 2


def convert_to_pdf(documents: Sequence[Path], *, processes: int | None = None,
                   on_done: Callable[[Path], None] | None = None, soffice: str | None = None,
                   archival: bool = False) -> list[Path]:
    """Convert .docx files to tagged PDFs beside them (PDF/A-2b if ``archival``); returns the
    PDFs' paths, in the same order. ``soffice`` is LibreOffice's program (by default the one
    ``find_soffice`` finds).

    A LibreOffice start costs seconds, so each process converts many documents; there is one
    process per core, each with a profile of its own (kept in the user's cache between runs), so
    that they neither meet each other nor a LibreOffice the user has open. Each PDF is made from a
    private copy in which no address or date can break across lines (see ``unbreakable``), in a
    private folder, and moved into place atomically.
    """
    if not documents:
        return []
    program = soffice or find_soffice()
    conversion = export_filter(archival=archival)
    names = [doc.name for doc in documents]
    if len(set(names)) != len(names):
        raise ConfdocsError("two documents to convert share a file name")
    count = max(1, min(processes or os.cpu_count() or 1, len(documents)))
    with tempfile.TemporaryDirectory(prefix="confdocs-pdf-") as work, \
            contextlib.ExitStack() as held:
        slices = [list(documents[i::count]) for i in range(count)]
        running = []
        for index, part in enumerate(slices):
            profile = held.enter_context(libreoffice_profile(index, Path(work)))
            for start in range(0, len(part), BATCH):
                batch = part[start:start + BATCH]
                folder = Path(work) / f"p{index}-{start}"
                sources = _unbreakable_copies(batch, folder / "in")
                running.append((batch, folder,
                                _start(program, conversion, profile, folder, sources)))
        made: dict[Path, Path] = {}
        for batch, folder, process in running:
            _finish(batch, folder, process, made, on_done)
    return [made[doc] for doc in documents]


def _unbreakable_copies(documents: Sequence[Path], folder: Path) -> list[Path]:
    from .unbreakable import unbreakable_package

    folder.mkdir(parents=True)
    copies = []
    for document in documents:
        copy = folder / document.name
        try:
            copy.write_bytes(unbreakable_package(document.read_bytes()))
        except zipfile.BadZipFile as exc:
            raise ConfdocsError(f"{document}: not a Word document ({exc})") from exc
        copies.append(copy)
    return copies


@contextlib.contextmanager
def libreoffice_profile(slot: int, scratch: Path) -> Iterator[Path]:
    """A LibreOffice profile for process ``slot``. Its first start builds the profile, which takes
    seconds; so each slot keeps its profile in the user's cache and reuses it, under a lock. If
    another run holds the slot (or there is no cache to write), a fresh one in ``scratch``."""
    from ..folders import user_cache
    from ..lock import try_lock

    fresh = scratch / f"profile-{slot}"
    cache = user_cache()
    if cache is None:  # no home folder
        yield fresh
        return
    folder = cache / f"libreoffice-{slot}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # a cache we may not write
        yield fresh
        return
    try:
        yield folder / "profile" if try_lock(lock) else fresh
    finally:
        os.close(lock)  # closing releases the lock


def _start(soffice: str, conversion: str, profile: Path, folder: Path, batch: Sequence[Path],
           ) -> subprocess.Popen[str]:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--convert-to", conversion, "--outdir", str(folder / "out"),
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
        _untable(doc, pdf)
        target = doc.with_suffix(".pdf")
        move_atomic(pdf, target)
        made[doc] = target
        if on_done is not None:
            on_done(target)


def _untable(doc: Path, pdf: Path) -> None:
    """Retag the layout tables of a PDF still in the private folder (see ``tagging``)."""
    import pikepdf

    from .tagging import untable_layout

    try:
        untable_layout(pdf)
    except pikepdf.PdfError as exc:
        raise ConfdocsError(f"{doc}: LibreOffice made a PDF that cannot be read back ({exc}); "
                            "convert it again with --force, or report it") from exc


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

"""What tests share besides fixtures: the repository's folders, the samples and engagements made
from them, template folders and sets to build with, an output folder's lock held, and reading back
the documents a build makes (their text, tables and PDFs). Tests import these by name; the fixtures
are in conftest.py, where pytest finds them."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import docx
from docx.text.paragraph import Paragraph

from confdocs.resources import templates_dir

from .docx_cases import NUMBERED_SECTIONS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
PICTURES = DATA / "pictures"  # a 4 x 2 logo, and an 8 x 8 one
COHORT = SAMPLES / "cohort"
HR_COMMENT = "Legal name as on the passport? Check with HR."  # commented_template's comment


def sample_data(name: str) -> dict[str, Any]:
    """The engagement of samples/``name``, as JSON data."""
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


def write_engagement(folder: Path, data: dict[str, Any], name: str | None = None) -> Path:
    """``data`` written as an engagement file in ``folder`` (named by its id unless ``name``)."""
    path = folder / (name or f"{data['id']}.json")
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def guild_engagement(tmp_path: Path, change: dict[str, object] | None = None,
                     name: str = "e.json") -> Path:
    """The guild sample (membership-guild.json) with ``change`` made to its top level, written as
    ``name`` in ``tmp_path``/in."""
    data = sample_data("membership-guild.json")
    data.update(change or {})
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    return write_engagement(folder, data, name)


def engagement_in_locale(folder: Path, locale: str | None, ident: str) -> Path:
    """The Harbour Vale sample as engagement ``ident`` in ``locale`` (no locale at all if None),
    written as ``ident``.json in ``folder``."""
    data: dict[str, Any] = json.loads((SAMPLES / "exec-coaching-harbour-vale.json")
                                      .read_text(encoding="utf-8"))
    data.pop("$schema", None)
    data["id"] = ident
    if locale is None:
        data.pop("locale", None)
    else:
        data["locale"] = locale
    path = folder / f"{ident}.json"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def cohort_profiles(tmp_path: Path) -> Path:
    """A folder ``tmp_path``/cohort holding a copy of the sample cohort's profiles (in profiles/),
    and no engagement yet."""
    folder = tmp_path / "cohort"
    (folder / "profiles").mkdir(parents=True)
    for profile in (COHORT / "profiles").glob("*.json"):
        (folder / "profiles" / profile.name).write_bytes(profile.read_bytes())
    return folder


def short_engagement(folder: Path, ident: str, **extra: Any) -> Path:
    """A short engagement ``ident`` in ``folder`` that extends the cohort's programme profile and
    gives only the client and the dates (and ``extra``, top-level fields)."""
    data: dict[str, Any] = {
        "extends": "profiles/harbour-vale-2026.json",
        "id": ident,
        "parties": {"client": {"name": f"Client {ident}", "email": f"{ident.lower()}@example.com"}},
        "dates": {"start": "2026-02-02", "end": "2026-07-31"},
    }
    data.update(extra)
    path = folder / f"{ident}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def french_set(own: Path, locale: str = "fr-FR") -> Path:
    """An organisation's set for ``locale``: the English templates with the French words."""
    folder = own / locale
    folder.mkdir(parents=True)
    for template in (templates_dir() / "en-GB").glob("*.docx"):
        shutil.copy(template, folder)
    shutil.copy(templates_dir() / "fr-FR" / "messages.po", folder)
    return folder


def commented_template(folder: Path) -> Path:
    """A contract.docx in ``folder`` whose client paragraph carries an HR editor's comment
    (``HR_COMMENT``)."""
    document = docx.Document()
    document.add_paragraph("Agreement.")
    paragraph = document.add_paragraph("The client: {{ parties.client.name }}")
    document.add_comment(paragraph.runs, text=HR_COMMENT, author="HR Editor", initials="HE")
    for heading in NUMBERED_SECTIONS:  # what the shipped letters and annex cite
        document.add_paragraph(heading)
    path = folder / "contract.docx"
    document.save(str(path))
    return path


def edit_body(path: Path, change: Callable[[list[Paragraph]], None]) -> None:
    """Let ``change`` edit the body paragraphs of the .docx at ``path``, and save it."""
    document = docx.Document(str(path))
    change(list(document.paragraphs))
    document.save(str(path))


def remove_paragraphs(paragraphs: list[Paragraph]) -> None:
    """Take these paragraphs out of their document."""
    for paragraph in paragraphs:
        paragraph._element.getparent().remove(paragraph._element)


def index_of(paragraphs: list[Paragraph], start: str) -> int:
    """The index of the first paragraph whose text starts with ``start``."""
    return next(i for i, p in enumerate(paragraphs) if p.text.startswith(start))


@contextlib.contextmanager
def lock_held(out: Path) -> Iterator[None]:
    """``out``'s lock held, as another build holds it."""
    import fcntl
    import os

    out.mkdir(exist_ok=True)
    fd = os.open(out / ".confdocs.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def build_is_complete(out: Path, documents: int) -> bool:
    """Whether the build in ``out`` holds ``documents`` documents, each of them, and only them,
    in its manifest."""
    outputs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*.docx")}
    return {entry["path"] for entry in outputs} == on_disk and len(on_disk) == documents


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fake_fc_match(folder: Path, family: str) -> None:
    """An fc-match program in ``folder`` that answers ``family`` for every font asked for."""
    program = folder / "fc-match"
    program.write_text(f"#!/bin/sh\nprintf '%s' '{family}'\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)


def document_text(path: Path) -> str:
    """All the text of a .docx as a reader sees it: body paragraphs, tables, headers, footers."""
    document = docx.Document(str(path))
    parts: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def table_rows(path: Path, index: int = 0) -> list[list[str]]:
    """The cells' text of a .docx's table ``index``, row by row."""
    document = docx.Document(str(path))
    return [[cell.text for cell in row.cells] for row in document.tables[index].rows]


def soffice_available() -> bool:
    """Whether LibreOffice and pdftotext are installed, so that PDFs can be made and read."""
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


def pdf_text(path: Path) -> str:
    """A PDF's text as pdftotext lays it out, pages separated by form feeds."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def codes(findings: Sequence[Any]) -> list[str]:
    """The codes of findings, in their order."""
    return [f.code for f in findings]


def paragraph_texts(document: Any) -> Iterator[str]:
    """Every paragraph's text of a python-docx document: the body, its tables (and tables in
    their cells), headers and footers."""
    yield from (paragraph.text for paragraph in document.paragraphs)
    for table in document.tables:
        yield from _table_texts(table)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from (paragraph.text for paragraph in part.paragraphs)


def _table_texts(table: Any) -> Iterator[str]:
    for row in table.rows:
        for cell in row.cells:
            yield from (paragraph.text for paragraph in cell.paragraphs)
            for inner in cell.tables:
                yield from _table_texts(inner)


def text_values(data: Any) -> Iterator[str]:
    """Every text value of an engagement, however deep."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from text_values(value)
    elif isinstance(data, list):
        for value in data:
            yield from text_values(value)


GIB = 1 << 30


class Limited(NamedTuple):
    """What a child process run by run_limited did."""

    code: int
    stdout: str
    stderr: str  # without the line that reports the peak
    peak_mib: int  # its peak resident memory; -1 if it could not say


def run_limited(code: str, *args: str, memory: int = GIB, timeout: float = 120,
                input: str | None = None) -> Limited:
    """Run the Python ``code`` (with ``args`` as sys.argv[1:], ``input`` on its stdin) in a
    child process whose address space is limited to ``memory`` bytes and which is killed after
    ``timeout`` seconds: what would take gigabytes (on code without the bounds a test checks)
    fails in the child, never the machine. The child reports its peak memory as it exits."""
    # The peak is the kernel's high-water mark of this program's memory (VmHWM): ru_maxrss
    # would count the test process it was forked from too.
    prelude = (
        "import atexit, resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
        "def peak():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'):\n"
        "            print('peak-kib', line.split()[1], file=sys.stderr)\n"
        "atexit.register(peak)\n")
    done = subprocess.run([sys.executable, "-c", prelude + code, *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, input=input)
    lines = done.stderr.rstrip("\n").split("\n")
    peak = -1
    if lines and lines[-1].startswith("peak-kib "):
        peak = int(lines.pop().split()[1]) // 1024
    return Limited(done.returncode, done.stdout, "\n".join(lines), peak)


def confdocs_limited(*args: str, memory: int = GIB, timeout: float = 120) -> Limited:
    """``python -m confdocs ARGS`` in a child limited as run_limited's."""
    return run_limited("import runpy\nsys.argv = ['confdocs', *sys.argv[1:]]\n"
                       "runpy.run_module('confdocs', run_name='__main__', alter_sys=True)",
                       *args, memory=memory, timeout=timeout)

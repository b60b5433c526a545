"""What tests share besides fixtures: the repository's folders, the samples, and reading back the
documents a build makes (their text, tables and PDFs). Tests import these by name; the fixtures
are in conftest.py, where pytest finds them."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import docx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"


def sample_data(name: str) -> dict[str, Any]:
    """The engagement of samples/``name``, as JSON data."""
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


def write_engagement(folder: Path, data: dict[str, Any], name: str | None = None) -> Path:
    """``data`` written as an engagement file in ``folder`` (named by its id unless ``name``)."""
    path = folder / (name or f"{data['id']}.json")
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


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

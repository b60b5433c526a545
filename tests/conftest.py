from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner, Result

from confdocs.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _template_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates go to a cache of the test session's own, never the user's."""
    import os

    os.environ["CONFDOCS_CACHE_DIR"] = str(tmp_path_factory.mktemp("template-cache"))
    # The key that signs cache entries lives in the user's state folder: the session's own too.
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the CLI in-process, as a user would type it (exit code as ``main`` returns it)."""

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def sample_data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return data


def write_engagement(folder: Path, data: dict[str, Any], name: str | None = None) -> Path:
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
    document = docx.Document(str(path))
    return [[cell.text for cell in row.cells] for row in document.tables[index].rows]


def soffice_available() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def codes(findings: Sequence[Any]) -> list[str]:
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

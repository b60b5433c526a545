"""Links, pictures and other documents through the command line: a build puts them in and a new
picture rebuilds, and `templates check` knows the functions and finds a missing picture before any
document is made."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from ..helpers import DATA, sample_data, write_engagement

PICTURES = DATA / "pictures"  # a 4 x 2 logo, and an 8 x 8 one


def _template(folder: Path, *paragraphs: str, name: str = "contract.docx") -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    here = tmp_path / "templates"
    here.mkdir()
    shutil.copy(PICTURES / "logo.png", here / "logo.png")
    terms = docx.Document()
    terms.add_paragraph("Standard terms of the organisation, included whole.")
    terms.save(str(here / "terms.docx"))
    return here


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_build_uses_them_and_a_new_picture_rebuilds(folder: Path, tmp_path: Path, run) -> None:
    _template(folder, "{{ parties.client.name }}", "{{ image('logo.png', width_mm=20) }}")
    (folder / "terms.docx").unlink()  # no template puts it in: build would take it for a misnamed one
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_engagement(inputs, sample_data("coaching-two-disclosures.json"))
    out = tmp_path / "out"
    args = ("build", str(inputs), "--out", str(out), "--templates", str(folder), "--only",
            "contract", "--jobs", "1")
    assert run(*args).exit_code == 0
    (made,) = out.glob("*/*-contract.docx")
    assert any(name.startswith("word/media/") for name in _parts(made.read_bytes()))
    assert "1 up to date" in run(*args).output
    before = made.read_bytes()
    # A new logo: the contract is out of date.
    shutil.copy(PICTURES / "logo-square.png", folder / "logo.png")
    again = run(*args)
    assert again.exit_code == 0 and "Built 1 document" in again.output
    assert made.read_bytes() != before


def test_the_checker_knows_the_functions(folder: Path, run) -> None:
    path = _template(folder, "{{r link(professional_body.complaints_url) }}",
                     "{{ image('logo.png') }}", "{{p subdoc('terms.docx') }}")
    result = run("templates", "check", str(path))
    assert result.exit_code == 0, result.output


def test_the_checker_finds_a_missing_picture_before_any_document_is_made(folder: Path,
                                                                         run) -> None:
    path = _template(folder, "Fine.", "{{ image('logo.pgn') }}", "{{r link('www.example.org') }}")
    result = run("templates", "check", str(path))
    assert result.exit_code == 1
    assert "body paragraph 2" in result.output and "extra-invalid" in result.output
    assert "must be one of .png" in result.output
    assert "body paragraph 3" in result.output and "a link must be a web address" in result.output

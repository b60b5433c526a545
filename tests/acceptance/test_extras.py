"""Links, pictures and other documents through the command line: a build puts them in and a new
picture rebuilds, and `templates check` knows the functions and finds a missing picture before any
document is made."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..docx_cases import make, parts
from ..helpers import PICTURES, sample_data, write_engagement


def test_a_build_uses_them_and_a_new_picture_rebuilds(extras_folder: Path, tmp_path: Path,
                                                      run) -> None:
    make(extras_folder / "contract.docx", "{{ parties.client.name }}",
         "{{ image('logo.png', width_mm=20) }}")
    (extras_folder / "terms.docx").unlink()  # no template puts it in: build would take it for a misnamed one
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_engagement(inputs, sample_data("coaching-two-disclosures.json"))
    out = tmp_path / "out"
    args = ("build", str(inputs), "--out", str(out), "--templates", str(extras_folder), "--only",
            "contract", "--jobs", "1")
    assert run(*args).exit_code == 0
    (made,) = out.glob("*/*-contract.docx")
    assert any(name.startswith("word/media/") for name in parts(made))
    assert "1 up to date" in run(*args).output
    before = made.read_bytes()
    # A new logo: the contract is out of date.
    shutil.copy(PICTURES / "logo-square.png", extras_folder / "logo.png")
    again = run(*args)
    assert again.exit_code == 0 and "Built 1 document" in again.output
    assert made.read_bytes() != before


def test_the_checker_knows_the_functions(extras_folder: Path, run) -> None:
    path = make(extras_folder / "contract.docx", "{{r link(professional_body.complaints_url) }}",
                "{{ image('logo.png') }}", "{{p subdoc('terms.docx') }}")
    result = run("templates", "check", str(path))
    assert result.exit_code == 0, result.output


def test_the_checker_finds_a_missing_picture_before_any_document_is_made(extras_folder: Path,
                                                                         run) -> None:
    path = make(extras_folder / "contract.docx", "Fine.", "{{ image('logo.pgn') }}",
                "{{r link('www.example.org') }}")
    result = run("templates", "check", str(path))
    assert result.exit_code == 1
    assert "body paragraph 2" in result.output and "extra-invalid" in result.output
    assert "must be one of .png" in result.output
    assert "body paragraph 3" in result.output and "a link must be a web address" in result.output

"""The corpus of templates saved by LibreOffice Writer (tests/templates_writer, made by
make_writer_corpus.py driving Writer through its own API): for each item of issue 12, what
`templates check` reports and what `build` does with the template as the organisation's contract."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from confdocs.lint import check_template

from ..helpers import ROOT, SAMPLES, document_text

CORPUS = ROOT / "tests" / "templates_writer"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8"))
CHECKED = sorted(name for name, case in EXPECTED.items() if case["findings"] is not None)


def test_every_case_has_its_files_and_every_folder_a_case() -> None:
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert folders == set(EXPECTED)
    for name, case in EXPECTED.items():
        assert (CORPUS / name / case["save_as"]).is_file()


def test_the_corpus_was_saved_by_libreoffice() -> None:
    for name, case in EXPECTED.items():
        if not case["save_as"].endswith((".docx", ".dotx")) or name == "odt-named-docx":
            continue
        with zipfile.ZipFile(CORPUS / name / case["save_as"]) as archive:
            application = archive.read("docProps/app.xml").decode("utf-8")
        assert "LibreOffice" in application, name


@pytest.mark.parametrize("name", CHECKED, ids=str)
def test_check_reports_exactly_the_expected_findings(name: str) -> None:
    case = EXPECTED[name]
    findings = check_template(CORPUS / name / case["save_as"])
    got = sorted((f.code, f.severity, f.place) for f in findings)
    want = sorted((e["code"], e["severity"], e["place"]) for e in case["findings"])
    assert got == want, "\n".join(f"{f.place}: {f.code}: {f.message}" for f in findings)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_build_does_what_the_case_expects(name: str, tmp_path: Path, run) -> None:
    case = EXPECTED[name]
    wanted = case["build"]
    own = shutil.copytree(CORPUS / name, tmp_path / "own")
    sample = SAMPLES / wanted.get("sample", "exec-coaching-harbour-vale.json")
    out = tmp_path / "out"
    result = run("build", str(sample), "--out", str(out), "--templates", str(own), "--only",
                 "contract")
    assert result.exit_code == wanted["exit"], result.output
    made = list(out.glob("*/*-contract.docx"))
    assert bool(made) == wanted["contract"], result.output
    if "stderr" in wanted:
        assert wanted["stderr"] in result.stderr
    if not made:
        return
    (contract,) = made
    text = document_text(contract)
    if "text" in wanted:
        assert wanted["text"] in text
    if "not_text" in wanted:
        assert wanted["not_text"] not in text
    parts = _parts(contract)
    everything = b"".join(parts.values())
    for absent in wanted.get("absent", ()):
        assert absent.encode() not in everything, absent
    if "sections" in wanted:
        xml = parts["word/document.xml"].decode("utf-8")
        orientations = ["landscape" if 'w:orient="landscape"' in section else "portrait"
                        for section in re.findall(r"<w:sectPr.*?</w:sectPr>", xml, re.DOTALL)]
        assert orientations == wanted["sections"]
    if "first_row_sides" in wanted:
        xml = parts["word/document.xml"].decode("utf-8")
        first = re.search(r"<w:tr[ >].*?</w:tr>", xml, re.DOTALL)
        assert first is not None
        for cell in re.findall(r"<w:tcBorders>.*?</w:tcBorders>", first.group(0), re.DOTALL):
            drawn = set(re.findall(r'<w:(top|bottom) w:val="single"', cell))
            assert drawn == set(wanted["first_row_sides"]), cell
    if "unique_picture_ids" in wanted:
        ids = [number for part in parts.values()
               for number in re.findall(rb'<wp:docPr [^>]*?\bid="(\d+)"', part)]
        assert len(ids) == wanted["unique_picture_ids"] == len(set(ids)), ids

"""The corpus of templates saved by LibreOffice Writer (tests/templates_writer, made by
make_writer_corpus.py driving Writer through its own API): for each item of issue 12, what
`templates check` reports. (What `build` does with each: tests/acceptance/test_writer_corpus.py.)"""

from __future__ import annotations

import json
import zipfile
from typing import Any

import pytest

from confdocs.lint import check_template

from ..helpers import ROOT

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

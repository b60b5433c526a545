"""Issue 23, item 7: `templates check` of a folder names each template by its path in the folder,
in text and in JSON alike, so that the English and the French contract are two templates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx

from confdocs.resources import templates_dir


def _misspelt(path: Path) -> None:
    document = docx.Document(str(path))
    document.paragraphs[1].text = "{{ titel }}"
    document.save(str(path))


def test_a_folders_french_contract_is_named_by_its_path(run, tmp_path: Path) -> None:
    own = tmp_path / "own"
    shutil.copytree(templates_dir() / "fr-FR", own / "fr-FR")
    _misspelt(own / "fr-FR" / "contract.docx")
    text = run("templates", "check", "--templates", str(own))
    assert text.exit_code == 1
    errors = [line for line in text.output.splitlines() if ": error: " in line]
    assert errors and all(line.startswith("fr-FR/contract.docx: ") for line in errors), errors
    report = json.loads(run("templates", "check", "--templates", str(own), "--format",
                            "json").output)
    assert {finding["template"] for finding in report["findings"]} == {"fr-FR/contract.docx"}

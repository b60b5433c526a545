"""A template set's catalogue of words (messages.po) is an input of the build, as its templates
are (issue 28, item 8): the manifest records it with its hash, and a word changed in it makes the
documents written with it again, where the build used to call them up to date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "samples" / "coaching-fr-lyon.json"
ENGLISH = ROOT / "samples" / "membership-guild.json"


def _title(path: Path) -> str:
    return str(docx.Document(str(path)).core_properties.title)


def test_a_word_changed_in_a_catalogue_rebuilds_the_documents_written_with_it(
        tmp_path: Path, run) -> None:
    own = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "fr-FR", own / "fr-FR")
    catalogue = own / "fr-FR" / "messages.po"
    out = tmp_path / "out"
    first = run("build", str(FRENCH), str(ENGLISH), "--out", str(out), "--templates", str(own))
    assert first.exit_code == 0, first.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    french = [entry for entry in manifest["outputs"] if entry["input"] == str(FRENCH)]
    english = [entry for entry in manifest["outputs"] if entry["input"] == str(ENGLISH)]
    assert french and english
    # Named in the --templates folder: the same on every machine (issue 26, item 6).
    assert {entry["catalogue"] for entry in french} == {"fr-FR/messages.po"}
    assert all(len(entry["catalogue_sha256"]) == 64 for entry in french)
    assert not any("catalogue" in entry for entry in english)  # the en-GB words are built in
    contract = out / french[0]["engagement"] / f"{french[0]['engagement']}-contract.docx"
    assert _title(contract).startswith("Accord de confidentialité")

    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        'msgstr "Accord de confidentialité"', 'msgstr "Convention de confidentialité"'),
        encoding="utf-8")
    again = run("build", str(FRENCH), str(ENGLISH), "--out", str(out), "--templates", str(own))
    assert again.exit_code == 0, again.output
    assert f"from 1 engagement into {out}" in again.stdout and "1 up to date" in again.stdout
    assert _title(contract).startswith("Convention de confidentialité")
    redone = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["catalogue_sha256"] for entry in redone["outputs"]
            if entry["input"] == str(FRENCH)} != {entry["catalogue_sha256"] for entry in french}

    unchanged = run("build", str(FRENCH), str(ENGLISH), "--out", str(out), "--templates", str(own))
    assert "2 up to date" in unchanged.stdout

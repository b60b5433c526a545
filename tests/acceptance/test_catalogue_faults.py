"""A catalogue of words that would make documents no one can open, or that is not a file at all,
is refused by `templates check` and by `build` alike, with the place to mend (issue 28, items 9
and, for catalogues, 4); before, a U+000B in a title gave documents python-docx could not open,
with exit 0, and a folder or a device in place of messages.po was silently taken for the shipped
words."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "samples" / "coaching-fr-lyon.json"


@pytest.fixture
def own(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "fr-FR", folder / "fr-FR")
    return folder


def test_a_control_character_in_a_message_is_an_error_at_its_line(own: Path, tmp_path: Path,
                                                                  run) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('msgstr "Accord de confidentialité"',
                                      'msgstr "Accord de\u000bconfidentialité"'), encoding="utf-8")
    line = next(number for number, content in enumerate(
        catalogue.read_text(encoding="utf-8").split("\n"), 1) if "\u000b" in content)
    said = f"{catalogue}:"
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code != 0, check.output  # 2, as for every catalogue that cannot be used
    assert said in check.output and "holds U+000B" in check.output
    out = tmp_path / "out"
    build = run("build", str(FRENCH), "--out", str(out), "--templates", str(own))
    assert build.exit_code == 1, build.output
    assert "holds U+000B, a character a Word document cannot hold" in build.stderr
    assert not list(out.glob("*/*.docx"))  # no document that could not be opened
    # the message names the line of the msgid's entry, near the msgstr
    placed = re.search(re.escape(str(catalogue)) + r":(\d+): the message 'title contract'",
                       build.stderr)
    assert placed is not None and 0 < line - int(placed.group(1)) <= 3


@pytest.mark.parametrize("what", ["folder", "fifo", "device"])
def test_a_catalogue_that_is_not_a_file_is_never_read_nor_passed_over(own: Path, tmp_path: Path,
                                                                      run, what: str) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.unlink()
    if what == "folder":
        catalogue.mkdir()
    elif what == "fifo":
        os.mkfifo(catalogue)
    else:
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        catalogue.symlink_to("/dev/zero")
    out = tmp_path / "out"
    build = run("build", str(FRENCH), "--out", str(out), "--templates", str(own))
    assert build.exit_code != 0
    assert f"{catalogue}: error: the catalogue is not a regular file" in build.stderr
    assert not list(out.glob("*/*.docx"))


def test_a_character_set_no_codec_knows_is_said_not_a_crash(own: Path, tmp_path: Path,
                                                            run) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "charset=UTF-8", "charset=klingon-8"), encoding="utf-8")
    said = "its header names a character set Python does not know (unknown encoding: klingon-8)"
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code != 0 and said in check.output
    build = run("build", str(FRENCH), "--out", str(tmp_path / "out"), "--templates", str(own))
    assert build.exit_code == 1 and said in build.stderr
    assert "internal error" not in build.output + check.output

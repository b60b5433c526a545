"""A template is read only if it is a regular file, and only up to its bound (issue 28, item 4):
a named pipe where a template belongs hung `templates check` and `build` for ever, `render -t
/dev/zero` read until the memory ran out, and a file of gigabytes was read whole before anything
looked at it. Each is now one line, exit 2, in every command that reads templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from confdocs.bounded import read_regular

from ..helpers import ROOT

ENGAGEMENT = ROOT / "samples" / "exec-coaching-harbour-vale.json"
NOT_REGULAR = "not a regular file (a pipe, a device or a socket)"


@pytest.fixture
def own(tmp_path: Path) -> Path:
    folder = tmp_path / "own"
    shutil.copytree(ROOT / "templates" / "en-GB", folder / "en-GB")
    return folder


def _replace(path: Path, what: str) -> None:
    path.unlink()
    if what == "fifo":
        os.mkfifo(path)
    elif what == "device":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        path.symlink_to("/dev/zero")
    else:  # a file of 200 MiB that costs no disk: a hole
        with open(path, "wb") as handle:
            handle.truncate(200 * 1024 * 1024)


@pytest.mark.parametrize("what", ["fifo", "device"])
def test_a_template_that_is_no_regular_file_is_said_in_check_and_build(
        own: Path, tmp_path: Path, run, what: str, no_hang) -> None:
    contract = own / "en-GB" / "contract.docx"
    _replace(contract, what)
    check = run("templates", "check", "--templates", str(own))
    build = run("build", str(ENGAGEMENT), "--templates", str(own), "--out", str(tmp_path / "out"))
    named = run("templates", "check", str(contract))
    for result in (check, build, named):
        assert result.exit_code == 2, result.output
        assert f"{contract}: {NOT_REGULAR}, not a Word document" in result.output
        assert "internal error" not in result.output


@pytest.mark.parametrize("what", ["fifo", "device", "huge"])
def test_render_reads_a_template_only_if_it_is_a_regular_file_within_its_bound(
        tmp_path: Path, run, what: str, no_hang) -> None:
    template = tmp_path / "contract.docx"
    shutil.copy(ROOT / "templates" / "en-GB" / "contract.docx", template)
    _replace(template, what)
    result = run("render", "-t", str(template), str(ENGAGEMENT), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2, result.output
    said = (NOT_REGULAR if what != "huge" else "larger than the 100 MiB a template may be")
    assert said in result.output
    assert not (tmp_path / "x.docx").exists()


def test_the_bounded_reader_never_reads_past_its_bound(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1000)
    assert read_regular(path, 1000) == b"x" * 1000
    with pytest.raises(OSError, match="larger than the 999 bytes a file may be"):
        read_regular(path, 999)
    with pytest.raises(IsADirectoryError):
        read_regular(tmp_path, 1000)

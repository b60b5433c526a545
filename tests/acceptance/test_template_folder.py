"""`--templates DIR`: the templates you meant are the templates used (issue 12, section 3). A file
that replaces no template is an error with a suggestion, an empty folder is an error, Word's owner
files are ignored, the summary says which templates were used, and a template that is not a Word
document is a usage error (2) in build as in check."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..docx_cases import NUMBERED_SECTIONS, make
from ..helpers import SAMPLES, document_text

GUILD = SAMPLES / "membership-guild.json"


def _build(run, own: Path, tmp_path: Path, *more: str):
    return run("build", str(GUILD), "--out", str(tmp_path / "out"), "--templates", str(own), *more)


@pytest.mark.parametrize(("name", "advice"), [
    ("Contract.docx", "Contract.docx replaces no template; did you mean contract.docx?"),
    ("contract.dotx", "contract.dotx replaces no template; save it as a Word Document (.docx) "
                      "named contract.docx"),
    ("contract (1).docx", "replaces no template; did you mean contract.docx?"),
    ("feedback-anex.docx", "replaces no template; did you mean feedback-annex.docx?"),
], ids=["capitals", "dotx", "copy", "misspelt"])
def test_a_file_that_replaces_no_template_is_an_error_with_a_suggestion(
        name: str, advice: str, tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / name, "Our own wording for {{ parties.client.name }}.")
    result = _build(run, own, tmp_path)
    assert result.exit_code == 2
    assert advice in result.stderr
    assert not list((tmp_path / "out").rglob("*.docx"))
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code == 2
    assert advice in check.stderr


def test_an_empty_folder_is_an_error(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    own.mkdir()
    result = _build(run, own, tmp_path)
    assert result.exit_code == 2
    assert "the folder holds no template" in result.stderr
    assert run("templates", "check", "--templates", str(own)).exit_code == 2


def test_a_folder_named_like_a_template_is_an_error(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    (own / "contract.docx").mkdir(parents=True)
    result = _build(run, own, tmp_path)
    assert result.exit_code == 2
    assert "contract.docx: a folder, not a Word document" in result.stderr


def test_words_owner_files_are_ignored_by_check_and_build(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / "contract.docx", "Our own wording for {{ parties.client.name }}.",
         *NUMBERED_SECTIONS)
    (own / "~$ntract.docx").write_bytes(b"\x0bHR Editor" + b"\0" * 150)  # as Word leaves it
    (own / ".~lock.contract.docx#").write_text("HR Editor,host,01.03.2026 10:15;")
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code == 0, check.output
    assert "1 template checked" in check.output
    result = _build(run, own, tmp_path)
    assert result.exit_code == 0, result.output
    (contract,) = (tmp_path / "out").glob("*/*-contract.docx")
    assert "Our own wording for" in document_text(contract)


def test_the_summary_says_which_templates_were_used(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / "contract.docx", "Our own wording for {{ parties.client.name }}.",
         *NUMBERED_SECTIONS)
    result = _build(run, own, tmp_path)
    assert result.exit_code == 0
    assert (f"Templates yours from {own} (en-GB: contract.docx); shipped (en-GB: "
            "feedback-annex.docx, disclosure-notice.docx, decision-record.docx)") in result.output
    shipped = run("build", str(GUILD), "--out", str(tmp_path / "out2"))
    assert "Templates shipped (en-GB: contract.docx, feedback-annex.docx, disclosure-notice.docx" in (
        shipped.output)


def test_a_document_a_template_puts_in_is_no_misnamed_template(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / "contract.docx", "Terms:", "{{p subdoc('standard-terms.docx') }}",
         *NUMBERED_SECTIONS)
    make(own / "standard-terms.docx", "Standard terms of the organisation.")
    result = _build(run, own, tmp_path, "--only", "contract")
    assert result.exit_code == 0, result.output
    (contract,) = (tmp_path / "out").glob("*/*-contract.docx")
    assert "Standard terms of the organisation." in document_text(contract)
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code == 0, check.output
    assert "1 template checked" in check.output  # the document put in is no template


def test_a_template_that_is_not_a_word_document_is_a_usage_error(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "contract.docx").write_text("not a Word document")
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code == 2
    result = _build(run, own, tmp_path)
    assert result.exit_code == 2
    line = next(line for line in check.output.splitlines() if "[template-unreadable]" in line)
    assert line in result.stderr.splitlines()


def test_a_dangling_link_named_like_a_template_is_an_error(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "contract.docx").symlink_to(own / "gone.docx")
    result = _build(run, own, tmp_path)
    assert result.exit_code == 2
    assert "contract.docx: a link to a file that does not exist" in result.stderr

"""`build` and `render` refuse a template whose package is damaged, as `templates check` reports
it (issue 28, items 6 and 7, the rest, and the minor item of zip members named ``../../evil.txt``):
only the documents that need it are not made, with the check's words, exit 1; the documents of
the other kinds and engagements are built. Before, each was built from it, exit 0, and no one
could open them (or they carried the stray file)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from confdocs.errors import TemplateError
from confdocs.render.template import CompiledTemplate

from ..docx_cases import CONTRACT, damaged_contract
from ..helpers import SAMPLES, document_text, sample_data

EXEC = "exec-coaching-harbour-vale.json"  # en-GB, with a feedback annex
LYON = "coaching-fr-lyon.json"  # fr-FR: takes the shipped French contract


def _styles() -> bytes:
    with zipfile.ZipFile(CONTRACT) as archive:
        return archive.read("word/styles.xml")


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "styles-malformed": (lambda p: damaged_contract(p, {"word/styles.xml": _styles()[:5000]}),
                         "document package, word/styles.xml"),
    "settings-empty": (lambda p: damaged_contract(p, {"word/settings.xml": b""}),
                       "document package, word/settings.xml"),
    "numbering-gone": (lambda p: damaged_contract(p, {"word/numbering.xml": None}),
                       "document package, word/_rels/document.xml.rels"),
    "styles-not-utf8": (lambda p: damaged_contract(p, {"word/styles.xml": _styles().replace(
        b"</w:styles>", b"\xff</w:styles>")}), "document package, word/styles.xml"),
    "climbing-name": (lambda p: damaged_contract(p, added=(("../../evil.txt", b"evil"),)),
                      "document package, ../../evil.txt"),
    "duplicate-name": (lambda p: damaged_contract(p, added=(("word/settings.xml", b"<x/>"),)),
                       "document package, word/settings.xml"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_build_refuses_a_damaged_template_as_check_does_and_builds_the_rest(
        case: str, tmp_path: Path, run) -> None:
    make_case, place = CASES[case]
    own = tmp_path / "own"
    path = make_case(own / "contract.docx")
    checked = run("templates", "check", str(path))
    assert checked.exit_code == 1, checked.output
    errors = [line for line in checked.output.splitlines() if ": error: " in line]
    assert errors and errors[0].startswith(f"contract.docx: {place}: error: ")
    assert all(line.endswith("[package-damaged]") for line in errors)
    out = tmp_path / "out"
    ident, lyon = sample_data(EXEC)["id"], sample_data(LYON)["id"]
    for _ in range(2):  # the second build takes the check's findings from where they are kept
        result = run("build", str(SAMPLES / EXEC), str(SAMPLES / LYON), "--out", str(out),
                     "--templates", str(own))
        assert result.exit_code == 1, result.output
        assert errors[0] in result.stderr.splitlines()
        assert f"{path}: not used, 1 document not made" in result.stderr
        assert not (out / ident / f"{ident}-contract.docx").exists()
        # The annex, and the French engagement's contract (the shipped French template), are
        # built, and open.
        assert document_text(out / ident / f"{ident}-feedback-annex.docx").strip()
        assert document_text(out / lyon / f"{lyon}-contract.docx").strip()
    rendered = run("render", "-t", str(path), str(SAMPLES / EXEC), "-o", str(tmp_path / "x.docx"))
    assert rendered.exit_code == 1
    assert errors[0] in rendered.stderr.splitlines()
    assert not (tmp_path / "x.docx").exists()


def test_no_damaged_template_is_kept_in_the_compiled_template_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CONFDOCS_CACHE_DIR", str(cache))
    path = damaged_contract(tmp_path / "contract.docx", {"word/settings.xml": b""})
    for _ in range(2):  # compiled afresh each time: nothing kept to be taken next time
        with pytest.raises(TemplateError, match=r"word/settings\.xml is empty"):
            CompiledTemplate(path)
        assert not list(cache.glob("*.bin"))

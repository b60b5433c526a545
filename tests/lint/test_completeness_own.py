"""Issue 23, item 4: the completeness check compares what the organisation gave.

An English-only organisation that edits its en-GB contract is not told, as an error, to
translate a French template it never opened; it is told once, as a warning, which language would
not have its new passage (and build still refuses the documents of engagements in that
language). What its en-GB contract lost from the shipped one is a warning too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from confdocs.build import build
from confdocs.lint import check_sets
from confdocs.resources import templates_dir

from ..helpers import SAMPLES, edit_body, index_of, remove_paragraphs

SHIPPED = templates_dir() / "en-GB" / "contract.docx"
PASSAGE = "{%p if parties.sponsor and parties.client.job_title %}"


def _with_new_passage(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
    at = index_of(paragraphs, "{{ clause.shared }}.")
    for text in (PASSAGE, "The client's role: {{ parties.client.job_title }}.", "{%p endif %}"):
        paragraphs[at].insert_paragraph_before(text)


@pytest.fixture
def english_only(tmp_path: Path) -> Path:
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(SHIPPED, own / "contract.docx")
    edit_body(own / "contract.docx", _with_new_passage)
    return own


def test_an_english_only_edit_is_one_warning_naming_the_french_passage(run,
                                                                       english_only: Path
                                                                       ) -> None:
    findings = check_sets(english_only)
    assert [(f.code, f.severity, f.template) for f in findings] == [
        ("set-condition-missing", "warning", str(templates_dir() / "fr-FR" / "contract.docx"))]
    (warning,) = findings
    assert PASSAGE.replace("%p", "%") in warning.message
    assert "engagements in fr-FR would not get it" in warning.message
    result = run("templates", "check", "--templates", str(english_only))
    assert result.exit_code == 0, result.output
    assert result.output.count(": warning: ") == 1
    assert "fr-FR" in result.output


def test_build_still_refuses_the_french_contract_and_makes_the_english_ones(
        english_only: Path, tmp_path: Path) -> None:
    report = build([SAMPLES / "coaching-fr-lyon.json", SAMPLES / "membership-guild.json"],
                   tmp_path / "out", templates=english_only, jobs=1)
    assert [Path(r.template).parent.name for r in report.refused] == ["fr-FR"]
    assert list((tmp_path / "out").glob("*/*-contract.docx")) != []


def test_an_own_english_contract_that_lost_a_section_is_warned(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(SHIPPED, own / "contract.docx")

    def drop_supervision(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        start = index_of(paragraphs, "{{ clause.supervision }}.")
        end = index_of(paragraphs, "{{ clause.review }}.")
        remove_paragraphs(paragraphs[start:end])

    edit_body(own / "contract.docx", drop_supervision)
    findings = check_sets(own)
    assert findings and {f.severity for f in findings} == {"warning"}
    lost = [f for f in findings if f.template == str(own / "contract.docx")]
    assert lost[0].code == "set-clause-missing"
    assert lost[0].place == "section {{ clause.supervision }} (Supervision and guidance)"
    assert "every document made from it will lack it" in lost[0].message

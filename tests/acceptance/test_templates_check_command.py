"""`confdocs templates check` and `templates fields` as HR editors and CI pipelines run them: the
shipped templates, named files and folders, the formats, strictness and exit codes. (The checks
themselves, on the corpus of broken templates: tests/lint/test_check.py.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest

from ..docx_cases import make
from ..helpers import ROOT

CORPUS = ROOT / "tests" / "templates_corpus"


# --- the command line --------------------------------------------------------------------------


def test_default_checks_the_shipped_templates(run) -> None:
    result = run("templates", "check")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == ("8 templates checked: 8 without errors "
                                     "(0 errors, 0 warnings)")


def test_explicit_paths_report_template_place_severity_message_and_code(run) -> None:
    result = run("templates", "check", str(CORPUS / "tr-outside-table.docx"),
                 str(ROOT / "templates" / "en-GB" / "contract.docx"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith('tr-outside-table.docx: body paragraph 38 ("{%tr for item in '
                               'confidentiality.not_sha..."): error: {%tr for item in ')
    assert lines[0].endswith("[tag-misplaced]")
    assert lines[1].startswith('tr-outside-table.docx: body paragraph 40 ("{%tr endfor %}"): '
                               "error: ")
    assert lines[-1] == "2 templates checked: 1 without errors (2 errors, 0 warnings)"


def test_warnings_pass_unless_strict(run) -> None:
    path = str(CORPUS / "smart-quotes-mended.docx")
    result = run("templates", "check", path)
    assert result.exit_code == 0
    assert ": warning: Word turned the quotes in" in result.output
    assert run("templates", "check", "--strict", path).exit_code == 1


def test_templates_folder(run, tmp_path: Path) -> None:
    # The shipped contract with a misspelt field: otherwise the same as the shipped one, so that
    # the shipped sets of other languages, compared with it, lack nothing.
    contract = docx.Document(str(ROOT / "templates" / "en-GB" / "contract.docx"))
    assert contract.paragraphs[1].text == "{{ title }}"
    contract.paragraphs[1].text = "{{ titel }}"
    contract.save(str(tmp_path / "contract.docx"))
    shutil.copy(ROOT / "templates" / "en-GB" / "feedback-annex.docx", tmp_path)
    (tmp_path / "notes.txt").write_text("not a template", encoding="utf-8")
    result = run("templates", "check", "--templates", str(tmp_path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        'contract.docx: body paragraph 2 ("{{ titel }}"): error: no field titel; did you mean '
        "title? [unknown-field]",
        "2 templates checked: 1 without errors (1 error, 0 warnings)",
    ]


def test_json_format(run) -> None:
    result = run("templates", "check", "--format", "json", str(CORPUS / "header-unknown-field.docx"),
                 str(CORPUS / "smart-quotes-mended.docx"))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert {k: report[k] for k in ("templates", "errors", "warnings")} == {
        "templates": 2, "errors": 1, "warnings": 2}
    assert report["findings"][0] == {
        "template": "header-unknown-field.docx", "place": 'header ("{{ id }} · {{ tilte }}")',
        "code": "unknown-field", "severity": "error",
        "message": "no field tilte; did you mean title?"}
    assert [f["code"] for f in report["findings"]] == ["unknown-field", "tag-smart-quotes",
                                                       "optional-field-unguarded"]


def test_github_format(run) -> None:
    result = run("templates", "check", "--format", "github",
                 str(CORPUS / "table-cell-unknown-field.docx"))
    assert result.exit_code == 1
    annotation, summary = result.output.splitlines()
    assert annotation == (
        f"::error file={str(CORPUS / 'table-cell-unknown-field.docx').replace(':', '%3A')},"
        "title=unknown-field::table 1, row 3, cell 1 "
        '("{{ category.nmae }}"): no field category.nmae; did you mean category.name? (category '
        "is an entry of feedback.from_others.categories)")
    assert summary.startswith("1 template checked: 0 without errors")


def test_a_file_that_is_not_a_word_document_is_a_finding(run) -> None:
    result = run("templates", "check", str(CORPUS / "not-a-docx.docx"))
    assert result.exit_code == 2  # unreadable input, as for validate
    assert "not-a-docx.docx: error: " in result.output
    assert "not a readable Word document" in result.output
    assert "[template-unreadable]" in result.output


@pytest.mark.parametrize("args", [
    ("templates", "check", "no-such-template.docx"),
    ("templates", "check", "--templates", "no-such-folder"),
], ids=["missing file", "missing folder"])
def test_missing_input_exits_2(run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "no such" in result.output


def test_missing_file_among_good_ones_exits_2_but_checks_the_rest(run) -> None:
    result = run("templates", "check", str(ROOT / "templates" / "en-GB" / "contract.docx"), "gone.docx")
    assert result.exit_code == 2
    assert "gone.docx: no such file" in result.output
    assert "1 template checked: 1 without errors" in result.output


def test_empty_folder_exits_2(run, tmp_path: Path) -> None:
    result = run("templates", "check", "--templates", str(tmp_path))
    assert result.exit_code == 2
    assert "holds no .docx template" in result.output


def test_fields_lists_each_field_with_its_description(run) -> None:
    result = run("templates", "fields", str(ROOT / "templates" / "en-GB" / "contract.docx"))
    assert result.exit_code == 0
    fields = dict(line.split("\t", 1) for line in result.output.splitlines())
    assert fields["parties.client.name"].startswith("The client's full name")
    assert "confidentiality.limits[].description" in fields
    assert fields["confidentiality.limits[].description"]
    assert "limit.description" not in fields
    assert list(fields) == sorted(fields)


def test_fields_of_a_notice_include_the_disclosure(run) -> None:
    result = run("templates", "fields", str(ROOT / "templates" / "en-GB" / "disclosure-notice.docx"))
    assert result.exit_code == 0
    fields = dict(line.split("\t", 1) for line in result.output.splitlines())
    assert "disclosure.disclosure_date" in fields and "limit_clause" in fields


def test_fields_of_a_decision_record_include_the_decision(run) -> None:
    result = run("templates", "fields", str(ROOT / "templates" / "en-GB" / "decision-record.docx"))
    assert result.exit_code == 0
    fields = dict(line.split("\t", 1) for line in result.output.splitlines())
    assert "decision.reasons" in fields and "limit_clause" in fields
    assert "decision_disclosures" in fields and "disclosure.reason" not in fields


def test_templates_check_github_names_templates_by_path_and_counts_them_apart(
        tmp_path: Path, run) -> None:
    for folder in ("a", "b"):
        make(tmp_path / folder / "contract.docx", "{{ parties.client.nmae }}")
    first, second = tmp_path / "a" / "contract.docx", tmp_path / "b" / "contract.docx"
    result = run("templates", "check", "--format", "github", str(first), str(second))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"::error file={first},")
    assert lines[1].startswith(f"::error file={second},")
    assert lines[-1].startswith("2 templates checked: 0 without errors")

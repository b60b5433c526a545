"""`confdocs templates check` and `templates fields`: the corpus of broken templates (each fault
found at its place), the shipped templates (nothing found), and the command line as HR editors and
CI pipelines run it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from confdocs.lint import check_template
from confdocs.lint.finding import CODES

from .helpers import ROOT
from .templates_corpus import make_corpus

CORPUS = Path(__file__).resolve().parent / "templates_corpus"
EXPECTED: dict[str, list[dict[str, str]]] = json.loads(
    (CORPUS / "expected.json").read_text(encoding="utf-8"))
SHIPPED = sorted((ROOT / "templates").glob("*/*.docx"))
GUIDE = ROOT / "docs" / "editing-templates.md"


# --- the corpus: every seeded fault found, with its exact code, severity and place -------------


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_corpus_case_gives_exactly_the_expected_findings(name: str) -> None:
    findings = check_template(CORPUS / name)
    got = sorted((f.code, f.severity, f.place) for f in findings)
    want = sorted((e["code"], e["severity"], e["place"]) for e in EXPECTED[name])
    assert got == want, "\n".join(f"{f.place}: {f.code}: {f.message}" for f in findings)


def test_every_corpus_file_has_expectations_and_every_expectation_a_file() -> None:
    files = {p.name for p in CORPUS.glob("*.docx")}
    assert files == set(EXPECTED)


def test_the_committed_corpus_is_what_the_generator_writes() -> None:
    assert make_corpus.stale() == [], "run python tests/templates_corpus/make_corpus.py"


def test_the_corpus_is_stored_as_word_stores_it() -> None:
    # A field split over three runs, one of them bold, with Word's spelling marks.
    import zipfile

    with zipfile.ZipFile(CORPUS / "field-misspelt-split-runs.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert ("<w:t>{{ parties.cli</w:t></w:r><w:r w:rsidR=\"00C31F4A\"><w:rPr><w:b/></w:rPr>"
            "<w:t>ent.n</w:t></w:r><w:proofErr w:type=\"spellStart\"/>") in xml
    assert "{{ parties.client.nmae }}" not in xml


# Codes whose cases are made in test files of their own, from small documents rather than from the
# shipped templates.
ELSEWHERE = {"comment": "test_template_sanitize", "track-changes-on": "test_template_sanitize",
             "section-break-in-tag": "test_template_sanitize",
             "tag-row-borders": "test_template_sanitize",
             "optional-field-unguarded": "test_template_exercise",
             "render-fails": "test_template_exercise",
             "render-unbounded": "test_template_exercise",
             "table-no-header": "test_template_access",
             **dict.fromkeys(("set-template-missing", "set-clause-missing", "set-field-missing",
                              "set-condition-missing", "set-message-missing",
                              "catalogue-unreadable"), "test_set_completeness")}


def test_every_code_is_exercised_by_the_corpus() -> None:
    exercised = {e["code"] for findings in EXPECTED.values() for e in findings}
    assert exercised | set(ELSEWHERE) == set(CODES)
    for code, module in ELSEWHERE.items():
        assert f'"{code}"' in (Path(__file__).parent / f"{module}.py").read_text(encoding="utf-8")


def test_the_correct_split_and_the_mended_quotes_block_nothing() -> None:
    # Nothing about the split: only what the base contract has in every case (see unguarded()).
    assert [e["code"] for e in EXPECTED["field-split-runs-correct.docx"]] == [
        "optional-field-unguarded"]
    assert {e["severity"] for e in EXPECTED["smart-quotes-mended.docx"]} == {"warning"}


def test_each_finding_names_what_to_do() -> None:
    findings = {f.code: f.message for f in check_template(CORPUS / "field-misspelt-split-runs.docx")}
    assert findings == {"unknown-field": "no field parties.client.nmae; did you mean "
                                         "parties.client.name?"}
    (loop,) = check_template(CORPUS / "unknown-field-in-loop.docx")
    assert loop.message == ("no field limit.descriptoin; did you mean limit.description? "
                            "(limit is an entry of confidentiality.limits)")
    (filter_,) = check_template(CORPUS / "unknown-filter.docx")
    assert filter_.message == "there is no filter |dat; did you mean |date?"


# --- the shipped templates ---------------------------------------------------------------------


@pytest.mark.parametrize("template", SHIPPED, ids=lambda p: p.name)
def test_shipped_template_has_no_finding(template: Path) -> None:
    assert check_template(template) == []


def test_shipped_templates_are_four_per_language() -> None:
    four = ["contract.docx", "decision-record.docx", "disclosure-notice.docx", "feedback-annex.docx"]
    assert [f"{p.parent.name}/{p.name}" for p in SHIPPED] == [
        f"{locale}/{name}" for locale in ("en-GB", "fr-FR") for name in four]


# --- the guide ---------------------------------------------------------------------------------


def test_the_guide_explains_every_code_and_no_other() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z-]+)`", text, flags=re.MULTILINE))
    assert documented == set(CODES)
    mentioned = set(re.findall(r"`((?:tag|block|unknown|jinja|loop|template|tracked)-[a-z-]+)`",
                               text))
    assert mentioned <= set(CODES)


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


def test_the_templates_named_and_what_checking_them_gives_are_values(tmp_path: Path) -> None:
    """The CLI prints what confdocs.lint.targets chose and found, and exits with its code."""
    from confdocs.lint.targets import check_targets, templates_to_check

    good = ROOT / "templates" / "en-GB" / "contract.docx"
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip")
    gone = tmp_path / "gone.docx"
    targets = templates_to_check([str(good), str(junk), str(gone), str(tmp_path / "~$owner.docx")])
    assert (targets.templates, targets.missing) == ((good, junk, gone), (gone,))
    assert not targets.compare_sets and not targets.misnamed
    report = check_targets(targets, by_path=True)
    assert (report.checked, report.failed) == (2, 1)
    assert [(f.template, f.code) for f in report.findings] == [(str(junk), "template-unreadable")]
    assert report.exit_code() == 2
    unreadable = check_targets(templates_to_check([str(junk)]))
    assert unreadable.findings[0].template == "junk.docx"  # by its name unless asked by path
    assert unreadable.exit_code() == 2

"""`templates check`'s checks (lint.check_template): the corpus of broken templates, each fault
found at its place; the shipped templates, where nothing is found; every code exercised and
explained in the guide; and the context of the kind of document a template makes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from confdocs.lint import check_template, template_fields
from confdocs.lint.finding import CODES

from ..docx_cases import make
from ..helpers import ROOT
from ..templates_corpus import make_corpus

CORPUS = ROOT / "tests" / "templates_corpus"
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
ELSEWHERE = {"comment": "render/test_sanitize", "track-changes-on": "render/test_sanitize",
             "section-break-in-tag": "render/test_sanitize",
             "tag-row-borders": "render/test_sanitize",
             "optional-field-unguarded": "lint/test_exercise",
             "render-fails": "lint/test_exercise",
             "render-unbounded": "lint/test_exercise",
             "table-no-header": "lint/test_access",
             "section-missing": "lint/test_references",
             "tag-invisible-character": "lint/test_editor_artefacts",
             "tag-joins-paragraphs": "lint/test_editor_artefacts",
             "package-damaged": "render/test_integrity",
             **dict.fromkeys(("external-picture", "attached-template", "embedded-html",
                              "embedded-object", "dde-field", "include-field", "external-content",
                              "macros"), "lint/test_active"),
             **dict.fromkeys(("set-template-missing", "set-clause-missing", "set-field-missing",
                              "set-condition-missing", "set-message-missing",
                              "catalogue-unreadable", "catalogue-message-invalid"),
                             "lint/test_completeness")}


def test_every_code_is_exercised_by_the_corpus() -> None:
    exercised = {e["code"] for findings in EXPECTED.values() for e in findings}
    assert exercised | set(ELSEWHERE) == set(CODES)
    for code, module in ELSEWHERE.items():
        assert f'"{code}"' in (ROOT / "tests" / f"{module}.py").read_text(encoding="utf-8")


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


# --- the context of the kind of document -------------------------------------------------------


def test_the_checks_see_the_context_of_the_kind_they_are_given(tmp_path: Path) -> None:
    path = make(tmp_path / "draft.docx", "Dear client,", "We disclose {{ disclosure.id }}.")
    assert [f.code for f in check_template(path)] == ["unknown-field"]
    assert check_template(path, kind="notice") == []
    assert [f.path for f in template_fields(path, kind="notice")] == ["disclosure", "disclosure.id"]

"""What a template sees is declared once (render.names): the renderer fills exactly that, the linter
checks against it, and the kind of document decides which context a template has (its name only
for a file of no template set)."""

from __future__ import annotations

from pathlib import Path

from confdocs.lint import check_template, gate, template_fields

from .docx_cases import make


def test_the_checks_see_the_context_of_the_kind_they_are_given(tmp_path: Path) -> None:
    path = make(tmp_path / "draft.docx", "Dear client,", "We disclose {{ disclosure.id }}.")
    assert [f.code for f in check_template(path)] == ["unknown-field"]
    assert check_template(path, kind="notice") == []
    assert [f.path for f in template_fields(path, kind="notice")] == ["disclosure", "disclosure.id"]


def test_findings_kept_for_one_context_are_not_given_for_another(tmp_path: Path) -> None:
    path = make(tmp_path / "draft.docx", "Dear client,", "We disclose {{ disclosure.id }}.")
    as_notice = gate.check_once(path, kind="notice")
    assert as_notice.findings == ()
    as_guessed = gate.check_once(path)
    assert [f.code for f in as_guessed.findings] == ["unknown-field"]
    gate._checked.clear()  # a new process: the cache on disk answers, still by context
    assert gate.check_once(path, kind="notice").findings == ()
    assert gate.check_once(path, kind="contract").findings == as_guessed.findings

"""What a template sees is declared once (render.names): the renderer fills exactly that, the linter
checks against it, and the kind of document decides which context a template has (its name only
for a file of no template set)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from confdocs.engagement.fields import FieldIndex
from confdocs.engagement.validate import load_engagement
from confdocs.lint import check_template, gate, template_fields
from confdocs.render.context import (
    Absent,
    Fields,
    decision_context,
    disclosure_context,
    engagement_context,
)
from confdocs.render.documents import (
    CONTEXT_OF,
    DOCUMENT_KINDS,
    TEMPLATE_FILES,
    TemplateContext,
    plan_documents,
    template_context,
)
from confdocs.render.names import context_fields, seen

from .docx_cases import make
from .helpers import ROOT, SAMPLES

ENGAGEMENTS = sorted(SAMPLES.glob("*.json")) + sorted((ROOT / "tests" / "edge").glob("*.json"))


def _holds_what_is_declared(value: Any, fields: FieldIndex, path: str) -> None:
    """Every object in the context holds exactly the fields its declaration lists."""
    if isinstance(value, Fields):
        field = fields[path]
        entry = fields.entry(path)
        if entry is not None and not field.is_list:  # keyed by name: clause.limit[limit.id]
            for item in value.values():
                _holds_what_is_declared(item, fields, entry.path)
            return
        assert set(value) == {f.name for f in fields.children(path)}, value.path
        for name, item in value.items():
            _holds_what_is_declared(item, fields, f"{path}.{name}")
    elif isinstance(value, list) and fields.entry(path) is not None:
        for item in value:
            _holds_what_is_declared(item, fields, f"{path}[]")


def test_the_renderer_fills_exactly_what_each_context_declares() -> None:
    contexts: set[TemplateContext] = set()
    kinds: set[str] = set()
    for path in ENGAGEMENTS:
        data = load_engagement(path).data
        kinds.add(data["kind"])
        base = engagement_context(data)
        for document in plan_documents(data):
            context = CONTEXT_OF[document.kind]
            if document.disclosure is not None:
                made = disclosure_context(base, document.disclosure)
            elif document.decision is not None:
                made = decision_context(base, document.decision)
            else:
                made = base
            assert sorted(made) == sorted(seen(context)), path
            fields = context_fields(context)
            for name, value in made.items():
                if not isinstance(value, Absent):
                    _holds_what_is_declared(value, fields, name)
            contexts.add(context)
    assert contexts == {"engagement", "notice", "decision"}
    assert kinds == {"coaching", "training", "mentoring", "membership"}


def test_a_template_of_a_set_has_the_context_of_its_kind() -> None:
    for kind in DOCUMENT_KINDS:
        assert template_context(Path("own") / TEMPLATE_FILES[kind]) == CONTEXT_OF[kind]
    assert CONTEXT_OF == {"contract": "engagement", "annex": "engagement", "notice": "notice",
                          "decision": "decision"}


@pytest.mark.parametrize(("name", "wanted"), [
    ("my-notice-draft.docx", "notice"), ("Decision.docx", "decision"), ("letter.docx", "engagement"),
    ("notice-of-decision.docx", "notice"), ("Disclosure-Notice.docx", "notice")])
def test_a_file_of_no_set_is_known_by_its_name(name: str, wanted: str) -> None:
    assert template_context(Path(name)) == wanted


def test_a_kind_the_caller_knows_beats_the_name() -> None:
    assert template_context(Path("decision-record.docx"), kind="contract") == "engagement"
    assert template_context(Path("draft.docx"), kind="notice") == "notice"


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

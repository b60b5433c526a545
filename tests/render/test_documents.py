"""The kinds of document (render.documents): a template's context follows from the kind of
document it makes, and only a file of no template set is known by its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from confdocs.render.documents import (
    CONTEXT_OF,
    DOCUMENT_KINDS,
    TEMPLATE_FILES,
    template_context,
)


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

"""Issue 23, item 1: numbers come from the contract template's headings, and a reference to a
section the contract does not have is an error naming the referring paragraph (section-missing),
in `templates check` and when a document is made."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from confdocs.build.single import render_document
from confdocs.errors import TemplateError
from confdocs.lint import check_template
from confdocs.render.numbering import contract_outline

from ..docx_cases import make
from ..helpers import SAMPLES

SAMPLE = SAMPLES / "coaching-two-disclosures.json"


def _errors(path: Path) -> list[tuple[str, str]]:
    return [(f.code, f.place) for f in check_template(path) if f.is_error]


def test_a_section_an_editor_adds_is_numbered_in_its_place(tmp_path: Path) -> None:
    contract = make(tmp_path / "contract.docx",
                    "{{ clause.parties }}. The parties",
                    "{{ clause.complaints }}. Complaints",
                    "Complaints go as section {{ clause.complaints }} says, after section "
                    "{{ clause.parties }}.",
                    "{{ clause.limits }}. Limits",
                    "{%p for limit in confidentiality.limits %}",
                    "{{ clause.limit[limit.id] }}\t{{ limit.description }}",
                    "{%p endfor %}")
    assert _errors(contract) == []
    assert contract_outline(contract).sections == ("parties", "complaints", "limits", "limit")
    out = render_document(contract, SAMPLE, tmp_path / "out.docx").path
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[:4] == ["1. The parties", "2. Complaints",
                         "Complaints go as section 2 says, after section 1.", "3. Limits"]
    assert texts[4].startswith("3.1\t")


def test_a_reference_to_a_deleted_section_names_the_paragraph(tmp_path: Path) -> None:
    contract = make(tmp_path / "contract.docx",
                    "{{ clause.parties }}. The parties",
                    "The limits are in section {{ clause.limits }}.",
                    "{% if clause.emergency %}See section {{ clause.emergency }}.{% endif %}")
    findings = [f for f in check_template(contract) if f.is_error]
    assert [(f.code, f.place) for f in findings] == [
        ("section-missing", 'body paragraph 2 ("The limits are in section {{ clause.limi...")')]
    assert "has no section {{ clause.limits }}" in findings[0].message
    with pytest.raises(TemplateError) as refused:
        render_document(contract, SAMPLE, tmp_path / "out.docx")
    assert any("section-missing" in line and "body paragraph 2" in line
               for line in refused.value.details)


def test_a_document_citing_a_section_its_contract_lacks_is_not_made(tmp_path: Path) -> None:
    """Past the check (a template checked against another contract), rendering refuses it."""
    from confdocs.engagement.validate import load_engagement
    from confdocs.render.context import engagement_context
    from confdocs.render.numbering import Outline
    from confdocs.render.template import load_template

    template = make(tmp_path / "annex.docx", "The limits are in section {{ clause.limits }}.")
    outline = Outline("own/contract.docx", ("parties",))
    context = engagement_context(load_engagement(SAMPLE).data, outline=outline)
    with pytest.raises(TemplateError, match=r"body paragraph 1 .*clause\.limits is the number "
                                            r"of a section that is not there: the contract "
                                            r"template own/contract\.docx has no section"):
        load_template(template).render(context)


def test_a_letter_cites_the_contract_beside_it(tmp_path: Path) -> None:
    make(tmp_path / "contract.docx", "{{ clause.parties }}. The parties")
    letter = make(tmp_path / "disclosure-notice.docx",
                  "This rests on clause {{ limit_clause }} of our agreement.")
    assert _errors(letter) == [
        ("section-missing", 'body paragraph 1 ("This rests on clause {{ limit_clause }} ...")')]
    (tmp_path / "contract.docx").unlink()
    assert _errors(letter) == []  # the shipped contract numbers a clause per limit

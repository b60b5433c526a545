"""The compile-time proof that every rendering of a template part is well-formed XML."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from confdocs.render.structure import always_well_formed
from confdocs.render.template import CompiledTemplate
from confdocs.resources import templates_dir


@pytest.mark.parametrize("source", [
    "<a><b>{% if x %}<c>t</c>{% else %}<d/>{% endif %}</b></a>",
    "<a>{% for i in xs %}<b>{{ i }}</b>{% endfor %}</a>",
    "<a><t>{% if x %}yes{% endif %}</t></a>",
    "<a><t>{% if x > 1 and y == '5%' %}yes{% endif %}</t></a>",
    "<?xml version='1.0'?><a><!-- c --><b/></a>",
    # an inline block spanning runs closes a run and opens another: the same elements at both ends
    "<p><r><t>{% if x %}</t></r><r><t>, more</t></r><r><t>{% endif %}</t></r></p>",
    "<a><b>{% if x %}</b><b>{% endif %}</b></a>",  # closes b and opens another: same at both ends
])
def test_balanced_branches_are_proved(source: str) -> None:
    assert always_well_formed(source)


@pytest.mark.parametrize("source", [
    "<a>{% if x %}<b>{% endif %}</b></a>",            # opens in the branch, closes outside
    "<a>{% if x %}<b/>{% else %}<c>{% endif %}</c></a>",
    "<p><t>{% if x %}</t></p><tbl><tc><p><t>{% endif %}</t></p></tc></tbl>",
    "<a>{% endif %}</a>",
    "<a>{% if x %}</a>",
    "<a><b></a></b>",
])
def test_unbalanced_branches_are_not(source: str) -> None:
    assert not always_well_formed(source)


def test_shipped_templates_are_proved_so_documents_skip_the_check() -> None:
    for path in sorted(templates_dir().glob("*.docx")):
        template = CompiledTemplate(path)
        assert template._parts and not any(p.check_xml for p in template._parts.values()), path


def test_unproved_template_is_checked_document_by_document(tmp_path: Path) -> None:
    from confdocs.errors import TemplateError

    document = docx.Document()
    document.add_paragraph("Before {% if show %}")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "{% endif %} after"
    path = tmp_path / "into-a-table.docx"
    document.save(str(path))
    template = CompiledTemplate(path)
    assert any(p.check_xml for p in template._parts.values())
    template.render({"show": True})  # every branch taken: well-formed
    with pytest.raises(TemplateError, match="broken Word XML"):
        template.render({"show": False})

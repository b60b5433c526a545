"""Render errors name the template, the paragraph as Word counts it, and the field: `render`
refuses a template with the text `templates check` gives; an error only rendering finds (from the
data) names the paragraph too."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from confdocs.engagement.schema import load_schema
from confdocs.render.environment import top_level

from .helpers import SAMPLES


def _template(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "try.docx"
    document.save(str(path))
    return path


def test_error_inside_a_paragraph_tag_names_that_paragraph(tmp_path: Path, run) -> None:
    path = _template(tmp_path, "First.", "{%p if parties.client.nmae %}", "Shown.", "{%p endif %}")
    result = run("render", "-t", str(path), str(SAMPLES / "membership-guild.json"), "-o",
                 str(tmp_path / "out.docx"))
    assert result.exit_code == 1
    assert ('try.docx: body paragraph 2 ("{%p if parties.client.nmae %}"): error: no field '
            "parties.client.nmae; did you mean parties.client.name? [unknown-field]"
            ) in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_render_error_names_the_paragraph(tmp_path: Path) -> None:
    from confdocs.engagement.validate import load_engagement
    from confdocs.errors import TemplateError
    from confdocs.render.context import engagement_context
    from confdocs.render.template import CompiledTemplate

    path = _template(tmp_path, "First.", "{%p if parties.client.nmae %}", "Shown.", "{%p endif %}")
    context = engagement_context(load_engagement(SAMPLES / "membership-guild.json").data)
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(path).render(context)
    assert str(caught.value) == ('try.docx, body paragraph 2 ("{%p if parties.client.nmae %}"): '
                                 "no field parties.client.nmae; did you mean name?")


def test_misspelt_top_level_name(tmp_path: Path, run) -> None:
    path = _template(tmp_path, "First.", "{{ titel }}")
    result = run("render", "-t", str(path), str(SAMPLES / "membership-guild.json"), "-o",
                 str(tmp_path / "out.docx"))
    assert ('body paragraph 2 ("{{ titel }}"): error: no field titel; did you mean title? '
            "[unknown-field]") in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_top_level_names_cover_the_schema() -> None:
    assert set(load_schema()["properties"]) - {"$schema", "schema_version", "extends"} <= set(top_level())

"""Render errors name the template, the paragraph as Word counts it, and the field: `render`
refuses a template with the text `templates check` gives; an error only rendering finds (from the
data) names the paragraph too."""

from __future__ import annotations

from pathlib import Path

import docx

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


def test_misspelt_top_level_name(tmp_path: Path, run) -> None:
    path = _template(tmp_path, "First.", "{{ titel }}")
    result = run("render", "-t", str(path), str(SAMPLES / "membership-guild.json"), "-o",
                 str(tmp_path / "out.docx"))
    assert ('body paragraph 2 ("{{ titel }}"): error: no field titel; did you mean title? '
            "[unknown-field]") in result.stderr
    assert not (tmp_path / "out.docx").exists()

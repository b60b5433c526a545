"""Characters XML 1.0 forbids (issue 27, item 4): a template's own text is proven free of them
once, when it is compiled, and each value it prints is checked as it is escaped, instead of
searching every part of every document; a part the proof does not hold for is searched whole,
as before. Either way no document holding one is written."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from confdocs.errors import TemplateError
from confdocs.render.template import load_template

SHIPPED = Path(__file__).resolve().parents[2] / "templates"


def _template(folder: Path, text: str) -> Path:
    path = folder / f"t{len(list(folder.glob('*.docx')))}.docx"
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def test_every_part_of_every_shipped_template_is_proven_at_compile_time() -> None:
    templates = sorted(SHIPPED.glob("*/*.docx"))
    assert len(templates) >= 8
    for path in templates:
        parts = load_template(path)._parts
        assert parts and not any(part.scan_characters for part in parts.values()), path


@pytest.mark.parametrize("printed", ["{{ title }}", "{{ title|upper }}", "{{ title ~ '!' }}",
                                     '{{ "%c"|format(code) }}'])
def test_a_value_holding_a_forbidden_character_is_refused_as_it_is_printed(
        tmp_path: Path, printed: str) -> None:
    template = load_template(_template(tmp_path, f"Dear {printed}"))
    assert not template._parts["word/document.xml"].scan_characters
    assert template.render({"title": "Ana", "code": 65})[:2] == b"PK"
    with pytest.raises(TemplateError, match=r"t0\.docx, body: a value holds the character "
                                            r"U\+0001, which a Word document cannot contain"):
        template.render({"title": "A\x01na", "code": 1})


@pytest.mark.parametrize("text", ['Dear {{ "A\\x0bna" }}', 'Dear {{ title|replace("n", "\\x0b") }}',
                                  "{% filter upper %}Dear {{ title }}{% endfilter %}"])
def test_a_part_the_proof_does_not_hold_for_is_searched_whole(tmp_path: Path, text: str) -> None:
    template = load_template(_template(tmp_path, text))
    assert template._parts["word/document.xml"].scan_characters
    with pytest.raises(TemplateError, match="a value holds the character U\\+000B"):
        template.render({"title": "Ana\x0b"})

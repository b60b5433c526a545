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
    for path in sorted(templates_dir().glob("*/*.docx")):
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


def test_template_with_a_picture_keeps_it(tmp_path: Path) -> None:
    import struct
    import zlib

    from docx.shared import Cm

    from confdocs.engagement.validate import load_engagement
    from confdocs.render.context import engagement_context

    from ..helpers import SAMPLES

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    picture = tmp_path / "logo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                        + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b""))
    document = docx.Document()
    document.add_picture(str(picture), width=Cm(2))
    document.add_paragraph("{% for limit in confidentiality.limits %}{{ limit.id }} {% endfor %}")
    document.add_picture(str(picture), width=Cm(1))
    path = tmp_path / "with-logo.docx"
    document.save(str(path))

    data = load_engagement(SAMPLES / "exec-coaching-harbour-vale.json").data
    out = tmp_path / "out.docx"
    out.write_bytes(CompiledTemplate(path).render(engagement_context(data)))
    rendered = docx.Document(str(out))
    assert len(rendered.inline_shapes) == 2
    blobs = [p.blob for p in rendered.part.package.parts if p.partname.startswith("/word/media/")]
    assert blobs and all(b == picture.read_bytes() for b in blobs)
    ids = [e.get("id") for e in rendered.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(ids) == len(set(ids)) == 2
    limit_ids = [limit["id"] for limit in data["confidentiality"]["limits"]]
    assert rendered.paragraphs[1].text.split() == limit_ids

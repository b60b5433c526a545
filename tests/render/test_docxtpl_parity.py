"""The same document docxtpl would make, and no false alarms on templates docxtpl renders correctly
(issue 12, section 4): the compile-once renderer against docxtpl itself, on the shipped templates
for every sample and on docxtpl's own templates (tests/docxtpl_templates, see its README)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from confdocs.build.worker import document_context
from confdocs.engagement.validate import load_engagement
from confdocs.lint import check_template
from confdocs.render.context import engagement_context
from confdocs.render.documents import TEMPLATE_FILES, plan_documents
from confdocs.render.environment import environment
from confdocs.render.template import CompiledTemplate
from confdocs.resources import templates_dir

from ..docx_cases import make, parts, replace, rewrite
from ..helpers import DATA, ROOT, SAMPLES

DOCXTPL = ROOT / "tests" / "docxtpl_templates"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CONTEXTS: dict[str, dict[str, Any]] = {
    "merge_paragraph_tpl.docx": {"living_in_town": True},
    "escape_tpl_auto.docx": {
        "nested_dict": {"LESS-THAN SIGN": "<", "AMPERSAND": "&", "APOSTROPHE": "'",
                        "QUOTATION MARK": '"', "GREATER-THAN SIGN": ">"},
        "autoescape": 'Escaped "str & ing"!',
        "autoescape_unicode": "This is an escaped <unicode> example \u4f60 & \u6211",
        "iteritems": lambda x: x.items(),
    },
    "get_undeclared_variables.docx": {
        "name": "John Doe", "age": 25, "email": "john@example.com", "is_student": True,
        "has_degree": True, "degree_field": "Computer Science", "skills": ["Python", "Django"],
        "projects": [{"name": "Project A", "year": 2023, "description": "A great project"},
                     {"name": "Project B", "year": 2024, "description": "Another great project"}],
        "company_name": "Test Corp",
        "page_number": 1, "generation_date": "2024-01-01", "author": "Test Author"},
    "comments_tpl.docx": {},
}


def _text(content: bytes) -> str:
    """Every paragraph's text as a reader sees it, tables, headers and footers included, in
    package order."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    found = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in sorted(archive.namelist()):
            if re.match(r"word/(document|header\d*|footer\d*|footnotes)\.xml$", name):
                root = etree.fromstring(archive.read(name))
                found.extend("".join(t.text or "" for t in p.iter(f"{w}t"))
                             for p in root.iter(f"{w}p"))
    return "\n".join(found)


def _docxtpl(path: Path, context: dict[str, Any], autoescape: bool = True) -> bytes:
    template = DocxTemplate(str(path))
    template.render(context, autoescape=autoescape)
    made = io.BytesIO()
    template.save(made)
    return made.getvalue()


@pytest.mark.parametrize("name", sorted(CONTEXTS), ids=str)
def test_docxtpls_own_templates_render_as_docxtpl_renders_them(name: str) -> None:
    path = DOCXTPL / name
    ours = CompiledTemplate(path).render(CONTEXTS[name])
    theirs = _docxtpl(path, CONTEXTS[name])
    assert _text(ours) == _text(theirs)


@pytest.mark.parametrize("name", sorted(CONTEXTS), ids=str)
def test_no_false_alarm_on_docxtpls_own_templates(name: str) -> None:
    # Their fields are not confdocs' fields; everything else must pass.
    findings = [f for f in check_template(DOCXTPL / name) if f.code != "unknown-field"]
    assert findings == [], "\n".join(f"{f.place}: {f.code}: {f.message}" for f in findings)


# --- characters typed inside tags ----------------------------------------------------------------

def test_an_ampersand_typed_in_a_tag_comes_out_as_typed(tmp_path: Path) -> None:
    path = make(tmp_path / "t.docx",
                '{{ first ~ " & " ~ second }}',
                '{% if org == "A & B" %}matched{% else %}missed{% endif %}',
                "{{ \"x < y > z, 'quoted' & \\\"double\\\"\" }}")
    assert "&amp;" in parts(path)["word/document.xml"].decode()  # as Word stores it
    text = _text(CompiledTemplate(path).render({"first": "Smith", "second": "Jones & Co",
                                                "org": "A & B"}))
    assert text.splitlines() == ["Smith & Jones & Co", "matched",
                                 "x < y > z, 'quoted' & \"double\""]


def test_an_ampersand_in_a_literal_matches_docxtpl(tmp_path: Path) -> None:
    path = make(tmp_path / "t.docx", '{{ "Smith" ~ " & " ~ "Jones" }}')
    assert _text(CompiledTemplate(path).render({})) == _text(_docxtpl(path, {}, autoescape=False))
    assert _text(CompiledTemplate(path).render({})) == "Smith & Jones"


def test_an_ampersand_in_a_tag_of_a_template_docxtpl_renders(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes((DATA / "pictures" / "logo.png").read_bytes())
    path = make(tmp_path / "contract.docx", '{{ "Smith" ~ " & " ~ "Jones" }}',
                "{{ image('logo.png', width_mm=10) }}")
    compiled = CompiledTemplate(path)
    assert compiled.extras == ("image",)
    context = engagement_context(load_engagement(SAMPLES / "membership-guild.json").data)
    assert _text(compiled.render(context)).splitlines()[0] == "Smith & Jones"


# --- picture ids ---------------------------------------------------------------------------------

def test_picture_ids_are_unique_across_the_document(tmp_path: Path) -> None:
    document = docx.Document()
    logo = str(DATA / "pictures" / "logo.png")
    header = document.sections[0].header.paragraphs[0]
    header.add_run("{{ parties.client.name }} ").add_picture(logo)
    document.add_paragraph("{{ parties.client.name }}")
    document.add_picture(logo)
    document.add_picture(logo)
    path = tmp_path / "contract.docx"
    document.save(str(path))
    context = engagement_context(load_engagement(SAMPLES / "membership-guild.json").data)
    made = CompiledTemplate(path).render(context)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        ids = [number for name in archive.namelist() if name.endswith(".xml")
               for number in re.findall(r'<wp:docPr [^>]*?\bid="(\d+)"',
                                        archive.read(name).decode("utf-8"))]
    assert len(ids) == 3 and len(set(ids)) == 3, ids


# --- the proofing language is no formatting ------------------------------------------------------

def test_a_run_tag_in_a_run_with_only_a_language_is_not_warned(tmp_path: Path) -> None:
    path = make(tmp_path / "t.docx", "RUN")
    run = ('<w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">'
           "{%r if parties.sponsor %}Sponsored{%r endif %}</w:t></w:r>")
    rewrite(path, {"word/document.xml": replace("<w:r><w:t>RUN</w:t></w:r>", run)})
    assert check_template(path) == []
    bold = path.with_name("bold.docx")
    bold.write_bytes(path.read_bytes())
    rewrite(bold, {"word/document.xml": replace('<w:lang w:val="fr-FR"/>', "<w:b/>")})
    assert [f.code for f in check_template(bold)] == ["tag-not-alone"]


def _texts(package: bytes) -> dict[str, list[str]]:
    """The text of every templated part, paragraph by paragraph, as XML text (so that &#39; and
    ' are the same apostrophe, as they are to Word)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = {}
        for name in archive.namelist():
            if _PARTS.match(name):
                root = etree.fromstring(archive.read(name))
                parts[name] = ["".join(t.text or "" for t in p.iter(f"{_W}t"))
                               for p in root.iter(f"{_W}p")]
        return parts


def _cases() -> list[tuple[str, int]]:
    return [(sample.name, index) for sample in sorted(SAMPLES.glob("*.json"))
            for index, _ in enumerate(plan_documents(load_engagement(sample).data))]


@pytest.mark.parametrize("sample, index", _cases())
def test_same_text_as_docxtpl_in_every_part(sample: str, index: int, tmp_path: Path) -> None:
    data = load_engagement(SAMPLES / sample).data
    document = plan_documents(data)[index]
    context = document_context(engagement_context(data), document)
    template = templates_dir() / "en-GB" / TEMPLATE_FILES[document.kind]  # type: ignore[index]

    ours = CompiledTemplate(template).render(context)
    reference = DocxTemplate(template)
    reference.render(context, jinja_env=environment())
    buffer = io.BytesIO()
    reference.save(buffer)

    assert _texts(ours) == _texts(buffer.getvalue())

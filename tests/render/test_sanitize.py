"""Nothing the editor did not mean to publish reaches a document (issue 12, section 2): comments
and Track Changes' recording are taken out of every document and listed by `templates check`; a
section break held by a {%p %} tag paragraph is kept; borders on {%tr %} tag rows are warned
about."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from confdocs.engagement.validate import load_engagement
from confdocs.lint import check_template
from confdocs.render.context import engagement_context
from confdocs.render.template import CompiledTemplate

from ..docx_cases import make, parts, replace, rewrite
from ..helpers import HR_COMMENT, SAMPLES, commented_template, document_text

GUILD = SAMPLES / "membership-guild.json"  # no sponsor
EXEC = SAMPLES / "exec-coaching-harbour-vale.json"  # a sponsor


def _render(path: Path, sample: Path = GUILD) -> dict[str, bytes]:
    content = CompiledTemplate(path).render(engagement_context(load_engagement(sample).data))
    out = path.with_name("out.docx")
    out.write_bytes(content)
    return parts(out)


def test_check_lists_each_comment_as_a_warning(tmp_path: Path) -> None:
    (finding,) = check_template(commented_template(tmp_path))
    assert (finding.code, finding.severity) == ("comment", "warning")
    assert finding.place == 'body paragraph 2 ("The client: {{ parties.client.name }}")'
    assert "by HR Editor" in finding.message and HR_COMMENT in finding.message


def test_comments_never_reach_a_document(tmp_path: Path) -> None:
    template = commented_template(tmp_path)
    assert "word/comments.xml" in parts(template)
    made = _render(template)
    assert not any("comment" in name.lower() for name in made)
    everything = b"".join(made.values())
    assert b"HR Editor" not in everything and b"passport" not in everything
    assert b"comment" not in made["word/document.xml"]
    assert b"comments" not in made["[Content_Types].xml"]
    assert b"comments" not in made["word/_rels/document.xml.rels"]
    text = document_text(tmp_path / "out.docx")  # and Word's library still opens it
    assert "The client: " in text


def _recording(tmp_path: Path) -> Path:
    path = make(tmp_path / "contract.docx", "Client: {{ parties.client.name }}")
    return rewrite(path, {"word/settings.xml": lambda xml: re.sub(
        r"(<w:settings[^>]*>)", r"\1<w:trackRevisions/>", xml, count=1)})


def test_track_changes_left_on_is_warned_and_off_in_documents(tmp_path: Path) -> None:
    template = _recording(tmp_path)
    (finding,) = check_template(template)
    assert (finding.code, finding.severity, finding.place) == (
        "track-changes-on", "warning", "document settings")
    assert b"trackRevisions" in parts(template)["word/settings.xml"]
    assert b"trackRevisions" not in _render(template)["word/settings.xml"]


# --- section breaks ------------------------------------------------------------------------------

PORTRAIT = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" '
            'w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
LANDSCAPE = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'


def _with_break(tmp_path: Path, paragraphs: tuple[str, ...], holder: str) -> Path:
    """A template whose paragraph ``holder`` ends a portrait section; the last section (and so
    every page, if that break is lost) is landscape."""
    path = make(tmp_path / "contract.docx", *paragraphs)

    def edit(xml: str) -> str:
        xml = re.sub(r"<w:pgSz [^>]*/>", LANDSCAPE, xml)
        old = f"<w:p><w:r><w:t>{holder}</w:t></w:r></w:p>"
        assert old in xml
        return xml.replace(old, f"<w:p><w:pPr>{PORTRAIT}</w:pPr><w:r><w:t>{holder}</w:t></w:r>"
                                 "</w:p>")

    return rewrite(path, {"word/document.xml": edit})


def _sections(document: bytes) -> list[str]:
    """Each section's orientation, in order, and the text of the paragraph ending it."""
    found = []
    xml = document.decode("utf-8")
    for match in re.finditer(r"<w:sectPr.*?</w:sectPr>", xml, re.DOTALL):
        found.append("landscape" if "landscape" in match.group(0) else "portrait")
    return found


@pytest.mark.parametrize("sample", [GUILD, EXEC], ids=["block-hidden", "block-shown"])
def test_a_section_break_in_an_endif_paragraph_is_kept(sample: Path, tmp_path: Path) -> None:
    template = _with_break(tmp_path, ("Terms.", "{%p if parties.sponsor %}", "Sponsor terms.",
                                      "{%p endif %}", "Signatures"), "{%p endif %}")
    assert check_template(template) == []
    made = _render(template, sample)
    assert _sections(made["word/document.xml"]) == ["portrait", "landscape"]
    text = document_text(tmp_path / "out.docx")
    assert ("Sponsor terms." in text) == (sample == EXEC)
    assert "{%" not in text


def test_a_section_break_in_an_if_paragraph_moves_to_the_paragraph_before(tmp_path: Path) -> None:
    template = _with_break(tmp_path, ("Terms.", "{%p if parties.sponsor %}", "Sponsor terms.",
                                      "{%p endif %}", "Signatures"), "{%p if parties.sponsor %}")
    made = _render(template, GUILD)
    xml = made["word/document.xml"].decode("utf-8")
    assert _sections(made["word/document.xml"]) == ["portrait", "landscape"]
    # No paragraph added: the break ends the paragraph "Terms."
    assert re.search(r"<w:p><w:pPr><w:sectPr>(?:(?!</w:p>).)*<w:t>Terms\.</w:t>", xml)


def test_a_section_break_keeps_places_as_the_editor_sees_them(tmp_path: Path) -> None:
    from confdocs.errors import TemplateError

    template = _with_break(tmp_path, ("Terms.", "{%p if parties.sponsor %}", "Sponsor terms.",
                                      "{%p endif %}", "Signatures {{ parties.client.name|upper(1) }}"),
                           "{%p endif %}")
    with pytest.raises(TemplateError, match=r"body paragraph 5 \(\"Signatures"):
        _render(template, GUILD)


def test_a_section_break_in_an_else_paragraph_is_warned(tmp_path: Path) -> None:
    template = _with_break(tmp_path, ("{%p if parties.sponsor %}", "Sponsor.", "{%p else %}",
                                      "None.", "{%p endif %}"), "{%p else %}")
    (finding,) = check_template(template)
    assert (finding.code, finding.place) == ("section-break-in-tag",
                                             'body paragraph 3 ("{%p else %}")')


# --- borders on tag rows -------------------------------------------------------------------------

TOP_AND_BOTTOM = ('<w:tcPr><w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>'
                  "</w:tcPr>")


def _bordered_table(tmp_path: Path, table_properties: str, middle: str,
                    border: str = TOP_AND_BOTTOM) -> Path:
    """A contract whose one table is a {%tr %} loop: its two tag rows' cells drawn with
    ``border``, the repeated row's with ``middle``."""
    rows = "".join(
        f"<w:tr><w:tc>{border if index != 1 else middle}<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        "</w:tc></w:tr>"
        for index, text in enumerate(("{%tr for limit in confidentiality.limits %}",
                                      "{{ limit.description }}", "{%tr endfor %}")))
    path = make(tmp_path / "contract.docx", "TABLE")
    return rewrite(path, {"word/document.xml": replace(
        "<w:p><w:r><w:t>TABLE</w:t></w:r></w:p>",
        f"<w:tbl>{table_properties}<w:tblGrid><w:gridCol/></w:tblGrid>{rows}</w:tbl><w:p/>")})


@pytest.mark.parametrize(("table_properties", "middle"), [
    ('<w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>', ""),
    ("", '<w:tcPr><w:tcBorders><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" '
         'w:sz="4"/></w:tcBorders></w:tcPr>'),
], ids=["table-style", "repeated-row-draws-them"])
def test_borders_on_a_tag_row_that_are_drawn_anyway_are_not_warned(
        table_properties: str, middle: str, tmp_path: Path) -> None:
    findings = check_template(_bordered_table(tmp_path, table_properties, middle))
    assert [f for f in findings if f.code == "tag-row-borders"] == []


def test_borders_on_a_tag_row_are_warned(tmp_path: Path) -> None:
    top = ('<w:tcPr><w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
           "</w:tcBorders></w:tcPr>")
    path = _bordered_table(tmp_path, "", "", border=top)
    findings = [f for f in check_template(path) if f.code == "tag-row-borders"]
    assert [(f.code, f.severity, f.place) for f in findings] == [
        ("tag-row-borders", "warning",
         'table 1, row 1, cell 1 ("{%tr for limit in confidentiality.limits...")'),
        ("tag-row-borders", "warning", 'table 1, row 3, cell 1 ("{%tr endfor %}")')]


def test_templates_docxtpl_renders_are_sanitized_too(tmp_path: Path) -> None:
    # A template with a picture is rendered by docxtpl itself: it gets the same clean package.
    import shutil

    from ..helpers import DATA

    shutil.copy(DATA / "pictures" / "logo.png", tmp_path / "logo.png")
    document = docx.Document()
    paragraph = document.add_paragraph("{{ image('logo.png', width_mm=20) }}")
    document.add_comment(paragraph.runs, text=HR_COMMENT, author="HR Editor", initials="HE")
    document.save(str(tmp_path / "contract.docx"))
    template = rewrite(tmp_path / "contract.docx", {"word/settings.xml": lambda xml: re.sub(
        r"(<w:settings[^>]*>)", r"\1<w:trackRevisions/>", xml, count=1)})
    assert CompiledTemplate(template).extras == ("image",)
    made = _render(template)
    assert not any("comment" in name.lower() for name in made)
    assert b"HR Editor" not in b"".join(made.values())
    assert b"trackRevisions" not in made["word/settings.xml"]

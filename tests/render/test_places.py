"""Places an editor can find, in LibreOffice files too (issue 12, section 6): footnotes numbered as
the editor sees them, text boxes counted once, tabs kept in the quoted text, and a field inside a
tag reported as such."""

from __future__ import annotations

from pathlib import Path

from confdocs.lint import check_template

from ..docx_cases import make, replace, rewrite

FOOTNOTES_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")
FOOTNOTES_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")


def _note(ident: int, kind: str | None, text: str) -> str:
    typed = f' w:type="{kind}"' if kind else ""
    return (f'<w:footnote w:id="{ident}"{typed}><w:p><w:r><w:t xml:space="preserve">{text}</w:t>'
            "</w:r></w:p></w:footnote>")


def _with_footnotes(path: Path, notes: str, references: list[int]) -> Path:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
           f"{notes}</w:footnotes>")
    body_refs = "".join(f'<w:r><w:footnoteReference w:id="{i}"/></w:r>' for i in references)
    return rewrite(path, {
        "word/document.xml": replace("<w:r><w:t>NOTES</w:t></w:r>",
                                     f"<w:r><w:t>Notes</w:t></w:r>{body_refs}"),
        "word/_rels/document.xml.rels": replace(
            "</Relationships>", f'<Relationship Id="rIdNotes" Type="{FOOTNOTES_REL}" '
                                'Target="footnotes.xml"/></Relationships>'),
        "[Content_Types].xml": replace(
            "</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/>'
                        "</Types>"),
    }, {"word/footnotes.xml": xml.encode("utf-8")})


def test_footnotes_are_numbered_as_the_editor_sees_them_in_a_libreoffice_file(
        tmp_path: Path) -> None:
    # LibreOffice gives its separators ids 0 and 1: its first footnote has id 2.
    path = _with_footnotes(make(tmp_path / "t.docx", "NOTES"),
                           _note(0, "separator", "") + _note(1, "continuationSeparator", "")
                           + _note(2, None, "As agreed.") + _note(3, None, "See {{ titel }}."),
                           [2, 3])
    (finding,) = check_template(path)
    assert (finding.code, finding.place) == ("unknown-field", 'footnote 2 ("See {{ titel }}.")')


def test_footnotes_are_numbered_as_the_editor_sees_them_in_a_word_file(tmp_path: Path) -> None:
    path = _with_footnotes(make(tmp_path / "t.docx", "NOTES"),
                           _note(-1, "separator", "") + _note(0, "continuationSeparator", "")
                           + _note(1, None, "See {{ titel }}."), [1])
    (finding,) = check_template(path)
    assert finding.place == 'footnote 1 ("See {{ titel }}.")'


def _text_box(content: str) -> str:
    """A text box as Word stores it: DrawingML, and the same text again as VML for older readers."""
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    return (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
        'compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://'
        'schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="'
        'http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="' + wps + '">'
        f'<wps:wsp xmlns:wps="{wps}"><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
        '<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        f"{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>")


def test_a_text_box_is_counted_once(tmp_path: Path) -> None:
    path = make(tmp_path / "t.docx", "First.", "BOX", "After the box: {{ titel }}")
    box = _text_box("<w:p><w:r><w:t>Sponsor: {{ parties.sponsr.name }}</w:t></w:r></w:p>")
    rewrite(path, {"word/document.xml": replace("<w:r><w:t>BOX</w:t></w:r>", box)})
    findings = check_template(path)
    assert [(f.code, f.place) for f in findings] == [
        ("unknown-field", 'body paragraph 3 ("Sponsor: {{ parties.sponsr.name }}")'),
        ("unknown-field", 'body paragraph 4 ("After the box: {{ titel }}")')]


def test_a_p_tag_in_a_text_box_is_misplaced(tmp_path: Path) -> None:
    path = make(tmp_path / "t.docx", "BOX")
    box = _text_box("<w:p><w:r><w:t>{%p if parties.sponsor %}</w:t></w:r></w:p><w:p><w:r>"
                    "<w:t>Sponsor</w:t></w:r></w:p><w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p>")
    rewrite(path, {"word/document.xml": replace("<w:r><w:t>BOX</w:t></w:r>", box)})
    assert [(f.code, f.place) for f in check_template(path)] == [
        ("tag-misplaced", 'body paragraph 2 ("{%p if parties.sponsor %}")'),
        ("tag-misplaced", 'body paragraph 4 ("{%p endif %}")')]


def test_the_quoted_text_keeps_a_tab_between_two_tags(tmp_path: Path) -> None:
    path = make(tmp_path / "t.docx", "TABS")
    rewrite(path, {"word/document.xml": replace(
        "<w:r><w:t>TABS</w:t></w:r>",
        "<w:r><w:t>{{ id }}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{{ titel }}</w:t></w:r>")})
    (finding,) = check_template(path)
    assert finding.place == 'body paragraph 1 ("{{ id }}\t{{ titel }}")'


def test_a_page_number_inside_a_tag_is_reported_as_a_field_inside_a_tag(tmp_path: Path) -> None:
    path = make(tmp_path / "t.docx", "Fine.", "RUN")
    run = ('<w:r><w:t xml:space="preserve">Dear {{ parties.cli</w:t></w:r><w:r><w:fldChar '
           'w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
           '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>10</w:t>'
           '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">'
           "ent.name }},</w:t></w:r>")
    rewrite(path, {"word/document.xml": replace("<w:r><w:t>RUN</w:t></w:r>", run)})
    (finding,) = check_template(path)
    assert (finding.code, finding.place) == (
        "tag-split", 'body paragraph 2 ("Dear {{ parties.cli10ent.name }},")')
    assert "holds a field" in finding.message

"""Active and external content (lint.active, issue 28, item 7): each kind a document would load
from outside itself or run is an error of its own code, at the place its editor finds it, in the
shipped contract made hostile by editing its XML; links for the reader, and what link(),
image() and subdoc() put in, are not; nor is anything in the shipped templates or the corpora."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from confdocs.lint import check_template
from confdocs.lint.active import ACTIVE_CODES, check_active
from confdocs.lint.check import static_findings
from confdocs.render.places import read_parts

from ..docx_cases import CONTRACT_ANCHOR as ANCHOR
from ..docx_cases import CONTRACT_PLACE as PLACE
from ..docx_cases import (
    RELATIONSHIP_TYPE,
    edited_contract,
    make,
    relationship,
    replace,
    rewrite,
)
from ..helpers import ROOT, SAMPLES

DOCUMENT = "word/document.xml"
TYPES = "[Content_Types].xml"
RELS = "word/_rels/document.xml.rels"


def _contract(tmp_path: Path, runs: str = "", relationships: str = "", types: str = "",
              edits: dict | None = None, added: dict[str, bytes] | None = None) -> Path:
    return edited_contract(tmp_path / "contract.docx", runs, relationships, types, edits, added)


def _found(path: Path) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.place) for f in check_template(path)]


def _message(path: Path) -> str:
    (finding,) = check_template(path)
    return finding.message


# --- pictures linked to an address or a Windows share -----------------------------------------

def _linked_picture(ident: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        '<wp:docPr id="90" name="Logo" descr="The logo"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="0" name="Logo"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{ident}"/><a:stretch><a:fillRect/></a:stretch>'
        '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


@pytest.mark.parametrize(("target", "share"), [
    ("http://tracker.example/logo.png?client=1", False),
    ("\\\\fileserver\\marketing\\logo.png", True),
    ("file://fileserver/marketing/logo.png", True),
], ids=["web-address", "windows-share", "file-url-of-a-share"])
def test_a_picture_linked_to_an_address_or_a_share_is_an_error_at_its_paragraph(
        tmp_path: Path, target: str, share: bool) -> None:
    path = _contract(tmp_path, _linked_picture("rId90"),
                     relationship("rId90", "image", target))
    assert _found(path) == [("external-picture", "error", PLACE)]
    message = _message(path)
    assert message.startswith(f'the picture "Logo" is linked to {target}')
    assert ("Windows sign-in" in message) is share
    assert "Insert, Pictures, This Device" in message  # what the editor does in Word


def test_a_linked_picture_no_paragraph_shows_is_still_an_error_in_the_package(
        tmp_path: Path) -> None:
    path = _contract(tmp_path, relationships=relationship(
        "rId90", "image", "https://tracker.example/pixel.gif"))
    assert _found(path) == [("external-picture", "error", "body")]


def test_a_picture_linked_through_a_hyperlink_relationship_is_still_an_error(
        tmp_path: Path) -> None:
    # The relationship calls itself a hyperlink, but a picture shows what it points at.
    path = _contract(tmp_path, _linked_picture("rId90"),
                     relationship("rId90", "hyperlink", "https://tracker.example/logo.png"))
    assert _found(path) == [("external-picture", "error", PLACE)]


# --- a remote attached template -----------------------------------------------------------------

def test_an_attached_template_elsewhere_is_an_error_of_the_document_template(
        tmp_path: Path) -> None:
    settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
                '"http://schemas.openxmlformats.org/package/2006/relationships">'
                + relationship("rId1", "attachedTemplate",
                                "https://templates.example/firm.dotm") + "</Relationships>")
    path = _contract(tmp_path, edits={"word/settings.xml": replace(
        '<w:zoom w:val="bestFit"/>', '<w:zoom w:val="bestFit"/><w:attachedTemplate r:id="rId1"/>')},
        added={"word/_rels/settings.xml.rels": settings.encode()})
    assert _found(path) == [("attached-template", "error", "document template")]
    assert "https://templates.example/firm.dotm" in _message(path)
    assert "Developer, Document Template" in _message(path)


# --- an embedded web page (altChunk) ------------------------------------------------------------

def test_an_embedded_web_page_is_an_error_after_the_paragraph_before_it(tmp_path: Path) -> None:
    page = b'<html><body><p>Terms</p><img src="http://tracker.example/p.png"></body></html>'
    path = _contract(
        tmp_path, edits={DOCUMENT: replace(ANCHOR + "</w:p>",
                                           ANCHOR + '</w:p><w:altChunk r:id="rId91"/>')},
        relationships=relationship("rId91", "aFChunk", "page.html", external=False),
        types='<Default Extension="html" ContentType="text/html"/>',
        added={"word/page.html": page})
    assert _found(path) == [("embedded-html", "error", f"after {PLACE}")]
    assert "word/page.html" in _message(path)


# --- objects: embedded, linked, ActiveX controls, and their files -------------------------------

_SHAPE = ('<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:76pt;height:49pt">'
          '<v:imagedata r:id="rId92" o:title=""/></v:shape>')
_ICON = relationship("rId92", "image", "media/icon.emf", external=False)
_OLE_TYPES = ('<Default Extension="bin" ContentType="application/vnd.openxmlformats-'
              'officedocument.oleObject"/><Default Extension="emf" ContentType="image/x-emf"/>')


def _embedded(tmp_path: Path) -> Path:
    return _contract(
        tmp_path, '<w:r><w:object w:dxaOrig="1531" w:dyaOrig="991">' + _SHAPE
        + '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" '
        'ObjectID="_1700000001" r:id="rId93"/></w:object></w:r>',
        _ICON + relationship("rId93", "oleObject", "embeddings/oleObject1.bin", external=False),
        _OLE_TYPES, added={"word/media/icon.emf": b"EMF", "word/embeddings/oleObject1.bin": b"OLE"})


def _linked(tmp_path: Path) -> Path:
    return _contract(
        tmp_path, '<w:r><w:object w:dxaOrig="1531" w:dyaOrig="991">' + _SHAPE
        + '<o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" '
        'DrawAspect="Content" r:id="rId93" UpdateMode="Always"/></w:object></w:r>',
        _ICON + relationship("rId93", "oleObject", "file:///C:\\Finance\\fees.xlsx"),
        _OLE_TYPES, added={"word/media/icon.emf": b"EMF"})


def _control(tmp_path: Path) -> Path:
    control = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ax:ocx xmlns:ax='
               '"http://schemas.microsoft.com/office/2006/activeX" ax:classid='
               '"{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStreamInit" '
               'r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships"/>')
    binary = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
              '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
              'Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/'
              'activeXControlBinary" Target="activeX1.bin"/></Relationships>')
    return _contract(
        tmp_path, '<w:r><w:object w:dxaOrig="1531" w:dyaOrig="991">' + _SHAPE
        + '<w:control r:id="rId94" w:name="CheckBox1" w:shapeid="_x0000_i1025"/></w:object></w:r>',
        _ICON + relationship("rId94", "control", "activeX/activeX1.xml", external=False),
        _OLE_TYPES + '<Override PartName="/word/activeX/activeX1.xml" ContentType='
        '"application/vnd.ms-office.activeX+xml"/><Default Extension="bin" ContentType='
        '"application/vnd.ms-office.activeX"/>',
        added={"word/media/icon.emf": b"EMF", "word/activeX/activeX1.xml": control.encode(),
               "word/activeX/_rels/activeX1.xml.rels": binary.encode(),
               "word/activeX/activeX1.bin": b"ActiveX"})


def _stray(tmp_path: Path) -> Path:
    return _contract(
        tmp_path,
        relationships=relationship("rId93", "oleObject", "embeddings/oleObject1.bin", False),
        types=_OLE_TYPES, added={"word/embeddings/oleObject1.bin": b"OLE"})


@pytest.mark.parametrize(("make_case", "place", "says"), [
    (_embedded, PLACE, "an embedded object (Package)"),
    (_linked, PLACE, "an object (Excel.Sheet.12) linked to file:///C:\\Finance\\fees.xlsx"),
    (_control, PLACE, 'an ActiveX control ("CheckBox1")'),
    (_stray, "document package, word/embeddings/oleObject1.bin", "an embedded object or control"),
], ids=["embedded", "linked", "activex-control", "file-no-object-shows"])
def test_an_object_is_one_error_at_its_paragraph(tmp_path: Path, make_case, place: str,
                                                 says: str) -> None:
    path = make_case(tmp_path)
    # One finding for the object: not another for its icon, its file or its link.
    assert _found(path) == [("embedded-object", "error", place)]
    assert _message(path).startswith(says)


# --- fields: DDE, and those that put in what they read from outside ----------------------------

def _complex(*pieces: str) -> str:
    """A field stored as Word stores one typed with Ctrl+F9: its code in pieces, each a run
    (a piece "{" or "}" begins or ends a field inside it)."""
    runs = []
    for piece in pieces:
        if piece in ("{", "}"):
            kind = "begin" if piece == "{" else "end"
            runs.append(f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>')
        else:
            runs.append(f'<w:r><w:instrText xml:space="preserve">{piece}</w:instrText></w:r>')
    return "".join(runs)


def _simple(code: str) -> str:
    return f'<w:fldSimple w:instr="{code}"/>'


@pytest.mark.parametrize("field", [
    _complex("{", " DDE", 'AUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" ', "}"),
    _simple(' DDE excel &quot;C:\\\\fees.xlsx&quot; &quot;R1C1&quot; '),
    _complex("{", " ", "{", "QUOTE 68 68 69 65 85 84 79", "}", ' "c:\\\\cmd.exe" ', "}"),
    _complex("{", " DD", "{", "QUOTE 69", "}", 'AUTO "c:\\\\cmd.exe" ', "}"),
], ids=["ddeauto-in-pieces", "dde-simple", "kind-made-by-quote", "kind-completed-by-quote"])
def test_a_dde_field_is_an_error_at_its_paragraph(tmp_path: Path, field: str) -> None:
    path = _contract(tmp_path, field)
    assert _found(path) == [("dde-field", "error", PLACE)]
    assert "Alt+F9" in _message(path)


@pytest.mark.parametrize(("field", "keyword"), [
    (_complex("{", ' INCLUDEPICTURE "http://tracker.example/p.png" \\d ', "}"), "INCLUDEPICTURE"),
    (_simple(' INCLUDETEXT &quot;\\\\\\\\server\\\\share\\\\terms.docx&quot; '), "INCLUDETEXT"),
    (_complex("{", ' link Excel.Sheet.12 "C:\\\\fees.xlsx" "Sheet1!R1C1" \\a \\p ', "}"), "link"),
], ids=["includepicture", "includetext-simple", "link-in-lower-case"])
def test_a_field_reading_from_outside_is_an_error_at_its_paragraph(tmp_path: Path, field: str,
                                                                   keyword: str) -> None:
    path = _contract(tmp_path, field)
    assert _found(path) == [("include-field", "error", PLACE)]
    assert _message(path).startswith(f"the field {{ {keyword} ")


def test_a_macrobutton_field_is_an_error_at_its_paragraph(tmp_path: Path) -> None:
    # Double-clicking "Click to sign" would run a macro or a Word command: a button as text.
    path = _contract(tmp_path, _complex("{", " MACROBUTTON FileOpen Click to sign ", "}"))
    assert _found(path) == [("macros", "error", PLACE)]
    assert _message(path).startswith("the field { MACROBUTTON FileOpen Click to sign } runs")


def test_a_goto_button_and_a_page_field_are_allowed(tmp_path: Path) -> None:
    path = _contract(tmp_path, _complex("{", " GOTOBUTTON signatures Go to signatures ", "}")
                     + _simple(" PAGE "))
    assert _found(path) == []


def _vml_picture(attributes: str) -> str:
    return ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" id="Logo" '
            'style="width:72pt;height:72pt">'
            f'<v:imagedata {attributes} o:title=""/></v:shape></w:pict></w:r>')


@pytest.mark.parametrize("attributes", [
    'o:href="http://tracker.example/logo.png"',
    'src="\\\\fileserver\\marketing\\logo.png"',
], ids=["o-href-address", "src-share"])
def test_a_vml_picture_naming_a_source_outside_is_an_error_at_its_paragraph(
        tmp_path: Path, attributes: str) -> None:
    path = _contract(tmp_path, _vml_picture(attributes))
    assert _found(path) == [("external-picture", "error", PLACE)]
    assert _message(path).startswith('the picture "Logo" is linked to ')


def test_a_vml_picture_stored_in_the_template_is_allowed(tmp_path: Path) -> None:
    path = _contract(tmp_path, _vml_picture('o:href="logo.png"'))
    assert _found(path) == []


def test_a_field_in_the_footer_is_found_in_the_footer(tmp_path: Path) -> None:
    path = _contract(tmp_path, edits={"word/footer1.xml": replace(
        '<w:t xml:space="preserve">Page </w:t></w:r>',
        '<w:t xml:space="preserve">Page </w:t></w:r>'
        + _simple(' INCLUDEPICTURE &quot;https://tracker.example/f.png&quot; '))})
    assert _found(path) == [("include-field", "error", 'footer ("Page 1 of 1")')]


def test_a_field_in_an_endnote_is_found_there_even_in_a_part_stored_as_utf16(
        tmp_path: Path) -> None:
    # Endnotes are no templated part, and Word reads XML in UTF-16 as well as in UTF-8.
    notes = ('<?xml version="1.0" encoding="UTF-16" standalone="yes"?><w:endnotes xmlns:w="'
             'http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:endnote '
             'w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
             '<w:endnote w:id="1"><w:p><w:r><w:t xml:space="preserve">See the terms.</w:t></w:r>'
             + _complex("{", ' DDEAUTO "c:\\cmd.exe" ', "}") + "</w:p></w:endnote></w:endnotes>")
    path = _contract(
        tmp_path, relationships=relationship("rId97", "endnotes", "endnotes.xml", False),
        types='<Override PartName="/word/endnotes.xml" ContentType="application/vnd.'
              'openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>',
        added={"word/endnotes.xml": notes.encode("utf-16")})
    assert _found(path) == [("dde-field", "error", 'endnote 1 ("See the terms.")')]


# --- macros -------------------------------------------------------------------------------------

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_VBA = ('<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
_VBA_LINK = relationship("rId99", "vbaProject", "vbaProject.bin", external=False).replace(
    RELATIONSHIP_TYPE, "http://schemas.microsoft.com/office/2006/relationships/")


@pytest.mark.parametrize(("macro_enabled", "project", "says"), [
    (True, True, "it is a macro-enabled document (.docm) under a .docx name"),
    (True, False, "it is a macro-enabled document (.docm) under a .docx name"),
    (False, True, "it holds macros (word/vbaProject.bin)"),
], ids=["docm-renamed", "macro-enabled-type-alone", "vba-project-alone"])
def test_macros_are_an_error(tmp_path: Path, macro_enabled: bool, project: bool,
                             says: str) -> None:
    path = _contract(tmp_path, relationships=_VBA_LINK if project else "",
                     types=_VBA if project else "",
                     edits={TYPES: replace(_MAIN, _MACRO_MAIN)} if macro_enabled else None,
                     added={"word/vbaProject.bin": b"VBA"} if project else None)
    assert _found(path) == [("macros", "error", "macros")]
    assert _message(path).startswith(says)


# --- anything else loaded from outside ---------------------------------------------------------

def test_a_mail_merge_source_elsewhere_is_an_error_of_the_document_settings(
        tmp_path: Path) -> None:
    settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
                '"http://schemas.openxmlformats.org/package/2006/relationships">'
                + relationship("rId1", "mailMergeSource",
                                "file:///\\\\fileserver\\hr\\clients.xlsx") + "</Relationships>")
    merge = ('<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:dataType w:val="native"/>'
             '<w:query w:val="SELECT * FROM `Sheet1$`"/><w:dataSource r:id="rId1"/>'
             "</w:mailMerge>")
    path = _contract(tmp_path, edits={"word/settings.xml": replace(
        '<w:defaultTabStop w:val="720"/>', '<w:defaultTabStop w:val="720"/>' + merge)},
        added={"word/_rels/settings.xml.rels": settings.encode()})
    assert _found(path) == [("external-content", "error", "document settings")]
    assert "for its mail merge source" in _message(path)
    assert "Windows sign-in" in _message(path)


def test_a_part_that_cannot_be_read_is_not_passed_over(tmp_path: Path) -> None:
    # The body's relationships, where a linked picture's address would be, with a wrong
    # checksum: what cannot be read cannot be checked (build refused it already).
    path = _contract(tmp_path)
    data = path.read_bytes()
    record = data.index(b"PK\x01\x02")  # the central directory's first record
    while data[record + 46:record + 46 + len(RELS)] != RELS.encode():  # its directory record
        record = data.index(b"PK\x01\x02", record + 4)
    path.write_bytes(data[:record + 16] + b"\0\0\0\0" + data[record + 20:])  # its CRC-32
    with zipfile.ZipFile(path) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read(RELS)
    (finding,) = check_template(path)
    assert (finding.code, finding.severity) == ("template-unreadable", "error")
    # read, as every template is, within the bound (render.limits.read_package), which names
    # the part it could not read
    assert "Bad CRC-32" in finding.message and RELS in finding.message


# --- what subdoc() would put in --------------------------------------------------------------

def test_what_a_document_put_in_by_subdoc_holds_is_an_error_at_the_call(tmp_path: Path) -> None:
    # subdoc() copies the other document's text into every document, its fields included.
    letter = make(tmp_path / "letter.docx", "Terms:", "{{p subdoc('terms.docx') }}")
    rewrite(make(tmp_path / "terms.docx", "Standard terms."), {DOCUMENT: replace(
        "<w:t>Standard terms.</w:t></w:r>", "<w:t>Standard terms.</w:t></w:r>"
        + _simple(' DDEAUTO &quot;c:\\\\cmd.exe&quot; '))})
    findings = check_template(letter)
    assert [(f.code, f.severity, f.place) for f in findings] == [
        ("dde-field", "error", 'body paragraph 2 ("{{p subdoc(\'terms.docx\') }}")')]
    assert findings[0].message.startswith(
        "subdoc('terms.docx') puts in terms.docx, whose body paragraph 1 (\"Standard terms.\") "
        "holds this: the field { DDEAUTO")


def test_a_subdoc_named_by_the_engagement_may_be_any_document_beside_the_template(
        tmp_path: Path) -> None:
    letter = make(tmp_path / "letter.docx", "{{p subdoc(title) }}")
    make(tmp_path / "terms.docx", "Standard terms.")
    edited_contract(tmp_path / "annex.docx", relationships=relationship(
        "rId90", "image", "https://tracker.example/pixel.gif"))
    assert [(f.code, f.place) for f in check_template(letter)] == [
        ("external-picture", 'body paragraph 1 ("{{p subdoc(title) }}")')]


def test_a_document_subdoc_cannot_put_in_is_an_error_at_the_call(tmp_path: Path) -> None:
    letter = make(tmp_path / "letter.docx", "{{p subdoc('terms.docx') }}")
    (tmp_path / "terms.docx").write_text("Standard terms, saved as text.", encoding="utf-8")
    (finding,) = check_template(letter)
    assert (finding.code, finding.place) == (
        "extra-invalid", 'body paragraph 1 ("{{p subdoc(\'terms.docx\') }}")')
    assert finding.message.startswith("subdoc('terms.docx'): not a readable Word document")


# --- what is allowed ----------------------------------------------------------------------------

def test_links_for_the_reader_are_allowed(tmp_path: Path) -> None:
    links = ('<w:hyperlink r:id="rId95"><w:r><w:t xml:space="preserve"> (terms)</w:t></w:r>'
             '</w:hyperlink><w:hyperlink r:id="rId96"><w:r><w:t xml:space="preserve"> (mail)'
             "</w:t></w:r></w:hyperlink>"
             + _complex("{", ' HYPERLINK "https://example.org/terms" ', "}"))
    path = _contract(tmp_path, links,
                     relationship("rId95", "hyperlink", "https://example.org/terms")
                     + relationship("rId96", "hyperlink", "mailto:office@example.org"))
    assert check_active(path, read_parts(path)) == []
    assert check_template(path) == []


def test_what_link_image_and_subdoc_put_in_a_document_is_allowed(tmp_path: Path,
                                                                 extras_folder: Path,
                                                                 run) -> None:
    template = make(extras_folder / "letter.docx",
                    "{{r link(professional_body.complaints_url) }}",
                    "{{ image('logo.png', width_mm=30, alt=\"The logo\") }}",
                    "{{p subdoc('terms.docx') }}")
    assert check_active(template, read_parts(template)) == []
    out = tmp_path / "letter.docx"
    result = run("render", "-t", str(template), str(SAMPLES / "exec-coaching-harbour-vale.json"),
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    assert check_active(out, read_parts(out)) == []  # the document holds nothing to flag


# --- no false alarm -----------------------------------------------------------------------------

_READABLE = [path for folder in ("templates", "tests/templates_corpus", "tests/templates_writer",
                                 "tests/docxtpl_templates")
             for path in sorted((ROOT / folder).rglob("*.do[ct]x"))
             if not path.name.startswith("~$") and path.name != "not-a-docx.docx"
             and "odt-named-docx" not in path.parts]


@pytest.mark.parametrize("template", _READABLE,
                         ids=lambda p: str(p.relative_to(ROOT)).replace("/", ":"))
def test_no_shipped_template_or_corpus_case_holds_active_content(template: Path) -> None:
    assert check_active(template, read_parts(template)) == []
    assert not {f.code for f in static_findings(template)} & set(ACTIVE_CODES)


def test_every_code_of_the_module_is_tested_here() -> None:
    text = Path(__file__).read_text(encoding="utf-8")
    assert all(f'"{code}"' in text for code in ACTIVE_CODES)

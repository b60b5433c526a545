"""A template's package is whole before it is used (issue 28, items 6 and 7, the rest, and the
minor item of zip members named ``../../evil.txt``): a damaged part, a relationship to a part
that is not there, or a file named as no Word package names one, is a ``package-damaged`` error in
`templates check` at that part, and compiling the template for a build refuses it with the same
words, where both passed it and every document was one no one could open."""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from confdocs.errors import TemplateError
from confdocs.lint import check_template
from confdocs.render.context import engagement_context
from confdocs.render.integrity import MAX_FAULTS, package_faults, template_faults
from confdocs.render.template import CompiledTemplate

from ..docx_cases import CONTRACT, damaged_contract
from ..helpers import ROOT, sample_data

# A billion laughs, short: the DTD is refused before any entity could be expanded.
_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w:settings [<!ENTITY a "aaaaaaaaaa">'
           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:settings xmlns:w="http://schemas.'
           b'openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:val="&b;"/></w:settings>')


def _part(name: str) -> bytes:
    with zipfile.ZipFile(CONTRACT) as archive:
        return archive.read(name)


# (id, how the contract is damaged, the place, words of the message)
CASES: list[tuple[str, Callable[[Path], Path], str, str]] = [
    ("styles-malformed",
     lambda p: damaged_contract(p, {"word/styles.xml": _part("word/styles.xml")[:5000]}),
     "document package, word/styles.xml",
     "its part word/styles.xml is not well-formed XML (line 2, column"),
    ("settings-empty", lambda p: damaged_contract(p, {"word/settings.xml": b""}),
     "document package, word/settings.xml", "its part word/settings.xml is empty"),
    ("numbering-gone", lambda p: damaged_contract(p, {"word/numbering.xml": None}),
     "document package, word/_rels/document.xml.rels",
     "the relationship rId2 of word/document.xml points at word/numbering.xml, which is not in "
     "the package"),
    ("styles-not-utf8",
     lambda p: damaged_contract(p, {"word/styles.xml": _part("word/styles.xml").replace(
         b"</w:styles>", b"<!-- \xff\xd9 --></w:styles>")}),
     "document package, word/styles.xml", "its part word/styles.xml is not text in UTF-8"),
    ("core-malformed",
     lambda p: damaged_contract(p, {"docProps/core.xml": b"<cp:coreProperties"}),
     "document package, docProps/core.xml", "its part docProps/core.xml is not well-formed"),
    ("content-types-malformed",
     lambda p: damaged_contract(p, {"[Content_Types].xml": _part("[Content_Types].xml")[:-9]}),
     "document package, [Content_Types].xml",
     "its part [Content_Types].xml is not well-formed XML"),
    ("content-types-gone", lambda p: damaged_contract(p, {"[Content_Types].xml": None}),
     "document package, [Content_Types].xml", "the package lacks its [Content_Types].xml"),
    ("package-relationships-gone", lambda p: damaged_contract(p, {"_rels/.rels": None}),
     "document package, _rels/.rels", "the package lacks its _rels/.rels"),
    ("no-content-type", lambda p: damaged_contract(p, added=(("word/media/note.bin", b"x"),)),
     "document package, word/media/note.bin",
     "[Content_Types].xml gives the part word/media/note.bin no content type"),
    ("dtd", lambda p: damaged_contract(p, {"word/settings.xml": _LAUGHS}),
     "document package, word/settings.xml",
     "its part word/settings.xml declares a DTD (<!DOCTYPE ...>)"),
    ("latin1-declared",
     lambda p: damaged_contract(p, {"word/webSettings.xml": _part("word/webSettings.xml").replace(
         b"encoding='UTF-8'", b"encoding='ISO-8859-1'")}),
     "document package, word/webSettings.xml",
     "its part word/webSettings.xml declares the encoding ISO-8859-1, where a Word package holds "
     "XML in UTF-8 or UTF-16 only"),
    ("climbing-name", lambda p: damaged_contract(p, added=(("../../evil.txt", b"evil"),)),
     "document package, ../../evil.txt", "a file named '../../evil.txt' climbs out of its folder"),
    ("absolute-name", lambda p: damaged_contract(p, added=(("/tmp/evil.xml", b"<a/>"),)),
     "document package, /tmp/evil.xml", "starts at the root of a disk"),
    ("backslash-name", lambda p: damaged_contract(p, added=(("word\\evil.xml", b"<a/>"),)),
     "document package, word\\evil.xml", "holds a backslash"),
    ("duplicate-name",
     lambda p: damaged_contract(p, added=(("word/fontTable.xml", _part("word/fontTable.xml")),)),
     "document package, word/fontTable.xml",
     "the package holds two files named 'word/fontTable.xml'"),
    # Found by bench/fuzz.py (issue 28's run): the checks compared names in any capitals and
    # skipped an empty target, and expat takes names and texts libxml2 refuses; python-docx
    # could then not open the documents.
    ("styles-in-other-capitals",
     lambda p: damaged_contract(p, {"word/styles.xml": None},
                                added=(("word/styles.XML", _part("word/styles.xml")),)),
     "document package, word/_rels/document.xml.rels",
     "points at word/styles.xml, which the package holds as word/styles.XML (the capitals "
     "differ)"),
    ("empty-target",
     lambda p: damaged_contract(p, {"word/_rels/document.xml.rels": _part(
         "word/_rels/document.xml.rels").replace(b'Target="settings.xml"', b'Target=""')}),
     "document package, word/_rels/document.xml.rels",
     "the relationship rId5 of word/document.xml points at nothing (an empty target)"),
    ("name-too-long-for-lxml",
     lambda p: damaged_contract(p, {"word/webSettings.xml": _part("word/webSettings.xml").replace(
         b"</w:webSettings>", b"<w:" + b"x" * 60_000 + b"/></w:webSettings>")}),
     "document package, word/webSettings.xml",
     "its part word/webSettings.xml holds more than Word's readers take"),
    # Found by the second fuzz run (seed 5): expat takes XML 2.0, libxml2 does not; and a main
    # document typed as plain XML is no Word file to python-docx.
    ("xml-version-2",
     lambda p: damaged_contract(p, {"word/_rels/document.xml.rels": _part(
         "word/_rels/document.xml.rels").replace(b"version='1.0'", b"version='2.0'", 1)}),
     "document package, word/_rels/document.xml.rels",
     "its part word/_rels/document.xml.rels declares XML version 2.0"),
    ("document-typed-as-xml",
     lambda p: damaged_contract(p, {"[Content_Types].xml": _part("[Content_Types].xml").replace(
         b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
         b'officedocument.wordprocessingml.document.main+xml"/>', b"")}),
     "document package, [Content_Types].xml",
     "[Content_Types].xml gives the document word/document.xml the type application/xml, not a "
     "Word document's"),
    # The third run (seed 6): no main document named, which python-docx cannot open.
    ("no-main-document",
     lambda p: damaged_contract(p, {"_rels/.rels": _part("_rels/.rels").replace(
         b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument"', b'Type="http://example.org/other"')}),
     "document package, _rels/.rels", "the package's _rels/.rels names no main document"),
    ("duplicate-in-capitals",
     lambda p: damaged_contract(p, added=(("word/FontTable.xml", _part("word/fontTable.xml")),)),
     "document package, word/FontTable.xml",
     "the package holds two files named 'word/FontTable.xml'"),
]


@pytest.mark.parametrize(("make_case", "place", "words"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_check_finds_the_damage_at_its_part_and_compiling_refuses_it(
        tmp_path: Path, make_case: Callable[[Path], Path], place: str, words: str) -> None:
    path = make_case(tmp_path / "contract.docx")
    findings = [f for f in check_template(path) if f.code == "package-damaged"]
    assert [(f.place, f.severity) for f in findings] == [(place, "error")], findings
    assert words in findings[0].message
    assert findings[0].message.endswith("save it again as a Word Document (.docx), and check "
                                        "it again")
    # Compiled for a build: refused with the same words, naming the template and the part.
    with pytest.raises(TemplateError) as refused:
        CompiledTemplate(path)
    assert str(refused.value) == f"{path}: {place}: {findings[0].message}"


def test_a_header_without_tags_that_is_damaged_is_refused_too(tmp_path: Path) -> None:
    # The fuzz's case: a header part holding no tag, cut short. The header is read as a part
    # that may hold tags, so check said so already, as a file it cannot read: still refused.
    path = damaged_contract(tmp_path / "contract.docx",
                            {"word/header1.xml": _part("word/header1.xml")[:300]})
    (finding,) = [f for f in check_template(path) if f.is_error]
    assert finding.code == "template-unreadable" and "word/header1.xml" in finding.message
    with pytest.raises(TemplateError, match=r"header1\.xml"):
        CompiledTemplate(path)


def test_every_fault_is_said_in_check_and_the_first_in_build(tmp_path: Path) -> None:
    path = damaged_contract(tmp_path / "contract.docx",
                            {"word/settings.xml": b"", "word/numbering.xml": None},
                            added=(("../../evil.txt", b"evil"),))
    places = [f.place for f in check_template(path)]
    assert places == ["document package, ../../evil.txt", "document package, word/settings.xml",
                      "document package, word/_rels/document.xml.rels"]
    with pytest.raises(TemplateError, match=r"\.\./\.\./evil\.txt.*\(2 other faults: confdocs "
                                            r"templates check lists them\)$"):
        CompiledTemplate(path)


def test_a_package_damaged_throughout_is_said_in_a_bounded_number_of_findings() -> None:
    names = ["[Content_Types].xml", "_rels/.rels"] + [f"../{n}.txt" for n in range(500)]
    faults = package_faults(names, {"[Content_Types].xml": _part("[Content_Types].xml")})
    assert len(faults) == MAX_FAULTS
    assert [f.part for f in faults[:2]] == ["../0.txt", "../1.txt"]
    assert faults[-1].message.startswith(f"and {500 - MAX_FAULTS + 1} other faults like those")


def test_relationships_to_outside_and_within_the_package_are_told_apart() -> None:
    types = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="rels" ContentType="r"/><Default Extension="xml" '
             b'ContentType="x"/></Types>')
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="a" Type="t" Target="https://example.org/x.png" '
            b'TargetMode="External"/>'
            b'<Relationship Id="b" Type="t" Target="file:///C:/x.png"/>'  # an address: not a part
            b'<Relationship Id="c" Type="t" Target="/word/document.xml"/>'
            b'<Relationship Id="d" Type="t" Target="word/Document.xml#bookmark"/>'
            b'<Relationship Id="e" Type="t" Target="../../etc/passwd"/>'
            b'<Relationship Id="f" Type="t" Target="word/gone.xml"/></Relationships>')
    names = ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
    faults = package_faults(names, {"[Content_Types].xml": types, "_rels/.rels": rels,
                                    "word/document.xml": b"<w:document xmlns:w='w'/>"})
    # d: names are compared as written, as python-docx looks parts up (found by the fuzz).
    # (and it names no main document: an officeDocument relationship is what opens it)
    assert [(f.part, f.message.split(",")[0]) for f in faults] == [
        ("_rels/.rels", "the package's _rels/.rels names no main document"),
        ("_rels/.rels", "the relationship d of the package points at word/Document.xml"),
        ("_rels/.rels", "the relationship e of the package points at '../../etc/passwd'"),
        ("_rels/.rels", "the relationship f of the package points at word/gone.xml")]


def test_a_part_in_utf16_is_whole_and_tagged_in_the_documents_language(tmp_path: Path) -> None:
    # Word reads XML in UTF-16 as well as UTF-8 (with its byte order mark): no damage. Its
    # language tags are set as in a UTF-8 part, and it stays UTF-16.
    styles = _part("word/styles.xml").decode("utf-8").replace("encoding='UTF-8'",
                                                              "encoding='UTF-16'")
    path = damaged_contract(tmp_path / "contract.docx",
                            {"word/styles.xml": codecs.BOM_UTF16_LE + styles.encode("utf-16-le")})
    assert template_faults(path, path.read_bytes()) == []
    compiled = CompiledTemplate(path)
    document = compiled.render(engagement_context(sample_data("coaching-fr-lyon.json")),
                               language="fr-FR")
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        written = archive.read("word/styles.xml")
    assert written.startswith(codecs.BOM_UTF16_LE)
    text = written[2:].decode("utf-16-le")
    assert 'w:val="fr-FR"' in text and 'w:val="en-GB"' not in text


_WHOLE = [path for folder in ("templates", "tests/templates_corpus", "tests/templates_writer",
                              "tests/docxtpl_templates")
          for path in sorted((ROOT / folder).rglob("*.do[ct]x"))
          if not path.name.startswith("~$") and path.name != "not-a-docx.docx"
          and "odt-named-docx" not in path.parts]


@pytest.mark.parametrize("template", _WHOLE,
                         ids=lambda p: str(p.relative_to(ROOT)).replace("/", ":"))
def test_no_template_saved_by_word_libreoffice_or_python_docx_is_damaged(template: Path) -> None:
    # The shipped templates (python-docx and Word), docxtpl's Word-authored test templates and
    # the corpus LibreOffice Writer saved (tests/templates_writer): no false alarm.
    assert template_faults(template, template.read_bytes()) == []


def test_the_libreoffice_corpus_is_in_the_guard() -> None:
    writer = [p for p in _WHOLE if "templates_writer" in p.parts]
    assert len(writer) >= 20
    for path in writer[:3]:
        with zipfile.ZipFile(path) as archive:
            assert b"LibreOffice" in archive.read("docProps/app.xml")


def test_a_document_holding_a_text_longer_than_libxml2_takes_is_refused(tmp_path: Path) -> None:
    # Each expression is within the bounds, together 4,000,000 characters of 3 bytes in one
    # run: 12 MB, more than the 10,000,000 bytes of a text python-docx (libxml2) reads.
    from ..docx_cases import edited_contract

    euros = "{{ '\u20ac' * 1000000 }}" * 4
    path = edited_contract(tmp_path / "contract.docx", f"<w:r><w:t>{euros}</w:t></w:r>")
    with pytest.raises(TemplateError, match="holds a text longer than Word's readers take"):
        CompiledTemplate(path).render(engagement_context(sample_data(
            "exec-coaching-harbour-vale.json")))

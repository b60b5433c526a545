"""Templates: an organisation's template made from a shipped one, mutated."""


from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .common import (
    FORMATS,
    ROOT,
    TEMPLATES,
    Content,
    Fifo,
    Folder,
    Link,
    Prepared,
    Step,
    case_rng,
    write_files,
)
from .rosters import BILLION_LAUGHS, EXTERNAL_DTD, EXTERNAL_ENTITY, after_declaration
from .zips import damage_zip, member, replace_member, unzip_members, zip_members

# --- templates: an organisation's template made from a shipped one, mutated ---------------

TEMPLATE_NAMES = ["contract.docx", "feedback-annex.docx", "disclosure-notice.docx",
                  "decision-record.docx"]
DOCUMENT = "word/document.xml"
TAG = re.compile(r"\{[{%#].*?[}%#]\}")
TEXT_START = re.compile(r"<w:t(?: [^>]*)?>")


@cache
def _shipped_members(locale: str, name: str) -> tuple[tuple[str, bytes], ...]:
    return tuple(unzip_members((TEMPLATES / locale / name).read_bytes()))


@dataclass
class TemplateCase:
    members: list[tuple[str, bytes]]
    raw: bytes | None = None  # damaged as a zip: these bytes, not the members
    beside: dict[str, Content] = field(default_factory=dict)  # more files in its folder

    def part(self, name: str = DOCUMENT) -> str:
        return member(self.members, name).decode("utf-8", "surrogatepass")

    def set_part(self, text: str, name: str = DOCUMENT) -> None:
        replace_member(self.members, name, text.encode("utf-8", "surrogatepass"))

    def bytes(self) -> bytes:
        return self.raw if self.raw is not None else zip_members(self.members)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _insert_text(rng: random.Random, case: TemplateCase, text: str) -> None:
    """``text`` at the start of one of the document's runs of text."""
    xml = case.part()
    starts = list(TEXT_START.finditer(xml))
    spot = rng.choice(starts).end()
    case.set_part(xml[:spot] + _xml_text(text) + xml[spot:])


def _template_broken(rng: random.Random, case: TemplateCase) -> str:
    xml = case.part()
    tags = list(TAG.finditer(xml))
    variant = rng.randrange(8)
    tag = rng.choice(tags)
    if variant == 0:
        case.set_part(xml[:tag.end() - 2] + xml[tag.end():])
        return f"{tag.group()!r} without its end"
    if variant == 1:
        case.set_part(xml[:tag.start()] + xml[tag.start() + 2:])
        return f"{tag.group()!r} without its start"
    if variant == 2:
        ends = [t for t in tags if re.match(r"\{%-?[prc]? *end", t.group())]
        if ends:
            tag = rng.choice(ends)
        case.set_part(xml[:tag.start()] + xml[tag.end():])
        return f"{tag.group()!r} deleted"
    if variant == 3:
        opens = [t for t in tags if re.match(r"\{%-?[prc]? *(if|for)", t.group())] or tags
        tag = rng.choice(opens)
        case.set_part(xml[:tag.end()] + tag.group() + xml[tag.end():])
        return f"{tag.group()!r} twice"
    if variant == 4:
        case.set_part(xml[:tag.start()] + xml[tag.start():tag.end()].replace(" ", "", 1)
                      .replace(".", "..", 1) + xml[tag.end():])
        return f"{tag.group()!r} misspelt"
    broken = rng.choice([
        "{{", "{%", "{#", "}}", "%}", "{{ }}", "{% %}", "{{ title|nope }}", "{{ nope.x.y }}",
        "{{ title( }}", "{% if %}", "{% endif %}", "{% endfor %}", "{% set x = %}",
        "{%p if title %}", "{%tr for x in y %}", "{%tc for x in y %}", "{{r title }}",
        "{%r if title %}", "{%- if title -%}", "{% raw %}", "{% include 'x' %}",
        "{% import 'os' as os %}", "{% extends 'x' %}", "{% macro m() %}", "{% call m() %}",
        "{% block x %}", "{% filter upper %}", "{{ '\\x' }}", "{{ \"unterminated }}",
        "{{ title }", "{ { title } }", "{{{ title }}}", "{% for x in title %}{% for y in x %}",
        "{% if title %}{% else %}{% else %}{% endif %}", "{{ title|default(title|default(",
        "{{ {}[1] }}", "{{ [][0] }}", "{{ 1/0 }}", "{{ none.x }}", "{{ title[10**9] }}",
        "{%p endif %}", "{% with %}", "{% autoescape false %}{{ '<w:br/>' }}",
    ])
    _insert_text(rng, case, broken)
    return f"{broken!r} put in"


HOSTILE = [
    "{{ 'x' * 10**9 }}", "{{ 'x' * 999999 * 999999 }}", "{{ title * 100000000 }}",
    "{{ [title] * 10**8 }}", "{{ title|center(999999999) }}", "{{ title.center(999999999) }}",
    "{{ title.ljust(10**9) }}", "{{ title.rjust(2**31) }}", "{{ '%999999999s'|format(1) }}",
    "{{ '%.999999999f'|format(1.0) }}", "{{ '{:>999999999}'.format(1) }}",
    "{{ '{:0999999999}'.format(1) }}", "{{ title|indent(999999999) }}",
    "{{ (title * 1000)|wordwrap(1) }}", "{{ title|truncate(10**18) }}",
    "{{ title|replace('', title) }}", "{{ (title ~ title)|replace('', title)|replace('', title) }}",
    "{{ range(10**9)|list|length }}", "{{ range(99999)|join(title) }}",
    "{% for i in range(10**7) %}{{ i }}{% endfor %}",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "{{ lipsum(10**6) }}",
    "{{ 10**10**10 }}", "{{ 9**9**9 }}", "{{ 2**4096 }}", "{{ (2**4000)|string * 1000 }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{{ self.__init__.__globals__ }}",
    "{{ title|attr('__class__') }}", "{{ namespace.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__ }}", "{{ config }}", "{{ title.format_map(self) }}",
    "{{ '{0.__class__}'.format(title) }}", "{{ '%s'.__mod__(title) }}",
    "{{ image('/etc/passwd') }}", "{{ image('../../../../etc/passwd') }}",
    "{{ subdoc('/etc/passwd') }}", "{{ image('x.png', width=10**9) }}", "{{ subdoc('x.docx') }}",
    "{{ title|dictsort }}", "{{ (title|list) * 10**6 }}", "{{ title|batch(0)|list }}",
    "{{ title|slice(10**9)|list }}", "{{ '\\x00\\x0b' }}", "{{ '\\ud800' }}", "{{ '\\x0b' ~ title }}",
    "{{ '</w:t><w:r><w:t>' }}", "{{ '<w:br/>'|safe }}", "{{ title|e|safe }}",
    "{{ '\\n' * 100000 }}", "{{ '\\t' ~ title ~ '\\f' }}", "{{ '\\u2028' * 1000 }}",
    "{{ title|format(*range(10**6)) }}", "{{ '%s' * 999999 % title }}",
    "{{ ('{}' * 999999).format(*[title] * 999999) }}", "{{ title|wordcount * 10**9 }}",
    "{% set x = [1] %}{% for i in range(20) %}{% set x = x + x %}{% endfor %}{{ x|length }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{{ title|indent(10**6, true) }}", "{{ title|filesizeformat }}", "{{ 1e308 * 10 }}",
    "{{ title|int(base=99) }}", "{{ '%c'|format(1114112) }}", "{{ title|round(10**9) }}",
]


def _template_hostile(rng: random.Random, case: TemplateCase) -> str:
    expression = rng.choice(HOSTILE)
    _insert_text(rng, case, expression)
    if "x.png" in expression:
        case.beside["x.png"] = rng.choice([_PNG, Link("/dev/zero"), Link("/etc/passwd")])
    if "x.docx" in expression:
        case.beside["x.docx"] = rng.choice([
            (TEMPLATES / "en-GB" / "contract.docx").read_bytes(), Link("/etc/passwd"),
            Link("/dev/zero"), b"not a docx"])
    return f"{expression!r} put in"


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")

RUN_BREAKS = [
    '</w:t></w:r><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:rPr><w:lang w:val="fr-FR"/></w:rPr><w:t xml:space="preserve">',
    '</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:bookmarkStart w:id="990" w:name="fuzz"/><w:bookmarkEnd w:id="990"/>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t><w:t xml:space="preserve">',
    '</w:t><w:tab/><w:t xml:space="preserve">',
    '</w:t><w:br/><w:t xml:space="preserve">',
    '</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:ins w:id="991" w:author="x"><w:r><w:t xml:space="preserve">zz</w:t></w:r>'
    '</w:ins><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:del w:id="992" w:author="x"><w:r><w:delText>zz</w:delText></w:r></w:del>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:smartTag w:uri="x" w:element="y"><w:r><w:t>zz</w:t></w:r></w:smartTag>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>zz</w:t></w:r></w:hyperlink>'
    '<w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
    '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:commentRangeStart w:id="993"/><w:r><w:t xml:space="preserve">',
    '</w:t></w:r><w:r><w:t xml:space="preserve"></w:t></w:r><w:r><w:t>',
]


def _template_split(rng: random.Random, case: TemplateCase) -> str:
    tagged = [n for n, d in case.members if n.startswith("word/") and n.endswith(".xml")
              and TAG.search(d.decode("utf-8", "replace"))]
    target = rng.choice([DOCUMENT] * 5 + tagged)
    xml = case.part(target)
    tags = list(TAG.finditer(xml))
    tag = rng.choice(tags)
    text = tag.group()
    if rng.random() < 0.25:  # what Word's AutoCorrect does to quotes typed in a tag
        changed = text.replace("'", rng.choice(["’", "‘"])).replace('"', rng.choice(["“", "”"]))
        case.set_part(xml[:tag.start()] + changed + xml[tag.end():], target)
        return f"{text!r} with curly quotes ({target})"
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(1, 3))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    breaks = [rng.choice(RUN_BREAKS) for _ in cuts]
    joined = pieces[0] + "".join(b + p for b, p in zip(breaks, pieces[1:], strict=True))
    case.set_part(xml[:tag.start()] + joined + xml[tag.end():], target)
    return f"{text!r} split in {len(pieces)} ({target})"


def _template_xml(rng: random.Random, case: TemplateCase) -> str:
    parts = [n for n, _ in case.members if n.endswith((".xml", ".rels"))]
    name = rng.choice([DOCUMENT] * 6 + parts)
    xml = case.part(name)
    variant = rng.randrange(18)
    texts = list(TEXT_START.finditer(xml))
    spot = rng.choice(texts).end() if texts else len(xml) // 2

    def at_spot(insert: str) -> str:
        return xml[:spot] + insert + xml[spot:]

    if variant == 0:
        cut = rng.randrange(len(xml))
        xml, said = xml[:cut], f"truncated at {cut}"
    elif variant == 1:
        closing = list(re.finditer(r"</[^>]+>", xml))
        gone = rng.choice(closing)
        xml, said = xml[:gone.start()] + xml[gone.end():], f"{gone.group()} deleted"
    elif variant == 2:
        xml, said = at_spot("a & b"), "a bare &"
    elif variant == 3:
        xml, said = at_spot("&nbsp;"), "an undefined entity"
    elif variant == 4:
        xml = after_declaration(xml, BILLION_LAUGHS)
        spot += len(BILLION_LAUGHS)
        xml, said = at_spot("&j;"), "a billion laughs"
    elif variant == 5:
        xml = after_declaration(xml, EXTERNAL_ENTITY)
        spot += len(EXTERNAL_ENTITY)
        xml, said = at_spot("&e;"), "an external entity"
    elif variant == 6:
        xml, said = after_declaration(xml, EXTERNAL_DTD), "an external DTD"
    elif variant == 7:
        char = rng.choice(["\x01", "\x0b", "\x1b", "\x7f", "\ufffe", "\ud800", "\x00"])
        xml, said = at_spot(char), f"a raw {char!r}"
    elif variant == 8:
        reference = rng.choice(["&#x0B;", "&#1;", "&#xD800;", "&#x110000;", "&#0;", "&#xFFFE;"])
        xml, said = at_spot(reference), f"the reference {reference}"
    elif variant == 9:
        encoding = rng.choice(["UTF-16", "ISO-8859-1", "klingon", "ebcdic-cp-us", "ascii"])
        xml = re.sub(r"encoding=['\"][^'\"]*['\"]", f"encoding='{encoding}'", xml, count=1)
        said = f"declared {encoding}, written in UTF-8"
    elif variant == 10:
        xml = re.sub(r"encoding=['\"][^'\"]*['\"]", "encoding='UTF-16'", xml, count=1)
        replace_member(case.members, name, xml.encode("utf-16"))
        return f"{name} in UTF-16, as declared"
    elif variant == 11:
        replace_member(case.members, name, b"\xef\xbb\xbf" * rng.randint(1, 2) + xml.encode())
        return f"{name} after a byte-order mark"
    elif variant == 12:
        xml = re.sub(r"<w:p>", '<w:p w:rsidR="00A1" w:rsidR="00A2">', xml, count=1)
        xml = xml.replace('<w:t xml:space="preserve">', '<w:t xml:space="preserve" '
                          'xml:space="default">', 1)
        said = "an attribute twice"
    elif variant == 13:
        xml, said = at_spot("</w:t><zz:x/><w:t>"), "an undeclared prefix"
    elif variant == 14:
        depth = rng.choice([100, 256, 257, 1000, 100000])
        body = xml.find("<w:body>") + len("<w:body>")
        if body < len("<w:body>"):
            body = spot
        nested = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
        xml, said = xml[:body] + nested + xml[body:], f"elements nested {depth} deep"
    elif variant == 15:
        length = rng.choice([10**6, 3 * 10**7])
        xml, said = at_spot("x" * length), f"a text of {length} characters"
    elif variant == 16:
        insert = rng.choice(["<![CDATA[{{ title }}]]>", "<!-- c -->", "<?php x?>",
                             "{{ ti<!-- c -->tle }}", "<![CDATA[</w:t>]]>"])
        xml, said = at_spot(insert), f"{insert!r} in a text"
    else:
        declaration = rng.choice(["", "<?xml version='1.1' encoding='UTF-8'?>",
                                  "<?xml version='2.0'?>", "<?xml standalone='maybe'?>"])
        xml = re.sub(r"^<\?xml[^>]*\?>", declaration, xml)
        if "1.1" in declaration:
            xml = xml.replace("</w:t>", "\x01</w:t>", 1)  # allowed in XML 1.1, not in 1.0
        said = f"declaration {declaration!r}"
    case.set_part(xml, name)
    return f"{name}: {said}"


def _template_parts(rng: random.Random, case: TemplateCase) -> str:
    names = [n for n, _ in case.members]
    variant = rng.randrange(10)
    if variant == 0:
        gone = rng.choice(names)
        case.members = [m for m in case.members if m[0] != gone]
        return f"{gone} deleted"
    if variant == 1:
        rels = rng.choice(["word/_rels/document.xml.rels", "_rels/.rels"])
        xml = case.part(rels)
        found = list(re.finditer(r"<Relationship [^>]*/>", xml))
        gone = rng.choice(found)
        case.set_part(xml[:gone.start()] + xml[gone.end():], rels)
        return f"a relationship of {rels} deleted: {gone.group()[:80]}"
    if variant == 2:
        rels = "word/_rels/document.xml.rels"
        kind = rng.choice(["image", "header", "footer", "styles", "numbering", "subDocument"])
        target = rng.choice(["media/missing.png", "missing.xml", "../../outside.xml", "/abs.xml",
                             "", "word/document.xml"])
        case.set_part(case.part(rels).replace(
            "</Relationships>", f'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org'
            f'/officeDocument/2006/relationships/{kind}" Target="{target}"/></Relationships>'), rels)
        return f"a {kind} relationship to {target!r}"
    if variant == 3:
        types = "[Content_Types].xml"
        xml = case.part(types)
        found = list(re.finditer(r"<(Override|Default) [^>]*/>", xml))
        gone = rng.choice(found)
        case.set_part(xml[:gone.start()] + xml[gone.end():], types)
        return f"content type gone: {gone.group()[:80]}"
    if variant == 4:
        old = rng.choice([DOCUMENT, "word/styles.xml", "[Content_Types].xml"])
        new = rng.choice([old.upper(), old.replace("word/", "Word/"), old.replace(".xml", ".XML")])
        case.members = [(new if n == old else n, d) for n, d in case.members]
        return f"{old} renamed {new}"
    if variant == 5:
        emptied = rng.choice(names)
        replace_member(case.members, emptied, b"")
        return f"{emptied} empty"
    if variant == 6:
        junk = rng.choice(names)
        replace_member(case.members, junk, bytes(rng.randrange(256) for _ in range(500)))
        return f"{junk} replaced by junk"
    if variant == 7:
        extra = rng.choice(["word/evil.xml", "customXml/item9.xml", "word/media/image1.png",
                            "word/glossary/document.xml"])
        case.members.append((extra, rng.choice([b"<x/>", _PNG, b""])))
        return f"{extra} added"
    if variant == 8:
        other = rng.choice(TEMPLATE_NAMES)
        replace_member(case.members, DOCUMENT, dict(_shipped_members("en-GB", other))[DOCUMENT])
        return f"the body of en-GB {other}"
    case.members = [m for m in case.members if not m[0].startswith("docProps/")]
    return "no document properties"


def _add_relationship(case: TemplateCase, kind: str, target: str, *, external: bool,
                      rels: str = "word/_rels/document.xml.rels", rid: str = "rId90") -> None:
    mode = ' TargetMode="External"' if external else ""
    if not any(n == rels for n, _ in case.members):
        case.members.append((rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                             b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                             b'relationships"></Relationships>'))
    case.set_part(case.part(rels).replace(
        "</Relationships>", f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
        "</Relationships>"), rels)


def _add_to_body(case: TemplateCase, xml: str) -> None:
    document = case.part()
    start = document.find("<w:body>") + len("<w:body>")
    case.set_part(document[:start] + xml + document[start:])


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _template_active(rng: random.Random, case: TemplateCase) -> str:
    variant = rng.randrange(10)
    if variant == 0:
        _add_to_body(case, '<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;C:\\\\x.txt&quot; ">'
                           "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>")
        return "an INCLUDETEXT field"
    if variant == 1:
        _add_to_body(case, '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                           'xml:space="preserve"> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe '
                           '"/k calc" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/>'
                           "</w:r></w:p>")
        return "a DDEAUTO field"
    if variant == 2:
        _add_relationship(case, f"{R}/image", "http://127.0.0.1:9/x.png", external=True)
        _add_to_body(case, '<w:p><w:r><w:pict><v:shape style="width:10pt;height:10pt">'
                           '<v:imagedata r:id="rId90"/></v:shape></w:pict></w:r></w:p>')
        return "an image linked to a web address"
    if variant == 3:
        _add_relationship(case, f"{R}/attachedTemplate", "file://server/share/evil.dotm",
                          external=True, rels="word/_rels/settings.xml.rels")
        case.set_part(case.part("word/settings.xml").replace(
            "<w:zoom", '<w:attachedTemplate r:id="rId90"/><w:zoom', 1), "word/settings.xml")
        return "a remote attached template"
    if variant == 4:
        case.members.append(("word/chunk.html", b"<html><body><p>HTML</p></body></html>"))
        _add_relationship(case, f"{R}/aFChunk", "chunk.html", external=False)
        case.set_part(case.part("[Content_Types].xml").replace(
            "</Types>", '<Default Extension="html" ContentType="text/html"/></Types>'),
            "[Content_Types].xml")
        _add_to_body(case, '<w:altChunk r:id="rId90"/>')
        return "embedded HTML (altChunk)"
    if variant == 5:
        case.members.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 508))
        _add_relationship(case, "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                          "vbaProject.bin", external=False)
        case.set_part(case.part("[Content_Types].xml").replace(
            "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
            .replace("</Types>", '<Default Extension="bin" ContentType="application/'
                     'vnd.ms-office.vbaProject"/></Types>'), "[Content_Types].xml")
        return "VBA macros (a .docm named .docx)"
    if variant == 6:
        case.members.append(("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 508))
        _add_relationship(case, f"{R}/oleObject", "embeddings/oleObject1.bin", external=False)
        _add_to_body(case, '<w:p><w:r><w:object><o:OLEObject Type="Embed" ProgID="Package" '
                           'r:id="rId90"/></w:object></w:r></w:p>')
        return "an OLE object"
    if variant == 7:
        _add_relationship(case, f"{R}/hyperlink", "javascript:alert(1)", external=True)
        _add_to_body(case, '<w:p><w:hyperlink r:id="rId90"><w:r><w:t>click</w:t></w:r>'
                           "</w:hyperlink></w:p>")
        return "a javascript: hyperlink"
    if variant == 8:
        _add_relationship(case, f"{R}/subDocument", "\\\\server\\share\\sub.docx", external=True)
        _add_to_body(case, '<w:p><w:subDoc r:id="rId90"/></w:p>')
        return "a remote subdocument"
    case.beside["x.docx"] = rng.choice([
        (TEMPLATES / "en-GB" / "disclosure-notice.docx").read_bytes(), Link("/etc/passwd"),
        Link("/dev/zero"), Fifo(), Folder()])
    _insert_text(rng, case, "{{ subdoc('x.docx') }}")
    return f"subdoc('x.docx'), beside it {type(case.beside['x.docx']).__name__}"


def _template_zip(rng: random.Random, case: TemplateCase) -> str:
    case.raw, said = damage_zip(rng, case.members, DOCUMENT, b"</w:body>")
    return said


def _template_double(rng: random.Random, case: TemplateCase) -> str:
    first, second = rng.sample([_template_broken, _template_hostile, _template_split,
                                _template_xml, _template_parts, _template_active], 2)
    try:
        said = [first(rng, case), second(rng, case)]
    except (KeyError, StopIteration, IndexError, ValueError):
        return "two mutations, the second with nothing left to change"
    return " and ".join(said)


TEMPLATE_KINDS = [_template_broken, _template_hostile, _template_split, _template_xml,
                  _template_parts, _template_zip, _template_active, _template_double]
# Engagements that make every kind of document, per language.
TEMPLATE_ENGAGEMENTS = {"en-GB": ["coaching-two-disclosures.json", "exec-coaching-harbour-vale.json"],
                        "fr-FR": ["coaching-fr-lyon.json"]}
RENDER_WITH = {"en-GB": {"contract.docx": "exec-coaching-harbour-vale.json",
                         "feedback-annex.docx": "exec-coaching-harbour-vale.json",
                         "disclosure-notice.docx": "coaching-two-disclosures.json",
                         "decision-record.docx": "coaching-two-disclosures.json"},
               "fr-FR": dict.fromkeys(TEMPLATE_NAMES, "coaching-fr-lyon.json")}


def prepare_templates(folder: Path, seed: int, cases: list[int]) -> Prepared:
    for locale, names in TEMPLATE_ENGAGEMENTS.items():
        write_files(folder / f"engagements-{locale}",
                    {name: (ROOT / "samples" / name).read_bytes() for name in names})
    about = {}
    steps = []
    for index in cases:
        rng = case_rng("templates", seed, index)
        locale, name = rng.choice(["en-GB", "fr-FR"]), rng.choice(TEMPLATE_NAMES)
        case = TemplateCase(list(_shipped_members(locale, name)))
        mutation = TEMPLATE_KINDS[index % len(TEMPLATE_KINDS)]
        about[index] = f"{mutation.__name__[1:]}: {locale} {name}: {mutation(rng, case)}"
        own = f"t{index:05d}"
        place = name if locale == "en-GB" else f"{locale}/{name}"
        write_files(folder / own, {place: case.bytes(), **{
            (k if locale == "en-GB" else f"{locale}/{k}"): v for k, v in case.beside.items()}})
        steps.append(Step("templates check", ("templates", "check", "--templates", own,
                                              "--format", rng.choice(FORMATS)), (index,)))
        steps.append(Step("build", ("build", f"engagements-{locale}", "--out", f"{own}-out",
                                    "--templates", own, "-j", "1", "-q", "--format", "json"),
                          (index,), writes=f"{own}-out"))
        if rng.random() < 0.25:
            (folder / f"{own}-render").mkdir()
            steps.append(Step("render", ("render", "-t", f"{own}/{place}",
                                         f"engagements-{locale}/{RENDER_WITH[locale][name]}"
                                         if RENDER_WITH[locale][name] in TEMPLATE_ENGAGEMENTS[locale]
                                         else f"engagements-{locale}/"
                                              f"{TEMPLATE_ENGAGEMENTS[locale][0]}",
                                         "-o", f"{own}-render/document.docx"), (index,),
                              writes=f"{own}-render"))
    return Prepared(steps, about)

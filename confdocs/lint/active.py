"""What a template must never pass on to a client: anything a document would load from outside
itself, or run, when it is opened or its fields are updated.

Every part of a template that rendering does not fill in is copied into every document as it is,
so whatever the template holds, each client's document holds too: a picture linked to a web
address or a Windows share (fetched, with the reader's Windows sign-in for a share), an attached
template elsewhere, an embedded web page (altChunk), an embedded or linked object (OLE) or an
ActiveX control, a DDE field that starts a program, an INCLUDETEXT or INCLUDEPICTURE field that
reads a file or an address, and macros. Each is an error, at the place its editor can find it.

A clickable link (a hyperlink, ``link()``) is a link for the reader, not content fetched from
outside, and is allowed; so are pictures and documents stored in the template (``image()`` and
``subdoc()`` store theirs in each document).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import nodes
from lxml import etree

from ..errors import TemplateError
from ..render.extras import ExtraError, beside
from ..render.limits import read_package, read_template
from ..render.parts import TEMPLATED, part_label
from ..render.places import W, describe, paragraph_text, paragraphs, read_parts
from ..render.sanitize import COMMENT_PARTS
from .finding import TemplateFinding
from .structure import shorten

# The codes of what this module finds, each explained in docs/editing-templates.md.
ACTIVE_CODES = ("external-picture", "attached-template", "embedded-html", "embedded-object",
                "dde-field", "include-field", "external-content", "macros")

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# Fields that put in what they read from outside the document when their fields are updated
# (INCLUDE and IMPORT are older names of INCLUDETEXT and INCLUDEPICTURE).
_INCLUDING = {
    "INCLUDETEXT": "the text of another file", "INCLUDE": "the text of another file",
    "INCLUDEPICTURE": "a picture from a file or address", "IMPORT": "a picture from a file",
    "LINK": "an object linked to another file", "DATABASE": "the result of a database query",
    "RD": "the headings of another file (for a table of contents)",
}
# Fields that have another program started, or asked for data, by Dynamic Data Exchange.
_DDE = ("DDE", "DDEAUTO")
# A field that runs a macro, or any Word command (FileOpen, a shell through a macro), when the
# reader double-clicks the text it shows: a button dressed as text.
_MACRO_FIELDS = ("MACROBUTTON",)
# VML (Word's older drawing format, what LibreOffice and Word 2007 write for text boxes and
# watermarks) may name a picture's source in attributes rather than a relationship: ``src`` and
# ``o:href`` (where a linked picture was taken from), which a reader's Word may fetch.
VML = "{urn:schemas-microsoft-com:vml}"
_VML_SOURCES = ("src", f"{OFFICE}href", f"{OFFICE}althref")

# Parts that hold a document's macros, by the last word of their relationship's type or by
# content type; and the content types of embedded objects and ActiveX controls.
_MACRO_RELATIONSHIPS = ("vbaProject", "wordVbaData", "keyMapCustomizations")
_MACRO_TYPES = ("application/vnd.ms-office.vbaproject", "application/vnd.ms-word.vbadata+xml",
                "application/vnd.ms-word.keymapcustomizations+xml")
_OBJECT_TYPES = ("application/vnd.openxmlformats-officedocument.oleobject",
                 "application/vnd.ms-office.activex+xml", "application/vnd.ms-office.activex")
_OBJECT_FOLDERS = ("word/embeddings/", "word/activeX/")
# Parts whose embedded files are data, not objects: a chart's or diagram's own workbook.
_DATA_FOLDERS = ("word/charts/", "word/diagrams/")
# Elements that make a link for the reader to click, and elements that show a picture.
_LINK_HOLDERS = ("hyperlink", "hlinkClick", "hlinkHover")
_PICTURE_HOLDERS = ("blip", "imagedata", "fill")
# What a part holding a field, an object or an embedded page has in its XML, in lower case.
_MARKERS = (b"instrtext", b"fldsimple", b"object", b"control", b"altchunk")
# A target that names a place outside the package, whatever the relationship says of itself:
# an address (https:, file:, mhtml:, C:) or a Windows share.
_OUTSIDE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|\\\\|//)")


@dataclass(frozen=True)
class _Relationship:
    source: str  # the part it belongs to ("" for the package's own)
    ident: str
    kind: str  # the last word of its type: image, hyperlink, attachedTemplate, oleObject...
    target: str  # an address outside, or the name of a part of the package
    external: bool

    @property
    def loaded(self) -> bool:
        """Content fetched from outside the document (a hyperlink is only followed by a click)."""
        return self.external and self.kind != "hyperlink"


@dataclass
class _Package:
    """The template's parts and relationships, read once."""

    names: list[str]
    overrides: dict[str, str]  # part name (lower case) -> content type
    defaults: dict[str, str]  # extension (lower case) -> content type
    relationships: dict[str, dict[str, _Relationship]]  # source part -> id -> relationship
    xml: dict[str, etree._Element] = field(default_factory=dict)

    def content_type(self, name: str) -> str:
        name = name.lower()
        if name in self.overrides:
            return self.overrides[name]
        return self.defaults.get(name.rsplit(".", 1)[-1], "") if "." in name else ""


def check_active(path: Path, parts: Mapping[str, etree._Element]) -> list[TemplateFinding]:
    """Everything in the template at ``path`` that a document would load from outside itself or
    run; ``parts`` are its parts that can hold tags, already read (``render.places.read_parts``),
    whose paragraphs give the places. Raises TemplateError when a part cannot be read, for what
    cannot be read cannot be checked."""
    package = _read(path, parts)
    template = path.name
    findings: dict[tuple[str, str, str], TemplateFinding] = {}

    def add(finding: TemplateFinding, what: str) -> None:
        # The same thing found twice (a text box is stored twice) is said once.
        findings.setdefault((finding.place, finding.code, what), finding)

    for finding in _macros(template, package):
        add(finding, "")
    covered: set[str] = set()  # parts the objects found show, and what those parts refer to
    referenced: set[tuple[str, str]] = set()
    for name, root in package.xml.items():
        places = _places(name, root, parts)
        relationships = package.relationships.get(name, {})
        for element, code, what, message in _in_part(root, relationships):
            add(TemplateFinding(template, _place_of(element, places, name), code, "error",
                                message), what)
            if code == "embedded-object":
                covered.update(_targets(element, relationships))
        for element in root.iter():
            for source in _vml_sources(element):
                code, message = _loaded(_Relationship(name, "", "image", source, True),
                                        _picture_name(element))
                add(TemplateFinding(template, _place_of(element, places, name, "image"), code,
                                    "error", message), source)
            for attribute, value in element.attrib.items():
                if not attribute.startswith(R) or value not in relationships:
                    continue
                referenced.add((name, value))
                relationship = _as_used(relationships[value], element)
                if relationship.loaded and next(_objects_above(element), None) is None:
                    code, message = _loaded(relationship, _picture_name(element))
                    place = _place_of(element, places, name, relationship.kind)
                    add(TemplateFinding(template, place, code, "error", message),
                        relationship.target)
    for source, by_id in package.relationships.items():
        for relationship in by_id.values():
            if relationship.loaded and (source, relationship.ident) not in referenced:
                code, message = _loaded(relationship, "")
                add(TemplateFinding(template, _part_place(source, relationship.kind), code,
                                    "error", message), relationship.target)
    for finding in _stray_objects(template, package, covered):
        add(finding, finding.place)
    return list(findings.values())


def check_subdocs(tree: nodes.Template, template: Path) -> Iterator[tuple[int, str, str]]:
    """(line, code, message) for what each subdoc() call in a template part would put in every
    document from the Word document it names: subdoc() copies that document's text, fields and
    objects included. A name from the engagement could be any .docx beside the template: each
    is checked."""
    folder = template.parent
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name != "subdoc":
            continue
        names = [arg.value for arg in call.args if isinstance(arg, nodes.Const)]
        if len(call.args) == 1 and len(names) == 1:
            try:
                chosen = [beside(folder, names[0], "subdoc", (".docx",))]
            except ExtraError:
                continue  # extra-invalid says what is wrong with the name
        else:
            try:
                chosen = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".docx"
                                and not p.name.startswith((".", "~$")) and p != template
                                and p.is_file())
            except OSError:
                chosen = []
        for path in chosen:
            try:
                included = check_active(path, read_parts(path))
            except TemplateError as exc:
                yield (call.lineno, "extra-invalid",
                       f"subdoc({path.name!r}): {str(exc).removeprefix(f'{path}: ')}; it cannot "
                       "be put in, nor checked for what it would bring with it")
                continue
            for finding in included:
                yield (call.lineno, finding.code,
                       f"subdoc({path.name!r}) puts in {path.name}, whose {finding.place} holds "
                       f"this: {finding.message}")


def _read(path: Path, parts: Mapping[str, etree._Element]) -> _Package:
    try:
        content = read_template(path)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
    except (OSError, zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError,
            ValueError, zlib.error) as exc:
        raise TemplateError(f"{path}: it cannot be read ({exc})") from exc
    # Inflated within the bound, whatever sizes the zip states (render.limits.read_package, as
    # check and build read every template). Word may read what zipfile cannot (another
    # compression method), so a part that cannot be read is said, not passed over as one that
    # holds nothing.
    raw = read_package(path, content, lambda name: name.lower().endswith((".rels", ".xml"))
                       and name not in parts)
    package = _Package(names, *_content_types(raw.get("[Content_Types].xml")), {})
    for name, content in raw.items():
        if name.lower().endswith(".rels"):
            source = _source_of(name)
            package.relationships[source] = dict(_relationships(source, content))
    for name in names:
        if not name.startswith("word/") or not name.lower().endswith(".xml") or \
                COMMENT_PARTS.match(name):  # comments never reach a document
            continue
        if name in parts:
            package.xml[name] = parts[name]
            continue
        content = raw[name]
        loads = any(r.loaded for r in package.relationships.get(name, {}).values())
        wide = b"\0" in content[:4]  # UTF-16 or UTF-32, where the markers are not these bytes
        if not loads and not wide and not any(m in content.lower() for m in _MARKERS):
            continue  # nothing to find (styles, the theme, fonts: most of a package's XML)
        try:
            package.xml[name] = etree.fromstring(content)
        except etree.XMLSyntaxError:
            continue  # not XML Word reads: it would refuse the document, not load anything
    return package


def _content_types(content: bytes | None) -> tuple[dict[str, str], dict[str, str]]:
    """(part name, lower case and without its leading / -> content type; extension -> the
    content type of parts that have none of their own)."""
    if content is None:
        return {}, {}
    try:
        root = etree.fromstring(content)
    except etree.XMLSyntaxError:
        return {}, {}
    overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                 for o in root.iter(f"{_TYPES}Override")}
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                for d in root.iter(f"{_TYPES}Default")}
    return overrides, defaults


def _source_of(rels: str) -> str:
    """'word/_rels/document.xml.rels' -> 'word/document.xml'; '_rels/.rels' -> ''."""
    folder, _, base = rels.rpartition("/")
    folder = folder.removesuffix("_rels").rstrip("/")
    part = base.removesuffix(".rels")
    return f"{folder}/{part}" if folder and part else part


def _relationships(source: str, content: bytes) -> Iterator[tuple[str, _Relationship]]:
    try:
        root = etree.fromstring(content)
    except etree.XMLSyntaxError:
        return
    folder = posixpath.dirname(source)
    for element in root.iter(_RELATIONSHIP):
        ident = element.get("Id", "")
        target = element.get("Target", "")
        external = (element.get("TargetMode", "").lower() == "external"
                    or _OUTSIDE.match(target) is not None)
        if not external:
            target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                        else posixpath.join(folder, target))
        kind = element.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        yield ident, _Relationship(source, ident, kind, target, external)


def _in_part(root: etree._Element, relationships: Mapping[str, _Relationship],
             ) -> Iterator[tuple[etree._Element, str, str, str]]:
    """(element, code, what it is, message) for each object, embedded page and field in a part
    that loads or runs something, in document order."""
    for element in root.iter(f"{W}object", f"{W}control", f"{OFFICE}OLEObject",
                             f"{W}altChunk"):
        if element.tag == f"{W}altChunk":
            target = relationships.get(element.get(f"{R}id", ""))
            yield element, "embedded-html", target.target if target else "", _embedded_page(
                target)
        elif next(_objects_above(element), None) is None:
            yield element, "embedded-object", "", _object(element, relationships)
    for found in _fields(root):
        message = _field(found)
        if message is not None:
            keyword = _keyword(found.code)
            kind = ("dde-field" if found.computed or keyword in _DDE else
                    "macros" if keyword in _MACRO_FIELDS else "include-field")
            yield found.start, kind, found.shown, message


def _vml_sources(element: etree._Element) -> Iterator[str]:
    """The places outside the document a VML picture or fill names as its source."""
    if not isinstance(element.tag, str) or not element.tag.startswith(VML):
        return
    for attribute in _VML_SOURCES:
        value = (element.get(attribute) or "").strip()
        if value and _OUTSIDE.match(value):
            yield value


def _objects_above(element: etree._Element) -> Iterator[etree._Element]:
    """The objects (OLE, ActiveX) that hold this element, nearest first."""
    yield from element.iterancestors(f"{W}object", f"{W}control", f"{OFFICE}OLEObject")


@dataclass
class _Field:
    """A field as its code reads: its own words (``code``), and with the fields inside it."""

    start: etree._Element  # where it begins
    code: str = ""
    shown: str = ""  # { INCLUDETEXT { REF name } }, as Alt+F9 shows it
    computed: bool = False  # its first word is made by a field inside it
    reading_code: bool = True


def _fields(root: etree._Element) -> Iterator[_Field]:
    """Each field of the part, inner ones included, when its code is complete."""
    open_fields: list[_Field] = []
    for element in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}fldSimple"):
        if element.tag == f"{W}fldSimple":
            code = element.get(f"{W}instr", "")
            yield _Field(element, code, code)
        elif element.tag == f"{W}instrText":
            if open_fields and open_fields[-1].reading_code:
                open_fields[-1].code += element.text or ""
                open_fields[-1].shown += element.text or ""
        else:
            kind = element.get(f"{W}fldCharType")
            if kind == "begin":
                outer = open_fields[-1] if open_fields else None
                # { {QUOTE 68 68 69} ... } or { DD{QUOTE 69}AUTO ... }: Word makes the outer
                # field's kind from the inner one's result, the way a DDE field is hidden.
                if outer is not None and outer.reading_code and not re.search(r"\S\s",
                                                                              outer.code):
                    outer.computed = True
                open_fields.append(_Field(element))
            elif kind == "separate" and open_fields:
                open_fields[-1].reading_code = False
            elif kind == "end" and open_fields:
                ended = open_fields.pop()
                if open_fields and open_fields[-1].reading_code:
                    open_fields[-1].shown += "{ " + " ".join(ended.shown.split()) + " }"
                yield ended
    yield from reversed(open_fields)  # never ended: Word still reads its code


def _keyword(code: str) -> str:
    words = code.split()
    return words[0].strip('"').upper() if words else ""


def _field(found: _Field) -> str | None:
    shown = "{ " + shorten(" ".join(found.shown.split()), 60) + " }"
    codes = ("show the field's code with Alt+F9 in Word, or View, Field Names (Ctrl+F9) in "
             "LibreOffice Writer")
    if found.computed:
        return (f"the field {shown} has its kind made by a field inside it, the way a DDE field "
                "that starts a program is hidden; a document must never run anything: delete "
                f"the field ({codes})")
    keyword = _keyword(found.code)
    if keyword in _DDE:
        return (f"the field {shown} has Windows start another program, or ask it for data "
                "(DDE), when the document is opened or its fields are updated; a document must "
                f"never run anything: delete the field ({codes})")
    if keyword in _MACRO_FIELDS:
        return (f"the field {shown} runs a macro or a Word command when the reader "
                "double-clicks the text it shows; a document must never run anything: delete "
                f"the field and type its text instead ({codes})")
    if keyword in _INCLUDING:
        return (f"the field {shown} puts in {_INCLUDING[keyword]} outside the document each "
                "time its fields are updated, so the document shows what is there then, and "
                "opening it reaches out to that place; put the text or picture itself in the "
                "template (Word: Insert, Pictures, This Device; LibreOffice Writer: Insert, "
                f"Image..., without Link) and delete the field ({codes})")
    return None


def _embedded_page(target: _Relationship | None) -> str:
    stored = f" ({target.target})" if target is not None else ""
    return (f"an embedded page or document{stored} (an HTML, RTF or Word file stored whole, "
            "altChunk) that Word converts each time the document is opened, fetching the "
            "pictures and styles it links to; confdocs cannot check it, and LibreOffice does not "
            "show it: open the template in Word, check the text it turns into (pictures from the "
            "web included) and save it, so that the text is stored as ordinary paragraphs")


def _object(element: etree._Element, relationships: Mapping[str, _Relationship]) -> str:
    ole = element if element.tag == f"{OFFICE}OLEObject" else next(
        element.iter(f"{OFFICE}OLEObject"), None)
    control = element if element.tag == f"{W}control" else next(element.iter(f"{W}control"),
                                                                None)
    fix = ("put in its text, or a picture of it, instead (copy it, then Word: Home, Paste, "
           "Paste Special, Picture; LibreOffice Writer: Edit, Paste Special, Paste Special..., "
           "a picture format), and delete the object (click it once and press Delete)")
    if control is not None:
        name = control.get(f"{W}name") or "a control"
        return (f"an ActiveX control (\"{name}\") runs code in Word on the reader's computer; "
                "a document must never run anything: delete it (Word: Developer, Design Mode, "
                "select it, Delete; LibreOffice Writer: Form, Design Mode, select it, Delete)")
    if ole is not None:
        program = ole.get("ProgID", "")
    else:
        embed = next(element.iter(f"{W}objectEmbed", f"{W}objectLink"), None)
        program = embed.get(f"{W}progId", "") if embed is not None else ""
    what = f" ({program})" if program else ""
    linked = [relationships[ident].target for ident in _ids(element)
              if ident in relationships and relationships[ident].external]
    if linked:
        return (f"an object{what} linked to {linked[0]}, which Word reads again from there, "
                "with the program that made it; a document must never load anything from "
                f"outside itself: {fix}")
    return (f"an embedded object{what}, put in with Insert, Object, which opens in the program "
            "that made it, on the reader's computer, and can hold files and code; a document "
            f"must never run anything: {fix}")


def _ids(element: etree._Element) -> Iterator[str]:
    """The relationships an element and those inside it refer to."""
    for inner in element.iter():
        for attribute, value in inner.attrib.items():
            if attribute.startswith(R):
                yield value


def _targets(element: etree._Element, relationships: Mapping[str, _Relationship],
             ) -> Iterator[str]:
    """The parts of the package an element and those inside it refer to."""
    for ident in _ids(element):
        relationship = relationships.get(ident)
        if relationship is not None and not relationship.external:
            yield relationship.target


def _as_used(relationship: _Relationship, element: etree._Element) -> _Relationship:
    """A relationship as the element that refers to it uses it: a hyperlink's address in a
    picture's link is a picture fetched, whatever the relationship calls itself."""
    if relationship.kind != "hyperlink" or not relationship.external:
        return relationship
    holder = etree.QName(element).localname
    if holder in _LINK_HOLDERS:
        return relationship
    kind = "image" if holder in _PICTURE_HOLDERS else "content"
    return _Relationship(relationship.source, relationship.ident, kind, relationship.target, True)


def _loaded(relationship: _Relationship, picture: str) -> tuple[str, str]:
    """The code and message for content a document loads from outside itself."""
    target = relationship.target
    share = (" (a Windows share, which the reader's computer also sends its Windows sign-in "
             "to)" if _windows_share(target) else "")
    if relationship.kind == "image":
        name = f" \"{picture}\"" if picture else ""
        return "external-picture", (
            f"the picture{name} is linked to {target}{share} instead of being stored in the "
            "template, so every document fetches it from there when it is opened; store it: "
            "delete it and insert it again from a file (Word: Insert, Pictures, This Device, "
            "Insert, not Link to File; LibreOffice Writer: Insert, Image..., without Link), or "
            "break the link (Word: File, Info, Edit Links to Files, Break Link; LibreOffice "
            "Writer: Edit, Links to External Files..., Break Link)")
    if relationship.kind == "attachedTemplate":
        return "attached-template", (
            f"the template is attached to the Word template {target}{share}, which Word looks "
            "for, and loads, each time a document is opened; attach none (Word: Developer, "
            "Document Template, or File, Options, Add-ins, Manage Templates, Go...: attach "
            "Normal, untick Automatically update document styles, and save)")
    if relationship.kind == "oleObject":
        return "embedded-object", (
            f"an object linked to {target}{share}, which Word reads again from there; a "
            "document must never load anything from outside itself: delete it and put in its "
            "text or a picture of it instead")
    fix = ("put what it shows in the template itself, or delete it" if relationship.kind
           not in ("mailMergeSource", "mailMergeHeaderSource") else "make it an ordinary "
           "document, not a mail merge (Word: Mailings, Start Mail Merge, Normal Word Document)")
    return "external-content", (
        f"the template refers to {target}{share} for its {_spaced(relationship.kind)}, "
        "which Word fetches from there each time a document is opened; a document must never "
        f"load anything from outside itself: {fix}")


def _windows_share(target: str) -> bool:
    r"""\\server\share\x, //server/share/x, file:///\\server\share\x or file://server/x."""
    rest = target
    if rest.lower().startswith("file:"):
        rest = rest[5:]
        if rest.startswith("///"):
            rest = rest[3:]
        elif rest.startswith("//"):
            host = rest[2:].split("/", 1)[0]
            return host.lower() not in ("", "localhost")
    return rest.startswith(("\\\\", "//"))


def _spaced(kind: str) -> str:
    """'mailMergeSource' -> 'mail merge source'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).lower() or "content"


def _picture_name(element: etree._Element) -> str:
    drawing = next(element.iterancestors(f"{W}drawing"), None)
    if drawing is not None:
        properties = next(drawing.iter(f"{WP}docPr"), None)
        if properties is not None:
            return str(properties.get("name", ""))
    shape = element.getparent()  # a VML picture: v:imagedata in its v:shape
    return str(shape.get("alt") or shape.get("id") or "") if shape is not None else ""


def _macros(template: str, package: _Package) -> Iterator[TemplateFinding]:
    """The template's macros, if it has any: one finding for the whole of them."""
    main = next((r.target for r in package.relationships.get("", {}).values()
                 if r.kind == "officeDocument" and not r.external), "word/document.xml")
    macro_enabled = "macroenabled" in package.content_type(main).lower()
    holders = [name for name in package.names
               if name.lower().endswith("vbaproject.bin")
               or package.content_type(name).lower() in _MACRO_TYPES]
    holders += [r.target for by_id in package.relationships.values() for r in by_id.values()
                if r.kind in _MACRO_RELATIONSHIPS and r.target not in holders]
    if not macro_enabled and not holders:
        return
    what = []
    if macro_enabled:
        what.append("it is a macro-enabled document (.docm) under a .docx name, which Word "
                    "will not open under that name, nor python-docx at all")
    if holders:
        what.append(f"it holds macros ({', '.join(sorted(set(holders)))}), which Word runs "
                    "on the reader's computer")
    yield TemplateFinding(
        template, "macros", "macros", "error",
        f"{'; '.join(what)}; every document would carry them, and a document must never run "
        "anything: save the template without its macros (Word: File, Save As, Word Document "
        "(*.docx), Yes to saving it macro-free; LibreOffice Writer: untick Tools, Options, "
        "Load/Save, VBA Properties, Save original Basic code, then File, Save As, Word "
        "2007-365)")


def _stray_objects(template: str, package: _Package,
                   covered: set[str]) -> Iterator[TemplateFinding]:
    """Embedded objects, ActiveX controls and their files that no object in the text shows:
    carried by every document all the same."""
    data = {r.target for source, by_id in package.relationships.items()
            if source.startswith(_DATA_FOLDERS) for r in by_id.values()}
    pending = list(covered)
    while pending:  # an ActiveX control's part refers to its binary data
        part = pending.pop()
        for relationship in package.relationships.get(part, {}).values():
            if not relationship.external and relationship.target not in covered:
                covered.add(relationship.target)
                pending.append(relationship.target)
    for name in package.names:
        if name in covered or name in data or name.endswith(".rels"):
            continue
        if name.startswith(_OBJECT_FOLDERS) or package.content_type(name).lower() in \
                _OBJECT_TYPES:
            yield TemplateFinding(
                template, f"document package, {name}", "embedded-object", "error",
                f"an embedded object or control ({name}) that the text does not show, but "
                "that every document would carry, and a reader's Word could run; a document "
                "must never carry anything that runs: save the template again from Word or "
                "LibreOffice Writer as Word Document (.docx), which leaves out what nothing "
                "shows, and check it again")


def _places(name: str, root: etree._Element,
            parts: Mapping[str, etree._Element]) -> dict[etree._Element, str]:
    """Each paragraph of a part and its place, as the other checks say it."""
    if name in parts:
        return {p.element: describe(p.place, p.text) for p in paragraphs(name, root)}
    places: dict[etree._Element, str] = {}
    notes: dict[etree._Element, int] = {}
    for element in root.iter(f"{W}p"):
        note = next(element.iterancestors(f"{W}endnote"), None)
        block = next(element.iterancestors(f"{W}docPart"), None)
        if note is not None and note.get(f"{W}type") is None:
            place = f"endnote {notes.setdefault(note, len(notes) + 1)}"
        elif block is not None:  # a building block (Quick Parts) kept in the template
            named = block.find(f"{W}docPartPr/{W}name")
            label = named.get(f"{W}val", "") if named is not None else ""
            place = f"building block \"{label}\"" if label else "building blocks"
        else:
            continue
        places[element] = describe(place, paragraph_text(element))
    return places


def _place_of(element: etree._Element, places: Mapping[etree._Element, str], part: str,
              kind: str = "") -> str:
    if element.tag == f"{W}p":
        paragraph: etree._Element | None = element
    else:
        paragraph = next(element.iterancestors(f"{W}p"), None)
    if paragraph is not None and paragraph in places:
        return places[paragraph]
    if paragraph is None:  # a page or object between paragraphs: after the one before it
        for before in element.itersiblings(preceding=True):
            inside = [p for p in before.iter(f"{W}p") if p in places]
            if inside:
                return f"after {places[inside[-1]]}"
    return _part_place(part, kind)


def _part_place(part: str, kind: str) -> str:
    """Where a part's findings are, said as the editor can find them."""
    if part == "word/settings.xml":
        return "document template" if kind == "attachedTemplate" else "document settings"
    if TEMPLATED.match(part):
        return part_label(part)
    return f"document package, {part or '_rels/.rels'}"

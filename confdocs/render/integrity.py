"""A template's package is whole before it is used.

Rendering fills in only the parts that hold tags; every other part of a template (its styles,
settings, numbering, core properties, the package's list of content types and its
relationships) is copied into every document as it is. A template whose copied parts are damaged
(malformed or empty XML, bytes that are not text), whose relationships point at parts it does
not hold, or whose files are named as no Word package names them (``../../evil.txt``, a name
twice), would give every client a document that Word, LibreOffice and python-docx cannot open,
or one carrying a stray file. Such a template is refused: `templates check` reports each fault
(``package-damaged``), and compiling it for a build fails with the first, so that they agree.

The checks are rules of the Open Packaging Conventions (ECMA-376, part 2), which Word and
python-docx rely on when they open a document:

- every file's name is a part name: relative, with no ``.`` or ``..`` segment, no backslash, no
  empty segment, and no two files with one name (names are compared ignoring case, as the
  conventions compare them);
- ``[Content_Types].xml`` and ``_rels/.rels`` are there, and every part has a content type;
- every XML part (``.xml``, ``.rels``) is UTF-8, or UTF-16 after its byte order mark (Word and
  LibreOffice write UTF-8; Word reads both, and the build tags a part's language in either), and
  declares no other encoding; it is well-formed, namespaces included, and declares no DTD, so that
  no entity is ever expanded or fetched (it is read by expat, which reads nothing from outside);
- every relationship that is not external points at a part the package holds.

Worked out on the template as it is (what ``limits.read_package`` inflates, within its bound),
once per process for each version of a template; a template refused is never compiled, so the
compiled-template cache never holds one.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final, NamedTuple
from urllib.parse import unquote
from xml.parsers import expat

from ..errors import TemplateError
from .limits import read_package

# What an editor can do about any of these: the program rewrites the package whole.
RESAVE = ("open the template in Word or LibreOffice Writer, save it again as a Word Document "
          "(.docx), and check it again")
_UNOPENABLE = "so every document made from it would be damaged (Word would not open it)"
MAX_FAULTS = 20  # said one by one; a package damaged throughout says the rest as a count

_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELATIONSHIPS = "_rels/.rels"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# The encodings an XML declaration in a Word package may name (Open Packaging Conventions).
_UNICODE = ("utf-8", "utf-16", "utf8", "utf16")
_DECLARED = re.compile(r"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_VERSION = re.compile(r"""\s*<\?xml\s+version\s*=\s*["']([^"']*)["']""")
# What the main document's content type may be: a Word document's, or a Word template's (a .dotx,
# which templates check reads when named; build takes only .docx files). A macro-enabled one
# (.docm renamed .docx) is the active-content check's to say (macros), not this one's.
_DOCUMENT_MAIN = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                  "application/vnd.ms-word.document.macroEnabled.main+xml",
                  "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
# A target that names a place outside the package, whatever the relationship says of itself: an
# address (https:, file:, mailto:, C:) or a Windows share. Never a part to look for.
_OUTSIDE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|\\\\|//)")


class PackageFault(NamedTuple):
    """One thing that makes a template's package unusable."""

    part: str  # the file at fault, as the package names it ("" for the package as a whole)
    message: str  # what is wrong and what to do, without the template's name

    @property
    def place(self) -> str:
        """Where it is, as `templates check` says it."""
        return f"document package, {self.part}" if self.part else "document package"


def is_markup(name: str) -> bool:
    """Whether a file of a package is one of its XML parts, which must parse."""
    return name.lower().endswith((".xml", ".rels"))


def member_names(raw: bytes) -> list[str]:
    """The names of the files in the zip ``raw``, as its directory lists them, repeats
    included (folders left out: Word writes none, and they hold nothing)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return [info.filename for info in archive.infolist() if not info.filename.endswith("/")]


def package_faults(names: Sequence[str], contents: Mapping[str, bytes]) -> list[PackageFault]:
    """Every fault of the package whose files are ``names`` (as its zip's directory lists them,
    repeats included) and whose XML parts are in ``contents`` (other parts may be left out), in
    package order, at most MAX_FAULTS and then one that counts the rest."""
    faults = list(_names(names))
    misnamed = {fault.part for fault in faults}
    parts = {name: content for name, content in contents.items() if is_markup(name)}
    readings: dict[str, _Reading] = {}
    for name in dict.fromkeys(names):
        if is_markup(name) and name in parts:
            reading = readings[name] = _read(name, parts[name])
            if reading.fault is not None:
                faults.append(reading.fault)
    folded = {name.lower() for name in names}
    faults.extend(_types([name for name in names if name not in misnamed], readings))
    faults.extend(_main_type(readings))
    if _PACKAGE_RELATIONSHIPS not in folded:
        faults.append(PackageFault(
            _PACKAGE_RELATIONSHIPS, f"the package lacks its {_PACKAGE_RELATIONSHIPS}, which says "
            f"where the document is, {_UNOPENABLE}; {RESAVE}"))
    for name, reading in readings.items():
        faults.extend(_dangling(name, reading, set(names)))
    if len(faults) > MAX_FAULTS:
        rest = len(faults) - MAX_FAULTS + 1
        faults[MAX_FAULTS - 1:] = [PackageFault(
            "", f"and {rest} other faults like those above: the package is damaged throughout; "
                f"{RESAVE}")]
    return faults


# What was found in each template read in this process, by the sha256 of its bytes: a build
# checks a template (as `templates check` does) and then compiles it, and both ask.
_found: dict[str, tuple[PackageFault, ...]] = {}
_REMEMBERED = 256


def template_faults(path: Path | str, raw: bytes, *, sha256: str | None = None,
                    contents: Mapping[str, bytes] | None = None) -> list[PackageFault]:
    """``package_faults`` of the template ``raw`` (the bytes of ``path``, whose sha256 the
    caller may know), its XML parts read within the bound (``limits.read_package``) unless
    the caller has them in ``contents``. Worked out once per process for each version of a
    template. Raises TemplateError for a file that is no zip, or whose parts inflate past the
    bound."""
    key = sha256 or hashlib.sha256(raw).hexdigest()
    if key not in _found:
        try:
            names = member_names(raw)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise TemplateError(f"{path}: not a readable Word document (.docx): {exc}") from exc
        faults = package_faults(names, read_package(path, raw, is_markup) if contents is None
                                else contents)
        if len(_found) >= _REMEMBERED:
            _found.clear()
        _found[key] = tuple(faults)
    return list(_found[key])


def refuse_damaged(path: Path | str, raw: bytes, *, sha256: str | None = None,
                   contents: Mapping[str, bytes] | None = None) -> None:
    """Raise TemplateError, naming the template, the part and what to do, for the first fault
    of the template ``raw`` (see ``template_faults``); nothing for a whole one."""
    faults = template_faults(path, raw, sha256=sha256, contents=contents)
    if faults:
        first = faults[0]
        more = (f" ({len(faults) - 1} other fault{'s' if len(faults) > 2 else ''}: confdocs "
                "templates check lists them)" if len(faults) > 1 else "")
        raise TemplateError(f"{path}: {first.place}: {first.message}{more}")


def _names(names: Sequence[str]) -> Iterator[PackageFault]:
    """A file whose name is no part name: unpacked as it is named, it could land anywhere."""
    seen: set[str] = set()
    why_not = ("it is not a file Word writes, and every document would carry it (unpacked as it "
               "is named, it could be written outside the folder it is unpacked into)")
    for name in names:
        segments = name.split("/")
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            yield PackageFault(name, f"a file named {name!r} starts at the root of a disk: "
                                     f"{why_not}; {RESAVE}")
        elif "\\" in name:
            yield PackageFault(name, f"a file named {name!r} holds a backslash (\\), which no "
                                     f"part name holds: {why_not}; {RESAVE}")
        elif ".." in segments:
            yield PackageFault(name, f"a file named {name!r} climbs out of its folder ('..'): "
                                     f"{why_not}; {RESAVE}")
        elif any(segment in ("", ".") for segment in segments):
            yield PackageFault(name, f"a file named {name!r} has an empty or '.' folder in its "
                                     f"name, which no part name has: {why_not}; {RESAVE}")
        folded = name.lower()
        if folded in seen:
            yield PackageFault(name, f"the package holds two files named {name!r} (names are "
                                     "read ignoring capitals), which Word never writes; programs "
                                     "differ in which one they read, so what a document shows "
                                     f"cannot be known; {RESAVE}")
        seen.add(folded)


class _Reading(NamedTuple):
    """What an XML part says, once parsed: the elements the package's structure is made of."""

    fault: PackageFault | None
    # (Extension or PartName, ContentType) of [Content_Types].xml's Default and Override.
    defaults: tuple[tuple[str, str], ...] = ()
    overrides: tuple[tuple[str, str], ...] = ()
    # (Id, Target, TargetMode) of a .rels part's relationships.
    relationships: tuple[tuple[str, str, str], ...] = ()
    # The targets of its officeDocument relationships: the package's main document.
    main: tuple[str, ...] = ()


class _Doctype(Exception):
    """A part that declares a DTD."""


class PartText(NamedTuple):
    """An XML part's text, and how it is stored: its byte order mark and its encoding."""

    mark: bytes  # the byte order mark it starts with, if any
    codec: str  # utf-8, utf-16-le or utf-16-be
    text: str  # without the mark

    def encode(self, text: str) -> bytes:
        """``text`` stored as this part is."""
        return self.mark + text.encode(self.codec)


def part_text(content: bytes) -> PartText:
    """The text of an XML part, in UTF-8 or, after its byte order mark, UTF-16: the encodings of
    a Word package (Word writes UTF-8, and reads both). Raises UnicodeDecodeError for bytes that
    are not text in that encoding."""
    for mark, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                        (codecs.BOM_UTF16_BE, "utf-16-be")):
        if content.startswith(mark):
            return PartText(mark, codec, content[len(mark):].decode(codec))
    return PartText(b"", "utf-8", content.decode("utf-8"))


def _read(name: str, content: bytes) -> _Reading:
    """One XML part checked: UTF-8 or UTF-16, well-formed, no DTD; its structure's elements
    kept."""
    if not content.strip():
        return _Reading(PackageFault(name, f"its part {name} is empty, where Word writes XML, "
                                           f"{_UNOPENABLE}; {RESAVE}"))
    try:
        text = part_text(content)
    except UnicodeDecodeError as exc:
        return _Reading(PackageFault(
            name, f"its part {name} is not text in UTF-8 (byte {exc.start:,} is 0x"
                  f"{exc.object[exc.start]:02X}), the encoding Word and LibreOffice write, "
                  f"{_UNOPENABLE}; {RESAVE}"))
    declared = _DECLARED.match(text.text)
    if "\0" in text.text[:2] or (
            declared and declared.group(1).lower().replace("_", "-") not in _UNICODE):
        # Another encoding, or UTF-16 without the mark that says so: Word reads neither.
        what = f"declares the encoding {declared.group(1)}" if declared else \
            "is in UTF-16 without the byte order mark that says so"
        return _Reading(PackageFault(
            name, f"its part {name} {what}, where a Word package holds XML in UTF-8 or UTF-16 "
                  f"only, {_UNOPENABLE}; {RESAVE}"))
    defaults: list[tuple[str, str]] = []
    overrides: list[tuple[str, str]] = []
    relationships: list[tuple[str, str, str]] = []
    main: list[str] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition(" ")
        if namespace == _TYPES_NS and local == "Default":
            defaults.append((attributes.get("Extension", ""), attributes.get("ContentType", "")))
        elif namespace == _TYPES_NS and local == "Override":
            overrides.append((attributes.get("PartName", ""), attributes.get("ContentType", "")))
        elif namespace == _RELATIONSHIPS_NS and local == "Relationship":
            relationships.append((attributes.get("Id", ""), attributes.get("Target", ""),
                                  attributes.get("TargetMode", "")))
            if attributes.get("Type", "").endswith("/officeDocument"):
                main.append(attributes.get("Target", ""))

    def doctype(*declaration: object) -> None:
        raise _Doctype

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = doctype
    structural = name == _CONTENT_TYPES or name.lower().endswith(".rels")
    if structural:  # the others are only checked, at expat's speed
        parser.StartElementHandler = start
    try:
        parser.Parse(content, True)
    except _Doctype:
        return _Reading(PackageFault(
            name, f"its part {name} declares a DTD (<!DOCTYPE ...>), which Word never writes and "
                  "refuses to open: its entities could read other files or expand without end; "
                  f"{RESAVE}"))
    except expat.ExpatError as exc:
        return _Reading(PackageFault(
            name, f"its part {name} is not well-formed XML (line {exc.lineno}, column "
                  f"{exc.offset + 1}: {expat.ErrorString(exc.code)}), {_UNOPENABLE}; {RESAVE}"))
    version = _VERSION.match(text.text)
    if version and version.group(1) != "1.0":
        return _Reading(PackageFault(
            name, f"its part {name} declares XML version {version.group(1)}, where Word writes "
                  f"1.0 and its readers take no other, {_UNOPENABLE}; {RESAVE}"))
    if len(content) > _LXML_CHECKED_FROM:
        fault = _beyond_lxml(name, content)
        if fault is not None:
            return _Reading(fault)
    return _Reading(None, tuple(defaults), tuple(overrides), tuple(relationships), tuple(main))


# python-docx reads parts with lxml, whose parser (libxml2) refuses a name longer than 50,000
# characters and a text longer than 10,000,000 bytes, where expat takes both. Only a part that
# large can hold either, so only those are read a second time, as python-docx will.
_LXML_CHECKED_FROM: Final = 50_000


def _beyond_lxml(name: str, content: bytes) -> PackageFault | None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        return PackageFault(name, f"its part {name} holds more than Word's readers take "
                                  f"({exc.msg}), {_UNOPENABLE}; {RESAVE}")
    return None


def _types(names: Sequence[str], readings: Mapping[str, _Reading]) -> Iterator[PackageFault]:
    """Each part that [Content_Types].xml gives no type: Word will not read it."""
    listed = next((name for name in readings if name.lower() == _CONTENT_TYPES.lower()), None)
    if listed is None:
        yield PackageFault(_CONTENT_TYPES, f"the package lacks its {_CONTENT_TYPES}, which says "
                                           f"what each part holds, {_UNOPENABLE}; {RESAVE}")
        return
    types = readings[listed]
    if types.fault is not None:
        return  # said already; what it would say of the parts cannot be known
    defaults = {extension.lower() for extension, kind in types.defaults if kind}
    overrides = {part.lstrip("/").lower() for part, kind in types.overrides if kind}
    for name in dict.fromkeys(names):
        if name == listed:
            continue
        base = name.rsplit("/", 1)[-1]
        extension = base.rsplit(".", 1)[-1].lower() if "." in base else None
        if name.lower() not in overrides and unquote(name).lower() not in overrides and (
                extension is None or extension not in defaults):
            yield PackageFault(name, f"{_CONTENT_TYPES} gives the part {name} no content type, "
                                     f"{_UNOPENABLE}; {RESAVE}")


def _main_type(readings: Mapping[str, _Reading]) -> Iterator[PackageFault]:
    """The main document, if [Content_Types].xml gives it a type other than a Word document's:
    Word and python-docx then refuse the package as no Word file."""
    package = readings.get(_PACKAGE_RELATIONSHIPS)
    types = next((r for n, r in readings.items() if n.lower() == _CONTENT_TYPES.lower()), None)
    if package is None or types is None or package.fault is not None or types.fault is not None:
        return
    if not package.main:
        yield PackageFault(_PACKAGE_RELATIONSHIPS, f"the package's {_PACKAGE_RELATIONSHIPS} names "
                                                   f"no main document, {_UNOPENABLE}; {RESAVE}")
        return
    overrides = {part.lstrip("/").lower(): kind for part, kind in types.overrides}
    defaults = {extension.lower(): kind for extension, kind in types.defaults}
    for target in package.main:
        name = target.lstrip("/")
        kind = overrides.get(name.lower()) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")
        if kind and kind not in _DOCUMENT_MAIN:
            yield PackageFault(_CONTENT_TYPES, f"{_CONTENT_TYPES} gives the document {name} the "
                                               f"type {kind}, not a Word document's, "
                                               f"{_UNOPENABLE}; {RESAVE}")


def _dangling(rels: str, reading: _Reading, names: set[str]) -> Iterator[PackageFault]:
    """Each relationship of a .rels part that points at a part the package does not hold."""
    if not rels.lower().endswith(".rels") or reading.fault is not None:
        return
    folder, _, base = rels.rpartition("/")
    source_folder = folder.removesuffix("_rels").rstrip("/")
    source = f"{source_folder}/{base.removesuffix('.rels')}".lstrip("/")
    for ident, target, mode in reading.relationships:
        if mode.lower() == "external" or _OUTSIDE.match(target):
            continue  # an address: the active-content checks judge those
        path = target.split("#", 1)[0]
        if not path and "#" in target:
            continue  # a place inside its own part
        if not path:
            yield PackageFault(rels, f"the relationship {ident} of {source or 'the package'} "
                                     f"points at nothing (an empty target), {_UNOPENABLE}; "
                                     f"{RESAVE}")
            continue
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(source_folder, path)
        resolved = posixpath.normpath(joined)
        if resolved.startswith("../") or resolved == "..":
            yield PackageFault(rels, f"the relationship {ident} of {source or 'the package'} "
                                     f"points at {target!r}, outside the package; {RESAVE}")
        elif resolved not in names and unquote(resolved) not in names:
            # Names are compared as written: python-docx, and other readers, look a part up by
            # its exact name, so word/styles.XML is not the word/styles.xml a link asks for.
            folded = {name.lower(): name for name in names}
            held = folded.get(resolved.lower()) or folded.get(unquote(resolved).lower())
            what = (f"which the package holds as {held} (the capitals differ)" if held else
                    "which is not in the package")
            yield PackageFault(rels, f"the relationship {ident} of {source or 'the package'} "
                                     f"points at {resolved}, {what}, {_UNOPENABLE}; {RESAVE}")

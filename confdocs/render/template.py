"""A Word template, read, patched and compiled once, then rendered as many times as needed.

Rendering follows docxtpl's own steps (its tag clean-up, its handling of line breaks and tables), but
only on the parts that hold template tags: the body, headers, footers and footnotes. Every other part
of the package is compressed once, here, and copied unchanged into each document.

A template that adds parts to the package (links, pictures, other documents: see ``extras``) is
rendered by docxtpl itself, document by document, and then packed as every other document is.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import io
import re
import xml.parsers.expat as expat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, TracebackType
from typing import Any, NamedTuple

import markupsafe
from jinja2 import Template

from ..engagement.source import INVALID_XML_CHARS
from ..errors import InputError, TemplateError
from . import cache, limits
from .environment import environment
from .integrity import part_text, refuse_damaged
from .language import LANGUAGE_PARTS, retag, retag_bytes
from .limits import RenderTimeout, read_package, read_template, time_limit
from .package import Entry, compress_static, entry, pack, package
from .parts import TEMPLATED, Prepared, part_label, unescape_tags
from .structure import always_well_formed

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# A tab, line break or page break inside a text run (values may hold them; whitespace between
# elements does not count).
_LISTING = re.compile("<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")
_CORE = "docProps/core.xml"
_DOCPR_ID = re.compile(rb"<wp:docPr [^>]*?\bid=\"(\d+)\"")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class DocumentProperties:
    """What the document's core properties say; taken from the engagement, never the clock."""

    title: str
    subject: str
    author: str
    identifier: str
    language: str
    date: str  # YYYY-MM-DD

    def xml(self) -> bytes:
        stamp = f"{self.date}T00:00:00Z"
        return (
            _XML_DECLARATION
            + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
            'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_escape(self.title)}</dc:title>"
            f"<dc:subject>{_escape(self.subject)}</dc:subject>"
            f"<dc:creator>{_escape(self.author)}</dc:creator>"
            f"<cp:lastModifiedBy>{_escape(self.author)}</cp:lastModifiedBy>"
            f"<dc:identifier>{_escape(self.identifier)}</dc:identifier>"
            f"<dc:language>{_escape(self.language)}</dc:language>"
            "<cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>"
        ).encode("utf-8")


class CompiledPart(NamedTuple):
    """One part that holds template tags, compiled: what the cache keeps of it (as a dict of these
    fields, for ``marshal``), and what rendering is set up from."""

    name: str  # the part's name in the package, such as word/document.xml
    code: CodeType  # the Jinja template of ``fast_source``, compiled to Python bytecode
    source: str  # the template line by line, to name the place of an error (Prepared.source)
    line_places: list[str]  # the place of each line of ``source``
    fast_source: str  # the template as rendering reads it, on one line
    dynamic_cells: bool  # it adds or removes table cells: mend the grids, as docxtpl does
    fix_ids: bool  # it holds drawings, whose ids are numbered on from part to part
    braces: bool  # it writes literal braces as {_{ ... }_}
    check_xml: bool  # no proof that every rendering is well-formed: check each document


@dataclass(frozen=True)
class _Part:
    name: str
    template: Template
    prepared: Prepared
    fix_tables: bool  # the part adds or removes table cells: mend the grids, as docxtpl does
    fix_ids: bool
    braces: bool  # the template writes literal braces as {_{ ... }_}
    check_xml: bool  # no proof that every rendering is well-formed: check each document
    # No proof that only escaped values can put in a character XML forbids (they are checked as
    # they are escaped): each rendering is searched for one, whole.
    scan_characters: bool = True


# A part this large may hold a text longer than libxml2, and so python-docx and LibreOffice's
# importers, take (10,000,000 bytes): such a part is read once more, as they will read it.
_LXML_TEXT_LIMIT = 10_000_000


def _refuse_beyond_lxml(template: str, part: str, content: bytes) -> None:
    from lxml import etree

    try:
        etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise TemplateError(
            f"{template}, {part_label(part)}: the document made holds a text longer than Word's "
            f"readers take ({exc.msg}); a value or a loop of the template puts in millions of "
            "characters at one place: run confdocs templates check") from exc


class CompiledTemplate:
    """One .docx template, ready to render many documents."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            raw = read_template(path)
        except OSError as exc:
            raise TemplateError(f"{path}: not a readable Word document (.docx): "
                                f"{exc.strerror or exc}") from exc
        self.sha256 = hashlib.sha256(raw).hexdigest()
        payload = cache.load(self.sha256)
        restored = False
        if payload is not None:
            try:
                self._restore(payload)
                restored = True
            except (KeyError, TypeError, ValueError, IndexError):
                pass  # an entry from elsewhere, or damaged: compile again
        if not restored:
            payload = self._compile_package(raw)
            self._restore(payload)
            cache.store(self.sha256, payload)
        # docxtpl's path reads the template for every document; the fast path never does.
        self._raw: bytes | None = None
        if self.extras:
            from .sanitize import sanitized_package

            self._raw = sanitized_package(raw)

    def _restore(self, payload: dict[str, Any]) -> None:
        """Set this template up from its compiled form (fresh, or from the cache)."""
        env = environment()
        self._order: list[str] = list(payload["order"])
        # The link(), image() and subdoc() the template uses, if any.
        self.extras: tuple[str, ...] = tuple(payload["extras"])
        self._static: dict[str, Entry] = {
            name: entry(name, data, crc, size) for name, data, crc, size in payload["static"]}
        self._parts: dict[str, _Part] = {}
        for stored in payload["parts"]:
            part = CompiledPart(**stored)
            template = env.template_class.from_code(env, part.code, env.make_globals(None), None)
            checked = _speed_up_escaping(template)
            prepared = Prepared(part.source, tuple(part.line_places), part.fast_source,
                                dynamic_cells=part.dynamic_cells)
            self._parts[part.name] = _Part(
                part.name, template, prepared, part.dynamic_cells, part.fix_ids, part.braces,
                part.check_xml, not checked or _may_print_unchecked(part.source, template))
        if set(self._order) != set(self._static) | set(self._parts):
            raise ValueError("an incomplete compiled template")
        self._first_picture_id: int = payload["first_picture_id"]
        self._language_parts = frozenset(name for name in self._order
                                         if LANGUAGE_PARTS.match(name))
        self._tagged: dict[tuple[str, str], Entry] = {}
        self._retag: dict[tuple[str, str], bool] = {}

    def _compile_package(self, raw: bytes) -> dict[str, Any]:
        """The template compiled, as plain data that ``marshal`` can keep."""
        from lxml import etree

        from .sanitize import sanitize

        contents = read_package(self.path, raw)
        names = list(contents)
        if "word/document.xml" not in contents:
            raise TemplateError(f"{self.path}: not a Word document (it has no word/document.xml)")
        # The parts without tags are copied into every document as they are: a damaged one, or
        # a relationship to a part not there, would make every document one no one can open.
        refuse_damaged(self.path, raw, sha256=self.sha256, contents=contents)
        try:  # comments and Track Changes' recording never reach a document
            contents = sanitize(contents, section_breaks=False)  # prepare() keeps the breaks
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{self.name}: a part is not well-formed XML: {exc}") from exc
        order = [name for name in names if not name.endswith("/") and name in contents]
        static = []
        parts: list[CompiledPart] = []
        # Pictures in parts without tags keep their ids; those rendered are numbered after them.
        first_picture_id = max([1000, *(
            int(number) for name in order if name.startswith("word/") and not TEMPLATED.match(name)
            for number in _DOCPR_ID.findall(contents[name]))])
        for name in order:
            part = self._compile(name, contents[name]) if TEMPLATED.match(name) else None
            if part is not None:
                parts.append(part)
            else:  # core.xml too: it stays the template's own unless properties replace it
                packed = compress_static(name, contents[name])
                static.append((name, packed.data, packed.crc, packed.size))
        from jinja2 import nodes

        from .extras import NAMES

        used = {node.name for part in parts
                for node in environment().parse(part.source).find_all(nodes.Name)}
        extras = [name for name in NAMES if name in used]
        return {"order": order, "static": static, "parts": [part._asdict() for part in parts],
                "extras": extras, "first_picture_id": first_picture_id}

    def fingerprint(self) -> str:
        """What the manifest records as this template's sha256: its own bytes', or, when it puts
        in pictures or documents from its folder, that of its bytes and every file in its folder
        as they are now (a new logo is a new template)."""
        from .extras import READS_FILES

        if not any(name in READS_FILES for name in self.extras):
            return self.sha256
        digest = hashlib.sha256(self.sha256.encode())
        for path in sorted(self.path.parent.iterdir()):
            if path.is_file() and not path.name.startswith(".") and path != self.path:
                digest.update(b"\0" + path.name.encode() + b"\0")
                try:
                    content = read_template(path)
                except OSError as exc:  # a pipe or a huge file: image() refuses it, by name
                    content = f"unreadable: {exc.strerror}".encode()
                digest.update(hashlib.sha256(content).digest())
        return digest.hexdigest()

    def _compile(self, name: str, content: bytes) -> CompiledPart | None:
        from jinja2.exceptions import TemplateSyntaxError
        from lxml import etree

        from .places import prepare

        try:
            root = etree.fromstring(content)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{self.name}: {name} is not well-formed XML: {exc}") from exc
        prepared = prepare(name, root)
        if prepared is None:
            return None
        try:
            code = environment().compile(prepared.fast_source)
        except TemplateSyntaxError:
            try:  # again, line by line, to find the paragraph at fault
                environment().from_string(prepared.source)
            except TemplateSyntaxError as exc:
                raise TemplateError(
                    self._place(name, prepared, exc.lineno, exc.message or "")) from exc
            raise
        xml = prepared.fast_source
        return CompiledPart(
            name=name, code=code, source=prepared.source,
            line_places=list(prepared.line_places), fast_source=xml,
            dynamic_cells=prepared.dynamic_cells, fix_ids="wp:docPr" in xml,
            braces="{_" in xml or "_}" in xml, check_xml=not always_well_formed(xml))

    def _place(self, part: str, prepared: Prepared, line: int | None, message: str) -> str:
        where = prepared.place_of_line(line) or part_label(part)
        return f"{self.name}, {where}: {message}"

    def render(self, context: Mapping[str, Any], properties: DocumentProperties | None = None,
               *, seconds: float | None = None, language: str | None = None) -> bytes:
        """The rendered document's bytes, tagged as written in ``language`` (a locale; by
        default the template's own tags stay). Raises TemplateError naming the place on any
        failure, and when rendering takes longer than ``seconds`` (by default
        MAX_RENDER_SECONDS) or makes too large a document (see ``limits``)."""
        limit = seconds or limits.MAX_RENDER_SECONDS
        try:
            with time_limit(limit):
                document = self._render_bounded(context, properties, language)
        except RenderTimeout:
            raise TemplateError(
                f"{self.name}: rendering took longer than {limit:g} s, so it was stopped; a loop "
                "in the template may never end: run confdocs templates check and look at its "
                "loops") from None
        if len(document) > limits.MAX_DOCUMENT_BYTES:
            raise TemplateError(
                f"{self.name}: the document would be {len(document) // (1024 * 1024)} MiB, more "
                f"than the {limits.MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB allowed; the template "
                "repeats too much")
        return document

    def _render_bounded(self, context: Mapping[str, Any],
                        properties: DocumentProperties | None, language: str | None) -> bytes:
        if self._raw is not None:
            return self._render_with_docxtpl(context, properties, language)
        rendered: dict[str, Entry] = {}
        # Picture ids are numbered on from one part to the next, as docxtpl does: a logo in a
        # header and a picture in the body must not share an id.
        ids = [self._first_picture_id]
        for name, part in self._parts.items():
            rendered[name] = pack(name, self._render_part(part, context, ids, language))
        if properties is not None:
            rendered[_CORE] = pack(_CORE, properties.xml())
        if language is not None:
            for name in self._language_parts:
                if name not in rendered and self._needs_retag(name, language):
                    rendered[name] = self._static_in(name, language)
        return package([rendered.get(name) or self._static[name] for name in self._order])

    def _needs_retag(self, name: str, language: str) -> bool:
        """Whether a part tags text in another language than ``language`` (worked out once per
        part and language: the shipped en-GB body needs nothing for an en-GB engagement, and
        values never add tags)."""
        key = (name, language)
        if key not in self._retag:
            import zlib

            part = self._parts.get(name)
            try:
                text = (part.prepared.source if part is not None else
                        part_text(zlib.decompress(self._static[name].data, -15)).text)
            except UnicodeDecodeError as exc:
                # Refused when the template is compiled (render.integrity); kept, should a part
                # ever get here: the documents that need it fail with this, never the whole run.
                raise TemplateError(f"{self.path}: its part {name} is not text in UTF-8 ({exc}); "
                                    "open the template in Word, save it, and try again") from None
            self._retag[key] = retag(text, language) != text
        return self._retag[key]

    def _static_in(self, name: str, language: str) -> Entry:
        """A part that never changes, tagged in ``language`` (made once per language)."""
        key = (name, language)
        if key not in self._tagged:
            import zlib

            stored = self._static[name]
            raw = zlib.decompress(stored.data, -15)  # static parts are always deflated
            self._tagged[key] = compress_static(name, retag_bytes(raw, language))
        return self._tagged[key]

    def _render_part(self, part: _Part, context: Mapping[str, Any], ids: list[int],
                     language: str | None = None) -> bytes:
        try:
            xml: str = _bounded_render(part.template, context)
        except ForbiddenCharacter as exc:
            raise _forbidden(self.name, part.name, exc.character) from None
        except PartTooLarge:
            raise TemplateError(
                f"{self.name}, {part_label(part.name)}: the document would hold more than "
                f"{limits.MAX_PART_CHARACTERS // (1024 * 1024)} million characters, so rendering "
                "was stopped; the template repeats too much: run confdocs templates check and "
                "look at its loops") from None
        except Exception as exc:  # any failure inside a template is the template's to explain
            _, line = _failing_line(part, context)
            detail = str(exc) or type(exc).__name__
            where = part.prepared.place_of_line(line) or part_label(part.name)
            raise TemplateError(f"{self.name}, {where}: {detail}", place=where,
                                detail=detail) from exc
        if part.braces:  # docxtpl's way of writing a literal {{ in a template
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace(
                "%_}", "%}")
        if ("\t" in xml or "\n" in xml or "\a" in xml or "\f" in xml) and _LISTING.search(xml):
            # docxtpl turns tabs, line breaks and page breaks in values into Word's own marks.
            # It changes nothing in a document without them, and costs a scan of every run,
            # so it runs only when there is something to turn.
            xml = _patcher().resolve_listing(xml)
        if part.fix_tables or part.fix_ids:
            from lxml import etree

            patcher = _patcher()
            tree = patcher.fix_tables(xml) if part.fix_tables else etree.fromstring(xml)
            if part.fix_ids:
                patcher.docx_ids_index = ids[0]
                patcher.fix_docpr_ids(tree)
                ids[0] = patcher.docx_ids_index
            xml = etree.tostring(tree, encoding="unicode")
        if part.scan_characters:
            _refuse_invalid_characters(self.name, part.name, xml)
        if (language is not None and part.name in self._language_parts
                and self._needs_retag(part.name, language)):
            xml = retag(xml, language)
        content = (_XML_DECLARATION + xml).encode("utf-8")
        if len(content) > _LXML_TEXT_LIMIT:
            _refuse_beyond_lxml(self.name, part.name, content)
        if not part.check_xml:
            return content
        try:
            # Values cannot break the XML (they are escaped); a misplaced {%p %} or {%tr %} tag
            # can. Expat checks well-formedness at half lxml's cost, building no tree.
            checker = expat.ParserCreate()
            checker.Parse(content, True)
        except expat.ExpatError as exc:
            raise TemplateError(
                f"{self.name}, {part_label(part.name)}: the template produced broken Word XML "
                f"({expat.ErrorString(exc.code)}); a {{%p %}}, {{%tr %}} or {{%tc %}} tag is "
                "probably misplaced: run confdocs templates check") from exc
        return content

    def _render_with_docxtpl(self, context: Mapping[str, Any],
                             properties: DocumentProperties | None,
                             language: str | None = None) -> bytes:
        """docxtpl's own render, for a template that adds parts to the package."""
        import zipfile

        from docxtpl import DocxTemplate

        from .extras import bind

        tpl = DocxTemplate(io.BytesIO(self._raw or b""))
        values = dict(context)
        values.update(bind(tpl, self.path.parent))
        try:
            tpl.render(values, jinja_env=_docxtpl_environment())
            made = io.BytesIO()
            tpl.save(made)
        except Exception as exc:  # any failure inside a template is the template's to explain
            where, detail = self._explain_any(context, exc)
            if where is None:
                raise TemplateError(f"{self.name}: {detail}", detail=detail) from exc
            raise TemplateError(f"{self.name}, {where}: {detail}", place=where,
                                detail=detail) from exc
        # Packed as every document is: fixed dates and order (docxtpl stamps the time), and the
        # core properties from the engagement.
        entries = []
        with zipfile.ZipFile(made) as archive:
            for info in archive.infolist():
                content = archive.read(info)
                if info.filename == _CORE and properties is not None:
                    content = properties.xml()
                elif language is not None and LANGUAGE_PARTS.match(info.filename):
                    content = retag_bytes(content, language)
                entries.append(pack(info.filename, content))
            if properties is not None and _CORE not in archive.namelist():
                entries.append(pack(_CORE, properties.xml()))
        # python-docx's objects refer to each other in circles, which only the cycle collector
        # frees, and it runs too seldom: a worker grew by 1 MiB a document, to 190 MiB in 150
        # documents. Collecting now keeps it flat, for 7 ms on docxtpl's 65.
        del tpl, values, made
        gc.collect()
        return package(entries)

    def _explain_any(self, context: Mapping[str, Any],
                     error: Exception) -> tuple[str | None, str]:
        """Where a docxtpl render failed (the place of the first part whose line-by-line
        template fails too, with link(), image() and subdoc() checking their arguments only;
        None when none does), and what failed."""
        from .extras import bind

        values = dict(context)
        values.update(bind(None, self.path.parent))
        detail = str(error) or type(error).__name__
        for part in self._parts.values():
            failed, line = _failing_line(part, values)
            if failed:
                return part.prepared.place_of_line(line) or part_label(part.name), detail
        return None, detail


class PartTooLarge(Exception):
    """A part whose rendering grew past MAX_PART_CHARACTERS."""


# Pieces counted between two checks of the size: one piece may be long (a value printed), so they
# are counted before any is joined, and the text held at any time stays within the limit.
_PIECES = 64


def _bounded_render(template: Template, context: Mapping[str, Any]) -> str:
    """``template.render(context)``, stopped (PartTooLarge) as soon as the text grows past
    MAX_PART_CHARACTERS, so that a runaway template fails before it takes the machine's memory,
    not after."""
    from itertools import islice

    pieces = template.root_render_func(template.new_context(dict(context)))
    kept: list[str] = []
    size = 0
    while True:
        batch = list(islice(pieces, _PIECES))
        if not batch:
            break
        size += sum(map(len, batch))
        if size > limits.MAX_PART_CHARACTERS:
            raise PartTooLarge
        kept.extend(batch)
    return "".join(kept)


def _refuse_invalid_characters(template: str, part: str, xml: str) -> None:
    """A character XML 1.0 forbids makes a package Word and LibreOffice refuse to open. Validation
    keeps them out of engagements; a part that cannot be proven to print them only through
    escaped values (whose check is :func:`_escape_output`'s) is searched whole."""
    bad = INVALID_XML_CHARS.search(xml)
    if bad:
        raise _forbidden(template, part, bad.group())


def _forbidden(template: str, part: str, character: str) -> TemplateError:
    return TemplateError(
        f"{template}, {part_label(part)}: a value holds the character U+{ord(character):04X}, "
        "which a Word document cannot contain; the document was not written")


class ForbiddenCharacter(Exception):
    """A value printed holds a character XML 1.0 forbids (found as it is escaped)."""

    def __init__(self, character: str) -> None:
        super().__init__(f"U+{ord(character):04X}")
        self.character = character


# Where a template's text could hold a character no check of escaped values sees: a Jinja
# string with a backslash escape ("\x01") or a block whose output is not escaped value by value.
_UNCHECKED_SOURCE = re.compile(r"\{[{%][^}]*\\|\{%-?\s*(?:filter|autoescape)\b")


def _may_print_unchecked(source: str, template: Template) -> bool:
    """Whether a part might print a character XML forbids other than through a value that
    :func:`_escape_output` checks: proven not, once, at compile time, when its text holds none,
    no string of its compiled code holds one (its static text, and whatever Jinja worked out
    while compiling), and no tag writes one by an escape or prints a block unescaped."""
    if INVALID_XML_CHARS.search(source) or _UNCHECKED_SOURCE.search(source):
        return True
    pending = [template.root_render_func.__code__, *(
        block.__code__ for block in template.blocks.values())]
    while pending:
        code = pending.pop()
        for constant in code.co_consts:
            if isinstance(constant, str) and INVALID_XML_CHARS.search(constant):
                return True
            if isinstance(constant, CodeType):
                pending.append(constant)
    return False


def _failing_line(part: _Part, context: Mapping[str, Any]) -> tuple[bool, int | None]:
    """Whether the part's line-by-line template fails with ``context``, and on which line: the
    fast template is one line, so a failure is rendered again with the line-by-line one (made
    only now, as errors are rare) to find the place."""
    try:
        environment().from_string(part.prepared.source).render(context)
    except Exception as again:
        return True, _template_line(again.__traceback__)
    return False, None


@functools.cache
def _docxtpl_environment() -> Any:
    """The shared environment, for docxtpl's path, but compiling each source once per process.

    docxtpl compiles every part, and each core property, again for every document: nine Jinja
    compilations a contract, half its time. The sources are the same for every document of a
    template, so each is compiled once (at most a few hundred kept: a handful per template)."""
    env = environment().overlay()
    compile_source = env.from_string
    compiled: dict[str, Template] = {}

    def from_string(source: str, *args: Any, **kwargs: Any) -> Template:
        if args or kwargs or not isinstance(source, str):
            return compile_source(source, *args, **kwargs)
        source = unescape_tags(source)  # "A &amp; B" typed in a tag is "A & B", as in docxtpl
        template = compiled.get(source)
        if template is None:
            if len(compiled) >= 256:
                compiled.clear()
            template = compiled[source] = compile_source(source)
        return template

    env.from_string = from_string  # type: ignore[method-assign,assignment]
    return env


def _escape_output(value: Any) -> Any:
    """What autoescaping does to a value printed into the document: markupsafe's escape, but a
    plain string is escaped without wrapping the result in Markup (a printed value is only ever
    joined into the part's XML). The same text as markupsafe's, at a third of the cost; a part
    prints some hundred values."""
    if isinstance(value, str):
        # Every value a part prints passes here: checked for characters XML forbids, so that
        # the rendered part need not be searched whole (_may_print_unchecked says when it must).
        if not (value.isascii() and value.isprintable()):  # printable ASCII holds none
            bad = _FORBIDDEN_SEARCH(value)
            if bad:
                raise ForbiddenCharacter(bad.group())
        if value.__class__ is str:
            return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("'", "&#39;").replace('"', "&#34;"))
    return markupsafe.escape(value)


_FORBIDDEN_SEARCH = INVALID_XML_CHARS.search


def _speed_up_escaping(template: Template) -> bool:
    """Have the template escape (and check) its printed values with :func:`_escape_output`;
    whether it does."""
    namespace = template.root_render_func.__globals__
    if namespace.get("escape") is markupsafe.escape:
        namespace["escape"] = _escape_output
    return namespace.get("escape") is _escape_output


def _patcher() -> Any:
    """docxtpl's mending, needed only by a document that holds line breaks or tabs, or a template
    that mends tables or drawings: imported only then."""
    from .places import docxtpl_patcher

    return docxtpl_patcher()


def _template_line(tb: TracebackType | None) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_cache: dict[tuple[str, int, int], CompiledTemplate] = {}


def load_template(path: Path) -> CompiledTemplate:
    """The compiled template at ``path``, compiled at most once per process (per file version)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(f"{path}: the template cannot be read ({exc.strerror or exc})") from exc
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        _cache[key] = CompiledTemplate(path)
    return _cache[key]

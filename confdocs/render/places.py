"""Where things are in a Word template, said the way its editor sees them.

Every paragraph of the parts that can hold tags gets a place: "body paragraph 12", "table 2, row 3,
cell 1", "header", "footer", "footnote 2", each with the start of its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import TemplateError
from .limits import read_package, read_template
from .parts import TEMPLATED, Prepared, part_kind, unescape_tags

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a template: its place, its text, its XML element and its part."""

    part: str
    place: str
    text: str
    element: etree._Element
    number: int  # in document order within its part, counting every paragraph (as the renderer)
    # A text box is stored twice (DrawingML, and VML for older readers): the second copy of each
    # of its paragraphs has the place of the first, and is checked only once, as the first.
    copy: bool = False


def paragraph_text(element: etree._Element) -> str:
    """The paragraph's own text as the editor sees it (tabs included, so that it can be pasted
    into Find), without the text of a text box anchored in it, which has paragraphs of its own."""
    pieces = []
    nested = element.find(f".//{W}txbxContent") is not None
    for node in element.iter(f"{W}t", f"{W}tab"):
        if nested and next(node.iterancestors(f"{W}p")) is not element:
            continue
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif (parent := node.getparent()) is not None and parent.tag == f"{W}r":
            pieces.append("\t")  # a tab typed in the text (not a tab stop in the paragraph's style)
    return "".join(pieces)


def describe(place: str, text: str) -> str:
    shown = text.strip()
    shown = shown[:40] + ("..." if len(shown) > 40 else "")
    return f'{place} ("{shown}")' if shown else place


def read_parts(path: Path) -> dict[str, etree._Element]:
    """The parsed XML of every part that can hold template tags, in package order."""
    try:
        package = read_template(path)
    except OSError as exc:
        raise TemplateError(f"{path}: not a readable Word document (.docx): "
                            f"{exc.strerror or exc}") from exc
    # Every part is inflated, within the bound, as the build does: a part that inflates past it
    # is refused by both alike.
    raw = read_package(path, package, lambda name: TEMPLATED.match(name) is not None)
    if "word/document.xml" not in raw:
        raise TemplateError(f"{path}: not a Word document (it has no word/document.xml)")
    parts = {}
    for name, content in raw.items():
        try:
            parts[name] = etree.fromstring(content)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{path}: {name} is not well-formed XML: {exc}") from exc
    return parts


def _original(element: etree._Element) -> etree._Element | None:
    """For a paragraph or table in a text box's second copy (mc:Fallback), the same one in the
    first copy (mc:Choice); None for any other."""
    fallback = next(element.iterancestors(f"{MC}Fallback"), None)
    if fallback is None:
        return None
    alternate = fallback.getparent()
    choice = alternate.find(f"{MC}Choice") if alternate is not None else None
    if choice is None:
        return None
    copies = list(fallback.iter(element.tag))
    originals = list(choice.iter(element.tag))
    index = copies.index(element)
    return originals[index] if index < len(originals) else None


def paragraphs(part: str, root: etree._Element) -> Iterator[Paragraph]:
    kind = part_kind(part)
    if kind == "document":
        yield from _body_paragraphs(part, root)
        return
    label = {"header": "header", "footer": "footer"}.get(kind)
    notes: dict[etree._Element, int] = {}  # footnotes numbered as the editor sees them
    for number, element in enumerate(root.iter(f"{W}p"), start=1):
        if label is None:  # footnotes: say which note
            note = next(element.iterancestors(f"{W}footnote"), None)
            if note is None or note.get(f"{W}type") in _NOTE_SEPARATORS:
                place = "footnote separator"
            else:
                place = f"footnote {notes.setdefault(note, len(notes) + 1)}"
        else:
            place = label
        yield Paragraph(part, place, paragraph_text(element), element, number,
                        _original(element) is not None)


def _body_paragraphs(part: str, root: etree._Element) -> Iterator[Paragraph]:
    body = root.find(f"{W}body")
    if body is None:
        return
    top = 0
    tables = 0
    number = 0
    places: dict[etree._Element, str] = {}
    for element in root.iter(f"{W}p", f"{W}tbl"):
        original = _original(element)
        if element.tag == f"{W}tbl":
            if next(element.iterancestors(f"{W}tbl"), None) is None and original is None:
                tables += 1
            continue
        number += 1
        if original is not None and original in places:
            yield Paragraph(part, places[original], paragraph_text(element), element, number,
                            True)
            continue
        cell = next(element.iterancestors(f"{W}tc"), None)
        if cell is None:
            top += 1
            place = f"body paragraph {top}"
        else:
            row = cell.getparent()
            table = row.getparent() if row is not None else None
            rows = table.findall(f"{W}tr") if table is not None else []
            cells = row.findall(f"{W}tc") if row is not None else []
            place = (f"table {tables}, row {rows.index(row) + 1 if row in rows else '?'}, "
                     f"cell {cells.index(cell) + 1 if cell in cells else '?'}")
        places[element] = place
        yield Paragraph(part, place, paragraph_text(element), element, number)


_TAG = re.compile(r"\{[{%#]")
_DYNAMIC_CELLS = re.compile(r"\{[%{#]tc |\{%\s*(?:colspan|hm|vm)\b")
_MARK = "confdocs"
_MARK_PI = re.compile(r"<\?confdocs (\d+)\?>")


def prepare(part: str, root: etree._Element) -> Prepared | None:
    """Prepare one part for Jinja, or None if it holds no template tag."""
    clean = deepcopy(root)
    _drop_layout_whitespace(clean)
    place_of = {p.element: describe(p.place, p.text) for p in paragraphs(part, clean)}
    if part_kind(part) == "document":
        from .sanitize import keep_section_breaks

        # A paragraph made to hold a section break has the place of the tag paragraph it
        # came from: the places stay those the editor sees.
        for tag_paragraph, holder in keep_section_breaks(clean):
            place_of.setdefault(holder, place_of.get(tag_paragraph, ""))
    fast = unescape_tags(docxtpl_patcher().patch_xml(etree.tostring(clean, encoding="unicode")))
    if not _TAG.search(fast):
        return None
    described = {number: place_of.get(element, "")
                 for number, element in enumerate(clean.iter(f"{W}p"), start=1)}
    source, places = marked_source(clean, described)
    text = "".join(t.text or "" for t in clean.iter(f"{W}t"))
    return Prepared(source, places, fast, dynamic_cells=_DYNAMIC_CELLS.search(text) is not None)


def marked_source(root: etree._Element, described: dict[int, str]) -> tuple[str, tuple[str, ...]]:
    """The part's Jinja source with a line per paragraph, row and cell, and each line's place
    (``described`` gives the place of each paragraph by its number in document order)."""
    marked = deepcopy(root)
    numbers = {p: n for n, p in enumerate(marked.iter(f"{W}p"), start=1)}
    # A mark before each paragraph, and before each row and cell (which {%tr %} and {%tc %} take
    # out whole, with the marks inside them), that docxtpl's clean-up leaves alone: it folds a
    # {%p %} paragraph into its bare tag, and the tag must keep its paragraph's place.
    for element, number in numbers.items():
        for holder in (element, *_first_of(element)):
            holder.addprevious(etree.ProcessingInstruction(_MARK, str(number)))
    xml = unescape_tags(docxtpl_patcher().patch_xml(etree.tostring(marked, encoding="unicode")))
    pieces = _MARK_PI.split(xml)
    lines: list[str] = []
    places: list[str] = []
    place = ""
    for index, piece in enumerate(pieces):  # text, number, text, number, ..., text
        if index % 2:
            place = described.get(int(piece), "")
            continue
        piece_lines = piece.split("\n")
        lines.extend(piece_lines)
        places.extend([place] * len(piece_lines))
    return "\n".join(lines), tuple(places)


def _first_of(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The cell and row this paragraph opens, if it is the first in them."""
    cell = paragraph.getparent()
    if cell is None or cell.tag != f"{W}tc" or cell.find(f"{W}p") is not paragraph:
        return
    yield cell
    row = cell.getparent()
    if row is not None and row.tag == f"{W}tr" and row.find(f"{W}tc") is cell:
        yield row


# Elements whose text is the document's own; whitespace anywhere else is only the layout of the XML.
_TEXT_ELEMENTS = {f"{W}t", f"{W}instrText", f"{W}delText", f"{W}delInstrText"}


def _drop_layout_whitespace(root: etree._Element) -> None:
    """Remove the line breaks and indentation between elements. Word ignores them; without them a
    rendered part holds a line break or tab only where a value put one, which is cheap to test."""
    for element in root.iter():
        if element.tag not in _TEXT_ELEMENTS and element.text and not element.text.strip():
            element.text = None
        if element.tail and not element.tail.strip():
            element.tail = None


_DOCXTPL_PATCHER: Any = None


def docxtpl_patcher() -> Any:
    # docxtpl's clean-up methods use no instance state (but for a docPr counter); one instance,
    # never loaded with a document, lends them to us.
    global _DOCXTPL_PATCHER
    if _DOCXTPL_PATCHER is None:
        from docxtpl import DocxTemplate

        _DOCXTPL_PATCHER = DocxTemplate.__new__(DocxTemplate)
    return _DOCXTPL_PATCHER

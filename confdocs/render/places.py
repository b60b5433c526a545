"""Where things are in a Word template, said the way its editor sees them.

Every paragraph of the parts that can hold tags gets a place: "body paragraph 12", "table 2, row 3,
cell 1", "header", "footer", "footnote 2", each with the start of its text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import TemplateError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATED = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a template: its place, its text, its XML element and its part."""

    part: str
    place: str
    text: str
    element: etree._Element
    number: int  # in document order within its part, counting every paragraph (as the renderer)


def paragraph_text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def describe(place: str, text: str) -> str:
    shown = text.strip()
    shown = shown[:40] + ("..." if len(shown) > 40 else "")
    return f'{place} ("{shown}")' if shown else place


def read_parts(path: Path) -> dict[str, etree._Element]:
    """The parsed XML of every part that can hold template tags, in package order."""
    try:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            names = [n for n in archive.namelist() if TEMPLATED.match(n)]
            raw = {name: archive.read(name) for name in names}
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{path}: not a readable Word document (.docx): {exc}") from exc
    if "word/document.xml" not in raw:
        raise TemplateError(f"{path}: not a Word document (it has no word/document.xml)")
    parts = {}
    for name, content in raw.items():
        try:
            parts[name] = etree.fromstring(content)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{path}: {name} is not well-formed XML: {exc}") from exc
    return parts


def paragraphs(part: str, root: etree._Element) -> Iterator[Paragraph]:
    kind = part.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789")
    if kind == "document":
        yield from _body_paragraphs(part, root)
        return
    label = {"header": "header", "footer": "footer"}.get(kind)
    for number, element in enumerate(root.iter(f"{W}p"), start=1):
        if label is None:  # footnotes: say which note
            note = next(element.iterancestors(f"{W}footnote"), None)
            ident = note.get(f"{W}id") if note is not None else "?"
            place = f"footnote {ident}"
        else:
            place = label
        yield Paragraph(part, place, paragraph_text(element), element, number)


def _body_paragraphs(part: str, root: etree._Element) -> Iterator[Paragraph]:
    body = root.find(f"{W}body")
    if body is None:
        return
    top = 0
    tables = 0
    number = 0
    for element in root.iter(f"{W}p", f"{W}tbl"):
        if element.tag == f"{W}tbl":
            if next(element.iterancestors(f"{W}tbl"), None) is None:
                tables += 1
            continue
        number += 1
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
        yield Paragraph(part, place, paragraph_text(element), element, number)


@dataclass(frozen=True)
class Prepared:
    """A part's XML as Jinja source (docxtpl's clean-up done, one line per paragraph), and for
    each line the place of the paragraph it came from ("" before the first)."""

    source: str
    line_places: tuple[str, ...]
    # The template adds or removes table cells ({%tc %} loops, colspan, merges), so the table
    # grids must be mended after rendering, as docxtpl does.
    dynamic_cells: bool = False

    def place_of_line(self, line: int | None) -> str:
        if line is None or not 1 <= line <= len(self.line_places):
            return ""
        return self.line_places[line - 1]


_MARK = "confdocs-paragraph"
_MARK_ATTR = re.compile(r' confdocs-paragraph="(\d+)"')
_TAG = re.compile(r"\{[{%#]")
_DYNAMIC_CELLS = re.compile(r"\{[%{#]tc |\{%\s*(?:colspan|hm|vm)\b")


def prepare(part: str, root: etree._Element) -> Prepared | None:
    """Prepare one part for Jinja, or None if it holds no template tag."""
    described = {p.number: describe(p.place, p.text) for p in paragraphs(part, root)}
    marked = deepcopy(root)
    _drop_layout_whitespace(marked)
    # Mark each paragraph with its number before docxtpl's clean-up folds {%p %} paragraphs
    # away, so that a Jinja line can still be traced to the paragraph the editor sees.
    for number, paragraph in enumerate(marked.iter(f"{W}p"), start=1):
        paragraph.set(_MARK, str(number))
    xml = docxtpl_patcher().patch_xml(etree.tostring(marked, encoding="unicode"))
    if not _TAG.search(xml):
        return None
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).split("\n")
    places = []
    for line in lines:
        mark = _MARK_ATTR.search(line)
        places.append(described.get(int(mark.group(1)), "") if mark else "")
    text = "".join(t.text or "" for t in root.iter(f"{W}t"))
    return Prepared(_MARK_ATTR.sub("", "\n".join(lines)), tuple(places),
                    dynamic_cells=_DYNAMIC_CELLS.search(text) is not None)


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

"""What an editor leaves in a template that was never meant for a client, taken out before it is
compiled; and what docxtpl's clean-up would lose, kept.

- Comments are notes between editors: the comment parts, their relationships and content types, and
  the comment marks in the text are removed (`templates check` lists the comments as warnings).
- Track Changes left recording (``w:trackRevisions`` in the settings) would make every document open
  recording changes: the setting is removed (`templates check` warns).
- A section break is stored in the properties of the last paragraph of its section. When that
  paragraph is a ``{%p %}`` tag paragraph, docxtpl takes the paragraph, and the break with it, out of
  every document (a landscape page for the signatures turns every page landscape). The break is
  kept: moved into the paragraph just before an opening tag, or else into an empty paragraph of its
  own just outside the block.
- A table whose lines are borders of its cells (LibreOffice saves them so) may draw the line below
  a loop's last row, or above its first, only in a ``{%tr %}`` tag row, which every document loses.
  Where the repeated row already draws the lines between its copies, the border is carried onto it
  and the look is kept; elsewhere `templates check` warns.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# The parts that hold comments (and the people who wrote them and tracked changes).
COMMENT_PARTS = re.compile(
    r"^word/(comments|commentsExtended|commentsIds|commentsExtensible|people)\.xml$")
_WITH_TEXT = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_COMMENT_MARKS = (f"{W}commentRangeStart", f"{W}commentRangeEnd")
_P_TAG = re.compile(r"^\{%p\s+(\w+)")
_OPENERS = frozenset({"if", "for", "with", "macro", "call", "filter", "raw", "autoescape"})
_MIDDLES = frozenset({"elif", "else"})


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def tag_of(paragraph: etree._Element) -> str | None:
    """'if', 'endif', 'else'... for a {%p %} tag paragraph; None for any other paragraph."""
    match = _P_TAG.match(_text(paragraph).strip())
    return match.group(1) if match else None


def _section_break(paragraph: etree._Element) -> etree._Element | None:
    properties = paragraph.find(f"{W}pPr")
    return properties.find(f"{W}sectPr") if properties is not None else None


def keep_section_breaks(root: etree._Element) -> list[tuple[etree._Element, etree._Element]]:
    """Move each section break out of a {%p %} tag paragraph (see the module's docstring), in
    place. Gives (tag paragraph, paragraph that now holds its break) for each break moved."""
    body = root.find(f"{W}body")
    if body is None:
        return []
    moved = []
    for paragraph in list(body.iterchildren(f"{W}p")):
        brk = _section_break(paragraph)
        name = tag_of(paragraph) if brk is not None else None
        if brk is None or name is None:
            continue
        before = paragraph.getprevious()
        if (name in _OPENERS and before is not None and before.tag == f"{W}p"
                and tag_of(before) is None and _section_break(before) is None):
            holder = before  # the last paragraph before the block: the section ends there
        else:
            # A paragraph of its own, with the tag paragraph's properties, outside the block:
            # after a closing tag, before an opening one (and before an else: rare, and warned).
            holder = etree.Element(f"{W}p")
            properties = paragraph.find(f"{W}pPr")
            holder.append(etree.fromstring(etree.tostring(properties)))
            if name.startswith("end"):
                paragraph.addnext(holder)
            else:
                paragraph.addprevious(holder)
            moved_properties = holder.find(f"{W}pPr")
            assert moved_properties is not None
            for old in moved_properties.findall(f"{W}sectPr"):
                moved_properties.remove(old)
        target = holder.find(f"{W}pPr")
        if target is None:
            target = etree.SubElement(holder, f"{W}pPr")
            holder.insert(0, target)
        # A paragraph mark's run properties come last but for the break, which is the very last.
        target.append(brk)
        moved.append((paragraph, holder))
    return moved


_BORDER_ORDER = ("top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
                 "tl2br", "tr2bl")


def _drawn(border: etree._Element | None) -> bool:
    return border is not None and border.get(f"{W}val") not in (None, "nil", "none")


def row_sides(row: etree._Element | None) -> set[str]:
    """The border sides some cell of a table row draws (top, bottom, left...)."""
    sides: set[str] = set()
    if row is not None:
        for borders in row.iter(f"{W}tcBorders"):
            sides.update(etree.QName(side).localname for side in borders if _drawn(side))
    return sides


def table_draws_lines(table: etree._Element) -> bool:
    """A table style, or borders set on the whole table, draw the lines between rows."""
    properties = table.find(f"{W}tblPr")
    if properties is None:
        return False
    style = properties.find(f"{W}tblStyle")
    borders = properties.find(f"{W}tblBorders")
    return (style is not None and style.get(f"{W}val") not in (None, "TableNormal")) or (
        borders is not None and any(_drawn(side) for side in borders))


def tag_row_loss(row: etree._Element) -> tuple[set[str], etree._Element | None, str]:
    """For a {%tr %} tag row: the sides of its border that vanish with it, the repeated row, and
    the side of that row that would draw the lost line ("" when it cannot be carried without
    changing the look: the repeated row does not draw the lines between its copies)."""
    text = "".join(t.text or "" for t in row.iter(f"{W}t")).strip()
    table = row.getparent()
    if not text.startswith("{%tr ") or table is None or table_draws_lines(table):
        return set(), None, ""
    opening = not re.match(r"\{%tr\s+end", text)
    repeated = row.getnext() if opening else row.getprevious()
    if repeated is None or repeated.tag != f"{W}tr":
        return set(), None, ""
    beyond = row.getprevious() if opening else row.getnext()
    outer = row_sides(beyond) if beyond is not None and beyond.tag == f"{W}tr" else set()
    own = row_sides(repeated)
    kept = "bottom" in outer or "top" in own if opening else "bottom" in own or "top" in outer
    lost = set() if kept else {"top", "bottom"} & row_sides(row)
    if not lost:
        return set(), repeated, ""
    # Lines between the copies already drawn: adding the lost one on each copy changes nothing
    # but that edge.
    side = ("top" if "bottom" in own else "") if opening else ("bottom" if "top" in own else "")
    return lost, repeated, side


def _carry(row: etree._Element, repeated: etree._Element, side: str) -> None:
    """Copy onto each cell of ``repeated`` the line its cell in the tag ``row`` drew."""
    sources = row.findall(f"{W}tc")
    for index, cell in enumerate(repeated.findall(f"{W}tc")):
        source = sources[min(index, len(sources) - 1)] if sources else None
        borders = source.find(f"{W}tcPr/{W}tcBorders") if source is not None else None
        if borders is None:
            continue
        line = next((b for b in (borders.find(f"{W}{s}") for s in ("top", "bottom")
                                 if s != side) if _drawn(b)), None)
        line = borders.find(f"{W}{side}") if _drawn(borders.find(f"{W}{side}")) else line
        if line is None:
            continue
        properties = cell.find(f"{W}tcPr")
        if properties is None:
            properties = etree.Element(f"{W}tcPr")
            cell.insert(0, properties)
        target = properties.find(f"{W}tcBorders")
        if target is None:
            target = etree.SubElement(properties, f"{W}tcBorders")
        for old in target.findall(f"{W}{side}"):
            target.remove(old)
        copy = etree.fromstring(etree.tostring(line))
        copy.tag = f"{W}{side}"
        position = sum(1 for child in target if etree.QName(child).localname in
                       _BORDER_ORDER[:_BORDER_ORDER.index(side)])
        target.insert(position, copy)


def carry_tag_row_borders(root: etree._Element) -> bool:
    """Carry, in place, the borders that {%tr %} tag rows alone draw (see the module's
    docstring); True if any was."""
    carried = False
    for row in list(root.iter(f"{W}tr")):
        lost, repeated, side = tag_row_loss(row)
        if lost and repeated is not None and side:
            _carry(row, repeated, side)
            carried = True
    return carried


def drop_comment_marks(root: etree._Element) -> bool:
    """Take the comment marks out of a part's text, in place; True if there were any."""
    found = False
    for mark in list(root.iter(*_COMMENT_MARKS, f"{W}commentReference")):
        found = True
        parent = mark.getparent()
        if parent is None:
            continue
        holder = parent.getparent()
        # The reference's run shows the comment's number; it goes, unless it holds text.
        if (mark.tag == f"{W}commentReference" and parent.tag == f"{W}r" and holder is not None
                and all(child.tag in (f"{W}rPr", f"{W}commentReference") for child in parent)):
            holder.remove(parent)
        else:
            parent.remove(mark)
    return found


def _xml(root: etree._Element) -> bytes:
    made: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return made


def _without_relationships(xml: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(xml)
    for relationship in list(root.iter(f"{_REL_NS}Relationship")):
        target = relationship.get("Target", "").lstrip("/").removeprefix("word/")
        if f"word/{target}" in dropped:
            root.remove(relationship)
    return _xml(root)


def _without_overrides(xml: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(xml)
    for override in list(root.iter(f"{_CT_NS}Override")):
        if override.get("PartName", "").lstrip("/") in dropped:
            root.remove(override)
    return _xml(root)


def _without_track_changes(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for setting in list(root.iter(f"{W}trackRevisions")):
        parent = setting.getparent()
        if parent is not None:
            parent.remove(setting)
    return _xml(root)


def sanitize(contents: Mapping[str, bytes], *, section_breaks: bool = True) -> dict[str, bytes]:
    """The package's parts with comments and the Track Changes setting taken out (and, unless
    ``section_breaks`` is False because the caller keeps them itself, section breaks moved out of
    tag paragraphs), and a table of contents updated when a document is opened (``toc``). Parts
    that need nothing are returned as they were, byte for byte."""
    cleaned = {name: data for name, data in contents.items() if not COMMENT_PARTS.match(name)}
    dropped = set(contents) - set(cleaned)
    for name, data in contents.items():
        if name in dropped:
            continue
        if dropped and name.endswith(".rels") and any(
                part.rsplit("/", 1)[-1].encode() in data for part in dropped):
            cleaned[name] = _without_relationships(data, dropped)
        elif dropped and name == "[Content_Types].xml":
            cleaned[name] = _without_overrides(data, dropped)
        elif name == "word/settings.xml" and b"trackRevisions" in data:
            cleaned[name] = _without_track_changes(data)
        elif _WITH_TEXT.match(name):
            marks = b"commentR" in data
            breaks = (section_breaks and name == "word/document.xml" and b"sectPr" in data
                      and b"{%p" in data)
            borders = b"{%tr" in data and b"tcBorders" in data
            if marks or breaks or borders:
                root = etree.fromstring(data)
                changed = drop_comment_marks(root) if marks else False
                changed = bool(keep_section_breaks(root)) or changed if breaks else changed
                changed = carry_tag_row_borders(root) or changed if borders else changed
                if changed:
                    cleaned[name] = _xml(root)
    from .toc import update_fields_on_open

    return update_fields_on_open(cleaned)  # a table of contents shows each document's pages


def sanitized_package(raw: bytes) -> bytes:
    """The package, sanitized, as .docx bytes (for templates docxtpl renders itself)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        contents = {name: archive.read(name) for name in names}
    cleaned = sanitize(contents)
    if all(cleaned.get(name) is contents[name] for name in names):
        return raw
    made = io.BytesIO()
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            if name in cleaned:
                archive.writestr(name, cleaned[name])
    return made.getvalue()

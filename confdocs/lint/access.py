"""What makes a document readable by everyone: pictures with alternative text (what a screen reader
says), and repeating tables with a header row (read out, and repeated on each page)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from jinja2 import nodes

from ..render.places import Paragraph, W, describe
from .finding import TemplateFinding

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"


def check_pictures(template: str, paragraphs: Sequence[Paragraph]) -> Iterator[TemplateFinding]:
    """Each picture in the template without alternative text."""
    for paragraph in paragraphs:
        for picture in paragraph.element.iter(f"{WP}docPr"):
            if next(picture.iterancestors(f"{W}p")) is not paragraph.element:
                continue  # a text box's paragraph reports its own
            if (picture.get("descr") or "").strip() or picture.get("hidden") in ("1", "true"):
                continue
            drawing = picture.getparent()
            if drawing is None or next(drawing.iter(f"{PIC}pic"), None) is None:
                continue  # a text box or a shape, not a picture
            name = picture.get("name") or "a picture"
            yield TemplateFinding(
                template, describe(paragraph.place, paragraph.text), "picture-no-alt", "warning",
                f"the picture \"{name}\" has no alternative text, which screen readers say "
                "instead of showing it; add it (Word: right-click the picture, View Alt Text; "
                "LibreOffice Writer: select it, Format, Description...), or "
                "mark the picture as decorative")


def check_image_calls(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    """(line, message) for each image() written without alt="..."."""
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "image" and not any(
                keyword.key == "alt" for keyword in call.kwargs):
            yield (call.lineno,
                   "image() puts in a picture without alternative text, which screen readers "
                   "say instead of showing it; describe it: image('logo.png', alt=\"The "
                   "organisation's logo\")")


def check_table_headers(template: str,
                        paragraphs: Sequence[Paragraph]) -> Iterator[TemplateFinding]:
    """Each table whose rows repeat ({%tr for %}) but whose first row is not a header row."""
    seen = set()
    for paragraph in paragraphs:
        if not paragraph.text.strip().startswith("{%tr for "):
            continue
        table = next(paragraph.element.iterancestors(f"{W}tbl"), None)
        if table is None or table in seen:
            continue
        seen.add(table)
        first = table.find(f"{W}tr")
        properties = first.find(f"{W}trPr") if first is not None else None
        if properties is not None and properties.find(f"{W}tblHeader") is not None:
            continue
        yield TemplateFinding(
            template, describe(paragraph.place, paragraph.text), "table-no-header", "warning",
            "this table's rows repeat, but its first row is not marked as a header row, so screen "
            "readers do not read the columns' names and a long table has none on its next pages; "
            "mark it (Word: Table Properties, Row, Repeat as header row at the top of each page; "
            "LibreOffice Writer: Table, Properties..., Text Flow, Repeat heading)")

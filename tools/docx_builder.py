"""The machinery that writes confdocs' shipped Word templates, whatever their language.

A :class:`Builder` is a python-docx document with helpers for the few kinds of block the templates
use (headings, numbered clauses, lists, tables, paragraph- and row-level tags, blocks kept
together on a page, signature blocks), set up for one :class:`Language`: its tag in the styles,
settings and core properties (so that Word and LibreOffice check spelling and hyphenate in it),
its footer ("Page 1 of 3", "Page 1 sur 3") and its signature and date lines. The text of each
language's templates lives in its own module of ``templates_text``; ``make_templates.py`` writes
them all.

The templates use docxtpl's Jinja syntax:

* ``{{ field }}`` prints a value; every optional field is printed only inside ``{% if %}`` or a loop.
* ``{%p ... %}`` tags stand alone in their own paragraph, which rendering removes entirely.
* ``{%tr ... %}`` tags stand alone in the first cell of their own table row, which rendering removes.
* Every tag is written as one run, so that Word never splits it.

The output is deterministic: fixed core properties, no clock dates, and zip entries with a fixed
timestamp, so building a template twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Fixed metadata, so that the templates do not change from one run to the next.
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# A4, with margins that leave a comfortable line length at 11 pt.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN = Mm(25)  # leaves 160 mm for the text, which the table widths below add up to

HEADER_GREY = RGBColor(0x59, 0x59, 0x59)
TAG_GREY = RGBColor(0x80, 0x80, 0x80)
LIST_INDENT = 454  # twentieths of a point: 8 mm
CELL_MARGIN = 57  # twentieths of a point: 1 mm above and below the text of a table cell
SIGNATURE_LINE = "_" * 40
DATE_LINE = "_" * 20

# Inline markup in the text given to the builder: Jinja tags (each kept in one run of its own),
# **bold** and a line break "\n".
_TOKEN = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\*\*|\n)")
_BLOCK_TAG = re.compile(r"\{[{%](?:p|tr|tc|r) ")


def as_written(text: str) -> str:
    """The typography of a language that needs nothing done to its text."""
    return text


@dataclass(frozen=True)
class Language:
    """What a template's language changes besides its text: ``tag`` (BCP 47) goes into the
    styles, the settings and the core properties; the footer reads ``page`` "1" ``of`` "3"; a
    signature block ends with ``signature`` and ``date`` lines; ``comments``, ``keywords`` and
    ``category`` are core properties that people editing the template see; ``typography`` is
    applied to the template's own text (never to its Jinja tags), for a language whose spacing
    rules are easier to apply than to type (French: a no-break space before ":" and inside
    guillemets)."""

    tag: str
    page: str
    of: str
    signature: str
    date: str
    comments: str
    keywords: str
    category: str
    typography: Callable[[str], str] = field(default=as_written)


@dataclass(frozen=True)
class CellList:
    """A table cell that lists the items of a loop, one paragraph each: ``loop`` is the loop
    ("x in xs"), ``item`` the text of each paragraph, ``after`` items the template itself adds
    after the loop's (what the document always holds, whatever the data lists)."""

    loop: str
    item: str
    style: str = "Normal"
    after: tuple[str, ...] = ()


class Builder:
    """A python-docx document with helpers for the few kinds of block the templates use."""

    def __init__(self, language: Language, *, title: str, subject: str, header: str) -> None:
        self.language = language
        self.doc: DocxDocument = Document()
        self.target: DocxDocument | _Cell = self.doc  # where paragraphs go: the body, or a cell
        self._set_up_page()
        self._set_language()
        self._set_list_indents()
        self._set_properties(title, subject)
        self._set_header_and_footer(header)

    # -- document set-up ------------------------------------------------------------------------

    def _set_up_page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
        section.header_distance = section.footer_distance = Mm(12)

    def _set_language(self) -> None:
        """The template's language for spelling, grammar and hyphenation, in the document
        defaults."""
        styles = self.doc.styles.element
        for lang in styles.iter(qn("w:lang")):
            lang.set(qn("w:val"), self.language.tag)
        settings = self.doc.settings.element
        for theme_lang in settings.iter(qn("w:themeFontLang")):
            theme_lang.set(qn("w:val"), self.language.tag)
        # python-docx's default package also carries Word 2010's copy of the styles, tagged
        # en-US: tag it too, so that no part of the template says another language.
        for part in self.doc.part.package.iter_parts():
            if str(part.partname) == "/word/stylesWithEffects.xml":
                part._blob = re.sub(rb'(<w:lang\b[^>]*?\bw:val=")[^"]*"',
                                    rb"\g<1>" + self.language.tag.encode() + b'"', part.blob)

    def _set_list_indents(self) -> None:
        """Widen the hanging indent of the list styles, so that "10." fits before its text, and
        space the numbered steps apart a little, as each is a sentence or two long."""
        numbering = self.doc.part.numbering_part.element
        for abstract in numbering.findall(qn("w:abstractNum")):
            level = abstract.find(qn("w:lvl"))
            style = level.find(qn("w:pStyle")) if level is not None else None
            name = style.get(qn("w:val")) if style is not None else None
            depth = {"ListBullet": 1, "ListNumber": 1, "ListBullet2": 2}.get(name or "")
            if level is None or depth is None:
                continue
            for tab in level.iter(qn("w:tab")):
                tab.set(qn("w:pos"), str(LIST_INDENT * depth))
            for ind in level.iter(qn("w:ind")):
                ind.set(qn("w:left"), str(LIST_INDENT * depth))
                ind.set(qn("w:hanging"), str(LIST_INDENT))
        steps = self.doc.styles["List Number"]
        steps.paragraph_format.space_after = Pt(4)
        p_pr = steps.element.pPr
        for contextual in p_pr.findall(qn("w:contextualSpacing")):
            p_pr.remove(contextual)

    def _set_properties(self, title: str, subject: str) -> None:
        props = self.doc.core_properties
        props.title = self.language.typography(title)
        props.subject = self.language.typography(subject)
        props.author = ""
        props.last_modified_by = ""
        props.comments = self.language.comments
        props.keywords = self.language.keywords
        props.category = self.language.category
        props.language = self.language.tag
        props.revision = 1
        props.created = FIXED_TIME
        props.modified = FIXED_TIME
        props.last_printed = FIXED_TIME
        # The default template carries a thumbnail of an unrelated page: drop it.
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rel_id]

    def _set_header_and_footer(self, header: str) -> None:
        section = self.doc.sections[0]
        top = section.header.paragraphs[0]
        top.style = self.doc.styles["Header"]
        top.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in add_text(top, header, self.language.typography):
            run.font.size = Pt(9)
            run.font.color.rgb = HEADER_GREY

        bottom = section.footer.paragraphs[0]
        bottom.style = self.doc.styles["Footer"]
        bottom.alignment = WD_ALIGN_PARAGRAPH.CENTER
        parts = ((self.language.page, False), ("PAGE", True), (self.language.of, False),
                 ("NUMPAGES", True))
        for part, is_field in parts:
            runs = add_field(bottom, part) if is_field else [bottom.add_run(part)]
            for run in runs:
                run.font.size = Pt(9)
                run.font.color.rgb = HEADER_GREY

    # -- blocks -----------------------------------------------------------------------------------

    def para(self, text: str, style: str = "Normal") -> Paragraph:
        paragraph = self.target.add_paragraph(style=style)
        add_text(paragraph, text, self.language.typography)
        if text.endswith(":") or text.endswith(":**"):
            # A lead-in ("... as follows:") stays on the page of what it introduces.
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def lead_in(self, text: str) -> Paragraph:
        """A paragraph that introduces a table or list, kept on the same page as it."""
        paragraph = self.para(text)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def title(self, text: str) -> Paragraph:
        return self.para(text, "Title")

    def subtitle(self, text: str) -> Paragraph:
        return self.para(text, "Subtitle")

    def heading(self, text: str, level: int = 1) -> Paragraph:
        return self.para(text, f"Heading {level}")

    def bullet(self, text: str, level: int = 1) -> Paragraph:
        return self.para(text, "List Bullet" if level == 1 else f"List Bullet {level}")

    def step(self, text: str) -> Paragraph:
        return self.para(text, "List Number")

    def lines(self, *texts: str, style: str = "Normal") -> list[Paragraph]:
        """Short lines set close together, as in an address or a letterhead."""
        paragraphs = [self.para(text, style) for text in texts]
        for paragraph in paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
        return paragraphs

    def clause(self, number: str, text: str) -> Paragraph:
        """A numbered clause ("8.2  text") with a hanging indent."""
        paragraph = self.para(f"{number}\t{text}")
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(12)
        fmt.first_line_indent = Mm(-12)
        fmt.tab_stops.add_tab_stop(Mm(12), WD_TAB_ALIGNMENT.LEFT)
        return paragraph

    def tag(self, tag: str) -> Paragraph:
        """A paragraph that holds only a paragraph-level tag ``{%p tag %}``; rendering removes it.
        It is grey, so that people editing the template see the logic at a glance."""
        paragraph = self.target.add_paragraph(style="Normal")
        run = paragraph.add_run(f"{{%p {tag} %}}")
        run.font.color.rgb = TAG_GREY
        return paragraph

    @contextmanager
    def kept_together(self) -> Iterator[None]:
        """What is written inside goes into the one row of a borderless, full-width table that
        may not split across pages, which both Word and LibreOffice honour (LibreOffice does not
        always honour keep-with-next chains). The paragraphs before it are kept with it, so that
        it never starts a page on its own."""
        # Walking back: every paragraph is kept with what follows until two that are printed
        # whatever the data (outside any {%p if %}) are, so that the chain holds when the
        # conditional ones are left out.
        depth = unconditional = 0
        for paragraph in reversed(self.doc.paragraphs):
            text = paragraph.text
            if text.startswith("{%p endif") or text.startswith("{%p endfor"):
                depth += 1
            elif text.startswith("{%p if") or text.startswith("{%p for"):
                depth -= 1
            elif not text.startswith("{%p"):
                paragraph.paragraph_format.keep_with_next = True
                unconditional += depth == 0
                if unconditional == 2:
                    break
        section = self.doc.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        table = self.doc.add_table(rows=1, cols=1)
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), "0")
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        tbl_pr.append(margins)
        table._tbl.tblGrid.gridCol_lst[0].w = width
        row = table.rows[0]
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cell = row.cells[0]
        cell.width = width
        placeholder = cell.paragraphs[0]
        self.target = cell
        try:
            yield
        finally:
            self.target = self.doc
        placeholder._p.getparent().remove(placeholder._p)

    @contextmanager
    def only_if(self, condition: str) -> Iterator[None]:
        self.tag(f"if {condition}")
        yield
        self.tag("endif")

    @contextmanager
    def for_each(self, loop: str) -> Iterator[None]:
        self.tag(f"for {loop}")
        yield
        self.tag("endfor")

    def table(self, widths_mm: Sequence[float], *, style: str = "Table Grid",
              header: Sequence[str] | None = None) -> Table:
        """A table of fixed column widths, with an optional header row repeated on each page."""
        table = self.doc.add_table(rows=0, cols=len(widths_mm))
        table.style = self.doc.styles[style]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
            grid_col.w = Mm(width)
        set_table_look(table, first_row=header is not None)
        set_cell_margins(table)
        if header is not None:
            row = self.row(table, header)
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
        return table

    def row(self, table: Table, cells: Sequence[str | CellList], *,
            bold_first: bool = False) -> _Row:
        """Add a row. A cell holds text (with inline tags and markup) or a list, one paragraph
        per item."""
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        widths = table._tbl.tblGrid.gridCol_lst
        for index, (cell, content) in enumerate(zip(row.cells, cells, strict=True)):
            cell.width = widths[index].w
            first = cell.paragraphs[0]
            if isinstance(content, CellList):
                texts = [f"{{%p for {content.loop} %}}", content.item, "{%p endfor %}",
                         *content.after]
                paragraphs = [first, *(cell.add_paragraph() for _ in texts[1:])]
                for paragraph, text in zip(paragraphs, texts, strict=True):
                    paragraph.paragraph_format.space_after = Pt(0 if text.startswith("{%p") else 3)
                    if text.startswith("{%p"):
                        paragraph.add_run(text).font.color.rgb = TAG_GREY
                    else:
                        paragraph.style = self.doc.styles[content.style]
                        add_text(paragraph, text, self.language.typography)
                continue
            first.paragraph_format.space_after = Pt(0)
            shown = f"**{content}**" if bold_first and index == 0 and content else content
            add_text(first, shown, self.language.typography)
        return row

    @staticmethod
    def keep_rows_together(table: Table) -> None:
        """Keep the rows of ``table`` on one page with each other, and with the paragraphs kept
        with it (a heading, a lead-in), as far as Word and LibreOffice allow: every paragraph of
        every row but the last is kept with the next (no row splits already). A table longer
        than a page still breaks, where it must. Rows that hold only a row-level tag are left
        out of the count, since rendering removes them; when the last row printed is one that a
        condition may leave out, the row before it stays kept with what follows the table,
        which costs at most the first lines of that paragraph."""
        rows = [row for row in table.rows
                if not row.cells[0].paragraphs[0].text.startswith("{%tr ")]
        for row in rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True

    @staticmethod
    def after_table(paragraph: Paragraph) -> Paragraph:
        """Space a paragraph that follows a table away from it (a table has no space after)."""
        paragraph.paragraph_format.space_before = Pt(10)
        return paragraph

    def row_tag(self, table: Table, tag: str) -> None:
        """A row holding only a row-level tag ``{%tr tag %}`` in its first cell (grey, like
        paragraph-level tags); rendering removes the row."""
        row = self.row(table, [""] * len(table.columns))
        row.cells[0].paragraphs[0].add_run(f"{{%tr {tag} %}}").font.color.rgb = TAG_GREY

    def signature_block(self, heading: str, *details: str) -> None:
        """Who signs, then a signature line and a date line, kept together on one page."""
        who = [self.para(f"**{heading}**"), *(self.para(text) for text in details)]
        signature = self.para(f"{self.language.signature}{SIGNATURE_LINE}")
        signature.paragraph_format.space_before = Pt(18)
        date = self.para(f"{self.language.date}{DATE_LINE}")
        date.paragraph_format.space_before = Pt(12)
        date.paragraph_format.space_after = Pt(24)
        for paragraph in [*who, signature]:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(0)

    def to_bytes(self) -> bytes:
        keep_lists_together(self.doc)
        return deterministic_bytes(self.doc)


# -- low-level helpers ------------------------------------------------------------------------------

# A list this short (items written in the template, whatever the data leaves out) is kept on one
# page whole; a longer one may split, but never leaving its first item alone at a page's foot nor
# its last alone at the next page's head ("Place:" alone at the top of a letter's second page).
SHORT_LIST = 6


def keep_lists_together(doc: DocxDocument) -> None:
    """Keep-with-next on the items of each list in the body, so that a list never starts alone
    at a page foot or ends alone at a page head, in Word and LibreOffice alike. The tags between
    items are removed when the document is rendered, so they do not end a list. Items a loop
    repeats are left free: kept, they make chains of kept paragraphs as long as the data, which
    LibreOffice does not always honour (it leaves the lead-in alone at the foot instead)."""
    runs: list[list[Paragraph]] = [[]]
    depth = 0
    for child in doc.element.body.iterchildren():
        if child.tag != qn("w:p"):
            runs.append([])
            continue
        paragraph = Paragraph(child, doc)
        text = paragraph.text
        if text.startswith("{%p"):
            depth += text.startswith("{%p for")
            depth -= text.startswith("{%p endfor")
            continue
        if paragraph.style is not None and paragraph.style.name.startswith("List") and not depth:
            runs[-1].append(paragraph)
        else:
            runs.append([])
    for items in runs:
        if len(items) < 2:
            continue
        kept = items[:-1] if len(items) <= SHORT_LIST else [items[0], items[-2]]
        for paragraph in kept:
            paragraph.paragraph_format.keep_with_next = True


def add_text(paragraph: Paragraph, text: str,
             typography: Callable[[str], str] = as_written) -> list[Run]:
    """Add ``text`` to ``paragraph``: each Jinja tag in a run of its own, ``**`` toggling bold,
    and ``\\n`` as a line break; ``typography`` applies to the text between the tags. Returns
    the runs added."""
    if _BLOCK_TAG.search(text):
        raise ValueError(f"a paragraph- or row-level tag must stand alone: {text!r}")
    runs: list[Run] = []
    bold = False
    for piece in _TOKEN.split(text):
        if piece == "**":
            bold = not bold
        elif piece == "\n":
            run = paragraph.add_run()
            run.add_break()
            runs.append(run)
        elif piece:
            is_tag = piece.startswith("{{") or piece.startswith("{%")
            run = paragraph.add_run(piece if is_tag else typography(piece))
            if bold:
                run.bold = True
            runs.append(run)
    if bold:
        raise ValueError(f"unbalanced ** in {text!r}")
    return runs


def add_field(paragraph: Paragraph, instruction: str) -> list[Run]:
    """A complex field (such as PAGE or NUMPAGES) as begin / instruction / separate / result /
    end runs; Word and LibreOffice replace the placeholder result when they lay out the page."""

    def char(kind: str) -> Run:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    begin = char("begin")
    code = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    code._r.append(instr)
    separate = char("separate")
    result = paragraph.add_run("1")
    end = char("end")
    return [begin, code, separate, result, end]


def set_table_look(table: Table, *, first_row: bool, first_column: bool = False) -> None:
    """Which parts of the table style apply: a header row, a first column, banded rows."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblLook")):
        tbl_pr.remove(old)
    flags = 0x0400 | (0x0020 if first_row else 0) | (0x0080 if first_column else 0)
    look = OxmlElement("w:tblLook")
    look.set(qn("w:val"), f"{flags:04X}")
    look.set(qn("w:firstRow"), "1" if first_row else "0")
    look.set(qn("w:lastRow"), "0")
    look.set(qn("w:firstColumn"), "1" if first_column else "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "0")
    look.set(qn("w:noVBand"), "1")
    tbl_pr.append(look)


def set_cell_margins(table: Table) -> None:
    """A little space above and below the text in every cell."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "bottom"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def deterministic_bytes(doc: DocxDocument) -> bytes:
    """``doc`` as a package whose zip entries all carry the same fixed time, in a fixed order."""
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def optional_line(b: Builder, field: str, filter: str = "") -> list[Paragraph]:
    """A line that prints ``field`` (through ``filter``, if given) only when it is set."""
    b.tag(f"if {field}")
    line = b.para(f"{{{{ {field}{'|' + filter if filter else ''} }}}}")
    b.tag("endif")
    return [line]

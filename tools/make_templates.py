#!/usr/bin/env python3
"""Write the first version of confdocs' three Word templates (kept for history).

This script generated templates/contract.docx, templates/feedback-annex.docx and
templates/disclosure-notice.docx once, with python-docx. From then on the .docx files are the source
of truth: people edit them in Word, not here. The script stays in the repository as a record of how
the templates were first built, and it refuses to overwrite an existing template unless told to.

The templates use docxtpl's Jinja syntax, against the context that confdocs.render.context builds:

* ``{{ field }}`` prints a value; every optional field is printed only inside ``{% if %}`` or a loop.
* ``{%p ... %}`` tags stand alone in their own paragraph, which rendering removes entirely.
* ``{%tr ... %}`` tags stand alone in the first cell of their own table row, which rendering removes.
* Every tag is written as one run, so that Word never splits it.

The output is deterministic: fixed core properties, no clock dates, and zip entries with a fixed
timestamp, so running the script twice gives byte-identical files.

Usage::

    python tools/make_templates.py [--out DIR] [--force]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "templates"

# Fixed metadata, so that the templates do not change from one run to the next.
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
LANGUAGE = "en-GB"

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


@dataclass(frozen=True)
class CellList:
    """A table cell that lists the items of a loop, one paragraph each: ``loop`` is the loop
    ("x in xs"), ``item`` the text of each paragraph."""

    loop: str
    item: str
    style: str = "Normal"


class Builder:
    """A python-docx document with helpers for the few kinds of block the templates use."""

    def __init__(self, *, title: str, subject: str, header: str) -> None:
        self.doc: DocxDocument = Document()
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
        """British English for spelling and grammar checks, in the document defaults."""
        styles = self.doc.styles.element
        for lang in styles.iter(qn("w:lang")):
            lang.set(qn("w:val"), LANGUAGE)
        settings = self.doc.settings.element
        for theme_lang in settings.iter(qn("w:themeFontLang")):
            theme_lang.set(qn("w:val"), LANGUAGE)

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
        props.title = title
        props.subject = subject
        props.author = ""
        props.last_modified_by = ""
        props.comments = ("A confdocs template. Edit it in Word; `confdocs templates fields` and "
                          "docs/fields.md list the fields it may use.")
        props.keywords = "confidentiality"
        props.category = "confdocs template"
        props.language = LANGUAGE
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
        for run in add_text(top, header):
            run.font.size = Pt(9)
            run.font.color.rgb = HEADER_GREY

        bottom = section.footer.paragraphs[0]
        bottom.style = self.doc.styles["Footer"]
        bottom.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in ("Page ", "PAGE", " of ", "NUMPAGES"):
            runs = add_field(bottom, part) if part.isupper() else [bottom.add_run(part)]
            for run in runs:
                run.font.size = Pt(9)
                run.font.color.rgb = HEADER_GREY

    # -- blocks -----------------------------------------------------------------------------------

    def para(self, text: str, style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        add_text(paragraph, text)
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
        paragraph = self.doc.add_paragraph(style="Normal")
        run = paragraph.add_run(f"{{%p {tag} %}}")
        run.font.color.rgb = TAG_GREY
        return paragraph

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
                texts = [f"{{%p for {content.loop} %}}", content.item, "{%p endfor %}"]
                paragraphs = [first, cell.add_paragraph(), cell.add_paragraph()]
                for paragraph, text in zip(paragraphs, texts, strict=True):
                    paragraph.paragraph_format.space_after = Pt(0 if text.startswith("{%p") else 3)
                    if text.startswith("{%p"):
                        paragraph.add_run(text).font.color.rgb = TAG_GREY
                    else:
                        paragraph.style = self.doc.styles[content.style]
                        add_text(paragraph, text)
                continue
            first.paragraph_format.space_after = Pt(0)
            shown = f"**{content}**" if bold_first and index == 0 and content else content
            add_text(first, shown)
        return row

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
        signature = self.para(f"Signature: {SIGNATURE_LINE}")
        signature.paragraph_format.space_before = Pt(18)
        date = self.para(f"Date: {DATE_LINE}")
        date.paragraph_format.space_before = Pt(12)
        date.paragraph_format.space_after = Pt(24)
        for paragraph in [*who, signature]:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(0)

    def save(self, path: Path) -> None:
        save_deterministic(self.doc, path)


# -- low-level helpers ------------------------------------------------------------------------------


def add_text(paragraph: Paragraph, text: str) -> list[Run]:
    """Add ``text`` to ``paragraph``: each Jinja tag in a run of its own, ``**`` toggling bold,
    and ``\\n`` as a line break. Returns the runs added."""
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
            run = paragraph.add_run(piece)
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


def save_deterministic(doc: DocxDocument, path: Path) -> None:
    """Save ``doc`` with every zip entry stamped with the same fixed time, in a fixed order."""
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
    path.write_bytes(out.getvalue())


# -- wording shared by the documents ---------------------------------------------------------------

PRACTITIONER = "{{ words.practitioner }}"
CLIENT = "{{ words.client }}"
ENGAGEMENT = "{{ words.engagement }}"
SESSION = "{{ words.session }}"
SESSIONS = "{{ words.sessions }}"
OTHERS = "feedback.from_others"
INTERVIEWS = f"{OTHERS}.method == 'interviews'"

# How each level of anonymity reads, for a survey and for interviews (whose content is always
# reported as patterns, never by name, role or relationship).
ANONYMITY = {
    "unidentified": (
        "**Unidentified.** "
        f"{{% if {INTERVIEWS} %}}"
        "The report does not say who was interviewed, and nothing in it can be traced to any one "
        "person."
        "{% else %}"
        "Responses are combined, so that no one reading the report can tell who said what."
        "{% endif %}"
    ),
    "category": (
        "**By category.** "
        f"{{% if {INTERVIEWS} %}}"
        "The report may say which groups the people interviewed came from, such as peers or "
        "direct reports, but nothing in it is attributed to a group or to a person."
        "{% else %}"
        "Responses are reported by category of rater, such as peers or direct reports, and never "
        "by name. A category is shown on its own only when enough people in it have responded."
        "{% endif %}"
    ),
    "named": (
        "**By name.** "
        f"{{% if {INTERVIEWS} %}}"
        "The report lists the people who were interviewed, but nothing in it is attributed to any "
        "one of them."
        "{% else %}"
        "Each response is shown with the name of the person who gave it. Everyone asked for "
        "feedback is told this before they respond, and may decline to take part."
        "{% endif %}"
    ),
}


def document_reference(b: Builder) -> None:
    b.lines("**Reference:** {{ id }}", "**Date agreed:** {{ dates.agreed|date }}")
    b.doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


def feedback_about_client_details(b: Builder) -> None:
    """The summary about the client that the organisation receives: who, what, how, when."""
    about = "feedback.about_client"
    b.bullet(f"**Who receives it:** {{{{ {about}.recipient }}}}")
    b.bullet(f"**Form:** {{{{ {about}.form }}}}")
    b.bullet("**What it covers:**")
    with b.for_each(f"item in {about}.content"):
        b.bullet("{{ item|capfirst }}", level=2)
    b.bullet(f"**When:** {{{{ {about}.when }}}}")
    b.para(
        f"{{% if {about}.client_sees_first %}}"
        f"The {CLIENT} sees the summary, and agrees its wording, before it is sent."
        "{% else %}"
        f"The summary is sent without the {CLIENT} seeing it first; the {CLIENT} may ask for a "
        "copy at any time."
        "{% endif %}"
        " It covers nothing beyond the points above."
    )


def signatures(b: Builder) -> None:
    """Signature blocks for the practitioner, the client and, in a three-way contract, the
    sponsor's contact."""
    b.signature_block(
        f"The {PRACTITIONER}",
        "Name: {{ parties.practitioner.name }}",
        "Role: {{ parties.practitioner.role }}"
        "{% if parties.practitioner.organisation %}, {{ parties.practitioner.organisation }}"
        "{% endif %}",
    )
    b.signature_block(f"The {CLIENT}", "Name: {{ parties.client.name }}")
    with b.only_if("parties.sponsor"):
        b.signature_block(
            "For the sponsor, {{ parties.sponsor.organisation }}",
            "Name: {{ parties.sponsor.contact.name }}",
            "Role: {{ parties.sponsor.contact.role }}",
        )


# -- the contract ----------------------------------------------------------------------------------


def build_contract() -> Builder:
    b = Builder(
        title="Confidentiality agreement",
        subject="The confidentiality clauses of an engagement contract (confdocs template)",
        header="{{ id }} · {{ title }}",
    )
    b.title("Confidentiality agreement")
    b.subtitle("{{ title }}")
    document_reference(b)
    b.para(
        f"This agreement sets out how confidential information is handled in the {ENGAGEMENT} "
        "named above: what will be shared, with whom, how and when; what will not be shared; and "
        "when and how confidentiality may have to be broken. It forms part of the "
        f"{ENGAGEMENT} contract. Everyone who signs it confirms that they have read it, "
        "understood it and agree to it."
    )
    contract_parties(b)
    contract_sharing(b)
    contract_guidelines_and_body(b)
    contract_feedback(b)
    contract_limits(b)
    contract_procedure(b)
    contract_records(b)
    contract_supervision_and_review(b)
    b.heading("Signatures")
    b.para("By signing below, each party agrees to the terms of this agreement.")
    signatures(b)
    return b


def contract_parties(b: Builder) -> None:
    practitioner = "parties.practitioner"
    sponsor = "parties.sponsor"
    b.heading("{{ clause.parties }}. The parties and the purpose")
    b.para("This agreement is made between:")
    b.bullet(
        f"**The {PRACTITIONER}:** {{{{ {practitioner}.name }}}}, {{{{ {practitioner}.role }}}}"
        f"{{% if {practitioner}.organisation %}}, {{{{ {practitioner}.organisation }}}}"
        "{% endif %}"
    )
    b.bullet(
        f"**The {CLIENT}:** {{{{ parties.client.name }}}}"
        "{% if parties.client.job_title %}, {{ parties.client.job_title }}{% endif %}"
    )
    with b.only_if(sponsor):
        b.bullet(
            f"**The sponsor:** {{{{ {sponsor}.organisation }}}}, represented by "
            f"{{{{ {sponsor}.contact.name }}}}, {{{{ {sponsor}.contact.role }}}}"
        )
        b.para(
            f"This is a three-way agreement. The sponsor has commissioned the {ENGAGEMENT}, and "
            f"agrees with the {CLIENT} and the {PRACTITIONER} what it will and will not be told. "
            f"The sponsor’s interest is in the progress of the {ENGAGEMENT}; what the {CLIENT} "
            f"says in {SESSIONS} belongs to the {CLIENT}."
        )
        with b.only_if(f"{sponsor}.meetings"):
            b.para(f"The {CLIENT}, the {PRACTITIONER} and the sponsor will meet together:")
            with b.for_each(f"meeting in {sponsor}.meetings"):
                b.bullet("{{ meeting|capfirst }}")
            b.para(
                f"In these meetings the {PRACTITIONER} shares nothing beyond what this agreement "
                f"allows; the {CLIENT} decides what else to say."
            )
    with b.only_if(f"{practitioner}.internal"):
        b.para(
            f"**An internal {PRACTITIONER}.** {{{{ {practitioner}.name }}}} works for the same "
            f"organisation as the {CLIENT}. To keep roles, records and reporting lines clear:"
        )
        b.bullet(
            f"In this {ENGAGEMENT}, {{{{ {practitioner}.name }}}} acts only as {PRACTITIONER}. "
            "Nothing learned in it is used in any other role they hold, such as in management, "
            "appraisal, selection, capability or disciplinary matters."
        )
        b.bullet(
            f"The records of the {ENGAGEMENT} are kept apart from personnel and performance "
            "records, and are never added to them. Section {{ clause.records }} says where they "
            "are kept and who can read them."
        )
        b.bullet(
            f"{{{{ {practitioner}.name }}}} does not report on the {ENGAGEMENT} through their "
            f"own line management or the {CLIENT}’s, except as this agreement allows."
        )
    b.heading("Purpose", level=2)
    b.para("{{ purpose }}")
    b.para(
        f"The {ENGAGEMENT} runs from {{{{ dates.start|date }}}}"
        "{% if dates.end %} to {{ dates.end|date }}{% else %} and has no fixed end date{% endif %}."
    )


def contract_sharing(b: Builder) -> None:
    b.heading("{{ clause.shared }}. What will be shared, with whom, how and when")
    b.tag("if confidentiality.shared")
    b.lead_in(
        f"Only the following information about the {ENGAGEMENT} will be shared, with the "
        "people named, in the way and at the time stated."
    )
    table = b.table([50, 40, 40, 30], style="Light List Accent 1",
                    header=["What", "With whom", "How", "When"])
    b.row_tag(table, "for item in confidentiality.shared")
    b.row(table, ["{{ item.what }}", CellList("recipient in item.with_whom", "{{ recipient }}"),
                  "{{ item.how }}", "{{ item.when }}"])
    b.row_tag(table, "endfor")
    b.tag("else")
    b.para(
        f"No information about the {ENGAGEMENT} will be shared with anyone"
        "{% if parties.sponsor %}, including the sponsor{% endif %}"
        "{% if clause.feedback_about_client %}, apart from the summary described in section "
        "{{ clause.feedback_about_client }}{% endif %}."
    )
    b.tag("endif")

    b.heading("{{ clause.not_shared }}. What will not be shared")
    b.para(
        f"The following stays between the {CLIENT} and the {PRACTITIONER}"
        "{% if parties.sponsor %}; it is not shared with the sponsor or with anyone else{% endif %}:"
    )
    with b.for_each("item in confidentiality.not_shared"):
        b.bullet("{{ item|capfirst }}")
    with b.only_if("confidentiality.extra_sharing_needs_written_consent"):
        b.para(
            "Nothing beyond what this agreement sets out will be shared with anyone without the "
            f"{CLIENT}’s written consent, given in advance for that particular item. The only "
            "exceptions are the limits of confidentiality in section {{ clause.limits }}."
        )


def contract_guidelines_and_body(b: Builder) -> None:
    with b.only_if("clause.guidelines"):
        b.heading("{{ clause.guidelines }}. Organisational guidelines")
        b.para(f"These organisational policies bear on confidentiality in this {ENGAGEMENT}:")
        with b.for_each("guideline in organisational_guidelines"):
            b.bullet(
                "**{{ guideline.title }}**"
                "{% if guideline.reference %} ({{ guideline.reference }}){% endif %}"
                "\n{{ guideline.summary }}"
            )
        b.para(
            "Where one of these policies would require something said in confidence to be passed "
            "on, it is passed on only under a limit of confidentiality in section "
            "{{ clause.limits }}, and by the procedure in section {{ clause.procedure }}."
        )

    body = "professional_body"
    code = f"{body}.code_of_ethics"
    b.heading("{{ clause.professional_body }}. The professional body and its code of ethics")
    b.para(
        f"The {PRACTITIONER} works to the code of ethics below, and this agreement is made under "
        f"it. Where the code asks more of the {PRACTITIONER} than this agreement does, the code "
        "applies."
    )
    b.bullet(f"**Professional body:** {{{{ {body}.name }}}}")
    with b.only_if(f"{body}.membership_number"):
        b.bullet(f"**Membership number:** {{{{ {body}.membership_number }}}}")
    b.bullet(
        f"**Code of ethics:** {{{{ {code}.title }}}}"
        f"{{% if {code}.version %}} ({{{{ {code}.version }}}}){{% endif %}}"
    )
    with b.only_if(f"{code}.url"):
        b.bullet(f"**Where to read it:** {{{{ {code}.url }}}}")
    with b.only_if(f"{body}.requirements"):
        b.para("These requirements of the professional body bear on confidentiality:")
        with b.for_each(f"requirement in {body}.requirements"):
            b.bullet("{{ requirement }}")
    b.para(
        f"**Complaints.** The {CLIENT}{{% if parties.sponsor %}}, or the sponsor,{{% endif %}} may "
        f"raise with the {PRACTITIONER} any concern about how confidentiality has been handled, "
        f"and may also complain to the professional body, {{{{ {body}.name }}}}. How to "
        "complain is set out at "
        f"{{{{ {body}.complaints_url }}}}."
    )


def contract_feedback(b: Builder) -> None:
    with b.only_if("clause.feedback_about_client"):
        b.heading(f"{{{{ clause.feedback_about_client }}}}. Feedback about the {CLIENT}")
        b.para(
            "{% if parties.sponsor %}The sponsor{% else %}The organisation{% endif %} requires a "
            f"summary about the {CLIENT}. It is given as follows:"
        )
        feedback_about_client_details(b)

    with b.only_if("clause.feedback_from_others"):
        b.heading("{{ clause.feedback_from_others }}. Feedback from others")
        b.para(
            f"Feedback about the {CLIENT} will be gathered from people who work with them, "
            f"{{% if {INTERVIEWS} %}}in interviews. What they say is reported as patterns across "
            "the interviews, never by name, role or relationship."
            "{% else %}through a survey.{% endif %}"
        )
        b.para("The level of anonymity, agreed in advance, is:")
        for level, text in ANONYMITY.items():
            with b.only_if(f"{OTHERS}.anonymity == '{level}'"):
                b.para(text)
        b.para(
            f"The feedback report goes to {{{{ {OTHERS}.report_recipients|and_list }}}}. The annex "
            "“Feedback anonymity annex”, which forms part of this agreement, sets out the details: "
            "the minimum numbers of respondents, what happens when too few respond, and how "
            "written comments are treated."
        )


def contract_limits(b: Builder) -> None:
    b.heading("{{ clause.limits }}. The limits of confidentiality")
    b.para(
        "Total confidentiality cannot be promised. The law, the rules of the organisation and "
        "concern for someone’s safety or wellbeing can each require information to be passed "
        f"on. The {PRACTITIONER} will therefore break confidentiality only on one of the grounds "
        "below, each set out in a clause of its own, and only by the procedure in section "
        "{{ clause.procedure }}. No other reason is enough."
    )
    with b.for_each("limit in confidentiality.limits"):
        b.clause("{{ clause.limit[limit.id] }}",
                 "**{{ limit.ground|capfirst }}.** {{ limit.description }}")


def contract_procedure(b: Builder) -> None:
    procedure = "disclosure_procedure"
    b.heading("{{ clause.procedure }}. Breaking confidentiality: the procedure")
    b.para(
        f"If something comes up in a {SESSION} that may mean confidentiality has to be broken, "
        f"the {PRACTITIONER} will:"
    )
    b.step("Stop and think about what to do next, before taking any action.")
    b.step(
        f"Check with the {CLIENT} that what the {PRACTITIONER} heard is what the {CLIENT} meant, "
        "and whether it really is something that would have to be disclosed."
    )
    b.step(
        f"Pause the {SESSION} and tell the {CLIENT} plainly that a confidentiality issue has "
        "arisen and needs to be dealt with straight away."
    )
    b.step(
        "Look at the issue together: what has happened, who is involved, when, and how. This "
        "honest clarification may well show that no disclosure is needed."
    )
    with b.only_if(f"{procedure}.consent_sought_first"):
        b.step(
            f"If a disclosure is needed, seek the {CLIENT}’s agreement to it before anything is "
            "disclosed, pointing to this section of the agreement."
        )
    with b.only_if(f"{procedure}.self_disclosure_support"):
        b.step(
            f"Offer the {CLIENT} the chance to make the disclosure themselves, with support: "
            f"agree who it should be made to, and talk through what it may mean for the {CLIENT} "
            f"and for the {PRACTITIONER}"
            f"{{% if {procedure}.practitioner_present %}}, and offer to be present when it is "
            "made{% endif %}."
        )
    b.step(
        f"Not collude in avoiding the issue. The {CLIENT} may have put off dealing with it for a "
        f"long time; the {PRACTITIONER} will not become part of that pattern, will act "
        "professionally, following the code of ethics and this procedure, and, if the issue is "
        "not resolved as agreed, will come back to it until it is properly dealt with."
    )
    b.step(
        f"If the {CLIENT} does not agree to the disclosure, point to sections {{{{ clause.limits }}}} and "
        "{{ clause.procedure }} of this agreement and to the "
        "{{ professional_body.code_of_ethics.title }}, which require the disclosure to be made, "
        f"by the {CLIENT} or by the {PRACTITIONER}. Consider how the disclosure will affect the "
        f"{CLIENT}, and look into the reasons for the refusal: for example, whether pressure "
        "from within the organisation lies behind it."
    )
    b.step(
        "Disclose only the specific information that the ground requires, and nothing more, "
        "keeping facts apart from opinion."
    )
    b.step(
        f"Agree with the {CLIENT} how the disclosure will be made (its form, time and place) or, "
        f"where agreement is not possible, tell them. The {CLIENT} will be told in writing "
        f"{{% if {procedure}.notice_days %}}at least {{{{ {procedure}.notice_days|days }}}} "
        "before it is made{% else %}before it is made{% endif %}, so that they can prepare, "
        "unless giving notice would put someone at risk or defeat the purpose of the "
        "disclosure; the reason for any shorter notice is recorded."
    )
    with b.only_if(f"{procedure}.supervision_consulted"):
        b.step(f"Consult their supervisor before disclosing, without naming the {CLIENT}.")
    b.step(
        "Record the decision and the reasons for it, what was disclosed, to whom, and on what "
        "basis."
    )
    with b.only_if(f"{procedure}.relationship_review"):
        b.step(
            f"Once the matter is resolved, review the relationship with the {CLIENT}, as section "
            "{{ clause.review }} describes."
        )


def contract_records(b: Builder) -> None:
    records = "records"
    b.heading("{{ clause.records }}. Records and data protection")
    b.lead_in(f"The records of the {ENGAGEMENT} are kept as follows.")
    table = b.table([50, 110])
    set_table_look(table, first_row=False, first_column=True)
    b.row(table, ["Records kept", CellList(f"record in {records}.kept", "{{ record|capfirst }}",
                                           "List Bullet")], bold_first=True)
    b.row_tag(table, f"if {records}.special_category")
    b.row(table, ["Special-category data",
                  "The records may include special-category data, such as information about "
                  f"health. It is recorded only where the {ENGAGEMENT} needs it, and protected "
                  "with particular care."], bold_first=True)
    b.row_tag(table, "endif")
    b.row(table, ["Where they are kept",
                  f"{{{{ {records}.storage|capfirst }}}}{{% if {records}.organisation_can_read %}}. "
                  "**Please note:** because the records are on the organisation’s systems, the "
                  "organisation is able to read them.{% endif %}"], bold_first=True)
    b.row(table, ["Who can read them", CellList(f"reader in {records}.access",
                                                 "{{ reader|capfirst }}", "List Bullet")],
          bold_first=True)
    b.row(table, ["How long they are kept", f"{{{{ {records}.retention|capfirst }}}}"],
          bold_first=True)
    b.row_tag(table, f"if {records}.destruction")
    b.row(table, ["How they are destroyed", f"{{{{ {records}.destruction|capfirst }}}}"],
          bold_first=True)
    b.row_tag(table, "endif")
    b.row(table, ["Data controller", f"{{{{ {records}.controller }}}}"], bold_first=True)
    b.after_table(b.para(
        f"The {CLIENT} has the right to see the records held about them, to have anything "
        "inaccurate corrected, to ask for records to be erased (a right that is not absolute: "
        "some records must be kept, for example for legal reasons), and to ask for their use to "
        "be restricted. A request to see the records, known as a subject access request, is "
        "answered within one month; a complex request may take up to two months more, and the "
        f"{CLIENT} will be told if it does. Requests go to the data controller, "
        f"{{{{ {records}.controller }}}}."
    ))
    b.para(
        f"Courts and the police can require the records, including notes of {SESSIONS}, to be "
        "handed over."
    )


def contract_supervision_and_review(b: Builder) -> None:
    supervision = "confidentiality.supervision"
    b.heading("{{ clause.supervision }}. Supervision")
    b.tag(f"if {supervision}.discussed")
    b.para(
        f"The {PRACTITIONER} discusses their work with a professional supervisor"
        "{% if parties.supervisor %}, {{ parties.supervisor.name }}{% endif %}, to keep their "
        f"practice safe and effective. {{% if {supervision}.anonymised %}}The {CLIENT} is never "
        "named in supervision, and details that would identify them are left out."
        f"{{% else %}}The {CLIENT} may be named in supervision; the supervisor keeps what they "
        "hear confidential.{% endif %}"
    )
    b.tag("else")
    b.para(f"The {PRACTITIONER} does not discuss the {CLIENT} with a supervisor.")
    b.tag("endif")

    b.heading("{{ clause.review }}. Reviewing the relationship")
    b.para(
        f"The {CLIENT} and the {PRACTITIONER}"
        "{% if parties.sponsor %}, and the sponsor where it concerns them,{% endif %} may ask to "
        "review this agreement at any time. Any change is made in writing and signed by everyone "
        "who signed this agreement."
    )
    with b.only_if("disclosure_procedure.relationship_review"):
        b.para(
            f"If confidentiality has had to be broken, the {PRACTITIONER} and the {CLIENT} will "
            "review their relationship once the matter is resolved. They will consider how each "
            "of them feels; what the effect has been; whether both can carry on without judgement "
            "and on the terms of this agreement; whether any values or beliefs are affected; and "
            f"whether the {ENGAGEMENT} can still be as effective as before. The {CLIENT} may wish "
            "to continue, and either of them may decide not to."
        )


# -- the feedback annex ------------------------------------------------------------------------------


def build_annex() -> Builder:
    b = Builder(
        title="Feedback anonymity annex",
        subject="How feedback from others is gathered and reported (confdocs template)",
        header="Feedback anonymity annex · {{ id }}",
    )
    b.title("Feedback anonymity annex")
    b.subtitle("{{ title }}")
    document_reference(b)
    b.para(
        f"This annex forms part of the confidentiality agreement for this {ENGAGEMENT}, agreed on "
        "{{ dates.agreed|date }}{% if clause.feedback_from_others %}, and gives the details of its "
        "section {{ clause.feedback_from_others }}{% endif %}. It sets out how feedback about the "
        f"{CLIENT} is gathered and reported, and how the people who give it are protected. It is "
        "agreed before any feedback is gathered, so that everyone asked for feedback can be told "
        "how their answers will be used."
    )

    with b.only_if("clause.feedback_about_client"):
        b.heading(f"Feedback about the {CLIENT}")
        b.para(
            "Separately from the feedback from others below, "
            "{% if parties.sponsor %}the sponsor{% else %}the organisation{% endif %} receives a "
            f"summary about the {CLIENT}, as section {{{{ clause.feedback_about_client }}}} of "
            "the agreement sets out:"
        )
        feedback_about_client_details(b)

    b.heading("How feedback is gathered")
    b.tag(f"if {INTERVIEWS}")
    b.para(
        f"Feedback is gathered in interviews with people who work with the {CLIENT}. What they "
        "say is reported as patterns and themes across all the interviews, never by name, role "
        f"or relationship to the {CLIENT}."
    )
    b.tag("else")
    b.para(f"Feedback is gathered through a survey of people who work with the {CLIENT}.")
    b.tag("endif")

    b.heading("How anonymous it is")
    b.para("The level of anonymity agreed is:")
    for level, text in ANONYMITY.items():
        with b.only_if(f"{OTHERS}.anonymity == '{level}'"):
            b.para(text)

    categories = f"{OTHERS}.categories"
    with b.only_if(categories):
        b.heading("Rater categories", level=2)
        b.lead_in(
            "Feedback is grouped into these categories. A category is reported on its own only "
            "when at least its minimum number of people have responded."
        )
        table = b.table([60, 40, 60], style="Light List Accent 1",
                        header=["Category", "Minimum respondents", "Identified"])
        b.row_tag(table, f"for category in {categories}")
        b.row(table, [
            "{{ category.name }}",
            "{{ category.minimum_respondents }}",
            "{% if category.identified %}Yes: identified by nature; the report says so"
            "{% else %}No{% endif %}",
        ])
        b.row_tag(table, "endfor")
        with b.only_if(f"true in {categories}|map(attribute='identified')"):
            b.after_table(b.para(
                "A category marked “Yes” is one whose raters can be identified by its nature, "
                f"such as the {CLIENT}’s single line manager. The report says so wherever it "
                "shows that category, and those raters are told before they respond."
            ))

    minimum = f"{OTHERS}.minimum_total"
    with b.only_if(f"{minimum} or {categories}"):
        b.heading("Minimum numbers")
        with b.only_if(minimum):
            b.para(
                f"No report is produced unless at least {{{{ {minimum} }}}} "
                f"{{% if {minimum} == 1 %}}person has{{% else %}}people have{{% endif %}} given "
                f"feedback in all{{% if not {categories} %}}. If fewer respond, the remedy is to "
                "invite more people to give feedback{% endif %}."
            )
        with b.only_if(categories):
            b.para(
                "If a category has fewer responses than its minimum, "
                f"{{% if {OTHERS}.below_minimum == 'omit' %}}its scores and comments are left "
                "out of the report{% else %}its scores and comments are not shown separately, "
                "but are merged into an overall “all raters” figure{% endif %}. This protects the "
                "people in small groups. The remedy for a category that is too small is to invite "
                "more raters to it, never to lower its minimum."
            )

    comments = f"{OTHERS}.comments"
    b.heading("Written comments")
    named = f"{OTHERS}.anonymity == 'named'"
    with b.only_if(f"{comments} == 'verbatim'"):
        b.para(
            f"{{% if {INTERVIEWS} %}}Quotations from the interviews may be used to illustrate the "
            "patterns. They are reported word for word, but without saying who said them, and in "
            f"shuffled order, so that their order gives nothing away.{{% elif {named} %}}Written "
            "comments are reported word for word, with the name of the person who wrote them."
            "{% else %}Written comments are reported word for word, but without saying who wrote "
            "them, and in shuffled order, so that their order gives nothing away.{% endif %}"
        )
    with b.only_if(f"{comments} == 'themed'"):
        b.para(
            "Comments are not quoted. They are summarised as themes drawn from "
            f"{{% if {INTERVIEWS} %}}all the interviews{{% else %}}all the comments{{% endif %}} "
            "together."
        )
    with b.only_if(f"{comments} == 'excluded'"):
        b.para(
            f"{{% if {INTERVIEWS} %}}No one is quoted in the report.{{% else %}}Written comments "
            "are not included in the report.{% endif %}"
        )
    with b.only_if(f"{comments} != 'excluded' and not ({named} and not {INTERVIEWS})"):
        b.para(
            "Everyone asked for feedback is warned that specific details in what they say, such "
            "as a particular event or a turn of phrase, can identify them even when their name "
            "is not given."
        )

    b.heading("Who receives the report")
    b.para(
        f"The feedback report is given to {{{{ {OTHERS}.report_recipients|and_list }}}}"
        "{% if confidentiality.extra_sharing_needs_written_consent %}, and to no one else without "
        f"the {CLIENT}’s written consent{{% endif %}}."
    )

    b.heading("Acknowledgement")
    b.para(
        f"By signing below, the {CLIENT}{{% if parties.sponsor %}}, the {PRACTITIONER} and the "
        f"sponsor{{% else %}} and the {PRACTITIONER}{{% endif %}} confirm that these "
        "arrangements were agreed before any feedback was gathered."
    )
    signatures(b)
    return b


# -- the disclosure notice ---------------------------------------------------------------------------


def build_notice() -> Builder:
    d = "disclosure"
    practitioner = "parties.practitioner"
    b = Builder(
        title="Notice of disclosure",
        subject="A letter telling the client of a disclosure of confidential information "
                "(confdocs template)",
        header="Private and confidential · Disclosure notice {{ disclosure.id }} · {{ id }}",
    )
    letterhead = [
        b.para(f"**{{{{ {practitioner}.name }}}}**"),
        *notice_optional_line(b, f"{practitioner}.organisation"),
        b.para(f"{{{{ {practitioner}.email }}}}"),
        *notice_optional_line(b, f"{practitioner}.phone"),
    ]
    for paragraph in letterhead:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_after = Pt(0)
    date = b.para(f"{{{{ {d}.notice_date|date }}}}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.paragraph_format.space_before = Pt(12)
    date.paragraph_format.space_after = Pt(12)

    b.lines("**Private and confidential**", "{{ parties.client.name }}")
    with b.for_each("line in parties.client.address"):
        b.lines("{{ line }}")
    b.doc.paragraphs[-1].paragraph_format.space_after = Pt(0)
    b.para("Dear {{ parties.client.name }}").paragraph_format.space_before = Pt(18)
    b.para(
        "**Notice of disclosure under clause {{ limit_clause }} of our confidentiality "
        "agreement**"
    )
    b.para(
        f"I am writing to let you know that I need to disclose some information from our "
        f"{ENGAGEMENT}, and to explain exactly what will be disclosed, to whom, why and how, "
        "before it happens."
    )
    b.para(
        "Our confidentiality agreement of {{ dates.agreed|date }} (reference {{ id }}) sets out, "
        "in clause {{ limit_clause }}, one of the limits of confidentiality we agreed:"
    )
    quote = b.para("{{ limit.description }}", "Quote")
    quote.paragraph_format.left_indent = quote.paragraph_format.right_indent = Mm(10)
    b.para("I have concluded that this clause now applies.")

    b.heading("What will be disclosed", level=2)
    b.para("I will disclose only the following, and nothing more:")
    with b.for_each(f"item in {d}.information"):
        b.bullet("{{ item }}")

    b.heading("To whom, and why", level=2)
    b.bullet(
        f"**To:** {{{{ {d}.recipient.name }}}}, {{{{ {d}.recipient.role }}}}"
        f"{{% if {d}.recipient.organisation %}}, {{{{ {d}.recipient.organisation }}}}{{% endif %}}"
    )
    b.bullet(f"**Why:** {{{{ {d}.reason }}}}")
    with b.only_if(f"{d}.legal_basis"):
        b.bullet(f"**Legal basis:** {{{{ {d}.legal_basis }}}}")

    form = f"{d}.method.form"
    b.heading("How and when", level=2)
    b.bullet(
        f"**How:** {{% if {form} == 'meeting' %}}in a meeting"
        f"{{% elif {form} == 'letter' %}}by letter"
        f"{{% elif {form} == 'email' %}}by email"
        "{% else %}by telephone{% endif %}"
    )
    b.bullet(f"**Date:** {{{{ {d}.disclosure_date|date }}}}")
    with b.only_if(f"{d}.method.time"):
        b.bullet(f"**Time:** {{{{ {d}.method.time|time }}}}")
    with b.only_if(f"{d}.method.place"):
        b.bullet(f"**Place:** {{{{ {d}.method.place }}}}")
    b.para(
        "{% if notice_days_given == 0 %}The disclosure will be made on the date of this letter, "
        "so I cannot give you notice in advance.{% else %}This gives you "
        "{% if notice_days_given == 1 %}one day’s notice"
        "{% else %}{{ notice_days_given|days }}’ notice{% endif %}, so that you can prepare."
        "{% endif %}"
    )
    with b.only_if(f"{d}.no_notice_reason"):
        b.para(
            "{% if notice_days_given is lt(disclosure_procedure.notice_days) %}This is less notice "
            "than the {{ disclosure_procedure.notice_days|days }} our agreement provides for. "
            f"{{% endif %}}{{{{ {d}.no_notice_reason }}}}"
        )

    body = "professional_body"
    b.heading("Your consent", level=2)
    with b.only_if(f"{d}.consent == 'given'"):
        b.para(
            "You have given your consent to this disclosure, and this letter confirms what we "
            f"agreed.{{% if {d}.consent_note %}} {{{{ {d}.consent_note }}}}{{% endif %}}"
        )
    with b.only_if(f"{d}.consent == 'refused'"):
        b.para(
            "You have told me that you do not agree to this disclosure. I have to make it "
            "nonetheless: clause {{ limit_clause }} of our agreement, and the "
            f"{{{{ {body}.code_of_ethics.title }}}} ({{{{ {body}.name }}}}), which I follow, "
            "require it, whether you make it yourself or I do."
        )
        with b.only_if(f"{d}.consent_note"):
            b.para(
                "I have considered your refusal, and your reasons for it, carefully. "
                f"{{{{ {d}.consent_note }}}}"
            )
    with b.only_if(f"{d}.consent == 'not_sought'"):
        b.para(
            "I have not asked for your consent to this disclosure; clause {{ limit_clause }} of "
            "our agreement allows me to make it without your consent."
            f"{{% if {d}.consent_note %}} {{{{ {d}.consent_note }}}}{{% endif %}}"
        )

    with b.only_if(f"{d}.client_may_disclose_first"):
        b.heading("Making the disclosure yourself", level=2)
        b.para(
            "If you would prefer, you can make this disclosure yourself before "
            f"{{{{ {d}.disclosure_date|date }}}}. I will support you in doing so"
            f"{{% if {d}.practitioner_present %}}, and I can be with you when you make it"
            "{% else %}, although I will not be present when you make it{% endif %}. Please let "
            "me know as soon as you can if you would like to do this, so that we can agree how."
        )

    with b.only_if(f"{d}.support_offered"):
        b.heading("Support", level=2)
        b.para(f"Support is available to you, if you would like it: {{{{ {d}.support_offered }}}}.")

    b.heading("After the disclosure", level=2)
    with b.only_if(f"{d}.further_use"):
        b.para(
            f"I have agreed with {{{{ {d}.recipient.name }}}} these limits on any further use of "
            f"the information: {{{{ {d}.further_use }}}}."
        )
    b.para(
        f"I will keep a record of this disclosure with the records of our {ENGAGEMENT}: the "
        "decision and the reasons for it, what was disclosed, to whom, and on what basis."
    )
    with b.only_if(f"{d}.review_date"):
        b.para(
            "Once this is resolved, I would like us to review our working relationship together"
            "{% if disclosure_procedure.relationship_review %}, as our agreement provides"
            "{% endif %}: how we each feel about continuing, and whether the "
            f"{ENGAGEMENT} can still be as useful to you as before. I suggest we meet on "
            f"{{{{ {d}.review_date|date }}}}."
        )

    b.heading("Questions and concerns", level=2)
    b.para(
        "If you have any questions, or if anything in this letter is not accurate, please "
        f"contact me{{% if notice_days_given %}} before {{{{ {d}.disclosure_date|date }}}}"
        "{% endif %}, at "
        f"{{{{ {practitioner}.email }}}}{{% if {practitioner}.phone %}} or on "
        f"{{{{ {practitioner}.phone }}}}{{% endif %}}. If you are unhappy with how this has been "
        "handled, you can complain to the professional body, "
        f"{{{{ {body}.name }}}}, as set out at {{{{ {body}.complaints_url }}}}."
    )

    closing = b.para("Yours sincerely")
    closing.paragraph_format.space_before = Pt(12)
    closing.paragraph_format.keep_with_next = True
    line = b.para(SIGNATURE_LINE)
    line.paragraph_format.space_before = Pt(30)
    line.paragraph_format.keep_with_next = True
    line.paragraph_format.space_after = Pt(0)
    name = b.para(f"{{{{ {practitioner}.name }}}}")
    name.paragraph_format.keep_with_next = True
    name.paragraph_format.space_after = Pt(0)
    b.para(
        f"{{{{ {practitioner}.role }}}}"
        f"{{% if {practitioner}.organisation %}}, {{{{ {practitioner}.organisation }}}}{{% endif %}}"
    )
    return b


def notice_optional_line(b: Builder, field: str) -> list[Paragraph]:
    """A letterhead line printed only when ``field`` is set."""
    b.tag(f"if {field}")
    line = b.para(f"{{{{ {field} }}}}")
    b.tag("endif")
    return [line]


# -- main ---------------------------------------------------------------------------------------------

TEMPLATES = {
    "contract.docx": build_contract,
    "feedback-annex.docx": build_annex,
    "disclosure-notice.docx": build_notice,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the templates (default: templates/)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite existing templates (they may hold edits made in Word)")
    args = parser.parse_args(argv)

    out: Path = args.out
    existing = [name for name in TEMPLATES if (out / name).exists()]
    if existing and not args.force:
        print(f"{out}: {', '.join(existing)} already exist(s); the .docx files are now the "
              "source of truth. Use --force to overwrite them.", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        build().save(out / name)
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())

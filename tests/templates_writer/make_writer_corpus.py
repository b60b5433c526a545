#!/usr/bin/python3
"""Make templates the way an HR editor using LibreOffice Writer makes them: a new Writer document,
the text typed in through LibreOffice's own API (paragraph by paragraph, with Writer's comments,
Track Changes, text frames, footnotes, page styles, tables, fields and pictures), saved by Writer
as a Word document. One case per item of issue 12, and the cases of issue 23 (sections deleted
from the shipped contract, AutoCorrect, URL Recognition, section breaks and inline blocks).

The templates are stored once, as test data, with expected.json: for each case the findings that
`confdocs templates check` must give (code, severity and place, written here by hand from what the
case does, never copied from the checker) and what `confdocs build` must do with it.
tests/lint/test_writer_corpus.py and
tests/acceptance/test_writer_corpus.py assert them.

It needs LibreOffice and its Python bridge (Debian: libreoffice-writer-nogui python3-uno), and runs
with the system's Python, which has the bridge:

    /usr/bin/python3 tests/templates_writer/make_writer_corpus.py

Writer stamps the time of saving into each file, so running it again changes the files' bytes (not
what they hold); run it only to add or change a case.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK  # type: ignore[import-not-found]
from com.sun.star.text.TextContentAnchorType import AS_CHARACTER  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent
LOGO = HERE.parent / "data" / "pictures" / "logo.png"
PIPE = f"confdocs_corpus_{os.getpid()}"
WORD = "MS Word 2007 XML"
WORD_TEMPLATE = "MS Word 2007 XML Template"
ODT = "writer8"

CLIENT = "The client: {{ parties.client.name }}"


def prop(name: str, value: Any) -> Any:
    made = PropertyValue()
    made.Name, made.Value = name, value
    return made


class Writer:
    """One Writer document being typed in."""

    def __init__(self, desktop: Any) -> None:
        self.doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0,
                                                (prop("Hidden", True),))
        self.text = self.doc.Text
        self.cursor = self.text.createTextCursor()
        self.first = True

    def paragraph(self, text: str = "", **properties: Any) -> Writer:
        """A new paragraph holding ``text`` (the first fills the document's empty one)."""
        if not self.first:
            self.text.insertControlCharacter(self.cursor, PARAGRAPH_BREAK, False)
        self.first = False
        for name, value in properties.items():
            self.cursor.setPropertyValue(name, value)
        if text:
            self.type(text)
        return self

    def type(self, text: str) -> Writer:
        """Text typed at the end, split at tabs into text and tab characters."""
        for index, piece in enumerate(text.split("\t")):
            if index:
                self.text.insertString(self.cursor, "\t", False)
            self.text.insertString(self.cursor, piece, False)
        return self

    def insert(self, content: Any) -> Writer:
        self.text.insertTextContent(self.cursor, content, False)
        return self

    def create(self, service: str) -> Any:
        return self.doc.createInstance(service)

    def table(self, rows: list[list[str]], repeat_heading: bool = True) -> Any:
        """A table as Writer's Table, Insert Table makes it (with its borders), filled in."""
        self.paragraph("")
        table = self.create("com.sun.star.text.TextTable")
        table.initialize(len(rows), len(rows[0]))
        self.insert(table)
        table.RepeatHeadline = repeat_heading
        table.HeaderRowCount = 1 if repeat_heading else 0
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.getCellByPosition(c, r).setString(value)
        return table

    def save(self, path: Path, filter_name: str = WORD) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.storeToURL(uno.systemPathToFileUrl(str(path)), (prop("FilterName", filter_name),))
        self.doc.close(True)


# --- the cases -----------------------------------------------------------------------------------
# Each makes one document and says where to save it, what `templates check` finds and what a build
# with it as the organisation's contract.docx does.

Expectation = dict[str, Any]


def error(code: str, place: str) -> dict[str, str]:
    return {"code": code, "severity": "error", "place": place}


def warning(code: str, place: str) -> dict[str, str]:
    return {"code": code, "severity": "warning", "place": place}


def tracked_changes(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("Job title: ")
    w.type("{{ parties.client.job_title }}")
    w.doc.RecordChanges = True  # the editor turns Track Changes on, and deletes the job title
    w.cursor.goLeft(len("{{ parties.client.job_title }}"), True)
    w.cursor.setString("")
    return {"item": "1: build refuses a template with tracked changes",
            "findings": [warning("track-changes-on", "document settings"),
                         error("tracked-changes", 'body paragraph 3 ("Job title:")')],
            "build": {"exit": 1, "contract": False}}


def row_with_text(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.table([["Limit", "Who can read them"],
             ["{%tr for limit in confidentiality.limits %}", "Who can read them"],
             ["{{ limit.description }}", "{{ limit.ground }}"],
             ["{%tr endfor %}", ""]])
    w.paragraph("End.")
    return {"item": "1: build refuses a {%tr %} row that also holds text",
            "findings": [error("tag-not-alone",
                               'table 1, row 2, cell 1 ("{%tr for limit in confidentiality.limits...")')],
            "build": {"exit": 1, "contract": False}}


def p_tag_in_frame(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT).paragraph("Anchor.")
    frame = w.create("com.sun.star.text.TextFrame")
    frame.Width, frame.Height = 6000, 3000
    w.insert(frame)
    inside = frame.Text
    at = inside.createTextCursor()
    inside.insertString(at, "{%p if parties.sponsor %}", False)
    inside.insertControlCharacter(at, PARAGRAPH_BREAK, False)
    inside.insertString(at, "Sponsor: {{ parties.sponsor.organisation }}", False)
    inside.insertControlCharacter(at, PARAGRAPH_BREAK, False)
    inside.insertString(at, "{%p endif %}", False)
    w.paragraph("After the frame.")
    return {"item": "1: build refuses a {%p %} tag inside a text frame",
            "findings": [error("tag-misplaced", 'body paragraph 4 ("{%p if parties.sponsor %}")'),
                         error("tag-misplaced", 'body paragraph 6 ("{%p endif %}")')],
            "build": {"exit": 1, "contract": False}}


def deleted_endif(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("{%p if parties.sponsor %}").paragraph("The sponsor is {{ parties.sponsor.organisation }}.")
    w.paragraph("Signatures")
    return {"item": "1: compile errors read as check reads (a deleted {% endif %})",
            "findings": [error("block-unclosed", 'body paragraph 3 ("{%p if parties.sponsor %}")')],
            "build": {"exit": 1, "contract": False,
                      "stderr": "{%p if parties.sponsor %} is never closed"}}


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _word_document_with_comment(path: Path) -> None:
    """A small Word document whose second paragraph carries an editor's comment, as Word stores
    it (Writer 7.4 cannot save a comment typed in through its API, so the case is a template
    from Word that an editor opens and saves again in Writer)."""
    import zipfile

    body = (f'<w:document {_W}><w:body><w:p><w:r><w:t>Confidentiality agreement</w:t></w:r></w:p>'
            '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>' + CLIENT + '</w:t></w:r>'
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
            "</w:body></w:document>")
    comments = (f'<w:comments {_W}><w:comment w:id="0" w:author="HR Editor" w:initials="HE" '
                'w:date="2026-03-02T10:15:00Z"><w:p><w:r><w:t>Legal name as on the passport? '
                "Check with HR.</w:t></w:r></w:p></w:comment></w:comments>")
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
            f'<Override PartName="/word/comments.xml" ContentType="{main}.comments+xml"/></Types>'))
        package.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"))
        package.writestr("word/_rels/document.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_R}/comments" Target="comments.xml"/>'
            "</Relationships>"))
        package.writestr("word/document.xml", body)
        package.writestr("word/comments.xml", comments)


def comment(w: Writer) -> Expectation:
    w.doc.close(True)
    w.doc = None  # saved by a LibreOffice of its own: see convert()
    return {"item": "2: comments never reach a document; check lists them (a template from Word "
                    "with a comment, opened and saved again in Writer)",
            "convert": _word_document_with_comment,
            "findings": [warning("comment", 'body paragraph 2 ("The client: {{ parties.client.name }}")')],
            "build": {"exit": 0, "contract": True, "absent": ["HR Editor", "passport"]}}


def convert(make_source: Callable[[Path], None], target: Path) -> None:
    """Open a Word document in Writer and save it again as one (soffice --convert-to, in a
    LibreOffice of its own: Writer 7.4 driven through its API fails saving comments to Word)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / target.name
        make_source(source)
        out = Path(folder) / "out"
        subprocess.run([shutil.which("soffice") or "soffice", "--headless", "--norestore",
                        f"-env:UserInstallation={uno.systemPathToFileUrl(folder + '/profile')}",
                        "--convert-to", f"docx:{WORD}", "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=120)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(out / target.name, target)


def track_changes_on(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.doc.RecordChanges = True  # left recording, nothing changed
    return {"item": "2: Track Changes left on is off in documents; check warns",
            "findings": [warning("track-changes-on", "document settings")],
            "build": {"exit": 0, "contract": True, "absent": ["trackRevisions"]}}


def section_break(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("{%p if parties.sponsor %}").paragraph("The sponsor is {{ parties.sponsor.organisation }}.")
    w.paragraph("{%p endif %}")
    # The editor gives the signatures a landscape page: Writer ends the portrait section in the
    # paragraph before, the {%p endif %}.
    w.paragraph("Signatures", PageDescName="Landscape")
    return {"item": "2: a section break held by a {%p endif %} paragraph is kept",
            "findings": [],
            "build": {"exit": 0, "contract": True, "sections": ["portrait", "landscape"]}}


def tag_row_borders(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    table = w.table([["Limit", "Ground"],
                     ["{%tr for limit in confidentiality.limits %}", ""],
                     ["{{ limit.description }}", "{{ limit.ground }}"],
                     ["{%tr endfor %}", ""]])
    # The editor takes the lines off the repeated row (Table Properties, Borders): the only
    # bottom line of the loop is then the {%tr endfor %} row's.
    none = uno.createUnoStruct("com.sun.star.table.BorderLine2")
    for column in ("A3", "B3"):
        table.getCellByName(column).BottomBorder = none
    for column in ("A4", "B4"):
        table.getCellByName(column).TopBorder = none
    w.paragraph("End.")
    return {"item": "2: borders carried only by a {%tr %} tag row are warned about",
            "findings": [warning("tag-row-borders", 'table 1, row 4, cell 1 ("{%tr endfor %}")')],
            "build": {"exit": 0, "contract": True}}


def tag_rows_carry_borders(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    # A table of the loop alone: Writer draws its top line as a border of the first row, the
    # {%tr for %} row, and each later line as the bottom border of the row above it.
    w.table([["{%tr for limit in confidentiality.limits %}", ""],
             ["{{ limit.description }}", "{{ limit.ground }}"],
             ["{%tr endfor %}", ""]], repeat_heading=False)
    w.paragraph("End.")
    return {"item": "2: the borders only {%tr %} tag rows drew are carried onto the repeated row",
            "findings": [warning("table-no-header",
                                 'table 1, row 1, cell 1 ("{%tr for limit in confidentiality.limits...")')],
            "build": {"exit": 0, "contract": True, "first_row_sides": ["top", "bottom"]}}


def capital_name(w: Writer) -> Expectation:
    w.paragraph("Our own wording for {{ parties.client.name }}.")
    return {"item": "3: Contract.docx (Writer's Save As offers the title) replaces no template",
            "save_as": "Contract.docx", "findings": [],
            "build": {"exit": 2, "contract": False,
                      "stderr": "Contract.docx replaces no template; did you mean contract.docx?"}}


def dotx(w: Writer) -> Expectation:
    w.paragraph("Our own wording for {{ parties.client.name }}.")
    return {"item": "3: contract.dotx replaces no template", "save_as": "contract.dotx",
            "filter": WORD_TEMPLATE, "findings": None,
            "build": {"exit": 2, "contract": False,
                      "stderr": "save it as a Word Document (.docx) named contract.docx"}}


def owner_file(w: Writer) -> Expectation:
    w.paragraph("Our own wording for {{ parties.client.name }}.")
    return {"item": "3: Word's owner file beside the template is ignored", "findings": [],
            "beside": {"~$ntract.docx": "HR Editor"},
            "build": {"exit": 0, "contract": True, "text": "Our own wording for"}}


def odt_named_docx(w: Writer) -> Expectation:
    w.paragraph("Our own wording for {{ parties.client.name }}.")
    return {"item": "3: a template that is not a Word document is a usage error (2)",
            "filter": ODT,
            "findings": [error("template-unreadable", "")],
            "build": {"exit": 2, "contract": False}}


def ampersand(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement")
    w.paragraph('Between {{ parties.client.name ~ " & " ~ parties.practitioner.name }}.')
    w.paragraph('{% if kind == "coaching" %}Coaching & mentoring{% endif %}')
    return {"item": "4: an & typed in a tag's string comes out as &", "findings": [],
            "build": {"exit": 0, "contract": True,
                      "text": "Between Jonah Whitfield & ", "not_text": "&amp;"}}


def pictures_in_header_and_body(w: Writer) -> Expectation:
    style = w.doc.StyleFamilies.getByName("PageStyles").getByName("Standard")
    style.HeaderIsOn = True
    header = style.HeaderText
    graphic_provider = SMGR.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", CTX)
    graphic = graphic_provider.queryGraphic((prop("URL", uno.systemPathToFileUrl(str(LOGO))),))

    def picture(description: str) -> Any:
        made = w.create("com.sun.star.text.TextGraphicObject")
        made.Graphic = graphic
        made.AnchorType = AS_CHARACTER
        made.Width, made.Height = 2000, 2000
        made.Description = description
        return made

    at = header.createTextCursor()
    header.insertString(at, "{{ parties.client.name }} ", False)
    header.insertTextContent(at, picture("Our logo"), False)
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("").insert(picture("Our logo again"))
    w.paragraph("Signatures")
    return {"item": "4: picture ids are unique across the document", "findings": [],
            "build": {"exit": 0, "contract": True, "unique_picture_ids": 2}}


def merge_paragraphs(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    # docxtpl's documented way of joining paragraphs (its merge_paragraph test template).
    w.paragraph("The agreement is")
    w.paragraph("{%- if parties.sponsor -%}")
    w.paragraph(" three-way")
    w.paragraph("{%- else -%}")
    w.paragraph(" two-way")
    w.paragraph("{%- endif -%}")
    w.paragraph(".")
    return {"item": "4: docxtpl's {%- -%} paragraph merging is no block-level-mismatch",
            "findings": [],
            "build": {"exit": 0, "contract": True, "text": "The agreement is three-way."}}


def comment_row(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.table([["Limit", "Ground"],
             ["{#tr a note for editors: this row never reaches a document #}", "Note"],
             ["{%tr for limit in confidentiality.limits %}", ""],
             ["{{ limit.description }}", "{{ limit.ground }}"],
             ["{%tr endfor %}", ""]])
    w.paragraph("End.")
    return {"item": "4: a {#tr #} comment row is no tag-not-alone", "findings": [],
            "build": {"exit": 0, "contract": True, "not_text": "a note for editors"}}


def optional_unguarded(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("Supervisor: {{ parties.supervisor.name }}")
    return {"item": "5: an optional field printed unguarded is warned about; build fails for the "
                    "engagements without it",
            "findings": [warning("optional-field-unguarded",
                                 'body paragraph 3 ("Supervisor: {{ parties.supervisor.name }...")')],
            "build": {"exit": 1, "contract": False, "sample": "membership-guild.json",
                      "stderr": "parties.supervisor.name is not set in this engagement"}}


def footnote(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT).paragraph("Terms")
    note = w.create("com.sun.star.text.Footnote")
    w.insert(note)
    note.insertString(note.createTextCursor(), "As agreed in {{ titel }}.", False)
    return {"item": "6: footnotes numbered as the editor sees them",
            "findings": [error("unknown-field", 'footnote 1 ("As agreed in {{ titel }}.")')],
            "build": {"exit": 1, "contract": False}}


def text_box(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT).paragraph("Anchor.")
    frame = w.create("com.sun.star.text.TextFrame")
    frame.Width, frame.Height = 6000, 3000
    w.insert(frame)
    frame.Text.insertString(frame.Text.createTextCursor(), "Sponsor: {{ parties.sponsr.name }}",
                            False)
    w.paragraph("After the box: {{ titel }}")
    return {"item": "6: a text box is counted once",
            "findings": [error("unknown-field", 'body paragraph 4 ("Sponsor: {{ parties.sponsr.name }}")'),
                         error("unknown-field", 'body paragraph 5 ("After the box: {{ titel }}")')],
            "build": {"exit": 1, "contract": False}}


def tab_between_tags(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("{{ id }}\t{{ titel }}")
    return {"item": "6: the quoted start of a paragraph keeps its tab",
            "findings": [error("unknown-field", 'body paragraph 3 ("{{ id }}\t{{ titel }}")')],
            "build": {"exit": 1, "contract": False}}


def page_number_in_tag(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement")
    w.paragraph("Dear {{ parties.cli")
    number = w.create("com.sun.star.text.textfield.PageNumber")
    number.NumberingType = 4  # arabic
    number.SubType = uno.Enum("com.sun.star.text.PageNumberType", "CURRENT")
    w.insert(number)
    w.type("ent.name }},")
    return {"item": "6: a page-number field inside a tag is reported as such",
            "findings": [error("tag-split", 'body paragraph 2 ("Dear {{ parties.cli1ent.name }},")')],
            "build": {"exit": 1, "contract": False}}


def picture_without_alt(w: Writer) -> Expectation:
    graphic_provider = SMGR.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", CTX)
    graphic = graphic_provider.queryGraphic((prop("URL", uno.systemPathToFileUrl(str(LOGO))),))
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    made = w.create("com.sun.star.text.TextGraphicObject")
    made.Graphic = graphic
    made.AnchorType = AS_CHARACTER
    made.Width, made.Height = 2000, 2000
    w.paragraph("").insert(made)
    return {"item": "7: a picture without alternative text is warned about",
            "findings": [warning("picture-no-alt", "body paragraph 3")],
            "build": {"exit": 0, "contract": True}}


def table_without_header(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.table([["Limit", "Ground"],
             ["{%tr for limit in confidentiality.limits %}", ""],
             ["{{ limit.description }}", "{{ limit.ground }}"],
             ["{%tr endfor %}", ""]], repeat_heading=False)
    w.paragraph("End.")
    return {"item": "7: a repeating table without a header row is warned about",
            "findings": [warning("table-no-header",
                                 'table 1, row 2, cell 1 ("{%tr for limit in confidentiality.limits...")')],
            "build": {"exit": 0, "contract": True}}


def e_signature(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("Signed: {% raw %}{{Sig_es_:signer1:signature}}{% endraw %} [[sign|req|signer1]]")
    return {"item": "7: e-signature anchors kept out of Jinja with {% raw %}", "findings": [],
            "build": {"exit": 0, "contract": True,
                      "text": "Signed: {{Sig_es_:signer1:signature}} [[sign|req|signer1]]"}}


# --- issue 23 ------------------------------------------------------------------------------------

SHIPPED_CONTRACT = HERE.parent.parent / "templates" / "en-GB" / "contract.docx"


def _open_shipped(w: Writer) -> Any:
    """The shipped en-GB contract opened in Writer, in place of the new document."""
    w.doc.close(True)
    desktop = SMGR.createInstanceWithContext("com.sun.star.frame.Desktop", CTX)
    w.doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(str(SHIPPED_CONTRACT)),
                                         "_blank", 0, (prop("Hidden", True),))
    w.text = w.doc.Text
    return w.doc


def _delete_section(w: Writer, heading: str, next_heading: str) -> None:
    """The editor selects a section, from its heading to the next section's, and deletes it."""
    paragraphs = w.text.createEnumeration()
    start = end = None
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            continue
        text = paragraph.getString()
        if start is None and text.startswith(heading):
            start = paragraph.getStart()
        elif start is not None and text.startswith(next_heading):
            end = paragraph.getStart()
            break
    cursor = w.text.createTextCursorByRange(start)
    cursor.gotoRange(end, True)
    cursor.setString("")  # the next heading now starts where the deleted one did


def deleted_limits_section(w: Writer) -> Expectation:
    _open_shipped(w)
    _delete_section(w, "{{ clause.limits }}.", "{{ clause.procedure }}.")
    cited = "section-missing"
    return {"item": "23.1: deleting the limits section leaves its citations pointing nowhere: "
                    "each is refused at its paragraph",
            "findings": [
                error(cited, 'body paragraph 51 ("Nothing beyond what this agreement sets ...")'),
                error(cited, 'body paragraph 67 ("Where one of these policies would requir...")'),
                error(cited, 'body paragraph 141 ("If the {{ words.client }} does not agree...")'),
                error(cited, 'body paragraph 150 ("{% if not disclosure_procedure.consent_s...")'),
                error(cited, 'body paragraph 155 ("Such a disclosure still rests on one of ...")')],
            "build": {"exit": 1, "contract": False, "stderr": "[section-missing]"}}


def deleted_supervision_section(w: Writer) -> Expectation:
    _open_shipped(w)
    _delete_section(w, "{{ clause.supervision }}.", "{{ clause.review }}.")
    return {"item": "23.1: deleting an unreferenced section keeps the numbering continuous",
            "findings": [],
            "build": {"exit": 0, "contract": True, "text": "12. Reviewing the relationship",
                      "not_text": "13. Reviewing"}}


def english_only_new_passage(w: Writer) -> Expectation:
    _open_shipped(w)
    paragraphs = w.text.createEnumeration()
    before = None
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            continue
        if paragraph.getString().startswith("{{ clause.shared }}."):
            break
        before = paragraph
    # The editor clicks at the end of the paragraph before section 2 and types a new passage.
    cursor = w.text.createTextCursorByRange(before.getEnd())
    for text in ("{%p if parties.sponsor and parties.client.job_title %}",
                 "The client's role: {{ parties.client.job_title }}.", "{%p endif %}"):
        w.text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        w.text.insertString(cursor, text, False)
    return {"item": "23.4: an English-only organisation's new passage is no error against the "
                    "French contract it never sends (templates check --templates: one warning)",
            "findings": [],
            "build": {"exit": 0, "contract": True}}


def french_no_break_space(w: Writer) -> Expectation:
    w.paragraph("Accord de confidentialité").paragraph(CLIENT)
    # Writer's French AutoCorrect puts a no-break space before % as it is typed.
    w.paragraph("Parrain\u00a0: {\u00a0% if parties.sponsor %}{{ parties.sponsor.organisation }}"
                "{% endif %}")
    return {"item": "23.6: a no-break space AutoCorrect typed inside {% is named",
            "findings": [error("tag-invisible-character",
                               'body paragraph 3 ("Parrain\u00a0: {\u00a0% if parties.sponsor '
                               '%}{{ pa...")')],
            "build": {"exit": 1, "contract": False, "stderr": "a no-break space (U+00A0)"}}


def recognised_url(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    url = "https://www.example.org/complaints"
    w.paragraph("Complaints: {{r link('")
    start = w.cursor.getEnd()
    w.type(url)
    # URL Recognition makes the address a hyperlink as the editor types the space after it.
    link = w.text.createTextCursorByRange(start)
    link.goRight(len(url), True)
    link.HyperLinkURL = url
    w.type("') }}")
    return {"item": "23.6: an address URL Recognition made a link inside a tag is unwrapped, "
                    "with a warning naming the setting",
            "findings": [warning("tag-split",
                                 "body paragraph 3 (\"Complaints: {{r link('https://www.exampl...\")")],
            "build": {"exit": 0, "contract": True, "stderr": "URL Recognition",
                      "text": "Complaints: https://www.example.org/complaints"}}


def section_break_in_else(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("{%p if parties.sponsor %}").paragraph("The sponsor is {{ parties.sponsor.organisation }}.")
    w.paragraph("{%p else %}")
    # A landscape Manual Break at the start of the branch: Writer ends the portrait section in a
    # paragraph of its own inside the branch.
    w.paragraph("")
    w.paragraph("There is no sponsor.", PageDescName="Landscape")
    w.paragraph("{%p endif %}")
    w.paragraph("Signatures")
    return {"item": "23.2: a section break in a paragraph a branch hides is found",
            "findings": [error("section-break-in-tag", "body paragraph 6")],
            "build": {"exit": 1, "contract": False, "stderr": "[section-break-in-tag]"}}


def inline_if_over_table(w: Writer) -> Expectation:
    w.paragraph("Confidentiality agreement").paragraph(CLIENT)
    w.paragraph("Records are kept as follows.{% if records.dpo %}")
    w.table([["Record", "Kept for"], ["Notes", "6 years"]])
    w.paragraph("{% endif %}The client has the right to see them.")
    return {"item": "23.3: an inline if that ends after a table joins two paragraphs",
            "findings": [error("tag-joins-paragraphs",
                               'body paragraph 3 ("Records are kept as follows.{% if record...")')],
            "build": {"exit": 1, "contract": False,
                      "stderr": "\"...Records are kept as follows.\" runs on into \"The client "
                                "has the right to see them....\""}}


CASES: dict[str, Callable[[Writer], Expectation]] = {
    "tracked-changes": tracked_changes,
    "tr-row-with-text": row_with_text,
    "p-tag-in-text-frame": p_tag_in_frame,
    "deleted-endif": deleted_endif,
    "comment": comment,
    "track-changes-on": track_changes_on,
    "section-break-in-endif": section_break,
    "tag-row-borders": tag_row_borders,
    "tag-rows-carry-borders": tag_rows_carry_borders,
    "capital-name": capital_name,
    "dotx": dotx,
    "owner-file": owner_file,
    "odt-named-docx": odt_named_docx,
    "ampersand-in-tag": ampersand,
    "pictures-in-header-and-body": pictures_in_header_and_body,
    "merge-paragraphs": merge_paragraphs,
    "comment-row": comment_row,
    "optional-field-unguarded": optional_unguarded,
    "footnote": footnote,
    "text-box": text_box,
    "tab-between-tags": tab_between_tags,
    "page-number-in-tag": page_number_in_tag,
    "picture-without-alt": picture_without_alt,
    "table-without-header": table_without_header,
    "e-signature-anchors": e_signature,
    "deleted-limits-section": deleted_limits_section,
    "deleted-supervision-section": deleted_supervision_section,
    "english-only-new-passage": english_only_new_passage,
    "french-no-break-space": french_no_break_space,
    "recognised-url": recognised_url,
    "section-break-in-else": section_break_in_else,
    "inline-if-over-table": inline_if_over_table,
}

CTX: Any = None
SMGR: Any = None


def main() -> int:
    global CTX, SMGR
    only = set(sys.argv[1:])
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as profile:
        process = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
             f"--accept=pipe,name={PIPE};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(100):
                try:
                    CTX = resolver.resolve(f"uno:pipe,name={PIPE};urp;StarOffice.ComponentContext")
                    break
                except Exception:  # not listening yet
                    time.sleep(0.2)
            else:
                print("LibreOffice did not start", file=sys.stderr)
                return 2
            SMGR = CTX.ServiceManager
            desktop = SMGR.createInstanceWithContext("com.sun.star.frame.Desktop", CTX)
            expected_path = HERE / "expected.json"
            expected = (json.loads(expected_path.read_text()) if only and expected_path.exists()
                        else {})
            for name, make in CASES.items():
                if only and name not in only:
                    continue
                writer = Writer(desktop)
                case = make(writer)
                case.setdefault("save_as", "contract.docx")
                target = HERE / name / case["save_as"]
                shutil.rmtree(target.parent, ignore_errors=True)
                if "convert" in case:
                    convert(case.pop("convert"), target)
                else:
                    writer.save(target, case.pop("filter", WORD))
                for beside, content in case.get("beside", {}).items():
                    (target.parent / beside).write_text(content, encoding="utf-8")
                expected[name] = case
                print(f"{name}: {target.relative_to(HERE)}")
            expected_path.write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
            desktop.terminate()
        finally:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                # soffice runs soffice.bin as a child: end the whole group this script started.
                os.killpg(process.pid, 9)
    return 0


if __name__ == "__main__":
    sys.exit(main())

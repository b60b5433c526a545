#!/usr/bin/env python3
"""Write the corpus of broken templates that `confdocs templates check` must catch.

Each case starts from one of the base templates (base/*.docx: the shipped templates as they were
when the corpus was made, frozen so that rewriting a clause in templates/ does not move every
expected place here), seeds exactly one fault by
editing the Word XML with lxml, and is written as tests/templates_corpus/<case>.docx. The edits are
what Word itself stores after an editor's change: a word retyped in the middle of a tag becomes runs
of its own (with Word's rsid marks and, for a misspelt word, its proofing marks), a change made with
Track Changes on becomes <w:ins>/<w:del>, AutoFormat's quotes are the typographic characters.

expected.json maps each case to the findings that `confdocs templates check` must give for it,
exactly: code, severity and place, the place written as the linter prints it. These expectations are
written here by hand, from the fault seeded, never copied from the linter's output.

The output is deterministic (fixed zip timestamps and order, no clock), so running the script again
changes no byte; `--check` says whether the committed corpus is current.

Usage::

    python tests/templates_corpus/make_corpus.py [--check]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "base"
EXPECTED = HERE / "expected.json"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# What Word writes before every part.
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Track Changes marks carry an author and a date; fixed, so that the files never change.
AUTHOR = "HR Editor"
REVISION_DATE = "2026-03-02T10:15:00Z"

DOCUMENT = "word/document.xml"
HEADER = "word/header1.xml"
FOOTER = "word/footer1.xml"

Parts = dict[str, etree._Element]


@dataclass(frozen=True)
class Expected:
    code: str
    severity: str
    place: str


@dataclass(frozen=True)
class Case:
    name: str
    template: str  # a base template's file name
    fault: str  # what an editor did, in a sentence
    edit: Callable[[Parts], None]
    expected: tuple[Expected, ...]


# The base contract prints feedback.about_client.recipient where an engagement without a summary
# has none: rendering it for such an engagement (templates check's exercise) finds that in every
# case made from the base contract that has no error of its own to stop the rendering first.
def unguarded(paragraph: int = 72) -> Expected:
    return Expected("optional-field-unguarded", "warning",
                    f'body paragraph {paragraph} ("Who receives it: {{{{ feedback.about_clien...")')


def error(code: str, place: str) -> Expected:
    return Expected(code, "error", place)


def warning(code: str, place: str) -> Expected:
    return Expected(code, "warning", place)


# ---------------------------------------------------------------------------------------------
# Finding paragraphs as the editor sees them, and writing runs as Word does


def body_paragraph(parts: Parts, number: int) -> etree._Element:
    """Body paragraph `number`, counting only paragraphs outside tables (as the linter does)."""
    found = [p for p in parts[DOCUMENT].iter(f"{W}p")
             if next(p.iterancestors(f"{W}tc"), None) is None]
    return found[number - 1]


def cell_paragraph(parts: Parts, table: int, row: int, cell: int) -> etree._Element:
    tables = [t for t in parts[DOCUMENT].iter(f"{W}tbl")
              if next(t.iterancestors(f"{W}tbl"), None) is None]
    rows = tables[table - 1].findall(f"{W}tr")
    cells = rows[row - 1].findall(f"{W}tc")
    paragraph: etree._Element = cells[cell - 1].find(f"{W}p")
    return paragraph


def only_paragraph(parts: Parts, part: str) -> etree._Element:
    paragraph: etree._Element = next(parts[part].iter(f"{W}p"))
    return paragraph


def text_of(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(f"{W}t"))


def run_holding(paragraph: etree._Element, text: str) -> etree._Element:
    """The run whose text is exactly `text` (each tag of a shipped template is a run of its own)."""
    for run in paragraph.iter(f"{W}r"):
        if text_of(run) == text:
            return run
    raise LookupError(f"no run {text!r} in paragraph {text_of(paragraph)!r}")


def make_run(text: str, *, rsid: str | None = None, bold: bool = False, italic: bool = False,
             color: str | None = None, deleted: bool = False) -> etree._Element:
    """A run as Word writes it: its rsid mark, its formatting, and xml:space="preserve" only when
    the text starts or ends with a space."""
    run = etree.Element(f"{W}r", nsmap={"w": W_NS})
    if rsid:
        run.set(f"{W}rsidR", rsid)
        if deleted:
            run.set(f"{W}rsidDel", rsid)
    if bold or italic or color:
        properties = etree.SubElement(run, f"{W}rPr")
        if bold:
            etree.SubElement(properties, f"{W}b")
        if italic:
            etree.SubElement(properties, f"{W}i")
        if color:
            etree.SubElement(properties, f"{W}color").set(f"{W}val", color)
    text_element = etree.SubElement(run, f"{W}delText" if deleted else f"{W}t")
    text_element.text = text
    if text != text.strip():
        text_element.set(XML_SPACE, "preserve")
    return run


def proof_mark(kind: str) -> etree._Element:
    """Word's spelling marks around a word it does not know (spellStart / spellEnd)."""
    mark = etree.Element(f"{W}proofErr", nsmap={"w": W_NS})
    mark.set(f"{W}type", kind)
    return mark


def revision(kind: str, ident: int, *children: etree._Element) -> etree._Element:
    """A tracked insertion (`ins`) or deletion (`del`) holding `children`."""
    element = etree.Element(f"{W}{kind}", nsmap={"w": W_NS})
    element.set(f"{W}id", str(ident))
    element.set(f"{W}author", AUTHOR)
    element.set(f"{W}date", REVISION_DATE)
    element.extend(children)
    return element


def replace_run(paragraph: etree._Element, text: str, *new: etree._Element) -> None:
    """Put `new` (runs, proofing marks, revisions) where the run `text` was."""
    old = run_holding(paragraph, text)
    parent = old.getparent()
    index = parent.index(old)
    parent.remove(old)
    for offset, element in enumerate(new):
        parent.insert(index + offset, element)


def retype(paragraph: etree._Element, old: str, new: str) -> None:
    """Change the text of the run `old`, keeping its formatting (the editor retyped it)."""
    run = run_holding(paragraph, old)
    texts = list(run.iter(f"{W}t"))
    texts[0].text = new
    for extra in texts[1:]:
        extra.text = ""


def append_runs(paragraph: etree._Element, *runs: etree._Element) -> None:
    paragraph.extend(runs)


def new_paragraph_after(paragraph: etree._Element, *runs: etree._Element) -> etree._Element:
    """A paragraph after `paragraph`, as Enter then typing makes it (same paragraph properties)."""
    created = etree.Element(f"{W}p", nsmap={"w": W_NS})
    properties = paragraph.find(f"{W}pPr")
    if properties is not None:
        created.append(etree.fromstring(etree.tostring(properties)))
    created.extend(runs)
    paragraph.addnext(created)
    return created


def delete_paragraph(paragraph: etree._Element) -> None:
    paragraph.getparent().remove(paragraph)


# ---------------------------------------------------------------------------------------------
# The faults. Places are those of the edited template, in the linter's words.

GREY = "808080"  # the colour the shipped templates give their {%p %} and {%tr %} tags


def _misspelt_split(parts: Parts) -> None:
    # The editor put "ent.n" in bold by mistake, and misspelt "name"; Word keeps each stretch
    # of formatting as a run and marks the unknown word for the spelling checker.
    replace_run(body_paragraph(parts, 9), "{{ parties.client.name }}",
                make_run("{{ parties.cli", rsid="00C31F4A"),
                make_run("ent.n", rsid="00C31F4A", bold=True),
                proof_mark("spellStart"),
                make_run("mae }}", rsid="00D7720B"),
                proof_mark("spellEnd"))


def _correct_split(parts: Parts) -> None:
    replace_run(body_paragraph(parts, 9), "{{ parties.client.name }}",
                make_run("{{ parties.cli", rsid="00C31F4A"),
                make_run("ent.n", rsid="00C31F4A", bold=True),
                make_run("ame }}", rsid="00D7720B"))


def _tracked_insertion(parts: Parts) -> None:
    # With Track Changes on, the editor deleted "name }}" and typed "name }}, of" instead: the
    # end of the tag lies inside a tracked insertion that goes on past it.
    replace_run(body_paragraph(parts, 9), "{{ parties.client.name }}",
                make_run("{{ parties.client.", rsid="00A1B2C3"),
                revision("del", 101, make_run("name }}", rsid="00E4F5A6", deleted=True)),
                revision("ins", 102, make_run("name }} of", rsid="00E4F5A6")))


def _tracked_deletion(parts: Parts) -> None:
    # With Track Changes on, the editor deleted the end of a tag and typed it again: Word keeps
    # the deleted "purpose }}" as deleted text, and that is where the tag seems to end.
    replace_run(body_paragraph(parts, 28), "{{ purpose }}",
                make_run("{{ ", rsid="00A1B2C3"),
                revision("del", 103, make_run("purpose }}", rsid="00E4F5A6", deleted=True)),
                revision("ins", 104, make_run("purpose }}", rsid="00E4F5A6")))


def _tracked_deletion_of_tags(parts: Parts) -> None:
    # Word keeps the deleted runs as w:del, and the template language still reads their tags.
    paragraph = body_paragraph(parts, 9)
    runs = [run_holding(paragraph, text) for text in
            ("{% if parties.client.job_title %}", ", ", "{{ parties.client.job_title }}",
             "{% endif %}")]
    deleted = [make_run(text_of(run), rsid="00E4F5A6", deleted=True) for run in runs]
    replace_run(paragraph, "{% if parties.client.job_title %}", revision("del", 105, *deleted))
    for run in runs[1:]:
        paragraph.remove(run)


def _several_faults(parts: Parts) -> None:
    for edit in (_unknown_filter, _unclosed_tag, _if_without_condition, _tr_outside_table,
                 _smart_quotes_unmended, _unknown_in_loop, _header_unknown_field):
        edit(parts)


def _smart_quotes_mended(parts: Parts) -> None:
    paragraph = body_paragraph(parts, 85)
    retype(paragraph, "{%p if feedback.from_others.anonymity == 'unidentified' %}",
           "{%p if feedback.from_others.anonymity == ‘unidentified’ %}")


def _smart_quotes_unmended(parts: Parts) -> None:
    # Word's French AutoFormat: guillemets with no-break spaces inside.
    paragraph = body_paragraph(parts, 85)
    retype(paragraph, "{%p if feedback.from_others.anonymity == 'unidentified' %}",
           "{%p if feedback.from_others.anonymity == «\u00a0unidentified\u00a0» %}")


def _p_with_text(parts: Parts) -> None:
    append_runs(body_paragraph(parts, 10), make_run(" The sponsor signs below.", rsid="00B0C0D0"))


def _tr_outside_table(parts: Parts) -> None:
    retype(body_paragraph(parts, 38), "{%p for item in confidentiality.not_shared %}",
           "{%tr for item in confidentiality.not_shared %}")
    retype(body_paragraph(parts, 40), "{%p endfor %}", "{%tr endfor %}")


def _tc_outside_cell(parts: Parts) -> None:
    retype(body_paragraph(parts, 64), "{%p for requirement in professional_body.requirements %}",
           "{%tc for requirement in professional_body.requirements %}")
    retype(body_paragraph(parts, 66), "{%p endfor %}", "{%tc endfor %}")


def _r_with_text(parts: Parts) -> None:
    # The practitioner's line is bold; the editor made the condition a run tag, typed in the
    # same bold stretch as the comma after it.
    paragraph = body_paragraph(parts, 9)
    replace_run(paragraph, "{% if parties.client.job_title %}",
                make_run("{%r if parties.client.job_title %}, ", rsid="00F1E2D3", bold=True))
    comma = run_holding(paragraph, ", ")
    comma.getparent().remove(comma)
    retype(paragraph, "{% endif %}", "{%r endif %}")


def _p_if_unclosed(parts: Parts) -> None:
    delete_paragraph(body_paragraph(parts, 26))


def _p_endif_without_if(parts: Parts) -> None:
    new_paragraph_after(body_paragraph(parts, 28), make_run("{%p endif %}", color=GREY))


def _p_if_closed_inline(parts: Parts) -> None:
    retype(body_paragraph(parts, 26), "{%p endif %}", "{% endif %}")


def _unclosed_tag(parts: Parts) -> None:
    retype(body_paragraph(parts, 9), "{{ parties.client.name }}", "{{ parties.client.name }")


def _if_without_condition(parts: Parts) -> None:
    retype(body_paragraph(parts, 29), "{% if dates.end %}", "{% if %}")


def _split_by_enter(parts: Parts) -> None:
    # The editor pressed Enter in the middle of a tag: Word ends the paragraph there.
    paragraph = body_paragraph(parts, 28)
    retype(paragraph, "{{ purpose }}", "{{ purp")
    new_paragraph_after(paragraph, make_run("ose }}"))


def _lost_opening_brace(parts: Parts) -> None:
    retype(body_paragraph(parts, 28), "{{ purpose }}", "{ purpose }}")


def _split_across_cells(parts: Parts) -> None:
    # A tag pasted over the boundary between two cells of the table's heading row.
    retype(cell_paragraph(parts, 1, 1, 1), "Category", "Category ({{ words.cl")
    retype(cell_paragraph(parts, 1, 1, 2), "Minimum respondents", "ient }}) Minimum respondents")


def _unknown_top_level(parts: Parts) -> None:
    retype(body_paragraph(parts, 2), "{{ title }}", "{{ titel }}")


def _unknown_in_p_tag(parts: Parts) -> None:
    retype(body_paragraph(parts, 13), "{%p if parties.sponsor.meetings %}",
           "{%p if parties.sponsor.meeting %}")


def _unknown_in_loop(parts: Parts) -> None:
    retype(body_paragraph(parts, 99), "{{ limit.description }}", "{{ limit.descriptoin }}")


def _loop_variable_after_loop(parts: Parts) -> None:
    append_runs(body_paragraph(parts, 102), make_run(" (see clause ", rsid="00A9B8C7"),
                make_run("{{ clause.limit[limit.id] }}", rsid="00A9B8C7"), make_run(")"))


def _unknown_filter(parts: Parts) -> None:
    retype(body_paragraph(parts, 4), "{{ dates.agreed|date }}", "{{ dates.agreed|dat }}")


def _unknown_test(parts: Parts) -> None:
    retype(body_paragraph(parts, 10), "{%p if parties.sponsor %}",
           "{%p if parties.sponsor is defind %}")


def _picture_not_beside(parts: Parts) -> None:
    # The editor asked for a logo, but it is not in the template's folder.
    append_runs(body_paragraph(parts, 4), make_run(" {{ image('logo.png') }}", rsid="00B1C2D3"))


def _header_unknown_field(parts: Parts) -> None:
    retype(only_paragraph(parts, HEADER), "{{ title }}", "{{ tilte }}")


def _footer_unclosed_if(parts: Parts) -> None:
    grey = "595959"
    append_runs(only_paragraph(parts, FOOTER),
                make_run("{% if parties.sponsor %}", color=grey),
                make_run(" · sponsor's copy", color=grey))


def _cell_unknown_field(parts: Parts) -> None:
    retype(cell_paragraph(parts, 1, 3, 1), "{{ category.name }}", "{{ category.nmae }}")


def _tr_with_text(parts: Parts) -> None:
    # Text typed into another cell of the row that holds {%tr for %}: the whole row goes.
    cell_paragraph(parts, 1, 2, 2).append(make_run("Minimum", rsid="00C0FFEE"))


def _notice_unknown_field(parts: Parts) -> None:
    retype(body_paragraph(parts, 34), "{{ disclosure.disclosure_date|date }}",
           "{{ disclosure.disclosur_date|date }}")


P9 = 'body paragraph 9 ("The {{ words.client }}: {{ parties.clien...")'

CASES: tuple[Case, ...] = (
    Case("field-misspelt-split-runs", "contract.docx",
         "parties.client.name misspelt, split over three runs, one of them bold",
         _misspelt_split, (error("unknown-field", P9),)),
    Case("field-split-runs-correct", "contract.docx",
         "parties.client.name split over three runs, one of them bold, but spelt right "
         "(docxtpl mends it: no finding)",
         _correct_split, (unguarded(),)),
    Case("tag-split-tracked-insertion", "contract.docx",
         "the end of a tag typed with Track Changes on, the insertion going on past the tag",
         _tracked_insertion, (error("tracked-changes", P9), error("tag-split", P9))),
    Case("tag-split-tracked-deletion", "contract.docx",
         "the end of a tag deleted and retyped with Track Changes on",
         _tracked_deletion,
         (error("tracked-changes", 'body paragraph 28 ("{{ purpose }}")'),
          error("tag-split", 'body paragraph 28 ("{{ purpose }}")'))),
    Case("tracked-deletion-of-tags", "contract.docx",
         "the job title and its condition deleted with Track Changes on, and not accepted",
         _tracked_deletion_of_tags, (error("tracked-changes", P9),)),
    Case("smart-quotes-mended", "contract.docx",
         "AutoFormat turned 'unidentified' into ‘unidentified’ inside a tag",
         _smart_quotes_mended,
         (warning("tag-smart-quotes",
                  'body paragraph 85 ("{%p if feedback.from_others.anonymity ==...")'),
          unguarded())),
    Case("smart-quotes-unmended", "contract.docx",
         "French AutoFormat turned 'unidentified' into « unidentified » inside a tag",
         _smart_quotes_unmended,
         (error("tag-smart-quotes",
                'body paragraph 85 ("{%p if feedback.from_others.anonymity ==...")'),)),
    Case("p-tag-with-text", "contract.docx", "text typed after {%p if %} in its paragraph",
         _p_with_text,
         (error("tag-not-alone", 'body paragraph 10 ("{%p if parties.sponsor %} The sponsor si...")'),)),
    Case("tr-outside-table", "contract.docx", "{%tr for %} and {%tr endfor %} in body paragraphs",
         _tr_outside_table,
         (error("tag-misplaced", 'body paragraph 38 ("{%tr for item in confidentiality.not_sha...")'),
          error("tag-misplaced", 'body paragraph 40 ("{%tr endfor %}")'))),
    Case("tc-outside-cell", "contract.docx", "{%tc for %} and {%tc endfor %} in body paragraphs",
         _tc_outside_cell,
         (error("tag-misplaced", 'body paragraph 64 ("{%tc for requirement in professional_bod...")'),
          error("tag-misplaced", 'body paragraph 66 ("{%tc endfor %}")'))),
    Case("r-tag-with-text", "contract.docx",
         "{%r if %} typed in a bold run together with the text after it",
         _r_with_text, (warning("tag-not-alone", P9), unguarded())),
    Case("p-if-unclosed", "contract.docx", "the {%p endif %} of a {%p if %} deleted",
         _p_if_unclosed,
         (error("block-unclosed", 'body paragraph 21 ("{%p if parties.practitioner.internal %}")'),)),
    Case("p-endif-without-if", "contract.docx", "a {%p endif %} with no {%p if %} to close",
         _p_endif_without_if,
         (error("block-unexpected", 'body paragraph 29 ("{%p endif %}")'),)),
    Case("p-if-closed-inline", "contract.docx", "a {%p if %} closed by an inline {% endif %}",
         _p_if_closed_inline,
         (error("block-level-mismatch", 'body paragraph 26 ("{% endif %}")'),)),
    Case("tag-unclosed", "contract.docx", "{{ parties.client.name } with one closing brace",
         _unclosed_tag, (error("tag-unclosed", P9),)),
    Case("syntax-if-without-condition", "contract.docx", "{% if %} with no condition",
         _if_without_condition,
         (error("jinja-syntax", 'body paragraph 29 ("The {{ words.engagement }} runs from {{ ...")'),)),
    Case("tag-split-paragraphs", "contract.docx", "Enter pressed in the middle of {{ purpose }}",
         _split_by_enter,
         (warning("tag-split-paragraphs", 'body paragraph 28 ("{{ purp")'), unguarded(73))),
    Case("tag-unopened", "contract.docx", "{ purpose }} with one opening brace",
         _lost_opening_brace, (error("tag-unopened", 'body paragraph 28 ("{ purpose }}")'),)),
    Case("tag-split-across-cells", "feedback-annex.docx",
         "a tag pasted across the boundary between two table cells",
         _split_across_cells,
         (error("tag-split-paragraphs", 'table 1, row 1, cell 1 ("Category ({{ words.cl")'),)),
    Case("unknown-field-top-level", "contract.docx", "{{ titel }} for {{ title }}",
         _unknown_top_level, (error("unknown-field", 'body paragraph 2 ("{{ titel }}")'),)),
    Case("unknown-field-in-p-tag", "contract.docx",
         "parties.sponsor.meeting for parties.sponsor.meetings in a {%p if %}",
         _unknown_in_p_tag,
         (error("unknown-field", 'body paragraph 13 ("{%p if parties.sponsor.meeting %}")'),)),
    Case("unknown-field-in-loop", "contract.docx", "limit.descriptoin inside the limits loop",
         _unknown_in_loop,
         (error("unknown-field",
                'body paragraph 99 ("{{ clause.limit[limit.id] }}\t{{ limit.gr...")'),)),
    Case("loop-variable-after-loop", "contract.docx",
         "limit.id used in the paragraph after the limits loop",
         _loop_variable_after_loop,
         (error("loop-variable-outside",
                'body paragraph 102 ("If something comes up in a {{ words.sess...")'),)),
    Case("unknown-filter", "contract.docx", "|dat for |date", _unknown_filter,
         (error("unknown-filter", 'body paragraph 4 ("Date agreed: {{ dates.agreed|dat }}")'),)),
    Case("unknown-test", "contract.docx", "is defind for is defined", _unknown_test,
         (error("unknown-test", 'body paragraph 10 ("{%p if parties.sponsor is defind %}")'),)),
    Case("picture-not-beside", "contract.docx", "image('logo.png') with no logo.png beside it",
         _picture_not_beside,
         (error("extra-invalid", 'body paragraph 4 ("Date agreed: {{ dates.agreed|date }} {{ ...")'),
          # and it is written without alt="...", the picture's alternative text
          warning("picture-no-alt",
                  'body paragraph 4 ("Date agreed: {{ dates.agreed|date }} {{ ...")'))),
    Case("header-unknown-field", "contract.docx", "{{ tilte }} in the header",
         _header_unknown_field, (error("unknown-field", 'header ("{{ id }} · {{ tilte }}")'),)),
    Case("footer-unclosed-if", "contract.docx", "an inline {% if %} with no {% endif %} in the footer",
         _footer_unclosed_if,
         (error("block-unclosed", 'footer ("Page 1 of 1{% if parties.sponsor %} · sp...")'),)),
    Case("several-faults", "contract.docx",
         "seven of the faults above in one template: every one is reported in one run",
         _several_faults,
         (error("unknown-filter", 'body paragraph 4 ("Date agreed: {{ dates.agreed|dat }}")'),
          error("tag-unclosed", P9),
          error("jinja-syntax", 'body paragraph 29 ("The {{ words.engagement }} runs from {{ ...")'),
          error("tag-misplaced", 'body paragraph 38 ("{%tr for item in confidentiality.not_sha...")'),
          error("tag-misplaced", 'body paragraph 40 ("{%tr endfor %}")'),
          error("tag-smart-quotes",
                'body paragraph 85 ("{%p if feedback.from_others.anonymity ==...")'),
          error("unknown-field",
                'body paragraph 99 ("{{ clause.limit[limit.id] }}\t{{ limit.gr...")'),
          error("unknown-field", 'header ("{{ id }} · {{ tilte }}")'))),
    Case("table-cell-unknown-field", "feedback-annex.docx",
         "category.nmae in the repeated row of the categories table",
         _cell_unknown_field,
         (error("unknown-field", 'table 1, row 3, cell 1 ("{{ category.nmae }}")'),)),
    Case("tr-row-with-text", "feedback-annex.docx",
         "text typed in another cell of the row that holds {%tr for %}",
         _tr_with_text,
         (error("tag-not-alone",
                'table 1, row 2, cell 1 ("{%tr for category in feedback.from_other...")'),)),
    Case("notice-unknown-field", "disclosure-notice.docx",
         "disclosure.disclosur_date for disclosure.disclosure_date",
         _notice_unknown_field,
         (error("unknown-field", 'body paragraph 34 ("Date: {{ disclosure.disclosur_date|date ...")'),)),
)

# Not made from a template: a Word 97-2003 document saved under a .docx name.
UNREADABLE = "not-a-docx"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)


# ---------------------------------------------------------------------------------------------
# Writing


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # the same on every platform
    return info


def build(case: Case) -> bytes:
    """The bytes of the case's .docx: the template with its fault; every other part unchanged."""
    source = TEMPLATES / case.template
    with zipfile.ZipFile(source) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    parts: Parts = {name: etree.fromstring(data) for name, data in entries
                    if name in (DOCUMENT, HEADER, FOOTER)}
    case.edit(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            if name in parts:
                data = DECLARATION + etree.tostring(parts[name], encoding="UTF-8")
            archive.writestr(_zip_info(name), data, compresslevel=6)
    return out.getvalue()


def corpus() -> dict[str, bytes]:
    """Every file of the corpus, by name, and expected.json."""
    files = {f"{case.name}.docx": build(case) for case in CASES}
    files[f"{UNREADABLE}.docx"] = OLE_MAGIC
    expected: dict[str, list[dict[str, str]]] = {
        f"{case.name}.docx": [{"code": e.code, "severity": e.severity, "place": e.place}
                              for e in case.expected]
        for case in CASES
    }
    expected[f"{UNREADABLE}.docx"] = [
        {"code": "template-unreadable", "severity": "error", "place": ""}]
    files[EXPECTED.name] = (json.dumps(expected, indent=2, ensure_ascii=False) + "\n").encode()
    return files


def stale(folder: Path = HERE) -> list[str]:
    """The corpus files missing from `folder` or different from what this script writes."""
    return [name for name, data in corpus().items()
            if not (folder / name).is_file() or (folder / name).read_bytes() != data]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="Only say whether the committed corpus is current (exit 1 if not).")
    args = parser.parse_args(argv)
    if args.check:
        different = stale()
        for name in different:
            print(f"{name}: out of date; run {Path(__file__).name}", file=sys.stderr)
        return 1 if different else 0
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(CASES) + 1} templates and {EXPECTED.name} into {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

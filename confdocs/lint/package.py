"""What an editor leaves in a template that is not meant for a client, and what rendering takes out
or keeps for them: comments, Track Changes left recording, section breaks in tag paragraphs."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from lxml import etree

from ..render.limits import read_template
from ..render.places import Paragraph, W, describe
from ..render.sanitize import tag_of, tag_row_loss
from .finding import TemplateFinding
from .structure import shorten


def read_comments(path: Path) -> tuple[dict[str, tuple[str, str]], bool]:
    """The template's comments (id -> author, text) and whether Track Changes is left on."""
    comments: dict[str, tuple[str, str]] = {}
    recording = False
    try:
        with zipfile.ZipFile(io.BytesIO(read_template(path))) as archive:
            names = set(archive.namelist())
            if "word/comments.xml" in names:
                root = etree.fromstring(archive.read("word/comments.xml"))
                for comment in root.iter(f"{W}comment"):
                    text = " ".join(
                        "".join(t.text or "" for t in p.iter(f"{W}t"))
                        for p in comment.iter(f"{W}p")).strip()
                    comments[comment.get(f"{W}id", "")] = (comment.get(f"{W}author", ""), text)
            if "word/settings.xml" in names:
                settings = etree.fromstring(archive.read("word/settings.xml"))
                recording = settings.find(f"{W}trackRevisions") is not None
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        pass  # the parts that matter are read (and reported on) elsewhere
    return comments, recording


def check_comments(template: str, paragraphs: Sequence[Paragraph],
                   comments: Mapping[str, tuple[str, str]]) -> Iterator[TemplateFinding]:
    """Each comment anchored in these paragraphs: a note between editors, left out of documents."""
    for paragraph in paragraphs:
        for mark in paragraph.element.iter(f"{W}commentRangeStart", f"{W}commentReference"):
            ident = mark.get(f"{W}id", "")
            if ident not in comments or (mark.tag == f"{W}commentReference" and any(
                    start.get(f"{W}id") == ident
                    for start in paragraph.element.iter(f"{W}commentRangeStart"))):
                continue
            if next(mark.iterancestors(f"{W}p")) is not paragraph.element:
                continue  # a text box's paragraph inside this one reports it
            author, text = comments[ident]
            by = f" by {author}" if author else ""
            yield TemplateFinding(
                template, describe(paragraph.place, paragraph.text), "comment", "warning",
                f"a comment{by} (\"{shorten(text, 50)}\") is left in the template; comments are "
                "notes between editors and are left out of every document; delete it once it "
                "is dealt with (Word: Review, Delete; LibreOffice Writer: Edit, Comment, "
                "Delete Comment)")


def track_changes_on(template: str) -> TemplateFinding:
    return TemplateFinding(
        template, "document settings", "track-changes-on", "warning",
        "Track Changes is left on (recording); documents are made with it off, but turn it off "
        "in the template (Word: Review, Track Changes; LibreOffice Writer: Edit, Track "
        "Changes, Record), so that later edits are not recorded as changes")


def check_section_breaks(template: str,
                         paragraphs: Sequence[Paragraph]) -> Iterator[TemplateFinding]:
    """A section break in a {%p else %} or {%p elif %} paragraph is kept, but only in the documents
    that take the branch before it."""
    for paragraph in paragraphs:
        properties = paragraph.element.find(f"{W}pPr")
        if properties is None or properties.find(f"{W}sectPr") is None:
            continue
        name = tag_of(paragraph.element)
        if name in ("else", "elif"):
            yield TemplateFinding(
                template, describe(paragraph.place, paragraph.text), "section-break-in-tag",
                "warning",
                f"the section break (a change of page layout) ends in this {{%p {name} %}} "
                "paragraph, so only the documents that show the passage before it keep it; "
                "insert the section break in a paragraph of text outside the block")


def check_tag_row_borders(template: str,
                          paragraphs: Sequence[Paragraph]) -> Iterator[TemplateFinding]:
    """The borders of a {%tr %} tag row go with the row: a table whose lines are borders of its
    cells (LibreOffice saves them so) loses the line that only such a row drew, where rendering
    cannot carry it onto the repeated row without changing the table's look."""
    seen: set[etree._Element] = set()
    for paragraph in paragraphs:
        if not paragraph.text.strip().startswith("{%tr "):
            continue
        row = next(paragraph.element.iterancestors(f"{W}tr"), None)
        if row is None or row in seen:
            continue
        seen.add(row)
        lost, _, carried_by = tag_row_loss(row)
        if lost and not carried_by:
            yield TemplateFinding(
                template, describe(paragraph.place, paragraph.text), "tag-row-borders",
                "warning",
                "this row is taken out of every document, and with it the "
                f"{' and '.join(sorted(lost))} border of its cells, which no row beside it draws, "
                "so the table loses that line; set the border on the repeated row too (Word: "
                "Table Design, Borders; LibreOffice Writer: Table, Properties..., Borders), "
                "or give the table a table style")

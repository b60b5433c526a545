"""Headings that LibreOffice leaves alone at the foot of a page, found in its PDFs and mended.

Every heading style has keep-with-next, and Word honours it. LibreOffice (7.4) sometimes does not:
a heading that reached a page by flowing back from a later one is not pushed forward again, so it
stays as the page's last line with its text on the next page (the same heading is kept with its
text when anything earlier in the document moves by a line). Nothing in the document is wrong, so
the .docx is left as it is; the PDF is made again from a private copy in which each stranded
heading starts a new page, which is where Word puts it.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from lxml import etree

from ..atomic import move_atomic

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# How often a PDF is made again; each pass mends what the one before found.
ROUNDS = 3


def heading_texts(package: bytes) -> list[str]:
    """The text of each heading paragraph of a .docx (a style whose name is 'heading N' or
    'Title' ... by its English name, which Word keeps whatever the user interface's language)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        styles = _parse(archive.read("word/styles.xml"))
        body = _parse(archive.read("word/document.xml"))
    ids = _heading_style_ids(styles)
    return [_text(p) for p in body.iter(f"{_W}p") if _style(p) in ids and _text(p)]


def stranded(pdf: Path, headings: Sequence[str]) -> list[str]:
    """The headings that are the last text of a page other than the last page."""
    pages = [[_squash(line) for line in text.splitlines() if line.strip()]
             for text in _page_texts(pdf)]
    running = _running_lines(pages)
    wanted = {_squash(h) for h in headings}
    found = []
    for lines in pages[:-1]:
        body = [line for line in lines if _digitless(line) not in running]
        # A long heading wraps: try its last one, two and three lines together.
        for count in (1, 2, 3):
            tail = " ".join(body[-count:]) if len(body) >= count else ""
            if tail in wanted:
                found.append(tail)
                break
    return found


def break_before(package: bytes, headings: Sequence[str]) -> bytes:
    """The package with a page break before the first heading paragraph of each text given
    that does not start a page already."""
    source = zipfile.ZipFile(io.BytesIO(package))
    styles = _parse(source.read("word/styles.xml"))
    body = _parse(source.read("word/document.xml"))
    ids = _heading_style_ids(styles)
    for heading in headings:
        for paragraph in body.iter(f"{_W}p"):
            p_pr = paragraph.find(f"{_W}pPr")
            if _style(paragraph) not in ids or _squash(_text(paragraph)) != heading or \
                    (p_pr is not None and p_pr.find(f"{_W}pageBreakBefore") is not None):
                continue
            assert p_pr is not None  # a styled paragraph has its properties
            p_pr.insert(1 if p_pr.find(f"{_W}pStyle") is not None else 0,
                        etree.Element(f"{_W}pageBreakBefore"))
            break
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = etree.tostring(body, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            target.writestr(info, data)
    return out.getvalue()


def keep_headings_with_text(pdfs: Sequence[tuple[Path, Path]],
                            convert: Callable[[list[Path]], list[Path]]) -> int:
    """Mend the PDFs, given with the .docx each was made from, in which LibreOffice stranded a
    heading; ``convert`` makes PDFs beside the .docx files it is given. Returns how many PDFs
    were made again."""
    remade = 0
    pending = list(pdfs)
    breaks: dict[Path, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="confdocs-keep-") as work:
        for round_number in range(ROUNDS):
            copies: dict[Path, tuple[Path, Path]] = {}
            for document, pdf in pending:
                found = stranded(pdf, heading_texts(document.read_bytes()))
                if not found:
                    continue
                breaks.setdefault(document, []).extend(found)
                folder = Path(work) / f"r{round_number}-{len(copies)}"
                folder.mkdir()
                copy = folder / document.name
                copy.write_bytes(break_before(document.read_bytes(), breaks[document]))
                copies[copy] = (document, pdf)
            if not copies:
                break
            for made in convert(list(copies)):
                document, pdf = copies[made.with_suffix(".docx")]
                move_atomic(made, pdf)
            remade += len(copies)
            pending = list(copies.values())
    return remade


def _page_texts(pdf: Path) -> list[str]:
    """Each page's text, through PDFium (pypdfium2): some 25 times faster than pure-Python
    extraction, which would have doubled the time --pdf takes."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        texts = []
        for page in document:
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return texts
    finally:
        document.close()


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(data, parser)


def _heading_style_ids(styles: etree._Element) -> set[str]:
    ids = set()
    for style in styles.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None and re.fullmatch(r"(heading \d|title|subtitle)",
                                             (name.get(f"{_W}val") or "").lower()):
            ids.add(style.get(f"{_W}styleId") or "")
    return ids


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return (style.get(f"{_W}val") or "") if style is not None else ""


def _text(paragraph: etree._Element) -> str:
    return "".join(node.text or "" if node.tag == f"{_W}t" else "\t"
                   for node in paragraph.iter(f"{_W}t", f"{_W}tab"))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _digitless(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines on most pages, page numbers aside: the running header and footer."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        for line in {_digitless(line) for line in lines}:
            counts[line] = counts.get(line, 0) + 1
    return {line for line, count in counts.items() if count > len(pages) / 2}

"""Finding a heading by its style's English name, breaking the page before it, and moving a heading
LibreOffice leaves at the foot of a page to the next (build.pagination)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from confdocs.build.pagination import break_before, heading_texts

from ..helpers import ROOT, pdf_text, soffice_available

STRANDED = ROOT / "tests" / "data" / "layout" / "stranded-heading.docx"


def test_headings_are_found_by_their_styles_names() -> None:
    headings = heading_texts(STRANDED.read_bytes())
    assert headings[0] == "Confidentiality agreement"  # the Title style
    assert "11. Records and data protection" in headings
    assert "Purpose" in headings  # a Heading 2
    assert not any(h.startswith("The records of the") for h in headings)


def test_a_page_break_goes_before_that_heading_only() -> None:
    mended = break_before(STRANDED.read_bytes(), ["11. Records and data protection"])
    with zipfile.ZipFile(io.BytesIO(mended)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:pageBreakBefore/>") == 1
    at = xml.index("<w:pageBreakBefore/>")
    assert xml.index("11</w:t>", at) - at < 300  # in the heading's own properties
    # Asked twice, the heading is not broken twice.
    again = break_before(mended, ["11. Records and data protection"])
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert archive.read("word/document.xml").decode("utf-8").count("pageBreakBefore") == 1


@pytest.mark.skipif(
    not soffice_available() and not os.environ.get("CI"),
    reason="LibreOffice or pdftotext is not installed (CI installs them and never skips)")
def test_a_heading_libreoffice_strands_is_moved_to_the_next_page(tmp_path: Path) -> None:
    # A contract in which LibreOffice 7.4 leaves "11. Records and data protection" as the last
    # line of page 4, although its style keeps it with the next paragraph.
    import shutil

    from confdocs.build.pagination import heading_texts, keep_headings_with_text, stranded
    from confdocs.build.pdf import convert_to_pdf

    from ..helpers import ROOT

    document = tmp_path / "contract.docx"
    shutil.copyfile(ROOT / "tests" / "data" / "layout" / "stranded-heading.docx", document)
    before = document.read_bytes()
    [pdf] = convert_to_pdf([document])
    headings = heading_texts(before)
    if stranded(pdf, headings) != ["11. Records and data protection"]:
        pytest.skip("this LibreOffice lays the page out differently and strands nothing")
    assert keep_headings_with_text([(document, pdf)], convert_to_pdf) == 1
    assert stranded(pdf, headings) == []
    pages = [page for page in pdf_text(pdf).split("\f") if page.strip()]
    assert "11. Records and data protection" in pages[4]
    assert document.read_bytes() == before  # the .docx, which Word lays out right, is untouched

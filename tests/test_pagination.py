"""Finding a heading by its style's English name, and breaking the page before it."""

from __future__ import annotations

import io
import zipfile

from confdocs.build.pagination import break_before, heading_texts

from .helpers import ROOT

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

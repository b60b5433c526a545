"""PDFs through LibreOffice, read back with pdftotext. CI installs both, so there these run."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from confdocs.engagement.validate import load_engagement
from confdocs.render.numbering import number_clauses

from ..helpers import SAMPLES, pdf_text, soffice_available

pytestmark = pytest.mark.skipif(
    not soffice_available() and not os.environ.get("CI"),
    reason="LibreOffice or pdftotext is not installed (CI installs them and never skips)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from confdocs.cli import main

    out = tmp_path_factory.mktemp("pdf")
    assert main(["build", str(SAMPLES), "--out", str(out), "--pdf"]) == 0
    return out


def test_every_document_has_a_pdf(built: Path) -> None:
    documents = sorted(built.rglob("*.docx"))
    assert documents
    for document in documents:
        assert document.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"


def test_pdf_text_of_each_sample(built: Path) -> None:
    for sample in sorted(SAMPLES.glob("*.json")):
        data = load_engagement(sample).data
        ident = data["id"]
        text = pdf_text(built / ident / f"{ident}-contract.pdf")
        flat = " ".join(text.split())
        assert data["parties"]["client"]["name"] in flat
        assert "{{" not in text and "{%" not in text
        numbers = number_clauses(data).limit
        for limit in data["confidentiality"]["limits"]:
            assert numbers[limit["id"]] in text
        assert ("Page 1 sur" if data["locale"].startswith("fr") else "Page 1 of") in flat


def test_each_pdf_says_the_language_and_title_of_its_document(built: Path) -> None:
    import pypdfium2

    for sample in sorted(SAMPLES.glob("*.json")):
        data = load_engagement(sample).data
        ident = data["id"]
        for pdf in sorted((built / ident).glob("*.pdf")):
            raw = pdf.read_bytes()
            assert f"/Lang({data['locale']})".encode() in raw.replace(b" (", b"("), pdf
            title = pypdfium2.PdfDocument(pdf).get_metadata_dict()["Title"]
            assert title.endswith(data["title"])
            french = data["locale"].startswith("fr")
            assert ("\u00a0: " in title) == french  # French puts a no-break space first


def test_notice_pdf_cites_the_clause(built: Path) -> None:
    data = load_engagement(SAMPLES / "coaching-two-disclosures.json").data
    disclosure = data["disclosures"][0]
    clause = number_clauses(data).limit[disclosure["limit"]]
    ident = data["id"]
    text = " ".join(pdf_text(built / ident / f"{ident}-disclosure-{disclosure['id']}.pdf").split())
    assert f"clause {clause}" in text


def test_manifest_lists_the_pdfs(built: Path) -> None:
    import json

    outputs = json.loads((built / "manifest.json").read_text())["outputs"]
    assert sum(1 for e in outputs if e["path"].endswith(".pdf")) == len(list(built.rglob("*.pdf")))


def _french(pdf: Path) -> bool:
    """Whether a document was written in French, as its Word document says."""
    import docx

    return str(docx.Document(str(pdf.with_suffix(".docx"))).core_properties.language).startswith("fr")


def _pages(path: Path) -> list[list[str]]:
    """Each page's lines of text, without the running header and footer."""
    pages = [page for page in pdf_text(path).split("\f") if page.strip()]
    return [[line.strip() for line in page.splitlines()
             if line.strip() and " · " not in line and not line.strip().startswith("Page ")]
            for page in pages]


def test_everyone_signs_on_one_page_with_some_of_the_agreement(built: Path) -> None:
    for pdf in sorted([*built.rglob("*-contract.pdf"), *built.rglob("*-feedback-annex.pdf")]):
        pages = _pages(pdf)
        annex = "Approbation" if _french(pdf) else "Acknowledgement"
        heading = "Signatures" if pdf.name.endswith("-contract.pdf") else annex
        where = [i for i, page in enumerate(pages) if heading in page]
        signing = sorted({i for i, page in enumerate(pages)
                          for line in page if re.match(r"Signature\s?:", line)})
        assert len(where) == 1 and signing == where, (pdf.name, where, signing)
        before = pages[where[0]][:pages[where[0]].index(heading)]
        assert len(before) >= 2, f"{pdf.name}: the signatures start a page of their own"


def test_no_closing_or_signature_stands_on_a_page_of_its_own(built: Path) -> None:
    closings = ("Yours sincerely", "Recorded by", "Signatures", "Acknowledgement",
                "Consigné par", "Approbation")
    for pdf in sorted(built.rglob("*.pdf")):
        last = _pages(pdf)[-1]
        where = next(i for i, line in enumerate(last)
                     if line in closings or line.startswith("Je vous prie d’agréer"))
        assert where >= 2, f"{pdf.name}: its last page holds only {last[where]!r} and after"


def test_no_heading_is_left_at_the_foot_of_a_page(built: Path) -> None:
    from confdocs.build.pagination import heading_texts, stranded

    for pdf in sorted(built.rglob("*.pdf")):
        headings = heading_texts(pdf.with_suffix(".docx").read_bytes())
        assert stranded(pdf, headings) == [], pdf.name

"""PDFs through LibreOffice, read back with pdftotext. CI installs both, so there these run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from confdocs.render.numbering import number_clauses
from confdocs.validate import load_engagement

from .conftest import SAMPLES, pdf_text, soffice_available

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
        assert "Page 1 of" in flat


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

"""A PDF is an output like any other (issue 24, item 1): the manifest records each PDF with the
hash of the .docx it was made from; under --pdf a missing PDF, or one made from another .docx,
is made again; a build without --pdf that rewrites a .docx removes the PDF made from the old one,
and says so. LibreOffice is replaced here by a converter that writes, as its "PDF", the hash of
the .docx it was given, so that which .docx a PDF was made from can be read back; one test at
the end runs LibreOffice itself."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from ..helpers import SAMPLES, pdf_text, sample_data, soffice_available, write_engagement

FAKE = b"%PDF-fake made from "


def _fake_pdf(document: Path) -> Path:
    target = document.with_suffix(".pdf")
    target.write_bytes(FAKE + hashlib.sha256(document.read_bytes()).hexdigest().encode())
    return target


@pytest.fixture
def converter(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """LibreOffice, as the build sees it, made of the fake PDF; ``converted`` lists each
    document converted, and setting ``stop_after`` interrupts the conversion (Ctrl-C) after
    that many documents."""
    import confdocs.build.pagination as pagination
    import confdocs.build.pdf as pdf

    state: dict[str, Any] = {"converted": [], "stop_after": None}

    def convert(documents: Sequence[Path], **_: Any) -> list[Path]:
        made = []
        for document in documents:
            if state["stop_after"] is not None and len(state["converted"]) >= state["stop_after"]:
                raise KeyboardInterrupt
            state["converted"].append(document)
            made.append(_fake_pdf(document))
        return made

    monkeypatch.setattr(pdf, "find_soffice", lambda chosen=None: "soffice")
    monkeypatch.setattr(pdf, "convert_to_pdf", convert)
    monkeypatch.setattr(pdf, "missing_fonts", lambda templates: [])
    keep: Callable[..., int] = lambda pdfs, convert: 0  # noqa: E731
    monkeypatch.setattr(pagination, "keep_headings_with_text", keep)
    return state


def _cohort(tmp_path: Path) -> Path:
    cohort = tmp_path / "cohort"
    shutil.copytree(SAMPLES / "cohort", cohort)
    return cohort / "engagements"


def _retitle(engagements: Path, ident: str, job_title: str) -> None:
    path = engagements / f"{ident}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parties"]["client"]["job_title"] = job_title
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def _outputs(out: Path) -> dict[str, dict[str, Any]]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {entry["path"]: entry for entry in manifest["outputs"]}


def _each_pdf_made_from_its_docx(out: Path) -> None:
    """Every .docx has its PDF, made from its bytes as they are, and the manifest records each
    PDF with that .docx's hash and the PDF's own."""
    outputs = _outputs(out)
    documents = sorted(out.rglob("*.docx"))
    assert documents and sorted(out.rglob("*.pdf")) == [d.with_suffix(".pdf") for d in documents]
    for document in documents:
        pdf = document.with_suffix(".pdf")
        docx_sha = hashlib.sha256(document.read_bytes()).hexdigest()
        assert pdf.read_bytes() == FAKE + docx_sha.encode(), pdf
        entry = outputs[str(pdf.relative_to(out))]
        assert entry["template"] == str(document.relative_to(out))
        assert entry["template_sha256"] == docx_sha
        assert entry["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert entry["document"] == outputs[entry["template"]]["document"] + "-pdf"


def test_build_then_build_pdf_makes_the_pdfs(tmp_path: Path, run,
                                            converter: dict[str, Any]) -> None:
    engagements = _cohort(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(engagements), "--out", str(out)).exit_code == 0
    assert not list(out.rglob("*.pdf"))
    docx_times = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    result = run("build", str(engagements), "--out", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    _each_pdf_made_from_its_docx(out)
    assert "5 up to date" in result.output  # the .docx files were current: only PDFs were made
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == docx_times
    converter["converted"].clear()
    again = run("build", str(engagements), "--out", str(out), "--pdf")
    assert again.exit_code == 0 and "5 up to date" in again.output
    assert converter["converted"] == []


def test_a_rewritten_docx_takes_its_stale_pdf_with_it_and_pdf_remakes_it(
        tmp_path: Path, run, converter: dict[str, Any]) -> None:
    engagements = _cohort(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(engagements), "--out", str(out), "--pdf").exit_code == 0
    _each_pdf_made_from_its_docx(out)
    stale = out / "HV-LC-2026-002" / "HV-LC-2026-002-contract.pdf"
    other = out / "HV-LC-2026-001" / "HV-LC-2026-001-contract.pdf"
    other_bytes = other.read_bytes()
    _retitle(engagements, "HV-LC-2026-002", "Fleet Director (interim)")
    plain = run("build", str(engagements), "--out", str(out))
    assert plain.exit_code == 0, plain.output
    assert not stale.exists()
    assert ("confdocs: warning: HV-LC-2026-002/HV-LC-2026-002-contract.pdf removed: made from "
            "an earlier version of the .docx beside it") in plain.stderr
    assert "build with --pdf to make it again" in plain.stderr
    assert other.read_bytes() == other_bytes  # the others are current, and kept
    assert "HV-LC-2026-002/HV-LC-2026-002-contract.pdf" not in _outputs(out)
    converter["converted"].clear()
    remade = run("build", str(engagements), "--out", str(out), "--pdf")
    assert remade.exit_code == 0, remade.output
    _each_pdf_made_from_its_docx(out)
    assert converter["converted"] == [out / "HV-LC-2026-002" / "HV-LC-2026-002-contract.docx"]
    assert "removed" not in remade.stderr


def test_a_missing_or_foreign_pdf_is_made_again_under_pdf(
        tmp_path: Path, run, converter: dict[str, Any]) -> None:
    engagements = _cohort(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(engagements), "--out", str(out), "--pdf").exit_code == 0
    missing = out / "HV-LC-2026-003" / "HV-LC-2026-003-contract.pdf"
    missing.unlink()
    foreign = out / "HV-LC-2026-004" / "HV-LC-2026-004-contract.pdf"
    shutil.copy(out / "HV-LC-2026-005" / "HV-LC-2026-005-contract.pdf", foreign)
    converter["converted"].clear()
    result = run("build", str(engagements), "--out", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    assert sorted(converter["converted"]) == [missing.with_suffix(".docx"),
                                              foreign.with_suffix(".docx")]
    _each_pdf_made_from_its_docx(out)


def test_a_pdf_changed_since_it_was_made_is_left_and_said(
        tmp_path: Path, run, converter: dict[str, Any]) -> None:
    engagements = _cohort(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(engagements), "--out", str(out), "--pdf").exit_code == 0
    signed = out / "HV-LC-2026-002" / "HV-LC-2026-002-contract.pdf"
    signed.write_bytes(b"%PDF- signed by the client")
    _retitle(engagements, "HV-LC-2026-002", "Fleet Director (interim)")
    result = run("build", str(engagements), "--out", str(out))
    assert result.exit_code == 0
    assert signed.read_bytes() == b"%PDF- signed by the client"
    assert ("HV-LC-2026-002/HV-LC-2026-002-contract.pdf left as it is, though made from an "
            "earlier version") in result.stderr


def test_a_letter_removed_takes_its_pdf_with_it(tmp_path: Path, run,
                                                converter: dict[str, Any]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    data = sample_data("coaching-two-disclosures.json")
    path = write_engagement(inputs, data)
    out = tmp_path / "out"
    assert run("build", str(inputs), "--out", str(out), "--pdf").exit_code == 0
    second = data["disclosures"].pop()
    data["decisions"] = [d for d in data["decisions"] if d["id"] != second.get("decision")]
    write_engagement(inputs, data, path.name)
    assert run("build", str(inputs), "--out", str(out)).exit_code == 0
    letter = out / data["id"] / f"{data['id']}-disclosure-{second['id']}"
    assert not letter.with_suffix(".docx").exists() and not letter.with_suffix(".pdf").exists()
    assert not [p for p in _outputs(out) if second["id"] in p.rsplit("-", 1)[-1]]


def test_a_build_stopped_while_converting_is_completed_by_the_next(
        tmp_path: Path, run, converter: dict[str, Any]) -> None:
    engagements = _cohort(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(engagements), "--out", str(out), "--pdf").exit_code == 0
    for ident in ("HV-LC-2026-001", "HV-LC-2026-003", "HV-LC-2026-005"):
        _retitle(engagements, ident, "Director (acting)")
    converter["converted"].clear()
    converter["stop_after"] = 1
    stopped = run("build", str(engagements), "--out", str(out), "--pdf")
    assert stopped.exit_code == 130
    # No PDF disagrees with its .docx: the converted one is new, the two others are gone.
    for pdf in out.rglob("*.pdf"):
        docx_sha = hashlib.sha256(pdf.with_suffix(".docx").read_bytes()).hexdigest()
        assert pdf.read_bytes() == FAKE + docx_sha.encode(), pdf
    assert len(list(out.rglob("*.pdf"))) < len(list(out.rglob("*.docx")))
    converter["stop_after"] = None
    resumed = run("build", str(engagements), "--out", str(out), "--pdf")
    assert resumed.exit_code == 0, resumed.output
    _each_pdf_made_from_its_docx(out)


def test_shards_record_their_pdfs_and_merge_keeps_them(tmp_path: Path, run,
                                                       converter: dict[str, Any]) -> None:
    engagements = _cohort(tmp_path)
    whole = tmp_path / "whole"
    assert run("build", str(engagements), "--out", str(whole), "--pdf").exit_code == 0
    manifests = []
    for k in (1, 2):
        part = tmp_path / f"part-{k}"
        assert run("build", str(engagements), "--out", str(part), "--shard", f"{k}/2",
                   "--pdf").exit_code == 0
        if list(part.rglob("*.docx")):
            _each_pdf_made_from_its_docx(part)
        manifests.append(str(part / "manifest.json"))
    assert run("merge-manifests", *manifests, "-o", str(tmp_path / "merged.json")).exit_code == 0
    merged = json.loads((tmp_path / "merged.json").read_text(encoding="utf-8"))["outputs"]
    fields = ("path", "sha256", "template", "template_sha256", "document")
    assert ({tuple(e[f] for f in fields) for e in merged}
            == {tuple(e[f] for f in fields) for e in _outputs(whole).values()})
    assert sum(1 for e in merged if e["path"].endswith(".pdf")) == len(list(whole.rglob("*.docx")))


@pytest.mark.skipif(not soffice_available(),
                    reason="LibreOffice or pdftotext is not installed (CI installs them and never "
                           "skips)")
def test_hr_corrects_a_job_title_and_no_pdf_disagrees_with_its_contract(tmp_path: Path,
                                                                        run) -> None:
    """Issue 24's sequence, with LibreOffice: built with --pdf, one job title corrected and
    built without, then with --pdf."""
    engagements = _cohort(tmp_path)
    ident = "HV-LC-2026-001"
    for extra in engagements.glob("HV-*.json"):
        if extra.stem != ident:
            extra.unlink()
    out = tmp_path / "out"
    first = run("build", str(engagements), "--out", str(out), "--only", "contract", "--pdf")
    assert first.exit_code == 0, first.output
    pdf = out / ident / f"{ident}-contract.pdf"
    assert "(interim)" not in pdf_text(pdf)
    _retitle(engagements, ident, "Head of Network Operations (interim)")
    assert run("build", str(engagements), "--out", str(out), "--only", "contract").exit_code == 0
    assert not pdf.exists()
    assert run("build", str(engagements), "--out", str(out), "--only", "contract",
               "--pdf").exit_code == 0
    assert "Head of Network Operations (interim)" in " ".join(pdf_text(pdf).split())

"""Incremental builds (issue 27): an unchanged output is trusted from a stat of it against what the
manifest recorded, without reading it; --verify reads and hashes every one; a manifest of an
earlier version (no stat recorded) is decided by hash once, then recorded."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import confdocs.build.manifest as manifest_module

from ..helpers import SAMPLES


def _outputs(out: Path) -> list[dict[str, object]]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]


def _hashed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The output files the manifest reads and hashes from now on."""
    read: list[Path] = []
    original = manifest_module.sha256_file

    def counting(path: Path) -> str | None:
        read.append(path)
        return original(path)

    monkeypatch.setattr(manifest_module, "sha256_file", counting)
    return read


def test_the_manifest_records_each_file_size_and_modification_time(tmp_path: Path, run) -> None:
    out = tmp_path / "out"
    assert run("build", str(SAMPLES / "cohort" / "engagements"), "--out", str(out)).exit_code == 0
    outputs = _outputs(out)
    assert outputs
    for entry in outputs:
        found = (out / str(entry["path"])).stat()
        assert (entry["size"], entry["mtime_ns"]) == (found.st_size, found.st_mtime_ns)


def test_an_unchanged_rebuild_reads_no_output(tmp_path: Path, run,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    engagements = SAMPLES / "cohort" / "engagements"
    assert run("build", str(engagements), "--out", str(out)).exit_code == 0
    read = _hashed(monkeypatch)
    again = run("build", str(engagements), "--out", str(out))
    assert again.exit_code == 0 and "5 up to date" in again.output
    assert read == []


def test_verify_hashes_every_output_and_rebuilds_one_changed_behind_its_stat(
        tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    engagements = SAMPLES / "cohort" / "engagements"
    assert run("build", str(engagements), "--out", str(out)).exit_code == 0
    entry = _outputs(out)[0]
    target = out / str(entry["path"])
    good = target.read_bytes()
    # Same size, same modification time, other bytes: what only a hash can tell.
    forged = good[:-1] + bytes([good[-1] ^ 1])
    before = target.stat()
    target.write_bytes(forged)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    trusting = run("build", str(engagements), "--out", str(out))
    assert trusting.exit_code == 0 and "5 up to date" in trusting.output
    assert target.read_bytes() == forged
    read = _hashed(monkeypatch)
    verified = run("build", str(engagements), "--out", str(out), "--verify")
    assert verified.exit_code == 0 and "4 up to date" in verified.output, verified.output
    assert target.read_bytes() == good
    assert len(read) >= len(_outputs(out)) - 1


def test_a_touched_output_is_hashed_once_then_trusted_again(
        tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    engagements = SAMPLES / "cohort" / "engagements"
    assert run("build", str(engagements), "--out", str(out)).exit_code == 0
    entry = _outputs(out)[0]
    target = out / str(entry["path"])
    os.utime(target, ns=(0, 10**18))  # touched (or copied): the same bytes, another time
    read = _hashed(monkeypatch)
    assert "5 up to date" in run("build", str(engagements), "--out", str(out)).output
    assert read == [target]
    assert {e["path"]: e for e in _outputs(out)}[entry["path"]]["mtime_ns"] == 10**18
    read.clear()
    assert "5 up to date" in run("build", str(engagements), "--out", str(out)).output
    assert read == []


def test_a_manifest_without_stats_is_decided_by_hash_then_gets_them(
        tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    engagements = SAMPLES / "cohort" / "engagements"
    assert run("build", str(engagements), "--out", str(out)).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["outputs"]:  # as the manifests before issue 27 were written
        entry.pop("size")
        entry.pop("mtime_ns")
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")}
    read = _hashed(monkeypatch)
    again = run("build", str(engagements), "--out", str(out))
    assert again.exit_code == 0 and "5 up to date" in again.output
    assert sorted(read) == sorted(written)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.docx")} == written  # none rewritten
    assert all(e["mtime_ns"] == (out / str(e["path"])).stat().st_mtime_ns for e in _outputs(out))
    read.clear()
    assert "5 up to date" in run("build", str(engagements), "--out", str(out)).output
    assert read == []


def test_a_damaged_stat_in_the_manifest_rebuilds_its_document(tmp_path: Path, run) -> None:
    out = tmp_path / "out"
    engagements = SAMPLES / "cohort" / "engagements"
    assert run("build", str(engagements), "--out", str(out)).exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["outputs"][0]["size"] = "big"
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    again = run("build", str(engagements), "--out", str(out))
    assert again.exit_code == 0 and "4 up to date" in again.output
    assert "1 damaged entry ignored" in again.stderr


def test_a_changed_annex_template_rewrites_annexes_only(tmp_path: Path, run) -> None:
    """Issue 27, item 2: each document is decided on its own. The contracts beside the annexes
    are neither rendered nor written again: their bytes and modification times are unchanged."""
    import shutil

    from ..helpers import edit_body, index_of

    own = tmp_path / "own"
    own.mkdir()
    annex_template = own / "feedback-annex.docx"
    shutil.copy(SAMPLES.parent / "templates" / "en-GB" / "feedback-annex.docx", annex_template)
    out = tmp_path / "out"
    engagements = SAMPLES / "cohort" / "engagements"
    first = run("build", str(engagements), "--out", str(out), "--templates", str(own))
    assert first.exit_code == 0, first.output
    contracts = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*-contract.docx")}
    annexes = {p: p.read_bytes() for p in out.rglob("*-feedback-annex.docx")}
    assert len(contracts) == len(annexes) == 5

    def reword(paragraphs: list) -> None:  # type: ignore[type-arg]
        paragraph = paragraphs[index_of(paragraphs, "Reference: ")]
        paragraph.runs[0].text = "Our reference:"

    edit_body(annex_template, reword)
    again = run("build", str(engagements), "--out", str(out), "--templates", str(own))
    assert again.exit_code == 0, again.output
    assert "Built 5 documents from 5 engagements" in again.output
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in out.rglob("*-contract.docx")} == contracts
    for annex, before in annexes.items():
        assert annex.read_bytes() != before
        assert b"Our reference" in _document_xml(annex)
    outputs = {e["path"]: e for e in _outputs(out)}
    assert len(outputs) == 10
    assert all(outputs[str(p.relative_to(out))]["sha256"] == hashlib.sha256(p.read_bytes())
               .hexdigest() for p in out.rglob("*.docx"))
    third = run("build", str(engagements), "--out", str(out), "--templates", str(own))
    assert third.exit_code == 0 and "5 up to date" in third.output


def _document_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")

"""Acceptance tests: `confdocs build`, with every document read back, and what it refuses: invalid
or colliding engagements, templates that run away or are not Word documents, a lost worker."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
from pathlib import Path
from typing import Any

import docx
import pytest

import confdocs
from confdocs.engagement.validate import load_engagement
from confdocs.render.filters import babel_locale
from confdocs.render.numbering import number_clauses

from ..docx_cases import NUMBERED_SECTIONS, make, with_understated_part
from ..helpers import (
    ROOT,
    SAMPLES,
    confdocs_limited,
    document_text,
    fake_fc_match,
    guild_engagement,
    sample_data,
    table_rows,
    write_engagement,
)

EXEC = "exec-coaching-harbour-vale.json"
TWO = "coaching-two-disclosures.json"
GUILD = "membership-guild.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from confdocs.cli import main

    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SAMPLES), "--out", str(out)]) == 0
    return out


def _id(sample: str) -> str:
    return str(sample_data(sample)["id"])


def _doc(out: Path, sample: str, suffix: str) -> Path:
    ident = _id(sample)
    return out / ident / f"{ident}-{suffix}.docx"


def _long_date(text: str) -> str:
    import datetime

    from babel.dates import format_date

    return format_date(datetime.date.fromisoformat(text), "long", locale=babel_locale("en-GB"))


def test_every_sample_gets_its_documents(built: Path) -> None:
    made = sorted(str(p.relative_to(built)) for p in built.rglob("*.docx"))
    expected = []
    from confdocs.engagement.profiles import is_profile_path

    for sample in sorted(SAMPLES.rglob("[!.]*.json")):
        if is_profile_path(str(sample)):
            continue
        data = confdocs.load_engagement(sample).data  # the cohort's merged with their profiles
        ident = data["id"]
        expected.append(f"{ident}/{ident}-contract.docx")
        if data.get("feedback", {}).get("from_others", {}).get("collected"):
            expected.append(f"{ident}/{ident}-feedback-annex.docx")
        expected += [f"{ident}/{ident}-disclosure-{d['id']}.docx" for d in data.get("disclosures", [])]
        expected += [f"{ident}/{ident}-decision-{d['id']}.docx" for d in data.get("decisions", [])]
    assert made == sorted(expected)


def test_manifest_records_hashes_of_input_template_and_output(built: Path) -> None:
    import hashlib

    from confdocs.build.manifest import recorded_file

    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "confdocs" and manifest["version"]
    entries = {e["path"]: e for e in manifest["outputs"]}
    assert set(entries) == {str(p.relative_to(built)) for p in built.rglob("*.docx")}
    for path, entry in entries.items():
        assert entry["sha256"] == hashlib.sha256((built / path).read_bytes()).hexdigest()
        assert entry["input_sha256"] == hashlib.sha256(Path(entry["input"]).read_bytes()).hexdigest()
        assert entry["template"].startswith("shipped:")  # the same on every machine
        assert entry["template_sha256"] == hashlib.sha256(
            recorded_file(entry["template"]).read_bytes()).hexdigest()


def test_contract_names_the_parties_and_keeps_ampersands(built: Path) -> None:
    data = sample_data(EXEC)
    text = document_text(_doc(built, EXEC, "contract"))
    assert data["parties"]["client"]["name"] in text
    assert data["parties"]["practitioner"]["name"] in text
    assert data["parties"]["sponsor"]["organisation"] in text
    assert "&" in data["parties"]["sponsor"]["organisation"]
    assert "&amp;" not in text and "{{" not in text and "{%" not in text
    assert data["id"] in text  # the running header


def test_each_limit_is_its_own_numbered_clause(built: Path) -> None:
    data = load_engagement(SAMPLES / EXEC).data
    numbers = number_clauses(data).limit
    paragraphs = [p.text for p in docx.Document(str(_doc(built, EXEC, "contract"))).paragraphs]
    for limit in data["confidentiality"]["limits"]:
        holder = [p for p in paragraphs if limit["description"] in p]
        assert len(holder) == 1, limit["id"]
        assert holder[0].startswith(numbers[limit["id"]]), holder[0]


def test_section_headings_are_numbered_in_order(built: Path) -> None:
    document = docx.Document(str(_doc(built, EXEC, "contract")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    numbers = [h.split(".")[0] for h in headings if h[:1].isdigit()]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert len(numbers) == len(number_clauses(load_engagement(SAMPLES / EXEC).data).section)


def test_shared_table_has_a_row_per_item(built: Path) -> None:
    data = sample_data(EXEC)
    rows = table_rows(_doc(built, EXEC, "contract"), 0)
    body = rows[1:]
    assert [row[0] for row in body] == [item["what"] for item in data["confidentiality"]["shared"]]
    assert [row[-1] for row in body] == [item["when"] for item in data["confidentiality"]["shared"]]


def test_no_sponsor_no_three_way_wording(built: Path) -> None:
    text = document_text(_doc(built, GUILD, "contract")).lower()
    assert "sponsor" not in text and "three-way" not in text
    with_sponsor = document_text(_doc(built, EXEC, "contract")).lower()
    assert "sponsor" in with_sponsor


def test_annex_only_when_feedback_from_others_is_collected(built: Path) -> None:
    assert _doc(built, EXEC, "feedback-annex").exists()
    assert not _doc(built, GUILD, "feedback-annex").exists()
    data = sample_data(EXEC)
    rows = table_rows(_doc(built, EXEC, "feedback-annex"), 0)
    names = [row[0] for row in rows[1:]]
    assert names == [c["name"] for c in data["feedback"]["from_others"]["categories"]]
    assert [row[1] for row in rows[1:]] == [
        str(c["minimum_respondents"]) for c in data["feedback"]["from_others"]["categories"]]


@pytest.mark.parametrize("index", [0, 1])
def test_notice_cites_the_contract_clause_and_date(built: Path, index: int) -> None:
    data = load_engagement(SAMPLES / TWO).data
    disclosure = data["disclosures"][index]
    clause = number_clauses(data).limit[disclosure["limit"]]
    text = document_text(_doc(built, TWO, f"disclosure-{disclosure['id']}"))
    assert f"clause {clause}" in text
    assert _long_date(data["dates"]["agreed"]) in text
    assert disclosure["recipient"]["name"] in text
    for fact in disclosure["information"]:
        assert fact in text
    contract = [p.text for p in docx.Document(str(_doc(built, TWO, "contract"))).paragraphs]
    limit = next(x for x in data["confidentiality"]["limits"] if x["id"] == disclosure["limit"])
    assert any(p.startswith(clause) and limit["description"] in p for p in contract)


def test_notice_consent_paragraph_follows_the_case(built: Path) -> None:
    data = sample_data(TWO)
    given, refused = data["disclosures"]
    assert given["consent"] == "given" and refused["consent"] == "refused"
    given_text = document_text(_doc(built, TWO, f"disclosure-{given['id']}"))
    refused_text = document_text(_doc(built, TWO, f"disclosure-{refused['id']}"))
    assert refused["consent_note"] in refused_text
    assert data["professional_body"]["code_of_ethics"]["title"] in refused_text
    assert refused["consent_note"] not in given_text


def test_builds_are_byte_identical(tmp_path: Path, run) -> None:
    for name in ("a", "b"):
        assert run("build", str(SAMPLES), "--out", str(tmp_path / name), "-j", "1").exit_code == 0
    first = sorted((tmp_path / "a").rglob("*.docx"))
    assert first
    for path in first:
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_document_properties_come_from_the_engagement(built: Path) -> None:
    data = sample_data(EXEC)
    props = docx.Document(str(_doc(built, EXEC, "contract"))).core_properties
    assert props.author == data["parties"]["practitioner"]["name"]
    assert data["title"] in props.title
    assert props.created.date().isoformat() == data["dates"]["agreed"]


def test_invalid_engagement_reported_and_skipped_others_built(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / GUILD, inputs / GUILD)
    bad = sample_data(EXEC)
    bad["dates"]["end"] = "2020-01-01"
    path = write_engagement(inputs, bad)
    result = run("build", str(inputs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and "[dates-end-before-start at /dates/end]" in result.stderr
    assert "1 invalid (skipped)" in result.output
    assert _doc(tmp_path / "out", GUILD, "contract").exists()
    assert not (tmp_path / "out" / bad["id"]).exists()


def test_only_contracts(tmp_path: Path, run) -> None:
    assert run("build", str(SAMPLES), "--out", str(tmp_path), "--only", "contract").exit_code == 0
    assert all(p.name.endswith("-contract.docx") for p in tmp_path.rglob("*.docx"))
    result = run("build", str(SAMPLES), "--out", str(tmp_path), "--only", "contrat")
    assert result.exit_code == 2 and "not a document kind" in result.stderr


def test_own_templates_replace_shipped_ones_of_the_same_name(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / "contract.docx", "Our own wording for {{ parties.client.name }} & co.",
         *NUMBERED_SECTIONS)
    out = tmp_path / "out"
    assert run("build", str(SAMPLES / EXEC), "--out", str(out), "--templates", str(own)).exit_code == 0
    text = document_text(_doc(out, EXEC, "contract"))
    assert f"Our own wording for {sample_data(EXEC)['parties']['client']['name']} & co." in text
    assert _doc(out, EXEC, "feedback-annex").exists()  # still the shipped annex


def test_template_error_names_template_and_paragraph(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / "contract.docx", "Fine.", "Dear {{ parties.client.nmae }},")
    result = run("build", str(SAMPLES / GUILD), "--out", str(tmp_path / "out"), "--templates",
                 str(own))
    assert result.exit_code == 1
    assert ('contract.docx: body paragraph 2 ("Dear {{ parties.client.nmae }},"): error: no '
            "field parties.client.nmae; did you mean parties.client.name? [unknown-field]"
            ) in result.stderr
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_missing_template_folder_is_a_usage_error(tmp_path: Path, run) -> None:
    result = run("build", str(SAMPLES), "--out", str(tmp_path), "--templates",
                 str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "the templates directory does not exist" in result.stderr


def test_same_id_in_two_files_never_overwrites(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    data = sample_data(GUILD)
    write_engagement(inputs, data, "a.json")
    data["parties"]["client"]["name"] = "Somebody Else"
    write_engagement(inputs, data, "b.json")
    result = run("build", str(inputs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "engagement-duplicate-id" in result.stderr
    text = document_text(_doc(tmp_path / "out", GUILD, "contract"))
    assert "Somebody Else" not in text


def test_incremental_rebuild_and_force(tmp_path: Path, run) -> None:
    out = tmp_path / "out"
    assert run("build", str(SAMPLES), "--out", str(out)).exit_code == 0
    again = run("build", str(SAMPLES), "--out", str(out))
    assert "Built 0 documents" in again.output and "11 up to date" in again.output  # 5 of the cohort
    contract = _doc(out, GUILD, "contract")
    contract.write_bytes(b"tampered")
    repaired = run("build", str(SAMPLES), "--out", str(out))
    assert "Built 1 document from 1 engagement" in repaired.output
    assert contract.read_bytes()[:2] == b"PK"
    forced = run("build", str(SAMPLES), "--out", str(out), "--force")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert f"Built {len(manifest['outputs'])} documents" in forced.output


def test_removed_disclosure_letter_is_removed(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    data = sample_data(TWO)
    path = write_engagement(inputs, data)
    out = tmp_path / "out"
    assert run("build", str(inputs), "--out", str(out)).exit_code == 0
    second = data["disclosures"].pop()
    # Its decision goes with it: a decision to disclose that no disclosure links is an error.
    data["decisions"] = [d for d in data["decisions"] if d["id"] != second.get("decision")]
    write_engagement(inputs, data, path.name)
    assert run("build", str(inputs), "--out", str(out)).exit_code == 0
    assert not _doc(out, TWO, f"disclosure-{second['id']}").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all(second["id"] not in e["path"].rsplit("-", 1)[-1] for e in manifest["outputs"])


def test_shards_are_disjoint_and_merge_into_the_whole(tmp_path: Path, run) -> None:
    for k in (1, 2, 3):
        assert run("build", str(SAMPLES), "--out", str(tmp_path / f"part-{k}"), "--shard",
                   f"{k}/3").exit_code == 0
    parts = [{e["path"] for e in json.loads((tmp_path / f"part-{k}" / "manifest.json")
                                              .read_text())["outputs"]}
             if (tmp_path / f"part-{k}" / "manifest.json").exists() else set() for k in (1, 2, 3)]
    assert not (parts[0] & parts[1]) and not (parts[1] & parts[2]) and not (parts[0] & parts[2])
    assert run("build", str(SAMPLES), "--out", str(tmp_path / "whole")).exit_code == 0
    whole = json.loads((tmp_path / "whole" / "manifest.json").read_text())
    manifests = [str(tmp_path / f"part-{k}" / "manifest.json") for k in (1, 2, 3)
                 if (tmp_path / f"part-{k}" / "manifest.json").exists()]
    result = run("merge-manifests", *manifests, "-o", str(tmp_path / "merged.json"))
    assert result.exit_code == 0
    merged = json.loads((tmp_path / "merged.json").read_text())
    assert {(e["path"], e["sha256"]) for e in merged["outputs"]} == {
        (e["path"], e["sha256"]) for e in whole["outputs"]}
    assert run("build", str(SAMPLES), "--out", str(tmp_path), "--shard", "4/3").exit_code == 2


def test_parallel_build_matches_single_process(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    base = sample_data(TWO)
    for n in range(12):
        base["id"] = f"PAR-{n:02d}"
        write_engagement(inputs, base)
    assert run("build", str(inputs), "--out", str(tmp_path / "one"), "-j", "1").exit_code == 0
    assert run("build", str(inputs), "--out", str(tmp_path / "two"), "-j", "2").exit_code == 0
    one = (tmp_path / "one" / "manifest.json").read_text()
    two = (tmp_path / "two" / "manifest.json").read_text()
    # Each records when its own files were written (issue 27); all else is the same, byte for byte.
    assert re.sub(r'"mtime_ns": \d+', "", one) == re.sub(r'"mtime_ns": \d+', "", two)
    assert one.count('"mtime_ns": ') == one.count('"path": ') > 12


def test_missing_soffice_is_a_clear_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                run) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CONFDOCS_SOFFICE", raising=False)
    # Nor where LibreOffice's installers put it (this machine has it in /usr/lib/libreoffice).
    monkeypatch.setattr("confdocs.build.pdf.installed_places", lambda: [])
    result = run("build", str(SAMPLES / GUILD), "--out", str(tmp_path / "o"), "--pdf")
    assert result.exit_code == 2
    assert "--pdf needs LibreOffice" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_shard_that_gets_no_input_still_leaves_a_manifest_to_merge(tmp_path: Path,
                                                                     run) -> None:
    # Inputs go to shards by a hash of their path: with few inputs, a shard may get none.
    source = SAMPLES / "membership-guild.json"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / source.name).write_bytes(source.read_bytes())
    from confdocs.build import in_shard

    name = str(folder / source.name)
    empty = next(k for k in (1, 2) if not in_shard(name, (k, 2)))
    out = tmp_path / f"part-{empty}"
    result = run("build", str(folder), "--out", str(out), "--shard", f"{empty}/2")
    assert result.exit_code == 0, result.output
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"] == []
    other = tmp_path / "part-other"
    assert run("build", str(folder), "--out", str(other), "--shard",
               f"{3 - empty}/2").exit_code == 0
    merged = tmp_path / "manifest.json"
    result = run("merge-manifests", str(out / "manifest.json"), str(other / "manifest.json"),
                 "-o", str(merged))
    assert result.exit_code == 0, result.output


def test_a_deeply_nested_input_is_a_finding_in_build_not_a_crash(tmp_path: Path, run) -> None:
    good = guild_engagement(tmp_path, name="good.json")
    deep = tmp_path / "in" / "deep.json"
    deep.write_text('{"id": "DEEP", "x": ' + "[" * 1500 + "]" * 1500 + "}", encoding="utf-8")
    result = run("build", str(good.parent), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "json-too-deep" in result.stderr
    assert (tmp_path / "out" / sample_data(GUILD)["id"]).is_dir()


def test_build_refuses_ids_that_collide_on_macos_and_windows(tmp_path: Path, run) -> None:
    data = sample_data(GUILD)
    folder = tmp_path / "in"
    folder.mkdir()
    write_engagement(folder, {**data, "id": "ABC-1"}, "a.json")
    write_engagement(folder, {**data, "id": "abc-1"}, "b.json")
    write_engagement(folder, {**data, "id": "nul"}, "c.json")
    out = tmp_path / "out"
    result = run("build", str(folder), "--out", str(out))
    assert result.exit_code == 1
    assert "engagement-duplicate-id" in result.stderr
    assert "engagement-id-reserved-name" in result.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["ABC-1"]


def test_a_template_that_loops_for_ever_is_stopped(tmp_path: Path, run, monkeypatch) -> None:
    from confdocs.render import limits

    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 1.0)
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    template = make(tmp_path / "t" / "contract.docx", loops)
    result = run("build", str(guild_engagement(tmp_path)), "--out", str(tmp_path / "out"),
                 "--templates", str(template.parent), "--only", "contract")
    # The template check that build runs first finds it, within the same bound, and refuses it.
    assert result.exit_code == 1
    assert "takes longer than 1 s" in result.stderr and "[render-unbounded]" in result.stderr
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_a_zip_bomb_template_is_refused_by_build_and_templates_check(tmp_path: Path, run) -> None:
    import zipfile

    template = make(tmp_path / "t" / "contract.docx", "Hello {{ title }}")
    with (zipfile.ZipFile(template, "a", compression=zipfile.ZIP_DEFLATED) as archive,
          archive.open("word/media/bomb.bin", "w", force_zip64=True) as bomb):
        for _ in range(120):
            bomb.write(bytes(1024 * 1024))
    assert template.stat().st_size < 2_000_000
    built = run("build", str(guild_engagement(tmp_path)), "--out", str(tmp_path / "out"),
                "--templates", str(template.parent), "--only", "contract")
    assert built.exit_code == 2, built.output  # not a Word template: as templates check says
    assert "inflate to 120 MiB" in built.stderr
    assert not (tmp_path / "out" / sample_data(GUILD)["id"]).exists()
    checked = run("templates", "check", str(template))
    assert checked.exit_code == 2
    assert "zip bomb" in checked.output


def test_a_template_whose_zip_understates_a_part_is_refused_alike_by_templates_check_and_build(
        tmp_path: Path) -> None:
    # 300 MiB of zeros said to be 1,000 bytes: build refused it (the CRC did not match what was
    # read up to the size said), but only after inflating it, and templates check passed it,
    # reading only the parts that hold tags.
    template = with_understated_part(make(tmp_path / "t" / "contract.docx", "Hello {{ title }}"),
                                     "word/media/big.bin", 300)
    assert template.stat().st_size < 1_000_000
    said = ("its parts inflate to more than 100 MiB, beyond the 100 MiB a template may hold; it "
            "is not a Word template confdocs will use (a zip bomb?)")
    checked = confdocs_limited("templates", "check", str(template))
    assert checked.code == 2, checked.stderr
    assert f"contract.docx: error: {said} [template-unreadable]" in checked.stdout
    built = confdocs_limited("build", str(guild_engagement(tmp_path)), "--out",
                             str(tmp_path / "out"), "--templates", str(template.parent),
                             "--only", "contract")
    assert built.code == 2, built.stderr
    assert f"contract.docx: error: {said} [template-unreadable]" in built.stderr
    assert not list((tmp_path / "out").rglob("*.docx"))
    # Inflated a chunk at a time, and never kept: each command stays near what it needs anyway
    # (before, templates check took 636 MiB).
    assert 0 < checked.peak_mib < 150 and 0 < built.peak_mib < 150


def test_a_template_that_is_a_dangling_link_or_a_folder_is_an_error(tmp_path: Path, run) -> None:
    path = guild_engagement(tmp_path)
    own = tmp_path / "own"
    own.mkdir()
    (own / "contract.docx").symlink_to(own / "gone.docx")
    dangling = run("build", str(path), "--out", str(tmp_path / "out"), "--templates", str(own))
    assert dangling.exit_code == 2
    assert "a link to a file that does not exist" in dangling.stderr
    (own / "contract.docx").unlink()
    (own / "contract.docx").mkdir()
    folder = run("build", str(path), "--out", str(tmp_path / "out"), "--templates", str(own))
    assert folder.exit_code == 2
    assert "a folder, not a Word document" in folder.stderr
    assert not (tmp_path / "out").exists()


def _killing_work(name: str, *args: Any, **kwargs: Any) -> Any:
    from confdocs.build.worker import work

    if name.endswith("e190.json"):
        os.kill(os.getpid(), signal.SIGKILL)
    return work(name, *args, **kwargs)


@pytest.mark.usefixtures("no_hang")  # a killed worker must never leave the suite waiting
def test_build_with_a_killed_worker_says_so_and_the_next_run_finishes(
        tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    base = sample_data("membership-guild.json")
    for index in range(200):
        write_engagement(inputs, {**base, "id": f"GUILD-{index:03d}"}, f"e{index:03d}.json")
    out = tmp_path / "out"
    monkeypatch.setattr("confdocs.build.batch.work", _killing_work)
    result = run("build", str(inputs), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert "\n" not in line
    assert line.startswith("confdocs: error: a worker process was killed by SIGKILL")
    assert "run the same command again" in line
    recorded = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert any(entry["engagement"] == "GUILD-000" for entry in recorded)

    monkeypatch.undo()  # the next run finds the folder unlocked, and builds the rest
    again = run("build", str(inputs), "--out", str(out), "--jobs", "2")
    assert again.exit_code == 0, again.output
    assert all((out / f"GUILD-{index:03d}").is_dir() for index in range(200))


def test_build_pdf_prints_the_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      run) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_fc_match(bin_dir, "DejaVu Sans")
    soffice = bin_dir / "soffice"  # a LibreOffice that fails: the warning comes all the same
    soffice.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    sample = ROOT / "samples" / "membership-guild.json"
    result = run("build", str(sample), "--out", str(tmp_path / "out"), "--pdf")
    # Only the fonts of the templates the build used (here the en-GB set's).
    assert "confdocs: warning: --pdf: font 'Calibri'" in result.output


def test_manifests_of_two_machines_name_templates_alike(tmp_path: Path, run) -> None:
    # The absolute path of the templates differed between machines (issue 26, item 6): the
    # shipped set is named as shipped, an organisation's own in its --templates folder.
    import shutil

    from ..helpers import ROOT

    data = sample_data(EXEC)
    manifests = []
    for machine in ("a", "b"):
        own = tmp_path / machine / "templates"
        shutil.copytree(ROOT / "templates" / "fr-FR", own / "fr-FR")
        folder = tmp_path / machine / "in"
        folder.mkdir()
        write_engagement(folder, data)
        french = {**data, "id": "FR-1", "locale": "fr-FR"}
        write_engagement(folder, french)
        out = tmp_path / machine / "out"
        done = run("build", str(folder), "--out", str(out), "--templates", str(own), "-q")
        assert done.exit_code == 0, done.output
        entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
        manifests.append({e["path"]: (e["template"], e.get("catalogue")) for e in entries})
    assert manifests[0] == manifests[1]
    assert manifests[0][f"{data['id']}/{data['id']}-contract.docx"] == (
        "shipped:en-GB/contract.docx", None)
    assert manifests[0]["FR-1/FR-1-contract.docx"] == ("fr-FR/contract.docx", "fr-FR/messages.po")


def test_a_manifest_naming_templates_by_absolute_path_is_still_read(tmp_path: Path, run) -> None:
    from confdocs.build.manifest import recorded_file

    folder = tmp_path / "in"
    folder.mkdir()
    write_engagement(folder, sample_data(EXEC))
    out = tmp_path / "out"
    assert run("build", str(folder), "--out", str(out), "-q").exit_code == 0
    manifest = out / "manifest.json"
    written = json.loads(manifest.read_text(encoding="utf-8"))
    for entry in written["outputs"]:  # as earlier versions wrote it
        entry["template"] = str(recorded_file(entry["template"]).resolve())
    manifest.write_text(json.dumps(written), encoding="utf-8")
    again = run("build", str(folder), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert "up to date" in again.output and "Built 0 documents" in again.output

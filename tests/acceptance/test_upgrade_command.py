"""`confdocs upgrade` as a user runs it: a line per file, one per change and per thing to decide,
the diff with --dry-run, the three formats, and the exit codes of the README."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..helpers import DATA, ROOT

V1 = DATA / "v1"


def _folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "engagements"
    folder.mkdir()
    for name in names:
        shutil.copyfile(V1 / name, folder / name)
    return folder


def test_upgrade_says_what_it_did_and_lists_what_to_decide(run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "membership-guild.json")
    path = folder / "membership-guild.json"
    result = run("upgrade", str(folder))
    assert result.exit_code == 1  # something is left for a person to decide
    lines = result.output.splitlines()
    assert lines[0] == f"{path}: upgraded from 1 to 2"
    assert lines[1].startswith(f"{path}:135:27: filled records.controller_contact: ")
    assert lines[2].startswith(f"{path}:136:30: filled records.supervisory_authority: ")
    assert lines[3].startswith(f"{path}:117:14: decide: add records.lawful_basis, which version 2 "
                               "requires: ")
    assert lines[4].startswith(f"{path}:124:25: decide: the records may hold special-category ")
    assert lines[5] == ("1 file: 1 upgraded, 0 already current; 2 things for you to decide, "
                        "listed above; wrote 1 file")
    # validate now names exactly those two places.
    checked = run("validate", "--quiet", str(folder))
    assert [line.split(": ")[0] for line in checked.output.splitlines()
            if ": error: " in line] == [f"{path}:117:14", f"{path}:124:25"]
    again = run("upgrade", str(folder))
    assert again.exit_code == 0
    assert again.output.splitlines()[0] == f"{path}: already current (version 2)"


def test_dry_run_prints_the_diff_and_writes_nothing(run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "training-course-data-leadership.json")
    path = folder / "training-course-data-leadership.json"
    before = path.read_bytes()
    result = run("upgrade", "--dry-run", str(path))
    assert path.read_bytes() == before
    assert f"--- {path}\n+++ {path}\n@@ -1,6 +1,6 @@\n" in result.output
    assert '\n-  "schema_version": 1,\n+  "schema_version": 2,\n' in result.output
    assert '\n-    "controller": "Brightwater Learning Ltd"\n' \
           '+    "controller": "Brightwater Learning Ltd",\n' in result.output
    assert result.output.rstrip().endswith("(dry run: 1 file would change, nothing written)")


def test_json_and_github_formats(run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "internal-mentoring-nhs-trust.json")
    path = folder / "internal-mentoring-nhs-trust.json"
    github = run("upgrade", "--dry-run", "--format", "github", str(folder))
    assert f"::error file={path},line=143,col=14,title=upgrade-decide::decide: add " \
           "records.lawful_basis" in github.output
    assert f"::notice file={path},line=159,col=27,title=upgrade-filled::filled " in github.output
    from jsonschema import Draft202012Validator

    shape = Draft202012Validator(json.loads((ROOT / "schemas" / "report.schema.json").read_text(
        encoding="utf-8")))
    dry = run("upgrade", "--dry-run", "--format", "json", str(folder))
    assert list(shape.iter_errors(json.loads(dry.output))) == []
    assert json.loads(dry.output)["files"][0]["diff"].startswith(f"--- {path}\n")
    result = run("upgrade", "--format", "json", str(folder))
    report = json.loads(result.output)
    assert list(shape.iter_errors(report)) == []
    assert result.exit_code == report["exit_code"] == 1
    assert report["written"] == 1 and report["decisions"] == 1 and report["problems"] == []
    (entry,) = report["files"]
    assert (entry["path"], entry["state"], entry["from"], entry["to"]) == (
        str(path), "upgraded", 1, 2)
    assert [(d["line"], d["column"], d["pointer"]) for d in entry["decide"]] == [
        (143, 14, "/records/lawful_basis")]
    assert "diff" not in entry


def test_unusable_input_exits_2_with_one_line_each(run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "membership-guild.json")
    (folder / "newer.json").write_text('{"schema_version": 9}', encoding="utf-8")
    (folder / "notes.json").write_text("not json", encoding="utf-8")
    result = run("upgrade", str(folder))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("confdocs: error: ")]
    assert errors == [
        f"confdocs: error: {folder / 'newer.json'}: written for version 9 of the engagement "
        "schema, newer than version 2, the newest this confdocs knows; update confdocs (pip "
        "install --upgrade confdocs)",
        f"confdocs: error: {folder / 'notes.json'}: cannot be upgraded: 1:1: not valid JSON: "
        "expected a value (a trailing comma, a comment or an unquoted word?)"]
    # The good file is upgraded all the same.
    assert json.loads((folder / "membership-guild.json").read_text())["schema_version"] == 2
    assert "Traceback" not in result.output


def test_a_build_output_folder_and_standard_input_are_refused(run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".confdocs.lock").write_text("")
    (out / "manifest.json").write_text("{}")
    result = run("upgrade", str(out), "-")
    assert result.exit_code == 2
    assert "a folder confdocs builds documents into" in result.output
    assert "-: upgrade rewrites files in place" in result.output
    assert (out / "manifest.json").read_text() == "{}"


def test_validate_and_build_meet_an_old_file_with_one_finding_naming_the_command(
        run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "exec-coaching-harbour-vale.json")
    path = folder / "exec-coaching-harbour-vale.json"
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:3:21: error: written for version 1 of the engagement schema, and this confdocs "
        f"reads version 2; run `confdocs upgrade {path}` to bring it up to date "
        "(docs/upgrading.md says what changed) [schema-version-old at /schema_version]",
        "1 file checked: 0 valid, 1 with errors (1 error, 0 warnings)"]
    built = run("build", str(path), "--out", str(tmp_path / "out"), "--quiet")
    assert built.exit_code == 1
    assert f"run `confdocs upgrade {path}`" in built.output
    assert "schema-required" not in built.output


def test_render_and_the_library_name_the_command_too(run, tmp_path: Path) -> None:
    import pytest

    from confdocs import InvalidEngagementError, load_engagement

    path = _folder(tmp_path, "membership-guild.json") / "membership-guild.json"
    result = run("render", "-t", str(ROOT / "templates" / "en-GB" / "contract.docx"), str(path),
                 "-o", str(tmp_path / "contract.docx"))
    assert result.exit_code == 1
    assert result.output == (
        f"confdocs: error: {path} has 1 error(s): 3:21: written for version 1 of the engagement "
        f"schema, and this confdocs reads version 2; run `confdocs upgrade {path}` to bring it "
        "up to date (docs/upgrading.md says what changed)\n")
    with pytest.raises(InvalidEngagementError) as caught:
        load_engagement(path)
    assert [f.code for f in caught.value.findings] == ["schema-version-old"]


def test_validate_on_standard_input_says_to_save_the_file_first(run) -> None:
    result = run("validate", "-", input=(V1 / "membership-guild.json").read_bytes())
    assert result.exit_code == 1
    assert "save it as a file and run `confdocs upgrade FILE` to bring it up to date" \
        in result.output


def test_help_has_examples_and_names_the_guide(run) -> None:
    text = run("upgrade", "--help").output
    assert "Examples:" in text and "confdocs upgrade --dry-run" in text
    assert "docs/upgrading.md" in text
    guide = run("docs", "upgrading")
    assert guide.exit_code == 0 and guide.output.startswith("# Upgrading")

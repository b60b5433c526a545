"""Acceptance tests: `confdocs validate` as a user or a CI pipeline runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..helpers import SAMPLES, guild_engagement, sample_data, write_engagement

GUILD = "membership-guild.json"


def test_samples_are_valid_with_no_warnings(run) -> None:
    result = run("validate", "--strict", str(SAMPLES))
    assert result.exit_code == 0, result.output
    count = len(list(SAMPLES.rglob("[!.]*.json")))  # the cohort's profiles and engagements too
    assert result.output.strip().endswith(f"{count} valid, 0 with errors (0 errors, 0 warnings)")


def test_error_names_file_line_column_code_and_pointer(run, tmp_path: Path) -> None:
    data = sample_data("exec-coaching-harbour-vale.json")
    data["dates"]["end"] = "2025-01-10"
    path = write_engagement(tmp_path, data)
    result = run("validate", str(path))
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "dates-end-before-start" in x)
    text = path.read_text(encoding="utf-8").splitlines()
    expected_line = next(i for i, t in enumerate(text, 1) if '"end": "2025-01-10"' in t)
    column = text[expected_line - 1].index('"2025-01-10"') + 1
    assert line.startswith(f"{path}:{expected_line}:{column}: error: dates.end 2025-01-10 is before")
    assert line.endswith("[dates-end-before-start at /dates/end]")


def test_one_bad_file_never_stops_the_others(run, tmp_path: Path) -> None:
    (tmp_path / "a-broken.json").write_text("{", encoding="utf-8")
    data = sample_data("membership-guild.json")
    data["kind"] = "coachng"
    write_engagement(tmp_path, data, "b-bad-kind.json")
    write_engagement(tmp_path, sample_data("exec-coaching-harbour-vale.json"), "c-good.json")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "a-broken.json:1:2: error:" in result.output
    assert "did you mean 'coaching'?" in result.output
    assert "3 files checked: 1 valid, 2 with errors" in result.output


def test_every_error_in_a_file_is_reported(run, tmp_path: Path) -> None:
    data = sample_data("coaching-two-disclosures.json")
    data["parties"]["client"]["email"] = "not-an-email"
    data["dates"]["agreed"] = "2026-02-30"
    data["disclosures"][0]["limit"] = "no-such-limit"
    result = run("validate", "--format", "json", str(write_engagement(tmp_path, data)))
    found = {f["code"] for f in json.loads(result.output)["findings"]}
    assert {"schema-format", "disclosure-unknown-limit"} <= found
    assert result.exit_code == 1


def test_json_format(run, tmp_path: Path) -> None:
    data = sample_data("membership-guild.json")
    data["parties"]["client"]["nmae"] = data["parties"]["client"].pop("name")
    result = run("validate", "--format", "json", str(write_engagement(tmp_path, data)))
    report = json.loads(result.output)
    codes = sorted(f["code"] for f in report["findings"])
    assert codes == ["schema-required", "schema-unknown-field"]
    unknown = next(f for f in report["findings"] if f["code"] == "schema-unknown-field")
    assert unknown["pointer"] == "/parties/client/nmae"
    assert "did you mean 'name'?" in unknown["message"]
    assert report["errors"] == 2 and report["files"] == 1


def test_github_format_escapes_as_the_runner_requires(run, tmp_path: Path) -> None:
    data = sample_data("membership-guild.json")
    data["id"] = "bad id, with: 100%"
    path = write_engagement(tmp_path, data, "x,y.json")
    result = run("validate", "--format", "github", str(path))
    line = result.output.splitlines()[0]
    assert line.startswith(f"::error file={str(path).replace(',', '%2C')},line=")
    assert ",col=" in line and ",title=schema-pattern::" in line
    assert "100%25" in line and "100%" not in line.replace("100%25", "")


def test_warnings_pass_unless_strict(run, tmp_path: Path) -> None:
    data = sample_data("membership-guild.json")
    data["dates"]["agreed"] = "2099-01-01"
    path = write_engagement(tmp_path, data)
    assert run("validate", str(path)).exit_code == 0
    result = run("validate", "--strict", str(path))
    assert result.exit_code == 1
    assert "warning:" in result.output and "dates-agreed-after-start" in result.output


def test_stdin(run) -> None:
    text = (SAMPLES / "membership-guild.json").read_text(encoding="utf-8")
    assert run("validate", "-", input=text).exit_code == 0
    result = run("validate", "-", input="[1, 2]")
    assert result.exit_code == 1
    assert "<stdin>:1:1: error: the file holds an array" in result.output


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.json", "no such file or directory"),
    (lambda p: (p / "empty-dir").mkdir() or p / "empty-dir", "the directory holds no *.json file"),
])
def test_unreadable_inputs_exit_2_and_others_still_checked(run, tmp_path: Path, make,
                                                            message: str) -> None:
    target = make(tmp_path)
    result = run("validate", str(target), str(SAMPLES / "membership-guild.json"))
    assert result.exit_code == 2
    assert f"confdocs: error: {target}: {message}" in result.stderr
    assert "1 file checked: 1 valid" in result.stdout


def test_unreadable_file(run, tmp_path: Path) -> None:
    import os

    path = tmp_path / "secret.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads everything
        pytest.skip("running as a user who can read any file")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert "permission denied" in result.stderr


def test_huge_file(run, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_bytes(b'{"title": "' + b"x" * (11 * 1024 * 1024) + b'"}')
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:1:1: error: the file is larger than the 10 MiB limit" in result.output
    assert "[file-too-large]" in result.output


@pytest.mark.parametrize("depth", [70, 5000])
def test_deeply_nested_file(run, tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"title": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "[json-too-deep" in result.output
    assert "Traceback" not in result.output


def test_same_engagement_id_in_two_files(run, tmp_path: Path) -> None:
    data = sample_data("membership-guild.json")
    write_engagement(tmp_path, data, "a.json")
    write_engagement(tmp_path, data, "b.json")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'b.json'}:" in result.output
    assert f"is also used by {tmp_path / 'a.json'}" in result.output
    assert f"{tmp_path / 'a.json'}:" not in result.output.replace("used by", "")


def test_a_lone_surrogate_in_a_message_never_crashes_the_reporter(tmp_path: Path, run) -> None:
    path = guild_engagement(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('"en-GB"', '"\\ud800"'),
                    encoding="utf-8")
    for fmt in ("text", "json", "github"):
        result = run("validate", "--format", fmt, str(path))
        assert result.exit_code == 1, result.output
        assert "\\ud800" in result.output
    assert json.loads(run("validate", "--format", "json", str(path)).output)["errors"] >= 1


def test_a_web_address_with_a_stray_bracket_is_a_finding(tmp_path: Path, run) -> None:
    from confdocs import validate_paths

    data = sample_data(GUILD)
    data["professional_body"]["complaints_url"] = "https://example.org]"
    path = guild_engagement(tmp_path, {"professional_body": data["professional_body"]})
    report = validate_paths([path])
    assert [f.code for f in report.findings] == ["schema-format"]
    result = run("build", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "schema-format" in result.stderr


def test_text_output_is_one_line_per_finding_whatever_a_key_holds(tmp_path: Path, run) -> None:
    path = guild_engagement(tmp_path, {"x\n::error file=a.py::injected\u2028y": 1})
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2, lines  # the finding and the summary
    assert not any(line.startswith("::") for line in lines)
    assert "\\n::error" in lines[0] and "\\u2028" in lines[0]


def test_a_fifo_given_as_input_is_an_input_problem_not_a_hang(tmp_path: Path, run) -> None:
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    good = guild_engagement(tmp_path)
    result = run("validate", str(fifo), str(good))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert "1 file checked" in result.output


def test_a_folder_that_cannot_be_listed_is_said_not_skipped(tmp_path: Path, run,
                                                            monkeypatch) -> None:
    import os

    path = guild_engagement(tmp_path)
    hidden = path.parent / "locked"
    hidden.mkdir()
    real_scandir = os.scandir

    def scandir(folder):  # as for a folder without read permission (root reads any)
        if str(folder).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(folder)

    monkeypatch.setattr("confdocs.engagement.validate.os.scandir", scandir)
    result = run("validate", str(path.parent))
    assert result.exit_code == 2
    assert "locked: permission denied" in result.stderr
    assert "1 file checked" in result.output


def test_a_folder_confdocs_builds_into_is_not_searched_for_engagements(tmp_path: Path,
                                                                       run) -> None:
    # Issue 28: `validate DIR` read DIR/out/manifest.json as an engagement, and failed on it.
    (tmp_path / "guild.json").write_bytes((SAMPLES / "membership-guild.json").read_bytes())
    assert run("build", str(tmp_path), "--out", str(tmp_path / "out")).exit_code == 0
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "1 file checked: 1 valid" in result.output
    named = run("validate", str(tmp_path / "out"))
    assert named.exit_code == 2
    assert "a folder confdocs builds documents into (it holds .confdocs.lock)" in named.stderr


# --- issue 26, item 2: confdocs' own files, and what a profile's change changes ---------------

def _cohort(tmp_path: Path) -> Path:
    import shutil

    from ..helpers import COHORT

    shutil.copytree(COHORT, tmp_path / "cohort")
    return tmp_path / "cohort"


def test_confdocs_own_files_are_never_taken_for_engagements_however_named(run, tmp_path: Path,
                                                                          ) -> None:
    # pre-commit names every *.json of a commit: the import record gave 14 errors.
    cohort = _cohort(tmp_path)
    record = cohort / "engagements" / ".confdocs-import.json"
    built = tmp_path / "out"
    assert run("build", str(cohort / "engagements" / "HV-LC-2026-003.json"), "--out",
               str(built), "--only", "contract").exit_code == 0
    merged = tmp_path / "merged" / "manifest.json"  # a manifest away from its build's lock
    merged.parent.mkdir()
    merged.write_bytes((built / "manifest.json").read_bytes())
    staged = cohort / "engagements" / ".confdocs-import-tmp-1-HV-LC-2026-001.json"
    staged.write_text("{", encoding="utf-8")
    engagement = cohort / "engagements" / "HV-LC-2026-001.json"
    result = run("validate", "--strict", str(record), str(built / "manifest.json"), str(merged),
                 str(staged), str(engagement))
    assert result.exit_code == 0, result.output
    assert result.output == "1 file checked: 1 valid, 0 with errors (0 errors, 0 warnings)\n"
    # A folder holding a merged manifest and no lock: the manifest is passed over there too.
    assert run("validate", str(merged.parent)).exit_code == 2  # no engagement in it at all


def test_an_engagement_called_manifest_json_is_still_checked(run, tmp_path: Path) -> None:
    data = sample_data("membership-guild.json")
    del data["title"]
    path = write_engagement(tmp_path, data, "manifest.json")
    result = run("validate", str(path))
    assert result.exit_code == 1 and "[schema-required at /title]" in result.output


def test_a_profile_is_checked_with_the_files_extending_it(run, tmp_path: Path) -> None:
    cohort = _cohort(tmp_path)
    programme = cohort / "profiles" / "harbour-vale-2026.json"
    organisation = cohort / "profiles" / "harbour-vale.json"
    programme.write_text("".join(line for line in programme.read_text(encoding="utf-8")
                                 .splitlines(keepends=True) if '"purpose":' not in line),
                         encoding="utf-8")
    assert run("validate", "--strict", str(programme)).exit_code == 0  # alone it is valid
    # Named alone, then with the folder the engagements are in: every one that extends it,
    # directly or (for the organisation's profile) through the programme's.
    for named in (programme, organisation):
        result = run("validate", "--strict", str(named), "--extending-in", str(cohort))
        assert result.exit_code == 1, result.output
        for number in range(1, 6):
            assert (f"engagements/HV-LC-2026-00{number}.json:1:1: error: the file is missing the "
                    "required field 'purpose'") in result.output
        assert ".confdocs-import.json" not in result.output
        checked = 7 if named == organisation else 6  # the profiles between counted once
        assert result.output.endswith(
            f"{checked} files checked: {checked - 5} valid, 5 with errors (5 errors, 0 warnings)\n")
    # Each file once, however it is named and however many folders hold it.
    again = run("validate", str(programme), str(cohort / "engagements" / "HV-LC-2026-001.json"),
                "--extending-in", str(cohort), "--extending-in", str(cohort / "engagements"))
    assert again.output.count("HV-LC-2026-001.json:1:1: error") == 1
    assert "6 files checked" in again.output
    # A file that extends nothing named, or a folder of nothing extending it, adds nothing.
    alone = run("validate", str(cohort / "engagements" / "HV-LC-2026-002.json"),
                "--extending-in", str(cohort))
    assert alone.output.startswith(f"{cohort}/engagements/HV-LC-2026-002.json:1:1: error")
    assert "1 file checked" in alone.output


def test_extending_in_needs_a_folder(run, tmp_path: Path) -> None:
    result = run("validate", str(SAMPLES / "membership-guild.json"), "--extending-in",
                 str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "does not exist" in result.output


def test_the_state_file_names_are_those_import_and_build_write() -> None:
    from confdocs.build import manifest
    from confdocs.engagement import state_files

    assert state_files.MANIFEST == manifest.MANIFEST
    assert state_files.MANIFEST_JOURNAL == manifest.JOURNAL

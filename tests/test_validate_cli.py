"""Acceptance tests: `confdocs validate` as a user or a CI pipeline runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import SAMPLES, sample_data, write_engagement


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


def test_help_has_examples_and_exit_codes(run) -> None:
    assert "Examples:" in run("validate", "--help").output
    assert "Exit codes:" in run("--help").output

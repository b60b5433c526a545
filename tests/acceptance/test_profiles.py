"""Engagements that extend profiles, through validate and build (issue 13, section 1): chains,
errors naming both files, findings placed where the value stands, a profile's problem reported
once, profiles checked alone, and builds that rebuild exactly the engagements of a changed
profile. (The merge rules and the partial schema: tests/engagement/test_profiles.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import confdocs

from ..helpers import SAMPLES, cohort_profiles, short_engagement

COHORT = SAMPLES / "cohort"


def _line_of(path: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


# --- merge rules -----------------------------------------------------------------------------


def test_a_chain_of_profiles_makes_a_valid_engagement(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    short_engagement(folder, "HV-1")
    result = run("validate", "--strict", str(folder))
    assert result.exit_code == 0, result.output
    assert "3 files checked: 3 valid" in result.output
    # The organisation-wide profile's sponsor and the programme's practitioner are both there.
    engagement = confdocs.load_engagement(folder / "HV-1.json")
    assert engagement.data["parties"]["sponsor"]["organisation"] == "Harbour & Vale Logistics plc"
    assert engagement.data["parties"]["practitioner"]["name"] == "Dr Amara Okafor"
    assert engagement.data["parties"]["client"]["name"] == "Client HV-1"
    assert "extends" not in engagement.data


# --- errors naming both files -----------------------------------------------------------------

def test_a_missing_profile_names_both_files(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    path = short_engagement(folder, "HV-3", extends="profiles/nope.json")
    result = run("validate", str(path))
    assert result.exit_code == 1
    line, column = _line_of(path, '"profiles/nope.json"')
    assert f"{path}:{line}:{column}: error: {path} extends 'profiles/nope.json', but " \
           f"{folder / 'profiles' / 'nope.json'} does not exist" in result.output
    assert "[profile-missing at /extends]" in result.output
    assert "Traceback" not in result.output


def test_a_cycle_names_both_files(tmp_path: Path, run) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "a.json").write_text('{"extends": "b.json"}', encoding="utf-8")
    (folder / "b.json").write_text('{"extends": "a.json"}', encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert "[profile-cycle at /extends]" in result.output
    assert f"{folder / 'a.json'} extends {folder / 'b.json'}, which comes back to it" \
        in result.output or f"{folder / 'b.json'} extends {folder / 'a.json'}" in result.output


def test_a_profile_that_is_not_an_object_names_both_files(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    (folder / "profiles" / "list.json").write_text("[1, 2]", encoding="utf-8")
    path = short_engagement(folder, "HV-4", extends="profiles/list.json")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path} extends {folder / 'profiles' / 'list.json'}, which is not a JSON object" \
        in result.output
    assert f"{folder / 'profiles' / 'list.json'}:1:1: error: the file holds an array" in result.output


def test_extends_that_is_not_text(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    path = short_engagement(folder, "HV-5", extends=["profiles/harbour-vale-2026.json"])
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "[profile-extends-type at /extends]" in result.output


# --- positions ------------------------------------------------------------------------------

def test_a_finding_about_a_profile_value_is_placed_in_the_profile(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    profile = folder / "profiles" / "harbour-vale-2026.json"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        '"m.ellison@example.net"', '"not-an-email"'), encoding="utf-8")
    for ident in ("HV-6", "HV-7", "HV-8"):
        short_engagement(folder, ident)
    result = run("validate", str(folder))
    assert result.exit_code == 1
    line, column = _line_of(profile, '"not-an-email"')
    expected = f"{profile}:{line}:{column}: error: parties.supervisor.email"
    # Reported once, not once per engagement (nor again for the profile checked alone).
    assert result.output.count(expected) == 1, result.output
    assert result.output.count("schema-format") == 1


def test_a_finding_about_an_engagement_value_is_placed_in_the_engagement(tmp_path: Path,
                                                                      run) -> None:
    folder = cohort_profiles(tmp_path)
    path = short_engagement(folder, "HV-9", dates={"start": "2026-02-02", "end": "2026-31-07"})
    result = run("validate", str(path))
    line, column = _line_of(path, '"2026-31-07"')
    assert f"{path}:{line}:{column}: error: dates.end" in result.output


def test_a_rule_finding_lands_in_the_file_of_its_value(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    # The programme's agreed date (2026-01-12) is after this engagement's start.
    path = short_engagement(folder, "HV-10", dates={"start": "2026-01-05", "end": "2026-07-31"})
    result = run("validate", str(path))
    assert result.exit_code in (0, 1)
    report = confdocs.validate_paths([path])
    assert report.findings, "agreeing after the start is reported"
    assert {f.file for f in report.findings} <= {str(path),
                                                 str(folder / "profiles" / "harbour-vale-2026.json")}


def test_a_missing_required_field_is_said_in_the_engagement(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    path = short_engagement(folder, "HV-11", dates={"end": "2026-07-31"})
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:" in result.output and "missing the required field 'start'" in result.output
    assert "here or in its profile" in result.output


def test_an_unknown_field_in_a_short_engagement_has_its_key_position(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    path = short_engagement(folder, "HV-12", titel="x")
    result = run("validate", str(path))
    line, column = _line_of(path, '"titel"')
    assert f"{path}:{line}:{column}: error: the file has an unknown field 'titel'" in result.output


# --- profiles on their own ------------------------------------------------------------------


def test_a_profile_alone_is_checked_as_a_partial_engagement(tmp_path: Path, run) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    path = folder / "p.json"
    path.write_text('{\n  "kind": "coaching",\n  "dates": {"agreed": "2026-02-30"},\n'
                    '  "parties": {"client": {"nmae": "x"}}\n}\n', encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "required" not in result.output  # a profile needs no field
    assert f"{path}:3:23: error: dates.agreed" in result.output
    assert "unknown field 'nmae'; did you mean 'name'?" in result.output


def test_the_sample_profiles_are_valid_alone(run) -> None:
    result = run("validate", "--strict", str(COHORT / "profiles"))
    assert result.exit_code == 0, result.output


# --- build ----------------------------------------------------------------------------------

def _two_programmes(tmp_path: Path) -> Path:
    folder = cohort_profiles(tmp_path)
    second = folder / "profiles" / "other-2026.json"
    second.write_text(json.dumps({"extends": "harbour-vale-2026.json",
                                  "title": "Another programme"}), encoding="utf-8")
    for ident in ("A-1", "A-2"):
        short_engagement(folder, ident)
    for ident in ("B-1", "B-2"):
        short_engagement(folder, ident, extends="profiles/other-2026.json")
    return folder


def test_the_manifest_records_profiles_and_a_change_rebuilds_exactly_their_users(
        tmp_path: Path, run) -> None:
    folder = _two_programmes(tmp_path)
    out = tmp_path / "out"
    first = run("build", str(folder), "--out", str(out), "-j", "1")
    assert first.exit_code == 0, first.output
    assert "from 4 engagements" in first.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    b_entry = next(o for o in manifest["outputs"] if o["engagement"] == "B-1")
    assert set(b_entry["profiles"]) == {str(folder / "profiles" / name) for name in
                                        ("other-2026.json", "harbour-vale-2026.json",
                                         "harbour-vale.json")}
    again = run("build", str(folder), "--out", str(out), "-j", "1")
    assert "from 0 engagements" in again.output and "4 up to date" in again.output
    other = folder / "profiles" / "other-2026.json"
    other.write_text(json.dumps({"extends": "harbour-vale-2026.json",
                                 "title": "Another programme, renamed"}), encoding="utf-8")
    changed = run("build", str(folder), "--out", str(out), "-j", "1")
    assert "from 2 engagements" in changed.output and "2 up to date" in changed.output
    # The organisation-wide profile is under both programmes: all four are rebuilt.
    org = folder / "profiles" / "harbour-vale.json"
    org.write_text(org.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    everything = run("build", str(folder), "--out", str(out), "-j", "2")
    assert "from 4 engagements" in everything.output


def test_a_broken_profile_skips_its_engagements_and_is_reported_once(tmp_path: Path,
                                                                     run) -> None:
    folder = _two_programmes(tmp_path)
    other = folder / "profiles" / "other-2026.json"
    other.write_text('{"extends": "harbour-vale-2026.json", "title": 7}', encoding="utf-8")
    result = run("build", str(folder), "--out", str(tmp_path / "out"), "-j", "2")
    assert result.exit_code == 1
    assert "from 2 engagements" in result.output and "2 invalid (skipped)" in result.output
    assert result.output.count("title should be text") == 1, result.output


def test_sharded_builds_with_profiles_merge(tmp_path: Path, run) -> None:
    folder = _two_programmes(tmp_path)
    parts = []
    for k in (1, 2):
        out = tmp_path / f"part-{k}"
        result = run("build", str(folder), "--out", str(out), "--shard", f"{k}/2", "-j", "1")
        assert result.exit_code == 0, result.output
        parts.append(str(out / "manifest.json"))
    merged = tmp_path / "manifest.json"
    assert run("merge-manifests", *parts, "-o", str(merged)).exit_code == 0
    outputs = json.loads(merged.read_text(encoding="utf-8"))["outputs"]
    assert {o["engagement"] for o in outputs} == {"A-1", "A-2", "B-1", "B-2"}
    assert all(o["profiles"] for o in outputs)


def test_engagements_that_only_a_profile_s_errors_make_invalid_are_said(tmp_path: Path,
                                                                        run) -> None:
    folder = cohort_profiles(tmp_path)
    profile = folder / "profiles" / "harbour-vale-2026.json"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        '"m.ellison@example.net"', '"not-an-email"'), encoding="utf-8")
    for ident in ("HV-20", "HV-21"):
        short_engagement(folder, ident)
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert "2 engagements without errors of their own cannot be built until their profile's " \
           "errors are fixed" in result.output
    report = confdocs.validate_paths([folder])
    assert sorted(report.blocked) == [str(folder / "HV-20.json"), str(folder / "HV-21.json")]


def test_a_profile_alone_is_checked_by_the_rules_it_can_decide(tmp_path: Path, run) -> None:
    folder = cohort_profiles(tmp_path)
    profile = folder / "profiles" / "harbour-vale-2026.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    limits = data["confidentiality"]["limits"]
    limits[1]["id"] = limits[0]["id"]
    data["dates"]["start"] = "2026-01-01"  # before agreed: a rule that needs the engagement
    profile.write_text(json.dumps(data, indent=2), encoding="utf-8")
    alone = run("validate", str(profile))
    assert alone.exit_code == 1
    assert "[limit-duplicate-id at /confidentiality/limits/1/id]" in alone.output
    assert "dates-agreed-after-start" not in alone.output  # the engagement's start decides
    short_engagement(folder, "HV-30")
    together = run("validate", str(folder))
    assert together.output.count("limit-duplicate-id") == 1, together.output

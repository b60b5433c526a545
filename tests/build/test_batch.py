"""The batch build (build.batch): an interrupted build leaves no partial file and the next run
completes, and a build reports a locale its own template sets lack as a failure of its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import confdocs
from confdocs.build import build

from ..helpers import SAMPLES, codes


def test_interrupted_build_leaves_no_partial_file_and_next_run_completes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    import confdocs.build.batch as build_module

    original = build_module._record
    calls = {"n": 0}

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    monkeypatch.setattr(build_module, "_record", interrupted)
    out = tmp_path / "out"
    result = run("build", str(SAMPLES), "--out", str(out), "-j", "1")
    assert result.exit_code == 130
    assert not [p for p in out.rglob("*") if p.name.startswith(".confdocs-tmp")]
    done = json.loads((out / "manifest.json").read_text())["outputs"]
    assert done and all((out / e["path"]).read_bytes()[:2] == b"PK" for e in done)
    monkeypatch.setattr(build_module, "_record", original)
    resumed = run("build", str(SAMPLES), "--out", str(out))
    assert resumed.exit_code == 0 and "2 up to date" in resumed.output


def _cohort_in_german(tmp_path: Path) -> Path:
    """The sample cohort, its programme profile in German."""
    cohort = tmp_path / "cohort"
    shutil.copytree(SAMPLES / "cohort", cohort)
    profile = cohort / "profiles" / "harbour-vale-2026.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    data["locale"] = "de-DE"
    profile.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return cohort


def test_a_build_reports_a_locale_its_sets_lack_as_a_failure_not_a_warning(
        tmp_path: Path) -> None:
    cohort = _cohort_in_german(tmp_path)
    report = build([cohort / "engagements"], tmp_path / "out", jobs=1)
    assert report.exit_code() == 1
    assert report.findings == [] and report.written == 0
    assert len(report.failures) == 5
    assert all("locale de-DE: no template set in German (de)" in failure.message
               for failure in report.failures)


def test_a_profile_read_for_a_build_is_checked_for_validate_as_validate_checks(
        tmp_path: Path) -> None:
    cohort = _cohort_in_german(tmp_path)
    english = cohort / "engagements" / "HV-LC-2026-001.json"
    data = json.loads(english.read_text(encoding="utf-8"))
    data["locale"] = "en-GB"  # over the profile's German
    english.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    report = build([english], tmp_path / "out", only=("contract",))
    assert report.exit_code() == 0 and report.written == 1 and report.findings == [], report
    # The profile's own locale is validate's to warn about, though the build read it first.
    checked = confdocs.validate_paths([english])
    assert codes(checked.findings) == ["locale-no-templates"]
    assert checked.findings[0].file.endswith("harbour-vale-2026.json")


def test_a_build_with_a_fallback_language_says_nothing_about_the_locale(tmp_path: Path) -> None:
    cohort = _cohort_in_german(tmp_path)
    report = build([cohort / "engagements"], tmp_path / "out", only=("contract",),
                   fallback_language="en-GB")
    assert report.exit_code() == 0, report
    assert report.findings == [] and report.failures == []
    assert report.written == 5

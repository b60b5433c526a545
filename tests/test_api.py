"""The public library API, as the README shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import confdocs

from .helpers import SAMPLES, sample_data, write_engagement


def test_load_engagement_fills_defaults() -> None:
    engagement = confdocs.load_engagement(SAMPLES / "membership-guild.json")
    assert engagement.id == sample_data("membership-guild.json")["id"]
    assert engagement.kind == "membership"
    assert engagement.locale == "en-GB"  # a default the file leaves out
    assert engagement.data["disclosures"] == []


def test_load_engagement_raises_one_error_with_every_finding(tmp_path: Path) -> None:
    data = sample_data("membership-guild.json")
    data["kind"] = "coachng"
    data["dates"]["agreed"] = "2026-02-30"
    path = write_engagement(tmp_path, data)
    with pytest.raises(confdocs.InvalidEngagementError) as caught:
        confdocs.load_engagement(path)
    assert isinstance(caught.value, confdocs.ConfdocsError)
    assert sorted(f.code for f in caught.value.findings) == ["schema-enum", "schema-format"]
    assert str(path) in str(caught.value)


def test_load_engagement_missing_file(tmp_path: Path) -> None:
    with pytest.raises(confdocs.InputError, match="no such file"):
        confdocs.load_engagement(tmp_path / "nope.json")


def test_validate_paths_never_raises_for_bad_input(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    report = confdocs.validate_paths([tmp_path, tmp_path / "missing.json"])
    assert [f.code for f in report.findings] == ["json-syntax"]
    assert [p.path for p in report.problems] == [str(tmp_path / "missing.json")]
    assert report.exit_code() == 2


def test_findings_are_plain_values() -> None:
    report = confdocs.validate_paths([SAMPLES])
    # Every file of samples/, the cohort's profiles and short engagement files included.
    assert report.findings == [] and len(report.files) == len(list(SAMPLES.rglob("[!.]*.json")))
    assert json.dumps([f.__dict__ for f in report.findings]) == "[]"

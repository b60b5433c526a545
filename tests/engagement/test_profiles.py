"""Profiles on their own (engagement.profiles): the merge rules, how a profile file is recognised,
the partial schema an editor checks a short file with, and a profile the build's workers share
without changing it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import confdocs
from confdocs.engagement.profiles import is_profile_path, merge, partial_schema

from ..helpers import ROOT, cohort_profiles, short_engagement


def test_objects_merge_key_by_key_and_own_values_win() -> None:
    base = {"a": {"x": 1, "y": 2}, "b": 1}
    own = {"a": {"y": 3, "z": 4}}
    assert merge(base, own) == {"a": {"x": 1, "y": 3, "z": 4}, "b": 1}


def test_lists_and_single_values_are_replaced_whole() -> None:
    base = {"list": [1, 2, 3], "value": "profile", "object": {"k": 1}}
    own = {"list": [9], "value": "own", "object": "now a string"}
    assert merge(base, own) == {"list": [9], "value": "own", "object": "now a string"}
    assert merge({"value": "text"}, {"value": {"k": 1}}) == {"value": {"k": 1}}


def test_merge_shares_nothing_with_its_inputs() -> None:
    base = {"items": [{"k": 1}]}
    merged = merge(base, {})
    merged["items"][0]["k"] = 2
    assert base == {"items": [{"k": 1}]}


def test_the_engagement_s_list_replaces_the_profile_s(tmp_path: Path) -> None:
    folder = cohort_profiles(tmp_path)
    kept = ["the signed agreement"]
    profile = json.loads((folder / "profiles" / "harbour-vale.json").read_text(encoding="utf-8"))
    records = dict(profile["records"], kept=kept)
    short_engagement(folder, "HV-2", records=records)
    engagement = confdocs.load_engagement(folder / "HV-2.json")
    assert engagement.data["records"]["kept"] == kept


@pytest.mark.parametrize(("name", "profile"), [
    ("profiles/a.json", True), ("x/profiles/a.json", True), ("a.profile.json", True),
    ("profiles.json", False), ("engagements/a.json", False), ("profiles", False),
])
def test_how_a_profile_is_recognised(name: str, profile: bool) -> None:
    assert is_profile_path(name) is profile


def test_profile_schema_is_current_and_lets_editors_check_a_short_file(run, tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    shipped = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(run("schema", "--profile").output), \
        "schemas/profile.schema.json is stale: confdocs schema --profile > schemas/profile.schema.json"
    assert shipped == partial_schema()
    validator = Draft202012Validator(shipped)
    short = json.loads(short_engagement(cohort_profiles(tmp_path), "HV-13").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(short))
    assert list(validator.iter_errors({"id": 1}))  # types still checked
    # The conditional requirements keep their conditions (a then without required).
    assert "extends" in shipped["properties"]


def test_a_build_worker_shares_the_profile_without_changing_it(tmp_path: Path) -> None:
    import copy
    import shutil

    from confdocs.engagement import profiles
    from confdocs.engagement.validate import check_bytes

    cohort = tmp_path / "cohort"
    shutil.copytree(ROOT / "samples" / "cohort", cohort)
    # Fields with defaults left to the profile's nested objects: filling them in place would
    # write into the profile's data that every engagement shares.
    profile = cohort / "profiles" / "harbour-vale-2026.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    for group, field in (("records", "organisation_can_read"), ("records", "special_category"),
                         ("confidentiality", "extra_sharing_needs_written_consent")):
        data.get(group, {}).pop(field, None)
    profile.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    files = sorted((cohort / "engagements").glob("HV-*.json"))
    expected = [check_bytes(str(f), f.read_bytes()).engagement for f in files]  # copied
    bases = copy.deepcopy(profiles._bases)
    shared = [check_bytes(str(f), f.read_bytes(), read_only=True).engagement for f in files]
    assert profiles._bases == bases  # the profiles' merged data, filled in nowhere
    for mine, theirs in zip(shared, expected, strict=True):
        assert mine is not None and theirs is not None and mine.data == theirs.data
        assert mine.data["records"]["organisation_can_read"] is False

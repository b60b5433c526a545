"""confdocs upgrade's core: last week's files (schema version 1, in tests/data/v1/, copied from
`git show d25578c:samples/...`, the commit before version 2's changes) taken to the current
version, byte for byte outside what changes, with what a person must decide at its line and
column."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from confdocs import validate_paths
from confdocs.engagement.jsonedit import JsonText
from confdocs.engagement.upgrade import STEPS, upgrade_paths
from confdocs.engagement.version import SCHEMA_VERSION
from confdocs.resources import load_schema

from ..helpers import DATA, SAMPLES

V1 = DATA / "v1"
V1_SAMPLES = sorted(p.name for p in V1.glob("*.json"))
NEW_RECORDS = ("controller_contact", "supervisory_authority")


def _copy(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "engagements"
    folder.mkdir(exist_ok=True)
    for name in names or V1_SAMPLES:
        shutil.copyfile(V1 / name, folder / name)
    return folder


def _errors(path: Path) -> set[tuple[str, int, int, str]]:
    return {(f.file, f.line, f.column, f.pointer) for f in validate_paths([path]).findings
            if f.is_error}


# The Article 6 basis each disclosure of last week's samples cites in its legal_basis text,
# which upgrade makes the disclosure's lawful_basis (issue 21): Daniel's explicit consent
# (6(1)(a)), and legitimate interests in preventing fraud (6(1)(f)).
CITED_BASES = {"D1": "consent", "D2": "legitimate_interests"}


def _after_controller(data: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """``data`` with ``fields`` added to records right after controller, and each disclosure's
    lawful_basis right after its legal_basis, as upgrade adds them."""
    out = json.loads(json.dumps(data))
    records: dict[str, Any] = {}
    for key, value in out["records"].items():
        records[key] = value
        if key == "controller":
            records.update(fields)
    out["records"] = records
    disclosures = []
    for disclosure in out.get("disclosures", []):
        entry: dict[str, Any] = {}
        for key, value in disclosure.items():
            entry[key] = value
            if key == "legal_basis":
                entry["lawful_basis"] = CITED_BASES[disclosure["id"]]
        disclosures.append(entry)
    if disclosures:
        out["disclosures"] = disclosures
    out["schema_version"] = SCHEMA_VERSION
    return out


ICO = {"name": "the Information Commissioner's Office (ICO)",
       "url": "https://ico.org.uk/make-a-complaint/"}


def test_the_steps_reach_the_schemas_version() -> None:
    assert load_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert [(s.source, s.target) for s in STEPS] == [(v, v + 1) for v in range(1, SCHEMA_VERSION)]


def test_last_weeks_samples_are_version_1_and_fail_validation_with_one_finding_each() -> None:
    assert len(V1_SAMPLES) == 5
    report = validate_paths([V1])
    assert [(Path(f.file).name, f.code, f.pointer, f.line, f.column) for f in report.findings] \
        == [(name, "schema-version-old", "/schema_version", 3, 21) for name in V1_SAMPLES]
    for finding in report.findings:
        assert f"run `confdocs upgrade {finding.file}`" in finding.message


def test_last_weeks_samples_upgrade_and_what_is_left_is_exactly_what_validate_reports(
        tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    report = upgrade_paths([folder])
    assert report.problems == [] and report.written == 5
    assert [(f.state, f.version) for f in report.files] == [("upgraded", 1)] * 5
    decided = {(d.file, d.line, d.column, d.pointer) for f in report.files for d in f.decisions}
    # Everything validate still refuses was listed, at the same place, and nothing else was.
    assert _errors(folder) == decided
    assert {d[3] for d in decided} == {"/records/lawful_basis", "/records/special_category",
                                       "/feedback/from_others/below_minimum",
                                       # issue 21's rules: a course's setting, and whom
                                       # a disclosure resting on consent protects
                                       "/setting", "/disclosures/0/lawful_basis",
                                       # Daniel's disclosure to his GP is about his health.
                                       "/disclosures/0/special_category_condition"}
    assert report.exit_code() == 1


def test_once_a_person_has_decided_last_weeks_samples_validate(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    upgrade_paths([folder])
    for path in folder.glob("*.json"):
        # The person's answers: what the samples of this week say.
        data = json.loads(path.read_text(encoding="utf-8"))
        sample = json.loads((SAMPLES / path.name).read_text(encoding="utf-8"))
        now = sample["records"]
        data["records"]["lawful_basis"] = now["lawful_basis"]
        if data["records"].get("special_category"):
            data["records"]["special_category_condition"] = now["special_category_condition"]
        if "setting" in sample:  # a group's ground rules come with it
            data["setting"] = sample["setting"]
            if "ground_rules" in sample["confidentiality"]:
                data["confidentiality"]["ground_rules"] = sample["confidentiality"]["ground_rules"]
        protects = {d["id"]: d["protects"] for d in sample.get("disclosures", []) if "protects" in d}
        for disclosure in data.get("disclosures", []):
            if disclosure["id"] in protects:
                disclosure["protects"] = protects[disclosure["id"]]
        for disclosure, current in zip(data.get("disclosures", []), sample.get("disclosures", []),
                                       strict=True):
            if "special_category_condition" in current:
                disclosure["special_category_condition"] = current["special_category_condition"]
        others = data.get("feedback", {}).get("from_others", {})
        if others.get("below_minimum") == "merge":
            others["below_minimum"] = "omit"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    assert _errors(folder) == set()


@pytest.mark.parametrize("name", V1_SAMPLES)
def test_the_upgrade_touches_only_what_changed(tmp_path: Path, name: str) -> None:
    folder = _copy(tmp_path, name)
    before = (folder / name).read_text(encoding="utf-8")
    upgrade_paths([folder])
    after = (folder / name).read_text(encoding="utf-8")
    data = json.loads(before)
    practitioner = data["parties"]["practitioner"]
    # Every v1 sample's controller is the practitioner's organisation, in en-GB.
    assert json.loads(after) == _after_controller(
        data, {"controller_contact": practitioner["email"], "supervisory_authority": ICO})
    old, new = before.splitlines(), after.splitlines()
    controller = next(i for i, line in enumerate(old) if line.startswith('    "controller":'))
    version = old.index('  "schema_version": 1,')
    expected = list(old)
    expected[version] = '  "schema_version": 2,'
    expected[controller] += ","
    # Each disclosure's basis, on a line of its own after the legal_basis whose article it is.
    for index in reversed([i for i, line in enumerate(old)
                           if line.startswith('      "legal_basis":')]):
        ident = next(json.loads("{" + line.strip().rstrip(",") + "}")["id"]
                     for line in reversed(old[:index]) if line.startswith('      "id":'))
        expected[index + 1:index + 1] = [f'      "lawful_basis": "{CITED_BASES[ident]}",']
    expected[controller + 1:controller + 1] = [
        f'    "controller_contact": "{practitioner["email"]}",',
        '    "supervisory_authority": {',
        '      "name": "the Information Commissioner\'s Office (ICO)",',
        '      "url": "https://ico.org.uk/make-a-complaint/"',
        "    }"]
    assert new == expected


def test_a_second_run_changes_nothing(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    upgrade_paths([folder])
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = upgrade_paths([folder])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    assert again.written == 0 and again.exit_code() == 0
    assert [f.state for f in again.files] == ["current"] * 5
    assert all(not f.changed and not f.decisions for f in again.files)


def test_dry_run_writes_nothing_and_shows_what_a_run_would_write(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    stamps = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    dry = upgrade_paths([folder], dry_run=True)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == stamps
    assert dry.written == 0 and dry.dry_run
    diff = dry.files[0].diff()
    assert diff.startswith(f"--- {dry.files[0].path}\n+++ {dry.files[0].path}\n@@ ")
    assert '-  "schema_version": 1,\n+  "schema_version": 2,\n' in diff
    real = upgrade_paths([folder])
    assert [f.upgraded for f in real.files] == [f.upgraded for f in dry.files]
    assert [(f.path, f.upgraded) for f in real.files] == \
        [(str(folder / n), (folder / n).read_bytes()) for n in V1_SAMPLES]


STYLES = {
    "indent-4": lambda d: json.dumps(d, indent=4, ensure_ascii=False) + "\n",
    "tabs": lambda d: json.dumps(d, indent="\t", ensure_ascii=False),
    "crlf": lambda d: json.dumps(d, indent=2, ensure_ascii=False).replace("\n", "\r\n") + "\r\n",
    "compact": lambda d: json.dumps(d, ensure_ascii=False),
    "compact-tight": lambda d: json.dumps(d, separators=(",", ":"), ensure_ascii=False),
    "ascii-escapes": lambda d: json.dumps(d, indent=2, ensure_ascii=True),
    "spaced-colon": lambda d: json.dumps(d, indent=2, separators=(",", " : "), ensure_ascii=False),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_file_keeps_its_own_style(tmp_path: Path, style: str) -> None:
    write = STYLES[style]
    data = json.loads((V1 / "coaching-two-disclosures.json").read_text(encoding="utf-8"))
    data["locale"] = "fr-FR"  # the CNIL, whose name is not ASCII
    path = tmp_path / "engagement.json"
    path.write_bytes(write(data).encode("utf-8"))
    report = upgrade_paths([path])
    cnil = {"name": "la Commission nationale de l’informatique et des libertés (CNIL)",
            "url": "https://www.cnil.fr"}
    want = _after_controller(data, {"controller_contact": data["parties"]["practitioner"]["email"],
                                    "supervisory_authority": cnil})
    # Written out again in the file's own style, the expected data gives the same bytes.
    assert path.read_bytes() == write(want).encode("utf-8")
    assert report.files[0].state == "upgraded"


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "engagement.json"
    raw = (V1 / "membership-guild.json").read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + raw)
    report = upgrade_paths([path])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf{")
    assert path.read_bytes()[3:] == report.files[0].upgraded[3:]
    assert json.loads(path.read_bytes()[3:])["schema_version"] == SCHEMA_VERSION


def test_a_decision_is_placed_where_it_is_to_be_written(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "exec-coaching-harbour-vale.json")
    report = upgrade_paths([folder])
    text = (folder / "exec-coaching-harbour-vale.json").read_text(encoding="utf-8").splitlines()
    records_line = next(i for i, line in enumerate(text) if line.startswith('  "records": {')) + 1
    merge_line = next(i for i, line in enumerate(text) if '"below_minimum": "merge"' in line) + 1
    decisions = {d.pointer: (d.line, d.column, d.message) for d in report.files[0].decisions}
    line, column, message = decisions["/records/lawful_basis"]
    assert (line, column) == (records_line, text[records_line - 1].index("{") + 1)
    assert message.startswith("add records.lawful_basis, which version 2 requires: The Article 6 ")
    line, column, message = decisions["/feedback/from_others/below_minimum"]
    assert (line, column) == (merge_line, text[merge_line - 1].index('"merge"') + 1)
    assert 'use "omit"' in message
    changes = {c.pointer: (c.line, c.column) for c in report.files[0].changes}
    contact_line = next(i for i, line in enumerate(text) if '"controller_contact"' in line) + 1
    assert changes["/records/controller_contact"] == (
        contact_line, text[contact_line - 1].index('"amara') + 1)


def test_empty_lists_version_2_refuses_are_left_out_or_left_to_decide(tmp_path: Path) -> None:
    data = json.loads((V1 / "exec-coaching-harbour-vale.json").read_text(encoding="utf-8"))
    data["parties"]["sponsor"]["meetings"] = []
    data["parties"]["client"]["address"] = []
    data["feedback"]["from_others"]["report_recipients"] = []
    path = tmp_path / "engagement.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    report = upgrade_paths([path])
    after = json.loads(path.read_text(encoding="utf-8"))
    assert "meetings" not in after["parties"]["sponsor"]
    assert "address" not in after["parties"]["client"]
    assert after["feedback"]["from_others"]["report_recipients"] == []
    pointers = [d.pointer for d in report.files[0].decisions]
    assert "/feedback/from_others/report_recipients" in pointers
    assert {c.pointer for c in report.files[0].changes} >= {
        "/parties/sponsor/meetings", "/parties/client/address"}
    assert {e[3] for e in _errors(path)} == set(pointers)


@pytest.mark.parametrize(("locale", "authority"), [
    ("en-IE", {"name": "the Data Protection Commission (DPC)", "url": "https://www.dataprotection.ie/"}),
    ("en-US", None),  # no authority known for the region: a person decides
    (None, None),     # the default locale says nothing about where the client is
])
def test_the_supervisory_authority_is_filled_only_from_a_known_region(
        tmp_path: Path, locale: str | None, authority: dict[str, str] | None) -> None:
    data = json.loads((V1 / "membership-guild.json").read_text(encoding="utf-8"))
    data.pop("locale")
    if locale:
        data["locale"] = locale
    path = tmp_path / "engagement.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    report = upgrade_paths([path])
    records = json.loads(path.read_text(encoding="utf-8"))["records"]
    assert records.get("supervisory_authority") == authority
    decided = [d.pointer for d in report.files[0].decisions]
    assert ("/records/supervisory_authority" in decided) is (authority is None)


def test_a_controller_that_is_not_the_practitioner_is_left_to_decide(tmp_path: Path) -> None:
    data = json.loads((V1 / "exec-coaching-harbour-vale.json").read_text(encoding="utf-8"))
    data["records"]["controller"] = "Harbour & Vale Logistics plc"
    path = tmp_path / "engagement.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    report = upgrade_paths([path])
    assert "controller_contact" not in json.loads(path.read_text(encoding="utf-8"))["records"]
    assert "/records/controller_contact" in [d.pointer for d in report.files[0].decisions]


def _v1_cohort(tmp_path: Path) -> Path:
    """A cohort as last week's files would have made it: the organisation's profile holds the
    version and the records, without version 2's fields."""
    cohort = tmp_path / "cohort"
    (cohort / "profiles").mkdir(parents=True)
    (cohort / "engagements").mkdir()
    data = json.loads((V1 / "exec-coaching-harbour-vale.json").read_text(encoding="utf-8"))
    data.pop("$schema")
    data.pop("id")
    data["feedback"]["from_others"]["below_minimum"] = "omit"
    client = data["parties"].pop("client")
    (cohort / "profiles" / "organisation.json").write_text(json.dumps(data, indent=2),
                                                             encoding="utf-8")
    for number in (1, 2):
        short = {"extends": "../profiles/organisation.json", "id": f"C-{number}",
                 "parties": {"client": dict(client, name=f"Client {number}")}}
        (cohort / "engagements" / f"C-{number}.json").write_text(json.dumps(short, indent=2),
                                                                 encoding="utf-8")
    return cohort


def test_a_cohorts_profile_is_upgraded_with_its_engagements(tmp_path: Path) -> None:
    cohort = _v1_cohort(tmp_path)
    engagement = cohort / "engagements" / "C-1.json"
    shorts = {p: p.read_bytes() for p in (cohort / "engagements").iterdir()}
    old = validate_paths([cohort])
    assert [(Path(f.file).name, f.code) for f in old.findings] == [
        ("organisation.json", "schema-version-old")]
    assert len(old.blocked) == 2
    # Naming one engagement upgrades the profile it takes its version from.
    report = upgrade_paths([engagement])
    profile = os.path.normpath(cohort / "profiles" / "organisation.json")
    assert [(f.path, f.state) for f in report.files] == [(profile, "upgraded"),
                                                         (str(engagement), "follows")]
    assert report.files[1].version_in == profile
    # The decision is the profile's, where records stands, once.
    assert [(d.file, d.pointer) for d in report.files[0].decisions] == [
        (profile, "/records/lawful_basis")]
    assert report.files[1].decisions == ()
    assert {p: p.read_bytes() for p in (cohort / "engagements").iterdir()} == shorts
    assert {(Path(f[0]).name, f[3]) for f in _errors(cohort)} == {
        ("C-1.json", "/records/lawful_basis"), ("C-2.json", "/records/lawful_basis")}
    again = upgrade_paths([cohort])
    assert [f.state for f in again.files] == ["current"] * 3 and again.written == 0


def test_inputs_that_cannot_be_upgraded_are_said_and_the_others_still_are(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "membership-guild.json")
    newer = json.loads((SAMPLES / "membership-guild.json").read_text(encoding="utf-8"))
    newer["schema_version"] = SCHEMA_VERSION + 1
    (folder / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    (folder / "broken.json").write_text('{"schema_version": 1,', encoding="utf-8")
    (folder / "text.json").write_text('{"schema_version": "one"}', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    report = upgrade_paths([folder])
    messages = sorted(p.message for p in report.problems)
    assert messages == sorted([
        f"{folder / 'broken.json'}: cannot be upgraded: 1:22: not valid JSON: expected a key in "
        "double quotes (a trailing comma, a comment or single quotes?)",
        f"{folder / 'newer.json'}: written for version {SCHEMA_VERSION + 1} of the engagement "
        f"schema, newer than version {SCHEMA_VERSION}, the newest this confdocs knows; update "
        "confdocs (pip install --upgrade confdocs)",
        f"{folder / 'text.json'}: schema_version is \"one\", not a version number; write the "
        "version the file was written for"])
    assert report.exit_code() == 2
    assert [f.path for f in report.files] == [str(folder / "membership-guild.json")]
    for name in ("newer.json", "broken.json", "text.json"):
        assert (folder / name).read_bytes() == before[name]


def test_a_link_is_followed_and_permissions_are_kept(tmp_path: Path) -> None:
    real = _copy(tmp_path, "membership-guild.json") / "membership-guild.json"
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    upgrade_paths([link])
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert real.stat().st_mode & 0o777 == 0o600


def test_the_repositorys_own_files_are_current() -> None:
    from ..helpers import ROOT

    report = upgrade_paths([SAMPLES, ROOT / "tests" / "edge", DATA / "valid"], dry_run=True)
    assert report.problems == []
    assert {f.state for f in report.files} <= {"current"}


# --- editing JSON text by position ---------------------------------------------------------

@pytest.mark.parametrize(("text", "edit", "want"), [
    ('{"a": 1, "b": 2}', lambda j: j.remove("/a"), '{"b": 2}'),
    ('{"a": 1, "b": 2}', lambda j: j.remove("/b"), '{"a": 1}'),
    ('{"a": 1}', lambda j: j.remove("/a"), "{}"),
    ('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}', lambda j: j.remove("/b"), '{\n  "a": 1,\n  "c": 3\n}'),
    ('{\n  "a": 1,\n  "b": 2\n}', lambda j: j.remove("/a"), '{\n  "b": 2\n}'),
    ('{"o": {}}', lambda j: j.insert("/o/k", 1), '{"o": {"k": 1}}'),
    ('{"o": {"x": 1}}', lambda j: j.insert("/o/k", {"a": [1]}), '{"o": {"x": 1, "k": {"a": [1]}}}'),
    ('{\n  "x": 1,\n  "y": 2\n}', lambda j: j.insert("/k", "v", after=("x",)),
     '{\n  "x": 1,\n  "k": "v",\n  "y": 2\n}'),
    ('{"a/b": 1, "v": 1}', lambda j: j.replace("/v", 2), '{"a/b": 1, "v": 2}'),
    ('{"v":1.0}', lambda j: j.replace("/v", 2), '{"v":2}'),
])
def test_json_text_is_edited_in_place(text: str, edit: Any, want: str) -> None:
    editor = JsonText(text)
    edit(editor)
    assert editor.text == want


def test_a_key_written_twice_is_refused_rather_than_guessed_at(tmp_path: Path) -> None:
    path = tmp_path / "engagement.json"
    text = (V1 / "membership-guild.json").read_text(encoding="utf-8")
    path.write_text(text.replace('"controller":', '"controller": "A",\n    "controller":'),
                    encoding="utf-8")
    before = path.read_bytes()
    report = upgrade_paths([path])
    (problem,) = report.problems
    assert "cannot be upgraded" in problem.message and "appears twice" in problem.message
    assert path.read_bytes() == before and report.exit_code() == 2

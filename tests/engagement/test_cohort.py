"""The rules across the files of one run (issue 21, item 4): a practitioner who works with two
people in one reporting line must disclose the conflict of interest in both contracts; one who
works with several people of one organisation says so. Checked by validate, build and import."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from confdocs import build_documents
from confdocs.engagement.cohort import Facts, cross_findings
from confdocs.engagement.importer import import_roster
from confdocs.engagement.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "exec-coaching-harbour-vale.json"
PROFILE = ROOT / "samples" / "cohort" / "profiles" / "harbour-vale-2026.json"
COO = "marcus.bell@harbourvale.example.com"


def _engagement(ident: str, client_email: str, reports_to: str | None = None,
                declared: str | None = None, **practitioner: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data.pop("$schema")
    data["id"] = ident
    client = data["parties"]["client"]
    client["email"] = client_email
    client.pop("reports_to", None)
    if reports_to is not None:
        client["reports_to"] = reports_to
    data["parties"]["practitioner"].pop("other_clients")
    if declared is not None:
        data["parties"]["practitioner"]["other_clients"] = declared
    data["parties"]["practitioner"].update(practitioner)
    # The report about the client goes to the client and their own practitioner.
    data["feedback"]["from_others"]["report_recipients"] = [
        client["name"], data["parties"]["practitioner"]["name"]]
    return data


def _write(folder: Path, *engagements: dict[str, Any]) -> list[Path]:
    paths = []
    for data in engagements:
        path = folder / f"{data['id']}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def _found(folder: Path) -> list[tuple[str, str, str, int, int]]:
    report = validate_paths([folder])
    return [(Path(f.file).name, f.code, f.pointer, f.line, f.column) for f in report.findings]


def _line_of(path: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


def test_a_manager_and_their_report_with_one_coach_is_an_undeclared_conflict(
        tmp_path: Path) -> None:
    boss, report = _write(tmp_path, _engagement("B", "boss@hv.example.com", COO),
                          _engagement("R", "report@hv.example.com", "boss@hv.example.com"))
    found = _found(tmp_path)
    assert found == [
        ("B.json", "conflict-of-interest-undeclared", "/parties/client/reports_to",
         *_line_of(boss, f'"{COO}"')),
        ("R.json", "conflict-of-interest-undeclared", "/parties/client/reports_to",
         *_line_of(report, '"boss@hv.example.com"')),
    ]
    message = validate_paths([tmp_path]).findings[0].message
    assert "the client of R" in message and "reports directly to this client" in message
    assert "Dr Amara Okafor" in message and '"reporting_line"' in message


def test_declared_on_both_sides_it_is_clean(tmp_path: Path) -> None:
    _write(tmp_path, _engagement("B", "boss@hv.example.com", COO, "reporting_line"),
           _engagement("R", "report@hv.example.com", "boss@hv.example.com", "reporting_line"))
    assert _found(tmp_path) == []


def test_a_declaration_of_less_is_an_error_at_the_value(tmp_path: Path) -> None:
    _, report = _write(
        tmp_path, _engagement("B", "boss@hv.example.com", COO, "reporting_line"),
        _engagement("R", "report@hv.example.com", "boss@hv.example.com", "same_organisation"))
    assert _found(tmp_path) == [
        ("R.json", "conflict-of-interest-undeclared", "/parties/practitioner/other_clients",
         *_line_of(report, '"same_organisation"'))]


def test_lines_are_followed_upwards_and_a_cycle_ends(tmp_path: Path) -> None:
    _write(tmp_path,
           _engagement("TOP", "top@hv.example.com", "low@hv.example.com", "reporting_line"),
           _engagement("MID", "mid@hv.example.com", "top@hv.example.com", "reporting_line",
                       email="someone.else@example.com", name="Kwame Asante"),
           _engagement("LOW", "low@hv.example.com", "mid@hv.example.com"))
    found = _found(tmp_path)
    # LOW is two levels below TOP, and (through the cycle) above it: one finding, both reasons.
    assert [(name, code) for name, code, *_ in found] == [
        ("LOW.json", "conflict-of-interest-undeclared")]
    message = validate_paths([tmp_path]).findings[0].message
    assert "the client of TOP" in message and "indirectly" in message


def test_a_feedback_report_read_across_a_reporting_line_is_refused(tmp_path: Path) -> None:
    """Different practitioners, but the report about the manager names the report's coach:
    only the manager's file can be put right (take the reader off the recipients), and no
    declaration clears it, since no clause of either contract would be true."""
    boss = _engagement("B", "boss@hv.example.com", COO, "reporting_line")
    boss["feedback"]["from_others"]["report_recipients"] = ["Jonah Whitfield", "Kwame Asante"]
    boss_path, _ = _write(tmp_path, boss,
                          _engagement("R", "report@hv.example.com", "boss@hv.example.com",
                                      "reporting_line", email="kwame@example.com",
                                      name="Dr Kwame Asante"))
    found = _found(tmp_path)
    assert found == [("B.json", "feedback-read-across-reporting-line",
                      "/feedback/from_others/report_recipients",
                      *_line_of(boss_path, '"report_recipients"')[:1],
                      _line_of(boss_path, '"report_recipients"')[1] + len('"report_recipients": '))]
    message = validate_paths([tmp_path]).findings[0].message
    assert message.startswith("the feedback report about this client goes to Dr Kwame Asante, "
                              "who works with the client of R")
    boss["feedback"]["from_others"]["report_recipients"] = ["Jonah Whitfield"]
    _write(tmp_path, boss)
    assert _found(tmp_path) == []


def test_people_in_no_common_line_are_no_conflict(tmp_path: Path) -> None:
    _write(tmp_path, _engagement("A", "a@hv.example.com", COO, "same_organisation"),
           _engagement("C", "c@hv.example.com", COO, "same_organisation"))
    assert _found(tmp_path) == []


def test_several_clients_of_one_organisation_must_be_said(tmp_path: Path) -> None:
    _, none = _write(tmp_path, _engagement("A", "a@hv.example.com", COO),
                     _engagement("C", "c@hv.example.com", COO, "none"))
    found = _found(tmp_path)
    assert found == [
        ("A.json", "other-clients-undeclared", "/parties/practitioner",
         *_line_of(tmp_path / "A.json", '"practitioner": {')[:1],
         _line_of(tmp_path / "A.json", '"practitioner": {')[1] + len('"practitioner": ')),
        ("C.json", "other-clients-contradicted", "/parties/practitioner/other_clients",
         *_line_of(none, '"none"')),
    ]
    report = validate_paths([tmp_path])
    assert (report.errors, report.warnings) == (1, 1)


def test_a_value_from_a_profile_is_fixed_in_the_engagements_own_file(tmp_path: Path) -> None:
    """The programme's profile says same_organisation; the finding is placed in the engagement
    file, where the override for this one engagement goes."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    for ident, email, boss in (("P-1", "boss@hv.example.com", COO),
                               ("P-2", "report@hv.example.com", "boss@hv.example.com")):
        (cohort / f"{ident}.json").write_text(json.dumps({
            "extends": os.path.relpath(PROFILE, cohort),
            "id": ident,
            "parties": {"client": {"name": ident, "email": email, "reports_to": boss}},
            "dates": {"start": "2026-02-02"}}, indent=2), encoding="utf-8")
    report = validate_paths([cohort])
    assert [(Path(f.file).name, f.code, f.pointer) for f in report.findings] == [
        ("P-1.json", "conflict-of-interest-undeclared", "/parties/client/reports_to"),
        ("P-2.json", "conflict-of-interest-undeclared", "/parties/client/reports_to")]
    assert 'gives parties.practitioner.other_clients "same_organisation"' in \
        report.findings[0].message


def test_a_line_of_many_levels_is_followed_within_bounds() -> None:
    """20,000 people in one line under one coach, each reporting to the one before: each line
    is followed up to MAX_LEVELS levels, not to its top (which would take minutes)."""
    people = [Facts(f"f{i}.json", f"E-{i}", "coach@example.com", "Coach",
                    f"p{i}@example.com", f"p{i - 1}@example.com" if i else None,
                    "reporting_line", "hv", ()) for i in range(20_000)]
    assert cross_findings(people) == {}


def test_many_clients_of_one_coach_in_one_organisation_are_found_without_n_squared_steps(
        ) -> None:
    """20,000 clients of one coach in one organisation, none declared: each file is told of the
    others, first three by id and how many more, from one pass over the files (a walk over all
    the others for each file took minutes)."""
    people = [Facts(f"f{i}.json", f"E-{i:05d}", "coach@example.com", "Coach",
                    f"p{i}@example.com", None, None, "hv", ()) for i in range(20_000)]
    found = cross_findings(people)
    assert len(found) == 20_000
    [(code, message)] = found["f0.json"]
    assert code == "other-clients-undeclared"
    assert "(E-00001, E-00002, E-00003 and 19996 more)" in message
    assert "(E-00000, E-00002, E-00003 and 19996 more)" in found["f1.json"][0][1]


def test_other_clients_of_one_organisation_are_those_a_walk_over_every_file_finds() -> None:
    """Against the definition, over many small random runs: the engagements of the same
    practitioner in the same organisation with another client (one client may have several)."""
    import random

    rng = random.Random(27)
    for _ in range(200):
        people = [Facts(f"f{i}.json", f"E-{i}", rng.choice(["a@x", "b@x"]), "Coach",
                        rng.choice(["c1@x", "c2@x", "c3@x", "c4@x", "c5@x"]), None,
                        rng.choice([None, "none", "same_organisation"]),
                        rng.choice(["hv", "nph", None]), ()) for i in range(rng.randint(1, 9))]
        found = cross_findings(people)
        for fact in people:
            others = sorted({f.ident for f in people if f.organisation == fact.organisation
                             and f.practitioner == fact.practitioner and f.client != fact.client})
            expected = (fact.organisation is not None and fact.declared in (None, "none")
                        and others)
            if not expected:
                assert fact.path not in found
                continue
            [(_, message)] = found[fact.path]
            named = ", ".join(others[:3]) + (f" and {len(others) - 3} more"
                                             if len(others) > 3 else "")
            assert f"({named})" in message


def test_build_writes_nothing_for_an_engagement_in_an_undeclared_conflict(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _write(inputs, _engagement("B", "boss@hv.example.com", COO, "reporting_line"),
           _engagement("X", "x@hv.example.com", COO, "same_organisation"))
    out = tmp_path / "out"
    first = build_documents([inputs], out)
    assert first.exit_code() == 0 and (out / "B").is_dir()
    # A new report joins, undeclared: B is unchanged and declared, the newcomer is refused.
    _write(inputs, _engagement("R", "report@hv.example.com", "boss@hv.example.com"))
    second = build_documents([inputs], out)
    assert second.exit_code() == 1
    assert [(Path(f.file).name, f.code) for f in second.findings] == [
        ("R.json", "conflict-of-interest-undeclared")]
    assert not (out / "R").exists()
    assert second.unchanged == 2
    # B's declaration is taken back: B is no longer up to date, and is not rewritten either.
    before = {p.name: p.read_bytes() for p in (out / "B").iterdir()}
    _write(inputs, _engagement("B", "boss@hv.example.com", COO, "same_organisation"))
    third = build_documents([inputs], out)
    assert {(Path(f.file).name, f.code) for f in third.findings} == {
        ("B.json", "conflict-of-interest-undeclared"),
        ("R.json", "conflict-of-interest-undeclared")}
    assert {p.name: p.read_bytes() for p in (out / "B").iterdir()} == before


@pytest.mark.parametrize("locale", ["en-GB", "fr-FR"])
@pytest.mark.parametrize("declared", [None, "none", "same_organisation", "reporting_line"])
def test_the_contract_says_what_is_declared(tmp_path: Path, locale: str,
                                            declared: str | None) -> None:
    data = _engagement("C", "c@hv.example.com", COO, declared)
    data["locale"] = locale
    _write(tmp_path, data)
    out = tmp_path / "out"
    report = build_documents([tmp_path / "C.json"], out, only=("contract",))
    assert report.exit_code() == 0, report.findings
    contract = next((out / "C").glob("*contract*.docx"))
    text = "\n".join(p.text for p in Document(str(contract)).paragraphs)
    text = text.replace("\u202f", " ").replace("\u00a0", " ")  # French spacing, seen as spaces
    english = locale == "en-GB"
    heading = ("Other people in the same organisation." if english
               else "D’autres personnes de la même organisation.")
    line = ("someone in the coachee’s reporting line" if english
            # no gender given: never « du coaché » by default (issue 22)
            else "dont une personne de la ligne hiérarchique de la personne coachée")
    conflict = ("This is a conflict of interest." if english
                else "Il s’agit d’un conflit d’intérêts.")
    another = ("may ask at any time, without giving a reason, to work with another coach; "
               "Harbour & Vale Logistics plc will then arrange it." if english else
               "à changer de coach ; l’organisation Harbour & Vale Logistics plc s’en charge "
               "alors.")
    shown = declared in ("same_organisation", "reporting_line")
    assert (heading in text) == shown
    assert (another in text) == shown
    assert (line in text) == (declared == "reporting_line")
    assert (conflict in text) == (declared == "reporting_line")
    assert "{" not in text


def test_import_places_a_conflict_at_the_row_and_column(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([
            ["id", "parties.client.name", "parties.client.email", "parties.client.reports_to",
             "parties.practitioner.other_clients", "dates.start"],
            ["R-1", "Jonah W", "jonah@hv.example.com", COO, "reporting_line", "2026-02-02"],
            ["R-2", "Ana D", "ana@hv.example.com", "jonah@hv.example.com", "", "2026-02-02"],
            ["R-3", "Tom W", "tom@hv.example.com", "jonah@hv.example.com", "reporting_line",
             "2026-02-02"],
        ])
    out = tmp_path / "out"
    report = import_roster(str(roster), str(PROFILE), str(out))
    assert [(f.code, f.line, f.column) for f in report.findings] == [
        ("conflict-of-interest-undeclared", 3, 4)]
    assert report.findings[0].message.startswith(
        "row 3, column D (parties.client.reports_to): this client reports directly to the client "
        "of R-1")
    assert not report.written and not any(out.glob("*.json"))

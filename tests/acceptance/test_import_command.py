"""`confdocs import` (issue 13, section 2): rosters as CSV and real openpyxl-written workbooks,
every spreadsheet-hygiene case, findings naming roster, row and column, --dry-run, all or nothing,
no overwrite of hand-edited files without --force, and --example."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.comments import Comment

import confdocs

from ..helpers import SAMPLES

PROFILE = SAMPLES / "cohort" / "profiles" / "harbour-vale-2026.json"
HEADER = ["id", "parties.client.name", "parties.client.email", "dates.start", "dates.end"]


def _row(ident: str, start: Any = "2026-02-02", **extra: Any) -> list[Any]:
    return [ident, f"Client {ident}", f"{ident.lower()}@example.com", start, "2026-07-31",
            *extra.values()]


def _csv(path: Path, rows: list[list[Any]], header: list[str] = HEADER, sep: str = ",",
         bom: bool = False) -> Path:
    lines = [sep.join(header)] + [sep.join("" if v is None else str(v) for v in r) for r in rows]
    path.write_bytes(("\ufeff" if bom else "").encode() + ("\r\n".join(lines) + "\r\n").encode())
    return path


def _xlsx(path: Path, rows: list[list[Any]], header: list[str] = HEADER,
          title: str = "Cohort") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _import(run, roster: Path, out: Path, *more: str):
    return run("import", str(roster), "--profile", str(PROFILE), "--out", str(out), *more)


def _written(out: Path, ident: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / f"{ident}.json").read_text(encoding="utf-8"))
    return data


# --- the happy path ---------------------------------------------------------------------------

def test_a_csv_roster_becomes_short_engagements_that_validate_and_build(tmp_path: Path,
                                                                        run) -> None:
    roster = _csv(tmp_path / "cohort.csv", [_row("HV-1"), _row("HV-2")])
    out = tmp_path / "cohort"
    result = _import(run, roster, out)
    assert result.exit_code == 0, result.output
    assert "2 rows into" in result.output and "wrote 2 new" in result.output
    data = _written(out, "HV-1")
    assert data["extends"] == Path("..", "..", *PROFILE.relative_to(SAMPLES.parent).parts) \
        .as_posix() or data["extends"].endswith("profiles/harbour-vale-2026.json")
    assert (out / data["extends"]).resolve() == PROFILE.resolve()
    assert data["parties"]["client"] == {"name": "Client HV-1", "email": "hv-1@example.com"}
    assert run("validate", "--strict", str(out)).exit_code == 0
    built = run("build", str(out), "--out", str(tmp_path / "docs"), "-j", "1")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "docs" / "HV-2" / "HV-2-contract.docx").is_file()


def test_a_workbook_roster(tmp_path: Path, run) -> None:
    roster = _xlsx(tmp_path / "cohort.xlsx", [_row("HV-1", dt.datetime(2026, 2, 2))])
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert _written(tmp_path / "out", "HV-1")["dates"]["start"] == "2026-02-02"


# --- findings naming the roster, the row and the column -------------------------------------

def test_a_finding_names_roster_row_and_column(tmp_path: Path, run) -> None:
    rows = [_row("HV-1"), _row("HV-2"), _row("HV-3")]
    rows[2][2] = "not-an-email"
    roster = _xlsx(tmp_path / "cohort.xlsx", rows)
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{roster}:4:3: error: row 4, column C (parties.client.email): \"not-an-email\" is "
            "not an email address") in result.output
    assert "nothing written (all or nothing)" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_findings_in_json_and_github_formats(tmp_path: Path, run, fmt: str) -> None:
    roster = _csv(tmp_path / "cohort.csv", [_row("HV-1", "2026-13-01")])
    result = _import(run, roster, tmp_path / "out", "--format", fmt)
    assert result.exit_code == 1
    if fmt == "json":
        document = json.loads(result.stdout)
        finding = document["findings"][0]
        assert (finding["file"], finding["line"], finding["column"]) == (str(roster), 2, 4)
        assert finding["message"].startswith("row 2, column D (dates.start):")
        assert document["written"] is False
    else:
        assert f"::error file={roster},line=2,col=4,title=schema-format::row 2, column D" \
            in result.output


def test_import_json_gives_each_finding_as_validate_json_does(tmp_path: Path, run) -> None:
    roster = _csv(tmp_path / "cohort.csv", [_row("HV-1", "2026-13-01")])
    document = json.loads(_import(run, roster, tmp_path / "out", "--format", "json").stdout)
    assert list(document) == ["roster", "rows", "errors", "warnings", "dry_run", "written",
                              "files", "findings"]
    assert document["files"] == [{"path": str(tmp_path / "out" / "HV-1.json"), "row": 2,
                                  "state": "new"}]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    validated = json.loads(run("validate", "--format", "json", str(bad)).stdout)
    assert list(document["findings"][0]) == list(validated["findings"][0]) == [
        "file", "line", "column", "code", "severity", "pointer", "message"]


def test_a_required_field_nobody_sets_is_said_at_the_row(tmp_path: Path, run) -> None:
    roster = _csv(tmp_path / "cohort.csv", [["HV-1", "Client"]], header=HEADER[:2])
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert ("row 2: dates.start is missing; add a column dates.start to the roster, or set it in "
            "the profile") in result.output


def test_a_problem_in_the_profile_is_said_once_at_the_profile(tmp_path: Path, run) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for profile in PROFILE.parent.glob("*.json"):
        (folder / profile.name).write_bytes(profile.read_bytes())
    mine = folder / PROFILE.name
    mine.write_text(mine.read_text(encoding="utf-8").replace('"m.ellison@example.net"',
                                                             '"nope"'), encoding="utf-8")
    roster = _csv(tmp_path / "cohort.csv", [_row("HV-1"), _row("HV-2")])
    result = run("import", str(roster), "--profile", str(mine), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.output.count(f"{mine}:") == 1, result.output


# --- hygiene ----------------------------------------------------------------------------------

def test_dates_as_iso_text_excel_date_cells_and_serial_numbers(tmp_path: Path, run) -> None:
    rows = [_row("D-1", "2026-02-02"), _row("D-2", dt.datetime(2026, 2, 2)),
            _row("D-3", dt.date(2026, 2, 2)), _row("D-4", 46055)]
    roster = _xlsx(tmp_path / "cohort.xlsx", rows)
    out = tmp_path / "out"
    result = _import(run, roster, out)
    assert result.exit_code == 0, result.output
    for ident in ("D-1", "D-2", "D-3", "D-4"):
        assert _written(out, ident)["dates"]["start"] == "2026-02-02", ident
    csv_roster = _csv(tmp_path / "cohort.csv", [_row("D-5", "46055")])
    assert _import(run, csv_roster, out).exit_code == 0
    assert _written(out, "D-5")["dates"]["start"] == "2026-02-02"


def test_a_date_written_another_way_is_explained(tmp_path: Path, run) -> None:
    # (02/02/2026 was the example here; it is now read as the profile's locale writes dates:
    # tests/acceptance/test_roster_exports.py.)
    roster = _csv(tmp_path / "cohort.csv", [_row("D-1", "2 Feb 2026")])
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert "row 2, column D (dates.start): \"2 Feb 2026\" is not a real date written YYYY-MM-DD" \
        in result.output


def test_leading_zeros_are_kept(tmp_path: Path, run) -> None:
    header = [*HEADER, "parties.client.membership_number"]
    out = tmp_path / "out"
    roster = _csv(tmp_path / "cohort.csv", [[*_row("Z-1"), "00123"]], header=header)
    assert _import(run, roster, out).exit_code in (0, 1)
    data = json.loads(_written_or_dry(run, roster, out, "Z-1"))
    assert data["parties"]["client"]["membership_number"] == "00123"
    book = tmp_path / "cohort.xlsx"
    _xlsx(book, [[*_row("Z-2"), "00123"], [*_row("Z-3"), 123]], header=header)
    loaded = openpyxl.load_workbook(book)
    loaded.active["F3"].number_format = "00000"
    loaded.save(book)
    assert json.loads(_written_or_dry(run, book, out, "Z-2"))["parties"]["client"][
        "membership_number"] == "00123"
    assert json.loads(_written_or_dry(run, book, out, "Z-3"))["parties"]["client"][
        "membership_number"] == "00123"


def _written_or_dry(run, roster: Path, out: Path, ident: str) -> str:
    """The engagement import makes for ``ident`` (a membership number may draw a rule's warning,
    never an error, so the import writes)."""
    result = _import(run, roster, out)
    assert result.exit_code == 0, result.output
    return (out / f"{ident}.json").read_text(encoding="utf-8")


def test_a_word_that_is_not_a_boolean(tmp_path: Path, run) -> None:
    header = [*HEADER, "records.organisation_can_read"]
    roster = _csv(tmp_path / "cohort.csv", [[*_row("B-1"), "maybe"]], header=header)
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert "row 2, column F (records.organisation_can_read): 'maybe' is not true or false; " \
           "write true, false, yes or no" in result.output


def test_a_boolean_from_a_roster_goes_in(tmp_path: Path, run) -> None:
    header = [*HEADER, "disclosure_procedure.relationship_review"]
    out = tmp_path / "out"
    roster = _csv(tmp_path / "cohort.csv", [[*_row("B-2"), "no"]], header=header)
    assert _import(run, roster, out).exit_code == 0
    assert _written(out, "B-2")["disclosure_procedure"] == {"relationship_review": False}


def test_empty_cells_are_absent_and_spaces_trimmed(tmp_path: Path, run) -> None:
    header = [*HEADER, "parties.client.job_title"]
    rows = [["  E-1 ", "  Ana Díaz  ", "ana@example.com", "2026-02-02", "", "   "]]
    out = tmp_path / "out"
    assert _import(run, _csv(tmp_path / "c.csv", rows, header=header), out).exit_code == 0
    data = _written(out, "E-1")
    assert data["parties"]["client"] == {"name": "Ana Díaz", "email": "ana@example.com"}
    assert "end" not in data["dates"]  # the profile's, or nothing
    book = _xlsx(tmp_path / "c.xlsx", [["E-2", " Bo ", "bo@example.com", "2026-02-02", None,
                                        None]], header=header)
    assert _import(run, book, out).exit_code == 0
    assert _written(out, "E-2")["parties"]["client"] == {"name": "Bo", "email": "bo@example.com"}


def test_a_utf8_bom_and_excel_s_semicolon_csv(tmp_path: Path, run) -> None:
    roster = _csv(tmp_path / "c.csv", [_row("S-1"), ["S-2", "Zoë Ångström", "zoe@example.com",
                                                     "2026-02-02", "2026-07-31"]],
                  sep=";", bom=True)
    out = tmp_path / "out"
    result = _import(run, roster, out)
    assert result.exit_code == 0, result.output
    assert _written(out, "S-2")["parties"]["client"]["name"] == "Zoë Ångström"
    assert _written(out, "S-1")["id"] == "S-1"  # not "\ufeffid"


def test_a_windows_1252_csv_is_read_with_a_warning(tmp_path: Path, run) -> None:
    roster = tmp_path / "c.csv"
    roster.write_bytes(("\r\n".join([",".join(HEADER),
                                     "W-1,Zoë,zoe@example.com,2026-02-02,2026-07-31"]) + "\r\n")
                       .encode("cp1252"))
    out = tmp_path / "out"
    result = _import(run, roster, out)
    assert result.exit_code == 0, result.output
    assert "read as Windows-1252" in result.output
    assert _written(out, "W-1")["parties"]["client"]["name"] == "Zoë"


def test_a_list_in_a_cell_is_one_entry_per_line(tmp_path: Path, run) -> None:
    header = [*HEADER, "parties.client.address"]
    roster = _xlsx(tmp_path / "c.xlsx", [[*_row("L-1"), "14 Orchard Row\nLeeds LS2 7QT\n"]],
                   header=header)
    out = tmp_path / "out"
    assert _import(run, roster, out).exit_code == 0
    assert _written(out, "L-1")["parties"]["client"]["address"] == ["14 Orchard Row",
                                                                    "Leeds LS2 7QT"]


def _with_cached_value(path: Path, cell: str, value: str) -> None:
    """Give a formula cell the value Excel would have saved with it (openpyxl saves none)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, count = re.subn(rf'(<c r="{cell}")([^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?',
                           rf'\1 t="str"\2\3<v>{value}</v>', sheet)
    assert count == 1, sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formulas_are_read_by_their_cached_values(tmp_path: Path, run) -> None:
    rows = [["F-1", "=\"Client \"&\"One\"", "f1@example.com", "2026-02-02", "2026-07-31"]]
    roster = _xlsx(tmp_path / "c.xlsx", rows)
    _with_cached_value(roster, "B2", "Client One")
    out = tmp_path / "out"
    result = _import(run, roster, out)
    assert result.exit_code == 0, result.output
    assert _written(out, "F-1")["parties"]["client"]["name"] == "Client One"


def test_a_formula_without_a_cached_value_is_an_error(tmp_path: Path, run) -> None:
    rows = [["F-2", "=A2&\" x\"", "f2@example.com", "2026-02-02", "2026-07-31"]]
    roster = _xlsx(tmp_path / "c.xlsx", rows)  # as openpyxl writes it: no value saved
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert "row 2, column B: holds the formula =A2&\" x\" but no value saved with it" \
        in result.output


def test_a_formula_error_value_is_an_error(tmp_path: Path, run) -> None:
    rows = [["F-3", "=1/0", "f3@example.com", "2026-02-02", "2026-07-31"]]
    roster = _xlsx(tmp_path / "c.xlsx", rows)
    _with_cached_value(roster, "B2", "#DIV/0!")
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert "row 2, column B (parties.client.name): shows the error #DIV/0!" in result.output


def test_merged_cells_and_hidden_rows_are_reported(tmp_path: Path, run) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [_row("M-1"), _row("M-2"), _row("M-3")])
    book = openpyxl.load_workbook(roster)
    book.active.row_dimensions[3].hidden = True
    book.save(roster)
    hidden = _import(run, roster, tmp_path / "out", "--dry-run")
    assert hidden.exit_code == 0
    assert "row 3: is hidden in the workbook, and is imported like the others" in hidden.output
    book.active.merge_cells("E3:E4")
    book.save(roster)
    merged = _import(run, roster, tmp_path / "out")
    assert merged.exit_code == 1
    assert "row 3, column E: cells E3:E4 are merged" in merged.output


def test_several_sheets_the_first_or_sheet_name(tmp_path: Path, run) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [_row("P-1")])
    book = openpyxl.load_workbook(roster)
    other = book.create_sheet("Second wave")
    for row in (HEADER, _row("P-2")):
        other.append(row)
    book.save(roster)
    out = tmp_path / "out"
    first = _import(run, roster, out)
    assert first.exit_code == 0 and (out / "P-1.json").exists() and not (out / "P-2.json").exists()
    assert "the workbook has 2 sheets (Cohort, Second wave); the first, 'Cohort', was read" \
        in first.output
    second = _import(run, roster, out, "--sheet", "Second wave")
    assert second.exit_code == 0 and (out / "P-2.json").exists()
    missing = _import(run, roster, out, "--sheet", "Third")
    assert missing.exit_code == 2
    assert "no sheet named 'Third'; its sheets are: Cohort, Second wave" in missing.output


def test_an_unknown_column_is_an_error_with_a_suggestion(tmp_path: Path, run) -> None:
    header = [*HEADER[:2], "parties.client.emial", *HEADER[3:]]
    roster = _csv(tmp_path / "c.csv", [_row("U-1")], header=header)
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert ("row 1, column C (parties.client.emial): 'parties.client.emial' is not a field of an "
            "engagement; did you mean parties.client.email?") in result.output


def test_a_column_naming_a_group_or_a_list_of_entries(tmp_path: Path, run) -> None:
    header = [*HEADER, "parties.client", "disclosures"]
    roster = _csv(tmp_path / "c.csv", [_row("G-1")], header=header)
    result = _import(run, roster, tmp_path / "out")
    assert "parties.client is a group of fields; name one field per column" in result.output
    assert "disclosures is a list of entries, which a cell cannot hold" in result.output


def test_a_duplicate_id_within_the_roster(tmp_path: Path, run) -> None:
    roster = _csv(tmp_path / "c.csv", [_row("HV-1"), _row("hv-1")])
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert "row 3, column A (id): id 'hv-1' is also in row 2" in result.output


def test_a_duplicate_id_against_a_file_already_in_the_folder(tmp_path: Path, run) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "jonah.json").write_text(json.dumps({"id": "HV-1"}), encoding="utf-8")
    result = _import(run, _csv(tmp_path / "c.csv", [_row("HV-1")]), out)
    assert result.exit_code == 1
    assert f"id 'HV-1' is already used by {out / 'jonah.json'}" in result.output


@pytest.mark.parametrize("written_by", ["hand", "import"])
def test_a_kept_file_holding_an_id_the_roster_gives_another_row(tmp_path: Path, run,
                                                               written_by: str) -> None:
    # Issue 28: a file named as one row (so not read for ids before writing) but kept, since
    # it was added or changed by hand, holds the id the roster gives another row.
    out = tmp_path / "out"
    roster = _csv(tmp_path / "c.csv", [_row("R-1"), _row("R-2")])
    assert _import(run, roster, out).exit_code == 0
    source = out / ("R-1.json" if written_by == "hand" else "R-2.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    data["id"] = "R-4"
    kept = out / ("R-3.json" if written_by == "hand" else "R-2.json")
    kept.write_text(json.dumps(data), encoding="utf-8")
    _csv(roster, [_row("R-1"), _row("R-2"), _row("R-3"), _row("R-4")])
    result = _import(run, roster, out)
    assert result.exit_code == 1, result.output
    assert (f"{roster}:5:1: error: row 5, column A (id): id 'R-4' is already used by {kept}, "
            "which the import keeps as it is; give this row another id, change or remove that "
            "file, or run the import with --force to replace it [roster-id-in-use]"
            ) in result.output
    assert not (out / "R-4.json").exists()
    forced = _import(run, roster, out, "--force")  # replaced: the id is the row's again
    assert forced.exit_code == 0, forced.output
    assert _written(out, "R-4")["id"] == "R-4" and _written(out, kept.stem)["id"] == kept.stem


# --- dry run, all or nothing, re-runs -------------------------------------------------------

def test_dry_run_writes_nothing_and_reports_everything(tmp_path: Path, run) -> None:
    rows = [_row("R-1"), _row("R-2")]
    roster = _csv(tmp_path / "c.csv", rows)
    out = tmp_path / "out"
    result = _import(run, roster, out, "--dry-run")
    assert result.exit_code == 0
    assert "would write 2 new" in result.output
    assert not out.exists()


def test_a_re_run_updates_what_it_wrote_and_keeps_hand_edits_unless_force(tmp_path: Path,
                                                                         run) -> None:
    roster = _csv(tmp_path / "c.csv", [_row("R-1"), _row("R-2")])
    out = tmp_path / "out"
    assert _import(run, roster, out).exit_code == 0
    again = _import(run, roster, out)
    assert "wrote 0 new, 0 updated; 2 unchanged" in again.output
    # The roster changes R-1; someone edits R-2's file by hand.
    _csv(roster, [[*_row("R-1")[:1], "Renamed", *_row("R-1")[2:]], _row("R-2")])
    hand = out / "R-2.json"
    hand.write_text(hand.read_text(encoding="utf-8").replace("Client R-2", "By hand"),
                    encoding="utf-8")
    result = _import(run, roster, out)
    assert result.exit_code == 0
    assert "wrote 0 new, 1 updated" in result.output
    assert f"{hand}:1:1: warning: was changed by hand since confdocs import wrote it, so it is " \
           "kept as it is (roster" in result.output
    assert _written(out, "R-1")["parties"]["client"]["name"] == "Renamed"
    assert _written(out, "R-2")["parties"]["client"]["name"] == "By hand"
    forced = _import(run, roster, out, "--force")
    assert forced.exit_code == 0 and "1 updated" in forced.output
    assert _written(out, "R-2")["parties"]["client"]["name"] == "Client R-2"


def test_a_row_removed_from_the_roster_is_said(tmp_path: Path, run) -> None:
    roster = _csv(tmp_path / "c.csv", [_row("R-1"), _row("R-2")])
    out = tmp_path / "out"
    _import(run, roster, out)
    _csv(roster, [_row("R-1")])
    result = _import(run, roster, out)
    assert "its row is no longer in" in result.output and (out / "R-2.json").exists()


def test_an_unreadable_roster_or_missing_profile_is_a_usage_error(tmp_path: Path, run) -> None:
    bad = tmp_path / "c.xlsx"
    bad.write_bytes(b"not a zip")
    result = _import(run, bad, tmp_path / "out")
    assert result.exit_code == 2 and "not an Excel workbook" in result.output
    assert "Traceback" not in result.output
    missing = run("import", str(_csv(tmp_path / "c.csv", [_row("X-1")])), "--profile",
                  str(tmp_path / "nope.json"), "--out", str(tmp_path / "out"))
    assert missing.exit_code == 2 and "no such profile" in missing.output
    assert _import(run, tmp_path / "none.csv", tmp_path / "out").exit_code == 2


# --- an example roster ------------------------------------------------------------------------

def test_example_roster_holds_the_columns_the_profile_leaves_open(tmp_path: Path, run) -> None:
    target = tmp_path / "roster.xlsx"
    result = run("import", "--example", "--profile", str(PROFILE), "-o", str(target))
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["id", "dates.start", "parties.client.name"]
    assert "parties.client.email" in header
    # What the profile sets is not asked again.
    assert "title" not in header and "parties.practitioner.name" not in header
    comment = sheet["C1"].comment
    assert isinstance(comment, Comment) and "client" in comment.text.lower()
    # Filled in, it imports.
    sheet.append(["EX-1", dt.date(2026, 3, 2), "Client", "c@example.com"])
    target.write_bytes(_saved(sheet.parent))
    assert _import(run, target, tmp_path / "out").exit_code == 0
    # An existing roster is never replaced by an empty one by mistake.
    again = run("import", "--example", "--profile", str(PROFILE), "-o", str(target))
    assert again.exit_code == 2 and "already exists" in again.output


def _saved(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_sample_cohort_import_is_current(tmp_path: Path, run) -> None:
    """samples/cohort/engagements is exactly what importing the sample rosters writes."""
    cohort = SAMPLES / "cohort"
    for roster in ("roster.csv", "roster.xlsx"):
        out = tmp_path / roster
        result = run("import", str(cohort / roster), "--profile", str(PROFILE), "--out", str(out))
        assert result.exit_code == 0, result.output
        committed = cohort / "engagements"
        for written in sorted(out.glob("[!.]*.json")):
            data = json.loads(written.read_text(encoding="utf-8"))
            assert (out / data["$schema"]).resolve() == (SAMPLES.parent / "schemas" /
                                                         "profile.schema.json").resolve()
            data["extends"] = "../profiles/harbour-vale-2026.json"
            data["$schema"] = "../../../schemas/profile.schema.json"
            assert data == json.loads((committed / written.name).read_text(encoding="utf-8"))
        assert len(list(out.glob("[!.]*.json"))) == len(list(committed.glob("[!.]*.json")))
    assert confdocs.validate_paths([cohort]).exit_code(strict=True) == 0


def test_a_large_roster_is_checked_over_worker_processes_with_the_same_findings(
        tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    from confdocs.engagement import row_findings

    monkeypatch.setattr(row_findings, "PARALLEL_FROM", 4)
    rows = [_row(f"W-{i}") for i in range(12)]
    rows[9][2] = "bad-email"
    roster = _csv(tmp_path / "c.csv", rows)
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{roster}:11:3: error: row 11, column C (parties.client.email)" in result.output
    rows[9][2] = "good@example.com"
    _csv(roster, rows)
    assert _import(run, roster, tmp_path / "out").exit_code == 0
    assert len(list((tmp_path / "out").glob("W-*.json"))) == 12


def test_a_profile_that_cannot_be_used_is_said_once_not_per_row(tmp_path: Path, run) -> None:
    profile = tmp_path / "profiles" / "p.json"
    profile.parent.mkdir()
    profile.write_text('{"extends": "missing.json"', encoding="utf-8")  # not even JSON
    roster = _csv(tmp_path / "c.csv", [_row("X-1"), _row("X-2")])
    result = run("import", str(roster), "--profile", str(profile), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.output.count("json-syntax") == 1 and "nothing written" in result.output
    profile.write_text('{"extends": "missing.json"}', encoding="utf-8")
    result = run("import", str(roster), "--profile", str(profile), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.output.count("[profile-missing at /extends]") == 1, result.output
    assert not (tmp_path / "o").exists()


def test_two_imports_into_one_folder_never_write_at_once(tmp_path: Path, run) -> None:
    # Issue 28: two imports at once lost entries of the import record or mixed two rosters.
    import fcntl
    import os

    out = tmp_path / "engagements"
    out.mkdir()
    held = os.open(out / ".confdocs-import.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        roster = SAMPLES / "cohort" / "roster.csv"
        busy = _import(run, roster, out)
        assert busy.exit_code == 2, busy.output
        assert "another confdocs import is writing into this folder" in busy.stderr
        assert not list(out.glob("*.json"))
        dry = _import(run, roster, out, "--dry-run")  # reads only: no lock needed
        assert dry.exit_code == 0, dry.output
    finally:
        os.close(held)
    done = _import(run, roster, out)
    assert done.exit_code == 0, done.output
    assert len([path for path in out.glob("*.json") if not path.name.startswith(".")]) == 5


# --- rosters read within bounds (issue 28, items 4 and 5) -------------------------------------

def _bounded_import(roster: Path | str, out: Path, *more: str) -> subprocess.CompletedProcess[str]:
    """`confdocs import` in a process of its own, allowed 1 GiB of memory and 60 seconds: a
    roster made to explode, or to be waited for, fails the test, never the machine."""
    resource = pytest.importorskip("resource")  # POSIX only, as the roster cases are

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run([sys.executable, "-m", "confdocs", "import", str(roster), "--profile",
                           str(PROFILE), "--out", str(out), *more],
                          capture_output=True, text=True, timeout=60, preexec_fn=limit,
                          check=False)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_roster_that_is_a_device_is_never_read(tmp_path: Path) -> None:
    result = _bounded_import("/dev/zero", tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert "/dev/zero: not a regular file (a pipe, a device or a socket); give the roster file " \
           "(.csv or .xlsx)" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["cohort.csv", "cohort.xlsx"])
def test_a_fifo_as_a_roster_is_never_waited_for(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    result = _bounded_import(tmp_path / name, tmp_path / "out")
    assert result.returncode == 2, result.stderr
    assert f"{tmp_path / name}: not a regular file" in result.stderr


@pytest.mark.parametrize("name", ["cohort.csv", "cohort.xlsx"])
def test_a_folder_as_a_roster_is_said(tmp_path: Path, run, name: str) -> None:
    (tmp_path / name).mkdir()
    result = _import(run, tmp_path / name, tmp_path / "out")
    assert result.exit_code == 2
    assert f"{tmp_path / name}: is a folder; give the roster file (.csv or .xlsx)" in result.output


@pytest.mark.parametrize("name", ["cohort.csv", "cohort.xlsx"])
def test_a_roster_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path, run,
                                                                   name: str) -> None:
    from confdocs.engagement.roster import MAX_ROSTER_BYTES

    with open(tmp_path / name, "wb") as handle:
        handle.truncate(MAX_ROSTER_BYTES + 1)  # sparse: 50 MiB on paper, nothing on disk
    result = _import(run, tmp_path / name, tmp_path / "out")
    assert result.exit_code == 2
    assert f"{tmp_path / name}: larger than the 50 MiB a roster may be" in result.output


def _rewrite(path: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """The workbook at ``path`` with one of its parts changed, the rest as openpyxl wrote it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _cells_after(*cells: str) -> Callable[[bytes], bytes]:
    """A sheet's XML with one more row at the end holding ``cells`` (such as b'<c r="A9" ...>')."""
    added = "".join(cells).encode()
    return lambda sheet: sheet.replace(b"</sheetData>", b"<row>" + added + b"</row></sheetData>")


def _text_cell(reference: str, text: str = "x") -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def _refused(result: subprocess.CompletedProcess[str], out: Path) -> str:
    """What an import said of a roster it refused: one finding, exit 1, nothing written."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    assert "0 rows into" in result.stdout and "1 error: nothing written" in result.stdout
    assert not out.exists()
    return result.stdout


@pytest.mark.parametrize("cell", ["XFD1048576", "A50001", "AAA1"])
def test_a_cell_past_the_rows_and_columns_of_a_roster_is_refused_at_once(tmp_path: Path,
                                                                        cell: str) -> None:
    # XFD1048576, the last cell Excel has, in a workbook of 5 KB: openpyxl made every cell of the
    # rectangle up to it, and the import grew without end.
    roster = _rewrite(_xlsx(tmp_path / "c.xlsx", [_row("X-1")]), "xl/worksheets/sheet1.xml",
                      _cells_after(_text_cell(cell)))
    said = _refused(_bounded_import(roster, tmp_path / "out"), tmp_path / "out")
    row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    column = {"XFD": 16384, "A": 1, "AAA": 703}[cell.rstrip("0123456789")]
    assert (f"{roster}:{row}:{column}: error: sheet 'Cohort', cell {cell}: is past the 50,000 "
            "rows and the columns A to ZZ a roster may use, so nothing was read; delete the rows "
            "below the roster and the columns to its right") in said
    assert "[roster-too-large]" in said


def test_a_sheet_declaring_more_rows_than_a_roster_may_have_is_refused(tmp_path: Path) -> None:
    roster = _rewrite(_xlsx(tmp_path / "c.xlsx", [_row("X-1")]), "xl/worksheets/sheet1.xml",
                      lambda sheet: sheet.replace(b'<dimension ref="A1:E2"/>',
                                                  b'<dimension ref="A1:XFD1048576"/>'))
    said = _refused(_bounded_import(roster, tmp_path / "out"), tmp_path / "out")
    assert ("sheet 'Cohort': declares that it reaches A1:XFD1048576 (its dimension), past the "
            "50,000 rows and the columns A to ZZ a roster may use") in said


def test_rows_past_the_dimension_a_sheet_declares_are_read(tmp_path: Path, run) -> None:
    # openpyxl's streaming reader stops where the declared dimension ends, unless told to forget it.
    roster = _rewrite(_xlsx(tmp_path / "c.xlsx", [_row("D-1"), _row("D-2"), _row("D-3")]),
                      "xl/worksheets/sheet1.xml",
                      lambda sheet: sheet.replace(b'<dimension ref="A1:E4"/>',
                                                  b'<dimension ref="A1:B2"/>'))
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "out").glob("D-*.json")) == [
        "D-1.json", "D-2.json", "D-3.json"]
    assert _written(tmp_path / "out", "D-3")["dates"]["end"] == "2026-07-31"


def _sheet_unpacking_to(path: Path, size: int) -> Path:
    """A workbook whose sheet is padded with spaces to ``size`` bytes unpacked: about a
    thousandth of that packed."""
    _xlsx(path, [_row("B-1")])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts.pop("xl/worksheets/sheet1.xml")
    head, tail = sheet.split(b"</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(head)
            for _ in range(size >> 20):
                part.write(b" " * (1 << 20))
            part.write(b"</sheetData>" + tail)
    return path


def test_a_sheet_that_unpacks_past_its_cap_is_refused(tmp_path: Path) -> None:
    # 65 MiB of sheet in 70 KB of workbook (the attack's was 2 GiB in 2 MB: accepted after 4.9 GB).
    roster = _sheet_unpacking_to(tmp_path / "c.xlsx", 65 << 20)
    assert roster.stat().st_size < 200_000
    said = _refused(_bounded_import(roster, tmp_path / "out"), tmp_path / "out")
    assert (f"{roster}:1:1: error: part xl/worksheets/sheet1.xml: unpacks to more than 64 MiB, "
            "the limit for a sheet in a roster's workbook, so nothing was read; is it a roster?"
            ) in said
    assert "[roster-workbook-too-large]" in said


@pytest.mark.parametrize("damage", ["a tag left open", "a cell numbered ZZZZ1"])
def test_a_damaged_sheet_is_a_finding(tmp_path: Path, damage: str) -> None:
    change = (_cells_after("<c>") if damage == "a tag left open"
              else _cells_after(_text_cell("ZZZZ1")))
    roster = _rewrite(_xlsx(tmp_path / "c.xlsx", [_row("X-1")]), "xl/worksheets/sheet1.xml",
                      change)
    said = _refused(_bounded_import(roster, tmp_path / "out"), tmp_path / "out")
    assert "the workbook is damaged: open it in Excel or LibreOffice and save it again" in said
    assert "[roster-workbook-damaged]" in said
    if damage == "a tag left open":
        assert "part xl/worksheets/sheet1.xml: is not well-formed XML (line 1, column" in said
    else:
        assert "sheet 'Cohort': names a cell 'ZZZZ1', which is no cell of a sheet" in said


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_an_external_entity_is_never_resolved(tmp_path: Path, part: str) -> None:
    # openpyxl reads sheets with the standard library's parser and the workbook with lxml's.
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42", encoding="utf-8")
    declared = f'<!DOCTYPE x [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'.encode()

    def change(xml: bytes) -> bytes:
        root = xml.index(b"<worksheet" if part.endswith("sheet1.xml") else b"<workbook")
        xml = xml[:root] + declared + xml[root:]
        return (xml.replace(b"<t>Client X-1</t>", b"<t>&secret;</t>") if b"<t>" in xml
                else xml.replace(b'name="Cohort"', b'name="&secret;"'))

    roster = _rewrite(_xlsx(tmp_path / "c.xlsx", [_row("X-1")]), part, change)
    assert b"&secret;" in zipfile.ZipFile(roster).read(part)
    result = _bounded_import(roster, tmp_path / "out")
    said = _refused(result, tmp_path / "out")
    assert "TOP-SECRET-42" not in result.stdout + result.stderr
    assert (f"{roster}:1:1: error: part {part}: declares a DTD (<!DOCTYPE ...>), which no "
            "spreadsheet program writes: its entities could read other files or expand without "
            "end, so the workbook was not read") in said
    assert "[roster-workbook-dtd]" in said


def test_a_billion_laughs_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "laugh">' + "".join(
        f'<!ENTITY a{level} "{f"&a{level - 1};" * 10}">' for level in range(1, 10))
    roster = _rewrite(_xlsx(tmp_path / "c.xlsx", [_row("X-1")]), "xl/worksheets/sheet1.xml",
                      lambda sheet: sheet.replace(b"<worksheet", f"<!DOCTYPE worksheet "
                                                  f"[{entities}]><worksheet".encode(), 1)
                      .replace(b"<t>Client X-1</t>", b"<t>&a9;</t>"))
    said = _refused(_bounded_import(roster, tmp_path / "out"), tmp_path / "out")
    assert "part xl/worksheets/sheet1.xml: declares a DTD" in said


@pytest.mark.parametrize("formatted", [False, True], ids=["number", "date-cell"])
def test_a_date_serial_past_the_year_9999_is_a_finding_at_its_cell(tmp_path: Path, run,
                                                                  formatted: bool) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [_row("S-1", 3_000_000)])
    if formatted:  # a date cell Excel would show as ##### (openpyxl cannot read it as a date)
        book = openpyxl.load_workbook(roster)
        book.active["D2"].number_format = "yyyy-mm-dd"
        book.save(roster)
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{roster}:2:4: error: row 2, column D (dates.start): 3000000 is no date: as an Excel "
            "date serial number it falls outside the years 1 to 9999; write the date as "
            "YYYY-MM-DD [roster-cell]") in result.output
    assert "internal error" not in result.output


def test_a_roster_holding_more_values_than_a_roster_may_is_refused(
        tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    from confdocs.engagement import roster as roster_module

    monkeypatch.setattr(roster_module, "MAX_ROSTER_VALUES", 10)  # a header of 5 and a row of 5
    for roster in (_csv(tmp_path / "c.csv", [_row("V-1"), _row("V-2")]),
                   _xlsx(tmp_path / "c.xlsx", [_row("V-1"), _row("V-2")])):
        result = _import(run, roster, tmp_path / "out")
        assert result.exit_code == 1
        where = "row 3, column A" if roster.suffix == ".csv" else "sheet 'Cohort', cell A3"
        assert (f"{roster}:3:1: error: {where}: is past the 10 filled cells a roster may hold, "
                "so nothing was read") in result.output
        assert not (tmp_path / "out").exists()


def test_a_csv_past_the_rows_or_columns_of_a_roster_is_refused(tmp_path: Path, run) -> None:
    far_down = tmp_path / "down.csv"
    far_down.write_text(",".join(HEADER) + "\n" + "\n" * 49_999 + "X-1\n", encoding="utf-8")
    result = _import(run, far_down, tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{far_down}:50001:1: error: row 50001, column A: is past the 50,000 rows and the "
            "columns A to ZZ a roster may use, so nothing was read") in result.output
    wide = _csv(tmp_path / "wide.csv", [[*_row("X-1"), *[""] * 697, "far"]])
    result = _import(run, wide, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{wide}:2:703: error: row 2, column AAA: is past" in result.output


def _without_sheets(workbook: bytes) -> bytes:
    return re.sub(rb"<sheet [^>]*/>", b"", workbook)


def _without_workbook_type(types: bytes) -> bytes:
    return re.sub(rb'<Override PartName="/xl/workbook.xml"[^>]*/>', b"", types)


@pytest.mark.parametrize(("part", "change", "said"), [
    ("xl/workbook.xml", _without_sheets, "holds no sheet that can be read"),
    ("[Content_Types].xml", _without_workbook_type,
     "cannot be read (File contains no valid workbook part)"),
], ids=["no-sheet", "no-workbook-part"])
def test_a_workbook_without_sheets_is_a_finding(tmp_path: Path, part: str,
                                                change: Callable[[bytes], bytes],
                                                said: str) -> None:
    roster = _rewrite(_xlsx(tmp_path / "c.xlsx", [_row("X-1")]), part, change)
    assert f"{roster}:1:1: error: the workbook: {said}; it is damaged" in _refused(
        _bounded_import(roster, tmp_path / "out"), tmp_path / "out")


def _zip_entry(raw: bytes, part: str) -> int:
    """Where ``part``'s entry in the zip's directory starts."""
    entry = -1
    while True:
        entry = raw.index(b"PK\x01\x02", entry + 1)
        if raw[entry + 46:entry + 46 + len(part)] == part.encode():
            return entry


def test_a_zip_directory_naming_what_zipfile_cannot_unpack_is_said(tmp_path: Path) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [_row("X-1")])
    raw = bytearray(roster.read_bytes())
    entry = _zip_entry(bytes(raw), "xl/worksheets/sheet1.xml")
    raw[entry + 10:entry + 12] = (99).to_bytes(2, "little")  # a compression method no one has
    roster.write_bytes(raw)
    assert ("part xl/worksheets/sheet1.xml: cannot be unpacked (That compression method is not "
            "supported); the workbook is damaged") in _refused(
        _bounded_import(roster, tmp_path / "out"), tmp_path / "out")
    raw[entry + 6:entry + 8] = (99).to_bytes(2, "little")  # needs a version 9.9 of zip
    roster.write_bytes(raw)
    result = _bounded_import(roster, tmp_path / "out")
    assert result.returncode == 2
    assert f"{roster}: not an Excel workbook that can be read (zip file version 9.9)" \
        in result.stderr


# --- what a workbook hides, and values from outside it (issue 28, minor) --------------------

def test_a_hidden_sheet_that_is_read_is_said(tmp_path: Path, run) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [_row("H-1")])
    book = openpyxl.load_workbook(roster)
    visible = book.create_sheet("Visible")
    visible.append(HEADER)
    book.active.sheet_state = "hidden"  # the first sheet, read when no --sheet is given
    book.save(roster)
    result = _import(run, roster, tmp_path / "out", "--dry-run")
    assert result.exit_code == 0
    assert (f"{roster}:1:1: warning: row 1: the sheet 'Cohort', which was read, is hidden in the "
            "workbook; unhide it to check it") in result.output
    assert "[roster-hidden-sheet]" in result.output
    shown = _import(run, roster, tmp_path / "out", "--dry-run", "--sheet", "Visible")
    assert "roster-hidden-sheet" not in shown.output


def test_hidden_columns_that_hold_values_are_said(tmp_path: Path, run) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [_row("H-1"), _row("H-2")])
    book = openpyxl.load_workbook(roster)
    book.active.column_dimensions["C"].hidden = True
    book.active.column_dimensions.group("G", "Z", hidden=True)  # empty: nothing to say
    book.save(roster)
    result = _import(run, roster, tmp_path / "out", "--dry-run")
    assert result.exit_code == 0
    assert (f"{roster}:1:3: warning: row 1, column C (parties.client.email): is hidden in the "
            "workbook, and is imported like the others; unhide it to check it, or delete it if "
            "it should not be imported [roster-hidden-column]") in result.output
    assert result.output.count("roster-hidden-column") == 1


@pytest.mark.parametrize(("formula", "source"), [
    ('=WEBSERVICE("https://example.com/name")', "the internet, by WEBSERVICE"),
    ("=[1]Staff!B2", "another workbook, by a link"),
    ("='[1]Staff list'!B2", "another workbook, by a link"),
])
def test_a_value_from_outside_the_workbook_is_a_finding_at_its_cell(tmp_path: Path, run,
                                                                    formula: str,
                                                                    source: str) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [["E-1", formula, "e1@example.com", "2026-02-02",
                                          "2026-07-31"]])
    _with_cached_value(roster, "B2", "Client One")
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{roster}:2:2: error: row 2, column B: holds the formula {formula}, whose value came "
            f"from {source} when the workbook was last calculated; type the value, or replace "
            "the formula by its value (Copy, then Paste Special > Values) [roster-external-value]"
            ) in result.output
    assert not (tmp_path / "out").exists()


def test_a_link_written_inside_quotes_is_only_words(tmp_path: Path, run) -> None:
    roster = _xlsx(tmp_path / "c.xlsx", [["E-2", '="[1] WEBSERVICE(x)"', "e2@example.com",
                                          "2026-02-02", "2026-07-31"]])
    _with_cached_value(roster, "B2", "[1] WEBSERVICE(x)")
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert _written(tmp_path / "out", "E-2")["parties"]["client"]["name"] == "[1] WEBSERVICE(x)"

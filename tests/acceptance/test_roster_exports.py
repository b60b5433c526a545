"""Rosters as HR's Excel exports them (issue 26, item 3): the sample cohort's workbook saved as UK
and French Excel save a CSV (comma or semicolon, Windows-1252 or UTF-8 with a byte-order mark,
dd/mm/yyyy dates) and as Excel's "Unicode Text" (UTF-16, tab-separated) imports into the same
files as the workbook; dates are read in the order of the profile's locale or --date-order, and a
date that could be read two ways with nothing to decide it is a finding at its cell. The
--example workbook carries date formats and drop-down lists, read back as Excel reads them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest

from ..helpers import SAMPLES

COHORT = SAMPLES / "cohort"
PROFILE = COHORT / "profiles" / "harbour-vale-2026.json"  # extends harbour-vale.json: en-GB
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _cells(day_first: bool = True) -> list[list[str]]:
    """The sample roster's cells as Excel shows them to a UK user (or a US one): dates in the
    locale's short date, empty cells empty."""
    sheet = openpyxl.load_workbook(COHORT / "roster.xlsx").active
    shown = "%d/%m/%Y" if day_first else "%m/%d/%Y"
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if value is None else value.strftime(shown)
                     if isinstance(value, (dt.date, dt.datetime)) else str(value)
                     for value in row])
    return rows


def _export(rows: list[list[str]], separator: str) -> str:
    # Excel quotes a cell holding the separator, a quote or a line break, and ends lines CRLF.
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return text.getvalue()


def _exports() -> dict[str, bytes]:
    rows = _cells()
    found: dict[str, bytes] = {}
    for separator, name in ((",", "comma"), (";", "semicolon")):
        text = _export(rows, separator)
        # "CSV UTF-8": a byte-order mark; "CSV (Comma delimited)": the Windows code page, where
        # Excel writes ? for a letter the code page lacks.
        found[f"uk-{name}-utf8bom.csv"] = b"\xef\xbb\xbf" + text.encode("utf-8")
        found[f"uk-{name}-cp1252.csv"] = text.encode("cp1252", errors="replace")
    unicode_text = _export(rows, "\t")
    found["unicode-text-le.txt"] = b"\xff\xfe" + unicode_text.encode("utf-16-le")
    found["unicode-text-be.txt"] = b"\xfe\xff" + unicode_text.encode("utf-16-be")
    return found


def _import(run: Any, roster: Path, out: Path, *more: str) -> Any:
    return run("import", str(roster), "--profile", str(PROFILE), "--out", str(out), *more)


def _files(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("[!.]*.json"))}


def test_excel_s_exports_import_into_the_same_files_as_the_workbook(tmp_path: Path, run) -> None:
    expected_out = tmp_path / "xlsx"
    result = _import(run, COHORT / "roster.xlsx", expected_out)
    assert result.exit_code == 0, result.output
    expected = _files(expected_out)
    assert len(expected) == 5
    # The dates that could be read two ways are there: 09/02/2026 and 02/03/2026.
    assert b'"start": "2026-03-02"' in expected["HV-LC-2026-005.json"]
    for name, content in _exports().items():
        roster = tmp_path / name
        roster.write_bytes(content)
        out = tmp_path / name.replace(".", "-")
        result = _import(run, roster, out, "--strict")
        got = _files(out)
        if "cp1252" not in name:
            assert result.exit_code == 0, (name, result.output)
            assert got == expected, name
            continue
        # Windows-1252 has no ś: Excel wrote "Wi?niewski", which the import says at its cell;
        # every other file is the workbook's, accents (Díaz, Siobhán) included.
        assert result.exit_code == 1, (name, result.output)
        assert "read as Windows-1252" in result.output
        assert (f"{roster}:5:2: warning: row 5, column B (parties.client.name): 'Tomasz "
                "Wi?niewski' holds a ? between letters") in result.output
        assert {k: v for k, v in got.items() if k != "HV-LC-2026-004.json"} == {
            k: v for k, v in expected.items() if k != "HV-LC-2026-004.json"}, name
        assert (got["HV-LC-2026-004.json"].replace(b"Wi?niewski", "Wiśniewski".encode())
                == expected["HV-LC-2026-004.json"])


def test_a_question_mark_for_a_lost_letter_is_said_in_an_ascii_file(tmp_path: Path, run) -> None:
    """A roster whose only letter beyond ASCII was lost is plain ASCII: it reads as UTF-8, and
    the ? is still said (never in a "CSV UTF-8" file, which keeps every letter)."""
    rows = [["id", "parties.client.name", "parties.client.email", "dates.start"],
            ["Q-1", "Tomasz Wi?niewski", "q1@example.com", "2026-02-02"],
            ["Q-2", "Is it? Yes", "q2@example.com", "2026-02-02"]]
    roster = tmp_path / "ascii.csv"
    roster.write_bytes(_export(rows, ",").encode("ascii"))
    result = _import(run, roster, tmp_path / "out", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "row 2, column B (parties.client.name): 'Tomasz Wi?niewski' holds a ?" in result.output
    assert "row 3" not in result.output
    roster.write_bytes(b"\xef\xbb\xbf" + _export(rows, ",").encode("utf-8"))
    assert "holds a ?" not in _import(run, roster, tmp_path / "out", "--dry-run").output


def test_unicode_text_that_is_not_utf16_past_its_mark_is_a_usage_error(tmp_path: Path,
                                                                       run) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_bytes(b"\xff\xfe" + "id\tdates.start\r\n".encode("utf-16-le") + b"\x00\xdc\x00")
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 2
    assert result.output.strip().endswith(
        "starts as UTF-16 text (Excel's \"Unicode Text\") but is not UTF-16 from byte 34; save "
        "it again, or save it as \"CSV UTF-8\"")


def _roster(path: Path, *starts: str) -> Path:
    rows = [["id", "parties.client.name", "dates.start", "parties.client.email"]]
    rows += [[f"D-{n}", f"Client {n}", start, f"d{n}@example.com"]
             for n, start in enumerate(starts, 1)]
    path.write_bytes(_export(rows, ",").encode("utf-8"))
    return path


def _start(out: Path, ident: str) -> str:
    value: str = json.loads((out / f"{ident}.json").read_text(encoding="utf-8"))["dates"]["start"]
    return value


def test_dates_follow_the_profile_s_locale_unless_date_order_says(tmp_path: Path, run) -> None:
    roster = _roster(tmp_path / "r.csv", "02/03/2026", "2.3.2026", "2026/03/02", "2026-03-02")
    out = tmp_path / "gb"
    assert _import(run, roster, out).exit_code == 0
    assert [_start(out, f"D-{n}") for n in range(1, 5)] == ["2026-03-02"] * 4
    out = tmp_path / "us"
    assert _import(run, roster, out, "--date-order", "mdy").exit_code == 0
    assert [_start(out, f"D-{n}") for n in range(1, 5)] == ["2026-02-03"] * 2 + ["2026-03-02"] * 2


def test_a_date_against_the_order_says_which_order_and_what_to_do(tmp_path: Path, run) -> None:
    roster = _roster(tmp_path / "r.csv", "02/25/2026")
    result = _import(run, roster, tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{roster}:2:3: error: row 2, column C (dates.start): '02/25/2026' is no date read "
            "day first (dd/mm/yyyy), as the profile's locale en-GB writes dates day first "
            "(dd/mm/yyyy): 25 is no month; correct the cell, or give --date-order mdy if the "
            "roster writes dates month first [roster-cell]") in result.output
    assert _import(run, roster, tmp_path / "out", "--date-order", "mdy").exit_code == 0


def test_a_date_that_reads_two_ways_with_nothing_to_decide_is_a_finding(tmp_path: Path,
                                                                       run) -> None:
    # --date-order ymd says nothing of a year written last; nor do the roster's dates.
    roster = _roster(tmp_path / "r.csv", "02/03/2026", "05/05/2026")
    result = _import(run, roster, tmp_path / "out", "--date-order", "ymd")
    assert result.exit_code == 1
    assert (f"{roster}:2:3: error: row 2, column C (dates.start): '02/03/2026' could be 2 March "
            "2026 (day first) or 3 February 2026 (month first), and nothing decides it "
            "(--date-order ymd says nothing of a year written last); give --date-order dmy or "
            "--date-order mdy, or write the date as YYYY-MM-DD [roster-date-ambiguous]"
            ) in result.output
    assert "row 3" not in result.output  # 5 May either way
    # A date of the roster that reads one way only decides the others.
    roster = _roster(tmp_path / "r.csv", "02/03/2026", "25/03/2026")
    out = tmp_path / "out"
    assert _import(run, roster, out, "--date-order", "ymd").exit_code == 0
    assert _start(out, "D-1") == "2026-03-02"
    # Unless another reads one way only the other way round.
    roster = _roster(tmp_path / "r.csv", "02/03/2026", "25/03/2026", "03/25/2026")
    result = _import(run, roster, tmp_path / "out2", "--date-order", "ymd")
    assert result.exit_code == 1
    assert result.output.count("[roster-date-ambiguous]") == 3
    assert ("the roster writes dates both day first (row 3, column C: 25/03/2026) and month "
            "first (row 4, column C: 03/25/2026)") in result.output


def test_a_year_in_two_digits_is_a_finding(tmp_path: Path, run) -> None:
    result = _import(run, _roster(tmp_path / "r.csv", "02/03/26"), tmp_path / "out")
    assert result.exit_code == 1
    assert ("'02/03/26' has no year of four digits, so its century is a guess; format the "
            "column as a date with a four-digit year (dd/mm/yyyy), or write the date as "
            "YYYY-MM-DD [roster-cell]") in result.output


def test_the_example_workbook_has_date_formats_and_drop_down_lists(tmp_path: Path,
                                                                   run) -> None:
    profile = tmp_path / "profiles" / "programme.json"
    profile.parent.mkdir()
    profile.write_text('{"title": "Coaching programme"}', encoding="utf-8")
    target = tmp_path / "roster.xlsx"
    result = run("import", "--example", "--profile", str(profile), "-o", str(target))
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target).active
    header = {cell.value: cell.column_letter for cell in sheet[1]}
    lists = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    kind = lists[f"{header['kind']}2:{header['kind']}50000"]
    assert (kind.type, kind.formula1, kind.allow_blank, kind.showErrorMessage) == (
        "list", '"coaching,training,mentoring,membership"', True, True)
    basis = lists[f"{header['records.lawful_basis']}2:{header['records.lawful_basis']}50000"]
    assert basis.formula1 == ('"consent,contract,legal_obligation,vital_interests,public_task,'
                              'legitimate_interests"')
    yes_no = header["disclosure_procedure.consent_sought_first"]
    assert lists[f"{yes_no}2:{yes_no}50000"].formula1 == '"yes,no"'
    assert f"{header['id']}2:{header['id']}50000" not in lists
    for path in ("dates.start", "dates.agreed", "dates.end"):
        assert sheet.column_dimensions[header[path]].number_format == "yyyy-mm-dd", path
    assert sheet.column_dimensions[header["id"]].number_format == "General"
    # As Excel reads the file: the sheet's <dataValidation type="list"> rules, and each column's
    # style, whose cell format (styles.xml) names the number format yyyy-mm-dd.
    with zipfile.ZipFile(target) as package:
        xml = ElementTree.fromstring(package.read("xl/worksheets/sheet1.xml"))
        styles = ElementTree.fromstring(package.read("xl/styles.xml"))
    rules = {rule.get("sqref"): (rule.get("type"), rule.findtext(f"{MAIN}formula1"))
             for rule in xml.iter(f"{MAIN}dataValidation")}
    assert rules[f"{header['kind']}2:{header['kind']}50000"] == (
        "list", '"coaching,training,mentoring,membership"')
    assert len(rules) == len(lists)
    formats = {int(f.get("numFmtId", -1)): f.get("formatCode") for f in styles.iter(f"{MAIN}numFmt")}
    cell_formats = [int(xf.get("numFmtId", 0))
                    for xf in styles.find(f"{MAIN}cellXfs").iter(f"{MAIN}xf")]
    dated = {int(col.get("min")) for col in xml.iter(f"{MAIN}col")
             if formats.get(cell_formats[int(col.get("style", 0))]) == "yyyy-mm-dd"}
    assert dated == {openpyxl.utils.column_index_from_string(header[path])
                     for path in ("dates.start", "dates.agreed", "dates.end")}


def test_the_example_workbook_filled_in_excel_imports(tmp_path: Path, run) -> None:
    target = tmp_path / "roster.xlsx"
    assert run("import", "--example", "--profile", str(PROFILE), "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    row = {"id": "EX-1", "dates.start": dt.datetime(2026, 3, 2), "parties.client.name": "Client",
           "parties.client.email": "c@example.com"}
    sheet.append([row.get(path) for path in header])
    start = sheet.cell(row=2, column=header.index("dates.start") + 1)
    start.number_format = sheet.column_dimensions[start.column_letter].number_format
    book.save(target)
    out = tmp_path / "out"
    result = _import(run, target, out)
    assert result.exit_code == 0, result.output
    assert _start(out, "EX-1") == "2026-03-02"


@pytest.mark.parametrize(("locale", "order"), [
    ("en-GB", "dmy"), ("fr-FR", "dmy"), ("en-US", "mdy"), ("de-DE", "dmy"), ("ja-JP", "ymd"),
    ("en-IE", "dmy"), ("xx-ZZ", None)])
def test_the_order_of_a_locale_is_babel_s(locale: str, order: str | None) -> None:
    from confdocs.engagement.roster_dates import locale_order

    assert locale_order(locale) == order

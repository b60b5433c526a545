"""Rosters as Excel workbooks (.xlsx): formulas read by the values Excel saved with them, dates as
dates.

The workbook's package is checked first (``workbook_package``): every part unpacked within a cap,
every XML part well-formed and without a DTD, the sheet to be read within the rows and columns a
roster may use. Only then does openpyxl read it, in its streaming (read-only) mode: a sheet is
read row by row as it stands in the file, never as the rectangle its dimension declares, and
nothing in it (merged ranges, comments, links) makes cells of a whole range. Whatever openpyxl
still cannot read is a finding of the roster, never an internal error.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from .roster import Cell, Roster, RosterRefused, Row, check_place, column_letter, read_roster_bytes
from .workbook_package import (
    RESAVE,
    TRIM,
    SheetFacts,
    check_package,
    refused,
    sheet_parts,
    walk_sheet,
)

# What openpyxl raises on a part it cannot make sense of (a style that is not there, a number
# that is none, a shared text past the end of the list).
_UNREADABLE = (ValueError, KeyError, IndexError, TypeError, OverflowError, SyntaxError,
               OSError, zipfile.BadZipFile, zlib.error, EOFError)
# openpyxl's word for a date cell whose serial number is no date (after 31 December 9999).
_NOT_A_DATE = re.compile(r"Cell (\S+) is marked as a date but the serial value (\S+) is outside")
_STRING = re.compile(r'"(?:[^"]|"")*"')
# Where a formula's value comes from outside the workbook: another workbook ([1]Sheet1!A1, as the
# file writes a link), the internet, or another program.
_OUTSIDE = ((re.compile(r"\[\d+\]"), "another workbook, by a link"),
            (re.compile(r"\b(?:_xlfn\.)?WEBSERVICE\s*\(", re.IGNORECASE), "the internet, by WEBSERVICE"),
            (re.compile(r"\bRTD\s*\(", re.IGNORECASE), "another program, by RTD"))


def read_workbook(name: str, sheet: str | None) -> Roster:
    """The roster in sheet ``sheet`` (default: the first) of the workbook ``name``; a file that
    is no workbook at all, or has no such sheet, raises InputError (exit 2), and a workbook that
    is too large or damaged is a roster refused with a finding that says why."""
    raw = read_roster_bytes(name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"{name}: not an Excel workbook that can be read ({exc}); save it "
                         "again from Excel as .xlsx, or as CSV UTF-8") from None
    roster = Roster(name, "xlsx")
    with archive:
        try:
            check_package(archive)
            _read(roster, archive, raw, sheet)
        except RosterRefused as refusal:
            roster.refuse(refusal)
    return roster


def _read(roster: Roster, archive: zipfile.ZipFile, raw: bytes, sheet: str | None) -> None:
    book = _open(raw, data_only=True)
    try:
        names = book.sheetnames
        if not names:
            raise refused("roster-workbook-damaged", "the workbook",
                          f"holds no sheet that can be read; it is damaged: {RESAVE}")
        if sheet is not None and sheet not in names:
            raise InputError(f"{roster.name}: no sheet named {sheet!r}; its sheets are: "
                             f"{', '.join(names)}")
        chosen = sheet if sheet is not None else names[0]
        worksheet = book[chosen]
        if not hasattr(worksheet, "iter_rows"):
            raise InputError(f"{roster.name}: the sheet {chosen!r} is a chart; choose the sheet "
                             "of the roster with --sheet NAME")
        part = sheet_parts(archive).get(chosen)
        facts = walk_sheet(archive, part, chosen) if part is not None else None
        roster.date1904 = bool(getattr(book, "epoch", None) == _dt.datetime(1904, 1, 1))
        blanks = _read_cells(roster, worksheet, chosen)
        hidden = worksheet.sheet_state != "visible"
    finally:
        book.close()
    if facts is None or facts.formulas:
        _check_formulas(roster, raw, chosen, blanks)
    if facts is not None:
        _say_facts(roster, facts)
    if hidden:
        roster.add("roster-hidden-sheet", "warning", 1, 1, None,
                   f"the sheet {chosen!r}, which was read, is hidden in the workbook; unhide "
                   "it to check it (right-click a sheet's tab, Unhide), or choose another "
                   "with --sheet NAME")
    if len(names) > 1 and sheet is None:
        roster.add("roster-several-sheets", "warning", 1, 1, None,
                   f"the workbook has {len(names)} sheets ({', '.join(names)}); the first, "
                   f"{chosen!r}, was read. Choose another with --sheet NAME")


def _open(raw: bytes, data_only: bool) -> Any:
    """The workbook in openpyxl's streaming mode, without its links to other workbooks."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation and styles
            return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only,
                                          keep_links=False)
    except _UNREADABLE as exc:
        raise refused("roster-workbook-damaged", "the workbook",
                      f"cannot be read ({_reason(exc)}); it is damaged: {RESAVE}") from None


def _rows(worksheet: Any, title: str) -> Iterator[list[tuple[int, Any, str]]]:
    """Each row of ``worksheet`` from the first, as (column, value, number format) of each cell
    the file holds; a row the file leaves out is an empty list. openpyxl is asked to forget the
    dimension the sheet declares, which may lie either way: past it, rows would be left out."""
    worksheet.reset_dimensions()
    rows = worksheet.iter_rows()
    from openpyxl.cell.read_only import EmptyCell

    while True:
        try:
            cells = next(rows, None)
            if cells is None:
                return
            row = [(cell.column, cell.value, cell.number_format or "") for cell in cells
                   if not isinstance(cell, EmptyCell)]
        except _UNREADABLE as exc:
            raise refused("roster-workbook-damaged", f"sheet {title!r}",
                          f"cannot be read ({_reason(exc)}); the workbook is damaged: "
                          f"{RESAVE}") from None
        yield row


def _read_cells(roster: Roster, worksheet: Any, title: str) -> set[tuple[int, int]]:
    """Read the cells of ``worksheet`` into ``roster``; the places of those holding only spaces,
    which are not read, but are values (of a formula, say)."""
    values = 0
    blanks: set[tuple[int, int]] = set()
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        for number, cells in enumerate(_rows(worksheet, title), 1):
            serials = {m.group(1): m.group(2) for m in (_NOT_A_DATE.match(str(w.message))
                                                        for w in said) if m}
            said.clear()  # what openpyxl said of this row only
            row = Row(number, number)
            for column, value, number_format in cells:
                if value is not None:
                    values += 1
                check_place(number, column, values,
                            f"sheet {title!r}, cell {column_letter(column)}{number}", TRIM)
                serial = serials.get(f"{column_letter(column)}{number}")
                if serial is not None:
                    value = float(serial)  # the number, which convert says is no date
                if isinstance(value, str) and not value.strip():
                    blanks.add((number, column))
                if value is None or (number, column) in blanks:
                    continue
                row.cells[column] = Cell(value, number, column, number, number_format)
            if number == 1:
                roster.header = row.cells
            elif row.cells:
                roster.rows.append(row)
    return blanks


def _say_facts(roster: Roster, facts: SheetFacts) -> None:
    """The hidden rows and columns that hold something, and the merged ranges."""
    for row in roster.rows:
        if row.number in facts.hidden_rows:
            roster.add("roster-hidden-row", "warning", row.number, row.number, None,
                       "is hidden in the workbook, and is imported like the others; unhide "
                       "it to check it, or delete it if it should not be imported")
    used = set(roster.header).union(*(row.cells for row in roster.rows))
    for column in sorted(facts.hidden_columns & used):
        header = roster.header.get(column)
        roster.add("roster-hidden-column", "warning", 1, 1, column,
                   "is hidden in the workbook, and is imported like the others; unhide it to "
                   "check it, or delete it if it should not be imported",
                   str(header.value).strip() if header is not None else "")
    for reference, row_number, column in facts.merged:
        roster.add("roster-merged-cells", "error", row_number, row_number, column,
                   f"cells {reference} are merged, so the value stands in the first cell "
                   "only; unmerge them (Home > Merge & Center) and fill each cell")
    if facts.more_merged:
        roster.add("roster-merged-cells", "error", 1, 1, None,
                   f"and {facts.more_merged:,} more ranges of cells are merged; unmerge them "
                   "all (select the sheet, Home > Merge & Center > Unmerge Cells)")


def _check_formulas(roster: Roster, raw: bytes, chosen: str,
                    blanks: set[tuple[int, int]]) -> None:
    """A finding at each formula whose saved value is missing, or came from outside the
    workbook (another workbook, the internet, another program)."""
    valued = {row.number: row.cells for row in roster.rows}
    valued[1] = roster.header
    book = _open(raw, data_only=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, cells in enumerate(_rows(book[chosen], chosen), 1):
                for column, value, _ in cells:
                    formula = getattr(value, "text", value)  # an array formula's text
                    if isinstance(formula, str) and formula.startswith("="):
                        has_value = (column in valued.get(number, {})
                                     or (number, column) in blanks)
                        _check_formula(roster, number, column, formula, has_value)
    finally:
        book.close()


def _check_formula(roster: Roster, number: int, column: int, formula: str,
                   has_value: bool) -> None:
    outside = _outside(formula)
    if outside:
        roster.add("roster-external-value", "error", number, number, column,
                   f"holds the formula {formula}, whose value came from {outside} when the "
                   "workbook was last calculated; type the value, or replace the formula by "
                   "its value (Copy, then Paste Special > Values)")
    elif not has_value:
        roster.add("roster-formula-no-value", "error", number, number, column,
                   f"holds the formula {formula} but no value saved with it (the workbook was "
                   "written by a program that does not calculate); open it in Excel or "
                   "LibreOffice and save it again, or type the value")


def _outside(formula: str) -> str:
    """Where the value of ``formula`` comes from, if from outside the workbook ('' if not)."""
    code = _STRING.sub('""', formula)  # a link's words inside quotes are only words
    return next((where for pattern, where in _OUTSIDE if pattern.search(code)), "")


def _reason(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:200]

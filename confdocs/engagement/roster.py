"""Rosters: the spreadsheet HR already has, as CSV or an Excel workbook, read into cells that
know where they stand (row, column) so that every finding names the place a person sees.

CSV: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), or Windows-1252 (Excel's
"CSV (Comma delimited)", said in a warning); separated by commas, semicolons (Excel in locales
whose decimal mark is a comma) or tabs, whichever the header line uses. Workbooks (.xlsx) are read
with openpyxl: formulas by the values Excel saved with them, dates as dates.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding, InputError, Severity

MAX_ROSTER_BYTES = 50 * 1024 * 1024


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA: the column as a spreadsheet shows it."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Cell:
    """One non-empty cell: its value (text, number, bool, date or datetime) and place."""

    value: Any
    row: int  # as the spreadsheet shows it (the header is row 1)
    column: int  # 1-based
    line: int  # the line of the file (CSV: where the record starts; workbooks: the row)
    number_format: str = ""


@dataclass
class Row:
    number: int
    line: int
    cells: dict[int, Cell] = field(default_factory=dict)  # by column


@dataclass
class Roster:
    """What a roster holds: its header (by column), its rows, and what reading it found."""

    name: str
    kind: str  # "csv" or "xlsx"
    header: dict[int, Cell] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    date1904: bool = False

    def place(self, row: int, column: int | None, label: str = "") -> str:
        """How a person finds the place: "row 7, column C (parties.client.email)"."""
        if column is None:
            return f"row {row}"
        name = f" ({label})" if label else ""
        return f"row {row}, column {column_letter(column)}{name}"

    def add(self, code: str, severity: Severity, row: int, line: int, column: int | None,
            message: str, label: str = "") -> None:
        where = self.place(row, column, label)
        self.findings.append(Finding(self.name, line, column or 1, code, severity, "",
                                     f"{where}: {message}"))


def read_roster(name: str, sheet: str | None = None) -> Roster:
    """Read a roster; a file that cannot be read at all raises InputError (exit 2)."""
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(name, sheet)
    if lower.endswith(".xls"):
        raise InputError(f"{name}: an Excel 97-2003 workbook (.xls) cannot be read; in Excel, "
                         "use File > Save As > Excel Workbook (.xlsx), or save it as CSV UTF-8")
    if sheet is not None:
        raise InputError(f"{name}: --sheet is for Excel workbooks; a CSV file has one sheet")
    return _read_csv(name)


def read_roster_bytes(name: str) -> bytes:
    """The bytes of the roster at ``name``, read only if it is a regular file of no more than
    MAX_ROSTER_BYTES; InputError (exit 2) says why it is not read."""
    try:
        # Opened without waiting (a FIFO would block until a writer came, for ever), and read
        # only if it is a plain file: /dev/zero never ends.
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as handle:
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(status.st_mode):
                raise InputError(f"{name}: not a regular file (a pipe, a device or a socket); "
                                 "give the roster file (.csv or .xlsx)")
            if status.st_size > MAX_ROSTER_BYTES:
                raise _too_large(name)
            raw = handle.read(MAX_ROSTER_BYTES + 1)  # it may have grown since it was looked at
            if len(raw) > MAX_ROSTER_BYTES:
                raise _too_large(name)
            return raw
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder; give the roster file (.csv or .xlsx)") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def _too_large(name: str) -> InputError:
    return InputError(f"{name}: larger than the {MAX_ROSTER_BYTES // 1048576} MiB a roster may "
                      "be; is it a roster?")


def _delimiter(first_line: str) -> str:
    counts = {d: 0 for d in ",;\t"}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(name: str) -> Roster:
    raw = read_roster_bytes(name)
    roster = Roster(name, "csv")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # Excel's "CSV UTF-8" starts with a byte-order mark
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        roster.add("roster-encoding", "warning", 1, 1, None,
                   "the file is not UTF-8; it was read as Windows-1252, as Excel's \"CSV "
                   "(Comma delimited)\" writes it. Check names with accents, or save it as "
                   "\"CSV UTF-8\"")
    if "\0" in text:
        raise InputError(f"{name}: not a CSV file (it holds binary data); give a .csv or .xlsx "
                         "roster")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    line = 1
    try:
        for index, record in enumerate(reader, 1):
            start = line
            line = reader.line_num + 1
            row = Row(index, start)
            for column, value in enumerate(record, 1):
                if value.strip():
                    row.cells[column] = Cell(value, index, column, start)
            if index == 1:
                roster.header = row.cells
            elif row.cells:
                roster.rows.append(row)
    except csv.Error as exc:
        raise InputError(f"{name}:{line}: the CSV cannot be read ({exc}); check the quotes "
                         "on that line") from None
    return roster


def _read_xlsx(name: str, sheet: str | None) -> Roster:
    import warnings
    import zipfile

    raw = read_roster_bytes(name)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("reading .xlsx needs openpyxl: pip install openpyxl") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation and styles
            book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(f"{name}: not an Excel workbook that can be read ({exc}); save it "
                         "again from Excel as .xlsx, or as CSV UTF-8") from None
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise InputError(f"{name}: no sheet named {sheet!r}; its sheets are: "
                         f"{', '.join(names)}")
    chosen = sheet if sheet is not None else names[0]
    worksheet = book[chosen]
    roster = Roster(name, "xlsx")
    roster.date1904 = bool(getattr(book, "epoch", None) == _dt.datetime(1904, 1, 1))
    formulas = _formulas_without_values(raw, chosen, worksheet) if _has_formulas(raw) else {}
    for (row_number, column), formula in sorted(formulas.items()):
        roster.add("roster-formula-no-value", "error", row_number, row_number, column,
                   f"holds the formula {formula} but no value saved with it (the workbook was "
                   "written by a program that does not calculate); open it in Excel or "
                   "LibreOffice and save it again, or type the value")
    for cells in worksheet.iter_rows():
        row_number = cells[0].row if cells else 0
        row = Row(row_number, row_number)
        for cell in cells:
            value = cell.value
            if isinstance(value, str):
                if not value.strip():
                    continue
            elif value is None:
                continue
            row.cells[cell.column] = Cell(value, row_number, cell.column, row_number,
                                          cell.number_format or "")
        if row_number == 1:
            roster.header = row.cells
        elif row.cells:
            roster.rows.append(row)
            dimension = worksheet.row_dimensions.get(row_number)
            if dimension is not None and dimension.hidden:
                roster.add("roster-hidden-row", "warning", row_number, row_number, None,
                           "is hidden in the workbook, and is imported like the others; unhide "
                           "it to check it, or delete it if it should not be imported")
    for merged in worksheet.merged_cells.ranges:
        roster.add("roster-merged-cells", "error", merged.min_row, merged.min_row,
                   merged.min_col,
                   f"cells {merged.coord} are merged, so the value stands in the first cell "
                   "only; unmerge them (Home > Merge & Center) and fill each cell")
    if len(names) > 1 and sheet is None:
        roster.add("roster-several-sheets", "warning", 1, 1, None,
                   f"the workbook has {len(names)} sheets ({', '.join(names)}); the first, "
                   f"{chosen!r}, was read. Choose another with --sheet NAME")
    return roster


def _has_formulas(raw: bytes) -> bool:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            name = info.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml") \
                    and b"<f" in archive.read(info):
                return True
    return False


def _formulas_without_values(raw: bytes, chosen: str, values: Any) -> dict[tuple[int, int], str]:
    """The formula cells of the sheet whose saved value is missing."""
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=False)
    found = {}
    for cells in book[chosen].iter_rows():
        for cell in cells:
            if cell.data_type == "f" and values.cell(cell.row, cell.column).value is None:
                found[(cell.row, cell.column)] = str(cell.value)
    return found

"""Rosters: the spreadsheet HR already has, as CSV or an Excel workbook, read into cells that
know where they stand (row, column) so that every finding names the place a person sees.

CSV: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), UTF-16 with its byte-order
mark (Excel's "Unicode Text", tab-separated), or Windows-1252 (Excel's "CSV (Comma delimited)",
said in a warning); separated by commas, semicolons (Excel in locales whose decimal mark is a
comma) or tabs, whichever the header line uses. Workbooks (.xlsx) are read
by the ``workbook`` module. A roster past the limits below is refused with a finding, never read on.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding, InputError, Severity

# What a roster may be (docs/cohorts.md says it). A real roster is a few thousand rows and a few
# dozen columns; these limits are far past any HR export, and bound what reading one costs.
MAX_ROSTER_BYTES = 50 * 1024 * 1024  # the file, read only if it is a regular file
MAX_ROSTER_ROWS = 50_000  # the header's row included
MAX_ROSTER_COLUMNS = 702  # A to ZZ
MAX_ROSTER_VALUES = 1_000_000  # cells that hold something
# An .xlsx workbook is a zip of parts, which can unpack to a thousand times their size: each is
# unpacked with a cap on the bytes it really gives, whatever the zip's directory declares.
MAX_WORKBOOK_PARTS = 10_000
MAX_SHEET_PART_BYTES = 64 * 1024 * 1024  # a sheet's cells, read as a stream
MAX_SHARED_TEXT_BYTES = 16 * 1024 * 1024  # the text cells share, which openpyxl holds whole
MAX_PART_BYTES = 8 * 1024 * 1024  # any other XML part: styles, the workbook's list of sheets...
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all the parts together, pictures included


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA: the column as a spreadsheet shows it."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class RosterRefused(ValueError):
    """Why a roster is not read at all: a finding's code, where it stands (row 50,001; a
    workbook's sheet and cell, or part) and what is wrong and what to do; ``row`` and ``column``
    place it for programs."""

    def __init__(self, code: str, where: str, message: str, row: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.where = where
        self.row = row
        self.column = column


def check_place(row: int, column: int, values: int, where: str, advice: str,
                line: int | None = None) -> None:
    """RosterRefused when a cell holding something at ``row``, ``column`` (the ``values``-th so
    far; on ``line`` of the file, if not the row) is past the limits of a roster; ``where`` names
    the cell, ``advice`` says how to cut."""
    line = row if line is None else line
    if row > MAX_ROSTER_ROWS or column > MAX_ROSTER_COLUMNS:
        raise RosterRefused("roster-too-large", where,
                            f"is past the {MAX_ROSTER_ROWS:,} rows and the columns A to "
                            f"{column_letter(MAX_ROSTER_COLUMNS)} a roster may use, so nothing "
                            f"was read; {advice}", line, column)
    if values > MAX_ROSTER_VALUES:
        raise RosterRefused("roster-too-large", where,
                            f"is past the {MAX_ROSTER_VALUES:,} filled cells a roster may hold, "
                            f"so nothing was read; {advice}", line, column)


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
    refused: bool = False  # nothing of it was read: its findings say why

    def place(self, row: int, column: int | None, label: str = "") -> str:
        """How a person finds the place: "row 7, column C (parties.client.email)"."""
        if column is None:
            return f"row {row}"
        name = f" ({label})" if label else ""
        return f"row {row}, column {column_letter(column)}{name}"

    def add(self, code: str, severity: Severity, row: int, line: int, column: int | None,
            message: str, label: str = "") -> None:
        self.findings.append(self.finding(code, severity, row, line, column, message, label))

    def finding(self, code: str, severity: Severity, row: int, line: int, column: int | None,
                message: str, label: str = "") -> Finding:
        """A finding at a row and column of this roster (``label``: the column's heading)."""
        where = self.place(row, column, label)
        return Finding(self.name, line, column or 1, code, severity, "", f"{where}: {message}")

    def refuse(self, refusal: RosterRefused) -> None:
        """Read nothing of this roster, for the reason ``refusal`` gives."""
        self.header = {}
        self.rows = []
        self.refused = True
        self.findings.append(Finding(self.name, refusal.row, refusal.column, refusal.code,
                                     "error", "", f"{refusal.where}: {refusal}"))


def read_roster(name: str, sheet: str | None = None) -> Roster:
    """Read a roster; a file that cannot be read at all raises InputError (exit 2)."""
    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        from .workbook import read_workbook

        return read_workbook(name, sheet)
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


def _utf16_bom(raw: bytes) -> str:
    """The codec of UTF-16 text by its byte-order mark ("" if it has none)."""
    if raw.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if raw.startswith(b"\xfe\xff"):
        return "utf-16-be"
    return ""


def _read_csv(name: str) -> Roster:
    raw = read_roster_bytes(name)
    roster = Roster(name, "csv")
    utf16 = _utf16_bom(raw)
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]  # Excel's "CSV UTF-8" starts with a byte-order mark
    try:
        # Excel's "Unicode Text": UTF-16 with its byte-order mark, tab-separated.
        text = raw[2:].decode(utf16) if utf16 else raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if utf16:
            raise InputError(f"{name}: starts as UTF-16 text (Excel's \"Unicode Text\") but is "
                             f"not UTF-16 from byte {exc.start + 2:,}; save it again, or save it "
                             "as \"CSV UTF-8\"") from None
        text = raw.decode("cp1252", errors="replace")
        roster.add("roster-encoding", "warning", 1, 1, None,
                   "the file is not UTF-8; it was read as Windows-1252, as Excel's \"CSV "
                   "(Comma delimited)\" writes it. Check names with accents, or save it as "
                   "\"CSV UTF-8\"")
    if "\0" in text:
        raise InputError(f"{name}: not a CSV file (it holds binary data); give a .csv or .xlsx "
                         "roster, or Excel's \"Unicode Text\" (.txt) as Excel writes it")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    line = 1
    values = 0
    try:
        for index, record in enumerate(reader, 1):
            start = line
            line = reader.line_num + 1
            row = Row(index, start)
            for column, value in enumerate(record, 1):
                if value.strip():
                    values += 1
                    check_place(index, column, values, roster.place(index, column),
                                "is it a roster? Split it into rosters of fewer rows, or "
                                "delete the columns no field names", start)
                    row.cells[column] = Cell(value, index, column, start)
            if index == 1:
                roster.header = row.cells
            elif row.cells:
                roster.rows.append(row)
    except csv.Error as exc:
        raise InputError(f"{name}:{line}: the CSV cannot be read ({exc}); check the quotes "
                         "on that line") from None
    except RosterRefused as refusal:
        roster.refuse(refusal)
    if not utf16 and not bom:
        _say_lost_letters(roster)
    return roster


# A question mark between two letters: what Excel's "CSV (Comma delimited)" writes for a letter
# the Windows code page lacks (Wiśniewski becomes Wi?niewski), in a file that may then be ASCII.
_LOST_LETTER = re.compile(r"[^\W\d_]\?[^\W\d_]")


def _say_lost_letters(roster: Roster) -> None:
    for row in roster.rows:
        for column, cell in sorted(row.cells.items()):
            if isinstance(cell.value, str) and _LOST_LETTER.search(cell.value):
                heading = roster.header.get(column)
                roster.add("roster-encoding", "warning", row.number, cell.line, column,
                           f"{cell.value.strip()!r} holds a ? between letters, which Excel's "
                           "\"CSV (Comma delimited)\" writes for a letter its code page lacks "
                           "(ś, ł, ő...); correct the cell, or save the roster as \"CSV UTF-8\"",
                           str(heading.value).strip() if heading is not None else "")

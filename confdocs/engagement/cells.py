"""A roster's cells as engagement values: the header's cells as the fields they name, and a row's
cells as the values of those fields, with each problem (a cell Excel shows as an error, a word
that is no date or number, a column without a name) placed at its cell.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from .roster import Cell, Roster, Row, column_letter
from .roster_dates import DateProblem, DateReading, read_written, written_date
from .roster_fields import Field, fields, header_problem

EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                "#GETTING_DATA", "#SPILL!", "#CALC!"}
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")
# What a date written with the year last is read by when the import has not decided it.
UNDECIDED = DateReading(None, "no --date-order was given")


def _iso(value: _dt.date | _dt.datetime) -> str:
    return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()


def _serial_date(number: float, date1904: bool) -> str:
    epoch = _dt.date(1904, 1, 1) if date1904 else _dt.date(1899, 12, 30)
    try:
        return (epoch + _dt.timedelta(days=int(number))).isoformat()
    except (OverflowError, ValueError):  # past 9999-12-31, before year 1, infinite or NaN
        shown = int(number) if number == number and abs(number) < 1e15 else number
        raise CellError(f"{shown} is no date: as an Excel date serial number it falls outside "
                        "the years 1 to 9999; write the date as YYYY-MM-DD") from None


def cell_text(cell: Cell) -> str:
    """The cell as the text a person sees in it (a number with its leading zeros, a date as
    YYYY-MM-DD, a time as HH:MM)."""
    value = cell.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        zeros = cell.number_format
        if zeros and set(zeros) == {"0"} and len(zeros) > len(str(value)):
            return str(value).zfill(len(zeros))  # a number shown with leading zeros, kept
        return str(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return _iso(value)
    if isinstance(value, _dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


class CellError(ValueError):
    """A cell whose value its column's field cannot take; the message says what to do, and
    ``code`` is the finding's."""

    def __init__(self, message: str, code: str = "roster-cell") -> None:
        super().__init__(message)
        self.code = code


def convert(cell: Cell, column: Field, date1904: bool = False,
            dates: DateReading = UNDECIDED) -> Any:
    """The JSON value of ``cell`` for ``column`` (a date written as text read as ``dates``
    says); CellError says what is wrong and what to do."""
    value = cell.value
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise CellError(f"shows the error {value.strip()}; fix the formula, or type the value")
    kind = column.kind
    if kind == "date":
        if isinstance(value, (_dt.datetime, _dt.date)):
            return _iso(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _serial_date(value, date1904)  # an Excel date serial number
        text = cell_text(cell)
        if _SERIAL.match(text):
            return _serial_date(float(text), date1904)
        try:
            written = written_date(text)
            if written is None:
                return text  # not digits and separators: the schema check says what a date is
            return read_written(written, dates)
        except DateProblem as exc:
            raise CellError(str(exc), "roster-date-ambiguous" if exc.ambiguous
                            else "roster-cell") from None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        word = cell_text(cell).lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise CellError(f"{cell_text(cell)!r} is not true or false; write true, false, yes or no")
    if kind in ("integer", "number"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = value
        else:
            text = cell_text(cell).replace(" ", "")
            try:
                number = float(text.replace(",", ".")) if kind == "number" else int(text)
            except ValueError:
                raise CellError(f"{cell_text(cell)!r} is not a "
                                f"{'whole ' if kind == 'integer' else ''}number; write digits "
                                "only") from None
        if kind == "integer":
            if isinstance(number, float) and not number.is_integer():
                raise CellError(f"{number} is not a whole number")
            return int(number)
        return number
    if kind == "list":
        # One entry per line of the cell (Alt+Enter in Excel, a line break in a quoted CSV cell).
        return [line.strip() for line in cell_text(cell).splitlines() if line.strip()]
    return cell_text(cell)


def read_header(roster: Roster) -> dict[int, Field]:
    """The field each column of the header names, by column; a header cell that names none, or
    names one another column names too, is a finding of ``roster``, as is a header without id."""
    columns: dict[int, Field] = {}
    seen: dict[str, int] = {}
    known = fields()
    for index, cell in sorted(roster.header.items()):
        text = cell_text(cell)
        if text in seen:
            roster.add("roster-duplicate-column", "error", 1, cell.line, index,
                       f"{text} is also column {column_letter(seen[text])}; keep one of them",
                       text)
            continue
        seen[text] = index
        if text not in known:
            roster.add("roster-unknown-column", "error", 1, cell.line, index,
                       header_problem(text), text)
            continue
        columns[index] = known[text]
    if not roster.header:
        roster.add("roster-no-header", "error", 1, 1, None,
                   "the first row is empty; it must name the fields, such as id, "
                   "parties.client.name, parties.client.email, dates.start")
    elif "id" not in seen:
        roster.add("roster-no-id", "error", 1, 1, None,
                   "no column is named id; add one: each row's id names its engagement file "
                   "and its documents' folder")
    return columns


def written_dates(roster: Roster, columns: Mapping[int, Field]) -> list[tuple[str, str]]:
    """Each date cell of ``roster`` written as text, with its place ("row 5, column H"): what
    the roster's own dates say of their order."""
    found: list[tuple[str, str]] = []
    for row in roster.rows:
        for index, cell in sorted(row.cells.items()):
            column = columns.get(index)
            if column is not None and column.kind == "date" and isinstance(cell.value, str):
                found.append((cell.value, roster.place(row.number, index)))
    return found


class RowValues(NamedTuple):
    """What a row gives an engagement: its data, and the column each value came from, by the
    value's JSON pointer (/parties/client/email), to place a finding about it."""

    data: dict[str, Any]
    places: dict[str, int]


def read_row(roster: Roster, row: Row, columns: Mapping[int, Field],
             start: Mapping[str, Any], dates: DateReading = UNDECIDED) -> RowValues:
    """The values of ``row``'s cells, over ``start`` (dates written as text read as ``dates``
    says); a cell that cannot be read, or stands in a column without a name, is a finding of
    ``roster``, and an empty list is no value."""
    data: dict[str, Any] = dict(start)
    places: dict[str, int] = {}
    for index, cell in sorted(row.cells.items()):
        column = columns.get(index)
        if column is None:
            if index not in roster.header:
                roster.add("roster-cell-without-header", "error", row.number, cell.line,
                           index, "holds a value but its column has no name in row 1; "
                           "name the column or clear the cell")
            continue
        try:
            value = convert(cell, column, roster.date1904, dates)
        except CellError as exc:
            roster.add(exc.code, "error", row.number, cell.line, index, str(exc), column.path)
            continue
        if value == []:
            continue
        _set(data, column.path, value)
        places[column.pointer] = index
    return RowValues(data, places)


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value

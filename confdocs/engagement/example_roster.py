"""`confdocs import --example`: an empty roster whose header holds the columns a profile leaves
open, as a workbook (each column's description in a cell comment, dates formatted YYYY-MM-DD, a
drop-down list of the values a choice or yes/no column takes) or as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import InputError
from .roster import MAX_ROSTER_ROWS, column_letter
from .roster_fields import Field, open_columns

DATE_FORMAT = "yyyy-mm-dd"
# Excel keeps a drop-down list written in the rule itself to 255 characters, commas included.
_MAX_LIST = 255


def _choices(column: Field) -> list[str]:
    """The values a drop-down offers in ``column`` (none if they are free, or would not fit)."""
    if column.kind == "boolean":
        return ["yes", "no"]
    values = column.schema.get("enum")
    if column.kind != "string" or not isinstance(values, list):
        return []
    words = [str(value) for value in values]
    if any("," in word or '"' in word for word in words) or len(",".join(words)) > _MAX_LIST:
        return []
    return words


def _drop_down(column: Field, choices: list[str], letter: str) -> Any:
    """A list data validation on the cells below the header of column ``letter``: Excel shows
    the choices as a drop-down and refuses a value typed that is none of them."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                          allow_blank=True, showDropDown=False, showErrorMessage=True,
                          errorTitle=column.path, error="Choose one of: " + ", ".join(choices))
    rule.add(f"{letter}2:{letter}{MAX_ROSTER_ROWS}")
    return rule


def write_example(profile: str, target: str, *, replace: bool = False) -> list[Field]:
    """An empty roster whose header holds the columns ``profile`` leaves open: in a workbook
    each with its description as a cell comment; in CSV the header alone. An existing
    ``target`` is replaced only with ``replace``."""
    path = Path(target)
    if path.exists() and not replace:
        raise InputError(f"{target}: already exists; choose another -o, or add --force to "
                         "replace it with an empty roster")
    columns = open_columns(profile)
    if path.suffix.lower() == ".xlsx":
        import io

        from openpyxl import Workbook
        from openpyxl.comments import Comment
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Roster"
        for index, column in enumerate(columns, 1):
            cell = sheet.cell(row=1, column=index, value=column.path)
            cell.font = Font(bold=True)
            description = str(column.schema.get("description", ""))
            letter = column_letter(index)
            choices = _choices(column)
            if column.kind == "date":
                description += " Type a date; it is shown and read as YYYY-MM-DD."
                # A column style, which Excel gives each cell typed in the column: a date typed
                # the local way (02/03/2026 in the UK) is shown as it will be read.
                sheet.column_dimensions[letter].number_format = DATE_FORMAT
            elif column.kind == "list":
                description += " One entry per line of the cell (Alt+Enter)."
            elif column.kind == "boolean":
                description += " Choose yes or no."
            elif choices:
                description += " Choose one of: " + ", ".join(choices) + "."
            if choices:
                sheet.add_data_validation(_drop_down(column, choices, letter))
            cell.comment = Comment(description.strip(), "confdocs", width=320, height=140)
            sheet.column_dimensions[letter].width = max(18, len(column.path) + 2)
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        write_atomic(path, buffer.getvalue())
    elif path.suffix.lower() == ".csv":
        import csv
        import io

        text = io.StringIO(newline="")
        csv.writer(text).writerow([c.path for c in columns])
        write_atomic(path, ("\ufeff" + text.getvalue()).encode("utf-8"))
    else:
        raise InputError(f"{target}: write the example roster as .xlsx or .csv")
    return columns

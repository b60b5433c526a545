"""`confdocs import --example`: an empty roster whose header holds the columns a profile leaves
open, as a workbook (each column's description in a cell comment) or as CSV."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic
from ..errors import InputError
from .roster import column_letter
from .roster_fields import Field, open_columns


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
            if column.kind == "date":
                description += " Type a date; it is read as YYYY-MM-DD."
            elif column.kind == "list":
                description += " One entry per line of the cell (Alt+Enter)."
            elif column.kind == "boolean":
                description += " Write yes or no."
            cell.comment = Comment(description.strip(), "confdocs", width=320, height=140)
            sheet.column_dimensions[column_letter(index)].width = max(18, len(column.path) + 2)
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

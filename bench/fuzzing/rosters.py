"""Rosters: `confdocs import` of a mutated CSV or workbook."""


from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .common import (
    COHORT,
    FORMATS,
    NASTY_EMAILS,
    Content,
    Fifo,
    Folder,
    Link,
    MiB,
    Prepared,
    Sparse,
    Step,
    case_rng,
    flip,
    truncate,
    write_files,
)
from .profiles import PROG
from .zips import damage_zip, member, replace_member, unzip_members, zip_members

# --- rosters: `confdocs import` of a mutated CSV or workbook ------------------------------

ROSTER_HEADER = ["id", "parties.client.name", "parties.client.preferred_name",
                 "parties.client.email", "parties.client.job_title", "dates.start", "dates.end"]
FIRST = ["Amara", "Jonah", "Siobhán", "Tomasz", "Ana", "Kwame", "Zoë", "Łukasz", "Renée", "Li"]
LAST = ["Okafor", "Whitfield", "O'Connell", "Wiśniewski", "Díaz Moreno", "Mensah", "Nguyễn"]
JOBS = ["Depot Manager, Felixstowe", "Head of Fleet Safety", "Customer Operations Lead",
        "Chef d'équipe", "Head of \"Network\" Operations"]
CONTROL = ["\x00", "\x01", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
           "\ufffe", "\uffff", "\ud800", "\u202e", "\r", "\n", "\t", "\u200b"]


@dataclass
class RosterCase:
    rows: list[list[Any]]  # the header first
    name: str = "roster.csv"
    content: Content = b""
    options: list[str] = field(default_factory=list)


def _roster_rows(rng: random.Random, index: int, count: int) -> list[list[Any]]:
    rows: list[list[Any]] = [list(ROSTER_HEADER)]
    for number in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        start = dt.date(2026, 2, 2) + dt.timedelta(days=7 * rng.randrange(8))
        rows.append([f"R{index:05d}-{number}", f"{first} {last}",
                     first if rng.random() < 0.5 else "",
                     f"{first}.{last}{number}@example.org".lower().replace(" ", "").replace("'", ""),
                     rng.choice(JOBS), start, dt.date(2026, 9, 30)])
    return rows


def _text_rows(rows: list[list[Any]]) -> list[list[str]]:
    return [[v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else str(v) for v in row]
            for row in rows]


def _csv(rows: list[list[Any]], *, delimiter: str = ",", newline: str = "\r\n",
         encoding: str = "utf-8-sig", quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerows(
        _text_rows(rows))
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return buffer.getvalue().encode(encoding, errors)


def _roster_encoding(rng: random.Random, roster: RosterCase) -> str:
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le",
                           "utf-16-be", "utf-32", "mac_roman", "shift_jis", "utf-7"])
    delimiter = rng.choice([",", ";", "\t", "|"])
    newline = rng.choice(["\r\n", "\n", "\r"])
    roster.content = _csv(roster.rows, delimiter=delimiter, newline=newline, encoding=encoding)
    if rng.random() < 0.2:
        roster.content = b"\xef\xbb\xbf" + roster.content  # a BOM twice, or before UTF-16
    return f"{encoding}, separated by {delimiter!r}, lines ending {newline!r}"


def _roster_ragged(rng: random.Random, roster: RosterCase) -> str:
    said = []
    for row in roster.rows[1:]:
        change = rng.randrange(4)
        if change == 0:
            del row[rng.randrange(1, len(row)):]
            said.append("short")
        elif change == 1:
            row.extend(["extra"] * rng.randint(1, 30))
            said.append("long")
    rows = list(roster.rows)
    for _ in range(rng.randint(0, 3)):
        rows.insert(rng.randint(1, len(rows)), rng.choice([[], [""] * 7, [",,,,"], [" "]]))
    roster.content = _csv(rows, delimiter=rng.choice([",", ";"]))
    return "ragged rows: " + (", ".join(said) or "blank lines")


ODD_HEADERS = ["", " ", "ID", " id ", "Id", "id", "parties.client", "parties.client.name.first",
               "dates", "confidentiality.limits.0.id", "disclosures[0].id", "__proto__",
               "constructor", "extends", "$schema", "x" * 5000, "parties..client.name",
               ".id", "id.", "parties.client.email\n", "\ufeffid", "parties/client/name",
               "=HYPERLINK(\"x\")", "parties.client.name\0", "locale", "kind", "title"]


def _roster_header(rng: random.Random, roster: RosterCase) -> str:
    header = roster.rows[0]
    variant = rng.randrange(5)
    if variant == 0:
        column = rng.randrange(len(header))
        header[column] = rng.choice(ODD_HEADERS)
        said = f"column {column + 1} named {header[column]!r:.40}"
    elif variant == 1:
        header.append(rng.choice(header))
        for row in roster.rows[1:]:
            row.append(rng.choice(["x", "2026-01-01", ""]))
        said = f"column {header[-1]!r} twice"
    elif variant == 2:
        roster.rows = roster.rows[1:] or [["R1", "x"]]
        said = "no header row"
    elif variant == 3:
        roster.rows = [header]
        said = "a header and no row"
    else:
        header.extend(f"col{n}" for n in range(rng.choice([100, 20000])))
        said = f"{len(header)} columns"
    roster.content = _csv(roster.rows, delimiter=rng.choice([",", ";"]))
    return said


def _roster_control(rng: random.Random, roster: RosterCase) -> str:
    said = []
    for _ in range(rng.randint(1, 3)):
        row = rng.choice(roster.rows[1:] or roster.rows)
        column = rng.randrange(len(row))
        char = rng.choice(CONTROL)
        row[column] = f"{row[column]}{char}x" if rng.random() < 0.7 else char
        said.append(f"{char!r} in column {column + 1}")
    roster.content = _csv(roster.rows, encoding=rng.choice(["utf-8", "utf-8-sig", "utf-16"]))
    return ", ".join(said)


def _roster_huge(rng: random.Random, roster: RosterCase) -> str:
    variant = rng.randrange(5)
    if variant == 0:
        length = rng.choice([32767, 131072, 131073, 10**6, 5 * 10**6])
        column = rng.randrange(len(ROSTER_HEADER))
        roster.rows[1][column] = rng.choice(["x", "é", "😀", "a "]) * (length // 2 + 1)
        roster.content = _csv(roster.rows)
        return f"a cell of {length}+ characters in column {column + 1}"
    if variant == 1:
        count = rng.choice([500, 2000])
        roster.rows = _roster_rows(rng, int(roster.rows[1][0][1:6]), count)
        roster.options.append("--dry-run")  # checked, not written: a build of them would be long
        roster.content = _csv(roster.rows)
        return f"{count} rows (dry run)"
    if variant == 2:
        roster.content = Sparse(rng.choice([50 * MiB + 1, 1 << 30]), _csv(roster.rows))
        return "a file that says it is over 50 MiB"
    if variant == 3:
        size = rng.choice([49 * MiB, 20 * MiB])
        text = _csv(roster.rows[:2])
        roster.content = text + b"R9," + b"y" * (size - len(text)) + b"\r\n"
        return f"a last cell that fills the file to {size // MiB} MiB"
    roster.content = _csv(roster.rows) + b'"' + b"unterminated, " * 200000
    return "an unterminated quote with 2.8 MB after it"


def _roster_quotes(rng: random.Random, roster: RosterCase) -> str:
    text = _csv(roster.rows).decode("utf-8-sig")
    variant = rng.randrange(4)
    lines = text.split("\r\n")
    line = rng.randrange(1, max(2, len(lines) - 1))
    if variant == 0:
        spot = rng.randrange(len(lines[line]) + 1)
        lines[line] = lines[line][:spot] + '"' + lines[line][spot:]
        said = f"a stray quote on line {line + 1}"
    elif variant == 1:
        lines[line] = lines[line].replace(",", ',"', 1)
        said = f"a quoted field left open on line {line + 1}"
    elif variant == 2:
        lines[line] = '"' + lines[line].replace(",", '""x"",', 1) + '"'
        said = f"doubled quotes on line {line + 1}"
    else:
        lines[line] = lines[line].replace(",", ',"a\r\nb\rc\nd",', 1)
        said = f"line breaks in a quoted field on line {line + 1}"
    roster.content = "\r\n".join(lines).encode("utf-8")
    return said


ODD_CELLS = {
    0: ["R1", "CON", "../x", "a/b", "", "a" * 65, "x\n", " R1 ", "nul", "-x", "R00001-1"],
    1: ["", "=1+1", "@SUM(1)", "+cmd|' /C calc'!A0", "-1", "{{ 7*7 }}", "Ana\tDíaz", "😀" * 50],
    2: ["", "=A1", "null", "true"],
    3: [*NASTY_EMAILS, "", "=HYPERLINK(\"mailto:x@y.z\")", "a@example.org;b@example.org"],
    4: ["", "x" * 300, "{% for x in y %}", "</w:t>"],
    5: ["31/02/2026", "2026-02-30", "45000", "1e308", "99999999", "-1", "2026-02-02T10:00",
        "today", "２０２６-０２-０２", "2026-2-2", "0", "2958466", "1e10", "45000.5", "NaN",
        "9999-12-31", "0001-01-01", "10000-01-01", "2026-02-02\u200b"],
    6: ["2025-01-01", "", "2026-02-01", "01/02/2026", "2026-02-02 23:59", "9999-12-31"],
}


def _roster_values(rng: random.Random, roster: RosterCase) -> str:
    said = []
    for _ in range(rng.randint(1, 3)):
        column = rng.randrange(len(ROSTER_HEADER))
        row = rng.choice(roster.rows[1:])
        row[column] = rng.choice(ODD_CELLS[column])
        said.append(f"{ROSTER_HEADER[column]} = {row[column]!r:.30}")
    if rng.random() < 0.3 and len(roster.rows) > 2:
        roster.rows[2][0] = roster.rows[1][0]
        said.append("an id twice")
    roster.content = _csv(roster.rows)
    return ", ".join(said)


def _roster_bytes(rng: random.Random, roster: RosterCase) -> str:
    raw = _csv(roster.rows, encoding=rng.choice(["utf-8", "utf-16"]))
    if rng.random() < 0.5:
        roster.content = truncate(rng, raw)
        return "truncated"
    roster.content = flip(rng, raw)
    return "bytes flipped"


def _workbook(rows: list[list[Any]], prepare: Callable[[Any, Any], None] | None = None) -> bytes:
    """The rows as an .xlsx written by openpyxl, the same bytes on every run."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Roster"
    for row in rows:
        sheet.append(row)
    if prepare is not None:
        prepare(book, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    members = []
    for name, data in unzip_members(buffer.getvalue()):
        if name == "docProps/core.xml":  # openpyxl stamps the time it saved
            data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", data)
        members.append((name, data))
    return zip_members(members)


TYPED_CELLS: list[Any] = [
    dt.datetime(2026, 2, 2, 9, 30), dt.date(2026, 2, 2), dt.time(9, 30), dt.timedelta(days=3),
    45000, 45000.75, 2958465, 2958466, 10**7, -1, 0, 60, 1e308, -1e308, float("inf"),
    float("nan"), True, False, Decimal("2026.02"), 10**20, -10**20, "=1+1", "=DATE(2026,2,2)",
    "=HYPERLINK(\"http://127.0.0.1:9/\")", "=1/0", "=WEBSERVICE(\"http://127.0.0.1:9/\")",
    "='[other.xlsx]Sheet1'!A1", "#N/A", "#REF!", "", " ", "0042", dt.datetime(1900, 1, 1),
    dt.datetime(9999, 12, 31, 23, 59, 59), dt.datetime(1899, 12, 30), dt.date(1, 1, 1),
]
NUMBER_FORMATS = ["General", "0", "000000", "@", "yyyy-mm-dd", "dd/mm/yyyy", "[h]:mm",
                  "0.00E+00", "mm:ss", ";;;", "\"text\""]


def _xlsx_types(rng: random.Random, roster: RosterCase) -> str:
    said = []
    picks = []
    for _ in range(rng.randint(1, 3)):
        row = rng.randrange(2, len(roster.rows) + 1)
        column = rng.randrange(1, len(ROSTER_HEADER) + 1)
        value = rng.choice(TYPED_CELLS)
        number_format = rng.choice(NUMBER_FORMATS) if rng.random() < 0.4 else None
        error = rng.random() < 0.1
        picks.append((row, column, value, number_format, error))
        said.append(f"{ROSTER_HEADER[column - 1]} (row {row}) = {value!r:.30}"
                    + (f" as {number_format}" if number_format else "") + (" error" if error else ""))
    epoch = rng.random() < 0.15
    if epoch:
        said.append("the 1904 date system")

    def prepare(book: Any, sheet: Any) -> None:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        if epoch:
            book.epoch = CALENDAR_MAC_1904
        for row, column, value, number_format, error in picks:
            cell = sheet.cell(row=row, column=column)
            try:
                cell.value = value
            except (ValueError, TypeError, OverflowError):
                cell.value = str(value)
            if number_format:
                cell.number_format = number_format
            if error:
                cell.data_type = "e"

    try:
        roster.content = _workbook(roster.rows, prepare)
    except (ValueError, TypeError, OverflowError) as exc:  # openpyxl refused to write one
        roster.content = _workbook(roster.rows)
        said.append(f"(openpyxl would not write it: {type(exc).__name__})")
    roster.name = "roster.xlsx"
    return ", ".join(said)


FAR_CELLS = ["XFD1", "XFD2", "AAA50", "H100000", "A1048576", "XFD1048576", "A200000"]


def _xlsx_layout(rng: random.Random, roster: RosterCase) -> str:
    variant = rng.randrange(10)
    said = ""

    def prepare(book: Any, sheet: Any) -> None:
        nonlocal said
        if variant == 0:
            sheet.row_dimensions[2].hidden = True
            sheet.column_dimensions[rng.choice("ABCDEFG")].hidden = True
            said = "a hidden row and a hidden column"
        elif variant == 1:
            sheet.merge_cells(rng.choice(["B2:C2", "A2:A3", "A1:B1", "F2:G4"]))
            said = "merged cells"
        elif variant == 2:
            other = book.create_sheet(rng.choice(["Second", "Roster 2", "Ro'ster", "😀", "x" * 31]))
            other.append(["nothing"])
            if rng.random() < 0.5:
                book.move_sheet(other, offset=-1)
            if rng.random() < 0.5:
                roster.options.extend(["--sheet", rng.choice([other.title, "Roster", "nope", ""])])
            said = f"a second sheet {other.title!r}, options {roster.options}"
        elif variant == 3:
            sheet.insert_rows(1)
            said = "the header in row 2"
        elif variant == 4:
            where = rng.choice(FAR_CELLS)
            sheet[where] = rng.choice(["x", 1, ""])
            said = f"a value in {where}"
        elif variant == 5:
            sheet.delete_rows(1, sheet.max_row)
            said = "an empty sheet"
        elif variant == 6:
            from openpyxl.comments import Comment

            sheet["B2"].comment = Comment("a comment", "fuzz")
            sheet["B2"].hyperlink = "http://127.0.0.1:9/"
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = "A1:G3"
            said = "a comment, a hyperlink, frozen panes and a filter"
        elif variant == 7:
            sheet.sheet_state = "hidden"
            book.create_sheet("Visible").append(["id"])
            said = "the roster's sheet hidden"
        elif variant == 8:
            from openpyxl.worksheet.datavalidation import DataValidation

            validation = DataValidation(type="list", formula1='"a,b"')
            sheet.add_data_validation(validation)
            validation.add("B2:B5")
            said = "data validation"
        else:
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    if isinstance(cell.value, str) and rng.random() < 0.3:
                        from openpyxl.cell.rich_text import CellRichText, TextBlock
                        from openpyxl.cell.text import InlineFont

                        cell.value = CellRichText([TextBlock(InlineFont(b=True), cell.value[:2]),
                                                   cell.value[2:]])
            said = "rich text cells"

    roster.content = _workbook(roster.rows, prepare)
    roster.name = "roster.xlsx"
    return said


SHEET = "xl/worksheets/sheet1.xml"
BILLION_LAUGHS = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)) + "]>")
EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
EXTERNAL_DTD = '<!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">'


def after_declaration(text: str, insert: str) -> str:
    end = text.find("?>") + 2 if text.startswith("<?xml") else 0
    return text[:end] + insert + text[end:]


def _xlsx_xml(rng: random.Random, roster: RosterCase) -> str:
    members = unzip_members(_workbook(roster.rows))
    sheet = member(members, SHEET).decode()
    variant = rng.randrange(18)
    name = SHEET
    if variant == 0:
        char = rng.choice(["_x000B_", "_x0000_", "_x001B_", "_xD800_", "_x000b_", "_xFFFE_"])
        sheet = sheet.replace("</t></is>", f"{char}</t></is>", 2)
        said = f"{char} in two strings (Excel's escape)"
    elif variant == 1:
        char = rng.choice(["\x0b", "\x01", "\x00", "\ud800"])
        sheet = sheet.replace("</t></is>", f"{char}</t></is>", 1)
        said = f"a raw {char!r} in a string"
    elif variant == 2:
        sheet = after_declaration(sheet, BILLION_LAUGHS).replace("</t></is>", "&j;</t></is>", 1)
        said = "a billion laughs"
    elif variant == 3:
        sheet = after_declaration(sheet, EXTERNAL_ENTITY).replace("</t></is>", "&e;</t></is>", 1)
        said = "an external entity"
    elif variant == 4:
        sheet = after_declaration(sheet, EXTERNAL_DTD)
        said = "an external DTD"
    elif variant == 5:
        ref = rng.choice(["A1:XFD1048576", "A1:A1", "ZZZZ1", "", "A1:G99999999"])
        sheet = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>', sheet)
        said = f"dimension {ref!r}"
    elif variant == 6:
        ref = rng.choice(["XFE2", "A1048577", "A0", "AAAA2", "G99999999999", "-1", "", "2B"])
        sheet = re.sub(r'r="B2"', f'r="{ref}"', sheet, count=1)
        said = f"cell B2 says it is {ref!r}"
    elif variant == 7:
        kind, value = rng.choice([("s", "9999"), ("b", "2"), ("d", "not a date"),
                                  ("d", "99999-01-01"), ("n", "NaN"), ("n", "1e400"), ("n", "inf"),
                                  ("n", "abc"), ("e", "#N/A"), ("zz", "1"), ("str", "x" * 100)])
        sheet = re.sub(r'<c r="B2" t="inlineStr"><is><t>[^<]*</t></is></c>',
                       f'<c r="B2" t="{kind}"><v>{value}</v></c>', sheet, count=1)
        said = f"cell B2 of type {kind!r} holding {value!r:.20}"
    elif variant == 8:
        value = rng.choice(["1e10", "2958466", "-5", "3e6", "1e308", "1e-300", "45000.99999999"])
        sheet = re.sub(r'(<c r="F2" s="\d+" t="n"><v>)[^<]*(</v>)', rf"\g<1>{value}\2", sheet,
                       count=1)
        said = f"the date in F2 is the serial {value}"
    elif variant == 9:
        number = rng.choice(["0", "-1", "99999999999", "1048577", "x"])
        sheet = sheet.replace('<row r="2"', f'<row r="{number}"', 1)
        said = f"row 2 numbered {number!r}"
    elif variant == 10:
        sheet = sheet.replace('<c r="A2"', '<c r="A2" s="9999"', 1)
        said = "a style index out of range"
    elif variant == 11:
        sheet = sheet[:rng.randrange(len(sheet))]
        said = "the sheet truncated"
    elif variant == 12:
        sheet = sheet.replace("</row>", "", 1)
        said = "a row left open"
    elif variant == 13:
        length = rng.choice([10**6, 2 * 10**7])
        sheet = sheet.replace("</t></is>", "y" * length + "</t></is>", 1)
        said = f"a string of {length} characters"
    elif variant == 14:
        rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>R{n}</t></is></c></row>'
                       for n in range(100, 100 + rng.choice([10000, 200000])))
        sheet = sheet.replace("</sheetData>", rows + "</sheetData>")
        said = "many rows of ids alone"
    elif variant == 15:
        name = "xl/workbook.xml"
        book = member(members, name).decode()
        book = rng.choice([book.replace('r:id="rId1"', 'r:id="rId9"'),
                           book.replace("<workbookPr", '<workbookPr date1904="1"'),
                           book.replace("</sheets>", '<sheet name="Roster" sheetId="2" '
                                                     'r:id="rId1"/></sheets>'),
                           book[:len(book) // 2]])
        replace_member(members, name, book.encode())
        said = "the workbook's part damaged"
    elif variant == 16:
        name = "[Content_Types].xml"
        types = member(members, name).decode()
        replace_member(members, name, re.sub(r"<Override [^>]*worksheet[^>]*/>", "", types)
                        .encode())
        said = "the sheet's content type missing"
    else:
        name = "xl/styles.xml"
        styles = member(members, name).decode()
        replace_member(members, name, styles.replace("numFmtId=", "numFmtId=\"999\" x=", 1)
                        .encode())
        said = "the styles damaged"
    if name == SHEET:
        replace_member(members, SHEET, sheet.encode("utf-8", "surrogatepass"))
    roster.content = zip_members(members)
    roster.name = "roster.xlsx"
    return said


def _xlsx_zip(rng: random.Random, roster: RosterCase) -> str:
    members = unzip_members(_workbook(roster.rows))
    roster.content, said = damage_zip(rng, members, SHEET, b"</sheetData>")
    roster.name = "roster.xlsx"
    return said


def _roster_name(rng: random.Random, roster: RosterCase) -> str:
    """A roster under a name its reader is chosen by, wrongly or oddly."""
    variant = rng.randrange(6)
    if variant == 0:
        roster.content, roster.name = _workbook(roster.rows), "roster.csv"
        return "a workbook named .csv"
    if variant == 1:
        roster.content, roster.name = _csv(roster.rows), "roster.xlsx"
        return "a CSV named .xlsx"
    if variant == 2:
        roster.content, roster.name = _workbook(roster.rows), "roster.XLSM"
        return "a workbook named .XLSM"
    if variant == 3:
        roster.content, roster.name = Fifo(), "roster.csv"
        return "a FIFO"
    if variant == 4:
        roster.content = Link(rng.choice(["/dev/zero", "/dev/urandom", "/dev/stdin", "nowhere"]))
        roster.name = rng.choice(["roster.csv", "roster.xlsx"])
        return f"a link to {roster.content.target}"
    roster.content, roster.name = Folder(), "roster.csv"
    return "a folder"


# CSV and workbook mutations alike, each a slot of its own.
ROSTER_KINDS = [_roster_encoding, _xlsx_types, _roster_ragged, _xlsx_layout, _roster_header,
                _xlsx_xml, _roster_control, _xlsx_zip, _roster_huge, _xlsx_types,
                _roster_quotes, _xlsx_xml, _roster_values, _xlsx_zip, _roster_bytes,
                _roster_name]


def prepare_rosters(folder: Path, seed: int, cases: list[int]) -> Prepared:
    write_files(folder / "profiles", {p.name: p.read_bytes()
                                      for p in sorted((COHORT / "profiles").glob("*.json"))})
    (folder / "imported").mkdir(parents=True, exist_ok=True)
    about = {}
    steps = []
    for index in cases:
        rng = case_rng("rosters", seed, index)
        roster = RosterCase(_roster_rows(rng, index, rng.randint(1, 6)))
        mutation = ROSTER_KINDS[index % len(ROSTER_KINDS)]
        about[index] = f"{mutation.__name__[1:]}: {mutation(rng, roster)}"
        name = f"r{index:05d}/{roster.name}"
        write_files(folder, {name: roster.content})
        options = list(roster.options)
        if rng.random() < 0.15 and "--dry-run" not in options:
            options.append("--dry-run")
        if rng.random() < 0.15:
            options.append("--strict")
        steps.append(Step("import", ("import", name, "-p", PROG, "-o", f"imported/r{index:05d}",
                                     "--format", rng.choice(FORMATS), *options), (index,)))
    steps.append(Step("validate json", ("validate", "imported", "--format", "json"),
                      tuple(cases)))
    steps.append(Step("build", ("build", "imported", "--out", "out", "--format", "json", "-j",
                                "1", "-q"), tuple(cases), writes="out"))
    return Prepared(steps, about)

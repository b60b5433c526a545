"""A workbook's package, checked before openpyxl reads any of it (issue 28, item 5).

An .xlsx file is a zip of XML parts, and a few kilobytes of it can unpack to gigabytes, declare a
sheet of seventeen billion cells, or hold XML made to expand without end (a DTD's entities) or to
read other files (an external entity). So each part is first unpacked here, counting the bytes it
really gives, whatever size the zip's directory declares, and refused past a cap; each XML part is
parsed, and must be well-formed and declare no DTD, so that no entity is ever expanded by whatever
reads it next (openpyxl parses with the standard library or lxml); and the sheet to be read is
walked once, its cells and the dimension it declares within the rows and columns a roster may use.
The walk also gives what openpyxl's streaming reader does not: the merged cells, the hidden rows and
columns, and whether any cell holds a formula.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree
from xml.parsers import expat

from .roster import (
    MAX_PART_BYTES,
    MAX_ROSTER_COLUMNS,
    MAX_ROSTER_ROWS,
    MAX_SHARED_TEXT_BYTES,
    MAX_SHEET_PART_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_WORKBOOK_PARTS,
    RosterRefused,
    column_letter,
)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
# What the workbook part is, by its content type, as openpyxl finds it: .xlsx, .xlsm, .xltx, .xltm.
_WORKBOOK_TYPES = {
    f"application/vnd.{kind}.main+xml" for kind in (
        "openxmlformats-officedocument.spreadsheetml.sheet",
        "ms-excel.sheet.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.template.macroEnabled",
    )
}
# The first bytes of an XML part, in any encoding a parser could take it in (byte-order marks,
# UTF-16 and UCS-4 without one, EBCDIC's "<?xm"); a part starting otherwise is a picture or another
# binary part, which no XML parser reads past its first byte.
_XML_STARTS = (b"<", b" ", b"\t", b"\r", b"\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
               b"Lo\xa7\x94")
_CHUNK = 1 << 20
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_EXCEL_COLUMNS = 16384  # XFD, the last column Excel has
_MERGED_SAID = 100  # merged ranges said one by one; past them, how many more
# What to do, said after what is wrong.
TRIM = ("delete the rows below the roster and the columns to its right (select them, right-click, "
        "Delete; Ctrl+End shows where the sheet ends), save, and import again")
RESAVE = "open it in Excel or LibreOffice and save it again, or save it as CSV UTF-8"
_COPY = ("is it a roster? Copy the roster's cells into a new workbook and save that, or save the "
         "sheet as CSV UTF-8")


def refused(code: str, where: str, message: str, row: int = 1, column: int = 1) -> RosterRefused:
    """A workbook not read, for ``message`` at ``where`` (a part, or a sheet and a cell)."""
    return RosterRefused(code, where, message, row, column)


def check_package(archive: zipfile.ZipFile) -> None:
    """Unpack every part of ``archive`` with a cap, and parse every XML part; RosterRefused says
    which part is too large, cannot be unpacked, is not well-formed XML or declares a DTD."""
    members = archive.infolist()
    if len(members) > MAX_WORKBOOK_PARTS:
        raise refused("roster-workbook-too-large", "the workbook",
                      f"holds {len(members):,} parts, past the {MAX_WORKBOOK_PARTS:,} a roster's "
                      f"workbook may hold, so nothing was read; {_COPY}")
    unpacked = 0
    for member in members:
        unpacked += _check_part(archive, member, MAX_UNPACKED_BYTES - unpacked)


def _check_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo, room: int) -> int:
    """The bytes ``member`` unpacks to, counted as they come and never more than a cap past its
    kind's limit or the ``room`` the workbook has left; an XML part is parsed as it comes."""
    where = f"part {member.filename}"
    xml: _XmlPart | None = None
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                if size == 0 and chunk.startswith(_XML_STARTS):
                    xml = _XmlPart(where)
                size += len(chunk)
                if size > room:
                    raise refused("roster-workbook-too-large", where,
                                  f"takes the workbook past {MAX_UNPACKED_BYTES // 1048576} MiB "
                                  "unpacked, the limit for a roster's workbook, so nothing was "
                                  f"read; {_COPY}")
                if xml is not None:
                    xml.feed(chunk)  # a chunk at most past the cap, to learn what the part is
                    limit, what = _cap(xml.root)
                    if size > limit:
                        raise refused("roster-workbook-too-large", where,
                                      f"unpacks to more than {limit // 1048576} MiB, the limit "
                                      f"for {what} in a roster's workbook, so nothing was read; "
                                      f"{_COPY}")
        if xml is not None:
            xml.feed(b"", final=True)
    except RosterRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            OSError, ValueError) as exc:
        # A wrong checksum, a size the directory understates, a part's place past the file's
        # end, a method or a password zipfile does not know.
        raise refused("roster-workbook-damaged", where,
                      f"cannot be unpacked ({exc}); the workbook is damaged: {RESAVE}") from None
    return size


def _cap(root: str | None) -> tuple[int, str]:
    """The most an XML part may unpack to, by the name of its root element, and what it is: a
    sheet is read as a stream, but openpyxl holds the text cells share, and any other part, whole."""
    if root == "worksheet":
        return MAX_SHEET_PART_BYTES, "a sheet"
    if root == "sst":
        return MAX_SHARED_TEXT_BYTES, "the text its cells share"
    return MAX_PART_BYTES, "any other XML part"


class _XmlPart:
    """One XML part, parsed as it is unpacked: well-formed, without a DTD; its root's name."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.root: str | None = None
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start

    def feed(self, chunk: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            raise refused("roster-workbook-damaged", self.where,
                          f"is not well-formed XML (line {exc.lineno}, column {exc.offset + 1}: "
                          f"{expat.ErrorString(exc.code)}); the workbook is damaged: {RESAVE}"
                          ) from None

    def _doctype(self, *declaration: object) -> None:
        # No spreadsheet program writes a DTD; its entities could read another file or expand
        # to gigabytes in whatever parses the part next. Refused before any of them is read.
        raise refused("roster-workbook-dtd", self.where,
                      "declares a DTD (<!DOCTYPE ...>), which no spreadsheet program writes: its "
                      "entities could read other files or expand without end, so the workbook "
                      "was not read. Save the roster again from Excel or LibreOffice, or ask "
                      "whoever sent it")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.root = name.rpartition(" ")[2]
        self.parser.StartElementHandler = None  # the rest is only checked, at expat's speed


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """The part holding each sheet, by the sheet's name, found as openpyxl finds them (the
    workbook by its content type, its sheets by their relationships); empty if they cannot be
    found, which openpyxl will then say. The parts were checked: no DTD, no size past a cap."""
    try:
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        workbook = next(override.get("PartName", "") for override
                        in types.iter(f"{{{_CONTENT_TYPES}}}Override")
                        if override.get("ContentType") in _WORKBOOK_TYPES).lstrip("/")
        folder, base = posixpath.split(workbook)
        relationships = ElementTree.fromstring(
            archive.read(posixpath.join(folder, "_rels", f"{base}.rels")))
        sheets = ElementTree.fromstring(archive.read(workbook))
    except (KeyError, StopIteration, ElementTree.ParseError):
        return {}
    targets: dict[str | None, str] = {}
    for relationship in relationships.iter(f"{{{_PACKAGE_RELATIONSHIPS}}}Relationship"):
        target = relationship.get("Target", "")
        if relationship.get("TargetMode") != "External":
            targets[relationship.get("Id")] = (target[1:] if target.startswith("/") else
                                               posixpath.normpath(posixpath.join(folder, target)))
    parts: dict[str, str] = {}
    for sheet in sheets.iter(f"{{{_MAIN}}}sheet"):
        part = targets.get(sheet.get(f"{{{_RELATIONSHIP}}}id"))
        if part is not None:
            parts.setdefault(sheet.get("name", ""), part)
    return parts


@dataclass(frozen=True)
class SheetFacts:
    """What a walk of a sheet's XML tells that openpyxl's streaming reader does not: its merged
    ranges (the first of them, each with the row and column of its first cell, and how many
    more), its hidden rows and columns (within the limits of a roster), and whether a cell holds
    a formula."""

    merged: tuple[tuple[str, int, int], ...] = ()
    more_merged: int = 0
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    formulas: bool = False


def walk_sheet(archive: zipfile.ZipFile, part: str, title: str) -> SheetFacts:
    """The facts of the sheet ``title`` held in ``part``; RosterRefused for a cell, or a declared
    dimension, past the rows and columns a roster may use, or a cell reference that is none."""
    walk = _SheetWalk(title)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = walk.start
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise refused("roster-workbook-damaged", f"sheet {title!r}",
                      f"cannot be read ({exc}); the workbook is damaged: {RESAVE}") from None
    hidden = walk.hidden_columns
    return SheetFacts(tuple(walk.merged), walk.more_merged, frozenset(walk.hidden_rows),
                      frozenset(c for c in range(1, MAX_ROSTER_COLUMNS + 1) if hidden >> c & 1),
                      walk.formulas)


class _SheetWalk:
    """The handler of a sheet's elements, counting rows and cells without a reference as openpyxl
    does (the next row; the next cell of the row)."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.row = 0
        self.column = 0
        self.merged: list[tuple[str, int, int]] = []
        self.more_merged = 0
        self.hidden_rows: set[int] = set()
        self.hidden_columns = 0  # a bit per column
        self.formulas = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, tag = name.rpartition(" ")
        if namespace != _MAIN:
            return
        if tag == "c":
            self._cell(attributes.get("r"))
        elif tag == "row":
            self.row = self._number(attributes.get("r"), self.row + 1, "row")
            self.column = 0
            if attributes.get("hidden") in ("1", "true") and self.row <= MAX_ROSTER_ROWS:
                self.hidden_rows.add(self.row)
        elif tag == "f":
            self.formulas = True
        elif tag == "dimension":
            self._dimension(attributes.get("ref", ""))
        elif tag == "mergeCell":
            self._merged(attributes.get("ref", ""))
        elif tag == "col" and attributes.get("hidden") in ("1", "true"):
            first = max(self._number(attributes.get("min"), 1, "column"), 1)
            last = min(self._number(attributes.get("max"), first, "column"), MAX_ROSTER_COLUMNS)
            if first <= last:
                self.hidden_columns |= ((1 << (last - first + 1)) - 1) << first

    def _cell(self, reference: str | None) -> None:
        if reference:
            row, self.column = self._place(reference)
        else:
            row, self.column = self.row, self.column + 1
        if row > MAX_ROSTER_ROWS or self.column > MAX_ROSTER_COLUMNS:
            cell = f"{column_letter(self.column)}{row}"
            raise refused("roster-too-large", f"sheet {self.title!r}, cell {cell}",
                          f"is past the {MAX_ROSTER_ROWS:,} rows and the columns A to "
                          f"{column_letter(MAX_ROSTER_COLUMNS)} a roster may use, so nothing "
                          f"was read; {TRIM}", row, self.column)

    def _dimension(self, reference: str) -> None:
        corners = [self._place(corner) for corner in reference.split(":")]
        row = max(corner[0] for corner in corners)
        column = max(corner[1] for corner in corners)
        if row > MAX_ROSTER_ROWS or column > MAX_ROSTER_COLUMNS:
            raise refused("roster-too-large", f"sheet {self.title!r}",
                          f"declares that it reaches {reference} (its dimension), past the "
                          f"{MAX_ROSTER_ROWS:,} rows and the columns A to "
                          f"{column_letter(MAX_ROSTER_COLUMNS)} a roster may use, so nothing "
                          f"was read; {TRIM}")

    def _merged(self, reference: str) -> None:
        first, *_ = [self._place(corner) for corner in reference.split(":")]
        if len(self.merged) < _MERGED_SAID:
            self.merged.append((reference, *first))
        else:
            self.more_merged += 1

    def _place(self, reference: str) -> tuple[int, int]:
        """The row and column of a cell reference (A1, $B$2), as openpyxl reads it."""
        match = _CELL.fullmatch(reference)
        column = 0
        for letter in match.group(1).upper() if match else "":
            column = column * 26 + ord(letter) - 64
        if match is None or int(match.group(2)) < 1 or column > _EXCEL_COLUMNS:
            raise refused("roster-workbook-damaged", f"sheet {self.title!r}",
                          f"names a cell {reference[:40]!r}, which is no cell of a sheet; the "
                          f"workbook is damaged: {RESAVE}")
        return int(match.group(2)), column

    def _number(self, text: str | None, default: int, what: str) -> int:
        if text is None:
            return default
        if not text.isascii() or not text.isdigit() or len(text) > 9:
            raise refused("roster-workbook-damaged", f"sheet {self.title!r}",
                          f"numbers a {what} {text[:40]!r}, which is no {what} of a sheet; the "
                          f"workbook is damaged: {RESAVE}")
        return int(text)

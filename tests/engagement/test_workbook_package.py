"""A workbook's package checked before openpyxl reads it (confdocs/engagement/workbook_package.py):
parts counted by the bytes they really unpack to, capped by kind and together; XML parts
well-formed and without a DTD, whatever their encoding; a sheet walked as openpyxl counts its rows
and cells. The import's own cases, end to end, are in tests/acceptance/test_import_command.py."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from confdocs.engagement import workbook_package
from confdocs.engagement.roster import RosterRefused
from confdocs.engagement.workbook_package import (
    SheetFacts,
    check_package,
    sheet_parts,
    walk_sheet,
)

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(change: Callable[[dict[str, bytes]], None] | None = None) -> bytes:
    """A workbook as openpyxl writes it (a header and a row), its parts changed by ``change``."""
    book = openpyxl.Workbook()
    book.active.title = "Cohort"
    book.active.append(["id", "parties.client.name"])
    book.active.append(["W-1", "Client W-1"])
    written = io.BytesIO()
    book.save(written)
    with zipfile.ZipFile(written) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if change is not None:
        change(parts)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return packed.getvalue()


def _refusal(raw: bytes) -> RosterRefused:
    with pytest.raises(RosterRefused) as refused, zipfile.ZipFile(io.BytesIO(raw)) as archive:
        check_package(archive)
    return refused.value


def _declaring(raw: bytes, part: str, size: int) -> bytes:
    """``raw`` with the size ``part`` unpacks to, as its local header and the zip's directory
    declare it, set to ``size`` (its bytes and checksum left as they are)."""
    patched = bytearray(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        local = archive.getinfo(part).header_offset
    patched[local + 22:local + 26] = struct.pack("<L", size)
    name = part.encode()
    central = -1
    while True:  # the part's entry in the directory
        central = patched.index(b"PK\x01\x02", central + 1)
        if patched[central + 46:central + 46 + len(name)] == name:
            break
    patched[central + 24:central + 28] = struct.pack("<L", size)
    return bytes(patched)


def test_a_workbook_as_excel_programs_write_it_passes() -> None:
    raw = _workbook()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        check_package(archive)
        assert sheet_parts(archive) == {"Cohort": SHEET}
        assert walk_sheet(archive, SHEET, "Cohort") == SheetFacts()


def test_a_part_is_counted_by_the_bytes_it_unpacks_to_not_the_size_declared() -> None:
    def padded(parts: dict[str, bytes]) -> None:
        parts[SHEET] = parts[SHEET].replace(b"</sheetData>", b" " * (2 << 20) + b"</sheetData>")

    raw = _workbook(padded)
    # Declared smaller than it is: what is past the declared size is never unpacked, and the
    # part is damaged (its checksum is that of the whole).
    refusal = _refusal(_declaring(raw, SHEET, 100))
    assert refusal.code == "roster-workbook-damaged" and refusal.where == f"part {SHEET}"
    assert "cannot be unpacked (Bad CRC-32" in str(refusal)
    # Declared larger than it is (4 GiB): only what it really gives counts, and it passes.
    with zipfile.ZipFile(io.BytesIO(_declaring(raw, SHEET, 0xFFFF_FFF0))) as archive:
        assert archive.getinfo(SHEET).file_size == 0xFFFF_FFF0
        check_package(archive)


def test_each_kind_of_part_and_the_parts_together_have_a_cap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    shared = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              + b"<si><t>Client</t></si>" * 100 + b"</sst>")
    raw = _workbook(lambda parts: parts.update({"xl/media/image1.png": b"\x89PNG" + bytes(5000),
                                                "xl/sharedStrings.xml": shared}))
    monkeypatch.setattr(workbook_package, "MAX_PART_BYTES", 5000)  # the theme is larger
    refusal = _refusal(raw)
    assert (refusal.code, refusal.where) == ("roster-workbook-too-large",
                                             "part xl/theme/theme1.xml")
    assert "unpacks to more than 0 MiB, the limit for any other XML part in a roster's " \
        "workbook, so nothing was read; is it a roster?" in str(refusal)
    monkeypatch.setattr(workbook_package, "MAX_PART_BYTES", 1 << 20)
    monkeypatch.setattr(workbook_package, "MAX_SHEET_PART_BYTES", 500)
    refusal = _refusal(raw)
    assert refusal.where == f"part {SHEET}" and "the limit for a sheet in" in str(refusal)
    monkeypatch.setattr(workbook_package, "MAX_SHEET_PART_BYTES", 1 << 20)
    monkeypatch.setattr(workbook_package, "MAX_SHARED_TEXT_BYTES", 2000)  # it is 2,277 bytes
    refusal = _refusal(raw)
    assert refusal.where == "part xl/sharedStrings.xml"
    assert "the limit for the text its cells share in" in str(refusal)
    monkeypatch.setattr(workbook_package, "MAX_SHARED_TEXT_BYTES", 1 << 20)
    # A picture is no XML part, and counts only in the whole.
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        check_package(archive)
        whole = sum(len(archive.read(name)) for name in archive.namelist())
    monkeypatch.setattr(workbook_package, "MAX_UNPACKED_BYTES", whole - 1)
    refusal = _refusal(raw)
    assert "past 0 MiB unpacked, the limit for a roster's workbook" in str(refusal)
    monkeypatch.setattr(workbook_package, "MAX_UNPACKED_BYTES", 1 << 30)
    monkeypatch.setattr(workbook_package, "MAX_WORKBOOK_PARTS", 3)
    refusal = _refusal(raw)
    assert refusal.where == "the workbook" and "holds 11 parts, past the 3" in str(refusal)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_dtd_is_refused_in_any_part_and_encoding(encoding: str) -> None:
    def declared(parts: dict[str, bytes]) -> None:
        text = parts["docProps/app.xml"].decode("utf-8")
        parts["docProps/app.xml"] = (f'<?xml version="1.0" encoding="{encoding}"?>'
                                     '<!DOCTYPE Properties SYSTEM "http://example.com/x.dtd">'
                                     + text).encode(encoding)

    refusal = _refusal(_workbook(declared))
    assert (refusal.code, refusal.where) == ("roster-workbook-dtd", "part docProps/app.xml")


def test_xml_in_an_encoding_the_check_cannot_read_is_damaged() -> None:
    def ucs4(parts: dict[str, bytes]) -> None:
        parts["xl/styles.xml"] = parts["xl/styles.xml"].decode().encode("utf-32-le")

    refusal = _refusal(_workbook(ucs4))
    assert (refusal.code, refusal.where) == ("roster-workbook-damaged", "part xl/styles.xml")


def _walk(sheet_data: str) -> SheetFacts:
    def sheet(parts: dict[str, bytes]) -> None:
        head, rest = parts[SHEET].split(b"<sheetData>")
        parts[SHEET] = (head + f"<sheetData>{sheet_data}</sheetData>".encode()
                        + rest.split(b"</sheetData>")[1])

    with zipfile.ZipFile(io.BytesIO(_workbook(sheet))) as archive:
        return walk_sheet(archive, SHEET, "Cohort")


def test_rows_and_cells_without_a_reference_are_counted_as_openpyxl_counts_them() -> None:
    assert _walk('<row r="49999"/><row><c/></row>') == SheetFacts()  # A50000: the last row
    with pytest.raises(RosterRefused) as refused:
        _walk('<row r="49999"/><row/><row><c><v>1</v></c></row>')
    assert refused.value.where == "sheet 'Cohort', cell A50001"
    assert (refused.value.row, refused.value.column) == (50001, 1)
    with pytest.raises(RosterRefused) as refused:
        _walk('<row r="2"><c r="ZY2"/><c/><c/></row>')
    assert refused.value.where == "sheet 'Cohort', cell AAA2"


@pytest.mark.parametrize("sheet_data", ['<row r="x1"/>', '<row><c r="A0"/></row>',
                                        '<row><c r="XFE1"/></row>'])
def test_a_row_or_cell_numbered_as_no_sheet_numbers_them_is_damaged(sheet_data: str) -> None:
    with pytest.raises(RosterRefused) as refused:
        _walk(sheet_data)
    assert refused.value.code == "roster-workbook-damaged"


def test_the_walk_gives_merged_ranges_and_hidden_rows_and_columns() -> None:
    raw = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    for row in range(1, 5):
        sheet.append([f"v{row}", "x", "y", "=1+1"])
    sheet.merge_cells("B2:C3")
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["C"].hidden = True
    sheet.column_dimensions.group("ZX", "XFD", hidden=True)  # past ZZ: not kept
    book.save(raw)
    with zipfile.ZipFile(raw) as archive:
        facts = walk_sheet(archive, SHEET, "Sheet")
    assert facts == SheetFacts(merged=(("B2:C3", 2, 2),), hidden_rows=frozenset({3}),
                               hidden_columns=frozenset({3, 700, 701, 702}), formulas=True)


def test_merged_ranges_past_the_first_hundred_are_counted() -> None:
    ranges = "".join(f'<mergeCell ref="A{row}:B{row}"/>' for row in range(1, 151))

    def merged(parts: dict[str, bytes]) -> None:
        parts[SHEET] = parts[SHEET].replace(b"</sheetData>", b"</sheetData><mergeCells>"
                                            + ranges.encode() + b"</mergeCells>")

    with zipfile.ZipFile(io.BytesIO(_workbook(merged))) as archive:
        facts = walk_sheet(archive, SHEET, "Cohort")
    assert len(facts.merged) == 100 and facts.more_merged == 50
    assert facts.merged[-1] == ("A100:B100", 100, 1)


def test_parts_are_found_as_openpyxl_finds_them(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "First"
    book.create_sheet("Second wave")
    book.save(tmp_path / "two.xlsx")
    with zipfile.ZipFile(tmp_path / "two.xlsx") as archive:
        assert sheet_parts(archive) == {"First": "xl/worksheets/sheet1.xml",
                                        "Second wave": "xl/worksheets/sheet2.xml"}

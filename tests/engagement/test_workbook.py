"""Rosters as workbooks (confdocs/engagement/workbook.py), damaged at random: a seeded fuzz of
workbooks whose XML and whose zip are broken in small ways, each read as import reads it. None may
raise anything but InputError (exit 2): every other fault is a finding of the roster. The cases run
in a process of their own, allowed 1 GiB and two minutes, so that a case that explodes fails the
test, never the machine. The hand-made cases, end to end, are in
tests/acceptance/test_import_command.py."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import subprocess
import sys
import traceback
import warnings
import zipfile
from pathlib import Path

import pytest

from ..helpers import ROOT

# Attribute values and cell values a damaged or forged workbook may hold.
_ATTRIBUTES = [b'"999"', b'"e"', b'"d"', b'"b"', b'"s"', b'"str"', b'"inlineStr"', b'"A0"',
               b'"XFD1"', b'"-1"', b'"1e999"', b'""', b'"nan"', b'"ZZZ9"', b'"x"', b'"0"',
               b'"99999999999"', b'"A1:XFD1048576"', b'"true"', b'"B2:A1"']
_VALUES = [b"<v>nan</v>", b"<v>1e999</v>", b"<v>-1e308</v>", b"<v>junk</v>", b"<v>99999999</v>",
           b"<v></v>", b"<v>-5</v>", b"<v>2958466</v>", b"<v>1:2</v>"]
_PARTS = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml",
          "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]


def _roster() -> dict[str, bytes]:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cohort"
    sheet.append(["id", "parties.client.name", "parties.client.email", "dates.start",
                  "dates.end", "disclosure_procedure.notice_days", "records.special_category"])
    sheet.append(["HV-1", '="a"&"b"', "c@example.com", dt.datetime(2026, 2, 2), 46055, 5, True])
    sheet.append(["HV-2", "Client", "c@example.com", "2026-02-02", "2026-07-31", "7", "yes"])
    sheet["D3"].number_format = "yyyy-mm-dd"
    sheet.merge_cells("F4:G4")
    sheet.row_dimensions[3].hidden = True
    book.create_sheet("Other").append(["x"])
    written = io.BytesIO()
    book.save(written)
    with zipfile.ZipFile(written) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _damaged(parts: dict[str, bytes], chance: random.Random) -> bytes:
    """The workbook of ``parts`` with one part's XML, or the zip itself, broken a little."""
    parts = dict(parts)
    name = chance.choice(_PARTS)
    xml = parts[name]
    for _ in range(chance.randint(1, 4)):
        attributes = [m.span(1) for m in re.finditer(rb'=("[^"]*")', xml)]
        values = [m.span() for m in re.finditer(rb"<v>[^<]*</v>", xml)]
        tags = [m.span() for m in re.finditer(rb"<[a-zA-Z][^>]*/?>", xml)]
        kind = chance.random()
        if kind < 0.45 and attributes:
            start, end = chance.choice(attributes)
            xml = xml[:start] + chance.choice(_ATTRIBUTES) + xml[end:]
        elif kind < 0.65 and values:
            start, end = chance.choice(values)
            xml = xml[:start] + chance.choice(_VALUES) + xml[end:]
        elif kind < 0.8 and tags:
            start, end = chance.choice(tags)
            xml = xml[:start] + xml[end:]
        else:
            at = chance.randrange(len(xml))
            xml = xml[:at] + xml[at + chance.randint(1, 20):]
    parts[name] = xml
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    raw = bytearray(packed.getvalue())
    if chance.random() < 0.3:  # and the zip's own bytes
        for _ in range(chance.randint(1, 4)):
            raw[chance.randrange(len(raw))] = chance.randrange(256)
    return bytes(raw)


def fuzz(seed: int, count: int, folder: str) -> list[str]:
    """Read ``count`` damaged workbooks as import does; what each that raised raised."""
    from confdocs.engagement.cells import read_header, read_row
    from confdocs.engagement.roster import read_roster
    from confdocs.errors import InputError

    warnings.simplefilter("error")  # as the test suite runs
    parts = _roster()
    chance = random.Random(seed)
    faults = []
    for case in range(count):
        path = Path(folder) / f"case-{case}.xlsx"
        path.write_bytes(_damaged(parts, chance))
        try:
            roster = read_roster(str(path))
            columns = read_header(roster)
            for row in roster.rows:
                read_row(roster, row, columns, {})
        except InputError:
            continue
        except Exception:  # what the import would call an internal error
            faults.append(f"case {case}: {traceback.format_exc(limit=-3)}")
        path.unlink()
    return faults


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_damaged_workbooks_are_findings_never_internal_errors(tmp_path: Path) -> None:
    code = ("import json, resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from tests.engagement.test_workbook import fuzz\n"
            f"print(json.dumps(fuzz(28, 300, {str(tmp_path)!r})))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    faults = json.loads(done.stdout)
    assert faults == [], "\n".join(faults[:3])

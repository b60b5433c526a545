"""Write the sample cohort's rosters (samples/cohort/roster.csv and roster.xlsx) and import them.

The two rosters hold the same five coachees: the CSV as UK Excel's "CSV UTF-8" writes it (a
byte-order mark, dates as the UK writes them, dd/mm/yyyy, read day first since the profile's locale
is en-GB), the workbook with real date cells. Run from the repository:

    python tools/make_cohort.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from confdocs.cli import main

COHORT = Path(__file__).resolve().parent.parent / "samples" / "cohort"
HEADER = ["id", "parties.client.name", "parties.client.preferred_name", "parties.client.email",
          "parties.client.job_title", "parties.client.reports_to",
          "parties.practitioner.other_clients", "dates.start", "dates.end"]
# The coachees' line managers: the two depot managers report to Jonah Whitfield, who (like the
# other two) reports to the Chief Operating Officer, outside the cohort. Dr Okafor coaches all
# five, so Jonah's, Ana's and Tomasz's contracts disclose the conflict of interest; the profile
# says "same_organisation" for the other two.
COO = "marcus.bell@harbourvale.example.com"
JONAH = "jonah.whitfield@harbourvale.example.com"
LINE = "reporting_line"
ROWS = [
    ["HV-LC-2026-001", "Jonah Whitfield", "Jonah", JONAH, "Head of Network Operations", COO, LINE,
     dt.date(2026, 2, 2), dt.date(2026, 7, 31)],
    ["HV-LC-2026-002", "Ana Díaz Moreno", "Ana", "ana.diaz@harbourvale.example.com",
     "Depot Manager, Felixstowe", JONAH, LINE, dt.date(2026, 2, 9), dt.date(2026, 7, 31)],
    ["HV-LC-2026-003", "Siobhán O'Connell", "", "siobhan.oconnell@harbourvale.example.com",
     "Head of Fleet Safety", COO, "", dt.date(2026, 2, 9), dt.date(2026, 8, 28)],
    ["HV-LC-2026-004", "Tomasz Wiśniewski", "Tom", "tomasz.wisniewski@harbourvale.example.com",
     "Depot Manager, Immingham", JONAH, LINE, dt.date(2026, 2, 16), dt.date(2026, 7, 31)],
    ["HV-LC-2026-005", "Grace Mensah", "", "grace.mensah@harbourvale.example.com",
     "Customer Operations Lead", COO, "", dt.date(2026, 3, 2), dt.date(2026, 8, 28)],
]


def main_() -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in ROWS:
        writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in row])
    (COHORT / "roster.csv").write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cohort 2026"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in ROWS:
        sheet.append([v if v != "" else None for v in row])
    for cells in sheet.iter_rows(min_row=2, min_col=8, max_col=9):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    book.save(COHORT / "roster.xlsx")
    os.chdir(COHORT.parent.parent)  # the paths import records are the repository's
    code = main(["import", "samples/cohort/roster.xlsx", "--profile",
                 "samples/cohort/profiles/harbour-vale-2026.json", "--out",
                 "samples/cohort/engagements", "--force"])
    raise SystemExit(code)


if __name__ == "__main__":
    main_()

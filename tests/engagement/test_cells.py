"""A roster's cells converted to the values the schema wants (engagement.cells)."""

from __future__ import annotations

from typing import Any

import pytest

from confdocs.engagement.cells import CellError, convert
from confdocs.engagement.roster import Cell
from confdocs.engagement.roster_fields import fields


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("TRUE", True), ("yes", True), ("Yes", True),
    ("false", False), ("no", False), ("No ", False), (True, True), (False, False),
])
def test_booleans(text: Any, value: bool) -> None:
    column = fields()["records.special_category"]
    assert convert(Cell(text, 2, 1, 2), column) is value


@pytest.mark.parametrize(("serial", "shown"), [
    (3_000_000, "3000000"), (2_958_466.0, "2958466"), (-700_000, "-700000"),
    (float("inf"), "inf"), (float("nan"), "nan"), (1e300, "1e+300"),
])
def test_a_date_serial_no_calendar_holds_is_said_not_raised(serial: float, shown: str) -> None:
    column = fields()["dates.start"]
    for date1904 in (False, True):
        with pytest.raises(CellError) as said:
            convert(Cell(serial, 2, 4, 2), column, date1904)
        assert str(said.value) == (f"{shown} is no date: as an Excel date serial number it "
                                   "falls outside the years 1 to 9999; write the date as "
                                   "YYYY-MM-DD")
    assert convert(Cell(2_958_465, 2, 4, 2), column) == "9999-12-31"  # Excel's last date

"""A roster's cells converted to the values the schema wants (engagement.cells)."""

from __future__ import annotations

from typing import Any

import pytest

from confdocs.engagement.cells import convert
from confdocs.engagement.roster import Cell
from confdocs.engagement.roster_fields import fields


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("TRUE", True), ("yes", True), ("Yes", True),
    ("false", False), ("no", False), ("No ", False), (True, True), (False, False),
])
def test_booleans(text: Any, value: bool) -> None:
    column = fields()["records.special_category"]
    assert convert(Cell(text, 2, 1, 2), column) is value

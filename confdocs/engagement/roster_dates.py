"""Dates as a spreadsheet writes them in text: ``02/03/2026`` in a CSV saved by UK or French Excel,
``3/2/2026`` by American Excel, ``02.03.2026`` by German Excel, ``2026/03/02`` by Japanese Excel.

Which of the day and the month comes first is decided once for a whole roster (one Excel wrote
it), by the first of: ``--date-order``, the order in which the profile's ``locale`` writes a
short date (Babel's locale data: en-GB and fr-FR day first, en-US month first), the roster's own
dates (a ``25/02/2026`` can only be day first). A cell that could still be read two ways is a
finding at that cell, never a guess. A year written first (``2026-03-02``, ISO) is always year,
month, day.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Literal, NamedTuple, get_args

DateOrder = Literal["dmy", "mdy", "ymd"]
DATE_ORDERS: tuple[str, ...] = get_args(DateOrder)
_SHOWN = {"dmy": "day first (dd/mm/yyyy)", "mdy": "month first (mm/dd/yyyy)",
          "ymd": "year first (yyyy-mm-dd)"}
# Digits separated by /, . or - (the same twice), as Excel writes a short date in any locale;
# "2026. 03. 02." (Hungarian) has spaces and a closing dot.
_WRITTEN = re.compile(r"^(\d{1,4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,4})\.?$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


class DateProblem(ValueError):
    """A written date that gives no date (``ambiguous``: it gives two, and nothing decides)."""

    def __init__(self, message: str, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.ambiguous = ambiguous


class DateReading(NamedTuple):
    """How a roster's dates written with the year last are read: ``order`` ("dmy" or "mdy";
    None when nothing decides) and what decided it, said in a finding about a cell."""

    order: str | None
    decided_by: str
    mixed: bool = False  # the roster's own dates are written in both orders


class Written(NamedTuple):
    """A date written as three numbers, as the cell holds them (``first``, ``second``, the year)."""

    text: str
    year: int
    first: int  # the day or the month
    second: int  # the other
    year_first: bool

    def readings(self) -> dict[str, _dt.date]:
        """The dates it can be, by order ("dmy", "mdy" or "ymd")."""
        if self.year_first:
            found = {"ymd": _date(self.year, self.first, self.second)}
        else:
            found = {"dmy": _date(self.year, self.second, self.first),
                     "mdy": _date(self.year, self.first, self.second)}
        return {order: date for order, date in found.items() if date is not None}


def _date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def written_date(text: str) -> Written | None:
    """The three numbers of a date written as text, or None if ``text`` is not written so (it
    is then left to the schema check, which says what a date is); DateProblem for a year not
    written in four digits, which would be a guess at the century."""
    match = _WRITTEN.match(text.strip())
    if match is None:
        return None
    first, _, second, third = match.groups()
    if len(first) == 4:
        return Written(text, int(first), int(second), int(third), True)
    if len(third) == 4 and len(first) <= 2:
        return Written(text, int(third), int(first), int(second), False)
    raise DateProblem(f"{text!r} has no year of four digits, so its century is a guess; "
                      "format the column as a date with a four-digit year (dd/mm/yyyy), or "
                      "write the date as YYYY-MM-DD")


def locale_order(tag: str) -> str | None:
    """The order in which the locale ``tag`` (en-GB) writes a short date, from Babel's locale
    data: "dmy", "mdy" or "ymd"; None for a locale Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        pattern = Locale.parse(tag.replace("-", "_")).date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, TypeError, KeyError):
        return None
    pattern = re.sub(r"'[^']*'", "", pattern)  # quoted words are no part of the date
    places = {kind: pattern.find(letter) for kind, letter in (("d", "d"), ("m", "M"), ("y", "y"))}
    if -1 in places.values():
        return None
    order = "".join(sorted(places, key=lambda kind: places[kind]))
    return order if order in DATE_ORDERS else None


def decide_order(option: str | None, locale: str | None,
                 cells: Iterable[tuple[str, str]]) -> DateReading:
    """How the roster's dates written with the year last are read: by ``option``
    (--date-order), else by the profile's ``locale``, else by what the roster's own dates
    (``cells``: each written date and where it stands, "row 5, column H") allow."""
    if option in ("dmy", "mdy"):
        return DateReading(option, f"--date-order {option}")
    if option is None and locale:
        order = locale_order(locale)
        if order in ("dmy", "mdy"):
            return DateReading(order, f"the profile's locale {locale} writes dates {_SHOWN[order]}")
    allowed: dict[str, str] = {}  # the orders some cell allows alone, with the first such cell
    for text, where in cells:
        try:
            written = written_date(text)
        except DateProblem:
            continue
        if written is None or written.year_first:
            continue
        readings = written.readings()
        if len(readings) == 1:
            allowed.setdefault(next(iter(readings)), f"{where}: {text.strip()}")
    if len(allowed) == 1:
        order, where = next(iter(allowed.items()))
        return DateReading(order, f"the roster's own dates are written {_SHOWN[order]} ({where})")
    if len(allowed) == 2:
        return DateReading(None, f"the roster writes dates both day first ({allowed['dmy']}) and "
                                 f"month first ({allowed['mdy']})", mixed=True)
    said = f"--date-order {option} says nothing of a year written last" if option else (
        f"the profile's locale {locale} writes the year first" if locale and
        locale_order(locale) == "ymd" else "the profile has no locale")
    return DateReading(None, said)


def read_written(written: Written, reading: DateReading) -> str:
    """The date ``written`` as YYYY-MM-DD, read as ``reading`` says; DateProblem says why not
    and what to do."""
    readings = written.readings()
    text = written.text.strip()
    if written.year_first:
        # No date (2026-13-01): kept as written, for the schema check to say what a date is.
        return readings["ymd"].isoformat() if readings else text
    if len(readings) == 2 and readings["dmy"] == readings["mdy"]:
        return readings["dmy"].isoformat()  # 02/02/2026: the same date either way
    if reading.order is not None:
        date = readings.get(reading.order)
        if date is not None:
            return date.isoformat()
        other = "mdy" if reading.order == "dmy" else "dmy"
        month, day = ((written.second, written.first) if reading.order == "dmy"
                      else (written.first, written.second))
        hint = (f", or give --date-order {other} if the roster writes dates "
                f"{_SHOWN[other].split(' (')[0]}" if other in readings else "")
        raise DateProblem(f"{text!r} is no date read {_SHOWN[reading.order]}, as "
                          f"{reading.decided_by}: {_why_not(written.year, month, day)}; correct "
                          f"the cell{hint}")
    if not readings:
        raise DateProblem(f"{text!r} is no date, read day first or month first; correct the "
                          "cell, or write the date as YYYY-MM-DD")
    if len(readings) == 1 and not reading.mixed:
        return next(iter(readings.values())).isoformat()
    if len(readings) == 1:
        raise DateProblem(f"{text!r} is read one way only, but {reading.decided_by}; give "
                          "--date-order dmy or --date-order mdy, and correct the cells written "
                          "the other way", ambiguous=True)
    dmy, mdy = readings["dmy"], readings["mdy"]
    raise DateProblem(f"{text!r} could be {_long(dmy)} (day first) or {_long(mdy)} (month "
                      f"first), and nothing decides it ({reading.decided_by}); give "
                      "--date-order dmy or --date-order mdy, or write the date as YYYY-MM-DD",
                      ambiguous=True)


def _long(date: _dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def _why_not(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"{month} is no month"
    if year < 1:
        return "there is no year 0"
    return f"{_MONTHS[month - 1]} {year} has no day {day}"

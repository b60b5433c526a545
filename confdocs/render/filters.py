"""Jinja filters that write dates, times, lists and durations in the engagement's locale (Babel).

Each is bounded as Jinja's own are (see ``bounded_filters``), but in place, for speed: a contract
runs them a hundred times. A list is printed only if printing it fits what the rendering may still
make, and a copy of a value counts against it; a date, a time or a duration is a few characters.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.units import format_unit
from jinja2 import pass_context
from jinja2.runtime import Context

from .allowance import charge, refuse_printing


@cache
def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag.replace("-", "_"))


def _locale(context: Context) -> Locale:
    return babel_locale(_tag(context))


# Babel takes a tenth of a millisecond or more per call, and the same few dates and durations
# recur across a batch: each is formatted once per process.
@lru_cache(maxsize=4096)
def _format_date(tag: str, value: str, format: str) -> str:
    date = _dt.date.fromisoformat(value)
    text = format_date(date, format=format, locale=babel_locale(tag))
    if date.day == 1 and format != "short" and tag.split("-")[0].lower() == "fr":
        # French writes the first of the month as an ordinal: 1er octobre 2025 (CLDR has no
        # pattern for it, so Babel writes 1 octobre).
        text = re.sub(r"(?<!\d)1(?=[\s\u00a0\u202f])", "1er", text, count=1)
    return text


@lru_cache(maxsize=1024)
def _format_time(tag: str, value: str, format: str) -> str:
    return format_time(_dt.time.fromisoformat(value), format=format, locale=babel_locale(tag))


@lru_cache(maxsize=1024)
def _format_days(tag: str, value: int) -> str:
    return format_unit(value, "duration-day", length="long", locale=babel_locale(tag))


def _tag(context: Context) -> str:
    return str(context.get("locale") or "en-GB")


def _printed(context: Context, value: Any, what: str) -> str:
    """``str(value)``, once printing it is known to fit."""
    if value.__class__ is str:
        return value
    refuse_printing(context, value, what)
    return str(value)


@pass_context
def date_filter(context: Context, value: Any, format: str = "long") -> str:
    """'2026-11-20' -> '20 November 2026' (en-GB). format: short, medium, long or full."""
    text = (value.isoformat() if isinstance(value, _dt.date)
            else _printed(context, value, "the date filter"))
    return _format_date(_tag(context), text, format)


@pass_context
def time_filter(context: Context, value: Any, format: str = "short") -> str:
    """'14:30' -> '14:30' (en-GB) or '2:30 PM' (en-US)."""
    return _format_time(_tag(context), _printed(context, value, "the time filter"), format)


@pass_context
def and_list(context: Context, value: Iterable[Any]) -> str:
    """['A', 'B', 'C'] -> 'A, B and C'."""
    refuse_printing(context, value, "the and_list filter")
    return charge(context, format_list([str(item) for item in value],
                                       locale=_locale(context)), "the and_list filter")


@pass_context
def or_list(context: Context, value: Iterable[Any]) -> str:
    """['A', 'B', 'C'] -> 'A, B or C'."""
    refuse_printing(context, value, "the or_list filter")
    return charge(context, format_list([str(item) for item in value],
                                       style="or", locale=_locale(context)), "the or_list filter")


@pass_context
def days_filter(context: Context, value: int) -> str:
    """5 -> '5 days'; 1 -> '1 day'."""
    return _format_days(_tag(context), int(value))


@pass_context
def capfirst(context: Context, value: Any) -> str:
    """'the coach' -> 'The coach' (only the first letter changes)."""
    text = _printed(context, value, "the capfirst filter")
    return charge(context, text[:1].upper() + text[1:], "the capfirst filter")


@pass_context
def nobreak(context: Context, value: Any) -> str:
    """'+44 20 7946 0321' -> the same with no-break spaces, so a phone number is never split
    across two lines."""
    text = _printed(context, value, "the nobreak filter")
    return charge(context, text.replace(" ", "\u00a0"), "the nobreak filter")


# A text that already ends a sentence: its last stop (. ! ? or an ellipsis), then perhaps closing
# quotes and brackets, with the (no-break) spaces French sets before them (« Je viendrai. »).
_ENDED = re.compile(r"[.!?…](?:\s*[\"'’”»)\]])*$")


@pass_context
def sentence(context: Context, value: Any) -> str:
    """'I could not reach you' -> 'I could not reach you.' (a full stop only where the text does
    not already end a sentence), for free text followed by another sentence."""
    text = _printed(context, value, "the sentence filter").rstrip()
    if not text or _ENDED.search(text):
        return text
    return charge(context, text + ".", "the sentence filter")


FILTERS: dict[str, Callable[..., str]] = {
    "date": date_filter,
    "time": time_filter,
    # Not "list": that is Jinja's own filter, which templates may need (selectattr(...)|list).
    "and_list": and_list,
    "or_list": or_list,
    "days": days_filter,
    "capfirst": capfirst,
    "nobreak": nobreak,
    "sentence": sentence,
}

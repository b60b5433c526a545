"""What one rendering may make: every value a template's operators, methods and filters make is
counted, and a rendering that makes more than MAX_MADE characters or items in all is stopped.

Each operation is bounded on its own before it runs (see ``operations`` and
``bounded_filters``); the count bounds them together, so that a template cannot keep a million
values each within its bound (``{% if kept.append(' '.ljust(999999)) %}`` in a loop). The count
lives on the rendering's Jinja context, so that each rendering, and each rendering again to find
the place of an error, starts from nothing.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

from jinja2.runtime import Context
from jinja2.utils import Namespace

from .limits import MAX_MADE, refuse_size

_Made = TypeVar("_Made")

# What one entry of a dict or set is counted as: it takes some eight times a list item's memory.
ENTRY = 8
# What printing a value of a type not walked below may make, at most: the other objects a
# template can reach (a loop, a macro, a cycler, a function, a date) print in a line.
_OTHER = 200


class Rendering(Context):
    """The context of one rendering, with what it has made so far."""

    made = 0


def room(context: Any) -> int:
    """What the rendering of ``context`` may still make (all of it, outside a rendering)."""
    return MAX_MADE - context.made if isinstance(context, Rendering) else MAX_MADE


def size_of(value: Any) -> int:
    """What a value counts as: its characters or items; an entry of a dict or set counts as
    ENTRY; anything else (a number, a lazy range, a generator) as nothing."""
    if isinstance(value, (str, bytes, list, tuple)):
        return len(value)
    if isinstance(value, (dict, set, frozenset)):
        return ENTRY * len(value)
    return 0


def charge(context: Any, value: _Made, what: str = "the template") -> _Made:
    """Count ``value`` as made by the rendering of ``context``; raise when the rendering has made
    more than MAX_MADE in all. Returns ``value``."""
    count(context, size_of(value), what)
    return value


def count(context: Any, size: int, what: str = "the template") -> None:
    """Count ``size`` characters or items as made by the rendering of ``context``."""
    if size > 0 and isinstance(context, Rendering):
        context.made += size
        if context.made > MAX_MADE:
            raise OverflowError(
                f"the template makes more than {MAX_MADE:,} characters or items in all for "
                f"this part of the document ({what} went past them): text it repeats, pads, "
                "joins or copies, lists it fills; rendering was stopped")


def printed_size(value: Any, limit: int) -> int:
    """An upper bound on the length of ``value`` printed (its str, its repr or its JSON), worked
    out without printing it, and no further than just past ``limit``. A list can hold the same
    long text a million times over: printing it is where the memory would go."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            # Quoted and escaped inside a list or in JSON: \u0027 is six characters, and a
            # character beyond the BMP twelve (two escapes).
            total += len(item) * (6 if item.isascii() else 12) + 2
        elif isinstance(item, (bool, float)) or item is None:
            total += 24  # repr(-2.2250738585072014e-308), or None
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 2
        elif isinstance(item, (Mapping, KeysView, ValuesView, ItemsView)):
            pairs: Iterable[Any] = item.items() if isinstance(item, Mapping) else item
            total += 2
            for pair in pairs:
                stack.append(pair)
                total += 4
                if total > limit:
                    break
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            if total <= limit:
                stack.extend(item)
        elif isinstance(item, Namespace):
            total += 12
            stack.append(item._Namespace__attrs)  # what its repr prints
        else:
            total += _OTHER
    return total


def refuse_printing(context: Any, value: Any, what: str) -> None:
    """Raise if printing ``value`` (a list, a dict: not text, which prints as itself) would make
    more than the rendering of ``context`` may still make."""
    if value.__class__ is str or isinstance(value, (str, int, float)):
        return
    left = room(context)
    refuse_size(printed_size(value, left), what, left)

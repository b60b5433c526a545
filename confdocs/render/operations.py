"""What a template's operators and methods would make, worked out before they make it.

A few characters of template can ask for gigabytes: ``'x' * 10**9``, ``'x'.ljust(10**9)``,
``'%999999999s' % x``, ``'{:>999999999}'.format(x)``, ``sep.join(a_million_times_the_same)``.
Each operation that can make much more than it is given is checked here before it runs: a width
or repetition beyond MAX_REPEATED, or a result beyond what the rendering may still make (see
``allowance``), is an OverflowError, which rendering reports at the template's place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from itertools import islice
from typing import Any

from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from .allowance import ENTRY, printed_size, refuse_printing, room
from .limits import MAX_POWER_BITS, MAX_REPEATED, refuse_size, refuse_width

# A conversion of printf-style formatting ('%-20s', '%(name)s', '%*d', '%.2f'), as Python reads
# it; a mapping key may hold parentheses, matched in pairs, which a regular expression cannot
# follow, so the key is skipped by hand (see _printf_fields).
_PRINTF_REST = re.compile(r"[-+ #0]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?(.?)", re.S)
# A standard format specification: [[fill]align][sign][z][#][0][width][grouping][.precision][type].
_FORMAT_SPEC = re.compile(
    r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d*))?[bcdeEfFgGnosxX%]?", re.S)
_NUMBER = 500  # characters a float may format as: %f of 1e308 is 309 digits, with separators 411


def _number(digits: str) -> int:
    """A width or precision as written: one of more than nine digits is beyond any bound (and
    beyond what int() reads quickly)."""
    return int(digits) if len(digits) <= 9 else 10**9


def bounded_binop(context: Any, operator: str, left: Any, right: Any) -> None:
    """Raise if ``left operator right`` would make something beyond the bounds (checked before
    it is made)."""
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            if (isinstance(sequence, (str, bytes, list, tuple)) and isinstance(count, int)
                    and len(sequence) * count > MAX_REPEATED):
                raise OverflowError(f"a repetition in the template would make "
                                    f"{len(sequence) * count:,} characters or items, more than "
                                    f"the {MAX_REPEATED:,} allowed")
        if (isinstance(left, int) and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_POWER_BITS):
            raise OverflowError("a product in the template would make a number too large to "
                                "print")
    elif (operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0
          and abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS):
        raise OverflowError("a power in the template would make a number too large to print")
    elif operator == "+" and isinstance(left, (str, bytes, list, tuple)):
        if isinstance(right, (str, bytes, list, tuple)):
            refuse_size(len(left) + len(right), "a + in the template", room(context))
    elif operator == "%" and isinstance(left, (str, bytes)):
        left_room = room(context)
        refuse_size(printf_size(left, right, left_room), "a % in the template", left_room)


def printf_size(template: str | bytes, values: Any, limit: int) -> int:
    """An upper bound on the length of ``template % values``, counted no further than just past
    ``limit``. Raises for a width or precision beyond MAX_REPEATED."""
    text = template.decode("latin-1") if isinstance(template, bytes) else template
    positional = values if isinstance(values, tuple) else (values,)
    keyed = values if isinstance(values, Mapping) else None
    index = 0
    total = len(text)
    for key, width, precision in _printf_fields(text):
        sizes = []
        for asked in (width, precision):
            if asked == "*":
                star = positional[index] if index < len(positional) else 0
                index += 1
                sizes.append(abs(star) if isinstance(star, int) else 0)
            else:
                sizes.append(_number(asked) if asked else 0)
        refuse_width(max(sizes), f"the format {text[:40]!r}")
        if key is not None:
            value = keyed.get(key) if keyed is not None else None
        else:
            value = positional[index] if index < len(positional) else None
            index += 1
        total += sum(sizes) + _value_size(value, limit)
        if total > limit:
            break
    return total


def _printf_fields(text: str) -> list[tuple[str | None, str, str]]:
    """Each conversion of a printf-style format that takes a value: its mapping key, width and
    precision as written."""
    fields = []
    at = text.find("%")
    while at >= 0:
        at += 1
        if text.startswith("%", at):  # '%%' writes '%' and takes no value
            at = text.find("%", at + 1)
            continue
        key = None
        if text.startswith("(", at):
            depth, start = 1, at + 1
            at = start
            while at < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[at], 0)
                at += 1
            key = text[start:at - 1]
        match = _PRINTF_REST.match(text, at)
        assert match is not None  # every part of it is optional
        fields.append((key, match.group(1), match.group(2) or ""))
        at = text.find("%", match.end())
    return fields


def _value_size(value: Any, limit: int) -> int:
    """An upper bound on the length of ``value`` formatted (its width and precision apart)."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, int):  # its digits, with a separator for every three
        return value.bit_length() // 2 + _NUMBER
    if isinstance(value, float) or value is None:
        return _NUMBER
    return printed_size(value, limit)


class _Bounded:
    """A mixin for the sandbox's formatter (str.format and str.format_map): each field's width
    and precision is bounded, and the fields together by what one rendering may make."""

    made = 0

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:  # !r, !s, !a print the value here
            self.made += _value_size(value, MAX_REPEATED * 64)
            refuse_size(self.made, "a format() in the template", room(None))
        return super().convert_field(value, conversion)  # type: ignore[misc]

    def format_field(self, value: Any, format_spec: str) -> Any:
        match = _FORMAT_SPEC.fullmatch(format_spec)
        if match is not None:
            width, precision = (_number(group) if group else 0 for group in match.groups())
            refuse_width(max(width, precision), f"the format {{:{format_spec[:40]}}}")
            self.made += width + precision
        else:  # another type's own format (a date's strftime): at most a few times its length
            self.made += 12 * len(format_spec)
        self.made += _value_size(value, MAX_REPEATED * 64)
        refuse_size(self.made, "a format() in the template", room(None))
        return super().format_field(value, format_spec)  # type: ignore[misc]


class BoundedFormatter(_Bounded, SandboxedFormatter):
    """The sandbox's str.format, bounded."""


class BoundedEscapeFormatter(_Bounded, SandboxedEscapeFormatter):
    """The sandbox's Markup.format, bounded."""


def bounded_call(context: Any, method: Any, args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Raise if calling ``method`` (a method of a text, a list, a dict or a set) with ``args``
    would make more than the bounds allow; the arguments to call it with (an iterable it would
    read is read here, within the bounds, and handed on as a list)."""
    if method is generate_lorem_ipsum:
        paragraphs = argument(args, kwargs, 0, "n", 5)
        words = argument(args, kwargs, 3, "max", 100)
        for asked in (paragraphs, words):
            refuse_width(asked, "lipsum()")
        if isinstance(paragraphs, int) and isinstance(words, int):
            # A word of lorem ipsum is at most 15 letters and a space or comma.
            refuse_size(paragraphs * (words * 17 + 16), "lipsum()", room(context))
        return args
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if isinstance(owner, (str, bytes, list, tuple, dict, set)):
        for given in (*args, *kwargs.values()):  # list.index(x) prints x when it is not found
            refuse_printing(context, given, f"{name}()")
    if isinstance(owner, (str, bytes)):
        return _text_method(context, owner, name, args, kwargs)
    if isinstance(owner, list) and name == "extend" and args:
        items = read_items(context, args[0], f"{name}()")
        refuse_size(len(items), f"{name}()", room(context))
        return (items, *args[1:])
    if isinstance(owner, (dict, set)) and name in ("update", "fromkeys", "union") and args:
        sized = [arg for arg in args if hasattr(arg, "__len__")]
        refuse_size(ENTRY * sum(len(arg) for arg in sized), f"{name}()", room(context))
    return args


def argument(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str,
              default: Any) -> Any:
    """An argument given by position or by name."""
    return args[index] if len(args) > index else kwargs.get(name, default)


def _text_method(context: Any, text: str | bytes, name: str, args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> tuple[Any, ...]:
    what = f"{name}()"
    if name in ("ljust", "rjust", "center", "zfill") and args:
        refuse_width(args[0], what)
    elif name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        refuse_width(tabsize, what)
        if isinstance(tabsize, int):
            tab = "\t" if isinstance(text, str) else b"\t"
            refuse_size(len(text) + text.count(tab) * tabsize, what, room(context))  # type: ignore[arg-type]
    elif name == "join" and args:
        items = read_items(context, args[0], what)
        size = sum(len(item) for item in items if isinstance(item, (str, bytes)))
        refuse_size(size + len(text) * max(len(items) - 1, 0), what, room(context))
        return (items, *args[1:])
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        if isinstance(old, type(new)) and isinstance(new, (str, bytes)) and isinstance(count, int):
            times = text.count(old) if old else len(text) + 1
            if count >= 0:
                times = min(times, count)
            # Markup escapes what it puts in: & becomes &amp;, five characters.
            grown = 5 if isinstance(text, Markup) else 1
            refuse_size(len(text) + times * max(grown * len(new) - len(old), 0), what,
                        room(context))
    elif name == "translate" and args and isinstance(text, str):
        table = args[0]
        values = table.values() if isinstance(table, Mapping) else (
            table if isinstance(table, (list, tuple)) else ())
        longest = max((len(value) for value in values if isinstance(value, str)), default=1)
        refuse_size(len(text) * max(longest, 1), what, room(context))
    return args


def read_items(context: Any, iterable: Any, what: str) -> list[Any]:
    """The items of ``iterable`` as a list, read no further than the rendering's room: a join
    or an extend reads its whole iterable, which may be made as it is read."""
    if isinstance(iterable, list):
        return iterable
    left = room(context)
    items = list(islice(iterable, left + 1))
    refuse_size(len(items), what, left)
    return items


def concatenated(context: Any, join: Callable[[Any], str], values: tuple[Any, ...]) -> str:
    """``~`` in a template: the values printed one after the other, within the room."""
    left = room(context)
    size = 0
    for value in values:
        size += len(value) if isinstance(value, str) else printed_size(value, left)
        if size > left:
            refuse_size(size, "a ~ in the template", left)
    return join(values)

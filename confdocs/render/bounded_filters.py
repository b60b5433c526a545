"""Jinja's filters, and ours, bounded: a filter that can make much more than it is given (center,
indent, wordwrap, join, replace, format, batch, slice, sum, tojson, pprint, urlize) is checked
before it runs; any filter that prints a list or a dict checks what printing it would make; and
what every filter returns counts against what the rendering may make (see ``allowance``).

Each is wrapped to take the rendering's context, which also keeps Jinja from running a filter
on constants while it compiles a template (``{{ 'x'|center(10**9) }}`` would otherwise be made
then, by `templates check` and by the build).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import pass_context
from jinja2.filters import make_attrgetter
from jinja2.runtime import Context
from jinja2.utils import _PassArg

from .allowance import charge, printed_size, refuse_printing, room
from .limits import refuse_size, refuse_width
from .operations import argument, printf_size, read_items

Arguments = tuple[Any, tuple[Any, ...], dict[str, Any]]
Check = Callable[[Context, Any, tuple[Any, ...], dict[str, Any]], Arguments]

# Filters that take a list or a dict without printing it (what they make is a list of what they
# are given, a number, or one of their items), or that work out themselves what printing it would
# make. Any other filter prints its value: a list first has to fit.
_NOT_PRINTING = frozenset({
    "abs", "attr", "batch", "count", "d", "default", "dictsort", "first", "float", "groupby",
    "int", "items", "last", "length", "list", "map", "max", "min", "random", "reject",
    "rejectattr", "reverse", "round", "select", "selectattr", "slice", "sort", "unique",
    "join", "sum", "tojson", "pprint",
})


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _width_check(filter_name: str, parameter: str, default: int) -> Check:
    """The check of a filter whose first argument (``parameter``) says how much it makes."""

    def check(context: Context, value: Any, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Arguments:
        refuse_width(argument(args, kwargs, 0, parameter, default), f"the {filter_name} filter")
        return value, args, kwargs

    return check


def _indent(context: Context, value: Any, args: tuple[Any, ...],
            kwargs: dict[str, Any]) -> Arguments:
    width = argument(args, kwargs, 0, "width", 4)
    step = len(width) if isinstance(width, str) else width
    refuse_width(step, "the indent filter")
    if isinstance(step, int) and isinstance(value, str):
        lines = value.count("\n") + value.count("\r") + 2
        refuse_size(len(value) + lines * step, "the indent filter", room(context))
    return value, args, kwargs


def _wordwrap(context: Context, value: Any, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Arguments:
    wrap = argument(args, kwargs, 2, "wrapstring", None) or "\n"
    text = _text(value)
    # A line holds a character at least: as many breaks as characters, at worst.
    refuse_size(len(text) + (len(text) + 1) * len(_text(wrap)), "the wordwrap filter",
                room(context))
    return value, args, kwargs


def _join(context: Context, value: Any, args: tuple[Any, ...],
          kwargs: dict[str, Any]) -> Arguments:
    separator = _text(argument(args, kwargs, 0, "d", ""))
    attribute = argument(args, kwargs, 1, "attribute", None)
    items = read_items(context, value, "the join filter")
    if attribute is not None:
        get = make_attrgetter(context.environment, attribute)
        items = [get(item) for item in items]
    left = room(context)
    size = len(separator) * max(len(items) - 1, 0)
    for item in items:
        size += len(item) if isinstance(item, str) else printed_size(item, left)
        if size > left:
            break
    refuse_size(size, "the join filter", left)
    return items, (separator,), {}


def _replace(context: Context, value: Any, args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> Arguments:
    old, new = argument(args, kwargs, 0, "old", ""), argument(args, kwargs, 1, "new", "")
    count = argument(args, kwargs, 2, "count", None)
    text, old_text, new_text = _text(value), _text(old), _text(new)
    times = text.count(old_text) if old_text else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    # Escaped when markup is involved: & becomes &amp;, five characters.
    grown = 5 if hasattr(old, "__html__") or hasattr(new, "__html__") else 1
    refuse_size(grown * len(text) + times * max(grown * len(new_text) - len(old_text), 0),
                "the replace filter", room(context))
    return value, args, kwargs


def _format(context: Context, value: Any, args: tuple[Any, ...],
            kwargs: dict[str, Any]) -> Arguments:
    left = room(context)
    refuse_size(printf_size(_text(value), kwargs or args, left), "the format filter", left)
    return value, args, kwargs


def _sum(context: Context, value: Any, args: tuple[Any, ...],
         kwargs: dict[str, Any]) -> Arguments:
    attribute = argument(args, kwargs, 0, "attribute", None)
    start = argument(args, kwargs, 1, "start", 0)
    if not isinstance(start, (str, bytes, list, tuple)):
        return value, args, kwargs  # numbers: bounded where they are made
    items = read_items(context, value, "the sum filter")
    if attribute is not None:
        get = make_attrgetter(context.environment, attribute)
        items = [get(item) for item in items]
    size = len(start) + sum(len(item) for item in items if hasattr(item, "__len__"))
    refuse_size(size, "the sum filter", room(context))
    return items, (), {"start": start}


def _tojson(context: Context, value: Any, args: tuple[Any, ...],
            kwargs: dict[str, Any]) -> Arguments:
    indent = argument(args, kwargs, 0, "indent", None)
    step = len(indent) if isinstance(indent, str) else (indent or 0)
    refuse_width(step, "the tojson filter")
    left = room(context)
    size = printed_size(value, left)
    if isinstance(step, int) and step > 0 and size <= left:
        size += _nesting(value, left, keys=False) * step
    refuse_size(size, "the tojson filter", left)
    return value, args, kwargs


def _pprint(context: Context, value: Any, args: tuple[Any, ...],
            kwargs: dict[str, Any]) -> Arguments:
    left = room(context)
    size = printed_size(value, left)
    if size <= left:  # each item on a line of its own, indented as far as it is nested
        size += _nesting(value, left, keys=True)
    refuse_size(size, "the pprint filter", left)
    return value, args, kwargs


def _urlize(context: Context, value: Any, args: tuple[Any, ...],
            kwargs: dict[str, Any]) -> Arguments:
    text = _text(value)
    extra = sum(len(_text(argument(args, kwargs, index, name, None) or ""))
                for index, name in ((2, "target"), (3, "rel")))
    # Each word may become a link: <a href="..." rel="..." target="...">...</a>, escaped.
    refuse_size(6 * len(text) + (len(text.split()) + 1) * (64 + extra), "the urlize filter",
                room(context))
    return value, args, kwargs


def _sort(context: Context, value: Any, args: tuple[Any, ...],
          kwargs: dict[str, Any]) -> Arguments:
    if argument(args, kwargs, 1, "case_sensitive", False):
        return value, args, kwargs
    items = read_items(context, value, "the sort filter")
    _refuse_keys(context, items, argument(args, kwargs, 2, "attribute", None), None,
                 "the sort filter")
    return items, args, kwargs


def _groupby(context: Context, value: Any, args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> Arguments:
    if argument(args, kwargs, 2, "case_sensitive", False):
        return value, args, kwargs
    items = read_items(context, value, "the groupby filter")
    _refuse_keys(context, items, argument(args, kwargs, 0, "attribute", None),
                 argument(args, kwargs, 1, "default", None), "the groupby filter")
    return items, args, kwargs


def _dictsort(context: Context, value: Any, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Arguments:
    if argument(args, kwargs, 0, "case_sensitive", False) or not isinstance(value, Mapping):
        return value, args, kwargs
    by = argument(args, kwargs, 1, "by", "key")
    _refuse_keys(context, list(value if by == "key" else value.values()), None, None,
                 "the dictsort filter")
    return value, args, kwargs


def _refuse_keys(context: Context, items: list[Any], attribute: Any, default: Any,
                 what: str) -> None:
    """Sorting without regard to case keeps a lower-case copy of every item (or of the
    attribute it sorts by) until it is done: a list holding a long text a million times over
    would be copied a million times."""
    get = (make_attrgetter(context.environment, attribute, default=default)
           if attribute is not None else None)
    left = room(context)
    size = 0
    for item in items:
        key = get(item) if get is not None else item
        if isinstance(key, str):
            size += len(key)
            if size > left:
                break
    refuse_size(size, what, left)


def _nesting(value: Any, limit: int, *, keys: bool) -> int:
    """How far, in all, a pretty printer would indent the items of ``value`` if each were on a
    line of its own: its depth for JSON (times the indent), its column for pprint (depth and the
    keys it sits after). Counted no further than just past ``limit``."""
    total = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack and total <= limit:
        item, column = stack.pop()
        if isinstance(item, Mapping):
            for key, nested in item.items():
                inner = column + 1 + (printed_size(key, limit) + 2 if keys else 0)
                total += inner
                stack.append((nested, inner))
                if total > limit:
                    break
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += (column + 1) * len(item)
            if total <= limit:
                stack.extend((nested, column + 1) for nested in item)
    return total


_CHECKS: dict[str, Check] = {
    "center": _width_check("center", "width", 80), "indent": _indent, "wordwrap": _wordwrap, "join": _join,
    "replace": _replace, "format": _format, "batch": _width_check("batch", "linecount", 0),
    "slice": _width_check("slice", "slices", 0), "sum": _sum,
    "tojson": _tojson, "pprint": _pprint, "urlize": _urlize, "sort": _sort,
    "groupby": _groupby, "dictsort": _dictsort,
}


def bounded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter ``function``, registered as ``name``, checked before it runs and counted after."""
    check = _CHECKS.get(name)
    printing = name not in _NOT_PRINTING
    passes = _PassArg.from_obj(function)
    what = f"the {name} filter"

    @pass_context
    def filtered(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
        if printing:
            refuse_printing(context, value, what)
        for given in (*args, *kwargs.values()):  # a separator, a replacement: printed
            refuse_printing(context, given, what)
        if check is not None:
            value, args, kwargs = check(context, value, args, kwargs)
        if passes is _PassArg.context:
            made = function(context, value, *args, **kwargs)
        elif passes is _PassArg.eval_context:
            made = function(context.eval_ctx, value, *args, **kwargs)
        elif passes is _PassArg.environment:
            made = function(context.environment, value, *args, **kwargs)
        else:
            made = function(value, *args, **kwargs)
        return charge(context, made, what)

    filtered.__name__ = filtered.__qualname__ = name
    filtered.__doc__ = function.__doc__
    return filtered


def bounded_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter of ``filters``, bounded."""
    return {name: bounded(name, function) for name, function in filters.items()}


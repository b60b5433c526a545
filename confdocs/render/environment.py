"""The one Jinja environment every template is compiled in: sandboxed, autoescaping, strict,
bounded.

Many people edit the templates, so they run in Jinja's sandbox. Autoescaping is always on, because
the template text is Word XML: "Smith & Co <Europe>" must reach the document literally. A field that
does not exist is an error naming it, never a blank. What a template's operators, methods and
filters make is bounded before they make it, and counted (see ``limits``).
"""

from __future__ import annotations

import difflib
import reprlib
import types
from collections.abc import Callable, Sequence
from functools import cache, update_wrapper
from itertools import chain
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing
from markupsafe import Markup

from .allowance import ENTRY, Rendering, charge, count, refuse_printing
from .bounded_filters import bounded_filters
from .context import Fields
from .extras import placeholders
from .filters import FILTERS
from .names import seen
from .operations import (
    BoundedEscapeFormatter,
    BoundedFormatter,
    bounded_binop,
    bounded_call,
    concatenated,
)


@cache
def top_level() -> tuple[str, ...]:
    """What a template of any kind may name at the top level (``names``), for suggestions when
    a name is misspelt: the environment does not know which kind of document it renders."""
    return tuple(dict.fromkeys(chain(seen("notice"), seen("decision"))))


class FieldUndefined(StrictUndefined):
    """A field that does not exist: the error names it in full (parties.client.nmae)."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        name = self._undefined_name
        owner = self._undefined_obj
        known: Sequence[str]
        # A key a template made may be a tuple of a million long texts: said shortened.
        said = reprlib.repr(name)
        if owner is missing or owner is None:  # a name at the top level
            where, known = str(name), top_level()
        elif isinstance(owner, Fields):
            where = f"{owner.path}.{name}" if isinstance(name, str) else f"{owner.path}[{said}]"
            known = list(owner)
        else:
            where, known = f"{said} of a {type(owner).__name__}", []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6) if isinstance(
            name, str) else []
        hint = f"; did you mean {close[0]}?" if close else " (see docs/fields.md)"
        return f"no field {where}{hint}"


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    if value is None:
        raise ValueError("a value printed is empty (null)")
    if value.__class__ is not str:  # a list printed may be a million times the same text
        refuse_printing(context, value, "printing this value")
    return value


class _Collected(list[Any]):
    """What a macro, a {% set %} block or a {% filter %} block collects before it is joined,
    counted as it grows (what a template prints at the top is bounded as the part grows)."""

    __slots__ = ("context",)

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    def append(self, piece: Any) -> None:
        charge(self.context, piece, "a macro or block")
        super().append(piece)

    def extend(self, pieces: Any) -> None:
        pieces = tuple(pieces)
        count(self.context, sum(len(piece) for piece in pieces if isinstance(piece, str)),
              "a macro or block")
        super().extend(pieces)


class _Generator(CodeGenerator):
    """Jinja's code generator, sending to the environment the ways of making text the sandbox
    does not see: ``~``, slices, and what macros and blocks collect."""

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.collected(context)")

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:  # as Jinja chooses
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.concatenated(context, {join}, (")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")

    @optimizeconst
    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        self.write("environment.sliced(context, ")
        self.visit(node.node, frame)
        self.write(", slice(")
        for bound in (node.arg.start, node.arg.stop, node.arg.step):
            if bound is None:
                self.write("None")
            else:
                self.visit(bound, frame)
            self.write(", ")
        self.write("))")


class _Environment(SandboxedEnvironment):
    """The sandbox, looking engagement fields up as keys first, and bounding what templates make.

    Jinja tries an attribute before a key, so every field read on a dict raised and caught an
    AttributeError first. A field's value is data, always safe to hand over; anything else still
    goes through the sandbox's checks."""

    context_class = Rendering
    code_generator_class = _Generator
    # Checked before they run, and never folded into constants when a template is compiled:
    # {{ 'x' * 10**9 }} would otherwise make a gigabyte, and keep it in the cache.
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        bounded_binop(context, operator, left, right)
        return charge(context, super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"{__obj!r} is not safely callable")
        args = bounded_call(__context, __obj, args, kwargs)
        owner = getattr(__obj, "__self__", None)
        container = owner if isinstance(owner, (list, dict, set)) else None
        before = len(container) if container is not None else 0
        made = __context.call(__obj, *args, **kwargs)
        if container is not None:  # append, extend, update, add: what the container gained
            count(__context,
                  (len(container) - before) * (1 if isinstance(container, list) else ENTRY))
        return charge(__context, made)

    def concatenated(self, context: Context, join: Callable[[Any], str],
                     values: tuple[Any, ...]) -> str:
        return charge(context, concatenated(context, join, values))

    def sliced(self, context: Context, value: Any, where: slice) -> Any:
        return charge(context, value[where])

    def collected(self, context: Context) -> list[Any]:
        return _Collected(context)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """The sandbox's str.format and str.format_map, with each field bounded."""
        if (not isinstance(value, (types.MethodType, types.BuiltinMethodType))
                or value.__name__ not in ("format", "format_map")
                or not isinstance(value.__self__, str)):
            return None
        text: str = value.__self__
        mapping = value.__name__ == "format_map"

        def formatted(*args: Any, **kwargs: Any) -> str:
            formatter = (BoundedEscapeFormatter(self, escape=text.escape)
                         if isinstance(text, Markup) else BoundedFormatter(self))
            if mapping:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument, and no keywords")
                return type(text)(formatter.vformat(text, (), args[0]))
            return type(text)(formatter.vformat(text, args, kwargs))

        return update_wrapper(formatted, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is Fields:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@cache
def environment() -> SandboxedEnvironment:
    env = _Environment(autoescape=True, undefined=FieldUndefined, finalize=_finalize,
                       auto_reload=False, cache_size=0)
    # `safe` would print a value unescaped, so that an "&" in an engagement could break the
    # document's XML; templates must never bypass autoescaping.
    del env.filters["safe"]
    env.filters = bounded_filters(env.filters)  # ours bound themselves
    env.filters.update(FILTERS)
    env.globals.update(placeholders())  # link(), image(), subdoc(): see extras
    return env

"""The one Jinja environment every template is compiled in: sandboxed, autoescaping, strict.

Many people edit the templates, so they run in Jinja's sandbox. Autoescaping is always on, because
the template text is Word XML: "Smith & Co <Europe>" must reach the document literally. A field that
does not exist is an error naming it, never a blank.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import cache
from itertools import chain
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from .context import Fields
from .extras import placeholders
from .filters import FILTERS
from .limits import bounded_binop
from .names import seen


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
        if owner is missing or owner is None:  # a name at the top level
            where, known = str(name), top_level()
        elif isinstance(owner, Fields):
            where = f"{owner.path}.{name}" if isinstance(name, str) else f"{owner.path}[{name!r}]"
            known = list(owner)
        else:
            where, known = f"{name!r} of a {type(owner).__name__}", []
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else " (see docs/fields.md)"
        return f"no field {where}{hint}"


def _finalize(value: Any) -> Any:
    if value is None:
        raise ValueError("a value printed is empty (null)")
    return value


class _Environment(SandboxedEnvironment):
    """The sandbox, looking engagement fields up as keys first.

    Jinja tries an attribute before a key, so every field read on a dict raised and caught an
    AttributeError first. A field's value is data, always safe to hand over; anything else still
    goes through the sandbox's checks."""

    # Checked before they run, and never folded into constants when a template is compiled:
    # {{ 'x' * 10**9 }} would otherwise make a gigabyte, and keep it in the cache.
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        bounded_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

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
    env.filters.update(FILTERS)
    # `safe` would print a value unescaped, so that an "&" in an engagement could break the
    # document's XML; templates must never bypass autoescaping.
    del env.filters["safe"]
    env.globals.update(placeholders())  # link(), image(), subdoc(): see extras
    return env

"""The one Jinja environment every template is compiled in: sandboxed, autoescaping, strict.

Many people edit the templates, so they run in Jinja's sandbox. Autoescaping is always on, because
the template text is Word XML: "Smith & Co <Europe>" must reach the document literally. A field that
does not exist is an error naming it, never a blank.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .context import Fields
from .filters import FILTERS


class FieldUndefined(StrictUndefined):
    """A field that does not exist: the error names it in full (parties.client.nmae)."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        name = self._undefined_name
        owner = self._undefined_obj
        if isinstance(owner, Fields) and owner.path:
            where = f"{owner.path}.{name}" if isinstance(name, str) else f"{owner.path}[{name!r}]"
        elif owner is not None and not isinstance(owner, Fields):
            where = f"{name!r} of a {type(owner).__name__}"
        else:
            where = str(name)
        return f"no field {where} (check its spelling against docs/fields.md)"


def _finalize(value: Any) -> Any:
    if value is None:
        raise ValueError("a value printed is empty (null)")
    return value


class _Environment(SandboxedEnvironment):
    """The sandbox, looking engagement fields up as keys first.

    Jinja tries an attribute before a key, so every field read on a dict raised and caught an
    AttributeError first. A field's value is data, always safe to hand over; anything else still
    goes through the sandbox's checks."""

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
    return env

"""Engagement -> the context a template sees.

Every field the schema defines is present: an optional field the engagement leaves out is an
:class:`Absent` value, which is false in ``{% if %}``, empty in ``{% for %}``, and an error naming the
field if a template prints it. So a conditional passage can test any field, while a blank can never
slip into a signed document.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from typing import Any, NoReturn

from jinja2.exceptions import UndefinedError

from ..resources import load_schema
from .numbering import SECTION_KEYS, number_clauses
from .words import WORDS


class Fields(dict[str, Any]):
    """An object of the engagement, which knows its own path for error messages."""

    __slots__ = ("path",)

    def __init__(self, path: str, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.path = path


class Absent:
    """An optional field the engagement does not set."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def _fail(self, *args: object) -> NoReturn:
        raise UndefinedError(
            f"{self.path} is not set in this engagement, so it cannot be printed; "
            f"wrap the passage in {{% if {self.path} %}} ... {{% endif %}}")

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __getattr__(self, name: str) -> Absent:
        if name.startswith("__"):
            raise AttributeError(name)
        return Absent(f"{self.path}.{name}")

    def __getitem__(self, name: object) -> Absent:
        return Absent(f"{self.path}[{name!r}]")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Absent) or other is None

    def __hash__(self) -> int:
        return 0

    __str__ = __html__ = _fail

    def __repr__(self) -> str:
        return f"Absent({self.path!r})"


def _wrap(value: Any, schema: Mapping[str, Any], path: str) -> Any:
    if isinstance(value, dict):
        properties: Mapping[str, Any] = schema.get("properties", {})
        out: dict[str, Any] = {}
        for name, sub in properties.items():
            child = f"{path}.{name}" if path else name
            if name in value:
                out[name] = _wrap(value[name], sub, child)
            elif sub.get("type") == "array":
                out[name] = []
            else:
                out[name] = Absent(child)
        return Fields(path, out)
    if isinstance(value, list):
        items = schema.get("items", {})
        return [_wrap(item, items, f"{path}[{index}]") for index, item in enumerate(value)]
    return value


def engagement_context(data: Mapping[str, Any]) -> dict[str, Any]:
    """The context for the contract and the annex: the engagement's fields, plus ``words`` (what
    the documents call the parties) and ``clause`` (the clause numbers)."""
    wrapped = _wrap(dict(data), load_schema(), "")
    clauses = number_clauses(data)
    context: dict[str, Any] = dict(wrapped)
    context.pop("$schema", None)
    context["words"] = Fields("words", WORDS[data["kind"]])
    clause: dict[str, Any] = {key: Absent(f"clause.{key}") for key in SECTION_KEYS}
    clause.update(clauses.section)
    clause["limit"] = Fields("clause.limit", clauses.limit)
    context["clause"] = Fields("clause", clause)
    return context


def disclosure_context(base: Mapping[str, Any], index: int) -> dict[str, Any]:
    """The context for one disclosure letter: the engagement's context, plus ``disclosure``, the
    ``limit`` it rests on, the number of the ``limit_clause`` that declares it, and
    ``notice_days_given``."""
    disclosure = base["disclosures"][index]
    limit = next(entry for entry in base["confidentiality"]["limits"]
                 if entry["id"] == disclosure["limit"])
    notice = _dt.date.fromisoformat(disclosure["notice_date"])
    day = _dt.date.fromisoformat(disclosure["disclosure_date"])
    context = dict(base)
    context["disclosure"] = disclosure
    context["limit"] = limit
    context["limit_clause"] = base["clause"]["limit"][limit["id"]]
    context["notice_days_given"] = (day - notice).days
    return context

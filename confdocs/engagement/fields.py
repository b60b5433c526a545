"""Every field of the engagement schema, by the path the field guide writes it with, walked once.

A field's path names the fields that hold it, with ``[]`` for an entry of a list:
``parties.client.name``, ``confidentiality.limits[].description``. The entries of a list are a field
of their own (``confidentiality.limits[]``), and so are the values of an object keyed by name
(``additionalProperties``, as ``clause.limit[]`` in a template's context). Only the schema's
``properties``, ``items`` and ``additionalProperties`` are followed: conditions (``if``/``then``)
and what the validator checks are the validator's business.

The field guide, the template linter and the renderer read fields here rather than walking the
schema themselves; :class:`FieldIndex` indexes any schema of that shape (a template's context is
the engagement's fields and a few more, see ``render.names``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

ENTRY = "[]"  # what a path adds for an entry of a list (or a value of a keyed object)

# The file's, not the engagement's: the schema it follows and the profile it extends. Never in a
# template's context, never a roster's column.
FILE_FIELDS = ("$schema", "extends")


@dataclass(frozen=True)
class SchemaField:
    """One field: its path, its schema, and where it sits."""

    path: str  # confidentiality.limits[].description
    schema: Mapping[str, Any]
    parent: str  # the path of the object or list holding it; "" at the top level
    required: bool  # the object holding it must have it (a list's entries: False)

    @property
    def name(self) -> str:
        """The field's own name (``description``); ``[]`` for the entries of a list."""
        if self.is_entry:
            return ENTRY
        return self.path[len(self.parent) + 1:] if self.parent else self.path

    @property
    def group(self) -> str:
        """The top-level section the field belongs to (``confidentiality``)."""
        end = min((i for i in (self.path.find("."), self.path.find(ENTRY)) if i >= 0),
                  default=len(self.path))
        return self.path[:end]

    @property
    def description(self) -> str:
        return str(self.schema.get("description", ""))

    @property
    def type(self) -> str | None:
        """The schema's type (``string``, ``object``, ``array``...); None when it has none."""
        kind = self.schema.get("type")
        return kind if isinstance(kind, str) else None

    @property
    def is_list(self) -> bool:
        return self.type == "array"

    @property
    def is_object(self) -> bool:
        return self.type == "object"

    @property
    def is_entry(self) -> bool:
        """The entries of a list (or the values of a keyed object), not a named field."""
        return self.path.endswith(ENTRY)

    @property
    def in_list(self) -> bool:
        """The field belongs to an entry of a list (``disclosures[].reason``), so an engagement
        has one per entry rather than one."""
        return ENTRY in self.path


def walk(schema: Mapping[str, Any], path: str, parent: str = "", required: bool = False,
         ) -> Iterator[SchemaField]:
    """The field at ``path`` with that ``schema``, then every field below it, depth first in
    the schema's order: an object's fields, then a list's entries."""
    yield SchemaField(path, schema, parent, required)
    properties = schema.get("properties")
    if isinstance(properties, Mapping):
        needed = schema.get("required", ())
        for name, sub in properties.items():
            yield from walk(sub, f"{path}.{name}" if path else name, path, name in needed)
    for keyword in ("items", "additionalProperties"):
        entries = schema.get(keyword)
        if isinstance(entries, Mapping):
            yield from walk(entries, path + ENTRY, path)


def _fields_of(schema: Mapping[str, Any]) -> Iterator[SchemaField]:
    """The fields of an object schema (the whole engagement), each with what is below it."""
    needed = schema.get("required", ())
    for name, sub in schema.get("properties", {}).items():
        yield from walk(sub, name, "", name in needed)


class FieldIndex:
    """Fields by path, in the schema's order, with each object's fields and each list's
    entries at hand. Build it once (:func:`engagement_fields`); it is never changed."""

    __slots__ = ("_by_path", "_children", "_entries", "_fields", "_top_required")

    def __init__(self, fields: Iterable[SchemaField], required: Iterable[str] = ()) -> None:
        """``fields`` in order, each followed by the fields below it; ``required``: the
        top-level fields the whole requires, in the order its schema lists them."""
        self._fields = tuple(fields)
        self._top_required = tuple(required)
        self._by_path = {field.path: field for field in self._fields}
        self._children: dict[str, dict[str, SchemaField]] = {}
        self._entries: dict[str, SchemaField] = {}
        for field in self._fields:
            if field.is_entry:
                self._entries[field.parent] = field
            else:
                self._children.setdefault(field.parent, {})[field.name] = field

    @classmethod
    def of(cls, schema: Mapping[str, Any]) -> FieldIndex:
        """The index of an object schema's fields."""
        return cls(_fields_of(schema), schema.get("required", ()))

    def __iter__(self) -> Iterator[SchemaField]:
        """Every field, depth first, in the schema's order."""
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __contains__(self, path: object) -> bool:
        return path in self._by_path

    def __getitem__(self, path: str) -> SchemaField:
        return self._by_path[path]

    def get(self, path: str) -> SchemaField | None:
        return self._by_path.get(path)

    def children(self, path: str = "") -> tuple[SchemaField, ...]:
        """The fields of the object at ``path`` (the top-level fields for ""), in order."""
        return tuple(self._children.get(path, {}).values())

    def child(self, path: str, name: str) -> SchemaField | None:
        """The field ``name`` of the object at ``path`` ("" for the top level)."""
        return self._children.get(path, {}).get(name)

    def required(self, path: str = "") -> tuple[SchemaField, ...]:
        """The fields the object at ``path`` requires ("" for the top level), in the order its
        schema lists them, which may differ from the order of its fields."""
        holder = self._by_path.get(path)
        names = holder.schema.get("required", ()) if holder is not None else self._top_required
        fields = self._children.get(path, {})
        return tuple(fields[name] for name in names if name in fields)

    def entry(self, path: str) -> SchemaField | None:
        """The entries of the list at ``path`` (or the values of the keyed object)."""
        return self._entries.get(path)


@cache
def engagement_fields() -> FieldIndex:
    """Every field of the engagement schema (``$schema`` and ``extends`` included: what a
    short engagement file holds), walked once per process."""
    from ..resources import load_schema

    return FieldIndex.of(load_schema())

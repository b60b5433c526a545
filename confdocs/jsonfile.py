"""The text of the JSON files confdocs writes: the engagement files and the record of `import`,
and a build's manifest.json.

Each is the text ``json.dumps(value, indent=2, ensure_ascii=False)`` gives, built here rather than
by the standard library, whose C encoder does not indent: its pure-Python indenting encoder was
several times slower on the small objects a roster row makes, and held ~40 small strings per
entry of a manifest. Import and build both write through this module (it imports neither).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

_encode = json.JSONEncoder(ensure_ascii=False).encode  # one line: json.dumps(ensure_ascii=False)
_quote = json.encoder.encode_basestring  # a string as _encode writes it, without its type checks


def dumps(value: Any, indent: str = "", *, flat_from: int | None = None) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, its lines
    after the first ``indent`` deep. An object or list nested ``flat_from`` levels deep (``value``
    itself is level 0) is written on one line, as ``json.dumps(value, ensure_ascii=False)``
    writes it."""
    return _indented(value, indent, 0, flat_from)


def _indented(value: Any, indent: str, depth: int, flat_from: int | None) -> str:
    if isinstance(value, str):  # most values: first
        return _quote(value)
    if flat_from is not None and depth >= flat_from:
        return _encode(value)
    if isinstance(value, dict) and value:
        inner = indent + "  "
        items = [f"{inner}{_quote(key)}: {_indented(item, inner, depth + 1, flat_from)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value:
        inner = indent + "  "
        return ("[\n" + ",\n".join(inner + _indented(item, inner, depth + 1, flat_from)
                                   for item in value) + "\n" + indent + "]")
    return _encode(value)


def dump_chunks(head: Mapping[str, Any], key: str, items: Iterable[Any], *,
                flat_from: int | None = None) -> Iterator[bytes]:
    """The file holding the object ``head`` and, last, ``key`` with the list of ``items``, in
    UTF-8 chunks that join to ``dumps`` of it and a line break: one item at a time, so a list
    too long to hold (a build's outputs) need not be held whole. ``flat_from`` counts from the
    file's object (level 0); the list is level 1 and each item level 2."""
    fields = "".join(f"  {_encode(name)}: {_indented(value, '  ', 1, flat_from)},\n"
                     for name, value in head.items())
    yield f"{{\n{fields}  {_encode(key)}: [".encode()
    first = True
    for item in items:
        yield (("" if first else ",") + "\n    " + _indented(item, "    ", 2, flat_from)
               ).encode("utf-8")
        first = False
    yield ("]\n}\n" if first else "\n  ]\n}\n").encode("utf-8")

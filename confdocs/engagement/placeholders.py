"""Placeholders left in a file that ``confdocs new`` wrote: ``placeholder-unfilled``.

A placeholder is a text wholly between ``<`` and ``>`` with a space in it ("<the client's full
name>"): guidance in a JSON file, which has no comments. Each one still there is reported at its
line and column, and the schema's and the rules' findings about the same value (not a date, not
an email address...) are left out: the one thing to do there is to write the value it asks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .source import Source, escape_pointer_token, pointer_to_path

CODE = "placeholder-unfilled"
_PLACEHOLDER = re.compile(r"<[^<>\n]* [^<>\n]*>")


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is a placeholder (the whole of it, between ``<`` and ``>``)."""
    return _PLACEHOLDER.fullmatch(text.strip()) is not None


def _placeholders(value: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if is_placeholder(value):
            yield pointer, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, f"{pointer}/{escape_pointer_token(key)}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _placeholders(item, f"{pointer}/{number}")


def unfilled(source: Source) -> frozenset[str]:
    """Add a ``placeholder-unfilled`` error for each placeholder in ``source``'s data; return
    their pointers (nothing is walked when the text holds no ``"<``)."""
    if '"<' not in source.text and not source.text.startswith("<"):
        return frozenset()
    found = dict(_placeholders(source.data, ""))
    for pointer, text in found.items():
        source.add(CODE, "error", pointer,
                   f"{pointer_to_path(pointer)} still holds the placeholder {text}: replace it "
                   "with what it asks for")
    return frozenset(found)


def without_findings_at(source: Source, pointers: frozenset[str]) -> None:
    """Leave out the other findings about a value that is a placeholder."""
    if pointers:
        source.findings[:] = [f for f in source.findings
                              if f.code == CODE or f.pointer not in pointers]

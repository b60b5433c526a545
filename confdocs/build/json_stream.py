"""A JSON file's list read one item at a time, a quarter of a megabyte of text at a time: a
manifest of 100,000 engagements is some 150 MB of JSON, and read whole, as objects, it took its
size several times over in memory."""

from __future__ import annotations

import codecs
import errno
import json
from collections.abc import Callable
from typing import Any, BinaryIO

from ..bounded import too_large

_CHUNK = 256 * 1024


class ListStream:
    """A JSON document read from ``handle`` in parts, never whole: the list one key of its
    top-level object holds is handed over item by item, and nothing else is kept. It reads no
    more than ``limit`` bytes (OSError EFBIG beyond: the file grew since it was checked), and
    raises ValueError (UnicodeDecodeError included) where the text is not JSON."""

    def __init__(self, handle: BinaryIO, limit: int, what: str) -> None:
        self._handle = handle
        self._limit = limit
        self._what = what
        self._decode = codecs.getincrementaldecoder("utf-8")()
        self._text = ""
        self._at = 0
        self._ended = False
        self._read = 0
        self._decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self._ended:
            return False
        chunk = self._handle.read(_CHUNK)
        self._ended = not chunk
        self._read += len(chunk)
        if self._read > self._limit:  # grown since it was opened
            raise OSError(errno.EFBIG, too_large(self._limit, self._what))
        self._text = self._text[self._at:] + self._decode.decode(chunk, final=self._ended)
        self._at = 0
        return True

    def _next(self) -> str:
        """The next character that is not white space, left unconsumed ("" at the end)."""
        while True:
            text, at = self._text, self._at
            while at < len(text) and text[at] in " \t\r\n":
                at += 1
            self._at = at
            if at < len(text):
                return text[at]
            if not self._more():
                return ""

    def _expect(self, allowed: str) -> str:
        found = self._next()
        if not found or found not in allowed:
            raise ValueError(f"expected one of {allowed!r}")
        self._at += 1
        return found

    def _value(self) -> Any:
        self._next()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._text, self._at)
            except ValueError:
                if self._more():
                    continue
                raise
            # A number or a word cut by the chunk's end decodes short: read on and decode again.
            if end == len(self._text) and not self._ended and self._more():
                continue
            self._at = end
            return value

    def items(self, key: str, each: Callable[[Any], None]) -> bool:
        """Hand each item of the list the top-level object holds at ``key`` to ``each``; False
        when there is no such list."""
        if self._next() != "{":
            self._value()  # JSON of another kind, or not JSON (which raises)
            return False
        self._at += 1
        found = False
        if self._next() == "}":
            self._at += 1
            return False
        while True:
            name = self._value()
            self._expect(":")
            if name == key and self._next() == "[":
                self._at += 1
                found = True
                if self._next() == "]":
                    self._at += 1
                else:
                    while True:
                        each(self._value())
                        if self._expect(",]") == "]":
                            break
            else:
                self._value()
                found = found and name != key
            if self._expect(",}") == "}":
                break
        if self._next():
            raise ValueError("extra data")
        return found

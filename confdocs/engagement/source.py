"""JSON text -> data, with the line and column of every value when a finding needs them.

Parsing uses the standard library's C parser (fast); positions come from a small scanner of our own
that runs only for files that have something to report, so valid files pay nothing for it.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import Finding, Severity

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
_BOM = b"\xef\xbb\xbf"

# Characters XML 1.0 forbids, so a .docx cannot hold them. Tab, LF and CR are allowed.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_to_path(pointer: str) -> str:
    """'/parties/client/email' -> 'parties.client.email'; '/disclosures/0/id' -> 'disclosures[0].id'."""
    out = ""
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        out += f"[{token}]" if token.isdigit() else (f".{token}" if out else token)
    return out or "the file"


class _NonFinite(ValueError):
    pass


def _reject_constant(token: str) -> Any:
    raise _NonFinite(token)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFinite(text)
    return value


class _Pairs:
    """object_pairs_hook that notices duplicate keys (the scanner later finds where they are)."""

    __slots__ = ("duplicates",)

    def __init__(self) -> None:
        self.duplicates = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            self.duplicates = True
        return result


@dataclass
class Source:
    """One engagement file read: its text, its data (None if unreadable as JSON), and what was wrong."""

    name: str
    text: str = ""
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    _positions: Positions | None = None

    def positions(self) -> Positions:
        """Where values and keys stand, scanned as far as asked (see ``Positions.find``)."""
        if self._positions is None:
            self._positions = lazy_positions(self.text)
        return self._positions

    def add(self, code: str, severity: Severity, pointer: str, message: str,
            at: tuple[int, int] | None = None, key: bool = False) -> None:
        """Record a finding at the value ``pointer`` names (or its key, or at ``at``)."""
        line, column = at if at is not None else self.locate(pointer, key=key)
        self.findings.append(Finding(self.name, line, column, code, severity, pointer, message))

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``pointer``; for a missing member, of its parent."""
        positions = self.positions()
        table = positions.keys if key else positions.values
        while True:
            positions.find(pointer)
            if pointer in table:
                return table[pointer]
            if pointer in positions.values:
                return positions.values[pointer]
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]


def read_source(name: str, raw: bytes) -> Source:
    """Decode and parse one file's bytes; problems become findings, never exceptions."""
    source = Source(name)
    if len(raw) > MAX_FILE_BYTES:
        source.add("file-too-large", "error", "",
                   f"the file is larger than the {MAX_FILE_BYTES // 1048576} MiB limit; "
                   "check that it is an engagement file", at=(1, 1))
        return source
    if raw.startswith(_BOM):
        source.add("json-bom", "warning", "",
                   "the file starts with a byte-order mark (BOM), which JSON does not allow; "
                   "save it as UTF-8 without BOM", at=(1, 1))
        raw = raw[len(_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        source.add("json-encoding", "error", "",
                   f"byte 0x{raw[exc.start]:02X} is not UTF-8; save the file as UTF-8",
                   at=(line, column))
        return source
    source.text = text
    if not text.strip():
        source.add("json-empty", "error", "",
                   "the file is empty; an engagement file holds one JSON object", at=(1, 1))
        return source
    pairs = _Pairs()
    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant,
                          parse_float=_parse_float)
    except _NonFinite:
        for pointer, at, token in source.positions().complete().non_finite:
            source.add("json-nan", "error", pointer,
                       f"{pointer_to_path(pointer)} is {token}, which is not a JSON number; "
                       "write a finite number", at=at)
        return source
    except json.JSONDecodeError as exc:
        message, offset = _syntax_error(text, exc)
        source.add("json-syntax", "error", "", f"not valid JSON: {message}",
                   at=_offset_to_line_col(text, offset))
        return source
    except RecursionError:
        source.add("json-too-deep", "error", "",
                   f"objects and arrays are nested more than {MAX_DEPTH} deep", at=(1, 1))
        return source
    except ValueError as exc:  # e.g. an integer with more digits than Python will convert
        source.add("json-nan", "error", "",
                   f"a number cannot be represented ({exc}); write a smaller number", at=(1, 1))
        return source
    if pairs.duplicates:
        for pointer, at in source.positions().complete().duplicates:
            source.add("json-duplicate-key", "error", pointer,
                       f"{pointer_to_path(pointer)} appears twice in the same object; only one "
                       "value can be kept, so remove or rename one of them", at=at)
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", bool: "true or false"}.get(type(data), "a number")
        if data is None:
            kind = "null"
        first = len(text) - len(text.lstrip())
        source.add("json-not-object", "error", "",
                   f"the file holds {kind}, not an engagement object {{...}}",
                   at=_offset_to_line_col(text, first))
        return source
    source.data = data
    return source


# JSON's whitespace: nothing else may stand between two tokens.
_BLANK = " \t\n\r"


def _syntax_error(text: str, exc: json.JSONDecodeError) -> tuple[str, int]:
    """What is wrong with ``text``, in the user's words, and the offset of what to change.

    A comma after the last item of an object or an array, the commonest slip in a hand-edited
    file, is found here rather than read from the parser: Python 3.13 names it and stops at the
    comma, where earlier versions stop at the bracket after it and expect another key or value.
    The same file must give the same finding whatever Python runs confdocs."""
    comma = _trailing_comma(text, exc.pos)
    if comma is not None:
        after = text[comma + 1:].lstrip(_BLANK)[0]
        kind = "an object" if after == "}" else "an array"
        return f"a comma follows the last item of {kind}; remove it", comma
    return _explain_syntax(exc.msg), exc.pos


def _trailing_comma(text: str, pos: int) -> int | None:
    """The offset of a comma with an item before it and a closing bracket after it, where the
    parser stopped (at the comma or at the bracket), or None. ``pos`` is outside any string, so
    the last character before it that is not whitespace ends a token too."""
    if pos >= len(text):
        return None
    if text[pos] == ",":
        comma = pos
    elif text[pos] in "}]":
        comma = len(text[:pos].rstrip(_BLANK)) - 1
        if comma < 0 or text[comma] != ",":
            return None
    else:
        return None
    after = text[comma + 1:].lstrip(_BLANK)
    before = text[:comma].rstrip(_BLANK)
    if not after or after[0] not in "}]" or not before or before[-1] in "{[,:":
        return None  # not after an item: a key's value, or an item, is missing
    return comma


def _explain_syntax(msg: str) -> str:
    hints = {
        "Expecting ',' delimiter": "a comma is missing between two items",
        "Expecting property name enclosed in double quotes":
            "expected a key in double quotes (a trailing comma, a comment or single quotes?)",
        "Expecting value": "expected a value (a trailing comma, a comment or an unquoted word?)",
        "Expecting ':' delimiter": "a colon is missing after a key",
        "Extra data": "there is text after the end of the object",
        "Unterminated string starting at": "a string is not closed with a double quote",
        "Invalid control character at": "a string holds a raw line break or tab; write \\n or \\t",
        "Invalid \\escape": "a backslash starts an invalid escape; write \\\\ for a backslash",
    }
    for prefix, hint in hints.items():
        if msg.startswith(prefix):
            return hint
    return msg


def may_hold_invalid_text(text: str) -> bool:
    """False when no string of the file can hold a character Word refuses: JSON only lets control
    characters and lone surrogates in through escapes (the parser rejects them raw): \\u, and
    \\b and \\f, which write U+0008 and U+000C."""
    return ("\\u" in text or "\\b" in text or "\\f" in text or "\ufffe" in text
            or "\uffff" in text)


def check_depth_and_text(source: Source) -> bool:
    """One walk: nesting depth, and strings a Word document cannot hold. When the file is too
    deep to check further, forgets its data and returns False."""
    if isinstance(source.data, str):
        _check_text(source, "", source.data)
    stack: list[tuple[str, Any, int]] = [("", source.data, 1)]
    while stack:
        pointer, value, depth = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            source.add("json-too-deep", "error", pointer,
                       f"objects and arrays are nested more than {MAX_DEPTH} deep")
            source.data = None
            return False
        # A pointer is made only for what is checked further or said: a file of 400,000 keys
        # with numbers is walked without making one for each.
        if isinstance(value, dict):
            for key, item in value.items():
                if INVALID_XML_CHARS.search(key):
                    source.add("text-invalid-character", "error",
                               f"{pointer}/{escape_pointer_token(key)}",
                               "a key holds a control character a Word document cannot contain",
                               key=True)
                if isinstance(item, str):
                    if INVALID_XML_CHARS.search(item):
                        _check_text(source, f"{pointer}/{escape_pointer_token(key)}", item)
                elif isinstance(item, (dict, list)):
                    stack.append((f"{pointer}/{escape_pointer_token(key)}", item, depth + 1))
        else:
            for index, item in enumerate(value):
                if isinstance(item, str):
                    if INVALID_XML_CHARS.search(item):
                        _check_text(source, f"{pointer}/{index}", item)
                elif isinstance(item, (dict, list)):
                    stack.append((f"{pointer}/{index}", item, depth + 1))
    return True


def _check_text(source: Source, pointer: str, value: str) -> None:
    bad = INVALID_XML_CHARS.search(value)
    if bad:
        source.add("text-invalid-character", "error", pointer,
                   f"{pointer_to_path(pointer)} holds the control character "
                   f"U+{ord(bad.group()):04X}, which a Word document cannot contain; "
                   "remove it")


# --- the position scanner -------------------------------------------------------------------

@dataclass
class Positions:
    """Where each value and key of a file stands. Filled as far as asked: a finding near the
    top of a 10 MB file does not scan the whole of it (``find``); ``complete`` scans to the end,
    for what only the whole file tells (keys written twice, numbers that are not finite)."""

    values: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    non_finite: list[tuple[str, tuple[int, int], str]] = field(default_factory=list)
    _scan: Iterator[None] | None = field(default=None, repr=False, compare=False)

    def find(self, pointer: str) -> None:
        """Scan on until the value at ``pointer`` is placed, or the file ends."""
        while pointer not in self.values and self._scan is not None:
            if next(self._scan, StopIteration) is StopIteration:
                self._scan = None

    def complete(self) -> Positions:
        if self._scan is not None:
            for _ in self._scan:
                pass
            self._scan = None
        return self


JSON_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<punct>[{}\[\]:,])
  | (?P<number>-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?))
  | (?P<word>true|false|null|NaN|Infinity)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def _offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def scan_positions(text: str) -> Positions:
    """Map every JSON Pointer in ``text`` to the line and column of its value (and of its key).

    Tolerant: it stops quietly at the first token it does not understand (syntax errors are
    reported by the parser, with its own position).
    """
    return lazy_positions(text).complete()


def lazy_positions(text: str) -> Positions:
    """As :func:`scan_positions`, scanning only as far as each ``find`` asks."""
    positions = Positions()
    positions._scan = _scan(text, positions)
    return positions


def _scan(text: str, positions: Positions) -> Iterator[None]:
    """Fill ``positions`` from ``text``, pausing after each key and value placed."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset: int) -> tuple[int, int]:
        index = bisect_right(line_starts, offset) - 1
        return index + 1, offset - line_starts[index] + 1

    # Each frame: [pointer, is_object, next_index, seen_keys]
    stack: list[list[Any]] = []
    pending: str | None = ""  # the pointer the next value gets, or None while a key is expected
    for match in JSON_TOKEN.finditer(text):
        kind = match.lastgroup
        token = match.group()
        if kind == "ws":
            continue
        if kind == "punct":
            if token in "{[":
                if pending is None:
                    return
                positions.values.setdefault(pending, where(match.start()))
                stack.append([pending, token == "{", 0, set()])
                pending = None if token == "{" else f"{pending}/0"
                yield
            elif token in "}]":
                if not stack:
                    return
                stack.pop()
                pending = None
            elif token == ",":
                if not stack:
                    return
                frame = stack[-1]
                if frame[1]:
                    pending = None
                else:
                    frame[2] += 1
                    pending = f"{frame[0]}/{frame[2]}"
            continue  # ':' needs nothing: the key already set ``pending``
        if kind == "string" and stack and stack[-1][1] and pending is None:
            if "\\" in token:
                try:
                    key = json.loads(token)
                except ValueError:
                    return
            else:
                key = token[1:-1]  # nothing escaped: the text is the key (most keys)
            frame = stack[-1]
            pointer = f"{frame[0]}/{escape_pointer_token(key)}"
            at = where(match.start())
            if key in frame[3]:
                positions.duplicates.append((pointer, at))
            else:
                frame[3].add(key)
                positions.keys[pointer] = at
            pending = pointer
            continue
        if kind in ("string", "number", "word"):
            if pending is None:
                return
            at = where(match.start())
            positions.values.setdefault(pending, at)
            if token in ("NaN", "Infinity", "-Infinity") or (
                kind == "number" and not math.isfinite(float(token))
            ):
                positions.non_finite.append((pending, at, token))
            pending = None
            yield
            continue
        return

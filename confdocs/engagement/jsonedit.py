"""Editing JSON text by position: one member added, removed or replaced, the rest kept byte for byte.

``confdocs upgrade`` changes a few values of a file a person wrote. Writing the parsed data out
again would reorder nothing, but would lose the person's layout (indentation, key spacing, line
endings, one-line objects), so every edit here is made on the text itself, at the offsets the
scanner finds, in the style the file already uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .source import JSON_TOKEN, escape_pointer_token


@dataclass
class Span:
    """Where one value stands in the text: ``start``..``end`` (offsets, end exclusive); for a
    member of an object, where its key starts and ends; for an object, its members in order."""

    start: int
    end: int = -1
    key_start: int = -1
    key_end: int = -1
    members: list[str] = field(default_factory=list)  # pointers of an object's members


def scan_spans(text: str) -> dict[str, Span]:
    """Every JSON Pointer of ``text`` (well-formed JSON) mapped to its span."""
    spans: dict[str, Span] = {}
    # Each frame: [pointer, is_object, next_index]
    stack: list[list[Any]] = []
    pending: str | None = ""
    key: tuple[int, int] = (-1, -1)

    def opened(pointer: str, start: int) -> Span:
        span = Span(start, key_start=key[0], key_end=key[1])
        spans[pointer] = span
        if stack and stack[-1][1]:
            spans[stack[-1][0]].members.append(pointer)
        return span

    for match in JSON_TOKEN.finditer(text):
        kind = match.lastgroup
        token = match.group()
        if kind == "ws":
            continue
        if kind == "punct":
            if token in "{[":
                opened(pending or "", match.start())
                stack.append([pending or "", token == "{", 0])
                pending = None if token == "{" else f"{pending or ''}/0"
            elif token in "}]":
                frame = stack.pop()
                spans[frame[0]].end = match.end()
                pending = None
            elif token == ",":
                frame = stack[-1]
                if frame[1]:
                    pending = None
                else:
                    frame[2] += 1
                    pending = f"{frame[0]}/{frame[2]}"
            continue
        if kind == "string" and stack and stack[-1][1] and pending is None:
            pending = f"{stack[-1][0]}/{escape_pointer_token(json.loads(token))}"
            key = (match.start(), match.end())
            continue
        opened(pending or "", match.start()).end = match.end()
        pending = None
    return spans


@dataclass(frozen=True)
class Style:
    """How the file writes an object's members: on lines of their own (with ``indent`` and the
    ``unit`` one level adds) or on one line, ``colon`` between key and value, ``comma`` between
    members on one line, ``newline`` as the file ends its lines."""

    multiline: bool
    indent: str
    unit: str
    colon: str
    comma: str
    newline: str
    ascii_only: bool


class JsonText:
    """A JSON text being edited: each edit is made at once on the text, which is then scanned
    again, so that edits never have to agree about offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: dict[str, Span] | None = None
        first = text.find("\n")
        self.newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
        # A file that writes non-ASCII text as \\u escapes gets its new text written so too.
        self.ascii_only = text.isascii() and "\\u" in text

    @property
    def spans(self) -> dict[str, Span]:
        if self._spans is None:
            self._spans = scan_spans(self.text)
        return self._spans

    def _edit(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]
        self._spans = None

    def replace(self, pointer: str, value: Any) -> None:
        """Write ``value`` where the value at ``pointer`` stands."""
        span = self.spans[pointer]
        self._edit(span.start, span.end, self.dumps(value, self.style(_parent(pointer))))

    def insert(self, pointer: str, value: Any, *, after: tuple[str, ...] = ()) -> None:
        """Add the member ``pointer`` (its object must exist): after the first member named in
        ``after`` that the object has, else after its last member."""
        parent, name = _parent(pointer), pointer.rsplit("/", 1)[1]
        obj = self.spans[parent]
        style = self.style(parent)
        member = json.dumps(_unescape(name), ensure_ascii=self.ascii_only) + style.colon + \
            self.dumps(value, style)
        if not obj.members:
            self._edit(obj.start, obj.end, "{" + member + "}")
            return
        siblings = {p.rsplit("/", 1)[1]: p for p in obj.members}
        anchor = next((siblings[s] for s in after if s in siblings), obj.members[-1])
        lead = ("," + style.newline + style.indent) if style.multiline else style.comma
        at = self.spans[anchor].end
        self._edit(at, at, lead + member)

    def remove(self, pointer: str) -> None:
        """Take the member ``pointer`` out of its object, with the comma and line it stood on."""
        obj = self.spans[_parent(pointer)]
        index = obj.members.index(pointer)
        span = self.spans[pointer]
        if len(obj.members) == 1:
            self._edit(obj.start + 1, obj.end - 1, "")
        elif index > 0:
            self._edit(self.spans[obj.members[index - 1]].end, span.end, "")
        else:
            self._edit(span.key_start, self.spans[obj.members[1]].key_start, "")

    def style(self, pointer: str) -> Style:
        """The style of the object at ``pointer``, as its own members show it (or, for an object
        with none, as its parents' do)."""
        obj = self.spans[pointer]
        text = self.text
        if not obj.members:
            outer = _parent(pointer) if pointer else None
            return self.style(outer) if outer is not None and outer in self.spans and \
                self.spans[outer].members else Style(False, "", "  ", ": ", ", ", self.newline,
                                                     self.ascii_only)
        first = self.spans[obj.members[0]]
        line_start = text.rfind("\n", 0, first.key_start) + 1
        multiline = line_start > obj.start and not text[line_start:first.key_start].strip()
        colon = text[first.key_end:first.start]
        # With one member the object shows no comma: write it as the colon is written.
        comma = ", " if colon.endswith(" ") else ","
        if len(obj.members) > 1:
            comma = text[first.end:self.spans[obj.members[1]].key_start]
        if not multiline:
            return Style(False, "", "  ", colon, comma, self.newline, self.ascii_only)
        indent = text[line_start:first.key_start]
        close_start = text.rfind("\n", 0, obj.end - 1) + 1
        closing = text[close_start:obj.end - 1]
        unit = indent[len(closing):] if indent.startswith(closing) and \
            not closing.strip() and len(indent) > len(closing) else "  "
        return Style(True, indent, unit, colon, comma, self.newline, self.ascii_only)

    def dumps(self, value: Any, style: Style) -> str:
        """``value`` written as a member of an object of ``style`` (objects inside it laid out as
        that object is: on lines of their own one level deeper, or on one line)."""
        if isinstance(value, dict) and value:
            if style.multiline:
                inner = Style(True, style.indent + style.unit, style.unit, style.colon,
                              style.comma, style.newline, style.ascii_only)
                items = [f"{inner.indent}{json.dumps(k, ensure_ascii=style.ascii_only)}"
                         f"{style.colon}{self.dumps(v, inner)}" for k, v in value.items()]
                return ("{" + style.newline + ("," + style.newline).join(items) + style.newline
                        + style.indent + "}")
            return "{" + style.comma.join(
                f"{json.dumps(k, ensure_ascii=style.ascii_only)}{style.colon}"
                f"{self.dumps(v, style)}" for k, v in value.items()) + "}"
        return json.dumps(value, ensure_ascii=style.ascii_only)


def _parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0]


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")

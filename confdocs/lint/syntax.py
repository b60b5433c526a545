"""A template part as the template language reads it, with the place of every line; and, when it
cannot be read, which tag is at fault."""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from lxml import etree

from ..render.environment import environment
from ..render.places import Paragraph, W, describe, marked_source
from .structure import TAG

_MARK = "confdocs"
_MARK_PI = re.compile(r"<\?confdocs (\d+)\?>")
_MARKS = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


@dataclass(frozen=True)
class PartSource:
    """One part's Jinja source, as rendering reads it (docxtpl's clean-up done) but with a line
    break before every paragraph, row and cell; and for each line the place of the paragraph it
    came from."""

    source: str
    line_places: tuple[str, ...]

    def place_of_line(self, line: int | None) -> str:
        if line is None or not 1 <= line <= len(self.line_places):
            return ""
        return self.line_places[line - 1]


def part_source(root: etree._Element, paragraphs: Sequence[Paragraph]) -> PartSource | None:
    """The part's source, or None when it holds no tag."""
    # Deleted text and field codes count: rendering reads their tags too.
    if not any("{" in (t.text or "") for t in root.iter(f"{W}t", f"{W}delText", f"{W}instrText")):
        return None
    described = {p.number: describe(p.place, p.text) for p in paragraphs}
    return PartSource(*marked_source(root, described))


def parse(source: PartSource) -> nodes.Template:
    """The part's syntax tree; raises TemplateSyntaxError."""
    return environment().parse(source.source)


# How to read one block tag on its own: what it needs around it to be a whole template.
_BEFORE = {"elif": "{% if true %}", "else": "{% if true %}", "endif": "{% if true %}",
           "endfor": "{% for _ in () %}", "endwith": "{% with %}",
           "endmacro": "{% macro m() %}", "endfilter": "{% filter upper %}",
           "endautoescape": "{% autoescape true %}", "endset": "{% set x %}"}
_AFTER = {"if": "{% endif %}", "elif": "{% endif %}", "else": "{% endif %}", "for": "{% endfor %}",
          "with": "{% endwith %}", "macro": "{% endmacro %}", "filter": "{% endfilter %}",
          "autoescape": "{% endautoescape %}"}
# Not checked on their own: docxtpl's table tags (its clean-up takes them out before the template
# language reads the part), and blocks that cannot be read without what surrounds them.
_UNCHECKED = {"colspan", "cellbg", "vm", "hm", "raw", "endraw", "call", "endcall"}
_LEVEL = re.compile(r"^\{([{%#])(?:p|tr|tc|r) ")
_NAME = re.compile(r"^\{%-?\s*(\w+)")


def tag_syntax_error(tag: str) -> str | None:
    """Why the template language cannot read this one tag, or None if it can."""
    if tag.startswith("{#"):
        return None
    text = _LEVEL.sub(r"{\1 ", tag)
    for smart, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(smart, straight)
    if text.startswith("{%"):
        match = _NAME.match(text)
        name = match.group(1) if match else ""
        if name in _UNCHECKED:
            return None
        if name == "set" and "=" not in text:
            text += "{% endset %}"
        else:
            text = _BEFORE.get(name, "") + text + _AFTER.get(name, "")
    try:
        environment().parse(text)
    except TemplateSyntaxError as exc:
        message = exc.message or "it is not a tag the template language knows"
        return message[:1].lower() + message[1:]
    return None


# A tag that cannot be read, replaced by one that can and opens or closes the same block, so
# that the rest of the part can still be read for its fields.
_NEUTRAL = {"if": " true", "elif": " true", "for": " _ in ()", "with": "", "else": "",
            "filter": " upper", "autoescape": " true"}
_QUOTES = str.maketrans({q: '"' for q in "“”„‟«»"} | {q: "'" for q in "‘’‚‛‹›"})


def repair_text(text: str, table: bool) -> str:
    """The paragraph's text with every tag the template language cannot read made readable (or
    taken out), and the marks of broken tags taken out: what the editor will have once the
    problems reported are fixed, as near as can be guessed."""

    def readable(tag: str) -> str:
        tag = tag.translate(_QUOTES)
        if not table:
            tag = re.sub(r"^\{%(?:tr|tc) ", "{%p ", tag)
        if tag_syntax_error(tag) is None:
            return tag
        level = _LEVEL.match(tag)
        prefix = "{%" + (tag[2:level.end() - 1] if level else "") + " "
        match = _NAME.match(_LEVEL.sub(r"{\1 ", tag))
        name = match.group(1) if match and tag.startswith("{%") else ""
        if name in _NEUTRAL:
            return f"{prefix}{name}{_NEUTRAL[name]} %}}"
        if name.startswith("end"):
            return f"{prefix}{name} %}}"
        return ""

    pieces = []
    last = 0
    for match in TAG.finditer(text):
        pieces.append(_MARKS.sub("", text[last:match.start()]))
        pieces.append(readable(match.group(0)))
        last = match.end()
    pieces.append(_MARKS.sub("", text[last:]))
    return "".join(pieces)


def repaired(root: etree._Element, paragraphs: Sequence[Paragraph],
             faulty: set[int]) -> etree._Element:
    """A copy of the part with each faulty paragraph (by number) rewritten as one run of its
    repaired text."""
    copy = deepcopy(root)
    texts = {p.number: p for p in paragraphs}
    for number, element in enumerate(copy.iter(f"{W}p"), start=1):
        if number not in faulty:
            continue
        paragraph = texts[number]
        pieces = list(element.iter(f"{W}t", f"{W}delText", f"{W}instrText"))
        for piece in pieces:
            piece.text = ""
        first = next((p for p in pieces if p.tag == f"{W}t"), None)
        if first is not None:
            first.text = repair_text(paragraph.text,
                                     next(paragraph.element.iterancestors(f"{W}tc"), None)
                                     is not None)
    return copy

"""A proof, made once per template part, that every document rendered from it is well-formed XML.

Values cannot break a document's XML: autoescaping writes them as text. Only the template's own
blocks can, when an {% if %} or {% for %} starts inside one element and ends inside another, so
that leaving a branch out (or repeating it) unbalances the elements. If at both ends of every
branch the open elements are the same, by name and in order (a branch may close a run and open a
new one, as an inline {% if %} spanning runs does), and the part is well-formed with every branch
in place, then any choice of branches, each taken any number of times, is well-formed too. When
this holds, rendering skips the per-document well-formedness check; when it does not, every
document is checked.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"\{%-?\s*(\w+).*?%\}|\{\{.*?\}\}|\{#.*?#\}|<(/?)([^\s>/!?]+)[^>]*?(/?)>|<[!?][^>]*>",
    re.DOTALL)
_OPENERS = frozenset({"if", "for", "with", "macro", "call", "filter", "raw", "autoescape"})
_MIDDLES = frozenset({"elif", "else"})


def always_well_formed(source: str) -> bool:
    """True when every rendering of this Jinja source is well-formed XML, whatever the data."""
    elements: list[str] = []
    blocks: list[tuple[str, ...]] = []  # for each open block, the open elements where it began
    for match in _TOKEN.finditer(source):
        keyword, closing, name, empty = match.group(1), match.group(2), match.group(3), match.group(4)
        if keyword is not None:
            if keyword in _OPENERS or (keyword == "set" and "=" not in match.group(0)):
                blocks.append(tuple(elements))
            elif keyword in _MIDDLES or keyword.startswith("end"):
                if not blocks or blocks[-1] != tuple(elements):
                    return False  # a branch ends inside other elements than it began in
                if keyword.startswith("end"):
                    blocks.pop()
        elif name is not None:
            if closing:
                if not elements or elements.pop() != name:
                    return False
            elif not empty:
                elements.append(name)
    return not elements and not blocks

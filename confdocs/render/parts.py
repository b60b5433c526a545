"""What rendering needs to know of a template's parts, without parsing any XML (so that a template
loaded from the compiled cache needs neither lxml nor docxtpl)."""

from __future__ import annotations

import re
from dataclasses import dataclass

TEMPLATED = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")


def part_kind(part: str) -> str:
    """'word/header2.xml' -> 'header'; 'word/document.xml' -> 'document'."""
    return part.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789")


def part_label(part: str) -> str:
    """What an editor calls the part: body, header, footer or footnotes."""
    kind = part_kind(part)
    return "body" if kind == "document" else kind


@dataclass(frozen=True)
class Prepared:
    """A part's XML as Jinja source, docxtpl's clean-up done: ``fast_source`` exactly as rendering
    reads it, and ``source`` with a line break before every paragraph, row and cell, so that a
    Jinja line number names a place (``line_places``)."""

    source: str
    line_places: tuple[str, ...]
    fast_source: str = ""
    # The template adds or removes table cells ({%tc %} loops, colspan, merges), so the table
    # grids must be mended after rendering, as docxtpl does.
    dynamic_cells: bool = False

    def place_of_line(self, line: int | None) -> str:
        if line is None or not 1 <= line <= len(self.line_places):
            return ""
        return self.line_places[line - 1]


# A whole tag in docxtpl's cleaned-up XML (never reaching into Word XML around it).
_TAG_IN_XML = re.compile(r"\{\{(?:(?!\}\}|</?w:).)*\}\}|\{%(?:(?!%\}|</?w:).)*%\}", re.DOTALL)
_ENTITIES = (("&quot;", '"'), ("&apos;", "'"), ("&#39;", "'"), ("&#34;", '"'), ("&lt;", "<"),
             ("&gt;", ">"), ("&amp;", "&"))


def unescape_tags(xml: str) -> str:
    """Word stores an & typed in a tag as &amp;: inside tags, the template language must read the
    characters typed (so that "A & B" prints as "A & B", and == "A & B" can match), not the XML
    escapes. docxtpl's clean-up turns &lt; and &gt; back; this does the rest."""
    if "&" not in xml:
        return xml

    def unescape(match: re.Match[str]) -> str:
        tag = match.group(0)
        if "&" in tag:
            for entity, character in _ENTITIES:
                tag = tag.replace(entity, character)
        return tag

    return _TAG_IN_XML.sub(unescape, xml)

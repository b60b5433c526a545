"""What a block hides or joins that its editor did not mean it to (issue 23, items 2 and 3).

- ``section-break-in-tag`` (an error here): a section break (where the page layout changes) that
  ends in a paragraph a block can hide, inside a ``{%p if %}`` branch, an inline ``{% if %}`` that
  runs over paragraphs, or a loop. Writer leaves the end of a section in a new paragraph when a
  Manual Break is inserted at the start of a branch; in every document where the branch is
  hidden, that section's page layout (portrait, its header and footer) goes with it and the next
  section's takes over the pages before. (A break in a tag paragraph itself is kept by the
  renderer: ``render.sanitize``.)
- ``tag-joins-paragraphs``: an inline ``{% if %}`` or ``{% for %}`` that shares its paragraph with
  text and ends in another paragraph (or after a table): where it shows nothing, the text before
  it and the text after its end run together into one paragraph, with whatever lay between
  (a table included) gone. docxtpl's way of joining paragraphs on purpose, with whitespace
  control (``{%- if x -%}``) or each tag alone in its paragraph, is no such finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..render.places import Paragraph, W, describe
from ..render.sanitize import tag_of
from .finding import TemplateFinding
from .structure import TAG, shorten

_INLINE_BLOCK = re.compile(r"^\{%-?\s*(if|for|endif|endfor)\b")
_OPENS = {"if": "endif", "for": "endfor"}


def _has_section_break(paragraph: Paragraph) -> bool:
    properties = paragraph.element.find(f"{W}pPr")
    return properties is not None and properties.find(f"{W}sectPr") is not None


def _inline(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(name, tag, start, end) of each inline if, for, endif and endfor of a paragraph."""
    for match in TAG.finditer(text):
        name = _INLINE_BLOCK.match(match.group(0))
        if name is not None:
            yield name.group(1), match.group(0), match.start(), match.end()


def check_spans(template: str, paragraphs: Sequence[Paragraph]) -> Iterator[TemplateFinding]:
    """Section breaks a block can hide, and inline blocks that join paragraphs, in one part."""
    blocks: list[tuple[str, Paragraph]] = []  # open blocks: the tag, and where it opens
    inline: list[tuple[str, Paragraph, int]] = []  # open inline blocks, with where the tag ends
    for paragraph in paragraphs:
        name = tag_of(paragraph.element)
        if name in ("if", "for"):
            blocks.append((paragraph.text.strip(), paragraph))
        elif name in ("endif", "endfor") and blocks:
            blocks.pop()
        elif name is None and _has_section_break(paragraph) and (blocks or inline):
            opener, where = blocks[-1] if blocks else (inline[-1][0], inline[-1][1])
            yield TemplateFinding(
                template, describe(paragraph.place, paragraph.text), "section-break-in-tag",
                "error",
                f"a section break (a change of page layout) ends in this paragraph, which "
                f"{shorten(opener)} ({describe(where.place, where.text)}) hides or repeats; in "
                "every document where it is hidden, the section's page layout (its orientation, "
                "header and footer) is lost and the next section's applies to the pages before "
                "it. Delete the break (show formatting marks to see it) and insert it again in a "
                "paragraph of text outside the block (Word: Layout, Breaks; LibreOffice Writer: "
                "Insert, More Breaks, Manual Break...)")
        if name is not None:
            continue
        for tag_name, tag, start, end in _inline(paragraph.text):
            if tag_name in _OPENS:
                inline.append((tag, paragraph, end))
            elif inline:
                opener, opened_in, opened_end = inline.pop()
                if opened_in is not paragraph:
                    joined = _joined(opener, opened_in, opened_end, tag, paragraph, start,
                                     paragraphs)
                    if joined is not None:
                        yield TemplateFinding(
                            template, describe(opened_in.place, opened_in.text),
                            "tag-joins-paragraphs", "error", joined)


def _joined(opener: str, first: Paragraph, after_opener: int, closer: str, last: Paragraph,
            at_closer: int, paragraphs: Sequence[Paragraph]) -> str | None:
    """What runs together where the block shows nothing, said to the editor; None for docxtpl's
    deliberate join (each tag alone in its paragraph)."""
    if opener.endswith("-%}") or closer.startswith("{%-"):
        return None  # docxtpl's join on purpose: the whitespace control says so
    opening = first.text.find(opener, 0, after_opener)
    before = first.text[:opening].strip()
    after = last.text[at_closer + len(closer):].strip()
    if not before and not after:
        return None
    start, end = paragraphs.index(first), paragraphs.index(last)
    table = any(p.place.startswith("table") for p in paragraphs[start + 1:end]) and not (
        first.place.startswith("table") or last.place.startswith("table"))
    between = " and a table" if table else ""
    shown_before = f"\"...{before[-40:]}\"" if before else "nothing"
    shown_after = f"\"{after[:40]}...\"" if after else "nothing"
    return (f"{shorten(opener)} opens in this paragraph and its {shorten(closer)} is in "
            f"{describe(last.place, last.text)}: where it shows nothing, the paragraphs between"
            f"{between} go, and {shown_before} runs on into {shown_after} as one paragraph. "
            f"To show or hide whole paragraphs, put {{%p {opener[2:].strip().removeprefix('-').strip()} "
            f"and {{%p {closer[2:].strip().removeprefix('-').strip()} in paragraphs of their own; "
            "to show words within one paragraph, close the block in the same paragraph")

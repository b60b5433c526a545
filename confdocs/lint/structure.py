"""Checks of how tags sit in the Word document: splits, quotes, docxtpl's special tags, blocks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from ..render.places import Paragraph, W, describe, docxtpl_patcher
from .finding import TemplateFinding

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = re.compile(r"\}\}|%\}|#\}")
_MENDED_QUOTES = "“”‘’"  # docxtpl turns these back into straight quotes inside tags
_OTHER_QUOTES = "„‚«»‹›"  # it does not mend these
_WORD_XML = re.compile(r"</?w:")
_SPECIAL = re.compile(r"^\{([%{#])(p|tr|tc|r) ")
_BLOCK = re.compile(r"^\{%(?:p|tr|tc|r)?\s*-?\s*(\w+)")
_OPENERS = {"if", "for", "with", "macro", "call", "filter", "raw", "autoescape"}
_MIDDLES = {"elif": {"if"}, "else": {"if", "for"}}
_ELEMENT = {"p": "paragraph", "tr": "table row", "tc": "table cell", "r": "run"}


@dataclass(frozen=True)
class _Tag:
    text: str
    level: str  # "p", "tr", "tc", "r" or "" (inline)
    paragraph: Paragraph


def check_paragraph(template: str, paragraph: Paragraph) -> Iterator[TemplateFinding]:
    where = describe(paragraph.place, paragraph.text)

    def finding(code: str, message: str, severity: str = "error") -> TemplateFinding:
        return TemplateFinding(template, where, code, severity, message)  # type: ignore[arg-type]

    text = paragraph.text
    stripped = TAG.sub("", text)
    if _OPEN.search(stripped) or _CLOSE.search(stripped):
        yield finding("tag-split-paragraphs",
                      "a tag starts or ends here but not in the same paragraph; keep each tag, "
                      "from {{ or {% to }} or %}, inside one paragraph")
    for tag in TAG.findall(text):
        inner = tag[2:-2]
        if any(q in inner for q in _OTHER_QUOTES):
            yield finding("tag-smart-quotes",
                          f"the tag {tag} holds typographic quotes that templates cannot read; "
                          "type straight quotes (\" or ') inside tags")
        elif any(q in inner for q in _MENDED_QUOTES):
            yield finding("tag-smart-quotes",
                          f"Word turned the quotes in {tag} into smart quotes; they are read as "
                          "straight quotes, but type straight quotes to be safe (Word: AutoCorrect "
                          "Options, AutoFormat As You Type)", "warning")
        special = _SPECIAL.match(tag)
        if special:
            yield from _check_special(tag, special.group(2), paragraph, finding)
    yield from _check_unmendable(paragraph, finding)


def _check_special(tag: str, level: str, paragraph: Paragraph,
                   finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    element = paragraph.element
    if level == "p":
        holder: etree._Element | None = element
    elif level == "r":
        holder = next((r for r in element.iter(f"{W}r") if tag[:4] in _run_text(r)), None)
    else:
        holder = next(element.iterancestors(f"{W}{level}"), None)
    if holder is None:
        yield finding("tag-misplaced",
                      f"{tag} works only inside a {_ELEMENT[level]}, and this paragraph is not "
                      f"in one; use {tag.replace('{%' + level + ' ', '{% ', 1)} here, or move it "
                      f"into a {_ELEMENT[level]}")
        return
    rest = (_run_text(holder) if level == "r" else "".join(
        t.text or "" for t in holder.iter(f"{W}t"))).replace(tag, "", 1)
    if rest.strip():
        yield finding("tag-not-alone",
                      f"{tag} replaces its whole {_ELEMENT[level]}, so the text beside it "
                      f"(\"{rest.strip()[:30]}\") would be lost; put the tag in a "
                      f"{_ELEMENT[level]} of its own")


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(f"{W}t"))


def _check_unmendable(paragraph: Paragraph,
                      finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    """Word splits a tag across runs as it likes; docxtpl mends most splits. What it cannot mend
    still holds Word XML inside the tag after its clean-up."""
    if not _OPEN.search(paragraph.text):
        return
    patched = docxtpl_patcher().patch_xml(etree.tostring(paragraph.element, encoding="unicode"))
    for tag in TAG.findall(patched):
        # docxtpl turns &lt; back into < inside tags ({% if a < b %}), so only Word XML left
        # inside a tag after its clean-up marks a split it could not mend.
        if _WORD_XML.search(tag):
            shown = re.sub(r"<[^>]*>", "", tag)
            yield finding("tag-split",
                          f"the tag {shown[:40]} is split by Word formatting that cannot be "
                          "mended (a field, a tracked change or a special character inside it); "
                          "delete the tag and type it again in one go, with no formatting change")


def tags_in_order(paragraphs: Sequence[Paragraph]) -> list[_Tag]:
    found = []
    for paragraph in paragraphs:
        for tag in TAG.findall(paragraph.text):
            special = _SPECIAL.match(tag)
            found.append(_Tag(tag, special.group(2) if special else "", paragraph))
    return found


def check_blocks(template: str, tags: Sequence[_Tag]) -> Iterator[TemplateFinding]:
    """Every block closed, in order, at the same level (paragraph with paragraph, row with row)
    and, for inline blocks, in the same paragraph: otherwise the document's XML breaks."""
    stack: list[tuple[str, _Tag]] = []
    for tag in tags:
        match = _BLOCK.match(tag.text)
        if not match:
            continue
        name = match.group(1)
        where = describe(tag.paragraph.place, tag.paragraph.text)
        if name == "set" and "=" in tag.text:
            continue
        if name in _OPENERS or name == "set":
            stack.append((name, tag))
        elif name in _MIDDLES:
            if not stack or stack[-1][0] not in _MIDDLES[name]:
                yield TemplateFinding(template, where, "block-unexpected", "error",
                                      f"{tag.text} has no {{% if %}} (or {{% for %}}) to belong to")
            else:
                yield from _same_level(template, stack[-1][1], tag)
        elif name.startswith("end"):
            opened = name[3:]
            if not stack or stack[-1][0] != opened:
                expected = f"; the open block is {{% {stack[-1][0]} %}}" if stack else ""
                yield TemplateFinding(template, where, "block-unexpected", "error",
                                      f"{tag.text} closes a block that is not open{expected}")
                if stack and any(name == f"end{n}" for n, _ in stack):
                    while stack and stack[-1][0] != opened:
                        stack.pop()
                    stack.pop()
                continue
            _, opener = stack.pop()
            yield from _same_level(template, opener, tag)
    for name, opener in stack:
        closer = f"{{%{opener.level} end{name} %}}" if opener.level else f"{{% end{name} %}}"
        yield TemplateFinding(template, describe(opener.paragraph.place, opener.paragraph.text),
                              "block-unclosed", "error",
                              f"{opener.text} is never closed; add {closer} where it should end")


def _same_level(template: str, opener: _Tag, closer: _Tag) -> Iterator[TemplateFinding]:
    where = describe(closer.paragraph.place, closer.paragraph.text)
    if opener.level != closer.level:
        def kind(tag: _Tag) -> str:
            return f"{{%{tag.level}" if tag.level else "{%"
        yield TemplateFinding(
            template, where, "block-level-mismatch", "error",
            f"{closer.text} is a {kind(closer)} tag but its block was opened with "
            f"{opener.text} ({kind(opener)}); open and close a block with the same kind of tag")
    elif not opener.level and opener.paragraph is not closer.paragraph:
        yield TemplateFinding(
            template, where, "block-level-mismatch", "error",
            f"{closer.text} closes {opener.text} from another paragraph; a block spanning "
            "paragraphs needs {%p ...%} tags, each in a paragraph of its own")


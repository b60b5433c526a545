"""Checks of how tags sit in the Word document: splits, quotes, docxtpl's special tags, blocks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from ..render.places import Paragraph, W, describe, docxtpl_patcher
from .finding import TemplateFinding

# A whole tag. A tag never holds the start of another, so "{{ a }{% if b %}" is an unclosed
# {{ a } followed by a good {% if b %}, not one long tag.
TAG = re.compile(r"\{\{(?:(?!\{\{|\{%|\}\}).)*\}\}|\{%(?:(?!\{\{|\{%|%\}).)*%\}|\{#.*?#\}",
                 re.DOTALL)
_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = re.compile(r"\}\}|%\}|#\}")
_MARK = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
_CLOSER_OF = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER_OF = {v: k for k, v in _CLOSER_OF.items()}
_MENDED_QUOTES = "“”‘’"  # docxtpl turns these back into straight quotes inside tags
_OTHER_QUOTES = "„‚«»‹›‟‛"  # it does not mend these
_WORD_XML = re.compile(r"</?w:")
_SPECIAL = re.compile(r"^\{([%{#])(p|tr|tc|r) ")
_BLOCK = re.compile(r"^\{%(?:(?:p|tr|tc|r)(?= ))?\s*-?\s*(\w+)")
_OPENERS = {"if", "for", "with", "macro", "call", "filter", "raw", "autoescape"}
_MIDDLES = {"elif": {"if"}, "else": {"if", "for"}}
_ELEMENT = {"p": "paragraph", "tr": "table row", "tc": "table cell", "r": "run"}
_BLOCK_ELEMENTS = frozenset({f"{W}p", f"{W}tbl", f"{W}sdt"})
_TRACKED = re.compile(r"<w:(?:ins|del|moveFrom|moveTo)[ >]")
_PROOFING = frozenset({f"{W}lang", f"{W}noProof"})
_FIELD = re.compile(r"<w:(?:fldSimple|fldChar|instrText)[ >/]")
_HYPERLINK = re.compile(r"<w:hyperlink[ >]|HYPERLINK")
# An invisible character between the two marks of a tag's start or end: "{" + no-break space +
# "%", which LibreOffice Writer's AutoCorrect types in French text (it puts a no-break space
# before ":", ";", "!", "?" and "%", and after "«").
_INVISIBLE = "\u00a0\u202f\u2007\u2009\u200a\u200b\u200c\u200d\u2060\ufeff\u00ad"
_BROKEN_MARK = re.compile(f"\\{{[{_INVISIBLE}]+[{{%#]|[}}%#][{_INVISIBLE}]+\\}}")
_INVISIBLE_NAMES = {"\u00a0": "a no-break space (U+00A0)",
                    "\u202f": "a narrow no-break space (U+202F)",
                    "\u200b": "a zero-width space (U+200B)", "\ufeff": "a zero-width no-break "
                    "space (U+FEFF)", "\u00ad": "a soft hyphen (U+00AD)"}
# What to turn off so that the quotes stay straight, in both word processors.
QUOTE_SETTINGS = (
    "Word: File, Options, Proofing, AutoCorrect Options, AutoFormat As You Type, untick "
    "\"Straight quotes\" with \"smart quotes\"; LibreOffice Writer: Tools, AutoCorrect, "
    "AutoCorrect Options..., Localized Options, untick \"Replace\" under Single Quotes and "
    "Double Quotes")

# Findings after which the template language cannot read the part: the part's own syntax error
# would only repeat them, from a less helpful place.
UNREADABLE_CODES = frozenset({"tag-unclosed", "tag-unopened", "tag-split-paragraphs", "tag-split",
                              "tag-misplaced", "tag-smart-quotes", "jinja-syntax",
                              "tag-invisible-character"})


@dataclass(frozen=True)
class _Tag:
    text: str
    level: str  # "p", "tr", "tc", "r" or "" (inline)
    paragraph: Paragraph


def _escaped(text: str) -> str:
    """Text as Word's XML writes it (xml.sax.saxutils.escape, without its costly import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shorten(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text[:limit] + ("..." if len(text) > limit else "")


def check_paragraphs(template: str, paragraphs: Sequence[Paragraph]) -> Iterator[TemplateFinding]:
    """Every check that one paragraph (and, for a tag cut in two, the next) can answer."""
    continued = False  # this paragraph's first closing marks end a tag begun in the one before
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        findings, continues = _check_paragraph(template, paragraph, following, continued)
        yield from findings
        continued = continues


def _check_paragraph(template: str, paragraph: Paragraph, following: Paragraph | None,
                     continued: bool) -> tuple[list[TemplateFinding], bool]:
    where = describe(paragraph.place, paragraph.text)
    found: list[TemplateFinding] = []

    def finding(code: str, message: str, severity: str = "error") -> TemplateFinding:
        return TemplateFinding(template, where, code, severity, message)  # type: ignore[arg-type]

    text = paragraph.text
    if "{" not in text and "}" not in text:
        return found, False
    invisible = list(_check_invisible(text, finding))
    if invisible:  # what it leaves of the tag's marks would only repeat it, less clearly
        return invisible, False
    split = list(_check_fields_in_tags(paragraph, finding)) or list(
        _check_unmendable(paragraph, finding))
    # A tag split beyond mending explains any marks left over in its paragraph.
    continues = False if split else _check_leftovers(paragraph, following, continued, finding,
                                                     found)
    found.extend(split)
    if not split:
        found.extend(_check_hyperlinks_in_tags(paragraph, finding))
    for match in TAG.finditer(text):
        tag = match.group(0)
        inner = "" if tag.startswith("{#") else tag[2:-2]  # a comment's quotes do no harm
        if any(q in inner for q in _OTHER_QUOTES):
            found.append(finding(
                "tag-smart-quotes",
                f"the tag {tag} holds typographic quotes that templates cannot read; type "
                f"straight quotes (\" or ') inside tags, with smart quotes off ({QUOTE_SETTINGS})"))
        elif any(q in inner for q in _MENDED_QUOTES):
            found.append(finding(
                "tag-smart-quotes",
                f"Word turned the quotes in {tag} into smart quotes (or LibreOffice Writer did); "
                f"they are read as straight quotes, but type straight quotes to be safe "
                f"({QUOTE_SETTINGS})",
                "warning"))
        special = _SPECIAL.match(tag)
        if special:
            found.extend(_check_special(tag, special.group(2), match.end(), paragraph, finding))
    return found, continues


def _check_invisible(text: str,
                     finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    """A tag's start or end with an invisible character between its two marks, which then
    reads as a stray { or }: named, with the AutoCorrect setting that types it."""
    for match in _BROKEN_MARK.finditer(text):
        character = next(c for c in match.group(0) if c in _INVISIBLE)
        name = _INVISIBLE_NAMES.get(character, f"an invisible character (U+{ord(character):04X})")
        start = max(0, match.start() - 20)
        shown = shorten(text[start:match.end() + 25].strip())
        marks = match.group(0).replace(character, "")
        yield finding(
            "tag-invisible-character",
            f"{name} stands between the marks of {marks} in \"{shown}\", so the tag cannot be "
            f"read; delete it, so that {marks} is typed without a space (show formatting marks "
            "to see it: Word: Home, the ¶ button; LibreOffice Writer: View, Formatting Marks). "
            "LibreOffice Writer's AutoCorrect types it in French text: untick Tools, AutoCorrect, "
            "AutoCorrect Options..., Localized Options, \"Add non-breaking space before specific "
            "punctuation marks in French text\" (or untick Tools, AutoCorrect, While Typing)")


def _marks(text: str) -> list[tuple[int, str]]:
    """Where tag marks ({{ }} {% %} {# #}) stand outside whole tags, with the mark."""
    marks: list[tuple[int, str]] = []
    last = 0
    for match in [*TAG.finditer(text), None]:
        end = match.start() if match else len(text)
        marks.extend((m.start(), m.group(0)) for m in _MARK.finditer(text, last, end))
        last = match.end() if match else len(text)
    return marks


def _check_leftovers(paragraph: Paragraph, following: Paragraph | None, continued: bool,
                     finding: Callable[..., TemplateFinding], found: list[TemplateFinding]) -> bool:
    """Tag marks left over once every whole tag is taken out: a tag cut by a paragraph break, a
    tag that never ends, or the end of one that never starts. True if this paragraph ends with
    a tag that the next paragraph finishes."""
    text = paragraph.text
    marks = _marks(text)
    if not marks:
        return False

    def fragment(start: int) -> str:
        after = TAG.search(text, start)
        return shorten(text[start:after.start() if after else len(text)])

    def unclosed(start: int, mark: str) -> TemplateFinding:
        return finding("tag-unclosed",
                       f"the tag {fragment(start)} never ends; end it with {_CLOSER_OF[mark]} (a "
                       "tag starts and ends in the same paragraph)")

    pending: tuple[int, str] | None = None
    for index, (position, mark) in enumerate(marks):
        if mark in _CLOSER_OF:  # an opening mark
            if pending is not None:
                found.append(unclosed(*pending))
            pending = (position, mark)
        elif pending is not None:
            if _CLOSER_OF[pending[1]] != mark:
                found.append(unclosed(*pending))
            pending = None
        elif not (continued and index == 0):  # else it ends the tag begun in the paragraph before
            before = [m.end() for m in TAG.finditer(text, 0, position)]
            shown = text[max([0, position - 30, *before]):position + len(mark)].strip()
            found.append(finding(
                "tag-unopened",
                f"\"{shown}\" ends a tag with {mark}, but no tag starts before it; add the "
                f"missing {_OPENER_OF[mark]} where the tag should start, or delete the stray {mark}"))
    if pending is None:
        return False
    if following is not None:
        next_marks = _marks(following.text)
        if next_marks and next_marks[0][1] == _CLOSER_OF[pending[1]]:
            whole = f"from {pending[1]} to {_CLOSER_OF[pending[1]]}"
            if _joinable(paragraph, following):
                found.append(finding(
                    "tag-split-paragraphs",
                    f"the tag {fragment(pending[0])} goes on into the next paragraph (a paragraph "
                    "break was typed inside it), so the document joins the two paragraphs into "
                    f"one; join them in the template, so that the whole tag, {whole}, is in one "
                    "paragraph", "warning"))
            else:
                found.append(finding(
                    "tag-split-paragraphs",
                    f"the tag {fragment(pending[0])} goes on into the next paragraph, which is in "
                    "another table cell or outside this table, and a tag cannot work across "
                    f"them; keep the whole tag, {whole}, in one paragraph"))
            return True
    found.append(unclosed(*pending))
    return False


def _joinable(first: Paragraph, second: Paragraph) -> bool:
    """docxtpl mends a tag cut by a paragraph break by taking out the Word XML between its two
    pieces, which joins the paragraphs. That joins what the editor meant only for two paragraphs
    one after the other (not two cells, not a cell and the text below its table), and leaves the
    XML whole only when the two pieces of text sit in the same kinds of element."""
    end = next(iter(reversed(list(first.element.iter(f"{W}t")))), None)
    start = next(second.element.iter(f"{W}t"), None)
    sibling = first.element.getnext()
    while sibling is not None and sibling.tag not in _BLOCK_ELEMENTS:
        sibling = sibling.getnext()  # bookmarks, proofing marks: docxtpl takes them out too
    if end is None or start is None or sibling is not second.element:
        return False
    above_end = [end, *end.iterancestors()]
    above_start = [start, *start.iterancestors()]
    common = next((e for e in above_end if e in above_start), None)
    if common is None:
        return False
    return ([e.tag for e in above_end[:above_end.index(common)]]
            == [e.tag for e in above_start[:above_start.index(common)]])


def _check_special(tag: str, level: str, end: int, paragraph: Paragraph,
                   finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    if level == "r":
        yield from _check_run_tag(tag, end, paragraph, finding)
        return
    element = paragraph.element
    if level == "p" and next(element.iterancestors(f"{W}txbxContent"), None) is not None:
        yield finding(
            "tag-misplaced",
            f"{tag} does not work inside a text box (a text box left without paragraphs is "
            "broken Word XML); show or hide words inside the box's paragraphs with "
            f"{tag.replace('{%p ', '{% ', 1)}, or move the whole text box into a {{%p %}} block "
            "of the main text")
        return
    holder = element if level == "p" else next(element.iterancestors(f"{W}{level}"), None)
    if holder is None:
        kind = "a table row" if level == "tr" else "a table cell"
        yield finding(
            "tag-misplaced",
            f"{tag} works only in {kind}, and this paragraph is not in a table; to show, hide "
            f"or repeat paragraphs use {tag.replace('{%' + level + ' ', '{%p ', 1)} in a "
            f"paragraph of its own, or move the tag into {kind} of its own")
        return
    rest = "".join(t.text or "" for t in holder.iter(f"{W}t")).replace(tag, "", 1)
    # A comment tag ({#tr ... #}) is there to take its row out, text and all: docxtpl's way to
    # keep notes for editors in a template.
    if rest.strip() and not tag.startswith("{#"):
        yield finding(
            "tag-not-alone",
            f"{tag} takes its whole {_ELEMENT[level]} out of the document, so the text beside "
            f"it (\"{shorten(rest, 30)}\") would be lost; put the tag in a {_ELEMENT[level]} of "
            "its own")


def _check_run_tag(tag: str, end: int, paragraph: Paragraph,
                   finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    """docxtpl moves the text that follows a {%r %} tag in the same run into a new, plain run:
    the words stay, their formatting goes."""
    offset = 0
    for run in paragraph.element.iter(f"{W}r"):
        text = _run_text(run)
        if offset < end <= offset + len(text):
            after = text[end - offset:]
            properties = run.find(f"{W}rPr")
            # The proofing language (and "do not check spelling") is no formatting to lose.
            shown = [] if properties is None else [
                p for p in properties if p.tag not in _PROOFING]
            if after.strip() and shown:
                yield finding(
                    "tag-not-alone",
                    f"the text after {tag} (\"{shorten(after, 30)}\") has the same formatting "
                    "as the tag, so the document shows it without that formatting (bold, "
                    "italic, colour...); give the tag formatting of its own, or use "
                    f"{tag.replace('{%r ', '{% ', 1).replace('{{r ', '{{ ', 1)} instead",
                    "warning")
            return
        offset += len(text)


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(f"{W}t"))


_FIELD_ELEMENTS = (f"{W}fldChar", f"{W}instrText", f"{W}fldSimple")


def _check_fields_in_tags(paragraph: Paragraph,
                          finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    """A field Word inserted inside a tag (a page number, a date) shows as its value ("10") in the
    tag's text, so "{{ parties.cli10ent.name }}" would be read as a field that does not exist."""
    element = paragraph.element
    if not any(True for _ in element.iter(*_FIELD_ELEMENTS)):
        return
    nested = element.find(f".//{W}txbxContent") is not None
    offset = 0
    fields: list[int] = []
    for node in element.iter(f"{W}t", f"{W}tab", *_FIELD_ELEMENTS):
        if nested and next(node.iterancestors(f"{W}p")) is not element:
            continue
        if node.tag == f"{W}t":
            offset += len(node.text or "")
        elif node.tag == f"{W}tab":
            parent = node.getparent()
            offset += 1 if parent is not None and parent.tag == f"{W}r" else 0
        else:
            fields.append(offset)
    for match in TAG.finditer(paragraph.text):
        if any(match.start() < at < match.end() for at in fields):
            yield finding(
                "tag-split",
                f"the tag {shorten(match.group(0))} holds a field that Word or LibreOffice "
                "inserted (a page number, a date...), which shows as its value; delete the tag "
                "and type it again in one go, without the field")


def _check_hyperlinks_in_tags(paragraph: Paragraph,
                              finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    """Text of a tag inside a hyperlink: an address typed in ``link('https://...')`` that
    LibreOffice Writer's URL Recognition (or Word's AutoFormat) made a link. The renderer takes
    the link off and reads the tag as typed; said, so that the setting can be turned off."""
    element = paragraph.element
    if element.find(f".//{W}hyperlink") is None:
        return
    offset = 0
    linked: list[tuple[int, int]] = []
    for node in element.iter(f"{W}t", f"{W}tab"):
        length = len(node.text or "") if node.tag == f"{W}t" else 1
        if next(node.iterancestors(f"{W}hyperlink"), None) is not None:
            linked.append((offset, offset + length))
        offset += length
    for match in TAG.finditer(paragraph.text):
        if any(start < match.end() and match.start() < end for start, end in linked):
            yield finding(
                "tag-split",
                f"part of the tag {shorten(match.group(0))} is a hyperlink (the word processor "
                "made an address typed in it a clickable link); the link is taken off and the "
                "tag read as typed, so nothing is lost, but turn off LibreOffice Writer's Tools, "
                "AutoCorrect, AutoCorrect Options..., Options, \"URL Recognition\" (Word: "
                "AutoCorrect Options, AutoFormat As You Type, \"Internet and network paths with "
                "hyperlinks\"), and remove the link (right-click it, Remove Hyperlink)",
                "warning")
            return


def _check_unmendable(paragraph: Paragraph,
                      finding: Callable[..., TemplateFinding]) -> Iterator[TemplateFinding]:
    """Word splits a tag across runs as it likes; docxtpl mends most splits, by taking out the
    Word XML between the pieces of the tag. What it cannot mend still holds Word XML inside the
    tag afterwards, or leaves the paragraph's XML broken (a piece inside a tracked change)."""
    text = paragraph.text
    tags = TAG.findall(text)
    raw = etree.tostring(paragraph.element, encoding="unicode")
    # Most tags are typed in one go and lie whole in one piece of text: nothing to mend.
    if (all(raw.count(_escaped(tag)) >= text.count(tag) for tag in tags)
            and len(_OPEN.findall(raw)) == len(_OPEN.findall(text))
            and len(_CLOSE.findall(raw)) == len(_CLOSE.findall(text))):
        return
    split = next((tag for tag in tags if raw.count(_escaped(tag)) < text.count(tag)), "")
    cause = ("a tracked change" if _TRACKED.search(raw)
             else "a hyperlink" if _HYPERLINK.search(raw)
             else "a field" if _FIELD.search(raw)
             else "a special character or Word formatting")
    advice = {
        "a tracked change": "accept or reject the tracked changes (Review, Accept), then delete "
                            "the tag and type it again in one go",
        # Typed again, the address becomes a link again: the setting must go first.
        "a hyperlink": "the word processor made the address typed in it a clickable link; "
                       "remove the link (right-click it, Remove Hyperlink; the text stays), "
                       "and so that it does not come back, turn off LibreOffice Writer's Tools, "
                       "AutoCorrect, AutoCorrect Options..., Options, \"URL Recognition\" "
                       "(Word: AutoCorrect Options, AutoFormat As You Type, \"Internet and "
                       "network paths with hyperlinks\")",
    }.get(cause, "delete the tag and type it again in one go, with no formatting change")
    patched = docxtpl_patcher().patch_xml(raw)
    for tag in TAG.findall(patched):
        # docxtpl turns &lt; back into < inside tags ({% if a < b %}), so only Word XML left
        # inside a tag after its clean-up marks a split it could not mend.
        if _WORD_XML.search(tag):
            shown = shorten(re.sub(r"<[^>]*>", "", tag))
            yield finding("tag-split",
                          f"the tag {shown} is split by {cause} in a way that cannot be mended; "
                          f"{advice}")
            return
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in
                          paragraph.element.nsmap.items() if prefix)
    try:
        etree.fromstring(f"<mended {namespaces}>{TAG.sub('', patched)}</mended>")
    except etree.XMLSyntaxError:
        shown = shorten(split or (tags[0] if tags else text))
        yield finding("tag-split",
                      f"the tag {shown} is split by {cause} in a way that cannot be mended (the "
                      f"document would come out broken); {advice}")


def check_tracked_changes(template: str, part: str, root: etree._Element,
                          paragraphs: Sequence[Paragraph]) -> Iterator[TemplateFinding]:
    """Tracked changes left in a template reach every document made from it."""
    changes = list(root.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"))
    if not changes:
        return
    by_element = {p.element: p for p in paragraphs}
    first = changes[0]
    holder = next((e for e in (first, *first.iterancestors(), *first.iter(f"{W}p"))
                   if e in by_element), None)
    where = (describe(by_element[holder].place, by_element[holder].text) if holder is not None
             else part.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789"))
    deleted = "".join(t.text or "" for t in root.iter(f"{W}delText"))
    tags = (" Deleted text holds tags (or pieces of tags), which are still read as if they were "
            "there."
            if _MARK.search(deleted) else "")
    count = f"{len(changes)} tracked changes, the first here" if len(changes) > 1 else (
        "a tracked change")
    yield TemplateFinding(
        template, where, "tracked-changes", "error",
        f"this part of the template holds {count}; every document made from it would carry "
        f"{'them' if len(changes) > 1 else 'it'}, deleted text and the editor's name included."
        + tags + " Accept or reject every change (Word: Review, Accept, Accept All Changes; "
        "LibreOffice Writer: Edit, Track Changes, Accept All), then save")


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
                                      f"{tag.text} has no {_at_level('{% if ... %}', tag.level)} "
                                      "(or for) to belong to; delete it, or add the if it belongs to")
            else:
                yield from _same_level(template, stack[-1][1], tag)
        elif name.startswith("end"):
            opened = name[3:]
            if not stack or stack[-1][0] != opened:
                expected = (f"; the block still open here is {stack[-1][1].text}, closed by "
                            f"{_closer(stack[-1][0], stack[-1][1])}") if stack else ""
                advice = "" if expected else (
                    f"; delete it, or add the {_at_level('{% ' + opened + ' ... %}', tag.level)} "
                    "it should close")
                yield TemplateFinding(template, where, "block-unexpected", "error",
                                      f"{tag.text} closes a block that is not open{expected}{advice}")
                if stack and any(name == f"end{n}" for n, _ in stack):
                    while stack and stack[-1][0] != opened:
                        stack.pop()
                    stack.pop()
                continue
            _, opener = stack.pop()
            yield from _same_level(template, opener, tag)
    for name, opener in stack:
        yield TemplateFinding(template, describe(opener.paragraph.place, opener.paragraph.text),
                              "block-unclosed", "error",
                              f"{opener.text} is never closed; add {_closer(name, opener)} where "
                              "it should end")


def _closer(name: str, opener: _Tag) -> str:
    return f"{{%{opener.level} end{name} %}}" if opener.level else f"{{% end{name} %}}"


def _same_level(template: str, opener: _Tag, closer: _Tag) -> Iterator[TemplateFinding]:
    where = describe(closer.paragraph.place, closer.paragraph.text)
    if opener.level != closer.level:
        def kind(tag: _Tag) -> str:
            return f"{{%{tag.level}" if tag.level else "{%"
        yield TemplateFinding(
            template, where, "block-level-mismatch", "error",
            f"{closer.text} is a {kind(closer)} tag but its block was opened with "
            f"{opener.text} ({kind(opener)}); open and close a block with the same kind of tag "
            f"(here {_at_level(closer.text, opener.level)})")
    elif (not opener.level and opener.paragraph is not closer.paragraph
          and opener.paragraph.element.getparent() is not closer.paragraph.element.getparent()):
        # Between two paragraphs side by side (in the body, or in one cell), an inline block is
        # what docxtpl documents for merging paragraphs ({%- ... -%}), and its XML stays whole.
        yield TemplateFinding(
            template, where, "block-level-mismatch", "error",
            f"{closer.text} closes {opener.text} from another paragraph; a block spanning "
            "paragraphs needs {%p ...%} tags, each in a paragraph of its own")


_LEVEL_PREFIX = re.compile(r"^\{%(?:(?:p|tr|tc|r)(?= ))?\s*")


def _at_level(text: str, level: str) -> str:
    """The tag written at another level: _at_level("{% endif %}", "p") is "{%p endif %}"."""
    match = _LEVEL_PREFIX.match(text)
    body = text[match.end():] if match else text
    return f"{{%{level} {body}" if level else f"{{% {body}"

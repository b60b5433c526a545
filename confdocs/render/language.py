"""The document says what language it is in: Word's ``w:lang`` follows the engagement's locale.

A template carries the language it was written in (en-GB for the shipped English set; whatever
Word or LibreOffice put there for an organisation's own), in its style defaults, in its runs and
in ``w:themeFontLang``. A document made from it is tagged with the language it is written in, so
that Word and LibreOffice check its spelling and hyphenate it in that language, and LibreOffice
gives its PDF that /Lang.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .integrity import part_text

# The parts of a package that may tag text with a language.
LANGUAGE_PARTS = re.compile(
    r"^word/(document|styles|stylesWithEffects|settings|numbering|footnotes|endnotes|comments"
    r"|header\d*|footer\d*|glossary/[^/]+)\.xml$")
_TAGGED = re.compile(r"<w:(?:lang|themeFontLang)\b[^>]*>")
_VALUE = re.compile(r'\bw:val="[^"]*"')
_BIDI = re.compile(r'\bw:bidi="[^"]*"')
_DEFAULTS = re.compile(r"(<w:rPrDefault>\s*<w:rPr>)(.*?)(</w:rPr>)", re.S)
# Languages written right to left, which Word tags in w:bidi as well.
_RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"}


def word_language(tag: str) -> str:
    """A BCP 47 tag as Word writes it: 'fr-fr' -> 'fr-FR', 'sr-latn-rs' -> 'sr-Latn-RS'."""
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(out)


def _retag_element(element: str, tag: str, rtl: bool) -> str:
    if _VALUE.search(element):
        element = _VALUE.sub(f'w:val="{tag}"', element, count=1)
    else:
        element = element.replace(" ", f' w:val="{tag}" ', 1) if " " in element else (
            element[:-2] + f' w:val="{tag}"/>' if element.endswith("/>") else element)
    if rtl and element.startswith("<w:lang"):
        element = (_BIDI.sub(f'w:bidi="{tag}"', element, count=1) if _BIDI.search(element)
                   else element.replace("<w:lang", f'<w:lang w:bidi="{tag}"', 1))
    return element


def retag(xml: str, tag: str) -> str:
    """``xml`` (a part) with every language tag set to ``tag``; the style defaults gain one
    where they have none."""
    tag = word_language(tag)
    rtl = tag.split("-", 1)[0] in _RIGHT_TO_LEFT
    if "<w:lang" not in xml and "<w:themeFontLang" not in xml and "<w:rPrDefault>" not in xml:
        return xml
    xml = _TAGGED.sub(lambda match: _retag_element(match.group(0), tag, rtl), xml)
    if "<w:rPrDefault>" in xml:
        def defaults(match: re.Match[str]) -> str:
            if "<w:lang" in match.group(2):
                return match.group(0)
            extra = f' w:bidi="{tag}"' if rtl else ""
            return f'{match.group(1)}{match.group(2)}<w:lang w:val="{tag}"{extra}/>{match.group(3)}'

        xml = _DEFAULTS.sub(defaults, xml, count=1)
    return xml


@lru_cache(maxsize=256)
def retag_bytes(content: bytes, tag: str) -> bytes:
    """:func:`retag` for a part that never changes (kept per language once made)."""
    stored = part_text(content)  # stored again as it was: UTF-8, or UTF-16 with its mark
    return stored.encode(retag(stored.text, tag))

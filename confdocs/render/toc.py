"""A table of contents that shows each document's own page numbers, not the template's.

Word and LibreOffice store a table of contents (a TOC field) with the entries and page numbers it
had when it was last updated: in a document made from a template, the template's. Numbers of
sections change per engagement (``numbering``), and so do the pages; so a template with a table
of contents has every document made from it ask to update its fields when it is opened
(``w:updateFields`` in the document's settings): Word updates the table, headings and page
numbers, on opening. LibreOffice Writer does not read that setting: there, Tools, Update, Update
All (docs/editing-templates.md says so).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TOC = re.compile(rb"<w:instrText[^>]*>\s*TOC\b|w:instr=\"\s*TOC\b")
# What comes after updateFields in a settings part (ECMA-376, CT_Settings), which Word reads in
# order: the setting goes before the first of these that the part has.
_AFTER = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
          "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
          "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
          "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
          "decimalSymbol", "listSeparator")


def has_table_of_contents(document: bytes) -> bool:
    """Whether the main text holds a table of contents (a TOC field)."""
    return _TOC.search(document) is not None


def update_fields_on_open(contents: Mapping[str, bytes]) -> dict[str, bytes]:
    """The package's parts, with its settings asking for fields to be updated on opening when
    its text holds a table of contents; as they were otherwise."""
    parts = dict(contents)
    document = parts.get("word/document.xml")
    settings = parts.get("word/settings.xml")
    if document is None or settings is None or not has_table_of_contents(document):
        return parts
    root = etree.fromstring(settings)
    if root.find(f"{{{_W}}}updateFields") is not None:
        return parts
    update = etree.Element(f"{{{_W}}}updateFields")
    update.set(f"{{{_W}}}val", "true")
    later = next((child for child in root if etree.QName(child).localname in _AFTER), None)
    if later is None:
        root.append(update)
    else:
        later.addprevious(update)
    parts["word/settings.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    return parts

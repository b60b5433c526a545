"""A problem found in a template, placed as its editor sees the document; and every code one can
have (each is explained, with how to fix it, in docs/editing-templates.md)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Severity

CODES: dict[str, str] = {
    "template-unreadable": "the file is not a Word document (.docx) that can be read",
    "package-damaged": "a part of the file is damaged, missing or wrongly named, so documents "
                       "made from it could not be opened",
    "tracked-changes": "the template holds tracked changes, which every document would carry",
    "tag-unclosed": "a tag starts but never ends in its paragraph",
    "tag-unopened": "a tag ends but never starts in its paragraph",
    "tag-split-paragraphs": "a tag is cut in two by a paragraph break",
    "tag-split": "a tag is split by Word in a way that cannot be mended",
    "tag-smart-quotes": "typographic quotes inside a tag",
    "tag-invisible-character": "a no-break space or another invisible character inside {%, %}, "
                               "{{ or }}",
    "tag-misplaced": "a {%tr %} or {%tc %} tag outside a table",
    "tag-not-alone": "a {%p %}, {%tr %}, {%tc %} or {%r %} tag shares its place with text",
    "block-unclosed": "an {% if %} or {% for %} is never closed",
    "block-unexpected": "an endif, endfor, else or elif with no block to belong to",
    "block-level-mismatch": "a block opened and closed with different kinds of tag",
    "jinja-syntax": "a tag the template language cannot read",
    "unknown-field": "a field that does not exist in the engagement schema",
    "loop-variable-outside": "a loop variable used outside its loop",
    "unknown-filter": "a filter (|name) that does not exist",
    "unknown-test": "a test (is name) that does not exist",
    "extra-invalid": "a link, picture or document that cannot be put in",
    "section-missing": "a reference to a section the contract template in use does not number",
    "optional-field-unguarded": "an optional field printed where nothing ensures it is set",
    "render-fails": "rendering fails for a valid engagement made from the schema",
    "render-unbounded": "rendering runs too long or makes too large a document (a loop that "
                        "may never end)",
    "picture-no-alt": "a picture without alternative text",
    "table-no-header": "a table whose rows repeat, without a header row",
    "comment": "a comment left in the template (left out of every document)",
    "track-changes-on": "Track Changes left recording in the template (off in every document)",
    "section-break-in-tag": "a section break in an {%p else %} or {%p elif %} paragraph, or in "
                            "a paragraph a block can hide",
    "tag-joins-paragraphs": "an inline {% if %} or {% for %} that ends in another paragraph, "
                            "joining text its editor kept apart",
    "tag-row-borders": "cell borders on a {%tr %} tag row, which every document loses",
    "external-picture": "a picture linked to an address or file outside the template",
    "attached-template": "the template is attached to a Word template outside it",
    "embedded-html": "an HTML, RTF or Word page embedded whole (altChunk), converted on opening",
    "embedded-object": "an embedded or linked object (OLE) or an ActiveX control",
    "dde-field": "a DDE or DDEAUTO field, which starts another program",
    "include-field": "an INCLUDETEXT, INCLUDEPICTURE, LINK or other field that reads a file or "
                     "address outside the document",
    "external-content": "anything else the template loads from outside itself (a mail merge "
                        "source, a frame, a linked chart's data)",
    "macros": "macros (a VBA project), or a macro-enabled document (.docm) named .docx",
    "set-template-missing": "a language's set lacks a template the reference set (en-GB) has",
    "set-clause-missing": "a template lacks a section the reference set's template numbers",
    "set-field-missing": "a template never prints a field the reference set's template prints",
    "set-condition-missing": "a template lacks a conditional or repeated passage of the "
                             "reference set's template",
    "set-message-missing": "a language's catalogue (messages.po) lacks a translation, or the "
                           "set has no catalogue",
    "catalogue-unreadable": "a language's catalogue (messages.po) cannot be read",
    "catalogue-message-invalid": "a message of a language's catalogue holds a character no "
                                 "Word document can hold",
}


@dataclass(frozen=True)
class TemplateFinding:
    template: str
    place: str  # 'body paragraph 12 ("Signed by...")', 'table 1, row 2, cell 1', 'header' ...
    code: str
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a code the guide does not explain is a bug
            raise ValueError(f"undocumented template finding code {self.code!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

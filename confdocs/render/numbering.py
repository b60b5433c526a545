"""Clause numbers, derived in one place for every document, from the contract template in use.

A contract template numbers a section by printing its number at the start of its heading
(``{{ clause.records }}. Records``): the sections are numbered in the order the template's headings
come, so a section an organisation deletes from its contract takes its number with it and the ones
after it close up, and a section it adds (``{{ clause.complaints }}. Complaints``) gets the next
number. Sections that the data leaves out (no group setting, no emergency provision) take no number
either. The disclosure letters and decision records read their numbers from the contract template
of their engagement's set, so a letter's "clause 8.2" is always that contract's 8.2; a reference to
a section that contract does not have is an error naming the referring paragraph, never a number
that points nowhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

Present = Callable[[Mapping[str, Any]], bool]


def _always(data: Mapping[str, Any]) -> bool:
    return True


def _group(data: Mapping[str, Any]) -> bool:
    return data.get("setting") == "group"


def _emergency(data: Mapping[str, Any]) -> bool:
    return bool(data["disclosure_procedure"].get("emergency_provision"))


# The shipped contract's numbered sections, in the order its template shows them, and when the
# data leaves one out. Every item of the brief's checklist has a section even when the answer is
# "none" (no guidelines, no feedback): the contract says so rather than staying silent. A section
# an organisation adds to its contract is always there.
SECTIONS: tuple[tuple[str, Present], ...] = (
    ("parties", _always),
    ("shared", _always),
    ("not_shared", _always),
    ("group", _group),
    ("guidelines", _always),
    ("professional_body", _always),
    ("feedback_about_client", _always),
    ("feedback_from_others", _always),
    ("limits", _always),
    ("procedure", _always),
    ("emergency", _emergency),
    ("records", _always),
    ("supervision", _always),
    ("review", _always),
)
SECTION_KEYS = tuple(key for key, _ in SECTIONS)
_PRESENT = dict(SECTIONS)
LIMIT = "limit"  # clause.limit[limit.id]: the clauses of the limits section, one per limit

# A section's number printed at the start of its heading ("{{ clause.records }}. Records"), or
# after a word or two and before a stop, a colon or a dash ("Article {{ clause.records }} –"), but
# not at the start of a sentence that cites it ("Section {{ clause.records }} says...").
HEADING = re.compile(r"^\s*(?:(\{\{-?\s*clause\.(\w+)\b[^{}]*\}\})"
                     r"|(?:[^\s{}]+\s+){1,2}(\{\{-?\s*clause\.(\w+)\b[^{}]*\}\})"
                     r"(?=\s*(?:[.:)\t–—-]|$)))")


def heading(text: str) -> tuple[str, str, int] | None:
    """For a paragraph that numbers a section: the tag that prints the number, the section's key
    and where the heading's title starts; None for any other paragraph."""
    match = HEADING.match(text)
    if match is None:
        return None
    if match.group(1):
        return match.group(1), match.group(2), match.end()
    return match.group(3), match.group(4), match.end()


@dataclass(frozen=True)
class Outline:
    """The sections a contract template numbers, in its order (``template``: its path as
    given); ``limit`` in ``sections`` when it numbers a clause per limit."""

    template: str
    sections: tuple[str, ...]


# The shipped contracts' sections: what a context is numbered by when no template is named.
SHIPPED = Outline("", (*SECTION_KEYS[:SECTION_KEYS.index("limits") + 1], LIMIT,
                       *SECTION_KEYS[SECTION_KEYS.index("limits") + 1:]))


def contract_outline(path: Path) -> Outline:
    """The sections the contract template at ``path`` numbers (read again when the file
    changes). Raises TemplateError when it cannot be read; a build checks it first."""
    from ..errors import TemplateError

    try:
        stat = os.stat(path)
    except OSError as exc:
        raise TemplateError(f"{path}: the contract template, whose sections every document "
                            f"cites, cannot be read ({exc.strerror or exc})") from exc
    return _outline(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _outline(path: str, mtime_ns: int, size: int) -> Outline:
    from .places import paragraphs, read_parts

    parts = read_parts(Path(path))
    keys: dict[str, None] = {}
    for paragraph in paragraphs("word/document.xml", parts["word/document.xml"]):
        found = heading(paragraph.text)
        if found is not None and not paragraph.copy:
            keys.setdefault(found[1])
    return Outline(path, tuple(keys))


@dataclass(frozen=True)
class Clauses:
    """``section[key]`` is a section's number ("8"), absent when the section is left out;
    ``limit[limit_id]`` is the number of the clause that declares that limit ("8.2"), empty when
    the contract numbers no such clause."""

    section: Mapping[str, str]
    limit: Mapping[str, str]


def number_clauses(data: Mapping[str, Any], outline: Outline = SHIPPED) -> Clauses:
    """The numbers of the sections ``outline``'s contract numbers, for the engagement ``data``."""
    section: dict[str, str] = {}
    for key in outline.sections:
        if key != LIMIT and _PRESENT.get(key, _always)(data):
            section[key] = str(len(section) + 1)
    limit: dict[str, str] = {}
    limits_number = section.get("limits")
    if limits_number is not None and LIMIT in outline.sections:
        limit = {entry["id"]: f"{limits_number}.{index}"
                 for index, entry in enumerate(data["confidentiality"]["limits"], start=1)}
    return Clauses(section, limit)

"""Clause numbers, derived in one place for every document.

The contract's section headings and the disclosure letters both read their numbers from here, so a
letter's "clause 8.2" is always the contract's 8.2. Sections that the data leaves out (no
group setting, no emergency provision) take no number, and the ones after them close up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Present = Callable[[Mapping[str, Any]], bool]


def _always(data: Mapping[str, Any]) -> bool:
    return True


def _group(data: Mapping[str, Any]) -> bool:
    return data.get("setting") == "group"


def _emergency(data: Mapping[str, Any]) -> bool:
    return bool(data["disclosure_procedure"].get("emergency_provision"))


# The contract's numbered sections, in the order the contract template shows them. Every item of
# the brief's checklist has a section even when the answer is "none" (no guidelines, no feedback):
# the contract says so rather than staying silent.
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


@dataclass(frozen=True)
class Clauses:
    """``section[key]`` is a section's number ("8"), absent when the section is left out;
    ``limit[limit_id]`` is the number of the clause that declares that limit ("8.2")."""

    section: Mapping[str, str]
    limit: Mapping[str, str]


def number_clauses(data: Mapping[str, Any]) -> Clauses:
    section: dict[str, str] = {}
    for key, present in SECTIONS:
        if present(data):
            section[key] = str(len(section) + 1)
    limits_number = section["limits"]
    limit = {
        entry["id"]: f"{limits_number}.{index}"
        for index, entry in enumerate(data["confidentiality"]["limits"], start=1)
    }
    return Clauses(section, limit)

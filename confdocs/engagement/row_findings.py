"""The engagements import made from a roster's rows, checked as `validate` checks them, and each
finding placed where a person finds it: in the roster, at the row and the column of the field it is
about. A finding about the profile stays at the profile, and is said once, not once per row.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..errors import Finding
from .roster import Roster, Row
from .roster_fields import Field

if TYPE_CHECKING:
    from .validate import Outcome

# Rows checked in one process below this; above, the rows are shared among worker processes.
PARALLEL_FROM = 500


class MadeRow(NamedTuple):
    """The engagement made from one row: the file it is checked as (and written to, if it is
    written), its text, and the column each of its values came from, by JSON pointer."""

    row: Row
    path: str
    content: bytes
    places: Mapping[str, int]


def check_rows(made: Sequence[MadeRow], roster: Roster, columns: Mapping[int, Field],
               profile: str, jobs: int | None = None) -> list[Finding]:
    """Check each engagement made from a row of ``roster`` and add its findings to the roster,
    at their row and column; the findings about ``profile`` (and what it extends) are returned."""
    from .validate import once

    about_profile: list[Finding] = []
    reported: set[Finding] = set()
    outcomes = check_engagements([(each.path, each.content) for each in made], jobs)
    for each, outcome in zip(made, outcomes, strict=True):
        for finding in once(outcome, reported).findings:
            if finding.file != each.path:
                about_profile.append(finding)  # where the profile's value stands
            else:
                _place(finding, each, roster, columns, profile)
    _across(made, outcomes, roster, columns, profile)
    return about_profile


def _across(made: Sequence[MadeRow], outcomes: Sequence[Outcome], roster: Roster,
            columns: Mapping[int, Field], profile: str) -> None:
    """The rules across the files (``cohort``) over the rows' engagements, each finding at its
    row and the column of the field it is placed at."""
    from .cohort import cross_findings, place

    facts = [outcome.facts for outcome in outcomes if outcome.facts is not None
             and not any(f.is_error for f in outcome.findings)]
    found = cross_findings(facts)
    for each in made:
        if each.path in found:
            for finding in place(each.path, each.content, found[each.path]):
                _place(finding, each, roster, columns, profile)


def _place(finding: Finding, made: MadeRow, roster: Roster, columns: Mapping[int, Field],
           profile: str) -> None:
    """``finding`` about the engagement made from a row, as a finding of the roster at that row
    and the column of the value it is about (or the row as a whole)."""
    row = made.row
    at = _column_of(finding.pointer, made.places)
    label = columns[at].path if at is not None else ""
    line = row.cells[at].line if at is not None else row.line
    message = _without_path(finding.message, label) if at is not None else finding.message
    if finding.code == "schema-required":
        path = finding.pointer.lstrip("/").replace("/", ".")
        message = (f"{path} is missing; add a column {path} to the roster, or set it in the "
                   f"profile {profile}")
    roster.add(finding.code, finding.severity, row.number, line, at, message, label)


def check_engagement(item: tuple[str, bytes]) -> Outcome:
    """What `validate` says of one engagement, given as its file name and text."""
    from .validate import check_bytes

    return check_bytes(item[0], item[1], want_engagement=False)


def check_engagements(items: list[tuple[str, bytes]], jobs: int | None) -> list[Outcome]:
    """Each engagement's outcome, as `validate` gives it, in order; over ``jobs`` processes
    (default: the number of cores) for a large roster."""
    workers = min(jobs or os.cpu_count() or 1, max(1, len(items) // (PARALLEL_FROM // 2)))
    if workers <= 1 or len(items) < PARALLEL_FROM:
        return [check_engagement(item) for item in items]
    # The first row here: the schema check is compiled and the profile read and checked once,
    # before the workers are forked, rather than once in each of them.
    first = check_engagement(items[0])
    from ..pool import ordered_map, worker_signals

    return [first, *ordered_map(check_engagement, items[1:], workers, initializer=worker_signals,
                                chunksize=64,
                                advice="nothing was written; run the same command again (with "
                                       "fewer --jobs if the machine is short of memory)")]


def _column_of(pointer: str, places: Mapping[str, int]) -> int | None:
    """The column a finding at ``pointer`` is about: the column of that field, or of the list it
    is in; None for a finding about a group the roster does not fill (the row as a whole)."""
    while pointer:
        if pointer in places:
            return places[pointer]
        pointer = pointer.rsplit("/", 1)[0]
    return None


def _without_path(message: str, label: str) -> str:
    """The schema's message, which starts with the field's path, already named in the place."""
    return message[len(label) + 1:] if label and message.startswith(label + " ") else message

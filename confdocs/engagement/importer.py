"""`confdocs import`: one short engagement file per roster row, extending a profile.

Each row becomes ``OUT/<id>.json`` holding ``"extends"`` (the profile, relative to the written
file) and the row's fields. Every merged engagement is validated as ``validate`` would, and every
finding names the roster, the row and the column. All or nothing: a roster with any error writes
no file. A file written by an earlier import and changed by hand since is kept (and named)
unless ``force``; what import wrote is recorded in ``OUT/.confdocs-import.json``.

This module is the import's public face (:func:`import_roster`, :class:`ImportReport`,
:func:`write_example`) and makes the engagements; the steps it calls each have a module:
``cells`` reads a row's cells into values, ``row_findings`` checks the engagements made and
places their findings at the roster's row and column, ``import_record`` decides what becomes of
each file and writes them, ``import_journal`` makes those writes all or none (an import stopped
part of the way is finished by the next), ``example_roster`` writes an empty roster, and
``roster_fields`` holds the fields a column may name.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EXIT_FINDINGS, EXIT_OK, Finding, InputError
from ..jsonfile import dumps
from ..lock import locked
from .cells import cell_text, read_header, read_row, written_dates
from .example_roster import write_example
from .import_journal import pending, pending_finding, recover
from .import_record import Planned, decide, write_files
from .roster import Roster, read_roster
from .roster_dates import DateReading, decide_order
from .roster_fields import Field, profile_data
from .row_findings import MadeRow, check_rows

__all__ = ["ImportReport", "Planned", "import_roster", "write_example"]


@dataclass
class ImportReport:
    """What an import found and did: its findings (the roster's first), each file it would
    write with what becomes of it, whether it wrote them, and the files it wrote before whose
    row is gone."""

    roster: str
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    gone: list[str] = field(default_factory=list)  # written before, no longer in the roster

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.findings):
            return EXIT_FINDINGS
        return EXIT_OK

    def count(self, state: str) -> int:
        return sum(1 for p in self.planned if p.state == state)


def import_roster(roster_name: str, profile: str, out_dir: str, *, dry_run: bool = False,
                  force: bool = False, sheet: str | None = None,
                  jobs: int | None = None, date_order: str | None = None) -> ImportReport:
    """Read the roster, make and validate each row's engagement, and write them all (or, with
    any error, none). Dates written as text with the year last (02/03/2026) are read in
    ``date_order`` ("dmy" or "mdy"), else in the order of the profile's locale, else as the
    roster's own dates allow."""
    out = _destination(profile, out_dir)
    roster = read_roster(roster_name, sheet)
    report = ImportReport(roster_name, dry_run=dry_run)
    if roster.refused:
        report.findings = roster.findings  # too large or damaged: nothing of it was read
        return report
    unusable = _unusable_profile(profile)
    if unusable:
        report.findings = unusable  # said once, not once per row
        return report
    # An import into this folder that was interrupted is finished before the folder is read.
    recovered = _recover(out) if not dry_run and pending(out) else []
    columns = read_header(roster)
    locale = profile_data(profile).get("locale")
    dates = decide_order(date_order, locale if isinstance(locale, str) else None,
                         written_dates(roster, columns))
    made = _make_engagements(roster, columns, Path(profile), out, report, dates)
    about_profile = check_rows(made, roster, columns, profile, jobs)  # the rest to the roster
    report.findings = [*roster.findings, *about_profile]
    report.findings.sort(key=lambda f: (f.file != roster_name, f.file, f.line, f.column))
    report.findings.extend(recovered)
    if dry_run or report.errors:
        unfinished = pending_finding(out) if dry_run else None
        if unfinished is not None:
            report.findings.append(unfinished)
        _decide(report, out, force, roster, columns)  # with no one else's leave needed
        return report
    # One import at a time in a folder: the files already there, the import record, and what
    # this import writes are read and written by one process from start to end.
    with locked(out, writer="import"), _writing(out):
        report.findings.extend(recover(out))  # and what a killed import left staged goes
        _decide(report, out, force, roster, columns)
        if not report.errors:
            write_files(report.planned, report.roster, out)
            report.written = True
    return report


def _recover(out: Path) -> list[Finding]:
    with locked(out, writer="import"), _writing(out):
        return recover(out)


@contextlib.contextmanager
def _writing(out: Path) -> Iterator[None]:
    """A write into ``out`` that fails (a full disk, a read-only folder) is said in one line,
    with what became of the import."""
    try:
        yield
    except OSError as exc:
        where = exc.filename if isinstance(exc.filename, str) else str(out)
        state = ("it stopped part of the way, and the next import finishes it" if pending(out)
                 else "nothing was changed")
        raise InputError(f"{where}: cannot be written ({exc.strerror or exc}); {state}: free "
                         "some space, check the folder's permissions, or choose another "
                         "--out") from None


def _decide(report: ImportReport, out: Path, force: bool, roster: Roster,
            columns: dict[int, Field]) -> None:
    decision = decide(report.planned, report.roster, out, force)
    report.findings.extend(decision.findings)
    report.findings.extend(_ids_of_kept_files(report.planned, roster, columns))
    report.gone = decision.gone


def _destination(profile: str, out_dir: str) -> Path:
    """The folder to write into, once the profile and the folder are known to be usable."""
    from .profiles import is_profile_path

    if not os.path.isfile(profile):
        raise InputError(f"{profile}: no such profile (--profile names the profile file the "
                         "written engagements extend)")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: not a folder; --out names the folder to write into")
    if is_profile_path(str(out / "x.json")):
        raise InputError(f"{out}: engagement files in a folder named profiles would be read as "
                         "profiles; choose another --out")
    return out


def _make_engagements(roster: Roster, columns: dict[int, Field], profile: Path, out: Path,
                      report: ImportReport, dates: DateReading) -> list[MadeRow]:
    """The engagement of each row with an id of its own (a row without one is a finding of
    ``roster``); each file whose name is safe is also planned in ``report``."""
    start = _start(profile, out)
    ids: dict[str, int] = {}
    id_column = next((i for i, c in columns.items() if c.path == "id"), None)
    named = {f"{cell_text(row.cells[id_column])}.json" for row in roster.rows
             if id_column is not None and id_column in row.cells}
    existing = _existing_ids(out, named)
    made: list[MadeRow] = []
    for row in roster.rows:
        report.rows += 1
        data, places = read_row(roster, row, columns, start, dates)
        ident = data.get("id")
        if not isinstance(ident, str) or not ident:
            if columns and id_column is not None:
                roster.add("roster-no-id", "error", row.number, row.line, id_column,
                           "has no id; give each row its own id (it names the engagement file)",
                           "id")
            continue
        taken = _id_taken(ident, row.number, ids, existing, out)
        if taken is not None:
            roster.add(taken[0], "error", row.number, row.line, places.get("/id"), taken[1], "id")
            continue
        safe = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", ident) is not None
        target = out / (f"{ident}.json" if safe else f"row-{row.number}.json")
        content = (dumps(data) + "\n").encode("utf-8")
        made.append(MadeRow(row, str(target), content, places))
        if safe:
            report.planned.append(Planned(row, ident, target, content))
    return made


def _start(profile: Path, out: Path) -> dict[str, Any]:
    """What every written file begins with: the profile's "$schema" and the profile it extends."""
    extends = _relative(profile, out)
    start: dict[str, Any] = {}
    schema_ref = _schema_reference(profile, out)
    if schema_ref:
        start["$schema"] = schema_ref  # so that editors check and complete the written files
    start["extends"] = extends
    return start


def _id_taken(ident: str, number: int, ids: dict[str, int], existing: dict[str, str],
              out: Path) -> tuple[str, str] | None:
    """The code and message of the error when row ``number`` may not have ``ident``: an
    earlier row has it (``ids``, which gets it otherwise), or a file already in ``out`` does."""
    folded = ident.casefold()
    if folded in ids:
        return ("roster-duplicate-id", f"id {ident!r} is also in row {ids[folded]} (ids that "
                "differ only in case are one); give each row its own id")
    ids[folded] = number
    owner = existing.get(folded)
    if owner is not None and owner != f"{ident}.json":
        return ("roster-id-in-use", f"id {ident!r} is already used by {out / owner}; give this "
                "row another id, or remove that file")
    return None


def _ids_of_kept_files(planned: list[Planned], roster: Roster,
                       columns: dict[int, Field]) -> list[Finding]:
    """A file the import keeps (changed by hand, or not written by it) whose id is another
    row's: the folder would hold two engagements of one id. Said at that row's id, naming the
    file. (A file named as a row is left out of the ids read before writing, since it is
    usually replaced; only once it is known to be kept does its id count.)"""
    rows = {p.ident.casefold(): p for p in planned}
    id_column = next((i for i, c in columns.items() if c.path == "id"), None)
    findings: list[Finding] = []
    for kept in (p for p in planned if p.state == "kept"):
        try:
            data = json.loads(kept.path.read_bytes())
        except (OSError, ValueError, RecursionError):
            continue
        ident = data.get("id") if isinstance(data, dict) else None
        other = rows.get(ident.casefold()) if isinstance(ident, str) else None
        if other is None or other is kept:
            continue
        findings.append(roster.finding(
            "roster-id-in-use", "error", other.row.number, other.row.line, id_column,
            f"id {other.ident!r} is already used by {kept.path}, which the import keeps as it "
            "is; give this row another id, change or remove that file, or run the import with "
            "--force to replace it", "id"))
    return findings


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target, folder)).as_posix()


def _unusable_profile(profile: str) -> list[Finding]:
    """What stops ``profile`` (or a profile it extends) from being used at all: not JSON, not
    an object, a missing or circular extends."""
    from .profiles import chain_of, check_profile
    from .source import read_source

    try:
        raw = Path(profile).read_bytes()
    except OSError as exc:
        raise InputError(f"{profile}: cannot be read ({exc.strerror or exc})") from None
    source = read_source(profile, raw)
    if source.data is None or not isinstance(source.data, dict):
        return source.findings
    chain = chain_of(source)
    if chain.findings or chain.broken:
        check_profile(source)
        return [*chain.findings, *(f for p in chain.profiles for f in p.source.findings
                                   if f.is_error)]
    return []


def _schema_reference(profile: Path, out: Path) -> str | None:
    """The profile's "$schema", as the written files in ``out`` must write it (a relative path
    is relative to the file that holds it)."""
    try:
        data = json.loads(profile.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    ref = data.get("$schema") if isinstance(data, dict) else None
    if not isinstance(ref, str) or not ref:
        return None
    if "://" in ref or ref.startswith("/"):
        return ref
    return _relative(profile.parent / ref, out)


def _existing_ids(out: Path, named: set[str]) -> dict[str, str]:
    """The ids of the engagement files already in ``out`` (casefolded), by file name; a file
    named as a row of the roster is not read (what happens to it is decided when writing)."""
    found: dict[str, str] = {}
    if not out.is_dir():
        return found
    for path in sorted(out.glob("*.json")):
        if path.name.startswith("."):
            continue  # the record, an import's staged files: no engagement, nor read as one
        if path.name in named:
            found.setdefault(path.stem.casefold(), path.name)
            continue
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            continue
        ident = data.get("id") if isinstance(data, dict) else None
        if isinstance(ident, str):
            found.setdefault(ident.casefold(), path.name)
    return found

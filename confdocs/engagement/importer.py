"""`confdocs import`: one short engagement file per roster row, extending a profile.

Each row becomes ``OUT/<id>.json`` holding ``"extends"`` (the profile, relative to the written
file) and the row's fields. Every merged engagement is validated as ``validate`` would, and every
finding names the roster, the row and the column. All or nothing: a roster with any error writes
no file. A file written by an earlier import and changed by hand since is kept (and named)
unless ``force``; what import wrote is recorded in ``OUT/.confdocs-import.json``.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from ..errors import EXIT_FINDINGS, EXIT_OK, Finding, InputError
from ..jsonfile import dumps
from .roster import Cell, Roster, Row, column_letter, read_roster

if TYPE_CHECKING:
    from .validate import Outcome

RECORD = ".confdocs-import.json"
EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                "#GETTING_DATA", "#SPILL!", "#CALC!"}
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")
# Common optional fields an example roster offers after the required ones the profile leaves open.
COMMON_OPTIONAL = ("parties.client.email", "parties.client.preferred_name",
                   "parties.client.job_title", "dates.end", "dates.agreed")
# Never from a roster: what makes the file a short engagement file.
NOT_FROM_ROSTER = {"extends", "$schema"}


# --- the fields a header may name ---------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    path: str  # as templates and docs/fields.md write it: parties.client.email
    schema: Mapping[str, Any]

    @property
    def pointer(self) -> str:
        return "/" + self.path.replace(".", "/")

    @property
    def kind(self) -> str:
        """string, date, boolean, integer, number, list, or const."""
        schema = self.schema
        kind = schema.get("type")
        if kind == "array":
            return "list"
        if kind == "string" and schema.get("format") == "date":
            return "date"
        if kind in ("boolean", "integer", "number", "string"):
            return str(kind)
        if "const" in schema and not isinstance(schema["const"], str):
            return "integer"
        return "string"  # enums of text


@cache
def fields() -> dict[str, Field]:
    """Every field a roster column may name: values and lists of text, never lists of entries."""
    from ..resources import load_schema

    found: dict[str, Field] = {}

    def walk(schema: Mapping[str, Any], path: str) -> None:
        kind = schema.get("type")
        if kind == "object":
            for name, sub in schema.get("properties", {}).items():
                if name not in NOT_FROM_ROSTER:
                    walk(sub, f"{path}.{name}" if path else name)
        elif kind == "array":
            if schema.get("items", {}).get("type") == "string":
                found[path] = Field(path, schema)
        else:
            found[path] = Field(path, schema)

    walk(load_schema(), "")
    return found


@cache
def _groups() -> dict[str, str]:
    """Objects and lists of entries, by path: what a column cannot name, and why."""
    from ..resources import load_schema

    groups: dict[str, str] = {}

    def walk(schema: Mapping[str, Any], path: str) -> None:
        kind = schema.get("type")
        if kind == "object":
            if path:
                groups[path] = "object"
            for name, sub in schema.get("properties", {}).items():
                walk(sub, f"{path}.{name}" if path else name)
        elif kind == "array" and schema.get("items", {}).get("type") == "object":
            groups[path] = "entries"

    walk(load_schema(), "")
    return groups


def _header_problem(text: str) -> str:
    if text in NOT_FROM_ROSTER:
        return (f"{text} is what import writes itself (the profile is --profile); remove the "
                "column")
    group = _groups().get(text)
    if group == "object":
        inside = [p for p in fields() if p.startswith(text + ".")][:3]
        return (f"{text} is a group of fields; name one field per column, such as "
                f"{', '.join(inside)}")
    if group == "entries":
        return (f"{text} is a list of entries, which a cell cannot hold; set it in the profile, "
                "or edit the engagement files import writes")
    close = difflib.get_close_matches(text, list(fields()), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else ""
    return (f"{text!r} is not a field of an engagement{hint} (docs/fields.md lists them: "
            "parties.client.email, dates.start...)")


# --- a cell to a value ---------------------------------------------------------------------------

def _iso(value: _dt.date | _dt.datetime) -> str:
    return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()


def _serial_date(number: float, date1904: bool) -> str:
    epoch = _dt.date(1904, 1, 1) if date1904 else _dt.date(1899, 12, 30)
    return (epoch + _dt.timedelta(days=int(number))).isoformat()


def _text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        zeros = cell.number_format
        if zeros and set(zeros) == {"0"} and len(zeros) > len(str(value)):
            return str(value).zfill(len(zeros))  # a number shown with leading zeros, kept
        return str(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return _iso(value)
    if isinstance(value, _dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


class CellError(ValueError):
    pass


def convert(cell: Cell, column: Field, date1904: bool = False) -> Any:
    """The JSON value of ``cell`` for ``column``; CellError says what is wrong and what to do."""
    value = cell.value
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        raise CellError(f"shows the error {value.strip()}; fix the formula, or type the value")
    kind = column.kind
    if kind == "date":
        if isinstance(value, (_dt.datetime, _dt.date)):
            return _iso(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _serial_date(value, date1904)  # an Excel date serial number
        text = _text(cell)
        if _SERIAL.match(text):
            return _serial_date(float(text), date1904)
        return text  # ISO text; anything else the schema check explains
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        word = _text(cell).lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise CellError(f"{_text(cell)!r} is not true or false; write true, false, yes or no")
    if kind in ("integer", "number"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = value
        else:
            text = _text(cell).replace(" ", "")
            try:
                number = float(text.replace(",", ".")) if kind == "number" else int(text)
            except ValueError:
                raise CellError(f"{_text(cell)!r} is not a {'whole ' if kind == 'integer' else ''}"
                                "number; write digits only") from None
        if kind == "integer":
            if isinstance(number, float) and not number.is_integer():
                raise CellError(f"{number} is not a whole number")
            return int(number)
        return number
    if kind == "list":
        # One entry per line of the cell (Alt+Enter in Excel, a line break in a quoted CSV cell).
        return [line.strip() for line in _text(cell).splitlines() if line.strip()]
    return _text(cell)


# --- the import ---------------------------------------------------------------------------------

@dataclass
class Planned:
    """One file the import would write."""

    row: Row
    ident: str
    path: Path
    content: bytes
    state: str = "new"  # new, updated, unchanged, kept (changed by hand), replaced (--force)


@dataclass
class ImportReport:
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


def _columns(roster: Roster) -> dict[int, Field]:
    columns: dict[int, Field] = {}
    seen: dict[str, int] = {}
    known = fields()
    for index, cell in sorted(roster.header.items()):
        text = _text(cell)
        if text in seen:
            roster.add("roster-duplicate-column", "error", 1, cell.line, index,
                       f"{text} is also column {column_letter(seen[text])}; keep one of them",
                       text)
            continue
        seen[text] = index
        if text not in known:
            roster.add("roster-unknown-column", "error", 1, cell.line, index,
                       _header_problem(text), text)
            continue
        columns[index] = known[text]
    if not roster.header:
        roster.add("roster-no-header", "error", 1, 1, None,
                   "the first row is empty; it must name the fields, such as id, "
                   "parties.client.name, parties.client.email, dates.start")
    elif "id" not in seen:
        roster.add("roster-no-id", "error", 1, 1, None,
                   "no column is named id; add one: each row's id names its engagement file "
                   "and its documents' folder")
    return columns


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


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


def _record(out: Path) -> dict[str, str]:
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
        files = record.get("files", {})
        return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}
    except (OSError, ValueError, AttributeError):
        return {}


def import_roster(roster_name: str, profile: str, out_dir: str, *, dry_run: bool = False,
                  force: bool = False, sheet: str | None = None,
                  jobs: int | None = None) -> ImportReport:
    """Read the roster, make and validate each row's engagement, and write them all (or, with
    any error, none)."""
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
    roster = read_roster(roster_name, sheet)
    report = ImportReport(roster_name, dry_run=dry_run)
    unusable = _unusable_profile(profile)
    if unusable:
        report.findings = unusable  # said once, not once per row
        return report
    columns = _columns(roster)
    extends = _relative(Path(profile), out)
    start: dict[str, Any] = {}
    schema_ref = _schema_reference(Path(profile), out)
    if schema_ref:
        start["$schema"] = schema_ref  # so that editors check and complete the written files
    start["extends"] = extends
    ids: dict[str, int] = {}
    id_column = next((i for i, c in columns.items() if c.path == "id"), None)
    named = {f"{_text(row.cells[id_column])}.json" for row in roster.rows
             if id_column is not None and id_column in row.cells}
    existing = _existing_ids(out, named)
    reported: set[Finding] = set()
    made: list[tuple[Row, str, bytes, dict[str, int]]] = []
    for row in roster.rows:
        report.rows += 1
        data: dict[str, Any] = dict(start)
        places: dict[str, int] = {}
        for index, cell in sorted(row.cells.items()):
            column = columns.get(index)
            if column is None:
                if index not in roster.header:
                    roster.add("roster-cell-without-header", "error", row.number, cell.line,
                               index, "holds a value but its column has no name in row 1; "
                               "name the column or clear the cell")
                continue
            try:
                value = convert(cell, column, roster.date1904)
            except CellError as exc:
                roster.add("roster-cell", "error", row.number, cell.line, index, str(exc),
                           column.path)
                continue
            if value == []:
                continue
            _set(data, column.path, value)
            places[column.pointer] = index
        ident = data.get("id")
        if not isinstance(ident, str) or not ident:
            if columns and id_column is not None:
                roster.add("roster-no-id", "error", row.number, row.line, id_column,
                           "has no id; give each row its own id (it names the engagement file)",
                           "id")
            continue
        folded = ident.casefold()
        if folded in ids:
            roster.add("roster-duplicate-id", "error", row.number, row.line, places.get("/id"),
                       f"id {ident!r} is also in row {ids[folded]} (ids that differ only in case "
                       "are one); give each row its own id", "id")
            continue
        ids[folded] = row.number
        name = f"{ident}.json"
        owner = existing.get(folded)
        if owner is not None and owner != name:
            roster.add("roster-id-in-use", "error", row.number, row.line, places.get("/id"),
                       f"id {ident!r} is already used by {out / owner}; give this row another id, "
                       "or remove that file", "id")
            continue
        safe = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", ident) is not None
        target = out / (name if safe else f"row-{row.number}.json")
        content = (dumps(data) + "\n").encode("utf-8")
        made.append((row, str(target), content, places))
        if safe:
            report.planned.append(Planned(row, ident, target, content))
    from .validate import once

    checked = _checked([(written, content) for _, written, content, _ in made], jobs)
    for (row, written, _, places), outcome in zip(made, checked, strict=True):
        # A finding about the profile is said once, not once for each row.
        for finding in once(outcome, reported).findings:
            if finding.file != written:
                report.findings.append(finding)  # about the profile, where its value stands
                continue
            at = _column_of(finding.pointer, places)
            label = columns[at].path if at is not None else ""
            line = row.cells[at].line if at is not None else row.line
            message = _without_path(finding.message, label) if at is not None else (
                finding.message)
            if finding.code == "schema-required":
                path = finding.pointer.lstrip("/").replace("/", ".")
                message = (f"{path} is missing; add a column {path} to the roster, or set it in "
                           f"the profile {profile}")
            roster.add(finding.code, finding.severity, row.number, line, at, message, label)
    report.findings[:0] = roster.findings
    report.findings.sort(key=lambda f: (f.file != roster_name, f.file, f.line, f.column))
    _decide(report, out, force)
    if report.errors or dry_run:
        return report
    _write(report, out)
    return report


# Rows checked in one process below this; above, the rows are shared among worker processes.
PARALLEL_FROM = 500


def _check_one(item: tuple[str, bytes]) -> Outcome:
    from .validate import check_bytes

    return check_bytes(item[0], item[1], want_engagement=False)


def _checked(items: list[tuple[str, bytes]], jobs: int | None) -> list[Outcome]:
    """Each engagement's findings, as `validate` gives them, in order; over ``jobs`` processes
    (default: the number of cores) for a large roster."""
    workers = min(jobs or os.cpu_count() or 1, max(1, len(items) // (PARALLEL_FROM // 2)))
    if workers <= 1 or len(items) < PARALLEL_FROM:
        return [_check_one(item) for item in items]
    # The first row here: the schema check is compiled and the profile read and checked once,
    # before the workers are forked, rather than once in each of them.
    first = _check_one(items[0])
    from ..pool import ordered_map, worker_signals

    return [first, *ordered_map(_check_one, items[1:], workers, initializer=worker_signals,
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


def _decide(report: ImportReport, out: Path, force: bool) -> None:
    """Whether each file is new, unchanged, updated, or changed by hand since import wrote it."""
    record = _record(out)
    # One listing of the folder, rather than a failed open for each new file (a first import
    # of 10,000 rows spent a second and a half on those).
    try:
        present = {entry.name for entry in os.scandir(out)}
    except OSError:
        present = set()
    for planned in report.planned:
        if planned.path.parent == out and planned.path.name not in present:
            continue  # a new file
        try:
            current = planned.path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.findings.append(Finding(str(planned.path), 1, 1, "import-unreadable", "error",
                                           "", f"cannot be read ({exc.strerror or exc})"))
            continue
        sha = hashlib.sha256(current).hexdigest()
        if current == planned.content:
            planned.state = "unchanged"
        elif record.get(planned.path.name) == sha:
            planned.state = "updated"
        elif force:
            planned.state = "replaced"
        else:
            planned.state = "kept"
            why = ("was changed by hand since confdocs import wrote it"
                   if planned.path.name in record else "was not written by confdocs import")
            report.findings.append(Finding(
                str(planned.path), 1, 1, "import-file-kept", "warning", "",
                f"{why}, so it is kept as it is (roster {report.roster}, row "
                f"{planned.row.number}); move the change into the roster or the profile, or "
                "run the import again with --force to replace it"))
    rows = {p.path.name for p in report.planned}
    report.gone = sorted(name for name in record if name not in rows and (out / name).exists())
    for name in report.gone:
        report.findings.append(Finding(
            str(out / name), 1, 1, "import-row-gone", "warning", "",
            f"an earlier import wrote it, but its row is no longer in {report.roster}; it is left "
            "as it is: delete it if that engagement is not to be built"))


def _write(report: ImportReport, out: Path) -> None:
    record = _record(out)
    out.mkdir(parents=True, exist_ok=True)
    for planned in report.planned:
        if planned.state in ("new", "updated", "replaced"):
            write_atomic(planned.path, planned.content, make_folder=False)
        if planned.state != "kept":
            record[planned.path.name] = hashlib.sha256(planned.content).hexdigest()
    if report.planned:
        text = dumps({"tool": "confdocs import", "roster": report.roster,
                      "files": dict(sorted(record.items()))}) + "\n"
        write_atomic(out / RECORD, text.encode("utf-8"))
    report.written = True


# --- an example roster ----------------------------------------------------------------------

def open_columns(profile: str) -> list[Field]:
    """The columns a roster for ``profile`` needs: the required fields the profile (and what it
    extends) does not set, then the common optional ones it does not set either."""
    from ..resources import load_schema
    from .profiles import chain_of, merge
    from .source import read_source

    try:
        raw = Path(profile).read_bytes()
    except OSError as exc:
        raise InputError(f"{profile}: cannot be read ({exc.strerror or exc})") from None
    source = read_source(profile, raw)
    chain = chain_of(source)
    if source.data is None or chain.findings or chain.broken:
        problems = [*source.findings, *chain.findings]
        said = "; ".join(f"{f.file}:{f.line}:{f.column}: {f.message}" for f in problems[:3])
        raise InputError(f"{profile}: cannot be used as a profile: {said or 'not readable'}; "
                         f"confdocs validate {profile} says more")
    data: Any = {}
    for item in reversed(chain.profiles):
        data = merge(data, item.source.data)
    data = merge(data, source.data)

    def has(path: str) -> bool:
        value: Any = data
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return False
            value = value[part]
        return True

    known = fields()
    wanted: list[str] = []

    def required(schema: Mapping[str, Any], path: str) -> Iterator[str]:
        for name in schema.get("required", []):
            sub = schema.get("properties", {}).get(name, {})
            child = f"{path}.{name}" if path else name
            if sub.get("type") == "object":
                yield from required(sub, child)
            elif child in known and not has(child):
                yield child

    for path in required(load_schema(), ""):
        if path not in wanted and path != "schema_version":
            wanted.append(path)
    if "id" in wanted:
        wanted.remove("id")
    wanted.insert(0, "id")
    for path in COMMON_OPTIONAL:
        if path not in wanted and not has(path):
            wanted.append(path)
    return [known[path] for path in wanted]


def write_example(profile: str, target: str) -> list[Field]:
    """An empty roster whose header holds the columns ``profile`` leaves open: in a workbook
    each with its description as a cell comment; in CSV the header alone."""
    columns = open_columns(profile)
    path = Path(target)
    if path.suffix.lower() == ".xlsx":
        import io

        from openpyxl import Workbook
        from openpyxl.comments import Comment
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Roster"
        for index, column in enumerate(columns, 1):
            cell = sheet.cell(row=1, column=index, value=column.path)
            cell.font = Font(bold=True)
            description = str(column.schema.get("description", ""))
            if column.kind == "date":
                description += " Type a date; it is read as YYYY-MM-DD."
            elif column.kind == "list":
                description += " One entry per line of the cell (Alt+Enter)."
            elif column.kind == "boolean":
                description += " Write yes or no."
            cell.comment = Comment(description.strip(), "confdocs", width=320, height=140)
            sheet.column_dimensions[column_letter(index)].width = max(18, len(column.path) + 2)
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        write_atomic(path, buffer.getvalue())
    elif path.suffix.lower() == ".csv":
        import csv
        import io

        text = io.StringIO(newline="")
        csv.writer(text).writerow([c.path for c in columns])
        write_atomic(path, ("\ufeff" + text.getvalue()).encode("utf-8"))
    else:
        raise InputError(f"{target}: write the example roster as .xlsx or .csv")
    return columns


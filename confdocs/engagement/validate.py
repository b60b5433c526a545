"""Validation of engagement files: files -> source -> schema + rules -> findings.

Every input gets an outcome; one bad file never stops the others, and one error never hides the next.
"""

from __future__ import annotations

import copy
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from ..atomic import LOCK_FILE
from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Finding, InvalidEngagementError
from .cohort import Facts, cross_findings, facts_of, place
from .coverage import SHIPPED, Coverage, LocaleCoverage, resolve
from .import_journal import JOURNAL as IMPORT_JOURNAL
from .import_journal import interrupted, pending
from .rules import run_rules
from .source import (
    MAX_FILE_BYTES,
    Source,
    check_depth_and_text,
    may_hold_invalid_text,
    read_source,
)
from .state_files import MANIFEST, is_manifest, is_state_file
from .version import check_version

STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Engagement:
    """A valid engagement: its file, and its data with the schema's defaults filled in."""

    path: str
    data: Mapping[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    @property
    def locale(self) -> str:
        return str(self.data["locale"])


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be read at all (exit 2), as opposed to a finding about its content."""

    path: str
    message: str


@dataclass(frozen=True)
class Outcome:
    """What validating one file gave: its findings and, when it has no errors, the engagement."""

    path: str
    findings: tuple[Finding, ...]
    engagement: Engagement | None
    engagement_id: str | None = None
    # The profiles the file extends, nearest first, with the sha256 of each (for the manifest).
    profiles: tuple[tuple[str, str], ...] = ()
    is_profile: bool = False
    # Errors only in its profiles (reported at the profile, perhaps for another engagement).
    blocked: bool = False
    # What the rules across the files of a run need of it (a valid engagement only).
    facts: Facts | None = None


@dataclass
class ValidationReport:
    """Every finding of a run, every input that could not be read, and every file checked."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # Engagements with no error of their own that a profile's errors make invalid.
    blocked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def exit_code(self, *, strict: bool = False) -> int:
        if self.problems:
            return EXIT_USAGE
        if self.errors or (strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK


def discover(paths: Iterable[str | os.PathLike[str]], *,
             extending_in: Iterable[str | os.PathLike[str]] = ()) -> Iterator[str | InputProblem]:
    """Expand the inputs: files as given, directories to their *.json files (sorted, recursive;
    hidden files and folders, and links to folders, are not entered). The files confdocs keeps
    for itself (an import's record, a build's manifest.json...) are passed over, however named.

    Then, for each folder of ``extending_in``, the files under it that extend one of those found
    (directly or through other profiles), each once: a profile is checked together with every
    engagement its change changes."""
    seen: set[str] = set()
    found_files: list[str] = []
    for item in _named(paths, seen):
        if isinstance(item, str) and item != STDIN:
            found_files.append(item)
        yield item
    roots = [os.fspath(root) for root in extending_in]
    if not roots or not found_files:
        return
    from .extending import extending

    targets = {os.path.realpath(name) for name in found_files}
    said: set[str] = set()
    for root in roots:
        candidates: list[str] = []
        for file in _json_files(root, "" if root == "." else root.rstrip("/") + "/"):
            if isinstance(file, InputProblem):
                if file.message not in said:  # a folder also named is said once
                    said.add(file.message)
                    yield file
            elif os.path.realpath(file) not in targets:
                candidates.append(file)
        for name in extending(targets, candidates):
            targets.add(os.path.realpath(name))  # once, though two roots hold it
            yield name


def _named(paths: Iterable[str | os.PathLike[str]], seen: set[str],
           ) -> Iterator[str | InputProblem]:
    """The files the inputs name (see :func:`discover`)."""
    looked_at: dict[str, bool] = {}  # folder of a file named: whether an import left it unfinished
    for given in paths:
        name = os.fspath(given)
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            root = str(path)  # as pathlib writes it: "./samples/" is "samples"
            found = False
            for file in _json_files(root, "" if root == "." else root.rstrip("/") + "/"):
                found = True
                if isinstance(file, InputProblem):
                    yield file
                elif file not in seen:
                    seen.add(file)
                    yield file
            if not found:
                yield InputProblem(name, f"{name}: the directory holds no *.json file")
        elif path.exists() or path.is_symlink():
            if is_state_file(name):
                continue  # confdocs' own, never an engagement (pre-commit names every *.json)
            folder = os.path.dirname(name) or "."
            if folder not in looked_at:
                looked_at[folder] = pending(Path(folder))
                if looked_at[folder]:  # said once, for however many of its files are named
                    yield InputProblem(folder, interrupted(folder))
            if name not in seen and not looked_at[folder]:
                seen.add(name)
                yield name
        else:
            yield InputProblem(name, f"{name}: no such file or directory")


def _json_files(folder: str, prefix: str, top: bool = True) -> Iterator[str | InputProblem]:
    """The *.json files under ``folder``, each named ``prefix`` + its path below it, in the order
    of their paths' parts. Only names are held, never Path or DirEntry objects: a folder of
    10,000 engagements as Path objects held 5 MB while they were sorted."""
    files: list[str] = []
    folders: list[str] = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                name = entry.name
                if name == LOCK_FILE:
                    # A folder confdocs builds into: its manifest.json is no engagement.
                    if top:
                        yield InputProblem(folder, f"{folder}: a folder confdocs builds "
                                           f"documents into (it holds {LOCK_FILE}); its "
                                           "manifest.json is not an engagement, so name the "
                                           "engagements' folder instead")
                    return
                if name == IMPORT_JOURNAL:
                    # Part old, part new: none of it is read, rather than half a cohort.
                    yield InputProblem(prefix.rstrip("/") or folder,
                                       interrupted(prefix.rstrip("/") or folder))
                    return
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(name)
                    elif name.endswith(".json") and entry.is_file() and not (
                            name == MANIFEST and is_manifest(os.path.join(folder, name))):
                        # A build's manifest.json outside a folder holding its lock (merged
                        # from shards, or copied) is no engagement either.
                        files.append(name)
                except OSError:
                    continue
    except OSError as exc:
        # Said, never skipped silently: its engagements would be missing from the run unnoticed.
        shown = prefix.rstrip("/") or folder
        why = ("permission denied; check the folder's permissions"
               if isinstance(exc, PermissionError) else f"cannot be listed ({exc.strerror or exc})")
        yield InputProblem(shown, f"{shown}: {why}")
        return
    below = set(folders)
    for name in sorted(files + folders):
        if name in below:
            yield from _json_files(os.path.join(folder, name), f"{prefix}{name}/", False)
        else:
            yield prefix + name


def read_input(name: str, stdin: BinaryIO | None = None) -> bytes | InputProblem:
    """The bytes of one input, reading no more than one byte past the size limit."""
    try:
        if name == STDIN:
            return (stdin or sys.stdin.buffer).read(MAX_FILE_BYTES + 1)
        # Opened without waiting (a FIFO would block until a writer came, for ever), and read
        # only if it is a plain file.
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return InputProblem(name, f"{name}: not a regular file (a pipe or a device?); "
                                          "give engagement files, or - for standard input")
            return file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return InputProblem(name, f"{name}: no such file or directory")
    except IsADirectoryError:
        return InputProblem(name, f"{name}: is a directory")
    except PermissionError:
        return InputProblem(name, f"{name}: permission denied; check the file's permissions")
    except OSError as exc:
        return InputProblem(name, f"{name}: cannot be read ({exc.strerror or exc})")


def check_source(name: str, raw: bytes, coverage: Coverage = SHIPPED) -> Source:
    """Run the whole per-file pipeline on one file's bytes."""
    return _check(name, raw, True, resolve(coverage))[0]


def _check(name: str, raw: bytes, copy: bool, coverage: LocaleCoverage | None,
           ) -> tuple[Source, tuple[tuple[str, str], ...], bool]:
    """The file's findings (and its profiles' own), the profiles it extends with their hashes,
    and whether it is a profile."""
    from .profiles import EXTENDS, is_profile_path

    source = read_source(name, raw)
    if source.data is None:
        return source, (), is_profile_path(name)
    if is_profile_path(name) or EXTENDS in source.data:
        return _check_extending(source, is_profile_path(name), copy, coverage)
    return _check_engagement(source, coverage), (), False


def _check_extending(source: Source, profile: bool, copy: bool, coverage: LocaleCoverage | None,
                     ) -> tuple[Source, tuple[tuple[str, str], ...], bool]:
    """A profile (checked as a partial engagement), or an engagement merged with its profiles."""
    from .profiles import chain_of, check_profile, merged, profile_findings

    if profile:
        check_profile(source, coverage)
    chain = chain_of(source, coverage)
    extra = [*chain.findings, *profile_findings(chain)]
    if profile or chain.findings or chain.broken:
        source.findings.extend(extra)
        return source, chain.hashes, profile
    combined = merged(source, chain, copy=copy)
    _check_engagement(combined, coverage)
    combined.findings.extend(extra)
    return combined, chain.hashes, False


def _check_engagement(source: Source, coverage: LocaleCoverage | None) -> Source:
    from .schema import fast_check, schema_findings  # jsonschema loads only when a file is read

    if check_version(source):
        return source
    quick = fast_check()
    valid = quick is not None and quick(source.data)
    # A schema-valid file is shallow by construction; the walk over every value is needed only
    # when the schema fails or the text could hold a character Word refuses.
    if (not valid or may_hold_invalid_text(source.text)) and not check_depth_and_text(source):
        return source
    from .placeholders import unfilled, without_findings_at

    placeholders = unfilled(source)  # a file `confdocs new` wrote, not yet filled in
    if not valid:
        schema_findings(source)
    run_rules(source, coverage)
    without_findings_at(source, placeholders)
    return source


def check_data(source: Source) -> Source:
    """The schema and the rules on one file's parsed data, profiles already merged into it (for
    ``confdocs upgrade``, which checks the text it is about to write)."""
    return _check_engagement(source, None)


def check_bytes(name: str, raw: bytes, *, want_engagement: bool = True,
                read_only: bool = False, coverage: Coverage = SHIPPED,
                cohort: bool = True) -> Outcome:
    """Validate one file's bytes (every rule but those across files, whose facts the outcome
    carries unless ``cohort`` is false). With ``read_only``, an
    engagement that extends profiles shares their data (it is filled in without changing them):
    for a caller that only reads it, such as a build's worker. ``coverage`` is what its locale
    is checked against (see ``validate_paths``)."""
    # The merged data is copied only for an engagement that is handed on and may be changed.
    source, profiles, is_profile = _check(name, raw, want_engagement and not read_only,
                                          resolve(coverage))
    data = source.data
    findings = tuple(sorted(dict.fromkeys(source.findings),
                            key=lambda f: (f.file != name, f.file, f.line, f.column, f.code)))
    valid = data is not None and not any(f.is_error for f in findings) and not is_profile
    filled = (_filled(data, _defaults()) if read_only and profiles else with_defaults(data)
              ) if valid and want_engagement else None
    engagement = Engagement(name, filled) if filled is not None else None
    ident = data.get("id") if isinstance(data, dict) and not is_profile else None
    blocked = bool(profiles) and any(f.is_error for f in findings) and not any(
        f.is_error and f.file == name for f in findings)
    # What the rules across files need; a build's worker, whose parent gathers them from its
    # own plan, asks for none (``cohort``).
    facts = facts_of(name, data) if valid and cohort else None
    return Outcome(name, findings, engagement, ident if isinstance(ident, str) else None,
                   profiles, is_profile, blocked, facts)


class IdRegistry:
    """The engagement ids of one run, to catch an id used by two files."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def earlier_user(self, ident: str, path: str) -> str | None:
        """The file that used ``ident`` before ``path`` did, if any (``path`` claims it if not).
        Ids that differ only in case are one: they name one folder on macOS and Windows."""
        first = self._first.setdefault(ident.casefold(), path)
        return None if first == path else first

    def claim(self, outcome: Outcome, raw: bytes) -> Outcome:
        """``outcome``, with an engagement-duplicate-id error if an earlier file has its id."""
        ident = outcome.engagement_id
        first = self.earlier_user(ident, outcome.path) if ident is not None else None
        return outcome if first is None else with_duplicate_id(outcome, first, raw)


def with_duplicate_id(outcome: Outcome, first: str, raw: bytes) -> Outcome:
    """``outcome`` with the engagement-duplicate-id error, placed at the file's ``id``."""
    source = Source(outcome.path, raw.decode("utf-8-sig", errors="replace"))
    source.add("engagement-duplicate-id", "error", "/id",
               f"engagement id {outcome.engagement_id!r} is also used by {first} (ids that differ "
               "only in case are one folder on macOS and Windows); their documents would "
               "overwrite each other, so give each file its own id")
    findings = tuple(sorted((*outcome.findings, *source.findings),
                            key=lambda f: (f.line, f.column, f.code)))
    return Outcome(outcome.path, findings, None, outcome.engagement_id, outcome.profiles)


def once(outcome: Outcome, reported: set[Finding]) -> Outcome:
    """``outcome`` without the findings about other files (its profiles) in ``reported``, which
    gets them; the outcome's own file's findings are all kept. A profile checked on its own
    counts as reported too."""
    if not outcome.profiles and not outcome.is_profile:
        return outcome
    kept = []
    for finding in outcome.findings:
        if finding.file == outcome.path and not outcome.is_profile:
            kept.append(finding)
        elif finding not in reported:
            reported.add(finding)
            kept.append(finding)
    if len(kept) == len(outcome.findings):
        return outcome
    from dataclasses import replace

    return replace(outcome, findings=tuple(kept))


class Validator:
    """Validates a stream of files, remembering engagement ids to catch one used twice in a run."""

    def __init__(self, stdin: BinaryIO | None = None, *, engagements: bool = True,
                 coverage: Coverage = SHIPPED) -> None:
        self._ids = IdRegistry()
        self._reported: set[Finding] = set()
        self._stdin = stdin
        self._engagements = engagements  # validate alone needs findings, not engagements
        self._coverage = resolve(coverage)
        self._facts: list[Facts] = []
        self._stdin_raw = b""

    def check(self, name: str) -> Outcome | InputProblem:
        raw = read_input(name, self._stdin)
        if isinstance(raw, InputProblem):
            return raw
        shown = STDIN_NAME if name == STDIN else name
        outcome = check_bytes(shown, raw, want_engagement=self._engagements,
                              coverage=self._coverage)
        outcome = self._ids.claim(self._once(outcome), raw)
        if outcome.facts is not None and not any(f.is_error for f in outcome.findings):
            self._facts.append(outcome.facts)
            if name == STDIN:
                self._stdin_raw = raw
        return outcome

    def across(self) -> list[Finding]:
        """The findings of the rules across the files checked so far (``cohort``), each placed
        in its engagement's own file."""
        found = cross_findings(self._facts)
        placed: list[Finding] = []
        for path, items in found.items():
            raw = self._stdin_raw if path == STDIN_NAME else read_input(path)
            if isinstance(raw, bytes):
                placed.extend(place(path, raw, items))
        return placed

    def _once(self, outcome: Outcome) -> Outcome:
        """``outcome`` without the findings of its profiles already reported in this run: a
        problem in a profile is reported once, not once for each engagement that uses it."""
        return once(outcome, self._reported)

    def check_all(self, paths: Iterable[str | os.PathLike[str]], *,
                  extending_in: Iterable[str | os.PathLike[str]] = (),
                  ) -> Iterator[Outcome | InputProblem]:
        for item in discover(paths, extending_in=extending_in):
            yield item if isinstance(item, InputProblem) else self.check(item)


def validate_paths(paths: Iterable[str | os.PathLike[str]], *,
                   stdin: BinaryIO | None = None,
                   coverage: Coverage = SHIPPED,
                   extending_in: Iterable[str | os.PathLike[str]] = ()) -> ValidationReport:
    """Validate files and directories (recursively, *.json; "-" for standard input).

    Returns every finding and every unreadable input; never raises for bad input. The files
    confdocs keeps for itself (an import's ``.confdocs-import.json``, a build's manifest.json)
    are passed over, however named.

    ``extending_in``: folders in which every file that extends one of the files validated
    (directly or through other profiles) is validated too, as ``validate --extending-in`` does:
    so that a change to a profile alone is checked on the engagements it changes.

    ``coverage`` says which locales have templates, for the locale-no-templates warning: by
    default (``"shipped"``) those the template sets confdocs ships cover, as ``confdocs
    validate`` checks; None checks no locale against templates (for a caller that makes the
    documents with template sets of its own and reports a locale they lack itself, as ``build``
    does).
    """
    report = ValidationReport()
    validator = Validator(stdin, engagements=False, coverage=coverage)
    for outcome in validator.check_all(paths, extending_in=extending_in):
        if isinstance(outcome, InputProblem):
            report.problems.append(outcome)
        else:
            report.files.append(outcome.path)
            report.findings.extend(outcome.findings)
            if outcome.profiles and not outcome.is_profile and outcome.blocked:
                report.blocked.append(outcome.path)
    across = validator.across()
    if across:
        # Each file's findings stay together, in the order the files were read.
        order: dict[str, int] = {}
        for path in (*(f.file for f in report.findings), *report.files):
            order.setdefault(path, len(order))
        report.findings = sorted([*report.findings, *across],
                                 key=lambda f: order.get(f.file, len(order)))
    # A profile reported through the engagements that extend it counts as a file checked.
    checked = set(report.files)
    for finding in report.findings:
        if finding.file not in checked:
            checked.add(finding.file)
            report.files.append(finding.file)
    return report


def load_engagement(path: str | os.PathLike[str], *,
                    coverage: Coverage = SHIPPED) -> Engagement:
    """Read and validate one engagement file.

    Returns the engagement with the schema's defaults filled in. Raises
    :class:`~confdocs.errors.InvalidEngagementError` carrying every finding if it has errors, and
    :class:`~confdocs.errors.InputError` if it cannot be read. ``coverage`` is as for
    :func:`validate_paths` (it decides a warning only, never whether the file loads).
    """
    from ..errors import InputError

    name = os.fspath(path)
    outcome = Validator(coverage=coverage).check(name)
    if isinstance(outcome, InputProblem):
        raise InputError(outcome.message)
    if outcome.engagement is None:
        raise InvalidEngagementError(name, outcome.findings)
    return outcome.engagement


def with_defaults(data: Any) -> dict[str, Any]:
    """Valid engagement data with every schema default filled in (in place: the data is fresh
    from the parser and nobody else holds it)."""
    _fill(data, _defaults())
    return data  # type: ignore[no-any-return]


class _Defaults:
    """Where a schema's defaults are, worked out once: the defaults of an object's own fields,
    and the fields (or list items) further down that hold some. Branches without any are left
    out, so filling in walks only the few places that can need it."""

    __slots__ = ("below", "here", "items")

    def __init__(self, schema: Mapping[str, Any]) -> None:
        properties: Mapping[str, Any] = schema.get("properties", {})
        self.here = tuple((name, sub["default"]) for name, sub in properties.items()
                          if "default" in sub)
        below = ((name, _Defaults(sub)) for name, sub in properties.items())
        self.below = tuple((name, found) for name, found in below if found)
        items = _Defaults(schema["items"]) if "items" in schema else None
        self.items = items if items else None

    def __bool__(self) -> bool:
        return bool(self.here or self.below or self.items)


@cache
def _defaults() -> _Defaults:
    from ..resources import load_schema

    return _Defaults(load_schema())


def _filled(value: Any, where: _Defaults) -> Any:
    """``value`` with the defaults filled in, changing nothing it holds: new objects and lists
    only on the way to a default added, the rest shared (a profile's data, read only)."""
    if isinstance(value, dict):
        out: dict[str, Any] | None = None
        for name, default in where.here:
            if name not in value:
                out = out if out is not None else dict(value)
                out[name] = copy.deepcopy(default)
        for name, below in where.below:
            if name in value:
                item = value[name]
                new = _filled(item, below)
                if new is not item:
                    out = out if out is not None else dict(value)
                    out[name] = new
        return out if out is not None else value
    if isinstance(value, list) and where.items is not None:
        items = [_filled(item, where.items) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def _fill(value: Any, where: _Defaults) -> None:
    if isinstance(value, dict):
        for name, default in where.here:
            if name not in value:
                value[name] = copy.deepcopy(default)
        for name, below in where.below:
            if name in value:
                _fill(value[name], below)
    elif isinstance(value, list) and where.items is not None:
        for item in value:
            _fill(item, where.items)

"""``confdocs upgrade``: files written for an older schema version rewritten for this one, in place.

A file is taken through the version steps in order (1 -> 2, ...). Each step edits the file's text
by position (see ``jsonedit``), so its key order, layout and every untouched byte stay as the
person wrote them; it fills what the file's other data gives, and what only a person can decide
is listed at its line and column, found by checking the rewritten file as validate would and
keeping what the steps changed. A profile is upgraded before the files that extend it, and is
written with them: a cohort is upgraded by naming its folder, or any of its engagements.
"""

from __future__ import annotations

import difflib
import json
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..atomic import write_atomic
from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Finding
from . import upgrade_v2
from .jsonedit import JsonText
from .profiles import EXTENDS, MergedSource, check_profile, is_profile_path, merge, profile_path
from .rewrite import Rewrite
from .source import Source, pointer_to_path, read_source
from .validate import STDIN, InputProblem, check_data, discover, read_input
from .version import POINTER, SCHEMA_VERSION, VERSION_FIELD, version_number

_BOM = b"\xef\xbb\xbf"


class Step(NamedTuple):
    """One version step: what it does to a file, and which findings on the rewritten file are
    what it leaves for a person to decide."""

    source: int
    target: int
    apply: Callable[[Rewrite], None]
    decides: Callable[[Finding], bool]


# Every step, in order; the last one's target is SCHEMA_VERSION.
STEPS: tuple[Step, ...] = (
    Step(1, 2, upgrade_v2.upgrade, upgrade_v2.decides),
)


@dataclass(frozen=True)
class Note:
    """A place in a file (after the upgrade) and what was done there, or what is to be decided."""

    file: str
    line: int
    column: int
    pointer: str
    message: str


State = Literal["upgraded", "current", "follows"]


@dataclass(frozen=True)
class FileUpgrade:
    """One file: the version it was written for, its bytes before and after, what was changed
    and what a person must decide.

    ``state``: "upgraded" (taken from ``version`` to the current version), "current" (already
    at it), or "follows" (its schema_version is a profile's, ``version_in``, which is upgraded
    instead; the file itself needed no change).
    """

    path: str
    state: State
    version: int | None
    original: bytes
    upgraded: bytes
    changes: tuple[Note, ...] = ()
    decisions: tuple[Note, ...] = ()
    version_in: str | None = None

    @property
    def changed(self) -> bool:
        return self.upgraded != self.original

    def diff(self) -> str:
        """The unified diff of the upgrade (empty when nothing changes)."""
        before = _text(self.original).splitlines(keepends=True)
        after = _text(self.upgraded).splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, self.path, self.path)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


@dataclass
class UpgradeReport:
    """Every file of a run, and every input that could not be upgraded (and why)."""

    files: list[FileUpgrade] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    dry_run: bool = False
    written: int = 0

    @property
    def decisions(self) -> int:
        return sum(len(f.decisions) for f in self.files)

    def exit_code(self) -> int:
        if self.problems:
            return EXIT_USAGE
        return EXIT_FINDINGS if self.decisions else EXIT_OK


def upgrade_paths(paths: Iterable[str | os.PathLike[str]], *, dry_run: bool = False,
                  ) -> UpgradeReport:
    """Upgrade engagement files, profiles and folders of them (walked as validate walks them)
    to the current schema version, in place; with ``dry_run``, write nothing.

    Never raises for bad input: a file that is not JSON, or is written for a version newer than
    this confdocs knows, is a problem of the report, and the other files are still upgraded.
    """
    run = _Run()
    report = UpgradeReport(dry_run=dry_run)
    for item in discover(paths):
        if isinstance(item, InputProblem):
            report.problems.append(item)
        elif item == STDIN:
            report.problems.append(InputProblem(item, "-: upgrade rewrites files in place; "
                                                "name the file instead of standard input"))
        else:
            run.plan(item)
    decisions = run.decisions()
    for plan in run.plans.values():
        if isinstance(plan, InputProblem):
            if plan not in report.problems:
                report.problems.append(plan)
            continue
        report.files.append(plan.result(decisions.get(plan.name, ())))
    if not dry_run:
        for plan in run.plans.values():
            if isinstance(plan, _Plan) and plan.upgraded != plan.original:
                _write(plan.name, plan.upgraded)
                report.written += 1
    return report


@dataclass
class _Plan:
    """One file read and rewritten in memory."""

    name: str
    original: bytes
    upgraded: bytes
    source: Source  # the upgraded text and data
    context: dict[str, Any]  # its data merged over its profiles', upgraded
    version: int | None
    profiles: list[_Plan]  # nearest first
    steps: tuple[Step, ...] = ()
    changes: list[tuple[str, str]] = field(default_factory=list)
    version_in: str | None = None
    is_profile: bool = False  # named as a profile is, or extended by another file

    def result(self, decisions: tuple[Note, ...]) -> FileUpgrade:
        state: State = "upgraded" if self.steps else "current"
        if self.steps and self.version_in is not None and self.upgraded == self.original:
            state = "follows"
        changes = tuple(Note(self.name, *self.source.locate(pointer), pointer, message)
                        for pointer, message in self.changes)
        return FileUpgrade(self.name, state, self.version, self.original, self.upgraded,
                           changes, decisions, self.version_in)


class _Run:
    """The files of one run, each planned once (a profile serves many engagements)."""

    def __init__(self) -> None:
        self.plans: dict[str, _Plan | InputProblem] = {}  # by real path, in planning order
        self._open: set[str] = set()

    def plan(self, name: str) -> _Plan | InputProblem:
        real = os.path.realpath(name)
        known = self.plans.get(real)
        if known is not None:
            return known
        if real in self._open:
            return InputProblem(name, f"{name}: its profiles extend one another in a circle; "
                                "`confdocs validate` says where")
        self._open.add(real)
        try:
            planned = self._plan(name)
        finally:
            self._open.discard(real)
        self.plans[real] = planned
        return planned

    def _plan(self, name: str) -> _Plan | InputProblem:
        raw = read_input(name)
        if isinstance(raw, InputProblem):
            return raw
        source = read_source(name, raw)
        # A key written twice is refused too: which of the two an edit should touch is unknown.
        first = next((f for f in source.findings if f.is_error), None)
        if first is not None or not isinstance(source.data, dict):
            why = f"{first.line}:{first.column}: {first.message}" if first else "not an object"
            return InputProblem(name, f"{name}: cannot be upgraded: {why}")
        data: dict[str, Any] = source.data
        profiles: list[_Plan] = []
        extends = data.get(EXTENDS)
        if isinstance(extends, str) and extends:
            parent = self.plan(profile_path(name, extends))
            if isinstance(parent, InputProblem):
                return InputProblem(name, f"{name}: extends {extends!r}, which cannot be "
                                    f"upgraded ({parent.message})")
            parent.is_profile = True
            profiles = [parent, *parent.profiles]
        version, version_in = _version(name, data, profiles)
        if isinstance(version, str):
            return InputProblem(name, version)
        steps = tuple(s for s in STEPS if version is not None and s.source >= version)
        editor = JsonText(source.text)
        changes: list[tuple[str, str]] = []
        base = profiles[0].context if profiles else {}
        for step in steps:
            own = json.loads(editor.text)
            if VERSION_FIELD in own:
                editor.replace(POINTER, step.target)
            rewrite = Rewrite(own, _merged(base, own), editor)
            step.apply(rewrite)
            changes.extend(rewrite.changes)
        bom = _BOM if raw.startswith(_BOM) else b""
        upgraded = bom + editor.text.encode("utf-8") if steps else raw
        after = read_source(name, upgraded) if steps else source
        after.findings.clear()  # the JSON reading's own (a BOM): validate says them
        return _Plan(name, raw, upgraded, after, _merged(base, after.data), version, profiles,
                     steps, changes, version_in, is_profile_path(name))

    def decisions(self) -> dict[str, tuple[Note, ...]]:
        """What a person must decide, by file: the findings on each upgraded file (an
        engagement merged with its upgraded profiles, a profile alone) that its steps, or its
        profiles' steps, leave to a person."""
        found: dict[str, dict[Note, None]] = {}
        names = {plan.name: plan for plan in self.plans.values() if isinstance(plan, _Plan)}
        for plan in names.values():
            steps = {step for p in (plan, *plan.profiles) for step in p.steps}
            if not steps:
                continue
            checked, merged = _checked(plan)
            for finding in checked.findings:
                if not any(step.decides(finding) for step in steps):
                    continue
                note = _decision(finding, merged)
                if note.file in names:
                    found.setdefault(note.file, {})[note] = None
        return {name: tuple(sorted(notes, key=lambda n: (n.line, n.column, n.pointer)))
                for name, notes in found.items()}


def _version(name: str, data: dict[str, Any], profiles: list[_Plan],
             ) -> tuple[int | str | None, str | None]:
    """The version ``name`` is written for (or why it cannot be upgraded), and the profile it
    takes it from when it has none of its own."""
    if VERSION_FIELD not in data:
        holder = next((p for p in profiles if VERSION_FIELD in p.source.data), None)
        if holder is not None:
            return holder.version, holder.name
        if is_profile_path(name) or profiles:
            return None, None  # nothing says: the files that extend it do
        return (f"{name}: has no schema_version (nor any profile it extends); add "
                '"schema_version" with the version it was written for, then upgrade it'), None
    version = version_number(data[VERSION_FIELD])
    if version is None or version < 1:
        return (f"{name}: schema_version is {json.dumps(data[VERSION_FIELD])}, not a version "
                "number; write the version the file was written for"), None
    if version > SCHEMA_VERSION:
        return (f"{name}: written for version {version} of the engagement schema, newer than "
                f"version {SCHEMA_VERSION}, the newest this confdocs knows; update confdocs "
                "(pip install --upgrade confdocs)"), None
    return version, None


def _merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = merge(base, own)
    data.pop(EXTENDS, None)
    return data


def _checked(plan: _Plan) -> tuple[Source, MergedSource | None]:
    """The upgraded file checked as validate checks it: a profile alone, an engagement merged
    with its (upgraded) profiles."""
    own = Source(plan.name, plan.source.text, plan.source.data)
    if plan.is_profile:
        check_profile(own, None)
        return own, None
    if not plan.profiles:
        return check_data(own), None
    layers = [own, *(Source(p.name, p.source.text, p.source.data) for p in plan.profiles)]
    merged = MergedSource(plan.name, own.text, plan.context, [], layers=layers)
    check_data(merged)
    return merged, merged


def _decision(finding: Finding, merged: MergedSource | None) -> Note:
    """What to decide, said at the place to write it: a missing field at the object that should
    hold it (in the profile that holds that object, for an engagement that extends one)."""
    if finding.code != "schema-required":
        return Note(finding.file, finding.line, finding.column, finding.pointer, finding.message)
    parent = finding.pointer.rsplit("/", 1)[0]
    file, (line, column) = finding.file, (finding.line, finding.column)
    if merged is not None:
        owner = merged.owner(parent)
        file, (line, column) = owner.name, owner.locate(parent)
    return Note(file, line, column, finding.pointer, _required(finding.pointer))


def _required(pointer: str) -> str:
    """What to write for a field a new version requires: the schema's own description of it."""
    from ..resources import load_schema

    schema: Any = load_schema()
    for token in pointer.split("/")[1:]:
        schema = schema.get("properties", {}).get(token, {})
    said = schema.get("description", "")
    example = (schema.get("examples") or [None])[0]
    shown = f" For example: {json.dumps(example, ensure_ascii=False)}" if example else ""
    return f"add {pointer_to_path(pointer)}, which version {SCHEMA_VERSION} requires: {said}{shown}"


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _write(name: str, content: bytes) -> None:
    """Replace the file (the one a link names, not the link), keeping its permissions."""
    real = Path(os.path.realpath(name))
    mode = stat.S_IMODE(os.stat(real).st_mode)
    write_atomic(real, content, make_folder=False, mode=mode)

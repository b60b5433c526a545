"""Reporters: findings as text for people, JSON for programs, annotations for GitHub Actions."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from .errors import Finding

if TYPE_CHECKING:
    from .engagement.importer import ImportReport
    from .engagement.upgrade import FileUpgrade, Note, UpgradeReport

Format = Literal["text", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "json", "github")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# What would break a report's line (line and paragraph separators, other control characters) or
# cannot be written at all (lone surrogates): shown as escapes. A key or file name may hold any of
# them, and a line that starts anew could pass for a workflow command in a CI log.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# What JSON allows raw in a string but some readers do not (JavaScript, and anything that
# splits lines on U+2028), or that cannot be encoded: written as \u escapes.
_JSON_UNSAFE = re.compile("[\u2028\u2029\ud800-\udfff]")


def _escape_character(match: re.Match[str]) -> str:
    character = match.group()
    named = {"\n": "\\n", "\r": "\\r"}.get(character)
    if named:
        return named
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` as one printable line: control characters, line separators and lone surrogates
    become escapes such as \\n and \\ud800."""
    return _UNPRINTABLE.sub(_escape_character, text)


def json_text(document: object) -> str:
    """One JSON document that any reader can take: non-ASCII text as it is, except what
    ``_JSON_UNSAFE`` names."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as every JSON report gives it (validate, build and import)."""
    return {"file": finding.file, "line": finding.line, "column": finding.column,
            "code": finding.code, "severity": finding.severity, "pointer": finding.pointer,
            "message": finding.message}


def format_finding(finding: Finding) -> str:
    at = f" at {finding.pointer}" if finding.pointer else ""
    return one_line(f"{finding.file}:{finding.line}:{finding.column}: {finding.severity}: "
                    f"{finding.message} [{finding.code}{at}]")


def summary(files: int, findings: Sequence[Finding], noun: str = "file") -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    bad = len({f.file for f in findings if f.is_error})
    return (f"{plural(files, noun)} checked: {files - bad} valid, {bad} with errors "
            f"({plural(errors, 'error')}, {plural(warnings, 'warning')})")


def _escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    """A workflow command, escaped as the Actions runner requires."""
    props = ",".join([
        f"file={_escape_property(finding.file)}",
        f"line={finding.line}",
        f"col={finding.column}",
        f"title={_escape_property(finding.code)}",
    ])
    return f"::{finding.severity} {props}::{_escape_data(finding.message)}"


def render(findings: Sequence[Finding], files: int, fmt: Format, noun: str = "file") -> str:
    """The whole report for one run, ready to print."""
    if fmt == "json":
        return json_text({
            "files": files,
            "errors": sum(1 for f in findings if f.is_error),
            "warnings": sum(1 for f in findings if not f.is_error),
            "findings": [finding_json(f) for f in findings],
        })
    lines = [github_annotation(f) if fmt == "github" else format_finding(f) for f in findings]
    lines.append(summary(files, findings, noun))
    return "\n".join(lines)


def import_json(report: ImportReport) -> str:
    """The JSON report of `import`: the counts, each file with its row and what becomes of it
    (new, updated, unchanged, kept, replaced), and the findings."""
    errors = report.errors
    return json_text({
        "roster": report.roster, "rows": report.rows, "errors": errors,
        "warnings": len(report.findings) - errors, "dry_run": report.dry_run,
        "written": report.written,
        "files": [{"path": str(p.path), "row": p.row.number, "state": p.state}
                  for p in report.planned],
        "findings": [finding_json(f) for f in report.findings],
    })


def import_summary(report: ImportReport, out: str) -> str:
    """The line that ends `import`'s report: the rows read into ``out``, and what was (or
    would be) written, or why nothing was."""
    if report.errors:
        said = f"{plural(report.errors, 'error')}: nothing written (all or nothing)"
    else:
        verb = "would write" if report.dry_run else "wrote"
        said = (f"{verb} {report.count('new')} new, {report.count('updated') + report.count('replaced')}"
                f" updated; {report.count('unchanged')} unchanged"
                + (f"; {report.count('kept')} kept as changed by hand" if report.count("kept")
                   else ""))
    return (f"{report.roster}: {plural(report.rows, 'row')} into {out}: {said}"
            f" ({plural(len(report.findings) - report.errors, 'warning')})")


def render_template_findings(findings: Sequence[Any], templates: int, fmt: Format, *,
                             failed: int | None = None) -> str:
    """The report of `templates check`: findings placed in Word terms, not lines. ``failed``: how
    many of the templates checked have errors, when findings also name other files (a template a
    set lacks, a catalogue)."""
    if fmt == "json":
        return json_text({
            "templates": templates,
            "errors": sum(1 for f in findings if f.is_error),
            "warnings": sum(1 for f in findings if not f.is_error),
            "findings": [{"template": f.template, "place": f.place, "code": f.code,
                          "severity": f.severity, "message": f.message} for f in findings],
        })
    lines = []
    for f in findings:
        if fmt == "github":
            props = f"file={_escape_property(f.template)},title={_escape_property(f.code)}"
            text = f"{f.place}: {f.message}" if f.place else f.message  # the whole template
            lines.append(f"::{f.severity} {props}::{_escape_data(text)}")
        else:
            place = f" {f.place}:" if f.place else ""
            lines.append(one_line(f"{f.template}:{place} {f.severity}: {f.message} [{f.code}]"))
    errors = sum(1 for f in findings if f.is_error)
    bad = len({f.template for f in findings if f.is_error}) if failed is None else failed
    lines.append(f"{plural(templates, 'template')} checked: {templates - bad} without errors "
                 f"({plural(errors, 'error')}, {plural(len(findings) - errors, 'warning')})")
    return "\n".join(lines)


def upgrade_text(report: UpgradeReport, fmt: Format) -> str:
    """The report of `upgrade` for people (``text``) or GitHub Actions (``github``): a line per
    file saying what became of it, each change and each thing to decide at its line and column
    (with ``--dry-run``, each file's diff), and a summary line."""
    lines: list[str] = []
    for upgrade in report.files:
        lines.append(one_line(f"{upgrade.path}: {_upgrade_state(upgrade)}"))
        if report.dry_run and upgrade.changed:
            lines.append(upgrade.diff().rstrip("\n"))
        for note in upgrade.changes:
            lines.append(_upgrade_note(note, "notice", "upgrade-filled", fmt))
        for note in upgrade.decisions:
            lines.append(_upgrade_note(note, "error", "upgrade-decide", fmt))
    lines.append(upgrade_summary(report))
    return "\n".join(lines)


def _upgrade_state(upgrade: FileUpgrade) -> str:
    from .engagement.version import SCHEMA_VERSION

    if upgrade.state == "current":
        return f"already current (version {SCHEMA_VERSION})"
    if upgrade.state == "follows":
        return (f"nothing to change: its schema_version is {upgrade.version_in}'s, upgraded from "
                f"{upgrade.version} to {SCHEMA_VERSION}")
    return f"upgraded from {upgrade.version} to {SCHEMA_VERSION}"


def _upgrade_note(note: Note, severity: str, title: str, fmt: Format) -> str:
    said = note.message if severity == "notice" else f"decide: {note.message}"
    if fmt == "github":
        props = (f"file={_escape_property(note.file)},line={note.line},col={note.column},"
                 f"title={_escape_property(title)}")
        return f"::{severity} {props}::{_escape_data(said)}"
    return one_line(f"{note.file}:{note.line}:{note.column}: {said}")


def upgrade_summary(report: UpgradeReport) -> str:
    """The line that ends `upgrade`'s report."""
    states = [f.state for f in report.files]
    said = (f"{plural(len(states), 'file')}: {states.count('upgraded')} upgraded, "
            f"{states.count('current')} already current")
    if states.count("follows"):
        said += f", {states.count('follows')} following their profile's version"
    decisions = report.decisions
    said += (f"; {plural(decisions, 'thing')} for you to decide, listed above" if decisions
             else "; nothing left to decide")
    changed = sum(1 for f in report.files if f.changed)
    if report.dry_run:
        return f"{said} (dry run: {plural(changed, 'file')} would change, nothing written)"
    return f"{said}; wrote {plural(report.written, 'file')}"


def upgrade_json(report: UpgradeReport) -> str:
    """The JSON report of `upgrade`: each file with its state, versions, changes and what to
    decide (and its diff with --dry-run), and the inputs that could not be upgraded."""
    from .engagement.version import SCHEMA_VERSION

    def notes(items: Sequence[Note]) -> list[dict[str, Any]]:
        return [{"line": n.line, "column": n.column, "pointer": n.pointer, "message": n.message}
                for n in items]

    files = []
    for upgrade in report.files:
        entry: dict[str, Any] = {
            "path": upgrade.path, "state": upgrade.state, "from": upgrade.version,
            "to": SCHEMA_VERSION, "version_in": upgrade.version_in,
            "changed": upgrade.changed, "changes": notes(upgrade.changes),
            "decide": notes(upgrade.decisions)}
        if report.dry_run:
            entry["diff"] = upgrade.diff()
        files.append(entry)
    return json_text({"dry_run": report.dry_run, "written": report.written,
                      "decisions": report.decisions, "files": files,
                      "problems": [{"path": p.path, "message": p.message}
                                   for p in report.problems],
                      "exit_code": report.exit_code()})

"""Reporters: findings as text for people, JSON for programs, annotations for GitHub Actions."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from .errors import Finding

if TYPE_CHECKING:
    from .engagement.importer import ImportReport

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

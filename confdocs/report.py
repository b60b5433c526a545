"""Reporters: findings as text for people, JSON for programs, annotations for GitHub Actions."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from .errors import Finding

Format = Literal["text", "json", "github"]
FORMATS: tuple[Format, ...] = ("text", "json", "github")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_finding(finding: Finding) -> str:
    at = f" at {finding.pointer}" if finding.pointer else ""
    return (f"{finding.file}:{finding.line}:{finding.column}: {finding.severity}: "
            f"{finding.message} [{finding.code}{at}]")


def summary(files: int, findings: Sequence[Finding], noun: str = "file") -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    bad = len({f.file for f in findings if f.is_error})
    return (f"{plural(files, noun)} checked: {files - bad} valid, {bad} with errors "
            f"({plural(errors, 'error')}, {plural(warnings, 'warning')})")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
        return json.dumps({
            "files": files,
            "errors": sum(1 for f in findings if f.is_error),
            "warnings": sum(1 for f in findings if not f.is_error),
            "findings": [
                {"file": f.file, "line": f.line, "column": f.column, "code": f.code,
                 "severity": f.severity, "pointer": f.pointer, "message": f.message}
                for f in findings
            ],
        }, indent=2, ensure_ascii=False)
    lines = [github_annotation(f) if fmt == "github" else format_finding(f) for f in findings]
    lines.append(summary(files, findings, noun))
    return "\n".join(lines)


def render_template_findings(findings: Sequence[Any], templates: int, fmt: Format) -> str:
    """The report of `templates check`: findings placed in Word terms, not lines."""
    if fmt == "json":
        return json.dumps({
            "templates": templates,
            "errors": sum(1 for f in findings if f.is_error),
            "warnings": sum(1 for f in findings if not f.is_error),
            "findings": [{"template": f.template, "place": f.place, "code": f.code,
                          "severity": f.severity, "message": f.message} for f in findings],
        }, indent=2, ensure_ascii=False)
    lines = []
    for f in findings:
        if fmt == "github":
            props = f"file={_escape_property(f.template)},title={_escape_property(f.code)}"
            lines.append(f"::{f.severity} {props}::{_escape_data(f.place + ': ' + f.message)}")
        else:
            place = f" {f.place}:" if f.place else ""
            lines.append(f"{f.template}:{place} {f.severity}: {f.message} [{f.code}]")
    errors = sum(1 for f in findings if f.is_error)
    bad = len({f.template for f in findings if f.is_error})
    lines.append(f"{plural(templates, 'template')} checked: {templates - bad} without errors "
                 f"({plural(errors, 'error')}, {plural(len(findings) - errors, 'warning')})")
    return "\n".join(lines)

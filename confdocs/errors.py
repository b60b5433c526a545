"""The one exception root, findings, and the exit codes they map to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Exit codes, documented in the README. One place, so the CLI and the docs cannot drift apart.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in an engagement file (or a template).

    ``line`` and ``column`` are 1-based; columns count characters. ``pointer`` is the JSON Pointer of
    the value concerned ("" for the whole file).
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    pointer: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ConfdocsError(Exception):
    """The root of every error confdocs raises on purpose.

    ``exit_code`` is what the command line exits with when this error ends a command;
    ``details`` are lines printed after its message, each as it is (findings of a template, as
    `templates check` prints them).
    """

    exit_code: int = EXIT_USAGE
    details: tuple[str, ...] = ()


class InputError(ConfdocsError):
    """An input path cannot be read: it does not exist, is unreadable, or holds no engagement file."""


class OutputError(ConfdocsError):
    """The output folder cannot be written: read-only, full, or not a folder."""


class InvalidEngagementError(ConfdocsError):
    """An engagement file has errors. ``findings`` holds every one of them, warnings included."""

    exit_code = EXIT_FINDINGS

    def __init__(self, path: str, findings: Sequence[Finding]) -> None:
        self.path = path
        self.findings = tuple(findings)
        errors = sum(1 for f in self.findings if f.is_error)
        first = next((f for f in self.findings if f.is_error), None)
        detail = f": {first.line}:{first.column}: {first.message}" if first else ""
        super().__init__(f"{path} has {errors} error(s){detail}")


class TemplateError(ConfdocsError):
    """A template cannot be read, compiled or rendered; the message names the template and the place.

    A rendering failure also gives ``place`` (as `templates check` words it) and ``detail`` (what
    failed there) apart."""

    exit_code = EXIT_FINDINGS

    def __init__(self, message: str, *, place: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.place = place
        self.detail = detail


class CatalogueUnreadable(TemplateError):
    """A language's catalogue (messages.po) cannot be read: not a regular file, too large, not a
    gettext catalogue, or not in the character set its header names. Unreadable input, as a
    template that is not a Word document is: exit 2, in `templates check` and in the build."""

    exit_code = EXIT_USAGE


class WorkerLostError(ConfdocsError):
    """A worker process ended abruptly (killed from outside: the out-of-memory killer, kill -9).
    ``how`` says how it ended; ``what_now`` what was kept and what to do."""

    exit_code = EXIT_USAGE

    def __init__(self, how: str, what_now: str = "run the same command again") -> None:
        super().__init__(f"a worker process {how}; {what_now}")
        self.how = how


class ToolMissingError(ConfdocsError):
    """An external program (LibreOffice) that a command needs is not installed."""

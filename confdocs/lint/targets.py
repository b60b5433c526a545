"""What `templates check` checks, and what comes of it: the templates named, or every template
build would take from a folder (each language's set; in an organisation's folder, a file that
replaces no template is a problem of its own), and the report of checking them, with the exit
code the command ends with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .finding import TemplateFinding

# A template that cannot be read at all is unreadable input (exit 2), as a file is for validate.
_UNREADABLE = ("template-unreadable", "catalogue-unreadable")


@dataclass(frozen=True)
class Targets:
    """The templates to check; those named that are no file; a message for each file in an
    organisation's folder that replaces no template; and, when a whole folder is checked, that
    its language sets are compared too (``own_folder``: an organisation's, over the shipped)."""

    templates: tuple[Path, ...]
    missing: tuple[Path, ...] = ()
    misnamed: tuple[str, ...] = ()
    compare_sets: bool = False
    own_folder: Path | None = None


def templates_to_check(paths: Sequence[str], folder: str | None = None) -> Targets:
    """The templates ``paths`` names (Word's owner and hidden files left out) or, with none,
    what build would take from ``folder`` (default: the shipped templates)."""
    from ..render.folder import ignored
    from ..render.sets import folder_templates
    from ..resources import templates_dir

    if paths:
        templates = [Path(p) for p in paths if not ignored(Path(p))]
        misnamed: dict[Path, str] = {}
    else:
        # Every language's set; in your folder, a file that replaces no template is an error.
        templates, misnamed = folder_templates(Path(folder) if folder else templates_dir(),
                                               own=bool(folder))
    return Targets(tuple(templates), tuple(t for t in templates if not t.is_file()),
                   tuple(str(problem) for problem in misnamed.values()),
                   compare_sets=not paths, own_folder=Path(folder) if folder else None)


def _findings(path: Path) -> tuple[TemplateFinding, ...]:
    """What the check finds in one template, from the cache when this version of it (and of the
    files beside it) was checked before, as build takes it: a check run after every save then
    costs little more than reading the template."""
    from ..errors import InputError
    from .check import check_template
    from .gate import check_once

    try:
        return check_once(path).findings
    except InputError:  # unreadable now: the check says so, as a finding
        return tuple(check_template(path))


def _given(path: Path, targets: Targets) -> str:
    """A template as the editor knows it: a template named on the command line by its name, as
    build names it; one of a folder checked whole by its path in that folder (the organisation's
    or the shipped one: ``fr-FR/contract.docx``, and its en-GB set's ``contract.docx``), for a
    folder holds a contract.docx per language."""
    if not targets.compare_sets:
        return path.name
    from ..resources import templates_dir

    try:
        return path.relative_to(targets.own_folder or templates_dir()).as_posix()
    except ValueError:
        return str(path)


def why_not_checked(path: Path) -> str:
    """What is wrong with a template named that is not a file, said to the user."""
    if path.is_dir():
        return f"{path}: a folder, not a Word document"
    if path.exists():  # a pipe or a device: never opened, for it could wait or never end
        return f"{path}: not a regular file (a pipe, a device or a socket), not a Word document"
    return f"{path}: no such file"


@dataclass(frozen=True)
class TemplatesReport:
    """Every finding of a `templates check` run; how many templates were checked, and how many
    of them have errors (findings may also name a template a set lacks, or a catalogue)."""

    targets: Targets
    findings: tuple[TemplateFinding, ...]
    checked: int
    failed: int

    def exit_code(self, strict: bool = False) -> int:
        """2 for a template named that is no file, misnamed or unreadable; 1 for errors (or,
        ``strict``, any finding); else 0."""
        if (self.targets.missing or self.targets.misnamed
                or any(f.code in _UNREADABLE for f in self.findings)):
            return EXIT_USAGE
        if any(f.is_error for f in self.findings) or (strict and self.findings):
            return EXIT_FINDINGS
        return EXIT_OK


def check_targets(targets: Targets, *, by_path: bool = False) -> TemplatesReport:
    """Check each template of ``targets`` that is a file, in order, and compare a folder's sets
    each against en-GB. Each finding names its template as the editor knows it (``_given``: in
    a folder checked whole, by its path, so that the English and the French contract are two
    templates in every format); ``by_path``: by its whole path, as GitHub annotations need (they
    land on a file by its path)."""
    from . import check_sets

    checked = [(t, f) for t in targets.templates if t.is_file() for f in _findings(t)]
    sets = check_sets(targets.own_folder) if targets.compare_sets else []
    findings = [replace(f, template=str(t) if by_path else _given(t, targets))
                for t, f in checked] + sets
    named = {str(t) for t in targets.templates}
    failed = {str(t) for t, f in checked if f.is_error} | {
        f.template for f in sets if f.is_error and f.template in named}
    return TemplatesReport(targets, tuple(findings),
                           len(targets.templates) - len(targets.missing), len(failed))

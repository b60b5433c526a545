"""The checks of `templates check`, enforced where documents are made.

``build`` and ``render`` run them on each template they use, print its warnings and refuse a
template with errors, with exactly the text `templates check` gives. A template is checked once per
version: the findings are kept in the compiled-template cache, beside the compiled template, under
a key made of the template's bytes, its name (findings name it), the context it sees (a notice
sees more fields than a contract: ``render.names``) and the files beside it (pictures and documents
it puts in).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..render import cache
from ..render.documents import DocumentKind, TemplateContext, template_context
from ..render.limits import read_template
from .finding import TemplateFinding


@dataclass(frozen=True)
class CheckedTemplate:
    """A template and what `templates check` finds in it."""

    path: Path
    findings: tuple[TemplateFinding, ...]

    @property
    def errors(self) -> tuple[TemplateFinding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def unreadable(self) -> bool:
        return any(f.code == "template-unreadable" for f in self.findings)


_checked: dict[str, CheckedTemplate] = {}


def _key(path: Path, raw: bytes, context: TemplateContext) -> str:
    digest = hashlib.sha256(raw)
    digest.update(b"\0check\0" + path.name.encode() + b"\0" + context.encode())
    try:
        beside = sorted(p for p in path.parent.iterdir() if p != path and p.is_file())
    except OSError:
        beside = []
    for other in beside:  # a picture added or replaced changes what image() finds
        stat = other.stat()
        digest.update(f"\0{other.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return "check-" + digest.hexdigest()


def check_once(path: Path, *, kind: DocumentKind | None = None) -> CheckedTemplate:
    """What `templates check` finds in the template at ``path`` (making documents of ``kind``,
    when the caller knows it: see ``check_template``), from the cache when this version of the
    template was checked before for the same context. Raises InputError when the file cannot be
    read at all."""
    try:
        raw = read_template(path)
    except OSError as exc:
        raise InputError(f"{path}: the template cannot be read ({exc.strerror or exc})") from exc
    context = template_context(path, kind=kind)
    key = _key(path, raw, context)
    if key in _checked:
        return _checked[key]
    findings: tuple[TemplateFinding, ...] | None = None
    stored = cache.load(key)
    if isinstance(stored, list):
        try:
            findings = tuple(TemplateFinding(*entry) for entry in stored)
        except (TypeError, ValueError):
            findings = None  # damaged or from another version: check again
    if findings is None:
        from . import check_template

        findings = tuple(check_template(path, kind=kind))
        cache.store(key, [(f.template, f.place, f.code, f.severity, f.message)
                          for f in findings])
    checked = _checked[key] = CheckedTemplate(path, findings)
    return checked


def finding_lines(findings: Sequence[TemplateFinding]) -> list[str]:
    """The findings as `templates check` prints them."""
    from ..report import render_template_findings

    return render_template_findings(findings, 1, "text").splitlines()[:-1]

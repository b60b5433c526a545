"""A batch build: validate each engagement, render its documents, write them atomically, record
them in a manifest. Every engagement gets an outcome; one failure never stops the others."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .atomic import remove_stale_temps, write_atomic
from .documents import (
    DOCUMENT_KINDS,
    TEMPLATE_FILES,
    DocumentKind,
    PlannedDocument,
    document_date,
    document_title,
    plan_documents,
    template_path,
)
from .errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ConfdocsError, Finding
from .validate import Engagement, InputProblem, Validator, discover

if TYPE_CHECKING:
    from .render.template import CompiledTemplate

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Output:
    """One file written: where, from which input and template, and the hashes of all three."""

    path: str  # relative to the output folder, with '/'
    sha256: str
    input: str
    input_sha256: str
    template: str
    template_sha256: str
    engagement: str
    document: str

    def as_json(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Failure:
    """A document that could not be made, and why (the message names the template and place)."""

    input: str
    document: str
    message: str


@dataclass
class BuildReport:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # invalid engagements

    def exit_code(self) -> int:
        if self.problems:
            return EXIT_USAGE
        return EXIT_FINDINGS if self.failures or self.skipped else EXIT_OK


Progress = Callable[[str], None]


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def build(paths: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *,
          only: Sequence[DocumentKind] = DOCUMENT_KINDS,
          templates: str | os.PathLike[str] | None = None,
          pdf: bool = False,
          on_start: Callable[[int], None] | None = None,
          on_progress: Progress | None = None) -> BuildReport:
    """Build the documents of every engagement file in ``paths`` into ``out_dir``.

    Invalid engagements are reported (as ``validate`` reports them) and skipped; the rest are built.
    ``on_start`` gets the number of input files, ``on_progress`` each input as it is done.
    """
    from .pdf import find_soffice
    from .render.template import load_template

    if pdf:
        find_soffice()  # fail before any work, not after it
    out = Path(out_dir)
    custom = Path(templates) if templates is not None else None
    # Compiled once, up front: a missing or broken template is one clear error before any
    # document is written, not the same failure repeated for every engagement.
    compiled = {kind: load_template(template_path(TEMPLATE_FILES[kind], custom)) for kind in only}
    report = BuildReport()
    inputs: list[str] = []
    for item in discover(paths):
        if isinstance(item, InputProblem):
            report.problems.append(item)
        else:
            inputs.append(item)
    if on_start is not None:
        on_start(len(inputs))
    validator = Validator()
    manifest = _Manifest(out)
    try:
        for name in inputs:
            outcome = validator.check(name)
            if isinstance(outcome, InputProblem):
                report.problems.append(outcome)
            else:
                report.files += 1
                report.findings.extend(outcome.findings)
                if outcome.engagement is None:
                    report.skipped.append(outcome.path)
                else:
                    _build_engagement(outcome.engagement, out, only, compiled, report, manifest)
            if on_progress is not None:
                on_progress(name)
    finally:
        # Even after Ctrl-C, record what was finished; the next run completes the rest.
        manifest.write()
    if pdf:
        _add_pdfs(out, report, manifest)
    return report


def _build_engagement(engagement: Engagement, out: Path, only: Sequence[DocumentKind],
                      compiled: Mapping[DocumentKind, CompiledTemplate], report: BuildReport,
                      manifest: _Manifest) -> None:
    from .render.context import disclosure_context, engagement_context

    data = engagement.data
    folder = out / engagement.id
    remove_stale_temps(folder)
    input_sha = _sha256(Path(engagement.path).read_bytes()) if engagement.path != "<stdin>" else ""
    base = engagement_context(data)
    for document in plan_documents(data, only):
        try:
            template = compiled[document.kind]
            context = (base if document.disclosure is None
                       else disclosure_context(base, document.disclosure))
            content = template.render(context, _properties(document, data))
        except ConfdocsError as exc:
            report.failures.append(Failure(engagement.path, document.filename, str(exc)))
            continue
        target = folder / document.filename
        write_atomic(target, content)
        output = Output(
            path=f"{engagement.id}/{document.filename}", sha256=_sha256(content),
            input=engagement.path, input_sha256=input_sha,
            template=str(template.path), template_sha256=template.sha256,
            engagement=engagement.id, document=document.kind,
        )
        report.outputs.append(output)
        manifest.add(output)


def _properties(document: PlannedDocument, data: Any) -> Any:
    from .render.template import DocumentProperties

    practitioner = data["parties"]["practitioner"]["name"]
    return DocumentProperties(
        title=document_title(document.kind, data), subject=data["title"], author=practitioner,
        identifier=data["id"], language=data["locale"], date=document_date(document, data),
    )


def _add_pdfs(out: Path, report: BuildReport, manifest: _Manifest) -> None:
    from .pdf import convert_to_pdf

    docs = [out / output.path for output in report.outputs]
    sources = {out / output.path: output for output in report.outputs}
    try:
        for pdf_path in convert_to_pdf(docs):
            source = sources[pdf_path.with_suffix(".docx")]
            made = Output(
                path=f"{source.engagement}/{pdf_path.name}", sha256=_sha256(pdf_path.read_bytes()),
                input=source.path, input_sha256=source.sha256, template="LibreOffice",
                template_sha256="", engagement=source.engagement, document=f"{source.document}-pdf",
            )
            report.outputs.append(made)
            manifest.add(made)
    except ConfdocsError as exc:
        report.failures.append(Failure("", "pdf", str(exc)))
    finally:
        manifest.write()


class _Manifest:
    """manifest.json: the tool version and, for every output, its hashes and where it came from.

    Entries for outputs built by earlier runs are kept while their files still exist.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / MANIFEST
        self.entries: dict[str, dict[str, str]] = {}
        self.changed = False
        try:
            previous = json.loads(self.path.read_text(encoding="utf-8"))
            for entry in previous.get("outputs", []):
                if (out / entry["path"]).is_file():
                    self.entries[entry["path"]] = entry
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no manifest yet, or one we cannot read: it is rebuilt from this run

    def add(self, output: Output) -> None:
        self.entries[output.path] = output.as_json()
        self.changed = True

    def write(self) -> None:
        if not self.changed:
            return
        document = {"tool": "confdocs", "version": __version__,
                    "outputs": [self.entries[key] for key in sorted(self.entries)]}
        write_atomic(self.path, (json.dumps(document, indent=2, ensure_ascii=False) + "\n")
                     .encode("utf-8"))
        self.changed = False


def render_document(template: str | os.PathLike[str], engagement_file: str | os.PathLike[str],
                    output: str | os.PathLike[str], *, disclosure: str | None = None) -> Path:
    """Render one template with one engagement, so that an editor can try a template.

    The context is the contract's; with ``disclosure`` (an id), or when the engagement has
    disclosures, it also holds that disclosure (the first by default), as a notice's does.
    """
    from .errors import InputError
    from .render.context import disclosure_context, engagement_context
    from .render.template import load_template
    from .validate import load_engagement

    engagement = load_engagement(engagement_file)
    data = engagement.data
    context = engagement_context(data)
    ids = [entry["id"] for entry in data.get("disclosures", [])]
    kind: DocumentKind = "contract"
    index: int | None = None
    if disclosure is not None:
        if disclosure not in ids:
            raise InputError(f"{engagement.path}: no disclosure {disclosure!r} "
                             f"(it has: {', '.join(ids) or 'none'})")
        index = ids.index(disclosure)
    elif ids:
        index = 0
    if index is not None:
        context = disclosure_context(context, index)
        kind = "notice"
    compiled = load_template(Path(template))
    planned = PlannedDocument(kind, Path(output).name, index)
    content = compiled.render(context, _properties(planned, data))
    target = Path(output)
    write_atomic(target, content)
    return target

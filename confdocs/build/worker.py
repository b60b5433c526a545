"""The work done for one engagement file, in a worker process or in-process: validate it, render
its documents and write them, atomically. The parent decided beforehand which inputs may write
(an engagement id used twice never overwrites another's documents) and keeps the manifest."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import remove_stale_temps, write_atomic
from ..engagement.validate import InputProblem, Outcome, check_bytes, read_input
from ..errors import ConfdocsError
from ..render.documents import DocumentKind, PlannedDocument, document_date, plan_documents
from .plan import NO_TEMPLATES, EngagementTemplates, Use


@dataclass(frozen=True)
class Written:
    """A document written: only its name and hash travel back to the parent, never its bytes."""

    filename: str
    kind: DocumentKind
    sha256: str
    template: str
    template_sha256: str


@dataclass(frozen=True)
class Failed:
    filename: str
    message: str


@dataclass(frozen=True)
class Result:
    """What one input gave: its validation outcome, its input hash, and its documents."""

    outcome: Outcome | InputProblem
    input_sha256: str
    documents: tuple[Written, ...] = ()
    failures: tuple[Failed, ...] = ()
    kinds: tuple[DocumentKind, ...] = ()  # the kinds of document it was made with


_out = Path()
_clean_temps = False
# Each template and catalogue this process uses, by path, for the whole build: the parent checked
# them before handing them on, and looking each up again (a stat and a path resolved for every
# document) cost a third of the build's time.
_compiled: dict[str, Any] = {}
_catalogues: dict[tuple[str, str | None], Any] = {}
_building = False


def configure(out: str, clean_temps: bool = False, in_pool: bool = False) -> None:
    """Set where this process writes (the pool's initializer, or a call in-process)."""
    global _out, _clean_temps, _building
    _building = True
    _out = Path(out)
    _clean_temps = clean_temps
    _compiled.clear()
    _catalogues.clear()
    if in_pool:
        from ..pool import worker_signals

        worker_signals()


def work(name: str, raw: bytes | None = None, *, write: bool = True,
         templates: EngagementTemplates = NO_TEMPLATES) -> Result:
    """Validate one input and, if it is valid and ``write`` allows, make its documents with
    ``templates`` (those of its locale, which the parent chose and checked)."""
    if raw is None:
        read = read_input(name)
        if isinstance(read, InputProblem):
            return Result(read, "")
        raw = read
    outcome = check_bytes(name, raw, want_engagement=write, read_only=True)
    sha = hashlib.sha256(raw).hexdigest()
    if outcome.engagement is None:
        return Result(outcome, sha)
    data = outcome.engagement.data
    folder = _out / data["id"]
    if folder.is_symlink():
        # Written through, the link would put documents (and their clean-up) outside --out.
        failed = Failed(f"{data['id']}/", f"{folder} is a symbolic link; confdocs writes only "
                        "inside the output folder, so remove the link or choose another --out")
        slim = Outcome(outcome.path, outcome.findings, None, outcome.engagement_id, outcome.profiles)
        return Result(slim, sha, (), (failed,))
    documents: list[Written] = []
    # A locale no template set covers: said once for the engagement, not once per document.
    failures: list[Failed] = [Failed(f"{data['id']}/", message)
                              for message in dict.fromkeys(m for _, m in templates.uncovered)]
    uses = {use.kind: use for use in templates.uses}
    planned = plan_documents(data, tuple(uses))
    contexts: dict[tuple[str | None, str], dict[str, Any]] = {}
    try:
        if _clean_temps:
            remove_stale_temps(folder)  # a killed run may have left one behind
        if planned:  # no empty folder for an engagement whose documents are all refused
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        failures.append(Failed(f"{data['id']}/", _unwritable(folder, exc)))
    for document in planned if not failures else ():
        use = uses[document.kind]
        try:
            template = _template(use.template)
            key = (use.catalogue, use.language)
            if key not in contexts:
                contexts[key] = base_context(data, use)
            context = document_context(contexts[key], document)
            content = template.render(context, properties(document, data, use),
                                      language=use.language)
        except ConfdocsError as exc:
            failures.append(Failed(document.filename, str(exc)))
            continue
        try:
            write_atomic(folder / document.filename, content, make_folder=False)
        except OSError as exc:  # a full disk, a read-only folder: this document fails, not all
            failures.append(Failed(document.filename, _unwritable(folder, exc)))
            continue
        documents.append(Written(document.filename, document.kind,
                                 hashlib.sha256(content).hexdigest(), use.template,
                                 use.template_sha256))
    # The engagement's data has served its purpose; only what the parent needs travels back.
    slim = Outcome(outcome.path, outcome.findings, None, outcome.engagement_id, outcome.profiles)
    return Result(slim, sha, tuple(documents), tuple(failures), tuple(uses))


def _template(path: str) -> Any:
    if path not in _compiled:
        from ..render.template import load_template

        _compiled[path] = load_template(Path(path))
    return _compiled[path]


def _catalogue(use: Use) -> Any:
    key = (use.set_locale, use.catalogue)
    if key not in _catalogues:
        from ..render.catalogue import load_catalogue

        catalogue = load_catalogue(use.set_locale, Path(use.catalogue) if use.catalogue else None)
        if not _building:  # `render` outside a build: read afresh (it checks the file's date)
            return catalogue
        _catalogues[key] = catalogue
    return _catalogues[key]


def base_context(data: Mapping[str, Any], use: Use) -> dict[str, Any]:
    """The engagement's context in the words and language of the set ``use`` comes from."""
    from ..render.context import engagement_context

    catalogue = _catalogue(use)
    return engagement_context(data, catalogue, language=use.language)


def document_context(base: dict[str, Any], document: PlannedDocument) -> dict[str, Any]:
    """The context of one planned document: the engagement's, or a letter's or a record's."""
    from ..render.context import decision_context, disclosure_context

    if document.disclosure is not None:
        return disclosure_context(base, document.disclosure)
    if document.decision is not None:
        return decision_context(base, document.decision)
    return base


def _unwritable(folder: Path, exc: OSError) -> str:
    return (f"{folder} cannot be written ({exc.strerror or exc}); free some space, check the "
            "folder's permissions, or choose another --out")


def properties(document: PlannedDocument, data: Mapping[str, Any], use: Use) -> Any:
    """The document's core properties: its title in its own language, and that language."""
    from ..render.template import DocumentProperties

    catalogue = _catalogue(use)
    return DocumentProperties(
        title=catalogue.title(document.kind, data["title"]), subject=data["title"],
        author=data["parties"]["practitioner"]["name"], identifier=data["id"],
        language=use.language, date=document_date(document, data),
    )

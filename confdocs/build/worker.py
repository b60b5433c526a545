"""The work done for one engagement file, in a worker process or in-process: validate it, render
its documents and write them, atomically. The parent decided beforehand which inputs may write
(an engagement id used twice never overwrites another's documents) and keeps the manifest."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import remove_stale_temps, write_atomic
from ..engagement.validate import InputProblem, Outcome, check_bytes, read_input
from ..errors import ConfdocsError
from ..render.documents import DocumentKind, PlannedDocument, document_date, plan_documents
from .plan import NO_TEMPLATES, EngagementTemplates, Use

if TYPE_CHECKING:
    from ..render.catalogue import Catalogue
    from ..render.numbering import Outline
    from ..render.template import CompiledTemplate, DocumentProperties


@dataclass(frozen=True)
class Written:
    """A document written: only its name and hash travel back to the parent, never its bytes."""

    filename: str
    kind: DocumentKind
    sha256: str
    template: str
    template_sha256: str
    catalogue: str | None = None  # the words it was written with, and their sha256
    catalogue_sha256: str | None = None
    # The file's size and modification time once in place, which the manifest records so that
    # a later build can trust the file after a stat, without reading it.
    size: int | None = None
    mtime_ns: int | None = None


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
    # The documents it still makes that were current, so not made again (file names).
    kept: tuple[str, ...] = ()


class BuildMemo:
    """Each template and catalogue one build uses in this process, by path, for the whole build:
    the parent checked them before handing them on, and looking each up again (a stat and a path
    resolved for every document) cost a third of the build's time. Made afresh for each build;
    ``render_document``, outside any build, reads its template and words as they are now."""

    def __init__(self) -> None:
        self._templates: dict[str, CompiledTemplate] = {}
        self._catalogues: dict[tuple[str, str | None], Catalogue] = {}
        self._outlines: dict[str, Outline] = {}

    def template(self, path: str) -> CompiledTemplate:
        if path not in self._templates:
            from ..render.template import load_template

            self._templates[path] = load_template(Path(path))
        return self._templates[path]

    def outline(self, use: Use) -> Outline:
        """The sections the contract template of ``use``'s set numbers."""
        key = use.contract or ""
        if key not in self._outlines:
            self._outlines[key] = contract_outline(use)
        return self._outlines[key]

    def catalogue(self, use: Use) -> Catalogue:
        key = (use.set_locale, use.catalogue)
        if key not in self._catalogues:
            self._catalogues[key] = read_catalogue(use)
        return self._catalogues[key]


# What configure() sets for the build this process works for.
_out = Path()
_clean_temps = False
_memo = BuildMemo()


def configure(out: str, clean_temps: bool = False, in_pool: bool = False) -> None:
    """Set where this process writes, for one build (the pool's initializer, or a call
    in-process)."""
    global _out, _clean_temps, _memo
    _out = Path(out)
    _clean_temps = clean_temps
    _memo = BuildMemo()
    if in_pool:
        from ..pool import worker_signals

        worker_signals()


def work(name: str, raw: bytes | None = None, *, write: bool = True,
         templates: EngagementTemplates = NO_TEMPLATES,
         current: frozenset[str] = frozenset()) -> Result:
    """Validate one input and, if it is valid and ``write`` allows, make its documents with
    ``templates`` (those of its locale, which the parent chose and checked), except those named
    in ``current`` (file names), which the manifest shows need not be made again."""
    if raw is None:
        read = read_input(name)
        if isinstance(read, InputProblem):
            return Result(read, "")
        raw = read
    # Whether the locale has templates is the build's to say, with its own sets: an engagement
    # whose locale they do not cover gets a failure naming them (``templates.uncovered``), not
    # validate's warning about the shipped ones.
    outcome = check_bytes(name, raw, want_engagement=write, read_only=True, coverage=None,
                          cohort=False)
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
    kept = tuple(document.filename for document in planned if document.filename in current)
    if kept:
        planned = [document for document in planned if document.filename not in current]
    contexts: dict[tuple[str | None, str, str | None], dict[str, Any]] = {}
    try:
        if _clean_temps:
            remove_stale_temps(folder)  # a killed run may have left one behind
        # No empty folder for an engagement none of whose documents will be made: all refused,
        # or a kind its locale's sets lack, which fails the whole engagement.
        if planned and not failures:
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        failures.append(Failed(f"{data['id']}/", _unwritable(folder, exc)))
    for document in planned if not failures else ():
        use = uses[document.kind]
        try:
            template = _memo.template(use.template)
            catalogue = _memo.catalogue(use)
            key = (use.catalogue, use.language, use.contract)
            if key not in contexts:
                contexts[key] = base_context(data, use, catalogue, _memo.outline(use))
            context = document_context(contexts[key], document)
            content = template.render(context, properties(document, data, use, catalogue),
                                      language=use.language)
        except ConfdocsError as exc:
            failures.append(Failed(document.filename, str(exc)))
            continue
        target = folder / document.filename
        try:
            write_atomic(target, content, make_folder=False)
            found = os.stat(target)
        except OSError as exc:  # a full disk, a read-only folder: this document fails, not all
            failures.append(Failed(document.filename, _unwritable(folder, exc)))
            continue
        documents.append(Written(document.filename, document.kind,
                                 hashlib.sha256(content).hexdigest(), use.template,
                                 use.template_sha256, use.catalogue, use.catalogue_sha256,
                                 found.st_size, found.st_mtime_ns))
    # The engagement's data has served its purpose; only what the parent needs travels back.
    slim = Outcome(outcome.path, outcome.findings, None, outcome.engagement_id, outcome.profiles)
    return Result(slim, sha, tuple(documents), tuple(failures), tuple(uses), kept)


def read_catalogue(use: Use) -> Catalogue:
    """The words of the set ``use`` comes from, as its catalogue file is now."""
    from ..render.catalogue import load_catalogue

    return load_catalogue(use.set_locale, Path(use.catalogue) if use.catalogue else None)


def contract_outline(use: Use) -> Outline:
    """The sections the contract template of ``use``'s set numbers, as the file is now (the
    shipped contracts' when ``use`` names none)."""
    from ..render.numbering import SHIPPED
    from ..render.numbering import contract_outline as read_outline

    return SHIPPED if use.contract is None else read_outline(Path(use.contract))


def base_context(data: Mapping[str, Any], use: Use, catalogue: Catalogue,
                 outline: Outline | None = None) -> dict[str, Any]:
    """The engagement's context in the words (``catalogue``, that of the set ``use`` comes from)
    and the language of ``use``, numbered as ``outline`` (by default that of ``use``'s contract,
    read now) says."""
    from ..render.context import engagement_context

    if outline is None:
        outline = contract_outline(use)
    return engagement_context(data, catalogue, language=use.language, outline=outline)


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


def properties(document: PlannedDocument, data: Mapping[str, Any], use: Use,
               catalogue: Catalogue) -> DocumentProperties:
    """The document's core properties: its title in its own language (from ``catalogue``), and
    that language."""
    from ..render.template import DocumentProperties

    return DocumentProperties(
        title=catalogue.title(document.kind, data["title"]), subject=data["title"],
        author=data["parties"]["practitioner"]["name"], identifier=data["id"],
        language=use.language, date=document_date(document, data),
    )

"""The work done for one engagement file, in a worker process or in-process: validate it, render
its documents and write them, atomically. The parent decided beforehand which inputs may write
(an engagement id used twice never overwrites another's documents) and keeps the manifest."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import remove_stale_temps, write_atomic
from .documents import DocumentKind, PlannedDocument, document_date, document_title, plan_documents
from .engagement.validate import InputProblem, Outcome, check_bytes, read_input
from .errors import ConfdocsError


@dataclass(frozen=True)
class Written:
    """A document written: only its name and hash travel back to the parent, never its bytes."""

    filename: str
    kind: DocumentKind
    sha256: str


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


_templates: dict[DocumentKind, str] = {}
_kinds: tuple[DocumentKind, ...] = ()
_compiled: dict[DocumentKind, Any] = {}
_out = Path()
_clean_temps = False


def configure(templates: Mapping[DocumentKind, str], kinds: Sequence[DocumentKind], out: str,
              clean_temps: bool = False, in_pool: bool = False) -> None:
    """Set what this process renders and where (the pool's initializer, or a call in-process)."""
    global _templates, _kinds, _out, _clean_temps
    _templates = dict(templates)
    _kinds = tuple(kinds)
    _out = Path(out)
    _clean_temps = clean_temps
    _compiled.clear()
    if in_pool:
        import signal

        # Ctrl-C goes to the parent, which stops the pool; a worker never dies mid-write of
        # its own accord.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # The parent's SIGTERM handler is inherited through fork; a worker stopped by the pool
        # (or by a CI cancel sent to the whole group) just ends, without a traceback. Its
        # writes are atomic, so it leaves no half-written file.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if hasattr(signal, "pthread_sigmask"):  # blocked while the pool started: see build
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _template(kind: DocumentKind) -> Any:
    if kind not in _compiled:
        from .render.template import load_template

        _compiled[kind] = load_template(Path(_templates[kind]))
    return _compiled[kind]


def work(name: str, raw: bytes | None = None, *, write: bool = True) -> Result:
    """Validate one input and, if it is valid and ``write`` allows, make its documents."""
    if raw is None:
        read = read_input(name)
        if isinstance(read, InputProblem):
            return Result(read, "")
        raw = read
    outcome = check_bytes(name, raw, want_engagement=write)
    sha = hashlib.sha256(raw).hexdigest()
    if outcome.engagement is None:
        return Result(outcome, sha)
    from .render.context import engagement_context

    data = outcome.engagement.data
    base = engagement_context(data)
    folder = _out / data["id"]
    if folder.is_symlink():
        # Written through, the link would put documents (and their clean-up) outside --out.
        failed = Failed(f"{data['id']}/", f"{folder} is a symbolic link; confdocs writes only "
                        "inside the output folder, so remove the link or choose another --out")
        slim = Outcome(outcome.path, outcome.findings, None, outcome.engagement_id, outcome.profiles)
        return Result(slim, sha, (), (failed,))
    documents: list[Written] = []
    failures: list[Failed] = []
    planned = plan_documents(data, _kinds)
    try:
        if _clean_temps:
            remove_stale_temps(folder)  # a killed run may have left one behind
        if planned:  # no empty folder for an engagement whose documents are all refused
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        failures.append(Failed(f"{data['id']}/", _unwritable(folder, exc)))
    for document in planned if not failures else ():
        try:
            template = _template(document.kind)
            context = document_context(base, document)
            content = template.render(context, properties(document, data))
        except ConfdocsError as exc:
            failures.append(Failed(document.filename, str(exc)))
            continue
        try:
            write_atomic(folder / document.filename, content, make_folder=False)
        except OSError as exc:  # a full disk, a read-only folder: this document fails, not all
            failures.append(Failed(document.filename, _unwritable(folder, exc)))
            continue
        documents.append(Written(document.filename, document.kind,
                                 hashlib.sha256(content).hexdigest()))
    # The engagement's data has served its purpose; only what the parent needs travels back.
    slim = Outcome(outcome.path, outcome.findings, None, outcome.engagement_id, outcome.profiles)
    return Result(slim, sha, tuple(documents), tuple(failures))


def document_context(base: dict[str, Any], document: PlannedDocument) -> dict[str, Any]:
    """The context of one planned document: the engagement's, or a letter's or a record's."""
    from .render.context import decision_context, disclosure_context

    if document.disclosure is not None:
        return disclosure_context(base, document.disclosure)
    if document.decision is not None:
        return decision_context(base, document.decision)
    return base


def _unwritable(folder: Path, exc: OSError) -> str:
    return (f"{folder} cannot be written ({exc.strerror or exc}); free some space, check the "
            "folder's permissions, or choose another --out")


def properties(document: PlannedDocument, data: Mapping[str, Any]) -> Any:
    from .render.template import DocumentProperties

    return DocumentProperties(
        title=document_title(document.kind, data), subject=data["title"],
        author=data["parties"]["practitioner"]["name"], identifier=data["id"],
        language=data["locale"], date=document_date(document, data),
    )

"""The work done for one engagement file, in a worker process or in-process: validate it and
render its documents. Workers write nothing; the parent process writes, so that it alone decides
what reaches the disk (an engagement id used twice never overwrites another's documents)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .documents import DocumentKind, PlannedDocument, document_date, document_title, plan_documents
from .errors import ConfdocsError
from .validate import InputProblem, Outcome, check_bytes, read_input


@dataclass(frozen=True)
class Rendered:
    filename: str
    kind: DocumentKind
    content: bytes
    sha256: str  # hashed here, in parallel, rather than in the parent


@dataclass(frozen=True)
class Failed:
    filename: str
    message: str


@dataclass(frozen=True)
class Result:
    """What one input gave: its validation outcome, its input hash, and its documents."""

    outcome: Outcome | InputProblem
    input_sha256: str
    documents: tuple[Rendered, ...] = ()
    failures: tuple[Failed, ...] = ()


_templates: dict[DocumentKind, str] = {}
_kinds: tuple[DocumentKind, ...] = ()
_compiled: dict[DocumentKind, Any] = {}


def configure(templates: Mapping[DocumentKind, str], kinds: Sequence[DocumentKind]) -> None:
    """Set what this process renders (the pool's initializer, or a direct call in-process)."""
    global _templates, _kinds
    _templates = dict(templates)
    _kinds = tuple(kinds)
    _compiled.clear()


def _template(kind: DocumentKind) -> Any:
    if kind not in _compiled:
        from .render.template import load_template

        _compiled[kind] = load_template(Path(_templates[kind]))
    return _compiled[kind]


def work(name: str) -> Result:
    raw = read_input(name)
    if isinstance(raw, InputProblem):
        return Result(raw, "")
    return work_bytes(name, raw)


def work_bytes(name: str, raw: bytes) -> Result:
    outcome = check_bytes(name, raw)
    sha = hashlib.sha256(raw).hexdigest()
    if outcome.engagement is None:
        return Result(outcome, sha)
    from .render.context import disclosure_context, engagement_context

    data = outcome.engagement.data
    base = engagement_context(data)
    documents: list[Rendered] = []
    failures: list[Failed] = []
    for document in plan_documents(data, _kinds):
        try:
            template = _template(document.kind)
            context = (base if document.disclosure is None
                       else disclosure_context(base, document.disclosure))
            content = template.render(context, properties(document, data))
        except ConfdocsError as exc:
            failures.append(Failed(document.filename, str(exc)))
            continue
        documents.append(Rendered(document.filename, document.kind, content,
                                  hashlib.sha256(content).hexdigest()))
    # The engagement's data has served its purpose; only what the parent needs travels back.
    slim = Outcome(outcome.path, outcome.findings, None, outcome.engagement_id)
    return Result(slim, sha, tuple(documents), tuple(failures))


def properties(document: PlannedDocument, data: Mapping[str, Any]) -> Any:
    from .render.template import DocumentProperties

    return DocumentProperties(
        title=document_title(document.kind, data), subject=data["title"],
        author=data["parties"]["practitioner"]["name"], identifier=data["id"],
        language=data["locale"], date=document_date(document, data),
    )

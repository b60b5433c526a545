"""Which documents an engagement gets, what they are called, and what each one's context is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError

DocumentKind = Literal["contract", "annex", "notice", "decision"]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("contract", "annex", "notice", "decision")

TEMPLATE_FILES: Mapping[DocumentKind, str] = {
    "contract": "contract.docx",
    "annex": "feedback-annex.docx",
    "notice": "disclosure-notice.docx",
    "decision": "decision-record.docx",
}

# What a template sees (declared in ``names``): the engagement's context (contract, annex), a
# disclosure letter's, or an internal decision record's.
TemplateContext = Literal["engagement", "notice", "decision"]

CONTEXT_OF: Mapping[DocumentKind, TemplateContext] = {
    "contract": "engagement",
    "annex": "engagement",
    "notice": "notice",
    "decision": "decision",
}

_KIND_OF_FILE: Mapping[str, DocumentKind] = {name: kind for kind, name in TEMPLATE_FILES.items()}


def template_kind(path: Path) -> DocumentKind | None:
    """The kind of document a template of a template set makes, by its exact file name (as the
    sets read it); None for any other file."""
    return _KIND_OF_FILE.get(path.name)


def template_context(path: Path, *, kind: DocumentKind | None = None) -> TemplateContext:
    """What the template at ``path`` sees: the context of its ``kind`` when the caller knows it,
    else of the kind its template set gives it (``TEMPLATE_FILES``). A file of no set (a draft
    tried with `render -t` or `templates check`) is known by its name: a name holding "notice"
    sees a disclosure, one holding "decision" a decision, every other one the engagement."""
    kind = kind or template_kind(path)
    if kind is not None:
        return CONTEXT_OF[kind]
    name = path.name.lower()
    if "notice" in name:
        return "notice"
    if "decision" in name:
        return "decision"
    return "engagement"


@dataclass(frozen=True)
class PlannedDocument:
    """One document to produce: its kind, its file name, and the disclosure (notices) or the
    decision (decision records) it is about, by index."""

    kind: DocumentKind
    filename: str
    disclosure: int | None = None
    decision: int | None = None

    @property
    def template(self) -> str:
        return TEMPLATE_FILES[self.kind]


def plan_documents(data: Mapping[str, Any], only: Sequence[DocumentKind] = DOCUMENT_KINDS,
                   ) -> list[PlannedDocument]:
    """The documents an engagement gets: the contract; the annex only when feedback from others
    is collected; one notice per disclosure; one internal record per disclosure decision."""
    ident = data["id"]
    planned: list[PlannedDocument] = []
    if "contract" in only:
        planned.append(PlannedDocument("contract", f"{ident}-contract.docx"))
    if "annex" in only and data.get("feedback", {}).get("from_others", {}).get("collected"):
        planned.append(PlannedDocument("annex", f"{ident}-feedback-annex.docx"))
    if "notice" in only:
        planned.extend(
            PlannedDocument("notice", f"{ident}-disclosure-{disclosure['id']}.docx", index)
            for index, disclosure in enumerate(data.get("disclosures", []))
        )
    if "decision" in only:
        planned.extend(
            PlannedDocument("decision", f"{ident}-decision-{decision['id']}.docx",
                            decision=index)
            for index, decision in enumerate(data.get("decisions", []))
        )
    return planned


def document_date(document: PlannedDocument, data: Mapping[str, Any]) -> str:
    if document.disclosure is not None:
        return str(data["disclosures"][document.disclosure]["notice_date"])
    if document.decision is not None:
        return str(data["decisions"][document.decision]["date"])
    return str(data["dates"]["agreed"])


def parse_only(text: str | None) -> tuple[DocumentKind, ...]:
    """'contract,notice' -> ('contract', 'notice'); raises InputError naming a wrong kind."""
    if not text:
        return DOCUMENT_KINDS
    wanted = [part.strip() for part in text.split(",") if part.strip()]
    wrong = [part for part in wanted if part not in DOCUMENT_KINDS]
    if wrong or not wanted:
        raise InputError(f"--only: {', '.join(wrong) or text!r} is not a document kind; "
                         f"use one or more of {', '.join(DOCUMENT_KINDS)}, separated by commas")
    return tuple(kind for kind in DOCUMENT_KINDS if kind in wanted)

"""One template, one engagement, one document: what `confdocs render` does so that an editor can
try a template, outside any batch (no manifest, no lock, no worker processes)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_atomic
from ..errors import InputError, TemplateError
from ..lint.finding import TemplateFinding
from ..render.documents import DocumentKind

if TYPE_CHECKING:
    from ..render.sets import Choice


@dataclass(frozen=True)
class Rendered:
    """A document rendered to try a template, and the warnings `templates check` gives for it."""

    path: Path
    warnings: tuple[TemplateFinding, ...]


def render_document(template: str | os.PathLike[str], engagement_file: str | os.PathLike[str],
                    output: str | os.PathLike[str], *, disclosure: str | None = None,
                    decision: str | None = None) -> Rendered:
    """Render one template with one engagement, so that an editor can try a template.

    The context is the contract's; with ``disclosure`` (an id), or when the engagement has
    disclosures, it also holds that disclosure (the first by default), as a notice's does. A
    decision record's template (a name holding "decision") gets the decision ``decision`` (the
    first by default), as in a build.
    A template that `templates check` rejects is refused (TemplateError, with the check's
    findings; InputError when it is not a Word document).
    """
    from ..lint.gate import check_once, finding_lines

    checked = check_once(Path(template))
    if checked.errors:
        errors = len(checked.errors)
        message = (f"{template}: {errors} error{'s' if errors > 1 else ''} (confdocs templates "
                   "check finds the same); fix them and try again:")
        refused = InputError(message) if checked.unreadable else TemplateError(message)
        refused.details = tuple(finding_lines(checked.findings))
        raise refused
    from ..engagement.validate import load_engagement
    from ..lint import template_context
    from ..render.context import decision_context, disclosure_context
    from ..render.documents import PlannedDocument
    from ..render.sets import NoTemplateSet, shipped_template_sets
    from ..render.template import load_template
    from .plan import Use
    from .worker import base_context, properties, read_catalogue

    engagement = load_engagement(engagement_file)
    data = engagement.data
    kind: DocumentKind = "contract"
    index = decision_index = None
    if template_context(Path(template)) == "decision":
        decision_index = _pick(engagement.path, data, "decisions", "decision", decision)
        kind = "decision"
    else:
        index = _pick(engagement.path, data, "disclosures", "disclosure", disclosure)
        kind = "contract" if index is None else "notice"
    # The words of the shipped set of the engagement's language (English when there is none).
    try:
        words: Choice | None = shipped_template_sets().choose(engagement.locale, kind)
    except NoTemplateSet:
        words = None
    use = Use.tried(kind, str(template), engagement.locale, words_from=words,
                    contract=_contract_beside(Path(template), kind, words))
    # The words as the catalogue is now, never a build's memo of them: an editor trying a set
    # changes its words between two runs.
    catalogue = read_catalogue(use)
    context = base_context(data, use, catalogue)
    if index is not None:
        context = disclosure_context(context, index)
    if decision_index is not None:
        context = decision_context(context, decision_index)
    compiled = load_template(Path(template))
    planned = PlannedDocument(kind, "", index, decision_index)
    content = compiled.render(context, properties(planned, data, use, catalogue),
                              language=use.language)
    target = Path(output)
    write_atomic(target, content)
    return Rendered(target, checked.findings)


def _contract_beside(template: Path, kind: DocumentKind, words: Choice | None) -> str | None:
    """The contract whose sections a tried template's numbers come from: itself for a contract,
    else the contract beside it (a letter tried from an organisation's folder cites that folder's
    contract), else the shipped one of its language."""
    if kind == "contract":
        return str(template)
    beside = template.parent / "contract.docx"
    if beside.is_file():
        return str(beside)
    if words is None:
        return None
    from ..render.sets import NoTemplateSet, shipped_template_sets

    try:
        return str(shipped_template_sets().choose(words.set_locale, "contract").template)
    except NoTemplateSet:
        return None


def _pick(path: str, data: Mapping[str, Any], field: str, what: str,
          wanted: str | None) -> int | None:
    """The index of the disclosure or decision ``wanted`` (the first when None; None when the
    engagement has none). Raises InputError for an id it does not have."""
    ids = [entry["id"] for entry in data.get(field, [])]
    if wanted is not None and wanted not in ids:
        raise InputError(f"{path}: no {what} {wanted!r} (it has: {', '.join(ids) or 'none'})")
    if what == "decision" and not ids:
        raise InputError(f"{path}: the engagement has no decisions, so a decision record cannot "
                         "be tried with it; choose an engagement that records one")
    return ids.index(wanted) if wanted is not None else (0 if ids else None)

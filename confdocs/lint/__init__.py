"""`confdocs templates check`: every problem in a Word template, placed as its editor sees it.

The checks themselves (in ``check``) need lxml, Jinja's parser and the schema; they are imported
only when a template is checked, so that `build`, which finds each template's findings in its cache
(see ``gate``), does not pay for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..render.documents import template_context
from .finding import TemplateFinding

if TYPE_CHECKING:
    from ..render.documents import DocumentKind
    from .fields import Field

__all__ = ["TemplateFinding", "check_sets", "check_template", "template_context", "template_fields"]


def check_template(path: Path, *, kind: DocumentKind | None = None) -> list[TemplateFinding]:
    """Every problem in one template, in document order; never raises for a bad template. A
    template without errors is also rendered against engagements made from the schema.
    ``kind``: the kind of document it makes, when the caller knows it; by default, the kind its
    template set gives it, else a guess from its name (``template_context``)."""
    from .check import check_template as check

    return check(path, kind=kind)


def check_sets(own_folder: Path | None = None) -> list[TemplateFinding]:
    """What each language's template set lacks that the reference set (en-GB) has: templates,
    numbered sections, printed fields, conditional passages, translated messages. The shipped
    sets, or an organisation's folder (``--templates DIR``) over them."""
    from .completeness import check_sets as check

    return check(own_folder)


def template_fields(path: Path, *, kind: DocumentKind | None = None) -> list[Field]:
    """The fields a template uses, in the order the guide lists them (``kind`` as for
    :func:`check_template`)."""
    from .check import template_fields as fields

    return fields(path, kind=kind)

"""confdocs: confidentiality documents for coaching, training, mentoring and membership engagements.

The public API is what this module exports (``__all__``): the functions a pipeline calls, the
reports they return, and the errors they raise. Everything else is internal and may change in
any release. docs/api.md shows a pipeline using it.

Each function and report is imported on first use, so that ``import confdocs`` and
``confdocs --help`` load no jsonschema, lxml, Jinja or docxtpl (a test pins it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import (
    ConfdocsError,
    Finding,
    InputError,
    InvalidEngagementError,
    OutputError,
    TemplateError,
    ToolMissingError,
    WorkerLostError,
)

if TYPE_CHECKING:
    from .build.batch import BuildReport
    from .build.batch import build as build_documents
    from .build.single import Rendered, render_document
    from .engagement.importer import ImportReport, import_roster
    from .engagement.validate import Engagement, ValidationReport, load_engagement, validate_paths
    from .lint import check_sets, check_template
    from .lint.finding import TemplateFinding
    from .lock import BusyError

__all__ = [
    "BuildReport",
    "BusyError",
    "ConfdocsError",
    "Engagement",
    "Finding",
    "ImportReport",
    "InputError",
    "InvalidEngagementError",
    "OutputError",
    "Rendered",
    "TemplateError",
    "TemplateFinding",
    "ToolMissingError",
    "ValidationReport",
    "WorkerLostError",
    "__version__",
    "build_documents",
    "check_sets",
    "check_template",
    "import_roster",
    "load_engagement",
    "render_document",
    "validate_paths",
]

# Where each name imported on first use is defined (module, or module:name where it differs).
_LAZY: dict[str, str] = {
    "Engagement": ".engagement.validate",
    "ValidationReport": ".engagement.validate",
    "load_engagement": ".engagement.validate",
    "validate_paths": ".engagement.validate",
    "ImportReport": ".engagement.importer",
    "import_roster": ".engagement.importer",
    "TemplateFinding": ".lint.finding",
    "check_sets": ".lint",
    "check_template": ".lint",
    "BuildReport": ".build.batch",
    # confdocs.build is the build stage's package (Python binds a subpackage to its name in its
    # parent whenever it is imported), so its function is public under a name of its own.
    "build_documents": ".build.batch:build",
    "BusyError": ".lock",
    "Rendered": ".build.single",
    "render_document": ".build.single",
}


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'confdocs' has no attribute {name!r}")
    module, _, defined_as = where.partition(":")
    value = getattr(importlib.import_module(module, __name__), defined_as or name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

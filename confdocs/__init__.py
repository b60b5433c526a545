"""confdocs: confidentiality documents for coaching, training, mentoring and membership engagements.

The public API is what this module exports; everything else is internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import (
    ConfdocsError,
    Finding,
    InputError,
    InvalidEngagementError,
    TemplateError,
    ToolMissingError,
)

if TYPE_CHECKING:
    from .engagement.validate import Engagement, ValidationReport, load_engagement, validate_paths

__all__ = [
    "ConfdocsError",
    "Engagement",
    "Finding",
    "InputError",
    "InvalidEngagementError",
    "TemplateError",
    "ToolMissingError",
    "ValidationReport",
    "__version__",
    "load_engagement",
    "validate_paths",
]

_LAZY = {"Engagement", "ValidationReport", "load_engagement", "validate_paths"}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `confdocs --help` does not pay for jsonschema.
    if name in _LAZY:
        from .engagement import validate

        return getattr(validate, name)
    raise AttributeError(f"module 'confdocs' has no attribute {name!r}")

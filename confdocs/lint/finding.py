"""A problem found in a template, placed as its editor sees the document."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Severity


@dataclass(frozen=True)
class TemplateFinding:
    template: str
    place: str  # 'body paragraph 12 ("Signed by...")', 'table 1, row 2, cell 1', 'header' ...
    code: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

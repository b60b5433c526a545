"""PDF conversion (build.pdf): --pdf says when a template's fonts are missing, instead of
paginating unlike Word in silence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from confdocs.build.pdf import missing_fonts, template_fonts
from confdocs.resources import templates_dir

from ..helpers import fake_fc_match

SHIPPED = sorted(templates_dir().glob("*/*.docx"))


def test_the_shipped_templates_are_set_in_calibri_and_cambria() -> None:
    for template in SHIPPED:
        # Only fonts the text uses: the default template's unused styles name Courier too.
        assert template_fonts(template) == ["Calibri", "Cambria"], template.name


def test_a_metric_compatible_substitute_is_enough(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fake_fc_match(tmp_path, "Carlito,Caladea")  # what fontconfig answers with crosextra fonts
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    assert missing_fonts(SHIPPED) == []


def test_a_missing_font_is_named_with_its_package(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fake_fc_match(tmp_path, "DejaVu Sans")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    warnings = missing_fonts(SHIPPED)
    assert len(warnings) == 2
    assert warnings[0].startswith("font 'Calibri', used by contract.docx, decision-record.docx, "
                                  "disclosure-notice.docx, feedback-annex.docx, is not installed "
                                  "(LibreOffice would use DejaVu Sans)")
    assert "install Carlito (fonts-crosextra-carlito on Debian/Ubuntu)" in warnings[0]
    assert "install Caladea (fonts-crosextra-caladea" in warnings[1]


def test_no_fontconfig_no_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert missing_fonts(SHIPPED) == []

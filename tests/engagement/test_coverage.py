"""Which locales have templates (engagement.coverage) is told to validation, never asked of the
template sets by it: validate checks a locale against the shipped sets, unless told not to, and
the engagement package imports nothing downstream of it. (A build reports a locale its own sets
lack itself, as a failure: tests/build/test_batch.py.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import confdocs
from confdocs.engagement.coverage import LocaleCoverage, shipped_coverage
from confdocs.render.sets import language, shipped_template_sets

from ..helpers import ROOT, codes, engagement_in_locale

TAGS = ("en-GB", "en", "en-US", "EN_au", "fr-FR", "fr", "fr-CA", "de-DE", "de", "pt-BR",
        "zh-Hant-TW", "sr-Latn-RS")


def test_the_shipped_coverage_is_what_the_renderer_chooses_from() -> None:
    sets = shipped_template_sets()
    coverage = shipped_coverage()
    assert coverage.sets == tuple(sets.locales)
    assert coverage.languages == frozenset(language(tag) for tag in sets.locales
                                           if sets.covers(tag))
    for tag in TAGS:
        assert coverage.covers(tag) == sets.covers(tag), tag


def test_a_language_is_covered_by_any_of_its_sets() -> None:
    coverage = LocaleCoverage(("en-GB", "fr-FR"), frozenset({"en", "fr"}))
    assert coverage.covers("fr-CA") and coverage.covers("EN_us")
    assert not coverage.covers("de-DE")


def test_validate_checks_a_locale_against_the_shipped_sets_unless_told_not_to(
        tmp_path: Path) -> None:
    german = engagement_in_locale(tmp_path, "de-DE", "DE-1")
    french = engagement_in_locale(tmp_path, "fr-CA", "CA-1")
    report = confdocs.validate_paths([german, french])
    assert codes(report.findings) == ["locale-no-templates"]
    (finding,) = report.findings
    assert finding.file == str(german) and finding.pointer == "/locale"
    assert "(sets: en-GB, fr-FR)" in finding.message
    assert confdocs.validate_paths([german], coverage=None).findings == []
    assert confdocs.load_engagement(german, coverage=None).locale == "de-DE"


def test_coverage_is_shipped_none_or_a_coverage(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="coverage must be"):
        confdocs.validate_paths([engagement_in_locale(tmp_path, "de-DE", "DE-1")],
                                coverage="templates/")  # type: ignore[arg-type]


def _imports(path: Path) -> list[str]:
    """The modules a source file imports, as absolute names."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                found.append(".".join([*base, node.module] if node.module else base))
            else:
                found.append(node.module or "")
    return found


def test_the_engagement_package_imports_nothing_downstream_of_it() -> None:
    downstream = ("confdocs.render", "confdocs.lint", "confdocs.build")
    for path in sorted((ROOT / "confdocs" / "engagement").glob("*.py")):
        reaching = [name for name in _imports(path) if name.startswith(downstream)]
        assert reaching == [], f"{path.name} imports {reaching}"

"""Which locales have templates is told to validation, never asked of the template sets by it:
validate checks a locale against the shipped sets, a build reports a locale its own sets lack
itself (as a failure), and the engagement package imports nothing downstream of it."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

import confdocs
from confdocs.build import build
from confdocs.engagement.coverage import LocaleCoverage, shipped_coverage
from confdocs.render.sets import language, shipped_template_sets

from ..helpers import ROOT, SAMPLES

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


def _engagement(folder: Path, locale: str, ident: str = "DE-1") -> Path:
    data = json.loads((SAMPLES / "exec-coaching-harbour-vale.json").read_text(encoding="utf-8"))
    data.pop("$schema", None)
    data["id"] = ident
    data["locale"] = locale
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ident}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _codes(findings: list[confdocs.Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_validate_checks_a_locale_against_the_shipped_sets_unless_told_not_to(
        tmp_path: Path) -> None:
    german = _engagement(tmp_path, "de-DE")
    french = _engagement(tmp_path, "fr-CA", "CA-1")
    report = confdocs.validate_paths([german, french])
    assert _codes(report.findings) == ["locale-no-templates"]
    (finding,) = report.findings
    assert finding.file == str(german) and finding.pointer == "/locale"
    assert "(sets: en-GB, fr-FR)" in finding.message
    assert confdocs.validate_paths([german], coverage=None).findings == []
    assert confdocs.load_engagement(german, coverage=None).locale == "de-DE"


def test_coverage_is_shipped_none_or_a_coverage(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="coverage must be"):
        confdocs.validate_paths([_engagement(tmp_path, "de-DE")],
                                coverage="templates/")  # type: ignore[arg-type]


def _cohort_in_german(tmp_path: Path) -> Path:
    """The sample cohort, its programme profile in German."""
    cohort = tmp_path / "cohort"
    shutil.copytree(SAMPLES / "cohort", cohort)
    profile = cohort / "profiles" / "harbour-vale-2026.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    data["locale"] = "de-DE"
    profile.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return cohort


def test_a_build_reports_a_locale_its_sets_lack_as_a_failure_not_a_warning(
        tmp_path: Path) -> None:
    cohort = _cohort_in_german(tmp_path)
    report = build([cohort / "engagements"], tmp_path / "out", jobs=1)
    assert report.exit_code() == 1
    assert report.findings == [] and report.written == 0
    assert len(report.failures) == 5
    assert all("locale de-DE: no template set in German (de)" in failure.message
               for failure in report.failures)


def test_a_profile_read_for_a_build_is_checked_for_validate_as_validate_checks(
        tmp_path: Path) -> None:
    cohort = _cohort_in_german(tmp_path)
    english = cohort / "engagements" / "HV-LC-2026-001.json"
    data = json.loads(english.read_text(encoding="utf-8"))
    data["locale"] = "en-GB"  # over the profile's German
    english.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    report = build([english], tmp_path / "out", only=("contract",))
    assert report.exit_code() == 0 and report.written == 1 and report.findings == [], report
    # The profile's own locale is validate's to warn about, though the build read it first.
    checked = confdocs.validate_paths([english])
    assert _codes(checked.findings) == ["locale-no-templates"]
    assert checked.findings[0].file.endswith("harbour-vale-2026.json")


def test_a_build_with_a_fallback_language_says_nothing_about_the_locale(tmp_path: Path) -> None:
    cohort = _cohort_in_german(tmp_path)
    report = build([cohort / "engagements"], tmp_path / "out", only=("contract",),
                   fallback_language="en-GB")
    assert report.exit_code() == 0, report
    assert report.findings == [] and report.failures == []
    assert report.written == 5


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

"""The validation corpus: every case in tests/data gives exactly the findings expected of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from confdocs import validate_paths
from confdocs.engagement.cohort import CROSS_RULES
from confdocs.engagement.rules import RULES

from ..helpers import DATA, ROOT

INVALID = DATA / "invalid"
EXPECTED: dict[str, list[dict[str, object]]] = json.loads(
    (DATA / "expected.json").read_text(encoding="utf-8")) if (DATA / "expected.json").is_file() else {}


def _cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if p.is_file())


@pytest.mark.parametrize("case", _cases(DATA / "valid"), ids=lambda p: p.name)
def test_valid_case_has_no_findings(case: Path) -> None:
    report = validate_paths([case])
    assert report.findings == [], "\n".join(f.message for f in report.findings)


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=str)
def test_invalid_case_gives_exactly_the_expected_findings(name: str) -> None:
    case = INVALID / name
    # A case in a subfolder is checked with its siblings (the cross-file rules need them).
    report = validate_paths([case.parent] if case.parent != INVALID else [case])
    got = sorted((f.code, f.severity, f.pointer, f.line, f.column)
                 for f in report.findings if Path(f.file) == case)
    want = sorted((e["code"], e["severity"], e["pointer"], e["line"], e["column"])
                  for e in EXPECTED[name])
    assert got == want


def test_every_invalid_case_has_expectations() -> None:
    names = {str(p.relative_to(INVALID)) for p in _cases(INVALID)}
    listed = set(EXPECTED)
    # Files in a cross-file case folder that are not themselves at fault need no entry.
    unlisted = {n for n in names - listed if "/" not in n}
    assert not unlisted, f"cases without expectations: {sorted(unlisted)}"
    assert listed <= names, f"expectations without cases: {sorted(listed - names)}"


def _documented_codes() -> set[str]:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, flags=re.MULTILINE))


def test_every_rule_is_documented_and_every_documented_code_is_exercised() -> None:
    documented = _documented_codes()
    assert {rule.code for rule in RULES} <= documented
    exercised = {e["code"] for findings in EXPECTED.values() for e in findings}
    # file-too-large needs a 10 MiB file, made on the fly in acceptance/test_validate_command;
    # `schema` is the fallback for keywords the schema does not use today; the rules across
    # files need several files, and engagement/test_cohort.py checks each.
    assert documented - exercised <= {"schema", "file-too-large", *CROSS_RULES}, sorted(
        documented - exercised)


def test_corpus_folder_is_there() -> None:
    assert (DATA / "valid").is_dir() and (DATA / "invalid").is_dir()


@pytest.mark.parametrize(("text", "kind", "at"), [
    ('{"id": "E1",}', "an object", (1, 12)),
    ('{\n  "id": "E1",\n  "tags": ["a", "b",\n  ]\n}', "an array", (3, 20)),
    ('{"a": {"b": 1 ,\t\r\n }}', "an object", (1, 15)),
], ids=["object", "array", "blanks"])
def test_a_trailing_comma_is_named_at_the_comma_on_every_python(
        text: str, kind: str, at: tuple[int, int]) -> None:
    """Python 3.13's parser names a trailing comma, at the comma; earlier ones stop at the bracket
    after it and expect another key or value. The finding is confdocs' own, the same on all."""
    from confdocs.engagement.source import read_source

    [finding] = read_source("e.json", text.encode("utf-8")).findings
    assert (finding.code, finding.message, (finding.line, finding.column)) == (
        "json-syntax", f"not valid JSON: a comma follows the last item of {kind}; remove it", at)


@pytest.mark.parametrize(("text", "message", "at"), [
    ('{"id": ,}', "expected a value (a trailing comma, a comment or an unquoted word?)", (1, 8)),
    ('{"a": 1,,}', "expected a key in double quotes (a trailing comma, a comment or single "
     "quotes?)", (1, 9)),
    ('[,]', "expected a value (a trailing comma, a comment or an unquoted word?)", (1, 2)),
    ('{"a": 1,', "expected a key in double quotes (a trailing comma, a comment or single "
     "quotes?)", (1, 9)),
], ids=["missing-value", "two-commas", "no-item", "cut-short"])
def test_a_comma_not_after_an_item_is_not_called_trailing(
        text: str, message: str, at: tuple[int, int]) -> None:
    from confdocs.engagement.source import read_source

    [finding] = read_source("e.json", text.encode("utf-8")).findings
    assert (finding.message, (finding.line, finding.column)) == (f"not valid JSON: {message}", at)

"""The rules beyond the schema, one at a time: a sample engagement with one value changed gives
exactly the finding its rule promises (code, severity, JSON pointer, and the line:column of the
value in the text that was checked), the valid samples give none, and the registry and
docs/rules.md name the same rules with the same severities."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from confdocs.engagement.cohort import CROSS_RULES
from confdocs.engagement.coverage import SHIPPED, Coverage, LocaleCoverage
from confdocs.engagement.rules import MIN_ANONYMOUS_RESPONDENTS, RULES, run_rules
from confdocs.engagement.source import Source, read_source
from confdocs.engagement.validate import check_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
RULES_DOC = ROOT / "docs" / "rules.md"
# The sections of docs/rules.md that document the registry's rules (the others document the
# reading of the file, the schema, and inputs that cannot be read).
RULE_SECTIONS = ("Rules beyond the schema", "Names that must work as file names on every system")
# Documented with the rules, but a rule across the files of one run: validate checks it, with
# every file's id at hand, and no rule of one engagement could.
CROSS_FILE = {"engagement-duplicate-id": "error", **CROSS_RULES}

Placed = tuple[str, str, str, int, int]  # a finding's code, severity, pointer, line, column


def _sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    data.pop("$schema", None)
    return data


def _text(data: dict[str, Any], *, indent: int | None = 2) -> str:
    return json.dumps(data, indent=indent, ensure_ascii=False)


def _findings(text: str, coverage: Coverage = SHIPPED) -> list[Placed]:
    """What validating ``text`` finds, as validate runs the rules on one file."""
    outcome = check_bytes("engagement.json", text.encode("utf-8"), coverage=coverage)
    return [(f.code, f.severity, f.pointer, f.line, f.column) for f in outcome.findings]


def _at(text: str, key: str, value: str, after: str = "") -> tuple[int, int]:
    """The line and column (1-based, in characters) where ``value`` starts, written as the value
    of ``key`` (the first such after ``after``, which the text holds once: a disclosure's id for
    one of its fields); found by searching the text, never by the scanner under test."""
    fragment = f'"{key}": {value}'
    start = 0
    if after:
        assert text.count(after) == 1, f"{after} is not in the text exactly once"
        start = text.index(after)
    else:
        assert text.count(fragment) == 1, f"{fragment} is not in the text exactly once"
    offset = text.index(fragment, start) + len(fragment) - len(value)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


class Expected(NamedTuple):
    """A finding expected, placed by the key and value text it concerns (see ``_at``)."""

    code: str
    severity: str
    pointer: str
    key: str
    value: str
    after: str = ""


class Case(NamedTuple):
    """One value changed in a sample, and the findings it gives, in order."""

    sample: str
    change: Callable[[dict[str, Any]], None]
    expected: list[Expected]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change setting the value at a dotted path ('disclosures.0.consent')."""
    *parents, last = path.split(".")

    def change(data: dict[str, Any]) -> None:
        holder: Any = data
        for part in parents:
            holder = holder[int(part)] if part.isdigit() else holder[part]
        holder[int(last) if last.isdigit() else last] = value
    return change


TWO = "coaching-two-disclosures.json"  # D1 (consent given) and D2 (refused), DEC-1 and DEC-2
HARBOUR = "exec-coaching-harbour-vale.json"  # feedback by category, no disclosures
CASES = {
    "end before start": Case(HARBOUR, _set("dates.end", "2026-02-01"), [
        Expected("dates-end-before-start", "error", "/dates/end", "end", '"2026-02-01"')]),
    "agreed after start": Case(TWO, _set("dates.agreed", "2026-01-20"), [
        Expected("dates-agreed-after-start", "warning", "/dates/agreed", "agreed",
                 '"2026-01-20"')]),
    "short notice": Case(TWO, _set("disclosures.0.notice_date", "2026-04-15"), [
        Expected("disclosure-short-notice", "error", "/disclosures/0/notice_date",
                 "notice_date", '"2026-04-15"')]),
    # One value, five contradictions: consent is now refused, yet the letter rests on consent and
    # on explicit consent as its Article 9 condition, its reason says the client agreed, it says
    # nothing of how the refusal was weighed, and the decision record says he agreed.
    "consent refused": Case(TWO, _set("disclosures.0.consent", "refused"), [
        Expected("disclosure-text-claims-consent", "error", "/disclosures/0/reason", "reason",
                 '"I believe you are at risk', '"id": "D1"'),
        Expected("disclosure-consent-basis-without-consent", "error",
                 "/disclosures/0/lawful_basis", "lawful_basis", '"consent"', '"id": "D1"'),
        Expected("disclosure-condition-contradicts-consent", "error",
                 "/disclosures/0/special_category_condition", "special_category_condition",
                 '"explicit_consent"', '"id": "D1"'),
        Expected("disclosure-consent-note-missing", "error", "/disclosures/0/consent",
                 "consent", '"refused"', '"id": "D1"'),
        # ...and its decision record says he agreed.
        Expected("decision-text-claims-consent", "error", "/decisions/0/client_view",
                 "client_view", '"Daniel agreed, and asked me to be present."')]),
    # A ground the contract never declared, which its decision record did not consider either.
    "undeclared limit": Case(TWO, _set("disclosures.1.limit", "bribery"), [
        Expected("disclosure-unknown-limit", "error", "/disclosures/1/limit", "limit",
                 '"bribery"'),
        Expected("disclosure-decision-mismatch", "error", "/disclosures/1/decision", "decision",
                 '"DEC-2"')]),
    "no supervision": Case(TWO, _set("confidentiality.supervision.discussed", False), [
        Expected("supervision-no-guidance", "warning", "/confidentiality/supervision",
                 "supervision", "{"),
        Expected("supervision-consulted-without-supervision", "error",
                 "/disclosure_procedure/supervision_consulted", "supervision_consulted",
                 "true")]),
    "small category": Case(HARBOUR, _set("feedback.from_others.categories.1.minimum_respondents",
                                         MIN_ANONYMOUS_RESPONDENTS - 1), [
        Expected("feedback-category-too-small", "error",
                 "/feedback/from_others/categories/1/minimum_respondents", "minimum_respondents",
                 str(MIN_ANONYMOUS_RESPONDENTS - 1))]),
    "group without ground rules": Case(
        "training-course-data-leadership.json",
        lambda data: data["confidentiality"].pop("ground_rules"),
        [Expected("group-no-ground-rules", "error", "/setting", "setting", '"group"')]),
    "device name": Case(TWO, _set("id", "con"), [
        Expected("engagement-id-reserved-name", "error", "/id", "id", '"con"')]),
    "ids differing in case": Case(TWO, _set("disclosures.1.id", "d1"), [
        Expected("disclosure-id-case-clash", "error", "/disclosures/1/id", "id", '"d1"')]),
    # Issue 21: an unidentified report that would still print its categories, a summary that
    # no organisation party requires, and consent offered for a risk that is not the client's.
    "unidentified with categories": Case(
        HARBOUR, _set("feedback.from_others.anonymity", "unidentified"),
        [Expected("feedback-unidentified-categories", "error", "/feedback/from_others/categories",
                  "categories", "[")]),
    "summary with no organisation": Case(
        HARBOUR, lambda data: data["parties"].pop("sponsor"),
        [Expected("feedback-summary-no-organisation", "error", "/feedback/about_client/required",
                  "required", "true")]),
    "consent for a risk to others": Case(TWO, _set("disclosures.0.protects", "others"), [
        Expected("disclosure-consent-basis-protects-others", "error",
                 "/disclosures/0/lawful_basis", "lawful_basis", '"consent"', '"id": "D1"')]),
    "unknown locale": Case(TWO, _set("locale", "xx-XX"), [
        Expected("locale-unknown", "error", "/locale", "locale", '"xx-XX"')]),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_one_value_changed_gives_exactly_its_rules_findings_at_that_value(case: Case) -> None:
    data = _sample(case.sample)
    case.change(data)
    text = _text(data)
    expected = [(e.code, e.severity, e.pointer, *_at(text, e.key, e.value, e.after))
                for e in case.expected]
    assert _findings(text) == expected


@pytest.mark.parametrize("sample", sorted(path.name for path in SAMPLES.glob("*.json")))
def test_no_rule_fires_on_a_valid_sample(sample: str) -> None:
    assert _findings(_text(_sample(sample))) == []


def test_rules_do_not_fire_on_the_right_side_of_their_thresholds() -> None:
    """The samples sit on the limits the rules draw, and pass: notice of exactly the agreed
    days, and a category of one respondent that is identified by its nature."""
    two = _sample(TWO)
    assert two["disclosure_procedure"]["notice_days"] == 3
    assert (two["disclosures"][0]["notice_date"], two["disclosures"][0]["disclosure_date"]) == (
        "2026-04-14", "2026-04-17")
    harbour = _sample(HARBOUR)
    manager = harbour["feedback"]["from_others"]["categories"][0]
    assert (manager["minimum_respondents"], manager["identified"]) == (1, True)
    for data, code in ((two, "disclosure-short-notice"), (harbour, "feedback-category-too-small")):
        source = read_source("engagement.json", _text(data).encode("utf-8"))
        run_rules(source, None, only={code})
        assert source.findings == [], code


def test_locale_coverage_is_what_the_caller_says_it_is() -> None:
    text = _text(_sample("coaching-fr-lyon.json"))
    at = _at(text, "locale", '"fr-FR"')
    english = LocaleCoverage(("en-GB",), frozenset({"en"}))
    assert _findings(text, english) == [("locale-no-templates", "warning", "/locale", *at)]
    outcome = check_bytes("engagement.json", text.encode("utf-8"), coverage=english)
    assert "(sets: en-GB)" in outcome.findings[0].message
    # Any set of the engagement's language covers it, whatever its region.
    assert _findings(text, LocaleCoverage(("en-GB", "fr-CA"), frozenset({"en", "fr"}))) == []
    assert _findings(text, None) == []  # the caller reports uncovered locales itself
    assert _findings(text) == []  # confdocs ships a French set


def test_an_unknown_locale_is_said_once_not_also_as_uncovered() -> None:
    data = _sample(TWO)
    data["locale"] = "xx-XX"
    text = _text(data)
    english = LocaleCoverage(("en-GB",), frozenset({"en"}))
    assert _findings(text, english) == [
        ("locale-unknown", "error", "/locale", *_at(text, "locale", '"xx-XX"'))]


def test_columns_count_characters_not_bytes() -> None:
    """In a file written on one line after accented French text, the column is the
    character's."""
    data = _sample("coaching-fr-lyon.json")
    data["decisions"][0]["limit"] = "inconnue"
    text = _text(data, indent=None)
    before = text[:text.index('"limit": "inconnue"')]
    assert len(before.encode("utf-8")) > len(before)  # bytes and characters differ here
    assert _findings(text) == [
        ("disclosure-decision-mismatch", "error", "/disclosures/0/decision",
         *_at(text, "decision", '"DEC-1"')),
        ("decision-unknown-limit", "error", "/decisions/0/limit",
         *_at(text, "limit", '"inconnue"')),
    ]
    assert _at(text, "limit", '"inconnue"')[0] == 1


def test_only_runs_the_rules_named() -> None:
    data = _sample(TWO)
    data["confidentiality"]["supervision"]["discussed"] = False
    text = _text(data)
    source = read_source("engagement.json", text.encode("utf-8"))
    run_rules(source, None, only={"supervision-no-guidance"})
    assert [(f.code, f.pointer, f.line, f.column) for f in source.findings] == [
        ("supervision-no-guidance", "/confidentiality/supervision",
         *_at(text, "supervision", "{"))]


def test_a_rule_whose_input_is_malformed_is_skipped_and_the_others_still_run() -> None:
    """Rules run on schema-valid data; given data the schema would refuse (a date that is not
    one), the rules that read it stand aside and the rest report as usual."""
    data = _sample(TWO)
    data["dates"]["start"] = "soon"
    data["id"] = "NUL"
    text = _text(data)
    source = Source("engagement.json", text, data)
    run_rules(source, LocaleCoverage(("en-GB",), frozenset({"en"})))
    assert [(f.code, f.severity, f.pointer, f.line, f.column) for f in source.findings] == [
        ("engagement-id-reserved-name", "error", "/id", *_at(text, "id", '"NUL"'))]


def _documented() -> dict[str, list[str]]:
    """The severities docs/rules.md gives each code of its rule sections (a list, to see a code
    documented twice)."""
    sections = {part.split("\n", 1)[0]: part
                for part in re.split(r"^## ", RULES_DOC.read_text(encoding="utf-8"), flags=re.M)}
    assert set(RULE_SECTIONS) <= set(sections), sorted(sections)
    documented: dict[str, list[str]] = {}
    for title in RULE_SECTIONS:
        for code, severity in re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \|",
                                         sections[title], flags=re.M):
            documented.setdefault(code, []).append(severity)
    return documented


def test_every_rule_in_the_registry_is_documented_once_with_its_severity() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)), "a code registered twice"
    documented = _documented()
    assert {rule.code: documented.get(rule.code) for rule in RULES} == {
        rule.code: [rule.severity] for rule in RULES}


def test_every_rule_documented_is_in_the_registry() -> None:
    documented = _documented()
    registered = {rule.code for rule in RULES}
    assert {code: documented.get(code) for code in CROSS_FILE} == {
        code: [severity] for code, severity in CROSS_FILE.items()}
    assert not registered & set(CROSS_FILE)
    assert set(documented) - set(CROSS_FILE) == registered

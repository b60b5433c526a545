"""Rules beyond the schema: one small function per code, run only on schema-valid data.

Each rule reads the engagement and yields (pointer, message) pairs; the registry gives it its code and
severity. docs/rules.md documents every code; a test checks that the two agree.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Severity
from .source import Source

Check = Callable[[dict[str, Any]], Iterator[tuple[str, str]]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    check: Check


RULES: list[Rule] = []

MIN_ANONYMOUS_RESPONDENTS = 3


def rule(code: str, severity: Severity) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES.append(Rule(code, severity, check))
        return check
    return register


def run_rules(source: Source) -> None:
    for entry in RULES:
        try:
            found = list(entry.check(source.data))
        except (KeyError, TypeError, ValueError, AttributeError):
            # The rule's own inputs are malformed, which the schema has already reported;
            # the other rules still run, so one error never hides the next.
            continue
        for pointer, message in found:
            source.add(entry.code, entry.severity, pointer, message)


def _date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)


def _long(day: _dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@rule("dates-end-before-start", "error")
def _end_before_start(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    dates = data["dates"]
    if "end" in dates and _date(dates["end"]) < _date(dates["start"]):
        yield ("/dates/end",
               f"dates.end {dates['end']} is before dates.start {dates['start']}; "
               "correct one of them")


@rule("dates-agreed-after-start", "warning")
def _agreed_after_start(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    dates = data["dates"]
    if _date(dates["agreed"]) > _date(dates["start"]):
        yield ("/dates/agreed",
               f"dates.agreed {dates['agreed']} is after dates.start {dates['start']}; "
               "confidentiality terms should be agreed before the work begins")


@rule("locale-unknown", "error")
def _locale_unknown(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if "locale" not in data:
        return
    from babel import localedata  # light: no locale data is loaded to answer this

    tag = data["locale"]
    if not localedata.exists(tag.replace("-", "_")):
        yield ("/locale",
               f"locale {tag!r} is well-formed but confdocs has no data for it; "
               "use a tag such as en-GB")


def _duplicate_ids(items: list[dict[str, Any]], base: str, what: str) -> Iterator[tuple[str, str]]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first = seen.setdefault(item["id"], index)
        if first != index:
            yield (f"{base}/{index}/id",
                   f"{what} id {item['id']!r} is used twice (entries {first} and {index}); "
                   "give each its own id")


@rule("limit-duplicate-id", "error")
def _limit_duplicate_id(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _duplicate_ids(data["confidentiality"]["limits"], "/confidentiality/limits",
                              "limit")


@rule("disclosure-duplicate-id", "error")
def _disclosure_duplicate_id(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _duplicate_ids(data.get("disclosures", []), "/disclosures", "disclosure")


@rule("disclosure-unknown-limit", "error")
def _unknown_limit(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    declared = [limit["id"] for limit in data["confidentiality"]["limits"]]
    for index, disclosure in enumerate(data.get("disclosures", [])):
        if disclosure["limit"] not in declared:
            yield (f"/disclosures/{index}/limit",
                   f"disclosure {disclosure['id']!r} rests on limit {disclosure['limit']!r}, "
                   f"which confidentiality.limits does not declare (declared: "
                   f"{', '.join(declared)}); confidentiality may only be broken on a declared "
                   "ground")


@rule("disclosure-short-notice", "error")
def _short_notice(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    days = data["disclosure_procedure"]["notice_days"]
    for index, disclosure in enumerate(data.get("disclosures", [])):
        given = (_date(disclosure["disclosure_date"]) - _date(disclosure["notice_date"])).days
        if given < days and "no_notice_reason" not in disclosure:
            yield (f"/disclosures/{index}/notice_date",
                   f"disclosure {disclosure['id']!r} gives {given} day(s) of notice, fewer than "
                   f"the {days} agreed in disclosure_procedure.notice_days; move the dates or "
                   "say why in no_notice_reason")


@rule("disclosure-consent-note-missing", "error")
def _consent_note(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    needs = {"not_sought": "why consent was not sought",
             "refused": "how the client's refusal was considered"}
    for index, disclosure in enumerate(data.get("disclosures", [])):
        consent = disclosure["consent"]
        if consent in needs and "consent_note" not in disclosure:
            yield (f"/disclosures/{index}/consent",
                   f"disclosure {disclosure['id']!r} has consent {consent!r} but no "
                   f"consent_note; the letter must say {needs[consent]}")


@rule("disclosure-outside-engagement", "warning")
def _outside_engagement(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    dates = data["dates"]
    start = _date(dates["start"])
    end = _date(dates["end"]) if "end" in dates else None
    for index, disclosure in enumerate(data.get("disclosures", [])):
        day = _date(disclosure["disclosure_date"])
        if day < start or (end is not None and day > end):
            yield (f"/disclosures/{index}/disclosure_date",
                   f"disclosure {disclosure['id']!r} is dated {_long(day)}, outside the "
                   f"engagement ({dates['start']} to {dates.get('end', 'open-ended')}); "
                   "check the date")


@rule("disclosure-review-before-disclosure", "warning")
def _review_before(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure in enumerate(data.get("disclosures", [])):
        review = disclosure.get("review_date")
        if review and _date(review) < _date(disclosure["disclosure_date"]):
            yield (f"/disclosures/{index}/review_date",
                   f"disclosure {disclosure['id']!r}: the relationship review ({review}) comes "
                   f"before the disclosure ({disclosure['disclosure_date']}); check the dates")


@rule("feedback-no-categories", "error")
def _no_categories(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if others.get("collected") and others.get("anonymity") == "category" \
            and not others.get("categories"):
        yield ("/feedback/from_others/anonymity",
               "feedback from others is reported by category, but feedback.from_others."
               "categories lists none; add the rater categories")


@rule("feedback-category-too-small", "error")
def _category_too_small(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if others.get("anonymity") != "category":
        return  # named or unidentified reporting does not report categories apart
    for index, category in enumerate(others.get("categories", [])):
        if not category["identified"] and \
                category["minimum_respondents"] < MIN_ANONYMOUS_RESPONDENTS:
            yield (f"/feedback/from_others/categories/{index}/minimum_respondents",
                   f"rater category {category['name']!r} reports from "
                   f"{category['minimum_respondents']} response(s), which could identify its "
                   f"raters; set at least {MIN_ANONYMOUS_RESPONDENTS}, or mark it identified")


@rule("feedback-interviews-identified", "warning")
def _interviews_identified(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if others.get("collected") and others.get("method") == "interviews" \
            and others.get("anonymity") in ("category", "named"):
        how = "by name" if others["anonymity"] == "named" else "by category"
        yield ("/feedback/from_others/anonymity",
               f"interview feedback is reported {how}; in professional "
               "practice interviews are reported as patterns, never by name, role or "
               "relationship; use unidentified, or gather named feedback by survey")


# --- Names that collide as file names (issue 15) --------------------------------------------
# Documents are named after ids, and the file systems of macOS and Windows ignore case and
# reserve device names: ids that differ only in case, or that are a device name, are fine on
# Linux and overwrite each other or cannot be written there.

WINDOWS_DEVICE_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{port}{n}" for port in ("COM", "LPT") for n in range(10)})


@rule("engagement-id-reserved-name", "error")
def _reserved_name(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    ident = data["id"]
    if ident.upper() in WINDOWS_DEVICE_NAMES:
        yield ("/id",
               f"engagement id {ident!r} is a device name on Windows, so its documents' folder "
               "cannot be made there; choose another id")


@rule("disclosure-id-case-clash", "error")
def _disclosure_case_clash(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    seen: dict[str, tuple[int, str]] = {}
    for index, disclosure in enumerate(data.get("disclosures", [])):
        ident = disclosure["id"]
        first, spelt = seen.setdefault(ident.casefold(), (index, ident))
        if first != index and spelt != ident:  # the same spelling is disclosure-duplicate-id
            yield (f"/disclosures/{index}/id",
                   f"disclosure ids {spelt!r} and {ident!r} differ only in case; their letters "
                   "would overwrite each other on macOS and Windows, so give each its own id")

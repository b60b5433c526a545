"""Rules beyond the schema: one small function per code, run only on schema-valid data.

Each rule reads the engagement and yields (pointer, message) pairs; the registry gives it its code and
severity. docs/rules.md documents every code; a test checks that the two agree. A rule about the
templates reads, besides, what the template sets cover (see ``coverage``): validation is told it,
never asks the sets.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import Severity
from .coverage import LocaleCoverage
from .law import outcome_settled
from .source import Source

Check = Callable[[dict[str, Any]], Iterator[tuple[str, str]]]
CoverageCheck = Callable[[dict[str, Any], LocaleCoverage | None], Iterator[tuple[str, str]]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    check: CoverageCheck  # a rule that reads only the engagement ignores the coverage


RULES: list[Rule] = []

MIN_ANONYMOUS_RESPONDENTS = 3


def rule(code: str, severity: Severity) -> Callable[[Check], Check]:
    """Register a rule that reads only the engagement."""
    def register(check: Check) -> Check:
        RULES.append(Rule(code, severity, lambda data, _coverage: check(data)))
        return check
    return register


def coverage_rule(code: str, severity: Severity) -> Callable[[CoverageCheck], CoverageCheck]:
    """Register a rule that also reads what the template sets cover (None: nothing to check)."""
    def register(check: CoverageCheck) -> CoverageCheck:
        RULES.append(Rule(code, severity, check))
        return check
    return register


def run_rules(source: Source, coverage: LocaleCoverage | None,
              only: Collection[str] | None = None) -> None:
    """Run every rule (or those whose code is in ``only``) on the source's data, with what the
    template sets cover."""
    for entry in RULES:
        if only is not None and entry.code not in only:
            continue
        try:
            found = list(entry.check(source.data, coverage))
        except (KeyError, TypeError, ValueError, AttributeError):
            # The rule's own inputs are malformed, which the schema has already reported;
            # the other rules still run, so one error never hides the next.
            continue
        for pointer, message in found:
            source.add(entry.code, entry.severity, pointer, message)


def claimed_texts(entry: Mapping[str, Any], fields: tuple[str, ...], where: str,
                  found: Callable[[str], str | None]) -> Iterator[tuple[str, str, str]]:
    """(pointer, field, words) for each text of ``entry`` (or item of a list of texts) in which
    ``found`` finds words (a claim of consent, a refusal, an outcome settled...)."""
    for field in fields:
        value = entry.get(field)
        texts = (list(enumerate(value)) if isinstance(value, list)
                 else [(None, value)] if isinstance(value, str) else [])
        for item, text in texts:
            words = found(text) if isinstance(text, str) else None
            if words:
                pointer = f"{where}/{field}" + ("" if item is None else f"/{item}")
                yield pointer, field, words


# The texts of a disclosure that say why it is made: where "whatever you decide" would settle
# what its letter says is still open.
_SETTLING_TEXTS = ("reason", "consent_note", "legal_basis")


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


@lru_cache(maxsize=256)
def _known_locale(tag: str) -> bool:
    """Whether Babel has data for the locale (light: no locale data is loaded to answer)."""
    from babel import localedata

    return bool(localedata.exists(tag.replace("-", "_")))


@lru_cache(maxsize=1)
def _locale_form() -> re.Pattern[str]:
    """The form the schema gives a locale tag (its ``pattern``)."""
    from ..resources import load_schema

    return re.compile(load_schema()["properties"]["locale"]["pattern"])


@rule("locale-unknown", "error")
def _locale_unknown(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    tag = data.get("locale")
    # A tag that is not well-formed ("english") is schema-pattern's to say, once: this rule
    # would tell the same value it is well-formed.
    if isinstance(tag, str) and _locale_form().search(tag) and not _known_locale(tag):
        yield ("/locale",
               f"locale {tag!r} is well-formed but confdocs has no data for it; "
               "use a tag such as en-GB")


@coverage_rule("locale-no-templates", "warning")
def _locale_no_templates(data: dict[str, Any], coverage: LocaleCoverage | None,
                         ) -> Iterator[tuple[str, str]]:
    tag = data.get("locale")
    # No locale is en-GB, the reference set's; an unknown one is locale-unknown's to say.
    if coverage is None or tag is None or not _known_locale(tag):
        return
    if not coverage.covers(tag):
        yield ("/locale",
               f"locale {tag}: confdocs ships no template set in its language "
               f"(sets: {', '.join(coverage.sets)}), so build will not make its documents; add "
               "your own set with build --templates (docs/languages.md), or build with "
               "--fallback-language")


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
    yield from _undeclared_limits(data, "disclosures", "disclosure", "rests on",
                                  "; confidentiality may only be broken on a declared ground")


def _undeclared_limits(data: dict[str, Any], key: str, name: str, verb: str, why: str = "",
                       ) -> Iterator[tuple[str, str]]:
    """Entries of ``data[key]`` whose ``limit`` is not one of the declared limits' ids."""
    declared = [limit["id"] for limit in data["confidentiality"]["limits"]]
    for index, entry in enumerate(data.get(key, [])):
        if entry["limit"] not in declared:
            yield (f"/{key}/{index}/limit",
                   f"{name} {entry['id']!r} {verb} limit {entry['limit']!r}, which "
                   f"confidentiality.limits does not declare (declared: {', '.join(declared)})"
                   f"{why}")


@rule("disclosure-short-notice", "error")
def _short_notice(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    days = data["disclosure_procedure"]["notice_days"]
    for index, disclosure in enumerate(data.get("disclosures", [])):
        given = (_date(disclosure["disclosure_date"]) - _date(disclosure["notice_date"])).days
        if 0 <= given < days and "no_notice_reason" not in disclosure \
                and not disclosure.get("after_the_event"):
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


MIN_OVERALL_RESPONDENTS = 4


def _disclosures(data: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any], str]]:
    for index, disclosure in enumerate(data.get("disclosures", [])):
        yield index, disclosure, f"disclosure {disclosure['id']!r}"


@rule("disclosure-before-notice", "error")
def _before_notice(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure, name in _disclosures(data):
        if not disclosure.get("after_the_event") and \
                _date(disclosure["disclosure_date"]) < _date(disclosure["notice_date"]):
            yield (f"/disclosures/{index}/disclosure_date",
                   f"{name} is dated {disclosure['disclosure_date']}, before its notice of "
                   f"{disclosure['notice_date']}; a letter cannot give notice of a disclosure "
                   "already made: correct the dates, or, if it had to be made first (an "
                   'emergency), set "after_the_event": true and give no_notice_reason')


@rule("disclosure-after-event-without-provision", "error")
def _after_event_provision(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if data["disclosure_procedure"].get("emergency_provision"):
        return
    for index, disclosure, name in _disclosures(data):
        if disclosure.get("after_the_event"):
            yield (f"/disclosures/{index}/after_the_event",
                   f"{name} was made before the client was told, but the contract makes no "
                   "provision for disclosure in an emergency; set disclosure_procedure."
                   "emergency_provision to true (and have the contract signed again), or give "
                   "notice first")


@rule("disclosure-after-event-inconsistent", "error")
def _after_event_inconsistent(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure, name in _disclosures(data):
        if not disclosure.get("after_the_event"):
            continue
        if "no_notice_reason" not in disclosure:
            yield (f"/disclosures/{index}/after_the_event",
                   f"{name} was made after the event but has no no_notice_reason; the letter "
                   "must tell the client why they could not be told first")
        if _date(disclosure["notice_date"]) < _date(disclosure["disclosure_date"]):
            yield (f"/disclosures/{index}/notice_date",
                   f"{name} is marked after the event, but its letter ({disclosure['notice_date']}) "
                   f"is dated before the disclosure ({disclosure['disclosure_date']}); date the "
                   "letter on or after the disclosure, or give notice in advance instead")
        if disclosure["client_may_disclose_first"]:
            yield (f"/disclosures/{index}/client_may_disclose_first",
                   f"{name} has already been made, so the client cannot make it first; set "
                   "client_may_disclose_first to false")


@rule("disclosure-not-sought-without-provision", "error")
def _not_sought_without_provision(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    procedure = data["disclosure_procedure"]
    if not procedure["consent_sought_first"]:
        return
    for index, disclosure, name in _disclosures(data):
        if disclosure["consent"] != "not_sought":
            continue
        if not procedure.get("emergency_provision"):
            yield (f"/disclosures/{index}/consent",
                   f"{name} was made without seeking consent, but the contract promises to seek "
                   "the client's consent first and makes no provision for disclosure without it; "
                   "seek consent, or set disclosure_procedure.emergency_provision (and have the "
                   "contract signed again)")
        elif not disclosure.get("after_the_event"):
            yield (f"/disclosures/{index}/consent",
                   f"{name} gives notice in advance yet does not seek consent, which the contract "
                   "promises to seek first; only an emergency disclosure, made before the client "
                   "could be told (after_the_event), may skip it: ask the client, and record "
                   "their answer as given or refused")


@rule("limits-no-emergency-route", "warning")
def _no_emergency_route(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    procedure = data["disclosure_procedure"]
    if procedure.get("emergency_provision") or not (
            procedure["consent_sought_first"] or procedure["notice_days"] > 0):
        return
    for index, limit in enumerate(data["confidentiality"]["limits"]):
        if limit["ground"] == "safeguarding":
            yield (f"/confidentiality/limits/{index}/ground",
                   f"limit {limit['id']!r} is a safeguarding ground, but the contract has no "
                   "emergency route: with someone at immediate risk the practitioner would still "
                   "have to seek consent and give notice first, or breach the agreement; set "
                   "disclosure_procedure.emergency_provision to true")
            return


@rule("disclosure-no-legal-basis", "error")
def _no_legal_basis(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure, name in _disclosures(data):
        if disclosure["consent"] in ("refused", "not_sought") and "legal_basis" not in disclosure:
            yield (f"/disclosures/{index}/consent",
                   f"{name} is made without the client's consent ({disclosure['consent']}), so "
                   "the letter must give its legal basis; add legal_basis")


@rule("disclosure-consent-basis-without-consent", "error")
def _consent_basis(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure, name in _disclosures(data):
        if disclosure.get("lawful_basis") == "consent" and disclosure["consent"] != "given":
            yield (f"/disclosures/{index}/lawful_basis",
                   f"{name} rests on consent, but consent is {disclosure['consent']!r}; a "
                   "disclosure made without consent needs another lawful basis (vital_interests, "
                   "legal_obligation, legitimate_interests...)")


@rule("disclosure-self-disclosure-not-in-contract", "error")
def _self_disclosure(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if data["disclosure_procedure"]["self_disclosure_support"]:
        return
    for index, disclosure, name in _disclosures(data):
        if disclosure["client_may_disclose_first"]:
            yield (f"/disclosures/{index}/client_may_disclose_first",
                   f"{name}'s letter offers the client the chance to disclose first, but the "
                   "contract offers no support to do so (disclosure_procedure."
                   "self_disclosure_support is false); make the two agree")


@rule("supervision-consulted-without-supervision", "error")
def _consulted_without_supervision(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if data["disclosure_procedure"]["supervision_consulted"] and \
            not data["confidentiality"]["supervision"]["discussed"]:
        yield ("/disclosure_procedure/supervision_consulted",
               "the procedure consults the professional supervisor before a disclosure, but "
               "confidentiality.supervision.discussed says the work is not discussed in "
               "supervision; make the two agree")


@rule("supervision-no-guidance", "warning")
def _no_guidance(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    supervision = data["confidentiality"]["supervision"]
    if not supervision["discussed"] and "guidance_from" not in supervision:
        yield ("/confidentiality/supervision",
               "the practitioner has no supervisor, and the contract does not say who they may "
               "ask for guidance if confidentiality has to be broken; add "
               "confidentiality.supervision.guidance_from (a mentor or another experienced "
               "practitioner)")


@rule("group-no-ground-rules", "error")
def _group_rules(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if data.get("setting") == "group" and "ground_rules" not in data["confidentiality"]:
        yield ("/setting",
               "the work happens in a group, so the contract must state the ground rules asked "
               "of participants; add confidentiality.ground_rules")


@rule("membership-number-misplaced", "warning")
def _membership_number(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    body = data["professional_body"]
    if data["kind"] == "membership" and "membership_number" in body and \
            body["name"] == data["parties"]["practitioner"].get("organisation"):
        yield ("/professional_body/membership_number",
               "in a membership engagement the membership number is the member's, not the "
               "practitioner's; move it to parties.client.membership_number")


@rule("records-special-category-no-condition", "error")
def _special_category(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    records = data["records"]
    if records.get("special_category") and "special_category_condition" not in records:
        yield ("/records/special_category",
               "the records may hold special-category data (health...), which needs an Article 9 "
               "condition; add records.special_category_condition")


@rule("feedback-overall-minimum-too-small", "error")
def _overall_minimum(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if not others.get("collected") or others.get("anonymity") == "named":
        return
    total = others.get("minimum_total")
    if isinstance(total, int) and total < 1:
        return  # out of the schema's range: schema-range reports it, once
    if others.get("anonymity") == "category":
        largest = max((c["minimum_respondents"] for c in others.get("categories", [])),
                      default=0)
        floor = max(MIN_OVERALL_RESPONDENTS, largest)
        if total is None or total < floor:
            why = (f"at least {MIN_OVERALL_RESPONDENTS} overall" if largest <= MIN_OVERALL_RESPONDENTS
                   else f"no fewer than the largest category minimum, {largest}")
            yield ("/feedback/from_others/minimum_total" if total is not None
                   else "/feedback/from_others",
                   f"category reporting with an overall minimum of {total if total else 'none'} "
                   f"could identify raters; set minimum_total to {floor} or more ({why})")
    elif total is not None and total < MIN_ANONYMOUS_RESPONDENTS:
        yield ("/feedback/from_others/minimum_total",
               f"unidentified feedback from {total} rater(s) can be traced to them; set "
               f"minimum_total to at least {MIN_ANONYMOUS_RESPONDENTS}")


@rule("feedback-merge-recoverable", "error")
def _merge_recoverable(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if others.get("collected") and others.get("anonymity") == "category" and \
            others.get("below_minimum") == "merge":
        yield ("/feedback/from_others/below_minimum",
               "a category below its minimum merged into the overall figure can be recovered by "
               "subtracting the categories shown from it (with one small group merged, its score "
               "is exact); use \"omit\", which leaves it out of every figure")


@rule("feedback-interviews-no-minimum", "error")
def _interviews_minimum(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if others.get("collected") and others.get("method") == "interviews" and \
            "minimum_total" not in others:
        yield ("/feedback/from_others",
               "interview feedback has no minimum number of interviewees, so a report from one "
               "or two interviews could be traced to them; set minimum_total (at least "
               f"{MIN_ANONYMOUS_RESPONDENTS})")


@rule("decision-duplicate-id", "error")
def _decision_duplicate_id(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _duplicate_ids(data.get("decisions", []), "/decisions", "decision")


@rule("decision-unknown-limit", "error")
def _decision_unknown_limit(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _undeclared_limits(data, "decisions", "decision", "considers")


@rule("disclosure-decision-mismatch", "error")
def _decision_mismatch(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    decisions = {decision["id"]: decision for decision in data.get("decisions", [])}
    for index, disclosure, name in _disclosures(data):
        if "decision" not in disclosure:
            continue
        decision = decisions.get(disclosure["decision"])
        pointer = f"/disclosures/{index}/decision"
        if decision is None:
            yield (pointer, f"{name} links to decision {disclosure['decision']!r}, which "
                            f"decisions does not hold (held: {', '.join(decisions) or 'none'})")
        elif decision["outcome"] != "disclosed":
            yield (pointer, f"{name} links to decision {decision['id']!r}, whose outcome is "
                            f"{decision['outcome']!r}, not 'disclosed'; correct one of them")
        elif decision["limit"] != disclosure["limit"]:
            yield (pointer, f"{name} rests on limit {disclosure['limit']!r} but its decision "
                            f"{decision['id']!r} considered {decision['limit']!r}; correct one "
                            "of them")


# --- One legal story per engagement (issue 21, item 3) ---------------------------------------
# Each rule below is a contradiction a practitioner and a data-protection officer found between
# what the data says and what its documents would then print.

# Grounds that concern someone's safety or wellbeing: without one, the contract cannot break
# confidentiality when someone is at risk of serious harm.
SAFETY_GROUNDS = frozenset({"safeguarding", "wellbeing"})


def _consent_is_the_basis(disclosure: dict[str, Any]) -> bool:
    """Whether the letter presents the client's consent as what the disclosure rests on: its
    lawful_basis says so, or consent was given and no other basis is chosen."""
    basis = disclosure.get("lawful_basis")
    return basis == "consent" or (basis is None and disclosure["consent"] == "given")


def _basis_pointer(index: int, disclosure: dict[str, Any], otherwise: str) -> str:
    field = "lawful_basis" if "lawful_basis" in disclosure else otherwise
    return f"/disclosures/{index}/{field}"


@rule("disclosure-after-event-consent", "error")
def _after_event_consent(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure, name in _disclosures(data):
        after = bool(disclosure.get("after_the_event"))
        given = disclosure["consent"] == "given"
        later = bool(disclosure.get("consent_after_the_event"))
        if after and given and not later:
            yield (f"/disclosures/{index}/consent",
                   f"{name} was made before the client could be told, so the client cannot have "
                   "agreed to it beforehand, yet consent is 'given'; if the client agreed "
                   "afterwards, set consent_after_the_event to true, and if they were not asked, "
                   "set consent to 'not_sought'")
        elif after and given and _consent_is_the_basis(disclosure):
            yield (_basis_pointer(index, disclosure, "consent_after_the_event"),
                   f"{name} was made before the client agreed to it, so it cannot rest on that "
                   "consent; set lawful_basis to the basis it was made on (vital_interests, "
                   "legal_obligation...)")
        elif later and not (after and given):
            yield (f"/disclosures/{index}/consent_after_the_event",
                   f"{name} says consent was given after the event, but it is not an "
                   "after-the-event disclosure with consent given; remove "
                   "consent_after_the_event, or correct after_the_event and consent")


@rule("disclosure-consent-basis-protects-others", "error")
def _consent_protects_others(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    limits = {limit["id"]: limit for limit in data["confidentiality"]["limits"]}
    for index, disclosure, name in _disclosures(data):
        limit = limits.get(disclosure["limit"])
        # Consent refused or not sought is disclosure-consent-basis-without-consent's to say.
        if limit is None or disclosure["consent"] != "given" or \
                not _consent_is_the_basis(disclosure):
            continue
        protects = disclosure.get("protects")
        if protects in ("others", "client_and_others"):
            why = "it protects someone other than the client (protects)"
        elif protects is None and limit["ground"] == "safeguarding":
            why = (f"its limit {limit['id']!r} is a safeguarding ground, which protects other "
                   "people as well as the client")
        else:
            continue
        yield (_basis_pointer(index, disclosure, "consent"),
               f"{name} rests on the client's consent, but {why}: a client cannot consent away "
               "a risk to someone else, and the disclosure would be made whatever they said; set "
               "lawful_basis to the basis it rests on (vital_interests, legitimate_interests...), "
               'or, if it protects the client alone, say so with "protects": "client"')


@rule("disclosure-consent-basis-compelled", "error")
def _consent_compelled(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    limits = {limit["id"]: limit for limit in data["confidentiality"]["limits"]}
    for index, disclosure, name in _disclosures(data):
        limit = limits.get(disclosure["limit"])
        if limit is None or limit["ground"] != "legal" or not _consent_is_the_basis(disclosure):
            continue
        yield (_basis_pointer(index, disclosure, "consent"),
               f"{name} rests on the client's consent, but its limit {limit['id']!r} is a legal "
               "ground (a court order, a duty the law imposes): the disclosure would be made "
               "whatever the client said, so the letter's promise not to make it if they "
               "withdraw would be false; set lawful_basis to legal_obligation (or the basis it "
               "rests on)")


# What free text says of the outcome is read by patterns, which no list of phrases makes
# complete, and which a hedge can turn (tenth and eleventh reviews of issue 21): a warning,
# which `validate --strict` and CI still stop on, never an error that refuses an honest letter.
@rule("disclosure-consent-text-compelled", "warning")
def _consent_text_compelled(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure, name in _disclosures(data):
        if not _consent_is_the_basis(disclosure):
            continue
        for pointer, field, settled in claimed_texts(
                disclosure, _SETTLING_TEXTS, f"/disclosures/{index}", outcome_settled):
            yield (pointer, f"{name} rests on the client's consent, but its {field} says "
                   f"{settled!r}, which reads as making it whatever they decide: the letter "
                   "promises not to make it if they withdraw; if their withdrawal would stop it, "
                   "say so in the text ('only with your agreement'), and if it would not, set "
                   "lawful_basis to the basis it truly rests on")


@rule("disclosure-objection-foreclosed", "warning")
def _objection_foreclosed(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure, name in _disclosures(data):
        basis = disclosure.get("lawful_basis")
        if basis not in ("legitimate_interests", "public_task") or disclosure.get(
                "after_the_event"):
            continue
        for pointer, field, settled in claimed_texts(
                disclosure, _SETTLING_TEXTS, f"/disclosures/{index}", outcome_settled):
            yield (pointer,
                   f"{name} rests on {basis.replace('_', ' ')}, so the letter tells the client "
                   "they may object and that an objection is weighed before the disclosure is "
                   f"made, but its {field} says {settled!r}, which reads as settling it "
                   "already; if the outcome is still open, say so ('may have to', 'I have not "
                   "decided', 'I will hear you first'); only if a law requires the disclosure "
                   "is its basis legal_obligation")


@rule("feedback-unidentified-no-minimum", "error")
def _unidentified_minimum(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    # Interviews without a minimum are feedback-interviews-no-minimum's to say.
    if others.get("collected") and others.get("anonymity") == "unidentified" and \
            others.get("method") != "interviews" and "minimum_total" not in others:
        yield ("/feedback/from_others",
               "unidentified feedback has no minimum number of raters, so a report from one or "
               "two could be traced to them, and the annex would state no minimum; set "
               f"minimum_total (at least {MIN_ANONYMOUS_RESPONDENTS})")


@rule("feedback-unidentified-categories", "error")
def _unidentified_categories(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if others.get("collected") and others.get("anonymity") == "unidentified" and \
            others.get("categories"):
        yield ("/feedback/from_others/categories",
               "unidentified feedback reports no categories, yet categories are listed, and the "
               "annex would print them (a category of one names its rater); remove categories, "
               "or report by category")


@rule("feedback-interviews-verbatim", "error")
def _interviews_verbatim(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    others = data.get("feedback", {}).get("from_others", {})
    if others.get("collected") and others.get("method") == "interviews" and \
            others.get("comments") == "verbatim":
        yield ("/feedback/from_others/comments",
               "interview feedback is promised to be reported as patterns that cannot be traced "
               "to anyone, but its comments are quoted word for word, and what a person says in "
               "an interview, in their own words, identifies them; use \"themed\" or "
               "\"excluded\"")


@rule("feedback-summary-no-organisation", "error")
def _summary_no_organisation(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    about = data.get("feedback", {}).get("about_client", {})
    parties = data["parties"]
    # An organisation is a party as the sponsor, as the employer of an internal practitioner,
    # or as the membership organisation itself.
    if about.get("required") and "sponsor" not in parties and data["kind"] != "membership" \
            and not (parties["practitioner"].get("internal")
                     and parties["practitioner"].get("organisation")):
        yield ("/feedback/about_client/required",
               "the contract would say that the organisation requires a summary about the "
               "client, but no organisation is a party to it (no parties.sponsor); add the "
               "sponsor, or set feedback.about_client.required to false")


@rule("training-no-setting", "error")
def _training_setting(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if data["kind"] == "training" and "setting" not in data:
        yield ("/setting",
               "a training engagement does not say whether it is one-to-one or in a group, so "
               "the contract would treat a course as one-to-one and promise that what is said "
               'in it stays private; set setting to "group" or "one_to_one"')


# Words that name what only a group does, in the shipped languages (English and French).
GROUP_ACTIVITIES = re.compile(
    r"\brole[- ]?plays?\b|\bexercises?\b|\b(?:group|course|class|workshop)\s+discussions?\b"
    r"|\bjeux? de rôles?\b|\bmises? en situation\b|\bexercices?\b"
    r"|\bdiscussions? (?:de|en) groupe\b|\btravaux de groupe\b",
    re.IGNORECASE)


@rule("not-shared-group-activity", "warning")
def _group_activity(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    setting = data.get("setting")
    # A course with no setting is training-no-setting's to say.
    if setting == "group" or (setting is None and data["kind"] == "training"):
        return
    for index, item in enumerate(data["confidentiality"]["not_shared"]):
        found = GROUP_ACTIVITIES.search(item)
        if found:
            yield (f"/confidentiality/not_shared/{index}",
                   f"the engagement is one-to-one, but what it keeps private names a group "
                   f"activity ({found.group(0)!r}), which others would hear; if the work "
                   'happens in a group, set setting to "group" with ground_rules, otherwise '
                   "reword the item")


@rule("limits-no-safety-ground", "warning")
def _no_safety_ground(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    limits = data["confidentiality"]["limits"]
    # No limit at all is schema-items' to say.
    if limits and not any(limit["ground"] in SAFETY_GROUNDS for limit in limits):
        yield ("/confidentiality/limits",
               "no limit of confidentiality has a safeguarding or wellbeing ground, so the "
               "contract gives no way to act if the client or someone else is at risk of serious "
               "harm; add a limit with ground safeguarding (or wellbeing)")


def _texts_of_grounds(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every text that gives a ground or reason for breaking confidentiality, by pointer."""
    for index, limit in enumerate(data["confidentiality"]["limits"]):
        yield f"/confidentiality/limits/{index}/description", limit["description"]
    for index, disclosure in enumerate(data.get("disclosures", [])):
        for key in ("reason", "legal_basis", "consent_note", "no_notice_reason"):
            if key in disclosure:
                yield f"/disclosures/{index}/{key}", disclosure[key]
    for index, decision in enumerate(data.get("decisions", [])):
        for key in ("reasons", "legal_basis"):
            if key in decision:
                yield f"/decisions/{index}/{key}", decision[key]


@rule("membership-code-cited-as-authority", "warning")
def _membership_code_authority(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if data["kind"] != "membership":
        return
    title = data["professional_body"]["code_of_ethics"]["title"]
    for pointer, text in _texts_of_grounds(data):
        if title.casefold() in text.casefold():
            yield (pointer,
                   f"in a membership engagement the {title!r} is the member's code: it binds the "
                   "member, and gives the organisation no authority to break confidentiality; "
                   "cite this agreement's limit, or the organisation's own procedure (listed in "
                   "organisational_guidelines), instead")


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
    yield from _case_clashes(data.get("disclosures", []), "/disclosures", "disclosure", "letters")


@rule("decision-id-case-clash", "error")
def _decision_case_clash(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _case_clashes(data.get("decisions", []), "/decisions", "decision", "records")


def _case_clashes(entries: list[dict[str, Any]], pointer: str, name: str, documents: str,
                  ) -> Iterator[tuple[str, str]]:
    seen: dict[str, tuple[int, str]] = {}
    for index, entry in enumerate(entries):
        ident = entry["id"]
        first, spelt = seen.setdefault(ident.casefold(), (index, ident))
        if first != index and spelt != ident:  # the same spelling is the duplicate-id rule's
            yield (f"{pointer}/{index}/id",
                   f"{name} ids {spelt!r} and {ident!r} differ only in case; their {documents} "
                   "would overwrite each other on macOS and Windows, so give each its own id")


# The rules about the law the documents cite (issue 21) are in a module of their own, registered
# here so that every caller of run_rules has them.
from . import legal_rules  # noqa: E402,F401

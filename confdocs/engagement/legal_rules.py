"""The rules that keep an engagement to one legal story: one regime, one basis per disclosure,
an Article 9 condition where the information needs one, and free text that says nothing else.

The documents write every citation from the choices (``lawful_basis``,
``special_category_condition``, the regime); these rules refuse the free text that would
contradict them beside it, at the value's line and column. They register with the others in
``rules`` (which imports this module), and docs/rules.md documents them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from . import law
from .rules import claimed_texts as _claimed
from .rules import rule

# The free text of a disclosure or decision, by field, and whether each is checked for the words
# of a basis (what says why the basis applies) or only for Article 6 citations (the rest, where
# "consent" or "interests" are ordinary words).
_DISCLOSURE_TEXTS = {"legal_basis": True, "consent_note": False, "reason": False,
                     "no_notice_reason": False, "further_use": False}
_DECISION_TEXTS = {"legal_basis": True, "reasons": False, "situation": False,
                   "client_view": False, "follow_up": False}
# The free text that cites the law: checked for the names of another regime.
_LEGAL_TEXTS = ("legal_basis", "consent_note", "reason", "reasons")
_BASIS_NAMES = {basis: basis.replace("_", " ") for basis in law.BASES}


def _grounds(data: Mapping[str, Any]) -> dict[str, str]:
    return {limit["id"]: limit["ground"] for limit in data["confidentiality"]["limits"]}


def _entries(data: Mapping[str, Any]) -> Iterator[tuple[str, int, dict[str, Any], str]]:
    """Every disclosure and every decision that discloses: its list, index, entry and name."""
    for index, disclosure in enumerate(data.get("disclosures", [])):
        yield "disclosures", index, disclosure, f"disclosure {disclosure['id']!r}"
    for index, decision in enumerate(data.get("decisions", [])):
        if decision["outcome"] == "disclosed":
            yield "decisions", index, decision, f"decision {decision['id']!r}"


@rule("records-regime-unknown", "error")
def _regime_unknown(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if law.regime_of(data) is None:
        authority = data["records"]["supervisory_authority"]
        yield ("/records/supervisory_authority",
               f"confdocs cannot tell which data-protection law applies from the supervisory "
               f"authority {authority['name']!r}, and the documents must cite exactly one; set "
               "records.regime to uk (UK GDPR and Data Protection Act 2018), eu-fr (EU GDPR and "
               "loi Informatique et Libertés) or eu-ie (EU GDPR and Irish Data Protection Act "
               "2018)")


@rule("records-regime-authority-mismatch", "error")
def _regime_mismatch(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    records = data["records"]
    written = records.get("regime")
    authority = law.authority_regime(records["supervisory_authority"])
    if written is not None and authority is not None and written != authority:
        yield ("/records/regime",
               f"records.regime is {written!r}, but the supervisory authority "
               f"({records['supervisory_authority']['name']}) is the {authority!r} regime's; a "
               "client complains to the authority of the law that applies, so make the two agree")


def _texts(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The free text that cites the law, with its pointer."""
    records = data["records"]
    for key in ("legal_basis", "special_category_note"):
        if isinstance(records.get(key), str):
            yield f"/records/{key}", records[key]
    for key in ("disclosures", "decisions"):
        for index, entry in enumerate(data.get(key, [])):
            for field in _LEGAL_TEXTS:
                if isinstance(entry.get(field), str):
                    yield f"/{key}/{index}/{field}", entry[field]


@rule("legal-text-other-regime", "error")
def _other_regime(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    regime = law.regime_of(data)
    if regime is None:
        return  # records-regime-unknown says so
    for pointer, text in _texts(data):
        named = law.other_regimes_named(text, regime)
        if named:
            yield (pointer,
                   f"this text names {', '.join(repr(n) for n in named)}, but the law that "
                   f"applies is {regime!r} ({law.REGIME_NAMES[regime]}); the documents cite that "
                   "law alone: rewrite it without the other regime (the article is cited for you)")


@rule("disclosure-no-condition", "error")
def _disclosure_condition(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _missing_conditions(data, "disclosures")


@rule("decision-no-condition", "error")
def _decision_condition(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield from _missing_conditions(data, "decisions")


def _missing_conditions(data: Mapping[str, Any], key: str) -> Iterator[tuple[str, str]]:
    grounds = _grounds(data)
    for kind, index, entry, name in _entries(data):
        if kind != key or "special_category_condition" in entry:
            continue
        ground = grounds.get(entry["limit"])
        if law.needs_condition(entry, ground):
            why = ("its information is special-category" if entry.get("special_category")
                   else f"its limit {entry['limit']!r} is a {ground} ground, so what is "
                        "disclosed is about someone's health or safety")
            choices = ("legal_claims for a court order or legal proceedings, or the condition "
                       "the law that requires it gives" if ground == "legal"
                       else "explicit_consent, vital_interests, safeguarding in the UK, ...")
            yield (f"/{key}/{index}/special_category_condition",
                   f"{name}: {why}, which needs an Article 9 condition besides the Article 6 "
                   f"basis; add special_category_condition ({choices})")


@rule("legal-condition-not-in-regime", "error")
def _condition_regime(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    regime = law.regime_of(data)
    if regime is None or regime == law.UK:
        return
    entries = [("/records", data["records"], "the keeping of the records"),
               *((f"/{kind}/{index}", entry, name) for kind, index, entry, name in _entries(data))]
    for where, entry, name in entries:
        condition = entry.get("special_category_condition")
        if isinstance(condition, str) and condition in law.CONDITIONS \
                and law.CONDITIONS[condition].uk_only:
            yield (f"{where}/special_category_condition",
                   f"{name} rests on the condition {condition!r}, which only UK law provides "
                   f"(Data Protection Act 2018, Schedule 1); under {law.REGIME_NAMES[regime]} "
                   "choose another Article 9 condition, such as vital_interests")


@rule("disclosure-condition-contradicts-consent", "error")
def _condition_consent(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure in enumerate(data.get("disclosures", [])):
        condition, consent = disclosure.get("special_category_condition"), disclosure["consent"]
        where = f"/disclosures/{index}/special_category_condition"
        name = f"disclosure {disclosure['id']!r}"
        if condition == "explicit_consent" and (
                consent != "given" or disclosure.get("consent_after_the_event")):
            given = ("came only after the disclosure was made" if consent == "given"
                     else f"is {consent!r}")
            yield (where, f"{name} rests on the client's explicit consent (Article 9(2)(a)), but "
                          f"their consent {given}; the letter would tell them they agreed: "
                          "choose the condition the disclosure really rests on (vital_interests, "
                          "legal_claims, safeguarding in the UK, ...)")
        elif condition == "vital_interests" and consent == "refused":
            yield (where, f"{name} rests on vital interests as its Article 9 condition (9(2)(c)), "
                          "which applies only when the person cannot give consent, but the "
                          "client was asked and refused: choose the condition the disclosure "
                          "rests on (legal_claims, safeguarding in the UK, ...)")


@rule("condition-basis-mismatch", "error")
def _condition_basis(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """An Article 9 condition that names the Article 6 basis it goes with: explicit consent, which
    the client may withdraw, and vital interests, for someone who cannot consent."""
    for kind, index, entry, name in _entries(data):
        condition, basis = entry.get("special_category_condition"), entry["lawful_basis"]
        if condition == "explicit_consent" and basis != "consent":
            yield (f"/{kind}/{index}/lawful_basis",
                   f"{name} rests on the client's explicit consent for its special-category "
                   f"information (Article 9(2)(a)), which they may withdraw, but on "
                   f"{basis.replace('_', ' ')} under Article 6, so the letter would tell them it "
                   "goes ahead whatever they decide; set lawful_basis to consent, or choose the "
                   "Article 9 condition that holds without their consent (legal_claims, "
                   "safeguarding in the UK, ...)")
        if condition != "vital_interests":
            continue
        if basis != "vital_interests":
            yield (f"/{kind}/{index}/lawful_basis",
                   f"{name} rests on vital interests as its Article 9 condition (9(2)(c), for "
                   f"someone who cannot consent) but on {basis.replace('_', ' ')} under Article "
                   "6: where a life is at stake and consent cannot be given, both rest on vital "
                   "interests (Article 6(1)(d)); set lawful_basis to vital_interests, or choose "
                   f"the Article 9 condition that goes with {basis}")
        if (kind == "disclosures" and entry["consent"] == "given"
                and not entry.get("after_the_event") and not entry.get("consent_after_the_event")):
            yield (f"/{kind}/{index}/special_category_condition",
                   f"{name} rests on vital interests (Article 9(2)(c)), which applies only when "
                   "the person cannot give consent, but the client gave it before the disclosure: "
                   "the condition is then explicit_consent")


def _allowed(entry: Mapping[str, Any]) -> set[str]:
    """The bases an entry's text may name: its own, and the one an Article 9 condition of the
    same name implies (explicit consent to health information, vital interests)."""
    allowed = {entry["lawful_basis"]}
    condition = entry.get("special_category_condition")
    if condition == "explicit_consent":
        allowed.add("consent")
    elif condition == "vital_interests":
        allowed.add("vital_interests")
    return allowed


@rule("legal-text-other-basis", "error")
def _other_basis(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    records = data["records"]
    text = records.get("legal_basis")
    if isinstance(text, str):
        named = law.bases_named(text) - _allowed(records)
        if named:
            others = " and ".join(sorted(_BASIS_NAMES[b] for b in named))
            yield ("/records/legal_basis",
                   f"the records are kept on {_BASIS_NAMES[records['lawful_basis']]} "
                   f"(records.lawful_basis), but records.legal_basis names {others}; the "
                   "contract cites the basis from lawful_basis: rewrite the text, or correct "
                   "lawful_basis")
    for kind, index, entry, name in _entries(data):
        if "lawful_basis" not in entry:
            continue  # a decision without one: the schema says so
        fields = _DISCLOSURE_TEXTS if kind == "disclosures" else _DECISION_TEXTS
        allowed = _allowed(entry)
        for field, words in fields.items():
            text = entry.get(field)
            if not isinstance(text, str):
                continue
            named = (law.bases_named(text) if words
                     else law.bases_cited(text) | law.bases_rested_on(text)
                     | law.bases_compelled(text)) - allowed
            if named:
                others = " and ".join(sorted(_BASIS_NAMES[b] for b in named))
                yield (f"/{kind}/{index}/{field}",
                       f"{name} rests on {_BASIS_NAMES[entry['lawful_basis']]} (lawful_basis), "
                       f"but its {field} names {others}; one disclosure rests on one basis, "
                       "and the documents cite it from lawful_basis: rewrite the text, or "
                       "correct lawful_basis")


def _subjects(data: Mapping[str, Any]) -> tuple[str, ...]:
    """How a record may name the client: full name, each part of it, preferred name."""
    client = data["parties"]["client"]
    names = [client["name"], *client["name"].split(), client.get("preferred_name", "")]
    return tuple(dict.fromkeys(n for n in names if len(n) > 1))


# What a letter prints of a disclosure, and a record of a decision, where a claim of consent or
# of a refusal would tell a second story (and the items disclosed, which go to the recipient).
_DISCLOSURE_TEXTS_TOLD = ("consent_note", "legal_basis", "reason", "information", "further_use",
                          "no_notice_reason", "support_offered")
_DECISION_TEXTS_TOLD = ("situation", "checked_with_client", "consulted", "reasons",
                        "legal_basis", "client_view", "follow_up")


def _linked(data: Mapping[str, Any], given: bool,
            ) -> Iterator[tuple[int, Mapping[str, Any], Mapping[str, Any]]]:
    """(index, decision, disclosure) for each decision a disclosure links to, whose consent is
    ``given`` (or not)."""
    linked = {d["decision"]: d for d in data.get("disclosures", [])
              if d.get("decision") and (d["consent"] == "given") is given}
    for index, decision in enumerate(data.get("decisions", [])):
        disclosure = linked.get(decision["id"])
        if disclosure is not None:
            yield index, decision, disclosure


@rule("disclosure-text-claims-consent", "error")
def _claims_consent(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure in enumerate(data.get("disclosures", [])):
        consent = disclosure["consent"]
        if consent == "given":
            continue
        # What is disclosed too: an item saying the client agreed would go to the recipient.
        for pointer, field, words in _claimed(
                disclosure, _DISCLOSURE_TEXTS_TOLD, f"/disclosures/{index}",
                law.consent_claimed):
            yield (pointer,
                   f"disclosure {disclosure['id']!r}: consent is {consent!r}, but its "
                   f"{field} says {words!r}; the letter must not claim a consent "
                   "the client did not give: rewrite the text, or correct consent")


@rule("decision-text-claims-consent", "error")
def _decision_claims_consent(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    subjects = _subjects(data)
    for index, decision, disclosure in _linked(data, given=False):
        for pointer, field, words in _claimed(
                decision, _DECISION_TEXTS_TOLD, f"/decisions/{index}",
                lambda text: law.recorded_consent_claimed(text, subjects)):
            yield (pointer,
                   f"decision {decision['id']!r}: the consent of its disclosure "
                   f"{disclosure['id']!r} is {disclosure['consent']!r}, but its {field} says "
                   f"{words!r}; the record must tell the story the letter tells: rewrite the "
                   "text so that it records what the client said, or, only if they did agree "
                   "before the disclosure, correct the disclosure's consent")


@rule("disclosure-text-claims-refusal", "error")
def _claims_refusal(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, disclosure in enumerate(data.get("disclosures", [])):
        if disclosure["consent"] != "given":
            continue
        for pointer, field, words in _claimed(
                disclosure, _DISCLOSURE_TEXTS_TOLD, f"/disclosures/{index}",
                law.refusal_said):
            yield (pointer,
                   f"disclosure {disclosure['id']!r}: consent is 'given', but its {field} says "
                   f"{words!r}; the letter would tell the client both that they agreed and that "
                   "they did not: rewrite the text, or correct consent (refused)")


@rule("decision-text-claims-refusal", "error")
def _decision_claims_refusal(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    subjects = _subjects(data)
    for index, decision, disclosure in _linked(data, given=True):
        for pointer, field, words in _claimed(
                decision, _DECISION_TEXTS_TOLD, f"/decisions/{index}",
                lambda text: law.recorded_refusal_said(text, subjects)):
            yield (pointer,
                   f"decision {decision['id']!r}: the client gave consent to its disclosure "
                   f"{disclosure['id']!r}, but its {field} says {words!r}; the record must tell "
                   "the story the letter tells: rewrite the text, or correct the disclosure's "
                   "consent")


@rule("decision-disclosed-unlinked", "error")
def _decision_unlinked(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    linked = {d.get("decision") for d in data.get("disclosures", [])}
    for index, decision in enumerate(data.get("decisions", [])):
        if decision["outcome"] == "disclosed" and decision["id"] not in linked:
            yield (f"/decisions/{index}/outcome",
                   f"decision {decision['id']!r} records a disclosure, but no disclosure links "
                   "to it (decision), so no letter tells the client of it and nothing checks the "
                   "record against the letter: add the disclosure with \"decision\": "
                   f"{decision['id']!r}, or correct the outcome")


@rule("disclosure-decision-basis-mismatch", "error")
def _decision_basis(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    decisions = {entry["id"]: entry for entry in data.get("decisions", [])}
    for index, disclosure in enumerate(data.get("disclosures", [])):
        decision = decisions.get(disclosure.get("decision", ""))
        if decision is None or decision["outcome"] != "disclosed":
            continue  # disclosure-decision-mismatch says so
        for field in ("lawful_basis", "special_category_condition"):
            mine, theirs = disclosure.get(field), decision.get(field)
            if theirs is not None and mine != theirs:
                yield (f"/disclosures/{index}/{field}" if mine is not None
                       else f"/disclosures/{index}/decision",
                       f"disclosure {disclosure['id']!r} has {field} {mine!r}, but its decision "
                       f"{decision['id']!r} records {theirs!r}; the letter and the record must "
                       "give the same basis: correct one of them")


_BY_SIGNING = re.compile(r"\bby signing\b|\bsigning (?:this|the) agreement\b|\ben signant\b"
                         r"|\bsignature\b", re.IGNORECASE)


@rule("records-consent-by-signing", "error")
def _records_consent_signing(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    records = data["records"]
    text = records.get("legal_basis")
    match = _BY_SIGNING.search(text) if isinstance(text, str) else None
    if records["lawful_basis"] == "consent" and match:
        yield ("/records/legal_basis",
               f"the records are kept on the client's consent, given (it says) {match.group()!r}: "
               "consent bundled into signing a contract is not freely given (Article 7(4)), and "
               "the contract itself says that signing is no consent in that sense; choose the "
               "basis the records rest on (contract, legitimate_interests...)")


@rule("records-consent-with-sponsor", "warning")
def _records_consent_sponsor(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    parties = data["parties"]
    if data["records"]["lawful_basis"] == "consent" and (
            parties.get("sponsor") or parties["practitioner"].get("internal")):
        yield ("/records/lawful_basis",
               "the records are kept on the client's consent, but the client's employer (or a "
               "sponsor) is a party: consent is seldom freely given where there is such an "
               "imbalance of power; consider contract or legitimate_interests")


# An item of records.kept that names the records of decisions or disclosures: the contract lists
# those itself, after the items given, so the list would say it twice, in two wordings that can
# disagree ("a record of each disclosure" beside one of every decision, whether or not a
# disclosure follows).
_DECISION_RECORDS = re.compile(
    r"\b(?:records? of (?:each |any |every |all |the )?(?:decisions?|disclosures?)"
    r"|(?:decision|disclosure) records?|break(?:ing)? confidentiality"
    r"|lever (?:ou non )?la confidentialité|traces? de (?:chaque|toute|toutes les) "
    r"(?:décisions?|divulgations?))", re.IGNORECASE)


@rule("records-kept-repeats-decisions", "warning")
def _records_kept_repeats(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for index, item in enumerate(data["records"].get("kept", [])):
        if isinstance(item, str) and _DECISION_RECORDS.search(item):
            yield (f"/records/kept/{index}",
                   f"{item!r} names the records of decisions or disclosures, which the contract "
                   "always lists itself, after the records given here; remove the item")

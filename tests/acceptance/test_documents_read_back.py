"""The documents of every sample and every edge engagement, read back with python-docx, say what a
careful practitioner and a data-protection officer need them to say, and nothing they must not.

The edge engagements (tests/edge/) are the hard cases: the fewest fields for each kind, every field,
an emergency disclosure made before the client could be told, consent given, refused (with and
without the offer to disclose first) and not sought, a group course, a membership, no feedback at
all, empty lists, every procedural flag off.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument

from confdocs.build import build
from confdocs.engagement.law import BASES, CONDITIONS
from confdocs.render.catalogue import REFERENCE

from ..helpers import ROOT, SAMPLES, paragraph_texts

EDGE = ROOT / "tests" / "edge"
# The English clauses; the French documents are read back in test_french_documents.py.
INPUTS = sorted(path for path in [*SAMPLES.glob("*.json"), *EDGE.glob("*.json")]
                if json.loads(path.read_text(encoding="utf-8")).get("locale", "en").startswith("en"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("read-back")
    report = build([SAMPLES, EDGE], out)
    assert report.exit_code() == 0 and report.findings == [], report
    return out


def _data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _paragraphs(document: DocxDocument) -> Iterator[str]:
    return paragraph_texts(document)


@cache  # each document is read once, however many tests look at it
def _read(path: Path) -> list[str]:
    return [text for text in _paragraphs(docx.Document(str(path))) if text.strip()]


def _documents(out: Path, data: dict[str, Any], kind: str) -> list[Path]:
    ident = data["id"]
    return sorted((out / ident).glob(f"{ident}-{kind}*.docx"))


def _case_ids(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


# --- every document --------------------------------------------------------------------------

# What a slip in a template or in the data leaves behind, and a reader would see.
_DEFECTS = {
    "a negative day count": re.compile(r"-\d+ days?\b"),
    "a dangling 'to'": re.compile(r"\bto \."),
    "a space before a full stop or comma": re.compile(r"\S [.,](\s|$)"),
    "a doubled full stop": re.compile(r"(?<!\.)\.\.(?!\.)"),
    "empty brackets": re.compile(r"\(\s*\)"),
    "a template tag": re.compile(r"\{\{|\}\}|\{%|%\}"),
    "a missing value": re.compile(r"\b(None|Undefined|Absent)\b"),
    "a sentence starting in lower case": re.compile(r"[.!?] [a-z]"),
}


@pytest.mark.parametrize("source", INPUTS, ids=_case_ids)
def test_no_document_shows_a_slip(built: Path, source: Path) -> None:
    data = _data(source)
    for path in sorted((built / data["id"]).glob("*.docx")):
        for text in _read(path):
            for defect, pattern in _DEFECTS.items():
                if defect == "a sentence starting in lower case":
                    # Abbreviations and web addresses ("e.g. a", "example.org") are not sentences.
                    text = re.sub(r"\b(e\.g|i\.e|etc|https?://\S+)", "", text)
                assert not pattern.search(text), f"{path.name}: {defect} in {text!r}"


# --- letters -----------------------------------------------------------------------------------


def _letters(built: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any], list[str]]]:
    for source in INPUTS:
        data = _data(source)
        for disclosure in data.get("disclosures", []):
            path = built / data["id"] / f"{data['id']}-disclosure-{disclosure['id']}.docx"
            yield data, disclosure, _read(path)


def test_there_are_letters_for_every_consent_case_and_an_emergency(built: Path) -> None:
    cases = {(d["consent"], bool(d.get("after_the_event")), d["client_may_disclose_first"])
             for _, d, _ in _letters(built)}
    assert {consent for consent, _, _ in cases} == {"given", "refused", "not_sought"}
    assert ("not_sought", True, False) in cases
    assert ("refused", False, False) in cases and ("refused", False, True) in cases


def test_letters_greet_the_client_by_the_name_they_use(built: Path) -> None:
    for data, _, text in _letters(built):
        client = data["parties"]["client"]
        assert f"Dear {client.get('preferred_name', client['name'])}" in text


def test_letters_speak_to_the_client_never_about_them(built: Path) -> None:
    for data, disclosure, text in _letters(built):
        client = data["parties"]["client"]
        limit = next(limit for limit in data["confidentiality"]["limits"]
                     if limit["id"] == disclosure["limit"])
        # The full name stands once, on the envelope; the quoted clause of the contract is the
        # contract's own words.
        assert sum(client["name"] in line for line in text) == 1, disclosure["id"]
        word = REFERENCE.words(data["kind"])["client"]
        for line in text:
            if line.strip() == limit["description"].strip():
                continue
            assert not re.search(rf"\bthe (client|{word})\b", line, re.IGNORECASE), (
                f"{data['id']} {disclosure['id']}: {line!r}")
            if "preferred_name" in client and client["name"] not in line:
                assert not re.search(rf"\b{re.escape(client['preferred_name'])}\b(?!,)",
                                     line.removeprefix(f"Dear {client['preferred_name']}")), line


def test_after_the_event_letters_tell_what_was_done_and_why_no_notice(built: Path) -> None:
    seen = 0
    for _, disclosure, text in _letters(built):
        whole = "\n".join(text)
        if disclosure.get("after_the_event"):
            seen += 1
            assert "When and how it was made" in whole
            assert "I could not tell you beforehand." in whole
            assert "notice" not in whole.replace("Disclosure notice", "").lower()
            assert "yourself before" not in whole
            assert "before I could tell you" in whole
        else:
            assert "I could not tell you beforehand." not in whole
    assert seen >= 2


def test_consent_wording_is_true_to_the_case(built: Path) -> None:
    for data, disclosure, text in _letters(built):
        whole = "\n".join(text)
        code = data["professional_body"]["code_of_ethics"]["title"]
        # A code permits a disclosure on the agreed grounds; it does not require one.
        assert not any(code in line and "requires" in line for line in text)
        on_consent = disclosure.get("lawful_basis", "consent") == "consent"
        if disclosure["consent"] == "given" and not disclosure.get("after_the_event"):
            ground = next(limit["ground"] for limit in data["confidentiality"]["limits"]
                          if limit["id"] == disclosure["limit"])
            if on_consent and ground == "safeguarding":
                # A risk to someone else cannot be consented away: withdrawing consent does not
                # promise that nothing will be disclosed (issue 21).
                assert "You may withdraw your consent at any time before" in whole
                assert "would not by itself end the matter" in whole
                assert "I will not make this disclosure" not in whole
            elif on_consent:  # withdrawing it stops the disclosure, and the letter says so
                assert "You may withdraw your consent at any time before" in whole
                assert "If you do, I will not make this disclosure" in whole
            else:  # it would be made anyway: the letter must not pretend otherwise
                assert "does not rest on your consent" in whole
                assert "withdraw your consent" not in whole
        else:
            assert "withdraw your consent" not in whole
        if disclosure["consent"] == "refused":
            assert f"{code}, which I follow, permits" in whole
        if not disclosure["client_may_disclose_first"]:
            assert "whether you make it yourself" not in whole
            assert "Making the disclosure yourself" not in whole
        if disclosure["consent"] == "not_sought" and \
                data["disclosure_procedure"]["consent_sought_first"]:
            contract = _read(built / data["id"] / f"{data['id']}-contract.docx")
            emergency = next(line for line in contract
                             if line.endswith(". Disclosure in an emergency"))
            number = emergency.split(".")[0]
            assert f"except in the circumstances set out in section {number}" in whole


def test_letters_say_how_to_complain_to_the_body_and_the_authority(built: Path) -> None:
    for data, _, text in _letters(built):
        whole = "\n".join(text)
        assert data["professional_body"]["complaints_url"] in whole
        assert data["records"]["supervisory_authority"]["name"] in whole


def test_short_notice_letters_say_so_and_why(built: Path) -> None:
    for _, disclosure, text in _letters(built):
        whole = "\n".join(text)
        if "This is less notice than" in whole:
            assert disclosure["no_notice_reason"][:1].upper() + \
                disclosure["no_notice_reason"][1:] in whole


# --- contracts ---------------------------------------------------------------------------------

_CHECKLIST = (
    "What will be shared, with whom, how and when",
    "What will not be shared",
    "Organisational guidelines",
    "Feedback from others",
    "The limits of confidentiality",
    "Breaking confidentiality: the procedure",
    "Records and data protection",
    "Supervision and guidance",
    "Reviewing the relationship",
)


@pytest.mark.parametrize("source", INPUTS, ids=_case_ids)
def test_every_contract_covers_the_checklist(built: Path, source: Path) -> None:
    data = _data(source)
    text = _read(built / data["id"] / f"{data['id']}-contract.docx")
    headings = [line for line in text if re.match(r"^\d+\. ", line)]
    for item in _CHECKLIST:
        assert any(line.endswith(item) for line in headings), item
    client = REFERENCE.words(data["kind"])["client"]
    assert any(line.endswith(f"Feedback about the {client}") for line in headings)
    assert any(re.search(r"\bcode\b", line) for line in headings)  # the body's or organisation's
    # Numbered in order, with no gap.
    assert [int(line.split(".")[0]) for line in headings] == list(range(1, len(headings) + 1))
    whole = "\n".join(text)
    assert "Total confidentiality cannot be promised" in whole
    # Every section and clause cited exists.
    for number in re.findall(r"\bsections? (\d+)\b", whole):
        assert 1 <= int(number) <= len(headings), number
    for number in re.findall(r"\bclause (\d+\.\d+)\b", whole):
        assert any(line.startswith(f"{number}\t") for line in text), number
    for limit in data["confidentiality"]["limits"]:
        assert any(line.endswith(limit["description"]) for line in text)
    # A step of the brief's procedure that this engagement leaves out is said, not dropped.
    procedure = data["disclosure_procedure"]
    said = {
        "consent_sought_first": "consent is not sought before a disclosure",
        "self_disclosure_support": "is not offered the chance to make a disclosure themselves",
        "relationship_review": "No review of the relationship follows a disclosure",
    }
    for flag, sentence in said.items():
        assert (sentence in whole) == (not procedure[flag]), (flag, data["id"])


@pytest.mark.parametrize("source", INPUTS, ids=_case_ids)
def test_the_emergency_route_is_there_exactly_when_agreed(built: Path, source: Path) -> None:
    data = _data(source)
    text = _read(built / data["id"] / f"{data['id']}-contract.docx")
    emergency = [line for line in text if line.endswith(". Disclosure in an emergency")]
    assert len(emergency) == int(bool(data["disclosure_procedure"].get("emergency_provision")))


@pytest.mark.parametrize("source", INPUTS, ids=_case_ids)
def test_group_settings_say_what_the_group_hears(built: Path, source: Path) -> None:
    data = _data(source)
    text = _read(built / data["id"] / f"{data['id']}-contract.docx")
    whole = "\n".join(text)
    group = [line for line in text if line.endswith(". Confidentiality in the group")]
    if data.get("setting") == "group":
        assert len(group) == 1
        for rule in data["confidentiality"]["ground_rules"]:
            assert rule in text
        assert "cannot bind the other participants" in whole
    else:
        assert group == [] and "ground rules" not in whole


@pytest.mark.parametrize("source", INPUTS, ids=_case_ids)
def test_the_contract_gives_the_data_protection_notice(built: Path, source: Path) -> None:
    data = _data(source)
    records = data["records"]
    # Table cells start with a capital: compare from the second letter.
    whole = "\n".join(_read(built / data["id"] / f"{data['id']}-contract.docx"))
    assert records["controller"] in whole
    assert records["supervisory_authority"]["name"] in whole
    for key in ("controller_contact", "legal_basis", "special_category_note"):
        if key in records:
            assert records[key][1:] in whole, key
    # The basis and the condition are choices, cited in the regime's words (UK samples here).
    basis = records["lawful_basis"]
    assert f"(Article 6(1)({BASES[basis]}) of the " in whole, basis
    condition = records.get("special_category_condition")
    if condition is not None and records.get("special_category"):
        assert f"(Article 9(2)({CONDITIONS[condition].point})" in whole, condition
    if "dpo" in records:
        assert records["dpo"]["contact"] in whole
    assert "within one month" in whole


def test_a_membership_contract_names_the_organisation_and_the_members_number(built: Path,
                                                                            ) -> None:
    for source in INPUTS:
        data = _data(source)
        if data["kind"] != "membership":
            continue
        whole = "\n".join(_read(built / data["id"] / f"{data['id']}-contract.docx"))
        assert "membership organisation" in whole
        number = data["parties"]["client"].get("membership_number")
        if number:
            assert number in whole


# --- the annex and the internal records ------------------------------------------------------


@pytest.mark.parametrize("source", INPUTS, ids=_case_ids)
def test_the_annex_promises_only_what_the_numbers_keep(built: Path, source: Path) -> None:
    data = _data(source)
    others = data.get("feedback", {}).get("from_others", {})
    annexes = _documents(built, data, "feedback-annex")
    assert len(annexes) == int(bool(others.get("collected")))
    if not annexes:
        return
    whole = "\n".join(_read(annexes[0]))
    if "minimum_total" in others:
        assert re.search(rf"\b({others['minimum_total']}|{_spelt(others['minimum_total'])})\b",
                         whole)
    assert "merged" not in whole.lower() or others.get("below_minimum") == "merge"


def _spelt(number: int) -> str:
    return ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten"][number] if number <= 10 else str(number)


def test_decision_records_are_marked_internal_and_hold_the_reasoning(built: Path) -> None:
    seen = 0
    for source in INPUTS:
        data = _data(source)
        for decision in data.get("decisions", []):
            seen += 1
            path = built / data["id"] / f"{data['id']}-decision-{decision['id']}.docx"
            text = _read(path)
            whole = "\n".join(text)
            assert any(line.startswith("Internal record, not for the client") for line in text)
            assert decision["situation"] in whole and decision["reasons"] in whole
            for optional in ("checked_with_client", "client_view", "follow_up"):
                assert decision.get(optional, "Not recorded.") in text
            for option in decision["options"]:
                assert option[:1].upper() + option[1:] in text
    assert seen >= 5


def test_letters_resting_on_legitimate_interests_say_the_client_may_object(built: Path) -> None:
    seen = 0
    for _data, disclosure, text in _letters(built):
        said = any(line.startswith(("Your right to object.", "Votre droit d’opposition."))
                   for line in text)
        objectable = disclosure.get("lawful_basis") in ("legitimate_interests", "public_task")
        assert said == objectable, disclosure["id"]
        seen += objectable
    assert seen >= 2

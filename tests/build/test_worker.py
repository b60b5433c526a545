"""The build's worker on its own, in-process: what ``work`` writes for one engagement file and what
its ``Result`` says of it (validation only, invalid and unreadable inputs, a template that fails,
a folder it must not write through, leftover temporary files), and the context each notice and
decision record is made with, read back from the documents it wrote."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest

from confdocs import load_engagement
from confdocs.atomic import TEMP_PREFIX
from confdocs.build.plan import EngagementTemplates, TemplatePlan
from confdocs.build.worker import (
    BuildMemo,
    Failed,
    Result,
    Written,
    base_context,
    configure,
    document_context,
    properties,
    work,
)
from confdocs.engagement.validate import InputProblem, Outcome
from confdocs.render.documents import DOCUMENT_KINDS, TEMPLATE_FILES, PlannedDocument
from confdocs.render.sets import shipped_template_sets
from confdocs.resources import templates_dir

from ..helpers import sha256_of

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# Two notices (D1 on the serious-harm limit, D2 on the fraud limit) and their two decisions.
TWO_DISCLOSURES = SAMPLES / "coaching-two-disclosures.json"
IDENT = "LSE-EC-2026-002"
MADE = [f"{IDENT}-contract.docx", f"{IDENT}-disclosure-D1.docx", f"{IDENT}-disclosure-D2.docx",
        f"{IDENT}-decision-DEC-1.docx", f"{IDENT}-decision-DEC-2.docx"]


@pytest.fixture(scope="module")
def plan() -> TemplatePlan:
    """The shipped sets, checked and compiled as a build's parent does it."""
    return TemplatePlan(shipped_template_sets(), DOCUMENT_KINDS)


@pytest.fixture(scope="module")
def en_gb(plan: TemplatePlan) -> EngagementTemplates:
    templates = plan.for_locale("en-GB")
    assert not templates.refused and not templates.uncovered, templates
    return templates


@pytest.fixture
def out(tmp_path: Path) -> Iterator[Path]:
    """The output folder the worker is configured for; the module's state is put back after."""
    folder = tmp_path / "out"
    folder.mkdir()
    configure(str(folder))
    yield folder
    configure(str(Path()))


def _files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def _changed(sample: Path, change: Callable[[dict[str, Any]], object]) -> bytes:
    data = json.loads(sample.read_text(encoding="utf-8"))
    data.pop("$schema", None)
    change(data)
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def _paragraphs(path: Path) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


def _with_notice_template(templates: EngagementTemplates, template: Path) -> EngagementTemplates:
    """``templates`` with ``template`` for the notices, in the words and language of their set."""
    return EngagementTemplates(tuple(
        replace(use, template=str(template), template_sha256="n" * 64) if use.kind == "notice"
        else use for use in templates.uses))


def test_a_valid_engagement_is_written_under_its_id_with_the_hashes_of_the_bytes_on_disk(
        out: Path, en_gb: EngagementTemplates) -> None:
    result = work(str(TWO_DISCLOSURES), templates=en_gb)
    assert isinstance(result, Result)
    outcome = result.outcome
    assert isinstance(outcome, Outcome)
    assert outcome.findings == () and outcome.engagement_id == IDENT
    assert outcome.engagement is None  # the data does not travel back to the parent
    assert result.input_sha256 == sha256_of(TWO_DISCLOSURES)
    assert result.failures == ()
    assert result.kinds == DOCUMENT_KINDS
    assert [written.filename for written in result.documents] == MADE
    assert [written.kind for written in result.documents] == [
        "contract", "notice", "notice", "decision", "decision"]
    for written in result.documents:
        assert isinstance(written, Written)
        assert written.sha256 == sha256_of(out / IDENT / written.filename)
        template = templates_dir() / "en-GB" / TEMPLATE_FILES[written.kind]
        assert written.template == str(template)
        assert written.template_sha256 == sha256_of(template) == en_gb.shas()[written.kind]
    # Exactly the documents: no annex (feedback from others is not collected), no temporary file.
    assert _files(out) == [IDENT, *(f"{IDENT}/{name}" for name in sorted(MADE))]


def test_the_bytes_given_are_validated_and_hashed_without_reading_the_file(
        out: Path, en_gb: EngagementTemplates) -> None:
    raw = _changed(TWO_DISCLOSURES, lambda data: data.update(id="GIVEN-1"))
    result = work(str(out.parent / "not-there.json"), raw, templates=en_gb)
    assert isinstance(result.outcome, Outcome)
    assert result.outcome.engagement_id == "GIVEN-1"
    assert result.input_sha256 == hashlib.sha256(raw).hexdigest()
    assert [written.filename for written in result.documents] == [
        name.replace(IDENT, "GIVEN-1") for name in MADE]
    assert (out / "GIVEN-1" / "GIVEN-1-contract.docx").is_file()


def test_write_false_validates_only_and_writes_nothing(out: Path, en_gb: EngagementTemplates,
                                                       ) -> None:
    result = work(str(TWO_DISCLOSURES), write=False, templates=en_gb)
    assert isinstance(result.outcome, Outcome)
    assert result.outcome.findings == () and result.outcome.engagement_id == IDENT
    assert result.input_sha256 == sha256_of(TWO_DISCLOSURES)
    assert (result.documents, result.failures) == ((), ())
    assert _files(out) == []


def test_an_invalid_engagement_returns_its_findings_and_writes_nothing(
        out: Path, en_gb: EngagementTemplates) -> None:
    raw = _changed(TWO_DISCLOSURES, lambda data: data["disclosures"][1].update(limit="bribery"))
    result = work("invalid.json", raw, templates=en_gb)
    assert isinstance(result.outcome, Outcome)
    assert [(f.code, f.severity, f.pointer) for f in result.outcome.findings] == [
        ("disclosure-unknown-limit", "error", "/disclosures/1/limit"),
        ("disclosure-decision-mismatch", "error", "/disclosures/1/decision"),
    ]
    assert result.outcome.engagement is None and result.outcome.engagement_id == IDENT
    assert result.input_sha256 == hashlib.sha256(raw).hexdigest()
    assert (result.documents, result.failures) == ((), ())
    assert _files(out) == []


def test_an_input_that_cannot_be_read_is_an_input_problem(out: Path, en_gb: EngagementTemplates,
                                                         ) -> None:
    missing = str(out.parent / "missing.json")
    result = work(missing, templates=en_gb)
    assert result == Result(InputProblem(missing, f"{missing}: no such file or directory"), "")
    folder = str(out.parent)
    assert work(folder, templates=en_gb).outcome == InputProblem(folder, f"{folder}: is a directory")
    assert _files(out) == []


def test_a_template_that_fails_to_render_fails_its_documents_and_the_others_are_written(
        out: Path, tmp_path: Path, en_gb: EngagementTemplates) -> None:
    broken = tmp_path / "broken-notice.docx"
    document = docx.Document()
    document.add_paragraph("Dear client,")
    document.add_paragraph("{{ disclosure.recipent.name }}")
    document.save(str(broken))
    result = work(str(TWO_DISCLOSURES), templates=_with_notice_template(en_gb, broken))
    assert [failed.filename for failed in result.failures] == MADE[1:3]
    for failed in result.failures:
        assert isinstance(failed, Failed)
        # Each letter is rendered with its own disclosure (one failure per letter, above), and
        # the message places the fault and names the field as the letter writes it (issue 23).
        assert failed.message.startswith(
            'broken-notice.docx, body paragraph 2 ("{{ disclosure.recipent.name }}"): '
            "no field disclosure.recipent"), failed.message
    assert [written.filename for written in result.documents] == [MADE[0], *MADE[3:]]
    assert _files(out / IDENT) == sorted([MADE[0], *MADE[3:]])


def test_a_document_that_cannot_be_written_fails_alone_and_leaves_no_temporary_file(
        out: Path, en_gb: EngagementTemplates) -> None:
    # A folder where the contract should go: the rename onto it fails.
    (out / IDENT / MADE[0]).mkdir(parents=True)
    result = work(str(TWO_DISCLOSURES), templates=en_gb)
    assert [failed.filename for failed in result.failures] == [MADE[0]]
    assert f"{out / IDENT} cannot be written" in result.failures[0].message
    assert [written.filename for written in result.documents] == MADE[1:]
    assert (out / IDENT / MADE[0]).is_dir()
    assert not any(name.startswith(TEMP_PREFIX) for name in _files(out / IDENT))


def test_an_engagement_folder_that_is_a_file_fails_the_engagement(
        out: Path, en_gb: EngagementTemplates) -> None:
    (out / IDENT).write_text("in the way", encoding="utf-8")
    result = work(str(TWO_DISCLOSURES), templates=en_gb)
    assert result.documents == ()
    assert [failed.filename for failed in result.failures] == [f"{IDENT}/"]
    assert f"{out / IDENT} cannot be written" in result.failures[0].message
    assert (out / IDENT).read_text(encoding="utf-8") == "in the way"


def test_an_engagement_folder_that_is_a_link_is_never_written_through(
        out: Path, tmp_path: Path, en_gb: EngagementTemplates) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / IDENT).symlink_to(elsewhere, target_is_directory=True)
    result = work(str(TWO_DISCLOSURES), templates=en_gb)
    assert result.documents == ()
    assert [failed.filename for failed in result.failures] == [f"{IDENT}/"]
    assert "is a symbolic link" in result.failures[0].message
    assert list(elsewhere.iterdir()) == []


def test_a_locale_no_set_covers_fails_once_per_message_and_writes_nothing(out: Path) -> None:
    uncovered = EngagementTemplates((), (), (
        ("contract", "locale en-GB: no template set"),
        ("notice", "locale en-GB: no template set"),
        ("decision", "locale en-GB: no decision-record.docx"),
    ))
    result = work(str(TWO_DISCLOSURES), templates=uncovered)
    assert result.failures == (Failed(f"{IDENT}/", "locale en-GB: no template set"),
                               Failed(f"{IDENT}/", "locale en-GB: no decision-record.docx"))
    assert (result.documents, result.kinds) == ((), ())
    assert _files(out) == []


def test_a_locale_covered_for_some_kinds_only_leaves_no_empty_folder(
        out: Path, en_gb: EngagementTemplates) -> None:
    # An organisation's set with a contract but no decision record: the engagement fails, said
    # once, and no folder is left behind empty (one was, before).
    partly = EngagementTemplates(tuple(use for use in en_gb.uses if use.kind != "decision"), (),
                                 (("decision", "locale en-GB: no decision-record.docx"),))
    result = work(str(TWO_DISCLOSURES), templates=partly)
    assert result.failures == (Failed(f"{IDENT}/", "locale en-GB: no decision-record.docx"),)
    assert result.documents == ()
    assert not (out / IDENT).exists()


def test_leftover_temporary_files_are_removed_only_when_configure_asks(
        out: Path, en_gb: EngagementTemplates) -> None:
    folder = out / IDENT
    folder.mkdir()
    stale = folder / f"{TEMP_PREFIX}4242-{MADE[0]}"
    stale.write_bytes(b"half a document")
    kept = folder / "notes.txt"
    kept.write_text("the user's own", encoding="utf-8")
    work(str(TWO_DISCLOSURES), templates=en_gb)
    assert stale.read_bytes() == b"half a document"
    configure(str(out), clean_temps=True)
    result = work(str(TWO_DISCLOSURES), templates=en_gb)
    assert len(result.documents) == len(MADE)
    assert not stale.exists()
    assert kept.read_text(encoding="utf-8") == "the user's own"


def test_each_notice_and_decision_record_is_about_its_own_disclosure_and_decision(
        out: Path, en_gb: EngagementTemplates) -> None:
    work(str(TWO_DISCLOSURES), templates=en_gb)
    folder = out / IDENT
    first, second = (_paragraphs(folder / name) for name in MADE[1:3])
    assert "To: Dr Fiona Gallacher, General Practitioner, Abbeyfield Road Surgery" in first
    assert "Notice of disclosure under clause 8.1 of our confidentiality agreement" in first
    assert "To: Marcus Feld, Chair of the Audit Committee, Lindqvist & Shaw Engineering Ltd" in second
    assert "Notice of disclosure under clause 8.2 of our confidentiality agreement" in second
    assert not any("Marcus Feld" in text for text in first)
    assert not any("Gallacher" in text for text in second)
    one, two = (_paragraphs(folder / name) for name in MADE[3:])
    assert ("D1: 17 April 2026, to Dr Fiona Gallacher, General Practitioner; consent given; "
            "notice given on 14 April 2026; made only if the coachee does not withdraw their "
            "consent first. Information disclosed, as the letter to the coachee words it:") in one
    assert ("D2: 6 May 2026, to Marcus Feld, Chair of the Audit Committee; consent refused; "
            "notice given on 22 April 2026; made only if, once any objection from the coachee "
            "has been considered, the grounds for it still override their interests. "
            "Information disclosed, as the letter to the coachee words it:") in two
    assert not any(text.startswith("D2:") for text in one)
    # Each document is dated as its own subject is: the letter, the decision, the agreement.
    dates = {name: docx.Document(str(folder / name)).core_properties.created.date()
             for name in MADE}
    assert dates == {
        MADE[0]: dt.date(2026, 1, 5), MADE[1]: dt.date(2026, 4, 14),
        MADE[2]: dt.date(2026, 4, 22), MADE[3]: dt.date(2026, 4, 14),
        MADE[4]: dt.date(2026, 4, 22),
    }


def test_document_context_adds_the_planned_disclosure_or_decision_to_the_engagement_s(
        en_gb: EngagementTemplates) -> None:
    data = load_engagement(TWO_DISCLOSURES).data
    use = next(use for use in en_gb.uses if use.kind == "contract")
    base = base_context(data, use, BuildMemo().catalogue(use))
    assert document_context(base, PlannedDocument("contract", MADE[0])) is base
    letter = document_context(base, PlannedDocument("notice", MADE[2], disclosure=1))
    assert (letter["disclosure"]["id"], letter["limit"]["id"], letter["decision"]["id"]) == (
        "D2", "fraud", "DEC-2")
    assert letter["notice_days_given"] == 14
    record = document_context(base, PlannedDocument("decision", MADE[3], decision=0))
    assert (record["decision"]["id"], record["limit"]["id"]) == ("DEC-1", "serious-harm")
    assert [entry["id"] for entry in record["decision_disclosures"]] == ["D1"]
    assert "disclosure" not in record and "decision" not in base


def test_properties_are_written_in_the_language_of_the_set(plan: TemplatePlan, out: Path) -> None:
    french = plan.for_locale("fr-FR")
    sample = SAMPLES / "coaching-fr-lyon.json"
    data = load_engagement(sample).data
    use = next(use for use in french.uses if use.kind == "notice")
    said = properties(PlannedDocument("notice", "letter.docx", disclosure=0), data, use,
                      BuildMemo().catalogue(use))
    assert (said.language, said.identifier, said.subject) == ("fr-FR", data["id"], data["title"])
    assert said.date == data["disclosures"][0]["notice_date"]
    assert said.author == data["parties"]["practitioner"]["name"]
    result = work(str(sample), templates=french)
    contract = out / data["id"] / f"{data['id']}-contract.docx"
    assert result.documents[0].sha256 == sha256_of(contract)
    core = docx.Document(str(contract)).core_properties
    assert core.language == "fr-FR"
    assert core.title == f"Accord de confidentialité\N{NO-BREAK SPACE}: {data['title']}"

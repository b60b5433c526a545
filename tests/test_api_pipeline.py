"""The pipeline of docs/api.md, with public names only (what ``confdocs`` exports): import a
roster, validate, check templates, build, try one template; and the errors the API promises."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest

from confdocs import (
    ConfdocsError,
    InputError,
    InvalidEngagementError,
    TemplateError,
    build_documents,
    check_sets,
    check_template,
    import_roster,
    load_engagement,
    render_document,
    validate_paths,
)

from .helpers import ROOT, SAMPLES

COHORT = SAMPLES / "cohort"
PROFILE = COHORT / "profiles" / "harbour-vale-2026.json"
CONTRACT = ROOT / "templates" / "en-GB" / "contract.docx"
IDS = [f"HV-LC-2026-00{n}" for n in range(1, 6)]


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_a_roster_to_documents_through_the_public_api(tmp_path: Path) -> None:
    # 1. Import: a roster with an error writes nothing, and says where the error is.
    broken = tmp_path / "broken.csv"
    broken.write_text((COHORT / "roster.csv").read_text(encoding="utf-8-sig")
                      .replace("16/02/2026", "2026-02-30"), encoding="utf-8")
    refused = import_roster(str(broken), str(PROFILE), str(tmp_path / "refused"))
    assert refused.exit_code() == 1 and not refused.written
    (wrong,) = refused.findings
    assert (wrong.code, wrong.line, wrong.column) == ("schema-format", 5, 8)
    assert "row 5, column H (dates.start)" in wrong.message
    assert not (tmp_path / "refused").exists()
    cohort = tmp_path / "cohort"
    imported = import_roster(str(COHORT / "roster.csv"), str(PROFILE), str(cohort))
    assert imported.exit_code(strict=True) == 0 and imported.written and imported.rows == 5
    assert sorted(path.stem for path in cohort.glob("[!.]*.json")) == IDS

    # 2. Validate, with one engagement agreed after its start: a warning, which strict fails.
    late = cohort / "HV-LC-2026-002.json"
    data = json.loads(late.read_text(encoding="utf-8"))
    data.setdefault("dates", {})["agreed"] = "2026-03-01"
    late.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    validated = validate_paths([cohort])
    assert len(validated.files) == 5 and (validated.errors, validated.warnings) == (0, 1)
    (finding,) = validated.findings
    assert (finding.file, finding.code, finding.pointer) == (
        str(late), "dates-agreed-after-start", "/dates/agreed")
    assert validated.exit_code() == 0 and validated.exit_code(strict=True) == 1
    assert load_engagement(cohort / "HV-LC-2026-001.json").locale == "en-GB"

    # 3. Templates: the shipped ones are clean; one with a misspelt field is not.
    assert check_template(CONTRACT) == [] and check_sets() == []
    (misspelt,) = check_template(ROOT / "tests" / "templates_corpus" / "header-unknown-field.docx")
    assert misspelt.is_error and misspelt.code == "unknown-field" and misspelt.place.startswith(
        "header")

    # 4. Build: every contract, read back; a second run finds them all current.
    out = tmp_path / "contracts"
    report = build_documents([cohort], out, only=("contract",), jobs=1)
    assert report.exit_code() == 0, report
    assert report.written == 5 and report.findings == validated.findings
    client = json.loads((cohort / "HV-LC-2026-003.json").read_text(encoding="utf-8"))
    name = client["parties"]["client"]["name"]
    contract = out / "HV-LC-2026-003" / "HV-LC-2026-003-contract.docx"
    assert name in _text(contract)
    assert docx.Document(str(contract)).core_properties.title.startswith(
        "Confidentiality agreement: ")
    again = build_documents([cohort], out, only=("contract",), jobs=1)
    assert (again.written, again.unchanged) == (0, 5)

    # 5. One template tried on one engagement, outside the build.
    tried = render_document(CONTRACT, cohort / "HV-LC-2026-003.json", tmp_path / "tried.docx")
    assert tried.warnings == ()
    assert _text(tried.path) == _text(contract)


def test_the_api_raises_what_it_promises(tmp_path: Path) -> None:
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps({"id": "X-1"}), encoding="utf-8")
    with pytest.raises(InvalidEngagementError) as caught:
        load_engagement(invalid)
    assert caught.value.exit_code == 1 and caught.value.findings
    with pytest.raises(InputError) as unreadable:
        import_roster(str(tmp_path / "missing.csv"), str(PROFILE), str(tmp_path / "out"))
    assert unreadable.value.exit_code == 2
    broken = tmp_path / "contract.docx"
    shutil.copy(ROOT / "tests" / "templates_corpus" / "header-unknown-field.docx", broken)
    with pytest.raises(TemplateError) as refused:
        render_document(broken, SAMPLES / "membership-guild.json", tmp_path / "tried.docx")
    assert refused.value.exit_code == 1
    assert any("unknown-field" in line for line in refused.value.details)
    assert not (tmp_path / "tried.docx").exists()
    for error in (caught.value, unreadable.value, refused.value):
        assert isinstance(error, ConfdocsError)

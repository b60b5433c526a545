"""Issue 23, item 5: an optional field printed without a guard is the same warning in every
template (the letter and the decision record included, and inside link() and image()), never an
error that refuses documents which have the value; its advice names the variable of that
template's context."""

from __future__ import annotations

import shutil
from pathlib import Path

from confdocs.lint import check_template

from ..docx_cases import make
from ..helpers import ROOT


def _findings(path: Path) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.message) for f in check_template(path)]


def test_a_letters_optional_field_is_a_warning_naming_the_letters_variable(tmp_path: Path
                                                                          ) -> None:
    letter = make(tmp_path / "disclosure-notice.docx",
                  "Support: {{ disclosure.support_offered }}.")
    ((code, severity, message),) = _findings(letter)
    assert (code, severity) == ("optional-field-unguarded", "warning")
    assert message.startswith("disclosure.support_offered is not set in this engagement")
    assert "{% if disclosure.support_offered %}" in message
    assert "disclosures[" not in message


def test_a_records_optional_field_is_a_warning_naming_the_records_variable(tmp_path: Path
                                                                          ) -> None:
    record = make(tmp_path / "decision-record.docx",
                  "Checked with the client: {{ decision.checked_with_client }}.")
    ((code, severity, message),) = _findings(record)
    assert (code, severity) == ("optional-field-unguarded", "warning")
    assert "{% if decision.checked_with_client %}" in message
    assert "decisions[" not in message


def test_an_optional_url_in_link_is_a_warning_not_an_error(tmp_path: Path) -> None:
    # The guide's own example.
    contract = make(tmp_path / "contract.docx",
                    "{{r link(professional_body.code_of_ethics.url, "
                    "professional_body.code_of_ethics.title) }}")
    (finding,) = check_template(contract)
    assert (finding.code, finding.severity) == ("optional-field-unguarded", "warning")
    assert "{% if professional_body.code_of_ethics.url %}" in finding.message
    assert finding.place.startswith("body paragraph 1")


def test_an_optional_field_given_to_image_is_a_warning(tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests" / "data" / "pictures" / "logo.png", tmp_path / "logo.png")
    contract = make(tmp_path / "contract.docx",
                    "{{ image('logo.png', alt=parties.client.job_title) }}")
    (finding,) = check_template(contract)
    assert (finding.code, finding.severity) == ("optional-field-unguarded", "warning")


def test_guarded_it_is_clean(tmp_path: Path) -> None:
    letter = make(tmp_path / "disclosure-notice.docx",
                  "{% if disclosure.support_offered %}Support: "
                  "{{ disclosure.support_offered }}.{% endif %}")
    assert _findings(letter) == []

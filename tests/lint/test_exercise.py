"""`templates check` finds what only a cohort build used to find (issue 12, section 5): an optional
field printed where nothing ensures it is set, and any failure some valid engagement would meet,
by rendering the template against engagements made from the schema."""

from __future__ import annotations

from pathlib import Path

from confdocs.lint import check_template
from confdocs.lint.exercise import made_engagements

from ..docx_cases import make
from ..helpers import ROOT


def test_an_optional_field_printed_unguarded_is_warned_with_the_fix(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx", "Agreement.", "Supervisor: {{ parties.supervisor.name }}")
    (finding,) = check_template(path)
    assert (finding.code, finding.severity, finding.place) == (
        "optional-field-unguarded", "warning",
        'body paragraph 2 ("Supervisor: {{ parties.supervisor.name }...")')
    assert "parties.supervisor" in finding.message
    assert "{% if parties.supervisor" in finding.message


def test_a_field_of_an_optional_object_outside_its_guard_is_warned(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx",
                "{%p if parties.sponsor %}", "Sponsor: {{ parties.sponsor.organisation }}",
                "{%p endif %}", "Contact: {{ parties.sponsor.contact.name }}")
    (finding,) = check_template(path)
    assert finding.code == "optional-field-unguarded"
    assert finding.place == 'body paragraph 4 ("Contact: {{ parties.sponsor.contact.name...")'


def test_guarded_optional_fields_pass(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx",
                "{%p if parties.sponsor %}", "Contact: {{ parties.sponsor.contact.name }}",
                "{%p endif %}",
                "{% if parties.supervisor %}Supervisor: {{ parties.supervisor.name }}{% endif %}")
    assert check_template(path) == []


def test_a_failure_only_some_engagements_meet_is_an_error(tmp_path: Path) -> None:
    # Fine for most kinds of engagement; fails for a membership, whose words differ.
    path = make(tmp_path / "contract.docx",
                "{% if kind == 'membership' %}{{ words.client|int(strict=1) }}{% endif %}Client.")
    findings = check_template(path)
    assert [(f.code, f.severity) for f in findings] == [("render-fails", "error")]
    assert 'kind = "membership"' in findings[0].message
    assert findings[0].place == 'body paragraph 1 ("{% if kind == \'membership\' %}{{ words.cl...")'


def test_the_engagements_made_cover_kinds_consent_cases_and_lists() -> None:
    made = [description for description, _ in made_engagements()]
    for wanted in ("with every optional field", "with only the required fields",
                   "with several entries in every list", 'with kind = "membership"',
                   'with disclosures.consent = "refused"'):
        assert wanted in made
    several = dict(made_engagements())["with several entries in every list"]
    assert len(several["confidentiality"]["limits"]) == 3 and len(several["disclosures"]) == 3


def test_the_shipped_templates_render_for_every_engagement_made() -> None:
    # How long this takes is measured by bench/check_bench.py (docs/performance.md), never here.
    for template in sorted((ROOT / "templates").glob("*/*.docx")):
        assert check_template(template) == []


def test_a_name_the_check_does_not_put_in_the_context_is_left_to_the_field_check() -> None:
    # A kind of document whose context the rendering does not know (its own top-level names):
    # the field check judges those names; the rendering does not report them again.
    from confdocs.lint.exercise import _not_made_here

    context = {"parties": {}, "words": {}}
    assert _not_made_here("no field decision; did you mean disclosure?", context)
    assert _not_made_here("no field decision (see docs/fields.md)", context)
    assert not _not_made_here("no field parties.client.nmae; did you mean name?", context)
    assert not _not_made_here("a value printed is empty (null)", context)


def test_a_template_whose_rendering_runs_away_is_an_error_and_check_still_ends(
        tmp_path: Path, monkeypatch) -> None:
    import time

    from confdocs.lint import exercise

    monkeypatch.setattr(exercise, "CHECK_RENDER_SECONDS", 0.5)
    path = make(tmp_path / "contract.docx",
                "{% for a in range(100000) %}{% for b in range(100000) %}"
                "{% endfor %}{% endfor %}{{ parties.client.name }}")
    started = time.monotonic()
    findings = check_template(path)
    assert time.monotonic() - started < 10  # one engagement is enough to say it
    assert [(f.code, f.severity) for f in findings] == [("render-unbounded", "error")]
    assert "takes longer than 0.5 s" in findings[0].message

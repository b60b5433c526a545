"""`templates check` and `build` on an organisation's incomplete template set: the report in JSON
and GitHub's format, templates named one by one never compared, and a build that refuses an
incomplete template or catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from jsonschema import Draft202012Validator

from ..helpers import ROOT, edit_body, index_of, remove_paragraphs

# --- the formats ---------------------------------------------------------------------------


def test_json_and_github_formats(run, own: Path) -> None:
    annex = own / "fr-FR" / "feedback-annex.docx"
    annex.unlink()
    report = json.loads(run("templates", "check", "--templates", str(own), "--format",
                            "json").output)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(schema).iter_errors(report))
    assert {k: report[k] for k in ("templates", "errors", "warnings")} == {
        "templates": 3, "errors": 1, "warnings": 0}
    (finding,) = report["findings"]
    assert {k: finding[k] for k in ("template", "place", "code", "severity")} == {
        "template": str(annex), "place": "", "code": "set-template-missing",
        "severity": "error"}
    result = run("templates", "check", "--templates", str(own), "--format", "github")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        f"::error file={str(annex).replace(':', '%3A')},title=set-template-missing::the fr-FR "
        "set has no feedback-annex.docx")


def test_explicit_templates_are_not_compared(run, own: Path) -> None:
    (own / "fr-FR" / "feedback-annex.docx").unlink()
    result = run("templates", "check", str(own / "fr-FR" / "contract.docx"))
    assert result.exit_code == 0, result.output


# --- build refuses what the check finds ----------------------------------------------------------


def _french_engagement(folder: Path) -> Path:
    data = json.loads((ROOT / "samples" / "coaching-two-disclosures.json").read_text("utf-8"))
    data.pop("$schema", None)
    data["locale"] = "fr-FR"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fr.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_build_refuses_an_incomplete_template_of_an_organisations_set(
        run, own: Path, tmp_path: Path) -> None:
    contract = own / "fr-FR" / "contract.docx"

    def drop_emergency(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        remove_paragraphs(paragraphs[index_of(paragraphs, "{%p if clause.emergency %}"):
                                     index_of(paragraphs, "{{ clause.records }}.")])

    edit_body(contract, drop_emergency)
    engagement = _french_engagement(tmp_path / "in")
    out = tmp_path / "out"
    result = run("build", str(engagement), "--out", str(out), "--templates", str(own))
    assert result.exit_code == 1, result.output
    assert "[set-clause-missing]" in result.stderr
    assert f"{contract}: not used, 1 document not made: the fr-FR set lacks" in result.stderr
    made = sorted(p.name for p in out.glob("*/*.docx"))
    assert made and not any(name.endswith("-contract.docx") for name in made)


def test_build_refuses_a_set_whose_catalogue_would_leave_english_words(
        run, own: Path, tmp_path: Path) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8").replace('msgstr "coaché"', 'msgstr ""', 1)
    catalogue.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(_french_engagement(tmp_path / "in")), "--out", str(out),
                 "--templates", str(own))
    assert result.exit_code == 1
    assert result.stderr.count("[set-message-missing]") == 1  # said once, for the whole set
    assert not list(out.glob("*/*.docx"))

"""Documents in the engagement's language (issue 14): a template set per locale, chosen within the
language and never silently from another; words and titles from catalogues; the document tagged
with its language. These tests use a synthetic French set (the English templates with the French
catalogue) in an organisation's folder, so that they test the choosing, not the French prose."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx

from confdocs.build import build

from ..helpers import SAMPLES, document_text, engagement_in_locale, french_set

HARBOUR_VALE = SAMPLES / "exec-coaching-harbour-vale.json"


def _languages(path: Path) -> set[str]:
    """Every language a .docx tags its text with."""
    found: set[str] = set()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                found.update(re.findall(r'<w:(?:lang|themeFontLang)\b[^>]*\bw:val="([^"]*)"', xml))
    return found


def _contract(out: Path, ident: str) -> Path:
    return out / ident / f"{ident}-contract.docx"


def test_an_english_engagement_is_tagged_in_its_own_english(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    engagement_in_locale(inputs, "en-IE", "IE-1")
    report = build([inputs], tmp_path / "out")
    assert report.exit_code() == 0, report
    contract = _contract(tmp_path / "out", "IE-1")
    assert _languages(contract) == {"en-IE"}
    document = docx.Document(str(contract))
    assert document.core_properties.language == "en-IE"
    assert document.core_properties.title.startswith("Confidentiality agreement: ")


def test_a_locale_without_a_set_fails_clearly_and_the_others_are_built(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    engagement_in_locale(inputs, "de-DE", "DE-1")
    engagement_in_locale(inputs, "en-GB", "GB-1")
    result = run("build", str(inputs), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert ("locale de-DE: no template set in German (de); the sets are en-GB" in result.stderr
            or "locale de-DE: no template set in German (de); the sets are en-GB" in result.output)
    assert "--fallback-language en-GB" in result.output
    assert not (tmp_path / "out" / "DE-1").exists()
    assert _contract(tmp_path / "out", "GB-1").is_file()
    # validate says so beforehand, with a code of its own.
    checked = run("validate", str(inputs / "DE-1.json"))
    assert checked.exit_code == 0 and "[locale-no-templates at /locale]" in checked.output


def test_a_fallback_language_writes_the_whole_document_in_it(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    engagement_in_locale(inputs, "de-DE", "DE-1")
    result = run("build", str(inputs), "--out", str(tmp_path / "out"),
                 "--fallback-language", "en-GB")
    assert result.exit_code == 0, result.output
    contract = _contract(tmp_path / "out", "DE-1")
    text = document_text(contract)
    assert not re.search(r"\bJanuar\b", text) and "January" in text  # no mix of languages
    assert _languages(contract) == {"en-GB"}
    assert docx.Document(str(contract)).core_properties.language == "en-GB"


def test_a_fallback_language_must_name_a_set(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    engagement_in_locale(inputs, "de-DE", "DE-1")
    result = run("build", str(inputs), "--out", str(tmp_path / "out"),
                 "--fallback-language", "it-IT")
    assert result.exit_code == 2
    assert "--fallback-language it-IT: no complete template set in that language" in result.output


def test_a_mixed_cohort_gets_each_engagement_in_its_own_language(tmp_path: Path) -> None:
    own = tmp_path / "own"
    french_set(own)
    inputs = tmp_path / "in"
    engagement_in_locale(inputs, "fr-FR", "FR-1")
    engagement_in_locale(inputs, "fr-CA", "CA-1")  # within the language: fr-CA takes the fr-FR set
    engagement_in_locale(inputs, "en-GB", "GB-1")
    engagement_in_locale(inputs, None, "NONE-1")  # no locale: en-GB
    report = build([inputs], tmp_path / "out", templates=own)
    assert report.exit_code() == 0, report
    out = tmp_path / "out"
    for ident, tag in (("FR-1", "fr-FR"), ("CA-1", "fr-CA")):
        contract = _contract(out, ident)
        text = document_text(contract)
        assert "coaché" in text and "coachee" not in text
        assert "janvier" in text or "février" in text or "mars" in text
        assert _languages(contract) == {tag}
        properties = docx.Document(str(contract)).core_properties
        assert properties.language == tag
        assert properties.title.startswith("Accord de confidentialité\u00a0: ")
    for ident in ("GB-1", "NONE-1"):
        contract = _contract(out, ident)
        assert "coachee" in document_text(contract)
        assert _languages(contract) == {"en-GB"}


def test_a_changed_set_rebuilds_only_its_language(tmp_path: Path) -> None:
    own = tmp_path / "own"
    french = french_set(own)
    inputs = tmp_path / "in"
    engagement_in_locale(inputs, "fr-FR", "FR-1")
    engagement_in_locale(inputs, "en-GB", "GB-1")
    out = tmp_path / "out"
    assert build([inputs], out, templates=own).exit_code() == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*/*.docx")}
    # A new version of the French contract (another valid .docx): re-saved by python-docx.
    document = docx.Document(str(french / "contract.docx"))
    document.add_paragraph("Clause ajoutée par l’organisation.")
    document.save(str(french / "contract.docx"))
    report = build([inputs], out, templates=own)
    assert report.exit_code() == 0, report
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*/*.docx")}
    changed = {name for name in after if after[name] != before.get(name)}
    assert "FR-1-contract.docx" in changed
    assert all(name.startswith("FR-1-") for name in changed), changed
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    templates = {entry["path"]: entry["template"] for entry in manifest["outputs"]}
    assert templates["FR-1/FR-1-contract.docx"].endswith("fr-FR/contract.docx")
    assert templates["GB-1/GB-1-contract.docx"].endswith("en-GB/contract.docx")


def test_the_shipped_samples_build_each_in_its_own_language(tmp_path: Path) -> None:
    french, english = SAMPLES / "coaching-fr-lyon.json", HARBOUR_VALE
    report = build([french, english], tmp_path / "out")
    assert report.exit_code() == 0, report
    for sample, tag, heading in ((french, "fr-FR", "8. Les limites de la confidentialité"),
                                 (english, "en-GB", "8. The limits of confidentiality")):
        ident = json.loads(sample.read_text(encoding="utf-8"))["id"]
        for document in (tmp_path / "out" / ident).glob("*.docx"):
            assert _languages(document) == {tag}, document
            assert docx.Document(str(document)).core_properties.language == tag
        assert heading in document_text(_contract(tmp_path / "out", ident)).splitlines()


def test_an_organisations_template_in_another_language_is_retagged(tmp_path: Path) -> None:
    """A template saved by a Word set to English, used for a French engagement: every run, the
    style defaults and the theme say fr-CA in the document."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    own = tmp_path / "own"
    folder = french_set(own)
    document = docx.Document(str(folder / "contract.docx"))
    run = next(r for p in document.paragraphs for r in p.runs if r.text.strip())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    run._r.get_or_add_rPr().append(lang)
    document.save(str(folder / "contract.docx"))
    assert "en-US" in _languages(folder / "contract.docx")
    inputs = tmp_path / "in"
    engagement_in_locale(inputs, "fr-CA", "CA-1")
    report = build([inputs], tmp_path / "out", templates=own, only=("contract",))
    assert report.exit_code() == 0, report
    assert _languages(_contract(tmp_path / "out", "CA-1")) == {"fr-CA"}

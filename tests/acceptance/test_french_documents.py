"""The fr-FR template set: the French documents, read back, are French from end to end.

Every heading of the French sample's four documents is the French one; no paragraph of them, nor of
the hard cases of tests/edge/ built in French, holds an English sentence once the engagement's own
values are taken out (the detector is shown to fire on an English document, so that it can
fail); the enum codes are printed as French words; the templates' own text follows French
typography; the documents say they are in French.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from confdocs.build import build

from ..helpers import ROOT, SAMPLES, paragraph_texts, text_values

FRENCH = ROOT / "templates" / "fr-FR"
SAMPLE = SAMPLES / "coaching-fr-lyon.json"
ENGLISH_SAMPLE = SAMPLES / "exec-coaching-harbour-vale.json"
EDGE = ROOT / "tests" / "edge"
NBSP, NNBSP = "\u00a0", "\u202f"

DOCUMENTS = {
    "contract": "CVC-2026-007-contract.docx",
    "annex": "CVC-2026-007-feedback-annex.docx",
    "notice": "CVC-2026-007-disclosure-D1.docx",
    "decision": "CVC-2026-007-decision-DEC-1.docx",
}

HEADINGS = {
    "contract": [
        "Accord de confidentialité",
        "1. Les parties et l’objet",
        "Objet",
        "2. Ce qui sera communiqué, à qui, comment et quand",
        "3. Ce qui ne sera pas communiqué",
        "4. Règles de l’organisation",
        "5. L’organisation professionnelle et son code de déontologie",
        "6. Synthèse sur le coaché",
        "7. Retours de l’entourage professionnel",
        "8. Les limites de la confidentialité",
        f"9. Lever la confidentialité{NBSP}: la procédure",
        "10. Divulgation en cas d’urgence",
        "11. Dossiers et protection des données",
        "12. Supervision et conseil",
        "13. Faire le point sur la relation",
        "Signatures",
    ],
    "annex": [
        "Annexe sur l’anonymat des retours",
        "Synthèse sur le coaché",
        "Mode de recueil",
        "Niveau d’anonymat",
        "Catégories de répondants",
        "Nombres minimaux",
        "Commentaires écrits",
        "Destinataires du rapport",
        "Approbation",
    ],
    "notice": [
        "Ce qui sera divulgué",
        "Destinataire et motif",
        "Modalités et date",
        "Votre consentement",
        "Faire vous-même la divulgation",
        "Soutien",
        "Après la divulgation",
        "Questions et réclamations",
    ],
    "decision": [
        "Fiche de décision sur une levée de confidentialité",
        "La décision",
        "Les faits",
        "Vérification auprès du coaché",
        "Personnes consultées",
        "Options envisagées",
        "Motifs de la décision",
        "Le point de vue du coaché",
        "Divulgations prévues ou effectuées en vertu de cette décision",
        "Suivi",
        "Consigné par",
    ],
}

# Words that carry English sentences and no French one (case-sensitive: "Or" and "Est" are French).
_ENGLISH = re.compile(r"\b(the|and|of|to|will|with|which|is|are|this|that|be|for|may|not|any|"
                      r"by|you|your|our|has|have|been|from|who)\b")


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("french")
    report = build([SAMPLE], out, jobs=1)
    assert report.exit_code() == 0 and report.findings == [], report
    return out / "CVC-2026-007"


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("english")
    report = build([ENGLISH_SAMPLE], out, only=("contract",), jobs=1)
    assert report.exit_code() == 0, report
    return out / "HV-EC-2026-014" / "HV-EC-2026-014-contract.docx"


def _paragraphs(path: Path) -> Iterator[str]:
    return paragraph_texts(docx.Document(str(path)))


def _headings(path: Path) -> list[str]:
    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs)
    for table in document.tables:  # blocks kept together on a page are one-cell tables
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return [p.text for p in paragraphs
            if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Title")]


def english_sentences(path: Path, engagement: Path) -> list[str]:
    """The paragraphs of a document that still hold English words once the engagement's own
    values (names, descriptions, addresses: whatever language they are in) are taken out."""
    values = sorted(set(text_values(json.loads(engagement.read_text(encoding="utf-8")))),
                    key=len, reverse=True)
    found = []
    for text in _paragraphs(path):
        rest = text
        for value in values:
            if len(value) > 2:
                rest = rest.replace(value, " ").replace(value[:1].upper() + value[1:], " ")
        if _ENGLISH.search(rest):
            found.append(text)
    return found


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_every_heading_is_the_french_one(french: Path, kind: str) -> None:
    assert _headings(french / DOCUMENTS[kind]) == HEADINGS[kind]


@pytest.mark.parametrize("kind", DOCUMENTS)
def test_no_english_sentence_survives(french: Path, kind: str) -> None:
    assert english_sentences(french / DOCUMENTS[kind], SAMPLE) == []


def test_the_english_detector_fires_on_an_english_document(english: Path) -> None:
    found = english_sentences(english, ENGLISH_SAMPLE)
    assert len(found) > 20
    assert any("Total confidentiality cannot be promised" in text for text in found)


def test_codes_are_printed_as_french_words(french: Path) -> None:
    notice = "\n".join(_paragraphs(french / DOCUMENTS["notice"]))
    assert "\nMonsieur,\n" in notice  # a formal letter, to a client given as masculine (issue 22)
    assert f"Modalités{NBSP}: lors d’un rendez-vous" in notice
    assert f"Heure{NBSP}: 10{NBSP}h{NBSP}30" in notice
    assert "Vous avez donné votre consentement à cette divulgation" in notice
    # Consent given, but the disclosure rests on legitimate interests: the letter says so.
    assert "La divulgation ne repose toutefois pas sur votre consentement" in notice
    assert "Vous disposez ainsi d’un préavis de 7 jours" in notice.replace(NBSP, " ")
    assert "la Commission nationale de l’informatique et des libertés (CNIL)" in notice
    decision = "\n".join(_paragraphs(french / DOCUMENTS["decision"]))
    assert "Décision de divulguer" in decision
    assert "consentement donné ; préavis donné le 14 avril 2026" in decision.replace(NNBSP, " ")
    assert "Document interne" in decision
    contract = "\n".join(_paragraphs(french / DOCUMENTS["contract"]))
    assert "Le coaching débute le 2 février 2026 et s’achève le 31 juillet 2026." in contract
    assert "8.1\tObligation légale. Si une décision de justice" in contract
    assert "Page 1 sur 1" in contract  # the footer's fields, before Word lays out the pages


def test_the_documents_say_they_are_french(french: Path) -> None:
    for name in DOCUMENTS.values():
        with zipfile.ZipFile(french / name) as package:
            styles = package.read("word/styles.xml").decode("utf-8")
            settings = package.read("word/settings.xml").decode("utf-8")
        assert 'w:val="fr-FR"' in styles and "en-GB" not in styles, name
        assert "en-GB" not in settings, name
        assert docx.Document(str(french / name)).core_properties.language == "fr-FR"


def _own_text(template: Path) -> Iterator[str]:
    """The template's own words: every run's text that is not (part of) a Jinja tag."""
    document = docx.Document(str(template))
    parts = [document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.paragraphs)
                for inner in cell.tables:
                    for inner_row in inner.rows:
                        for inner_cell in inner_row.cells:
                            parts.append(inner_cell.paragraphs)
    for section in document.sections:
        parts.extend([section.header.paragraphs, section.footer.paragraphs])
    for paragraphs in parts:
        for paragraph in paragraphs:
            text = "".join(run.text for run in paragraph.runs)
            yield re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "\x00", text)


@pytest.mark.parametrize("template", sorted(FRENCH.glob("*.docx")), ids=lambda p: p.stem)
def test_french_typography_in_the_templates_own_text(template: Path) -> None:
    for text in _own_text(template):
        assert not re.search(r" [:;?!]", text), text
        assert "'" not in text, text
        assert "« " not in text and " »" not in text, text
        assert "  " not in text, text


def test_the_french_templates_pass_the_check(run) -> None:
    result = run("templates", "check", *map(str, sorted(FRENCH.glob("*.docx"))))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "4 templates checked: 4 without errors (0 errors, 0 warnings)"


@pytest.fixture(scope="module")
def french_edges(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hard cases of tests/edge/, in French (their inputs, their documents): their values stay
    English, every other word must be French."""
    inputs = tmp_path_factory.mktemp("edge-fr")
    for source in sorted(EDGE.glob("*.json")):
        data = json.loads(source.read_text(encoding="utf-8"))
        data.pop("$schema", None)
        data["locale"] = "fr-FR"
        (inputs / source.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path_factory.mktemp("edge-fr-out")
    report = build([inputs], out, jobs=1)
    assert report.exit_code() == 0 and report.findings == [], report
    return inputs, out


@pytest.mark.parametrize("case", sorted(p.stem for p in EDGE.glob("*.json")))
def test_no_english_sentence_in_the_hard_cases_in_french(french_edges: tuple[Path, Path],
                                                         case: str) -> None:
    inputs, out = french_edges
    source = inputs / f"{case}.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    documents = sorted((out / data["id"]).glob("*.docx"))
    assert documents
    for document in documents:
        assert english_sentences(document, source) == [], document.name


def _logic(template: Path) -> tuple[Counter[str], Counter[str]]:
    """A template's statements (if, elif, else, for, end..., whatever their p/tr level) and the
    fields it prints (the role words excepted: they differ by language by design)."""
    with zipfile.ZipFile(template) as package:
        xml = "".join(package.read(name).decode("utf-8") for name in package.namelist()
                      if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name))
    text = html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    statements = Counter(re.sub(r"^(p|tr)\s+", "", s.strip()) for s in re.findall(r"\{%(.*?)%\}", text))
    # A filter's arguments are the language's own (a French time is "14 h 30"), and so is a
    # capital after a colon (French writes a lower case: "Fondement juridique : l'intérêt...").
    fields = Counter(re.sub(r"\(.*\)$", "", f.strip()).replace("|capfirst", "")
                     for f in re.findall(r"\{\{(.*?)\}\}", text)
                     if not f.strip().startswith("words."))
    return statements, fields


@pytest.mark.parametrize("name", ["contract", "feedback-annex", "disclosure-notice", "decision-record"])
def test_the_french_set_mirrors_the_reference_logic(name: str) -> None:
    reference = ROOT / "templates" / "en-GB" / f"{name}.docx"
    assert _logic(FRENCH / f"{name}.docx") == _logic(reference)

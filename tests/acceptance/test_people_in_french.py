"""People addressed as they are (issue 22): the French sample and every hard case of tests/edge/,
built in French with each named person given as feminine, as masculine and with no gender, and
read back.

What the templates write (the engagement's own values taken out, as they are the writer's words):

- for a person given as feminine, no masculine role noun, pronoun or participle
  (« le coaché », « du formateur », « un superviseur », « lui-même », « Monsieur, »);
- for a person given as masculine, no feminine one;
- with no gender given, no gendered role noun at all, once the catalogue's forms for no gender
  (« la personne coachée », « le ou la coach », « la personne chargée de la supervision »,
  « Madame, Monsieur, ») are taken out; the pronouns that stand for « la personne coachée » are
  « elle », as French grammar has them agree with « personne »;
- letters are formal: « Madame, » / « Monsieur, » / « Madame, Monsieur, » or the form of address
  given, and the formal closing; never « Bonjour » or « cordialement ».

Each detector is shown to fire on the documents of the other gender, so that it can fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from confdocs.build import build
from confdocs.render.catalogue import MESSAGES, load_catalogue

from ..helpers import ROOT, SAMPLES, paragraph_texts, text_values

EDGE = ROOT / "tests" / "edge"
CASES = [SAMPLES / "coaching-fr-lyon.json", *sorted(EDGE.glob("*.json"))]
GENDERS = ("feminine", "masculine", None)

_NOUNS_M = r"coaché|coach|participant|formateur|mentoré|mentor|superviseur|client|praticien"
_NOUNS_F = r"coachée|coach|participante|formatrice|mentorée|mentore|superviseure"
MASCULINE = re.compile(
    rf"\b(?:[Ll]e|[Dd]u|[Aa]u|[Uu]n|[Ss]on|[Cc]e) (?:{_NOUNS_M})\b|\b[Ll]’adhérent\b|"
    r"^(?:Coaché|Participant|Formateur|Mentoré|Mentor|Adhérent)$|\blui-même\b|"
    r"\b(?:qu’à|avec) lui\b|^Monsieur,$|agréer, Monsieur,", re.MULTILINE)
FEMININE = re.compile(
    rf"\b(?:[Ll]a|[Uu]ne|[Ss]a|[Cc]ette) (?:{_NOUNS_F})\b|\b[Ll]’adhérente\b|"
    r"^(?:Coachée|Participante|Formatrice|Mentorée|Mentore|Adhérente)$|^Madame,$|"
    r"agréer, Madame,", re.MULTILINE)
PEOPLE = (("parties", "practitioner"), ("parties", "client"), ("parties", "supervisor"),
          ("parties", "sponsor", "contact"))


def _with_gender(data: dict[str, Any], gender: str | None) -> dict[str, Any]:
    data.pop("$schema", None)
    data["locale"] = "fr-FR"
    people: list[Any] = []
    for path in PEOPLE:
        node: Any = data
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        people.append(node)
    people += [entry["recipient"] for entry in data.get("disclosures", [])]
    for person in people:
        if isinstance(person, dict):
            person.pop("gender", None)
            if gender is not None:
                person["gender"] = gender
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, list[tuple[Path, Path]]]:
    """For each gender, each case's input file and its documents."""
    out: dict[str | None, list[tuple[Path, Path]]] = {}
    for gender in GENDERS:
        inputs = tmp_path_factory.mktemp(f"people-{gender}")
        for source in CASES:
            data = _with_gender(json.loads(source.read_text(encoding="utf-8")), gender)
            (inputs / source.name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        documents = tmp_path_factory.mktemp(f"people-{gender}-out")
        report = build([inputs], documents, jobs=1)
        assert report.exit_code() == 0 and report.findings == [], report
        out[gender] = [(inputs / source.name, documents) for source in CASES]
    return out


def _neutral_forms() -> list[str]:
    """The French catalogue's words for a person whose gender is not given, longest first."""
    catalogue = load_catalogue("fr-FR", ROOT / "templates" / "fr-FR" / "messages.po")
    forms = {catalogue.get(context) for context in MESSAGES
             if context.split(" ")[0] in ("coaching", "training", "mentoring", "membership",
                                          "supervisor", "salutation", "closing")
             and context.rsplit(" ", 1)[-1] not in ("feminine", "masculine", "address")}
    return sorted((f for f in forms if " " in f or f[:1].isupper()), key=len, reverse=True)


def written_text(source: Path, documents: Path) -> list[tuple[str, str]]:
    """(document, paragraph) for every paragraph of a case's documents, with the engagement's
    own values taken out."""
    data = json.loads(source.read_text(encoding="utf-8"))
    values = sorted({v for v in text_values(data) if len(v) > 2}, key=len, reverse=True)
    found = []
    paths = sorted((documents / data["id"]).glob("*.docx"))
    assert paths, source.name
    for path in paths:
        for text in paragraph_texts(docx.Document(str(path))):
            for value in values:
                text = text.replace(value, "\u2063").replace(value[:1].upper() + value[1:],
                                                             "\u2063")
            found.append((path.name, text))
    return found


def _offending(built: dict[str | None, list[tuple[Path, Path]]], gender: str | None,
               pattern: re.Pattern[str], neutral: bool = False) -> list[str]:
    forms = _neutral_forms() if neutral else []
    found = []
    for source, documents in built[gender]:
        for name, text in written_text(source, documents):
            for form in forms:
                text = text.replace(form, "\u2063").replace(form[:1].upper() + form[1:],
                                                            "\u2063")
            match = pattern.search(text)
            if match:
                found.append(f"{name}: {match.group()!r} in {text[:160]!r}")
    return found


def test_no_masculine_form_for_people_given_as_feminine(built: Any) -> None:
    assert _offending(built, "feminine", MASCULINE) == []


def test_no_feminine_form_for_people_given_as_masculine(built: Any) -> None:
    assert _offending(built, "masculine", FEMININE) == []


def test_no_gendered_form_for_people_with_no_gender_given(built: Any) -> None:
    assert _offending(built, None, MASCULINE, neutral=True) == []
    assert _offending(built, None, FEMININE, neutral=True) == []


def test_the_detectors_fire_on_the_other_gender(built: Any) -> None:
    # Each detector finds the forms it looks for, so that the tests above can fail.
    assert len(_offending(built, "masculine", MASCULINE)) > 100
    assert len(_offending(built, "feminine", FEMININE)) > 100
    assert _offending(built, None, MASCULINE)  # the forms for no gender hold « le ou la coach »


SALUTATION = {"feminine": "Madame,", "masculine": "Monsieur,", None: "Madame, Monsieur,"}


@pytest.mark.parametrize("gender", GENDERS)
def test_letters_are_formal_in_every_gender(built: Any, gender: str | None) -> None:
    letters = 0
    for source, documents in built[gender]:
        ident = json.loads(source.read_text(encoding="utf-8"))["id"]
        for path in sorted((documents / ident).glob(f"{ident}-disclosure-*.docx")):
            texts = list(paragraph_texts(docx.Document(str(path))))
            letters += 1
            assert SALUTATION[gender] in texts, path.name
            name = SALUTATION[gender].removesuffix(",")
            assert (f"Je vous prie d’agréer, {name}, l’expression de mes salutations "
                    "distinguées.") in texts, path.name
            assert not any(re.search(r"Bonjour|cordialement", text) for text in texts)
    assert letters >= 10


def test_a_form_of_address_given_opens_and_closes_the_letter(tmp_path: Path) -> None:
    data = _with_gender(json.loads(CASES[0].read_text(encoding="utf-8")), "feminine")
    data["parties"]["client"]["form_of_address"] = "Docteure"
    source = tmp_path / "in" / "case.json"
    source.parent.mkdir()
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    report = build([source], tmp_path / "out", only=("notice",), jobs=1)
    assert report.exit_code() == 0, report
    letter = next((tmp_path / "out" / data["id"]).glob(f"{data['id']}-disclosure-*.docx"))
    texts = list(paragraph_texts(docx.Document(str(letter))))
    assert "Docteure," in texts
    assert ("Je vous prie d’agréer, Docteure, l’expression de mes salutations distinguées."
            in texts)


def test_the_body_is_named_with_its_article(built: Any) -> None:
    source, documents = built["feminine"][0]
    texts = [text for name, text in written_text(source, documents)]
    assert not any("professionnelle, Fédération" in text for text in texts)
    contract = documents / "CVC-2026-007" / "CVC-2026-007-contract.docx"
    assert any("saisir l’organisation professionnelle, la Fédération française des coachs "
               "professionnels." in text for text in paragraph_texts(docx.Document(str(contract))))

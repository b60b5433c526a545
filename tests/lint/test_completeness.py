"""`templates check` compares each language's set with the reference set, en-GB: a copy of the
English set in fr-FR is complete; each kind of gap, made on purpose in the copy, is found with its
code, its template and a place that names what is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from jinja2 import nodes

from confdocs.lint.completeness import check_sets, compare_sets, sets_to_check
from confdocs.lint.outline import expression
from confdocs.render.environment import environment

from ..helpers import ROOT, edit_body, index_of, remove_paragraphs

SHIPPED = ROOT / "templates"


# --- complete sets ---------------------------------------------------------------------------


def test_a_copy_of_the_reference_set_is_complete(run, own: Path) -> None:
    assert compare_sets(sets_to_check(own)) == []
    result = run("templates", "check", "--templates", str(own))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "4 templates checked: 4 without errors (0 errors, 0 warnings)"


def test_the_shipped_sets_are_complete(run) -> None:
    assert check_sets() == []
    assert run("templates", "check").exit_code == 0


def test_what_a_translator_may_change_is_no_gap(own: Path) -> None:
    # Spacing, a loop variable renamed, a passage of its own added, a heading's number after a word.
    contract = own / "fr-FR" / "contract.docx"

    def translate(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        at = index_of(paragraphs, "{%p for item in confidentiality.not_shared %}")
        paragraphs[at].text = "{%p for point in  confidentiality.not_shared%}"
        paragraphs[at + 1].text = "{{ point|capfirst }}"
        guard = index_of(paragraphs, "{%p if confidentiality.extra_sharing_needs_written_consent %}")
        paragraphs[guard].text = "{%p if confidentiality.extra_sharing_needs_written_consent%}"
        paragraphs[0].text = "Accord de confidentialité{% if kind == 'coaching' %} (coaching){% endif %}"
        heading = index_of(paragraphs, "{{ clause.emergency }}.")
        paragraphs[heading].text = "Article {{ clause.emergency }} – Divulgation en cas d’urgence"

    edit_body(contract, translate)
    assert check_sets(own) == []


def test_a_regional_set_may_take_a_template_from_its_language(own: Path) -> None:
    canadian = own / "fr-CA"
    canadian.mkdir()
    shutil.copy(SHIPPED / "en-GB" / "contract.docx", canadian)
    shutil.copy(SHIPPED / "fr-FR" / "messages.po", canadian)
    assert check_sets(own) == []  # fr-CA engagements get fr-FR's annex, notice and record


# --- one test per kind of gap ------------------------------------------------------------------


def test_a_missing_template(run, own: Path) -> None:
    annex = own / "fr-FR" / "feedback-annex.docx"
    annex.unlink()
    (finding,) = check_sets(own)
    assert (finding.code, finding.template, finding.place, finding.severity) == (
        "set-template-missing", str(annex), "", "error")  # the whole template
    assert finding.message.startswith("the fr-FR set has no feedback-annex.docx, which en-GB has")
    assert finding.message.endswith(f"save it as {annex}")
    result = run("templates", "check", "--templates", str(own))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{annex}: error: {finding.message} [set-template-missing]",
        "3 templates checked: 3 without errors (1 error, 0 warnings)"]


def test_a_missing_section_and_the_passages_it_held(run, own: Path) -> None:
    contract = own / "fr-FR" / "contract.docx"

    def drop_emergency(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        start = index_of(paragraphs, "{%p if clause.emergency %}")
        end = index_of(paragraphs, "{{ clause.records }}.")
        remove_paragraphs(paragraphs[start:end])

    edit_body(contract, drop_emergency)
    en = "in the en-GB contract.docx"
    findings = check_sets(own)
    assert [(f.code, f.template, f.place) for f in findings] == [
        ("set-clause-missing", str(contract),
         "section {{ clause.emergency }} (Disclosure in an emergency)"),
        # Used twice more, in sentences that cite the section: the one left out is the section.
        ("set-condition-missing", str(contract),
         '{% if clause.emergency %}, over body paragraph 158 ("{{ clause.emergency }}. '
         f'Disclosure in an...") {en}'),
        ("set-condition-missing", str(contract),
         "{% if disclosure_procedure.supervision_consulted %}, over body paragraph 164 "
         f'("discuss it with {{% if kind == \'membershi...") {en}'),
        # A membership organisation's supervisor is its officer's.
        ("set-condition-missing", str(contract),
         "{% if kind == 'membership' %}, over body paragraph 164 "
         f'("discuss it with {{% if kind == \'membershi...") {en}'),
        ("set-condition-missing", str(contract),
         "{% if not disclosure_procedure.supervision_consulted %}, over body paragraph 167 "
         f'("ask {{% if confidentiality.supervision.gu...") {en}'),
        ("set-condition-missing", str(contract),
         "{% if confidentiality.supervision.guidance_from %}, over body paragraph 167 "
         f'("ask {{% if confidentiality.supervision.gu...") {en}'),
        ("set-condition-missing", str(contract),
         "{% if kind == 'membership' %}, over body paragraph 167 "
         f'("ask {{% if confidentiality.supervision.gu...") {en}'),
    ]
    clause, condition = findings[:2]
    assert clause.message.startswith("the fr-FR contract.docx has no section numbered "
                                     "{{ clause.emergency }}; the en-GB one has it at body "
                                     "paragraph 158")
    assert "(en-GB has 3 passages under it, fr-FR 2)" in condition.message
    result = run("templates", "check", "--templates", str(own))
    assert result.exit_code == 1
    # And the French letter, which cites the emergency section of that contract (issue 23).
    assert result.output.splitlines()[-1] == ("4 templates checked: 2 without errors "
                                              "(9 errors, 0 warnings)")
    assert result.output.count("disclosure-notice.docx: body paragraph") == 2
    assert result.output.count("[section-missing]") == 2


def test_a_section_number_a_letter_never_cites(own: Path) -> None:
    notice = own / "fr-FR" / "disclosure-notice.docx"

    def uncite(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        for paragraph in paragraphs:
            if "{{ clause.emergency }}" in paragraph.text:
                paragraph.text = (paragraph.text.replace(" (section {{ clause.emergency }})", "")
                                  .replace("section {{ clause.emergency }}", "our agreement"))

    edit_body(notice, uncite)
    (finding,) = check_sets(own)
    assert (finding.code, finding.template) == ("set-clause-missing", str(notice))
    assert finding.place == ('{{ clause.emergency }} (in the en-GB disclosure-notice.docx: body '
                             'paragraph 47 ("I could not tell you beforehand. {{ disc..."))')
    assert finding.message.startswith("the fr-FR disclosure-notice.docx never prints "
                                      "{{ clause.emergency }}")


def test_a_missing_field(own: Path) -> None:
    # The greeting is words now (issue 22): the recipient's organisation is the field, printed
    # under its own condition, that this translation forgets.
    notice = own / "fr-FR" / "disclosure-notice.docx"

    def drop_organisation(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        paragraphs[index_of(paragraphs, "To: ")].text = (
            "To: {{ disclosure.recipient.name }}, {{ disclosure.recipient.role }}")

    edit_body(notice, drop_organisation)
    place = 'body paragraph 27 ("To: {{ disclosure.recipient.name }}, {{ ...")'
    findings = check_sets(own)
    assert [(f.code, f.template, f.place) for f in findings] == [
        ("set-field-missing", str(notice),
         f"field disclosure.recipient.organisation (in the en-GB disclosure-notice.docx: "
         f"{place})"),
        ("set-condition-missing", str(notice),
         f"{{% if disclosure.recipient.organisation %}}, over {place} in the en-GB "
         "disclosure-notice.docx"),
    ]
    assert findings[0].message.startswith(
        "the fr-FR disclosure-notice.docx never prints disclosure.recipient.organisation, which "
        "the en-GB one prints at")


def test_a_missing_field_from_a_loop_is_named_as_its_list_entry(own: Path) -> None:
    notice = own / "fr-FR" / "disclosure-notice.docx"

    def drop_item(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        paragraphs[index_of(paragraphs, "{{ item }}")].text = "(voir ci-dessous)"

    edit_body(notice, drop_item)
    assert [(f.code, f.place.split(" (")[0]) for f in check_sets(own)] == [
        ("set-field-missing", "field disclosure.information[]")]


def test_a_missing_conditional_passage(own: Path) -> None:
    contract = own / "fr-FR" / "contract.docx"

    def drop_consent(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        start = index_of(paragraphs, "{%p if confidentiality.extra_sharing_needs_written_consent %}")
        remove_paragraphs(paragraphs[start:start + 3])

    edit_body(contract, drop_consent)
    (finding,) = check_sets(own)
    assert (finding.code, finding.template) == ("set-condition-missing", str(contract))
    assert finding.place == (
        "{% if confidentiality.extra_sharing_needs_written_consent %}, over body paragraph 51 "
        '("Nothing beyond what this agreement sets ...") in the en-GB contract.docx')


def test_a_missing_loop(own: Path) -> None:
    record = own / "fr-FR" / "decision-record.docx"

    def drop_loop(paragraphs: list[docx.text.paragraph.Paragraph]) -> None:
        start = index_of(paragraphs, "{%p for option in decision.options %}")
        paragraphs[start + 1].text = "{{ decision.options|join(', ') }}"
        remove_paragraphs([paragraphs[start], paragraphs[start + 2]])

    edit_body(record, drop_loop)
    # The French record prints the list in one line: not the entries en-GB prints, one by one.
    field, loop = check_sets(own)
    assert (field.code, field.place.split(" (")[0]) == ("set-field-missing",
                                                        "field decision.options[]")
    assert (loop.code, loop.template) == ("set-condition-missing", str(record))
    assert loop.place.startswith("{% for option in decision.options %}, over body paragraph 15")
    assert "repeated under {% for option in decision.options %}" in loop.message


def test_an_untranslated_message(own: Path) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8")
    text = text.replace('msgstr "personne coachée"', 'msgstr ""', 1)
    text = text.replace('msgctxt "title annex"', '#, fuzzy\nmsgctxt "title annex"', 1)
    catalogue.write_text(text, encoding="utf-8")
    findings = check_sets(own)
    assert [(f.code, f.template, f.place) for f in findings] == [
        ("set-message-missing", str(catalogue), 'msgctxt "coaching client"'),
        ("set-message-missing", str(catalogue), 'msgctxt "title annex"'),
    ]
    assert findings[0].message.startswith('"coachee" is not translated into fr-FR (its msgstr '
                                          "is empty)")
    assert "(its translation is marked fuzzy" in findings[1].message


def test_a_catalogue_missing_one_genders_form_is_incomplete(own: Path) -> None:
    # Issue 22: the words that name or agree with a person have a form per gender; a set that
    # lacks the feminine one would write a woman in another form.
    catalogue = own / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8")
    entry = 'msgctxt "coaching the_client feminine"\nmsgid "the coachee"\nmsgstr "la coachée"\n'
    assert entry in text
    catalogue.write_text(text.replace(entry, ""), encoding="utf-8")
    findings = check_sets(own)
    assert [(f.code, f.place) for f in findings] == [
        ("set-message-missing", 'msgctxt "coaching the_client feminine"')]
    assert findings[0].message.startswith(
        '"the coachee" (its feminine form) is not translated into fr-FR (messages.po has no '
        "entry for it)")


def test_a_set_without_a_catalogue(run, own: Path) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.unlink()
    (finding,) = check_sets(own)
    assert (finding.code, finding.template, finding.place) == (
        "set-message-missing", str(catalogue), "")
    assert finding.message.startswith("the fr-FR set has no messages.po")
    assert f"to {catalogue} and translate every msgstr" in finding.message
    result = run("templates", "check", "--templates", str(own))
    assert result.exit_code == 1  # a finding, not an error that stops the check
    assert "[set-message-missing]" in result.output
    assert result.output.splitlines()[-1] == ("4 templates checked: 4 without errors "
                                              "(1 error, 0 warnings)")


def test_an_english_set_needs_no_catalogue(own: Path) -> None:
    american = own / "en-US"
    american.mkdir()
    shutil.copy(SHIPPED / "en-GB" / "contract.docx", american)
    assert check_sets(own) == []


def test_a_catalogue_that_cannot_be_read(run, own: Path) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.write_text('msgctxt "coaching client"\nmsgid "coachee"\nmsgstr "coaché"\n'
                         "a line that is no gettext\n", encoding="utf-8")
    (finding,) = check_sets(own)
    assert (finding.code, finding.template, finding.place) == (
        "catalogue-unreadable", str(catalogue), "")
    assert finding.message.startswith("not a gettext catalogue that can be read")
    assert run("templates", "check", "--templates", str(own)).exit_code == 2  # as unreadable input


def test_a_catalogue_message_no_document_can_hold(run, own: Path) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        'msgstr "coaché"', 'msgstr "coa\u000cché"', 1), encoding="utf-8")
    (finding,) = check_sets(own)
    assert (finding.code, finding.template) == ("catalogue-message-invalid", str(catalogue))
    assert "holds U+000C, a character a Word document cannot hold" in finding.message
    # The file can be read: a problem found in it, not unreadable input.
    assert run("templates", "check", "--templates", str(own)).exit_code == 1


# --- the reference and the shipped folder ---------------------------------------------------


def test_the_organisations_own_reference_set_is_the_reference(own: Path) -> None:
    # Its en-GB contract, directly in the folder, prints a field the French copy never prints.
    shutil.copy(SHIPPED / "en-GB" / "contract.docx", own / "contract.docx")
    edit_body(own / "contract.docx",
              lambda paragraphs: paragraphs[index_of(paragraphs, "{{ purpose }}")].insert_paragraph_before(
                  "Known as {{ parties.client.preferred_name }}"))
    (finding,) = check_sets(own)
    assert (finding.code, finding.template) == ("set-field-missing",
                                                str(own / "fr-FR" / "contract.docx"))
    assert finding.place.startswith("field parties.client.preferred_name (in the en-GB "
                                    'contract.docx: body paragraph 37 ("Known as')


def test_a_folder_with_only_a_catalogue_is_a_language_in_progress(run, shipped: Path) -> None:
    # As the shipped fr-FR was before its templates: its catalogue is checked, its templates are
    # not asked for (build uses no set there).
    assert run("templates", "check").exit_code == 0
    catalogue = shipped / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('msgstr "personne coachée"', 'msgstr ""', 1),
                         encoding="utf-8")
    sets = sets_to_check()
    assert sets.sets["fr-FR"].templates == {}
    assert [(f.code, f.template, f.place) for f in compare_sets(sets)] == [
        ("set-message-missing", str(catalogue), 'msgctxt "coaching client"')]
    # Once a template is there, the set is compared in full.
    shutil.copy(SHIPPED / "en-GB" / "contract.docx", shipped / "fr-FR")
    assert [f.code for f in check_sets()] == ["set-template-missing"] * 3 + [
        "set-message-missing"]


# --- conditions compared as the template language reads them ---------------------------------


@pytest.mark.parametrize(("written", "normal"), [
    ("{% if  a.b==1 %}", "a.b == 1"),
    ("{% if not (a and b) or c %}", "not (a and b) or c"),
    ("{% if a and (b or c) %}", "a and (b or c)"),
    ("{% if x is lt(y) %}", "x is lt(y)"),
    ("{% if x in (none, 'consent') %}", "x in (none, 'consent')"),
    ("{% if x|default('y')|upper != 'Y' %}", "x|default('y')|upper != 'Y'"),
    ("{% if true in c|map(attribute='identified') %}", "true in c|map(attribute='identified')"),
])
def test_conditions_are_written_in_one_way(written: str, normal: str) -> None:
    tree = environment().parse(written + "{% endif %}")
    (condition,) = tree.find_all(nodes.If)
    assert expression(condition.test, {}) == normal

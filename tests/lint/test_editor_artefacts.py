"""Issue 23, items 2, 3 and 6: what LibreOffice Writer (and Word) leave in a template that an editor
cannot see, said so that it can be found and fixed: an invisible character inside a tag's marks
("tag-invisible-character"), a hyperlink around a tag's text, quotes (both word processors'
settings named), a section break a block can hide ("section-break-in-tag"), and an inline block
that joins paragraphs ("tag-joins-paragraphs"). The same cases made by Writer itself are in
tests/templates_writer."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from confdocs.lint import check_template

from ..docx_cases import make


def _found(path: Path) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.place) for f in check_template(path)]


@pytest.mark.parametrize(("character", "name"), [("\u00a0", "a no-break space (U+00A0)"),
                                                 ("\u202f", "a narrow no-break space (U+202F)"),
                                                 ("\u200b", "a zero-width space (U+200B)")])
def test_an_invisible_character_inside_a_tags_marks_is_named(character: str, name: str,
                                                             tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx",
                f"Parrain : {{{character}% if parties.sponsor %}}oui{{% endif %}}")
    findings = check_template(path)
    assert [(f.code, f.severity) for f in findings] == [("tag-invisible-character", "error")]
    assert findings[0].message.startswith(f"{name} stands between the marks of {{%")
    assert "Add non-breaking space before specific punctuation marks in French text" in (
        findings[0].message)


def test_an_invisible_character_in_a_closing_mark(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx", "Client : {{ parties.client.name }\u00a0}")
    assert [f.code for f in check_template(path)] == ["tag-invisible-character"]


def test_smart_quotes_name_both_word_processors(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx",
                "{% if kind == «coaching» %}Coaching{% endif %}",
                "{% if kind == ‘coaching’ %}Coaching{% endif %}")
    messages = [f.message for f in check_template(path) if f.code == "tag-smart-quotes"]
    assert len(messages) == 2
    for message in messages:
        assert "Word: File, Options, Proofing" in message
        assert "LibreOffice Writer: Tools, AutoCorrect" in message


def test_a_section_break_inside_a_branch_is_an_error(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx", "{%p if parties.sponsor %}", "Sponsor.",
                "{%p else %}", "BREAK", "No sponsor.", "{%p endif %}", "Signatures")
    document = docx.Document(str(path))
    holder = next(p for p in document.paragraphs if p.text == "BREAK")
    holder.text = ""
    holder._p.get_or_add_pPr().append(
        docx.oxml.parse_xml('<w:sectPr xmlns:w="http://schemas.openxmlformats.org/'
                            'wordprocessingml/2006/main"><w:pgSz w:w="11906" w:h="16838"/>'
                            "</w:sectPr>"))
    document.save(str(path))
    findings = check_template(path)
    assert [(f.code, f.severity, f.place) for f in findings] == [
        ("section-break-in-tag", "error", "body paragraph 4")]
    assert '{%p if parties.sponsor %} (body paragraph 1 ("{%p if parties.sponsor %}"))' in (
        findings[0].message)


def test_an_inline_if_over_a_table_says_what_runs_together(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx", "Records are kept as follows.{% if records.dpo %}",
                "TABLE", "{% endif %}The client has the right to see them.")
    document = docx.Document(str(path))
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Notes"
    anchor = next(p for p in document.paragraphs if p.text == "TABLE")
    anchor._p.addnext(table._tbl)
    anchor._p.getparent().remove(anchor._p)
    document.save(str(path))
    findings = check_template(path)
    assert [(f.code, f.severity, f.place) for f in findings] == [
        ("tag-joins-paragraphs", "error",
         'body paragraph 1 ("Records are kept as follows.{% if record...")')]
    assert ('the paragraphs between and a table go, and "...Records are kept as follows." runs '
            'on into "The client has the right to see them....') in findings[0].message
    assert "{%p if records.dpo %}" in findings[0].message


def test_an_inline_if_closed_in_its_paragraph_or_alone_in_paragraphs_is_fine(tmp_path: Path
                                                                            ) -> None:
    path = make(tmp_path / "contract.docx",
                "Kept as follows{% if records.dpo %}, with a DPO{% endif %}.",
                "The agreement is", "{%- if parties.sponsor -%}", " three-way", "{%- else -%}",
                " two-way", "{%- endif -%}", ".")
    assert _found(path) == []

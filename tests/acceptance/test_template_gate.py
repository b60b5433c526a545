"""`build` and `render` refuse what `templates check` rejects (issue 12, section 1): each template
used is checked once per version, its warnings printed, and a template with errors refused with
exactly the text `templates check` gives; only the documents that need it are not made."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ..docx_cases import (
    edited_contract,
    make,
    paragraph_xml,
    relationship,
    replace,
    rewrite,
)
from ..helpers import SAMPLES, commented_template, document_text, sample_data

EXEC = "exec-coaching-harbour-vale.json"  # collects feedback from others: it has an annex
GUILD = SAMPLES / "membership-guild.json"  # no sponsor


def _tracked_deletion(folder: Path) -> Path:
    path = make(folder / "contract.docx", "The client: {{ parties.client.name }}", "JOB")
    deletion = ('<w:del w:id="1" w:author="HR Editor" w:date="2026-03-02T10:15:00Z"><w:r>'
                "<w:delText>{{ parties.client.job_title }}</w:delText></w:r></w:del>")
    return rewrite(path, {"word/document.xml": replace("<w:r><w:t>JOB</w:t></w:r>", deletion)})


def _row_with_text(folder: Path) -> Path:
    path = make(folder / "contract.docx", "TABLE")
    rows = "".join(
        f"<w:tr><w:tc><w:p><w:r><w:t>{first}</w:t></w:r></w:p></w:tc>"
        f"<w:tc><w:p><w:r><w:t>{second}</w:t></w:r></w:p></w:tc></w:tr>"
        for first, second in (("{%tr for limit in confidentiality.limits %}", "Who can read them"),
                              ("{{ limit.id }}", "{{ limit.description }}"),
                              ("{%tr endfor %}", "")))
    table = f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"
    return rewrite(path, {"word/document.xml": replace(paragraph_xml("TABLE").replace(
        ' xml:space="preserve"', ""), table)})


def _p_tag_in_text_frame(folder: Path) -> Path:
    path = make(folder / "contract.docx", "Before.", "ANCHOR")
    frame = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
             "<w:txbxContent><w:p><w:r><w:t>{%p if parties.sponsor %}</w:t></w:r></w:p>"
             "<w:p><w:r><w:t>Sponsor</w:t></w:r></w:p><w:p><w:r><w:t>{%p endif %}</w:t></w:r>"
             "</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    return rewrite(path, {"word/document.xml": replace("<w:r><w:t>ANCHOR</w:t></w:r>", frame)})


def _check_lines(run, path: Path) -> list[str]:
    result = run("templates", "check", str(path))
    assert result.exit_code == 1
    return [line for line in result.output.splitlines() if ": error: " in line]


@pytest.mark.parametrize("make_case", [_tracked_deletion, _row_with_text, _p_tag_in_text_frame],
                         ids=["tracked-changes", "tr-row-with-text", "p-tag-in-text-frame"])
def test_build_refuses_what_check_rejects_and_builds_the_rest(make_case, tmp_path: Path,
                                                              run) -> None:
    own = tmp_path / "own"
    path = make_case(own)
    errors = _check_lines(run, path)
    assert errors
    out = tmp_path / "out"
    result = run("build", str(SAMPLES / EXEC), "--out", str(out), "--templates", str(own))
    assert result.exit_code == 1
    for line in errors:  # exactly the check's text
        assert line in result.stderr.splitlines()
    assert f"{path}: not used, 1 document not made" in result.stderr
    ident = sample_data(EXEC)["id"]
    assert not (out / ident / f"{ident}-contract.docx").exists()
    # The other documents do not need that template: they are built.
    annex = out / ident / f"{ident}-feedback-annex.docx"
    assert document_text(annex).strip()
    assert "Built 1 document" in result.output


def test_render_refuses_it_too(tmp_path: Path, run) -> None:
    path = _tracked_deletion(tmp_path / "own")
    errors = _check_lines(run, path)
    result = run("render", "-t", str(path), str(SAMPLES / EXEC), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1
    assert all(line in result.stderr.splitlines() for line in errors)
    assert not (tmp_path / "x.docx").exists()


def _dde_field(folder: Path) -> Path:
    return edited_contract(folder / "contract.docx", '<w:fldSimple w:instr=" DDEAUTO '
                           '&quot;c:\\windows\\system32\\cmd.exe&quot; &quot;/k calc&quot; "/>')


def _linked_picture(folder: Path) -> Path:
    picture = ('<w:r><w:pict><v:shape id="logo" style="width:40pt;height:40pt">'
               '<v:imagedata r:id="rId90"/></v:shape></w:pict></w:r>')
    return edited_contract(folder / "contract.docx", picture, relationship(
        "rId90", "image", "\\\\fileserver\\marketing\\logo.png"))


def _macros(folder: Path) -> Path:
    # A macro-enabled document (.docm) renamed .docx: its documents were ones python-docx
    # could not open. Its macros have their content type, as Word stores them (a part without
    # one is a damaged package: package-damaged).
    return edited_contract(folder / "contract.docx", edits={"[Content_Types].xml": replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml")},
        types='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
        added={"word/vbaProject.bin": b"VBA"})


@pytest.mark.parametrize(("make_case", "code"), [
    (_dde_field, "dde-field"), (_linked_picture, "external-picture"), (_macros, "macros")])
def test_build_and_render_refuse_a_template_that_loads_or_runs_anything(
        make_case, code: str, tmp_path: Path, run) -> None:
    # Issue 28, item 7: such a template went into every client's document, exit 0.
    own = tmp_path / "own"
    path = make_case(own)
    errors = _check_lines(run, path)
    assert len(errors) == 1 and errors[0].endswith(f"[{code}]")
    out = tmp_path / "out"
    ident = sample_data(EXEC)["id"]
    for _ in range(2):  # the second build takes the check's findings from where they are kept
        result = run("build", str(SAMPLES / EXEC), "--out", str(out), "--templates", str(own))
        assert result.exit_code == 1
        assert errors[0] in result.stderr.splitlines()
        assert not (out / ident / f"{ident}-contract.docx").exists()
        assert document_text(out / ident / f"{ident}-feedback-annex.docx").strip()
    result = run("render", "-t", str(path), str(SAMPLES / EXEC), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1
    assert errors[0] in result.stderr.splitlines()
    assert not (tmp_path / "x.docx").exists()


def test_warnings_are_printed_and_do_not_stop_the_build(tmp_path: Path, run) -> None:
    # Typographic quotes docxtpl mends: a warning in check, printed by build, which still builds.
    own = tmp_path / "own"
    make(own / "contract.docx", "{% if parties.client.name == “x” %}X{% endif %}Client.")
    result = run("build", str(SAMPLES / EXEC), "--out", str(tmp_path / "out"), "--templates",
                 str(own), "--only", "contract")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "[tag-smart-quotes]" in result.stderr
    assert "Built 1 document" in result.output


@pytest.mark.parametrize(("paragraphs", "wanted"), [
    # A deleted {% endif %}: the place of the opening tag, not the last paragraph.
    (("Fine.", "{%p if parties.sponsor %}", "Sponsor.", "Last."),
     'contract.docx: body paragraph 2 ("{%p if parties.sponsor %}"): error: {%p if '
     "parties.sponsor %} is never closed; add {%p endif %} where it should end [block-unclosed]"),
    # A typographic quote docxtpl does not mend: said in words, not "unexpected char at 6866".
    (("Fine.", "{% if parties.client.name == „x“ %}X{% endif %}"),
     "[tag-smart-quotes]"),
    # An unknown filter: with "did you mean".
    (("Fine.", "{{ dates.agreed|dat }}"),
     'contract.docx: body paragraph 2 ("{{ dates.agreed|dat }}"): error: there is no filter '
     "|dat; did you mean |date? [unknown-filter]"),
], ids=["deleted-endif", "smart-quote", "unknown-filter"])
def test_compile_errors_read_as_check_reads(paragraphs: tuple[str, ...], wanted: str,
                                            tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / "contract.docx", *paragraphs)
    result = run("build", str(SAMPLES / EXEC), "--out", str(tmp_path / "out"), "--templates",
                 str(own), "--only", "contract")
    assert result.exit_code == 1
    assert wanted in result.stderr
    assert "unexpected" not in result.stderr and "body paragraph 4 (" not in result.stderr


def test_render_prints_the_warnings_and_renders(tmp_path: Path, run) -> None:
    path = make(tmp_path / "try.docx", "{% if parties.client.name == “x” %}X{% endif %}Client.")
    result = run("render", "-t", str(path), str(SAMPLES / EXEC), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "[tag-smart-quotes]" in result.stderr
    assert "Client." in document_text(tmp_path / "x.docx")


def test_a_build_with_a_commented_template_warns_and_leaves_the_comment_out(
        tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    own.mkdir()
    commented_template(own)
    out = tmp_path / "out"
    result = run("build", str(GUILD), "--out", str(out), "--templates", str(own))
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "[comment]" in result.stderr
    (contract,) = out.glob("*/*-contract.docx")
    with zipfile.ZipFile(contract) as archive:
        assert "word/comments.xml" not in archive.namelist()

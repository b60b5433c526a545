"""Pictures with alternative text, repeating tables with a header row, and e-signature anchors kept
out of the template language (issue 12, section 7)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx

from confdocs.engagement.validate import load_engagement
from confdocs.lint import check_template
from confdocs.render.context import engagement_context
from confdocs.render.template import CompiledTemplate

from ..docx_cases import make
from ..helpers import DATA, SAMPLES

CONTEXT = engagement_context(load_engagement(SAMPLES / "membership-guild.json").data)


def _document(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_image_sets_the_pictures_alternative_text(tmp_path: Path) -> None:
    shutil.copy(DATA / "pictures" / "logo.png", tmp_path / "logo.png")
    path = make(tmp_path / "contract.docx",
                "{{ image('logo.png', width_mm=20, alt=\"Harbour & Vale's logo\") }}")
    assert check_template(path) == []
    xml = _document(CompiledTemplate(path).render(CONTEXT))
    assert re.search(r'<wp:docPr [^>]*descr="Harbour &amp; Vale\'s logo"', xml)


def test_check_warns_about_image_without_alt(tmp_path: Path) -> None:
    shutil.copy(DATA / "pictures" / "logo.png", tmp_path / "logo.png")
    path = make(tmp_path / "contract.docx", "Fine.", "{{ image('logo.png', width_mm=20) }}")
    (finding,) = check_template(path)
    assert (finding.code, finding.severity, finding.place) == (
        "picture-no-alt", "warning", 'body paragraph 2 ("{{ image(\'logo.png\', width_mm=20) }}")')
    assert "alt=" in finding.message


def test_check_warns_about_a_picture_in_the_template_without_alt(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Client: {{ parties.client.name }}")
    document.add_picture(str(DATA / "pictures" / "logo.png"))
    document.save(str(tmp_path / "contract.docx"))
    (finding,) = check_template(tmp_path / "contract.docx")
    assert (finding.code, finding.place) == ("picture-no-alt", "body paragraph 2")
    # With its description, nothing to say.
    described = tmp_path / "described.docx"
    with zipfile.ZipFile(tmp_path / "contract.docx") as source, zipfile.ZipFile(
            described, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb"(<wp:docPr )", rb'\1descr="Our logo" ', data)
            target.writestr(info, data)
    assert check_template(described) == []


def test_check_warns_about_a_repeating_table_without_a_header_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    for row, (first, second) in zip(table.rows, [
            ("Limit", "Ground"), ("{%tr for limit in confidentiality.limits %}", ""),
            ("{{ limit.description }}", "{{ limit.ground }}"), ("{%tr endfor %}", "")], strict=True):
        row.cells[0].text, row.cells[1].text = first, second
    document.save(str(tmp_path / "contract.docx"))
    (finding,) = check_template(tmp_path / "contract.docx")
    assert (finding.code, finding.place) == (
        "table-no-header",
        'table 1, row 2, cell 1 ("{%tr for limit in confidentiality.limits...")')
    header = table.rows[0]._tr.get_or_add_trPr()
    from docx.oxml import OxmlElement

    header.append(OxmlElement("w:tblHeader"))
    document.save(str(tmp_path / "contract.docx"))
    assert check_template(tmp_path / "contract.docx") == []


def test_e_signature_anchors_in_raw_pass_check_and_reach_the_document(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx",
                "Signed: {% raw %}{{Sig_es_:signer1:signature}}{% endraw %}",
                "Date: [[date|req|signer1]] {{ parties.client.name }}")
    assert check_template(path) == []
    xml = _document(CompiledTemplate(path).render(CONTEXT))
    assert "Signed: {{Sig_es_:signer1:signature}}" in xml
    assert "[[date|req|signer1]]" in xml


def test_an_e_signature_anchor_outside_raw_says_how_to_keep_it(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx", "Signed: {{Sig_es_:signer1:signature}}")
    (finding,) = check_template(path)
    assert finding.code == "jinja-syntax"
    assert finding.message.endswith(
        "put it between {% raw %} and {% endraw %}: "
        "{% raw %}{{Sig_es_:signer1:signature}}{% endraw %}")

"""Issue 23, item 6: a table of contents is updated when a document is opened, never left with
the template's page numbers."""

from __future__ import annotations

from pathlib import Path

from confdocs.build.single import render_document

from ..docx_cases import make, parts, replace, rewrite
from ..helpers import SAMPLES

TOC = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
       ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
       '</w:r><w:r><w:t>1. The parties\t1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
       "</w:p>")


def test_a_template_with_a_table_of_contents_makes_documents_that_update_it(tmp_path: Path
                                                                            ) -> None:
    path = make(tmp_path / "contract.docx", "CONTENTS", "{{ clause.parties }}. The parties")
    rewrite(path, {"word/document.xml": replace("<w:p><w:r><w:t>CONTENTS</w:t></w:r></w:p>", TOC)})
    out = render_document(path, SAMPLES / "membership-guild.json", tmp_path / "out.docx").path
    settings = parts(out)["word/settings.xml"].decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings
    # Where Word reads it: before the compatibility settings.
    assert settings.index("updateFields") < settings.index("<w:compat")


def test_without_one_no_document_asks_to_update_its_fields(tmp_path: Path) -> None:
    path = make(tmp_path / "contract.docx", "{{ clause.parties }}. The parties")
    out = render_document(path, SAMPLES / "membership-guild.json", tmp_path / "out.docx").path
    assert b"updateFields" not in parts(out)["word/settings.xml"]

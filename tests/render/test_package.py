"""The package writer: every entry reads back with a good CRC, small rendered parts are stored,
and documents are just as good where ISA-L is missing and zlib does all the compressing."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

from confdocs.engagement.validate import load_engagement
from confdocs.render.context import engagement_context
from confdocs.render.template import CompiledTemplate
from confdocs.resources import templates_dir

from ..helpers import SAMPLES

SAMPLE = SAMPLES / "exec-coaching-harbour-vale.json"


def test_every_entry_reads_back_and_small_parts_are_stored() -> None:
    context = engagement_context(load_engagement(SAMPLE).data)
    content = CompiledTemplate(templates_dir() / "en-GB" / "contract.docx").render(context)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        methods = {info.filename: info.compress_type for info in archive.infolist()}
    assert methods["word/document.xml"] == zipfile.ZIP_DEFLATED
    assert methods["word/header1.xml"] == zipfile.ZIP_STORED
    assert methods["word/styles.xml"] == zipfile.ZIP_DEFLATED


def test_documents_are_sound_without_isal(tmp_path: str) -> None:
    script = f"""
import io, sys, zipfile
sys.modules["isal"] = None  # as on a machine without its wheels
import docx
from confdocs.render import package
from confdocs.render.context import engagement_context
from confdocs.render.template import CompiledTemplate
from confdocs.resources import templates_dir
from confdocs.engagement.validate import load_engagement
assert package.DEFLATE.startswith("zlib"), package.DEFLATE
context = engagement_context(load_engagement({str(SAMPLE)!r}).data)
content = CompiledTemplate(templates_dir() / "en-GB" / "contract.docx").render(context)
assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
text = "\\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
assert context["parties"]["client"]["name"] in text
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

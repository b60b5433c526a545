"""The compile-once renderer produces the document docxtpl itself would produce."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from lxml import etree

from confdocs.build.worker import document_context
from confdocs.engagement.validate import load_engagement
from confdocs.render.context import engagement_context
from confdocs.render.documents import TEMPLATE_FILES, plan_documents
from confdocs.render.environment import environment
from confdocs.render.template import CompiledTemplate
from confdocs.resources import templates_dir

from .helpers import SAMPLES

_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _texts(package: bytes) -> dict[str, list[str]]:
    """The text of every templated part, paragraph by paragraph, as XML text (so that &#39; and
    ' are the same apostrophe, as they are to Word)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = {}
        for name in archive.namelist():
            if _PARTS.match(name):
                root = etree.fromstring(archive.read(name))
                parts[name] = ["".join(t.text or "" for t in p.iter(f"{_W}t"))
                               for p in root.iter(f"{_W}p")]
        return parts


def _cases() -> list[tuple[str, int]]:
    return [(sample.name, index) for sample in sorted(SAMPLES.glob("*.json"))
            for index, _ in enumerate(plan_documents(load_engagement(sample).data))]


@pytest.mark.parametrize("sample, index", _cases())
def test_same_text_as_docxtpl_in_every_part(sample: str, index: int, tmp_path: Path) -> None:
    data = load_engagement(SAMPLES / sample).data
    document = plan_documents(data)[index]
    context = document_context(engagement_context(data), document)
    template = templates_dir() / "en-GB" / TEMPLATE_FILES[document.kind]  # type: ignore[index]

    ours = CompiledTemplate(template).render(context)
    reference = DocxTemplate(template)
    reference.render(context, jinja_env=environment())
    buffer = io.BytesIO()
    reference.save(buffer)

    assert _texts(ours) == _texts(buffer.getvalue())

"""Values that break naive templating reach the document exactly as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..docx_cases import make
from ..helpers import document_text, sample_data, write_engagement

VALUES = {
    "ampersand": "Smith & Co <Europe>",
    "quotes": "\"Quoted\" and 'single' and “smart”",
    "emoji": "Zoë 👩🏽‍💼 Ångström",
    "rtl": "مريم الحسيني ‏עברית",
    "jinja": "{{ 7*7 }} {% if true %}x{% endif %} {#c#}",
    "xml": "</w:t></w:r><w:r><w:t>injected",
    "long": "A" * 5000,
}


@pytest.mark.parametrize("name", sorted(VALUES))
def test_value_reaches_the_contract_unchanged(name: str, tmp_path: Path, run) -> None:
    value = VALUES[name]
    data = sample_data("exec-coaching-harbour-vale.json")
    data["parties"]["client"]["name"] = value
    data["parties"]["sponsor"]["organisation"] = value
    data["confidentiality"]["limits"][0]["description"] = value
    path = write_engagement(tmp_path, data)
    out = tmp_path / "out"
    result = run("build", str(path), "--out", str(out), "--only", "contract")
    assert result.exit_code == 0, result.output
    text = document_text(out / data["id"] / f"{data['id']}-contract.docx")
    assert text.count(value) >= 3
    assert "49" not in text.replace(value, "") or name != "jinja"


def test_tabs_and_line_breaks_become_word_marks(tmp_path: Path, run) -> None:
    import docx

    data = sample_data("membership-guild.json")
    data["purpose"] = "First line\nSecond line\twith a tab"
    path = write_engagement(tmp_path, data)
    out = tmp_path / "out"
    assert run("build", str(path), "--out", str(out)).exit_code == 0
    document = docx.Document(str(out / data["id"] / f"{data['id']}-contract.docx"))
    xml = document.element.xml
    assert "<w:br/>" in xml and "<w:tab/>" in xml
    assert "First line" in document_text(out / data["id"] / f"{data['id']}-contract.docx")


def test_a_template_cannot_print_unescaped(tmp_path: Path, run) -> None:
    own = tmp_path / "own"
    make(own / "contract.docx", "{{ parties.client.name|safe }}")
    data = sample_data("membership-guild.json")
    data["parties"]["client"]["name"] = "A & B"
    path = write_engagement(tmp_path, data)
    result = run("build", str(path), "--out", str(tmp_path / "out"), "--templates", str(own))
    assert result.exit_code == 1
    assert "safe" in result.stderr

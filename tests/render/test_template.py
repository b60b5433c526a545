"""A template compiled once and rendered many times (render.template): what it prints is escaped as
markupsafe escapes, a control character never reaches a document, and a render error names the
paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..docx_cases import make
from ..helpers import ROOT, SAMPLES, sample_data

GUILD = "membership-guild.json"


@pytest.mark.parametrize("value", ["plain", "Smith & Co <Europe>", "O'Brien \"Jr\"", "&amp;",
                                   "<w:t>x</w:t>", "", "emoji \U0001F600 & RTL \u05e9\u05dc\u05d5\u05dd"])
def test_printed_values_are_escaped_as_markupsafe_does(value: str) -> None:
    import markupsafe

    from confdocs.render.template import _escape_output

    assert _escape_output(value) == str(markupsafe.escape(value))
    already = markupsafe.Markup("<w:br/>")
    assert str(_escape_output(already)) == "<w:br/>"


def test_a_render_error_names_the_paragraph(tmp_path: Path) -> None:
    from confdocs.engagement.validate import load_engagement
    from confdocs.errors import TemplateError
    from confdocs.render.context import engagement_context
    from confdocs.render.template import CompiledTemplate

    path = make(tmp_path / "try.docx", "First.", "{%p if parties.client.nmae %}", "Shown.", "{%p endif %}")
    context = engagement_context(load_engagement(SAMPLES / "membership-guild.json").data)
    with pytest.raises(TemplateError) as caught:
        CompiledTemplate(path).render(context)
    assert str(caught.value) == ('try.docx, body paragraph 2 ("{%p if parties.client.nmae %}"): '
                                 "no field parties.client.nmae; did you mean name?")


def test_a_control_character_in_a_value_never_reaches_a_document() -> None:
    import pytest

    from confdocs.engagement.validate import with_defaults
    from confdocs.errors import TemplateError
    from confdocs.render.context import engagement_context
    from confdocs.render.template import load_template
    from confdocs.resources import templates_dir

    data = with_defaults(sample_data(GUILD))
    data["parties"]["client"]["name"] = "Jonah\b Whitfield"
    template = load_template(templates_dir() / "en-GB" / "contract.docx")
    with pytest.raises(TemplateError, match="U\\+0008"):
        template.render(engagement_context(data))


def test_a_styles_part_that_is_not_utf8_fails_its_documents_not_the_run(tmp_path: Path) -> None:
    # Found by the fuzz (issue 28): junk bytes in word/stylesWithEffects.xml exited 3 in build
    # and render when the document's language had to be set in that part.
    import zipfile

    from confdocs.errors import TemplateError
    from confdocs.render.template import CompiledTemplate

    source = ROOT / "templates" / "fr-FR" / "disclosure-notice.docx"
    target = tmp_path / "disclosure-notice.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/styles.xml":
                data = b"\xff\xd9 not a styles part"
            new.writestr(info, data)
    # Refused since when it is compiled (render.integrity, issue 28), so that templates check
    # says the same: no document needs it for it to fail.
    with pytest.raises(TemplateError, match=r"its part word/styles\.xml is not text in UTF-8"):
        CompiledTemplate(target)

"""Catalogues of words per locale (render.catalogue): the shipped template of messages is current,
and a translated title that loses a placeholder falls back to the reference form."""

from __future__ import annotations

from pathlib import Path

from confdocs.render.catalogue import MESSAGES, template_text
from confdocs.resources import templates_dir


def test_every_shipped_message_is_in_the_catalogue_template() -> None:
    shipped = (templates_dir() / "messages.pot").read_text(encoding="utf-8")
    assert shipped == template_text(), "run python -m confdocs.render.catalogue"
    assert len(MESSAGES) == shipped.count("msgctxt")


def test_a_title_form_that_loses_a_placeholder_falls_back_to_the_reference_form() -> None:
    from confdocs.render.catalogue import Catalogue

    broken = Catalogue("xx", Path("messages.po"), {"title with engagement": "{document} :"})
    assert broken.title("contract", "Coaching") == "Confidentiality agreement: Coaching"


def test_the_catalogue_template_escapes_quotes_and_backslashes(monkeypatch) -> None:
    # The hand-written .pot writer escaped neither (issue 26, item 6): read back, a message
    # holding them was another message, or no catalogue at all.
    import io

    from babel.messages.pofile import read_po

    from confdocs.render import catalogue

    odd = {'coaching "odd" one': 'the "coach" \\ mentor\\', "coaching practitioner": "a \\n b"}
    monkeypatch.setattr(catalogue, "MESSAGES", odd)
    read = read_po(io.BytesIO(catalogue.template_text().encode("utf-8")))
    assert {(m.context, m.id) for m in read if m.id} == {(c, t) for c, t in odd.items()}

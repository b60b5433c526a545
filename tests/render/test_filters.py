"""The template filters (render.filters): dates as each language writes them."""

from __future__ import annotations


def test_french_writes_the_first_of_the_month_as_an_ordinal() -> None:
    from confdocs.render.filters import _format_date

    assert _format_date("fr-FR", "2025-10-01", "long") == "1er octobre 2025"
    assert _format_date("fr-FR", "2025-10-01", "full") == "mercredi 1er octobre 2025"
    assert _format_date("fr-FR", "2025-10-11", "long") == "11 octobre 2025"
    assert _format_date("fr-FR", "2025-10-01", "short") == "01/10/2025"
    assert _format_date("en-GB", "2025-10-01", "long") == "1 October 2025"

"""The template filters (render.filters): dates as each language writes them."""

from __future__ import annotations


def test_french_writes_the_first_of_the_month_as_an_ordinal() -> None:
    from confdocs.render.filters import _format_date

    assert _format_date("fr-FR", "2025-10-01", "long") == "1er octobre 2025"
    assert _format_date("fr-FR", "2025-10-01", "full") == "mercredi 1er octobre 2025"
    assert _format_date("fr-FR", "2025-10-11", "long") == "11 octobre 2025"
    assert _format_date("fr-FR", "2025-10-01", "short") == "01/10/2025"
    assert _format_date("en-GB", "2025-10-01", "long") == "1 October 2025"


def test_sentence_adds_a_full_stop_only_where_the_text_does_not_end_a_sentence() -> None:
    # "I could not reach you Our agreement allows this" (the DPO review of issue 21): free text
    # printed as a sentence before another one. A stop, a closing quote or bracket after one, and
    # French spacing before ? ! » are left as they are.
    from confdocs.render.filters import sentence

    cases = {
        "I could not reach you": "I could not reach you.",
        "I could not reach you  ": "I could not reach you.",
        "Done.": "Done.", "Really?": "Really?", "Stop!": "Stop!", "Wait…": "Wait…",
        'He said "stop."': 'He said "stop."', 'He said "stop"': 'He said "stop".',
        "(see the policy.)": "(see the policy.)", "(see the policy)": "(see the policy).",
        "« Je viendrai. »": "« Je viendrai. »", "« Je viendrai »": "« Je viendrai ».",
        "Vraiment\u202f?": "Vraiment\u202f?",
        "Il a dit\u00a0: «\u202fnon.\u202f»": "Il a dit\u00a0: «\u202fnon.\u202f»",
        "je n’ai pas pu vous joindre": "je n’ai pas pu vous joindre.",
        "": "",
    }
    for text, expected in cases.items():
        assert sentence(None, text) == expected, text


def test_templates_can_use_the_sentence_filter() -> None:
    from confdocs.render.environment import environment

    template = environment().from_string("{{ reason|capfirst|sentence }} Our agreement allows this.")
    assert template.render(reason="i could not reach you & Sam") == (
        "I could not reach you &amp; Sam. Our agreement allows this.")

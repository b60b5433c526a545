"""`confdocs render`: one template on one engagement, a letter or a decision record. Its errors name
the template, the paragraph as Word counts it, and the field, with the text `templates check`
gives; a template that would grow without bound is stopped before it takes the memory."""

from __future__ import annotations

from pathlib import Path

from ..docx_cases import make
from ..helpers import SAMPLES, confdocs_limited, document_text, guild_engagement, sample_data

TWO = "coaching-two-disclosures.json"
GUILD = "membership-guild.json"


def test_render_one_document(tmp_path: Path, run) -> None:
    from confdocs.resources import templates_dir

    target = tmp_path / "letter.docx"
    result = run("render", "-t", str(templates_dir() / "en-GB" / "disclosure-notice.docx"),
                 str(SAMPLES / TWO), "-o", str(target), "--disclosure",
                 sample_data(TWO)["disclosures"][1]["id"])
    assert result.exit_code == 0, result.output
    assert sample_data(TWO)["disclosures"][1]["consent_note"] in document_text(target)
    wrong = run("render", "-t", str(templates_dir() / "en-GB" / "disclosure-notice.docx"),
                str(SAMPLES / TWO), "-o", str(target), "--disclosure", "D9")
    assert wrong.exit_code == 2 and "no disclosure 'D9'" in wrong.stderr


def test_render_a_decision_record(tmp_path: Path, run) -> None:
    from confdocs.resources import templates_dir

    template = str(templates_dir() / "en-GB" / "decision-record.docx")
    decision = sample_data(TWO)["decisions"][1]
    target = tmp_path / "record.docx"
    result = run("render", "-t", template, str(SAMPLES / TWO), "-o", str(target),
                 "--decision", decision["id"])
    assert result.exit_code == 0, result.output
    text = document_text(target)
    assert decision["situation"] in text
    # The record states the decision, true on its date whether or not the disclosure is made yet.
    wanted = {"disclosed": "Decided to disclose", "not_disclosed": "Decided not to disclose",
              "client_disclosed": "would make the disclosure themselves"}[decision["outcome"]]
    assert wanted in text and "Disclosed" not in text
    none = run("render", "-t", template, str(SAMPLES / GUILD), "-o", str(target))
    assert none.exit_code == 2 and "has no decisions" in none.stderr


def test_error_inside_a_paragraph_tag_names_that_paragraph(tmp_path: Path, run) -> None:
    path = make(tmp_path / "try.docx", "First.", "{%p if parties.client.nmae %}", "Shown.", "{%p endif %}")
    result = run("render", "-t", str(path), str(SAMPLES / "membership-guild.json"), "-o",
                 str(tmp_path / "out.docx"))
    assert result.exit_code == 1
    assert ('try.docx: body paragraph 2 ("{%p if parties.client.nmae %}"): error: no field '
            "parties.client.nmae; did you mean parties.client.name? [unknown-field]"
            ) in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_misspelt_top_level_name(tmp_path: Path, run) -> None:
    path = make(tmp_path / "try.docx", "First.", "{{ titel }}")
    result = run("render", "-t", str(path), str(SAMPLES / "membership-guild.json"), "-o",
                 str(tmp_path / "out.docx"))
    assert ('body paragraph 2 ("{{ titel }}"): error: no field titel; did you mean title? '
            "[unknown-field]") in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_template_that_multiplies_a_string_into_gigabytes_is_refused(
        tmp_path: Path, run) -> None:
    import os

    template = make(tmp_path / "t" / "contract.docx", "{{ 'x' * 10**9 }}")
    result = run("render", "-t", str(template), str(guild_engagement(tmp_path)),
                 "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 1
    assert "1,000,000,000 characters" in result.stderr
    cache = Path(os.environ["CONFDOCS_CACHE_DIR"])
    assert all(entry.stat().st_size < 10_000_000 for entry in cache.glob("*.bin"))


def test_a_width_of_a_gigabyte_is_an_error_at_its_place_not_an_internal_error(
        tmp_path: Path) -> None:
    # Jinja ran the format filter on its constants while compiling the template, outside every
    # bound: out of memory, exit 3 (here in a child limited to 1 GiB).
    template = make(tmp_path / "t" / "contract.docx", "Hello {{ '%999999999s'|format('x') }}")
    result = confdocs_limited("render", "-t", str(template), str(guild_engagement(tmp_path)),
                              "-o", str(tmp_path / "out.docx"))
    assert result.code == 1, result.stderr
    assert ("""contract.docx: body paragraph 1 ("Hello {{ '%999999999s'|format('x') }}"): error: """
            "rendering it for a valid engagement with every optional field fails: the format "
            "'%999999999s' asks for 999,999,999 characters or items, more than the 1,000,000 a "
            "width or repetition in a template may make [render-fails]") in result.stderr
    assert 0 < result.peak_mib < 150
    assert not (tmp_path / "out.docx").exists()


def test_a_template_whose_text_grows_without_bound_is_stopped_before_it_takes_the_memory(
        tmp_path: Path, run) -> None:
    import resource
    import time

    # The text is made once, within the allowed size; printed over and over it would make a
    # gigabyte. (Made again at each turn, it is stopped sooner, by what a rendering may make:
    # tests/render/test_environment.py.)
    template = make(tmp_path / "t" / "contract.docx",
                    "{% set y = 'y' * 10000 %}{% for i in range(100000) %}{{ y }}{% endfor %}")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = run("render", "-t", str(template), str(guild_engagement(tmp_path)),
                 "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 1
    assert "makes too large a document" in result.stderr and "[render-unbounded]" in result.stderr
    assert time.perf_counter() - started < 5
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 400 * 1024  # without the bound: about 1 GiB
    assert not (tmp_path / "out.docx").exists()
    # The renderer itself stops, whatever checked the template before.
    import pytest

    from confdocs.engagement.validate import load_engagement
    from confdocs.errors import TemplateError
    from confdocs.render.context import engagement_context
    from confdocs.render.template import CompiledTemplate

    context = engagement_context(load_engagement(guild_engagement(tmp_path)).data)
    with pytest.raises(TemplateError, match="more than 64 million characters"):
        CompiledTemplate(template).render(context)

"""Template sets per locale (render.sets): chosen within the engagement's language, read per
language from an organisation's folder, each in another language with its catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from confdocs.render.sets import TemplateSet, TemplateSets, load_sets
from confdocs.resources import templates_dir

from ..helpers import ROOT, french_set


def test_choosing_stays_within_the_language() -> None:
    def one(locale: str) -> TemplateSet:
        return TemplateSet(locale, {"contract": Path(f"/{locale}/contract.docx")})

    sets = TemplateSets({s.locale: s for s in map(one, ["en-GB", "fr", "fr-FR", "fr-BE", "pt-BR"])})
    assert sets.choose("fr-BE", "contract").set_locale == "fr-BE"
    assert sets.choose("fr-CA", "contract").set_locale == "fr"
    assert sets.choose("en-US", "contract").set_locale == "en-GB"
    assert sets.choose("en-US", "contract").language == "en-US"
    assert sets.choose("pt-PT", "contract").set_locale == "pt-BR"
    with pytest.raises(Exception, match="locale de-AT: no template set in German"):
        sets.choose("de-AT", "contract")
    no_fr = TemplateSets({s.locale: s for s in map(one, ["en-GB", "fr-CH"])})
    assert no_fr.choose("fr-CA", "contract").set_locale == "fr-CH"
    fallback = TemplateSets(no_fr.sets, fallback="en-GB")
    chosen = fallback.choose("de-AT", "contract")
    assert (chosen.set_locale, chosen.language) == ("en-GB", "en-GB")


def test_an_organisations_folder_is_read_per_language(tmp_path: Path) -> None:
    own = tmp_path / "own"
    french_set(own)
    shutil.copy(templates_dir() / "en-GB" / "contract.docx", own / "contract.docx")
    sets = load_sets(own)
    assert sets.sets["en-GB"].own == frozenset({"contract"})
    assert sets.sets["fr-FR"].own == frozenset({"contract", "annex", "notice", "decision"})
    (own / "en-GB").mkdir()
    shutil.copy(templates_dir() / "en-GB" / "contract.docx", own / "en-GB")
    with pytest.raises(Exception, match="keep one of the two"):
        load_sets(own)


def test_a_set_in_another_language_needs_its_catalogue(tmp_path: Path) -> None:
    own = tmp_path / "own"
    folder = own / "de-DE"
    folder.mkdir(parents=True)
    shutil.copy(templates_dir() / "en-GB" / "contract.docx", folder)
    with pytest.raises(Exception, match=r"de-DE: no messages.po; copy .*messages.pot"):
        load_sets(own)


def test_the_shipped_sets_are_the_reference_and_french() -> None:
    names = sorted(p.name for p in templates_dir().iterdir() if p.is_dir())
    assert "en-GB" in names
    assert (ROOT / "templates" / "messages.pot").is_file()

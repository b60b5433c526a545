"""The compiled-template cache: a hit renders exactly what a fresh compile does, and a cache that
is damaged, stale or unusable is never an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from confdocs.render import cache
from confdocs.render.context import engagement_context
from confdocs.render.template import CompiledTemplate
from confdocs.resources import templates_dir
from confdocs.validate import load_engagement

from .conftest import SAMPLES


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONFDOCS_CACHE_DIR", str(folder))
    return folder


def _context() -> dict[str, object]:
    return engagement_context(load_engagement(SAMPLES / "coaching-two-disclosures.json").data)


def test_a_cached_template_renders_the_same_bytes(cache_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "contract.docx"
    shutil.copy(templates_dir() / "contract.docx", template)
    fresh = CompiledTemplate(template)
    assert len(list(cache_dir.glob("*.bin"))) == 1
    assert cache.load(fresh.sha256) is not None
    cached = CompiledTemplate(template)
    assert cached.render(_context()) == fresh.render(_context())


def test_a_changed_template_gets_its_own_entry(cache_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    shutil.copy(templates_dir() / "contract.docx", template)
    CompiledTemplate(template)
    shutil.copy(templates_dir() / "feedback-annex.docx", template)
    annex = CompiledTemplate(template)
    assert len(list(cache_dir.glob("*.bin"))) == 2
    expected = CompiledTemplate(templates_dir() / "feedback-annex.docx")
    assert annex.render(_context()) == expected.render(_context())


@pytest.mark.parametrize("damage", [b"", b"garbage", b"confdocs-compiled-template 1\x00\x01"])
def test_a_damaged_entry_is_compiled_again(cache_dir: Path, damage: bytes) -> None:
    path = templates_dir() / "disclosure-notice.docx"
    expected = CompiledTemplate(path)
    (entry,) = cache_dir.glob("*.bin")
    entry.write_bytes(damage)
    again = CompiledTemplate(path)
    assert again._order == expected._order
    assert entry.read_bytes() != damage  # mended


def test_an_entry_for_other_data_is_compiled_again(cache_dir: Path) -> None:
    path = templates_dir() / "disclosure-notice.docx"
    first = CompiledTemplate(path)
    cache.store(first.sha256, {"order": ["x"], "static": [], "parts": []})
    again = CompiledTemplate(path)
    assert again._order == first._order


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CONFDOCS_CACHE_DIR", str(blocker / "cache"))
    assert CompiledTemplate(templates_dir() / "contract.docx")._parts


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFDOCS_NO_CACHE", "1")
    CompiledTemplate(templates_dir() / "contract.docx")
    assert not cache_dir.exists()


def test_entries_unused_for_a_month_go_and_used_ones_stay(cache_dir: Path, tmp_path: Path) -> None:
    import os
    import time

    used = CompiledTemplate(templates_dir() / "contract.docx")
    (used_entry,) = cache_dir.glob("*.bin")
    stale = cache_dir / ("0" * 40 + ".bin")
    stale.write_bytes(b"an entry of a template nobody compiles any more")
    long_ago = time.time() - 40 * 24 * 3600
    for entry in (used_entry, stale):
        os.utime(entry, (long_ago, long_ago))
    assert cache.load(used.sha256) is not None  # used today
    template = tmp_path / "annex.docx"
    shutil.copy(templates_dir() / "feedback-annex.docx", template)
    CompiledTemplate(template)  # storing a new entry prunes
    assert used_entry.exists()
    assert not stale.exists()

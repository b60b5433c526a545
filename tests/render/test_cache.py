"""The compiled-template cache: a hit renders exactly what a fresh compile does, and a cache that
is damaged, stale or unusable is never an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from confdocs.engagement.validate import load_engagement
from confdocs.render import cache
from confdocs.render.context import engagement_context
from confdocs.render.template import CompiledTemplate
from confdocs.resources import templates_dir

from ..helpers import SAMPLES


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONFDOCS_CACHE_DIR", str(folder))
    return folder


def _context() -> dict[str, object]:
    return engagement_context(load_engagement(SAMPLES / "coaching-two-disclosures.json").data)


def test_a_cached_template_renders_the_same_bytes(cache_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "contract.docx"
    shutil.copy(templates_dir() / "en-GB" / "contract.docx", template)
    fresh = CompiledTemplate(template)
    assert len(list(cache_dir.glob("*.bin"))) == 1
    assert cache.load(fresh.sha256) is not None
    cached = CompiledTemplate(template)
    assert cached.render(_context()) == fresh.render(_context())


def test_a_changed_template_gets_its_own_entry(cache_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    shutil.copy(templates_dir() / "en-GB" / "contract.docx", template)
    CompiledTemplate(template)
    shutil.copy(templates_dir() / "en-GB" / "feedback-annex.docx", template)
    annex = CompiledTemplate(template)
    assert len(list(cache_dir.glob("*.bin"))) == 2
    expected = CompiledTemplate(templates_dir() / "en-GB" / "feedback-annex.docx")
    assert annex.render(_context()) == expected.render(_context())


@pytest.mark.parametrize("damage", [b"", b"garbage", b"confdocs-compiled-template 1\x00\x01"])
def test_a_damaged_entry_is_compiled_again(cache_dir: Path, damage: bytes) -> None:
    path = templates_dir() / "en-GB" / "disclosure-notice.docx"
    expected = CompiledTemplate(path)
    (entry,) = cache_dir.glob("*.bin")
    entry.write_bytes(damage)
    again = CompiledTemplate(path)
    assert again._order == expected._order
    assert entry.read_bytes() != damage  # mended


def test_an_entry_for_other_data_is_compiled_again(cache_dir: Path) -> None:
    path = templates_dir() / "en-GB" / "disclosure-notice.docx"
    first = CompiledTemplate(path)
    cache.store(first.sha256, {"order": ["x"], "static": [], "parts": []})
    again = CompiledTemplate(path)
    assert again._order == first._order


def test_an_entry_with_parts_in_the_earlier_shape_is_compiled_again(cache_dir: Path) -> None:
    # Format 2 kept each part as a positional 9-tuple; such an entry is never read by position.
    path = templates_dir() / "en-GB" / "contract.docx"
    first = CompiledTemplate(path)
    payload = cache.load(first.sha256)
    assert payload is not None and all(isinstance(part, dict) for part in payload["parts"])
    cache.store(first.sha256, {**payload, "parts": [tuple(part.values())
                                                    for part in payload["parts"]]})
    again = CompiledTemplate(path)
    assert again.render(_context()) == first.render(_context())
    mended = cache.load(first.sha256)
    assert mended is not None and all(isinstance(part, dict) for part in mended["parts"])


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CONFDOCS_CACHE_DIR", str(blocker / "cache"))
    assert CompiledTemplate(templates_dir() / "en-GB" / "contract.docx")._parts


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFDOCS_NO_CACHE", "1")
    CompiledTemplate(templates_dir() / "en-GB" / "contract.docx")
    assert not cache_dir.exists()


def test_entries_unused_for_a_month_go_and_used_ones_stay(cache_dir: Path, tmp_path: Path) -> None:
    import os
    import time

    used = CompiledTemplate(templates_dir() / "en-GB" / "contract.docx")
    (used_entry,) = cache_dir.glob("*.bin")
    stale = cache_dir / ("0" * 40 + ".bin")
    stale.write_bytes(b"an entry of a template nobody compiles any more")
    long_ago = time.time() - 40 * 24 * 3600
    for entry in (used_entry, stale):
        os.utime(entry, (long_ago, long_ago))
    assert cache.load(used.sha256) is not None  # used today
    template = tmp_path / "annex.docx"
    shutil.copy(templates_dir() / "en-GB" / "feedback-annex.docx", template)
    CompiledTemplate(template)  # storing a new entry prunes
    assert used_entry.exists()
    assert not stale.exists()


def _good_entry(cache_dir: Path) -> tuple[Path, CompiledTemplate]:
    expected = CompiledTemplate(templates_dir() / "en-GB" / "contract.docx")
    (entry,) = cache_dir.glob("*.bin")
    return entry, expected


def test_one_flipped_byte_in_an_entry_is_never_used(cache_dir: Path) -> None:
    entry, expected = _good_entry(cache_dir)
    raw = bytearray(entry.read_bytes())
    for offset in range(len(raw) // 3, len(raw), max(1, len(raw) // 40)):
        damaged = bytearray(raw)
        damaged[offset] ^= 0x20
        entry.write_bytes(bytes(damaged))
        assert cache.load(expected.sha256) is None, offset
    entry.write_bytes(bytes(damaged))
    assert CompiledTemplate(templates_dir() / "en-GB" / "contract.docx").render(_context()) == \
        expected.render(_context())


def test_an_entry_without_the_right_digest_is_never_unmarshalled(
        cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    entry, expected = _good_entry(cache_dir)
    # A crafted entry: the right header, any payload, a digest made without the key.
    forged = cache._FORMAT + bytes(32) + marshal.dumps({"order": []})
    entry.write_bytes(forged)

    def refuse(data: bytes) -> object:
        raise AssertionError("a forged entry reached marshal")

    monkeypatch.setattr(cache.marshal, "loads", refuse)
    assert cache.load(expected.sha256) is None


def test_the_key_is_kept_outside_the_cache_folder_for_the_user_alone(cache_dir: Path) -> None:
    _good_entry(cache_dir)
    key = cache.key_path()
    assert key is not None and key.is_file()
    assert cache_dir not in key.parents
    assert key.stat().st_mode & 0o077 == 0


def test_a_key_others_may_read_turns_the_cache_off(cache_dir: Path) -> None:
    _, expected = _good_entry(cache_dir)
    key = cache.key_path()
    assert key is not None
    key.chmod(0o644)
    try:
        assert cache.load(expected.sha256) is None
    finally:
        key.chmod(0o600)
    assert cache.load(expected.sha256) is not None


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() != 0,
                    reason="needs root to give a file to another user")
def test_an_entry_another_user_owns_is_never_loaded(cache_dir: Path) -> None:
    import os

    entry, expected = _good_entry(cache_dir)
    os.chown(entry, 65534, 65534)
    assert cache.load(expected.sha256) is None


def test_two_valid_entries_swapped_are_never_used_as_each_other(cache_dir: Path,
                                                                 tmp_path: Path) -> None:
    # Issue 28: an entry's signature covered its body alone, so the English contract's entry
    # moved to the French contract's name was used for the French contract.
    english = tmp_path / "en" / "contract.docx"
    french = tmp_path / "fr" / "contract.docx"
    for path, locale in ((english, "en-GB"), (french, "fr-FR")):
        path.parent.mkdir()
        shutil.copy(templates_dir() / locale / "contract.docx", path)
    made = {path: CompiledTemplate(path) for path in (english, french)}
    entries = {path: cache._entry(made[path].sha256) for path in made}
    assert all(entry is not None and entry.is_file() for entry in entries.values())
    english_entry, french_entry = entries[english], entries[french]
    assert english_entry is not None and french_entry is not None
    english_bytes, french_bytes = english_entry.read_bytes(), french_entry.read_bytes()
    english_entry.write_bytes(french_bytes)
    french_entry.write_bytes(english_bytes)
    assert cache.load(made[english].sha256) is None
    assert cache.load(made[french].sha256) is None
    context = engagement_context(load_engagement(SAMPLES / "coaching-fr-lyon.json").data)
    again = CompiledTemplate(french)  # compiled afresh, from the French template
    assert again.render(context) == made[french].render(context)


"""The import journal: a stopped import is finished (or undone) by the next, and a journal that
is damaged or forged is never replayed (issue 28)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from confdocs.engagement.import_journal import (
    JOURNAL,
    STAGED,
    commit,
    pending,
    recover,
)
from confdocs.errors import InputError


def _staged(out: Path, final: str, content: bytes) -> str:
    name = f"{STAGED}1-0123456789abcdef-{final}"
    (out / name).write_bytes(content)
    return name


def _journal(out: Path, renames: list[list[str]]) -> None:
    (out / JOURNAL).write_text(json.dumps({"tool": "confdocs import", "renames": renames}),
                               encoding="utf-8")


def _names(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir())


def test_commit_puts_every_file_in_place_and_leaves_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"old a")
    commit(tmp_path, [("a.json", b"new a"), ("b.json", b"new b"), (".rec.json", b"record")])
    assert (tmp_path / "a.json").read_bytes() == b"new a"
    assert (tmp_path / "b.json").read_bytes() == b"new b"
    assert _names(tmp_path) == [".rec.json", "a.json", "b.json"]


def test_a_complete_journal_is_replayed_to_the_end(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"new a")  # renamed before the stop
    (tmp_path / "b.json").write_bytes(b"old b")
    b = _staged(tmp_path, "b.json", b"new b")
    record = _staged(tmp_path, ".confdocs-import.json", b"new record")
    _journal(tmp_path, [[f"{STAGED}1-0123456789abcdef-a.json", "a.json"], [b, "b.json"],
                        [record, ".confdocs-import.json"]])
    assert pending(tmp_path)
    assert recover(tmp_path) == []
    assert (tmp_path / "b.json").read_bytes() == b"new b"
    assert (tmp_path / ".confdocs-import.json").read_bytes() == b"new record"
    assert _names(tmp_path) == [".confdocs-import.json", "a.json", "b.json"]
    assert not pending(tmp_path)


def test_staged_files_without_a_journal_are_removed(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"old a")
    _staged(tmp_path, "a.json", b"new a")
    (tmp_path / f"{STAGED}2-ffff-{JOURNAL}").write_bytes(b'{"renames": [')  # half a journal
    assert recover(tmp_path) == []
    assert _names(tmp_path) == ["a.json"]
    assert (tmp_path / "a.json").read_bytes() == b"old a"


@pytest.mark.parametrize("journal", [
    b'{"tool": "confdocs import", "renames": [["',  # truncated
    b"\xff\xfe garbled",
    b"[]",
    b'{"renames": {"a": "b"}}',
    b'{"renames": [["x", "y", "z"]]}',
])
def test_a_damaged_journal_is_not_replayed_and_is_said(tmp_path: Path, journal: bytes) -> None:
    (tmp_path / "a.json").write_bytes(b"old a")
    _staged(tmp_path, "a.json", b"new a")
    (tmp_path / JOURNAL).write_bytes(journal)
    findings = recover(tmp_path)
    assert [f.code for f in findings] == ["import-journal-damaged"]
    assert findings[0].file == str(tmp_path / JOURNAL) and not findings[0].is_error
    assert _names(tmp_path) == ["a.json"]
    assert (tmp_path / "a.json").read_bytes() == b"old a"


@pytest.mark.parametrize("final", ["../outside.json", "/tmp/abs.json", "sub/a.json", "a.txt",
                                   ".."])
def test_a_journal_naming_a_file_elsewhere_is_never_replayed(tmp_path: Path, final: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    temp = f"{STAGED}1-0123456789abcdef-{os.path.basename(final)}"
    (out / temp).write_bytes(b"planted")
    _journal(out, [[temp, final]])
    assert [f.code for f in recover(out)] == ["import-journal-damaged"]
    assert not (tmp_path / "outside.json").exists() and not (out / "a.txt").exists()
    assert _names(out) == []


def test_a_link_at_a_staged_name_is_never_moved_into_place(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    temp = f"{STAGED}1-0123456789abcdef-a.json"
    (out / temp).symlink_to(secret)
    _journal(out, [[temp, "a.json"]])
    assert [f.code for f in recover(out)] == ["import-journal-damaged"]
    assert not (out / "a.json").exists() and _names(out) == []
    assert secret.read_text(encoding="utf-8") == "secret"


def test_a_link_at_the_journal_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"renames": []}', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / JOURNAL).symlink_to(elsewhere)
    with pytest.raises(InputError, match="symbolic link"):
        recover(out)
    assert elsewhere.exists()


def test_a_stop_while_staging_removes_what_was_staged(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.json").write_bytes(b"old a")
    real = os.replace

    def refused(source: object, target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", refused)  # the journal cannot be put in place
    with pytest.raises(KeyboardInterrupt):
        commit(tmp_path, [("a.json", b"new a"), ("b.json", b"new b")])
    monkeypatch.setattr(os, "replace", real)
    assert _names(tmp_path) == ["a.json"]
    assert (tmp_path / "a.json").read_bytes() == b"old a"

"""One build at a time per output folder (confdocs/lock.py): on Windows, one byte locked without
waiting."""

from __future__ import annotations

from pathlib import Path


def test_the_lock_on_windows_takes_one_byte_without_waiting(
        tmp_path: Path, monkeypatch) -> None:
    """The Windows branch, with a stand-in for msvcrt that keeps Windows' rule: a byte range
    locked through one handle cannot be locked through another until that handle closes."""
    import os
    import sys
    import types

    import pytest

    from confdocs.lock import BusyError, locked

    held: dict[str, int] = {}
    calls: list[tuple[int, int, int]] = []

    def locking(fd: int, mode: int, nbytes: int) -> None:
        calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, nbytes))
        key = os.path.realpath(f"/proc/self/fd/{fd}")
        if held.get(key, fd) != fd:
            raise OSError(36, "Resource deadlock avoided")
        held[key] = fd

    msvcrt = types.SimpleNamespace(LK_NBLCK=2, locking=locking)
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(sys, "platform", "win32")
    out = tmp_path / "out"
    with locked(out), pytest.raises(BusyError, match="another confdocs build"), locked(out):
        pass
    assert calls == [(0, 2, 1), (0, 2, 1)]  # one byte at the start, never the blocking mode

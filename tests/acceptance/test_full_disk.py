"""A full disk, and the files of ours it leaves cut short (issue 28).

A full disk is simulated in process: the k-th write (``os.write``, or a write to a file
``os.fdopen`` opened for writing) fails with ENOSPC, for every k a run makes; either the disk
stays full from then on, or the space comes back at once (a worker's temporary file removed
after its own write failed). Build and import must then end with exit 2 and one line saying
so (or, for a build, exit 1 naming the documents that could not be written), never exit 3, and
lose nothing written before. Then each file of ours that a failed run could leave cut short or
garbled (manifest.json and its journal, the import record and journal, the template cache's
entries and key) is read back by the next run: said or ignored, never exit 3.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..helpers import SAMPLES

PROFILE = SAMPLES / "cohort" / "profiles" / "harbour-vale-2026.json"
INPUTS = [SAMPLES / "coaching-two-disclosures.json", SAMPLES / "coaching-fr-lyon.json"]
HEADER = "id,parties.client.name,parties.client.email,dates.start,dates.end"


class FullDisk:
    """Writes fail with ENOSPC: the k-th one, and with ``stays`` every one after it."""

    def __init__(self, k: int, stays: bool) -> None:
        self.k, self.stays, self.count, self.failed = k, stays, 0, False

    def write(self) -> None:
        self.count += 1
        if self.count == self.k or (self.stays and self.count > self.k):
            self.failed = True
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _Writer:
    """A file opened for writing whose writes go through ``disk`` first (a write refused is not
    buffered, as Python's own buffered writer does when the flush it needs fails)."""

    def __init__(self, file: Any, disk: FullDisk) -> None:
        self._file, self._disk = file, disk

    def write(self, data: Any) -> Any:
        self._disk.write()
        return self._file.write(data)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._disk.write()
        self._file.flush()

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    real_write, real_fdopen = os.write, os.fdopen

    def install(disk: FullDisk) -> None:
        def write(fd: int, data: Any) -> int:
            disk.write()
            return real_write(fd, data)

        def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            file = real_fdopen(fd, mode, *args, **kwargs)
            return _Writer(file, disk) if ("w" in mode or "a" in mode) else file

        monkeypatch.setattr(os, "write", write)
        monkeypatch.setattr(os, "fdopen", fdopen)

    yield install
    monkeypatch.undo()


def _no_bug(result: Any) -> None:
    assert result.exit_code != 3 and "internal error" not in result.output, result.output
    assert "Traceback" not in result.output, result.output


def _recorded(out: Path) -> dict[str, str]:
    """Every output manifest.json lists, with its sha256; each is there and has it."""
    document = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry["sha256"] for entry in document["outputs"]}
    for path, sha in listed.items():
        assert hashlib.sha256((out / path).read_bytes()).hexdigest() == sha, path
    return listed


@pytest.mark.parametrize("stays", [False, True], ids=["space-comes-back", "stays-full"])
def test_a_build_on_a_full_disk_exits_2_or_1_and_loses_nothing(tmp_path: Path, run, full_disk,
                                                               stays: bool) -> None:
    base = tmp_path / "base"
    built = run("build", *map(str, INPUTS), "--out", str(base), "-j", "1")
    assert built.exit_code == 0, built.output
    before = _recorded(base)
    k = 1
    while True:
        out = tmp_path / f"k{k}"
        shutil.copytree(base, out)
        disk = FullDisk(k, stays)
        full_disk(disk)
        result = run("build", *map(str, INPUTS), "--out", str(out), "-j", "1", "--force")
        full_disk(FullDisk(0, False))  # the disk has space again
        _no_bug(result)
        if not disk.failed:
            assert result.exit_code == 0
            break
        assert result.exit_code in (1, 2), result.output
        if result.exit_code == 2:
            errors = [line for line in result.output.splitlines() if "error" in line]
            assert errors == [errors[0]] and "No space left on device" in errors[0], result.output
        else:
            assert "No space left on device" in result.output, result.output
        # What the folder held is still there and still recorded; the next build completes it.
        assert _recorded(out) == before or set(_recorded(out)) <= set(before)
        assert all((out / path).exists() for path in before)
        again = run("build", *map(str, INPUTS), "--out", str(out), "-j", "1")
        assert again.exit_code == 0, again.output
        assert _recorded(out) == before
        k += 1
        assert k < 500
    assert k > 10  # every write was refused once


@pytest.mark.parametrize("stays", [False, True], ids=["space-comes-back", "stays-full"])
def test_an_import_on_a_full_disk_exits_2_and_changes_nothing(tmp_path: Path, run, full_disk,
                                                              stays: bool) -> None:
    old_roster = tmp_path / "old.csv"
    new_roster = tmp_path / "new.csv"
    old_roster.write_text(HEADER + "\n" + "".join(
        f"R-{n},Old {n},r{n}@example.com,2026-02-02,2026-07-31\n" for n in range(4)),
        encoding="utf-8")
    new_roster.write_text(HEADER + "\n" + "".join(
        f"R-{n},New {n},r{n}@example.com,2026-02-02,2026-07-31\n" for n in range(6)),
        encoding="utf-8")
    base = tmp_path / "base"
    imported = run("import", str(old_roster), "--profile", str(PROFILE), "--out", str(base))
    assert imported.exit_code == 0, imported.output
    old = {p.name: p.read_bytes() for p in base.iterdir()}
    k = 1
    while True:
        out = tmp_path / f"k{k}"
        shutil.copytree(base, out)
        disk = FullDisk(k, stays)
        full_disk(disk)
        result = run("import", str(new_roster), "--profile", str(PROFILE), "--out", str(out))
        full_disk(FullDisk(0, False))
        _no_bug(result)
        if not disk.failed:
            assert result.exit_code == 0
            break
        assert result.exit_code == 2, result.output
        assert result.output.splitlines() == [
            f"confdocs: error: {out}: cannot be written (No space left on device); nothing was "
            "changed: free some space, check the folder's permissions, or choose another --out"]
        assert {p.name: p.read_bytes() for p in out.iterdir()} == old
        again = run("import", str(new_roster), "--profile", str(PROFILE), "--out", str(out))
        assert again.exit_code == 0 and "6 rows" in again.output, again.output
        k += 1
        assert k < 100
    assert k > 5


# --- files of ours cut short or garbled ------------------------------------------------------

DAMAGE = {
    "empty": lambda raw: b"",
    "half": lambda raw: raw[: len(raw) // 2],
    "one byte short": lambda raw: raw[:-2],
    "garbled": lambda raw: raw[:10] + b"\xff\x00\x81" + raw[13:],
    "nested": lambda raw: b"[" * 100_000,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from confdocs.cli import main

    out = tmp_path_factory.mktemp("built") / "out"
    assert main(["build", *map(str, INPUTS), "--out", str(out), "-j", "1"]) == 0
    return out


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("name", ["manifest.json", ".manifest.journal"])
def test_a_damaged_manifest_or_journal_is_said_and_built_again(tmp_path: Path, run, built: Path,
                                                               name: str, damage: str) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    raw = (out / "manifest.json").read_bytes()
    if name == ".manifest.journal":  # as a build killed part of the way leaves it
        entries = json.loads(raw)["outputs"]
        raw = "".join(json.dumps(entry) + "\n" for entry in entries).encode()
    (out / name).write_bytes(DAMAGE[damage](raw))
    result = run("build", *map(str, INPUTS), "--out", str(out), "-j", "1")
    _no_bug(result)
    assert result.exit_code == 0, result.output
    assert set(_recorded(out)) == set(_recorded(built))
    assert not (out / ".manifest.journal").exists()
    merged = run("merge-manifests", str(out / "manifest.json"), "--output", str(tmp_path / "m.json"))
    assert merged.exit_code == 0, merged.output


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_manifest_given_to_merge_is_a_usage_error(tmp_path: Path, run, built: Path,
                                                            damage: str) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_bytes(DAMAGE[damage]((built / "manifest.json").read_bytes()))
    result = run("merge-manifests", str(manifest), "--output", str(tmp_path / "m.json"))
    _no_bug(result)
    assert result.exit_code == 2, result.output
    assert f"{manifest}: not a confdocs manifest" in result.output


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("name", [".confdocs-import.json", ".confdocs-import.journal"])
def test_a_damaged_import_record_or_journal_is_said(tmp_path: Path, run, name: str,
                                                    damage: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(HEADER + "\nR-1,One,r1@example.com,2026-02-02,2026-07-31\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    assert run("import", str(roster), "--profile", str(PROFILE), "--out", str(out)).exit_code == 0
    raw = (out / ".confdocs-import.json").read_bytes()
    if name == ".confdocs-import.journal":
        raw = json.dumps({"tool": "confdocs import", "renames": [
            [".confdocs-import-tmp-1-00-R-1.json", "R-1.json"]]}).encode()
    (out / name).write_bytes(DAMAGE[damage](raw))
    if name == ".confdocs-import.journal":  # validate and build say so
        said = run("validate", str(out))
        assert said.exit_code == 2 and "was interrupted" in said.output, said.output
    roster.write_text(HEADER + "\nR-1,Changed,r1@example.com,2026-02-02,2026-07-31\n",
                      encoding="utf-8")
    result = run("import", str(roster), "--profile", str(PROFILE), "--out", str(out))
    _no_bug(result)
    assert result.exit_code == 0, result.output
    code = ("import-record-damaged" if name == ".confdocs-import.json"
            else "import-journal-damaged")
    assert f"{out / name}:1:1: warning: " in result.output and f"[{code}]" in result.output
    forced = run("import", str(roster), "--profile", str(PROFILE), "--out", str(out), "--force")
    assert forced.exit_code == 0 and "warning:" not in forced.output, forced.output
    assert json.loads((out / "R-1.json").read_text(encoding="utf-8"))["parties"]["client"][
        "name"] == "Changed"
    assert run("validate", str(out)).exit_code == 0


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_template_cache_entry_or_key_is_ignored_and_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    from confdocs.render import cache as template_cache

    monkeypatch.setenv("CONFDOCS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    sha = "ab" * 32
    payload = {"parts": ["compiled"], "size": 3}
    template_cache.store(sha, payload)
    assert template_cache.load(sha) == payload
    entries = sorted((tmp_path / "cache").rglob("*.bin"))
    key = template_cache.key_path()
    assert entries and key is not None and key.exists()
    for path in [*entries, key]:  # as a run stopped by a full disk could leave them
        path.write_bytes(DAMAGE[damage](path.read_bytes()))
    assert template_cache.load(sha) is None  # ignored
    template_cache.store(sha, payload)  # and made again, key and all
    assert template_cache.load(sha) == payload
    assert key.stat().st_mode & 0o077 == 0


def test_a_build_with_a_damaged_template_cache_makes_the_same_documents(tmp_path: Path) -> None:
    env = {**os.environ, "CONFDOCS_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_STATE_HOME": str(tmp_path / "state")}

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "confdocs", "build", str(INPUTS[0]),
                               "--out", str(out), "-j", "1"], capture_output=True, text=True,
                              env=env, timeout=120, check=False)

    assert build(tmp_path / "a").returncode == 0
    for path in [*(tmp_path / "cache").rglob("*.bin"), tmp_path / "state" / "confdocs" /
                 "cache.key"]:
        path.write_bytes(path.read_bytes()[:20])
    again = build(tmp_path / "b")
    assert again.returncode == 0, again.stderr
    made = sorted((tmp_path / "a").rglob("*.docx"))
    assert made and all((tmp_path / "b" / doc.relative_to(tmp_path / "a")).read_bytes()
                        == doc.read_bytes() for doc in made)

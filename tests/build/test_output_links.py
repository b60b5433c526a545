"""No symbolic link planted in an output folder is ever written through (issue 28, item 1): not at
the names temporary files had (``.confdocs-tmp-<pid>-<name>``, for every pid a run could have), not
at the journal, not at the lock. Whoever can write into ``--out`` (a shared folder, a CI cache)
must not be able to make confdocs overwrite, append to or create a file elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from confdocs.atomic import LinkRefused, open_no_follow, write_atomic

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "coaching-two-disclosures.json"
COHORT = ROOT / "samples" / "cohort"
VICTIM_TEXT = b"the victim's own content\n"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges there")

# Pids a run started now may have: this process, and the workers it forks next.
PIDS = range(os.getpid(), os.getpid() + 400)


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "elsewhere" / "victim.txt"
    victim.parent.mkdir(exist_ok=True)
    victim.write_bytes(VICTIM_TEXT)
    return victim


def _plant(folder: Path, names: list[str], victim: Path) -> int:
    """Links at the temporary name of each of ``names`` for every pid in PIDS."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        for pid in PIDS:
            (folder / f".confdocs-tmp-{pid}-{name}").symlink_to(victim)
    return len(names) * len(PIDS)


def test_a_build_never_writes_through_a_link_at_a_temporary_name(tmp_path: Path, run) -> None:
    victim = _victim(tmp_path)
    out = tmp_path / "out"
    documents = [f"LSE-EC-2026-002-{name}.docx" for name in (
        "contract", "decision-DEC-1", "decision-DEC-2", "disclosure-D1", "disclosure-D2")]
    _plant(out, ["manifest.json"], victim)
    _plant(out / "LSE-EC-2026-002", documents, victim)
    for jobs in ("1", "2"):
        result = run("build", str(SAMPLE), "--out", str(out), "--jobs", jobs, "--force")
        assert result.exit_code == 0, result.output
        assert victim.read_bytes() == VICTIM_TEXT
    made = [path.name for path in (out / "LSE-EC-2026-002").iterdir() if not path.is_symlink()]
    assert sorted(made) == sorted(documents)
    assert (out / "manifest.json").read_bytes().startswith(b'{\n  "tool": "confdocs"')


def test_an_import_never_writes_through_a_link_at_a_temporary_name(tmp_path: Path,
                                                                    run) -> None:
    victim = _victim(tmp_path)
    out = tmp_path / "engagements"
    names = [f"HV-LC-2026-00{n}.json" for n in range(1, 6)] + [".confdocs-import.json"]
    _plant(out, names, victim)
    result = run("import", str(COHORT / "roster.csv"), "--profile",
                 str(COHORT / "profiles" / "harbour-vale-2026.json"), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == VICTIM_TEXT
    assert (out / "HV-LC-2026-001.json").read_bytes().startswith(b"{")


def test_a_link_where_the_journal_belongs_is_an_error_that_names_it(tmp_path: Path,
                                                                     run) -> None:
    victim = _victim(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".manifest.journal").symlink_to(victim)
    result = run("build", str(SAMPLE), "--out", str(out))
    assert result.exit_code == 2
    assert ".manifest.journal: is a symbolic link, which confdocs never writes through; " \
           "remove it" in result.stderr
    assert victim.read_bytes() == VICTIM_TEXT
    (out / ".manifest.journal").unlink()
    assert run("build", str(SAMPLE), "--out", str(out)).exit_code == 0


def test_a_link_where_the_lock_belongs_is_an_error_that_names_it(tmp_path: Path, run) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere" / "created-by-the-build"
    elsewhere.parent.mkdir()
    (out / ".confdocs.lock").symlink_to(elsewhere)
    result = run("build", str(SAMPLE), "--out", str(out))
    assert result.exit_code == 2
    assert ".confdocs.lock: is a symbolic link, which confdocs never writes through" in (
        result.stderr)
    assert not elsewhere.exists()


def test_write_atomic_replaces_a_link_at_the_target_and_never_writes_its_target(
        tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    target = tmp_path / "out" / "manifest.json"
    target.parent.mkdir()
    target.symlink_to(victim)
    write_atomic(target, b"new")
    assert not target.is_symlink() and target.read_bytes() == b"new"
    assert victim.read_bytes() == VICTIM_TEXT
    assert [path.name for path in target.parent.iterdir()] == ["manifest.json"]


def test_open_no_follow_refuses_a_link_dangling_or_not(tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    (tmp_path / "to-victim").symlink_to(victim)
    (tmp_path / "dangling").symlink_to(tmp_path / "nothing")
    for name in ("to-victim", "dangling"):
        with pytest.raises(LinkRefused) as refused:
            open_no_follow(tmp_path / name, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        assert refused.value.filename == str(tmp_path / name)
    assert victim.read_bytes() == VICTIM_TEXT and not (tmp_path / "nothing").exists()
